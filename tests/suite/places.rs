//! Places: a hand-labelled list of real location strings (tests/fixtures/locations.tsv, taken
//! from a real board's history) is read with no country wrong and its cities mostly right, and a
//! board of those strings gives each city one page; locations given as lists or with separators
//! put a job on each place's page; old location URLs redirect when the board asks.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::{CONFIG, TempBoard, clock, fixture, tree};
use jobsmith::internals::country::recognise;
use jobsmith::{BuildOptions, build};

/// One labelled line.
struct Labelled {
    location: String,
    /// The countries it may be read as.
    countries: Vec<String>,
    /// The city as written ("Bangalore"), empty when none is named.
    city: String,
    /// The city, one name however it is written ("Bengaluru").
    same_city: String,
}

fn labelled() -> Vec<Labelled> {
    let path = fixture("locations.tsv");
    let text = std::fs::read_to_string(&path).expect("tests/fixtures/locations.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|line| {
            let mut fields = line.split('\t').map(str::to_string);
            let mut next = |what: &str| fields.next().unwrap_or_else(|| panic!("{what}: {line}"));
            let location = next("location");
            let countries = next("countries");
            Labelled {
                location,
                countries: countries
                    .split(',')
                    .filter(|c| !c.is_empty())
                    .map(str::to_string)
                    .collect(),
                city: next("city"),
                same_city: next("same city"),
            }
        })
        .collect()
}

#[test]
fn every_labelled_location_gets_its_country_and_none_is_invented() {
    let list = labelled();
    assert!(list.len() >= 200, "{} labelled strings", list.len());
    let wrong: Vec<String> = list
        .iter()
        .filter_map(|l| {
            let found = recognise(&l.location).country.map(|c| c.code.to_string());
            let right = match &found {
                None => l.countries.is_empty(),
                Some(code) => l.countries.contains(code),
            };
            (!right).then(|| format!("{:?}: {found:?}, labelled {:?}", l.location, l.countries))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn most_labelled_cities_are_found_as_written() {
    let list = labelled();
    let named: Vec<_> = list.iter().filter(|l| !l.city.is_empty()).collect();
    let right = named
        .iter()
        .filter(|l| {
            let found = recognise(&l.location).locality.unwrap_or_default();
            found.to_lowercase() == l.city.to_lowercase()
        })
        .count();
    // Measured: see docs/website.md "Places". A drop below this is a regression.
    assert!(
        right * 100 >= named.len() * 90,
        "{right} of {} cities",
        named.len()
    );
}

/// Builds a board of `jobs.jsonl` (plus `config` after the test configuration); returns its
/// files.
fn build_board(jsonl: &str, config: &str) -> BTreeMap<String, Vec<u8>> {
    let board = TempBoard::new(&[("content/jobs.jsonl", jsonl)]);
    board.write("jobsmith.toml", &format!("{CONFIG}{config}"));
    build(&BuildOptions::new(board.root(), clock())).expect("the board builds");
    tree(&board.root().join("public"))
}

/// A JSONL row of job `n` at `location` (a JSON value).
fn row(n: usize, location: &serde_json::Value) -> String {
    serde_json::json!({
        "title": format!("Job {n}"),
        "company": "Labelled",
        "location": location,
        "date": "2025-10-20",
        "url": format!("https://example.org/{n}"),
    })
    .to_string()
}

/// The slugs of the pages a job page links to in its location line, in order (its places', then
/// its country's).
fn location_links(files: &BTreeMap<String, Vec<u8>>, job: &str) -> Vec<String> {
    let page = &files[&format!("jobs/{job}/index.html")];
    let html = String::from_utf8_lossy(page);
    let meta = html.split("class=job-meta>").nth(1).expect("job meta");
    let meta = meta.split("</p>").next().unwrap_or_default();
    meta.split("/locations/")
        .skip(1)
        .filter_map(|s| s.split('/').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn each_labelled_city_has_exactly_one_page() {
    let list = labelled();
    let rows: Vec<String> = (0..list.len())
        .map(|n| row(n, &serde_json::json!(list[n].location)))
        .collect();
    let files = build_board(&(rows.join("\n") + "\n"), "");
    // The page each labelled city's strings are on (the first place's), by (countries, city).
    let mut pages: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for (n, l) in list
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.same_city.is_empty())
    {
        let links = location_links(&files, &format!("labelled-job-{n}"));
        let first = links
            .first()
            .unwrap_or_else(|| panic!("{}: no link", l.location));
        let city = (l.countries.join(","), l.same_city.clone());
        pages.entry(city).or_default().insert(first.clone());
    }
    let several: Vec<String> = pages
        .iter()
        .filter(|(_, slugs)| slugs.len() > 1)
        .map(|(city, slugs)| format!("{city:?}: {slugs:?}"))
        .collect();
    assert!(
        several.is_empty(),
        "cities on several pages:\n{}",
        several.join("\n")
    );
    let mut cities_of: BTreeMap<&String, Vec<&(String, String)>> = BTreeMap::new();
    for (city, slugs) in &pages {
        cities_of
            .entry(slugs.first().expect("a page"))
            .or_default()
            .push(city);
    }
    let shared: Vec<String> = cities_of
        .iter()
        .filter(|(_, cities)| cities.len() > 1)
        .map(|(slug, cities)| format!("{slug}: {cities:?}"))
        .collect();
    assert!(
        shared.is_empty(),
        "pages of several cities:\n{}",
        shared.join("\n")
    );
    for slug in cities_of.keys() {
        assert!(
            files.contains_key(&format!("locations/{slug}/index.html")),
            "{slug}"
        );
    }
    let bengaluru = &pages[&("IN".to_string(), "Bengaluru".to_string())];
    assert_eq!(bengaluru.iter().collect::<Vec<_>>(), ["bengaluru-india"]);
}

#[test]
fn a_job_in_several_places_is_on_each_place_page() {
    let jsonl = [
        row(
            1,
            &serde_json::json!("Mountain View, CA, USA; Austin, TX, USA"),
        ),
        row(2, &serde_json::json!(["Berlin, Germany", "Paris, France"])),
        row(
            3,
            &serde_json::json!("Bethesda, MD - TS/SCI clearance required"),
        ),
        row(4, &serde_json::json!("Washington, D.C.")),
    ];
    let files = build_board(&(jsonl.join("\n") + "\n"), "");
    // Each place's page, then the country's when all are in one.
    let cases: &[(&str, &[&str])] = &[
        (
            "labelled-job-1",
            &[
                "mountain-view-united-states",
                "austin-united-states",
                "united-states",
            ],
        ),
        ("labelled-job-2", &["berlin-germany", "paris-france"]),
        (
            "labelled-job-3",
            &["bethesda-united-states", "united-states"],
        ),
        (
            "labelled-job-4",
            &["washington-united-states", "united-states"],
        ),
    ];
    for (job, expected) in cases {
        assert_eq!(location_links(&files, job), *expected, "{job}");
        for slug in *expected {
            let page = String::from_utf8_lossy(&files[&format!("locations/{slug}/index.html")]);
            assert!(page.contains(&format!("/jobs/{job}/")), "{job} on {slug}");
        }
    }
    // The job page shows the location as the data gives it (a list's items joined).
    let page = String::from_utf8_lossy(&files["jobs/labelled-job-2/index.html"]);
    assert!(page.contains(">Berlin, Germany</a>; <a"), "{page}");
    // Its JSON-LD names both places; a job in one place has one.
    let posting = posting_of(&files, "labelled-job-2");
    let places = posting["jobLocation"].as_array().expect("a list of places");
    let countries: Vec<_> = places
        .iter()
        .map(|p| p["address"]["addressCountry"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(countries, ["DE", "FR"]);
    assert!(posting_of(&files, "labelled-job-3")["jobLocation"].is_object());
}

/// The JSON-LD of a job's page.
fn posting_of(files: &BTreeMap<String, Vec<u8>>, job: &str) -> serde_json::Value {
    let page = String::from_utf8_lossy(&files[&format!("jobs/{job}/index.html")]).to_string();
    let json = page
        .split("application/ld+json>")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .expect("JSON-LD");
    serde_json::from_str(json).expect("JSON")
}

#[test]
fn the_locations_index_lists_countries_with_their_cities() {
    let jsonl = [
        row(1, &serde_json::json!("Bangalore, KA, IN")),
        row(2, &serde_json::json!("Bengaluru, Karnataka, India")),
        row(3, &serde_json::json!("IN Bangalore, India")),
        row(4, &serde_json::json!("Pune, India")),
        row(5, &serde_json::json!("Any NISC Location")),
    ];
    let files = build_board(&(jsonl.join("\n") + "\n"), "");
    let index = String::from_utf8_lossy(&files["locations/index.html"]);
    let india = index
        .split(">India</a></h2>")
        .nth(1)
        .expect("a section for India");
    let india = india.split("</section>").next().unwrap_or_default();
    assert!(
        india.contains(">Bengaluru</a> <span class=count>3</span>"),
        "{india}"
    );
    assert!(
        india.find(">Bengaluru<") < india.find(">Pune<"),
        "A to Z: {india}"
    );
    let other = index.split("Other places").nth(1).expect("other places");
    assert!(other.contains(">Any NISC Location</a>"), "{other}");
    let pages: Vec<&String> = files
        .keys()
        .filter(|p| p.starts_with("locations/") && p.ends_with("/index.html"))
        .collect();
    assert_eq!(
        pages,
        [
            "locations/any-nisc-location/index.html",
            "locations/bengaluru-india/index.html",
            "locations/index.html",
            "locations/india/index.html",
            "locations/pune-india/index.html",
        ]
    );
}

#[test]
fn old_location_urls_redirect_when_the_board_keeps_them() {
    let jsonl = [
        row(1, &serde_json::json!("Bangalore, KA, IN")),
        row(2, &serde_json::json!("Remote, Germany")),
        row(3, &serde_json::json!("Germany")),
    ];
    let jsonl = jsonl.join("\n") + "\n";
    let without = build_board(&jsonl, "");
    assert!(!without.contains_key("locations/bangalore-ka-in/index.html"));
    let files = build_board(&jsonl, "[site]\nkeep_old_location_urls = true\n");
    let moved = String::from_utf8_lossy(&files["locations/bangalore-ka-in/index.html"]);
    let target = "https://jobs.example.org/locations/bengaluru-india/";
    assert!(
        moved.contains(&format!(r#"<link rel="canonical" href="{target}">"#)),
        "{moved}"
    );
    assert!(
        moved.contains(r#"content="0; url=/locations/bengaluru-india/""#),
        "{moved}"
    );
    assert!(
        moved.contains(r#"<a href="/locations/bengaluru-india/">"#),
        "{moved}"
    );
    assert!(
        moved.contains(r#"<meta name="robots" content="noindex">"#),
        "{moved}"
    );
    let remote = String::from_utf8_lossy(&files["locations/remote-germany/index.html"]);
    assert!(remote.contains(r#"url=/locations/germany/""#), "{remote}");
    // The country's own page is no redirect, and the sitemap lists no redirect.
    assert!(!String::from_utf8_lossy(&files["locations/germany/index.html"]).contains("refresh"));
    let sitemap = String::from_utf8_lossy(&files["sitemap.xml"]);
    assert!(!sitemap.contains("bangalore-ka-in") && !sitemap.contains("remote-germany"));
    // Everything else is as without the key.
    let others = |f: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<u8>> {
        f.iter()
            .filter(|(p, _)| !p.contains("bangalore-ka-in") && !p.contains("remote-germany"))
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect()
    };
    assert!(
        others(&files) == others(&without),
        "only the redirects differ"
    );
}

/// A location of hundreds of places keeps its first `MAX_PLACES` (50): each place is a page whose
/// rows show all the job's places, so the output would grow with the square of the count. A list
/// says so at its line; a string keeps its whole text.
#[test]
fn a_location_of_hundreds_of_places_keeps_fifty() {
    let places: Vec<String> = (0..400).map(|i| format!("Town{i}")).collect();
    let pages = |files: &BTreeMap<String, Vec<u8>>| {
        files
            .keys()
            .filter(|p| p.starts_with("locations/town") && p.ends_with("/index.html"))
            .count()
    };
    let listed = row(1, &serde_json::json!(places));
    assert_eq!(pages(&build_board(&listed, "")), 50);
    let board = TempBoard::new(&[("content/jobs.jsonl", &listed)]);
    let summary = build(&BuildOptions::new(board.root(), clock())).expect("the board builds");
    let warned = summary.problems.iter().any(|p| {
        let text = p.to_string();
        text.contains("jobs.jsonl:1:") && text.contains("lists 400 places; only the first 50")
    });
    assert!(warned, "{:?}", summary.problems);
    // A string is cut into places only where every piece is one: 60 countries.
    let countries = "Albania;Algeria;Angola;Argentina;Armenia;Australia;Austria;Bahrain;\
        Belgium;Belize;Benin;Bhutan;Bolivia;Botswana;Brazil;Brunei;Bulgaria;Burundi;Cambodia;\
        Cameroon;Canada;Chad;Chile;China;Colombia;Comoros;Croatia;Cuba;Cyprus;Denmark;Djibouti;\
        Dominica;Ecuador;Egypt;Eritrea;Estonia;Ethiopia;Fiji;Finland;France;Gabon;Gambia;\
        Georgia;Germany;Ghana;Greece;Grenada;Guatemala;Guinea;Guyana;Haiti;Honduras;Hungary;\
        Iceland;India;Indonesia;Iran;Iraq;Ireland;Israel";
    let files = build_board(&row(2, &serde_json::json!(countries)), "");
    let country_pages = files
        .keys()
        .filter(|p| p.starts_with("locations/") && p.ends_with("/rss.xml"))
        .count();
    assert_eq!(country_pages, 50);
    let page = files
        .keys()
        .find(|p| p.starts_with("jobs/") && p.ends_with("/index.html"));
    let job = String::from_utf8_lossy(&files[page.expect("the job's page")]).into_owned();
    assert!(job.contains("Israel"), "the job keeps its whole text");
}
