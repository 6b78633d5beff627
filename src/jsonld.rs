//! schema.org `JobPosting` data for job pages, as Google for Jobs reads it.
//!
//! Built with serde_json and made safe to sit inside `<script type="application/ld+json">`:
//! `<`, `>` and `&` are written as Unicode escapes, so no text can close the script element.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::eligibility::Area;
use crate::job::{Period, Salary, Workplace};
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
        // Written in below.
        description: "",
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
    // Plain data written into memory: serialising cannot fail.
    let json = serde_json::to_vec(&posting).unwrap_or_default();
    // The description, most of the bytes, is escaped in one pass of its own and put in the place
    // serde_json left for it: every `"` inside a string is escaped, so the first
    // `"description":""` is the key, with the empty value serialised above.
    let Some(at) = memchr::memmem::find(&json, DESCRIPTION_SLOT) else {
        let whole = Posting {
            description,
            ..posting
        };
        return script_safe(&serde_json::to_string(&whole).unwrap_or_default());
    };
    let key = at + DESCRIPTION_SLOT.len() - 1;
    let mut out = ScriptSafe(Vec::with_capacity(json.len() + description.len() * 5 / 4));
    out.push(&json[..key]);
    push_json_text(&mut out.0, description);
    out.push(&json[key..]);
    String::from_utf8(out.0).unwrap_or_default()
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

/// Where the description goes in the serialised posting, before its closing quote.
const DESCRIPTION_SLOT: &[u8] = b"\"description\":\"\"";

/// Writes `text` as the inside of a JSON string, escaped as serde_json escapes it and with `<`,
/// `>` and `&` as Unicode escapes (as `ScriptSafe`), in one pass.
fn push_json_text(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let kind = ESCAPES[usize::from(byte)];
        if kind == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        start = i + 1;
        match kind {
            b'u' => push_unicode_escape(out, byte),
            short => out.extend_from_slice(&[b'\\', short]),
        }
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Writes an ASCII `byte` as the JSON escape `\u00XX`, lowercase as serde_json writes it.
fn push_unicode_escape(out: &mut Vec<u8>, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.extend_from_slice(b"\\u00");
    out.push(HEX[usize::from(byte >> 4)]);
    out.push(HEX[usize::from(byte & 0xf)]);
}

/// For each byte: 0 when it is written as it is, `u` for `\u00XX`, else the letter after `\`.
static ESCAPES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x0c] = b'f';
    table[b'\n' as usize] = b'n';
    table[b'\r' as usize] = b'r';
    table[b'\t' as usize] = b't';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[b'<' as usize] = b'u';
    table[b'>' as usize] = b'u';
    table[b'&' as usize] = b'u';
    table
};

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
    applicant_location_requirements: Option<OneOrMore<Named<'a>>>,
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
    job_location: Option<JobLocation<'a>>,
    #[serde(rename = "jobLocationType", skip_serializing_if = "Option::is_none")]
    job_location_type: Option<&'static str>,
    title: &'a str,
    #[serde(rename = "validThrough", skip_serializing_if = "Option::is_none")]
    valid_through: Option<String>,
}

/// One value as itself, several as an array.
#[derive(Serialize)]
#[serde(untagged)]
enum OneOrMore<T> {
    One(T),
    More(Vec<T>),
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
fn applicant_areas(entry: &Entry) -> Option<OneOrMore<Named<'_>>> {
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
        1 => named.pop().map(OneOrMore::One),
        _ => Some(OneOrMore::More(named)),
    }
}

/// Where the job is: an address, or for remote jobs the telecommute type (as `jobLocation`,
/// `jobLocationType`).
fn location(entry: &Entry) -> (Option<JobLocation<'_>>, Option<&'static str>) {
    let place = &entry.place;
    if entry.job.workplace == Workplace::Remote {
        return (None, Some("TELECOMMUTE"));
    }
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
        address.address_locality = Some(&entry.job.location);
    }
    let location = JobLocation {
        kind: "Place",
        address,
    };
    (Some(location), None)
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
    let mut out = ScriptSafe(Vec::with_capacity(json.len()));
    out.push(json.as_bytes());
    String::from_utf8(out.0).unwrap_or_default()
}

/// JSON with `<`, `>` and `&` written as Unicode escapes. In JSON text these bytes only occur
/// inside strings, where the escapes mean the same characters.
struct ScriptSafe(Vec<u8>);

impl ScriptSafe {
    fn push(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while let Some(at) = memchr::memchr3(b'<', b'>', b'&', rest) {
            self.0.extend_from_slice(&rest[..at]);
            push_unicode_escape(&mut self.0, rest[at]);
            rest = &rest[at + 1..];
        }
        self.0.extend_from_slice(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn script_safe_json_still_parses_to_the_same_text() {
        let raw = json!({"title": "</script><script>alert(1)</script> & more"}).to_string();
        let safe = script_safe(&raw);
        assert!(!safe.contains('<') && !safe.contains('>'));
        let back: Value = serde_json::from_str(&safe).expect("valid JSON");
        assert_eq!(back["title"], "</script><script>alert(1)</script> & more");
    }

    /// The description's own escaper writes what serde_json and `script_safe` write together.
    #[test]
    fn descriptions_are_escaped_as_serde_json_and_script_safe_would() {
        let mut texts: Vec<String> = [
            "",
            "<p>plain</p>\n",
            "quote \" backslash \\ slash / tab \t cr \r nul \0 bell \u{7} esc \u{1b} del \u{7f}",
            "\u{8}\u{c}\u{1f} & <!-- </script> \u{2028}\u{2029} é 🦀",
            "\"description\":\"\"",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        texts.push((0u8..128).map(char::from).collect());
        for text in &texts {
            let mut ours = Vec::new();
            push_json_text(&mut ours, text);
            let theirs = script_safe(&serde_json::to_string(text).expect("json"));
            assert_eq!(
                format!("\"{}\"", String::from_utf8(ours).expect("utf-8")),
                theirs,
                "{text:?}"
            );
        }
    }
}
