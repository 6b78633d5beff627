//! Watching the board: `jobsmith.toml`, `content/`, `templates/` and `static/`.
//!
//! The debouncer folds the bursts of events an editor's save makes into one batch; a thread turns
//! each batch (and any that arrived meanwhile) into one rebuild and publishes its outcome.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use anyhow::Context as _;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use super::State;
use super::rebuild::{Changes, Rebuilder};

/// How long the files must be quiet before a rebuild starts.
const QUIET: Duration = Duration::from_millis(20);

/// The folders watched in full, relative to the board root.
const FOLDERS: [&str; 3] = ["content", "templates", "static"];

type Debouncer = notify_debouncer_full::Debouncer<
    notify_debouncer_full::notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

/// The watcher and which of the board's folders it watches.
struct Watcher {
    debouncer: Debouncer,
    root: PathBuf,
    watched: [bool; FOLDERS.len()],
}

impl Watcher {
    /// Watches the folders that exist and were not watched yet (a board may create them later).
    fn watch_new_folders(&mut self) -> anyhow::Result<bool> {
        let mut added = false;
        for (folder, watched) in FOLDERS.iter().zip(&mut self.watched) {
            let path = self.root.join(folder);
            if !*watched && path.is_dir() {
                self.debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .with_context(|| format!("cannot watch {}", path.display()))?;
                *watched = true;
                added = true;
            }
        }
        Ok(added)
    }
}

/// Starts watching the board at `root`, and a thread that rebuilds on every change for as long
/// as the process runs.
pub fn start(root: &Path, rebuilder: Rebuilder, state: Arc<State>) -> anyhow::Result<()> {
    let (sender, receiver) = channel();
    let mut debouncer = new_debouncer(QUIET, None, sender).context("cannot watch the board")?;
    // The root itself, not recursively: the configuration, and folders created later.
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;
    let mut watcher = Watcher {
        debouncer,
        root: root.to_path_buf(),
        watched: [false; FOLDERS.len()],
    };
    watcher.watch_new_folders()?;
    std::thread::Builder::new()
        .name("jobsmith rebuild".into())
        .spawn(move || rebuild_loop(&receiver, watcher, rebuilder, &state))
        .context("cannot start the rebuild thread")?;
    Ok(())
}

/// Rebuilds once per batch of changes, for as long as the process runs.
fn rebuild_loop(
    receiver: &Receiver<DebounceEventResult>,
    mut watcher: Watcher,
    mut rebuilder: Rebuilder,
    state: &State,
) {
    while let Ok(first) = receiver.recv() {
        let mut changes = Changes::default();
        collect(rebuilder.root(), first, &mut changes);
        while let Ok(more) = receiver.try_recv() {
            collect(rebuilder.root(), more, &mut changes);
        }
        match watcher.watch_new_folders() {
            // Files may have landed in the new folder before it was watched.
            Ok(added) => changes.rescan |= added,
            Err(err) => eprintln!("warning: {err:#}"),
        }
        if changes.paths.is_empty() && !changes.rescan {
            continue;
        }
        state.publish(rebuilder.rebuild(&changes));
    }
}

/// Adds the paths of a batch that matter to the board to `changes`.
fn collect(root: &Path, batch: DebounceEventResult, changes: &mut Changes) {
    let events = match batch {
        Ok(events) => events,
        Err(errors) => {
            for error in errors {
                eprintln!("warning: watching the board: {error}");
            }
            changes.rescan = true;
            return;
        }
    };
    for event in events {
        if event.need_rescan() {
            changes.rescan = true;
        }
        if matches!(event.kind, EventKind::Access(_)) {
            continue;
        }
        changes
            .paths
            .extend(event.paths.iter().filter(|p| matters(root, p)).cloned());
    }
}

/// Whether a changed path is part of the board (not an editor's swap file, not the output).
fn matters(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let hidden = relative
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    let mut parts = relative.components();
    let top = parts
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let nested = parts.next().is_some();
    match top.as_deref() {
        Some("jobsmith.toml") => !nested,
        Some(folder) if FOLDERS.contains(&folder) => !hidden,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_board_files_matter() {
        let root = PathBuf::from("/b");
        for yes in [
            "/b/jobsmith.toml",
            "/b/content/jobs/a.md",
            "/b/content",
            "/b/templates/base.html",
            "/b/static/x.png",
        ] {
            assert!(matters(&root, Path::new(yes)), "{yes}");
        }
        for no in [
            "/b/public/index.html",
            "/b/README.md",
            "/b/content/jobs/.a.md.swp",
            "/b/.git/index",
            "/elsewhere/content/a.md",
        ] {
            assert!(!matters(&root, Path::new(no)), "{no}");
        }
    }
}
