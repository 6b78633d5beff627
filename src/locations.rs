//! The location pages of the site model: which page each place of a job is on. A recognised
//! city has one page, however it is written (`locations/bengaluru-india/`), a country one
//! (`locations/india/`), and a place nothing recognises the page of its own text. Countries take
//! their plain slugs first, then cities, then texts, each kind in sorted order, so slugs never
//! depend on the order of the jobs.
//!
//! It also keeps the slugs location pages had when they were named after each whole location
//! string, for boards that keep those URLs working (`[site] keep_old_location_urls`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use crate::country::{self, Country, Place};
use crate::job::Job;
use crate::places::{self, Key};
use crate::slug::{Slugger, slugify};

/// A place of a job, with its page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Placed {
    /// The piece of the location naming it, as written.
    pub text: String,
    pub place: Place,
    /// Slug of its page under `locations/`: a city's, a text's or a country's.
    pub page: Arc<str>,
    /// Slug of its country's page, when the country is known.
    pub country: Option<Arc<str>>,
}

/// A city or text page, as the locations index lists it under its country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageOf {
    /// The city's name ("Bengaluru") or the text.
    pub name: String,
    /// Slug of the country's page, when the country is known.
    pub country: Option<Arc<str>>,
}

/// Every job's places and the pages they make.
#[derive(Debug, Default)]
pub struct Locations {
    /// The places of each job, in the order of the jobs given; never empty.
    pub per_job: Vec<Arc<[Placed]>>,
    /// Slugs of the countries' pages, by country.
    pub countries: BTreeMap<Country, Arc<str>>,
    /// City and text pages by slug.
    pub pages: HashMap<Arc<str>, PageOf>,
}

impl Locations {
    /// Reads each distinct location once, then gives every place its page.
    pub fn new(jobs: &[Arc<Job>]) -> Locations {
        let distinct: BTreeSet<&[String]> = jobs.iter().map(|j| j.locations.as_slice()).collect();
        let read: HashMap<&[String], Vec<places::Spot>> = distinct
            .into_par_iter()
            .map(|items| (items, places::spots(items)))
            .collect();
        let mut shared = Slugger::new();
        let mut countries = BTreeMap::new();
        let mut keys = BTreeSet::new();
        for spot in read.values().flatten() {
            if let Some(country) = spot.place.country {
                countries.insert(country, ());
            }
            if !matches!(spot.key(), Key::Country(_)) {
                keys.insert(spot.key());
            }
        }
        let countries = country_slugs(countries.into_keys(), &mut shared);
        let mut slugs: HashMap<Key, Arc<str>> = HashMap::new();
        let mut pages = HashMap::new();
        // BTreeSet order: every city (by name, then country), then every text.
        for key in keys {
            let (slug, page) = key_page(&key, &countries, &mut shared);
            pages.insert(slug.clone(), page);
            slugs.insert(key, slug);
        }
        let placed: HashMap<&[String], Arc<[Placed]>> = read
            .iter()
            .map(|(items, spots)| {
                let placed = spots.iter().map(|spot| {
                    let country = spot.place.country.map(|c| countries[&c].clone());
                    let page = match spot.key() {
                        Key::Country(c) => countries[&c].clone(),
                        key => slugs[&key].clone(),
                    };
                    Placed {
                        text: spot.text.clone(),
                        place: spot.place.clone(),
                        page,
                        country,
                    }
                });
                (*items, placed.collect())
            })
            .collect();
        Locations {
            per_job: jobs
                .iter()
                .map(|j| placed[j.locations.as_slice()].clone())
                .collect(),
            countries,
            pages,
        }
    }
}

/// The slug and index entry of a city's or a text's page.
fn key_page(
    key: &Key,
    countries: &BTreeMap<Country, Arc<str>>,
    shared: &mut Slugger,
) -> (Arc<str>, PageOf) {
    let (name, slug, country) = match key {
        Key::City { name, country } => (
            name.clone(),
            slugify(&format!("{name} {}", country.name)),
            Some(*country),
        ),
        Key::Text { text, country } => (text.clone(), slugify(text), *country),
        Key::Country(c) => (c.name.to_string(), slugify(c.name), Some(*c)),
    };
    let slug: Arc<str> = shared.claim(slug).into();
    let country = country.map(|c| countries[&c].clone());
    (slug, PageOf { name, country })
}

/// Countries' slugs, claimed in the order of their names.
fn country_slugs(
    countries: impl Iterator<Item = Country>,
    shared: &mut Slugger,
) -> BTreeMap<Country, Arc<str>> {
    let mut by_name: Vec<Country> = countries.collect();
    by_name.sort_by_key(|c| c.name);
    by_name
        .into_iter()
        .map(|c| (c, shared.claim(slugify(c.name)).into()))
        .collect()
}

/// The slugs location pages had when each whole location string had a page (countries took
/// their plain slugs first; a string that is a country's name was that country's page), by
/// slug: the location string each was made from.
pub fn old_slugs(jobs: &[Arc<Job>]) -> BTreeMap<String, String> {
    let mut shared = Slugger::new();
    let strings: BTreeSet<&str> = jobs
        .iter()
        .filter(|j| j.locations.len() == 1)
        .map(|j| j.location.as_str())
        .collect();
    let countries: BTreeSet<&'static str> = strings
        .par_iter()
        .filter_map(|l| country::recognise(l).country.map(|c| c.name))
        .collect();
    let mut country_names = BTreeSet::new();
    for name in countries {
        shared.claim(slugify(name));
        country_names.insert(name.to_ascii_lowercase());
    }
    strings
        .into_iter()
        .filter(|l| !country_names.contains(&l.trim().to_ascii_lowercase()))
        .map(|l| (shared.claim(slugify(l)), l.to_string()))
        .collect()
}
