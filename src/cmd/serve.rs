//! `jobsmith serve`: the preview server.

use clap::Args;

use super::{CommonArgs, clock};

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

pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    let options = jobsmith::serve::ServeOptions {
        now: clock(args.common.now.as_deref())?,
        root: args.common.root,
        bind: args.bind,
        port: args.port,
        open: args.open,
        drafts: args.drafts,
        timings: args.timings,
    };
    jobsmith::serve::run(&options)
}
