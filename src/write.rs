//! Write: the only code that touches the output folder, the README and the archive.
//!
//! A build renders into a staging folder beside the output; only when every target succeeded is
//! the staging folder swapped in (atomically on Linux), so a failed or killed build leaves the
//! previous site as it was. README and archive files are written to a temporary file and renamed.
//! Stale staging folders of killed builds are removed by the next build.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, bail};
use chrono::NaiveDate;

use crate::targets::Sink;

const STAGING_TAG: &str = ".jobsmith-staging-";
const RETIRED_TAG: &str = ".jobsmith-retired-";

/// Files rendered so far, waiting to be put in place by `commit`.
pub struct Staging {
    root: PathBuf,
    output: PathBuf,
    temp: PathBuf,
    board_files: Mutex<Vec<(String, Vec<u8>)>>,
    written: Arc<AtomicUsize>,
    committed: bool,
}

/// What to keep in the archive folder.
#[derive(Debug, Clone)]
pub struct ArchivePolicy {
    /// Relative to the board root.
    pub dir: String,
    pub today: NaiveDate,
    /// Archive files at least this many days old are removed; 0 keeps them all.
    pub keep_days: u32,
}

impl Staging {
    /// Prepares a staging folder beside `output`, after cleaning what killed builds left.
    /// `counter` counts the site files written, for progress reports.
    pub fn begin(root: &Path, output: &Path, counter: Arc<AtomicUsize>) -> anyhow::Result<Staging> {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        recover(output)?;
        let temp = sibling(output, STAGING_TAG);
        if temp.exists() {
            std::fs::remove_dir_all(&temp)
                .with_context(|| format!("cannot remove {}", temp.display()))?;
        }
        std::fs::create_dir(&temp)
            .with_context(|| format!("cannot write to {}", parent.display()))?;
        Ok(Staging {
            root: root.to_path_buf(),
            output: output.to_path_buf(),
            temp,
            board_files: Mutex::new(Vec::new()),
            written: counter,
            committed: false,
        })
    }

    /// How many site files were written.
    pub fn site_files(&self) -> usize {
        self.written.load(Ordering::Relaxed)
    }

    /// Puts the new site in place of the old one, then the README and archive files.
    pub fn commit(mut self, archive: Option<&ArchivePolicy>) -> anyhow::Result<()> {
        if let Some(policy) = archive
            && let Some(inside) = self.inside_output(&policy.dir)
        {
            carry_over_archive(&self.output.join(&inside), &self.temp.join(&inside))?;
            prune_archive(&self.temp.join(&inside), policy)?;
        }
        swap_in(&self.temp, &self.output)?;
        self.committed = true;
        let board_files =
            std::mem::take(&mut *self.board_files.lock().unwrap_or_else(|e| e.into_inner()));
        for (path, contents) in board_files {
            write_atomically(&self.root.join(&path), &contents)?;
        }
        if let Some(policy) = archive
            && self.inside_output(&policy.dir).is_none()
        {
            prune_archive(&self.root.join(&policy.dir), policy)?;
        }
        Ok(())
    }

    fn inside_output(&self, board_path: &str) -> Option<String> {
        inside_output(&self.root, &self.output, board_path)
    }
}

/// The path under the output folder of a board path that lies inside it (the sample board sends
/// its README into `public/`).
pub fn inside_output(root: &Path, output: &Path, board_path: &str) -> Option<String> {
    let full = normalise(&root.join(board_path));
    let output = normalise(output);
    let rest = full.strip_prefix(&output).ok()?;
    Some(crate::load::relative(Path::new(""), rest))
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.temp);
        }
    }
}

impl Sink for Staging {
    fn site_file(&self, path: &str, contents: Vec<u8>) -> anyhow::Result<()> {
        let target = self.temp.join(checked(path)?);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::write(&target, contents)
            .with_context(|| format!("cannot write {}", target.display()))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn board_file(&self, path: &str, contents: Vec<u8>) -> anyhow::Result<()> {
        checked(path)?;
        if let Some(inside) = self.inside_output(path) {
            return self.site_file(&inside, contents);
        }
        self.board_files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.to_string(), contents));
        Ok(())
    }
}

/// Refuses any path that could leave its folder.
fn checked(path: &str) -> anyhow::Result<&Path> {
    let p = Path::new(path);
    let safe = !path.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)));
    if !safe {
        bail!("refusing to write outside the output folder: {path:?}");
    }
    Ok(p)
}

/// Resolves `.` and `..` lexically, so paths can be compared without touching the disk.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `DIR/.NAME.jobsmith-TAG-PID` beside `output`.
fn sibling(output: &Path, tag: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}{tag}{}", std::process::id()))
}

/// Undoes what a killed build left: restores a retired site that was never replaced, and removes
/// staging and retired folders of builds that are no longer running.
fn recover(output: &Path) -> anyhow::Result<()> {
    let Some(parent) = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .or(Some(Path::new(".")))
    else {
        return Ok(());
    };
    let name = output
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&format!(".{name}")) else {
            continue;
        };
        let (retired, pid) = if let Some(pid) = rest.strip_prefix(RETIRED_TAG) {
            (true, pid)
        } else if let Some(pid) = rest.strip_prefix(STAGING_TAG) {
            (false, pid)
        } else {
            continue;
        };
        if pid.parse::<u32>().is_ok_and(is_running) {
            continue;
        }
        if retired && !output.exists() {
            std::fs::rename(entry.path(), output)
                .with_context(|| format!("cannot restore {}", output.display()))?;
        } else {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    Ok(())
}

/// Whether a process with that id is running (and is not this one).
fn is_running(pid: u32) -> bool {
    pid != std::process::id() && Path::new(&format!("/proc/{pid}")).exists()
}

/// Replaces `output` with `staged`; on Linux the two are exchanged in one step.
fn swap_in(staged: &Path, output: &Path) -> anyhow::Result<()> {
    if !output.exists() {
        return std::fs::rename(staged, output)
            .with_context(|| format!("cannot create {}", output.display()));
    }
    if !output.is_dir() {
        bail!("{} exists and is not a folder", output.display());
    }
    if exchange(staged, output).is_ok() {
        // `staged` now holds the previous site.
        return remove_tree(staged).with_context(|| format!("cannot remove {}", staged.display()));
    }
    let retired = sibling(output, RETIRED_TAG);
    std::fs::rename(output, &retired)
        .with_context(|| format!("cannot move {}", output.display()))?;
    std::fs::rename(staged, output)
        .with_context(|| format!("cannot create {}", output.display()))?;
    remove_tree(&retired).with_context(|| format!("cannot remove {}", retired.display()))
}

/// Removes the folder `dir` and everything in it, like `remove_dir_all`, on every core: the
/// previous site of a large board is over a hundred thousand files, and a rebuild waits for them.
/// The first two levels are shared out (`jobs/` alone holds a folder per job); symbolic links
/// are removed, never followed.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;

    fn remove_children(dir: &Path, depth: usize) -> std::io::Result<()> {
        let entries = std::fs::read_dir(dir)?.collect::<std::io::Result<Vec<_>>>()?;
        entries.par_iter().try_for_each(|entry| {
            let path = entry.path();
            if !entry.file_type()?.is_dir() {
                return std::fs::remove_file(&path);
            }
            if depth == 0 {
                remove_children(&path, depth + 1)?;
                std::fs::remove_dir(&path)
            } else {
                std::fs::remove_dir_all(&path)
            }
        })
    }

    remove_children(dir, 0)?;
    std::fs::remove_dir(dir)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are valid NUL-terminated strings for the duration of the call.
    let status = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if status == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Writes `path` through a temporary file beside it, so readers see the old or the new file.
pub fn write_atomically(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let temp = path.with_file_name(format!(".{name}.jobsmith-{}", std::process::id()));
    std::fs::write(&temp, contents).with_context(|| format!("cannot write {}", temp.display()))?;
    std::fs::rename(&temp, path).with_context(|| format!("cannot write {}", path.display()))
}

/// The date of an archive file name, `YYYY-MM-DD.md`.
pub fn archive_date(file_name: &str) -> Option<NaiveDate> {
    let stem = file_name.strip_suffix(".md")?;
    (stem.len() == 10)
        .then(|| NaiveDate::parse_from_str(stem, "%Y-%m-%d").ok())
        .flatten()
}

/// Removes archive files old enough to go; nothing else in the folder is touched.
fn prune_archive(dir: &Path, policy: &ArchivePolicy) -> anyhow::Result<()> {
    if policy.keep_days == 0 || !dir.is_dir() {
        return Ok(());
    }
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(date) = archive_date(&name) else {
            continue;
        };
        let age = (policy.today - date).num_days();
        if age >= i64::from(policy.keep_days) && entry.path().is_file() {
            std::fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Copies the previous build's archive files into the new site, when the archive lives there.
fn carry_over_archive(previous: &Path, staged: &Path) -> anyhow::Result<()> {
    let Ok(entries) = std::fs::read_dir(previous) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let target = staged.join(&name);
        if archive_date(&name).is_some() && !target.exists() {
            std::fs::create_dir_all(staged)?;
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("cannot copy {}", entry.path().display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The previous site goes whole, at every depth, and links in it are removed, not followed.
    #[test]
    fn removing_a_site_removes_it_all_and_follows_no_link() {
        let temp = tempfile::tempdir().expect("temp dir");
        let outside = temp.path().join("outside");
        std::fs::create_dir(&outside).expect("outside");
        std::fs::write(outside.join("keep.txt"), "kept").expect("kept file");
        let site = temp.path().join("site");
        for n in 0..50 {
            let dir = site.join(format!("jobs/job-{n}"));
            std::fs::create_dir_all(&dir).expect("job folder");
            std::fs::write(dir.join("index.html"), "<p>job</p>").expect("job page");
        }
        std::fs::create_dir_all(site.join("companies/acme/page/2")).expect("deep folder");
        std::fs::write(site.join("companies/acme/page/2/index.html"), "x").expect("deep page");
        std::fs::write(site.join("index.html"), "x").expect("index");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&outside, site.join("link")).expect("link at the top");
            std::os::unix::fs::symlink(&outside, site.join("jobs/link")).expect("link below");
        }
        remove_tree(&site).expect("removed");
        assert!(!site.exists());
        assert_eq!(
            std::fs::read_to_string(outside.join("keep.txt")).expect("still there"),
            "kept"
        );
    }

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        for bad in ["", "../x", "/etc/passwd", "a/../../b", "./a"] {
            assert!(checked(bad).is_err(), "{bad:?}");
        }
        assert!(checked("jobs/a/index.html").is_ok());
    }

    #[test]
    fn reads_archive_dates_only_from_archive_names() {
        assert!(archive_date("2026-07-01.md").is_some());
        for other in [
            "notes.md",
            "2026-07-01.txt",
            "2026-7-1.md",
            "README.md",
            "2026-02-30.md",
        ] {
            assert!(archive_date(other).is_none(), "{other}");
        }
    }
}
