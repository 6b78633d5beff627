//! schema.org `JobPosting` data for job pages, as Google for Jobs reads it.
//!
//! Built with serde_json and made safe to sit inside `<script type="application/ld+json">`: the
//! writer's formatter (`ScriptSafe`) writes `<`, `>` and `&` as Unicode escapes, so no text can
//! close the script element.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::eligibility::Area;
use crate::job::{Period, Salary, Workplace};
use crate::locations::Placed;
use crate::site::Entry;
use crate::text::escape_html;

/// The JSON-LD of a current job's page; `description_html` is its sanitised description.
pub fn job_posting(entry: &Entry, description_html: &str, expire_after_days: u32) -> String {
    let job = &entry.job;
    let fallback;
    let description = if description_html.trim().is_empty() {
        fallback = format!(
            "<p>{} at {} ({}).</p>",
            escape_html(&job.title),
            escape_html(&job.company),
            escape_html(&job.location)
        );
        &fallback
    } else {
        description_html
    };
    let (job_location, job_location_type) = location(entry);
    let posting = Posting {
        context: "https://schema.org/",
        kind: "JobPosting",
        applicant_location_requirements: applicant_areas(entry),
        base_salary: job.salary.as_ref().map(base_salary),
        date_posted: crate::date::iso(job.date),
        direct_apply: job.direct_apply,
        description,
        eligibility_to_work_requirement: job
            .visa_sponsorship
            .map(crate::eligibility::visa_requirement),
        employment_type: job.employment.map(|e| e.schema_org()),
        hiring_organization: Organization {
            kind: "Organization",
            name: &job.company,
            same_as: job.company_url.as_deref(),
        },
        identifier: PropertyValue {
            kind: "PropertyValue",
            name: &job.company,
            value: &job.id,
        },
        job_location,
        job_location_type,
        title: &job.title,
        valid_through: valid_through(job.valid_through, job.date, expire_after_days)
            .map(|through| format!("{}T23:59:59Z", crate::date::iso(through))),
    };
    script_safe(&posting)
}

/// The `baseSalary` of a salary: a range, or one figure.
fn base_salary(salary: &Salary) -> MonetaryAmount<'_> {
    let (min_value, max_value, value) = match (salary.min, salary.max) {
        (Some(min), Some(max)) if min < max => (Some(min), Some(max), None),
        (Some(one), _) | (None, Some(one)) => (None, None, Some(one)),
        (None, None) => (None, None, None),
    };
    MonetaryAmount {
        kind: "MonetaryAmount",
        currency: &salary.currency,
        value: QuantitativeValue {
            kind: "QuantitativeValue",
            max_value,
            min_value,
            unit_text: match salary.period {
                Period::Year => "YEAR",
                Period::Month => "MONTH",
                Period::Hour => "HOUR",
            },
            value,
        },
    }
}

/// `value` as JSON that cannot end its `<script>` element or be read as markup: `<`, `>` and
/// `&` (which JSON text only holds inside strings) written as Unicode escapes.
pub fn script_safe(value: &impl Serialize) -> String {
    let mut out = Vec::with_capacity(4096);
    let mut writer = serde_json::Serializer::with_formatter(&mut out, ScriptSafe);
    // Plain data written into memory: serialising cannot fail, and writes UTF-8.
    let _ = value.serialize(&mut writer);
    String::from_utf8(out).unwrap_or_default()
}

// The fields of each object are declared in alphabetical order, the order search engines and
// the tests have always seen them in.

#[derive(Serialize)]
struct Posting<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(
        rename = "applicantLocationRequirements",
        skip_serializing_if = "Option::is_none"
    )]
    applicant_location_requirements: Option<OneOrMany<Named<'a>>>,
    #[serde(rename = "baseSalary", skip_serializing_if = "Option::is_none")]
    base_salary: Option<MonetaryAmount<'a>>,
    #[serde(rename = "datePosted")]
    date_posted: String,
    #[serde(rename = "directApply")]
    direct_apply: bool,
    description: &'a str,
    #[serde(
        rename = "eligibilityToWorkRequirement",
        skip_serializing_if = "Option::is_none"
    )]
    eligibility_to_work_requirement: Option<&'static str>,
    #[serde(rename = "employmentType", skip_serializing_if = "Option::is_none")]
    employment_type: Option<&'static str>,
    #[serde(rename = "hiringOrganization")]
    hiring_organization: Organization<'a>,
    identifier: PropertyValue<'a>,
    #[serde(rename = "jobLocation", skip_serializing_if = "Option::is_none")]
    job_location: Option<OneOrMany<JobLocation<'a>>>,
    #[serde(rename = "jobLocationType", skip_serializing_if = "Option::is_none")]
    job_location_type: Option<&'static str>,
    title: &'a str,
    #[serde(rename = "validThrough", skip_serializing_if = "Option::is_none")]
    valid_through: Option<String>,
}

#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
    same_as: Option<&'a str>,
}

#[derive(Serialize)]
struct PropertyValue<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    value: &'a str,
}

#[derive(Serialize)]
struct MonetaryAmount<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    currency: &'a str,
    value: QuantitativeValue,
}

#[derive(Serialize)]
struct QuantitativeValue {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "maxValue", skip_serializing_if = "Option::is_none")]
    max_value: Option<f64>,
    #[serde(rename = "minValue", skip_serializing_if = "Option::is_none")]
    min_value: Option<f64>,
    #[serde(rename = "unitText")]
    unit_text: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
}

/// One value, or a list of them where there are several (`jobLocation` of a job in two cities,
/// `applicantLocationRequirements` of a job open to two countries).
#[derive(Serialize)]
#[serde(untagged)]
enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

#[derive(Serialize)]
struct JobLocation<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    address: Address<'a>,
}

#[derive(Serialize)]
struct Address<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "addressCountry", skip_serializing_if = "Option::is_none")]
    address_country: Option<&'static str>,
    #[serde(rename = "addressLocality", skip_serializing_if = "Option::is_none")]
    address_locality: Option<&'a str>,
    #[serde(rename = "addressRegion", skip_serializing_if = "Option::is_none")]
    address_region: Option<&'a str>,
}

/// Where a remote job's applicants may live (`crate::eligibility`): each country a `Country`,
/// each region an `AdministrativeArea`. Nothing when they may live anywhere, when nothing says
/// where, or for a job that is not remote (Google reads it for telecommute jobs only).
fn applicant_areas(entry: &Entry) -> Option<OneOrMany<Named<'_>>> {
    let eligibility = entry.eligibility.as_ref()?;
    if entry.job.workplace != Workplace::Remote || eligibility.anywhere() {
        return None;
    }
    let mut named: Vec<Named> = eligibility
        .areas
        .iter()
        .filter_map(|area| match area {
            Area::Country(country) => Some(Named {
                kind: "Country",
                name: country.name,
            }),
            Area::Region(name) => Some(Named {
                kind: "AdministrativeArea",
                name,
            }),
            Area::Anywhere | Area::Unknown(_) => None,
        })
        .collect();
    match named.len() {
        0 => None,
        1 => named.pop().map(OneOrMany::One),
        _ => Some(OneOrMany::Many(named)),
    }
}

/// Where the job is: its places' addresses, or for remote jobs the telecommute type (as
/// `jobLocation`, `jobLocationType`).
fn location(entry: &Entry) -> (Option<OneOrMany<JobLocation<'_>>>, Option<&'static str>) {
    if entry.job.workplace == Workplace::Remote {
        return (None, Some("TELECOMMUTE"));
    }
    let mut places: Vec<JobLocation> = entry.places.iter().map(job_location).collect();
    let location = match places.len() {
        1 => places.pop().map(OneOrMany::One),
        _ => Some(OneOrMany::Many(places)),
    };
    (location, None)
}

/// The `Place` of one of a job's places: its address, or the text as written when nothing of
/// it is recognised.
fn job_location(placed: &Placed) -> JobLocation<'_> {
    let place = &placed.place;
    let mut address = Address {
        kind: "PostalAddress",
        address_country: place.country.map(|c| c.code),
        address_locality: place.locality.as_deref(),
        address_region: place.region.as_deref(),
    };
    if address.address_country.is_none()
        && address.address_locality.is_none()
        && address.address_region.is_none()
    {
        address.address_locality = Some(&placed.text);
    }
    JobLocation {
        kind: "Place",
        address,
    }
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

/// serde_json's compact formatter, with `<`, `>` and `&` inside strings written as `\u003c`,
/// `\u003e` and `\u0026`.
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment.as_bytes();
        while let Some(at) = memchr::memchr3(b'<', b'>', b'&', rest) {
            writer.write_all(&rest[..at])?;
            writer.write_all(match rest[at] {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                _ => b"\\u0026",
            })?;
            rest = &rest[at + 1..];
        }
        writer.write_all(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn script_safe_json_still_parses_to_the_same_text() {
        let safe = script_safe(&json!({"title": "</script><script>alert(1)</script> & more"}));
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: Value = serde_json::from_str(&safe).expect("valid JSON");
        assert_eq!(back["title"], "</script><script>alert(1)</script> & more");
    }

    /// Every character serde_json escapes is escaped as it does; `<`, `>` and `&` as Unicode
    /// escapes; the rest as written.
    #[test]
    fn strings_are_escaped_as_serde_json_does_and_script_safe() {
        let mut texts: Vec<String> = [
            "",
            "<p>plain</p>\n",
            "quote \" backslash \\ slash / tab \t cr \r nul \0 bell \u{7} esc \u{1b} del \u{7f}",
            "\u{8}\u{c}\u{1f} & <!-- </script> \u{2028}\u{2029} é 🦀",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        texts.push((0u8..128).map(char::from).collect());
        for text in &texts {
            let ours = script_safe(text);
            let theirs = serde_json::to_string(text)
                .expect("json")
                .replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026");
            assert_eq!(ours, theirs, "{text:?}");
            assert_eq!(
                &serde_json::from_str::<String>(&ours).expect("parses"),
                text
            );
        }
    }
}
