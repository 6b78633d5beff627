//! `jobsmith init`: a new working board in an empty folder.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the board in; must be empty or not exist.
    pub dir: PathBuf,
    /// The clock, for the example job's date (default: SOURCE_DATE_EPOCH, else now).
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
}

pub fn run(args: &InitArgs) -> anyhow::Result<()> {
    let now = super::clock(args.now.as_deref())?;
    jobsmith::scaffold::init(&args.dir, now)?;
    println!(
        "Created a board in {}; build it with: jobsmith build --root {}",
        args.dir.display(),
        args.dir.display()
    );
    Ok(())
}
