//! `jobsmith import` loses nothing and doubles nothing: early layouts, tables broken by a blank
//! line, a README and the same day's archive, a second import of the same file.

use std::path::Path;

use crate::support::{TempBoard, fixture, jobsmith, stderr, tree};

fn import(board: &TempBoard, extra: &[&str], files: &[&Path]) -> std::process::Output {
    let root = board.root().to_str().expect("utf-8");
    let mut args = vec!["import", "--root", root];
    args.extend_from_slice(extra);
    args.extend(files.iter().map(|f| f.to_str().expect("utf-8")));
    jobsmith(&args)
}

fn jobs(board: &TempBoard) -> std::collections::BTreeMap<String, Vec<u8>> {
    let dir = board.root().join("content/jobs");
    if dir.exists() {
        tree(&dir)
    } else {
        Default::default()
    }
}

#[test]
fn an_early_layout_without_a_date_line_needs_now_and_then_imports_every_row() {
    let board = TempBoard::new(&[]);
    let file = fixture("import").join("early-layout-README.md");
    let refused = import(&board, &[], &[&file]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("--now YYYY-MM-DD"),
        "{}",
        stderr(&refused)
    );
    assert!(
        jobs(&board).is_empty(),
        "nothing is written when nothing is imported"
    );

    let done = import(&board, &["--now", "2025-10-22"], &[&file]);
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    assert!(stderr(&done).contains("Imported: 12 new, 0 updated, 0 unchanged; 0 rows refused"));
    let files = jobs(&board);
    assert_eq!(files.len(), 12);
    let first = String::from_utf8_lossy(files.values().next().expect("a job"));
    assert!(first.contains("date = 2025-10-22\n"), "{first}");
}

#[test]
fn rows_after_a_blank_line_in_a_table_are_imported_with_a_warning() {
    let board = TempBoard::new(&[]);
    let file = fixture("import").join("blank-line-table-README.md");
    let output = import(&board, &[], &[&file]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let shown = stderr(&output);
    for line in [9, 20] {
        let warning = format!(
            "blank-line-table-README.md:{line}:1: warning: a blank line inside the table: GitHub ends the table here"
        );
        assert!(shown.contains(&warning), "{warning} not in {shown}");
    }
    assert_eq!(jobs(&board).len(), 15);
}

#[test]
fn a_readme_and_the_same_days_archive_give_each_job_one_file() {
    let board = TempBoard::new(&[]);
    let readme = fixture("reference").join("fullstack-jobs-README-2026-07-01.md");
    let archive = fixture("reference").join("fullstack-jobs-archive-2026-07-01.md");
    let output = import(&board, &[], &[&readme, &archive]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("Imported: 50 new, 0 updated, 50 unchanged; 0 rows refused"),
        "{}",
        stderr(&output)
    );
    let files = jobs(&board);
    assert_eq!(files.len(), 50);
    assert!(
        files.keys().all(|name| !name.ends_with("-2.md")),
        "{:?}",
        files.keys()
    );

    let before = tree(board.root());
    let again = import(&board, &[], &[&archive]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(stderr(&again).contains("Imported: 0 new, 0 updated, 50 unchanged"));
    assert_eq!(
        tree(board.root()),
        before,
        "a second import changes nothing"
    );
}

#[test]
fn a_later_import_updates_the_job_and_keeps_what_was_added_by_hand() {
    let board = TempBoard::new(&[]);
    let archive = fixture("reference").join("fullstack-jobs-archive-2026-07-01.md");
    assert_eq!(import(&board, &[], &[&archive]).status.code(), Some(0));
    let files = jobs(&board);
    let (name, text) = files.iter().next().expect("a job");
    let text = String::from_utf8_lossy(text);
    let edited =
        text.replace("title = \"", "title = \"Edited ") + "A description written by hand.\n";
    let edited = edited.replacen("\nurl = ", "\nskills = [\"rust\"]\nurl = ", 1);
    board.write(&format!("content/jobs/{name}"), &edited);
    let others: Vec<_> = files.iter().filter(|(n, _)| *n != name).collect();

    let output = import(&board, &[], &[&archive]);
    assert!(
        stderr(&output).contains("Imported: 0 new, 1 updated, 49 unchanged"),
        "{}",
        stderr(&output)
    );
    let after = jobs(&board);
    let updated = String::from_utf8_lossy(&after[name]);
    assert!(
        !updated.contains("Edited "),
        "the source's title is back: {updated}"
    );
    assert!(updated.contains("skills = [\"rust\"]\n"), "{updated}");
    assert!(
        updated.ends_with("+++\nA description written by hand.\n"),
        "{updated}"
    );
    for (other, bytes) in others {
        assert_eq!(&after[other], bytes, "{other} is left as it was");
    }
}

#[test]
fn a_file_without_job_rows_is_an_error_and_writes_nothing() {
    let board = TempBoard::new(&[("notes.md", "# Notes\n\nNo table here.\n")]);
    let output = import(
        &board,
        &["--now", "2025-10-22"],
        &[&board.root().join("notes.md")],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("notes.md:1:1: error: no job rows"),
        "{}",
        stderr(&output)
    );
    assert!(!board.root().join("content/jobs").exists());
}
