//! The site in memory: a `Sink` that collects what the targets make, and the snapshot served.
//!
//! A rebuild starts a new sink that remembers the previous snapshot: a page whose inputs have the
//! same fingerprint as last time is carried over (a reference count, no copy) instead of being
//! rendered again, and so is a piece of text several files are made of (`Sink::fragment`). Board
//! files (README, archive) are kept only when they land inside the site, as `build` would write
//! them into the output folder.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
// Paths and fingerprints looked up by the ten thousand on every rebuild: foldhash, not SipHash.
use foldhash::{HashMap, HashMapExt};

use crate::write::{Fragment, Sink};

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
    /// The pieces of text the files were made of, by fingerprint, for the next rebuild.
    pub fragments: HashMap<u64, Fragment>,
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
    fragments: Mutex<HashMap<u64, Fragment>>,
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
            fragments: Mutex::new(HashMap::new()),
            root,
            output,
            reused: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// The site collected, and how many files were carried over rather than rendered.
    pub fn finish(self) -> (Snapshot, usize) {
        let files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        let fragments = self
            .fragments
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        (Snapshot { files, fragments }, self.reused.into_inner())
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

    fn fragment(
        &self,
        key: u64,
        make: &mut dyn FnMut() -> anyhow::Result<String>,
    ) -> anyhow::Result<Fragment> {
        let text = match self.previous.fragments.get(&key) {
            Some(text) => Arc::clone(text),
            None => Arc::new(make()?),
        };
        self.fragments
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, Arc::clone(&text));
        Ok(text)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A fragment the previous build made from the same inputs is taken as it is; a new one is
    /// made once and kept for the next build; the previous build's others are let go.
    #[test]
    fn fragments_of_the_same_inputs_are_carried_over() {
        let sink = |previous| MemorySink::new(previous, PathBuf::new(), PathBuf::from("public"));
        let first = sink(Arc::new(Snapshot::default()));
        let mut made = 0;
        let make = |text: &str| {
            let text = text.to_string();
            move || -> anyhow::Result<String> { Ok(text.clone()) }
        };
        for (key, text) in [(1, "row one"), (2, "row two")] {
            let maker = make(text);
            let mut counted = || {
                made += 1;
                maker()
            };
            first.fragment(key, &mut counted).expect("fragment");
        }
        assert_eq!(made, 2);
        let (snapshot, _) = first.finish();
        let second = sink(Arc::new(snapshot));
        let mut never = || -> anyhow::Result<String> { panic!("made again") };
        let kept = second.fragment(1, &mut never).expect("kept");
        assert_eq!(*kept, "row one");
        let previous = &second.previous.fragments[&1];
        assert!(Arc::ptr_eq(&kept, previous), "carried over, not copied");
        let mut new = make("row three");
        assert_eq!(*second.fragment(3, &mut new).expect("made"), "row three");
        let (snapshot, _) = second.finish();
        let mut keys: Vec<u64> = snapshot.fragments.keys().copied().collect();
        keys.sort();
        assert_eq!(keys, [1, 3]);
    }
}
