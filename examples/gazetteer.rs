//! Writes `data/city-names.tsv`, the gazetteer jobsmith bundles (see `src/gazetteer.rs`), from
//! `data/cities.tsv.gz` (written by `scripts/gazetteer` from GeoNames):
//!
//!     cargo run --release --example gazetteer
//!
//! Each name is folded as jobsmith folds location text, so that the lookup is a plain search.

use std::collections::BTreeMap;
use std::io::Read as _;

/// (countries with a city of the name, most populous first; US states with one)
type Found = (Vec<String>, Vec<String>);

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
            let (countries, states) = names.entry(key).or_default();
            if !countries.iter().any(|c| c == country) {
                countries.push(country.to_string());
            }
            if country == "US" && !states.iter().any(|s| s == division) {
                states.push(division.to_string());
            }
        }
    }
    let mut out = String::new();
    for (key, (countries, states)) in &names {
        out.push_str(&format!(
            "{key}\t{}\t{}\n",
            countries.join(" "),
            states.join(",")
        ));
    }
    std::fs::write(root.join("data/city-names.tsv"), out)?;
    println!("{} names", names.len());
    Ok(())
}
