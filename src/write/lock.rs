//! One build of a board at a time.
//!
//! Builds of one board share its README, its archive and the commit journal, so a second build
//! that starts while one runs (a `jobsmith build` beside another) waits for the first to finish.
//! The lock is the operating system's advisory lock on the board folder itself: no file is added
//! to the board, and a build that dies lets go of it with its process. Where the folder cannot
//! be locked, `commit::recover` tells a running build's journal by its process instead. The card
//! cache is shared with `jobsmith serve` too, which takes no lock: each card is written whole,
//! and only temporaries of processes no longer running are removed.

use std::fs::{File, TryLockError};
use std::path::Path;

use anyhow::Context as _;

/// Held while a build writes; let go when dropped.
pub struct BoardLock {
    _folder: File,
}

/// Takes the board's lock, first calling `waiting` when another build holds it. A folder that
/// cannot be opened has nothing to lock: `None`, and reading the board then says what is wrong
/// (`cannot read BOARD/jobsmith.toml`).
pub fn lock_board(root: &Path, waiting: impl FnOnce()) -> anyhow::Result<Option<BoardLock>> {
    let Ok(folder) = File::open(root) else {
        return Ok(None);
    };
    let shown = || format!("cannot lock the board folder {}", root.display());
    match folder.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            waiting();
            folder.lock().with_context(shown)?;
        }
        // A file system without locks (some network mounts) builds as before locks were taken.
        Err(TryLockError::Error(err)) if err.kind() == std::io::ErrorKind::Unsupported => {
            return Ok(None);
        }
        Err(TryLockError::Error(err)) => return Err(anyhow::Error::new(err).context(shown())),
    }
    Ok(Some(BoardLock { _folder: folder }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_for_the_first() {
        let board = tempfile::tempdir().expect("temp dir");
        let first = lock_board(board.path(), || panic!("nobody holds it yet")).expect("lock");
        let (waiting, told) = std::sync::mpsc::channel();
        let (taken, got) = std::sync::mpsc::channel();
        std::thread::scope(|scope| {
            scope.spawn(|| {
                let lock = lock_board(board.path(), || waiting.send(()).expect("send"));
                taken.send(()).expect("send");
                drop(lock);
            });
            told.recv().expect("the second is told it waits");
            assert!(got.try_recv().is_err(), "taken while the first was held");
            drop(first);
            got.recv().expect("taken once the first let go");
        });
    }
}
