//! The build's stage, done/total and rate on one line, on a terminal only (and not with
//! `--quiet`); nothing otherwise. In colour unless `NO_COLOR` is set.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use jobsmith::outcome::Progress;

pub struct Spinner {
    done: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Spinner {
    pub fn start(progress: Arc<Progress>, quiet: bool) -> Spinner {
        let done = Arc::new(AtomicBool::new(false));
        if quiet || !std::io::stderr().is_terminal() {
            return Spinner { done, thread: None };
        }
        let finished = done.clone();
        let thread = std::thread::spawn(move || show(&progress, &finished));
        Spinner {
            done,
            thread: Some(thread),
        }
    }

    pub fn finish(self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread {
            let _ = thread.join();
        }
    }
}

/// Redraws the line ten times a second until `finished`.
fn show(progress: &Progress, finished: &AtomicBool) {
    let spinner = indicatif::ProgressBar::new_spinner();
    let template = match std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        true => "{spinner} {msg}",
        false => "{spinner:.cyan} {msg}",
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        spinner.set_style(style);
    }
    while !finished.load(Ordering::Relaxed) {
        if let Some(snapshot) = progress.snapshot() {
            spinner.set_message(snapshot.line());
        }
        spinner.tick();
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    spinner.finish_and_clear();
}
