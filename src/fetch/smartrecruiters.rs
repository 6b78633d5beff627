//! SmartRecruiters' Posting API on `api.smartrecruiters.com`: the list
//! `GET /v1/companies/{company}/postings?offset=N&limit=100`, paged by `offset` until
//! `totalFound`, then `GET /v1/companies/{company}/postings/{id}` for each posting's job ad
//! (the list carries no description). <https://developers.smartrecruiters.com/docs/posting-api>

use serde::Deserialize;

use super::{Get, Posting, Source, push_category};
use crate::job::{Employment, Workplace};

const HOST: &str = "https://api.smartrecruiters.com";
/// Postings a page: the API's largest.
const PAGE: usize = 100;
/// Pages read at most (100 000 postings): a server that never stops paging cannot hold a fetch.
const MAX_PAGES: usize = 1000;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Page {
    total_found: usize,
    content: Vec<Listed>,
}

#[derive(Deserialize)]
struct Listed {
    id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Detail {
    id: String,
    name: Option<String>,
    company: Option<Label>,
    released_date: Option<String>,
    location: Option<Location>,
    department: Option<Label>,
    function: Option<Label>,
    type_of_employment: Option<Label>,
    job_ad: Option<JobAd>,
    posting_url: Option<String>,
    apply_url: Option<String>,
}

#[derive(Deserialize)]
struct Label {
    #[serde(alias = "name")]
    label: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    full_location: Option<String>,
    city: Option<String>,
    country: Option<String>,
    remote: Option<bool>,
    hybrid: Option<bool>,
}

#[derive(Deserialize)]
struct JobAd {
    sections: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Every posting of the company, each with its job ad.
pub fn fetch(source: &Source, get: Get) -> Result<Vec<Posting>, String> {
    let base = format!("/v1/companies/{}/postings", source.board_segment());
    let mut ids = Vec::new();
    for page in 0..MAX_PAGES {
        let path = format!("{base}?offset={}&limit={PAGE}", page * PAGE);
        let url = source.endpoint(HOST, &path);
        let answer: Page = super::parse_json(&url, &get(&url)?)?;
        let got = answer.content.len();
        ids.extend(answer.content.into_iter().map(|l| l.id));
        if got == 0 || ids.len() >= answer.total_found {
            break;
        }
    }
    ids.iter()
        .map(|id| {
            let url = source.endpoint(HOST, &format!("{base}/{}", segment(id)));
            let detail: Detail = super::parse_json(&url, &get(&url)?)?;
            Ok(posting(detail))
        })
        .collect()
}

fn segment(id: &str) -> String {
    id.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn posting(detail: Detail) -> Posting {
    let location = detail.location;
    let place = location.as_ref().and_then(|l| {
        l.full_location.clone().or_else(|| {
            let parts: Vec<&str> = [&l.city, &l.country]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        })
    });
    let workplace = location.as_ref().and_then(|l| match (l.remote, l.hybrid) {
        (_, Some(true)) => Some(Workplace::Hybrid),
        (Some(true), _) => Some(Workplace::Remote),
        _ => None,
    });
    let mut categories = Vec::new();
    for label in [&detail.department, &detail.function] {
        push_category(
            &mut categories,
            label.as_ref().and_then(|l| l.label.as_deref()),
        );
    }
    Posting {
        id: detail.id,
        title: detail.name.unwrap_or_default(),
        company: detail.company.and_then(|c| c.label),
        locations: place.into_iter().collect(),
        workplace,
        employment: detail
            .type_of_employment
            .and_then(|t| t.label)
            .as_deref()
            .and_then(Employment::parse),
        date: detail.released_date,
        apply_url: detail.apply_url,
        page_url: detail.posting_url,
        description: job_ad(detail.job_ad),
        categories,
        salary: None,
    }
}

/// The job ad's sections in the API's order, each as a heading and its HTML text.
fn job_ad(ad: Option<JobAd>) -> String {
    let Some(sections) = ad.and_then(|a| a.sections) else {
        return String::new();
    };
    let mut html = String::new();
    for key in [
        "companyDescription",
        "jobDescription",
        "qualifications",
        "additionalInformation",
    ] {
        let Some(section) = sections.get(key) else {
            continue;
        };
        if let Some(title) = section
            .get("title")
            .and_then(|t| t.as_str())
            .filter(|t| !t.trim().is_empty())
        {
            html.push_str(&format!("<h3>{}</h3>", crate::text::escape_html(title)));
        }
        html.push_str(section.get("text").and_then(|t| t.as_str()).unwrap_or(""));
    }
    html
}
