//! Reading a published README or archive file: its date, then each table row.

use chrono::NaiveDate;

use super::{Imported, Parsed, month_day, strip_utm};
use crate::job::Workplace;
use crate::problem::Problem;
use crate::table::{parse_link_cell, split_row, unescape_cell};
use crate::validate::check_url;

/// Reads every row of the Company | Position | Location | Type | Date table. `now` dates the
/// rows of a file that has no date line of its own.
pub(super) fn parse(path: &str, text: &str, now: Option<NaiveDate>, parsed: &mut Parsed) {
    let Some(reference) = reference_date(text).or(now) else {
        let message = "no \"Last updated: Mon DD, YYYY\" line or dated heading (# … — YYYY-MM-DD): cannot tell the year of the rows; give the day the file was published with --now YYYY-MM-DD";
        parsed.problems.push(Problem::error(path, 1, 1, message));
        return;
    };
    let mut columns = None;
    // The first blank line inside the current table, while rows may still follow it.
    let mut gap = None;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            gap = gap.or(Some(n + 1));
            continue;
        }
        if !trimmed.starts_with('|') {
            columns = None;
            continue;
        }
        if let Some(found) = Columns::of_header(trimmed) {
            (columns, gap) = (Some(found), None);
            continue;
        }
        let Some(columns) = &columns else { continue };
        if is_separator(trimmed) {
            continue;
        }
        if let Some(blank) = gap.take() {
            let message = "a blank line inside the table: GitHub ends the table here and shows the rows after it as text; they are imported";
            parsed
                .problems
                .push(Problem::warning(path, blank, 1, message));
        }
        match row(trimmed, columns, reference, parsed) {
            Ok(job) => parsed.jobs.push(job),
            Err(message) => parsed
                .problems
                .push(Problem::error(path, n + 1, 1, message)),
        }
    }
}

/// Where each cell of a row is, from the header's names: the published layouts say "Date" or
/// "Posted", "Position" or "Title", and some have no Type column.
struct Columns {
    count: usize,
    company: usize,
    position: usize,
    location: usize,
    kind: Option<usize>,
    date: usize,
}

impl Columns {
    fn of_header(line: &str) -> Option<Columns> {
        let cells = split_row(line)?;
        let find = |names: &[&str]| {
            cells
                .iter()
                .position(|c| names.iter().any(|n| c.trim().eq_ignore_ascii_case(n)))
        };
        Some(Columns {
            count: cells.len(),
            company: find(&["company"])?,
            position: find(&["position", "title", "role", "job"])?,
            location: find(&["location", "locations"])?,
            kind: find(&["type", "workplace", "remote"]),
            date: find(&["date", "posted", "date posted"])?,
        })
    }
}

fn is_separator(line: &str) -> bool {
    line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// "Last updated: Oct 22, 2025 at …" or an archive heading "# … — 2026-07-01".
pub(super) fn reference_date(text: &str) -> Option<NaiveDate> {
    for line in text.lines() {
        if let Some(rest) = line.split("Last updated:").nth(1) {
            let words: Vec<&str> = rest.split_whitespace().take(3).collect();
            if let Ok(date) = NaiveDate::parse_from_str(&words.join(" "), "%b %d, %Y") {
                return Some(date);
            }
        }
        if line.starts_with('#') {
            let found = line
                .split(|c: char| !(c.is_ascii_digit() || c == '-'))
                .find_map(|word| NaiveDate::parse_from_str(word, "%Y-%m-%d").ok());
            if found.is_some() {
                return found;
            }
        }
    }
    None
}

fn row(
    line: &str,
    columns: &Columns,
    reference: NaiveDate,
    parsed: &mut Parsed,
) -> Result<Imported, String> {
    let cells = split_row(line).ok_or("not a table row")?;
    if cells.len() != columns.count {
        return Err(format!(
            "a row needs {} cells, as the table's header has, this one has {}",
            columns.count,
            cells.len()
        ));
    }
    let cell = |i: usize| cells[i];
    let (company, position, location, date) = (
        cell(columns.company),
        cell(columns.position),
        cell(columns.location),
        cell(columns.date),
    );
    let kind = columns.kind.map_or("On Site", cell);
    let (company, company_url) = parse_link_cell(company).ok_or("the Company cell is empty")?;
    let (title, url) = parse_link_cell(position).ok_or("the Position cell is empty")?;
    let url = url.ok_or("the Position cell has no link to the job")?;
    let url = strip_utm(&url, &mut parsed.utm);
    check_url(&url).map_err(|why| format!("the job link {why}: {url:?}"))?;
    let company_url = company_url.filter(|u| check_url(u).is_ok());
    let workplace = Workplace::parse(kind)
        .ok_or_else(|| format!("the Type cell must be Remote, On Site or Hybrid, not {kind:?}"))?;
    let date = month_day(date, reference)
        .ok_or_else(|| format!("the Date cell must read like \"Oct 22\", not {date:?}"))?;
    let location = unescape_cell(location);
    if title.trim().is_empty() || company.trim().is_empty() || location.trim().is_empty() {
        return Err("the Company, Position and Location cells must not be empty".into());
    }
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
    fn finds_the_reference_date() {
        assert_eq!(
            reference_date("x\n<sub><small>Last updated: Oct 22, 2025 at 20:30 UTC</small></sub>"),
            NaiveDate::from_ymd_opt(2025, 10, 22)
        );
        assert_eq!(
            reference_date("# Full Stack Developer Jobs — 2026-07-01\n"),
            NaiveDate::from_ymd_opt(2026, 7, 1)
        );
        assert_eq!(reference_date("# Jobs\nno date"), None);
    }

    #[test]
    fn reads_rows_and_reports_bad_ones_by_line() {
        let text = "# Jobs — 2026-01-02\n\n| Company | Position | Location | Type | Date |\n| --- | --- | --- | --- | --- |\n\
| **[Acme](https://acme.example)** | **[Dev \\| Ops](https://jobs.example/1?utm_source=gh)** | Coimbatore, \\[no name\\], India | Remote | Dec 30 |\n\
| **[Acme]()** | **[Dev](https://jobs.example/2)** | Berlin | Sometimes | Jan 01 |\n\
| **Beta** | **[QA](https://jobs.example/3)** | Paris | On Site | Jan 02 |\n";
        let mut parsed = Parsed::default();
        parse("README.md", text, None, &mut parsed);
        assert_eq!(parsed.jobs.len(), 2);
        let first = &parsed.jobs[0];
        assert_eq!(
            (
                first.title.as_str(),
                first.url.as_str(),
                first.location.as_str()
            ),
            (
                "Dev | Ops",
                "https://jobs.example/1",
                "Coimbatore, [no name], India"
            )
        );
        assert_eq!(
            first.date,
            NaiveDate::from_ymd_opt(2025, 12, 30).expect("date")
        );
        assert_eq!(parsed.jobs[1].company_url, None);
        assert_eq!(parsed.problems.len(), 1);
        assert!(
            parsed.problems[0]
                .to_string()
                .starts_with("README.md:6:1: error: the Type cell"),
            "{}",
            parsed.problems[0]
        );
    }
}
