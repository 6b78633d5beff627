//! Write: the only code that touches the output folder, the README and the archive.
//!
//! A build renders into a staging folder beside the output, and the README and archive files
//! into memory. `commit` then puts them all in place together (`commit.rs`), so a failed or
//! killed build leaves the previous site, README and archive as they were. Before anything is
//! written, `outputs.rs` checks that the output folder is jobsmith's own to replace, and every
//! write into the board goes through `board_dir.rs`, which no symbolic link can lead astray.
//! What killed builds left (staging folders, temporaries, a decided commit) is cleaned up or
//! finished by the next build.

mod board_dir;
mod commit;
mod lock;
pub mod outputs;
mod sink;

use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, bail};
use chrono::NaiveDate;

pub use board_dir::BoardDir;
pub use commit::recover;
pub use lock::lock_board;
pub use sink::{Fragment, Part, Sink, concat};

const STAGING_TAG: &str = ".jobsmith-staging-";
const RETIRED_TAG: &str = ".jobsmith-retired-";

/// Files rendered so far, waiting to be put in place by `commit`.
pub struct Staging {
    root: PathBuf,
    /// Where the site goes, with symbolic links resolved.
    output: PathBuf,
    temp: PathBuf,
    board_files: Mutex<Vec<(String, Vec<u8>)>>,
    /// Temporary board files written by `commit`, removed again if it fails before the journal.
    board_temps: Vec<PathBuf>,
    written: Arc<AtomicUsize>,
    committed: bool,
}

/// Where a build goes and what it may replace.
#[derive(Debug, Clone)]
pub struct Destination<'a> {
    pub root: &'a Path,
    pub output: &'a Path,
    /// `--force-output`: replace the output folder even when it holds files of the user's.
    pub force: bool,
    /// The board folders that temporaries of killed builds may be left in.
    pub board_dirs: Vec<PathBuf>,
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
    /// Checks the destination and prepares a staging folder beside the output, after cleaning
    /// what killed builds left. `counter` counts the site files written, for progress reports.
    pub fn begin(to: &Destination, counter: Arc<AtomicUsize>) -> anyhow::Result<Staging> {
        let output = outputs::check_output(to.root, to.output, to.force)?;
        let parent = output
            .parent()
            .context("the output folder has no parent folder")?;
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        remove_leftovers(&output);
        let board = BoardDir::open(to.root)?;
        for dir in &to.board_dirs {
            remove_dead_temps(&board, dir);
        }
        let temp = sibling(&output, STAGING_TAG);
        if temp.exists() {
            remove_tree(&temp).with_context(|| format!("cannot remove {}", temp.display()))?;
        }
        std::fs::create_dir(&temp)
            .with_context(|| format!("cannot write to {}", parent.display()))?;
        Ok(Staging {
            root: to.root.to_path_buf(),
            output,
            temp,
            board_files: Mutex::new(Vec::new()),
            board_temps: Vec::new(),
            written: counter,
            committed: false,
        })
    }

    /// Where the site file at `path` goes in the staging folder, its folder made.
    fn target(&self, path: &str) -> anyhow::Result<PathBuf> {
        let target = self.temp.join(checked(path)?);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        Ok(target)
    }

    /// How many site files were written.
    pub fn site_files(&self) -> usize {
        self.written.load(Ordering::Relaxed)
    }

    /// Puts the new site, the README and the archive files in place, together.
    pub fn commit(mut self, archive: Option<&ArchivePolicy>) -> anyhow::Result<()> {
        let mut removals = Vec::new();
        if let Some(policy) = archive {
            match self.inside_output(&policy.dir) {
                Some(inside) => {
                    carry_over_archive(&self.output.join(&inside), &self.temp.join(&inside))?;
                    prune_archive(&self.temp.join(&inside), policy)?;
                }
                None => removals = old_archive_files(&self.root, policy),
            }
        }
        std::fs::write(self.temp.join(outputs::MARKER), outputs::MARKER_TEXT)
            .with_context(|| format!("cannot write to {}", self.temp.display()))?;
        let board = BoardDir::open(&self.root)?;
        let board_files =
            std::mem::take(&mut *self.board_files.lock().unwrap_or_else(|e| e.into_inner()));
        let mut renames = Vec::new();
        for (path, contents) in board_files {
            let place = PathBuf::from(path);
            let temp = board.write_temp(&place, &contents)?;
            self.board_temps.push(temp.clone());
            renames.push((temp, place));
        }
        commit::sync_tree(&self.temp);
        commit::crash_point("staged");
        let journal = commit::Journal {
            pid: std::process::id(),
            staged: self.temp.clone(),
            output: self.output.clone(),
            site: commit::identity(&self.temp),
            renames,
            removals,
        };
        let result = commit::run(&board, &journal);
        // Decided once the swap happened or the journal is on disk: the next build finishes it.
        // Before that, dropping the staging removes the staged site and the temporary files.
        self.committed = result.is_ok()
            || board.exists(Path::new(commit::JOURNAL))
            || self.output.symlink_metadata().is_err();
        result
    }

    fn inside_output(&self, board_path: &str) -> Option<String> {
        inside_output(&self.root, &self.output, board_path)
    }
}

/// The path under the output folder of a board path that lies inside it (the sample board sends
/// its README into `public/`). The output may have been resolved through links, so the board
/// path is tried from the root as given and as resolved.
pub fn inside_output(root: &Path, output: &Path, board_path: &str) -> Option<String> {
    let output = normalise(&std::path::absolute(output).ok()?);
    let given = normalise(&std::path::absolute(root).ok()?);
    let resolved = given.canonicalize().unwrap_or_else(|_| given.clone());
    [given, resolved].iter().find_map(|root| {
        let full = normalise(&root.join(board_path));
        let rest = full.strip_prefix(&output).ok()?;
        Some(crate::load::relative(Path::new(""), rest))
    })
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.temp);
            if let Ok(board) = BoardDir::open(&self.root) {
                for temp in &self.board_temps {
                    let _ = board.remove_file(temp);
                }
            }
        }
    }
}

impl Sink for Staging {
    fn site_file(&self, path: &str, contents: Vec<u8>) -> anyhow::Result<()> {
        let target = self.target(path)?;
        std::fs::write(&target, contents)
            .with_context(|| format!("cannot write {}", target.display()))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn site_file_parts(
        &self,
        path: &str,
        parts: &mut dyn Iterator<Item = Part>,
    ) -> anyhow::Result<()> {
        let target = self.target(path)?;
        let mut file = std::fs::File::create(&target)
            .with_context(|| format!("cannot write {}", target.display()))?;
        for part in parts {
            file.write_all(part?.as_bytes())
                .with_context(|| format!("cannot write {}", target.display()))?;
        }
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

/// Removes the staging and retired folders that builds no longer running left beside `output`.
fn remove_leftovers(output: &Path) {
    let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else {
        return;
    };
    let name = name.to_string_lossy();
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&format!(".{name}")) else {
            continue;
        };
        let Some(pid) = rest
            .strip_prefix(RETIRED_TAG)
            .or_else(|| rest.strip_prefix(STAGING_TAG))
        else {
            continue;
        };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if !is_dir || pid.parse::<u32>().is_ok_and(is_running) {
            continue;
        }
        // A swap by two renames that stopped half-way: the previous site goes back in place.
        if rest.starts_with(RETIRED_TAG) && output.symlink_metadata().is_err() {
            let _ = std::fs::rename(entry.path(), output);
        } else {
            let _ = remove_tree(&entry.path());
        }
    }
}

/// Removes the temporary files that builds no longer running left in the board folder `dir`.
fn remove_dead_temps(board: &BoardDir, dir: &Path) {
    for name in board.names_in(dir) {
        let Some((_, tail)) = name.rsplit_once(board_dir::TEMP_TAG) else {
            continue;
        };
        // This process's own temporaries belong to builds still running in it.
        let pid = tail.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let alive = pid.is_some_and(|pid| pid == std::process::id() || is_running(pid));
        if name.starts_with('.') && !alive {
            let _ = board.remove_file(&dir.join(&name));
        }
    }
}

/// Whether a process with that id is running (and is not this one): a signal 0 reaches it, or
/// reaches it but may not be sent.
#[cfg(unix)]
fn is_running(pid: u32) -> bool {
    use rustix::process::{Pid, test_kill_process};
    let pid = (pid != std::process::id())
        .then(|| i32::try_from(pid).ok().and_then(Pid::from_raw))
        .flatten();
    pid.is_some_and(|pid| {
        test_kill_process(pid).map_or_else(|err| err == rustix::io::Errno::PERM, |()| true)
    })
}

/// Elsewhere another process cannot be told dead: its leftovers are kept.
#[cfg(not(unix))]
fn is_running(pid: u32) -> bool {
    pid != std::process::id()
}

/// Puts `staged` in the place of `output`; on Linux the two are exchanged in one step. The
/// previous site is left beside the output, for `remove_leftovers`.
fn swap_in(staged: &Path, output: &Path) -> anyhow::Result<()> {
    if output.symlink_metadata().is_err() {
        return std::fs::rename(staged, output)
            .with_context(|| format!("cannot create {}", output.display()));
    }
    if !output.is_dir() {
        bail!("{} exists and is not a folder", output.display());
    }
    if exchange(staged, output).is_ok() {
        return Ok(());
    }
    let retired = sibling(output, RETIRED_TAG);
    std::fs::rename(output, &retired)
        .with_context(|| format!("cannot move {}", output.display()))?;
    std::fs::rename(staged, output).with_context(|| format!("cannot create {}", output.display()))
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

    if dir.symlink_metadata()?.is_symlink() {
        return std::fs::remove_file(dir);
    }
    remove_children(dir, 0)?;
    std::fs::remove_dir(dir)
}

/// Exchanges two folders in one step (`renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// The date of an archive file name, `YYYY-MM-DD.md`.
pub fn archive_date(file_name: &str) -> Option<NaiveDate> {
    let stem = file_name.strip_suffix(".md")?;
    (stem.len() == 10)
        .then(|| NaiveDate::parse_from_str(stem, "%Y-%m-%d").ok())
        .flatten()
}

/// Removes archive files old enough to go from a folder of the new site.
fn prune_archive(dir: &Path, policy: &ArchivePolicy) -> anyhow::Result<()> {
    let names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    for name in too_old(names, policy) {
        let path = dir.join(name);
        std::fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
    }
    Ok(())
}

/// The archive files of the board's archive folder that are old enough to go (board paths).
fn old_archive_files(root: &Path, policy: &ArchivePolicy) -> Vec<PathBuf> {
    let Ok(board) = BoardDir::open(root) else {
        return Vec::new();
    };
    let dir = Path::new(&policy.dir);
    too_old(board.names_in(dir), policy)
        .into_iter()
        .map(|name| dir.join(name))
        .filter(|path| board.is_file(path))
        .collect()
}

/// The names among `names` of archive files at least `keep_days` old; nothing else is touched.
fn too_old(names: Vec<String>, policy: &ArchivePolicy) -> Vec<String> {
    if policy.keep_days == 0 {
        return Vec::new();
    }
    names
        .into_iter()
        .filter(|name| {
            archive_date(name)
                .is_some_and(|date| (policy.today - date).num_days() >= i64::from(policy.keep_days))
        })
        .collect()
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

    /// A swap by two renames that a dead build left half-done puts the previous site back;
    /// beside an output that exists, what dead builds left is removed.
    #[test]
    fn a_half_done_swap_puts_the_previous_site_back() {
        let temp = tempfile::tempdir().expect("temp dir");
        let output = temp.path().join("public");
        let retired = temp.path().join(format!(".public{RETIRED_TAG}4194999"));
        let staged = temp.path().join(format!(".public{STAGING_TAG}4194999"));
        std::fs::create_dir_all(&retired).expect("retired");
        std::fs::write(retired.join("index.html"), "previous").expect("page");
        remove_leftovers(&output);
        assert_eq!(
            std::fs::read_to_string(output.join("index.html")).expect("restored"),
            "previous"
        );
        std::fs::create_dir_all(&staged).expect("staged");
        remove_leftovers(&output);
        assert!(!staged.exists() && output.join("index.html").is_file());
    }

    /// A file handed over in parts is the parts one after the other; a part that could not be
    /// made fails the file, and paths are checked as for whole files.
    #[test]
    fn a_file_in_parts_is_its_parts_in_order() {
        let temp = tempfile::tempdir().expect("temp dir");
        let output = temp.path().join("public");
        let to = Destination {
            root: temp.path(),
            output: &output,
            force: false,
            board_dirs: Vec::new(),
        };
        let staging = Staging::begin(&to, Arc::default()).expect("staging");
        let parts = |texts: &[&str]| -> Vec<Part> {
            texts
                .iter()
                .map(|t| Ok(Fragment::new(t.to_string())))
                .collect()
        };
        let mut good = parts(&["<source>", "<job>1</job>", "", "</source>"]).into_iter();
        staging
            .site_file_parts("feeds/indeed.xml", &mut good)
            .expect("written");
        let written = std::fs::read_to_string(staging.temp.join("feeds/indeed.xml"));
        assert_eq!(written.expect("file"), "<source><job>1</job></source>");
        assert_eq!(staging.site_files(), 1);
        let mut failing = parts(&["<source>"])
            .into_iter()
            .chain([Err(anyhow::anyhow!("no job"))]);
        let error = staging.site_file_parts("feeds/other.xml", &mut failing);
        assert_eq!(error.expect_err("fails").to_string(), "no job");
        let mut outside = parts(&["x"]).into_iter();
        assert!(staging.site_file_parts("../x.xml", &mut outside).is_err());
        assert!(!temp.path().join("x.xml").exists());
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
