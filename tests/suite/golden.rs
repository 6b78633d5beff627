//! Golden tests: fixture boards built in-process, each output file compared with its insta
//! snapshot under the fixture's `snapshots/` folder, and the list of files with their sizes (so a
//! file added, lost, or changed only in its line ends or last newline fails too).
//!
//! `INSTA_UPDATE=always cargo test --test suite golden` rewrites the snapshots (or review them one
//! by one with `cargo insta review`); look at the diff before committing.

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
    let actual = tree(&output);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(board.join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        let sizes: Vec<String> = actual
            .iter()
            .map(|(path, bytes)| format!("{path} {}", bytes.len()))
            .collect();
        insta::assert_snapshot!("files", sizes.join("\n"));
        for (path, bytes) in &actual {
            let text = std::str::from_utf8(bytes)
                .unwrap_or_else(|_| panic!("{name}: {path} is not UTF-8 text"));
            insta::assert_snapshot!(path.replace('/', "__"), text);
        }
    });
    // A snapshot of a file the build no longer writes (a renamed search part) is stale: remove it.
    let stale: Vec<String> = std::fs::read_dir(board.join("snapshots"))
        .expect("snapshots folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.strip_suffix(".snap").map(str::to_string))
        .filter(|name| name != "files" && !actual.contains_key(&name.replace("__", "/")))
        .collect();
    assert!(stale.is_empty(), "{name}: stale snapshots: {stale:?}");
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
