//! Targets: everything a build writes, one module each, all with the same entry shape.
//!
//! A target reads the shared `Ctx` and hands its files to the `Sink`. Adding an output is one
//! new module and one line in `TARGETS`.
//!
//! The many pages (job pages, listing pages, group feeds) go through `Ctx::emit` with a
//! fingerprint of what they are made from: a sink that remembers the previous build (`jobsmith
//! serve`) keeps a page whose inputs did not change instead of rendering it again.

mod aggregator;
mod archive;
mod assets;
pub mod combos;
mod feeds;
mod groups;
mod html;
pub mod readme;
pub mod search;
pub mod sitemap;

use std::borrow::Cow;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::config::Config;
use crate::render::{Renderer, Theme};
use crate::site::Site;
use crate::view::{JobCard, SiteView};
use crate::write::Sink;

pub use assets::{script_name, stylesheet_name};

/// What every target may read.
pub struct Ctx<'a> {
    pub config: &'a Config,
    pub site: &'a Site,
    pub renderer: &'a Renderer,
    pub theme: &'a Theme,
    /// One card per entry of `site.entries`, same order, made on first use (`card`): a rebuild
    /// that carries most pages over needs few of them.
    pub cards: Vec<OnceLock<JobCard>>,
    /// Each entry's `job_row.html`, made on first use (`row`) and shared by every listing that
    /// shows the job.
    pub rows: Vec<OnceLock<String>>,
    /// The board-wide values (`SiteView`) as a template value, made once: pages and rows share
    /// it instead of each serialising the view again.
    pub site_value: tera::Value,
    /// The README on disk before this build, for splicing between markers.
    pub existing_readme: Option<&'a str>,
    /// Plain-text summaries for feeds, made once per job on first use.
    pub summaries: Vec<OnceLock<String>>,
    /// Each job's RSS `<item>` XML, made once on first use and shared by every feed showing it.
    pub feed_items: Vec<OnceLock<String>>,
    /// Fingerprint of what every page depends on: configuration, theme, board-wide values.
    pub epoch: u64,
    /// Whether the sink keeps files between builds (`Sink::remembers`): only then are
    /// fingerprints worth making.
    pub remember: bool,
    /// Fingerprint of each entry of `site.entries` (the job and what the model made of it);
    /// empty unless `remember`.
    pub entry_keys: Vec<u64>,
    /// The search index, made on first use (the index page names its folder).
    pub search: OnceLock<search::Index>,
    /// The combined feeds (`[feeds] combinations`), made on first use: group pages link to them.
    pub combos: OnceLock<Vec<combos::Combo>>,
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
            existing_readme,
        } = *inputs;
        let site_view = SiteView::new(
            config,
            site,
            &stylesheet_name(&theme.stylesheet),
            &script_name(&theme.script),
        );
        let cells = || site.entries.iter().map(|_| OnceLock::new()).collect();
        let strings = || site.entries.iter().map(|_| OnceLock::new()).collect();
        Ctx {
            config,
            site,
            renderer,
            theme,
            cards: cells(),
            rows: strings(),
            site_value: tera::Value::from_serializable(&site_view),
            existing_readme,
            summaries: strings(),
            feed_items: strings(),
            epoch: epoch(config, theme, &site_view),
            remember,
            entry_keys: if remember {
                site.entries.par_iter().map(entry_key).collect()
            } else {
                Vec::new()
            },
            search: OnceLock::new(),
            combos: OnceLock::new(),
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

    /// The listing row of entry `index`, made once while the rows are kept (`release_after`).
    pub fn row(&self, index: usize) -> anyhow::Result<Cow<'_, str>> {
        cached(&self.rows, index, || html::render_row(self, index))
    }

    /// The feed summary of entry `index`, made once while the summaries are kept.
    pub fn summary(&self, index: usize) -> Cow<'_, str> {
        let make = || feeds::summary(self.card(index), &self.site.entries[index].job.description);
        match self.summaries.get(index) {
            Some(cell) => Cow::Borrowed(cell.get_or_init(make)),
            None => Cow::Owned(make()),
        }
    }

    /// Keeps `make`'s summary of entry `index` for the feeds, unless it is made already or the
    /// summaries were released.
    pub fn keep_summary(&self, index: usize, make: impl FnOnce() -> String) {
        if let Some(cell) = self.summaries.get(index) {
            cell.get_or_init(make);
        }
    }

    /// Frees what no target after `target` reads: listing rows once the listings are out, feed
    /// items and summaries once the feeds are (a large board's peak memory is that much lower).
    pub fn release_after(&mut self, target: &str) {
        match target {
            "groups" => {
                self.rows = Vec::new();
            }
            "feeds" => {
                self.feed_items = Vec::new();
                self.summaries = Vec::new();
            }
            _ => {}
        }
    }

    /// The combined feeds of this build.
    pub fn combos(&self) -> &[combos::Combo] {
        self.combos.get_or_init(|| {
            let combinations = &self.config.feeds.combinations;
            combos::combine(
                self.site,
                combinations,
                &self.config.title,
                combos::MAX_FEEDS,
            )
            .0
        })
    }

    /// The search index of this build.
    pub fn search_index(&self) -> &search::Index {
        // Results show the rows listings show. A row that fails to render is left empty here:
        // the listings showing it report the error.
        // The row template is minified with the others when it is loaded.
        let row = |index: usize| self.row(index).map(|r| r.into_owned()).unwrap_or_default();
        self.search
            .get_or_init(|| search::Index::new(self.site, &row))
    }

    /// Writes the site file that `make` renders from inputs fingerprinted by `inputs`, unless
    /// the sink still holds the one made from the same inputs (and the same `epoch`). A sink
    /// that does not remember (`jobsmith build`) skips the fingerprints altogether.
    ///
    /// `inputs` must cover everything the file shows beyond the epoch: a page listing jobs
    /// hashes their `entry_keys`.
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
        let key = fingerprint(&(self.epoch, inputs()));
        if sink.reuse(path, key) {
            return Ok(());
        }
        sink.site_file_keyed(path, key, make()?)
    }

    /// The fingerprints of the entries at `indexes`.
    pub fn keys_of(&self, indexes: &[usize]) -> Vec<u64> {
        indexes.iter().map(|&i| self.entry_keys[i]).collect()
    }
}

/// A 64-bit fingerprint of `value`, the same for equal values within one run.
pub fn fingerprint(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A fingerprint of a value through its serde form, for types that are not `Hash`.
pub fn fingerprint_serialized(value: &impl serde::Serialize) -> u64 {
    let mut writer = HashWriter(DefaultHasher::new());
    // Writing into a hasher cannot fail; a value that cannot serialise hashes what it wrote.
    let _ = serde_json::to_writer(&mut writer, value);
    writer.0.finish()
}

/// An `io::Write` that feeds a hasher.
struct HashWriter(DefaultHasher);

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
    ("html", html::render),
    ("groups", groups::render),
    ("feeds", feeds::render),
    ("combined feeds", combos::render),
    ("aggregator", aggregator::render),
    ("sitemap", sitemap::render),
    ("search", search::render),
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

/// Fingerprint of an entry: the job and everything the site model worked out about it.
fn entry_key(entry: &crate::site::Entry) -> u64 {
    fingerprint(&(
        &entry.job,
        &entry.slug,
        entry.expired,
        &entry.company,
        &entry.location,
        &entry.country,
        &entry.skills,
    ))
}

/// The value of `cells[index]`, made by `make` on first use; made each time once the cells
/// are released.
fn cached<'a>(
    cells: &'a [OnceLock<String>],
    index: usize,
    make: impl FnOnce() -> anyhow::Result<String>,
) -> anyhow::Result<Cow<'a, str>> {
    let Some(cell) = cells.get(index) else {
        return Ok(Cow::Owned(make()?));
    };
    if let Some(value) = cell.get() {
        return Ok(Cow::Borrowed(value));
    }
    let value = make()?;
    Ok(Cow::Borrowed(cell.get_or_init(|| value)))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A context for rendering `site` with `config`, as a build makes it.
    pub(crate) fn ctx<'a>(
        config: &'a Config,
        site: &'a Site,
        renderer: &'a Renderer,
        theme: &'a Theme,
    ) -> Ctx<'a> {
        let inputs = crate::pipeline::Inputs {
            config,
            site,
            renderer,
            theme,
            existing_readme: None,
        };
        Ctx::new(&inputs, false)
    }

    /// Once a cache is released, its values are made again on demand: the same text, whatever
    /// order the targets run in.
    #[test]
    fn released_caches_still_give_the_same_rows_and_summaries() {
        let (site, _) = search::tests::site(search::tests::JOBS);
        let text = "title = \"T\"\nbase_url = \"https://e.org/board/\"\nexpire_after_days = 0\n";
        let config = crate::config::parse(text).0.expect("config");
        let board = tempfile::tempdir().expect("temp dir");
        let theme = Theme::load(board.path()).expect("default theme");
        let renderer = Renderer::new(&theme, true, true).expect("templates");
        let mut ctx = ctx(&config, &site, &renderer, &theme);
        let kept: Vec<(String, String)> = (0..site.entries.len())
            .map(|i| {
                let row = ctx.row(i).expect("row").into_owned();
                (row, ctx.summary(i).into_owned())
            })
            .collect();
        assert!(kept[0].0.contains("<li"), "{}", kept[0].0);
        ctx.release_after("groups");
        ctx.release_after("feeds");
        assert!(ctx.rows.is_empty() && ctx.summaries.is_empty());
        for (i, (row, summary)) in kept.iter().enumerate() {
            assert!(matches!(ctx.row(i), Ok(Cow::Owned(_))));
            assert_eq!(&*ctx.row(i).expect("row"), row);
            assert_eq!(&*ctx.summary(i), summary);
        }
    }
}
