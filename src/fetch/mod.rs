//! Fetch: brings jobs in from the applicant-tracking systems companies post them in.
//!
//! Each `[[sources]]` entry of `jobsmith.toml` names a kind of API and a board on it. A fetch
//! asks every source for its postings (a few at a time, each on its own thread), maps them to
//! jobsmith's fields, and only once a source's whole answer is read and mapped writes its job
//! files under `content/sources/<kind>-<board>/`: one file per posting, named from the source's
//! own id, so the next fetch updates the same file. A source that fails leaves its files as
//! they were and does not stop the others. The clock is an input, as in builds.

mod ashby;
mod file;
mod greenhouse;
mod html;
mod http;
mod jsonfeed;
mod lever;
mod rss;
mod smartrecruiters;
mod store;
mod workable;

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::job::{Employment, Workplace};
use crate::problem::BadInput;

pub use http::Http;
pub use store::Counts;

/// Sources fetched at the same time: polite to the APIs, and enough to hide their latency.
const CONCURRENCY: usize = 4;

/// The kinds of source `jobsmith fetch` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Greenhouse,
    Lever,
    Ashby,
    Workable,
    Smartrecruiters,
    Jsonfeed,
    Rss,
}

impl Kind {
    /// The name used in `kind =` and in folder names.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Greenhouse => "greenhouse",
            Kind::Lever => "lever",
            Kind::Ashby => "ashby",
            Kind::Workable => "workable",
            Kind::Smartrecruiters => "smartrecruiters",
            Kind::Jsonfeed => "jsonfeed",
            Kind::Rss => "rss",
        }
    }

    /// Feeds have no documented endpoint: their `api_url` is the feed's whole address.
    fn is_feed(self) -> bool {
        matches!(self, Kind::Jsonfeed | Kind::Rss)
    }
}

/// One `[[sources]]` entry.
#[derive(Debug, Clone, Deserialize)]
pub struct Source {
    pub kind: Kind,
    /// The company's board token (Greenhouse), site name (Lever) or job board name (Ashby).
    pub board: String,
    /// The company's name, when the API gives none (Lever and Ashby never do).
    pub company: Option<String>,
    /// Replaces the scheme and host of the documented endpoint (a mirror, a local server);
    /// for feeds, the feed's address.
    pub api_url: Option<String>,
}

impl Source {
    /// `<kind>-<board>`: the source's name in messages, in `--only` and as its folder.
    pub fn name(&self) -> String {
        format!("{}-{}", self.kind.name(), crate::slug::slugify(&self.board))
    }

    /// The company jobs are filed under when a posting names none.
    fn company_or_board(&self) -> String {
        self.company.clone().unwrap_or_else(|| self.board.clone())
    }

    /// The address of the documented endpoint `path` (which starts with `/`), on `api_url`'s
    /// scheme and host when one is set.
    fn endpoint(&self, documented_host: &str, path: &str) -> String {
        let base = self
            .api_url
            .as_deref()
            .unwrap_or(documented_host)
            .trim_end_matches('/');
        format!("{base}{path}")
    }

    /// The board as one path segment, percent-encoded.
    fn board_segment(&self) -> String {
        let mut out = String::new();
        for byte in self.board.trim().bytes() {
            if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                out.push(char::from(byte));
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
        out
    }
}

/// A posting as the source gives it, mapped to jobsmith's fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Posting {
    /// The source's own id: it names the job file.
    pub id: String,
    pub title: String,
    pub company: Option<String>,
    pub locations: Vec<String>,
    pub workplace: Option<Workplace>,
    pub employment: Option<Employment>,
    /// When it was published (else updated), RFC 3339 or `YYYY-MM-DD`.
    pub date: Option<String>,
    pub apply_url: Option<String>,
    /// The posting's own page at the source.
    pub page_url: Option<String>,
    /// HTML, not yet sanitised.
    pub description: String,
    pub categories: Vec<String>,
    pub salary: Option<Pay>,
}

/// A salary range as an API gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Pay {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub currency: String,
    /// `year`, `month` or `hour`.
    pub period: &'static str,
}

/// How a kind of source asks for a URL: the body, or what went wrong.
type Get<'a> = &'a dyn Fn(&str) -> Result<String, String>;

/// What a fetch was asked to do.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    pub root: &'a Path,
    /// Fetch only the source of this name (`greenhouse-acme`) or board.
    pub only: Option<&'a str>,
    /// The fetch clock: closing dates come from it.
    pub now: DateTime<Utc>,
}

/// What happened to one source.
#[derive(Debug)]
pub struct Outcome {
    pub name: String,
    /// The counts, or what went wrong (the source's files were left as they were).
    pub result: Result<Counts, String>,
    /// Postings left out, each with why; their files are left as they were.
    pub refused: Vec<String>,
    /// What was odd but fetched anyway (a posting listed twice: the first is kept).
    pub warnings: Vec<String>,
}

/// `jobsmith fetch`: fetches every source (or the one named) and writes its job files.
pub fn fetch(options: &Options, http: &Http) -> anyhow::Result<Vec<Outcome>> {
    let (config, problems) = crate::config::load(options.root)?;
    let Some(config) = config else {
        return Err(crate::problem::InvalidInput { problems }.into());
    };
    let sources = chosen(&config.sources, options.only)?;
    let user_agent = format!(
        "jobsmith/{} (+{})",
        env!("CARGO_PKG_VERSION"),
        config.base_url
    );
    let answers = fetch_all(&sources, http, &user_agent);
    let outcomes = sources
        .iter()
        .zip(answers)
        .map(|(source, answer)| settle(options, source, answer))
        .collect();
    Ok(outcomes)
}

/// The sources to fetch: every one, or those `only` names.
fn chosen(sources: &[Source], only: Option<&str>) -> anyhow::Result<Vec<Source>> {
    if let Some(source) = sources.iter().find(|s| s.board.trim().is_empty()) {
        let message = format!("a `{}` source has an empty `board`", source.kind.name());
        return Err(BadInput(message).into());
    }
    if let Some(source) = sources
        .iter()
        .find(|s| s.kind.is_feed() && s.api_url.is_none())
    {
        let message = format!(
            "{}: a feed source needs `api_url`, the feed's address",
            source.name()
        );
        return Err(BadInput(message).into());
    }
    let Some(only) = only else {
        return Ok(sources.to_vec());
    };
    let picked: Vec<Source> = sources
        .iter()
        .filter(|s| s.name() == only || s.board == only)
        .cloned()
        .collect();
    if picked.is_empty() {
        let names: Vec<String> = sources.iter().map(Source::name).collect();
        let message = format!(
            "no source is named {only:?}; the sources are: {}",
            names.join(", ")
        );
        return Err(BadInput(message).into());
    }
    Ok(picked)
}

/// A posting left out: its id (its file is left as it is) and why.
type Refusal = (String, String);

/// A source's postings (each mapped, or refused), or what went wrong.
type Answer = Result<Vec<Result<Posting, Refusal>>, String>;

/// Fetches every source, at most `CONCURRENCY` at a time; answers come back in source order.
fn fetch_all(sources: &[Source], http: &Http, user_agent: &str) -> Vec<Answer> {
    let next = AtomicUsize::new(0);
    let answers: Mutex<Vec<Option<Answer>>> = Mutex::new(vec![None; sources.len()]);
    std::thread::scope(|scope| {
        for _ in 0..CONCURRENCY.min(sources.len()) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(source) = sources.get(i) else { break };
                    let answer = read_source(source, http, user_agent);
                    if let Ok(mut answers) = answers.lock() {
                        answers[i] = Some(answer);
                    }
                }
            });
        }
    });
    answers
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|a| a.unwrap_or_else(|| Err("not fetched (a worker stopped)".into())))
        .collect()
}

/// Asks one source for its postings and maps them.
fn read_source(source: &Source, http: &Http, user_agent: &str) -> Answer {
    let user_agent = format!("{user_agent} {}", source.name());
    let get = |url: &str| http.get(url, &user_agent);
    let postings = match source.kind {
        Kind::Greenhouse => greenhouse::fetch(source, &get),
        Kind::Lever => lever::fetch(source, &get),
        Kind::Ashby => ashby::fetch(source, &get),
        Kind::Workable => workable::fetch(source, &get),
        Kind::Smartrecruiters => smartrecruiters::fetch(source, &get),
        Kind::Jsonfeed => jsonfeed::fetch(source, &get),
        Kind::Rss => rss::fetch(source, &get),
    }?;
    Ok(postings.into_iter().map(check_posting).collect())
}

/// Refuses a posting jobsmith cannot publish safely: no id, no title, or a link that is not
/// absolute http(s).
fn check_posting(posting: Posting) -> Result<Posting, Refusal> {
    let named = |why: &str| {
        let message = format!("posting {:?} ({}): {why}", posting.id, posting.title);
        (posting.id.clone(), message)
    };
    if posting.id.trim().is_empty() {
        return Err(named("it has no id"));
    }
    if posting.title.trim().is_empty() {
        return Err(named("it has no title"));
    }
    for (what, url) in [
        ("apply URL", &posting.apply_url),
        ("page URL", &posting.page_url),
    ] {
        if let Some(url) = url
            && let Err(why) = crate::validate::check_url(url)
        {
            return Err(named(&format!("its {what} {url:?} {why}")));
        }
    }
    if posting.apply_url.is_none() && posting.page_url.is_none() {
        return Err(named("it has no apply URL or page URL"));
    }
    Ok(posting)
}

/// Writes one source's files from its answer.
fn settle(options: &Options, source: &Source, answer: Answer) -> Outcome {
    let name = source.name();
    let postings = match answer {
        Ok(postings) => postings,
        Err(why) => {
            return Outcome {
                name,
                result: Err(why),
                refused: Vec::new(),
                warnings: Vec::new(),
            };
        }
    };
    let (mut kept, mut refused, mut warnings) = (Vec::new(), Vec::new(), Vec::new());
    let mut stems = std::collections::BTreeSet::new();
    for posting in postings {
        match posting {
            Ok(posting) if !stems.insert(store::file_stem(&posting.id)) => warnings.push(format!(
                "posting {:?} ({}) is listed twice; the first is kept",
                posting.id, posting.title
            )),
            Ok(posting) => kept.push(posting),
            Err(refusal) => refused.push(refusal),
        }
    }
    let dir = Path::new("content/sources").join(&name);
    let refused_ids: Vec<&str> = refused.iter().map(|(id, _)| id.as_str()).collect();
    let result = store::write(options.root, &dir, source, &kept, &refused_ids, options.now)
        .map_err(|err| format!("{err:#}"));
    Outcome {
        name,
        result,
        refused: refused.into_iter().map(|(_, why)| why).collect(),
        warnings,
    }
}

/// Reads an API's JSON answer into `T`, saying where it is not the shape expected.
fn parse_json<T: serde::de::DeserializeOwned>(url: &str, body: &str) -> Result<T, String> {
    serde_json::from_str(body).map_err(|err| {
        let what = if err.is_syntax() || err.is_eof() {
            "is not valid JSON"
        } else {
            "is not the shape expected"
        };
        format!("the answer from {url} {what}: {err}")
    })
}

/// Adds `name` to `categories` unless it is blank or already there.
fn push_category(categories: &mut Vec<String>, name: Option<&str>) {
    if let Some(name) = name.map(str::trim).filter(|n| !n.is_empty())
        && !categories.iter().any(|c| c == name)
    {
        categories.push(name.to_string());
    }
}
