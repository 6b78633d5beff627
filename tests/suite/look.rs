//! How the default theme looks to a job seeker, on the sample board in headless Chromium
//! (`tests/browser/look.mjs`): three jobs in the first screen of a phone, the apply button at
//! hand while a phone reader scrolls, relative dates that follow the reader's clock. Writes the
//! screenshots of docs/website.md into docs/img/ when `UPDATE_SCREENSHOTS=1`. Needs the tools
//! `browser.rs` needs; skips without them outside CI.

use std::path::Path;

use serde_json::Value;

use crate::browser::{tools_dir, tools_ready};
use crate::support::clock;
use jobsmith::{BuildOptions, build};

const JOB: &str = "/jobs/oracle-remote-senior-backend-developer-new-gen-ai-product/";

#[test]
fn the_sample_board_reads_like_a_job_board() {
    if !tools_ready(&["node", "chromium", "playwright-core"]) {
        return;
    }
    let out = crate::support::sample_board();
    let site = out.path().join("site");
    let options = BuildOptions {
        output: Some(site.clone()),
        ..BuildOptions::new(out.path(), clock())
    };
    build(&options).expect("sample builds");
    let shots = out.path().join("shots");
    std::fs::create_dir_all(&shots).expect("mkdir");
    let output = std::process::Command::new("node")
        .arg(tools_dir().join("look.mjs"))
        .args([site.as_os_str(), shots.as_os_str(), JOB.as_ref()])
        .arg(clock().to_rfc3339())
        .output()
        .expect("run node");
    assert!(
        output.status.success(),
        "look.mjs failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("report JSON");
    assert_eq!(report["errors"], serde_json::json!([]));
    for scheme in ["light", "dark"] {
        let fold = report[format!("fold {scheme}-390")]
            .as_u64()
            .expect("count");
        assert!(
            fold >= 3,
            "{fold} jobs above the fold at 390x844 ({scheme})"
        );
        let top = &report[format!("apply top {scheme}-390")];
        assert_eq!(top["count"], 2, "{top}");
        assert_eq!(top["text"][0], "Apply at Oracle");
        // Scrolled into the description (whose end is below the screen), the last button sits
        // on the bottom of the screen.
        let scrolled = &report[format!("apply scrolled {scheme}-390")];
        assert!(scrolled["articleBottom"].as_i64() > scrolled["screen"].as_i64());
        assert_eq!(scrolled["bottom"], scrolled["screen"], "{scrolled}");
        assert_eq!(scrolled["position"], "sticky");
        // On a wide screen it stays after the description.
        let wide = &report[format!("apply scrolled {scheme}-1280")];
        assert_eq!(wide["position"], "static", "{wide}");
    }
    assert_eq!(report["ago"]["later"], "10 days ago", "{}", report["ago"]);
    assert_eq!(report["new_badges_later"], 0);
    // The pages as built say the same as the script on the day of the build.
    let index = std::fs::read_to_string(site.join("index.html")).expect("index");
    assert!(index.contains(">today</time>") || index.contains(">yesterday</time>"));
    assert!(index.contains("class=new"), "a new badge on the index");
    if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/img");
        std::fs::create_dir_all(&docs).expect("mkdir");
        for name in SHOWN {
            std::fs::copy(shots.join(name), docs.join(name)).expect("copy a screenshot");
        }
    }
}

/// The screenshots docs/website.md shows.
const SHOWN: [&str; 6] = [
    "index-light-1280.png",
    "index-light-390.png",
    "index-dark-390.png",
    "job-scrolled-light-390.png",
    "company-dark-1280.png",
    "companies-light-1280.png",
];
