//! The text of a job file that a source's posting gives, and of one it closes.
//!
//! The source's keys come first, in a fixed order; then the user's own keys, as the file had
//! them; then the description. Closing changes one line and nothing else of the file.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::{DateTime, Days, NaiveDate, Utc};

use super::{Kind, Posting, Source, html};
use crate::scaffold::toml_string;

/// The keys a kind of source sets. Every other key of a job file is the user's and kept.
pub fn owned_keys(kind: Kind) -> &'static [&'static str] {
    const COMMON: &[&str] = &[
        "id",
        "title",
        "company",
        "location",
        "workplace",
        "date",
        "url",
        "categories",
    ];
    const WITH_PAY: &[&str] = &[
        "id",
        "title",
        "company",
        "location",
        "workplace",
        "employment",
        "date",
        "url",
        "categories",
        "salary",
    ];
    const WITH_EMPLOYMENT: &[&str] = &[
        "id",
        "title",
        "company",
        "location",
        "workplace",
        "employment",
        "date",
        "url",
        "categories",
    ];
    const FEED: &[&str] = &["id", "title", "company", "date", "url", "categories"];
    match kind {
        Kind::Greenhouse => COMMON,
        Kind::Lever | Kind::Ashby => WITH_PAY,
        Kind::Workable | Kind::Smartrecruiters => WITH_EMPLOYMENT,
        Kind::Jsonfeed | Kind::Rss => FEED,
    }
}

/// A job file on disk: its text, and its front matter read as TOML.
pub struct JobFile {
    pub path: PathBuf,
    pub text: String,
    pub table: toml::Table,
}

impl JobFile {
    pub fn read(path: &Path) -> anyhow::Result<JobFile> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let front = front_matter(&text).with_context(|| {
            format!(
                "{}: not a job file with TOML front matter (+++ fences)",
                path.display()
            )
        })?;
        let table = toml::from_str(front)
            .map_err(|err| anyhow::anyhow!("{}: {}", path.display(), err.message().trim()))?;
        Ok(JobFile {
            path: path.to_path_buf(),
            text,
            table,
        })
    }

    /// Whether `text` holds the same keys, values and body as this file, however either is
    /// laid out: a file the user reformatted is not rewritten when nothing changed.
    pub fn says_the_same(&self, text: &str) -> bool {
        if self.text == text {
            return true;
        }
        let table = front_matter(text).and_then(|f| toml::from_str::<toml::Table>(f).ok());
        table.is_some_and(|t| t == self.table) && body(text) == body(&self.text)
    }

    /// The last day the job is open, if the file says.
    fn valid_through(&self) -> Option<NaiveDate> {
        let value = self.table.get("valid_through")?;
        let text = match value {
            toml::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        crate::date::parse_day(&text)
    }

    /// The file's text with the job closed at `now` (its last open day the day before), or
    /// `None` when it is closed already. Only the `valid_through` line changes.
    pub fn closed(&self, now: DateTime<Utc>) -> anyhow::Result<Option<String>> {
        let today = now.date_naive();
        if self.valid_through().is_some_and(|last| last < today) {
            return Ok(None);
        }
        let last = today.checked_sub_days(Days::new(1)).unwrap_or(today);
        let line = format!("valid_through = {}", toml_string(&crate::date::iso(last)));
        let mut lines: Vec<&str> = self.text.split_inclusive('\n').collect();
        let close = lines
            .iter()
            .skip(1)
            .position(|l| l.trim_end() == "+++")
            .map(|i| i + 1)
            .with_context(|| format!("{}: no closing +++", self.path.display()))?;
        let at = lines[..close].iter().position(|l| {
            l.trim_start()
                .strip_prefix("valid_through")
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        });
        let new_line = format!("{line}\n");
        match at {
            Some(i) => lines[i] = &new_line,
            None => lines.insert(close, &new_line),
        }
        Ok(Some(lines.concat()))
    }
}

/// What follows a file's closing `+++` line.
fn body(text: &str) -> Option<&str> {
    Some(split(text)?.1)
}

/// The TOML between a file's `+++` fences.
fn front_matter(text: &str) -> Option<&str> {
    Some(split(text)?.0)
}

/// A file's front matter (between its `+++` fences) and what follows the closing fence's line.
fn split(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("+++")?.trim_start_matches([' ', '\t']);
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let end = if rest.starts_with("+++") {
        0
    } else {
        rest.find("\n+++")? + 1
    };
    let after = &rest[end + 3..];
    let after = after.find('\n').map_or("", |i| &after[i + 1..]);
    Some((&rest[..end], after))
}

/// The text of a posting's job file: the keys the source sets, then the user's own keys from
/// the file as it was, then the description.
pub fn job_text(
    source: &Source,
    posting: &Posting,
    stem: &str,
    old: Option<&JobFile>,
    now: DateTime<Utc>,
) -> String {
    let mut text = String::from("+++\n");
    let mut written = Vec::new();
    let mut line = |key: &'static str, value: String| {
        text.push_str(&format!("{key} = {value}\n"));
        written.push(key);
    };
    line("id", toml_string(&format!("{}-{stem}", source.name())));
    line("title", toml_string(posting.title.trim()));
    let company = posting.company.clone();
    line(
        "company",
        toml_string(&company.unwrap_or_else(|| source.company_or_board())),
    );
    // A kind that gives no places writes one only where the user has not.
    let users_location = !owned_keys(source.kind).contains(&"location")
        && old.is_some_and(|f| f.table.contains_key("location"));
    if !users_location {
        line("location", toml_string(&location(posting)));
    }
    if let Some(workplace) = posting.workplace {
        line("workplace", toml_string(workplace.slug()));
    }
    if let Some(employment) = posting.employment {
        line("employment", toml_string(employment_slug(employment)));
    }
    let kept_date = old.and_then(|f| f.table.get("date")).map(|d| match d {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let date = posting
        .date
        .clone()
        .or(kept_date)
        .unwrap_or_else(|| crate::date::iso(now.date_naive()));
    line("date", toml_string(&date));
    let url = posting.apply_url.as_ref().or(posting.page_url.as_ref());
    line("url", toml_string(url.map_or("", String::as_str)));
    if !posting.categories.is_empty() {
        let list: Vec<String> = posting.categories.iter().map(|c| toml_string(c)).collect();
        line("categories", format!("[{}]", list.join(", ")));
    }
    if let Some(pay) = &posting.salary {
        line("salary", salary_table(pay));
    }
    if let Some(old) = old {
        text.push_str(&users_keys(source.kind, &written, old, now));
    }
    text.push_str("+++\n");
    text.push_str(&html::body(&posting.description));
    text
}

/// The keys of the file as it was that the source does not set, as TOML. A `valid_through`
/// already past (the posting was closed and is back) is dropped: the job is open again.
fn users_keys(kind: Kind, written: &[&str], old: &JobFile, now: DateTime<Utc>) -> String {
    let owned = owned_keys(kind);
    let reopened = old
        .valid_through()
        .is_some_and(|last| last < now.date_naive());
    let kept: toml::Table = old
        .table
        .iter()
        .filter(|(key, _)| !owned.contains(&key.as_str()) && !written.contains(&key.as_str()))
        .filter(|(key, _)| !(reopened && key.as_str() == "valid_through"))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    if kept.is_empty() {
        return String::new();
    }
    let mut text = toml::to_string(&kept).unwrap_or_default();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// The places of a posting, one string; "Remote" or "Not specified" when it names none.
fn location(posting: &Posting) -> String {
    let places: Vec<&str> = posting
        .locations
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    match (places.is_empty(), posting.workplace) {
        (false, _) => places.join("; "),
        (true, Some(crate::job::Workplace::Remote)) => "Remote".into(),
        (true, _) => "Not specified".into(),
    }
}

fn employment_slug(employment: crate::job::Employment) -> &'static str {
    use crate::job::Employment::*;
    match employment {
        FullTime => "full-time",
        PartTime => "part-time",
        Contract => "contract",
        Internship => "internship",
        Temporary => "temporary",
    }
}

fn salary_table(pay: &super::Pay) -> String {
    let mut parts = Vec::new();
    if let Some(min) = pay.min {
        parts.push(format!("min = {min}"));
    }
    if let Some(max) = pay.max {
        parts.push(format!("max = {max}"));
    }
    parts.push(format!("currency = {}", toml_string(&pay.currency)));
    parts.push(format!("period = {}", toml_string(pay.period)));
    format!("{{ {} }}", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_changes_only_the_valid_through_line() {
        let now = crate::date::parse_clock("2025-10-22T06:00:00Z").expect("clock");
        let text = "+++\ntitle = \"A\"\n# mine\nvalid_through = \"2026-01-01\"\n+++\nBody\n";
        let file = JobFile {
            path: PathBuf::from("a.md"),
            text: text.into(),
            table: toml::from_str(front_matter(text).expect("front")).expect("toml"),
        };
        let closed = file.closed(now).expect("closes").expect("open before");
        assert_eq!(
            closed,
            "+++\ntitle = \"A\"\n# mine\nvalid_through = \"2025-10-21\"\n+++\nBody\n"
        );
        let again = JobFile {
            table: toml::from_str(front_matter(&closed).expect("front")).expect("toml"),
            text: closed,
            path: PathBuf::from("a.md"),
        };
        assert_eq!(again.closed(now).expect("reads"), None);
    }
}
