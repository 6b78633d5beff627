//! One module per command: its flags and how it runs. What they share is here: the flags every
//! board command takes, the clock, and how problems and errors are printed.

pub mod build;
pub mod check;
pub mod fetch;
pub mod import;
pub mod init;
pub mod manual;
pub mod new;
pub mod ping;
#[cfg(feature = "serve")]
pub mod serve;
mod spinner;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::Args;
use jobsmith::outcome::{BadInput, InvalidInput, Problem, TemplateError};

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

/// The clock: `--now`, else `SOURCE_DATE_EPOCH`, else the system time. Read once, here.
pub fn clock(now: Option<&str>) -> anyhow::Result<DateTime<Utc>> {
    if let Some(text) = now {
        return jobsmith::parse_clock(text).ok_or_else(|| {
            anyhow::anyhow!("--now must be RFC 3339, YYYY-MM-DD or Unix seconds, not {text:?}")
        });
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        return jobsmith::parse_clock(&epoch).ok_or_else(|| {
            anyhow::anyhow!("SOURCE_DATE_EPOCH must be Unix seconds, not {epoch:?}")
        });
    }
    Ok(Utc::now())
}

/// "1 job", "2 jobs", "1 company", "3 companies".
pub fn count(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

pub fn print_problems(problems: &[Problem]) {
    for problem in problems {
        eprintln!("{problem}");
    }
}

/// Prints an error and chooses the exit status: 1 for bad input, 2 for everything else.
pub fn report(err: &anyhow::Error) -> ExitCode {
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
