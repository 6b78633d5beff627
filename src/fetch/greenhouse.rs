//! Greenhouse's Job Board API: `GET /v1/boards/{board}/jobs?content=true` on
//! `boards-api.greenhouse.io`, every published job of a board in one answer.
//!
//! <https://developers.greenhouse.io/job-board.html#list-jobs>. `content` is the description
//! as HTML escaped once more; Greenhouse has no field for remote work, employment or pay.

use serde::Deserialize;

use super::{Get, Posting, Source, html, push_category};
use crate::job::Workplace;

const HOST: &str = "https://boards-api.greenhouse.io";

#[derive(Deserialize)]
struct Answer {
    jobs: Vec<Job>,
}

#[derive(Deserialize)]
struct Job {
    id: serde_json::Value,
    title: Option<String>,
    absolute_url: Option<String>,
    updated_at: Option<String>,
    first_published: Option<String>,
    location: Option<Named>,
    content: Option<String>,
    company_name: Option<String>,
    #[serde(default)]
    departments: Vec<Named>,
    #[serde(default)]
    offices: Vec<Named>,
}

#[derive(Deserialize)]
struct Named {
    name: Option<String>,
}

/// Every job of the board.
pub fn fetch(source: &Source, get: Get) -> Result<Vec<Posting>, String> {
    let path = format!("/v1/boards/{}/jobs?content=true", source.board_segment());
    let url = source.endpoint(HOST, &path);
    let answer: Answer = super::parse_json(&url, &get(&url)?)?;
    Ok(answer.jobs.into_iter().map(posting).collect())
}

fn posting(job: Job) -> Posting {
    let location = job.location.and_then(|l| l.name).unwrap_or_default();
    let mut categories = Vec::new();
    for department in &job.departments {
        push_category(&mut categories, department.name.as_deref());
    }
    let locations = if location.trim().is_empty() {
        job.offices.into_iter().filter_map(|o| o.name).collect()
    } else {
        vec![location]
    };
    Posting {
        id: id_text(&job.id),
        title: job.title.unwrap_or_default(),
        company: job.company_name.filter(|c| !c.trim().is_empty()),
        workplace: workplace(&locations),
        locations,
        employment: None,
        date: job.first_published.or(job.updated_at),
        apply_url: None,
        page_url: job.absolute_url,
        description: html::unescape(job.content.as_deref().unwrap_or("")),
        categories,
        salary: None,
    }
}

/// An id as text: Greenhouse's are numbers.
pub fn id_text(id: &serde_json::Value) -> String {
    match id {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Greenhouse says "Remote" or "Hybrid" in the location's name, when it says it at all.
fn workplace(locations: &[String]) -> Option<Workplace> {
    let said = |word: &str| {
        locations
            .iter()
            .any(|l| l.to_ascii_lowercase().contains(word))
    };
    if said("remote") {
        Some(Workplace::Remote)
    } else if said("hybrid") {
        Some(Workplace::Hybrid)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_the_documented_example() {
        let body = r#"{"jobs":[{"absolute_url":"https://boards.greenhouse.io/vaulttec/jobs/127817","internal_job_id":144381,"location":{"name":"Remote - US"},"metadata":null,"id":127817,"updated_at":"2016-01-14T10:55:28-05:00","first_published":"2016-01-10T09:00:00-05:00","requisition_id":"50","title":"Vault Designer","content":"&lt;p&gt;Design &amp;amp; build&lt;/p&gt;","departments":[{"id":1,"name":"Engineering"}],"offices":[]}],"meta":{"total":1}}"#;
        let source = Source {
            kind: super::super::Kind::Greenhouse,
            board: "vaulttec".into(),
            company: None,
            api_url: Some("http://127.0.0.1:9".into()),
        };
        let get = |url: &str| {
            assert_eq!(
                url,
                "http://127.0.0.1:9/v1/boards/vaulttec/jobs?content=true"
            );
            Ok(body.to_string())
        };
        let postings = fetch(&source, &get).expect("parses");
        let p = &postings[0];
        assert_eq!(p.id, "127817");
        assert_eq!(p.description, "<p>Design &amp; build</p>");
        assert_eq!(p.workplace, Some(Workplace::Remote));
        assert_eq!(p.categories, ["Engineering"]);
        assert_eq!(p.date.as_deref(), Some("2016-01-10T09:00:00-05:00"));
    }
}
