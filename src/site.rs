//! Site model: every page, path and group of the board, computed once, with no IO.
//!
//! Takes the validated jobs by value, orders them (newest first, then dataset order), marks
//! expired ones, gives every job and group its slug, and groups current jobs by company,
//! location, workplace and skill (and keeps the groups that only expired jobs are left in, whose
//! pages those jobs' pages link to). Renderers only borrow it.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{DateTime, Days, NaiveDate, Utc};
use rayon::prelude::*;

use crate::config::Config;
use crate::country::Place;
use crate::job::{Job, Workplace};
use crate::locations::{Locations, PageOf, Placed};
use crate::slug::{Slugger, slugify};
use crate::validate::Company;

/// One job on the board, with what the model worked out about it. Its `Hash` is the fingerprint
/// of its job page under `serve`, with its company's profile (`targets::entry_key`): every field
/// counts.
#[derive(Debug, Hash)]
pub struct Entry {
    pub job: Arc<Job>,
    /// Path segment under `jobs/`.
    pub slug: String,
    /// Past `valid_through` or older than `expire_after_days`: out of every listing.
    pub expired: bool,
    /// Slug of the company (shared by the company's entries).
    pub company: Arc<str>,
    /// Slug of the page of the location's first place.
    pub location: Arc<str>,
    /// The places the location names (one, or several: "Berlin; Paris"), each with its page;
    /// never empty.
    pub places: Arc<[Placed]>,
    /// Slug of the first place's country page, when the country is known.
    pub country: Option<Arc<str>>,
    /// Slugs of the job's skills, in the job's order.
    pub skills: Vec<Arc<str>>,
    /// Where applicants may live, when the job, its location or the board says.
    pub eligibility: Option<crate::eligibility::Eligibility>,
}

impl Entry {
    /// What the location's first place tells: country, region, locality, city.
    pub fn place(&self) -> &Place {
        &self.places[0].place
    }

    /// The slug of the country page the job's listings show beside its location: when the
    /// country is known and is not the location itself ("Germany").
    pub fn shown_country(&self) -> Option<&str> {
        self.country
            .as_deref()
            .filter(|slug| self.place().country.is_some() && **slug != *self.location)
    }
}

/// A named set of current jobs: a company, a location, a workplace or a skill.
#[derive(Debug)]
pub struct Group {
    pub slug: String,
    pub name: String,
    /// Indexes into `Site::entries`, in listing order.
    pub jobs: Vec<usize>,
}

/// The whole board, ready to render.
#[derive(Debug)]
pub struct Site {
    pub now: DateTime<Utc>,
    /// The path part of `base_url`, always starting and ending with `/`.
    pub base_path: String,
    /// Every job on the board, newest first (current and expired).
    pub entries: Vec<Entry>,
    /// Indexes of current jobs, in listing order.
    pub current: Vec<usize>,
    pub companies: BTreeMap<String, Group>,
    /// Pages of cities and of places not recognised as cities.
    pub locations: BTreeMap<String, Group>,
    /// Countries recognised in locations; their pages live beside the locations'.
    pub countries: BTreeMap<String, Group>,
    /// The name and country of each page of `locations` (current and past), by slug.
    pub location_pages: HashMap<Arc<str>, PageOf>,
    /// With `[site] keep_old_location_urls`: each slug location pages had when named after the
    /// whole location string, and the slug of the page it now leads to (none that a page has).
    pub old_locations: BTreeMap<String, Arc<str>>,
    pub skills: BTreeMap<String, Group>,
    /// Remote, on-site and hybrid, in that order (possibly with no jobs).
    pub types: Vec<Group>,
    /// Groups that only expired jobs belong to.
    pub past: PastGroups,
    /// Company profiles by company slug.
    pub profiles: BTreeMap<String, Company>,
}

/// Companies, locations, countries and skills that only expired jobs belong to, A to Z, each with
/// no jobs. An expired job keeps its page, which links to its company, location and skills: their
/// pages stay too (saying that nothing is open), though no index, sitemap, search facet or count
/// lists them.
#[derive(Debug, Default)]
pub struct PastGroups {
    pub companies: Vec<Group>,
    pub locations: Vec<Group>,
    pub countries: Vec<Group>,
    pub skills: Vec<Group>,
}

impl PastGroups {
    /// The groups of expired `entries` that `current` (the groups of current jobs) lacks.
    fn new(
        entries: &[Entry],
        companies: &BTreeMap<String, Group>,
        locations: &BTreeMap<String, Group>,
        countries: &BTreeMap<String, Group>,
        skills: &BTreeMap<String, Group>,
    ) -> PastGroups {
        let expired: Vec<usize> = (0..entries.len()).filter(|&i| entries[i].expired).collect();
        let past = |current: &BTreeMap<String, Group>, keys: GroupKeys| {
            group_by(entries, &expired, keys)
                .into_values()
                .filter(|group| !current.contains_key(&group.slug))
                .map(|group| Group {
                    jobs: Vec::new(),
                    ..group
                })
                .collect()
        };
        PastGroups {
            companies: past(companies, company_of),
            locations: past(locations, location_of),
            countries: past(countries, country_of),
            skills: past(skills, skills_of),
        }
    }
}

/// What decides which jobs are on the board.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    pub now: DateTime<Utc>,
    pub drafts: bool,
}

impl Site {
    /// Builds the model from validated jobs (in dataset order) and company profiles.
    pub fn new(
        config: &Config,
        jobs: Vec<Arc<Job>>,
        companies: Vec<Company>,
        selection: Selection,
    ) -> Site {
        let jobs = selected(config, jobs, selection);
        let located = Locations::new(&jobs);
        let entries = entries(config, &jobs, &located, selection.now.date_naive());
        let current: Vec<usize> = (0..entries.len())
            .filter(|&i| !entries[i].expired)
            .collect();
        // The four kinds of group are independent: made side by side.
        let ((companies_by, locations), (countries, skills)) = rayon::join(
            || {
                rayon::join(
                    || group_by(&entries, &current, company_of),
                    || group_by(&entries, &current, location_of),
                )
            },
            || {
                rayon::join(
                    || group_by(&entries, &current, country_of),
                    || group_by(&entries, &current, skills_of),
                )
            },
        );
        let past = PastGroups::new(&entries, &companies_by, &locations, &countries, &skills);
        let old_locations = old_location_pages(config, &jobs, &located, &countries);
        Site {
            now: selection.now,
            base_path: base_path(&config.base_url),
            past,
            companies: companies_by,
            locations,
            countries,
            location_pages: located.pages,
            old_locations,
            skills,
            types: workplace_groups(&entries, &current),
            profiles: companies.into_iter().map(|c| (c.slug.clone(), c)).collect(),
            entries,
            current,
        }
    }

    /// The current jobs, in listing order.
    pub fn current_jobs(&self) -> impl Iterator<Item = &Entry> {
        self.current.iter().map(|&i| &self.entries[i])
    }

    /// The companies with a page (and a feed) under `companies/`: those of current jobs, then
    /// those only expired jobs are left in.
    pub fn company_pages(&self) -> Vec<&Group> {
        self.companies
            .values()
            .chain(&self.past.companies)
            .collect()
    }

    /// The countries and locations with a page (and a feed) under `locations/`, current ones
    /// first.
    pub fn place_pages(&self) -> Vec<&Group> {
        self.countries
            .values()
            .chain(self.locations.values())
            .chain(&self.past.countries)
            .chain(&self.past.locations)
            .collect()
    }

    /// The skills with a page (and a feed) under `skills/`, current ones first.
    pub fn skill_pages(&self) -> Vec<&Group> {
        self.skills.values().chain(&self.past.skills).collect()
    }
}

fn in_categories(job: &Job, wanted: &[String]) -> bool {
    wanted.is_empty()
        || job
            .categories
            .iter()
            .any(|c| wanted.iter().any(|w| w.eq_ignore_ascii_case(c)))
}

/// Whether a job has left current listings by `today`.
pub fn is_expired(job: &Job, today: NaiveDate, expire_after_days: u32) -> bool {
    if let Some(last) = job.valid_through {
        return last < today;
    }
    expire_after_days > 0
        && job
            .date
            .checked_add_days(Days::new(u64::from(expire_after_days)))
            .is_some_and(|end| end < today)
}

/// The slugs of every company and skill name on the board.
struct Slugs {
    companies: HashMap<String, Arc<str>>,
    skills: HashMap<String, Arc<str>>,
}

impl Slugs {
    fn new(jobs: &[Arc<Job>]) -> Slugs {
        // Companies and skills have sluggers of their own: made side by side.
        let (companies, skills) = rayon::join(
            || {
                let names = jobs.iter().map(|j| j.company.as_str());
                owned_keys(name_slugs(names, &mut Slugger::new()))
            },
            || {
                let names = jobs
                    .iter()
                    .flat_map(|j| j.skills.iter().map(String::as_str));
                owned_keys(name_slugs(names, &mut Slugger::new()))
            },
        );
        Slugs { companies, skills }
    }
}

/// Slugs by name as the model looks them up: by owned name, shared by the entries.
fn owned_keys(slugs: BTreeMap<&str, String>) -> HashMap<String, Arc<str>> {
    slugs
        .into_iter()
        .map(|(name, slug)| (name.to_string(), slug.into()))
        .collect()
}

/// Distinct slugs for distinct names, given in sorted name order so they never depend on which
/// job came first.
fn name_slugs<'a>(
    names: impl Iterator<Item = &'a str>,
    slugger: &mut Slugger,
) -> BTreeMap<&'a str, String> {
    let distinct: std::collections::HashSet<&str> = names.collect();
    let mut sorted: Vec<&str> = distinct.into_iter().collect();
    sorted.sort_unstable();
    let slugs: Vec<String> = sorted.par_iter().map(|name| slugify(name)).collect();
    sorted
        .into_iter()
        .zip(slugs)
        .map(|(name, slug)| (name, slugger.claim(slug)))
        .collect()
}

/// Hands each (slug, name) of a group an entry belongs to to `add`.
type GroupKeys = fn(&Entry, &mut dyn FnMut(&str, &str));

/// The entry's company.
fn company_of(entry: &Entry, add: &mut dyn FnMut(&str, &str)) {
    add(&entry.company, &entry.job.company);
}

/// The pages of the entry's places, but for places that name just their country (whose page
/// lists the job).
fn location_of(entry: &Entry, add: &mut dyn FnMut(&str, &str)) {
    for placed in entry.places.iter() {
        if placed.country.as_ref() != Some(&placed.page) {
            add(&placed.page, &place_name(placed));
        }
    }
}

/// The name of a place's page: "Bengaluru, India" for a city, else the text as written.
fn place_name(placed: &Placed) -> String {
    match (&placed.place.city, placed.place.country) {
        (Some(city), Some(country)) => format!("{city}, {}", country.name),
        _ => placed.text.clone(),
    }
}

/// The countries of the entry's places, when recognised.
fn country_of(entry: &Entry, add: &mut dyn FnMut(&str, &str)) {
    for placed in entry.places.iter() {
        if let (Some(slug), Some(country)) = (&placed.country, placed.place.country) {
            add(slug, country.name);
        }
    }
}

/// The entry's skills.
fn skills_of(entry: &Entry, add: &mut dyn FnMut(&str, &str)) {
    for (slug, name) in entry.skills.iter().zip(&entry.job.skills) {
        add(slug, name);
    }
}

/// Groups the entries `indexes` by the (slug, name) pairs `keys` hands to `add` for each.
fn group_by(entries: &[Entry], indexes: &[usize], keys: GroupKeys) -> BTreeMap<String, Group> {
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for &i in indexes {
        keys(&entries[i], &mut |slug, name| {
            let group = match groups.get_mut(slug) {
                Some(group) => group,
                None => groups.entry(slug.to_string()).or_insert_with(|| Group {
                    slug: slug.to_string(),
                    name: name.to_string(),
                    jobs: Vec::new(),
                }),
            };
            // Two names of one job can share a slug ("Go" and "go"): list the job once.
            if group.jobs.last() != Some(&i) {
                group.jobs.push(i);
            }
        });
    }
    groups
}

/// The path part of a base URL: `https://e.org/board/` gives `/board/`.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

/// One page of a paginated listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    /// 1-based.
    pub number: usize,
    pub total: usize,
    /// The slice of the listing shown on this page.
    pub start: usize,
    pub end: usize,
    /// Folder of this page relative to the listing's folder: "" or "page/N/".
    pub dir: String,
}

/// Splits `count` items into pages of `per_page`; an empty listing still has one page.
pub fn paginate(count: usize, per_page: usize) -> Vec<Pager> {
    let per_page = per_page.max(1);
    let total = count.div_ceil(per_page).max(1);
    (1..=total)
        .map(|number| Pager {
            number,
            total,
            start: (number - 1) * per_page,
            end: (number * per_page).min(count),
            dir: page_dir(number),
        })
        .collect()
}

/// The folder of page `number` relative to its listing: page 1 is the listing itself.
pub fn page_dir(number: usize) -> String {
    if number <= 1 {
        String::new()
    } else {
        format!("page/{number}/")
    }
}

/// The jobs a build shows (drafts only when asked, only the board's categories), newest first.
fn selected(config: &Config, jobs: Vec<Arc<Job>>, selection: Selection) -> Vec<Arc<Job>> {
    let mut jobs: Vec<Arc<Job>> = jobs
        .into_iter()
        .filter(|job| selection.drafts || !job.draft)
        .filter(|job| in_categories(job, &config.categories))
        .collect();
    // A stable sort keeps the dataset order among jobs of the same date.
    jobs.sort_by_key(|job| std::cmp::Reverse(job.date));
    jobs
}

/// One entry per job, in the jobs' order, with its slug, places, groups and eligibility.
fn entries(
    config: &Config,
    jobs: &[Arc<Job>],
    located: &Locations,
    today: NaiveDate,
) -> Vec<Entry> {
    let board_areas = crate::eligibility::read_areas(&config.dataset.remote_from);
    let slugs = Slugs::new(jobs);
    // Slugs are made side by side; only making them distinct follows the jobs' order.
    let mut job_slugs = Slugger::new();
    let entry_slugs: Vec<String> = jobs
        .par_iter()
        .map(|job| slugify(&job.handle))
        .collect::<Vec<_>>()
        .into_iter()
        .map(|slug| job_slugs.claim(slug))
        .collect();
    jobs.par_iter()
        .zip(&located.per_job)
        .zip(entry_slugs)
        .map(|((job, places), slug)| Entry {
            slug,
            expired: is_expired(job, today, config.expire_after_days),
            company: slugs.companies[&job.company].clone(),
            location: places[0].page.clone(),
            country: places[0].country.clone(),
            skills: job.skills.iter().map(|s| slugs.skills[s].clone()).collect(),
            eligibility: resolve_eligibility(job, places, &board_areas),
            places: places.clone(),
            job: job.clone(),
        })
        .collect()
}

/// With `[site] keep_old_location_urls`: each old raw-string location slug that no page uses
/// now, with the page its jobs moved to.
fn old_location_pages(
    config: &Config,
    jobs: &[Arc<Job>],
    located: &Locations,
    countries: &BTreeMap<String, Group>,
) -> BTreeMap<String, Arc<str>> {
    if !config.site.keep_old_location_urls {
        return BTreeMap::new();
    }
    let old_pages: HashMap<&str, Arc<str>> = jobs
        .iter()
        .zip(&located.per_job)
        .map(|(job, placed)| (job.location.as_str(), placed[0].page.clone()))
        .collect();
    crate::locations::old_slugs(jobs)
        .into_iter()
        .filter(|(old, _)| {
            !countries.contains_key(old)
                && !located.pages.contains_key(old.as_str())
                && !located.countries.values().any(|c| **c == **old)
        })
        .filter_map(|(old, string)| Some((old, old_pages.get(string.as_str())?.clone())))
        .collect()
}

/// The current jobs of each workplace type, in `Workplace::ALL`'s order.
fn workplace_groups(entries: &[Entry], current: &[usize]) -> Vec<Group> {
    Workplace::ALL
        .iter()
        .map(|w| Group {
            slug: w.slug().to_string(),
            name: w.label().to_string(),
            jobs: current
                .iter()
                .copied()
                .filter(|&i| entries[i].job.workplace == *w)
                .collect(),
        })
        .collect()
}

/// Where applicants to `job` may live: see `eligibility::resolve`, with the countries of all its
/// places.
fn resolve_eligibility(
    job: &Job,
    places: &[crate::locations::Placed],
    board: &[crate::eligibility::Area],
) -> Option<crate::eligibility::Eligibility> {
    let countries: Vec<crate::country::Country> =
        places.iter().filter_map(|p| p.place.country).collect();
    crate::eligibility::resolve(job, &countries, board)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paginates_without_a_page_one_folder() {
        let pages = paginate(5, 2);
        let dirs: Vec<_> = pages
            .iter()
            .map(|p| (p.dir.as_str(), p.start, p.end))
            .collect();
        assert_eq!(dirs, [("", 0, 2), ("page/2/", 2, 4), ("page/3/", 4, 5)]);
        assert_eq!(paginate(0, 50).len(), 1);
        assert_eq!(paginate(50, 50).len(), 1);
        assert_eq!(paginate(51, 50).len(), 2);
    }

    #[test]
    fn base_paths() {
        assert_eq!(base_path("https://example.org/"), "/");
        assert_eq!(base_path("https://user.github.io/board/"), "/board/");
    }
}
