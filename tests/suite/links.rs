//! `jobsmith check --links` and `--close-dead` against a local HTTP server on 127.0.0.1 that
//! answers 200, 404, 410, redirects, a refused HEAD and a time-out.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{TempBoard, jobsmith_within, stderr, tree};

type Seen = Arc<Mutex<BTreeMap<String, usize>>>;

/// Serves for `life`, one thread per connection; counts the requests per "METHOD path".
fn server(life: Duration) -> (String, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let seen: Seen = Arc::default();
    let counts = seen.clone();
    std::thread::spawn(move || {
        let started = Instant::now();
        while started.elapsed() < life {
            let Ok((stream, _)) = listener.accept() else {
                std::thread::sleep(Duration::from_millis(10));
                continue;
            };
            let counts = counts.clone();
            std::thread::spawn(move || answer(stream, &counts));
        }
    });
    (base, seen)
}

fn answer(mut stream: std::net::TcpStream, seen: &Mutex<BTreeMap<String, usize>>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request = String::new();
    let _ = reader.read_line(&mut request);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
    }
    let mut parts = request.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    *seen
        .lock()
        .expect("lock")
        .entry(format!("{method} {path}"))
        .or_default() += 1;
    let (status, extra) = match (method, path) {
        (_, "/ok") => ("200 OK", ""),
        (_, "/gone") => ("404 Not Found", ""),
        (_, "/removed" | "/removed-too") => ("410 Gone", ""),
        (_, "/moved") => ("301 Moved Permanently", "Location: /ok\r\n"),
        (_, "/moved-dead") => ("302 Found", "Location: /gone\r\n"),
        ("HEAD", "/no-head") => ("405 Method Not Allowed", ""),
        (_, "/no-head") => ("200 OK", ""),
        (_, "/slow") => {
            std::thread::sleep(Duration::from_secs(4));
            ("200 OK", "")
        }
        _ => ("500 Internal Server Error", ""),
    };
    let reply =
        format!("HTTP/1.1 {status}\r\n{extra}Content-Length: 0\r\nConnection: close\r\n\r\n");
    let _ = stream.write_all(reply.as_bytes());
}

fn job(name: &str, url: &str) -> String {
    format!(
        "+++\ntitle = \"{name}\"\ncompany = \"Co\"\nlocation = \"Berlin, Germany\"\ndate = 2025-10-21\nurl = \"{url}\"\n+++\n\nThe {name} job.\n"
    )
}

fn check(board: &TempBoard, extra: &[&str]) -> std::process::Output {
    let root = board.root().to_str().expect("utf-8");
    let mut args = vec![
        "check",
        "--root",
        root,
        "--now",
        "2025-10-22T12:00:00Z",
        "--links",
        "--timeout",
        "1",
    ];
    args.extend_from_slice(extra);
    jobsmith_within(&args, Duration::from_secs(60))
}

#[test]
fn dead_apply_urls_are_reported_at_their_job_and_closed_on_request() {
    let (base, seen) = server(Duration::from_secs(50));
    let names = [
        "ok",
        "gone",
        "removed",
        "moved",
        "moved-dead",
        "no-head",
        "slow",
    ];
    let files: Vec<(String, String)> = names
        .iter()
        .map(|n| {
            (
                format!("content/jobs/{n}.md"),
                job(n, &format!("{base}/{n}")),
            )
        })
        .collect();
    let mut refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let bulk = format!(
        "[{{\"title\": \"Bulk\", \"company\": \"Co\", \"location\": \"Berlin\", \"date\": \"2025-10-21\", \"url\": \"{base}/removed-too\"}}]\n"
    );
    refs.push(("content/bulk.json", &bulk));
    let board = TempBoard::new(&refs);
    let out = check(&board, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stderr(&out);
    let dead: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("the job looks closed"))
        .collect();
    assert_eq!(dead.len(), 4, "{text}");
    for place in [
        "content/jobs/gone.md:1:1:",
        "content/jobs/removed.md:1:1:",
        "content/jobs/moved-dead.md:1:1:",
        "content/bulk.json:1:",
    ] {
        assert!(
            dead.iter().any(|l| l.starts_with(place)),
            "{place} in\n{text}"
        );
    }
    assert!(
        text.contains("content/jobs/slow.md:1:1: warning: the apply URL")
            && text.contains("did not answer"),
        "{text}"
    );
    for alive in [
        "content/jobs/ok.md",
        "content/jobs/moved.md",
        "content/jobs/no-head.md",
    ] {
        assert!(!text.contains(alive), "{alive} in\n{text}");
    }
    {
        let seen = seen.lock().expect("lock");
        assert_eq!(
            seen.get("GET /no-head"),
            Some(&1),
            "GET after a refused HEAD: {seen:?}"
        );
        assert_eq!(seen.get("GET /ok"), None, "HEAD is enough: {seen:?}");
    }
    // A second check within the day asks only the URL that did not answer again.
    let answered = |seen: &Seen| -> usize {
        let seen = seen.lock().expect("lock");
        seen.iter()
            .filter(|(k, _)| !k.ends_with("/slow"))
            .map(|(_, n)| n)
            .sum()
    };
    let before = answered(&seen);
    let slow = seen.lock().expect("lock").get("HEAD /slow").copied();
    let again = check(&board, &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(answered(&seen), before, "answers come from the cache");
    let slow_again = seen.lock().expect("lock").get("HEAD /slow").copied();
    assert_eq!(slow_again, slow.map(|n| n + 1), "no answer: asked again");
    assert!(board.root().join(".jobsmith-cache/links.json").is_file());

    // --close-dead rewrites the dead job files only; the bulk file and every other file stay.
    let files_before = tree(&board.root().join("content"));
    let closed = check(&board, &["--close-dead"]);
    assert!(closed.status.success(), "{}", stderr(&closed));
    let files_after = tree(&board.root().join("content"));
    assert_eq!(
        files_before.keys().collect::<Vec<_>>(),
        files_after.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &files_before {
        let closed_one =
            ["jobs/gone.md", "jobs/removed.md", "jobs/moved-dead.md"].contains(&path.as_str());
        if closed_one {
            let text = String::from_utf8(files_after[path].clone()).expect("utf-8");
            assert!(
                text.starts_with("+++\nvalid_through = 2025-10-21\ntitle"),
                "{path}: {text}"
            );
            assert_eq!(
                text.replace("valid_through = 2025-10-21\n", ""),
                String::from_utf8_lossy(bytes)
            );
        } else {
            assert_eq!(&files_after[path], bytes, "{path} changed");
        }
    }
    assert!(
        stderr(&closed)
            .contains("content/bulk.json:1:1: warning: in a bulk file, which is not rewritten"),
        "{}",
        stderr(&closed)
    );
    let root = board.root().to_str().expect("utf-8");
    let after = jobsmith_within(
        &[
            "check",
            "--root",
            root,
            "--now",
            "2025-10-22T12:00:00Z",
            "--format",
            "json",
        ],
        Duration::from_secs(30),
    );
    assert!(
        after.status.success(),
        "the closed files still validate: {}",
        stderr(&after)
    );
    let build = jobsmith_within(
        &["build", "--root", root, "--now", "2025-10-22T12:00:00Z"],
        Duration::from_secs(30),
    );
    assert!(build.status.success(), "{}", stderr(&build));
    let index = std::fs::read_to_string(board.root().join("public/index.html")).expect("index");
    assert!(
        !index.contains("/jobs/gone/") && index.contains("/jobs/ok/"),
        "closed jobs leave the listings"
    );
}
