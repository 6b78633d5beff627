//! Scaffolding: `jobsmith new` writes a job file, `jobsmith init` writes a new board.
//!
//! Both check what they write with the same validation a build uses, so the result always builds.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use crate::load::{Kind, Record};
use crate::problem::BadInput;
use crate::skills::SkillMatcher;
use crate::slug::slugify;

/// The fields `jobsmith new` takes.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub title: String,
    pub company: String,
    pub location: String,
    pub url: String,
    /// `YYYY-MM-DD`; default the clock's day.
    pub date: Option<String>,
    pub workplace: Option<String>,
}

/// The board `jobsmith new` writes into: `start` when it holds `jobsmith.toml`, else the nearest
/// folder above it that does. Outside any board it refuses, rather than leave a job file there.
pub fn board_root(start: &Path) -> anyhow::Result<PathBuf> {
    if start.join(crate::config::FILE_NAME).is_file() {
        return Ok(start.to_path_buf());
    }
    let absolute = start
        .canonicalize()
        .with_context(|| format!("cannot open {}", start.display()))?;
    absolute
        .ancestors()
        .find(|dir| dir.join(crate::config::FILE_NAME).is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| anyhow::anyhow!("no jobsmith.toml here or above; run jobsmith init"))
}

/// Writes `content/jobs/COMPANY-TITLE.md` under `root` and returns its path. Never overwrites.
pub fn new_job(root: &Path, job: &NewJob, now: DateTime<Utc>) -> anyhow::Result<PathBuf> {
    let date = job
        .date
        .clone()
        .unwrap_or_else(|| now.format("%Y-%m-%d").to_string());
    let mut fields: Vec<(&str, Option<String>)> = vec![
        ("title", Some(job.title.clone())),
        ("company", Some(job.company.clone())),
        ("location", Some(job.location.clone())),
        ("workplace", job.workplace.clone()),
        ("url", Some(job.url.clone())),
    ];
    fields.retain(|(_, v)| v.is_some());
    let dir = root.join("content").join("jobs");
    let stem = slugify(&format!("{} {}", job.company, job.title));
    let (path, name) = free_name(&dir, &stem);
    let record = Record {
        kind: Kind::Job,
        path: format!("content/jobs/{name}"),
        line: 1,
        column: 1,
        index: 0,
        fields: fields
            .iter()
            .map(|(k, v)| (k.to_string(), Value::String(v.clone().unwrap_or_default())))
            .chain(std::iter::once((
                "date".to_string(),
                Value::String(date.clone()),
            )))
            .collect::<Map<_, _>>(),
        body: Some(String::new()),
        key_lines: Vec::new(),
    };
    let valid = crate::validate::validate(vec![record], &SkillMatcher::new(&[]));
    let errors: Vec<String> = valid
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| format!("{}: {}", argument_of(&p.message), p.message))
        .collect();
    if !errors.is_empty() {
        let message = format!("{}\nnothing was written", errors.join("\n"));
        return Err(BadInput(message).into());
    }
    let mut text = String::from("+++\n");
    for (key, value) in &fields {
        text.push_str(&format!(
            "{key} = {}\n",
            toml_string(value.as_deref().unwrap_or(""))
        ));
    }
    text.push_str(&format!(
        "date = {date}\n+++\n\nDescribe the position here, in markdown.\n"
    ));
    // Through the board folder: a `content/jobs` that is a link leading elsewhere is refused.
    let board = crate::write::BoardDir::open(root)?;
    if !board.write_new(&Path::new("content/jobs").join(&name), text.as_bytes())? {
        bail!(
            "{} appeared while it was written; run the command again",
            path.display()
        );
    }
    Ok(path)
}

/// The argument of `jobsmith new` a validation message is about (it names the field in backticks).
fn argument_of(message: &str) -> &'static str {
    let flags = [
        ("company", "--company"),
        ("location", "--location"),
        ("workplace", "--workplace"),
        ("url", "--url"),
        ("date", "--date"),
    ];
    flags
        .iter()
        .find(|(key, _)| message.contains(&format!("`{key}`")))
        .map_or("the title", |(_, flag)| flag)
}

/// `DIR/STEM.md`, or `DIR/STEM-N.md` with the first N that is free.
fn free_name(dir: &Path, stem: &str) -> (PathBuf, String) {
    let mut name = format!("{stem}.md");
    let mut n = 2;
    while dir.join(&name).exists() {
        name = format!("{stem}-{n}.md");
        n += 1;
    }
    (dir.join(&name), name)
}

/// A TOML basic string: JSON's string escapes are all valid TOML.
pub fn toml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// The files of a new board, by path.
fn starter_files(today: &str) -> Vec<(&'static str, String)> {
    vec![
        ("jobsmith.toml", STARTER_CONFIG.to_string()),
        (".gitignore", "/public/\n/.jobsmith-cache/\n".to_string()),
        (
            "content/jobs/example-company-backend-developer.md",
            STARTER_JOB.replace("DATE", today),
        ),
        ("static/.gitkeep", String::new()),
        ("templates/.gitkeep", String::new()),
        (
            "netlify.toml",
            recipe(include_str!("scaffold/netlify.toml")),
        ),
        (
            ".github/workflows/pages.yml",
            recipe(include_str!("scaffold/pages.yml")),
        ),
        (
            ".github/workflows/refresh.yml",
            recipe(include_str!("scaffold/refresh.yml")),
        ),
        (
            ".github/zizmor.yml",
            include_str!("scaffold/zizmor.yml").to_string(),
        ),
        (
            ".github/workflows/check.yml",
            recipe(include_str!("scaffold/check.yml")),
        ),
        (
            ".github/ISSUE_TEMPLATE/new-job.yml",
            include_str!("../.github/ISSUE_TEMPLATE/new-job.yml").to_string(),
        ),
    ]
}

/// A deploy recipe installing the release of the jobsmith that writes it (docs/deploy.md).
fn recipe(text: &str) -> String {
    text.replace("{version}", env!("CARGO_PKG_VERSION"))
}

const STARTER_CONFIG: &str = r#"# The board's configuration: docs/configuration.md lists every key.
title = "My Job Board"
base_url = "https://example.org/"
description = "Open positions, updated daily."

[readme]
output = "README.md"

[archive]
dir = "archive"
keep_days = 7
"#;

const STARTER_JOB: &str = r#"+++
title = "Backend Developer"
company = "Example Company"
company_url = "https://example.org/"
location = "Berlin, Germany"
workplace = "hybrid"
date = DATE
url = "https://example.org/careers/backend-developer"
skills = ["Rust", "PostgreSQL"]
+++

Replace this example with your own jobs: one file per job, or bulk JSON, CSV, YAML or TOML files.

## Responsibilities

- Build and run the services behind the product
- Review code and share what you know
"#;

/// Writes a new working board into `dir`, which must be empty or not exist.
pub fn init(dir: &Path, now: DateTime<Utc>) -> anyhow::Result<()> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        if entries.next().is_some() {
            bail!("{} is not empty; choose a new folder", dir.display());
        }
    }
    let today = now.format("%Y-%m-%d").to_string();
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let board = crate::write::BoardDir::open(dir)?;
    for (path, text) in starter_files(&today) {
        if !board.write_new(Path::new(path), text.as_bytes())? {
            bail!(
                "{} appeared while the board was written",
                dir.join(path).display()
            );
        }
    }
    Ok(())
}
