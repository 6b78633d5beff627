//! The normalised job: what every stage after validation works with.
//!
//! A `Job` is built once by `validate` from a raw record and never changed afterwards; later
//! stages borrow it.

use std::hash::{Hash, Hasher};

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// Where a record came from, for messages and for the dataset order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Origin {
    /// Path relative to the board root, with `/` separators.
    pub path: String,
    /// 1-based line of the record (the first line of a front-matter file).
    pub line: usize,
    /// 1-based column of the record.
    pub column: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.column)
    }
}

/// Where the work is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Workplace {
    Remote,
    OnSite,
    Hybrid,
}

impl Workplace {
    /// Every workplace, in the order listings show them.
    pub const ALL: [Workplace; 3] = [Workplace::Remote, Workplace::OnSite, Workplace::Hybrid];

    /// Reads the dataset forms: `remote`, `on-site`, `hybrid` and the README forms
    /// "Remote", "On Site", "Hybrid" (case, spaces, `_` and `-` do not matter).
    pub fn parse(text: &str) -> Option<Workplace> {
        let folded: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '_'))
            .flat_map(char::to_lowercase)
            .collect();
        match folded.as_str() {
            "remote" => Some(Workplace::Remote),
            "onsite" | "office" | "inoffice" => Some(Workplace::OnSite),
            "hybrid" => Some(Workplace::Hybrid),
            _ => None,
        }
    }

    /// The slug used in paths and in the dataset: `remote`, `on-site`, `hybrid`.
    pub fn slug(self) -> &'static str {
        match self {
            Workplace::Remote => "remote",
            Workplace::OnSite => "on-site",
            Workplace::Hybrid => "hybrid",
        }
    }

    /// The label shown to readers, as the README's Type column has it.
    pub fn label(self) -> &'static str {
        match self {
            Workplace::Remote => "Remote",
            Workplace::OnSite => "On Site",
            Workplace::Hybrid => "Hybrid",
        }
    }
}

/// The kind of contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Employment {
    FullTime,
    PartTime,
    Contract,
    Internship,
    Temporary,
}

impl Employment {
    /// Reads `full-time`, `Full Time`, `fulltime` and the like.
    pub fn parse(text: &str) -> Option<Employment> {
        let folded: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '_'))
            .flat_map(char::to_lowercase)
            .collect();
        match folded.as_str() {
            "fulltime" => Some(Employment::FullTime),
            "parttime" => Some(Employment::PartTime),
            "contract" | "contractor" => Some(Employment::Contract),
            "internship" | "intern" => Some(Employment::Internship),
            "temporary" | "temp" => Some(Employment::Temporary),
            _ => None,
        }
    }

    /// The label shown to readers.
    pub fn label(self) -> &'static str {
        match self {
            Employment::FullTime => "Full-time",
            Employment::PartTime => "Part-time",
            Employment::Contract => "Contract",
            Employment::Internship => "Internship",
            Employment::Temporary => "Temporary",
        }
    }

    /// The schema.org `employmentType` value.
    pub fn schema_org(self) -> &'static str {
        match self {
            Employment::FullTime => "FULL_TIME",
            Employment::PartTime => "PART_TIME",
            Employment::Contract => "CONTRACTOR",
            Employment::Internship => "INTERN",
            Employment::Temporary => "TEMPORARY",
        }
    }
}

/// The unit a salary is paid per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Year,
    Month,
    Hour,
}

impl Period {
    /// Reads `year`, `yearly`, `annual`, `month`, `hour`, `hourly` and the like.
    pub fn parse(text: &str) -> Option<Period> {
        match text.trim().to_lowercase().as_str() {
            "year" | "yearly" | "annual" | "annually" | "yr" | "y" | "a" => Some(Period::Year),
            "month" | "monthly" | "mo" | "m" => Some(Period::Month),
            "hour" | "hourly" | "hr" | "h" => Some(Period::Hour),
            _ => None,
        }
    }

    /// How many of this period make a year of full-time work.
    pub fn per_year(self) -> f64 {
        match self {
            Period::Year => 1.0,
            Period::Month => 12.0,
            Period::Hour => 2080.0,
        }
    }
}

/// Pay, as a range or a single figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Salary {
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// ISO 4217 code, upper case.
    pub currency: String,
    pub period: Period,
}

impl Salary {
    /// The middle of the range in a year, for statistics.
    pub fn annual_midpoint(&self) -> Option<f64> {
        let mid = match (self.min, self.max) {
            (Some(a), Some(b)) => (a + b) / 2.0,
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => return None,
        };
        Some(mid * self.period.per_year())
    }
}

/// One job posting, validated and normalised.
#[derive(Debug, Clone, Serialize)]
pub struct Job {
    /// Stable identifier, unique in the board.
    pub id: String,
    /// What the page slug is made from: the id, or for a bulk row without one, company and title.
    pub handle: String,
    pub title: String,
    pub company: String,
    pub company_url: Option<String>,
    /// Free text, trimmed, as the source gives it (a list's items joined by "; ").
    pub location: String,
    /// The location's items: one, or those of a list (`location = ["Berlin", "Paris"]`).
    pub locations: Vec<String>,
    /// Date posted (the calendar day the source gives).
    pub date: NaiveDate,
    /// Moment posted: the RFC 3339 time when one was given, else midnight UTC of `date`.
    pub posted: DateTime<Utc>,
    pub url: String,
    pub workplace: Workplace,
    pub employment: Option<Employment>,
    pub valid_through: Option<NaiveDate>,
    pub salary: Option<Salary>,
    /// Skills as given, or recognised in the title and description.
    pub skills: Vec<String>,
    /// Whether `skills` are the job's own list (else recognised in its title and description).
    pub skills_listed: bool,
    /// Of recognised skills, those named in the description: bit `i` for `skills[i]` (the README's
    /// trending line counts skills from descriptions, and `MAX_SKILLS` fits in the bits).
    pub description_skills: u64,
    pub categories: Vec<String>,
    pub draft: bool,
    /// Whether the job is applied for on the board's own page (`direct_apply`; Google's
    /// `directApply`), not on another site.
    pub direct_apply: bool,
    /// Countries or regions applicants may live in (`remote_from`), in the order given.
    pub remote_from: Vec<crate::eligibility::Area>,
    /// Whether the employer sponsors work visas (`visa_sponsorship`), when the job says.
    pub visa_sponsorship: Option<bool>,
    /// The description as written (markdown).
    pub description: String,
    pub origin: Origin,
}

/// Every field goes into the hash, so that the fingerprint of a page (`jobsmith serve` keeps
/// pages whose fingerprint did not change) changes with anything the page may show. The
/// destructuring has no `..`: a new field does not compile until it is hashed here too.
impl Hash for Job {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let Job {
            id,
            handle,
            title,
            company,
            company_url,
            location,
            locations,
            date,
            posted,
            url,
            workplace,
            employment,
            valid_through,
            salary,
            skills,
            skills_listed,
            description_skills,
            categories,
            draft,
            direct_apply,
            remote_from,
            visa_sponsorship,
            description,
            origin,
        } = self;
        (id, handle, title, company, company_url, location).hash(state);
        locations.hash(state);
        (date, posted, url, workplace, employment, valid_through).hash(state);
        salary.as_ref().map(Salary::hash_key).hash(state);
        (skills, categories, draft, direct_apply, description, origin).hash(state);
        (
            skills_listed,
            description_skills,
            remote_from,
            visa_sponsorship,
        )
            .hash(state);
    }
}

impl Salary {
    /// The salary as hashable values (figures by their bits).
    fn hash_key(&self) -> (Option<u64>, Option<u64>, &str, Period) {
        let Salary {
            min,
            max,
            currency,
            period,
        } = self;
        (
            min.map(f64::to_bits),
            max.map(f64::to_bits),
            currency,
            *period,
        )
    }
}
