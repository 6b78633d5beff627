//! `jobsmith new`: a new job file under content/jobs/.

use clap::Args;

use super::{CommonArgs, clock};

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

pub fn run(args: NewArgs) -> anyhow::Result<()> {
    let now = clock(args.common.now.as_deref())?;
    let job = jobsmith::scaffold::NewJob {
        title: args.title,
        company: args.company,
        location: args.location,
        url: args.url,
        date: args.date,
        workplace: args.workplace,
    };
    let root = jobsmith::scaffold::board_root(&args.common.root)?;
    let path = jobsmith::scaffold::new_job(&root, &job, now)?;
    println!("{}", path.display());
    Ok(())
}
