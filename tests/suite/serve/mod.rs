//! `jobsmith serve`: the real binary on a free port against temporary boards, spoken to over raw
//! HTTP/1.1. Each test stops its server (a guard kills it on drop) and is bounded in time.
//!
//! `bench::serve_benchmark` is not a timed test: it is ignored by default and prints the
//! save-to-served times of a generated board (see docs/serve.md). `client` holds the server guard
//! and the raw HTTP/1.1 client.

mod bench;
mod client;
mod limits;

use std::io::Write;
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{TempBoard, jobsmith, stderr, tree};
use client::{Server, request};

/// How long a change may take to be served (the bound).
const CHANGE_SERVED_WITHIN: Duration = Duration::from_secs(2);

pub fn job(title: &str, company: &str, date: &str) -> String {
    // Each job its own apply URL: two jobs with one URL are one job, built once.
    let slug = jobsmith::internals::slug::slugify(&format!("{company} {title}"));
    format!(
        "+++\ntitle = \"{title}\"\ncompany = \"{company}\"\nlocation = \"Berlin, Germany\"\n\
         date = {date}\nurl = \"https://example.org/apply/{slug}\"\nskills = [\"Rust\"]\n+++\n\n\
         Build **services** for {company}.\n"
    )
}

/// A small board: three jobs, a static file, and a secret beside the site.
fn board() -> TempBoard {
    TempBoard::new(&[
        (
            "content/jobs/alpha.md",
            &job("Alpha Engineer", "Acme", "2025-10-20"),
        ),
        (
            "content/jobs/beta.md",
            &job("Beta Engineer", "Bolt", "2025-10-21"),
        ),
        (
            "content/jobs/gamma.md",
            &job("Gamma Engineer", "Acme", "2025-10-22"),
        ),
        ("static/robots-extra.txt", "hello\n"),
        ("secret.txt", "TOP-SECRET-OUTSIDE-THE-SITE\n"),
    ])
}

fn start(board: &TempBoard) -> Server {
    Server::start(board.root(), Duration::from_secs(60))
}

#[test]
fn serves_the_built_site_with_its_types() {
    let board = board();
    let server = start(&board);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.text().contains("Alpha Engineer"));
    let url = format!("http://127.0.0.1:{}/", server.port);
    assert!(home.text().contains(&url), "base_url is the local address");
    assert!(home.text().contains("/__jobsmith/events"), "reload script");
    let page = server.get("/jobs/alpha/");
    assert_eq!(page.status, 200, "{}", server.log());
    assert!(page.text().contains("Alpha Engineer"));
    let moved = server.get("/jobs/alpha");
    assert_eq!(moved.status, 308);
    assert_eq!(moved.header("location"), Some("/jobs/alpha/"));
    for (path, kind) in [
        ("/rss.xml", "application/xml"),
        ("/sitemap.xml", "application/xml"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/robots-extra.txt", "text/plain; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.header("content-type"), Some(kind), "{path}");
    }
    let css = server.get("/companies/");
    let name = css
        .text()
        .split("href=/style.")
        .nth(1)
        .map(|r| r[..8].to_string());
    let css = server.get(&format!("/style.{}.css", name.expect("stylesheet link")));
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
}

#[test]
fn unknown_paths_get_the_404_page() {
    let board = board();
    let server = start(&board);
    let page_404 = server.get("/404.html");
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(missing.text().contains("Page not found"));
    assert_eq!(missing.body, page_404.body, "the site's own 404.html");
    assert_eq!(server.get("/jobs/nobody/").status, 404);
}

#[test]
fn no_path_leaves_the_site() {
    let board = board();
    let server = start(&board);
    for path in [
        "/../secret.txt",
        "/jobs/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/..%2fsecret.txt",
        "/..%2f..%2fetc%2fpasswd",
        "/.%2e/secret.txt",
        "/%2e%2e%5csecret.txt",
        "/..\\secret.txt",
        "/../../../../../../etc/passwd",
        "/secret.txt",
        "/public/../secret.txt",
    ] {
        let response = server.get(path);
        let text = response.text();
        assert!(
            response.status == 400 || response.status == 404,
            "{path}: {}",
            response.status
        );
        assert!(!text.contains("TOP-SECRET"), "{path} reached the secret");
        assert!(!text.contains("root:x:0"), "{path} reached /etc/passwd");
    }
}

#[test]
fn head_answers_like_get_without_a_body() {
    let board = board();
    let server = start(&board);
    for path in ["/", "/rss.xml", "/missing/"] {
        let get = server.get(path);
        let head = request(server.port, "HEAD", path);
        assert_eq!(head.status, get.status, "{path}");
        assert!(head.body.is_empty(), "{path}");
        assert_eq!(head.header("content-type"), get.header("content-type"));
        assert_eq!(
            head.header("content-length"),
            Some(get.body.len().to_string().as_str()),
            "{path}"
        );
    }
    assert_eq!(request(server.port, "POST", "/").status, 405);
}

#[test]
fn edits_are_served_and_broken_edits_recover() {
    let board = board();
    let server = start(&board);
    let page = "/jobs/alpha/";
    board.write(
        "content/jobs/alpha.md",
        &job("Alpha Engineer", "Acme Renamed", "2025-10-20"),
    );
    let edited = server.wait_for(page, CHANGE_SERVED_WITHIN, |r| {
        r.text().contains("Acme Renamed")
    });
    assert!(
        edited.is_some(),
        "edit not served in 2 s; log:\n{}",
        server.log()
    );
    // A broken edit: the last good page stays, with the error over it.
    board.write(
        "content/jobs/alpha.md",
        "+++\ntitle = \"Alpha\ndate = 2025-13-01\n+++\n",
    );
    let broken = server
        .wait_for(page, CHANGE_SERVED_WITHIN, |r| {
            r.text().contains("jobsmith-error")
        })
        .unwrap_or_else(|| panic!("no error overlay; log:\n{}", server.log()));
    assert_eq!(broken.status, 200);
    let text = broken.text();
    assert!(text.contains("Acme Renamed"), "the last good page is kept");
    assert!(
        text.contains("content/jobs/alpha.md:"),
        "names the file: {text}"
    );
    assert!(
        server.log().contains("content/jobs/alpha.md:"),
        "printed too"
    );
    assert!(server.get("/missing/").text().contains("jobsmith-error"));
    assert!(!server.get("/rss.xml").text().contains("jobsmith-error"));
    // Fixing the file recovers without a restart.
    board.write(
        "content/jobs/alpha.md",
        &job("Alpha Fixed", "Acme", "2025-10-20"),
    );
    let fixed = server.wait_for(page, CHANGE_SERVED_WITHIN, |r| {
        r.text().contains("Alpha Fixed") && !r.text().contains("jobsmith-error")
    });
    assert!(fixed.is_some(), "fix not served; log:\n{}", server.log());
    assert!(!server.get("/").text().contains("jobsmith-error"));
}

#[test]
fn a_template_error_is_shown_with_its_file() {
    let board = board();
    let server = start(&board);
    board.write(
        "templates/job.html",
        "{% extends \"base.html\" %}{% block content %}{{ job.title | nope }}{% endblock content %}",
    );
    let broken = server.wait_for("/", CHANGE_SERVED_WITHIN, |r| {
        r.text().contains("jobsmith-error")
    });
    let text = broken
        .unwrap_or_else(|| panic!("no overlay; log:\n{}", server.log()))
        .text();
    assert!(text.contains("job.html"), "names the template: {text}");
    std::fs::remove_file(board.root().join("templates/job.html")).expect("remove");
    let fixed = server.wait_for("/", CHANGE_SERVED_WITHIN, |r| {
        !r.text().contains("jobsmith-error")
    });
    assert!(fixed.is_some(), "log:\n{}", server.log());
}

/// After edits, every file served is byte for byte what `jobsmith build` writes for the same
/// board (pages carried over between rebuilds included), but for the injected reload script.
#[test]
fn serves_exactly_what_build_writes() {
    let board = board();
    let server = start(&board);
    board.write(
        "content/jobs/beta.md",
        &job("Beta Lead", "Bolt", "2025-10-21"),
    );
    board.write(
        "content/jobs/delta.md",
        &job("Delta Engineer", "Dyna", "2025-10-19"),
    );
    std::fs::remove_file(board.root().join("content/jobs/gamma.md")).expect("remove");
    let settled = server.wait_for("/", CHANGE_SERVED_WITHIN, |r| {
        let text = r.text();
        text.contains("Beta Lead") && text.contains("Delta Engineer") && !text.contains("Gamma")
    });
    assert!(settled.is_some(), "log:\n{}", server.log());
    std::thread::sleep(Duration::from_millis(300));
    let out = tempfile::tempdir().expect("temp dir");
    let url = format!("http://127.0.0.1:{}/", server.port);
    let output = jobsmith(&[
        "build",
        "--root",
        board.root().to_str().expect("utf-8"),
        "--output",
        out.path().join("site").to_str().expect("utf-8"),
        "--base-url",
        &url,
        "--now",
        "2025-10-22T20:30:00Z",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let built = tree(&out.path().join("site"));
    assert!(built.len() > 20);
    // The marker that tells the next build the folder is its own is no page of the site.
    for (path, bytes) in built.iter().filter(|(p, _)| *p != ".jobsmith-output") {
        let served = server.get(&format!("/{path}"));
        assert_eq!(served.status, 200, "{path}");
        let body = if path.ends_with(".html") {
            strip_reload_script(&served.text()).into_bytes()
        } else {
            served.body
        };
        assert!(body == *bytes, "{path} differs from the build");
    }
}

fn strip_reload_script(html: &str) -> String {
    let start = html.rfind("<script>(()=>{const served=").expect("script");
    let end = start + html[start..].find("</script>").expect("end") + "</script>".len();
    format!("{}{}", &html[..start], &html[end..])
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let board = board();
    let root = board.root().to_str().expect("utf-8");
    let output = jobsmith(&["serve", "--root", root, "--port", &port]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("already in use"), "{message}");
    assert!(message.contains("--port"), "{message}");
}

/// Two listeners on consecutive ports P and P + 1.
fn two_taken_ports() -> (std::net::TcpListener, std::net::TcpListener) {
    for _ in 0..50 {
        let first = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = first.local_addr().expect("addr").port();
        if let Ok(second) = std::net::TcpListener::bind(("127.0.0.1", port.wrapping_add(1))) {
            return (first, second);
        }
    }
    panic!("no two consecutive free ports");
}

#[test]
fn the_port_suggested_for_a_taken_one_was_free() {
    let (taken, next) = two_taken_ports();
    let port = taken.local_addr().expect("addr").port();
    let board = board();
    let root = board.root().to_str().expect("utf-8");
    let output = jobsmith(&["serve", "--root", root, "--port", &port.to_string()]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    let suggested: u16 = message
        .split("--port ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|digits| digits.parse().ok())
        .unwrap_or_else(|| panic!("no port suggested: {message}"));
    assert_ne!(
        suggested,
        port + 1,
        "suggested the taken {}: {message}",
        port + 1
    );
    drop(next);
    assert!(suggested > port, "{message}");
    assert!(message.contains("--port 0 for any free one"), "{message}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_it_within_a_second() {
    let board = board();
    let mut server = start(&board);
    let sse = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    let mut sse_writer = sse.try_clone().expect("clone");
    write!(
        sse_writer,
        "GET /__jobsmith/events HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    .expect("send");
    std::thread::sleep(Duration::from_millis(200));
    let pid = server.pid().to_string();
    let sent = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill");
    assert!(sent.success());
    let status = server.exited_within(Duration::from_secs(1));
    assert!(status.is_some(), "still running 1 s after Ctrl-C");
    let leftovers: Vec<_> = std::fs::read_dir(board.root())
        .expect("read")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".jobsmith") || n == "public")
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

/// Headless Chromium: an open page reloads itself when a job file is edited on disk.
#[test]
fn an_open_page_reloads_itself_after_an_edit() {
    if !crate::browser::tools_ready(&["node", "chromium", "playwright-core"]) {
        return;
    }
    let board = board();
    let server = start(&board);
    let url = format!("http://127.0.0.1:{}/jobs/alpha/", server.port);
    let file = board.root().join("content/jobs/alpha.md");
    let mut node = Command::new("node")
        .arg(crate::browser::tools_dir().join("reload.mjs"))
        .arg(&url)
        .arg(&file)
        .args(["Alpha Engineer", "Alpha Reloaded"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run node");
    let started = Instant::now();
    while node.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(90) {
            let _ = node.kill();
            let _ = node.wait();
            panic!("reload.mjs took over 90 s; log:\n{}", server.log());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = node.wait_with_output().expect("output");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{report}\n{}\nserver log:\n{}",
        String::from_utf8_lossy(&output.stderr),
        server.log()
    );
    assert!(report.contains("\"reloaded\":true"), "{report}");
}
