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
use chrono::{DateTime, Utc};

use super::file::{JobFile, job_text};
use super::{Posting, Source};

/// What a fetch did to one source's files.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub new: usize,
    pub updated: usize,
    pub closed: usize,
    pub unchanged: usize,
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
            Some(old) if old.says_the_same(&text) => {
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
    // Through the board folder: no write follows a link, whatever appears meanwhile.
    let board = crate::write::BoardDir::open(root)?;
    for (path, text) in plan {
        let rel = path.strip_prefix(root).unwrap_or(&path);
        board.write(rel, text.as_bytes())?;
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
}
