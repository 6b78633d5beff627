//! What `jobsmith build` shows while it works: on a terminal (a pseudo-terminal made by
//! util-linux's `script`), the stage, done/total and rate; nothing off a terminal or with
//! `--quiet`; no colour with `NO_COLOR`.

use std::process::Command;

use crate::support::{TempBoard, build_args, jobsmith, stderr, tools_present};

/// A board big enough that a debug build runs for a few progress ticks.
fn big_board() -> TempBoard {
    let board = TempBoard::new(&[]);
    for n in 0..600 {
        let job = format!(
            "+++\ntitle = \"Developer {n}\"\ncompany = \"Company {}\"\nlocation = \"Berlin\"\ndate = 2025-10-20\nurl = \"https://a.example/{n}\"\n+++\nA job.\n",
            n % 40
        );
        board.write(&format!("content/jobs/job-{n}.md"), &job);
    }
    board
}

/// Runs the binary with `args` on a pseudo-terminal; returns all it wrote there.
fn on_a_terminal(args: &[&str], env: &[(&str, &str)]) -> Option<String> {
    let found = Command::new("script").arg("--version").output().is_ok();
    if !tools_present(if found { &[] } else { &["script (util-linux)"] }) {
        return None;
    }
    let mut line = String::from(env!("CARGO_BIN_EXE_jobsmith"));
    for arg in args {
        line.push_str(&format!(" '{arg}'"));
    }
    let output = Command::new("script")
        .args(["-qefc", &line, "/dev/null"])
        .env_remove("NO_COLOR")
        .env_remove("SOURCE_DATE_EPOCH")
        .envs(env.iter().copied())
        .output()
        .expect("run script");
    assert!(output.status.success(), "{}", stderr(&output));
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn a_build_on_a_terminal_shows_stage_done_total_and_rate() {
    let board = big_board();
    let root = board.root().to_str().expect("utf-8");
    let args = build_args(root);
    let Some(shown) = on_a_terminal(&args, &[]) else {
        return;
    };
    let stage =
        shown.contains("reading and validating  ") || shown.contains("rendering and writing  ");
    assert!(stage, "no stage shown: {shown:?}");
    assert!(
        shown.contains(" files  ") && shown.contains("/s"),
        "no count or rate: {shown:?}"
    );
    assert!(shown.contains("Built "), "{shown:?}");
    let colour = |text: &str| text.contains("\u{1b}[36m");
    assert!(colour(&shown), "the spinner is not in colour: {shown:?}");
    let plain = on_a_terminal(&args, &[("NO_COLOR", "1")]).expect("script is there");
    assert!(plain.contains("files  "), "{plain:?}");
    assert!(!colour(&plain), "colour despite NO_COLOR: {plain:?}");
}

#[test]
fn off_a_terminal_or_quiet_a_build_shows_no_progress() {
    let board = big_board();
    let root = board.root().to_str().expect("utf-8");
    let output = jobsmith(&build_args(root));
    assert!(output.status.success(), "{}", stderr(&output));
    let lines: Vec<String> = stderr(&output).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("Built "), "{lines:?}");
    let args = ["build", "--quiet", "--root", root, "--now", "2025-10-22"];
    let Some(shown) = on_a_terminal(&args, &[]) else {
        return;
    };
    assert_eq!(shown, "", "--quiet printed something");
    let quiet = jobsmith(&["check", "-q", "--root", root, "--now", "2025-10-22"]);
    assert!(
        quiet.status.success() && quiet.stderr.is_empty(),
        "{}",
        stderr(&quiet)
    );
}
