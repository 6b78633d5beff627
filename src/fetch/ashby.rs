//! Ashby's job posting API: `GET /posting-api/job-board/{name}?includeCompensation=true` on
//! `api.ashbyhq.com`, every published job of a board in one answer.
//!
//! <https://developers.ashbyhq.com/docs/public-job-posting-api>. Jobs with `isListed: false`
//! are left out, as Ashby's own board leaves them out.

use serde::Deserialize;

use super::{Get, Pay, Posting, Source, push_category};
use crate::job::{Employment, Workplace};

const HOST: &str = "https://api.ashbyhq.com";

#[derive(Deserialize)]
struct Answer {
    jobs: Vec<Job>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Job {
    id: Option<String>,
    title: Option<String>,
    department: Option<String>,
    team: Option<String>,
    employment_type: Option<String>,
    location: Option<String>,
    #[serde(default)]
    secondary_locations: Vec<Secondary>,
    is_listed: Option<bool>,
    is_remote: Option<bool>,
    workplace_type: Option<String>,
    published_at: Option<String>,
    job_url: Option<String>,
    apply_url: Option<String>,
    description_html: Option<String>,
    compensation: Option<Compensation>,
}

#[derive(Deserialize)]
struct Secondary {
    location: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Compensation {
    #[serde(default)]
    summary_components: Vec<Component>,
    #[serde(default)]
    compensation_tiers: Vec<Tier>,
}

#[derive(Deserialize)]
struct Tier {
    #[serde(default)]
    components: Vec<Component>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Component {
    compensation_type: Option<String>,
    interval: Option<String>,
    currency_code: Option<String>,
    min_value: Option<f64>,
    max_value: Option<f64>,
}

/// Every listed job of the board.
pub fn fetch(source: &Source, get: Get) -> Result<Vec<Posting>, String> {
    let path = format!(
        "/posting-api/job-board/{}?includeCompensation=true",
        source.board_segment()
    );
    let url = source.endpoint(HOST, &path);
    let answer: Answer = super::parse_json(&url, &get(&url)?)?;
    Ok(answer
        .jobs
        .into_iter()
        .filter(|job| job.is_listed != Some(false))
        .map(posting)
        .collect())
}

fn posting(job: Job) -> Posting {
    let mut locations: Vec<String> = job.location.into_iter().collect();
    locations.extend(
        job.secondary_locations
            .into_iter()
            .filter_map(|s| s.location),
    );
    let mut categories = Vec::new();
    push_category(&mut categories, job.department.as_deref());
    push_category(&mut categories, job.team.as_deref());
    let workplace = job
        .workplace_type
        .as_deref()
        .and_then(Workplace::parse)
        .or((job.is_remote == Some(true)).then_some(Workplace::Remote));
    Posting {
        id: job.id.unwrap_or_default(),
        title: job.title.unwrap_or_default(),
        company: None,
        locations,
        workplace,
        employment: job.employment_type.as_deref().and_then(Employment::parse),
        date: job.published_at,
        apply_url: job.apply_url,
        page_url: job.job_url,
        description: job.description_html.unwrap_or_default(),
        categories,
        salary: job.compensation.and_then(pay),
    }
}

/// The salary component: the summary's, else the first tier's.
fn pay(compensation: Compensation) -> Option<Pay> {
    let tiers = compensation
        .compensation_tiers
        .iter()
        .flat_map(|t| &t.components);
    compensation
        .summary_components
        .iter()
        .chain(tiers)
        .find(|c| c.compensation_type.as_deref() == Some("Salary"))
        .and_then(|c| {
            let interval = c.interval.as_deref().unwrap_or("").to_ascii_lowercase();
            let period = ["year", "month", "hour"]
                .into_iter()
                .find(|p| interval.contains(p))?;
            Some(Pay {
                min: c.min_value,
                max: c.max_value,
                currency: c.currency_code.clone()?.to_ascii_uppercase(),
                period,
            })
        })
        .filter(|pay| pay.min.is_some() || pay.max.is_some())
}
