//! `jobsmith serve`: the real binary on a free port against temporary boards, spoken to over raw
//! HTTP/1.1. Each test stops its server (a guard kills it on drop) and is bounded in time.
//!
//! `serve_benchmark` is not a timed test: it is ignored by default and prints the save-to-served
//! times of a generated board (see docs/serve.md).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::{CONFIG, TempBoard, jobsmith, stderr, tree};

/// How long a change may take to be served (the bound).
const CHANGE_SERVED_WITHIN: Duration = Duration::from_secs(2);

/// A running `jobsmith serve`, killed when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    log: PathBuf,
}

impl Server {
    /// Starts `jobsmith serve --port 0` on `root` and waits (up to `ready`) for its URL.
    pub fn start(root: &Path, ready: Duration) -> Server {
        Server::start_binary(Path::new(env!("CARGO_BIN_EXE_jobsmith")), root, ready)
    }

    /// `start`, with another build of jobsmith (the benchmark times a release binary).
    pub fn start_binary(binary: &Path, root: &Path, ready: Duration) -> Server {
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

    /// Waits up to `within` for the process to exit by itself.
    fn exited_within(&mut self, within: Duration) -> Option<std::process::ExitStatus> {
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

fn job(title: &str, company: &str, date: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ncompany = \"{company}\"\nlocation = \"Berlin, Germany\"\n\
         date = {date}\nurl = \"https://example.org/apply\"\nskills = [\"Rust\"]\n+++\n\n\
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
    for (path, bytes) in &built {
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
    let pid = server.child.id().to_string();
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

/// Jobs in the TOML front-matter format, spread over companies, places and skills.
pub fn write_jobs(root: &Path, count: usize) {
    const PLACES: [&str; 6] = [
        "Berlin, Germany",
        "Remote",
        "Paris, France",
        "Bengaluru, Karnataka, India",
        "Austin, Texas, United States",
        "Sofia, Bulgaria",
    ];
    const SKILLS: [&str; 8] = [
        "Rust",
        "Go",
        "Python",
        "Java",
        "SQL",
        "Kubernetes",
        "AWS",
        "Docker",
    ];
    for i in 0..count {
        let text = format!(
            "+++\ntitle = \"Backend Developer {i}\"\ncompany = \"Company {}\"\n\
             location = \"{}\"\ndate = 2025-{:02}-{:02}\nurl = \"https://example.org/apply/{i}\"\n\
             workplace = \"{}\"\nskills = [\"{}\", \"{}\"]\n+++\n\n\
             We are hiring a backend developer to build **services**.\n\n## Responsibilities\n\n\
             - Build APIs\n- Write tests\n- Review code\n",
            i % 800,
            PLACES[i % PLACES.len()],
            1 + i % 10,
            1 + i % 28,
            ["remote", "on-site", "hybrid"][i % 3],
            SKILLS[i % SKILLS.len()],
            SKILLS[(i / 3 + 1) % SKILLS.len()],
        );
        let path = root.join(format!("content/jobs/{i:05}.md"));
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write job");
    }
}

/// Save-to-served times on a generated board. Run with
/// `cargo test --release --test suite serve_benchmark -- --ignored --nocapture`
/// (`JOBSMITH_BENCH_JOBS` sets the size, 10,000 by default; `JOBSMITH_BENCH_BIN` times another
/// jobsmith binary, such as `target/release/jobsmith` from a debug test build).
#[test]
#[ignore = "a benchmark: run by hand, see docs/serve.md"]
fn serve_benchmark() {
    let count: usize = std::env::var("JOBSMITH_BENCH_JOBS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let board = TempBoard::new(&[]);
    write_jobs(board.root(), count);
    let binary = std::env::var_os("JOBSMITH_BENCH_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_jobsmith")),
        PathBuf::from,
    );
    let started = Instant::now();
    let server = Server::start_binary(&binary, board.root(), Duration::from_secs(600));
    eprintln!(
        "{count} jobs: first build served after {:?}",
        started.elapsed()
    );
    let mut edits = Vec::new();
    for round in 0..15 {
        let i = (round * 617) % count;
        let title = format!("Edited Title {round}");
        // The common save: one line of one job changed (its title).
        let file = board.root().join(format!("content/jobs/{i:05}.md"));
        let text = std::fs::read_to_string(&file).expect("read job");
        let edited = text.replacen(
            &format!("\"Backend Developer {i}\""),
            &format!("\"{title}\""),
            1,
        );
        let started = Instant::now();
        std::fs::write(&file, edited).expect("edit");
        let page = format!("/jobs/{i:05}/");
        let served = server.wait_for(&page, Duration::from_secs(60), |r| {
            r.text().contains(&title)
        });
        assert!(
            served.is_some(),
            "edit {round} not served; log:\n{}",
            server.log()
        );
        edits.push(started.elapsed());
        std::thread::sleep(Duration::from_millis(300));
    }
    let mut full = Vec::new();
    for round in 0..3 {
        let started = Instant::now();
        let description = format!("Full rebuild {round}");
        board.write(
            "jobsmith.toml",
            &format!("description = \"{description}\"\n{CONFIG}"),
        );
        let served = server.wait_for("/", Duration::from_secs(120), |r| {
            r.text().contains(&description)
        });
        assert!(
            served.is_some(),
            "config change not served; log:\n{}",
            server.log()
        );
        full.push(started.elapsed());
    }
    eprintln!("one job edited, save to served: {}", summary(&mut edits));
    eprintln!(
        "configuration changed (full rebuild), save to served: {}",
        summary(&mut full)
    );
    eprintln!("server log:\n{}", server.log());
}

fn summary(times: &mut [Duration]) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "median {:.0} ms, min {:.0} ms, max {:.0} ms over {}",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    )
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
