//! The real binary: exit codes, determinism, and the commands that write files.

use crate::support::{TempBoard, jobsmith, stderr, tree};

const SAMPLE_NOW: &str = "2025-10-22T20:30:00Z";

/// Two builds give the same bytes, and parallel rendering gives what one thread gives.
#[test]
fn sample_board_builds_identically_twice() {
    let sample = crate::support::sample_board();
    let a = tempfile::tempdir().expect("temp dir");
    let b = tempfile::tempdir().expect("temp dir");
    for (dir, threads) in [(&a, "4"), (&b, "1")] {
        let out_dir = dir.path().join("public");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_jobsmith"))
            .args([
                "build",
                "--root",
                sample.path().to_str().expect("utf-8"),
                "--output",
                out_dir.to_str().expect("utf-8"),
                "--now",
                SAMPLE_NOW,
            ])
            .env_remove("SOURCE_DATE_EPOCH")
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .expect("run jobsmith");
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let first = tree(&a.path().join("public"));
    assert!(first.contains_key("index.html"));
    let job_pages = first
        .keys()
        .filter(|p| p.starts_with("jobs/") && p.ends_with("/index.html"))
        .count();
    assert_eq!(job_pages, 50);
    assert!(first == tree(&b.path().join("public")), "two builds differ");
}

#[test]
fn source_date_epoch_sets_the_clock() {
    let board = TempBoard::new(&[]);
    let root = board.root().to_str().expect("utf-8");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jobsmith"))
        .args(["build", "--root", root])
        .env("SOURCE_DATE_EPOCH", "1761165000")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let index = std::fs::read_to_string(board.root().join("public/index.html")).expect("index");
    assert!(index.contains(">22 Oct 2025</time>"), "{index}");
}

#[test]
fn usage_and_io_errors_exit_2() {
    assert_eq!(
        jobsmith(&["build", "--no-such-flag"]).status.code(),
        Some(2)
    );
    assert_eq!(
        jobsmith(&["build", "--now", "someday"]).status.code(),
        Some(2)
    );
    let missing = jobsmith(&["build", "--root", "/nonexistent/board"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("cannot read /nonexistent/board/jobsmith.toml"));
}

#[test]
fn bad_configuration_exits_1() {
    let board = TempBoard::new(&[]);
    board.write("jobsmith.toml", "title = \"T\"\n");
    let out = jobsmith(&["check", "--root", board.root().to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("jobsmith.toml:1:1: error: missing required key `base_url`"));
}

#[test]
fn check_writes_nothing() {
    let board = TempBoard::new(&[]);
    let out = jobsmith(&["check", "--root", board.root().to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!board.root().join("public").exists());
}

#[test]
fn new_writes_a_job_that_builds() {
    let board = TempBoard::new(&[]);
    let root = board.root().to_str().expect("utf-8");
    let args = [
        "new",
        "Senior \"Rust\" Engineer",
        "--company",
        "Ferrous",
        "--location",
        "Remote",
        "--url",
        "https://ferrous.example/jobs/1",
        "--root",
        root,
        "--now",
        "2025-10-22",
        "--workplace",
        "remote",
    ];
    let out = jobsmith(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(
        path.ends_with("content/jobs/ferrous-senior-rust-engineer.md"),
        "{path}"
    );
    // A second posting of the same title: another apply URL, or it would be the same job.
    let mut args2 = args.to_vec();
    if let Some(url) = args2
        .iter_mut()
        .find(|a| a.starts_with("https://ferrous.example/"))
    {
        *url = "https://ferrous.example/jobs/2";
    }
    let again = jobsmith(&args2);
    assert!(
        String::from_utf8_lossy(&again.stdout)
            .trim()
            .ends_with("ferrous-senior-rust-engineer-2.md")
    );
    let build = jobsmith(&["build", "--root", root, "--now", "2025-10-22"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let page = std::fs::read_to_string(
        board
            .root()
            .join("public/jobs/ferrous-senior-rust-engineer/index.html"),
    )
    .expect("page");
    assert!(
        page.contains("Senior &quot;Rust&quot; Engineer")
            || page.contains("Senior \"Rust\" Engineer"),
        "{page}"
    );
}

#[test]
fn new_refuses_a_bad_url() {
    let board = TempBoard::new(&[]);
    let out = jobsmith(&[
        "new",
        "Dev",
        "--company",
        "A",
        "--location",
        "B",
        "--url",
        "javascript:alert(1)",
        "--root",
        board.root().to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("`url` must be an absolute http or https URL"));
    assert!(
        !board.root().join("content/jobs").exists()
            || std::fs::read_dir(board.root().join("content/jobs"))
                .expect("dir")
                .next()
                .is_none()
    );
}

#[test]
fn init_writes_a_board_that_builds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let board = dir.path().join("board");
    let board = board.to_str().expect("utf-8");
    let out = jobsmith(&["init", board, "--now", "2025-10-22"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let build = jobsmith(&["build", "--root", board, "--now", "2025-10-22"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    assert!(
        dir.path()
            .join("board/public/jobs/example-company-backend-developer/index.html")
            .is_file()
    );
    for recipe in [
        "netlify.toml",
        ".github/workflows/pages.yml",
        ".github/workflows/refresh.yml",
        ".gitignore",
    ] {
        assert!(
            dir.path().join("board").join(recipe).is_file(),
            "init wrote no {recipe}"
        );
    }
    let again = jobsmith(&["init", board]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "init must refuse a non-empty folder"
    );
}

#[test]
fn version_help_completions_and_manual() {
    let version = jobsmith(&["--version"]);
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("jobsmith {}", env!("CARGO_PKG_VERSION"))
    );
    let help = String::from_utf8_lossy(&jobsmith(&["build", "--help"]).stdout).into_owned();
    for flag in [
        "--root",
        "--output",
        "--base-url",
        "--drafts",
        "--skip-invalid",
        "--now",
        "--no-minify",
    ] {
        assert!(help.contains(flag), "build --help lacks {flag}");
    }
    let bash = jobsmith(&["completions", "bash"]);
    assert!(String::from_utf8_lossy(&bash.stdout).contains("_jobsmith()"));
    let man = jobsmith(&["man"]);
    let man = String::from_utf8_lossy(&man.stdout);
    assert!(
        man.contains(".TH jobsmith 1") && man.contains("build"),
        "{man}"
    );
}

#[test]
fn timings_name_every_stage_in_order() {
    let board = TempBoard::new(&[]);
    let root = board.root().to_str().expect("utf-8");
    let out = jobsmith(&["build", "--root", root, "--timings"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stderr(&out);
    let stages: Vec<&str> = text
        .lines()
        .filter(|line| line.contains(" ms ") && line.contains('%'))
        .map(|line| line.rsplit("  ").next().unwrap_or_default())
        .collect();
    let expected = [
        "read and validate",
        "templates",
        "site model",
        "pages",
        "feeds",
        "aggregator",
        "sitemap",
        "cards",
        "redirects",
        "assets",
        "readme",
        "archive",
        "commit",
    ];
    assert_eq!(stages, expected, "{text}");
    let without = jobsmith(&["build", "--root", root]);
    assert!(!stderr(&without).contains("% "), "{}", stderr(&without));
}

/// Runs jobsmith with its standard output a pipe whose reader is already gone (`| head`).
fn into_a_closed_pipe(args: &[&str]) -> std::process::Output {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jobsmith"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run jobsmith");
    drop(child.stdout.take());
    child.wait_with_output().expect("wait")
}

#[test]
fn completions_and_manual_into_a_closed_pipe_do_not_panic() {
    for args in [
        &["completions", "bash"][..],
        &["completions", "zsh"],
        &["man"],
    ] {
        let out = into_a_closed_pipe(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("panicked"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn new_outside_a_board_refuses_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_str().expect("utf-8");
    let args = [
        "new",
        "Dev",
        "--company",
        "A",
        "--location",
        "B",
        "--url",
        "https://a.example/1",
    ];
    let out = jobsmith(&[&args[..], &["--root", root]].concat());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no jobsmith.toml here or above; run jobsmith init"),
        "{}",
        stderr(&out)
    );
    assert!(
        tree(dir.path()).is_empty(),
        "wrote {:?}",
        tree(dir.path()).keys()
    );
}

#[test]
fn new_inside_a_board_folder_writes_into_the_board() {
    let board = TempBoard::new(&[("content/jobs/.keep", "")]);
    let inside = board.root().join("content/jobs");
    let args = [
        "new",
        "Dev",
        "--company",
        "A",
        "--location",
        "B",
        "--url",
        "https://a.example/1",
    ];
    let out = jobsmith(&[&args[..], &["--root", inside.to_str().expect("utf-8")]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(board.root().join("content/jobs/a-dev.md").is_file());
    assert!(
        !inside.join("content").exists(),
        "wrote a board inside the board"
    );
}

#[test]
fn new_blames_the_argument_not_a_file() {
    let board = TempBoard::new(&[]);
    let root = board.root().to_str().expect("utf-8");
    let args = [
        "new",
        "Dev",
        "--company",
        "A",
        "--location",
        "B",
        "--url",
        "ftp://x",
        "--root",
        root,
    ];
    let out = jobsmith(&args);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.contains("--url: `url` must be an absolute http or https URL"),
        "{message}"
    );
    assert!(
        !message.contains("content/jobs"),
        "blames a file it did not write: {message}"
    );
    assert!(message.contains("nothing was written"), "{message}");
}
