//! The `jobsmith` binary: everything lives in the library.

/// A build allocates and frees many small strings from both threads at once, where mimalloc is
/// much faster than the system allocator (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    jobsmith::cli::run()
}
