//! The `jobsmith` binary: the command line. Each command parses its flags in `cmd::NAME`, reads
//! the clock once, calls the library, and maps the outcome to the exit status (0 success, 1 bad
//! input, 2 usage or IO error).

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// A build allocates and frees many small strings from both threads at once, where mimalloc is
/// much faster than the system allocator (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A static site generator for job boards.
#[derive(Debug, Parser)]
#[command(name = "jobsmith", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site, README and archive from the board's dataset.
    Build(cmd::build::BuildArgs),
    /// Load and validate everything; build nothing. Exits 1 on any error.
    Check(cmd::check::CheckArgs),
    /// Write a new job file under content/jobs/.
    New(cmd::new::NewArgs),
    /// Write a new working board into DIR.
    Init(cmd::init::InitArgs),
    /// Turn a published README, an archive file, or JSON/CSV rows into job files.
    Import(cmd::import::ImportArgs),
    /// Bring jobs in from the [[sources]] of jobsmith.toml (applicant-tracking systems) into
    /// content/sources/. Exits 1 when a source fails or a posting is refused.
    Fetch(cmd::fetch::FetchArgs),
    /// Tell search engines (IndexNow) which pages the last build changed, added or removed.
    Ping(cmd::ping::PingArgs),
    /// Print shell completions for bash, zsh, fish, elvish or powershell.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `jobsmith man > jobsmith.1`.
    Man,
    /// Build the site into memory and serve it locally; rebuild and reload pages on every change.
    #[cfg(feature = "serve")]
    Serve(cmd::serve::ServeArgs),
}

fn main() -> ExitCode {
    match execute(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => cmd::report(&err),
    }
}

fn execute(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Check(args) => cmd::check::run(&args),
        Command::New(args) => cmd::new::run(args),
        Command::Init(args) => cmd::init::run(&args),
        Command::Import(args) => cmd::import::run(args),
        Command::Fetch(args) => cmd::fetch::run(&args),
        Command::Ping(args) => cmd::ping::run(args),
        Command::Completions { shell } => {
            cmd::manual::completions(shell, <Cli as clap::CommandFactory>::command())
        }
        Command::Man => cmd::manual::man(<Cli as clap::CommandFactory>::command()),
        #[cfg(feature = "serve")]
        Command::Serve(args) => cmd::serve::run(args),
    }
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
