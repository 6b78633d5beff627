//! A source's job files: what to write, and writing it without losing the user's files.
//!
//! Every file of a source is planned first (read, merged, compared) and written only when the
//! whole plan stands, so a file that cannot be read or a symbolic link leaves every file of the
//! source as it was. Each write goes through a new temporary file in the same folder and a
//! rename, so a reader sees the old file or the new one. Links are refused, never followed: the
//! files are the user's, and a link could lead a write anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use chrono::{DateTime, Days, NaiveDate, Utc};

use super::{Kind, Posting, Source, html};
use crate::scaffold::toml_string;

/// What a fetch did to one source's files.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub new: usize,
    pub updated: usize,
    pub closed: usize,
    pub unchanged: usize,
}

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
    match kind {
        Kind::Greenhouse => COMMON,
        Kind::Lever | Kind::Ashby => WITH_PAY,
    }
}

/// Writes the job files of `source` under `root/dir`: one per posting, and closes those whose
/// posting is gone (not those of `refused` postings, which are left as they are).
pub fn write(
    root: &Path,
    dir: &Path,
    source: &Source,
    postings: &[Posting],
    refused: &[&str],
    now: DateTime<Utc>,
) -> anyhow::Result<Counts> {
    refuse_links(root, dir)?;
    let folder = root.join(dir);
    let existing = existing_files(&folder)?;
    let mut counts = Counts::default();
    let mut plan: Vec<(PathBuf, String)> = Vec::new();
    let mut seen = BTreeSet::new();
    for posting in postings {
        let stem = file_stem(&posting.id);
        if !seen.insert(stem.clone()) {
            continue;
        }
        let path = folder.join(format!("{stem}.md"));
        let old = match existing.get(&stem) {
            Some(path) => Some(JobFile::read(path)?),
            None => None,
        };
        let text = job_text(source, posting, &stem, old.as_ref(), now);
        match &old {
            None => counts.new += 1,
            Some(old) if old.text == text => {
                counts.unchanged += 1;
                continue;
            }
            Some(_) => counts.updated += 1,
        }
        plan.push((path, text));
    }
    let refused: BTreeSet<String> = refused.iter().map(|id| file_stem(id)).collect();
    for (stem, path) in &existing {
        if seen.contains(stem) || refused.contains(stem) {
            continue;
        }
        match JobFile::read(path)?.closed(now)? {
            Some(text) => {
                counts.closed += 1;
                plan.push((path.clone(), text));
            }
            None => counts.unchanged += 1,
        }
    }
    if !plan.is_empty() {
        std::fs::create_dir_all(&folder)
            .with_context(|| format!("cannot create {}", folder.display()))?;
    }
    for (path, text) in plan {
        write_atomically(&path, &text)?;
    }
    Ok(counts)
}

/// Refuses a symbolic link anywhere from `content/` down to the source's folder.
fn refuse_links(root: &Path, dir: &Path) -> anyhow::Result<()> {
    let mut path = root.to_path_buf();
    for part in dir.components() {
        path.push(part);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                bail!("refused: {} is a symbolic link", path.display())
            }
            Ok(meta) if !meta.is_dir() => bail!("refused: {} is not a folder", path.display()),
            Ok(_) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
        }
    }
    Ok(())
}

/// The job files already in a source's folder, by stem. A link among them is refused.
fn existing_files(folder: &Path) -> anyhow::Result<BTreeMap<String, PathBuf>> {
    let mut files = BTreeMap::new();
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(files),
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", folder.display())),
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read {}", folder.display()))?;
        let path = entry.path();
        let Some(stem) = md_stem(&path) else { continue };
        let kind = entry
            .file_type()
            .with_context(|| format!("cannot read {}", path.display()))?;
        if kind.is_symlink() {
            bail!("refused: {} is a symbolic link", path.display());
        }
        if kind.is_file() {
            files.insert(stem, path);
        }
    }
    Ok(files)
}

/// The stem of a visible `*.md` file.
fn md_stem(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".md")?;
    (!stem.starts_with('.') && !stem.is_empty()).then(|| stem.to_string())
}

/// The file name (without `.md`) for a source's id: the id itself when it is already a slug
/// (Greenhouse's numbers, Lever's and Ashby's UUIDs), else its slug and a hash of it.
pub fn file_stem(id: &str) -> String {
    let slug = crate::slug::slugify(id);
    if slug == id && slug.len() <= 80 {
        return slug;
    }
    let short: String = slug.chars().take(40).collect();
    let hash = format!("{:016x}", crate::slug::stable_hash(id));
    if short.is_empty() {
        hash
    } else {
        format!("{}-{hash}", short.trim_end_matches('-'))
    }
}

/// A job file on disk: its text, and its front matter read as TOML.
struct JobFile {
    path: PathBuf,
    text: String,
    table: toml::Table,
}

impl JobFile {
    fn read(path: &Path) -> anyhow::Result<JobFile> {
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
    fn closed(&self, now: DateTime<Utc>) -> anyhow::Result<Option<String>> {
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

/// The TOML between a file's `+++` fences.
fn front_matter(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("+++")?.trim_start_matches([' ', '\t']);
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    if rest.starts_with("+++") {
        return Some("");
    }
    let end = rest.find("\n+++")?;
    Some(&rest[..end + 1])
}

/// The text of a posting's job file: the keys the source sets, then the user's own keys from
/// the file as it was, then the description.
fn job_text(
    source: &Source,
    posting: &Posting,
    stem: &str,
    old: Option<&JobFile>,
    now: DateTime<Utc>,
) -> String {
    let mut text = String::from("+++\n");
    let mut line = |key: &str, value: String| text.push_str(&format!("{key} = {value}\n"));
    line("id", toml_string(&format!("{}-{stem}", source.name())));
    line("title", toml_string(posting.title.trim()));
    let company = posting.company.clone();
    line(
        "company",
        toml_string(&company.unwrap_or_else(|| source.company_or_board())),
    );
    line("location", toml_string(&location(posting)));
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
        text.push_str(&users_keys(source.kind, old, now));
    }
    text.push_str("+++\n");
    text.push_str(&html::body(&posting.description));
    text
}

/// The keys of the file as it was that the source does not set, as TOML. A `valid_through`
/// already past (the posting was closed and is back) is dropped: the job is open again.
fn users_keys(kind: Kind, old: &JobFile, now: DateTime<Utc>) -> String {
    let owned = owned_keys(kind);
    let reopened = old
        .valid_through()
        .is_some_and(|last| last < now.date_naive());
    let kept: toml::Table = old
        .table
        .iter()
        .filter(|(key, _)| !owned.contains(&key.as_str()))
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

/// Writes `path` through a new temporary file beside it and a rename. The temporary file is
/// created new (never through an existing file or link), and a link at `path` is refused.
fn write_atomically(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        bail!("refused: {} is a symbolic link", path.display());
    }
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let temp = path.with_file_name(format!(".{name}.jobsmith-fetch-{}", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut file| {
            file.write_all(text.as_bytes())?;
            file.sync_all()
        });
    if let Err(err) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(err).with_context(|| format!("cannot write {}", temp.display()));
    }
    std::fs::rename(&temp, path).with_context(|| {
        let _ = std::fs::remove_file(&temp);
        format!("cannot write {}", path.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_the_id_when_it_is_a_slug() {
        assert_eq!(file_stem("4012345"), "4012345");
        assert_eq!(
            file_stem("0f3e2c1a-6b4d-4c3e-9f1a-2b3c4d5e6f70"),
            "0f3e2c1a-6b4d-4c3e-9f1a-2b3c4d5e6f70"
        );
        let odd = file_stem("https://e.org/jobs/A?id=1");
        assert!(odd.starts_with("https-e-org-jobs-a-id-1-"), "{odd}");
        assert_ne!(odd, file_stem("https://e.org/jobs/a?id=1"));
        assert!(!file_stem("../..").contains('.'));
    }

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
