//! `jobsmith build`: the site, README and archive from the board's dataset.

use std::path::PathBuf;

use clap::Args;
use jobsmith::BuildOptions;

use super::{CommonArgs, clock, count, print_problems};

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

pub fn run(args: BuildArgs) -> anyhow::Result<()> {
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
    let spinner = super::spinner::Spinner::start(options.progress.clone(), args.common.quiet);
    let result = jobsmith::build(&options);
    spinner.finish();
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
        eprint!("{}", jobsmith::outcome::timings(&summary.stages));
    }
    Ok(())
}
