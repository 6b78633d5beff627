//! What a command comes to, for whoever runs it: the summary of a build or check, the problems
//! found and the errors that end a command, and the progress of a build while it runs.

use std::time::{Duration, Instant};

pub use crate::annotate::{Format, github, json};
pub use crate::check::check_report;
pub use crate::problem::{BadInput, InvalidInput, Problem, Severity};
pub use crate::progress::{Progress, Snapshot};
pub use crate::render::TemplateError;
pub use crate::report::Report;

/// What a build or check did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Site files written.
    pub files: usize,
    /// Jobs on the board (current and expired).
    pub jobs: usize,
    /// Current jobs.
    pub current: usize,
    pub companies: usize,
    /// Warnings, and with `--skip-invalid` the errors of the jobs left out.
    pub problems: Vec<Problem>,
    /// Wall time of each stage, in the order they ran (`jobsmith build --timings`).
    pub stages: Vec<Stage>,
}

/// One stage of a build, the wall time it took and the process's peak memory at its end.
#[derive(Debug, Clone, Copy)]
pub struct Stage {
    pub name: &'static str,
    pub time: Duration,
    /// Peak resident memory of the process so far, in KiB, where the system tells it (Linux).
    pub peak_kib: Option<u64>,
}

/// Runs `work` and records its wall time as stage `name`.
pub(crate) fn timed<T>(stages: &mut Vec<Stage>, name: &'static str, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let value = work();
    stages.push(Stage {
        name,
        time: started.elapsed(),
        peak_kib: peak_memory_kib(),
    });
    value
}

/// The process's peak resident memory (`VmHWM`), in KiB, on systems with `/proc`.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The stages of a build as a table, one line each, with each stage's share of the total.
pub fn timings(stages: &[Stage]) -> String {
    let total: f64 = stages.iter().map(|s| s.time.as_secs_f64()).sum();
    let mut table = String::new();
    for stage in stages {
        let seconds = stage.time.as_secs_f64();
        let peak = stage
            .peak_kib
            .map_or_else(String::new, |kib| format!("{:>6} MiB peak  ", kib / 1024));
        table.push_str(&format!(
            "{:>9.1} ms {:>5.1}%  {peak}{}\n",
            seconds * 1000.0,
            100.0 * seconds / total.max(f64::EPSILON),
            stage.name
        ));
    }
    table
}
