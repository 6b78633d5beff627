//! Slugs: the path segments of jobs, companies, locations and skills.
//!
//! A slug is lowercase ASCII letters, digits and single hyphens, transliterated from Unicode
//! ("Schréder" gives `schreder`). It can never name anything but one folder: no dots, slashes,
//! reserved device names or empty names. Long names are cut and given a stable hash suffix.

use std::collections::{HashMap, HashSet};

/// Longest slug kept whole; longer ones are cut and get a hash suffix.
const MAX_LEN: usize = 80;

/// Names Windows refuses as file names, whatever the extension.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Makes the slug of `text`. Never empty; the same text always gives the same slug.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode_with_tofu(text, "-");
    let mut slug = String::with_capacity(ascii.len());
    let mut previous = ' ';
    for c in ascii.chars() {
        // Keep languages apart that would otherwise all fold to `c`: C++, C#, F#.
        let spelled = match (previous, c) {
            ('+', '+') => Some("pp"),
            (p, '#') if p.is_ascii_alphabetic() => Some("sharp"),
            _ => None,
        };
        previous = c;
        if let Some(word) = spelled {
            slug.truncate(slug.trim_end_matches('-').len());
            slug.push_str(word);
            continue;
        }
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        return format!("x-{:08x}", stable_hash(text) as u32);
    }
    if RESERVED.contains(&slug.as_str()) {
        slug.push_str("-x");
    }
    if slug.len() > MAX_LEN {
        let mut cut = slug[..MAX_LEN - 9].trim_end_matches('-').to_string();
        cut.push_str(&format!("-{:08x}", stable_hash(text) as u32));
        return cut;
    }
    slug
}

/// FNV-1a: a hash that is the same on every build and machine, for slug suffixes.
pub fn stable_hash(bytes: impl AsRef<[u8]>) -> u64 {
    bytes
        .as_ref()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
        })
}

/// Hands out distinct slugs: the second name with slug `c-c` gets `c-c-2`, and so on.
///
/// Given the names in the same order, it gives the same slugs on every build.
#[derive(Debug, Default)]
pub struct Slugger {
    taken: HashSet<String>,
    /// For each slug given out more than once, the next suffix to try, so that many equal
    /// names cost one step each rather than a walk over every suffix already taken.
    next_suffix: HashMap<String, usize>,
}

impl Slugger {
    /// A slugger with nothing taken.
    pub fn new() -> Slugger {
        Slugger::default()
    }

    /// The slug for `text`, distinct from every slug given out before.
    pub fn assign(&mut self, text: &str) -> String {
        self.claim(slugify(text))
    }

    /// Takes `slug` as it is, or with the first free `-N` suffix.
    pub fn claim(&mut self, slug: String) -> String {
        if self.taken.insert(slug.clone()) {
            return slug;
        }
        let mut n = self.next_suffix.get(&slug).copied().unwrap_or(2);
        loop {
            let candidate = format!("{slug}-{n}");
            if self.taken.insert(candidate.clone()) {
                self.next_suffix.insert(slug, n + 1);
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_and_folds() {
        assert_eq!(slugify("Schréder"), "schreder");
        assert_eq!(slugify("München"), "munchen");
        assert_eq!(slugify("Ørsted"), "orsted");
        assert_eq!(
            slugify("  Senior  Backend -- Developer (m/w/d) "),
            "senior-backend-developer-m-w-d"
        );
        assert_eq!(slugify("C++"), "cpp");
        assert_eq!(slugify("C#"), "csharp");
        assert_eq!(slugify("F# / .NET"), "fsharp-net");
    }

    #[test]
    fn never_names_a_path_outside_its_folder() {
        for hostile in [
            "..",
            "../../etc/passwd",
            "/",
            "\\",
            "\0",
            "\u{7}",
            "",
            "   ",
            "..\\..\\x",
        ] {
            let slug = slugify(hostile);
            assert!(!slug.is_empty());
            assert!(
                slug.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            );
            assert!(!slug.starts_with('-') && !slug.contains(".."));
        }
    }

    #[test]
    fn avoids_reserved_device_names() {
        assert_eq!(slugify("CON"), "con-x");
        assert_eq!(slugify("com1"), "com1-x");
        assert_eq!(slugify("console"), "console");
    }

    #[test]
    fn cuts_long_names_with_a_stable_suffix() {
        let long = "word ".repeat(100);
        let slug = slugify(&long);
        assert!(slug.len() <= MAX_LEN, "{}", slug.len());
        assert_eq!(slug, slugify(&long));
        assert_ne!(slug, slugify(&format!("{long} other")));
    }

    #[test]
    fn names_that_fold_to_nothing_stay_distinct() {
        assert_ne!(slugify("!!!"), slugify("???"));
        assert!(slugify("!!!").starts_with("x-"));
    }

    #[test]
    fn slugger_deduplicates_in_order() {
        let mut s = Slugger::new();
        assert_eq!(s.assign("Acme"), "acme");
        assert_eq!(s.assign("ACME"), "acme-2");
        assert_eq!(s.assign("acme!"), "acme-3");
        assert_eq!(s.claim("acme-2".into()), "acme-2-2");
    }
}
