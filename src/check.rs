//! `jobsmith check`: the board read and validated as a build reads it, and the site model made,
//! with the optional checks of Google for Jobs' properties and of apply links; nothing written.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::outcome::Summary;
use crate::pipeline::read_board;
use crate::render::{Renderer, Theme};
use crate::site::{Selection, Site};
use crate::{google, links};

/// What `jobsmith check` looks at beyond the dataset itself.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// A warning for each property Google for Jobs requires or recommends that a current job's
    /// posting lacks (`--google`).
    pub google: bool,
    /// A warning for each current job whose apply URL is dead or does not answer (`--links`,
    /// which asks the network).
    pub links: bool,
    /// How long to wait for each apply URL.
    pub link_timeout: Duration,
    /// Write `valid_through` into the files of jobs whose apply URL is dead (`--close-dead`).
    pub close_dead: bool,
}

impl Default for CheckOptions {
    fn default() -> CheckOptions {
        CheckOptions {
            google: false,
            links: false,
            link_timeout: Duration::from_secs(10),
            close_dead: false,
        }
    }
}

/// `jobsmith check`: reads and validates everything, writes nothing (but the `valid_through` of
/// dead links with `close_dead`).
pub fn check(root: &Path, now: DateTime<Utc>, options: &CheckOptions) -> anyhow::Result<Summary> {
    let board = read_board(root, None, false)?;
    Renderer::new(&Theme::load(root)?, false, false)?;
    let site = Site::new(
        &board.config,
        board.valid.jobs,
        board.valid.companies,
        Selection { now, drafts: true },
    );
    let mut problems = board.problems;
    problems.extend(crate::report::all_expired(&board.config, &site));
    if options.google {
        problems.extend(google::missing(&board.config, &site));
    }
    if options.links {
        let links = links::LinkOptions {
            timeout: options.link_timeout,
            close_dead: options.close_dead,
        };
        problems.extend(links::check(root, &site, now, &links)?);
    }
    Ok(Summary {
        files: 0,
        jobs: site.entries.len(),
        current: site.current.len(),
        companies: site.companies.len(),
        problems,
        stages: Vec::new(),
    })
}

/// `jobsmith check --report`: what the data is like (`report::Report`). The board is read as
/// `build --skip-invalid` reads it, so that a few broken records do not hide the rest: the report
/// is of the jobs that would be built, drafts included.
pub fn check_report(root: &Path, now: DateTime<Utc>) -> anyhow::Result<crate::report::Report> {
    let board = read_board(root, None, true)?;
    let site = Site::new(
        &board.config,
        board.valid.jobs,
        board.valid.companies,
        Selection { now, drafts: true },
    );
    Ok(crate::report::report(
        &board.config,
        &site,
        &board.valid.duplicates,
    ))
}
