//! The board's configuration, read from `jobsmith.toml`.
//!
//! Every key has a default except `title` and `base_url`. `KEYS` lists every key the file may
//! hold: it drives the unknown-key warnings and the documentation test.

use std::path::Path;

use anyhow::Context as _;
use serde::Deserialize;

use crate::problem::{Problem, line_column};

/// The name of the configuration file in a board's root.
pub const FILE_NAME: &str = "jobsmith.toml";

/// Every key of `jobsmith.toml`, dotted, with its type and default (for `docs/configuration.md`).
pub const KEYS: &[(&str, &str, &str)] = &[
    ("title", "string", "required"),
    ("base_url", "string", "required"),
    ("description", "string", "\"\""),
    ("language", "string", "\"en\""),
    ("per_page", "integer", "50"),
    ("expire_after_days", "integer", "45"),
    ("new_days", "integer", "3"),
    ("minify", "boolean", "true"),
    ("categories", "array of strings", "[] (every category)"),
    ("readme.enabled", "boolean", "true"),
    ("readme.output", "string", "\"README.md\""),
    ("readme.max_jobs", "integer", "50"),
    ("readme.title", "string", "the board's title"),
    (
        "readme.intro",
        "string (markdown)",
        "the board's description",
    ),
    ("readme.footer", "string (markdown)", "\"\""),
    ("readme.trending_skills", "integer", "5"),
    ("readme.skills_case", "\"lower\" or \"names\"", "\"lower\""),
    ("readme.utm.source", "string", "none"),
    ("readme.utm.medium", "string", "none"),
    ("readme.utm.campaign", "string", "none"),
    ("archive.enabled", "boolean", "true"),
    ("archive.dir", "string", "\"archive\""),
    ("archive.keep_days", "integer", "7"),
    ("archive.title", "string", "the board's title"),
    ("archive.footer", "string (markdown)", "\"\""),
    ("feeds.max_items", "integer", "50"),
    ("feeds.combinations", "array of pairs of strings", "[]"),
    ("feeds.aggregator.enabled", "boolean", "true"),
    ("feeds.aggregator.output", "string", "\"feeds/indeed.xml\""),
    ("skills.extra", "array of strings", "[]"),
    ("dataset.duplicates", "\"warn\" or \"error\"", "\"warn\""),
    (
        "dataset.remote_from",
        "string or array of strings",
        "[] (remote jobs say where, or nothing is said)",
    ),
    ("sources.kind", "string", "required in each [[sources]]"),
    ("sources.board", "string", "required in each [[sources]]"),
    (
        "sources.company",
        "string",
        "the API's company name, else the board",
    ),
    ("sources.api_url", "string", "the API's documented host"),
    ("indexnow.key", "string", "none"),
    ("site.keep_old_location_urls", "boolean", "false"),
];

/// The whole configuration, with defaults filled in.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Config {
    pub title: String,
    /// Absolute http(s) URL, always ending with `/`.
    pub base_url: String,
    pub description: String,
    pub language: String,
    pub per_page: usize,
    pub expire_after_days: u32,
    /// The line of `expire_after_days` in the file (1 when it is not there), for messages.
    #[serde(skip)]
    pub expire_after_days_line: usize,
    /// Jobs posted within this many days (of the build clock) carry a "new" badge.
    pub new_days: u32,
    pub minify: bool,
    /// When not empty, only jobs in one of these categories are on the board.
    pub categories: Vec<String>,
    pub readme: Readme,
    pub archive: Archive,
    pub feeds: Feeds,
    pub skills: Skills,
    pub dataset: DatasetRules,
    /// `[[sources]]`: where `jobsmith fetch` brings jobs in from.
    pub sources: Vec<crate::fetch::Source>,
    pub indexnow: IndexNow,
    pub site: SiteOptions,
}

/// `[site]`: choices about the website's pages.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SiteOptions {
    /// Location pages of a board built before pages were made per city (named after each raw
    /// location string) stay as small pages redirecting to the new ones.
    pub keep_old_location_urls: bool,
}

/// `[indexnow]`: the key that lets `jobsmith ping` tell search engines which pages changed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct IndexNow {
    /// 8 to 128 of `a-z`, `A-Z`, `0-9`, `-`; written as `/{key}.txt`.
    pub key: Option<String>,
}

/// `[readme]`: the GitHub README target.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Readme {
    pub enabled: bool,
    /// Relative to the board root.
    pub output: String,
    pub max_jobs: usize,
    pub title: Option<String>,
    pub intro: Option<String>,
    pub footer: String,
    pub trending_skills: usize,
    /// How the trending line writes skills: `lower` words ("nodejs"), or the names the site
    /// shows ("Node.js").
    pub skills_case: SkillsCase,
    pub utm: Utm,
}

/// `readme.skills_case`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SkillsCase {
    /// Lowercase words, as the published boards print them: "python, nodejs".
    #[default]
    Lower,
    /// The names the site shows: "Python, Node.js".
    Names,
}

/// `[readme.utm]`: tracking parameters added to job links in the README and archive.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct Utm {
    pub source: Option<String>,
    pub medium: Option<String>,
    pub campaign: Option<String>,
}

/// `[archive]`: one markdown file per day.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Archive {
    pub enabled: bool,
    /// Relative to the board root.
    pub dir: String,
    pub keep_days: u32,
    pub title: Option<String>,
    pub footer: String,
}

/// `[feeds]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Feeds {
    pub max_items: usize,
    /// Pairs of group kinds (`crate::targets::combos::KINDS`) to write combined feeds for.
    pub combinations: Vec<Vec<String>>,
    pub aggregator: Aggregator,
}

/// `[feeds.aggregator]`: the Indeed XML feed that job aggregators read.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Aggregator {
    pub enabled: bool,
    /// Where in the site, `/`-separated, relative to the site root.
    pub output: String,
}

impl Default for Aggregator {
    fn default() -> Aggregator {
        Aggregator {
            enabled: true,
            output: "feeds/indeed.xml".into(),
        }
    }
}

/// `[skills]`: extends the built-in list of recognised skills.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Skills {
    pub extra: Vec<String>,
}

/// `[dataset]`: how strictly the dataset is read.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DatasetRules {
    /// Two records of one job (same identity): a warning, or an error.
    pub duplicates: Severity,
    /// Countries or regions applicants to a remote job may live in, when the job's data names
    /// no place (`crate::eligibility`).
    #[serde(deserialize_with = "one_or_many")]
    pub remote_from: Vec<String>,
}

/// A string, or an array of strings.
fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    match OneOrMany::deserialize(deserializer) {
        Ok(OneOrMany::One(one)) => Ok(vec![one]),
        Ok(OneOrMany::Many(many)) => Ok(many),
        Err(_) => Err(serde::de::Error::custom(
            "expected a string or an array of strings",
        )),
    }
}

/// `warn` or `error`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    #[default]
    Warn,
    Error,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            title: String::new(),
            base_url: String::new(),
            description: String::new(),
            language: "en".into(),
            per_page: 50,
            expire_after_days: 45,
            expire_after_days_line: 1,
            new_days: 3,
            minify: true,
            categories: Vec::new(),
            readme: Readme::default(),
            archive: Archive::default(),
            feeds: Feeds::default(),
            skills: Skills::default(),
            dataset: DatasetRules::default(),
            sources: Vec::new(),
            indexnow: IndexNow::default(),
            site: SiteOptions::default(),
        }
    }
}

impl Default for Readme {
    fn default() -> Readme {
        Readme {
            enabled: true,
            output: "README.md".into(),
            max_jobs: 50,
            title: None,
            intro: None,
            footer: String::new(),
            trending_skills: 5,
            skills_case: SkillsCase::default(),
            utm: Utm::default(),
        }
    }
}

impl Default for Archive {
    fn default() -> Archive {
        Archive {
            enabled: true,
            dir: "archive".into(),
            keep_days: 7,
            title: None,
            footer: String::new(),
        }
    }
}

impl Default for Feeds {
    fn default() -> Feeds {
        Feeds {
            max_items: 50,
            combinations: Vec::new(),
            aggregator: Aggregator::default(),
        }
    }
}

/// Reads `jobsmith.toml` in `root`. IO failures are errors; problems with the content come back
/// as `Problem`s (warnings for unknown keys), with the configuration when it is usable.
pub fn load(root: &Path) -> anyhow::Result<(Option<Config>, Vec<Problem>)> {
    let path = root.join(FILE_NAME);
    let bytes = crate::load::read_regular(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{} is not UTF-8 text", path.display()))?;
    Ok(parse(&text))
}

/// Parses the text of `jobsmith.toml`.
pub fn parse(text: &str) -> (Option<Config>, Vec<Problem>) {
    let mut problems = Vec::new();
    let table: toml::Table = match toml::from_str(text) {
        Ok(table) => table,
        Err(err) => {
            let (line, column) = line_column(text, err.span().map_or(0, |s| s.start));
            problems.push(Problem::error(
                FILE_NAME,
                line,
                column,
                err.message().trim(),
            ));
            return (None, problems);
        }
    };
    warn_unknown_keys(text, &table, "", &mut problems);
    let config = match toml::from_str::<Config>(text) {
        Ok(config) => config,
        Err(err) => {
            let offset = err.span().map_or(0, |s| s.start);
            let (line, column) = line_column(text, offset);
            let key = crate::wording::toml_key_at(text, offset);
            let message = match key.is_empty() {
                true => err.message().trim().to_string(),
                false => crate::wording::value_error(&key, err.message()),
            };
            problems.push(Problem::error(FILE_NAME, line, column, message));
            return (None, problems);
        }
    };
    let config = check(config, text, &table, &mut problems).map(|config| Config {
        expire_after_days_line: key_line(text, "expire_after_days"),
        ..config
    });
    if let Some(config) = &config {
        warn_unknown_areas(config, text, &mut problems);
    }
    (config, problems)
}

/// A warning for each name of `[dataset] remote_from` that is no country or region jobsmith
/// knows.
fn warn_unknown_areas(config: &Config, text: &str, problems: &mut Vec<Problem>) {
    for name in &config.dataset.remote_from {
        if let crate::eligibility::Area::Unknown(name) = crate::eligibility::Area::read(name) {
            let line = table_key_line(text, "dataset", "remote_from");
            let message = crate::eligibility::unknown_message("dataset.remote_from", &name);
            problems.push(Problem::warning(FILE_NAME, line, 1, message));
        }
    }
}

fn check(
    mut config: Config,
    text: &str,
    table: &toml::Table,
    problems: &mut Vec<Problem>,
) -> Option<Config> {
    let before = problems.len();
    for key in ["title", "base_url"] {
        if !table.contains_key(key) {
            let message = format!("missing required key `{key}`");
            problems.push(Problem::error(FILE_NAME, 1, 1, message));
        }
    }
    if table.contains_key("base_url") {
        match normalise_base_url(&config.base_url) {
            Some(url) => config.base_url = url,
            None => {
                let line = key_line(text, "base_url");
                let message = format!(
                    "`base_url` must be an absolute http or https URL, not {:?}",
                    config.base_url
                );
                problems.push(Problem::error(FILE_NAME, line, 1, message));
            }
        }
    }
    let board_paths = [
        ("readme.output", "output", &config.readme.output),
        ("archive.dir", "dir", &config.archive.dir),
    ];
    for (key, leaf, value) in board_paths {
        if let Some(message) = crate::write::outputs::board_path_problem(key, value) {
            problems.push(Problem::error(FILE_NAME, key_line(text, leaf), 1, message));
        }
    }
    if config.per_page == 0 {
        let line = key_line(text, "per_page");
        problems.push(Problem::error(
            FILE_NAME,
            line,
            1,
            "`per_page` must be at least 1",
        ));
    }
    if !is_site_path(&config.feeds.aggregator.output) {
        let line = table_key_line(text, "feeds.aggregator", "output");
        let message = format!(
            "`feeds.aggregator.output` must be a relative path of plain names inside the site, such as \"feeds/indeed.xml\", not {:?}",
            config.feeds.aggregator.output
        );
        problems.push(Problem::error(FILE_NAME, line, 1, message));
    }
    for pair in &config.feeds.combinations {
        let known = |k: &String| crate::targets::combos::KINDS.contains(&k.as_str());
        if pair.len() != 2 || pair[0] == pair[1] || !pair.iter().all(known) {
            let line = key_line(text, "combinations");
            let message = format!(
                "each of `feeds.combinations` must be two different kinds of {}, not {pair:?}",
                crate::targets::combos::KINDS.join(", ")
            );
            problems.push(Problem::error(FILE_NAME, line, 1, message));
        }
    }
    if let Some(key) = &config.indexnow.key
        && !crate::indexnow::is_valid_key(key)
    {
        let line = key_line(text, "key");
        let message =
            format!("`indexnow.key` must be 8 to 128 letters, digits or `-`, not {key:?}");
        problems.push(Problem::error(FILE_NAME, line, 1, message));
    }
    (problems.len() == before).then_some(config)
}

/// A `/`-separated relative path of plain names (no `.`, `..`, empty or hidden segments, no
/// backslash or control character): a file the site may hold.
fn is_site_path(path: &str) -> bool {
    !path.is_empty()
        && path.split('/').all(|segment| {
            !segment.is_empty()
                && !segment.starts_with('.')
                && !segment
                    .chars()
                    .any(|c| c == '\\' || c == ':' || c.is_control())
        })
}

/// Checks that `url` is an absolute http(s) URL with a host and nothing after its path (a
/// query or fragment would end up inside every link: `/board/?x=1/search.js`), and gives it a
/// trailing `/`. The text is kept as written, apart from that slash.
pub fn normalise_base_url(url: &str) -> Option<String> {
    let text = url.trim();
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) || text.contains(['?', '#']) {
        return None;
    }
    let after_scheme = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))?;
    if after_scheme.starts_with(['/', '\\']) {
        return None;
    }
    let parsed = url::Url::parse(text).ok()?;
    let web = matches!(parsed.scheme(), "http" | "https");
    if !web || parsed.host_str().is_none_or(str::is_empty) || !parsed.username().is_empty() {
        return None;
    }
    if parsed.password().is_some() {
        return None;
    }
    let mut url = text.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Some(url)
}

fn warn_unknown_keys(text: &str, table: &toml::Table, prefix: &str, problems: &mut Vec<Problem>) {
    for (key, value) in table {
        let dotted = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        let known_leaf = KEYS.iter().any(|(k, _, _)| *k == dotted);
        let known_table = KEYS
            .iter()
            .any(|(k, _, _)| k.starts_with(&format!("{dotted}.")));
        match value {
            toml::Value::Table(inner) if known_table => {
                warn_unknown_keys(text, inner, &dotted, problems)
            }
            toml::Value::Array(items) if known_table => {
                for inner in items.iter().filter_map(toml::Value::as_table) {
                    warn_unknown_keys(text, inner, &dotted, problems);
                }
            }
            _ if known_leaf => {}
            _ => {
                let line = key_line(text, key);
                let known = KEYS.iter().map(|(k, _, _)| *k);
                let message = crate::wording::unknown_key(&dotted, known);
                problems.push(Problem::warning(FILE_NAME, line, 1, message));
            }
        }
    }
}

/// The line that sets `key` inside the `[table]` section, for messages; else as `key_line`.
fn table_key_line(text: &str, table: &str, key: &str) -> usize {
    let header = format!("[{table}]");
    let Some(start) = text.lines().position(|l| l.trim() == header) else {
        return key_line(text, key);
    };
    let section: String = text
        .lines()
        .skip(start + 1)
        .take_while(|l| !l.trim_start().starts_with('['))
        .map(|l| format!("{l}\n"))
        .collect();
    match key_line(&section, key) {
        1 if !section.trim_start().starts_with(key) => key_line(text, key),
        line => start + 1 + line,
    }
}

/// The first line that sets `key` (`key =` or `key:`), for messages; 1 when none does.
pub fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|line| {
            let line = line.trim_start().trim_start_matches('"');
            line.strip_prefix(key).is_some_and(|rest| {
                let rest = rest.trim_start_matches('"').trim_start();
                rest.starts_with('=') || rest.starts_with(':')
            })
        })
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_defaults() {
        let (config, problems) = parse("title = \"T\"\nbase_url = \"https://example.org/board\"\n");
        assert!(problems.is_empty(), "{problems:?}");
        let config = config.expect("valid");
        assert_eq!(config.base_url, "https://example.org/board/");
        assert_eq!(config.per_page, 50);
        assert_eq!(config.readme.output, "README.md");
        assert_eq!(config.archive.keep_days, 7);
        assert_eq!(config.feeds.max_items, 50);
    }

    #[test]
    fn requires_title_and_base_url() {
        let (config, problems) = parse("description = \"x\"\n");
        assert!(config.is_none());
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "missing required key `title`",
                "missing required key `base_url`"
            ]
        );
    }

    #[test]
    fn a_base_url_is_a_plain_web_address() {
        for good in [
            "https://e.org",
            "http://e.org/board",
            "https://e.org:8080/a/b/",
        ] {
            assert!(normalise_base_url(good).is_some(), "{good}");
        }
        for bad in [
            "https://e.org/board/?x=1",
            "https://e.org/#top",
            "ftp://e.org/",
            "https://",
            "https:///path",
            "javascript:alert(1)",
            "https://user:pw@e.org/",
            "https://e.org/a b/",
            "//e.org/",
        ] {
            assert_eq!(normalise_base_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn refuses_a_relative_base_url() {
        let (config, problems) = parse("title = \"T\"\n\nbase_url = \"/board/\"\n");
        assert!(config.is_none());
        assert_eq!(problems[0].line, 3);
    }

    #[test]
    fn warns_about_unknown_keys_by_their_dotted_name() {
        let text =
            "title = \"T\"\nbase_url = \"https://e.org\"\ncolour = 1\n[readme]\nmax_job = 3\n";
        let (config, problems) = parse(text);
        assert!(config.is_some());
        let shown: Vec<_> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "jobsmith.toml:3:1: warning: unknown key `colour` (ignored)",
                "jobsmith.toml:5:1: warning: unknown key `readme.max_job` (ignored); did you mean `readme.max_jobs`?",
            ]
        );
    }

    #[test]
    fn sources_are_read_and_their_unknown_keys_and_kinds_named() {
        let base = "title = \"T\"\nbase_url = \"https://e.org\"\n";
        let text = format!("{base}[[sources]]\nkind = \"lever\"\nboard = \"globex\"\nbord = 1\n");
        let (config, problems) = parse(&text);
        let config = config.expect("valid");
        assert_eq!(config.sources[0].name(), "lever-globex");
        let shown: Vec<_> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "jobsmith.toml:6:1: warning: unknown key `sources.bord` (ignored); did you mean `sources.board`?"
            ]
        );
        let (config, problems) = parse(&format!(
            "{base}[[sources]]\nkind = \"taleo\"\nboard = \"x\"\n"
        ));
        assert!(config.is_none());
        assert_eq!(problems[0].line, 4, "{problems:?}");
    }

    #[test]
    fn refuses_readme_and_archive_paths_into_the_board_itself() {
        for (key, value, line) in [
            ("output", "jobsmith.toml", 4),
            ("output", "content/jobs/a.md", 4),
            ("output", "../README.md", 4),
            ("dir", "content/jobs", 4),
            ("dir", ".", 4),
            ("dir", "/tmp/archive", 4),
        ] {
            let table = if key == "dir" { "archive" } else { "readme" };
            let text = format!(
                "title = \"T\"\nbase_url = \"https://e.org\"\n[{table}]\n{key} = \"{value}\"\n"
            );
            let (config, problems) = parse(&text);
            assert!(config.is_none(), "{value}");
            assert_eq!((problems[0].line, problems.len()), (line, 1), "{value}");
        }
    }

    #[test]
    fn a_bad_aggregator_path_is_reported_at_its_own_line() {
        let text = "title = \"T\"\nbase_url = \"https://e.org\"\n[readme]\noutput = \"README.md\"\n[feeds.aggregator]\nenabled = true\noutput = \"../x.xml\"\n";
        let (config, problems) = parse(text);
        assert!(config.is_none());
        assert_eq!(problems[0].line, 7, "{problems:?}");
    }

    #[test]
    fn reports_syntax_errors_with_their_line() {
        let (config, problems) = parse("title = \"T\"\nbase_url = \n");
        assert!(config.is_none());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 2);
    }
}
