//! Validate: turns raw records into `Job`s and company profiles, collecting every problem.
//!
//! Each record is checked on its own (required keys, dates, URLs, enumerations, salary), then the
//! board as a whole (one job per identity, unique ids). A record with an error is left out; the
//! caller decides whether that fails the build.

mod fields;
pub mod identity;
mod salary;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::Value;

use crate::date::Posted;
use crate::eligibility::Area;
use crate::job::{Job, Origin, Workplace};
use crate::load::{Kind, Record};
use crate::problem::Problem;
use crate::skills::SkillMatcher;
use fields::Fields;

pub use fields::check_url;

/// Keys a job may have; anything else is a warning.
pub const JOB_KEYS: &[&str] = &[
    "id",
    "title",
    "company",
    "company_url",
    "location",
    "date",
    "url",
    "workplace",
    "employment",
    "valid_through",
    "salary",
    "skills",
    "categories",
    "draft",
    "direct_apply",
    "remote_from",
    "visa_sponsorship",
    "description",
];

/// Keys a company profile may have.
pub const COMPANY_KEYS: &[&str] = &["name", "website", "logo", "description"];

/// A company profile from `content/companies/SLUG.md`.
#[derive(Debug, Clone, Hash)]
pub struct Company {
    /// The profile's file stem: the slug it describes.
    pub slug: String,
    pub name: String,
    pub website: Option<String>,
    /// An absolute http(s) URL, or a path relative to the site root (see `check_logo`).
    pub logo: Option<String>,
    /// Markdown.
    pub about: String,
}

/// The validated board: usable jobs and profiles, and every problem seen.
#[derive(Debug, Default)]
pub struct Valid {
    /// Shared: `serve` keeps each checked job between rebuilds and hands the same one over.
    pub jobs: Vec<Arc<Job>>,
    pub companies: Vec<Company>,
    pub problems: Vec<Problem>,
    /// Later records of a job already seen (same identity), left out; the caller reports them.
    pub duplicates: Vec<Duplicate>,
}

/// A record left out because an earlier one in dataset order is the same job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// `id …` or `url …` (see [`identity::identity`]).
    pub identity: String,
    /// The job built, and the line of its `id` or `url`.
    pub kept: (Origin, usize),
    /// The job left out, and the line of its `id` or `url`.
    pub dropped: (Origin, usize),
}

impl Duplicate {
    /// The report of it, as a warning or (with `[dataset] duplicates = "error"`) an error.
    pub fn problem(&self, as_error: bool) -> Problem {
        let (kept, kept_line) = &self.kept;
        let (dropped, line) = &self.dropped;
        let what = match self.identity.split_once(' ') {
            Some(("id", id)) => format!("the same `id` ({id})"),
            Some((_, url)) => format!("the same apply URL ({url})"),
            None => self.identity.clone(),
        };
        let message = format!(
            "the same job as {}:{kept_line}: {what}; only the first is built",
            kept.path
        );
        if as_error {
            Problem::error(&dropped.path, *line, 1, message)
        } else {
            Problem::warning(&dropped.path, *line, 1, message)
        }
    }
}

/// Checks every record; records with errors are left out and their problems kept.
pub fn validate(records: Vec<Record>, skills: &SkillMatcher) -> Valid {
    let checked: Vec<Checked> = records
        .par_iter()
        .map(|record| check(record, skills))
        .collect();
    combine(checked)
}

/// One record checked on its own: what it gives, if it is usable, and its problems.
#[derive(Debug, Clone)]
pub struct Checked {
    pub item: Option<Item>,
    pub problems: Vec<Problem>,
}

/// A usable record.
#[derive(Debug, Clone)]
pub enum Item {
    /// A job, with the line of its `id` and its identity (and that key's line) for the
    /// board-wide checks.
    Job {
        job: Arc<Job>,
        id_line: usize,
        identity: (String, usize),
    },
    Company(Company),
}

/// Checks one record on its own; `combine` does the board-wide checks.
pub fn check(record: &Record, skills: &SkillMatcher) -> Checked {
    let mut problems = Vec::new();
    let item = match record.kind {
        Kind::Company => company(record, &mut problems).map(Item::Company),
        Kind::Job => job(record, skills, &mut problems).map(|job| {
            let given = record.fields.get("id").and_then(as_text);
            let key = if given.is_some() { "id" } else { "url" };
            Item::Job {
                identity: (
                    identity::identity(given.as_deref(), &job.url),
                    record.line_of(key),
                ),
                job: Arc::new(job),
                id_line: record.line_of("id"),
            }
        }),
    };
    Checked { item, problems }
}

/// The board from records checked one by one, in dataset order: the first record of each
/// identity is kept (later ones are `duplicates`), and ids must be unique.
pub fn combine(checked: impl IntoIterator<Item = Checked>) -> Valid {
    let mut valid = Valid::default();
    let mut seen_ids: HashMap<String, Origin> = HashMap::new();
    let mut seen_jobs: HashMap<String, (Origin, usize)> = HashMap::new();
    for Checked { item, mut problems } in checked {
        valid.problems.append(&mut problems);
        match item {
            None => {}
            Some(Item::Company(company)) => valid.companies.push(company),
            Some(Item::Job {
                job,
                id_line,
                identity: (identity, line),
            }) => {
                let here = (job.origin.clone(), line);
                if let Some(kept) = seen_jobs.get(&identity) {
                    valid.duplicates.push(Duplicate {
                        identity,
                        kept: kept.clone(),
                        dropped: here,
                    });
                    continue;
                }
                seen_jobs.insert(identity, here);
                if let Some(first) = seen_ids.get(&job.id) {
                    let message = format!("duplicate id `{}`: already used at {first}", job.id);
                    let path = &job.origin.path;
                    valid
                        .problems
                        .push(Problem::error(path, id_line, 1, message));
                    continue;
                }
                seen_ids.insert(job.id.clone(), job.origin.clone());
                valid.jobs.push(job);
            }
        }
    }
    valid
}

/// Validates one job record, or reports why it cannot be used.
fn job(record: &Record, skills: &SkillMatcher, problems: &mut Vec<Problem>) -> Option<Job> {
    let mut f = Fields::new(record, problems);
    f.warn_unknown(JOB_KEYS);
    let title = f.required_text("title");
    let company = f.required_text("company");
    let locations = f.required_text_or_list("location");
    let posted: Option<Posted> = f.required_date("date");
    let url = f.required_url("url");
    let given_id = f.optional_text("id");
    let company_url = f.optional_url("company_url");
    let workplace = f.enumeration("workplace", Workplace::parse, "remote, on-site or hybrid");
    let employment = f.enumeration(
        "employment",
        crate::job::Employment::parse,
        "full-time, part-time, contract, internship or temporary",
    );
    let valid_through = f.optional_date("valid_through").map(|p| p.date);
    let salary = f.salary("salary");
    let listed_skills = f.list("skills");
    let categories = f.list("categories");
    let draft = f.boolean("draft");
    let direct_apply = f.boolean("direct_apply");
    let remote_from = f.list("remote_from");
    let visa_sponsorship = f.boolean("visa_sponsorship");
    let description = f.description();
    if f.failed() {
        return None;
    }
    let (title, company, locations, posted, url) = (title?, company?, locations?, posted?, url?);
    let locations = capped_places(record, locations, problems);
    let handle = match (&given_id, record.index) {
        (Some(id), _) => id.clone(),
        (None, 0) => default_id(record),
        (None, _) => format!("{company} {title}"),
    };
    let id = given_id.unwrap_or_else(|| default_id(record));
    let texts = (title.as_str(), description.as_str());
    let (skills, skills_listed, description_skills) =
        job_skills(record, listed_skills, skills, texts, problems);
    let remote_from = remote_areas(record, &remote_from.unwrap_or_default(), problems);
    Some(Job {
        id,
        handle,
        title,
        company,
        company_url,
        location: locations.join("; "),
        locations,
        date: posted.date,
        posted: posted.moment,
        url,
        workplace: workplace.unwrap_or(Workplace::OnSite),
        employment,
        valid_through,
        salary,
        skills,
        skills_listed,
        description_skills,
        categories: categories.unwrap_or_default(),
        draft: draft.unwrap_or(false),
        direct_apply: direct_apply.unwrap_or(false),
        remote_from,
        visa_sponsorship,
        description,
        origin: Origin {
            path: record.path.clone(),
            line: record.line,
            column: record.column,
        },
    })
}

/// A job's skills: its own list (known spellings named as the built-in list names them), else
/// those recognised in its `(title, description)`; whether they are its own list; and which of
/// the recognised ones the description names (bit `i` for `skills[i]`).
fn job_skills(
    record: &Record,
    listed: Option<Vec<String>>,
    matcher: &SkillMatcher,
    (title, description): (&str, &str),
    problems: &mut Vec<Problem>,
) -> (Vec<String>, bool, u64) {
    if let Some(list) = listed.filter(|list| !list.is_empty()) {
        let mut named: Vec<String> = Vec::with_capacity(list.len());
        for skill in list {
            let name = matcher
                .canonical(&skill)
                .map_or(skill.clone(), str::to_string);
            if !named.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                named.push(name);
            }
        }
        return (capped_skills(record, named, problems), true, 0);
    }
    // In the order they first appear, the title's first: as `recognise(title, description)`.
    let mut skills = matcher.recognise(title, "");
    let in_description = matcher.recognise("", description);
    for skill in &in_description {
        if !skills.contains(skill) {
            skills.push(skill.clone());
        }
    }
    let skills = capped_skills(record, skills, problems);
    let bits = skills
        .iter()
        .enumerate()
        .filter(|(i, skill)| *i < 64 && in_description.contains(skill))
        .fold(0u64, |bits, (i, _)| bits | 1 << i);
    (skills, false, bits)
}

/// Most skills one job keeps: each skill of a job is a page, and every skill page lists the
/// job's skills, so the output grows with the square of this number (docs/hostile-input.md).
pub const MAX_SKILLS: usize = 30;

/// The first `MAX_SKILLS` skills, with a warning naming the file and line when there were more.
fn capped_skills(record: &Record, skills: Vec<String>, problems: &mut Vec<Problem>) -> Vec<String> {
    capped(record, "skills", skills, MAX_SKILLS, problems, |all| {
        format!(
            "{} skills; only the first {MAX_SKILLS} are kept (from {:?} on, the rest are dropped)",
            all.len(),
            all[MAX_SKILLS]
        )
    })
}

/// The first `max` of `items`, the values of `key`; when there were more, a warning naming the
/// file and the key's line, worded by `message` from all the items.
fn capped(
    record: &Record,
    key: &str,
    mut items: Vec<String>,
    max: usize,
    problems: &mut Vec<Problem>,
    message: impl FnOnce(&[String]) -> String,
) -> Vec<String> {
    if items.len() > max {
        let line = record.line_of(key);
        problems.push(Problem::warning(&record.path, line, 1, message(&items)));
        items.truncate(max);
    }
    items
}

/// Most places one job's location keeps (items of a list, or places a string names): each place
/// has a page listing the job with all its places, so the output grows with the square of this
/// number (docs/hostile-input.md).
pub const MAX_PLACES: usize = 50;

/// The first `MAX_PLACES` items of a location list, with a warning naming the file and line when
/// there were more. (A string naming more places keeps its first `MAX_PLACES`: `places::spots`.)
fn capped_places(record: &Record, items: Vec<String>, problems: &mut Vec<Problem>) -> Vec<String> {
    capped(record, "location", items, MAX_PLACES, problems, |all| {
        format!(
            "`location` lists {} places; only the first {MAX_PLACES} are kept",
            all.len()
        )
    })
}

/// Most names one job's `remote_from` keeps: the job page lists them all, and a country list of
/// the whole world is 250 names.
pub const MAX_AREAS: usize = 300;

/// The areas of a job's `remote_from`, with a warning at its line for each name that is no
/// country or region jobsmith knows (and when there are more than `MAX_AREAS`).
fn remote_areas(record: &Record, names: &[String], problems: &mut Vec<Problem>) -> Vec<Area> {
    let line = record.line_of("remote_from");
    let names = match names.len() > MAX_AREAS {
        true => {
            let message = format!(
                "`remote_from` names {} places; only the first {MAX_AREAS} are kept",
                names.len()
            );
            problems.push(Problem::warning(&record.path, line, 1, message));
            &names[..MAX_AREAS]
        }
        false => names,
    };
    let areas = crate::eligibility::read_areas(names);
    for area in &areas {
        if let Area::Unknown(name) = area {
            let message = crate::eligibility::unknown_message("remote_from", name);
            problems.push(Problem::warning(&record.path, line, 1, message));
        }
    }
    areas
}

/// The id of a job that names none: its file path under `content/jobs/` without the extension,
/// or for a bulk row, the file's path and the row's position.
fn default_id(record: &Record) -> String {
    let path = record.path.strip_prefix("content/").unwrap_or(&record.path);
    let stem = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
    if record.index == 0 {
        stem.strip_prefix("jobs/").unwrap_or(stem).to_string()
    } else {
        format!("{stem}-{}", record.index)
    }
}

/// Validates one company profile.
fn company(record: &Record, problems: &mut Vec<Problem>) -> Option<Company> {
    let mut f = Fields::new(record, problems);
    f.warn_unknown(COMPANY_KEYS);
    let name = f.required_text("name");
    let website = f.optional_url("website");
    let logo = f.optional_logo("logo");
    let about = f.description();
    if f.failed() {
        return None;
    }
    let file = record.path.rsplit('/').next().unwrap_or(&record.path);
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    Some(Company {
        slug: crate::slug::slugify(stem),
        name: name?,
        website,
        logo,
        about,
    })
}

/// Reads a value that should be text: strings as they are, numbers and booleans written out.
fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
