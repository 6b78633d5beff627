//! Views: the shapes templates receive, built from the site model.
//!
//! Each job's card is built once and borrowed by every listing that shows it. Field names here
//! are the template variables documented in `docs/templates.md`.

use serde::Serialize;

use crate::config::Config;
use crate::job::Salary;
use crate::mark::Mark;
use crate::site::{Entry, Site};

/// Board-wide values every template gets as `site`.
#[derive(Debug, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub language: String,
    pub base_url: String,
    pub base_path: String,
    /// Path of the stylesheet.
    pub stylesheet: String,
    /// Path of the script every page loads (relative dates, search).
    pub script: String,
    /// Path of the favicon.
    pub favicon: String,
    /// Number of current jobs.
    pub job_count: usize,
    /// The build clock, as "22 Oct 2025".
    pub updated: String,
    /// The build clock, RFC 3339.
    pub updated_iso: String,
}

/// The page being rendered, as `page`.
#[derive(Debug, Serialize)]
pub struct PageView {
    pub title: String,
    pub description: String,
    /// Absolute URL.
    pub canonical: String,
    /// Path from the domain root, with the base path.
    pub path: String,
    /// Path of the feed this page announces.
    pub feed: String,
    /// Open Graph type: `website`, or `article` for a job.
    pub og_type: &'static str,
}

/// A job as listings show it, as each `job` of `jobs`.
#[derive(Debug, Serialize)]
pub struct JobCard {
    pub title: String,
    /// Path of the job's page.
    pub path: String,
    /// Where to apply.
    pub url: String,
    pub company: String,
    /// The company's website.
    pub company_url: Option<String>,
    /// Path of the company's page on the board.
    pub company_path: String,
    pub location: String,
    /// The page of the location's first place.
    pub location_path: String,
    /// The location cut into its places, in order, each with its page; the texts between them
    /// (separators, "Remote") have no path. Put together, the texts are `location`.
    pub location_parts: Vec<Part>,
    /// The country recognised in the location, with its page (when all its places are in it).
    pub country: Option<Link>,
    /// `remote`, `on-site` or `hybrid`.
    pub workplace: &'static str,
    pub workplace_label: &'static str,
    pub workplace_path: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// "22 Oct 2025".
    pub date_display: String,
    pub salary: Option<String>,
    pub employment: Option<&'static str>,
    pub skills: Vec<Link>,
    pub expired: bool,
    /// The company's logo or monogram.
    pub mark: Mark,
    /// "3 days ago", from the build clock.
    pub ago: String,
    /// Posted within the last `new_days` days of the build clock.
    pub is_new: bool,
    /// `YYYY-MM-DD`: the last day the job counts as new (the page's script hides the badge after).
    pub new_until: String,
    /// False when the location only repeats the workplace ("Remote" for a remote job): the
    /// workplace is then shown once.
    pub show_location: bool,
}

/// A piece of text, with the path of its page when it has one.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    pub text: String,
    pub path: Option<String>,
}

/// A name and the path of its page.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub name: String,
    pub path: String,
}

impl SiteView {
    pub fn new(config: &Config, site: &Site, stylesheet: &str, script: &str) -> SiteView {
        SiteView {
            title: config.title.clone(),
            description: config.description.clone(),
            language: config.language.clone(),
            base_url: config.base_url.clone(),
            base_path: site.base_path.clone(),
            stylesheet: format!("{}{stylesheet}", site.base_path),
            script: format!("{}{script}", site.base_path),
            favicon: format!("{}favicon.svg", site.base_path),
            job_count: site.current.len(),
            updated: site.now.format("%-d %b %Y").to_string(),
            updated_iso: site.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        }
    }
}

impl PageView {
    /// A page at `dir` (relative to the site root, `""` for the home page).
    pub fn new(
        config: &Config,
        site: &Site,
        dir: &str,
        title: String,
        description: String,
    ) -> PageView {
        PageView {
            title,
            description,
            canonical: format!("{}{dir}", config.base_url),
            path: format!("{}{dir}", site.base_path),
            feed: format!("{}rss.xml", site.base_path),
            og_type: "website",
        }
    }
}

impl JobCard {
    /// The card of `entry`; jobs of the last `new_days` days are new.
    pub fn new(site: &Site, entry: &Entry, new_days: u32) -> JobCard {
        let job = &entry.job;
        let base = &site.base_path;
        let today = site.now.date_naive();
        let logo = site
            .profiles
            .get(&*entry.company)
            .and_then(|p| p.logo.as_deref());
        let age = (today - job.date).num_days();
        JobCard {
            title: job.title.clone(),
            path: format!("{}{}", site.base_path, job_dir(entry)),
            url: job.url.clone(),
            company: job.company.clone(),
            company_url: job.company_url.clone(),
            company_path: format!("{base}companies/{}/", entry.company),
            location: job.location.clone(),
            location_path: format!("{base}locations/{}/", entry.location),
            location_parts: location_parts(entry, base),
            country: entry
                .shown_country()
                .filter(|_| entry.places.iter().all(|p| p.country == entry.country))
                .zip(entry.place().country)
                .map(|(slug, c)| Link {
                    name: c.name.to_string(),
                    path: format!("{base}locations/{slug}/"),
                }),
            workplace: job.workplace.slug(),
            workplace_label: job.workplace.label(),
            workplace_path: format!("{base}types/{}/", job.workplace.slug()),
            date: crate::date::iso(job.date),
            date_display: crate::date::display(job.date),
            salary: job.salary.as_ref().map(format_salary),
            employment: job.employment.map(|e| e.label()),
            skills: job
                .skills
                .iter()
                .zip(&entry.skills)
                .map(|(name, slug)| Link {
                    name: name.clone(),
                    path: format!("{base}skills/{slug}/"),
                })
                .collect(),
            expired: entry.expired,
            mark: Mark::new(&job.company, logo, base),
            ago: crate::date::ago(job.date, today),
            is_new: new_days > 0 && age < i64::from(new_days),
            new_until: crate::date::iso(
                job.date + chrono::Days::new(u64::from(new_days.saturating_sub(1))),
            ),
            show_location: !repeats_workplace(&job.location, job.workplace.slug()),
        }
    }
}

/// The job's location, cut where its places are found in it, each place linked to its page.
fn location_parts(entry: &Entry, base: &str) -> Vec<Part> {
    let location = entry.job.location.as_str();
    let mut parts = Vec::new();
    let mut at = 0;
    for placed in entry.places.iter() {
        let Some(found) = location[at..].find(placed.text.as_str()) else {
            continue;
        };
        let (start, end) = (at + found, at + found + placed.text.len());
        if start > at {
            parts.push(Part {
                text: location[at..start].to_string(),
                path: None,
            });
        }
        parts.push(Part {
            text: placed.text.clone(),
            path: Some(format!("{base}locations/{}/", placed.page)),
        });
        at = end;
    }
    if parts.is_empty() {
        // Each place's text is a piece of the location; should one not be found, the whole
        // location still links to the first place's page.
        parts.push(Part {
            text: location.to_string(),
            path: Some(format!("{base}locations/{}/", entry.location)),
        });
    } else if at < location.len() {
        parts.push(Part {
            text: location[at..].to_string(),
            path: None,
        });
    }
    parts
}

/// Whether `location` says no more than the workplace `slug` ("Remote" for `remote`, "On-site"
/// for `on-site`).
pub fn repeats_workplace(location: &str, slug: &str) -> bool {
    let letters = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    letters(location) == letters(slug)
}

/// The folder of a job's page relative to the site root: `jobs/SLUG/`.
pub fn job_dir(entry: &Entry) -> String {
    format!("jobs/{}/", entry.slug)
}

/// "90k–120k USD a year", "20–30 EUR an hour", "from 5,000 GBP a month".
pub fn format_salary(salary: &Salary) -> String {
    let per = match salary.period {
        crate::job::Period::Year => "a year",
        crate::job::Period::Month => "a month",
        crate::job::Period::Hour => "an hour",
    };
    let amount = match (salary.min, salary.max) {
        (Some(min), Some(max)) if min == max => short_amount(min),
        (Some(min), Some(max)) => format!("{}–{}", short_amount(min), short_amount(max)),
        (Some(min), None) => format!("from {}", short_amount(min)),
        (None, Some(max)) => format!("up to {}", short_amount(max)),
        (None, None) => String::new(),
    };
    format!("{amount} {} {per}", salary.currency)
}

/// 120000 gives "120k", 1500000 gives "1.5M", 25 gives "25", 5500 gives "5,500"; never an exponent.
pub fn short_amount(amount: f64) -> String {
    let amount = amount.max(0.0);
    if amount >= 1e12 {
        return format!("{:.0}T", (amount / 1e12).min(1e6)).replace("1000000T", "1000000T+");
    }
    if amount >= 1e6 {
        return trim_zero(format!("{:.1}", amount / 1e6)) + "M";
    }
    if amount >= 10_000.0 {
        return format!("{:.0}k", (amount / 1e3).round());
    }
    if amount >= 1_000.0 {
        let whole = amount.round() as u64;
        return format!("{},{:03}", whole / 1000, whole % 1000);
    }
    trim_zero(format!("{amount:.2}"))
}

fn trim_zero(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_like_people_write_them() {
        assert_eq!(short_amount(120_000.0), "120k");
        assert_eq!(short_amount(1_500_000.0), "1.5M");
        assert_eq!(short_amount(2_000_000.0), "2M");
        assert_eq!(short_amount(5_500.0), "5,500");
        assert_eq!(short_amount(25.0), "25");
        assert_eq!(short_amount(22.5), "22.5");
        assert!(!short_amount(1e70).contains('e'));
    }

    /// Cards of a board built on 22 Oct 2025: jobs of 22 Oct, 21 Oct and 1 Oct.
    #[test]
    fn cards_say_how_old_a_job_is_and_whether_it_is_new() {
        use crate::targets::search::tests::{JOBS, site};
        let (site, cards) = site(JOBS);
        let ages: Vec<&str> = cards.iter().map(|c| c.ago.as_str()).collect();
        assert_eq!(ages, ["today", "yesterday", "3 weeks ago"]);
        let new = |days: u32| -> Vec<bool> {
            let card = |e| JobCard::new(&site, e, days).is_new;
            site.entries.iter().map(card).collect()
        };
        assert_eq!(new(3), [true, true, false]);
        assert_eq!(new(1), [true, false, false]);
        assert_eq!(new(0), [false, false, false]);
        assert_eq!(cards[0].new_until, "2025-10-24");
        // "Remote" for a remote job is said once; "München, Germany" is shown.
        assert!(!cards[0].show_location && cards[1].show_location);
        assert_eq!(cards[1].mark.initials, "H");
    }

    #[test]
    fn a_location_that_names_the_workplace_repeats_it() {
        assert!(repeats_workplace("Remote", "remote"));
        assert!(repeats_workplace(" remote ", "remote"));
        assert!(repeats_workplace("On Site", "on-site"));
        assert!(!repeats_workplace("Remote (Europe)", "remote"));
        assert!(!repeats_workplace("Remote", "hybrid"));
        assert!(!repeats_workplace("Berlin", "on-site"));
    }
}
