//! Import: turns other boards' data into job files.
//!
//! Reads a published README or archive table (`jobr-readme`), or rows shaped like a board's
//! history export (`json`, `csv`: company, company_url, title, url, location, type, date, seen),
//! and writes one TOML front-matter file per row, in source order, under `content/jobs/`.
//! Malformed rows are reported with their line and the rest imported; existing files are never
//! overwritten unless asked.

mod readme;
mod rows;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::NaiveDate;

use crate::job::Workplace;
use crate::problem::Problem;
use crate::scaffold::toml_string;
use crate::slug::Slugger;

/// The formats `jobsmith import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A README or archive file with a Company | Position | Location | Type | Date table.
    JobrReadme,
    /// A JSON array of rows.
    Json,
    /// A CSV file with a header row.
    Csv,
}

/// One job read from the source, ready to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub title: String,
    pub company: String,
    pub company_url: Option<String>,
    pub location: String,
    pub workplace: Workplace,
    pub date: NaiveDate,
    /// Without its `utm_*` parameters.
    pub url: String,
}

/// What was read from one source: jobs, refused rows, and the utm values seen on links.
#[derive(Debug, Default)]
pub struct Parsed {
    pub jobs: Vec<Imported>,
    pub problems: Vec<Problem>,
    /// Counts of each `utm_*` key=value seen, for the `[readme.utm]` suggestion.
    pub utm: BTreeMap<(String, String), usize>,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Report {
    pub written: Vec<PathBuf>,
    /// Files left alone because they exist (without `--force`).
    pub skipped: Vec<PathBuf>,
    pub problems: Vec<Problem>,
    /// A `[readme.utm]` table matching the links' tracking parameters.
    pub utm_suggestion: Option<String>,
}

/// Parses one source file's text; `path` is only for messages.
pub fn parse(path: &str, text: &str, format: Format) -> Parsed {
    let mut parsed = Parsed::default();
    match format {
        Format::JobrReadme => readme::parse(path, text, &mut parsed),
        Format::Json => rows::parse_json(path, text, &mut parsed),
        Format::Csv => rows::parse_csv(path, text, &mut parsed),
    }
    parsed
}

/// Imports every file into `into` (relative to `root` when not absolute).
pub fn import(
    root: &Path,
    files: &[PathBuf],
    format: Format,
    into: &Path,
    force: bool,
) -> anyhow::Result<Report> {
    let mut all = Parsed::default();
    for file in files {
        let bytes = crate::load::read_regular(file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| anyhow::anyhow!("{} is not UTF-8 text", file.display()))?;
        let parsed = parse(&file.display().to_string(), &text, format);
        all.jobs.extend(parsed.jobs);
        all.problems.extend(parsed.problems);
        for (key, count) in parsed.utm {
            *all.utm.entry(key).or_default() += count;
        }
    }
    let into = import_folder(root, into)?;
    let board = crate::write::BoardDir::open(root)?;
    let mut report = Report {
        problems: all.problems,
        utm_suggestion: utm_suggestion(&all.utm),
        ..Report::default()
    };
    let mut slugs = Slugger::new();
    for (n, job) in all.jobs.iter().enumerate() {
        let id = slugs.assign(&format!("{} {}", job.company, job.title));
        let rel = into.join(format!("{:04}-{id}.md", n + 1));
        let text = job_file(&id, job);
        let written = if force {
            board.write(&rel, text.as_bytes()).map(|()| true)?
        } else {
            board.write_new(&rel, text.as_bytes())?
        };
        if written {
            report.written.push(root.join(rel));
        } else {
            report.skipped.push(root.join(rel));
        }
    }
    Ok(report)
}

/// The folder to import into, relative to the board: it must lie in `content/` (a dataset is
/// the only thing import writes), named by plain names or as an absolute path inside it.
fn import_folder(root: &Path, into: &Path) -> anyhow::Result<PathBuf> {
    let refuse = || {
        anyhow::Error::new(crate::problem::BadInput(format!(
            "--into {} is outside the board's content/ folder; import writes job files only there",
            into.display()
        )))
    };
    let rel = if into.is_absolute() {
        let root = root
            .canonicalize()
            .with_context(|| format!("cannot open {}", root.display()))?;
        let given = into.canonicalize().unwrap_or_else(|_| into.to_path_buf());
        given
            .strip_prefix(&root)
            .map_err(|_| refuse())?
            .to_path_buf()
    } else {
        into.to_path_buf()
    };
    let plain = rel
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !plain || rel.components().next().map(|c| c.as_os_str()) != Some("content".as_ref()) {
        return Err(refuse());
    }
    Ok(rel)
}

/// The text of a job file.
pub fn job_file(id: &str, job: &Imported) -> String {
    let mut text = String::from("+++\n");
    let mut line =
        |key: &str, value: &str| text.push_str(&format!("{key} = {}\n", toml_string(value)));
    line("id", id);
    line("title", &job.title);
    line("company", &job.company);
    if let Some(url) = &job.company_url {
        line("company_url", url);
    }
    line("location", &job.location);
    line("workplace", job.workplace.slug());
    text.push_str(&format!("date = {}\n", job.date.format("%Y-%m-%d")));
    text.push_str(&format!("url = {}\n+++\n", toml_string(&job.url)));
    text
}

/// Removes `utm_*` query parameters, counting what they held.
pub fn strip_utm(url: &str, seen: &mut BTreeMap<(String, String), usize>) -> String {
    let (base, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let Some((path, query)) = base.split_once('?') else {
        return url.to_string();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let utm = key.starts_with("utm_");
            if utm {
                *seen
                    .entry((key.to_string(), value.to_string()))
                    .or_default() += 1;
            }
            !utm && !pair.is_empty()
        })
        .collect();
    let mut out = path.to_string();
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// `[readme.utm]` with the most common value of each key.
fn utm_suggestion(seen: &BTreeMap<(String, String), usize>) -> Option<String> {
    let mut table = String::from("[readme.utm]\n");
    let mut any = false;
    for key in ["source", "medium", "campaign"] {
        let full = format!("utm_{key}");
        let best = seen
            .iter()
            .filter(|((k, _), _)| *k == full)
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)));
        if let Some(((_, value), _)) = best {
            table.push_str(&format!("{key} = {}\n", toml_string(value)));
            any = true;
        }
    }
    any.then_some(table)
}

/// Reads "Oct 22" as the latest such day not after `reference` (a date after it belongs to the
/// year before).
pub fn month_day(text: &str, reference: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    let text = text.trim();
    for year in [reference.year(), reference.year() - 1] {
        let with_year = format!("{text} {year}");
        let Ok(date) = NaiveDate::parse_from_str(&with_year, "%b %d %Y") else {
            continue;
        };
        if date <= reference {
            return Some(date);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utm_parameters_are_stripped_and_counted() {
        let mut seen = BTreeMap::new();
        assert_eq!(
            strip_utm(
                "https://e.org/j/1?utm_source=github&utm_medium=repo",
                &mut seen
            ),
            "https://e.org/j/1"
        );
        assert_eq!(
            strip_utm("https://e.org/j?id=3&utm_campaign=x#top", &mut seen),
            "https://e.org/j?id=3#top"
        );
        assert_eq!(strip_utm("https://e.org/j", &mut seen), "https://e.org/j");
        assert_eq!(
            utm_suggestion(&seen).as_deref(),
            Some("[readme.utm]\nsource = \"github\"\nmedium = \"repo\"\ncampaign = \"x\"\n")
        );
    }

    #[test]
    fn dates_after_the_reference_belong_to_the_year_before() {
        let reference = NaiveDate::from_ymd_opt(2026, 1, 3).expect("date");
        assert_eq!(
            month_day("Jan 02", reference),
            NaiveDate::from_ymd_opt(2026, 1, 2)
        );
        assert_eq!(
            month_day("Dec 30", reference),
            NaiveDate::from_ymd_opt(2025, 12, 30)
        );
        assert_eq!(
            month_day("Jan 03", reference),
            NaiveDate::from_ymd_opt(2026, 1, 3)
        );
        assert_eq!(
            month_day("Feb 29", NaiveDate::from_ymd_opt(2025, 3, 1).expect("date")),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert_eq!(month_day("Smarch 1", reference), None);
    }
}
