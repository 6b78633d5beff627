//! Targets: everything a build writes, one module each, all with the same entry shape.
//!
//! A target reads the shared `Ctx` and hands its files to the `Sink`. Adding an output is one
//! new module and one line in `TARGETS`.
//!
//! The many pages (job pages, listing pages, group feeds) go through `Ctx::emit` with a
//! fingerprint of what they are made from: a sink that remembers the previous build (`jobsmith
//! serve`) keeps a page whose inputs did not change instead of rendering it again. A job page's
//! fingerprint is its entry's (`Entry` derives `Hash`: every field counts) with its company's
//! profile; a page made from a template hashes the variables the template receives
//! (`html::Vars`).

mod aggregator;
mod archive;
mod assets;
pub mod cards;
pub mod combos;
mod feeds;
mod groups;
mod html;
pub mod readme;
mod redirects;
pub mod search;
pub mod sitemap;

use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::config::Config;
use crate::render::{Renderer, Theme};
use crate::site::Site;
use crate::view::{JobCard, SiteView};
use crate::write::{Fragment, Part, Sink};

pub use assets::{script_name, stylesheet_name};

/// What every target reads: the build's inputs, and the values made from them once that every
/// target shares. A cache that only some targets share lives in the target that runs them
/// (`html::Pages` for the rows of listings and the search index, `feeds::Items` for feed items).
pub struct Ctx<'a> {
    pub config: &'a Config,
    pub site: &'a Site,
    pub renderer: &'a Renderer,
    pub theme: &'a Theme,
    /// The board's folder (where the card cache is).
    pub root: &'a std::path::Path,
    /// The README on disk before this build, for splicing between markers.
    pub existing_readme: Option<&'a str>,
    /// The board-wide values (`SiteView`) as a template value, made once: pages and rows share
    /// it instead of each serialising the view again.
    pub site_value: tera::Value,
    /// One card per entry of `site.entries`, same order, made on first use (`card`): a rebuild
    /// that carries most pages over needs few of them (but for social cards, whose views are
    /// all made to fingerprint them).
    cards: Vec<OnceLock<JobCard>>,
    /// The combined feeds (`[feeds] combinations`): group pages link to them.
    pub combos: Vec<combos::Combo>,
    /// Fingerprint of what every page depends on: configuration, theme, board-wide values.
    pub epoch: u64,
    /// Whether the sink keeps files between builds (`Sink::remembers`): only then are
    /// fingerprints worth making.
    pub remember: bool,
    /// Fingerprint of each entry of `site.entries` (`entry_key`); empty unless `remember`.
    entry_keys: Vec<u64>,
}

impl<'a> Ctx<'a> {
    /// The context of a build of `inputs`, into a sink that keeps pages between builds when
    /// `remember` (then every page's inputs are fingerprinted).
    pub fn new(inputs: &crate::pipeline::Inputs<'a>, remember: bool) -> Ctx<'a> {
        let crate::pipeline::Inputs {
            config,
            site,
            renderer,
            theme,
            root,
            existing_readme,
        } = *inputs;
        let site_view = SiteView::new(
            config,
            site,
            &stylesheet_name(&theme.stylesheet),
            &script_name(&theme.script),
        );
        let combinations = &config.feeds.combinations;
        Ctx {
            config,
            site,
            renderer,
            theme,
            root,
            existing_readme,
            site_value: tera::Value::from_serializable(&site_view),
            cards: site.entries.iter().map(|_| OnceLock::new()).collect(),
            combos: combos::combine(site, combinations, &config.title, combos::MAX_FEEDS).0,
            epoch: epoch(config, theme, &site_view),
            remember,
            entry_keys: if remember {
                site.entries
                    .par_iter()
                    .map(|e| entry_key(site, e))
                    .collect()
            } else {
                Vec::new()
            },
        }
    }
}

impl Ctx<'_> {
    /// The card of entry `index`.
    pub fn card(&self, index: usize) -> &JobCard {
        self.cards[index].get_or_init(|| {
            JobCard::new(self.site, &self.site.entries[index], self.config.new_days)
        })
    }

    /// Writes the site file that `make` renders from inputs fingerprinted by `inputs`, unless
    /// the sink still holds the one made from the same inputs (and the same `epoch`). A sink
    /// that does not remember (`jobsmith build`) skips the fingerprints altogether.
    ///
    /// `inputs` must cover everything the file shows beyond the epoch: pages made from a
    /// template go through `html::Pages::write`, which fingerprints the template's variables.
    pub fn emit<H: Hash>(
        &self,
        sink: &dyn Sink,
        path: &str,
        inputs: impl FnOnce() -> H,
        make: impl FnOnce() -> anyhow::Result<Vec<u8>>,
    ) -> anyhow::Result<()> {
        if !self.remember {
            return sink.site_file(path, make()?);
        }
        let key = self.key(inputs());
        if sink.reuse(path, key) {
            return Ok(());
        }
        sink.site_file_keyed(path, key, make()?)
    }

    /// `emit` for a file made in parts (`Sink::site_file_parts`): a sink that does not remember
    /// is handed each part as it is made, so that the whole file is never held.
    pub fn emit_parts<H: Hash>(
        &self,
        sink: &dyn Sink,
        path: &str,
        inputs: impl FnOnce() -> H,
        mut parts: impl Iterator<Item = Part>,
    ) -> anyhow::Result<()> {
        if !self.remember {
            return sink.site_file_parts(path, &mut parts);
        }
        self.emit(sink, path, inputs, || {
            Ok(crate::write::concat(
                &parts.collect::<anyhow::Result<Vec<_>>>()?,
            ))
        })
    }

    /// The piece of text that `make` renders from inputs fingerprinted by `inputs` (beyond the
    /// epoch), carried over from the previous build by a sink that remembers (`Sink::fragment`).
    /// Like `emit`'s, `inputs` must cover everything the text shows.
    pub fn fragment<H: Hash>(
        &self,
        sink: &dyn Sink,
        inputs: impl FnOnce() -> H,
        mut make: impl FnMut() -> anyhow::Result<String>,
    ) -> anyhow::Result<Fragment> {
        if !self.remember {
            return make().map(Fragment::new);
        }
        sink.fragment(self.key(inputs()), &mut make)
    }

    /// The fingerprint of what a file or fragment is made from: `inputs` and the epoch.
    fn key(&self, inputs: impl Hash) -> u64 {
        fingerprint(&(self.epoch, inputs))
    }

    /// The cards made, for the caller to free when it suits it.
    pub fn into_cards(self) -> Vec<OnceLock<JobCard>> {
        self.cards
    }

    /// The fingerprint of the entry at `index`: the job, all the model made of it, and its
    /// company's profile.
    pub fn key_of(&self, index: usize) -> u64 {
        self.entry_keys[index]
    }

    /// The fingerprints of the entries at `indexes`.
    pub fn keys_of(&self, indexes: &[usize]) -> Vec<u64> {
        indexes.iter().map(|&i| self.entry_keys[i]).collect()
    }
}

/// The fingerprint of what a job's page and row show: the entry, and its company's profile (the
/// logo is on both).
fn entry_key(site: &Site, entry: &crate::site::Entry) -> u64 {
    fingerprint(&(entry, site.profiles.get(&*entry.company)))
}

/// A 64-bit fingerprint of `value`, the same for equal values within one run.
pub fn fingerprint(value: &impl Hash) -> u64 {
    let mut hasher = hasher();
    value.hash(&mut hasher);
    hasher.finish()
}

type FingerprintHasher = foldhash::quality::FoldHasher<'static>;

/// The hasher of fingerprints: foldhash's quality variant, fixed seed. Fingerprints are compared
/// within one run of `serve`, never stored, and every entry's is made on every rebuild (its
/// description included): at 10,000 jobs SipHash's `write` was 8% of a rebuild's CPU samples.
fn hasher() -> FingerprintHasher {
    foldhash::quality::FixedState::default().build_hasher()
}

/// A fingerprint of a value through its serde form, for types that are not `Hash`.
pub fn fingerprint_serialized(value: &impl serde::Serialize) -> u64 {
    let mut writer = HashWriter(hasher());
    // Writing into a hasher cannot fail; a value that cannot serialise hashes what it wrote.
    let _ = serde_json::to_writer(&mut writer, value);
    writer.0.finish()
}

/// An `io::Write` that feeds a hasher.
struct HashWriter(FingerprintHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A target's entry point.
pub type Target = fn(&Ctx, &dyn Sink) -> anyhow::Result<()>;

/// Every target, in the order they run.
pub const TARGETS: &[(&str, Target)] = &[
    ("pages", html::render),
    ("feeds", feeds::render),
    ("aggregator", aggregator::render),
    ("sitemap", sitemap::render),
    ("cards", cards::render),
    ("redirects", redirects::render),
    ("assets", assets::render),
    ("readme", readme::render),
    ("archive", archive::render),
];

/// Fingerprint of what every page may show: the configuration, the theme, board-wide values.
fn epoch(config: &Config, theme: &Theme, site_view: &SiteView) -> u64 {
    fingerprint(&(
        format!("{config:?}"),
        &theme.templates,
        &theme.stylesheet,
        &theme.static_files,
        fingerprint_serialized(site_view),
    ))
}
