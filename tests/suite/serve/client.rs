//! A running `jobsmith serve` (killed on drop) and a raw HTTP/1.1 client: one request per
//! connection, the path sent exactly as given, so traversal attempts reach the server unchanged.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `jobsmith serve`, killed when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    log: PathBuf,
}

impl Server {
    /// Starts `jobsmith serve --port 0` on `root` and waits (up to `ready`) for its URL.
    pub fn start(root: &Path, ready: Duration) -> Server {
        Server::start_binary(Path::new(env!("CARGO_BIN_EXE_jobsmith")), root, ready, &[])
    }

    /// `start`, with another build of jobsmith (the benchmark times a release binary) and more
    /// arguments.
    pub fn start_binary(binary: &Path, root: &Path, ready: Duration, extra: &[&str]) -> Server {
        let log = root.with_extension("serve.log");
        let mut child = Command::new(binary)
            .args([
                "serve",
                "--port",
                "0",
                "--now",
                "2025-10-22T20:30:00Z",
                "--root",
            ])
            .arg(root)
            .args(extra)
            .env_remove("SOURCE_DATE_EPOCH")
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).expect("log file"))
            .spawn()
            .expect("start jobsmith serve");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        let mut server = Server {
            child,
            port: 0,
            log,
        };
        let line = receiver.recv_timeout(ready).unwrap_or_else(|_| {
            panic!("serve printed no URL in {ready:?}; log:\n{}", server.log())
        });
        server.port = port_of(&line).unwrap_or_else(|| panic!("no URL in {line:?}"));
        server
    }

    /// What the server printed on stderr so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn get(&self, path: &str) -> Response {
        request(self.port, "GET", path)
    }

    /// GETs `path` until `check` holds or `within` passes; returns the last response.
    pub fn wait_for(
        &self,
        path: &str,
        within: Duration,
        check: impl Fn(&Response) -> bool,
    ) -> Option<Response> {
        let started = Instant::now();
        while started.elapsed() < within {
            let response = self.get(path);
            if check(&response) {
                return Some(response);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        None
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits up to `within` for the process to exit by itself.
    pub fn exited_within(&mut self, within: Duration) -> Option<std::process::ExitStatus> {
        let started = Instant::now();
        while started.elapsed() < within {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The port of `http://127.0.0.1:PORT/` in a line.
fn port_of(line: &str) -> Option<u16> {
    let rest = &line[line.find("http://127.0.0.1:")? + "http://127.0.0.1:".len()..];
    rest.split('/').next()?.parse().ok()
}

/// An HTTP response, read whole.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One request on its own connection, with the path sent exactly as given.
pub fn request(port: u16, method: &str, path: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    parse_response(&raw)
}

fn parse_response(raw: &[u8]) -> Response {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: raw[end + 4..].to_vec(),
    }
}
