//! Writing inside the board folder (README, archive, imported and new job files) so that no
//! symbolic link can carry a write elsewhere.
//!
//! The board is opened once as a capability (`cap_std::fs::Dir`): every path below it is resolved
//! by the operating system relative to that folder, and nothing can climb out of it, whatever a
//! link says or when it appears. On top of that, a link on the way to a file is refused outright
//! (a link inside the board could still lead into `content/`), and so is a link in the file's
//! place: jobsmith replaces files, never what a link points to.

use std::ffi::OsStr;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, bail};
use cap_std::ambient_authority;
use cap_std::fs::{Dir, OpenOptions};

/// The tag in the names of temporary files: `.NAME.jobsmith-tmp-PID-N`.
pub const TEMP_TAG: &str = ".jobsmith-tmp-";

/// A folder that writes stay inside.
pub struct BoardDir {
    dir: Dir,
    path: PathBuf,
}

impl BoardDir {
    /// Opens `path` (which must be a folder) to write inside it.
    pub fn open(path: &Path) -> anyhow::Result<BoardDir> {
        let dir = Dir::open_ambient_dir(path, ambient_authority())
            .with_context(|| format!("cannot open {}", path.display()))?;
        Ok(BoardDir {
            dir,
            path: path.to_path_buf(),
        })
    }

    /// The folder `rel` lies in, opened, with missing folders created; a symbolic link on the
    /// way is refused.
    fn parent(&self, rel: &Path) -> anyhow::Result<(Dir, PathBuf)> {
        let mut names: Vec<&OsStr> = Vec::new();
        for component in rel.components() {
            match component {
                Component::Normal(name) => names.push(name),
                _ => bail!("refusing to write {}: not a plain path", self.shown(rel)),
            }
        }
        let Some((_, folders)) = names.split_last() else {
            bail!("refusing to write an empty path in {}", self.path.display());
        };
        let mut dir = self.dir.try_clone()?;
        let mut walked = PathBuf::new();
        for name in folders {
            walked.push(name);
            if dir.symlink_metadata(name).is_err() {
                // Another writer (a `serve` beside a build) may create it first: that is fine.
                match dir.create_dir(name) {
                    Err(err) if err.kind() != std::io::ErrorKind::AlreadyExists => {
                        let err = anyhow::Error::new(err);
                        return Err(err.context(format!("cannot create {}", self.shown(&walked))));
                    }
                    _ => {}
                }
            }
            let meta = dir
                .symlink_metadata(name)
                .with_context(|| format!("cannot open {}", self.shown(&walked)))?;
            if meta.is_symlink() {
                bail!(
                    "refusing to write through {}: it is a symbolic link",
                    self.shown(&walked)
                );
            }
            if !meta.is_dir() {
                bail!("cannot write below {}: it is a file", self.shown(&walked));
            }
            dir = dir
                .open_dir(name)
                .with_context(|| format!("cannot open {}", self.shown(&walked)))?;
        }
        Ok((dir, walked))
    }

    /// Writes `contents` to a new temporary file beside `rel`, synced to disk; returns the
    /// temporary's path (relative, like `rel`), for `rename` to put in place.
    pub fn write_temp(&self, rel: &Path, contents: &[u8]) -> anyhow::Result<PathBuf> {
        self.temp_file(rel, contents, true)
    }

    /// `write_temp`, synced to disk only when `sync`.
    fn temp_file(&self, rel: &Path, contents: &[u8], sync: bool) -> anyhow::Result<PathBuf> {
        let (dir, walked) = self.parent(rel)?;
        let name = file_name(rel)?;
        refuse_link(&dir, name, || self.shown(rel))?;
        // `PID-N`: builds that run side by side in one process (the test suite's) never share
        // a temporary file.
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let temp_name = format!(
            ".{}{TEMP_TAG}{}-{n}",
            name.to_string_lossy(),
            std::process::id()
        );
        let mut file = dir
            .open_with(&temp_name, OpenOptions::new().write(true).create_new(true))
            .with_context(|| format!("cannot write {}", self.shown(&walked.join(&temp_name))))?;
        file.write_all(contents)
            .and_then(|()| if sync { file.sync_all() } else { Ok(()) })
            .with_context(|| format!("cannot write {}", self.shown(rel)))?;
        Ok(walked.join(temp_name))
    }

    /// Writes `rel` whole, through a temporary file, without waiting for the disk: for a cache,
    /// whose reader checks what it reads (a crash may leave the file empty or missing, never
    /// half of another).
    pub fn write_unsynced(&self, rel: &Path, contents: &[u8]) -> anyhow::Result<()> {
        let temp = self.temp_file(rel, contents, false)?;
        self.move_into_place(&temp, rel, false)
    }

    /// Writes `rel` whole, through a temporary file: readers see the old file or the new one.
    pub fn write(&self, rel: &Path, contents: &[u8]) -> anyhow::Result<()> {
        let temp = self.write_temp(rel, contents)?;
        self.rename(&temp, rel)
    }

    /// Writes `rel` only if nothing has that name yet; `false` when something has.
    pub fn write_new(&self, rel: &Path, contents: &[u8]) -> anyhow::Result<bool> {
        let (dir, _) = self.parent(rel)?;
        let name = file_name(rel)?;
        let mut file = match dir.open_with(name, OpenOptions::new().write(true).create_new(true)) {
            Ok(file) => file,
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
            Err(err) => {
                return Err(
                    anyhow::Error::new(err).context(format!("cannot write {}", self.shown(rel)))
                );
            }
        };
        file.write_all(contents)
            .and_then(|()| file.sync_all())
            .with_context(|| format!("cannot write {}", self.shown(rel)))?;
        Ok(true)
    }

    /// Puts `from` in the place of `to` (both relative, in one folder or not); a link in `to`'s
    /// place is refused rather than replaced.
    pub fn rename(&self, from: &Path, to: &Path) -> anyhow::Result<()> {
        self.move_into_place(from, to, true)
    }

    /// `rename`, making the new name durable only when `sync`.
    fn move_into_place(&self, from: &Path, to: &Path, sync: bool) -> anyhow::Result<()> {
        let (from_dir, _) = self.parent(from)?;
        let (to_dir, _) = self.parent(to)?;
        let to_name = file_name(to)?;
        refuse_link(&to_dir, to_name, || self.shown(to))?;
        from_dir
            .rename(file_name(from)?, &to_dir, to_name)
            .with_context(|| format!("cannot write {}", self.shown(to)))?;
        if sync {
            sync_dir(&to_dir);
        }
        Ok(())
    }

    /// Removes the file `rel` if it is there (a link is removed, never followed).
    pub fn remove_file(&self, rel: &Path) -> anyhow::Result<()> {
        let (dir, _) = self.parent(rel)?;
        match dir.remove_file(file_name(rel)?) {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(err) => {
                Err(anyhow::Error::new(err).context(format!("cannot remove {}", self.shown(rel))))
            }
        }
    }

    /// Whether a file (or link) named `rel` is there.
    pub fn exists(&self, rel: &Path) -> bool {
        self.dir.symlink_metadata(rel).is_ok()
    }

    /// Whether `rel` is a regular file (a link is not).
    pub fn is_file(&self, rel: &Path) -> bool {
        self.dir.symlink_metadata(rel).is_ok_and(|m| m.is_file())
    }

    /// The names in the folder `rel`, when it is a folder and no link leads to it.
    pub fn names_in(&self, rel: &Path) -> Vec<String> {
        let dir = if rel.as_os_str().is_empty() {
            self.dir.try_clone().ok()
        } else {
            match self.dir.symlink_metadata(rel) {
                Ok(meta) if meta.is_dir() => self.dir.open_dir(rel).ok(),
                _ => None,
            }
        };
        let Some(entries) = dir.and_then(|d| d.entries().ok()) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn shown(&self, rel: &Path) -> String {
        self.path.join(rel).display().to_string()
    }
}

fn file_name(rel: &Path) -> anyhow::Result<&OsStr> {
    rel.file_name()
        .with_context(|| format!("{} names no file", rel.display()))
}

fn refuse_link(dir: &Dir, name: &OsStr, shown: impl Fn() -> String) -> anyhow::Result<()> {
    match dir.symlink_metadata(name) {
        Ok(meta) if meta.is_symlink() => bail!(
            "refusing to write {}: it is a symbolic link, and jobsmith replaces files, not what links point to",
            shown()
        ),
        Ok(meta) if meta.is_dir() => bail!("cannot write {}: it is a folder", shown()),
        _ => Ok(()),
    }
}

/// Makes a folder's new entries durable; only a hint where the system cannot.
fn sync_dir(dir: &Dir) {
    if let Ok(me) = dir.open(".") {
        let _ = me.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writers that create the same missing folders at once (a `serve` and a build filling the
    /// card cache) all succeed.
    #[test]
    fn writers_creating_one_folder_at_once_all_succeed() {
        for _ in 0..20 {
            let temp = tempfile::tempdir().expect("temp dir");
            let board = BoardDir::open(temp.path()).expect("open");
            let barrier = std::sync::Barrier::new(8);
            std::thread::scope(|scope| {
                let writers: Vec<_> = (0..8)
                    .map(|i| {
                        let (board, barrier) = (&board, &barrier);
                        scope.spawn(move || {
                            barrier.wait();
                            board.write_unsynced(Path::new(&format!("a/b/c/{i}")), b"x")
                        })
                    })
                    .collect();
                for writer in writers {
                    writer.join().expect("thread").expect("write");
                }
            });
            assert_eq!(
                std::fs::read_dir(temp.path().join("a/b/c"))
                    .expect("c")
                    .count(),
                8
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn no_write_follows_a_link() {
        let temp = tempfile::tempdir().expect("temp dir");
        let board = temp.path().join("board");
        let outside = temp.path().join("outside");
        std::fs::create_dir_all(&board).expect("board");
        std::fs::create_dir_all(&outside).expect("outside");
        std::fs::write(outside.join("x.md"), "theirs").expect("write");
        std::os::unix::fs::symlink(&outside, board.join("archive")).expect("link");
        std::os::unix::fs::symlink(outside.join("x.md"), board.join("README.md")).expect("link");
        let dir = BoardDir::open(&board).expect("open");
        assert!(dir.write(Path::new("archive/2026-01-01.md"), b"x").is_err());
        assert!(dir.write(Path::new("README.md"), b"x").is_err());
        assert!(dir.write(Path::new("../outside/y.md"), b"x").is_err());
        assert_eq!(
            std::fs::read_to_string(outside.join("x.md")).expect("x"),
            "theirs"
        );
        assert_eq!(std::fs::read_dir(&outside).expect("outside").count(), 1);
        dir.write(Path::new("docs/new/README.md"), b"ours")
            .expect("plain path");
        assert_eq!(
            std::fs::read(board.join("docs/new/README.md")).expect("read"),
            b"ours"
        );
        assert!(
            !dir.write_new(Path::new("docs/new/README.md"), b"again")
                .expect("exists")
        );
    }
}
