//! `jobsmith ping`: tells search engines (IndexNow) what the last build changed.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct PingArgs {
    /// The board's folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The site the last build wrote (default: ROOT/public).
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// The IndexNow endpoint to send to.
    #[arg(long, value_name = "URL", default_value = jobsmith::ping::DEFAULT_ENDPOINT)]
    pub endpoint: String,
}

pub fn run(args: PingArgs) -> anyhow::Result<()> {
    let output = args.output.unwrap_or_else(|| args.root.join("public"));
    for answer in jobsmith::ping::ping(&args.root, &output, &args.endpoint)? {
        eprintln!("{answer}");
    }
    Ok(())
}
