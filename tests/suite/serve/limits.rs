//! What keeps `jobsmith serve` answering: every answer's headers, the Host check on loopback,
//! and the time and connection limits, tested with sockets held open the way a stuck or hostile
//! client holds them.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::client::{Server, request};
use super::{board, start};

/// The server's header (and idle) timeout, and what a busy machine may add to it.
const TIMEOUT: Duration = Duration::from_secs(5);
const SLACK: Duration = Duration::from_secs(10);

/// Sends `raw` on a new connection and returns the status of the answer.
fn raw_status(port: u16, raw: &str) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    stream.write_all(raw.as_bytes()).expect("send");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer);
    text.split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// Whether the server closes a connection that sends `sent` and then nothing, and how soon.
fn closed_after(port: u16, sent: &[u8]) -> Option<Duration> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.write_all(sent).expect("send");
    stream
        .set_read_timeout(Some(TIMEOUT + SLACK + SLACK))
        .expect("timeout");
    let started = Instant::now();
    let mut buffer = [0; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
}

#[test]
fn every_answer_says_no_store_and_nosniff() {
    let board = board();
    let server = start(&board);
    for (method, path, status) in [
        ("GET", "/", 200),
        ("GET", "/companies", 308),
        ("GET", "/../secret.txt", 400),
        ("GET", "/nope/", 404),
        ("POST", "/", 405),
        ("HEAD", "/rss.xml", 200),
    ] {
        let response = request(server.port, method, path);
        assert_eq!(response.status, status, "{method} {path}");
        assert_eq!(
            response.header("cache-control"),
            Some("no-store"),
            "{method} {path}"
        );
        assert_eq!(
            response.header("x-content-type-options"),
            Some("nosniff"),
            "{method} {path}"
        );
    }
}

#[test]
fn on_loopback_only_local_host_names_are_answered() {
    let board = board();
    let server = start(&board);
    let ask = |host: &str| {
        raw_status(
            server.port,
            &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        )
    };
    assert_eq!(ask(&format!("localhost:{}", server.port)), 200);
    assert_eq!(ask(&format!("127.0.0.1:{}", server.port)), 200);
    assert_eq!(ask(&format!("[::1]:{}", server.port)), 200);
    // A page of another site that made its name point at 127.0.0.1 (DNS rebinding).
    assert_eq!(ask(&format!("attacker.example:{}", server.port)), 403);
    assert_eq!(ask("localhost.attacker.example"), 403);
}

#[test]
fn idle_and_slow_connections_are_closed() {
    let board = board();
    let server = start(&board);
    let idle = closed_after(server.port, b"").expect("an idle connection is closed");
    assert!(idle <= TIMEOUT + SLACK, "idle connection open {idle:?}");
    let slow = closed_after(
        server.port,
        b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ",
    )
    .expect("a connection that never finishes its head is closed");
    assert!(slow <= TIMEOUT + SLACK, "slow connection open {slow:?}");
    // After a full answer, a kept-alive connection that asks nothing more is closed too.
    let kept = closed_after(server.port, b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .expect("an idle kept-alive connection is closed");
    assert!(
        kept <= TIMEOUT + SLACK,
        "kept-alive connection open {kept:?}"
    );
}

/// Open file descriptors of a process (Linux).
fn descriptors(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, |d| d.count())
}

#[cfg(target_os = "linux")]
#[test]
fn held_connections_cannot_starve_a_real_request() {
    let board = board();
    let server = start(&board);
    let held: Vec<TcpStream> = (0..400)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).expect("connect"))
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let open = descriptors(server.pid());
    // The cap (256) plus what the process holds for itself (watcher, runtime, log).
    assert!(
        open <= 256 + 64,
        "{open} descriptors open with 400 held connections"
    );
    let started = Instant::now();
    let response = request(server.port, "GET", "/");
    assert_eq!(response.status, 200);
    assert!(
        started.elapsed() <= TIMEOUT + TIMEOUT + SLACK,
        "answered after {:?}",
        started.elapsed()
    );
    drop(held);
}

#[test]
fn binding_beyond_loopback_says_so() {
    let board = board();
    let server = Server::start_binary(
        std::path::Path::new(env!("CARGO_BIN_EXE_jobsmith")),
        board.root(),
        Duration::from_secs(60),
        &["--bind", "0.0.0.0"],
    );
    std::thread::sleep(Duration::from_millis(300));
    let log = server.log();
    assert!(
        log.contains("warning: listening on 0.0.0.0:") && log.contains("other machines"),
        "{log}"
    );
}

/// A configuration replaced by a pipe, a content folder replaced by a broken link: each is an
/// error shown over the last good page, never a rebuild thread stuck in `open()`, and fixing it
/// rebuilds again.
#[test]
fn special_files_and_broken_trees_never_stop_the_rebuilds() {
    let board = board();
    let server = start(&board);
    let within = Duration::from_secs(5);
    let config = board.root().join("jobsmith.toml");
    let text = std::fs::read_to_string(&config).expect("config");
    std::fs::remove_file(&config).expect("remove");
    crate::support::make_fifo(&config);
    let broken = server.wait_for("/", within, |r| r.text().contains("jobsmith-error"));
    assert!(
        broken.is_some(),
        "no error for a pipe; log:\n{}",
        server.log()
    );
    std::fs::remove_file(&config).expect("remove the pipe");
    std::fs::write(&config, &text).expect("restore");
    let content = board.root().join("content");
    let moved = board.root().join("content-moved");
    std::fs::rename(&content, &moved).expect("move content");
    std::os::unix::fs::symlink("nowhere", &content).expect("broken link");
    let broken = server.wait_for("/", within, |r| {
        r.text().contains("jobsmith-error") && r.text().contains("content:1:1")
    });
    assert!(
        broken.is_some(),
        "no error for a broken content/; log:\n{}",
        server.log()
    );
    std::fs::remove_file(&content).expect("remove the link");
    std::fs::rename(&moved, &content).expect("restore content");
    super::super::support::TempBoard::write(
        &board,
        "content/jobs/alpha.md",
        &super::job("Alpha After", "Acme", "2025-10-20"),
    );
    let fixed = server.wait_for("/", within, |r| {
        r.text().contains("Alpha After") && !r.text().contains("jobsmith-error")
    });
    assert!(
        fixed.is_some(),
        "no rebuild after the fix; log:\n{}",
        server.log()
    );
}
