//! `jobsmith ping`: sends the pages a build found changed to an IndexNow endpoint, as the protocol
//! says (<https://www.indexnow.org/documentation>): one JSON POST of `host`, `key`, `keyLocation`
//! and `urlList` per 10,000 URLs. It never runs as part of `build`.

use std::path::Path;
use std::time::Duration;

use anyhow::Context as _;

use crate::problem::{BadInput, InvalidInput, Problem};

/// The endpoint that shares submissions with every search engine taking part.
pub const DEFAULT_ENDPOINT: &str = "https://api.indexnow.org/indexnow";
/// The protocol's limit of URLs in one request.
pub const MAX_URLS: usize = 10_000;
/// Tries of one request, the first included, when the answer is 429 or 5xx.
const ATTEMPTS: u32 = 4;
/// The longest wait between tries, whatever `Retry-After` asks.
const MAX_WAIT: Duration = Duration::from_secs(60);

/// Sends the changed pages of the build in `output` for the board in `root`; returns what each
/// request was answered, for the caller to print.
pub fn ping(root: &Path, output: &Path, endpoint: &str) -> anyhow::Result<Vec<String>> {
    let (config, problems) = crate::config::load(root)?;
    let Some(config) = config.filter(|_| !problems.iter().any(Problem::is_error)) else {
        return Err(InvalidInput { problems }.into());
    };
    let Some(key) = config.indexnow.key else {
        let message = "`[indexnow] key` is not set in jobsmith.toml: there is nothing to ping with";
        return Err(BadInput(message.into()).into());
    };
    let list_path = output.join(crate::indexnow::CHANGED);
    let list = std::fs::read_to_string(&list_path).with_context(|| {
        format!(
            "cannot read {} (run `jobsmith build` first)",
            list_path.display()
        )
    })?;
    let urls: Vec<&str> = list.lines().filter(|l| !l.trim().is_empty()).collect();
    if urls.is_empty() {
        return Ok(vec![
            "No page changed since the previous build: nothing sent".into(),
        ]);
    }
    // The build may have run with `--base-url`: its manifest says which.
    let base_url = crate::indexnow::manifest(&output.join(crate::indexnow::MANIFEST))
        .and_then(|m| m.base_url)
        .unwrap_or(config.base_url);
    let host = host_of(&base_url);
    let key_location = format!("{base_url}{key}.txt");
    let agent = agent();
    let mut answers = Vec::new();
    for chunk in urls.chunks(MAX_URLS) {
        let body = serde_json::json!({
            "host": host,
            "key": key,
            "keyLocation": key_location,
            "urlList": chunk,
        });
        let status = post(&agent, endpoint, &serde_json::to_vec(&body)?)?;
        answers.push(format!("Sent {} URLs to {endpoint}: {status}", chunk.len()));
    }
    Ok(answers)
}

/// The host of a base URL (`https://jobs.example.org:8443/board/` gives `jobs.example.org:8443`).
fn host_of(base_url: &str) -> &str {
    let rest = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let authority = rest.split('/').next().unwrap_or(rest);
    authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .http_status_as_error(false)
        .user_agent(concat!(
            "jobsmith/",
            env!("CARGO_PKG_VERSION"),
            " (IndexNow)"
        ))
        .build()
        .into()
}

/// POSTs `body`; tries again after a 429, a 5xx or a failed connection, waiting as the server
/// asks (`Retry-After` in seconds) or 1, 2, 4 seconds. Returns the status line of a 2xx answer.
fn post(agent: &ureq::Agent, endpoint: &str, body: &[u8]) -> anyhow::Result<String> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let sent = agent
            .post(endpoint)
            .header("Content-Type", "application/json; charset=utf-8")
            .send(body);
        let (retry, wait, problem) = match sent {
            Ok(mut response) => {
                let status = response.status();
                let reason = status.canonical_reason().unwrap_or("");
                if status.is_success() {
                    return Ok(format!("{} {reason}", status.as_u16()));
                }
                let asked = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok());
                let text = response.body_mut().read_to_string().unwrap_or_default();
                let retry = status.as_u16() == 429 || status.is_server_error();
                let problem = format!("{} {reason}{}", status.as_u16(), meaning(status.as_u16()));
                let detail = crate::text::one_line(text.trim())
                    .chars()
                    .take(200)
                    .collect::<String>();
                let problem = if detail.is_empty() {
                    problem
                } else {
                    format!("{problem}: {detail}")
                };
                (retry, asked.map(Duration::from_secs), problem)
            }
            Err(err) => (true, None, err.to_string()),
        };
        if !retry || attempt >= ATTEMPTS {
            let message = format!("{endpoint} answered {problem} (after {attempt} tries)");
            return Err(BadInput(message).into());
        }
        let wait = wait
            .unwrap_or(Duration::from_secs(1 << (attempt - 1)))
            .min(MAX_WAIT);
        eprintln!(
            "{endpoint} answered {problem}; trying again in {} s",
            wait.as_secs()
        );
        std::thread::sleep(wait);
    }
}

/// What the protocol says an answer means.
fn meaning(status: u16) -> &'static str {
    match status {
        400 => " (the request is not valid)",
        403 => " (the key is not valid: is /KEY.txt published with the key in it?)",
        422 => " (the URLs do not belong to the host, or the key does not match)",
        429 => " (too many requests)",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_come_from_the_base_url() {
        assert_eq!(
            host_of("https://jobs.example.org/board/"),
            "jobs.example.org"
        );
        assert_eq!(host_of("http://127.0.0.1:8080/"), "127.0.0.1:8080");
    }
}
