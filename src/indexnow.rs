//! IndexNow, the build's side: with `[indexnow] key`, the key file `/{key}.txt` at the site root
//! and the list of page URLs that changed, appeared or disappeared since the previous build.
//!
//! Every HTML page the build writes passes through `Recorder`, which keeps a stable hash of its
//! bytes (of a job page, of its JSON-LD posting). The output carries `indexnow/manifest.json` (page URL to hash); the next build reads the
//! previous output's manifest back and compares, and writes the URLs that differ to
//! `indexnow/changed.txt`, which `jobsmith ping` sends. Without a previous manifest every page
//! counts as new. Nothing here touches the network.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use crate::write::Sink;

/// The manifest of page hashes, relative to the site root.
pub const MANIFEST: &str = "indexnow/manifest.json";
/// The URLs to send, one a line, relative to the site root.
pub const CHANGED: &str = "indexnow/changed.txt";

/// Whether `key` is what the protocol allows: 8 to 128 of `a-z`, `A-Z`, `0-9` and `-`.
pub fn is_valid_key(key: &str) -> bool {
    (8..=128).contains(&key.len()) && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// A sink that passes everything on to `inner` and keeps the hash of every HTML page.
pub struct Recorder<'a> {
    inner: &'a dyn Sink,
    pages: Mutex<BTreeMap<String, u64>>,
}

impl<'a> Recorder<'a> {
    pub fn new(inner: &'a dyn Sink) -> Recorder<'a> {
        Recorder {
            inner,
            pages: Mutex::new(BTreeMap::new()),
        }
    }

    fn record(&self, path: &str, contents: &[u8]) {
        if path.ends_with(".html") && path != "404.html" {
            let hash = crate::slug::stable_hash(posting(contents).unwrap_or(contents));
            let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
            pages.insert(path.to_string(), hash);
        }
    }

    /// Writes the key file, the manifest and the changed URLs into the sink, comparing with the
    /// manifest in `previous_output` (the output folder as the previous build left it).
    pub fn finish(
        self,
        key: &str,
        base_url: &str,
        previous_output: &Path,
    ) -> anyhow::Result<usize> {
        let pages = self.pages.into_inner().unwrap_or_else(|e| e.into_inner());
        let current: BTreeMap<String, String> = pages
            .into_iter()
            .map(|(path, hash)| (page_url(base_url, &path), format!("{hash:016x}")))
            .collect();
        let previous = read_manifest(&previous_output.join(MANIFEST));
        let changed = changed_urls(&previous, &current);
        let mut list = String::new();
        for url in &changed {
            list.push_str(url);
            list.push('\n');
        }
        let manifest = serde_json::json!({ "base_url": base_url, "pages": current });
        let manifest = serde_json::to_string_pretty(&manifest)?;
        self.inner
            .site_file(&format!("{key}.txt"), key.as_bytes().to_vec())?;
        self.inner
            .site_file(MANIFEST, (manifest + "\n").into_bytes())?;
        self.inner.site_file(CHANGED, list.into_bytes())?;
        Ok(changed.len())
    }
}

impl Sink for Recorder<'_> {
    fn site_file(&self, path: &str, contents: Vec<u8>) -> anyhow::Result<()> {
        self.record(path, &contents);
        self.inner.site_file(path, contents)
    }

    fn board_file(&self, path: &str, contents: Vec<u8>) -> anyhow::Result<()> {
        self.inner.board_file(path, contents)
    }
}

/// The JSON-LD of a page that has one (a job's page). A job page counts as changed when its
/// posting does: the board-wide figures every page shows (the number of open positions) change
/// with any job, and would otherwise send every job page again.
fn posting(page: &[u8]) -> Option<&[u8]> {
    let script = memchr::memmem::find(page, b"application/ld+json")?;
    let start = script + memchr::memchr(b'>', &page[script..])? + 1;
    let end = start + memchr::memmem::find(&page[start..], b"</script>")?;
    Some(&page[start..end])
}

/// The URL of the page at `path`: `jobs/a/index.html` is `BASE/jobs/a/`.
fn page_url(base_url: &str, path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) => format!("{base_url}{dir}"),
        None => format!("{base_url}{path}"),
    }
}

/// What `indexnow/manifest.json` holds.
#[derive(serde::Deserialize)]
pub struct Manifest {
    /// The base URL the build ran with (`--base-url` may replace the configuration's).
    pub base_url: Option<String>,
    pub pages: BTreeMap<String, String>,
}

/// The manifest at `path`, when there is a readable one.
pub fn manifest(path: &Path) -> Option<Manifest> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The previous build's pages by URL; none when there is no readable manifest.
fn read_manifest(path: &Path) -> BTreeMap<String, String> {
    manifest(path).map(|m| m.pages).unwrap_or_default()
}

/// URLs whose hash differs, that are new, or that are gone, in URL order.
fn changed_urls(
    previous: &BTreeMap<String, String>,
    current: &BTreeMap<String, String>,
) -> Vec<String> {
    let changed = current
        .iter()
        .filter(|(url, hash)| previous.get(*url) != Some(*hash))
        .map(|(url, _)| url.clone());
    let gone = previous
        .keys()
        .filter(|url| !current.contains_key(*url))
        .cloned();
    let mut all: Vec<String> = changed.chain(gone).collect();
    all.sort();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_checked_as_the_protocol_says() {
        assert!(is_valid_key("73134416ae45434d98edc086e0bf6740"));
        assert!(is_valid_key("abcd-EFG-123"));
        assert!(!is_valid_key("short"));
        assert!(!is_valid_key("../../etc/passwd"));
        assert!(!is_valid_key(&"a".repeat(129)));
    }

    #[test]
    fn a_job_page_is_known_by_its_posting() {
        let page = b"<p>4 open</p><script type=application/ld+json>{\"a\":1}</script><p>x</p>";
        assert_eq!(posting(page), Some(&b"{\"a\":1}"[..]));
        assert_eq!(posting(b"<p>a listing</p>"), None);
    }

    #[test]
    fn changed_means_different_new_or_gone() {
        let map = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        let before = map(&[("u/a", "1"), ("u/b", "2"), ("u/c", "3")]);
        let after = map(&[("u/a", "1"), ("u/b", "9"), ("u/d", "4")]);
        assert_eq!(changed_urls(&before, &after), ["u/b", "u/c", "u/d"]);
        assert_eq!(
            page_url("https://e.org/b/", "jobs/x/index.html"),
            "https://e.org/b/jobs/x/"
        );
        assert_eq!(page_url("https://e.org/", "index.html"), "https://e.org/");
    }
}
