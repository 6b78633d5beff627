//! The command line: parses arguments, reads the clock once, runs a command, and maps the
//! outcome to the exit status (0 success, 1 bad input, 2 usage or IO error).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};

use crate::problem::{BadInput, InvalidInput, Problem};
use crate::render::TemplateError;
use crate::{BuildOptions, Summary};

/// A static site generator for job boards.
#[derive(Debug, Parser)]
#[command(name = "jobsmith", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site, README and archive from the board's dataset.
    Build(BuildArgs),
    /// Load and validate everything; build nothing. Exits 1 on any error.
    Check(CheckArgs),
    /// Write a new job file under content/jobs/.
    New(NewArgs),
    /// Write a new working board into DIR.
    Init(InitArgs),
    /// Turn a published README, an archive file, or JSON/CSV rows into job files.
    Import(ImportArgs),
    /// Bring jobs in from the [[sources]] of jobsmith.toml (applicant-tracking systems) into
    /// content/sources/. Exits 1 when a source fails or a posting is refused.
    Fetch(FetchArgs),
    /// Tell search engines (IndexNow) which pages the last build changed, added or removed.
    Ping(PingArgs),
    /// Print shell completions for bash, zsh, fish, elvish or powershell.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `jobsmith man > jobsmith.1`.
    Man,
    /// Build the site into memory and serve it locally; rebuild and reload pages on every change.
    #[cfg(feature = "serve")]
    Serve(ServeArgs),
}

/// Flags every command takes.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// The board's folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The clock: RFC 3339, YYYY-MM-DD or Unix seconds (default: SOURCE_DATE_EPOCH, else now).
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// Print only problems and errors: no progress, no summary.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// How to print problems: text, github (workflow commands that mark lines in a pull
    /// request) or json.
    #[arg(long, value_enum, default_value = "text")]
    pub format: crate::annotate::Format,
    /// Also report what the data is like: jobs current and expired (and why), duplicates,
    /// places not recognised, remote jobs that say nowhere applicants may live (on stdout).
    #[arg(long)]
    pub report: bool,
    /// Also list, job by job, what Google for Jobs requires or recommends that a job lacks.
    #[arg(long)]
    pub google: bool,
    /// Also ask every current job's apply URL, and report the dead ones (answers kept a day in
    /// .jobsmith-cache/).
    #[arg(long)]
    pub links: bool,
    /// With --links: write `valid_through` into the job files of jobs whose URL is dead.
    #[arg(long, requires = "links")]
    pub close_dead: bool,
    /// With --links: seconds to wait for each answer.
    #[arg(long, value_name = "SECONDS", default_value_t = 10, requires = "links")]
    pub timeout: u64,
}

#[derive(Debug, Args)]
pub struct PingArgs {
    /// The board's folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The site the last build wrote (default: ROOT/public).
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// The IndexNow endpoint to send to.
    #[arg(long, value_name = "URL", default_value = crate::ping::DEFAULT_ENDPOINT)]
    pub endpoint: String,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Where to write the site (default: ROOT/public).
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Replace the output folder even when it holds files jobsmith did not write.
    #[arg(long)]
    pub force_output: bool,
    /// Use this base URL instead of the configuration's.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include jobs marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Leave out invalid jobs, with a warning each, and build the rest.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Do not minify HTML, whatever the configuration says.
    #[arg(long)]
    pub no_minify: bool,
    /// Print the wall time of each stage of the build.
    #[arg(long)]
    pub timings: bool,
}

#[cfg(feature = "serve")]
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// The address to listen on; only loopback unless you choose another (e.g. 0.0.0.0).
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Print the wall time of each stage after every build.
    #[arg(long)]
    pub timings: bool,
    /// Include jobs marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// The position's title.
    pub title: String,
    /// The company's name.
    #[arg(long)]
    pub company: String,
    /// Where the job is, as free text ("Berlin, Germany", "Remote").
    #[arg(long)]
    pub location: String,
    /// Where to read about the job and apply (absolute http or https).
    #[arg(long)]
    pub url: String,
    /// Date posted, YYYY-MM-DD (default: the clock's day).
    #[arg(long)]
    pub date: Option<String>,
    /// remote, on-site or hybrid.
    #[arg(long)]
    pub workplace: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the board in; must be empty or not exist.
    pub dir: PathBuf,
    /// The clock, for the example job's date (default: SOURCE_DATE_EPOCH, else now).
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The board's folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The files to import, in order.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// What the files hold.
    #[arg(long, value_enum, default_value = "jobr-readme")]
    pub format: crate::import::Format,
    /// Where to write the job files, relative to the board's folder.
    #[arg(long, value_name = "DIR", default_value = "content/jobs")]
    pub into: PathBuf,
    /// Rewrite the files of jobs imported before whole, dropping keys and text added by hand
    /// (without it, only the keys import writes are updated).
    #[arg(long)]
    pub force: bool,
    /// The day that dates rows of files without a date line ("Last updated" or a dated
    /// heading): RFC 3339, YYYY-MM-DD or Unix seconds (default: SOURCE_DATE_EPOCH, if set).
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Fetch only this source: its name (`greenhouse-acmeco`) or its board.
    #[arg(long, value_name = "NAME")]
    pub only: Option<String>,
}

/// Runs the command line and returns the exit status.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match execute(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => report(&err),
    }
}

/// The stages of a build, slowest marked by its share of the total.
pub(crate) fn print_timings(stages: &[crate::Stage]) {
    let total: f64 = stages.iter().map(|s| s.time.as_secs_f64()).sum();
    for stage in stages {
        let seconds = stage.time.as_secs_f64();
        let peak = stage
            .peak_kib
            .map_or_else(String::new, |kib| format!("{:>6} MiB peak  ", kib / 1024));
        eprintln!(
            "{:>9.1} ms {:>5.1}%  {peak}{}",
            seconds * 1000.0,
            100.0 * seconds / total.max(f64::EPSILON),
            stage.name
        );
    }
}

fn execute(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Build(args) => {
            let now = clock(args.common.now.as_deref())?;
            let options = BuildOptions {
                output: args.output,
                base_url: args.base_url,
                drafts: args.drafts,
                skip_invalid: args.skip_invalid,
                minify: args.no_minify.then_some(false),
                force_output: args.force_output,
                ..BuildOptions::new(args.common.root, now)
            };
            let started = std::time::Instant::now();
            let progress = Progress::start(options.progress.clone(), args.common.quiet);
            let result = crate::build(&options);
            progress.finish();
            let summary = result?;
            print_problems(&summary.problems);
            if args.common.quiet {
                return Ok(());
            }
            eprintln!(
                "Built {}, {} ({} current), {} in {} ms",
                count(summary.files, "file"),
                count(summary.jobs, "job"),
                summary.current,
                count(summary.companies, "company"),
                started.elapsed().as_millis()
            );
            if args.timings {
                print_timings(&summary.stages);
            }
            Ok(())
        }
        Command::Check(args) => check(&args),
        Command::New(args) => {
            let now = clock(args.common.now.as_deref())?;
            let job = crate::scaffold::NewJob {
                title: args.title,
                company: args.company,
                location: args.location,
                url: args.url,
                date: args.date,
                workplace: args.workplace,
            };
            let root = crate::scaffold::board_root(&args.common.root)?;
            let path = crate::scaffold::new_job(&root, &job, now)?;
            println!("{}", path.display());
            Ok(())
        }
        Command::Import(args) => import(args),
        Command::Fetch(args) => fetch(args),
        Command::Ping(args) => {
            let output = args.output.unwrap_or_else(|| args.root.join("public"));
            for answer in crate::ping::ping(&args.root, &output, &args.endpoint)? {
                eprintln!("{answer}");
            }
            Ok(())
        }
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            // Into memory first: `generate` panics on a failed write (`| head`); ours reports.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "jobsmith", &mut script);
            std::io::Write::write_all(&mut std::io::stdout().lock(), &script)?;
            Ok(())
        }
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(command).render(&mut std::io::stdout())?;
            Ok(())
        }
        #[cfg(feature = "serve")]
        Command::Serve(args) => {
            let options = crate::serve::ServeOptions {
                now: clock(args.common.now.as_deref())?,
                root: args.common.root,
                bind: args.bind,
                port: args.port,
                open: args.open,
                drafts: args.drafts,
                timings: args.timings,
            };
            crate::serve::run(&options)
        }
        Command::Init(args) => {
            let now = clock(args.now.as_deref())?;
            crate::scaffold::init(&args.dir, now)?;
            println!(
                "Created a board in {}; build it with: jobsmith build --root {}",
                args.dir.display(),
                args.dir.display()
            );
            Ok(())
        }
    }
}

/// `jobsmith check`: problems in the chosen format; a summary line on standard error.
fn check(args: &CheckArgs) -> anyhow::Result<()> {
    use crate::annotate::Format;
    let now = clock(args.common.now.as_deref())?;
    let links = args.links.then(|| crate::links::LinkOptions {
        timeout: std::time::Duration::from_secs(args.timeout.max(1)),
        close_dead: args.close_dead,
    });
    let report = match args.report {
        true => Some(crate::check_report(&args.common.root, now)?),
        false => None,
    };
    if let (Some(report), false) = (&report, args.format == Format::Json) {
        print!("{}", report.text());
    }
    let checked = crate::check_links(&args.common.root, now, args.google, links.as_ref());
    let (problems, outcome) = match checked {
        Ok(summary) => (summary.problems.clone(), Ok(summary)),
        Err(err) if args.format == Format::Text => return Err(err),
        Err(err) => match err.downcast::<InvalidInput>() {
            Ok(invalid) => {
                let message = BadInput(invalid.to_string());
                (invalid.problems, Err(message))
            }
            Err(err) => return Err(err),
        },
    };
    match args.format {
        Format::Text => print_problems(&problems),
        Format::Github => problems
            .iter()
            .for_each(|p| println!("{}", crate::annotate::github(p))),
        Format::Json => match &report {
            None => println!("{}", crate::annotate::json(&problems)),
            Some(report) => println!("{}", crate::report::json(&problems, report)),
        },
    }
    let summary: Summary = outcome?;
    if args.common.quiet {
        return Ok(());
    }
    eprintln!(
        "No errors: {}, {}",
        count(summary.jobs, "job"),
        count(summary.companies, "company")
    );
    Ok(())
}

fn import(args: ImportArgs) -> anyhow::Result<()> {
    let given_clock = args.now.is_some() || std::env::var_os("SOURCE_DATE_EPOCH").is_some();
    let now = match given_clock {
        true => Some(clock(args.now.as_deref())?.date_naive()),
        false => None,
    };
    let options = crate::import::Options {
        force: args.force,
        now,
    };
    let report = crate::import::import(&args.root, &args.files, args.format, &args.into, options)?;
    print_problems(&report.problems);
    if report.left_alone > 0 {
        eprintln!(
            "{} jobs were imported before into files without TOML front matter: left as they are",
            report.left_alone
        );
    }
    eprintln!(
        "Imported: {} new, {} updated, {} unchanged; {} rows refused",
        report.new, report.updated, report.unchanged, report.refused
    );
    if let Some(utm) = &report.utm_suggestion {
        eprintln!(
            "The links carried tracking parameters; to add them back in the README, put in jobsmith.toml:\n\n{utm}"
        );
    }
    if report.new + report.updated + report.unchanged + report.left_alone == 0 {
        return Err(BadInput("no job was imported (see above); nothing was written".into()).into());
    }
    if report.refused > 0 {
        let message = "some rows were refused (listed above); the others were imported";
        return Err(BadInput(message.into()).into());
    }
    Ok(())
}

fn fetch(args: FetchArgs) -> anyhow::Result<()> {
    let options = crate::fetch::Options {
        root: &args.common.root,
        only: args.only.as_deref(),
        now: clock(args.common.now.as_deref())?,
    };
    let outcomes = crate::fetch::fetch(&options, &crate::fetch::Http::from_env()?)?;
    let mut failed = 0;
    for outcome in &outcomes {
        for warning in &outcome.warnings {
            eprintln!("warning: {}: {warning}", outcome.name);
        }
        for why in &outcome.refused {
            eprintln!("error: {}: refused {why}", outcome.name);
        }
        failed += usize::from(!outcome.refused.is_empty());
        match &outcome.result {
            Ok(c) => eprintln!(
                "{}: {} new, {} updated, {} closed, {} unchanged",
                outcome.name, c.new, c.updated, c.closed, c.unchanged
            ),
            Err(why) => {
                eprintln!(
                    "error: {}: {why}; its files are left as they were",
                    outcome.name
                );
                failed += usize::from(outcome.refused.is_empty());
            }
        }
    }
    if outcomes.is_empty() {
        eprintln!("No [[sources]] in jobsmith.toml: nothing to fetch");
    }
    if failed > 0 {
        let message = format!(
            "{failed} of {} sources failed or refused postings (listed above)",
            outcomes.len()
        );
        return Err(BadInput(message).into());
    }
    Ok(())
}

/// The clock: `--now`, else `SOURCE_DATE_EPOCH`, else the system time. Read once, here.
pub fn clock(now: Option<&str>) -> anyhow::Result<DateTime<Utc>> {
    if let Some(text) = now {
        return crate::date::parse_clock(text).ok_or_else(|| {
            anyhow::anyhow!("--now must be RFC 3339, YYYY-MM-DD or Unix seconds, not {text:?}")
        });
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        return crate::date::parse_clock(&epoch).ok_or_else(|| {
            anyhow::anyhow!("SOURCE_DATE_EPOCH must be Unix seconds, not {epoch:?}")
        });
    }
    Ok(Utc::now())
}

/// The build's stage, done/total and rate on one line, on a terminal only (and not with
/// `--quiet`); nothing otherwise. In colour unless `NO_COLOR` is set.
struct Progress {
    done: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    fn start(progress: Arc<crate::progress::Progress>, quiet: bool) -> Progress {
        let done = Arc::new(AtomicBool::new(false));
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { done, thread: None };
        }
        let finished = done.clone();
        let thread = std::thread::spawn(move || {
            let spinner = indicatif::ProgressBar::new_spinner();
            let template = match std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                true => "{spinner} {msg}",
                false => "{spinner:.cyan} {msg}",
            };
            if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
                spinner.set_style(style);
            }
            while !finished.load(Ordering::Relaxed) {
                if let Some(snapshot) = progress.snapshot() {
                    spinner.set_message(snapshot.line());
                }
                spinner.tick();
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            spinner.finish_and_clear();
        });
        Progress {
            done,
            thread: Some(thread),
        }
    }

    fn finish(self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread {
            let _ = thread.join();
        }
    }
}

/// "1 job", "2 jobs", "1 company", "3 companies".
fn count(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

fn print_problems(problems: &[Problem]) {
    for problem in problems {
        eprintln!("{problem}");
    }
}

/// Prints an error and chooses the exit status: 1 for bad input, 2 for everything else.
fn report(err: &anyhow::Error) -> ExitCode {
    if let Some(invalid) = err.downcast_ref::<InvalidInput>() {
        print_problems(&invalid.problems);
        eprintln!("error: {invalid}");
        return ExitCode::from(1);
    }
    if let Some(bad) = err.downcast_ref::<BadInput>() {
        eprintln!("error: {bad}");
        return ExitCode::from(1);
    }
    if let Some(template) = err.downcast_ref::<TemplateError>() {
        eprintln!("error: {template}");
        return ExitCode::from(1);
    }
    let broken_pipe = err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    });
    if broken_pipe {
        // The reader went away (`jobsmith man | head`): nothing to report.
        return ExitCode::SUCCESS;
    }
    eprintln!("error: {err:#}");
    ExitCode::from(2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
