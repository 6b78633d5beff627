//! The search index: what the index page's search box downloads, made once per build.
//!
//! Current jobs are numbered in listing order, so a smaller number is a newer job. The index is
//! split so that a query fetches only the parts it needs, all under `search/HASH/`, where HASH is
//! taken from every file of the index, so a browser never mixes parts of two builds:
//!
//! - `index.json`, the manifest: the number of jobs, the document chunk size, the word shards
//!   that exist, and the filter values (workplaces, countries, skills) with their counts.
//! - `w/KEY.json`, word shards: every folded word of the titles, companies, locations, countries,
//!   skills (and "remote" or "hybrid") whose first two letters are KEY, each with its postings.
//!   `w/K.json` (one letter) holds a single entry, `K`: every job with a word starting with K, so
//!   a one-letter query fetches one list, not every shard of the letter.
//! - `d/N.json`, documents: what a result shows of jobs `N * chunk` onwards, one array each:
//!   `[title, path, company, location, workplace, date, salary, country, skills]`, where `path`
//!   is relative to the base path, `workplace`, `country` (the country shown beside the location,
//!   or null) and `skills` are positions in the manifest's lists.
//! - `f/KIND/SLUG.json`, filters: the jobs of one workplace, country or skill.
//!
//! A posting list holds ascending job numbers, the first as it is and the others as the
//! difference from the one before. In word shards each value is doubled, plus one when the word
//! is in the job's title: the script ranks title matches first without a second list.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::{Ctx, Sink};
use crate::site::{Entry, Group, Site};
use crate::slug::stable_hash;
use crate::view::{format_salary, job_dir};

mod words;

use words::Words;
pub use words::{fold, words};

/// Jobs per document chunk. Showing 20 results scattered over the whole board fetches up to 20
/// chunks, and typing a query shows the results of every prefix on the way: small chunks keep
/// that cheap (about 1.5 KB compressed each), at the cost of more files. See docs/performance.md.
pub const CHUNK: usize = 25;

/// Bumped when the layout of the files changes, so that the script can tell.
const FORMAT: u32 = 1;

/// Writes the index of `ctx` under its folder.
pub fn render(ctx: &Ctx, sink: &dyn Sink) -> anyhow::Result<()> {
    let index = ctx.search_index();
    for (name, bytes) in &index.files {
        sink.site_file(&format!("{}{name}", index.dir), bytes.clone())?;
    }
    Ok(())
}

/// The search index of one build.
#[derive(Debug)]
pub struct Index {
    /// `search/HASH/`, relative to the site root.
    pub dir: String,
    /// Files by path relative to `dir`, in path order.
    pub files: Vec<(String, Vec<u8>)>,
}

impl Index {
    /// Builds the index of the current jobs of `site`.
    pub fn new(site: &Site) -> Index {
        let (mut files, more) = rayon::join(
            || {
                let jobs: Vec<&Entry> = site.current_jobs().collect();
                let words = Words::collect(&jobs);
                let mut files = vec![(
                    "index.json".to_string(),
                    to_json(&Manifest::new(site, &words)),
                )];
                files.extend(words.shards());
                files
            },
            || {
                let mut files = documents(site);
                files.extend(filters(site, &job_numbers(site)));
                files
            },
        );
        files.extend(more);
        files.sort();
        let digest: String = files
            .par_iter()
            .map(|(name, bytes)| format!("{name} {:016x}\n", stable_hash(bytes)))
            .collect();
        Index {
            dir: format!("search/{:08x}/", stable_hash(&digest) as u32),
            files,
        }
    }
}

/// Serialises plain data (strings, numbers, lists and string-keyed maps), which cannot fail.
fn to_json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("plain data always serialises")
}

/// The number of each current job (its place in the listing), by index into `site.entries`.
fn job_numbers(site: &Site) -> Vec<Option<u32>> {
    let mut numbers = vec![None; site.entries.len()];
    for (number, &index) in site.current.iter().enumerate() {
        numbers[index] = Some(number as u32);
    }
    numbers
}

/// Delta-encodes ascending job numbers.
fn encode(numbers: &[u32]) -> Vec<u32> {
    let mut previous = 0;
    numbers
        .iter()
        .map(|&n| {
            let delta = n - previous;
            previous = n;
            delta
        })
        .collect()
}

/// `index.json`.
#[derive(Serialize)]
struct Manifest<'a> {
    format: u32,
    jobs: usize,
    chunk: usize,
    shards: Vec<String>,
    workplaces: Vec<Facet<'a>>,
    countries: Vec<Facet<'a>>,
    skills: Vec<Facet<'a>>,
}

/// A filter value: `[slug, name, number of jobs]`.
#[derive(Serialize)]
struct Facet<'a>(&'a str, &'a str, usize);

impl<'a> Manifest<'a> {
    fn new(site: &'a Site, words: &Words) -> Manifest<'a> {
        let facets = |groups: Vec<&'a Group>| {
            groups
                .into_iter()
                .map(|g| Facet(&g.slug, &g.name, g.jobs.len()))
                .collect()
        };
        Manifest {
            format: FORMAT,
            jobs: site.current.len(),
            chunk: CHUNK,
            shards: words.keys(),
            workplaces: facets(site.types.iter().collect()),
            countries: facets(site.countries.values().collect()),
            skills: facets(site.skills.values().collect()),
        }
    }
}

/// A result as the script shows it; see the module documentation.
type Document<'a> = (
    &'a str,
    String,
    &'a str,
    &'a str,
    usize,
    String,
    Option<String>,
    Option<usize>,
    Vec<usize>,
);

/// `d/N.json` for every chunk of current jobs: what their cards show, made straight from the
/// model (a rebuild of `serve` makes the index anew but few cards).
fn documents(site: &Site) -> Vec<(String, Vec<u8>)> {
    let skill_positions = positions(&site.skills);
    let country_positions = positions(&site.countries);
    let document = |index: usize| -> Document {
        let entry = &site.entries[index];
        let job = &entry.job;
        let mut skills: Vec<usize> = entry.skills.iter().map(|s| skill_positions[&**s]).collect();
        skills.dedup();
        let shown_country = entry.shown_country();
        (
            &job.title,
            job_dir(entry),
            &job.company,
            &job.location,
            // The manifest lists workplaces in declaration order, as `site.types` does.
            job.workplace as usize,
            crate::date::iso(job.date),
            job.salary.as_ref().map(format_salary),
            shown_country.map(|slug| country_positions[slug]),
            skills,
        )
    };
    site.current
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(n, chunk)| {
            let docs: Vec<Document> = chunk.iter().map(|&i| document(i)).collect();
            (format!("d/{n}.json"), to_json(&docs))
        })
        .collect()
}

/// The place of each group in the manifest's list, by slug.
fn positions(groups: &BTreeMap<String, Group>) -> BTreeMap<&str, usize> {
    groups
        .keys()
        .enumerate()
        .map(|(n, slug)| (slug.as_str(), n))
        .collect()
}

/// `f/KIND/SLUG.json` for every workplace, country and skill.
fn filters(site: &Site, numbers: &[Option<u32>]) -> Vec<(String, Vec<u8>)> {
    let kinds: [(&str, Vec<&Group>); 3] = [
        ("workplace", site.types.iter().collect()),
        ("country", site.countries.values().collect()),
        ("skill", site.skills.values().collect()),
    ];
    let mut files = Vec::new();
    for (kind, groups) in kinds {
        for group in groups {
            let jobs: Vec<u32> = group.jobs.iter().filter_map(|&i| numbers[i]).collect();
            files.push((
                format!("f/{kind}/{}.json", group.slug),
                to_json(&encode(&jobs)),
            ));
        }
    }
    files
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::site::Selection;

    /// A board of the given JSON Lines jobs, under `https://e.org/board/`.
    pub(crate) fn site(jsonl: &str) -> (Site, Vec<crate::view::JobCard>) {
        let text = "title = \"T\"\nbase_url = \"https://e.org/board/\"\nexpire_after_days = 0\n";
        let config = crate::config::parse(text).0.expect("config");
        let dataset = crate::load::read_bulk("jobs.jsonl", jsonl, "jsonl");
        let valid =
            crate::validate::validate(dataset.records, &crate::skills::SkillMatcher::new(&[]));
        assert!(valid.problems.is_empty(), "{:?}", valid.problems);
        let now = crate::date::parse_clock("2025-10-22T20:30:00Z").expect("clock");
        let site = Site::new(
            &config,
            valid.jobs,
            valid.companies,
            Selection { now, drafts: false },
        );
        let cards = site
            .entries
            .iter()
            .map(|e| crate::view::JobCard::new(&site, e))
            .collect();
        (site, cards)
    }

    pub(crate) const JOBS: &str = r#"{"title": "Kubernetes Engineer", "company": "Helix", "location": "München, Germany", "workplace": "hybrid", "date": "2025-10-21", "url": "https://e.org/1", "skills": ["Kubernetes", "Go"], "salary": "90k-120k EUR"}
{"title": "Java Developer", "company": "Kubo", "location": "Remote", "workplace": "remote", "date": "2025-10-22", "url": "https://e.org/2", "skills": ["Java"]}
{"title": "Old Job", "company": "Gone", "location": "Paris", "date": "2025-10-01", "valid_through": "2025-10-02", "url": "https://e.org/3"}
"#;

    fn file(index: &Index, name: &str) -> serde_json::Value {
        let (_, bytes) = index
            .files
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no {name}"));
        serde_json::from_slice(bytes).expect("JSON")
    }

    #[test]
    fn numbers_current_jobs_newest_first_and_leaves_expired_ones_out() {
        let (site, _) = site(JOBS);
        let index = Index::new(&site);
        let manifest = file(&index, "index.json");
        assert_eq!(manifest["jobs"], 2);
        assert_eq!(manifest["chunk"], CHUNK);
        assert_eq!(
            manifest["workplaces"][0],
            serde_json::json!(["remote", "Remote", 1])
        );
        assert_eq!(
            manifest["countries"],
            serde_json::json!([["germany", "Germany", 1]])
        );
        let docs = file(&index, "d/0.json");
        assert_eq!(docs[0][0], "Java Developer");
        assert_eq!(
            docs[1],
            serde_json::json!([
                "Kubernetes Engineer",
                "jobs/helix-kubernetes-engineer/",
                "Helix",
                "München, Germany",
                2,
                "2025-10-21",
                "90k–120k EUR a year",
                0,
                [2, 0]
            ])
        );
        assert!(!index.files.iter().any(|(n, _)| n.starts_with("w/ol")));
    }

    #[test]
    fn shards_hold_flagged_deltas_by_two_letters_and_one() {
        let (site, _) = site(JOBS);
        let index = Index::new(&site);
        // "kubernetes" is in job 1's title; "kubo" is job 0's company.
        assert_eq!(
            file(&index, "w/ku.json"),
            serde_json::json!({"kubernetes": [3], "kubo": [0]})
        );
        // Every job with a word starting with k: job 0 (not in its title), job 1 (in it).
        assert_eq!(file(&index, "w/k.json"), serde_json::json!({"k": [0, 3]}));
        assert_eq!(
            file(&index, "w/mu.json"),
            serde_json::json!({"munchen": [2]})
        );
        assert_eq!(
            file(&index, "w/re.json"),
            serde_json::json!({"remote": [0]})
        );
        let shards = file(&index, "index.json")["shards"].clone();
        assert!(shards.as_array().expect("list").contains(&"ku".into()));
        assert_eq!(
            file(&index, "f/skill/kubernetes.json"),
            serde_json::json!([1])
        );
        assert_eq!(
            file(&index, "f/workplace/on-site.json"),
            serde_json::json!([])
        );
    }

    #[test]
    fn the_folder_changes_with_the_contents_only() {
        let (site, _) = site(JOBS);
        let first = Index::new(&site);
        assert!(first.dir.starts_with("search/") && first.dir.ends_with('/'));
        assert_eq!(first.dir, Index::new(&site).dir);
        let (site, _) = self::site(&JOBS.replace("Java Developer", "Java Engineer"));
        assert_ne!(first.dir, Index::new(&site).dir);
    }

    /// Documents are made from the model, not from cards: they must show what the cards show.
    #[test]
    fn documents_show_what_the_cards_show() {
        let (site, cards) = site(JOBS);
        let index = Index::new(&site);
        let docs = file(&index, "d/0.json");
        let countries: Vec<&String> = site.countries.keys().collect();
        for (doc, &i) in docs.as_array().expect("list").iter().zip(&site.current) {
            let card = &cards[i];
            assert_eq!(doc[0], card.title.as_str());
            assert_eq!(
                Some(doc[1].as_str().expect("path")),
                card.path.strip_prefix("/board/")
            );
            assert_eq!(doc[2], card.company.as_str());
            assert_eq!(doc[3], card.location.as_str());
            assert_eq!(doc[5], card.date.as_str());
            assert_eq!(doc[6].as_str(), card.salary.as_deref());
            let shown = doc[7].as_u64().map(|n| countries[n as usize].as_str());
            let card_country = card.country.as_ref().map(|c| c.path.as_str());
            assert_eq!(
                shown
                    .map(|slug| format!("/board/locations/{slug}/"))
                    .as_deref(),
                card_country
            );
        }
        assert!(docs[1][6].is_string() && docs[1][7].is_u64(), "{docs}");
    }

    #[test]
    fn documents_come_in_chunks_in_listing_order() {
        let jobs: String = (0..CHUNK + 3)
            .map(|n| {
                format!(
                    "{{\"title\": \"Job {n}\", \"company\": \"C\", \"location\": \"Oslo\", \"date\": \"2025-10-22\", \"url\": \"https://e.org/{n}\"}}\n"
                )
            })
            .collect();
        let (site, _) = site(&jobs);
        let index = Index::new(&site);
        assert_eq!(
            file(&index, "d/0.json").as_array().map(Vec::len),
            Some(CHUNK)
        );
        let last = file(&index, "d/1.json");
        assert_eq!(last.as_array().map(Vec::len), Some(3));
        assert_eq!(last[2][0], format!("Job {}", CHUNK + 2));
        // The word "job" is in every title: one posting each, one apart.
        let postings = &file(&index, "w/jo.json")["job"];
        assert_eq!(postings.as_array().map(Vec::len), Some(CHUNK + 3));
        assert!(
            postings.as_array().expect("list")[1..]
                .iter()
                .all(|v| v == 3)
        );
    }

    #[test]
    fn delta_encodes_job_numbers() {
        assert_eq!(encode(&[2, 5, 6]), [2, 3, 1]);
        assert!(encode(&[]).is_empty());
    }
}
