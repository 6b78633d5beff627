//! The README's content: table rows, the stats line and trending skills, as the published boards
//! show them.
//!
//! Pure functions of the site model and the configuration; the README and archive targets render
//! them through the `README.md` and `archive.md` templates.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::{Config, SkillsCase, Utm};
use crate::job::Job;
use crate::site::{Entry, Site};
use crate::skills::SkillMatcher;
use crate::table::{escape_cell, link_cell};
use crate::view::short_amount;

/// Fewest jobs with a salary before a salary figure is shown.
pub const MIN_SALARIES: usize = 5;

/// Annual amounts outside this range are ignored by the salary statistic.
const PLAUSIBLE_ANNUAL: std::ops::RangeInclusive<f64> = 1_000.0..=10_000_000.0;

/// One table row, cell by cell, escaped for GitHub.
#[derive(Debug, Serialize)]
pub struct Row {
    pub company: String,
    pub position: String,
    pub location: String,
    pub workplace: &'static str,
    pub date: String,
    /// The whole `| … |` line.
    pub line: String,
}

/// The figures of the stats line.
#[derive(Debug, Serialize, PartialEq)]
pub struct Stats {
    pub jobs: usize,
    pub remote_percent: usize,
    pub companies: usize,
    /// "139k USD", only when enough jobs have salary data.
    pub median_salary: Option<String>,
    /// The stats line as the published boards print it: "50 jobs | 34% remote | 42 companies".
    pub line: String,
}

/// The rows of the newest `max` current jobs.
pub fn rows(site: &Site, utm: &Utm, max: usize) -> Vec<Row> {
    site.current_jobs()
        .take(max)
        .map(|entry| row(entry, utm))
        .collect()
}

fn row(entry: &Entry, utm: &Utm) -> Row {
    let job = &entry.job;
    let company = link_cell(&job.company, job.company_url.as_deref());
    let position = link_cell(&job.title, Some(&with_utm(&job.url, utm)));
    let location = escape_cell(&job.location);
    let workplace = job.workplace.label();
    let date = job.date.format("%b %d").to_string();
    let line = format!("| {company} | {position} | {location} | {workplace} | {date} |");
    Row {
        company,
        position,
        location,
        workplace,
        date,
        line,
    }
}

/// Adds the utm parameters to `url`, after any query it has and before any fragment.
pub fn with_utm(url: &str, utm: &Utm) -> String {
    let pairs: Vec<String> = [
        ("utm_source", &utm.source),
        ("utm_medium", &utm.medium),
        ("utm_campaign", &utm.campaign),
    ]
    .into_iter()
    .filter_map(|(key, value)| {
        value
            .as_ref()
            .map(|v| format!("{key}={}", encode_query_value(v)))
    })
    .collect();
    if pairs.is_empty() {
        return url.to_string();
    }
    let (base, fragment) = match url.split_once('#') {
        Some((base, fragment)) => (base, Some(fragment)),
        None => (url, None),
    };
    let separator = if !base.contains('?') {
        "?"
    } else if base.ends_with('?') || base.ends_with('&') {
        ""
    } else {
        "&"
    };
    let mut out = format!("{base}{separator}{}", pairs.join("&"));
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// Percent-encodes what cannot stand in a query value.
fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Jobs, share remote, companies and, with enough data, the median salary of current jobs.
pub fn stats(site: &Site) -> Stats {
    let jobs = site.current.len();
    let remote = site
        .current_jobs()
        .filter(|e| e.job.workplace == crate::job::Workplace::Remote)
        .count();
    let remote_percent = (remote * 100 + jobs / 2).checked_div(jobs).unwrap_or(0);
    let companies = site.companies.len();
    let median_salary = median_salary(site);
    let mut line = format!(
        "{jobs} {} | {remote_percent}% remote | {companies} {}",
        if jobs == 1 { "job" } else { "jobs" },
        if companies == 1 {
            "company"
        } else {
            "companies"
        }
    );
    if let Some(salary) = &median_salary {
        line.push_str(&format!(" | Median salary: {salary}"));
    }
    Stats {
        jobs,
        remote_percent,
        companies,
        median_salary,
        line,
    }
}

/// The median annual salary in the board's most common currency, rounded, or `None` when fewer
/// than `MIN_SALARIES` current jobs in that currency have a plausible figure.
pub fn median_salary(site: &Site) -> Option<String> {
    let mut by_currency: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for entry in site.current_jobs() {
        let Some(salary) = &entry.job.salary else {
            continue;
        };
        if let Some(annual) = salary
            .annual_midpoint()
            .filter(|a| PLAUSIBLE_ANNUAL.contains(a))
        {
            by_currency
                .entry(salary.currency.as_str())
                .or_default()
                .push(annual);
        }
    }
    // The most figures wins; among equals, the first currency in alphabetical order.
    let (currency, mut amounts) =
        by_currency
            .into_iter()
            .fold(None::<(&str, Vec<f64>)>, |best, (c, a)| match best {
                Some((bc, ba)) if ba.len() >= a.len() => Some((bc, ba)),
                _ => Some((c, a)),
            })?;
    if amounts.len() < MIN_SALARIES {
        return None;
    }
    amounts.sort_by(f64::total_cmp);
    let n = amounts.len();
    let median = if n % 2 == 1 {
        amounts[n / 2]
    } else {
        (amounts[n / 2 - 1] + amounts[n / 2]) / 2.0
    };
    Some(format!("{} {currency}", short_amount(median)))
}

/// The trending-skills line: its skills and the note that says where they came from.
#[derive(Debug, Serialize, PartialEq)]
pub struct Trending {
    pub skills: Vec<String>,
    /// "Skills are identified from job descriptions and may vary", as the published boards say
    /// it when that is where they came from.
    pub note: String,
}

/// Where a job's skills for the trending line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SkillSource {
    Listed,
    Descriptions,
    Titles,
}

/// The `count` skills most current jobs have, most frequent first, ties by name: a job's own
/// `skills` list where it gives one, else the skills named in its description where it has
/// one, else those named in its title. Printed as words ("nodejs") or as the site names them
/// ("Node.js"), as `case` says; names printed as the same word are counted as one skill.
pub fn trending_skills(
    site: &Site,
    count: usize,
    matcher: &SkillMatcher,
    case: SkillsCase,
) -> Trending {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut sources: Vec<SkillSource> = Vec::new();
    for entry in site.current_jobs() {
        let (from, skills) = job_skills(&entry.job);
        let mut any = false;
        for skill in skills {
            *counts.entry(skill).or_default() += 1;
            any = true;
        }
        if any && !sources.contains(&from) {
            sources.push(from);
        }
    }
    let mut printed: BTreeMap<String, usize> = BTreeMap::new();
    for (name, jobs) in counts {
        let shown = match case {
            SkillsCase::Lower => matcher.word(name),
            SkillsCase::Names => name.to_string(),
        };
        *printed.entry(shown).or_default() += jobs;
    }
    let mut ranked: Vec<(String, usize)> = printed.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let skills = ranked
        .into_iter()
        .take(count)
        .map(|(name, _)| name)
        .collect();
    Trending {
        skills,
        note: note(&sources),
    }
}

/// One job's skills for the trending line, and where they came from.
fn job_skills(job: &Job) -> (SkillSource, impl Iterator<Item = &str>) {
    let from = if job.skills_listed {
        SkillSource::Listed
    } else if !crate::text::is_blank(&job.description) {
        SkillSource::Descriptions
    } else {
        SkillSource::Titles
    };
    let skills = job.skills.iter().enumerate().filter_map(move |(i, skill)| {
        let counted =
            from != SkillSource::Descriptions || (i < 64 && job.description_skills & (1 << i) != 0);
        counted.then_some(skill.as_str())
    });
    (from, skills)
}

/// The note under the trending line, saying where its skills came from.
fn note(sources: &[SkillSource]) -> String {
    let has = |from| sources.contains(&from);
    let identified = match (has(SkillSource::Descriptions), has(SkillSource::Titles)) {
        (true, true) => Some("identified from job descriptions (titles where there is none)"),
        (true, false) => Some("identified from job descriptions"),
        (false, true) => Some("identified from job titles"),
        (false, false) => None,
    };
    match (has(SkillSource::Listed), identified) {
        (true, Some(identified)) => {
            format!("Skills are as the jobs list them, or {identified}, and may vary")
        }
        (true, None) => "Skills are as the jobs list them".to_string(),
        (false, Some(identified)) => format!("Skills are {identified} and may vary"),
        (false, None) => String::new(),
    }
}

/// "Oct 22, 2025 at 20:30 UTC", as the published boards' "Last updated" line has it.
pub fn updated_line(site: &Site) -> String {
    site.now.format("%b %d, %Y at %H:%M UTC").to_string()
}

/// The title of the README: `[readme] title`, else the board's.
pub fn title(config: &Config) -> &str {
    config.readme.title.as_deref().unwrap_or(&config.title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utm() -> Utm {
        Utm {
            source: Some("github".into()),
            medium: Some("repo".into()),
            campaign: Some("x y".into()),
        }
    }

    #[test]
    fn the_skills_note_says_where_the_skills_came_from() {
        use SkillSource::{Descriptions, Listed, Titles};
        assert_eq!(
            note(&[Descriptions]),
            "Skills are identified from job descriptions and may vary"
        );
        assert_eq!(
            note(&[Titles, Descriptions]),
            "Skills are identified from job descriptions (titles where there is none) and may vary"
        );
        assert_eq!(note(&[Listed]), "Skills are as the jobs list them");
        assert_eq!(
            note(&[Listed, Titles]),
            "Skills are as the jobs list them, or identified from job titles, and may vary"
        );
        assert_eq!(note(&[]), "");
    }

    #[test]
    fn utm_parameters_keep_the_query_and_fragment() {
        assert_eq!(
            with_utm("https://e.org/j/1", &utm()),
            "https://e.org/j/1?utm_source=github&utm_medium=repo&utm_campaign=x%20y"
        );
        assert_eq!(
            with_utm("https://e.org/j?id=1#apply", &utm()),
            "https://e.org/j?id=1&utm_source=github&utm_medium=repo&utm_campaign=x%20y#apply"
        );
        assert_eq!(
            with_utm("https://e.org/j", &Utm::default()),
            "https://e.org/j"
        );
    }
}
