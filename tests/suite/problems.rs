//! Every kind of dataset problem is reported as `path:line:column: error: message`, all at once,
//! and fails the build with exit status 1 (or, with --skip-invalid, leaves the job out).

use crate::support::{TempBoard, clock, jobsmith, stderr};
use jobsmith::outcome::InvalidInput;
use jobsmith::{BuildOptions, build};

const GOOD: &str = "+++\ntitle = \"Dev\"\ncompany = \"Acme\"\nlocation = \"Berlin\"\ndate = 2025-10-20\nurl = \"https://acme.example/jobs/1\"\n+++\n";

/// Builds a board holding one good job plus `files`, expecting failure; returns the problems.
fn problems_of(files: &[(&str, &str)]) -> Vec<String> {
    let mut all = vec![("content/jobs/good.md", GOOD)];
    all.extend_from_slice(files);
    let board = TempBoard::new(&all);
    let err = build(&BuildOptions::new(board.root(), clock())).expect_err("build should fail");
    let invalid = err
        .downcast_ref::<InvalidInput>()
        .expect("a dataset problem");
    invalid.problems.iter().map(ToString::to_string).collect()
}

fn assert_problem(files: &[(&str, &str)], expected: &str) {
    let problems = problems_of(files);
    assert!(
        problems.iter().any(|p| p.contains(expected)),
        "expected {expected:?} among {problems:#?}"
    );
}

#[test]
fn missing_required_field() {
    let job = "+++\ntitle = \"Dev\"\nlocation = \"Berlin\"\ndate = 2025-10-20\nurl = \"https://a.example/\"\n+++\n";
    assert_problem(
        &[("content/jobs/a.md", job)],
        "content/jobs/a.md:1:1: error: missing required key `company`",
    );
}

#[test]
fn impossible_and_relative_dates() {
    let feb30 = GOOD.replace("2025-10-20", "\"2025-02-30\"");
    assert_problem(
        &[("content/jobs/a.md", &feb30)],
        "content/jobs/a.md:5:1: error: `date` is not a date: \"2025-02-30\"",
    );
    let yesterday = GOOD.replace("2025-10-20", "\"yesterday\"");
    assert_problem(
        &[("content/jobs/b.md", &yesterday)],
        "content/jobs/b.md:5:1: error: `date` is not a date: \"yesterday\"",
    );
}

#[test]
fn urls_must_be_absolute_http() {
    let js = GOOD.replace("https://acme.example/jobs/1", "javascript:alert(1)");
    assert_problem(
        &[("content/jobs/a.md", &js)],
        "content/jobs/a.md:6:1: error: `url` must be an absolute http or https URL",
    );
}

#[test]
fn unterminated_front_matter() {
    assert_problem(
        &[("content/jobs/a.md", "+++\ntitle = \"Dev\"\n")],
        "content/jobs/a.md:1:1: error: front matter is not closed",
    );
}

#[test]
fn invalid_toml_yaml_json_csv() {
    let problems = problems_of(&[
        (
            "content/jobs/a.md",
            "+++\ntitle = \"Dev\"\ncompany = Acme\n+++\n",
        ),
        (
            "content/jobs/b.md",
            "---\ntitle: Dev\ncompany: [Acme\n---\n",
        ),
        (
            "content/bulk.json",
            "[\n  {\"title\": \"Dev\"},\n  {\"title\": }\n]\n",
        ),
        (
            "content/bulk.csv",
            "title,company,location,date,url\nDev,Acme,Berlin,2025-10-20,https://a.example/\nDev,\"Acme\n",
        ),
    ]);
    let expect = [
        "content/jobs/a.md:3:11: error: invalid TOML",
        "content/jobs/b.md:",
        "content/bulk.json:3:13: error: invalid JSON: expected value",
        "content/bulk.csv:3:1: error: invalid CSV",
    ];
    for e in expect {
        assert!(
            problems.iter().any(|p| p.starts_with(e)),
            "{e} not in {problems:#?}"
        );
    }
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("content/jobs/b.md:3:") && p.contains("invalid YAML")),
        "{problems:#?}"
    );
}

#[test]
fn an_id_given_to_two_jobs_of_different_identity_is_an_error() {
    // A default id (the file's path) and a given one can meet; the given one is another job.
    let a = GOOD.replace("+++\ntitle", "+++\nid = \"b\"\ntitle");
    let b = GOOD.replace("jobs/1", "jobs/2");
    assert_problem(
        &[("content/jobs/a.md", &a), ("content/jobs/b.md", &b)],
        "content/jobs/b.md:1:1: error: duplicate id `b`: already used at content/jobs/a.md:1:1",
    );
}

/// Builds `files` (expected to succeed) and returns the problems and the built job pages.
fn built(files: &[(&str, &str)], config: &str) -> (Vec<String>, Vec<String>) {
    let board = TempBoard::new(files);
    board.write(
        "jobsmith.toml",
        &format!("{}{config}", crate::support::CONFIG),
    );
    let summary = build(&BuildOptions::new(board.root(), clock())).expect("builds");
    let shown = summary.problems.iter().map(ToString::to_string).collect();
    let pages = std::fs::read_dir(board.root().join("public/jobs"))
        .expect("job pages")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    (shown, pages)
}

#[test]
fn two_records_of_one_job_are_a_warning_naming_both_and_the_first_is_built() {
    let tracked = GOOD.replace("jobs/1", "jobs/1?utm_source=github#apply");
    let bulk = "{\"title\": \"Dev\", \"company\": \"Acme\", \"location\": \"Berlin\", \"date\": \"2025-10-20\", \"url\": \"https://ACME.example/jobs/1?gh_src=x\"}\n";
    let (problems, pages) = built(
        &[
            ("content/jobs/a.md", GOOD),
            ("content/jobs/b.md", &tracked),
            ("content/more.jsonl", bulk),
        ],
        "",
    );
    for dropped in ["content/jobs/b.md:6:1", "content/more.jsonl:1:1"] {
        let want = format!(
            "{dropped}: warning: the same job as content/jobs/a.md:6: the same apply URL (https://acme.example/jobs/1); only the first is built"
        );
        assert!(problems.contains(&want), "{want} not in {problems:#?}");
    }
    assert_eq!(pages, ["a"]);
    let given = GOOD.replace("+++\ntitle", "+++\nid = \"same\"\ntitle");
    let other = given.replace("jobs/1", "jobs/2");
    let (problems, _) = built(
        &[("content/jobs/a.md", &given), ("content/jobs/b.md", &other)],
        "",
    );
    let want = "content/jobs/b.md:2:1: warning: the same job as content/jobs/a.md:2: the same `id` (same); only the first is built";
    assert!(problems.iter().any(|p| p == want), "{problems:#?}");
}

#[test]
fn duplicates_are_errors_when_the_board_says_so() {
    assert_problem(
        &[
            ("content/jobs/b.md", GOOD),
            (
                "jobsmith.toml",
                &format!(
                    "{}[dataset]\nduplicates = \"error\"\n",
                    crate::support::CONFIG
                ),
            ),
        ],
        "content/jobs/good.md:6:1: error: the same job as content/jobs/b.md:6: the same apply URL",
    );
}

#[test]
fn file_that_is_not_utf8() {
    let board = TempBoard::new(&[("content/jobs/good.md", GOOD)]);
    board.write_bytes("content/jobs/latin1.md", b"+++\ntitle = \"Caf\xe9\"\n+++\n");
    let err = build(&BuildOptions::new(board.root(), clock())).expect_err("fails");
    let invalid = err.downcast_ref::<InvalidInput>().expect("dataset problem");
    let shown: Vec<String> = invalid.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "content/jobs/latin1.md:1:1: error: not UTF-8 text (first bad byte on line 2); save the file as UTF-8"
        ]
    );
}

#[test]
fn bulk_rows_report_their_own_line() {
    let jsonl = "{\"title\":\"A\",\"company\":\"X\",\"location\":\"Y\",\"date\":\"2025-10-20\",\"url\":\"https://x.example/\"}\n{\"title\":\"B\",\"company\":\"X\",\"location\":\"Y\",\"date\":\"2025-13-01\",\"url\":\"https://x.example/\"}\n";
    assert_problem(
        &[("content/feed.jsonl", jsonl)],
        "content/feed.jsonl:2:1: error: `date` is not a date: \"2025-13-01\"",
    );
}

#[test]
fn unknown_keys_are_only_warnings() {
    let job = GOOD.replace("+++\ntitle", "+++\ncolour = \"blue\"\ntitle");
    let board = TempBoard::new(&[("content/jobs/a.md", &job)]);
    let summary = build(&BuildOptions::new(board.root(), clock())).expect("builds");
    let shown: Vec<String> = summary.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        ["content/jobs/a.md:2:1: warning: unknown key `colour` (ignored)"]
    );
    assert!(board.root().join("public/jobs/a/index.html").is_file());
}

#[test]
fn empty_content_is_a_valid_empty_board() {
    let board = TempBoard::new(&[]);
    std::fs::create_dir_all(board.root().join("content")).expect("mkdir");
    let summary = build(&BuildOptions::new(board.root(), clock())).expect("builds");
    assert_eq!(summary.jobs, 0);
    let index = std::fs::read_to_string(board.root().join("public/index.html")).expect("index");
    assert!(index.contains("No open positions right now."));
}

#[test]
fn skip_invalid_builds_the_rest_and_warns() {
    let bad = GOOD.replace("title = \"Dev\"\n", "");
    let board = TempBoard::new(&[
        ("content/jobs/good.md", GOOD),
        ("content/jobs/bad.md", &bad),
    ]);
    let root = board.root().to_str().expect("utf-8 path");
    let out = jobsmith(&[
        "build",
        "--root",
        root,
        "--now",
        "2025-10-22",
        "--skip-invalid",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("content/jobs/bad.md:1:1: warning: missing required key `title` (left out)")
    );
    assert!(board.root().join("public/jobs/good/index.html").is_file());
    assert!(!board.root().join("public/jobs/bad").exists());
}

#[test]
fn three_broken_files_are_all_named_and_public_is_left_alone() {
    let board = TempBoard::new(&[("content/jobs/good.md", GOOD)]);
    let root = board.root().to_str().expect("utf-8 path");
    let first = jobsmith(&["build", "--root", root, "--now", "2025-10-22"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let before = crate::support::tree(&board.root().join("public"));
    board.write("content/jobs/broken.md", "+++\ntitle = \"Dev\"\n");
    board.write("content/more.json", "[\n{\"title\": \"A\",}\n]");
    board.write(
        "content/rows.csv",
        "title,company,location,date,url\nA,B,C,2025-10-20\n",
    );
    for command in ["build", "check"] {
        let out = jobsmith(&[command, "--root", root, "--now", "2025-10-22"]);
        assert_eq!(out.status.code(), Some(1), "{command}: {}", stderr(&out));
        let err = stderr(&out);
        for expected in [
            "content/jobs/broken.md:1:1: error:",
            "content/more.json:2:",
            "content/rows.csv:2:1: error:",
        ] {
            assert!(
                err.contains(expected),
                "{command}: {expected} missing from {err}"
            );
        }
    }
    assert_eq!(
        crate::support::tree(&board.root().join("public")),
        before,
        "public/ changed"
    );
}

#[test]
fn configuration_type_errors_are_in_plain_words() {
    let config = format!("per_page = \"ten\"\n{}", crate::support::CONFIG);
    let board = TempBoard::new(&[("jobsmith.toml", &config), ("content/jobs/good.md", GOOD)]);
    let out = jobsmith(&["build", "--root", board.root().to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message
            .contains("jobsmith.toml:1:12: error: `per_page` must be a whole number, not \"ten\""),
        "{message}"
    );
    assert!(
        message.contains("error: the configuration has 1 problem; nothing was written"),
        "{message}"
    );
}

#[test]
fn a_nested_configuration_value_names_its_table() {
    let config = crate::support::CONFIG.replace("[readme]\n", "[readme]\nmax_jobs = true\n");
    let board = TempBoard::new(&[("jobsmith.toml", &config)]);
    let out = jobsmith(&["check", "--root", board.root().to_str().expect("utf-8")]);
    let message = stderr(&out);
    assert!(
        message.contains("error: `readme.max_jobs` must be a whole number, not true"),
        "{message}"
    );
}

#[test]
fn unknown_keys_suggest_the_key_meant() {
    let job = GOOD.replace("location =", "locaton =");
    let problems = problems_of(&[("content/jobs/a.md", &job)]);
    let expected =
        "content/jobs/a.md:4:1: warning: unknown key `locaton` (ignored); did you mean `location`?";
    assert!(problems.iter().any(|p| p == expected), "{problems:#?}");
    let config = crate::support::CONFIG.replace("[readme]\n", "[readme]\nmax_job = 5\n");
    let board = TempBoard::new(&[("jobsmith.toml", &config), ("content/jobs/good.md", GOOD)]);
    let summary = build(&BuildOptions::new(board.root(), clock())).expect("builds");
    let shown: Vec<String> = summary.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "jobsmith.toml:5:1: warning: unknown key `readme.max_job` (ignored); did you mean `readme.max_jobs`?"
        ]
    );
}

#[test]
fn toml_between_yaml_fences_gets_the_plus_hint() {
    let job = GOOD.replace("+++", "---");
    let problems = problems_of(&[("content/jobs/a.md", &job)]);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("content/jobs/a.md:2:1: error: ")
                && p.ends_with("use +++ for TOML front matter")),
        "{problems:#?}"
    );
}
