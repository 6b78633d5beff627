//! IndexNow: the key file and the list of changed pages a build writes, and `jobsmith ping`
//! posting them to a local HTTP server on 127.0.0.1 (answers scripted, retries included).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::Duration;

use crate::check::forms_board;
use crate::support::{TempBoard, jobsmith_within, stderr};

const KEY: &str = "73134416ae45434d98edc086e0bf6740";
const LIMIT: Duration = Duration::from_secs(60);

fn board() -> TempBoard {
    let board = forms_board(&[]);
    let config = std::fs::read_to_string(board.root().join("jobsmith.toml")).expect("config");
    board.write(
        "jobsmith.toml",
        &format!("{config}\n[indexnow]\nkey = \"{KEY}\"\n"),
    );
    board
}

fn run(board: &TempBoard, args: &[&str]) -> std::process::Output {
    let root = board.root().to_str().expect("utf-8");
    let mut all = vec![args[0], "--root", root];
    all.extend_from_slice(&args[1..]);
    jobsmith_within(&all, LIMIT)
}

fn changed(board: &TempBoard) -> Vec<String> {
    let text = std::fs::read_to_string(board.root().join("public/indexnow/changed.txt"))
        .expect("changed list");
    text.lines().map(str::to_string).collect()
}

/// A server that answers each of `answers` (status, extra headers) to one request, in turn,
/// and hands each request's body over.
fn server(answers: Vec<(u16, &'static str)>) -> (String, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = format!(
        "http://{}/indexnow",
        listener.local_addr().expect("address")
    );
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for (status, headers) in answers {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .expect("timeout");
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let _ = sender.send(String::from_utf8_lossy(&body).into_owned());
            let reply = format!(
                "HTTP/1.1 {status} Answer\r\n{headers}Content-Length: 0\r\nConnection: close\r\n\r\n"
            );
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    (address, receiver)
}

#[test]
fn a_build_writes_the_key_file_and_the_pages_that_changed_since_the_previous_one() {
    let board = board();
    let out = run(&board, &["build", "--now", "2025-10-22"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let key_file = board.root().join(format!("public/{KEY}.txt"));
    assert_eq!(std::fs::read_to_string(key_file).expect("key file"), KEY);
    let first = changed(&board);
    assert!(
        first.contains(&"https://jobs.example.org/board/jobs/toml-job/".to_string()),
        "{first:?}"
    );
    assert!(first.contains(&"https://jobs.example.org/board/".to_string()));
    assert!(!first.iter().any(|u| u.contains("404")));
    // The same dataset and clock: nothing changed.
    let out = run(&board, &["build", "--now", "2025-10-22"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(changed(&board), Vec::<String>::new());
    // One job edited, one removed: its page changed, the other's is gone.
    let path = board.root().join("content/jobs/toml-job.md");
    let text = std::fs::read_to_string(&path).expect("job");
    std::fs::write(&path, text.replace("storage engines", "database engines")).expect("edit");
    std::fs::remove_file(board.root().join("content/stream.jsonl")).expect("remove");
    let out = run(&board, &["build", "--now", "2025-10-22"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let third = changed(&board);
    assert!(
        third.contains(&"https://jobs.example.org/board/jobs/toml-job/".to_string()),
        "{third:?}"
    );
    assert!(
        third.contains(&"https://jobs.example.org/board/jobs/ops-1/".to_string()),
        "{third:?}"
    );
    assert!(!third.contains(
        &"https://jobs.example.org/board/jobs/kafka-labs-backend-developer/".to_string()
    ));
}

#[test]
fn ping_posts_host_key_and_the_changed_urls_and_retries_politely() {
    let board = board();
    let out = run(&board, &["build", "--now", "2025-10-22"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (endpoint, bodies) = server(vec![
        (429, "Retry-After: 0\r\n"),
        (503, "Retry-After: 0\r\n"),
        (200, ""),
    ]);
    let out = run(&board, &["ping", "--endpoint", &endpoint]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains(": 200 OK"), "{}", stderr(&out));
    let mut posted = Vec::new();
    for _ in 0..3 {
        posted.push(
            bodies
                .recv_timeout(Duration::from_secs(10))
                .expect("a request"),
        );
    }
    for body in &posted {
        let json: serde_json::Value = serde_json::from_str(body).expect("JSON body");
        assert_eq!(json["host"], "jobs.example.org");
        assert_eq!(json["key"], KEY);
        assert_eq!(
            json["keyLocation"],
            format!("https://jobs.example.org/board/{KEY}.txt")
        );
        let urls: Vec<&str> = json["urlList"]
            .as_array()
            .expect("list")
            .iter()
            .filter_map(|u| u.as_str())
            .collect();
        assert_eq!(
            urls,
            changed(&board)
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
        );
        assert!(urls.contains(&"https://jobs.example.org/board/jobs/toml-job/"));
    }
}

#[test]
fn ping_reports_a_refusal_and_sends_nothing_when_nothing_changed() {
    let board = board();
    assert!(
        run(&board, &["build", "--now", "2025-10-22"])
            .status
            .success()
    );
    let (endpoint, bodies) = server(vec![(403, "")]);
    let out = run(&board, &["ping", "--endpoint", &endpoint]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("403"), "{}", stderr(&out));
    assert!(
        bodies.recv_timeout(Duration::from_secs(5)).is_ok(),
        "one try only"
    );
    assert!(
        run(&board, &["build", "--now", "2025-10-22"])
            .status
            .success()
    );
    let (endpoint, bodies) = server(vec![(200, "")]);
    let out = run(&board, &["ping", "--endpoint", &endpoint]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("nothing sent"), "{}", stderr(&out));
    assert!(
        bodies.recv_timeout(Duration::from_millis(300)).is_err(),
        "no request"
    );
}

#[test]
fn without_a_key_there_is_no_key_file_and_ping_says_why() {
    let board = forms_board(&[]);
    assert!(
        run(&board, &["build", "--now", "2025-10-22"])
            .status
            .success()
    );
    assert!(!board.root().join("public/indexnow").exists());
    let out = run(
        &board,
        &["ping", "--endpoint", "http://127.0.0.1:9/indexnow"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("`[indexnow] key` is not set"),
        "{}",
        stderr(&out)
    );
    board.write(
        "jobsmith.toml",
        &format!("{}[indexnow]\nkey = \"../x\"\n", crate::support::CONFIG),
    );
    let out = run(&board, &["build", "--now", "2025-10-22"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("jobsmith.toml:9:1: error: `indexnow.key` must be"),
        "{}",
        stderr(&out)
    );
}

/// A build with `--base-url` (as the Pages workflow runs it) is pinged with that host.
#[test]
fn ping_names_the_host_the_build_ran_with() {
    let board = board();
    let out = run(
        &board,
        &[
            "build",
            "--now",
            "2025-10-22",
            "--base-url",
            "https://user.example.io/jobs/",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (endpoint, bodies) = server(vec![(202, "")]);
    let out = run(&board, &["ping", "--endpoint", &endpoint]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains(": 202 Accepted"), "{}", stderr(&out));
    let body = bodies
        .recv_timeout(Duration::from_secs(10))
        .expect("a request");
    let json: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(json["host"], "user.example.io");
    assert_eq!(
        json["keyLocation"],
        format!("https://user.example.io/jobs/{KEY}.txt")
    );
    let urls = json["urlList"].as_array().expect("list");
    assert!(urls.iter().all(|u| {
        u.as_str()
            .is_some_and(|u| u.starts_with("https://user.example.io/jobs/"))
    }));
}
