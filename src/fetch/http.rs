//! The HTTP client of `jobsmith fetch`: plain blocking GETs with a timeout, a size limit, and
//! polite retries.
//!
//! A 429 or 5xx answer, or a connection that fails, is tried again after a pause: the
//! `Retry-After` the server asked for, else a doubling backoff. The pauses of one request add up
//! to at most the retry budget; a server asking for more is reported, not waited for.
//! `JOBSMITH_FETCH_TIMEOUT` and `JOBSMITH_FETCH_RETRY_BUDGET` (seconds) change the defaults.

use std::time::Duration;

/// Largest answer read: the biggest public boards answer a few MiB.
const MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;
/// Tries of one request, the first included.
const ATTEMPTS: u32 = 4;
/// The first backoff pause; each next one doubles.
const FIRST_PAUSE: Duration = Duration::from_secs(1);

/// The client: one connection pool for every source.
pub struct Http {
    agent: ureq::Agent,
    /// The most the pauses of one request may add up to.
    retry_budget: Duration,
}

impl Http {
    /// A client with `timeout` for each whole request and `retry_budget` for its pauses.
    pub fn new(timeout: Duration, retry_budget: Duration) -> Http {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .build()
            .into();
        Http {
            agent,
            retry_budget,
        }
    }

    /// The defaults (30 s a request, 60 s of pauses), as the environment may change them.
    pub fn from_env() -> anyhow::Result<Http> {
        let seconds = |name: &str, default: f64| -> anyhow::Result<Duration> {
            match std::env::var(name) {
                Ok(text) => text
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .and_then(|s| Duration::try_from_secs_f64(s).ok())
                    .ok_or_else(|| anyhow::anyhow!("{name} must be seconds, not {text:?}")),
                Err(_) => Ok(Duration::from_secs_f64(default)),
            }
        };
        Ok(Http::new(
            seconds("JOBSMITH_FETCH_TIMEOUT", 30.0)?,
            seconds("JOBSMITH_FETCH_RETRY_BUDGET", 60.0)?,
        ))
    }

    /// GETs `url` and returns its body as text, or says what went wrong.
    pub fn get(&self, url: &str, user_agent: &str) -> Result<String, String> {
        let mut waited = Duration::ZERO;
        let mut pause = FIRST_PAUSE;
        for attempt in 1..=ATTEMPTS {
            let (why, asked) = match self.try_get(url, user_agent) {
                Ok(body) => return Ok(body),
                Err(Failure::Final(why)) => return Err(why),
                Err(Failure::Retry { why, retry_after }) => (why, retry_after),
            };
            let wanted = asked.unwrap_or(pause);
            let left = self.retry_budget.saturating_sub(waited);
            if attempt == ATTEMPTS || wanted > left {
                let tries = if attempt == 1 {
                    String::new()
                } else {
                    format!(" (after {attempt} tries)")
                };
                let asked = asked.map_or_else(String::new, |a| {
                    format!("; it asked to wait {} s", a.as_secs())
                });
                return Err(format!("{why}{asked}{tries}"));
            }
            std::thread::sleep(wanted);
            waited += wanted;
            pause *= 2;
        }
        Err(format!("{url}: no answer"))
    }

    fn try_get(&self, url: &str, user_agent: &str) -> Result<String, Failure> {
        let mut response = self
            .agent
            .get(url)
            .header("User-Agent", user_agent)
            .header(
                "Accept",
                "application/json, application/feed+json, application/rss+xml, */*;q=0.5",
            )
            .call()
            .map_err(|err| transport_failure(url, err))?;
        let status = response.status();
        if status.is_success() {
            return response
                .body_mut()
                .with_config()
                .limit(MAX_BODY_BYTES)
                .read_to_string()
                .map_err(|err| {
                    Failure::Final(format!("cannot read the answer from {url}: {err}"))
                });
        }
        let why = format!("{url} answered HTTP {status}");
        if status.as_u16() == 429 || status.is_server_error() {
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(retry_after);
            return Err(Failure::Retry { why, retry_after });
        }
        Err(Failure::Final(why))
    }
}

/// Why a try failed, and whether another may succeed.
enum Failure {
    Final(String),
    Retry {
        why: String,
        retry_after: Option<Duration>,
    },
}

fn transport_failure(url: &str, err: ureq::Error) -> Failure {
    match err {
        ureq::Error::Timeout(_) => Failure::Final(format!("{url} did not answer in time ({err})")),
        ureq::Error::Io(_) | ureq::Error::ConnectionFailed | ureq::Error::HostNotFound => {
            Failure::Retry {
                why: format!("cannot reach {url}: {err}"),
                retry_after: None,
            }
        }
        _ => Failure::Final(format!("cannot fetch {url}: {err}")),
    }
}

/// `Retry-After`: seconds, or an HTTP date (taken as seconds from the system clock's now, the
/// only reading of the clock here: the server's pause is about the real time).
fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let seconds = (when.timestamp() - chrono::Utc::now().timestamp()).max(0);
    Some(Duration::from_secs(seconds.unsigned_abs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(retry_after(" 3 "), Some(Duration::from_secs(3)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
    }
}
