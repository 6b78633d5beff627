//! Writes a synthetic job board, for measuring jobsmith at scale.
//!
//! `cargo run --release --example synth -- --jobs 100000 --out DIR [--seed N] [--format md|jsonl]`
//!
//! The board has the shape of real ones: about 5,000 companies with a long tail of jobs each,
//! about 5,000 distinct location strings in the forms boards write them, a third of the jobs
//! remote, dates over the 300 days up to 2026-07-01, 1 to 3 KB markdown descriptions, 2 to 6
//! skills, and a salary on about 30% of jobs. The same `--jobs` and `--seed` always give the same
//! bytes: each job is drawn from its own seeded generator.

mod board;
mod description;
mod places;
mod posting;
mod rng;
mod words;

use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;

use board::{Format, Plan};

/// Writes a synthetic job board (jobsmith.toml and content/) into a folder.
#[derive(Parser)]
struct Args {
    /// Number of jobs.
    #[arg(long, default_value_t = 1_000)]
    jobs: u64,
    /// The board's folder; must not hold a content/ folder yet.
    #[arg(long)]
    out: PathBuf,
    /// Different seeds give different boards of the same shape.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// md: one file per job; jsonl: bulk files of 10,000 jobs.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    format: Format,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let started = Instant::now();
    let plan = Plan {
        jobs: args.jobs,
        seed: args.seed,
        format: args.format,
    };
    let tally = board::write(&args.out, &plan)?;
    let share = |n: u64| 100 * n / args.jobs.max(1);
    println!(
        "wrote {} jobs to {} in {:.2} s: {} companies, {} locations, {}% remote, {}% with a salary, {} MB",
        args.jobs,
        args.out.display(),
        started.elapsed().as_secs_f64(),
        tally.companies,
        tally.locations,
        share(tally.remote),
        share(tally.with_salary),
        tally.bytes / 1_000_000,
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn generate(jobs: u64, format: Format) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let plan = Plan {
            jobs,
            seed: 42,
            format,
        };
        board::write(dir.path(), &plan).expect("the board is written");
        dir
    }

    fn build(dir: &std::path::Path) -> jobsmith::outcome::Summary {
        let now = Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).unwrap();
        let mut options = jobsmith::BuildOptions::new(dir, now);
        options.output = Some(dir.join("public"));
        jobsmith::build(&options).expect("jobsmith builds the synthetic board")
    }

    #[test]
    fn jobsmith_builds_the_board_without_a_problem() {
        for format in [Format::Md, Format::Jsonl] {
            let dir = generate(200, format);
            let summary = build(dir.path());
            assert!(summary.problems.is_empty(), "{:?}", summary.problems);
            assert_eq!((summary.jobs, summary.current), (200, 200));
            assert!(summary.companies > 50, "{} companies", summary.companies);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        let pools = posting::Pools::new();
        for n in 1..=50 {
            let a = serde_json::to_string(&pools.posting(7, n)).unwrap();
            let b = serde_json::to_string(&pools.posting(7, n)).unwrap();
            let c = serde_json::to_string(&pools.posting(8, n)).unwrap();
            assert_eq!(a, b);
            assert_ne!(a, c);
        }
        let first = generate(30, Format::Md);
        let second = generate(30, Format::Md);
        let file = "content/jobs/000/000017.md";
        let read = |dir: &tempfile::TempDir| std::fs::read(dir.path().join(file)).unwrap();
        assert_eq!(read(&first), read(&second));
    }

    #[test]
    fn descriptions_are_one_to_three_kilobytes_of_markdown() {
        let pools = posting::Pools::new();
        for n in 1..=500 {
            let job = pools.posting(1, n);
            let size = job.description.len();
            assert!(
                (description::MIN_BYTES..=description::MAX_BYTES).contains(&size),
                "job {n}: {size} bytes"
            );
            assert!(job.description.contains("\n## ") && job.description.contains("\n- "));
            assert!((2..=6).contains(&job.skills.len()), "{:?}", job.skills);
        }
    }
}
