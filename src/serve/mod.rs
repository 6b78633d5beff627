//! `jobsmith serve`: builds the board into memory, serves it on loopback, watches the board's
//! files, rebuilds on every change and makes open pages reload themselves.
//!
//! State: the site last built (`memory::Snapshot`), the error of the last rebuild if it failed,
//! and a generation number that pages compare against to know when to reload. The site never
//! touches the disk: `public/` is left as it is and there is no temporary folder to clean up.
//!
//! Threads: tokio serves HTTP; one plain thread receives the watcher's debounced events and
//! rebuilds, then swaps the new snapshot in.

mod cache;
mod http;
mod memory;
mod rebuild;
mod reload;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Context as _;
use chrono::{DateTime, Utc};

use memory::Snapshot;
use rebuild::Rebuilder;

/// What `jobsmith serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The board's folder.
    pub root: PathBuf,
    /// The address to listen on; loopback unless the user says otherwise.
    pub bind: IpAddr,
    /// 0 lets the system choose a free port.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    pub drafts: bool,
    /// The build clock, fixed for the whole session so that pages only change with the board.
    pub now: DateTime<Utc>,
    /// Print the wall time of each stage after every build.
    pub timings: bool,
}

/// What the server shares between the HTTP handlers and the rebuild thread.
pub struct State {
    /// The last good site.
    site: RwLock<Arc<Snapshot>>,
    /// Why the last rebuild failed, until one succeeds.
    error: RwLock<Option<String>>,
    /// Changes on every rebuild, good or bad; pages reload when it differs from theirs.
    generation: tokio::sync::watch::Sender<u64>,
}

impl State {
    fn new(site: Arc<Snapshot>) -> State {
        // Starting from the clock means a page from an earlier run reloads after a restart.
        let start = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(1, |d| d.as_millis() as u64);
        State {
            site: RwLock::new(site),
            error: RwLock::new(None),
            generation: tokio::sync::watch::Sender::new(start),
        }
    }

    /// The site being served.
    fn site(&self) -> Arc<Snapshot> {
        Arc::clone(&self.site.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// The error of the last rebuild, if it failed.
    fn error(&self) -> Option<String> {
        self.error.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn generation(&self) -> u64 {
        *self.generation.borrow()
    }

    /// Records a rebuild's outcome and tells every open page.
    fn publish(&self, outcome: Result<Arc<Snapshot>, String>) {
        let mut replaced = None;
        match outcome {
            Ok(site) => {
                let mut current = self.site.write().unwrap_or_else(|e| e.into_inner());
                replaced = Some(std::mem::replace(&mut *current, site));
                drop(current);
                *self.error.write().unwrap_or_else(|e| e.into_inner()) = None;
            }
            Err(message) => *self.error.write().unwrap_or_else(|e| e.into_inner()) = Some(message),
        }
        self.generation.send_modify(|g| *g += 1);
        // Freeing thousands of pages takes a while: only once the new site is out.
        drop(replaced);
    }
}

/// Runs `jobsmith serve` until Ctrl-C.
pub fn run(options: &ServeOptions) -> anyhow::Result<()> {
    // Absolute, so that the watcher's paths and the loader's paths compare equal.
    let root = options
        .root
        .canonicalize()
        .with_context(|| format!("cannot open the board folder {}", options.root.display()))?;
    let options = &ServeOptions {
        root,
        ..options.clone()
    };
    let listener = bind(options.bind, options.port)?;
    let address = listener
        .local_addr()
        .context("cannot read the bound address")?;
    let url = format!("http://{}/", shown(address));
    let loopback = options.bind.is_loopback();
    let mut rebuilder = Rebuilder::new(options, &url);
    let first = rebuilder.first_build()?;
    let state = Arc::new(State::new(first));
    watch::start(&options.root, rebuilder, Arc::clone(&state))?;
    println!("Serving {} at {url} (Ctrl-C stops)", options.root.display());
    if !loopback {
        eprintln!(
            "warning: listening on {address}, so other machines on the network can reach this preview; \
             use --bind 127.0.0.1 to keep it to this machine"
        );
    }
    if options.open {
        open_browser(&url);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    let result = runtime.block_on(http::serve(listener, state, loopback));
    // Open event streams never end by themselves: stop without waiting for them.
    runtime.shutdown_timeout(Duration::from_millis(100));
    result
}

/// Binds the listening socket, with a useful message when the port is taken.
fn bind(ip: IpAddr, port: u16) -> anyhow::Result<TcpListener> {
    let address = SocketAddr::new(ip, port);
    let listener = TcpListener::bind(address).map_err(|err| {
        if err.kind() == std::io::ErrorKind::AddrInUse {
            let suggestion = free_port_after(ip, port)
                .map_or_else(String::new, |free| format!("--port {free}, which is free now, or "));
            anyhow::anyhow!(
                "{address} is already in use; choose another port: {suggestion}--port 0 for any free one"
            )
        } else {
            anyhow::Error::new(err).context(format!("cannot listen on {address}"))
        }
    })?;
    listener
        .set_nonblocking(true)
        .context("cannot configure the listening socket")?;
    Ok(listener)
}

/// The first of the next few ports that could be bound just now, to suggest in place of a taken one.
fn free_port_after(ip: IpAddr, port: u16) -> Option<u16> {
    (1..=20)
        .filter_map(|step| port.checked_add(step))
        .find(|&candidate| TcpListener::bind(SocketAddr::new(ip, candidate)).is_ok())
}

/// The address as a browser can reach it: an unspecified bind address is reached on loopback.
fn shown(address: SocketAddr) -> SocketAddr {
    match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => SocketAddr::from(([127, 0, 0, 1], address.port())),
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, address.port()))
        }
        _ => address,
    }
}

/// Opens `url` in the desktop's browser; a failure is only a warning.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(err) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("warning: cannot open a browser ({opener}: {err}); open {url} yourself");
    }
}
