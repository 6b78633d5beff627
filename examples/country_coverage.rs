//! Measures how many location strings get a country.
//!
//! `cargo run --release --example country_coverage -- ROWS.json` reads a JSON array of objects
//! with a `location` key and prints the share recognised and the most common strings left over.

use std::collections::BTreeMap;

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: country_coverage ROWS.json"))?;
    let rows: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
    let started = std::time::Instant::now();
    let _ = jobsmith::internals::country::recognise("Munich");
    eprintln!(
        "gazetteer and index: {:.1} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    if let Some(out) = std::env::args().nth(2) {
        return dump(&rows, &out);
    }
    let mut matched = 0;
    let mut placeless = 0;
    let mut missed: BTreeMap<String, usize> = BTreeMap::new();
    for row in &rows {
        let location = row["location"].as_str().unwrap_or_default();
        let place = jobsmith::internals::country::recognise(location);
        if place.country.is_some() {
            matched += 1;
        } else {
            if place.locality.is_none() {
                placeless += 1;
            }
            *missed.entry(location.to_string()).or_default() += 1;
        }
    }
    let share = |n: usize, of: usize| 100.0 * n as f64 / of.max(1) as f64;
    println!("rows: {}", rows.len());
    println!(
        "with a country: {matched} ({:.2}%)",
        share(matched, rows.len())
    );
    let naming = rows.len() - placeless;
    println!(
        "of rows naming a place: {matched} of {naming} ({:.2}%)",
        share(matched, naming)
    );
    let mut common: Vec<(&String, &usize)> = missed.iter().collect();
    common.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    println!("most common strings without a country:");
    for (location, count) in common.into_iter().take(20) {
        println!("  {count:>4}  {location}");
    }
    Ok(())
}

/// Writes every distinct location with what is recognised in it, as TSV (location, country
/// code, locality), most frequent first: the start of a labelled list.
fn dump(rows: &[serde_json::Value], out: &str) -> anyhow::Result<()> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for row in rows {
        *counts
            .entry(row["location"].as_str().unwrap_or_default())
            .or_default() += 1;
    }
    let mut distinct: Vec<(&str, usize)> = counts.into_iter().collect();
    distinct.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut text = String::new();
    for (location, _) in distinct {
        let place = jobsmith::internals::country::recognise(location);
        let code = place.country.map_or("", |c| c.code);
        let city = place.locality.unwrap_or_default();
        text.push_str(&format!("{location}\t{code}\t{city}\n"));
    }
    std::fs::write(out, text)?;
    Ok(())
}
