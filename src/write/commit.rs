//! The one commit: the new site, the README and the archive change together or not at all.
//!
//! Everything is written first, beside where it goes, and synced to disk: the site in its staging
//! folder, each README or archive file as a temporary file next to its place. Then a journal
//! (`.jobsmith-commit.json` in the board root) records what goes where. Once the journal is on
//! disk the commit is decided: the site is swapped in, the files are renamed over the old ones,
//! old archive files are removed, and the journal goes. A build killed before the journal leaves
//! everything as it was (its temporaries are removed by the next run); one killed after it is
//! finished by the next run (`recover`), whatever that run then does.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use serde::{Deserialize, Serialize};

use super::board_dir::BoardDir;

/// The journal's name in the board root.
pub const JOURNAL: &str = ".jobsmith-commit.json";

/// What a decided commit still has to do.
#[derive(Debug, Serialize, Deserialize)]
pub struct Journal {
    /// The process that wrote it.
    pub pid: u32,
    /// The new site, ready, and the folder it replaces (absolute).
    pub staged: PathBuf,
    pub output: PathBuf,
    /// The staged folder's identity (device, inode), to tell whether the swap happened.
    pub site: Option<(u64, u64)>,
    /// Board files: temporary file, then its place (relative to the board root).
    pub renames: Vec<(PathBuf, PathBuf)>,
    /// Archive files that are too old, relative to the board root.
    pub removals: Vec<PathBuf>,
}

/// Records `journal` in the board, synced, and carries it out. A commit that is only the swap of
/// the site (no README or archive file outside it) is one atomic step and needs no journal.
pub fn run(board: &BoardDir, journal: &Journal) -> anyhow::Result<()> {
    if journal.renames.is_empty() && journal.removals.is_empty() {
        super::swap_in(&journal.staged, &journal.output)?;
        super::remove_leftovers(&journal.output);
        return Ok(());
    }
    let text = serde_json::to_vec_pretty(journal)?;
    board.write(Path::new(JOURNAL), &text)?;
    crash_point("journal");
    apply(board, journal).context(
        "the build stopped half-way through putting the new site in place; the next build finishes it",
    )
}

/// Finishes a commit that a killed build decided but did not carry out. `locked`: whether this
/// build holds the board's lock (`lock.rs`); without it (a file system without locks), a journal
/// of a process still running is that build's, carrying it out now.
pub fn recover(root: &Path, locked: bool) -> anyhow::Result<()> {
    let path = root.join(JOURNAL);
    let Ok(meta) = path.symlink_metadata() else {
        return Ok(());
    };
    if !meta.is_file() {
        bail!("{} is not a file jobsmith wrote: remove it", path.display());
    }
    let text = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let journal: Journal = serde_json::from_slice(&text)
        .with_context(|| format!("{} is damaged: remove it and build again", path.display()))?;
    if !locked && (journal.pid == std::process::id() || super::is_running(journal.pid)) {
        bail!(
            "another jobsmith build (process {}) is writing this board",
            journal.pid
        );
    }
    check_folders(root, &journal).with_context(|| {
        format!(
            "{} names folders no build of this board writes: remove it",
            path.display()
        )
    })?;
    let board = BoardDir::open(root)?;
    apply(&board, &journal).with_context(|| {
        format!(
            "cannot finish the commit a stopped build left ({})",
            path.display()
        )
    })
}

/// A journal is a file in the board, so it may come with the board from elsewhere: before its
/// two folders are swapped, the output must be one a build may replace (`outputs::check_output`,
/// as every build checks) and the staged site a staging folder beside it.
fn check_folders(root: &Path, journal: &Journal) -> anyhow::Result<()> {
    super::outputs::check_output(root, &journal.output, false)?;
    let beside = journal.staged.parent() == journal.output.parent();
    let name = journal.output.file_name().map(|n| n.to_string_lossy());
    let staged = journal.staged.file_name().map(|n| n.to_string_lossy());
    let shaped = match (name, staged) {
        (Some(name), Some(staged)) => staged.starts_with(&format!(".{name}{}", super::STAGING_TAG)),
        _ => false,
    };
    if !beside || !shaped {
        bail!(
            "{} is not a staging folder of {}",
            journal.staged.display(),
            journal.output.display()
        );
    }
    Ok(())
}

/// Carries out a journal; every step can run again after a kill.
fn apply(board: &BoardDir, journal: &Journal) -> anyhow::Result<()> {
    if !swapped(journal) {
        if !journal.staged.exists() {
            bail!("the new site {} is gone", journal.staged.display());
        }
        super::swap_in(&journal.staged, &journal.output)?;
    }
    crash_point("swapped");
    for (temp, place) in &journal.renames {
        if board.exists(temp) {
            board.rename(temp, place)?;
        }
    }
    crash_point("renamed");
    for old in &journal.removals {
        board.remove_file(old)?;
    }
    crash_point("pruned");
    board.remove_file(Path::new(JOURNAL))?;
    crash_point("committed");
    // What is left beside the output is the previous site: it can go now.
    super::remove_leftovers(&journal.output);
    Ok(())
}

/// Whether the output folder is already the staged site.
fn swapped(journal: &Journal) -> bool {
    match journal.site {
        Some(site) => identity(&journal.output) == Some(site),
        None => !journal.staged.exists(),
    }
}

/// A folder's device and inode, where the system has them.
pub fn identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        path.symlink_metadata().ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Stops the process dead at a named moment of the commit, when `JOBSMITH_CRASH_AT` names it.
/// The crash tests kill a build at every step this way (docs/hostile-input.md).
pub fn crash_point(name: &str) {
    if std::env::var_os("JOBSMITH_CRASH_AT").is_some_and(|at| at == name) {
        std::process::abort();
    }
}

/// Flushes everything written to the file system that holds `path` (one call for a whole site
/// on Linux; elsewhere the files were synced one by one or the system decides).
pub fn sync_tree(path: &Path) {
    #[cfg(target_os = "linux")]
    if let Ok(folder) = std::fs::File::open(path) {
        let _ = rustix::fs::syncfs(&folder);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = path;
}
