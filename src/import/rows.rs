//! Rows shaped like a board's history export: company, company_url, title, url, location, type,
//! date ("Jun 30") and seen (when the row was first listed, which gives the date its year).
//! Text cells hold markdown escapes as the README had them.

use chrono::NaiveDate;
use serde_json::Value;

use super::{Imported, Parsed, month_day, strip_utm};
use crate::date::parse_day;
use crate::job::Workplace;
use crate::load::{Dataset, read_bulk};
use crate::problem::Problem;
use crate::table::unescape_cell;
use crate::validate::check_url;

/// Reads rows of a JSON or CSV file (`extension`); `now` stands for a missing `seen`.
pub(super) fn parse(
    path: &str,
    text: &str,
    extension: &str,
    now: Option<NaiveDate>,
    parsed: &mut Parsed,
) {
    collect(read_bulk(path, text, extension), now, parsed);
}

fn collect(dataset: Dataset, now: Option<NaiveDate>, parsed: &mut Parsed) {
    parsed.problems.extend(dataset.problems);
    for record in dataset.records {
        match row(&record.fields, now, parsed) {
            Ok(job) => parsed.jobs.push(job),
            Err(message) => {
                parsed
                    .problems
                    .push(Problem::error(&record.path, record.line, 1, message))
            }
        }
    }
}

fn text<'a>(fields: &'a serde_json::Map<String, Value>, key: &str) -> Option<&'a str> {
    fields
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn row(
    fields: &serde_json::Map<String, Value>,
    now: Option<NaiveDate>,
    parsed: &mut Parsed,
) -> Result<Imported, String> {
    let required = |key: &str| text(fields, key).ok_or_else(|| format!("missing `{key}`"));
    let title = unescape_cell(required("title")?);
    let company = unescape_cell(required("company")?);
    let location = unescape_cell(required("location")?);
    let kind = required("type")?;
    let workplace = Workplace::parse(kind)
        .ok_or_else(|| format!("`type` must be Remote, On Site or Hybrid, not {kind:?}"))?;
    let reference = match (text(fields, "seen"), now) {
        (Some(seen), _) => {
            parse_day(seen).ok_or_else(|| format!("`seen` is not a date: {seen:?}"))?
        }
        (None, Some(now)) => now,
        (None, None) => {
            return Err("missing `seen` (when the row was listed, for the year of `date`); or give --now YYYY-MM-DD".into());
        }
    };
    let day = required("date")?;
    let date = month_day(day, reference)
        .ok_or_else(|| format!("`date` must read like \"Jun 30\", not {day:?}"))?;
    let url = strip_utm(required("url")?, &mut parsed.utm);
    check_url(&url).map_err(|why| format!("`url` {why}: {url:?}"))?;
    let company_url = text(fields, "company_url")
        .map(str::to_string)
        .filter(|u| check_url(u).is_ok());
    Ok(Imported {
        title,
        company,
        company_url,
        location,
        workplace,
        date,
        url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_history_rows_and_refuses_malformed_ones() {
        let json = r#"[
 {"company": "Benchling", "company_url": "https://www.benchling.com", "title": "Dev \\| Ops", "url": "https://jobr.example/job/1?utm_source=github", "location": "Boston, MA", "type": "Remote", "date": "Jun 30", "seen": "2026-07-01T11:00:02+05:00"},
 {"company": "X", "company_url": "", "title": "Y", "url": "https://jobr.example/job/2", "location": "Z", "type": "Remote | Jun 30", "date": "", "seen": "2026-07-01T11:00:02+05:00"}
]"#;
        let mut parsed = Parsed::default();
        parse("history.json", json, "json", None, &mut parsed);
        assert_eq!(parsed.jobs.len(), 1);
        assert_eq!(parsed.jobs[0].title, "Dev | Ops");
        assert_eq!(parsed.jobs[0].url, "https://jobr.example/job/1");
        assert_eq!(parsed.jobs[0].date.to_string(), "2026-06-30");
        assert_eq!(parsed.problems.len(), 1);
        assert!(
            parsed.problems[0]
                .to_string()
                .starts_with("history.json:3:1: error: `type` must be"),
            "{}",
            parsed.problems[0]
        );
    }
}
