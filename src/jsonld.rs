//! schema.org `JobPosting` data for job pages, as Google for Jobs reads it.
//!
//! Built with serde_json and made safe to sit inside `<script type="application/ld+json">`:
//! `<`, `>` and `&` are written as Unicode escapes, so no text can close the script element.

use chrono::{Days, NaiveDate};
use serde_json::{Map, Value, json};

use crate::job::{Period, Workplace};
use crate::site::Entry;
use crate::text::escape_html;

/// The JSON-LD of a current job's page; `description_html` is its sanitised description.
pub fn job_posting(entry: &Entry, description_html: &str, expire_after_days: u32) -> String {
    let job = &entry.job;
    let mut data = Map::new();
    data.insert("@context".into(), json!("https://schema.org/"));
    data.insert("@type".into(), json!("JobPosting"));
    data.insert("title".into(), json!(job.title));
    let description = if description_html.trim().is_empty() {
        format!(
            "<p>{} at {} ({}).</p>",
            escape_html(&job.title),
            escape_html(&job.company),
            escape_html(&job.location)
        )
    } else {
        description_html.to_string()
    };
    data.insert("description".into(), json!(description));
    data.insert(
        "datePosted".into(),
        json!(job.date.format("%Y-%m-%d").to_string()),
    );
    if let Some(through) = valid_through(job.valid_through, job.date, expire_after_days) {
        data.insert(
            "validThrough".into(),
            json!(format!("{}T23:59:59Z", through.format("%Y-%m-%d"))),
        );
    }
    if let Some(employment) = job.employment {
        data.insert("employmentType".into(), json!(employment.schema_org()));
    }
    let mut organization = Map::new();
    organization.insert("@type".into(), json!("Organization"));
    organization.insert("name".into(), json!(job.company));
    if let Some(site) = &job.company_url {
        organization.insert("sameAs".into(), json!(site));
    }
    data.insert("hiringOrganization".into(), Value::Object(organization));
    data.insert(
        "identifier".into(),
        json!({"@type": "PropertyValue", "name": job.company, "value": job.id}),
    );
    insert_location(&mut data, entry);
    if let Some(salary) = &job.salary {
        let mut value = Map::new();
        value.insert("@type".into(), json!("QuantitativeValue"));
        match (salary.min, salary.max) {
            (Some(min), Some(max)) if min < max => {
                value.insert("minValue".into(), json!(min));
                value.insert("maxValue".into(), json!(max));
            }
            (Some(one), _) | (None, Some(one)) => {
                value.insert("value".into(), json!(one));
            }
            (None, None) => {}
        }
        let unit = match salary.period {
            Period::Year => "YEAR",
            Period::Month => "MONTH",
            Period::Hour => "HOUR",
        };
        value.insert("unitText".into(), json!(unit));
        data.insert(
            "baseSalary".into(),
            json!({"@type": "MonetaryAmount", "currency": salary.currency, "value": value}),
        );
    }
    script_safe(&Value::Object(data).to_string())
}

/// Where the job is: an address, or for remote jobs the telecommute type and the country asked for.
fn insert_location(data: &mut Map<String, Value>, entry: &Entry) {
    let place = &entry.place;
    let mut address = Map::new();
    address.insert("@type".into(), json!("PostalAddress"));
    if let Some(locality) = &place.locality {
        address.insert("addressLocality".into(), json!(locality));
    }
    if let Some(region) = &place.region {
        address.insert("addressRegion".into(), json!(region));
    }
    if let Some(country) = place.country {
        address.insert("addressCountry".into(), json!(country.code));
    }
    if entry.job.workplace == Workplace::Remote {
        data.insert("jobLocationType".into(), json!("TELECOMMUTE"));
        if let Some(country) = place.country {
            data.insert(
                "applicantLocationRequirements".into(),
                json!({"@type": "Country", "name": country.name}),
            );
        }
        return;
    }
    if address.len() == 1 {
        address.insert("addressLocality".into(), json!(entry.job.location));
    }
    data.insert(
        "jobLocation".into(),
        json!({"@type": "Place", "address": address}),
    );
}

/// The last day a job is open: `valid_through`, else the date plus `expire_after_days`.
pub fn valid_through(
    given: Option<NaiveDate>,
    posted: NaiveDate,
    expire_after_days: u32,
) -> Option<NaiveDate> {
    given.or_else(|| {
        (expire_after_days > 0)
            .then(|| posted.checked_add_days(Days::new(u64::from(expire_after_days))))
            .flatten()
    })
}

/// JSON that cannot end its `<script>` element or be read as markup.
pub fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_still_parses_to_the_same_text() {
        let raw = json!({"title": "</script><script>alert(1)</script> & more"}).to_string();
        let safe = script_safe(&raw);
        assert!(!safe.contains('<') && !safe.contains('>'));
        let back: Value = serde_json::from_str(&safe).expect("valid JSON");
        assert_eq!(back["title"], "</script><script>alert(1)</script> & more");
    }
}
