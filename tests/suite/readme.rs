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

/// The cells' text of every row of the first table in `markdown`, rendered as GitHub would.
fn rendered_table(markdown: &str) -> Vec<Vec<String>> {
    use comrak::nodes::{AstNode, NodeValue};
    fn text<'a>(node: &'a AstNode<'a>, out: &mut String) {
        match &node.data().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            _ => {}
        }
        for child in node.children() {
            text(child, out);
        }
    }
    let arena = comrak::Arena::new();
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    let root = comrak::parse_document(&arena, markdown, &options);
    let table = root
        .descendants()
        .find(|n| matches!(n.data().value, NodeValue::Table(_)))
        .expect("a table");
    table
        .children()
        .map(|row| {
            row.children()
                .map(|cell| {
                    let mut out = String::new();
                    text(cell, &mut out);
                    out
                })
                .collect()
        })
        .collect()
}

#[test]
fn every_readme_row_renders_as_five_cells_whatever_the_data() {
    let nasty = [
        "Dev | Ops",
        "[Senior](javascript:alert(1)) Dev",
        "`rm -rf` engineer",
        "<script>alert(1)</script>",
        "Line one\nline two",
        "**bold** and _under_ and *star*",
        "# Heading-like",
        "Trailing backslash \\",
        "| leading pipe",
        "C# / C++ / F# ~strike~",
    ];
    let jobs: Vec<String> = nasty
        .iter()
        .enumerate()
        .map(|(i, text)| {
            serde_json::json!({
                "title": text, "company": text, "location": text,
                "date": format!("2025-10-{:02}", 10 + i), "url": format!("https://jobs.example/{i}?a=1|2"),
            })
            .to_string()
        })
        .collect();
    let board = TempBoard::new(&[("content/jobs.jsonl", &jobs.join("\n"))]);
    board.write(
        "jobsmith.toml",
        "title = \"T\"\nbase_url = \"https://e.org/\"\nexpire_after_days = 0\n",
    );
    let build = jobsmith(&[
        "build",
        "--root",
        board.root().to_str().expect("utf-8"),
        "--now",
        "2025-10-22",
    ]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let readme = read(&board.root().join("README.md"));
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.render.r#unsafe = true;
    let html = comrak::markdown_to_html(&readme, &options);
    assert!(
        !html.contains("<script") && !html.contains("href=\"javascript"),
        "raw HTML from the data reached the README: {html}"
    );
    let table = rendered_table(&readme);
    assert_eq!(table.len(), nasty.len() + 1, "header + one row per job");
    for (row, text) in table[1..].iter().zip(nasty.iter().rev()) {
        assert_eq!(row.len(), 5, "{row:?}");
        let want = text.replace('\n', " ");
        assert_eq!(row[0].trim(), want.trim(), "company cell");
        assert_eq!(row[1].trim(), want.trim(), "position cell");
    }
}

fn salary_board(salaries: &[&str]) -> String {
    let jobs: Vec<String> = (0..6)
        .map(|i| {
            let mut job = serde_json::json!({
                "title": format!("Dev {i}"), "company": format!("C{i}"), "location": "Berlin",
                "date": "2025-10-20", "url": format!("https://jobs.example/{i}"),
            });
            if let Some(s) = salaries.get(i) {
                job["salary"] = serde_json::json!(s);
            }
            job.to_string()
        })
        .collect();
    let board = TempBoard::new(&[("content/jobs.jsonl", &jobs.join("\n"))]);
    board.write(
        "jobsmith.toml",
        "title = \"T\"\nbase_url = \"https://e.org/\"\nexpire_after_days = 0\n",
    );
    let build = jobsmith(&[
        "build",
        "--root",
        board.root().to_str().expect("utf-8"),
        "--now",
        "2025-10-22",
    ]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let readme = read(&board.root().join("README.md"));
    readme
        .lines()
        .find(|l| l.starts_with("**Current Stats:**"))
        .expect("stats line")
        .to_string()
}

#[test]
fn salary_figure_needs_five_jobs_and_resists_outliers() {
    assert_eq!(
        salary_board(&[]),
        "**Current Stats:** 6 jobs | 0% remote | 6 companies  "
    );
    let four = ["100k USD", "110k USD", "120k USD", "130k USD"];
    assert_eq!(
        salary_board(&four),
        "**Current Stats:** 6 jobs | 0% remote | 6 companies  "
    );
    let five = ["100k USD", "110k USD", "120k USD", "130k USD", "140k USD"];
    assert_eq!(
        salary_board(&five),
        "**Current Stats:** 6 jobs | 0% remote | 6 companies | Median salary: 120k USD  "
    );
    let outlier = [
        "100k USD", "110k USD", "120k USD", "130k USD", "140k USD", "1e70 USD",
    ];
    let line = salary_board(&outlier);
    assert_eq!(
        line,
        "**Current Stats:** 6 jobs | 0% remote | 6 companies | Median salary: 120k USD  "
    );
    let mixed = [
        "100k USD", "110k USD", "50k EUR", "60k EUR", "70k EUR", "80k EUR",
    ];
    assert!(
        salary_board(&mixed).ends_with("| 6 companies  "),
        "four EUR figures are not enough"
    );
}

#[test]
fn markers_keep_hand_written_parts() {
    let job = "{\"title\": \"Dev\", \"company\": \"Acme\", \"location\": \"Berlin\", \"date\": \"2025-10-20\", \"url\": \"https://acme.example/1\"}";
    let board = TempBoard::new(&[("content/jobs.jsonl", job)]);
    board.write(
        "jobsmith.toml",
        "title = \"T\"\nbase_url = \"https://e.org/\"\nexpire_after_days = 0\n",
    );
    let mine = "# My board\n\nWritten by hand.\n\n<!-- jobsmith:start -->\nold\n<!-- jobsmith:end -->\n\n## Contributing\n\nAlso mine.\n";
    board.write("README.md", mine);
    let root = board.root().to_str().expect("utf-8");
    for _ in 0..2 {
        let build = jobsmith(&["build", "--root", root, "--now", "2025-10-22"]);
        assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
        let readme = read(&board.root().join("README.md"));
        assert!(
            readme.starts_with("# My board\n\nWritten by hand.\n\n<!-- jobsmith:start -->\n"),
            "{readme}"
        );
        assert!(
            readme.contains("**Current Stats:** 1 job | 0% remote | 1 company  \n"),
            "{readme}"
        );
        assert!(
            readme.ends_with("<!-- jobsmith:end -->\n\n## Contributing\n\nAlso mine.\n"),
            "{readme}"
        );
        assert!(
            readme.contains("| **Acme** | **[Dev](https://acme.example/1)** |"),
            "{readme}"
        );
        assert!(!readme.contains("\nold\n"));
    }
}

#[test]
fn archive_keeps_only_recent_days_and_other_files() {
    let job = "{\"title\": \"Dev\", \"company\": \"Acme\", \"location\": \"Berlin\", \"date\": \"2025-10-20\", \"url\": \"https://acme.example/1\"}";
    let board = TempBoard::new(&[("content/jobs.jsonl", job)]);
    board.write("jobsmith.toml", "title = \"T\"\nbase_url = \"https://e.org/\"\nexpire_after_days = 0\n[archive]\nkeep_days = 3\n");
    for old in [
        "2025-10-10.md",
        "2025-10-19.md",
        "2025-10-20.md",
        "notes.md",
        "2025-10-01.txt",
    ] {
        board.write(&format!("archive/{old}"), "kept?");
    }
    let build = jobsmith(&[
        "build",
        "--root",
        board.root().to_str().expect("utf-8"),
        "--now",
        "2025-10-22",
    ]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let mut left: Vec<String> = std::fs::read_dir(board.root().join("archive"))
        .expect("archive")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "2025-10-01.txt",
            "2025-10-20.md",
            "2025-10-22.md",
            "notes.md"
        ]
    );
}

/// A board of jobs with descriptions (whose titles name other skills) and the README's
/// trending-skills line and note, with `readme_extra` added to `[readme]`.
fn trending_line(descriptions: bool, readme_extra: &str) -> String {
    let job = |n: usize, title: &str, description: &str| {
        let body = if descriptions { description } else { "" };
        format!(
            "+++\ntitle = \"{title}\"\ncompany = \"Acme\"\nlocation = \"Berlin, Germany\"\ndate = 2025-10-20\nurl = \"https://acme.example/{n}\"\n+++\n{body}\n"
        )
    };
    let board = TempBoard::new(&[
        (
            "content/jobs/a.md",
            &job(1, "Backend Developer", "We use Python and Node.js daily."),
        ),
        (
            "content/jobs/b.md",
            &job(2, "Java Developer", "Python and Kubernetes, no coffee."),
        ),
    ]);
    board.write(
        "jobsmith.toml",
        &format!(
            "title = \"T\"\nbase_url = \"https://jobs.example.org/\"\nexpire_after_days = 0\n[readme]\n{readme_extra}\n"
        ),
    );
    let root = board.root().to_str().expect("utf-8");
    let build = jobsmith(&["build", "--root", root, "--now", "2025-10-22"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let readme = read(&board.root().join("README.md"));
    let at = readme.find("**Trending Skills:**").expect("trending line");
    readme[at..].lines().take(2).collect::<Vec<_>>().join("\n")
}

/// Skills that differ only in case ("Quuxlang", "quuxlang") print as one word, counted once for both.
#[test]
fn skills_printed_as_one_word_are_counted_as_one() {
    let job = |n: usize, skills: &str| {
        format!(
            "+++\ntitle = \"Dev {n}\"\ncompany = \"Acme\"\nlocation = \"Berlin, Germany\"\ndate = 2025-10-20\nurl = \"https://acme.example/{n}\"\nskills = {skills}\n+++\n"
        )
    };
    let board = TempBoard::new(&[
        ("content/jobs/a.md", &job(1, r#"["Quuxlang", "Zig"]"#)),
        ("content/jobs/b.md", &job(2, r#"["quuxlang"]"#)),
    ]);
    board.write(
        "jobsmith.toml",
        "title = \"T\"\nbase_url = \"https://jobs.example.org/\"\nexpire_after_days = 0\n",
    );
    let root = board.root().to_str().expect("utf-8");
    let build = jobsmith(&["build", "--root", root, "--now", "2025-10-22"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let readme = read(&board.root().join("README.md"));
    let at = readme.find("**Trending Skills:**").expect("trending line");
    let line = readme[at..].lines().next().expect("a line");
    assert_eq!(line, "**Trending Skills:** quuxlang, zig  ");
}

#[test]
fn trending_skills_are_lowercase_words_from_descriptions_with_a_note_saying_so() {
    assert_eq!(
        trending_line(true, ""),
        "**Trending Skills:** python, kubernetes, nodejs  \n_Note: Skills are identified from job descriptions and may vary_"
    );
}

#[test]
fn trending_skills_can_keep_the_names_the_site_shows() {
    assert_eq!(
        trending_line(true, "skills_case = \"names\""),
        "**Trending Skills:** Python, Kubernetes, Node.js  \n_Note: Skills are identified from job descriptions and may vary_"
    );
}

#[test]
fn without_descriptions_trending_skills_come_from_titles_and_say_so() {
    assert_eq!(
        trending_line(false, ""),
        "**Trending Skills:** java  \n_Note: Skills are identified from job titles and may vary_"
    );
}
