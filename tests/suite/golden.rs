//! Golden tests: fixture boards built in-process and compared with their expected output trees.
//!
//! `UPDATE_GOLDEN=1 cargo test` rewrites the expected trees; review the diff before committing.

use std::path::Path;

use crate::support::{clock, fixture, tree};
use jobsmith::{BuildOptions, build};

fn assert_golden(name: &str) {
    let board = fixture(name);
    let out = tempfile::tempdir().expect("temp dir");
    let output = out.path().join("public");
    let options = BuildOptions {
        output: Some(output.clone()),
        ..BuildOptions::new(&board, clock())
    };
    build(&options).unwrap_or_else(|e| panic!("{name} fails to build: {e:#}"));
    let expected_dir = board.join("expected");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let _ = std::fs::remove_dir_all(&expected_dir);
        copy_tree(&output, &expected_dir);
        return;
    }
    let actual = tree(&output);
    let expected = tree(&expected_dir);
    let actual_names: Vec<_> = actual.keys().collect();
    let expected_names: Vec<_> = expected.keys().collect();
    assert_eq!(
        actual_names, expected_names,
        "{name}: the set of files differs (UPDATE_GOLDEN=1 rewrites)"
    );
    for (path, bytes) in &actual {
        let want = String::from_utf8_lossy(&expected[path]);
        let got = String::from_utf8_lossy(bytes);
        assert!(
            want == got,
            "{name}: {path} differs (UPDATE_GOLDEN=1 rewrites)\n{}",
            first_difference(&want, &got)
        );
    }
}

/// The first differing line, for a readable failure.
fn first_difference(want: &str, got: &str) -> String {
    let mut want_lines = want.lines();
    for (n, line) in got.lines().enumerate() {
        let expected = want_lines.next().unwrap_or("<end of file>");
        if expected != line {
            return format!(
                "line {}:\n  expected: {expected}\n  actual:   {line}",
                n + 1
            );
        }
    }
    "the actual file ends early".to_string()
}

fn copy_tree(from: &Path, to: &Path) {
    for (path, bytes) in tree(from) {
        let target = to.join(path);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::write(target, bytes).expect("write");
    }
}

#[test]
fn forms_board_matches_its_expected_tree() {
    assert_golden("forms");
}

#[test]
fn one_job_in_each_input_form_gives_five_job_pages() {
    let out = tempfile::tempdir().expect("temp dir");
    let options = BuildOptions {
        output: Some(out.path().to_path_buf()),
        ..BuildOptions::new(fixture("forms"), clock())
    };
    let summary = build(&options).expect("builds");
    assert_eq!(summary.jobs, 5, "the draft stays out");
    let jobs: Vec<String> = std::fs::read_dir(out.path().join("jobs"))
        .expect("jobs folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(jobs.len(), 5, "{jobs:?}");
    let drafts = BuildOptions {
        drafts: true,
        output: Some(out.path().to_path_buf()),
        ..BuildOptions::new(fixture("forms"), clock())
    };
    assert_eq!(build(&drafts).expect("builds").jobs, 6);
}
