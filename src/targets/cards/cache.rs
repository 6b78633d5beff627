//! The card cache: `.jobsmith-cache/cards/` under the board root keeps every card painted, by a
//! key made of what the card shows (its SVG text) and the painter's version, so that a rebuild
//! paints only the cards of new or changed jobs.
//!
//! The folder is jobsmith's, but a user may have put files there: only files named as the cache
//! names its own (`card-` and 32 hexadecimal digits, `.png`) are read or removed, and every write
//! goes through a temporary file and a rename in the board (`write::BoardDir`), which no symbolic
//! link can lead elsewhere. A file that is not a whole PNG (a write cut short by a crash) is
//! painted again.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ring::digest;

/// The cache folder of cards, relative to the board root.
pub const DIR: &str = ".jobsmith-cache/cards";

/// What every PNG starts and ends with.
const PNG_START: &[u8] = b"\x89PNG\r\n\x1a\n";
const PNG_END: &[u8] = b"\0\0\0\0IEND\xae\x42\x60\x82";

/// The cache of one board.
pub struct Cache {
    root: PathBuf,
    board: crate::write::BoardDir,
}

/// The key of the card painted from `svg`: hexadecimal, 32 digits.
pub fn key(svg: &str) -> String {
    let mut context = digest::Context::new(&digest::SHA256);
    context.update(super::paint::VERSION.as_bytes());
    context.update(b"\n");
    context.update(svg.as_bytes());
    let hash = context.finish();
    hash.as_ref()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The file name of the card of `key`.
fn file_name(key: &str) -> String {
    format!("card-{key}.png")
}

/// The key of a card file's name, when it is a name the cache gives its cards.
fn own_key(name: &str) -> Option<&str> {
    name.strip_prefix("card-")
        .and_then(|rest| rest.strip_suffix(".png"))
        .filter(|key| key.len() == 32 && key.bytes().all(|b| b.is_ascii_hexdigit()))
}

impl Cache {
    /// The cache of the board at `root`.
    pub fn open(root: &Path) -> anyhow::Result<Cache> {
        Ok(Cache {
            root: root.to_path_buf(),
            board: crate::write::BoardDir::open(root)?,
        })
    }

    /// The card of `key`, when the cache holds a whole PNG for it. Nothing is read through a
    /// symbolic link.
    pub fn get(&self, key: &str) -> Option<Vec<u8>> {
        if !self.folders_are_plain() {
            return None;
        }
        let rel = Path::new(DIR).join(file_name(key));
        if !self.board.is_file(&rel) {
            return None;
        }
        let bytes = crate::load::read_regular(&self.root.join(rel)).ok()?;
        (bytes.starts_with(PNG_START) && bytes.ends_with(PNG_END)).then_some(bytes)
    }

    /// Keeps the card `png` of `key`, atomically. Without waiting for the disk (a wait per card
    /// would double a cold build): `get` takes only whole PNGs.
    pub fn put(&self, key: &str, png: &[u8]) -> anyhow::Result<()> {
        let path = Path::new(DIR).join(file_name(key));
        self.board.write_unsynced(&path, png)
    }

    /// Removes the cards of the cache that are not in `keep` (those of jobs gone or changed);
    /// files of other names are left alone. Returns how many were removed.
    pub fn prune(&self, keep: &BTreeSet<String>) -> anyhow::Result<usize> {
        let mut removed = 0;
        for name in self.board.names_in(Path::new(DIR)) {
            let Some(key) = own_key(&name) else {
                continue;
            };
            if !keep.contains(key) {
                self.board.remove_file(&Path::new(DIR).join(&name))?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Whether `.jobsmith-cache` and its `cards` folder are folders, not links to one.
    fn folders_are_plain(&self) -> bool {
        let plain = |path: PathBuf| path.symlink_metadata().is_ok_and(|m| m.is_dir());
        plain(self.root.join(".jobsmith-cache")) && plain(self.root.join(DIR))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_the_text_and_names_are_recognised() {
        let a = key("<svg/>");
        assert_eq!(a.len(), 32);
        assert_eq!(a, key("<svg/>"));
        assert_ne!(a, key("<svg />"));
        assert_eq!(own_key(&file_name(&a)), Some(a.as_str()));
        for name in [
            "card-x.png",
            "notes.txt",
            &format!("card-{a}.png.bak"),
            "card-.png",
        ] {
            assert!(own_key(name).is_none(), "{name}");
        }
    }

    /// A PNG cut short is not taken from the cache; prune leaves other files alone.
    #[test]
    fn only_whole_cards_are_read_and_only_cards_are_pruned() {
        let board = tempfile::tempdir().expect("temp dir");
        let cache = Cache::open(board.path()).expect("cache");
        let png = [PNG_START, b"data", PNG_END].concat();
        let (whole, cut) = (key("a"), key("b"));
        cache.put(&whole, &png).expect("put");
        cache.put(&cut, &png[..png.len() - 3]).expect("put");
        assert_eq!(cache.get(&whole).as_deref(), Some(&png[..]));
        assert_eq!(cache.get(&cut), None);
        assert_eq!(cache.get(&key("c")), None);
        let dir = board.path().join(DIR);
        std::fs::write(dir.join("mine.png"), "user").expect("write");
        let removed = cache
            .prune(&BTreeSet::from([whole.clone()]))
            .expect("prune");
        assert_eq!(removed, 1);
        assert!(dir.join(file_name(&whole)).is_file());
        assert!(!dir.join(file_name(&cut)).exists());
        assert_eq!(std::fs::read(dir.join("mine.png")).expect("mine"), b"user");
    }

    /// A card file that is a link is not read: its target is not published as a card.
    #[cfg(unix)]
    #[test]
    fn a_card_that_is_a_link_is_not_read() {
        let board = tempfile::tempdir().expect("temp dir");
        let cache = Cache::open(board.path()).expect("cache");
        let png = [PNG_START, b"someone else's", PNG_END].concat();
        cache.put(&key("x"), &png).expect("put");
        let outside = board.path().join("outside.png");
        std::fs::write(&outside, &png).expect("write");
        let linked = key("y");
        std::os::unix::fs::symlink(&outside, board.path().join(DIR).join(file_name(&linked)))
            .expect("link");
        assert_eq!(cache.get(&linked), None);
        assert!(cache.get(&key("x")).is_some());
    }
}
