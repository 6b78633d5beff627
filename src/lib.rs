//! jobsmith: a static site generator for job boards.
//!
//! One dataset of job postings goes in; a website, feeds, a sitemap, and the board's GitHub
//! README and daily archive come out. The build reads top to bottom (`pipeline::build`):
//!
//! config → load (parse only) → validate (every problem at once) → site model (pure) →
//! render targets → write (atomically).
//!
//! The clock is an input: nothing here reads the system time.
//!
//! The API is what the `jobsmith` binary uses: [`build`] and [`check`] with their options
//! ([`check_report`] and [`report`] for `check --report`), the
//! commands that are not builds ([`import`], [`fetch`], [`ping`], [`scaffold`], [`serve`]), and
//! [`outcome`] for what they report. [`internals`] is for jobsmith's own tests, examples and
//! benchmarks only, and changes without notice.

mod annotate;
mod check;
mod config;
mod country;
mod date;
mod eligibility;
pub mod fetch;
mod gazetteer;
mod google;
pub mod import;
mod indexnow;
mod job;
mod jsonld;
mod links;
mod load;
mod locations;
mod mark;
mod markdown;
mod minify;
mod namelike;
pub mod outcome;
pub mod ping;
mod pipeline;
mod places;
mod problem;
mod progress;
mod readme;
mod render;
mod report;
pub mod scaffold;
#[cfg(feature = "serve")]
pub mod serve;
mod site;
mod skills;
mod slug;
mod table;
mod targets;
mod text;
mod validate;
mod view;
mod wording;
mod write;

pub use check::{CheckOptions, check};
pub use date::parse_clock;
pub use pipeline::{BuildOptions, build};

/// The inner parts that jobsmith's own tests, examples and benchmarks exercise directly. Not an
/// API: names and shapes change without notice.
#[doc(hidden)]
pub mod internals {
    pub mod config {
        pub use crate::config::{KEYS, parse};
    }
    pub mod country {
        pub use crate::country::{fold, recognise};
    }
    pub mod gazetteer {
        pub use crate::gazetteer::title_case;
    }
    pub mod jsonld {
        pub use crate::jsonld::script_safe;
    }
    pub mod places {
        pub use crate::places::{Key, Spot, spots};
    }
    pub mod load {
        pub use crate::load::read_bulk;
    }
    pub mod markdown {
        pub use crate::markdown::to_html;
    }
    pub mod pipeline {
        pub use crate::pipeline::read_board;
    }
    pub mod site {
        pub use crate::site::{Selection, Site, base_path};
    }
    pub mod slug {
        pub use crate::slug::{Slugger, slugify};
    }
    pub mod table {
        pub use crate::table::{escape_cell, link_cell, parse_link_cell, split_row, unescape_cell};
    }
    pub mod search {
        pub use crate::targets::search::Index;
        pub use crate::write::Fragment;
    }
    pub mod text {
        pub use crate::text::{is_blank, one_line};
    }
}
