//! The gazetteer: the names of every city of 5,000 people or more, with their other names
//! (exonyms, other scripts), from GeoNames (CC BY 4.0, see docs/website.md "Places").
//!
//! `data/city-names.tsv` is in the binary as text, one line a folded name (as
//! [`crate::country::fold`] folds it), sorted: the name, the countries with a city of that name
//! (most populous city first), the US states that have one, and the name each country's most
//! populous city of that name goes by ("bangalore": "Bengaluru"; left empty where title-casing
//! the folded name gives it). Names are looked up by binary
//! search in that text, so nothing is decompressed or indexed but the start of each line, once,
//! on first use. `examples/gazetteer.rs` writes the file from `data/cities.tsv.gz`, the extract
//! `scripts/gazetteer` takes from GeoNames.

use std::borrow::Cow;
use std::sync::OnceLock;

/// The names, sorted by folded name.
const NAMES: &str = include_str!("../data/city-names.tsv");

/// The cities of one name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cities {
    /// The folded name looked up.
    pub key: &'static str,
    /// ISO alpha-2 codes separated by spaces, the country of the most populous city first.
    pub countries: &'static str,
    /// Two-letter codes of the US states that have a city of this name, separated by commas.
    pub us_states: &'static str,
    /// The own names of the cities, one per country in the order of `countries`, separated by
    /// `|`; an empty or missing one is the key title-cased.
    pub own_names: &'static str,
}

impl Cities {
    /// The countries with a city of this name, the most populous city's first.
    pub fn countries(&self) -> impl Iterator<Item = &'static str> {
        self.countries.split(' ').filter(|c| !c.is_empty())
    }

    /// The name the most populous city of this name in `country` goes by: "Bengaluru" for
    /// "bangalore" in IN, "New York City" for "new york" in US.
    pub fn own_name(&self, country: &str) -> Option<Cow<'static, str>> {
        let n = self.countries().position(|c| c == country)?;
        match self.own_names.split('|').nth(n) {
            Some(name) if !name.is_empty() => Some(Cow::Borrowed(name)),
            _ => Some(Cow::Owned(title_case(self.key))),
        }
    }

    /// Whether the US state `code` ("PA") has a city of this name.
    pub fn in_us_state(&self, code: &str) -> bool {
        self.us_states
            .split(',')
            .any(|s| s.eq_ignore_ascii_case(code))
    }
}

/// The cities named `key` (a folded name: lower-case ASCII words joined by single spaces), also
/// where it shortens "Saint" or "Fort" ("st augustine", "ft meade").
pub fn lookup(key: &str) -> Option<Cities> {
    lookup_exact(key).or_else(|| {
        let spelled: Vec<&str> = key
            .split(' ')
            .map(|word| match word {
                "st" => "saint",
                "ft" => "fort",
                other => other,
            })
            .collect();
        let spelled = spelled.join(" ");
        (spelled != key).then(|| lookup_exact(&spelled)).flatten()
    })
}

/// The cities named exactly `key`.
fn lookup_exact(key: &str) -> Option<Cities> {
    let lines = line_starts();
    let name_at = |&start: &u32| {
        let line = &NAMES[start as usize..];
        line.split('\t').next().unwrap_or_default()
    };
    let found = lines
        .binary_search_by(|start| name_at(start).cmp(key))
        .ok()?;
    let line = NAMES[lines[found] as usize..].lines().next()?;
    let mut fields = line.split('\t');
    Some(Cities {
        key: fields.next()?,
        countries: fields.next()?,
        us_states: fields.next().unwrap_or_default(),
        own_names: fields.next().unwrap_or_default(),
    })
}

/// Hands `each` the folded own name (not another name) of every city of `country` ("IN").
pub fn own_names_in(country: &str, mut each: impl FnMut(&str)) {
    for line in NAMES.lines() {
        let mut fields = line.split('\t');
        let (Some(key), Some(countries)) = (fields.next(), fields.next()) else {
            continue;
        };
        let Some(n) = countries.split(' ').position(|c| c == country) else {
            continue;
        };
        let own = fields.nth(1).unwrap_or_default().split('|').nth(n);
        if own.is_none_or(|own| own.is_empty() || crate::country::fold(own) == key) {
            each(key);
        }
    }
}

/// "new york" -> "New York": each word's first letter in capitals.
pub fn title_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut start = true;
    for c in key.chars() {
        out.push(if start { c.to_ascii_uppercase() } else { c });
        start = c == ' ';
    }
    out
}

/// Where each line of `NAMES` starts: found once, on first use.
fn line_starts() -> &'static [u32] {
    static STARTS: OnceLock<Vec<u32>> = OnceLock::new();
    STARTS.get_or_init(|| {
        let mut starts = Vec::with_capacity(NAMES.len() / 16);
        starts.push(0);
        let ends = memchr::memchr_iter(b'\n', NAMES.as_bytes());
        starts.extend(
            ends.map(|i| i as u32 + 1)
                .filter(|&s| (s as usize) < NAMES.len()),
        );
        starts
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_sorted_and_looked_up_in_every_script() {
        let names: Vec<&str> = NAMES
            .lines()
            .map(|l| l.split('\t').next().unwrap_or_default())
            .collect();
        assert!(names.len() > 100_000, "{}", names.len());
        assert!(
            names.windows(2).all(|w| w[0] < w[1]),
            "sorted, each name once"
        );
        for munich in ["munich", "munchen", "mu ni hei"] {
            let found = lookup(munich).unwrap_or_else(|| panic!("{munich}"));
            assert_eq!(found.countries().next(), Some("DE"), "{munich}");
        }
        let holland = lookup("new holland").expect("New Holland, PA");
        assert!(holland.in_us_state("PA") && !holland.in_us_state("DE"));
        let bangalore = lookup("bangalore").expect("Bangalore");
        assert_eq!(bangalore.own_name("IN").as_deref(), Some("Bengaluru"));
        let berlin = lookup("berlin").expect("Berlin");
        assert_eq!(berlin.own_name("DE").as_deref(), Some("Berlin"));
        let sao_paulo = lookup("sao paulo").expect("São Paulo");
        assert_eq!(sao_paulo.own_name("BR").as_deref(), Some("São Paulo"));
        assert_eq!(berlin.own_name("ZZ"), None);
        let augustine = lookup("st augustine").expect("St. Augustine");
        assert_eq!(augustine.own_name("US").as_deref(), Some("Saint Augustine"));
        assert_eq!(lookup("no such place anywhere"), None);
        assert_eq!(lookup(""), None);
    }
}
