//! Checks that need outside tools: the Nu HTML Checker (Java) and axe-core in headless Chromium
//! (Node). `scripts/test` installs them (`scripts/install-test-tools`); where they are missing these
//! tests fail, unless told to skip (`support::tools_present`, tests/README.md).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::clock;
use jobsmith::{BuildOptions, build};

pub fn tools_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// Whether every tool is there (`support::tools_present` says what happens when one is not).
pub fn tools_ready(needs: &[&str]) -> bool {
    let missing: Vec<&str> = needs
        .iter()
        .copied()
        .filter(|need| match *need {
            "chromium" => !chromium().exists(),
            "node" | "java" => !Command::new(need)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success()),
            module => !tools_dir().join("node_modules").join(module).exists(),
        })
        .collect();
    crate::support::tools_present(&missing)
}

/// Builds a copy of the sample board; the site is in its `site/`.
fn sample_site(minify: bool) -> tempfile::TempDir {
    let out = crate::support::sample_board();
    let options = BuildOptions {
        output: Some(out.path().join("site")),
        minify: Some(minify),
        ..BuildOptions::new(out.path(), clock())
    };
    build(&options).expect("sample builds");
    out
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("walk").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect()
}

/// Fails, listing every error, unless vnu finds every page of the build at `site` valid;
/// `what` names the build.
fn assert_valid_html(site: &Path, what: &str) {
    let errors = vnu_errors(site);
    assert!(
        errors.is_empty(),
        "{what}: {} errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

/// Runs vnu on every page of a build; returns the error messages.
pub fn vnu_errors(site: &Path) -> Vec<String> {
    let jar = tools_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    let output = Command::new("java")
        .args(["-Xss4m", "-jar"])
        .arg(&jar)
        .args(["--format", "json", "--exit-zero-always"])
        .args(html_files(site))
        .output()
        .expect("run vnu");
    let report: serde_json::Value =
        serde_json::from_slice(&output.stderr).expect("vnu JSON report");
    report["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| format!("{}:{}: {}", m["url"], m["lastLine"], m["message"]))
        .collect()
}

#[test]
fn every_page_is_valid_html() {
    if !tools_ready(&["java", "vnu-jar"]) {
        return;
    }
    for minify in [true, false] {
        let out = sample_site(minify);
        assert_valid_html(&out.path().join("site"), &format!("minify {minify}"));
    }
}

/// The small pages that keep old location URLs working (`[site] keep_old_location_urls`) are
/// valid too. The sample board leaves them off: they send a browser on at once, which a checker
/// that walks pages in one tab (check-site's axe) reads as an interrupted page.
#[test]
fn old_location_url_pages_are_valid_html() {
    if !tools_ready(&["java", "vnu-jar"]) {
        return;
    }
    let job = |n: u32, location: &str| {
        format!(
            "{{\"title\": \"Engineer {n}\", \"company\": \"Acme\", \"location\": \"{location}\", \
             \"date\": \"2025-10-20\", \"url\": \"https://acme.example/{n}\"}}\n"
        )
    };
    let jobs = [job(1, "Bangalore, KA, IN"), job(2, "Remote, Germany")].concat();
    let config = format!(
        "{}[site]\nkeep_old_location_urls = true\n",
        crate::support::CONFIG
    );
    let board = crate::support::TempBoard::new(&[
        ("jobsmith.toml", config.as_str()),
        ("content/jobs.jsonl", jobs.as_str()),
    ]);
    let options = BuildOptions {
        output: Some(board.root().join("site")),
        ..BuildOptions::new(board.root(), clock())
    };
    build(&options).expect("builds");
    let moved = board
        .root()
        .join("site/locations/bangalore-ka-in/index.html");
    let text = std::fs::read_to_string(&moved).expect("an old location URL's page");
    assert!(text.contains("http-equiv=\"refresh\""), "{text}");
    assert_valid_html(&board.root().join("site"), "old location URLs");
}

#[test]
fn key_pages_have_no_accessibility_violations() {
    if !tools_ready(&["node", "chromium", "axe-core", "playwright-core"]) {
        return;
    }
    let out = sample_site(true);
    let pages = [
        "/",
        "/page/2/",
        "/jobs/schreder-backend-developer/",
        "/companies/",
        "/companies/oracle/",
        "/locations/",
        "/locations/germany/",
        "/locations/munich-germany/",
        "/skills/",
        "/types/remote/",
        "/404.html",
    ];
    let output = Command::new("node")
        .arg(tools_dir().join("axe.mjs"))
        .arg(out.path().join("site"))
        .args(pages)
        .output()
        .expect("run axe");
    assert!(
        output.status.success(),
        "axe.mjs failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).expect("axe JSON");
    let results = results.as_object().expect("object");
    assert_eq!(
        results.len(),
        pages.len() * 4,
        "every page in light, dark, phone and desktop"
    );
    let failing: Vec<String> = results
        .iter()
        .filter(|(_, v)| v.as_array().is_some_and(|a| !a.is_empty()))
        .map(|(page, v)| format!("{page}: {v}"))
        .collect();
    assert!(
        failing.is_empty(),
        "axe violations:\n{}",
        failing.join("\n")
    );
}
