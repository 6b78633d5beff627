//! The README and archive targets, and import of published boards, exact to the byte.

use std::path::Path;

use crate::support::{TempBoard, fixture, jobsmith, stderr};

/// Table rows (`| **…` lines) of a README or archive file.
fn table_rows(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with("| **"))
        .map(str::to_string)
        .collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Imports a reference file into a new board with that file's utm values, builds it at `now`,
/// and returns (original text, built README, built archive for `day`).
fn import_and_build(file: &str, campaign: &str, now: &str, day: &str) -> (String, String, String) {
    let config = format!(
        "title = \"Board\"\nbase_url = \"https://jobs.example.org/\"\nexpire_after_days = 0\n\n[readme.utm]\nsource = \"github\"\nmedium = \"repo\"\ncampaign = \"{campaign}\"\n"
    );
    let board = TempBoard::new(&[]);
    board.write("jobsmith.toml", &config);
    let root = board.root().to_str().expect("utf-8");
    let source = fixture("reference").join(file);
    let import = jobsmith(&[
        "import",
        "--root",
        root,
        "--format",
        "jobr-readme",
        source.to_str().expect("utf-8"),
    ]);
    assert_eq!(import.status.code(), Some(0), "{}", stderr(&import));
    assert!(
        stderr(&import).contains(&format!("campaign = \"{campaign}\"")),
        "no utm suggestion: {}",
        stderr(&import)
    );
    let build = jobsmith(&["build", "--root", root, "--now", now]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let readme = read(&board.root().join("README.md"));
    let archive = read(&board.root().join(format!("archive/{day}.md")));
    (read(&source), readme, archive)
}

#[test]
fn backend_readme_round_trips_byte_for_byte() {
    let (original, readme, _) = import_and_build(
        "backend-jobs-README-2025-10-22.md",
        "github-backend-jobs",
        "2025-10-22T20:30:00Z",
        "2025-10-22",
    );
    let want = table_rows(&original);
    assert_eq!(want.len(), 50);
    assert_eq!(table_rows(&readme), want);
    assert!(
        readme.contains("**Current Stats:** 50 jobs | 34% remote | 42 companies  \n"),
        "{readme}"
    );
    assert!(readme.contains("<sub><small>Last updated: Oct 22, 2025 at 20:30 UTC</small></sub>"));
}

#[test]
fn fullstack_readme_round_trips_with_empty_company_links_made_bold() {
    let (original, readme, _) = import_and_build(
        "fullstack-jobs-README-2026-07-01.md",
        "github-fullstack-jobs",
        "2026-07-01T06:00:00Z",
        "2026-07-01",
    );
    let want: Vec<String> = table_rows(&original)
        .iter()
        .map(|row| {
            // `**[Name]()**` is an empty link in the original: jobsmith writes `**Name**`.
            let mut row = row.clone();
            while let Some(end) = row.find("]()**") {
                let start = row[..end].rfind("**[").expect("link start");
                let name = row[start + 3..end].to_string();
                row.replace_range(start..end + 5, &format!("**{name}**"));
            }
            row
        })
        .collect();
    assert_ne!(
        want,
        table_rows(&original),
        "the fixture has empty company links"
    );
    assert_eq!(table_rows(&readme), want);
    assert!(
        readme.contains("**Current Stats:** 50 jobs | 46% remote | 37 companies  \n"),
        "{readme}"
    );
    assert!(readme.contains("Last updated: Jul 01, 2026 at 06:00 UTC"));
    assert!(!readme.contains("e+"), "no exponent notation");
}

#[test]
fn archive_round_trips_byte_for_byte() {
    let (original, _, archive) = import_and_build(
        "fullstack-jobs-archive-2026-07-01.md",
        "github-fullstack-jobs",
        "2026-07-01T06:00:00Z",
        "2026-07-01",
    );
    let want: Vec<String> = table_rows(&original)
        .into_iter()
        .filter(|r| !r.contains("]()**"))
        .collect();
    let got: Vec<String> = table_rows(&archive)
        .into_iter()
        .filter(|r| want.contains(r))
        .collect();
    assert_eq!(got, want);
    assert_eq!(table_rows(&archive).len(), 50);
    assert!(
        archive.starts_with(
            "# Board — 2026-07-01\n\n| Company | Position | Location | Type | Date |\n"
        )
    );
}
