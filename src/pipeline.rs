//! The build, stage by stage: read and validate the board, load the templates, make the site
//! model, run every target into a sink, and commit what they made. `build` below is the whole
//! list; `serve` runs the same stages into memory (`read_board_with`, `render_board`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::bail;
use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::outcome::{Stage, Summary, timed};
use crate::problem::{InvalidInput, Problem};
use crate::render::{Renderer, Theme};
use crate::site::{Selection, Site};
use crate::targets::{Ctx, TARGETS};
use crate::validate::Valid;
use crate::write::{ArchivePolicy, Destination, Sink, Staging};
use crate::{config, indexnow, load, problem, progress, skills, targets, validate, write};

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

/// `jobsmith build`: the whole pipeline.
pub fn build(options: &BuildOptions) -> anyhow::Result<Summary> {
    let mut stages = Vec::new();
    let lock = write::lock_board(&options.root, || {
        options
            .progress
            .begin("waiting for another build of this board", 0);
    })?;
    write::recover(&options.root, lock.is_some())?;
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
    dirs.push(PathBuf::from(crate::targets::cards::CACHE_DIR));
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
    problems.extend(crate::report::all_expired(&config, &site));
    problems.extend(targets::combos::warnings(&site, &config.feeds.combinations));
    let existing_readme = read_existing_readme(&options.root, &config)?;
    let inputs = Inputs {
        config: &config,
        site: &site,
        renderer: &renderer,
        theme: &theme,
        root: &options.root,
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
    /// The board's folder.
    pub root: &'a Path,
    pub existing_readme: Option<&'a str>,
}

/// Runs every target into `sink`; returns the wall time of each step.
pub fn render_targets(inputs: &Inputs, sink: &dyn Sink) -> anyhow::Result<Vec<Stage>> {
    let mut stages = Vec::new();
    let ctx = Ctx::new(inputs, sink.remembers());
    for (name, target) in TARGETS {
        timed(&mut stages, name, || target(&ctx, sink))?;
    }
    drop_later(ctx.into_cards());
    Ok(stages)
}
