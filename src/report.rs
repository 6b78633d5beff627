//! What the data is like (`jobsmith check --report`): how many jobs are current and why the
//! others expired, duplicates left out, the places nothing recognises, and the remote jobs that
//! say nowhere applicants may live. Also the one warning a build gives when every job has expired
//! by age, which otherwise leaves an empty site with no hint why.
//!
//! Pure functions of the site model: `check.rs` reads the board, these count.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Config;
use crate::eligibility::Area;
use crate::job::Workplace;
use crate::problem::Problem;
use crate::site::{Entry, Site};
use crate::validate::Duplicate;

/// How many of the most frequent unrecognised places the report names.
pub const TOP_PLACES: usize = 20;
/// How many duplicates and remote jobs the text report lists one by one (JSON lists them all).
const LISTED: usize = 20;

/// The report of one board.
#[derive(Debug, Serialize, PartialEq)]
pub struct Report {
    /// Jobs on the board, current and expired (drafts included, as `check` reads them).
    pub jobs: usize,
    pub drafts: usize,
    pub current: usize,
    pub expired: Expired,
    /// The newest job's date, when there is a job.
    pub newest: Option<NaiveDate>,
    /// Records left out because an earlier one is the same job: "dropped (same as kept)".
    pub duplicates: Vec<DuplicateLine>,
    /// Jobs with a place (a location, or one part of it) naming no country or region jobsmith
    /// recognises; a job with several such places counts once.
    pub unrecognised_jobs: usize,
    /// Distinct places among them, by their text.
    pub unrecognised_distinct: usize,
    /// The `TOP_PLACES` most frequent of them, with their number of jobs.
    pub unrecognised: Vec<PlaceCount>,
    pub remote_jobs: usize,
    /// Remote jobs that say nowhere applicants may live, by file and line.
    pub remote_without_area: Vec<JobLine>,
}

/// Why jobs are no longer current.
#[derive(Debug, Serialize, PartialEq)]
pub struct Expired {
    /// Older than `expire_after_days`.
    pub by_age: usize,
    /// Past their own `valid_through`.
    pub by_valid_through: usize,
    pub expire_after_days: u32,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct DuplicateLine {
    /// `path:line` of the record left out.
    pub dropped: String,
    /// `path:line` of the record built.
    pub kept: String,
    /// `id …` or `url …`.
    pub identity: String,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct PlaceCount {
    pub location: String,
    pub jobs: usize,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct JobLine {
    /// `path:line`.
    pub at: String,
    pub location: String,
}

/// The report of `site` (read with drafts) and the duplicates validation left out.
pub fn report(config: &Config, site: &Site, duplicates: &[Duplicate]) -> Report {
    let (by_age, by_valid_through) = expired_counts(site);
    let remote: Vec<&Entry> = site
        .entries
        .iter()
        .filter(|e| e.job.workplace == Workplace::Remote)
        .collect();
    let (unrecognised_jobs, unrecognised_distinct, unrecognised) = unrecognised_places(site);
    Report {
        jobs: site.entries.len(),
        drafts: site.entries.iter().filter(|e| e.job.draft).count(),
        current: site.current.len(),
        expired: Expired {
            by_age,
            by_valid_through,
            expire_after_days: config.expire_after_days,
        },
        newest: site.entries.iter().map(|e| e.job.date).max(),
        duplicates: duplicates.iter().map(duplicate_line).collect(),
        unrecognised_jobs,
        unrecognised_distinct,
        unrecognised,
        remote_jobs: remote.len(),
        remote_without_area: remote
            .into_iter()
            .filter(|e| !names_an_area(e))
            .map(|e| JobLine {
                at: format!("{}:{}", e.job.origin.path, e.job.origin.line),
                location: e.job.location.clone(),
            })
            .collect(),
    }
}

/// (older than `expire_after_days`, past `valid_through`) among expired jobs.
fn expired_counts(site: &Site) -> (usize, usize) {
    let expired = site.entries.iter().filter(|e| e.expired);
    let by_date = expired.clone().filter(|e| e.job.valid_through.is_some());
    let by_date = by_date.count();
    (expired.count() - by_date, by_date)
}

fn duplicate_line(duplicate: &Duplicate) -> DuplicateLine {
    let at = |(origin, line): &(crate::job::Origin, usize)| format!("{}:{line}", origin.path);
    DuplicateLine {
        dropped: at(&duplicate.dropped),
        kept: at(&duplicate.kept),
        identity: duplicate.identity.clone(),
    }
}

/// Whether a remote job says where applicants may live (anywhere included).
fn names_an_area(entry: &Entry) -> bool {
    entry
        .eligibility
        .as_ref()
        .is_some_and(|e| e.areas.iter().any(|a| !matches!(a, Area::Unknown(_))))
}

/// (jobs, distinct strings, the most frequent) of the places of jobs that name no country or
/// region; a job counts once however many of its places are not recognised. "Remote", "Work From Home", "Worldwide" or "EMEA" name no country but are understood, and
/// are not counted.
fn unrecognised_places(site: &Site) -> (usize, usize, Vec<PlaceCount>) {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut understood: HashMap<&str, bool> = HashMap::new();
    let mut jobs = 0;
    for entry in &site.entries {
        // Each place by the part of the job's location that names it.
        let mut unknown: Vec<&str> = Vec::new();
        for placed in entry.places.iter() {
            let location = placed.text.as_str();
            let known = *understood.entry(location).or_insert_with(|| {
                let place = &placed.place;
                let only_remote =
                    place.remote && place.locality.is_none() && place.region.is_none();
                place.country.is_some()
                    || only_remote
                    || !crate::eligibility::regions_in(location).is_empty()
            });
            if !known && !unknown.contains(&location) {
                unknown.push(location);
            }
        }
        jobs += usize::from(!unknown.is_empty());
        for location in unknown {
            *counts.entry(location).or_default() += 1;
        }
    }
    let distinct = counts.len();
    let mut places: Vec<PlaceCount> = counts
        .into_iter()
        .map(|(location, jobs)| PlaceCount {
            location: location.to_string(),
            jobs,
        })
        .collect();
    // Most jobs first; among equals A to Z, so the report is the same on every run.
    places.sort_by(|a, b| {
        b.jobs
            .cmp(&a.jobs)
            .then_with(|| a.location.cmp(&b.location))
    });
    places.truncate(TOP_PLACES);
    (jobs, distinct, places)
}

impl Report {
    /// The report as plain text, one section a paragraph.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.write_jobs(&mut out);
        self.write_duplicates(&mut out);
        self.write_places(&mut out);
        self.write_remote(&mut out);
        out
    }

    fn write_jobs(&self, out: &mut String) {
        let e = &self.expired;
        let _ = writeln!(out, "Jobs: {} ({} drafts)", self.jobs, self.drafts);
        let _ = writeln!(out, "  current: {}", self.current);
        let _ = writeln!(
            out,
            "  expired: {} ({} older than expire_after_days = {}, {} past their valid_through)",
            e.by_age + e.by_valid_through,
            e.by_age,
            e.expire_after_days,
            e.by_valid_through
        );
        if let Some(newest) = self.newest {
            let _ = writeln!(out, "  newest posted: {}", crate::date::iso(newest));
        }
    }

    fn write_duplicates(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "\nDuplicates left out: {} (the same job as an earlier record; the first is built)",
            self.duplicates.len()
        );
        for d in self.duplicates.iter().take(LISTED) {
            let _ = writeln!(out, "  {} same as {} ({})", d.dropped, d.kept, d.identity);
        }
        more(out, self.duplicates.len());
    }

    fn write_places(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "\nPlaces not recognised: {} jobs, {} distinct locations",
            self.unrecognised_jobs, self.unrecognised_distinct
        );
        if !self.unrecognised.is_empty() {
            let _ = writeln!(out, "  the {} most frequent:", self.unrecognised.len());
        }
        for place in &self.unrecognised {
            let _ = writeln!(out, "  {:>6}  {}", place.jobs, place.location);
        }
    }

    fn write_remote(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "\nRemote jobs with no eligible country: {} of {} (give them `remote_from`, or the \
             board `[dataset] remote_from`)",
            self.remote_without_area.len(),
            self.remote_jobs
        );
        for job in self.remote_without_area.iter().take(LISTED) {
            let _ = writeln!(out, "  {}  {}", job.at, job.location);
        }
        more(out, self.remote_without_area.len());
    }
}

/// "… and N more" after a list cut at `LISTED`.
fn more(out: &mut String, total: usize) {
    if total > LISTED {
        let _ = writeln!(out, "  … and {} more", total - LISTED);
    }
}

/// The warning of a board whose jobs have all expired, some or all by age: an empty site whose
/// cause is `expire_after_days` (imported boards are often built long after their jobs' dates).
pub fn all_expired(config: &Config, site: &Site) -> Option<Problem> {
    let (by_age, _) = expired_counts(site);
    if site.entries.is_empty() || !site.current.is_empty() || by_age == 0 {
        return None;
    }
    let newest = site.entries.iter().map(|e| e.job.date).max()?;
    let message = format!(
        "every job has expired ({by_age} of {} by age): `expire_after_days` is {} and the newest \
         job was posted on {}, {} days before {}; the site lists no job. Raise \
         `expire_after_days`, set it to 0 to list jobs whatever their age, or build with --now",
        site.entries.len(),
        config.expire_after_days,
        crate::date::iso(newest),
        (site.now.date_naive() - newest).num_days(),
        crate::date::iso(site.now.date_naive()),
    );
    let line = config.expire_after_days_line;
    Some(Problem::warning(crate::config::FILE_NAME, line, 1, message))
}

impl Report {
    /// `check --report --format json`: one object, `{"problems": [...], "report": {...}}`.
    pub fn json(&self, problems: &[Problem]) -> String {
        // Plain strings and numbers: serialising cannot fail.
        let report = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into());
        let problems = crate::annotate::json(problems);
        format!("{{\n\"problems\": {problems},\n\"report\": {report}\n}}")
    }
}
