//! Targets: everything a build writes, one module each, all with the same entry shape.
//!
//! A target reads the shared `Ctx` and hands its files to the `Sink`. Adding an output is one
//! new module and one line in `TARGETS`.

mod archive;
mod assets;
mod feeds;
mod groups;
mod html;
pub mod readme;
pub mod search;
pub mod sitemap;

use std::sync::OnceLock;

use crate::config::Config;
use crate::render::{Renderer, Theme};
use crate::site::Site;
use crate::view::{JobCard, SiteView};

pub use assets::{FAVICON, script_name, stylesheet_name};

/// What every target may read.
pub struct Ctx<'a> {
    pub config: &'a Config,
    pub site: &'a Site,
    pub renderer: &'a Renderer,
    pub theme: &'a Theme,
    /// One card per entry of `site.entries`, same order.
    pub cards: &'a [JobCard],
    pub site_view: &'a SiteView,
    /// The README on disk before this build, for splicing between markers.
    pub existing_readme: Option<&'a str>,
    /// Plain-text summaries for feeds, made once per job on first use.
    pub summaries: Vec<OnceLock<String>>,
    /// The search index, made on first use (the index page names its folder).
    pub search: OnceLock<search::Index>,
}

impl Ctx<'_> {
    /// The feed summary of entry `index`.
    pub fn summary(&self, index: usize) -> &str {
        self.summaries[index].get_or_init(|| {
            feeds::summary(
                &self.cards[index],
                &self.site.entries[index].job.description,
            )
        })
    }

    /// The search index of this build.
    pub fn search_index(&self) -> &search::Index {
        self.search
            .get_or_init(|| search::Index::new(self.site, self.cards))
    }

    /// A rendered page as it is written: minified when the configuration asks for it.
    pub fn finish_html(&self, html: String) -> Vec<u8> {
        crate::minify::html(html, self.config.minify)
    }
}

/// Where targets put what they make. Implemented by the write stage (and by tests).
pub trait Sink: Sync {
    /// A file of the site, at a `/`-separated path relative to the site root.
    fn site_file(&self, path: &str, contents: Vec<u8>) -> anyhow::Result<()>;
    /// A file of the board outside the site (README, archive), relative to the board root.
    fn board_file(&self, path: &str, contents: Vec<u8>) -> anyhow::Result<()>;
}

/// A target's entry point.
pub type Target = fn(&Ctx, &dyn Sink) -> anyhow::Result<()>;

/// Every target, in the order they run.
pub const TARGETS: &[(&str, Target)] = &[
    ("html", html::render),
    ("groups", groups::render),
    ("feeds", feeds::render),
    ("sitemap", sitemap::render),
    ("search", search::render),
    ("assets", assets::render),
    ("readme", readme::render),
    ("archive", archive::render),
];
