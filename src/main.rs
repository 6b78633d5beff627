//! The `jobsmith` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    jobsmith::cli::run()
}
