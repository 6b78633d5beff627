//! Writes a whole synthetic board: `jobsmith.toml` and the dataset, as one markdown file per job
//! (at most 1,000 a folder) or as JSONL files of 10,000 rows.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::Path;

use anyhow::{Context, bail};

use crate::posting::{Pools, Posting};

/// Markdown files in one folder of `content/jobs/`.
pub const FILES_PER_FOLDER: u64 = 1_000;
/// Rows in one JSONL file.
pub const ROWS_PER_FILE: u64 = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One markdown file with TOML front matter per job.
    Md,
    /// Bulk JSONL files.
    Jsonl,
}

/// What to generate.
pub struct Plan {
    pub jobs: u64,
    pub seed: u64,
    pub format: Format,
}

/// What was generated, to check the board has the intended shape.
#[derive(Debug, Default)]
pub struct Tally {
    pub companies: usize,
    pub locations: usize,
    pub remote: u64,
    pub with_salary: u64,
    pub bytes: u64,
}

/// Writes the board into `dir`, which must not hold a `content/` folder yet.
pub fn write(dir: &Path, plan: &Plan) -> anyhow::Result<Tally> {
    let content = dir.join("content");
    if content.exists() {
        bail!(
            "{} already exists: give an empty or new folder",
            content.display()
        );
    }
    fs::create_dir_all(&content).with_context(|| format!("cannot create {}", content.display()))?;
    fs::write(dir.join("jobsmith.toml"), config(plan))
        .with_context(|| format!("cannot write {}", dir.join("jobsmith.toml").display()))?;
    let pools = Pools::new();
    let mut tally = Tracker::default();
    match plan.format {
        Format::Md => write_markdown(&content, plan, &pools, &mut tally)?,
        Format::Jsonl => write_jsonl(&content, plan, &pools, &mut tally)?,
    }
    Ok(tally.finish())
}

fn config(plan: &Plan) -> String {
    format!(
        r#"# A synthetic board: `cargo run --release --example synth -- --jobs {jobs} --seed {seed}`.
title = "Synthetic Developer Jobs"
base_url = "https://example.org/"
description = "{jobs} generated developer jobs, for measuring jobsmith."
per_page = 50
# The dates end on a fixed day: keep every job listed whatever the clock says.
expire_after_days = 0

[readme]
output = "README.md"

[archive]
enabled = true
"#,
        jobs = plan.jobs,
        seed = plan.seed
    )
}

fn write_markdown(
    content: &Path,
    plan: &Plan,
    pools: &Pools,
    tally: &mut Tracker,
) -> anyhow::Result<()> {
    let folders = plan.jobs.div_ceil(FILES_PER_FOLDER).max(1);
    let folder_width = digits(folders - 1).max(3);
    let file_width = digits(plan.jobs).max(6);
    let mut text = String::new();
    for n in 1..=plan.jobs {
        let folder = content.join(format!(
            "jobs/{:0folder_width$}",
            (n - 1) / FILES_PER_FOLDER
        ));
        if (n - 1) % FILES_PER_FOLDER == 0 {
            fs::create_dir_all(&folder)
                .with_context(|| format!("cannot create {}", folder.display()))?;
        }
        let posting = pools.posting(plan.seed, n);
        text.clear();
        front_matter(&posting, &mut text);
        let path = folder.join(format!("{n:0file_width$}.md"));
        fs::write(&path, &text).with_context(|| format!("cannot write {}", path.display()))?;
        tally.count(&posting, text.len());
    }
    Ok(())
}

fn write_jsonl(
    content: &Path,
    plan: &Plan,
    pools: &Pools,
    tally: &mut Tracker,
) -> anyhow::Result<()> {
    let files = plan.jobs.div_ceil(ROWS_PER_FILE);
    let width = digits(files).max(3);
    for file in 0..files {
        let path = content.join(format!("jobs-{:0width$}.jsonl", file + 1));
        let mut rows = Vec::new();
        let first = file * ROWS_PER_FILE + 1;
        for n in first..=(first + ROWS_PER_FILE - 1).min(plan.jobs) {
            let posting = pools.posting(plan.seed, n);
            let before = rows.len();
            serde_json::to_writer(&mut rows, &posting)?;
            rows.push(b'\n');
            tally.count(&posting, rows.len() - before);
        }
        fs::File::create(&path)
            .and_then(|mut f| f.write_all(&rows))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// A job file as jobsmith's own samples are written: TOML front matter, then the description.
fn front_matter(job: &Posting, out: &mut String) {
    let line = |out: &mut String, key: &str, value: &str| {
        let _ = writeln!(out, "{key} = {}", toml_string(value));
    };
    out.push_str("+++\n");
    line(out, "id", &job.id);
    line(out, "title", &job.title);
    line(out, "company", &job.company);
    if let Some(url) = &job.company_url {
        line(out, "company_url", url);
    }
    line(out, "location", &job.location);
    line(out, "workplace", job.workplace);
    let _ = writeln!(out, "date = {}", job.date);
    line(out, "url", &job.url);
    line(out, "employment", job.employment);
    let skills: Vec<String> = job.skills.iter().map(|s| toml_string(s)).collect();
    let _ = writeln!(out, "skills = [{}]", skills.join(", "));
    if let Some(s) = &job.salary {
        let _ = writeln!(
            out,
            "salary = {{ min = {}, max = {}, currency = \"{}\", period = \"{}\" }}",
            s.min, s.max, s.currency, s.period
        );
    }
    out.push_str("+++\n\n");
    out.push_str(&job.description);
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04X}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

fn digits(n: u64) -> usize {
    n.max(1).ilog10() as usize + 1
}

/// Counts what `Tally` reports.
#[derive(Default)]
struct Tracker {
    companies: HashSet<String>,
    locations: HashSet<String>,
    remote: u64,
    with_salary: u64,
    bytes: u64,
}

impl Tracker {
    fn count(&mut self, posting: &Posting, bytes: usize) {
        if !self.companies.contains(&posting.company) {
            self.companies.insert(posting.company.clone());
        }
        if !self.locations.contains(&posting.location) {
            self.locations.insert(posting.location.clone());
        }
        self.remote += u64::from(posting.workplace == "remote");
        self.with_salary += u64::from(posting.salary.is_some());
        self.bytes += bytes as u64;
    }

    fn finish(self) -> Tally {
        Tally {
            companies: self.companies.len(),
            locations: self.locations.len(),
            remote: self.remote,
            with_salary: self.with_salary,
            bytes: self.bytes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_toml_strings() {
        assert_eq!(toml_string(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(toml_string("tab\there"), r#""tab\u0009here""#);
    }

    #[test]
    fn counts_digits() {
        assert_eq!(digits(0), 1);
        assert_eq!(digits(99), 2);
        assert_eq!(digits(100_000), 6);
    }
}
