//! `jobsmith check`: reads and validates everything, writes nothing; problems in the chosen
//! format, a summary line on standard error.

use clap::Args;
use jobsmith::CheckOptions;
use jobsmith::outcome::Summary;
use jobsmith::outcome::{BadInput, Format, InvalidInput};

use super::{CommonArgs, clock, count, print_problems};

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// How to print problems: text, github (workflow commands that mark lines in a pull
    /// request) or json.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
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

pub fn run(args: &CheckArgs) -> anyhow::Result<()> {
    let now = clock(args.common.now.as_deref())?;
    let options = CheckOptions {
        google: args.google,
        links: args.links,
        link_timeout: std::time::Duration::from_secs(args.timeout.max(1)),
        close_dead: args.close_dead,
    };
    let report = match args.report {
        true => Some(jobsmith::outcome::check_report(&args.common.root, now)?),
        false => None,
    };
    if let (Some(report), false) = (&report, args.format == Format::Json) {
        print!("{}", report.text());
    }
    let checked = jobsmith::check(&args.common.root, now, &options);
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
            .for_each(|p| println!("{}", jobsmith::outcome::github(p))),
        Format::Json => match &report {
            None => println!("{}", jobsmith::outcome::json(&problems)),
            Some(report) => println!("{}", report.json(&problems)),
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
