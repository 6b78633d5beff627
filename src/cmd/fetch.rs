//! `jobsmith fetch`: jobs from the board's `[[sources]]` (applicant-tracking systems) into
//! content/sources/.

use clap::Args;
use jobsmith::outcome::BadInput;

use super::{CommonArgs, clock};

#[derive(Debug, Args)]
pub struct FetchArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Fetch only this source: its name (`greenhouse-acmeco`) or its board.
    #[arg(long, value_name = "NAME")]
    pub only: Option<String>,
}

pub fn run(args: &FetchArgs) -> anyhow::Result<()> {
    let options = jobsmith::fetch::Options {
        root: &args.common.root,
        only: args.only.as_deref(),
        now: clock(args.common.now.as_deref())?,
    };
    let outcomes = jobsmith::fetch::fetch(&options, &jobsmith::fetch::Http::from_env()?)?;
    let failed: usize = outcomes.iter().map(print_outcome).sum();
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

/// Prints what one source gave; 1 when it failed or refused postings, else 0.
fn print_outcome(outcome: &jobsmith::fetch::Outcome) -> usize {
    for warning in &outcome.warnings {
        eprintln!("warning: {}: {warning}", outcome.name);
    }
    for why in &outcome.refused {
        eprintln!("error: {}: refused {why}", outcome.name);
    }
    match &outcome.result {
        Ok(c) => eprintln!(
            "{}: {} new, {} updated, {} closed, {} unchanged",
            outcome.name, c.new, c.updated, c.closed, c.unchanged
        ),
        Err(why) => eprintln!(
            "error: {}: {why}; its files are left as they were",
            outcome.name
        ),
    }
    usize::from(!outcome.refused.is_empty() || outcome.result.is_err())
}
