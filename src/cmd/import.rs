//! `jobsmith import`: a published README, an archive file, or JSON/CSV rows into job files.

use std::path::PathBuf;

use clap::Args;
use jobsmith::outcome::BadInput;

use super::{clock, print_problems};

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
    pub format: jobsmith::import::Format,
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

pub fn run(args: ImportArgs) -> anyhow::Result<()> {
    let given_clock = args.now.is_some() || std::env::var_os("SOURCE_DATE_EPOCH").is_some();
    let now = match given_clock {
        true => Some(clock(args.now.as_deref())?.date_naive()),
        false => None,
    };
    let options = jobsmith::import::Options {
        force: args.force,
        now,
    };
    let report =
        jobsmith::import::import(&args.root, &args.files, args.format, &args.into, options)?;
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
