//! The one door from the targets to the outside: a target hands each file it makes to a `Sink`.
//! `Staging` (a build) writes them to disk, serve's `MemorySink` keeps them in memory, and tests
//! collect them. A sink that remembers also keeps pieces of text that several files are made of
//! (a job's listing row, a part of the Indeed feed), by the fingerprint of their inputs.

use std::sync::Arc;

/// A piece of text several files are made of (a listing row, a part of the Indeed feed), shared
/// by reference count between the files that show it and a sink that keeps it for the next
/// build, so that carrying it over copies nothing.
pub type Fragment = Arc<String>;

/// A piece of a file handed over in parts (`Sink::site_file_parts`), or why it could not be made.
pub type Part = anyhow::Result<Fragment>;

/// Where targets put what they make. Implemented by the write stage, by `serve` and by tests.
pub trait Sink: Sync {
    /// A file of the site, at a `/`-separated path relative to the site root.
    fn site_file(&self, path: &str, contents: Vec<u8>) -> anyhow::Result<()>;
    /// A file of the board outside the site (README, archive), relative to the board root.
    fn board_file(&self, path: &str, contents: Vec<u8>) -> anyhow::Result<()>;

    /// A site file too large to hold whole (the Indeed feed of a large board), handed over part
    /// by part as `parts` makes them. The default puts the parts together into one file.
    fn site_file_parts(
        &self,
        path: &str,
        parts: &mut dyn Iterator<Item = Part>,
    ) -> anyhow::Result<()> {
        let parts = parts.collect::<anyhow::Result<Vec<_>>>()?;
        self.site_file(path, concat(&parts))
    }

    /// Keeps the site file at `path` of the previous build when it was made from inputs with the
    /// fingerprint `key`. A sink that does not remember (the default) says no: the caller renders.
    fn reuse(&self, _path: &str, _key: u64) -> bool {
        false
    }

    /// Whether the sink keeps what it is given for a next build, so that fingerprints of the
    /// inputs are worth making (the default: no).
    fn remembers(&self) -> bool {
        false
    }

    /// A site file with the fingerprint of its inputs, for `reuse` by the next build.
    fn site_file_keyed(&self, path: &str, _key: u64, contents: Vec<u8>) -> anyhow::Result<()> {
        self.site_file(path, contents)
    }

    /// The piece of text made from inputs with the fingerprint `key`: the previous build's when
    /// it made one, else `make`'s, kept for the next build. A sink that does not remember (the
    /// default) makes it every time.
    fn fragment(
        &self,
        _key: u64,
        make: &mut dyn FnMut() -> anyhow::Result<String>,
    ) -> anyhow::Result<Fragment> {
        make().map(Arc::new)
    }
}

/// The bytes of `parts`, one after the other.
pub fn concat(parts: &[Fragment]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        bytes.extend_from_slice(part.as_bytes());
    }
    bytes
}
