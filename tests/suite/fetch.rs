//! `jobsmith fetch` against a local server answering as Greenhouse, Lever and Ashby document:
//! first fetch, refetch, failing sources, hostile postings, links, and fetch then build.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::server::{Reply, Server};
use crate::support::{CONFIG, TempBoard, fixture, run_within, stderr, tree};

const GREENHOUSE: &str = "/v1/boards/acme/jobs?content=true";
const LEVER: &str = "/v0/postings/globex?mode=json";
const ASHBY: &str = "/posting-api/job-board/initech?includeCompensation=true";
const NOW: &str = "2025-10-22T06:00:00Z";
const LATER: &str = "2025-10-23T06:00:00Z";

fn canned(name: &str) -> String {
    std::fs::read_to_string(fixture("sources").join(name)).expect("fixture")
}

/// A board with the three sources, served by a local server with the documented examples.
fn setup() -> (Server, TempBoard) {
    let server = Server::start();
    server.route(GREENHOUSE, vec![Reply::json(canned("greenhouse.json"))]);
    server.route(LEVER, vec![Reply::json(canned("lever.json"))]);
    server.route(ASHBY, vec![Reply::json(canned("ashby.json"))]);
    let config = format!(
        "{CONFIG}\n[[sources]]\nkind = \"greenhouse\"\nboard = \"acme\"\napi_url = \"{0}\"\n\n[[sources]]\nkind = \"lever\"\nboard = \"globex\"\ncompany = \"Globex\"\napi_url = \"{0}\"\n\n[[sources]]\nkind = \"ashby\"\nboard = \"initech\"\ncompany = \"Initech\"\napi_url = \"{0}/\"\n",
        server.base
    );
    let board = TempBoard::new(&[("jobsmith.toml", &config)]);
    (server, board)
}

fn fetch(board: &TempBoard, now: &str, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_jobsmith"));
    command
        .args(["fetch", "--root"])
        .arg(board.root())
        .args(["--now", now])
        .env("JOBSMITH_FETCH_RETRY_BUDGET", "0")
        .env("JOBSMITH_FETCH_TIMEOUT", "10");
    for (name, value) in env {
        command.env(name, value);
    }
    run_within(&mut command, Duration::from_secs(60))
}

fn read(board: &TempBoard, path: &str) -> String {
    std::fs::read_to_string(board.root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const GH_FILE: &str = "content/sources/greenhouse-acme/4012345.md";
const GH_GONE: &str = "content/sources/greenhouse-acme/4012399.md";
const LEVER_FILE: &str = "content/sources/lever-globex/5ac21346-8e0c-4494-8e7a-3eb92ff77902.md";
const ASHBY_FILE: &str = "content/sources/ashby-initech/0f3e2c1a-6b4d-4c3e-9f1a-2b3c4d5e6f70.md";

/// The built page of the job titled `title`.
fn job_page(root: &Path, title: &str) -> Option<String> {
    let jobs = std::fs::read_dir(root.join("public/jobs")).expect("jobs folder");
    jobs.filter_map(|e| std::fs::read_to_string(e.ok()?.path().join("index.html")).ok())
        .find(|page| page.contains(&format!("<h1>{title}</h1>")) || page.contains(title))
}

fn build(board: &TempBoard) {
    let now = jobsmith::parse_clock("2025-10-23T20:30:00Z").expect("clock");
    jobsmith::build(&jobsmith::BuildOptions::new(board.root(), now)).expect("builds");
}

#[test]
fn first_fetch_writes_one_file_per_posting_with_the_mapped_fields() {
    let (server, board) = setup();
    let out = fetch(&board, NOW, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    for line in [
        "greenhouse-acme: 2 new, 0 updated, 0 closed, 0 unchanged",
        "lever-globex: 2 new, 0 updated, 0 closed, 0 unchanged",
        "ashby-initech: 2 new, 0 updated, 0 closed, 0 unchanged",
    ] {
        assert!(err.contains(line), "{line} missing from {err}");
    }
    let gh = read(&board, GH_FILE);
    for part in [
        "id = \"greenhouse-acme-4012345\"",
        "title = \"Backend Engineer (Rust)\"",
        "company = \"Acme Rockets\"",
        "location = \"Berlin, Germany\"",
        "date = \"2025-10-18T09:00:00-04:00\"",
        "url = \"https://boards.greenhouse.io/acme/jobs/4012345\"",
        "categories = [\"Engineering\"]",
        "<h2>About the role</h2>",
        "launch &amp; telemetry",
    ] {
        assert!(gh.contains(part), "{part} missing from\n{gh}");
    }
    let remote = read(&board, GH_GONE);
    assert!(remote.contains("workplace = \"remote\""), "{remote}");
    let lever = read(&board, LEVER_FILE);
    for part in [
        "company = \"Globex\"",
        "workplace = \"hybrid\"",
        "employment = \"full-time\"",
        "date = \"2025-10-20T12:00:00Z\"",
        "url = \"https://jobs.lever.co/globex/5ac21346-8e0c-4494-8e7a-3eb92ff77902/apply\"",
        "categories = [\"Data\", \"Platform\"]",
        "salary = { min = 70000, max = 90000, currency = \"GBP\", period = \"year\" }",
        "<h3>What you will do</h3>",
        "We sponsor visas.",
    ] {
        assert!(lever.contains(part), "{part} missing from\n{lever}");
    }
    let ashby = read(&board, ASHBY_FILE);
    for part in [
        "location = \"Houston, TX; San Francisco\"",
        "workplace = \"on-site\"",
        "employment = \"full-time\"",
        "categories = [\"Product\", \"Growth\"]",
        "salary = { min = 81000, max = 87000, currency = \"USD\", period = \"year\" }",
    ] {
        assert!(ashby.contains(part), "{part} missing from\n{ashby}");
    }
    let unlisted = board
        .root()
        .join("content/sources/ashby-initech/1c2d3e4f-3333-4a5b-9c8d-7e6f5a4b3c2d.md");
    assert!(!unlisted.exists(), "an unlisted Ashby job is left out");
    let agents: Vec<String> = server.seen().into_iter().map(|s| s.user_agent).collect();
    assert_eq!(agents.len(), 3);
    for agent in &agents {
        assert!(
            agent.starts_with("jobsmith/") && agent.contains("https://jobs.example.org/"),
            "{agent}"
        );
    }
    assert!(
        agents.iter().any(|a| a.ends_with("lever-globex")),
        "{agents:?}"
    );
}

#[test]
fn fetch_then_build_gives_a_page_per_posting_with_its_link_description_and_place() {
    let (_server, board) = setup();
    assert!(fetch(&board, NOW, &[]).status.success());
    build(&board);
    for (title, url, text, place) in [
        (
            "Backend Engineer (Rust)",
            "https://boards.greenhouse.io/acme/jobs/4012345",
            "telemetry services in Rust",
            "Berlin, Germany",
        ),
        (
            "Data Engineer",
            "https://jobs.lever.co/globex/5ac21346-8e0c-4494-8e7a-3eb92ff77902/apply",
            "Build pipelines in Python and SQL",
            "London, United Kingdom",
        ),
        (
            "Product Manager",
            "https://jobs.ashbyhq.com/initech/0f3e2c1a-6b4d-4c3e-9f1a-2b3c4d5e6f70/application",
            "own the growth roadmap",
            "Houston, TX",
        ),
    ] {
        let page = job_page(board.root(), title).unwrap_or_else(|| panic!("no page for {title}"));
        for part in [url, text, place] {
            assert!(page.contains(part), "{title}: {part} missing");
        }
    }
    let index = read(&board, "public/index.html");
    assert!(index.contains("Support Engineer") && !index.contains("Unlisted Role"));
}

/// The Greenhouse answer with the first job retitled and the second gone.
fn greenhouse_changed() -> String {
    let mut answer: Value = serde_json::from_str(&canned("greenhouse.json")).expect("json");
    let jobs = answer["jobs"].as_array_mut().expect("jobs");
    jobs.truncate(1);
    jobs[0]["title"] = "Senior Backend Engineer (Rust)".into();
    answer.to_string()
}

#[test]
fn a_refetch_updates_in_place_keeps_hand_edits_and_closes_the_gone() {
    let (server, board) = setup();
    assert!(fetch(&board, NOW, &[]).status.success());
    // By hand: a key no source sets, and a title the source sets.
    let edited = read(&board, GH_FILE).replace(
        "title = \"Backend Engineer (Rust)\"\n",
        "title = \"Mine\"\nskills = [\"Rust\", \"Tokio\"]\n",
    );
    board.write(GH_FILE, &edited);
    let untouched = read(&board, LEVER_FILE);
    server.route(GREENHOUSE, vec![Reply::json(greenhouse_changed())]);
    let out = fetch(&board, LATER, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("greenhouse-acme: 0 new, 1 updated, 1 closed, 0 unchanged"),
        "{err}"
    );
    assert!(
        err.contains("lever-globex: 0 new, 0 updated, 0 closed, 2 unchanged"),
        "{err}"
    );
    let gh = read(&board, GH_FILE);
    assert!(
        gh.contains("title = \"Senior Backend Engineer (Rust)\""),
        "{gh}"
    );
    assert!(
        gh.contains("skills = [\"Rust\", \"Tokio\"]"),
        "hand edit kept: {gh}"
    );
    let gone = read(&board, GH_GONE);
    assert!(gone.contains("valid_through = \"2025-10-22\""), "{gone}");
    assert!(
        gone.contains("title = \"Site Reliability Engineer\""),
        "not deleted: {gone}"
    );
    assert_eq!(
        read(&board, LEVER_FILE),
        untouched,
        "unchanged files are not rewritten"
    );
    build(&board);
    let index = read(&board, "public/index.html");
    assert!(index.contains("Senior Backend Engineer (Rust)"));
    assert!(
        !index.contains("Site Reliability Engineer"),
        "the closed job leaves listings"
    );
    let third = fetch(&board, LATER, &[]);
    assert!(stderr(&third).contains("greenhouse-acme: 0 new, 0 updated, 0 closed, 2 unchanged"));
    assert_eq!(read(&board, GH_GONE), gone, "closing twice changes nothing");
}

#[test]
fn failing_sources_are_named_and_leave_their_files_exactly_as_they_were() {
    let (server, board) = setup();
    board.write("content/jobs/mine.md", "+++\ntitle = \"Mine\"\n+++\n");
    assert!(fetch(&board, NOW, &[]).status.success());
    let before = tree(&board.root().join("content"));
    let cases = [
        (Reply::status(500), "answered HTTP 500"),
        (Reply::json("{\"jobs\": [ {\"id\": 1,"), "is not valid JSON"),
        (
            Reply::json("{\"jobs\": {\"id\": 1}}"),
            "is not the shape expected",
        ),
        (Reply::status(404), "answered HTTP 404"),
    ];
    for (reply, why) in cases {
        server.route(GREENHOUSE, vec![reply]);
        server.route(LEVER, vec![Reply::json("[]")]);
        let out = fetch(&board, LATER, &[("JOBSMITH_FETCH_RETRY_BUDGET", "0")]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains("error: greenhouse-acme: ") && err.contains(why),
            "{why}: {err}"
        );
        assert!(
            err.contains("lever-globex: 0 new, 0 updated, 2 closed"),
            "others go on: {err}"
        );
        let after = tree(&board.root().join("content"));
        // The failing source's files, the other sources' (Ashby answers as before) and the
        // user's own: every byte as it was.
        let untouched = |files: &std::collections::BTreeMap<String, Vec<u8>>| {
            files
                .iter()
                .filter(|(path, _)| !path.starts_with("sources/lever-globex/"))
                .map(|(path, bytes)| (path.clone(), bytes.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(untouched(&before).len(), 5, "2 Greenhouse, 2 Ashby, 1 own");
        assert_eq!(
            untouched(&after),
            untouched(&before),
            "{why}: a file changed"
        );
        // Lever's postings are back for the next case.
        server.route(LEVER, vec![Reply::json(canned("lever.json"))]);
        assert!(fetch(&board, LATER, &[]).status.code() == Some(1));
    }
}

#[test]
fn a_429_with_retry_after_is_waited_for_and_then_fetched() {
    let (server, board) = setup();
    let busy = Reply::status(429).header("Retry-After", "1");
    server.route(LEVER, vec![busy, Reply::json(canned("lever.json"))]);
    let started = Instant::now();
    let out = fetch(&board, NOW, &[("JOBSMITH_FETCH_RETRY_BUDGET", "5")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );
    let lever_calls = server.seen().iter().filter(|s| s.target == LEVER).count();
    assert_eq!(lever_calls, 2);
    assert!(board.root().join(LEVER_FILE).exists());
}

#[test]
fn a_retry_after_beyond_the_budget_is_reported_not_waited_for() {
    let (server, board) = setup();
    server.route(
        LEVER,
        vec![Reply::status(503).header("Retry-After", "3600")],
    );
    let started = Instant::now();
    let out = fetch(&board, NOW, &[("JOBSMITH_FETCH_RETRY_BUDGET", "2")]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("HTTP 503") && err.contains("it asked to wait 3600 s"),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(30));
    assert!(!board.root().join("content/sources/lever-globex").exists());
    assert!(
        board.root().join(GH_FILE).exists(),
        "the others are fetched"
    );
}

#[test]
fn a_server_error_is_retried_with_backoff_within_the_budget() {
    let (server, board) = setup();
    server.route(
        ASHBY,
        vec![Reply::status(502), Reply::json(canned("ashby.json"))],
    );
    let out = fetch(&board, NOW, &[("JOBSMITH_FETCH_RETRY_BUDGET", "3")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        server.seen().iter().filter(|s| s.target == ASHBY).count(),
        2
    );
}

#[test]
fn a_source_that_does_not_answer_in_time_fails_alone() {
    let (server, board) = setup();
    let slow = Reply::json(canned("ashby.json")).delayed(Duration::from_secs(4));
    server.route(ASHBY, vec![slow]);
    let out = fetch(&board, NOW, &[("JOBSMITH_FETCH_TIMEOUT", "1")]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: ashby-initech: ") && err.contains("in time"),
        "{err}"
    );
    assert!(board.root().join(LEVER_FILE).exists() && board.root().join(GH_FILE).exists());
}

#[test]
fn hostile_html_is_stripped_and_a_javascript_apply_url_is_refused() {
    let (server, board) = setup();
    let mut jobs: Value = serde_json::from_str(&canned("lever.json")).expect("json");
    jobs[0]["description"] =
        "<p onclick=\"steal()\">Hi</p><script>alert('x')</script><img src=x onerror=alert(1)><a href=\"javascript:alert(2)\">more</a><iframe src=\"https://evil.example/\"></iframe>".into();
    jobs[1]["applyUrl"] = "javascript:alert(document.cookie)".into();
    server.route(LEVER, vec![Reply::json(jobs.to_string())]);
    let out = fetch(&board, NOW, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "error: lever-globex: refused posting \"7b9e1c2d-1111-4a2b-9c3d-4e5f60718293\""
        ),
        "{err}"
    );
    assert!(
        err.contains("lever-globex: 1 new"),
        "the rest fetched: {err}"
    );
    let refused = "content/sources/lever-globex/7b9e1c2d-1111-4a2b-9c3d-4e5f60718293.md";
    assert!(!board.root().join(refused).exists());
    let file = read(&board, LEVER_FILE);
    for bad in [
        "<script",
        "alert",
        "onclick",
        "onerror",
        "javascript:",
        "<iframe",
        "<img",
    ] {
        assert!(!file.contains(bad), "{bad} in\n{file}");
    }
    build(&board);
    let page = job_page(board.root(), "Data Engineer").expect("page");
    assert!(!page.contains("alert") && page.contains("Hi"));
}

#[test]
fn a_linked_source_folder_or_job_file_is_refused_and_left_alone() {
    let (_server, board) = setup();
    let outside = tempfile::tempdir().expect("temp");
    std::fs::write(outside.path().join("4012345.md"), "mine").expect("write");
    std::fs::create_dir_all(board.root().join("content/sources")).expect("mkdir");
    std::os::unix::fs::symlink(
        outside.path(),
        board.root().join("content/sources/greenhouse-acme"),
    )
    .expect("link");
    let lever = board.root().join("content/sources/lever-globex");
    std::fs::create_dir_all(&lever).expect("mkdir");
    let target = outside.path().join("target.md");
    std::fs::write(&target, "+++\ntitle = \"x\"\n+++\n").expect("write");
    std::os::unix::fs::symlink(
        &target,
        lever.join("5ac21346-8e0c-4494-8e7a-3eb92ff77902.md"),
    )
    .expect("link");
    let before = tree(outside.path());
    let out = fetch(&board, NOW, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: greenhouse-acme: refused") && err.contains("symbolic link"),
        "{err}"
    );
    assert!(
        err.contains("error: lever-globex: refused") && err.contains("symbolic link"),
        "{err}"
    );
    assert_eq!(
        tree(outside.path()),
        before,
        "nothing written through a link"
    );
    assert!(
        !lever
            .join("7b9e1c2d-1111-4a2b-9c3d-4e5f60718293.md")
            .exists(),
        "no file of a refused source"
    );
    assert!(board.root().join(ASHBY_FILE).exists());
}

#[test]
fn only_fetches_the_source_named() {
    let (server, board) = setup();
    let out = fetch(&board, NOW, &[]);
    assert!(out.status.success());
    let calls = server.seen().len();
    let mut command = Command::new(env!("CARGO_BIN_EXE_jobsmith"));
    command
        .args(["fetch", "--only", "lever-globex", "--now", NOW, "--root"])
        .arg(board.root());
    let out = run_within(&mut command, Duration::from_secs(60));
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("lever-globex:") && !err.contains("greenhouse-acme"),
        "{err}"
    );
    assert_eq!(server.seen().len(), calls + 1);
    let mut command = Command::new(env!("CARGO_BIN_EXE_jobsmith"));
    command
        .args(["fetch", "--only", "nope", "--root"])
        .arg(board.root());
    let out = run_within(&mut command, Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("lever-globex"),
        "the names are listed"
    );
}

#[test]
fn a_board_without_sources_has_nothing_to_fetch() {
    let board = TempBoard::new(&[]);
    let out = fetch(&board, NOW, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("nothing to fetch"));
}

#[test]
fn the_refresh_recipe_of_a_new_board_fetches_before_it_builds_and_commits_the_dataset() {
    let dir = tempfile::tempdir().expect("temp");
    let board = dir.path().join("board");
    let now = jobsmith::parse_clock(NOW).expect("clock");
    jobsmith::scaffold::init(&board, now).expect("init");
    let recipe =
        std::fs::read_to_string(board.join(".github/workflows/refresh.yml")).expect("recipe");
    let fetch = recipe.find("run: jobsmith fetch").expect("fetches");
    let build = recipe.find("run: jobsmith build").expect("builds");
    assert!(fetch < build, "fetch runs first:\n{recipe}");
    assert!(
        recipe.contains("git add --all -- README.md archive content"),
        "{recipe}"
    );
}

#[test]
fn json_feed_and_rss_sources_read_other_boards_feeds_and_keep_a_hand_set_place() {
    let server = Server::start();
    server.route("/feed.json", vec![Reply::json(canned("feed.json"))]);
    server.route("/rss.xml", vec![Reply::json(canned("feed.xml"))]);
    let config = format!(
        "{CONFIG}\n[[sources]]\nkind = \"jsonfeed\"\nboard = \"elsewhere\"\napi_url = \"{0}/feed.json\"\n\n[[sources]]\nkind = \"rss\"\nboard = \"gojobs\"\napi_url = \"{0}/rss.xml\"\n",
        server.base
    );
    let board = TempBoard::new(&[("jobsmith.toml", &config)]);
    let out = fetch(&board, NOW, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("jsonfeed-elsewhere: 2 new") && err.contains("rss-gojobs: 1 new"),
        "{err}"
    );
    let dir = board.root().join("content/sources/jsonfeed-elsewhere");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    let compiler = dir.join(&names[0]);
    let text = std::fs::read_to_string(&compiler).expect("file");
    for part in [
        "company = \"Ferrous Works\"",
        "url = \"https://careers.ferrous.example/apply/77\"",
        "categories = [\"backend\", \"compilers\"]",
        "location = \"Not specified\"",
        "<strong>rustc</strong>",
    ] {
        assert!(text.contains(part), "{part} missing from\n{text}");
    }
    std::fs::write(
        &compiler,
        text.replace("\"Not specified\"", "\"Berlin, Germany\""),
    )
    .expect("edit");
    let rss = read(&board, "content/sources/rss-gojobs/gojobs-42.md");
    assert!(
        rss.contains("company = \"Gopher Corp\"") && rss.contains("<em>Go</em>"),
        "{rss}"
    );
    assert!(
        rss.contains("date = \"2025-10-20T08:00:00+00:00\"") && !rss.contains("alert"),
        "{rss}"
    );
    let again = fetch(&board, LATER, &[]);
    assert!(stderr(&again).contains("jsonfeed-elsewhere: 0 new, 0 updated, 0 closed, 2 unchanged"));
    let text = std::fs::read_to_string(&compiler).expect("file");
    assert!(
        text.contains("location = \"Berlin, Germany\""),
        "the user's place is kept:\n{text}"
    );
    build(&board);
    let page = job_page(board.root(), "Compiler Engineer").expect("page");
    assert!(page.contains("Berlin, Germany") && page.contains("careers.ferrous.example/apply/77"));
}

#[test]
fn workable_and_smartrecruiters_sources_are_read_and_smartrecruiters_paged() {
    let server = Server::start();
    server.route(
        "/api/v1/widget/accounts/umbrella?details=true",
        vec![Reply::json(canned("workable.json"))],
    );
    // 101 postings: a full page of 100 and a page of one, then each posting's job ad.
    let ids: Vec<String> = (0..101).map(|n| format!("7440000{n:05}")).collect();
    let listed = |ids: &[String], offset: usize| {
        let content: Vec<Value> = ids
            .iter()
            .map(|id| serde_json::json!({ "id": id, "name": "x" }))
            .collect();
        serde_json::json!({ "offset": offset, "limit": 100, "totalFound": 101, "content": content })
            .to_string()
    };
    let base = "/v1/companies/hooli/postings";
    server.route(
        &format!("{base}?offset=0&limit=100"),
        vec![Reply::json(listed(&ids[..100], 0))],
    );
    server.route(
        &format!("{base}?offset=100&limit=100"),
        vec![Reply::json(listed(&ids[100..], 100))],
    );
    for id in &ids {
        let detail = canned("smartrecruiters-posting.json").replace("ID", id);
        server.route(&format!("{base}/{id}"), vec![Reply::json(detail)]);
    }
    let config = format!(
        "{CONFIG}\n[[sources]]\nkind = \"workable\"\nboard = \"umbrella\"\napi_url = \"{0}\"\n\n[[sources]]\nkind = \"smartrecruiters\"\nboard = \"hooli\"\napi_url = \"{0}\"\n",
        server.base
    );
    let board = TempBoard::new(&[("jobsmith.toml", &config)]);
    let out = fetch(&board, NOW, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("workable-umbrella: 1 new") && err.contains("smartrecruiters-hooli: 101 new"),
        "{err}"
    );
    let folder = board.root().join("content/sources/workable-umbrella");
    let file = std::fs::read_dir(&folder)
        .expect("folder")
        .next()
        .expect("a file")
        .expect("entry");
    let name = file.file_name().to_string_lossy().into_owned();
    assert!(
        name.starts_with("a1b2c3d4e5-") && name.ends_with(".md"),
        "{name}"
    );
    let workable = std::fs::read_to_string(file.path()).expect("file");
    for part in [
        "company = \"Umbrella Labs\"",
        "location = \"Munich, Bavaria, Germany\"",
        "workplace = \"remote\"",
        "employment = \"full-time\"",
        "url = \"https://apply.workable.com/j/A1B2C3D4E5/apply\"",
        "<b>genomics</b>",
    ] {
        assert!(workable.contains(part), "{part} missing from\n{workable}");
    }
    let last = read(
        &board,
        "content/sources/smartrecruiters-hooli/744000000100.md",
    );
    for part in [
        "title = \"Warehouse Systems Developer 744000000100\"",
        "company = \"Hooli\"",
        "location = \"Lisbon, Lisbon, Portugal\"",
        "workplace = \"hybrid\"",
        "categories = [\"Logistics\", \"Information Technology\"]",
        "<h3>Job Description</h3>",
        "Build the warehouse system in Java.",
        "?oga=true",
    ] {
        assert!(last.contains(part), "{part} missing from\n{last}");
    }
}

#[test]
fn sources_are_fetched_side_by_side_but_at_most_four_at_once() {
    let server = Server::start();
    let mut config = CONFIG.to_string();
    for n in 0..7 {
        let reply = Reply::json(canned("greenhouse.json")).delayed(Duration::from_millis(400));
        server.route(&format!("/v1/boards/b{n}/jobs?content=true"), vec![reply]);
        config.push_str(&format!(
            "\n[[sources]]\nkind = \"greenhouse\"\nboard = \"b{n}\"\napi_url = \"{}\"\n",
            server.base
        ));
    }
    let board = TempBoard::new(&[("jobsmith.toml", &config)]);
    let out = fetch(&board, NOW, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(server.seen().len(), 7);
    let most = server.most_at_once();
    assert!((2..=4).contains(&most), "{most} requests at once");
    let err = stderr(&out);
    let order: Vec<usize> = (0..7)
        .map(|n| err.find(&format!("greenhouse-b{n}: ")).expect("reported"))
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "reported in config order: {err}"
    );
}

#[test]
fn a_posting_listed_twice_is_written_once_with_a_warning_and_the_board_checks_clean() {
    let (server, board) = setup();
    let mut jobs: Value = serde_json::from_str(&canned("lever.json")).expect("json");
    let first = jobs[0].clone();
    let mut twin = first.clone();
    twin["text"] = "Data Engineer (copy)".into();
    jobs.as_array_mut().expect("array").push(twin);
    server.route(LEVER, vec![Reply::json(jobs.to_string())]);
    let out = fetch(&board, NOW, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("warning: lever-globex: posting \"5ac21346-8e0c-4494-8e7a-3eb92ff77902\" (Data Engineer (copy)) is listed twice"),
        "{err}"
    );
    assert!(read(&board, LEVER_FILE).contains("title = \"Data Engineer\""));
    let now = jobsmith::parse_clock(NOW).expect("clock");
    let summary =
        jobsmith::check(board.root(), now, &Default::default()).expect("the fetched board checks");
    assert!(summary.problems.is_empty(), "{:?}", summary.problems);
    assert_eq!(summary.jobs, 6);
}

#[test]
fn a_job_file_that_cannot_be_read_fails_its_source_and_nothing_of_it_is_written() {
    let (server, board) = setup();
    assert!(fetch(&board, NOW, &[]).status.success());
    board.write(GH_FILE, "+++\ntitle = \"unclosed\n+++\nMine\n");
    let before = tree(&board.root().join("content/sources/greenhouse-acme"));
    server.route(GREENHOUSE, vec![Reply::json(greenhouse_changed())]);
    let out = fetch(&board, LATER, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: greenhouse-acme: ") && err.contains("4012345.md"),
        "{err}"
    );
    let after = tree(&board.root().join("content/sources/greenhouse-acme"));
    assert_eq!(after, before, "the gone posting is not closed either");
    assert!(
        err.contains("lever-globex: 0 new, 0 updated, 0 closed, 2 unchanged"),
        "{err}"
    );
}
