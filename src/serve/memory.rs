//! The site in memory: a `Sink` that collects what the targets make, and the snapshot served.
//!
//! A rebuild starts a new sink that remembers the previous snapshot: a page whose inputs have the
//! same fingerprint as last time is carried over (a reference count, no copy) instead of being
//! rendered again. Board files (README, archive) are kept only when they land inside the site,
//! as `build` would write them into the output folder.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;

use crate::write::Sink;

/// One file of the site, with the fingerprint of its inputs when it has one.
#[derive(Debug, Clone)]
pub struct File {
    pub key: Option<u64>,
    pub bytes: Bytes,
}

/// A whole built site, by `/`-separated path relative to the site root.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub files: HashMap<String, File>,
}

impl Snapshot {
    /// The file at `path`, if the site has it.
    pub fn get(&self, path: &str) -> Option<&Bytes> {
        self.files.get(path).map(|f| &f.bytes)
    }
}

/// Collects a build in memory.
pub struct MemorySink {
    previous: Arc<Snapshot>,
    files: Mutex<HashMap<String, File>>,
    /// The board root and the output folder, to place board files that land inside the site.
    root: PathBuf,
    output: PathBuf,
    reused: std::sync::atomic::AtomicUsize,
}

impl MemorySink {
    /// A sink that may carry files over from `previous`.
    pub fn new(previous: Arc<Snapshot>, root: PathBuf, output: PathBuf) -> MemorySink {
        let capacity = previous.files.len();
        MemorySink {
            previous,
            files: Mutex::new(HashMap::with_capacity(capacity)),
            root,
            output,
            reused: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// The site collected, and how many files were carried over rather than rendered.
    pub fn finish(self) -> (Snapshot, usize) {
        let files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        (Snapshot { files }, self.reused.into_inner())
    }

    fn insert(&self, path: &str, file: File) {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), file);
    }
}

impl Sink for MemorySink {
    fn site_file(&self, path: &str, contents: Vec<u8>) -> anyhow::Result<()> {
        let file = File {
            key: None,
            bytes: Bytes::from(contents),
        };
        self.insert(path, file);
        Ok(())
    }

    fn board_file(&self, path: &str, contents: Vec<u8>) -> anyhow::Result<()> {
        if let Some(inside) = crate::write::inside_output(&self.root, &self.output, path) {
            self.site_file(&inside, contents)?;
        }
        Ok(())
    }

    fn remembers(&self) -> bool {
        true
    }

    fn reuse(&self, path: &str, key: u64) -> bool {
        let Some(old) = self.previous.files.get(path) else {
            return false;
        };
        if old.key != Some(key) {
            return false;
        }
        self.insert(path, old.clone());
        self.reused
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        true
    }

    fn site_file_keyed(&self, path: &str, key: u64, contents: Vec<u8>) -> anyhow::Result<()> {
        let file = File {
            key: Some(key),
            bytes: Bytes::from(contents),
        };
        self.insert(path, file);
        Ok(())
    }
}
