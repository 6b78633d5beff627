//! Which of two countries an unknown place name looks like it comes from, by the letters of the
//! gazetteer's city names in each: "Oragadam, IN" is far likelier an Indian name than one of
//! Indiana, "Crane, IN" the other way round. Used only where a two-letter code after a place the
//! gazetteer does not know may be a country or a US state.
//!
//! A model is the count of each letter trigram in the own names of a country's cities, built on
//! first use for that country (one pass over the gazetteer) and kept for the process.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// Letters, the space and the edge of a name.
const SYMBOLS: usize = 28;

/// Trigram counts of one country's city names.
struct Model {
    counts: Vec<u32>,
    total: u64,
}

/// How much likelier, per letter trigram, `name` (folded) is a city name of `country` than of
/// `other` (a natural-log ratio: above 0 favours `country`). `None` for a name too short to say.
pub fn lean(name: &str, country: &str, other: &str) -> Option<f64> {
    let grams = trigrams(name);
    if grams.len() < 5 {
        return None;
    }
    let (a, b) = (model(country), model(other));
    let score: f64 = grams.iter().map(|&g| a.log_p(g) - b.log_p(g)).sum();
    Some(score / grams.len() as f64)
}

impl Model {
    /// Add-one smoothed log probability of trigram `g`.
    fn log_p(&self, g: usize) -> f64 {
        let cells = (SYMBOLS * SYMBOLS * SYMBOLS) as f64;
        ((f64::from(self.counts[g]) + 1.0) / (self.total as f64 + cells)).ln()
    }
}

fn model(country: &str) -> Arc<Model> {
    static MODELS: OnceLock<Mutex<HashMap<String, Arc<Model>>>> = OnceLock::new();
    let models = MODELS.get_or_init(Mutex::default);
    // A poisoned lock only means another thread panicked while inserting: the map is usable.
    let mut models = models.lock().unwrap_or_else(|poison| poison.into_inner());
    models
        .entry(country.to_string())
        .or_insert_with(|| Arc::new(build(country)))
        .clone()
}

fn build(country: &str) -> Model {
    let mut counts = vec![0u32; SYMBOLS * SYMBOLS * SYMBOLS];
    let mut total = 0u64;
    crate::gazetteer::own_names_in(country, |key| {
        for g in trigrams(key) {
            counts[g] += 1;
            total += 1;
        }
    });
    Model { counts, total }
}

/// The trigrams of a folded name, with its edges ("^ora", ... "dam$"), as cell numbers.
fn trigrams(name: &str) -> Vec<usize> {
    let symbol = |b: u8| match b {
        b'a'..=b'z' => usize::from(b - b'a') + 2,
        b' ' => 1,
        _ => 0,
    };
    let letters: Vec<usize> = std::iter::once(0)
        .chain(name.bytes().filter(|b| !b.is_ascii_digit()).map(symbol))
        .chain(std::iter::once(0))
        .collect();
    letters
        .windows(3)
        .map(|w| (w[0] * SYMBOLS + w[1]) * SYMBOLS + w[2])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lean_to_the_country_they_come_from() {
        for indian in ["oragadam", "sriperumbudur", "manapakkam", "kharadi"] {
            let lean = lean(indian, "IN", "US").expect(indian);
            assert!(lean > 0.0, "{indian}: {lean}");
        }
        for american in ["crane", "scott afb", "fort meade", "annapolis junction"] {
            let lean = lean(american, "IN", "US").expect(american);
            assert!(lean < 0.0, "{american}: {lean}");
        }
        assert_eq!(lean("ab", "IN", "US"), None);
    }
}
