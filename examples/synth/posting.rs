//! One synthetic job posting, made from its number alone: the same number and seed always give
//! the same posting, whatever else is generated.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::description::{self, Facts};
use crate::places::{Location, Places};
use crate::rng::{LongTail, Rng};
use crate::words::{
    COMMON_SKILLS, COMPANY_ENDINGS, COMPANY_STEMS, LEGAL_FORMS, PRODUCTS, ROLES, Role, SENIORITIES,
    TEAMS,
};

/// Companies on a board; jobs are spread over them with a long tail.
pub const COMPANIES: usize = 5_000;
/// Every date lies in the `DAYS` days up to this one.
pub const LAST_DAY: (i32, u32, u32) = (2026, 7, 1);
const DAYS: u64 = 300;
/// The company list is the same for every seed, so that company 1 is always the largest.
const COMPANY_SEED: u64 = 0x6A6F_6273_6D69_7468;

/// A job as jobsmith reads it; the field order is the order written.
#[derive(Serialize)]
pub struct Posting {
    pub id: String,
    pub title: String,
    pub company: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company_url: Option<String>,
    pub location: String,
    pub workplace: &'static str,
    pub date: NaiveDate,
    pub url: String,
    pub employment: &'static str,
    pub skills: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub salary: Option<Salary>,
    pub description: String,
}

#[derive(Serialize)]
pub struct Salary {
    pub min: u64,
    pub max: u64,
    pub currency: &'static str,
    pub period: &'static str,
}

struct Company {
    name: String,
    /// Its host name, used in URLs.
    host: String,
    /// Most companies give their website.
    url: Option<String>,
}

/// What every posting draws from, made once per board.
pub struct Pools {
    companies: Vec<Company>,
    company_sizes: LongTail,
    places: Places,
    roles: Vec<(usize, u64)>,
    last_day: NaiveDate,
}

impl Pools {
    pub fn new() -> Pools {
        let (year, month, day) = LAST_DAY;
        Pools {
            companies: companies(),
            // The largest company has about 1.5% of the jobs, the smallest a few in 100,000.
            company_sizes: LongTail::new(COMPANIES, 10),
            places: Places::new(),
            roles: ROLES.iter().map(|r| r.weight).enumerate().collect(),
            last_day: NaiveDate::from_ymd_opt(year, month, day).expect("LAST_DAY is a date"),
        }
    }

    /// Posting number `n` (from 1) of the board seeded with `seed`.
    pub fn posting(&self, seed: u64, n: u64) -> Posting {
        let rng = &mut Rng::for_item(seed, n);
        let company = &self.companies[self.company_sizes.draw(rng)];
        let role = &ROLES[rng.pick_weighted(&self.roles)];
        let seniority = rng.pick_weighted(SENIORITIES);
        let stack = rng.pick(role.stacks);
        let team = rng.pick(TEAMS);
        let title = title(rng, role, seniority, stack, team);
        let (workplace, location) = match rng.below(100) {
            0..35 => ("remote", self.places.remote(rng)),
            35..50 => ("hybrid", self.places.hybrid(rng)),
            _ => ("on-site", self.places.city(rng)),
        };
        let employment = employment(rng, seniority);
        let salary = rng
            .percent(30)
            .then(|| salary(rng, &location, seniority, employment));
        let skills = skills(rng, role, stack);
        let date = self.last_day - Days::new(rng.below(DAYS));
        let title_slug = jobsmith::internals::slug::slugify(&title);
        let url = format!(
            "https://careers.{}.example/jobs/{n}/{title_slug}",
            company.host
        );
        let description = description::describe(
            &Facts {
                company: &company.name,
                title: &title,
                team,
                stack,
                product: rng.pick(PRODUCTS),
                skills: &skills,
                site: company.url.as_deref().unwrap_or(&url),
                apply: &url,
            },
            rng,
        );
        Posting {
            id: format!("{}-{title_slug}-{n}", company.host),
            title,
            company: company.name.clone(),
            company_url: company.url.clone(),
            location: location.text,
            workplace,
            date,
            url,
            employment,
            skills,
            salary,
            description,
        }
    }
}

/// Distinct company names: stems paired with endings in a fixed shuffled order, a fifth of them
/// with a legal form ("GmbH", "Inc.").
fn companies() -> Vec<Company> {
    let rng = &mut Rng::new(COMPANY_SEED);
    let mut pairs: Vec<(usize, usize)> = (0..COMPANY_STEMS.len())
        .flat_map(|s| (0..COMPANY_ENDINGS.len()).map(move |e| (s, e)))
        .collect();
    for i in (1..pairs.len()).rev() {
        pairs.swap(i, rng.below(i as u64 + 1) as usize);
    }
    pairs
        .into_iter()
        .take(COMPANIES)
        .map(|(s, e)| {
            let mut name = format!("{} {}", COMPANY_STEMS[s], COMPANY_ENDINGS[e]);
            if rng.percent(20) {
                name = format!("{name} {}", rng.pick(LEGAL_FORMS));
            }
            let host = jobsmith::internals::slug::slugify(&name);
            let url = (!rng.percent(10)).then(|| format!("https://www.{host}.example/"));
            Company { name, host, url }
        })
        .collect()
}

fn title(rng: &mut Rng, role: &Role, seniority: &str, stack: &str, team: &str) -> String {
    let name = role.name;
    let base = match rng.below(100) {
        0..35 => name.to_string(),
        35..55 => format!("{stack} {name}"),
        55..75 => format!("{name} ({stack})"),
        75..90 => format!("{name}, {team}"),
        _ => format!("{name} - {team}"),
    };
    match seniority {
        "" => base,
        "Intern" => format!("{base} Intern"),
        _ => format!("{seniority} {base}"),
    }
}

fn employment(rng: &mut Rng, seniority: &str) -> &'static str {
    if seniority == "Intern" {
        return "internship";
    }
    rng.pick_weighted(&[
        ("full-time", 86),
        ("contract", 8),
        ("part-time", 3),
        ("temporary", 3),
    ])
}

/// The stack first, then the role's skills and perhaps a common one: 2 to 6 in all.
fn skills(rng: &mut Rng, role: &Role, stack: &'static str) -> Vec<&'static str> {
    let wanted = rng.between(2, 6) as usize;
    let mut skills = vec![stack];
    for i in rng.distinct(role.skills.len(), wanted) {
        let skill = role.skills[i];
        if skills.len() < wanted && !skills.contains(&skill) {
            skills.push(skill);
        }
    }
    let common = rng.pick(COMMON_SKILLS);
    if skills.len() < 6 && rng.percent(25) && !skills.contains(&common) {
        skills.push(common);
    }
    skills
}

/// A salary in the location's currency, scaled by seniority; contracts are often paid by the hour.
fn salary(rng: &mut Rng, location: &Location, seniority: &str, employment: &str) -> Salary {
    let scale = match seniority {
        "Intern" => 40,
        "Junior" => 70,
        "Senior" | "Sr." => 130,
        "Lead" => 140,
        "Staff" => 160,
        "Principal" => 180,
        _ => 100,
    };
    let hourly = employment == "contract" && rng.percent(60);
    let per_period = if hourly { 2000 } else { 1 };
    let yearly = location.country.pay * scale / 100 * rng.between(85, 115) / 100;
    let min = round(yearly / per_period);
    let max = round(min * rng.between(110, 140) / 100);
    Salary {
        min,
        max,
        currency: location.country.currency,
        period: if hourly { "hour" } else { "year" },
    }
}

/// Rounds to three significant digits, as posted salaries are.
fn round(amount: u64) -> u64 {
    let mut unit = 1;
    while amount / unit >= 1000 {
        unit *= 10;
    }
    (amount + unit / 2) / unit * unit
}
