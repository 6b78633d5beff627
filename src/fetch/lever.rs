//! Lever's Postings API: `GET /v0/postings/{site}?mode=json` on `api.lever.co`, every
//! published posting of a site in one answer (`skip` and `limit` page it only when asked).
//!
//! <https://github.com/lever/postings-api#get-a-list-of-job-postings>. The description is the
//! opening, the lists (each a heading and `<li>` items) and the closing, all HTML.

use serde::Deserialize;

use super::{Get, Pay, Posting, Source, push_category};
use crate::job::{Employment, Workplace};

const HOST: &str = "https://api.lever.co";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Job {
    id: String,
    text: Option<String>,
    #[serde(default)]
    categories: Categories,
    created_at: Option<i64>,
    description: Option<String>,
    #[serde(default)]
    lists: Vec<List>,
    additional: Option<String>,
    hosted_url: Option<String>,
    apply_url: Option<String>,
    workplace_type: Option<String>,
    salary_range: Option<SalaryRange>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Categories {
    commitment: Option<String>,
    department: Option<String>,
    location: Option<String>,
    team: Option<String>,
    #[serde(default)]
    all_locations: Vec<String>,
}

#[derive(Deserialize)]
struct List {
    text: Option<String>,
    content: Option<String>,
}

#[derive(Deserialize)]
struct SalaryRange {
    currency: Option<String>,
    interval: Option<String>,
    min: Option<f64>,
    max: Option<f64>,
}

/// Every published posting of the site.
pub fn fetch(source: &Source, get: Get) -> Result<Vec<Posting>, String> {
    let path = format!("/v0/postings/{}?mode=json", source.board_segment());
    let url = source.endpoint(HOST, &path);
    let jobs: Vec<Job> = super::parse_json(&url, &get(&url)?)?;
    Ok(jobs.into_iter().map(posting).collect())
}

fn posting(job: Job) -> Posting {
    let c = job.categories;
    let mut locations = c.all_locations;
    if locations.is_empty() {
        locations.extend(c.location);
    }
    let mut categories = Vec::new();
    push_category(&mut categories, c.department.as_deref());
    push_category(&mut categories, c.team.as_deref());
    Posting {
        id: job.id,
        title: job.text.unwrap_or_default(),
        company: None,
        locations,
        workplace: job.workplace_type.as_deref().and_then(Workplace::parse),
        employment: c.commitment.as_deref().and_then(Employment::parse),
        date: job
            .created_at
            .and_then(chrono::DateTime::from_timestamp_millis)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        apply_url: job.apply_url,
        page_url: job.hosted_url,
        description: description(job.description, &job.lists, job.additional),
        categories,
        salary: job.salary_range.and_then(pay),
    }
}

/// The opening, each list as a heading and its items, and the closing.
fn description(opening: Option<String>, lists: &[List], closing: Option<String>) -> String {
    let mut html = opening.unwrap_or_default();
    for list in lists {
        if let Some(heading) = list.text.as_deref().filter(|t| !t.trim().is_empty()) {
            html.push_str(&format!("<h3>{}</h3>", crate::text::escape_html(heading)));
        }
        html.push_str(&format!(
            "<ul>{}</ul>",
            list.content.as_deref().unwrap_or("")
        ));
    }
    html.push_str(&closing.unwrap_or_default());
    html
}

/// `salaryRange`: `interval` is `per-year-salary`, `per-month-salary`, `per-hour-wage`, ...
fn pay(range: SalaryRange) -> Option<Pay> {
    let interval = range.interval.unwrap_or_default();
    let period = ["year", "month", "hour"]
        .into_iter()
        .find(|p| interval.contains(p))?;
    let currency = range.currency.filter(|c| !c.trim().is_empty())?;
    (range.min.is_some() || range.max.is_some()).then_some(Pay {
        min: range.min,
        max: range.max,
        currency: currency.to_ascii_uppercase(),
        period,
    })
}
