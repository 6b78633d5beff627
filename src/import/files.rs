//! The job files an import writes into, and the ones already there.
//!
//! An import gives each job one file: a job already in the folder (the same apply URL, compared
//! as [`crate::validate::identity`] does) is updated in its own file, never copied. Updating
//! rewrites only the keys import writes, keeping every other key and the description.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::{Imported, job_file};
use crate::load::{Kind, read_front_matter};
use crate::slug::Slugger;
use crate::validate::identity::canonical_url;
use crate::write::BoardDir;

/// The keys import writes at the top of a job file's front matter.
const IMPORT_KEYS: &[&str] = &[
    "id",
    "title",
    "company",
    "company_url",
    "location",
    "workplace",
    "date",
    "url",
];

/// What importing one row did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    New,
    Updated,
    Unchanged,
    /// The job's file is not TOML front matter: left as it is.
    LeftAlone,
}

/// One job file of the folder, as it will be written.
struct File {
    path: PathBuf,
    id: Option<String>,
    text: String,
    changed: bool,
}

/// The folder's job files, by the canonical apply URL of their job.
pub struct Folder {
    /// The board's folder, and the import folder relative to it.
    root: PathBuf,
    dir: PathBuf,
    files: Vec<File>,
    by_url: HashMap<String, usize>,
    ids: Slugger,
    next_number: usize,
}

impl Folder {
    /// Reads the job files directly in `dir` of the board `root` (none when it does not exist
    /// yet). Paths kept are relative to `root`.
    pub fn read(root: &Path, dir: &Path) -> anyhow::Result<Folder> {
        let mut folder = Folder {
            root: root.to_path_buf(),
            dir: dir.to_path_buf(),
            files: Vec::new(),
            by_url: HashMap::new(),
            ids: Slugger::new(),
            next_number: 1,
        };
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            return Ok(folder);
        };
        let entries: Vec<std::fs::DirEntry> = entries.filter_map(Result::ok).collect();
        // A job file that is a link could lead an update out of the board: refused, as every
        // write into the board refuses links.
        if let Some(link) = entries
            .iter()
            .find(|e| e.file_type().is_ok_and(|t| t.is_symlink()))
        {
            anyhow::bail!(crate::problem::BadInput(format!(
                "{} is a symbolic link: import does not write through links",
                dir.join(link.file_name()).display()
            )));
        }
        let mut paths: Vec<PathBuf> = entries
            .into_iter()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| dir.join(e.file_name()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        paths.sort();
        for path in paths {
            let full = root.join(&path);
            let bytes = crate::load::read_regular(&full)
                .with_context(|| format!("cannot read {}", full.display()))?;
            // A file that is not UTF-8 is no job file import wrote: it is left alone.
            if let Ok(text) = String::from_utf8(bytes) {
                folder.add_existing(path, text);
            }
        }
        Ok(folder)
    }

    fn add_existing(&mut self, path: PathBuf, text: String) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let number = name
            .as_deref()
            .and_then(|n| n.split('-').next()?.parse::<usize>().ok());
        self.next_number = self.next_number.max(number.map_or(0, |n| n + 1));
        let record = read_front_matter(&path.to_string_lossy(), &text, Kind::Job);
        let Some(fields) = record.records.first().map(|r| &r.fields) else {
            return;
        };
        let text_of = |key: &str| fields.get(key).and_then(|v| v.as_str()).map(str::to_string);
        let id = text_of("id");
        if let Some(id) = &id {
            self.ids.claim(id.clone());
        }
        if let Some(url) = text_of("url") {
            self.by_url.insert(canonical_url(&url), self.files.len());
        }
        self.files.push(File {
            path,
            id,
            text,
            changed: false,
        });
    }

    /// Takes one imported job: into its existing file, or a new one.
    pub fn take(&mut self, job: &Imported, force: bool) -> Outcome {
        let url = canonical_url(&job.url);
        let Some(&index) = self.by_url.get(&url) else {
            self.add_new(url, job);
            return Outcome::New;
        };
        let file = &mut self.files[index];
        let fresh = job_file(file.id.as_deref(), job);
        let text = if force {
            Some(fresh)
        } else {
            merged(&file.text, &fresh)
        };
        match text {
            None => Outcome::LeftAlone,
            Some(text) if text == file.text => Outcome::Unchanged,
            Some(text) => {
                (file.text, file.changed) = (text, true);
                Outcome::Updated
            }
        }
    }

    fn add_new(&mut self, url: String, job: &Imported) {
        let id = self.ids.assign(&format!("{} {}", job.company, job.title));
        let mut path = self.dir.join(format!("{:04}-{id}.md", self.next_number));
        while self.root.join(&path).exists() {
            self.next_number += 1;
            path = self.dir.join(format!("{:04}-{id}.md", self.next_number));
        }
        self.next_number += 1;
        self.by_url.insert(url, self.files.len());
        self.files.push(File {
            text: job_file(Some(&id), job),
            path,
            id: Some(id),
            changed: true,
        });
    }

    /// Writes every new or changed file, each whole through a temporary file (readers see the
    /// old file or the new one), inside the board; returns their paths.
    pub fn write(&self, board: &BoardDir) -> anyhow::Result<Vec<PathBuf>> {
        let changed: Vec<&File> = self.files.iter().filter(|f| f.changed).collect();
        for file in &changed {
            board.write(&file.path, file.text.as_bytes())?;
        }
        Ok(changed.iter().map(|f| self.root.join(&f.path)).collect())
    }
}

/// `current` (a job file with TOML front matter) with its import keys replaced by those of
/// `fresh` (an import's front matter); other keys, tables and the description kept as they are.
/// `None` when `current` has no TOML front matter.
fn merged(current: &str, fresh: &str) -> Option<String> {
    let rest = current.strip_prefix("+++\n")?;
    let end = rest
        .find("\n+++")
        .map(|i| i + 1)
        .or_else(|| rest.starts_with("+++").then_some(0))?;
    let (block, after) = rest.split_at(end);
    let fresh_block = fresh.strip_prefix("+++\n")?.strip_suffix("+++\n")?;
    let mut out = format!("+++\n{fresh_block}");
    let mut keep = true;
    let mut in_table = false;
    for line in block.lines() {
        let trimmed = line.trim_start();
        in_table |= trimmed.starts_with('[');
        if !in_table && let Some((key, _)) = trimmed.split_once('=') {
            let key = key.trim().trim_matches('"');
            if key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                keep = !IMPORT_KEYS.contains(&key);
            }
        }
        if keep || in_table {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str(after);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_replaces_import_keys_and_keeps_the_rest() {
        let current = "+++\nid = \"a\"\ntitle = \"Old\"\ntags = [\n  \"x\",\n]\nurl = \"https://e.org/1\"\n[salary]\nmin = 1\n+++\nHand-written text.\n";
        let fresh = "+++\nid = \"a\"\ntitle = \"New\"\nurl = \"https://e.org/1\"\n+++\n";
        assert_eq!(
            merged(current, fresh).as_deref(),
            Some(
                "+++\nid = \"a\"\ntitle = \"New\"\nurl = \"https://e.org/1\"\ntags = [\n  \"x\",\n]\n[salary]\nmin = 1\n+++\nHand-written text.\n"
            )
        );
        assert_eq!(merged(fresh, fresh).as_deref(), Some(fresh));
        assert_eq!(merged("---\ntitle: x\n---\n", fresh), None);
    }
}
