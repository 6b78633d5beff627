//! The documentation tells the truth: every configuration key is documented, and every example
//! configuration, job file and bulk file in docs/ is accepted by jobsmith as it is written.

use std::path::Path;

use crate::support::{TempBoard, clock};
use jobsmith::{BuildOptions, build};

/// (file, language, text) of every fenced code block in docs/.
fn code_blocks() -> Vec<(String, String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let mut blocks = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("docs")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "md"))
    {
        let text = std::fs::read_to_string(file).expect("doc");
        let name = file
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let Some(language) = line.strip_prefix("```").filter(|l| !l.is_empty()) else {
                continue;
            };
            let body: Vec<&str> = lines
                .by_ref()
                .take_while(|l| !l.starts_with("```"))
                .collect();
            blocks.push((name.clone(), language.to_string(), body.join("\n") + "\n"));
        }
    }
    blocks
}

#[test]
fn every_configuration_key_is_documented() {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/configuration.md"),
    )
    .expect("doc");
    for (key, _, _) in jobsmith::internals::config::KEYS {
        assert!(
            doc.contains(&format!("| `{key}` |")),
            "docs/configuration.md does not document `{key}`"
        );
    }
}

/// Builds a board holding `path` with `text`; fails on any problem, warnings included.
fn assert_accepted(doc: &str, path: &str, text: &str) {
    let board = TempBoard::new(&[(path, text)]);
    let summary = build(&BuildOptions::new(board.root(), clock()))
        .unwrap_or_else(|e| panic!("{doc}: {path} refused: {e:#}\n{text}"));
    assert!(
        summary.problems.is_empty(),
        "{doc}: {path}: {:?}",
        summary.problems
    );
}

#[test]
fn every_example_in_the_docs_is_accepted() {
    let mut checked = 0;
    for (doc, language, text) in code_blocks() {
        match language.as_str() {
            "toml" if text.contains("base_url") => {
                let (config, problems) = jobsmith::internals::config::parse(&text);
                assert!(
                    config.is_some() && problems.is_empty(),
                    "{doc}: {problems:?}"
                );
            }
            "toml" => assert_accepted(&doc, "content/jobs.toml", &text),
            "yaml" => assert_accepted(&doc, "content/jobs.yaml", &text),
            "jsonl" => assert_accepted(&doc, "content/jobs.jsonl", &text),
            "csv" => assert_accepted(&doc, "content/jobs.csv", &text),
            "json" if text.contains("\"seen\"") => {
                let parsed =
                    jobsmith::import::parse(&doc, &text, jobsmith::import::Format::Json, None);
                assert!(
                    parsed.problems.is_empty() && !parsed.jobs.is_empty(),
                    "{doc}: {:?}",
                    parsed.problems
                );
            }
            "json" => assert_accepted(&doc, "content/jobs.json", &text),
            "markdown" if text.contains("\nname = ") => {
                let job = "+++\ntitle = \"Dev\"\ncompany = \"Ferrous Works\"\nlocation = \"Berlin\"\ndate = 2025-10-20\nurl = \"https://f.example/\"\n+++\n";
                let board = TempBoard::new(&[
                    ("content/jobs/a.md", job),
                    ("content/companies/ferrous-works.md", &text),
                ]);
                let summary =
                    build(&BuildOptions::new(board.root(), clock())).expect("profile accepted");
                assert!(summary.problems.is_empty(), "{doc}: {:?}", summary.problems);
                let page = std::fs::read_to_string(
                    board
                        .root()
                        .join("public/companies/ferrous-works/index.html"),
                )
                .expect("page");
                assert!(
                    page.contains("builds storage engines"),
                    "the profile is shown"
                );
            }
            "markdown" => assert_accepted(&doc, "content/jobs/example.md", &text),
            _ => continue,
        }
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} examples checked");
}
