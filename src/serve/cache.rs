//! What `serve` keeps between rebuilds from the content folder: each file's records and
//! problems, and each record checked on its own. A file is read and checked again only when the
//! watcher reports it changed; the folder walk, the board-wide checks (duplicate ids) and the
//! order of the dataset are done anew on every rebuild, as `build` does them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::load::{self, Dataset};
use crate::problem::Problem;
use crate::skills::SkillMatcher;
use crate::validate::{self, Checked, Valid};

/// One file as read and checked.
#[derive(Debug)]
struct File {
    read: Dataset,
    /// Its records checked on their own; `None` until first needed.
    checked: Option<Vec<Checked>>,
}

/// Files read so far, by path.
#[derive(Debug, Default)]
pub struct FileCache {
    files: HashMap<PathBuf, File>,
}

impl FileCache {
    /// Forgets what was read from `path` and from anything under it.
    pub fn forget(&mut self, path: &Path) {
        // Nearly always one file that was saved: no need to look at every other path.
        if self.files.remove(path).is_none() {
            self.files.retain(|file, _| !file.starts_with(path));
        }
    }

    /// Forgets everything (the configuration, which the checks depend on, changed).
    pub fn clear(&mut self) {
        self.files.clear();
    }

    /// Loads and validates the board's content like `build`, from the cache where it can:
    /// returns the loading problems and the validated board.
    pub fn read(&mut self, root: &Path, skills: &SkillMatcher) -> (Vec<Problem>, Valid) {
        let mut order = Vec::new();
        let walked = load::walk(root, &mut |path, dataset| {
            let file = self
                .files
                .entry(path.to_path_buf())
                .or_insert_with(|| File {
                    read: load::load_one(root, path),
                    checked: None,
                });
            dataset.problems.extend(file.read.problems.iter().cloned());
            order.push(path.to_path_buf());
        });
        let mut checked = Vec::new();
        for path in &order {
            if let Some(file) = self.files.get_mut(path) {
                let records = &file.read.records;
                let done = file.checked.get_or_insert_with(|| {
                    records.iter().map(|r| validate::check(r, skills)).collect()
                });
                checked.extend(done.iter().cloned());
            }
        }
        (walked.problems, validate::combine(checked))
    }
}
