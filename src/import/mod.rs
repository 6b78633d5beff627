//! Import: turns other boards' data into job files.
//!
//! Reads a published README or archive table (`jobr-readme`), or rows shaped like a board's
//! history export (`json`, `csv`: company, company_url, title, url, location, type, date, seen),
//! and writes one TOML front-matter file per job, in source order, under `content/jobs/`.
//! Malformed rows are reported with their line and the rest imported. A job already imported
//! (the same apply URL) is updated in its file, never copied.

mod files;
mod readme;
mod rows;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::NaiveDate;

use crate::job::Workplace;
use crate::problem::Problem;
use crate::scaffold::toml_string;
pub use files::Outcome;

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
    /// Files written: new ones and updated ones.
    pub written: Vec<PathBuf>,
    /// Rows by what became of them.
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub refused: usize,
    /// Rows of jobs whose file is not TOML front matter, which import does not rewrite.
    pub left_alone: usize,
    pub problems: Vec<Problem>,
    /// A `[readme.utm]` table matching the links' tracking parameters.
    pub utm_suggestion: Option<String>,
}

/// Parses one source file's text; `path` is only for messages. `now` dates rows the file gives
/// no year for.
pub fn parse(path: &str, text: &str, format: Format, now: Option<NaiveDate>) -> Parsed {
    let mut parsed = Parsed::default();
    match format {
        Format::JobrReadme => readme::parse(path, text, now, &mut parsed),
        Format::Json => rows::parse(path, text, "json", now, &mut parsed),
        Format::Csv => rows::parse(path, text, "csv", now, &mut parsed),
    }
    if parsed.jobs.is_empty() && !parsed.problems.iter().any(Problem::is_error) {
        let message = match format {
            Format::JobrReadme => {
                "no job rows: no table with a Company | Position | Location | Type | Date header"
            }
            Format::Json | Format::Csv => "no job rows",
        };
        parsed.problems.push(Problem::error(path, 1, 1, message));
    }
    parsed
}

/// Imports every file into `into` (relative to `root` when not absolute); writes nothing when
/// no row could be imported.
pub fn import(
    root: &Path,
    files: &[PathBuf],
    format: Format,
    into: &Path,
    options: Options,
) -> anyhow::Result<Report> {
    let mut all = Parsed::default();
    for file in files {
        let bytes = crate::load::read_regular(file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| anyhow::anyhow!("{} is not UTF-8 text", file.display()))?;
        let parsed = parse(&file.display().to_string(), &text, format, options.now);
        all.jobs.extend(parsed.jobs);
        all.problems.extend(parsed.problems);
        for (key, count) in parsed.utm {
            *all.utm.entry(key).or_default() += count;
        }
    }
    let into = import_folder(root, into)?;
    let mut report = Report {
        refused: all.problems.iter().filter(|p| p.is_error()).count(),
        problems: all.problems,
        utm_suggestion: utm_suggestion(&all.utm),
        ..Report::default()
    };
    if all.jobs.is_empty() {
        return Ok(report);
    }
    let board = crate::write::BoardDir::open(root)?;
    let mut folder = files::Folder::read(root, &into)?;
    for job in &all.jobs {
        match folder.take(job, options.force) {
            Outcome::New => report.new += 1,
            Outcome::Updated => report.updated += 1,
            Outcome::Unchanged => report.unchanged += 1,
            Outcome::LeftAlone => report.left_alone += 1,
        }
    }
    report.written = folder.write(&board)?;
    Ok(report)
}

/// How `import` treats existing files and undated rows.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Rewrite a job's existing file whole, dropping keys and text added to it by hand.
    pub force: bool,
    /// The day that dates rows of a file without a date line (`--now`).
    pub now: Option<NaiveDate>,
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

/// The text of a job file (with an `id` line when given one).
pub fn job_file(id: Option<&str>, job: &Imported) -> String {
    let mut text = String::from("+++\n");
    let mut line =
        |key: &str, value: &str| text.push_str(&format!("{key} = {}\n", toml_string(value)));
    if let Some(id) = id {
        line("id", id);
    }
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
