//! A rebuild that carries pages over must serve exactly what a fresh build of the same board
//! makes, whatever input changed: every page's fingerprint covers everything it shows.

use std::path::Path;

use super::*;

const CONFIG: &str = r#"title = "Fingerprint Jobs"
base_url = "https://example.org/"
description = "Jobs for the fingerprint test."
per_page = 2
expire_after_days = 0
"#;

const JOB_A: &str = r#"+++
title = "Rust Engineer"
company = "Acme"
location = "Berlin, Germany"
workplace = "hybrid"
date = 2025-10-20
url = "https://acme.example/jobs/1"
salary = "70k-90k EUR"
skills = ["Rust", "Postgres"]
+++
Build the **storage engine**.
"#;

const JOB_B: &str = r#"+++
title = "Go Developer"
company = "Beta Labs"
location = "Remote"
workplace = "remote"
date = 2025-10-21
url = "https://beta.example/jobs/2"
+++
Write services in Go.
"#;

const JOB_C: &str = r#"+++
title = "Data Engineer"
company = "Acme"
location = "Paris, France"
date = 2025-10-19
url = "https://acme.example/jobs/3"
+++
Pipelines.
"#;

const JOB_D: &str = r#"+++
title = "SRE"
company = "Gamma"
location = "Lisbon, Portugal"
date = 2025-10-22
url = "https://gamma.example/jobs/4"
+++
On call, rarely.
"#;

const PROFILE: &str = r#"+++
name = "Acme"
website = "https://acme.example/"
+++
Acme makes anvils.
"#;

/// An edit of the board: the file (relative to the board) and its new text, or `None` to
/// remove it.
type Edit = (&'static str, &'static str, Option<&'static str>);

/// One edit of each input a page can show.
fn edits() -> Vec<Edit> {
    let mut edits = job_edits();
    edits.extend(board_edits());
    edits
}

/// One edit of each key of a job.
fn job_edits() -> Vec<Edit> {
    let a = |from: &'static str, to: &'static str| -> &'static str {
        Box::leak(JOB_A.replace(from, to).into_boxed_str())
    };
    vec![
        (
            "title",
            "content/jobs/a.md",
            Some(a("Rust Engineer", "Rust Lead")),
        ),
        (
            "company",
            "content/jobs/a.md",
            Some(a("\"Acme\"", "\"Acme Corp\"")),
        ),
        (
            "location",
            "content/jobs/a.md",
            Some(a("Berlin, Germany", "Munich, Germany")),
        ),
        (
            "workplace",
            "content/jobs/a.md",
            Some(a("hybrid", "on-site")),
        ),
        (
            "date",
            "content/jobs/a.md",
            Some(a("2025-10-20", "2025-10-22")),
        ),
        ("url", "content/jobs/a.md", Some(a("jobs/1", "jobs/10"))),
        ("salary", "content/jobs/a.md", Some(a("70k-90k", "80k-95k"))),
        (
            "skills",
            "content/jobs/a.md",
            Some(a("\"Postgres\"", "\"Kafka\"")),
        ),
        (
            "description",
            "content/jobs/a.md",
            Some(a("storage engine", "query planner")),
        ),
        (
            "valid_through",
            "content/jobs/a.md",
            Some(a(
                "date = 2025-10-20",
                "date = 2025-10-20\nvalid_through = 2025-10-21",
            )),
        ),
        (
            "remote_from",
            "content/jobs/a.md",
            Some(a(
                "workplace",
                "remote_from = [\"Germany\", \"Austria\"]\nworkplace",
            )),
        ),
        (
            "visa_sponsorship",
            "content/jobs/a.md",
            Some(a("workplace", "visa_sponsorship = true\nworkplace")),
        ),
        ("new job", "content/jobs/d.md", Some(JOB_D)),
        ("removed job", "content/jobs/b.md", None),
    ]
}

/// One edit of each board-wide input: profile, configuration, templates, static files.
fn board_edits() -> Vec<Edit> {
    let config = |line: &'static str| -> &'static str {
        Box::leak(format!("{CONFIG}{line}\n").into_boxed_str())
    };
    vec![
        (
            "profile",
            "content/companies/acme.md",
            Some("+++\nname = \"Acme\"\n+++\nAcme makes rockets.\n"),
        ),
        (
            "profile logo",
            "content/companies/acme.md",
            Some("+++\nname = \"Acme\"\nlogo = \"https://acme.example/logo.png\"\n+++\nAnvils.\n"),
        ),
        (
            "board title",
            "jobsmith.toml",
            Some(config("").replace("Fingerprint Jobs", "Print Jobs").leak()),
        ),
        (
            "per_page",
            "jobsmith.toml",
            Some(config("").replace("per_page = 2", "per_page = 1").leak()),
        ),
        ("new_days", "jobsmith.toml", Some(config("new_days = 30"))),
        (
            "board remote_from",
            "jobsmith.toml",
            Some(config("[dataset]\nremote_from = \"EMEA\"")),
        ),
        (
            "template",
            "templates/job_row.html",
            Some("<li class=\"job\">{{ job.title }} ({{ job.company }})</li>\n"),
        ),
        (
            "stylesheet",
            "static/style.css",
            Some("body { color: #111; }\n"),
        ),
    ]
}

fn write_board(root: &Path) {
    let files = [
        ("jobsmith.toml", CONFIG),
        ("content/jobs/a.md", JOB_A),
        ("content/jobs/b.md", JOB_B),
        ("content/jobs/c.md", JOB_C),
        ("content/companies/acme.md", PROFILE),
    ];
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folders");
        std::fs::write(path, text).expect("write");
    }
}

fn rebuilder(root: &Path) -> Rebuilder {
    let now = crate::date::parse_clock("2025-10-22T12:00:00Z").expect("clock");
    let options = ServeOptions {
        root: root.to_path_buf(),
        bind: std::net::Ipv4Addr::LOCALHOST.into(),
        port: 0,
        open: false,
        drafts: false,
        now,
        timings: false,
    };
    Rebuilder::new(&options, "http://127.0.0.1:1111/")
}

/// Every file of a snapshot, by path.
fn files(site: &Snapshot) -> std::collections::BTreeMap<&str, &[u8]> {
    site.files
        .iter()
        .map(|(path, file)| (path.as_str(), &file.bytes[..]))
        .collect()
}

#[test]
fn a_rebuild_after_any_edit_serves_what_a_fresh_build_makes() {
    for (name, path, text) in edits() {
        let board = tempfile::tempdir().expect("temp dir");
        write_board(board.path());
        let mut warm = rebuilder(board.path());
        let before = warm.first_build().expect("first build");
        let file = board.path().join(path);
        match text {
            Some(text) => {
                std::fs::create_dir_all(file.parent().expect("a folder")).expect("folders");
                std::fs::write(&file, text).expect("edit");
            }
            None => std::fs::remove_file(&file).expect("remove"),
        }
        let changes = Changes {
            paths: vec![file],
            rescan: false,
        };
        let after = warm.rebuild(&changes).expect("rebuild");
        let fresh = rebuilder(board.path()).first_build().expect("fresh build");
        assert!(
            files(&before) != files(&after),
            "{name}: the edit changes the site"
        );
        for (page, bytes) in files(&fresh) {
            let served = files(&after).get(page).copied();
            assert!(
                served == Some(bytes),
                "{name}: {page} is stale after a rebuild"
            );
        }
        let (served, made) = (files(&after).len(), files(&fresh).len());
        assert!(served == made, "{name}: {served} files served, {made} made");
    }
}

/// A rebuild renders again only what the edit touches: after one job's description is edited,
/// every fingerprinted page that does not show the job is the very page of the previous build,
/// and the job's own page is made anew.
#[test]
fn a_rebuild_carries_over_every_page_the_edit_does_not_touch() {
    let board = tempfile::tempdir().expect("temp dir");
    write_board(board.path());
    let mut warm = rebuilder(board.path());
    let before = warm.first_build().expect("first build");
    // A job's slug is its file's name.
    let (page, link) = ("jobs/a/index.html".to_string(), "/jobs/a/");
    let file = board.path().join("content/jobs/a.md");
    let edited = JOB_A.replace("**storage engine**", "**query planner**");
    std::fs::write(&file, edited).expect("edit");
    let changes = Changes {
        paths: vec![file],
        rescan: false,
    };
    let after = warm.rebuild(&changes).expect("rebuild");
    let mut kept = 0;
    for (path, new) in &after.files {
        let shows_job = new.bytes.windows(link.len()).any(|w| w == link.as_bytes());
        if new.key.is_none() || shows_job {
            continue;
        }
        let old = &before.files[path];
        let carried = old.bytes.as_ptr() == new.bytes.as_ptr();
        assert!(
            carried,
            "{path} does not show the job but was rendered again"
        );
        kept += 1;
    }
    assert!(kept > 10, "only {kept} pages carried over");
    assert_ne!(before.files[&page].bytes, after.files[&page].bytes);
}
