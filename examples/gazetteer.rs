//! Writes `data/city-names.tsv`, the gazetteer jobsmith bundles (see `src/gazetteer.rs`), from
//! `data/cities.tsv.gz` (written by `scripts/gazetteer` from GeoNames):
//!
//!     cargo run --release --example gazetteer
//!
//! Each name is folded as jobsmith folds location text, so that the lookup is a plain search.

use std::collections::BTreeMap;
use std::io::Read as _;

/// (countries with a city of the name, most populous first; US states with one; the own name
/// of the most populous city of the name in each country, in the order of the countries)
type Found = (Vec<String>, Vec<String>, Vec<String>);

fn main() -> anyhow::Result<()> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut text = String::new();
    let gz = std::fs::read(root.join("data/cities.tsv.gz"))?;
    flate2::read::GzDecoder::new(gz.as_slice()).read_to_string(&mut text)?;
    let mut names: BTreeMap<String, Found> = BTreeMap::new();
    // Lines come most populous first.
    for line in text.lines() {
        let mut fields = line.splitn(4, '\t');
        let (Some(country), Some(division), Some(population), Some(list)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            anyhow::bail!("a line without four fields: {line:?}");
        };
        let large = population.parse::<u64>()? >= 100_000;
        for (n, name) in list.split('|').enumerate() {
            let key = jobsmith::internals::country::fold(name);
            // Names of two or three letters are codes more often than towns ("IL", "PA"):
            // only a large city's own name ("Ulm") is kept.
            let short_kept = key.len() == 3 && large && n == 0;
            if (key.len() < 4 && !short_kept) || key.len() > 60 {
                continue;
            }
            let own = list.split('|').next().unwrap_or(name);
            // The name the city goes by, left out where title-casing the key gives it.
            let written = match title_case(&key) == own {
                true => String::new(),
                false => own.to_string(),
            };
            let (countries, states, cities) = names.entry(key.clone()).or_default();
            match countries.iter().position(|c| c == country) {
                None => {
                    countries.push(country.to_string());
                    cities.push(written);
                }
                // A city's own name wins over a more populous city's other name ("Menlo
                // Park" is a name of Edison, New Jersey, too).
                Some(at) if n == 0 && !is_own(&cities[at], &key) => cities[at] = written,
                Some(_) => {}
            }
            if country == "US" && !states.iter().any(|s| s == division) {
                states.push(division.to_string());
            }
        }
    }
    let mut out = String::new();
    for (key, (countries, states, cities)) in &mut names {
        // Countries with a city of this own name come before those where it is only another
        // city's other name ("Islamabad" is a name of Chattogram too); the order is otherwise
        // kept (most populous first).
        let mut order: Vec<usize> = (0..countries.len()).collect();
        order.sort_by_key(|&i| !is_own(&cities[i], key));
        *countries = order.iter().map(|&i| countries[i].clone()).collect();
        *cities = order.iter().map(|&i| cities[i].clone()).collect();
        let cities = cities.join("|");
        let cities = cities.trim_end_matches('|');
        out.push_str(&format!(
            "{key}\t{}\t{}\t{cities}\n",
            countries.join(" "),
            states.join(","),
        ));
    }
    std::fs::write(root.join("data/city-names.tsv"), out)?;
    println!("{} names", names.len());
    Ok(())
}

/// Whether `written` (as `cities` holds it) is the own name of a city with the name `key`.
fn is_own(written: &str, key: &str) -> bool {
    written.is_empty() || jobsmith::internals::country::fold(written) == key
}

/// "new york" -> "New York", as `jobsmith::gazetteer` restores a name left out of the file.
fn title_case(key: &str) -> String {
    jobsmith::internals::gazetteer::title_case(key)
}
