//! Crash safety: a build killed with SIGKILL while it writes leaves the previous `public/`,
//! `README.md` and `archive/` byte for byte as they were, and the next build removes what the
//! killed one left behind.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{TempBoard, jobsmith_within, stderr, tree};

const JOBS: usize = 2500;

const CONFIG: &str = "title = \"Big Board\"\nbase_url = \"https://jobs.example.org/\"\nexpire_after_days = 0\nper_page = 20\n[readme]\nenabled = true\n[archive]\nenabled = true\nkeep_days = 0\n";

/// A JSONL file of `JOBS` jobs; `edition` changes every title, so a new build differs.
fn jobs(edition: &str) -> String {
    let skills = ["Rust", "Go", "Python", "SQL", "Kubernetes", "React"];
    let workplaces = ["remote", "on-site", "hybrid"];
    (0..JOBS)
        .map(|i| {
            serde_json::json!({
                "title": format!("{edition} Engineer {i}"),
                "company": format!("Company {}", i % 400),
                "location": format!("City {}, Germany", i % 150),
                "date": format!("2025-10-{:02}", 1 + i % 20),
                "url": format!("https://jobs.example.net/{i}"),
                "workplace": workplaces[i % 3],
                "skills": [skills[i % 6], skills[(i / 6) % 6]],
                "description": format!("## Role {i}\n\nWe build **things** with {}.\n", skills[i % 6]),
            })
            .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a build must not lose: the site, the README and the archive.
#[derive(PartialEq)]
struct Published {
    site: BTreeMap<String, Vec<u8>>,
    readme: Vec<u8>,
    archive: BTreeMap<String, Vec<u8>>,
}

fn published(root: &Path) -> Published {
    Published {
        site: tree(&root.join("public")),
        readme: std::fs::read(root.join("README.md")).expect("README.md"),
        archive: tree(&root.join("archive")),
    }
}

fn build(root: &Path, now: &str) {
    let root = root.to_str().expect("utf-8 path");
    let out = jobsmith_within(
        &["build", "--root", root, "--now", now],
        Duration::from_secs(600),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// Files in `dir` so far (0 when it does not exist yet).
fn count_files(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count()
}

/// Entries beside the output that a build leaves while it runs.
fn leftovers(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .expect("read board")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".jobsmith-"))
        .collect()
}

#[cfg(unix)]
#[test]
fn a_build_killed_mid_way_leaves_the_previous_site_intact() {
    let board = TempBoard::new(&[("content/jobs.jsonl", &jobs("First"))]);
    board.write("jobsmith.toml", CONFIG);
    let started = Instant::now();
    build(board.root(), "2025-10-21T08:00:00Z");
    let full = count_files(&board.root().join("public"));
    eprintln!("first build: {full} files in {:.1?}", started.elapsed());
    let before = published(board.root());
    board.write("content/jobs.jsonl", &jobs("Second"));
    // Kill once the staging folder exists, then after a share of the files has been written.
    for share in [0, 10, 40, 75] {
        let at_least = full * share / 100;
        let mut child = Command::new(env!("CARGO_BIN_EXE_jobsmith"))
            .args(["build", "--root", board.root().to_str().expect("utf-8")])
            .args(["--now", "2025-10-22T08:00:00Z"])
            .env_remove("SOURCE_DATE_EPOCH")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start a build");
        let staging = board
            .root()
            .join(format!(".public.jobsmith-staging-{}", child.id()));
        let deadline = Instant::now() + Duration::from_secs(600);
        loop {
            if let Some(status) = child.try_wait().expect("wait") {
                panic!("the build ended ({status}) before {share}% of its files were written");
            }
            assert!(Instant::now() < deadline, "the build never got to {share}%");
            if staging.is_dir() && count_files(&staging) >= at_least.max(usize::from(share > 0)) {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        let written = count_files(&staging);
        eprintln!("killed at {written} of about {full} files ({share}%)");
        assert!(
            published(board.root()) == before,
            "killed at {share}%: public/, README.md or archive/ changed"
        );
        assert!(
            staging.is_dir(),
            "the killed build's staging folder is there to clean"
        );
    }
    build(board.root(), "2025-10-22T08:00:00Z");
    assert_eq!(
        leftovers(board.root()),
        Vec::<String>::new(),
        "stale folders stayed"
    );
    let after = published(board.root());
    assert!(after.site != before.site && after.readme != before.readme);
    assert_eq!(
        after.archive.len(),
        before.archive.len() + 1,
        "a new day's archive"
    );
}
