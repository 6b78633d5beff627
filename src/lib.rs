//! jobsmith: a static site generator for job boards.
//!
//! One dataset of job postings goes in; a website, feeds, a sitemap, and the board's GitHub
//! README and daily archive come out. The build reads top to bottom:
//!
//! config → load (parse only) → validate (every problem at once) → site model (pure) →
//! render targets → write (atomically).
//!
//! The clock is an input: nothing here reads the system time.

pub mod annotate;
pub mod cli;
pub mod config;
pub mod country;
pub mod date;
pub mod eligibility;
pub mod fetch;
pub mod gazetteer;
pub mod google;
pub mod import;
pub mod indexnow;
pub mod job;
pub mod jsonld;
pub mod links;
pub mod load;
pub mod mark;
pub mod markdown;
pub mod minify;
pub mod ping;
pub mod problem;
pub mod progress;
pub mod readme;
pub mod render;
pub mod report;
pub mod scaffold;
#[cfg(feature = "serve")]
pub mod serve;
pub mod site;
pub mod skills;
pub mod slug;
pub mod table;
pub mod targets;
pub mod text;
pub mod validate;
pub mod view;
pub mod wording;
pub mod write;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::bail;
use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::problem::{InvalidInput, Problem};
use crate::render::{Renderer, Theme};
use crate::site::{Selection, Site};
use crate::targets::{Ctx, Sink, TARGETS};
use crate::validate::Valid;
use crate::write::{ArchivePolicy, Destination, Staging};

/// What `jobsmith build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The board's folder.
    pub root: PathBuf,
    /// Where the site goes; default `ROOT/public`.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` of the configuration.
    pub base_url: Option<String>,
    /// Include jobs marked `draft`.
    pub drafts: bool,
    /// Leave out invalid jobs (with a warning each) instead of failing.
    pub skip_invalid: bool,
    /// The build clock.
    pub now: DateTime<Utc>,
    /// Replaces `minify` of the configuration.
    pub minify: Option<bool>,
    /// How far the build has got, for a progress display.
    pub progress: Arc<progress::Progress>,
    /// Replace the output folder even when it holds files jobsmith did not write.
    pub force_output: bool,
}

impl BuildOptions {
    /// Options for the board at `root` with the clock at `now`, everything else by default.
    pub fn new(root: impl Into<PathBuf>, now: DateTime<Utc>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            skip_invalid: false,
            now,
            minify: None,
            progress: Arc::default(),
            force_output: false,
        }
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a build or check did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Site files written.
    pub files: usize,
    /// Jobs on the board (current and expired).
    pub jobs: usize,
    /// Current jobs.
    pub current: usize,
    pub companies: usize,
    /// Warnings, and with `--skip-invalid` the errors of the jobs left out.
    pub problems: Vec<Problem>,
    /// Wall time of each stage, in the order they ran (`jobsmith build --timings`).
    pub stages: Vec<Stage>,
}

/// One stage of a build, the wall time it took and the process's peak memory at its end.
#[derive(Debug, Clone, Copy)]
pub struct Stage {
    pub name: &'static str,
    pub time: Duration,
    /// Peak resident memory of the process so far, in KiB, where the system tells it (Linux).
    pub peak_kib: Option<u64>,
}

/// Runs `work` and records its wall time as stage `name`.
pub(crate) fn timed<T>(stages: &mut Vec<Stage>, name: &'static str, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let value = work();
    stages.push(Stage {
        name,
        time: started.elapsed(),
        peak_kib: peak_memory_kib(),
    });
    value
}

/// The process's peak resident memory (`VmHWM`), in KiB, on systems with `/proc`.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The board read and checked: the input of every later stage.
pub struct Board {
    pub config: Config,
    pub valid: Valid,
    pub problems: Vec<Problem>,
}

/// Reads and validates a board; fails with `InvalidInput` when anything is wrong (unless
/// `skip_invalid`, which keeps the good jobs and turns their errors into warnings).
pub fn read_board(
    root: &Path,
    base_url: Option<&str>,
    skip_invalid: bool,
) -> anyhow::Result<Board> {
    read_board_counted(root, base_url, skip_invalid, &progress::Progress::default())
}

/// `read_board`, counting the dataset files read in `progress`.
pub fn read_board_counted(
    root: &Path,
    base_url: Option<&str>,
    skip_invalid: bool,
    progress: &progress::Progress,
) -> anyhow::Result<Board> {
    read_board_with(root, base_url, skip_invalid, |root, matcher| {
        // Each file's records are checked as soon as it is read and then dropped: the raw
        // records of a whole board never sit in memory beside its jobs.
        let (problems, checked) = load::load_counted(root, progress, |records| {
            records
                .iter()
                .map(|record| validate::check(record, matcher))
                .collect::<Vec<_>>()
        });
        (problems, validate::combine(checked.into_iter().flatten()))
    })
}

/// `read_board`, with the dataset loaded and validated by `read`, which returns the loading
/// problems and the validated board (serve reads through a cache of unchanged files).
pub fn read_board_with(
    root: &Path,
    base_url: Option<&str>,
    skip_invalid: bool,
    read: impl FnOnce(&Path, &skills::SkillMatcher) -> (Vec<Problem>, validate::Valid),
) -> anyhow::Result<Board> {
    let (config, mut problems) = config::load(root)?;
    let Some(mut config) = config else {
        return Err(InvalidInput { problems }.into());
    };
    if let Some(url) = base_url {
        match config::normalise_base_url(url) {
            Some(url) => config.base_url = url,
            None => bail!("--base-url must be an absolute http or https URL, not {url:?}"),
        }
    }
    let matcher = skills::SkillMatcher::new(&config.skills.extra);
    let (mut loading, mut valid) = read(root, &matcher);
    problems.append(&mut loading);
    problems.append(&mut valid.problems);
    let duplicates_are_errors = config.dataset.duplicates == config::Severity::Error;
    problems.extend(
        valid
            .duplicates
            .iter()
            .map(|d| d.problem(duplicates_are_errors)),
    );
    if problems.iter().any(Problem::is_error) {
        if !skip_invalid {
            return Err(InvalidInput { problems }.into());
        }
        for problem in &mut problems {
            if problem.is_error() {
                problem.severity = problem::Severity::Warning;
                problem.message.push_str(" (left out)");
            }
        }
    }
    Ok(Board {
        config,
        valid,
        problems,
    })
}

/// `jobsmith check`: reads and validates everything, writes nothing.
pub fn check(root: &Path, now: DateTime<Utc>) -> anyhow::Result<Summary> {
    check_with(root, now, false)
}

/// `jobsmith check`, with `google` (`--google`) adding a warning for each property Google for
/// Jobs requires or recommends that a current job's posting lacks.
pub fn check_with(root: &Path, now: DateTime<Utc>, google: bool) -> anyhow::Result<Summary> {
    check_links(root, now, google, None)
}

/// `check_with`, and with `links` (`--links`) a warning for each current job whose apply URL is
/// dead or does not answer (`links::check`, which asks the network).
pub fn check_links(
    root: &Path,
    now: DateTime<Utc>,
    google: bool,
    links: Option<&links::LinkOptions>,
) -> anyhow::Result<Summary> {
    let board = read_board(root, None, false)?;
    Renderer::new(&Theme::load(root)?, false, false)?;
    let site = Site::new(
        &board.config,
        board.valid.jobs,
        board.valid.companies,
        Selection { now, drafts: true },
    );
    let mut problems = board.problems;
    problems.extend(report::all_expired(&board.config, &site));
    if google {
        problems.extend(google::missing(&board.config, &site));
    }
    if let Some(options) = links {
        problems.extend(links::check(root, &site, now, options)?);
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
pub fn check_report(root: &Path, now: DateTime<Utc>) -> anyhow::Result<report::Report> {
    let board = read_board(root, None, true)?;
    let site = Site::new(
        &board.config,
        board.valid.jobs,
        board.valid.companies,
        Selection { now, drafts: true },
    );
    Ok(report::report(
        &board.config,
        &site,
        &board.valid.duplicates,
    ))
}

/// `jobsmith build`: the whole pipeline.
pub fn build(options: &BuildOptions) -> anyhow::Result<Summary> {
    let mut stages = Vec::new();
    write::recover(&options.root)?;
    let board = timed(&mut stages, "read and validate", || {
        read_board_counted(
            &options.root,
            options.base_url.as_deref(),
            options.skip_invalid,
            &options.progress,
        )
    })?;
    let output = options.output_dir();
    let destination = Destination {
        root: &options.root,
        output: &output,
        force: options.force_output,
        board_dirs: board_dirs(&board.config),
    };
    let staging = Staging::begin(&destination, options.progress.written.clone())?;
    options.progress.begin(progress::WRITING, 0);
    let key = board.config.indexnow.key.clone();
    let recorder = key.as_ref().map(|_| indexnow::Recorder::new(&staging));
    let sink: &dyn Sink = match &recorder {
        Some(recorder) => recorder,
        None => &staging,
    };
    let (config, mut summary, site) = render_board(options, board, sink)?;
    stages.append(&mut summary.stages);
    if let (Some(recorder), Some(key)) = (recorder, &key) {
        // The output folder still holds the previous build: its manifest is compared with this one.
        timed(&mut stages, "indexnow", || {
            recorder.finish(key, &config.base_url, &output)
        })?;
    }
    drop_later(site);
    summary.files = staging.site_files();
    let archive = config.archive.enabled.then(|| ArchivePolicy {
        dir: config.archive.dir.clone(),
        today: options.now.date_naive(),
        keep_days: config.archive.keep_days,
    });
    options.progress.begin("putting the new site in place", 0);
    timed(&mut stages, "commit", || staging.commit(archive.as_ref()))?;
    summary.stages = stages;
    Ok(summary)
}

/// The board folders a build writes README and archive files into (where temporaries of a killed
/// build may be left): the root, the README's folder and the archive folder.
fn board_dirs(config: &Config) -> Vec<PathBuf> {
    let readme = Path::new(&config.readme.output)
        .parent()
        .map(Path::to_path_buf);
    let mut dirs = vec![PathBuf::new(), PathBuf::from(&config.archive.dir)];
    dirs.extend(readme.filter(|p| !p.as_os_str().is_empty()));
    dirs
}

/// Renders a board that `read_board` read into `sink`: what `build` writes, before writing it.
/// Returns the configuration in force, the summary (without a file count) and the site model,
/// for the caller to free when it suits it (`serve` frees it after the new site is out).
pub fn render_board(
    options: &BuildOptions,
    board: Board,
    sink: &dyn Sink,
) -> anyhow::Result<(Config, Summary, Site)> {
    let Board {
        mut config,
        valid,
        problems,
    } = board;
    if let Some(minify) = options.minify {
        config.minify = minify;
    }
    let mut stages = Vec::new();
    let (theme, renderer) = timed(&mut stages, "templates", || {
        let theme = Theme::load(&options.root)?;
        let bare = crate::minify::url_is_bare(&config.base_url);
        let renderer = Renderer::new(&theme, config.minify, bare)?;
        anyhow::Ok((theme, renderer))
    })?;
    let selection = Selection {
        now: options.now,
        drafts: options.drafts,
    };
    let site = timed(&mut stages, "site model", || {
        Site::new(&config, valid.jobs, valid.companies, selection)
    });
    let mut problems = problems;
    problems.extend(report::all_expired(&config, &site));
    problems.extend(targets::combos::warnings(&site, &config.feeds.combinations));
    let existing_readme = read_existing_readme(&options.root, &config)?;
    let inputs = Inputs {
        config: &config,
        site: &site,
        renderer: &renderer,
        theme: &theme,
        existing_readme: existing_readme.as_deref(),
    };
    stages.extend(render_targets(&inputs, sink)?);
    let summary = Summary {
        files: 0,
        jobs: site.entries.len(),
        current: site.current.len(),
        companies: site.companies.len(),
        problems,
        stages,
    };
    Ok((config, summary, site))
}

/// Frees `value` on another thread: freeing a large model or its caches (tens of thousands of
/// jobs, cards and rows) takes a while, and is not on the way to the output. A process that exits
/// first leaves it to the system.
pub(crate) fn drop_later<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// The README already on disk, when it has markers to splice between.
fn read_existing_readme(root: &Path, config: &Config) -> anyhow::Result<Option<String>> {
    if !config.readme.enabled {
        return Ok(None);
    }
    let path = root.join(&config.readme.output);
    match load::read_regular(&path) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes)
                .map_err(|_| anyhow::anyhow!("{} is not UTF-8 text", path.display()))?;
            targets::readme::check_markers(&config.readme.output, &text)
                .map_err(problem::BadInput)?;
            Ok(text.contains(targets::readme::START_MARKER).then_some(text))
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(anyhow::Error::new(err).context(format!("cannot read {}", path.display()))),
    }
}

/// Everything the targets render from.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub config: &'a Config,
    pub site: &'a Site,
    pub renderer: &'a Renderer,
    pub theme: &'a Theme,
    pub existing_readme: Option<&'a str>,
}

/// Runs every target into `sink`; returns the wall time of each step.
pub fn render_targets(inputs: &Inputs, sink: &dyn Sink) -> anyhow::Result<Vec<Stage>> {
    let mut stages = Vec::new();
    let mut ctx = Ctx::new(inputs, sink.remembers());
    for (name, target) in TARGETS {
        timed(&mut stages, name, || target(&ctx, sink))?;
        ctx.release_after(name);
    }
    let Ctx {
        cards,
        rows,
        summaries,
        feed_items,
        search,
        ..
    } = ctx;
    drop_later((cards, rows, summaries, feed_items, search));
    Ok(stages)
}
