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
#[derive(PartialEq, Clone)]
struct Published {
    site: BTreeMap<String, Vec<u8>>,
    readme: Vec<u8>,
    archive: BTreeMap<String, Vec<u8>>,
}

/// The three outputs, without the temporary files a stopped build leaves beside them (the next
/// build removes those: `leftovers`).
fn published(root: &Path) -> Published {
    let mut archive = tree(&root.join("archive"));
    archive.retain(|name, _| !name.contains(".jobsmith-tmp-"));
    Published {
        site: tree(&root.join("public")),
        readme: std::fs::read(root.join("README.md")).expect("README.md"),
        archive,
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

/// What a build leaves while it runs, anywhere in the board: staging folders and temporaries
/// beside the output, the README and the archive files, and the journal.
fn leftovers(root: &Path) -> Vec<String> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".jobsmith-") && n != ".jobsmith-output")
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

/// A small board of `JOBS / 50` jobs, for the tests that stop a build at each step of its commit.
fn small_jobs(edition: &str) -> String {
    jobs(edition)
        .lines()
        .take(JOBS / 50)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Builds `root` with `JOBSMITH_CRASH_AT=step`: the build stops dead at that step of its commit.
fn build_stopped_at(root: &Path, now: &str, step: &str) {
    let out = crate::support::run_within(
        Command::new(env!("CARGO_BIN_EXE_jobsmith"))
            .args([
                "build",
                "--root",
                root.to_str().expect("utf-8"),
                "--now",
                now,
            ])
            .env("JOBSMITH_CRASH_AT", step),
        Duration::from_secs(300),
    );
    assert!(
        !out.status.success() && out.status.code().is_none(),
        "the build was not stopped at {step}: {:?}\n{}",
        out.status,
        stderr(&out)
    );
}

/// Before its journal is written, a stopped build changed nothing; after, the next run of
/// `jobsmith build`, even one that fails on a bad job, finishes its commit whole: the three
/// outputs are then exactly those of an uninterrupted build.
#[cfg(unix)]
#[test]
fn a_build_stopped_at_any_step_of_its_commit_leaves_old_or_new_never_a_mix() {
    let (first, second) = ("2025-10-21T08:00:00Z", "2025-10-22T08:00:00Z");
    let reference = TempBoard::new(&[("content/jobs.jsonl", &small_jobs("Second"))]);
    reference.write("jobsmith.toml", CONFIG);
    build(reference.root(), second);
    let wanted_new = published(reference.root());
    for (step, decided) in [
        ("staged", false),
        ("journal", true),
        ("swapped", true),
        ("renamed", true),
        ("pruned", true),
        ("committed", true),
    ] {
        let board = TempBoard::new(&[("content/jobs.jsonl", &small_jobs("First"))]);
        board.write("jobsmith.toml", CONFIG);
        // The reference board built yesterday's archive file too: so does this one.
        build(board.root(), first);
        let old = published(board.root());
        board.write("content/jobs.jsonl", &small_jobs("Second"));
        build_stopped_at(board.root(), second, step);
        if !decided {
            assert!(published(board.root()) == old, "{step}: outputs changed");
        }
        board.write(
            "content/jobs/broken.md",
            "+++\ntitle = \"No company\"\n+++\n",
        );
        let out = jobsmith_within(
            &[
                "build",
                "--root",
                board.root().to_str().expect("utf-8"),
                "--now",
                second,
            ],
            Duration::from_secs(300),
        );
        assert_eq!(out.status.code(), Some(1), "{step}: {}", stderr(&out));
        let now = published(board.root());
        let mut wanted = if decided {
            wanted_new.clone()
        } else {
            old.clone()
        };
        if decided {
            // Yesterday's archive file is this board's own, kept (keep_days = 0).
            wanted.archive.extend(old.archive.clone());
        }
        assert!(now.site == wanted.site, "{step}: public/ is a mix");
        assert!(now.readme == wanted.readme, "{step}: README.md is a mix");
        assert_eq!(
            now.archive.keys().collect::<Vec<_>>(),
            wanted.archive.keys().collect::<Vec<_>>(),
            "{step}: archive/"
        );
        assert!(
            !board.root().join(".jobsmith-commit.json").exists(),
            "{step}"
        );
        std::fs::remove_file(board.root().join("content/jobs/broken.md")).expect("remove");
        build(board.root(), second);
        assert_eq!(
            leftovers(board.root()),
            Vec::<String>::new(),
            "{step}: leftovers"
        );
    }
}

/// Builds of one board at the same time (a `build` while another runs, or the test suite's own
/// builds of the sample board) take turns: each finishes whole, with the README, archive and card
/// cache the board shares.
#[test]
fn builds_of_one_board_at_the_same_time_take_turns() {
    let config = format!("{CONFIG}[cards]\nenabled = true\n");
    let board = TempBoard::new(&[
        ("jobsmith.toml", config.as_str()),
        ("content/jobs.jsonl", &small_jobs("First")),
    ]);
    let root = board.root();
    std::thread::scope(|scope| {
        let builds: Vec<_> = (0..4)
            .map(|i| {
                scope.spawn(move || {
                    let options = jobsmith::BuildOptions {
                        output: Some(root.join(format!("site-{i}"))),
                        ..jobsmith::BuildOptions::new(root, crate::support::clock())
                    };
                    jobsmith::build(&options).map_err(|e| format!("{e:#}"))
                })
            })
            .collect();
        for handle in builds {
            let result = handle.join().expect("build thread");
            assert!(result.is_ok(), "a build failed: {result:?}");
        }
    });
    let first = tree(&root.join("site-0"));
    for i in 1..4 {
        assert_eq!(tree(&root.join(format!("site-{i}"))), first, "site-{i}");
    }
    let mut left = leftovers(root);
    left.retain(|name| name != ".jobsmith-cache");
    assert!(left.is_empty(), "{left:?}");
    assert!(root.join("README.md").is_file());
}

/// A build waits while another holds the board (here the test holds the board's lock as a build
/// does), and goes on once it lets go.
#[cfg(unix)]
#[test]
fn a_build_waits_for_the_build_that_holds_the_board() {
    let board = TempBoard::new(&[("content/jobs.jsonl", &small_jobs("First"))]);
    let folder = std::fs::File::open(board.root()).expect("board folder");
    folder.lock().expect("lock");
    let root = board.root().to_str().expect("utf-8 path");
    let mut child = Command::new(env!("CARGO_BIN_EXE_jobsmith"))
        .args(["build", "--root", root, "--now", "2025-10-21T08:00:00Z"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run jobsmith");
    let held = Instant::now();
    while held.elapsed() < Duration::from_secs(3) {
        let exited = child.try_wait().expect("wait");
        assert!(
            exited.is_none(),
            "the build ran while the board was held: {exited:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!board.root().join("public").exists());
    drop(folder);
    let released = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if released.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("the build still waits after the board was let go");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");
    assert!(board.root().join("public/index.html").is_file());
}
