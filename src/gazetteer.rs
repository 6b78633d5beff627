//! The gazetteer: the names of every city of 5,000 people or more, with their other names
//! (exonyms, other scripts), from GeoNames (CC BY 4.0, see docs/website.md "Places").
//!
//! `data/city-names.tsv` is in the binary as text, one line a folded name (as
//! [`crate::country::fold`] folds it), sorted: the name, the countries with a city of that name
//! (most populous city first), and the US states that have one. Names are looked up by binary
//! search in that text, so nothing is decompressed or indexed but the start of each line, once,
//! on first use. `examples/gazetteer.rs` writes the file from `data/cities.tsv.gz`, the extract
//! `scripts/gazetteer` takes from GeoNames.

use std::sync::OnceLock;

/// The names, sorted by folded name.
const NAMES: &str = include_str!("../data/city-names.tsv");

/// The cities of one name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cities {
    /// ISO alpha-2 codes separated by spaces, the country of the most populous city first.
    pub countries: &'static str,
    /// Two-letter codes of the US states that have a city of this name, separated by commas.
    pub us_states: &'static str,
}

impl Cities {
    /// The countries with a city of this name, the most populous city's first.
    pub fn countries(&self) -> impl Iterator<Item = &'static str> {
        self.countries.split(' ').filter(|c| !c.is_empty())
    }

    /// Whether the US state `code` ("PA") has a city of this name.
    pub fn in_us_state(&self, code: &str) -> bool {
        self.us_states
            .split(',')
            .any(|s| s.eq_ignore_ascii_case(code))
    }
}

/// The cities named `key` (a folded name: lower-case ASCII words joined by single spaces).
pub fn lookup(key: &str) -> Option<Cities> {
    let lines = line_starts();
    let name_at = |&start: &u32| {
        let line = &NAMES[start as usize..];
        line.split('\t').next().unwrap_or_default()
    };
    let found = lines
        .binary_search_by(|start| name_at(start).cmp(key))
        .ok()?;
    let line = NAMES[lines[found] as usize..].lines().next()?;
    let mut fields = line.split('\t').skip(1);
    Some(Cities {
        countries: fields.next()?,
        us_states: fields.next().unwrap_or_default(),
    })
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
        assert_eq!(lookup("no such place anywhere"), None);
        assert_eq!(lookup(""), None);
    }
}
