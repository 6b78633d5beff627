//! Rebuilds for `serve`: the same pipeline as `build`, into memory, reusing what did not change.
//!
//! Keeps the records of every content file read so far (a file is read again only when the
//! watcher reports it changed) and the last good site, whose pages are carried over when their
//! inputs are the same.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::ServeOptions;
use super::cache::FileCache;
use super::memory::{MemorySink, Snapshot};
use crate::BuildOptions;
use crate::problem::InvalidInput;

/// Builds the site again and again, as the board changes.
pub struct Rebuilder {
    options: BuildOptions,
    timings: bool,
    cache: FileCache,
    previous: Arc<Snapshot>,
}

/// What changed on disk since the last build.
#[derive(Debug, Default)]
pub struct Changes {
    pub paths: Vec<PathBuf>,
    /// The watcher lost track (too many events): read everything again.
    pub rescan: bool,
}

impl Rebuilder {
    /// A rebuilder for the board of `options`, whose site is served at `url`.
    pub fn new(options: &ServeOptions, url: &str) -> Rebuilder {
        let build = BuildOptions {
            base_url: Some(url.to_string()),
            drafts: options.drafts,
            ..BuildOptions::new(&options.root, options.now)
        };
        Rebuilder {
            options: build,
            timings: options.timings,
            cache: FileCache::default(),
            previous: Arc::new(Snapshot::default()),
        }
    }

    /// The board's folder.
    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// The first build: its failure stops `serve`.
    pub fn first_build(&mut self) -> anyhow::Result<Arc<Snapshot>> {
        let started = Instant::now();
        let (site, summary, _) = self.build()?;
        eprintln!(
            "Built {} files, {} jobs ({} current) in {} ms",
            site.files.len(),
            summary.jobs,
            summary.current,
            started.elapsed().as_millis()
        );
        Ok(site)
    }

    /// Builds after `changes`; on failure prints the error and returns its text.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Arc<Snapshot>, String> {
        let started = Instant::now();
        if changes.rescan {
            self.cache.clear();
        }
        for path in &changes.paths {
            if path.ends_with("jobsmith.toml") {
                // The checks depend on the configuration (its extra skills).
                self.cache.clear();
            }
            self.cache.forget(path);
        }
        match self.build() {
            Ok((site, summary, kept)) => {
                eprintln!(
                    "Rebuilt in {} ms: {} files ({} rendered, the others unchanged), {} jobs",
                    started.elapsed().as_millis(),
                    site.files.len(),
                    site.files.len() - kept,
                    summary.jobs
                );
                Ok(site)
            }
            Err(err) => {
                let message = describe(&err);
                eprintln!("{message}\nStill serving the last good site; fix the error to go on.");
                Err(message)
            }
        }
    }

    /// Reads and renders the board into a new snapshot, carrying over unchanged pages; also
    /// says how many files were carried over.
    fn build(&mut self) -> anyhow::Result<(Arc<Snapshot>, crate::outcome::Summary, usize)> {
        let options = &self.options;
        let cache = &mut self.cache;
        let mut stages = Vec::new();
        let board = crate::outcome::timed(&mut stages, "read and validate", || {
            crate::pipeline::read_board_with(
                &options.root,
                options.base_url.as_deref(),
                false,
                |root, matcher| cache.read(root, matcher),
            )
        })?;
        let sink = MemorySink::new(
            Arc::clone(&self.previous),
            options.root.clone(),
            options.output_dir(),
        );
        let (_, mut summary, model) = crate::pipeline::render_board(options, board, &sink)?;
        // Not on the way to the browser.
        crate::pipeline::drop_later(model);
        for problem in &summary.problems {
            eprintln!("{problem}");
        }
        stages.append(&mut summary.stages);
        let (site, kept) = crate::outcome::timed(&mut stages, "snapshot", || sink.finish());
        if self.timings {
            eprint!("{}", crate::outcome::timings(&stages));
        }
        summary.stages = stages;
        let site = Arc::new(site);
        self.previous = Arc::clone(&site);
        Ok((site, summary, kept))
    }
}

/// The error as the terminal shows it: every dataset problem with its file, line and column.
pub fn describe(err: &anyhow::Error) -> String {
    if let Some(invalid) = err.downcast_ref::<InvalidInput>() {
        let mut lines: Vec<String> = invalid.problems.iter().map(ToString::to_string).collect();
        lines.push(format!("error: {invalid}"));
        return lines.join("\n");
    }
    format!("error: {err:#}")
}

#[cfg(test)]
mod tests;
