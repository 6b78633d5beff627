//! What Google for Jobs asks of a job posting that a job lacks (`jobsmith check --google`).
//!
//! The JSON-LD of a job page (`jsonld.rs`) writes every property it can from the job; this module
//! names, job by job, the properties Google's JobPosting documentation requires or recommends
//! that the job gives no value for, with the key that would supply it.
//! <https://developers.google.com/search/docs/appearance/structured-data/job-posting>

use crate::config::Config;
use crate::job::Workplace;
use crate::problem::Problem;
use crate::site::{Entry, Site};

/// A warning at each current job for every required or recommended property it lacks.
pub fn missing(config: &Config, site: &Site) -> Vec<Problem> {
    site.current
        .iter()
        .flat_map(|&index| {
            let entry = &site.entries[index];
            let origin = &entry.job.origin;
            lacking(config, entry).into_iter().map(|(need, message)| {
                let message = format!("Google for Jobs {need} {message}");
                Problem::warning(&origin.path, origin.line, origin.column, message)
            })
        })
        .collect()
}

/// (how much Google wants it, what is missing and how to supply it) for one job.
fn lacking(config: &Config, entry: &Entry) -> Vec<(&'static str, &'static str)> {
    let job = &entry.job;
    let mut found = Vec::new();
    if crate::text::is_blank(&job.description) {
        found.push((
            REQUIRES,
            "`description`: the job has no description (a one-line sentence stands in)",
        ));
    }
    let expires =
        crate::jsonld::valid_through(job.valid_through, job.date, config.expire_after_days);
    if expires.is_none() {
        found.push((
            RECOMMENDS,
            "`validThrough`: give the job a `valid_through` (or the board an `expire_after_days`)",
        ));
    }
    if job.salary.is_none() {
        found.push((RECOMMENDS, "`baseSalary`: give the job a `salary`"));
    }
    if job.employment.is_none() {
        found.push((RECOMMENDS, "`employmentType`: give the job an `employment`"));
    }
    if job.company_url.is_none() {
        found.push((
            RECOMMENDS,
            "`hiringOrganization.sameAs`: give the job a `company_url`",
        ));
    }
    if job.workplace == Workplace::Remote {
        if !says_where_applicants_live(entry) {
            found.push((
                RECOMMENDS,
                "`applicantLocationRequirements`: say where applicants may live, in the job's `remote_from` (or the board's `[dataset] remote_from`, or a country in `location`)",
            ));
        }
    } else if entry.place().country.is_none() {
        found.push((
            RECOMMENDS,
            "`jobLocation.address.addressCountry`: name the country in `location`",
        ));
    }
    found
}

/// Whether a remote job says where its applicants may live, anywhere included.
fn says_where_applicants_live(entry: &Entry) -> bool {
    use crate::eligibility::Area;
    entry
        .eligibility
        .as_ref()
        .is_some_and(|e| e.areas.iter().any(|a| !matches!(a, Area::Unknown(_))))
}

const REQUIRES: &str = "requires";
const RECOMMENDS: &str = "recommends";
