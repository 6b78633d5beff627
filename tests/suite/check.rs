//! `jobsmith check --format github|json` and `check --google`, run through the real binary on
//! the forms fixture (copied, with a job file that has no title).

use std::path::Path;

use crate::support::{TempBoard, copy_dir, fixture, jobsmith, stderr};

/// The forms fixture's configuration and content in a temporary board, plus `files`.
pub fn forms_board(files: &[(&str, &str)]) -> TempBoard {
    let board = TempBoard::new(&[]);
    let source = fixture("forms");
    let config = std::fs::read_to_string(source.join("jobsmith.toml")).expect("config");
    board.write("jobsmith.toml", &config);
    copy_dir(&source.join("content"), &board.root().join("content"));
    for (path, text) in files {
        board.write(path, text);
    }
    board
}

pub const NO_TITLE: &str = "+++\ncompany = \"Untitled Co\"\nlocation = \"Berlin, Germany\"\ndate = 2025-10-21\nurl = \"https://untitled.example/job\"\n+++\n\nA job.\n";

fn root(board: &TempBoard) -> &str {
    board.root().to_str().expect("utf-8 path")
}

#[test]
fn github_format_marks_a_job_without_a_title_on_its_line() {
    let board = forms_board(&[("content/jobs/no-title.md", NO_TITLE)]);
    let out = jobsmith(&[
        "check",
        "--root",
        root(&board),
        "--now",
        "2025-10-22",
        "--format",
        "github",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        ["::error file=content/jobs/no-title.md,line=1,col=1::missing required key `title`"],
        "{stdout}"
    );
    assert!(
        stderr(&out).contains("error: the dataset has 1 problem"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn json_format_prints_every_problem_as_one_array() {
    let board = forms_board(&[("content/jobs/no-title.md", NO_TITLE)]);
    let out = jobsmith(&[
        "check",
        "--root",
        root(&board),
        "--now",
        "2025-10-22",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let problems: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        problems,
        serde_json::json!([{"path": "content/jobs/no-title.md", "line": 1, "column": 1,
            "severity": "error", "message": "missing required key `title`"}])
    );
}

#[test]
fn a_clean_board_prints_an_empty_json_array_and_succeeds() {
    let board = forms_board(&[]);
    let out = jobsmith(&[
        "check",
        "--root",
        root(&board),
        "--now",
        "2025-10-22",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let problems: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(problems, serde_json::json!([]));
}

#[test]
fn check_google_names_the_jobs_without_a_salary_by_file_and_line() {
    let board = forms_board(&[]);
    let out = jobsmith(&[
        "check",
        "--root",
        root(&board),
        "--now",
        "2025-10-22",
        "--google",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stderr(&out);
    let salary: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("`baseSalary`"))
        .map(|l| l.split(": warning:").next().unwrap_or(""))
        .collect();
    // The TOML and JSONL jobs give a salary, the JSON and CSV jobs do not; the YAML job has
    // expired, and Google is not told about it.
    for given in ["content/jobs/toml-job.md", "content/stream.jsonl"] {
        assert!(!salary.iter().any(|l| l.starts_with(given)), "{text}");
    }
    assert!(!text.contains("yaml-job.md"), "{text}");
    for place in ["content/batch.json:2:", "content/sheet.csv:2:1"] {
        assert!(
            salary.iter().any(|l| l.starts_with(place)),
            "{place} in\n{text}"
        );
    }
    assert!(
        text.contains("warning: Google for Jobs recommends `baseSalary`: give the job a `salary`")
    );
}

#[test]
fn check_google_speaks_github_too() {
    let board = forms_board(&[]);
    let out = jobsmith(&[
        "check",
        "--root",
        root(&board),
        "--now",
        "2025-10-22",
        "--google",
        "--format",
        "github",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        stdout.lines().any(|l| l.starts_with("::warning file=content/batch.json,line=2,col=1::Google for Jobs recommends `baseSalary`")),
        "{stdout}"
    );
}

#[test]
fn init_writes_the_pull_request_check_and_the_issue_form() {
    let dir = tempfile::tempdir().expect("temp dir");
    let board = dir.path().join("board");
    let out = jobsmith(&[
        "init",
        board.to_str().expect("utf-8"),
        "--now",
        "2025-10-22",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let form = ".github/ISSUE_TEMPLATE/new-job.yml";
    assert_eq!(
        std::fs::read(board.join(form)).expect("written"),
        std::fs::read(repo.join(form)).expect("ours"),
        "{form}"
    );
    let workflow =
        std::fs::read_to_string(board.join(".github/workflows/check.yml")).expect("read");
    assert!(
        workflow.contains("pull_request:") && workflow.contains("jobsmith check --format github")
    );
    let ignored = std::fs::read_to_string(board.join(".gitignore")).expect("gitignore");
    assert!(
        ignored.lines().any(|l| l == "/.jobsmith-cache/"),
        "{ignored}"
    );
}

/// The issue form follows GitHub's issue-form schema: top-level `name`, `description` and `body`;
/// each element a known `type`, with unique ids, a label, options for dropdowns and checkboxes.
#[test]
fn the_issue_form_follows_the_issue_form_schema() {
    use serde_json::Value;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/ISSUE_TEMPLATE/new-job.yml");
    let text = std::fs::read_to_string(path).expect("form");
    let form: Value = serde_saphyr::from_str(&text).expect("YAML");
    for key in ["name", "description"] {
        assert!(form[key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
    }
    let allowed = [
        "name",
        "description",
        "title",
        "labels",
        "assignees",
        "projects",
        "type",
        "body",
    ];
    for key in form.as_object().expect("mapping").keys() {
        assert!(
            allowed.contains(&key.as_str()),
            "unknown top-level key {key}"
        );
    }
    let body = form["body"].as_array().expect("body");
    let mut ids = std::collections::BTreeSet::new();
    let mut inputs = 0;
    for element in body {
        let kind = element["type"].as_str().expect("type");
        let attributes = &element["attributes"];
        match kind {
            "markdown" => assert!(attributes["value"].is_string()),
            "input" | "textarea" | "dropdown" | "checkboxes" => {
                inputs += 1;
                assert!(attributes["label"].is_string(), "{element}");
                let id = element["id"].as_str().expect("id");
                assert!(ids.insert(id.to_string()), "id {id} twice");
                assert!(
                    id.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                );
                if matches!(kind, "dropdown" | "checkboxes") {
                    assert!(
                        !attributes["options"]
                            .as_array()
                            .expect("options")
                            .is_empty()
                    );
                }
            }
            other => panic!("unknown element type {other}"),
        }
    }
    assert!(inputs > 0, "a form needs at least one non-markdown field");
    for key in ["title", "company", "location", "url"] {
        assert!(ids.contains(key), "the form asks for no {key}");
    }
}

/// Every job page's JSON-LD says `directApply`: false unless the job says `direct_apply = true`.
#[test]
fn every_job_page_says_whether_it_is_applied_for_directly() {
    let direct = "+++\ntitle = \"Direct\"\ncompany = \"D\"\nlocation = \"Berlin, Germany\"\ndate = 2025-10-21\nurl = \"https://d.example/job\"\ndirect_apply = true\n+++\n";
    let board = forms_board(&[("content/jobs/direct.md", direct)]);
    let out = jobsmith(&["build", "--root", root(&board), "--now", "2025-10-22"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let jobs = board.root().join("public/jobs");
    let mut pages = 0;
    for entry in std::fs::read_dir(&jobs).expect("jobs") {
        let page = entry.expect("entry").path().join("index.html");
        let html = std::fs::read_to_string(&page).expect("page");
        let start = html.find("application/ld+json").expect("JSON-LD");
        let start = start + html[start..].find('>').expect("tag end") + 1;
        let end = start + html[start..].find("</script>").expect("end");
        let posting: serde_json::Value = serde_json::from_str(&html[start..end]).expect("JSON");
        let expected = page.to_string_lossy().contains("/direct/");
        assert_eq!(posting["directApply"], expected, "{}", page.display());
        assert_eq!(posting["identifier"]["@type"], "PropertyValue");
        pages += 1;
    }
    assert_eq!(
        pages, 6,
        "five jobs of the fixture (not the draft) and the direct one"
    );
    let bad = "+++\ntitle = \"T\"\ncompany = \"D\"\nlocation = \"Berlin\"\ndate = 2025-10-21\nurl = \"https://d.example/job\"\ndirect_apply = \"yes please\"\n+++\n";
    board.write("content/jobs/direct.md", bad);
    let out = jobsmith(&["check", "--root", root(&board), "--now", "2025-10-22"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("content/jobs/direct.md:7:1: error:"),
        "{}",
        stderr(&out)
    );
}
