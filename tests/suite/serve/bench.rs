//! The save-to-served benchmark: a generated board, the real binary, edits timed until served.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::client::Server;
use crate::support::{CONFIG, TempBoard};

/// Jobs in the TOML front-matter format, spread over companies, places and skills.
pub fn write_jobs(root: &Path, count: usize) {
    const PLACES: [&str; 6] = [
        "Berlin, Germany",
        "Remote",
        "Paris, France",
        "Bengaluru, Karnataka, India",
        "Austin, Texas, United States",
        "Sofia, Bulgaria",
    ];
    const SKILLS: [&str; 8] = [
        "Rust",
        "Go",
        "Python",
        "Java",
        "SQL",
        "Kubernetes",
        "AWS",
        "Docker",
    ];
    for i in 0..count {
        let text = format!(
            "+++\ntitle = \"Backend Developer {i}\"\ncompany = \"Company {}\"\n\
             location = \"{}\"\ndate = 2025-{:02}-{:02}\nurl = \"https://example.org/apply/{i}\"\n\
             workplace = \"{}\"\nskills = [\"{}\", \"{}\"]\n+++\n\n\
             We are hiring a backend developer to build **services**.\n\n## Responsibilities\n\n\
             - Build APIs\n- Write tests\n- Review code\n",
            i % 800,
            PLACES[i % PLACES.len()],
            1 + i % 10,
            1 + i % 28,
            ["remote", "on-site", "hybrid"][i % 3],
            SKILLS[i % SKILLS.len()],
            SKILLS[(i / 3 + 1) % SKILLS.len()],
        );
        let path = root.join(format!("content/jobs/{i:05}.md"));
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write job");
    }
}

/// Save-to-served times on a generated board. Run with
/// `cargo test --release --test suite serve_benchmark -- --ignored --nocapture`
/// (`JOBSMITH_BENCH_JOBS` sets the size, 10,000 by default; `JOBSMITH_BENCH_BIN` times another
/// jobsmith binary, such as `target/release/jobsmith` from a debug test build).
#[test]
#[ignore = "a benchmark: run by hand, see docs/serve.md"]
fn serve_benchmark() {
    let count: usize = std::env::var("JOBSMITH_BENCH_JOBS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let board = TempBoard::new(&[]);
    write_jobs(board.root(), count);
    let binary = std::env::var_os("JOBSMITH_BENCH_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_jobsmith")),
        PathBuf::from,
    );
    let started = Instant::now();
    let server = Server::start_binary(
        &binary,
        board.root(),
        Duration::from_secs(600),
        &["--timings"],
    );
    eprintln!(
        "{count} jobs: first build served after {:?}",
        started.elapsed()
    );
    let mut edits = Vec::new();
    for round in 0..15 {
        let i = (round * 617) % count;
        let title = format!("Edited Title {round}");
        // The common save: one line of one job changed (its title).
        let file = board.root().join(format!("content/jobs/{i:05}.md"));
        let text = std::fs::read_to_string(&file).expect("read job");
        let edited = text.replacen(
            &format!("\"Backend Developer {i}\""),
            &format!("\"{title}\""),
            1,
        );
        let started = Instant::now();
        std::fs::write(&file, edited).expect("edit");
        let page = format!("/jobs/{i:05}/");
        let served = server.wait_for(&page, Duration::from_secs(60), |r| {
            r.text().contains(&title)
        });
        assert!(
            served.is_some(),
            "edit {round} not served; log:\n{}",
            server.log()
        );
        edits.push(started.elapsed());
        std::thread::sleep(Duration::from_millis(300));
    }
    let mut full = Vec::new();
    for round in 0..3 {
        let started = Instant::now();
        let description = format!("Full rebuild {round}");
        board.write(
            "jobsmith.toml",
            &format!("description = \"{description}\"\n{CONFIG}"),
        );
        let served = server.wait_for("/", Duration::from_secs(120), |r| {
            r.text().contains(&description)
        });
        assert!(
            served.is_some(),
            "config change not served; log:\n{}",
            server.log()
        );
        full.push(started.elapsed());
    }
    eprintln!("one job edited, save to served: {}", summary(&mut edits));
    eprintln!(
        "configuration changed (full rebuild), save to served: {}",
        summary(&mut full)
    );
    eprintln!("server log:\n{}", server.log());
}

fn summary(times: &mut [Duration]) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "median {:.0} ms, min {:.0} ms, max {:.0} ms over {}",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    )
}
