//! How far a build has got, for the progress line `jobsmith build` shows on a terminal: the stage
//! running, how many of its items are done out of how many (0: not known ahead), since when. The
//! build updates it from any thread; the display reads it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
pub struct Progress {
    stage: Mutex<Option<(&'static str, Instant)>>,
    done: AtomicUsize,
    total: AtomicUsize,
    /// Site files written; the staging folder counts them, and the writing stage shows them.
    pub written: Arc<AtomicUsize>,
}

/// What the display shows at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub stage: &'static str,
    pub done: usize,
    pub total: usize,
    pub elapsed: Duration,
}

/// The stage in which site files are written; its `done` is the count of files written.
pub const WRITING: &str = "rendering and writing";

impl Progress {
    /// Starts `stage`, of `total` items (0 when not known).
    pub fn begin(&self, stage: &'static str, total: usize) {
        if let Ok(mut current) = self.stage.lock() {
            *current = Some((stage, Instant::now()));
        }
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// One more item of the stage done.
    pub fn advance(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// The stage running and how far it is, if one has begun.
    pub fn snapshot(&self) -> Option<Snapshot> {
        let (stage, started) = (*self.stage.lock().ok()?)?;
        let done = match stage {
            WRITING => self.written.load(Ordering::Relaxed),
            _ => self.done.load(Ordering::Relaxed),
        };
        Some(Snapshot {
            stage,
            done,
            total: self.total.load(Ordering::Relaxed),
            elapsed: started.elapsed(),
        })
    }
}

impl Snapshot {
    /// "reading and validating  1200/10000 files  3400/s", or without a total when none is known.
    pub fn line(&self) -> String {
        let seconds = self.elapsed.as_secs_f64();
        let rate = if seconds > 0.0 {
            format!("  {:.0}/s", self.done as f64 / seconds)
        } else {
            String::new()
        };
        match self.total {
            0 => format!("{}  {} files{rate}", self.stage, self.done),
            total => format!("{}  {}/{total} files{rate}", self.stage, self.done),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_stage_done_total_and_rate() {
        let snapshot = Snapshot {
            stage: "reading and validating",
            done: 1200,
            total: 10_000,
            elapsed: Duration::from_millis(400),
        };
        assert_eq!(
            snapshot.line(),
            "reading and validating  1200/10000 files  3000/s"
        );
        let writing = Snapshot {
            total: 0,
            ..snapshot
        };
        assert_eq!(writing.line(), "reading and validating  1200 files  3000/s");
    }

    #[test]
    fn the_writing_stage_counts_files_written() {
        let progress = Progress::default();
        assert_eq!(progress.snapshot(), None);
        progress.begin("reading and validating", 3);
        progress.advance();
        assert_eq!(progress.snapshot().map(|s| (s.done, s.total)), Some((1, 3)));
        progress.begin(WRITING, 0);
        progress.written.fetch_add(5, Ordering::Relaxed);
        assert_eq!(progress.snapshot().map(|s| s.done), Some(5));
    }
}
