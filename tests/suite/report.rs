//! `jobsmith check --report` through the real binary, and the warning of a board whose jobs have
//! all expired by age.

use serde_json::{Value, json};

use crate::support::{TempBoard, jobsmith, stderr};

fn job(location: &str, workplace: &str, date: &str, url: &str, extra: &str) -> String {
    format!(
        "+++\ntitle = \"Dev\"\ncompany = \"Acme\"\nlocation = \"{location}\"\nworkplace = \"{workplace}\"\ndate = {date}\nurl = \"{url}\"\n{extra}+++\n"
    )
}

const CONFIG: &str = "title = \"T\"\nbase_url = \"https://jobs.example.org/\"\nexpire_after_days = 30\n[readme]\nenabled = false\n[archive]\nenabled = false\n";

/// Current and expired jobs (by age and by `valid_through`), a duplicate, two places nothing
/// recognises, and remote jobs with and without a place.
fn messy_board() -> TempBoard {
    let board = TempBoard::new(&[
        (
            "content/jobs/a.md",
            &job("Remote", "remote", "2025-10-20", "https://a.example/1", ""),
        ),
        (
            "content/jobs/b.md",
            &job(
                "Berlin, Germany",
                "on-site",
                "2025-01-02",
                "https://a.example/2",
                "",
            ),
        ),
        (
            "content/jobs/c.md",
            &job(
                "Lisbon, Portugal",
                "on-site",
                "2025-10-01",
                "https://a.example/3",
                "valid_through = 2025-10-10\n",
            ),
        ),
        (
            "content/jobs/d.md",
            &job(
                "Remote",
                "remote",
                "2025-10-20",
                "https://a.example/1?utm_source=x",
                "",
            ),
        ),
        (
            "content/jobs/e.md",
            &job(
                "Zzyzxqv Office",
                "on-site",
                "2025-10-20",
                "https://a.example/5",
                "",
            ),
        ),
        (
            "content/jobs/f.md",
            &job(
                "Zzyzxqv Office",
                "on-site",
                "2025-10-19",
                "https://a.example/6",
                "",
            ),
        ),
        (
            "content/jobs/g.md",
            &job(
                "Qqxvbn Campus",
                "on-site",
                "2025-10-19",
                "https://a.example/7",
                "",
            ),
        ),
        (
            "content/jobs/h.md",
            &job(
                "Remote",
                "remote",
                "2025-10-19",
                "https://a.example/8",
                "remote_from = \"EMEA\"\n",
            ),
        ),
    ]);
    board.write("jobsmith.toml", CONFIG);
    board
}

fn check(board: &TempBoard, extra: &[&str]) -> std::process::Output {
    let root = board.root().to_str().expect("utf-8");
    let mut args = vec!["check", "--root", root, "--now", "2025-10-22"];
    args.extend_from_slice(extra);
    jobsmith(&args)
}

#[test]
fn the_report_says_what_the_data_is_like() {
    let board = messy_board();
    let out = check(&board, &["--report"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let want = "\
Jobs: 7 (0 drafts)
  current: 5
  expired: 2 (1 older than expire_after_days = 30, 1 past their valid_through)
  newest posted: 2025-10-20

Duplicates left out: 1 (the same job as an earlier record; the first is built)
  content/jobs/d.md:7 same as content/jobs/a.md:7 (url https://a.example/1)

Places not recognised: 3 jobs, 2 distinct locations
  the 2 most frequent:
       2  Zzyzxqv Office
       1  Qqxvbn Campus

Remote jobs with no eligible country: 1 of 2 (give them `remote_from`, or the board `[dataset] remote_from`)
  content/jobs/a.md:1  Remote
";
    assert_eq!(text, want);
    assert!(
        stderr(&out).contains("warning: the same job as content/jobs/a.md:7"),
        "the duplicate is still a problem: {}",
        stderr(&out)
    );
}

#[test]
fn the_report_in_json_is_one_object_with_the_problems() {
    let board = messy_board();
    let out = check(&board, &["--report", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let all: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(all["problems"].as_array().map(Vec::len), Some(1));
    let report = &all["report"];
    assert_eq!(report["jobs"], 7);
    assert_eq!(report["current"], 5);
    assert_eq!(
        report["expired"],
        json!({"by_age": 1, "by_valid_through": 1, "expire_after_days": 30})
    );
    assert_eq!(
        report["unrecognised"][0],
        json!({"location": "Zzyzxqv Office", "jobs": 2})
    );
    assert_eq!(
        report["remote_without_area"],
        json!([{"at": "content/jobs/a.md:1", "location": "Remote"}])
    );
    assert_eq!(report["duplicates"][0]["dropped"], "content/jobs/d.md:7");
}

#[test]
fn without_report_check_prints_no_report() {
    let out = check(&messy_board(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_board_whose_jobs_all_expired_by_age_warns_once_naming_expire_after_days() {
    let board = TempBoard::new(&[
        (
            "content/jobs/a.md",
            &job(
                "Berlin, Germany",
                "on-site",
                "2025-06-01",
                "https://a.example/1",
                "",
            ),
        ),
        (
            "content/jobs/b.md",
            &job(
                "Berlin, Germany",
                "on-site",
                "2025-05-01",
                "https://a.example/2",
                "",
            ),
        ),
    ]);
    board.write("jobsmith.toml", CONFIG);
    let root = board.root().to_str().expect("utf-8");
    for command in ["build", "check"] {
        let out = jobsmith(&[command, "--root", root, "--now", "2025-10-22"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let warnings: Vec<String> = stderr(&out)
            .lines()
            .filter(|l| l.contains("every job has expired"))
            .map(str::to_string)
            .collect();
        assert_eq!(warnings.len(), 1, "{command}: {}", stderr(&out));
        assert!(
            warnings[0].starts_with("jobsmith.toml:3:1: warning: every job has expired (2 of 2 by age): `expire_after_days` is 30 and the newest job was posted on 2025-06-01, 143 days before 2025-10-22"),
            "{command}: {}",
            warnings[0]
        );
    }
    // One current job, and nothing to warn about.
    board.write(
        "content/jobs/c.md",
        &job(
            "Berlin, Germany",
            "on-site",
            "2025-10-20",
            "https://a.example/3",
            "",
        ),
    );
    let out = jobsmith(&["build", "--root", root, "--now", "2025-10-22"]);
    assert!(
        !stderr(&out).contains("every job has expired"),
        "{}",
        stderr(&out)
    );
}

/// A job listing two places nothing recognises is one job with two unrecognised places.
#[test]
fn a_job_in_two_unrecognised_places_counts_once() {
    let text = job("X", "on-site", "2025-10-20", "https://a.example/1", "").replace(
        "location = \"X\"",
        "location = [\"Zzyzxqv Office\", \"Qqxvbn Campus\"]",
    );
    let board = TempBoard::new(&[("jobsmith.toml", CONFIG), ("content/jobs/a.md", &text)]);
    let out = check(&board, &["--report", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let all: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let report = &all["report"];
    assert_eq!(report["unrecognised_jobs"], 1, "{report}");
    assert_eq!(report["unrecognised_distinct"], 2, "{report}");
    assert_eq!(
        report["unrecognised"],
        json!([{"location": "Qqxvbn Campus", "jobs": 1}, {"location": "Zzyzxqv Office", "jobs": 1}])
    );
}
