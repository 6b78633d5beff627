//! Workable's public job widget API: `GET /api/v1/widget/accounts/{account}?details=true` on
//! `apply.workable.com`, every published job of an account in one answer (the widget API has no
//! pages; Workable's paged API needs an account's token).
//!
//! Fields as the widget answers them: `shortcode` names the job, `description` is HTML.

use serde::Deserialize;

use super::{Get, Posting, Source, push_category};
use crate::job::{Employment, Workplace};

const HOST: &str = "https://apply.workable.com";

#[derive(Deserialize)]
struct Answer {
    name: Option<String>,
    jobs: Vec<Job>,
}

#[derive(Deserialize)]
struct Job {
    shortcode: Option<String>,
    title: Option<String>,
    employment_type: Option<String>,
    telecommuting: Option<bool>,
    department: Option<String>,
    url: Option<String>,
    application_url: Option<String>,
    published_on: Option<String>,
    created_at: Option<String>,
    city: Option<String>,
    state: Option<String>,
    country: Option<String>,
    #[serde(default)]
    locations: Vec<Place>,
    description: Option<String>,
}

#[derive(Deserialize)]
struct Place {
    city: Option<String>,
    region: Option<String>,
    country: Option<String>,
    #[serde(default)]
    hidden: bool,
}

/// Every published job of the account.
pub fn fetch(source: &Source, get: Get) -> Result<Vec<Posting>, String> {
    let path = format!(
        "/api/v1/widget/accounts/{}?details=true",
        source.board_segment()
    );
    let url = source.endpoint(HOST, &path);
    let answer: Answer = super::parse_json(&url, &get(&url)?)?;
    let company = answer.name.filter(|n| !n.trim().is_empty());
    Ok(answer
        .jobs
        .into_iter()
        .map(|job| posting(job, company.clone()))
        .collect())
}

fn posting(job: Job, company: Option<String>) -> Posting {
    let mut locations: Vec<String> = job
        .locations
        .iter()
        .filter(|p| !p.hidden)
        .map(|p| place(&p.city, &p.region, &p.country))
        .filter(|p| !p.is_empty())
        .collect();
    if locations.is_empty() {
        locations.push(place(&job.city, &job.state, &job.country));
    }
    let mut categories = Vec::new();
    push_category(&mut categories, job.department.as_deref());
    Posting {
        id: job.shortcode.unwrap_or_default(),
        title: job.title.unwrap_or_default(),
        company,
        locations,
        workplace: (job.telecommuting == Some(true)).then_some(Workplace::Remote),
        employment: job.employment_type.as_deref().and_then(Employment::parse),
        date: job.published_on.or(job.created_at),
        apply_url: job.application_url,
        page_url: job.url,
        description: job.description.unwrap_or_default(),
        categories,
        salary: None,
    }
}

/// "City, Region, Country", leaving out what is missing.
fn place(city: &Option<String>, region: &Option<String>, country: &Option<String>) -> String {
    [city, region, country]
        .into_iter()
        .filter_map(|part| part.as_deref().map(str::trim).filter(|p| !p.is_empty()))
        .collect::<Vec<_>>()
        .join(", ")
}
