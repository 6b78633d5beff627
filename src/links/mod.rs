//! `jobsmith check --links`: asks every current job's apply URL whether it still answers, and
//! reports the dead ones (404 Gone or 410 Not Found, after redirects) at their job's file and line.
//!
//! HEAD first, then GET when HEAD is refused; a few requests at a time; a time-out; a User-Agent
//! that names jobsmith. Answers are kept for a day in `.jobsmith-cache/links.json` under the
//! board (a URL that did not answer is asked again next time), so a second check the same day
//! asks nothing again. `--close-dead` then writes
//! `valid_through` into the dead jobs' files (`close.rs`).

mod close;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::problem::Problem;
use crate::site::Site;

/// The cache, relative to the board root.
pub const CACHE: &str = ".jobsmith-cache/links.json";
/// How long an answer is kept.
const KEEP: chrono::TimeDelta = chrono::TimeDelta::hours(24);
/// Requests in flight at once.
const CONCURRENCY: usize = 8;

/// What `--links` was asked.
#[derive(Debug, Clone)]
pub struct LinkOptions {
    pub timeout: Duration,
    pub close_dead: bool,
}

/// What one URL answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub checked: DateTime<Utc>,
    /// The final status after redirects; none when no answer came (time-out, refused).
    pub status: Option<u16>,
    /// Why there was no answer.
    pub error: Option<String>,
}

impl Answer {
    fn is_dead(&self) -> bool {
        matches!(self.status, Some(404 | 410))
    }
}

/// Checks the apply URL of every current job; returns a warning for each dead or unreachable
/// one, and with `close_dead` closes the dead ones' job files.
pub fn check(
    root: &Path,
    site: &Site,
    now: DateTime<Utc>,
    options: &LinkOptions,
) -> anyhow::Result<Vec<Problem>> {
    let mut cache = read_cache(&root.join(CACHE), now);
    let mut urls: Vec<&str> = site
        .current
        .iter()
        .map(|&i| site.entries[i].job.url.as_str())
        .filter(|url| !cache.contains_key(*url))
        .collect();
    urls.sort_unstable();
    urls.dedup();
    cache.extend(ask_all(&urls, now, options.timeout));
    // A URL that did not answer is asked again next time: only answers are kept.
    let answered = cache.iter().filter(|(_, a)| a.status.is_some());
    write_cache(
        root,
        &answered.map(|(u, a)| (u.clone(), a.clone())).collect(),
    )?;
    let mut problems = Vec::new();
    let mut dead = Vec::new();
    for &index in &site.current {
        let job = &site.entries[index].job;
        let Some(answer) = cache.get(&job.url) else {
            continue;
        };
        let origin = &job.origin;
        let message = match (answer.is_dead(), answer.status, &answer.error) {
            (true, Some(status), _) => format!(
                "the apply URL {} answers {status}: the job looks closed",
                job.url
            ),
            (false, Some(status), _) if status < 400 => continue,
            (false, Some(status), _) => format!("the apply URL {} answers {status}", job.url),
            (_, None, error) => format!(
                "the apply URL {} did not answer: {}",
                job.url,
                error.as_deref().unwrap_or("no answer")
            ),
        };
        problems.push(Problem::warning(
            &origin.path,
            origin.line,
            origin.column,
            message,
        ));
        if answer.is_dead() {
            dead.push(job.clone());
        }
    }
    if options.close_dead {
        problems.extend(close::close(root, &dead, now.date_naive())?);
    }
    Ok(problems)
}

/// Asks every URL, `CONCURRENCY` at a time.
fn ask_all(urls: &[&str], now: DateTime<Utc>, timeout: Duration) -> BTreeMap<String, Answer> {
    let agent = agent(timeout);
    let next = AtomicUsize::new(0);
    let answers = Mutex::new(BTreeMap::new());
    std::thread::scope(|scope| {
        for _ in 0..CONCURRENCY.min(urls.len()) {
            scope.spawn(|| {
                while let Some(url) = urls.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let answer = ask(&agent, url, now);
                    let mut answers = answers.lock().unwrap_or_else(|e| e.into_inner());
                    answers.insert(url.to_string(), answer);
                }
            });
        }
    });
    answers.into_inner().unwrap_or_else(|e| e.into_inner())
}

fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(10)
        .user_agent(concat!(
            "jobsmith/",
            env!("CARGO_PKG_VERSION"),
            " (link check of a job board; one HEAD or GET a day)"
        ))
        .build()
        .into()
}

/// HEAD, and GET when HEAD gets no answer or an error status (many servers refuse HEAD).
fn ask(agent: &ureq::Agent, url: &str, now: DateTime<Utc>) -> Answer {
    let head = agent.head(url).call();
    let status = match head {
        Ok(response) if response.status().as_u16() < 400 => Ok(response.status().as_u16()),
        _ => agent
            .get(url)
            .call()
            .map(|response| response.status().as_u16()),
    };
    match status {
        Ok(status) => Answer {
            checked: now,
            status: Some(status),
            error: None,
        },
        Err(err) => Answer {
            checked: now,
            status: None,
            error: Some(err.to_string()),
        },
    }
}

/// The cache's answers younger than a day; none when it is missing or unreadable.
fn read_cache(path: &Path, now: DateTime<Utc>) -> BTreeMap<String, Answer> {
    let Ok(bytes) = std::fs::read(path) else {
        return BTreeMap::new();
    };
    let cache: BTreeMap<String, Answer> = serde_json::from_slice(&bytes).unwrap_or_default();
    cache
        .into_iter()
        .filter(|(_, answer)| answer.checked <= now && now - answer.checked < KEEP)
        .collect()
}

/// Writes the cache through a temporary file renamed over it, inside the board folder.
fn write_cache(root: &Path, cache: &BTreeMap<String, Answer>) -> anyhow::Result<()> {
    let mut json = serde_json::to_vec_pretty(cache)?;
    json.push(b'\n');
    crate::write::BoardDir::open(root)?.write(Path::new(CACHE), &json)
}
