//! The search index: what the search box of every listing page downloads, made once per build.
//!
//! Current jobs are numbered in listing order, so a smaller number is a newer job. The index is
//! split so that a query fetches only the parts it needs. Only the manifest has a fixed path:
//!
//! - `search/index.json`, the manifest: the folder of this build's parts (`search/HASH/`, HASH
//!   taken from every part, so a browser never mixes parts of two builds), the number of jobs,
//!   the document chunk size, the word shards that exist, and the filter values (workplaces,
//!   countries, skills) with their counts. Listing pages name only this file, so a change to one
//!   job changes the pages that show it, not every page with a search box.
//!
//! The parts, under `search/HASH/`:
//!
//! - `w/KEY.json`, word shards: every folded word of the titles, companies, locations, countries,
//!   skills (and "remote" or "hybrid") whose first two letters are KEY, each with its postings.
//!   `w/K.json` (one letter) holds a single entry, `K`: every job with a word starting with K, so
//!   a one-letter query fetches one list, not every shard of the letter.
//! - `d/N.json`, documents: the listing rows (`job_row.html`, as listings show them) of jobs
//!   `N * chunk` onwards, so that results look and link exactly like the listings.
//! - `t/KEY.json`, description words by their first three letters (see `described`).
//! - `s.json`, each job's yearly pay in the main currency, for the salary filter and sort (see
//!   `pay`).
//! - `f/KIND/SLUG.json`, filters: the jobs of one workplace, country or skill.
//!
//! A posting list holds ascending job numbers, the first as it is and the others as the
//! difference from the one before. In word shards each value is doubled, plus one when the word
//! is in the job's title: the script ranks title matches first without a second list.

use rayon::prelude::*;
use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64;

use super::Sink;
use crate::site::{Entry, Group, Site};
use crate::write::Fragment;

mod described;
mod pay;
mod words;

use words::Words;
pub use words::words;

/// Jobs per document chunk. Showing 20 results scattered over the whole board fetches up to 20
/// chunks, and typing a query shows the results of every prefix on the way: small chunks keep
/// that cheap (about 1.4 KB compressed each, against 3 KB for 25 rows), at the cost of more files
/// (12,500 at 100,000 jobs). See docs/website.md.
pub const CHUNK: usize = 8;

/// Bumped when the layout of the files changes, so that the script can tell.
const FORMAT: u32 = 3;

/// The folder of the index, relative to the site root: the manifest and the parts' folders.
pub const DIR: &str = "search/";

/// Writes the manifest and the parts of `index`, handing each file's bytes over.
pub fn render(index: Index, sink: &dyn Sink) -> anyhow::Result<()> {
    sink.site_file(&format!("{DIR}index.json"), index.manifest)?;
    for (name, bytes) in index.files {
        sink.site_file(&format!("{}{name}", index.dir), bytes)?;
    }
    Ok(())
}

/// The search index of one build.
#[derive(Debug)]
pub struct Index {
    /// `search/index.json`.
    pub manifest: Vec<u8>,
    /// `search/HASH/`, the folder of the parts, relative to the site root.
    pub dir: String,
    /// The parts, by path relative to `dir`, in path order.
    pub files: Vec<(String, Vec<u8>)>,
}

impl Index {
    /// Builds the index of the current jobs of `site`; `row` gives the listing row of an entry.
    pub fn new(site: &Site, row: &Row<'_>) -> anyhow::Result<Index> {
        Unnamed::new(site).finish(site, row)
    }
}

/// The listing row of an entry, by index into `site.entries`, or why it could not be made.
/// Shared, not copied: the same rows are in the listing pages.
pub type Row<'a> = dyn Fn(usize) -> anyhow::Result<Fragment> + Sync + 'a;

/// The index but its documents: everything made from the jobs alone. A build makes it before
/// the listing rows, so that the words of every job and the rows are not held at once.
pub struct Unnamed<'a> {
    manifest: Manifest<'a>,
    files: Vec<(String, Vec<u8>)>,
}

impl<'a> Unnamed<'a> {
    /// The word, description, pay and filter parts of the current jobs of `site`.
    pub fn new(site: &'a Site) -> Unnamed<'a> {
        let jobs: Vec<&Entry> = site.current_jobs().collect();
        let ((mut files, manifest), filters) = rayon::join(
            || {
                let words = Words::collect(&jobs);
                let (described, keys) = described::shards(&jobs);
                let currency = pay::main_currency(&jobs);
                let (pay, steps) = pay::pay(&jobs, currency.as_deref());
                let mut manifest = Manifest::new(site, &words);
                manifest.described = keys;
                manifest.currency = currency;
                manifest.steps = steps;
                let mut files = vec![("s.json".to_string(), to_json(&pay))];
                files.extend(words.shards());
                files.extend(described);
                (files, manifest)
            },
            || filters(site, &job_numbers(site)),
        );
        files.extend(filters);
        Unnamed { manifest, files }
    }

    /// The whole index: these parts and the documents made of the rows (`row`), in a folder
    /// named after all of them.
    pub fn finish(self, site: &Site, row: &Row<'_>) -> anyhow::Result<Index> {
        let Unnamed {
            mut manifest,
            mut files,
        } = self;
        files.extend(documents(site, row)?);
        files.sort();
        let digest: String = files
            .par_iter()
            .map(|(name, bytes)| format!("{name} {:016x}\n", xxh3_64(bytes)))
            .collect();
        manifest.parts = format!("{:08x}/", xxh3_64(digest.as_bytes()) as u32);
        Ok(Index {
            manifest: to_json(&manifest),
            dir: format!("{DIR}{}", manifest.parts),
            files,
        })
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
    /// The folder of the parts, relative to the manifest's (`HASH/`).
    parts: String,
    jobs: usize,
    chunk: usize,
    shards: Vec<String>,
    /// Keys of the description shards (`t/KEY.json`).
    described: Vec<String>,
    /// The currency of `s.json`, and the yearly amounts the salary filter offers.
    currency: Option<String>,
    steps: Vec<u64>,
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
            parts: String::new(),
            jobs: site.current.len(),
            chunk: CHUNK,
            shards: words.keys(),
            described: Vec::new(),
            currency: None,
            steps: Vec::new(),
            workplaces: facets(site.types.iter().collect()),
            countries: facets(site.countries.values().collect()),
            skills: facets(site.skills.values().collect()),
        }
    }
}

/// `d/N.json` for every chunk of current jobs: their listing rows.
fn documents(site: &Site, row: &Row<'_>) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    site.current
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(n, chunk)| {
            let rows = chunk
                .iter()
                .map(|&i| row(i))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let docs: Vec<&str> = rows.iter().map(|row| row.as_str()).collect();
            Ok((format!("d/{n}.json"), to_json(&docs)))
        })
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
            .map(|e| crate::view::JobCard::new(&site, e, 3))
            .collect();
        (site, cards)
    }

    pub(crate) const JOBS: &str = r#"{"title": "Kubernetes Engineer", "company": "Helix", "location": "München, Germany", "workplace": "hybrid", "date": "2025-10-21", "url": "https://e.org/1", "skills": ["Kubernetes", "Go"], "salary": "90k-120k EUR"}
{"title": "Java Developer", "company": "Kubo", "location": "Remote", "workplace": "remote", "date": "2025-10-22", "url": "https://e.org/2", "skills": ["Java"]}
{"title": "Old Job", "company": "Gone", "location": "Paris", "date": "2025-10-01", "valid_through": "2025-10-02", "url": "https://e.org/3"}
"#;

    /// A stand-in for an entry's listing row.
    pub(crate) fn row(index: usize) -> anyhow::Result<Fragment> {
        Ok(Fragment::new(format!("row {index}")))
    }

    fn file(index: &Index, name: &str) -> serde_json::Value {
        if name == "index.json" {
            return serde_json::from_slice(&index.manifest).expect("JSON");
        }
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
        let index = Index::new(&site, &row).expect("index");
        let manifest = file(&index, "index.json");
        let parts = manifest["parts"].as_str().expect("the parts' folder");
        assert_eq!(format!("{DIR}{parts}"), index.dir);
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
        // Rows in listing order (entries are newest first: Java Developer, then Kubernetes).
        assert_eq!(
            file(&index, "d/0.json"),
            serde_json::json!(["row 0", "row 1"])
        );
        assert_eq!(manifest["currency"], "EUR");
        assert_eq!(
            manifest["steps"],
            serde_json::json!([20_000, 30_000, 40_000, 50_000, 75_000, 100_000])
        );
        assert_eq!(file(&index, "s.json"), serde_json::json!([0, 120_000]));
        assert!(!index.files.iter().any(|(n, _)| n.starts_with("w/ol")));
    }

    #[test]
    fn shards_hold_flagged_deltas_by_two_letters_and_one() {
        let (site, _) = site(JOBS);
        let index = Index::new(&site, &row).expect("index");
        // "kubernetes" is in job 1's title; "kubo" is job 0's company.
        assert_eq!(
            file(&index, "w/ku.json"),
            serde_json::json!({"kubernetes": [3], "kubo": [0]})
        );
        // Every job with a word starting with k: job 0 (not in its title), job 1 (in it).
        assert_eq!(file(&index, "w/k.json"), serde_json::json!({"k": [0, 3]}));
        // "München" as written, and the city's own name, "Munich".
        assert_eq!(
            file(&index, "w/mu.json"),
            serde_json::json!({"munchen": [2], "munich": [2]})
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
        let first = Index::new(&site, &row).expect("index");
        assert!(first.dir.starts_with("search/") && first.dir.ends_with('/'));
        assert_eq!(first.dir, Index::new(&site, &row).expect("index").dir);
        let (site, _) = self::site(&JOBS.replace("Java Developer", "Java Engineer"));
        assert_ne!(first.dir, Index::new(&site, &row).expect("index").dir);
    }

    /// A word that only a description holds finds its job, by its first three letters.
    #[test]
    fn description_words_are_in_their_own_shards() {
        let jobs = JOBS.replace(
            r#""skills": ["Java"]"#,
            r#""skills": ["Java"], "description": "We ship *Terraform* modules daily.""#,
        );
        let (site, _) = site(&jobs);
        let index = Index::new(&site, &row).expect("index");
        let shard = file(&index, "t/ter.json");
        assert_eq!(shard, serde_json::json!({"terraform": [0]}));
        let keys = file(&index, "index.json")["described"].clone();
        assert!(
            keys.as_array().expect("list").contains(&"dai".into()),
            "{keys}"
        );
        assert!(!index.files.iter().any(|(n, _)| n == "t/we.json"));
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
        let index = Index::new(&site, &row).expect("index");
        assert_eq!(
            file(&index, "d/0.json").as_array().map(Vec::len),
            Some(CHUNK)
        );
        let last = file(&index, "d/1.json");
        assert_eq!(last.as_array().map(Vec::len), Some(3));
        assert_eq!(last[2], format!("row {}", CHUNK + 2));
        // The word "job" is in every title: one posting each, one apart.
        let postings = &file(&index, "w/jo.json")["job"];
        assert_eq!(postings.as_array().map(Vec::len), Some(CHUNK + 3));
        assert!(
            postings.as_array().expect("list")[1..]
                .iter()
                .all(|v| v == 3)
        );
    }

    /// Description words of a board larger than a chunk of words keep ascending lists.
    #[test]
    fn description_postings_stay_in_order_across_chunks() {
        let jobs: String = (0..1100)
            .map(|n| {
                let word = if n % 5 == 0 { "zebra" } else { "zulu" };
                format!(
                    "{{\"title\": \"Job {n}\", \"company\": \"C\", \"location\": \"Oslo\", \"date\": \"2025-10-22\", \"url\": \"https://e.org/{n}\", \"description\": \"{word} yak\"}}\n"
                )
            })
            .collect();
        let (site, _) = site(&jobs);
        let index = Index::new(&site, &row).expect("index");
        let zebra = file(&index, "t/zeb.json")["zebra"].clone();
        let deltas = zebra.as_array().expect("list");
        assert_eq!(deltas.len(), 220);
        assert_eq!(deltas[0], 0);
        assert!(deltas[1..].iter().all(|d| d == 5), "{zebra}");
        // In every job's description: too common to narrow a search.
        assert!(!index.files.iter().any(|(n, _)| n == "t/yak.json"));
    }

    /// A row that cannot be made fails the index: no result shows an empty row.
    #[test]
    fn a_row_that_fails_fails_the_index() {
        let (site, _) = site(JOBS);
        let failing = |index: usize| -> anyhow::Result<Fragment> {
            anyhow::ensure!(index != 1, "row {index} failed");
            row(index)
        };
        let error = Index::new(&site, &failing).expect_err("fails");
        assert_eq!(error.to_string(), "row 1 failed");
    }

    #[test]
    fn delta_encodes_job_numbers() {
        assert_eq!(encode(&[2, 5, 6]), [2, 3, 1]);
        assert!(encode(&[]).is_empty());
    }
}
