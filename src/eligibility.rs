//! Who may apply from where: the countries and regions applicants to a job may live in
//! (`remote_from`, the job's or the board's), and whether the employer sponsors work visas.
//!
//! The areas are what the data says, never a guess: a job's own `remote_from`; else, for a remote
//! job, the country its `location` names ("Remote - Mexico Only"); else the board's
//! `[dataset] remote_from`. The job page shows them, and the JSON-LD writes them as
//! `applicantLocationRequirements` (Country and AdministrativeArea objects, as Google for Jobs
//! documents it). Visa sponsorship is a requirement of another kind: schema.org puts it in
//! `eligibilityToWorkRequirement`, never among the locations.

use serde::Serialize;

use crate::country::{self, Country};
use crate::job::{Job, Workplace};

/// One place applicants may live in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Area {
    /// Anywhere in the world ("Worldwide", "Anywhere").
    Anywhere,
    /// A country ("Germany", "DE", "Deutschland").
    Country(Country),
    /// A named group of countries ("EMEA", "European Union") or a part of a country ("Texas"),
    /// by the name shown.
    Region(String),
    /// A name nothing recognises: shown as written, left out of the JSON-LD.
    Unknown(String),
}

impl Area {
    /// Reads one value of `remote_from`.
    pub fn read(name: &str) -> Area {
        let name = name.trim();
        if let Some(area) = region_or_anywhere(&country::fold(name)) {
            return area;
        }
        let place = country::recognise(name);
        match place.country {
            Some(country) if place.region.is_none() && place.locality.is_none() => {
                Area::Country(country)
            }
            Some(_) => Area::Region(name.to_string()),
            None => Area::Unknown(name.to_string()),
        }
    }

    /// The name shown on the job page.
    pub fn name(&self) -> &str {
        match self {
            Area::Anywhere => "Anywhere",
            Area::Country(country) => country.name,
            Area::Region(name) | Area::Unknown(name) => name,
        }
    }
}

/// The regions a location string names and nothing else: "EMEA", "Remote (North America)",
/// "Remote - North America - EMEA - LATAM", "Worldwide". Empty when any part is something else
/// (a country, a city, a word nothing knows) or when no part names a region.
pub fn regions_in(location: &str) -> Vec<Area> {
    let mut areas: Vec<Area> = Vec::new();
    let parts = location.split(['-', '–', '—', ',', '(', ')', '/', '|', ';', ':']);
    for part in parts {
        let folded = country::fold(part);
        let words: Vec<&str> = folded
            .split(' ')
            .filter(|w| !w.is_empty() && !REMOTE_WORDS.split('|').any(|r| r == *w))
            .collect();
        if words.is_empty() {
            continue;
        }
        let area = region_or_anywhere(&words.join(" "));
        match area {
            Some(area) if !areas.contains(&area) => areas.push(area),
            Some(_) => {}
            None => return Vec::new(),
        }
    }
    areas
}

/// `Anywhere` or a region of `REGIONS`, by folded name.
fn region_or_anywhere(folded: &str) -> Option<Area> {
    if ANYWHERE.split('|').any(|word| word == folded) {
        return Some(Area::Anywhere);
    }
    REGIONS
        .iter()
        .find(|(_, spellings)| spellings.split('|').any(|s| s == folded))
        .map(|(region, _)| Area::Region((*region).to_string()))
}

/// Written as the name shown.
impl Serialize for Area {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// Folded spellings that mean "anywhere". ("Remote" alone is not one: it says how, not where.)
const ANYWHERE: &str = "anywhere|worldwide|world wide|global|globally|everywhere|world|\
                        anywhere in the world";

/// Folded words that say a job is remote, and nothing about where.
const REMOTE_WORDS: &str = "remote|fully|only|100|job|work|from|home|wfh|first|based";

/// Regions that span countries: the name shown, then its folded spellings.
const REGIONS: &[(&str, &str)] = &[
    ("Europe", "europe"),
    ("European Union", "eu|european union"),
    ("European Economic Area", "eea|european economic area"),
    ("EMEA", "emea|europe middle east and africa"),
    ("Americas", "americas|the americas"),
    ("North America", "north america|namer"),
    (
        "Latin America",
        "latin america|latam|latinoamerica|america latina",
    ),
    ("South America", "south america"),
    ("Central America", "central america"),
    ("Caribbean", "caribbean|the caribbean"),
    ("Asia", "asia"),
    ("Asia-Pacific", "apac|asia pacific"),
    ("Middle East", "middle east"),
    ("MENA", "mena|middle east and north africa"),
    ("Africa", "africa"),
    ("Oceania", "oceania"),
    ("Nordics", "nordics|nordic countries"),
    ("DACH", "dach"),
    ("Benelux", "benelux"),
];

/// Where an eligibility comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The job's `remote_from`.
    Job,
    /// The country the remote job's `location` names.
    Location,
    /// The board's `[dataset] remote_from`.
    Board,
}

/// Where applicants to one job may live.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Eligibility {
    /// In the order given, each once.
    pub areas: Vec<Area>,
    pub source: Source,
}

impl Eligibility {
    /// Whether applicants may live anywhere.
    pub fn anywhere(&self) -> bool {
        self.areas.contains(&Area::Anywhere)
    }

    /// The areas as the job page lists them: "Germany, Austria".
    pub fn names(&self) -> String {
        let names: Vec<&str> = self.areas.iter().map(Area::name).collect();
        names.join(", ")
    }
}

/// Reads every value of a `remote_from` list, each area once.
pub fn read_areas(names: &[String]) -> Vec<Area> {
    let mut areas: Vec<Area> = Vec::with_capacity(names.len());
    for area in names.iter().map(|name| Area::read(name)) {
        if !areas.contains(&area) {
            areas.push(area);
        }
    }
    areas
}

/// The warning for a `key` value that is no country or region jobsmith knows.
pub fn unknown_message(key: &str, name: &str) -> String {
    format!(
        "`{key}`: {name:?} is not a country or region jobsmith knows (write a country such as \
         \"Germany\" or \"DE\", a region such as \"EMEA\" or \"European Union\", or \
         \"Worldwide\"); it is shown as written and left out of the JSON-LD"
    )
}

/// Where applicants to `job` may live: its own `remote_from`; else, for a remote job, the country
/// countries its location names (`location_countries`, in order) or the regions it names
/// ("EMEA"); else, for a remote job, the board's `remote_from` (`board`). `None` when none of
/// them says.
pub fn resolve(job: &Job, location_countries: &[Country], board: &[Area]) -> Option<Eligibility> {
    if !job.remote_from.is_empty() {
        return Some(Eligibility {
            areas: job.remote_from.clone(),
            source: Source::Job,
        });
    }
    if job.workplace != Workplace::Remote {
        return None;
    }
    let mut from_location: Vec<Area> = Vec::new();
    for country in location_countries {
        let area = Area::Country(*country);
        if !from_location.contains(&area) {
            from_location.push(area);
        }
    }
    if from_location.is_empty() {
        from_location = regions_in(&job.location);
    }
    if !from_location.is_empty() {
        return Some(Eligibility {
            areas: from_location,
            source: Source::Location,
        });
    }
    (!board.is_empty()).then(|| Eligibility {
        areas: board.to_vec(),
        source: Source::Board,
    })
}

/// The sentence of `eligibilityToWorkRequirement` for a job's `visa_sponsorship`.
pub fn visa_requirement(sponsorship: bool) -> &'static str {
    if sponsorship {
        "Visa sponsorship is available: the employer sponsors work visas for this position."
    } else {
        "No visa sponsorship: applicants must already be allowed to work where the job is."
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str) -> Area {
        Area::read(name)
    }

    #[test]
    fn countries_regions_and_anywhere_are_told_apart() {
        let germany = country::by_code("DE").expect("Germany");
        for name in ["Germany", "DE", "Deutschland", " germany "] {
            assert_eq!(read(name), Area::Country(germany), "{name}");
        }
        assert_eq!(read("UK").name(), "United Kingdom");
        for name in ["Worldwide", "anywhere", "Global"] {
            assert_eq!(read(name), Area::Anywhere, "{name}");
        }
        assert_eq!(
            read("Remote"),
            Area::Unknown("Remote".into()),
            "how, not where"
        );
        assert_eq!(read("LATAM"), Area::Region("Latin America".into()));
        assert_eq!(read("eu"), Area::Region("European Union".into()));
        assert_eq!(read("EMEA"), Area::Region("EMEA".into()));
        assert_eq!(read("Texas"), Area::Region("Texas".into()));
        assert_eq!(read("Mars"), Area::Unknown("Mars".into()));
    }

    #[test]
    fn locations_that_name_only_regions_give_them() {
        let names = |location: &str| -> Vec<String> {
            regions_in(location)
                .iter()
                .map(|a| a.name().to_string())
                .collect()
        };
        assert_eq!(names("EMEA"), ["EMEA"]);
        assert_eq!(names("Remote (North America)"), ["North America"]);
        assert_eq!(
            names("Remote - North America - EMEA - LATAM"),
            ["North America", "EMEA", "Latin America"]
        );
        assert_eq!(names("Worldwide"), ["Anywhere"]);
        for nothing in [
            "Remote",
            "Work From Home",
            "Berlin - Europe",
            "Europe, Mars",
            "",
        ] {
            assert!(names(nothing).is_empty(), "{nothing}");
        }
    }

    #[test]
    fn each_area_is_read_once_in_the_order_given() {
        let names: Vec<String> = ["Germany", "DE", "Austria", "Mars"]
            .map(String::from)
            .to_vec();
        let areas = read_areas(&names);
        let shown: Vec<&str> = areas.iter().map(Area::name).collect();
        assert_eq!(shown, ["Germany", "Austria", "Mars"]);
    }
}
