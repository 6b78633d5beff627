//! Words: how job text and queries are folded and cut into words, and the word shards
//! (`w/KEY.json`) that map each word to the jobs that have it.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashSet, HashSetExt};

use rayon::prelude::*;

use super::to_json;
use crate::job::Workplace;
use crate::site::Entry;

/// Folds text the way the search script folds what is typed: transliterated to ASCII, lower
/// case, with C++ and C# spelled out as their slugs are (`cpp`, `csharp`).
pub fn fold(text: &str) -> String {
    let mut ascii = deunicode::deunicode(text);
    ascii.make_ascii_lowercase();
    let mut folded = String::with_capacity(ascii.len());
    let mut previous = ' ';
    for c in ascii.chars() {
        match c {
            '+' if previous == '+' && folded.ends_with('+') => {
                folded.pop();
                folded.push_str("pp");
            }
            '#' if previous.is_ascii_alphabetic() => folded.push_str("sharp"),
            _ => folded.push(c),
        }
        previous = c;
    }
    folded
}

/// The words of `text` as the index keeps them: folded runs of ASCII letters and digits.
pub fn words(text: &str) -> Vec<String> {
    split(&fold(text)).map(str::to_string).collect()
}

/// The words of text already folded (`fold`).
pub fn split(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The texts a query can find a job by: its title, then the others (company, location, the
/// countries and cities of its places, workplace, skills).
fn job_texts(entry: &Entry) -> (&str, Vec<&str>) {
    let job = &entry.job;
    // Typing "remote" should find remote jobs whatever their location says.
    let workplace = (job.workplace != Workplace::OnSite).then(|| job.workplace.slug());
    let others = [job.company.as_str(), job.location.as_str()]
        .into_iter()
        .chain(entry.places.iter().flat_map(|p| {
            let country = p.place.country.map(|c| c.name);
            country.into_iter().chain(p.place.city.as_deref())
        }))
        .chain(workplace)
        .chain(job.skills.iter().map(String::as_str))
        .collect();
    (&job.title, others)
}

/// Postings of every word, and of every initial letter, as `number * 2 + in_title`.
#[derive(Debug, Default)]
pub struct Words {
    /// Hashed while collecting (the shards sort them).
    words: HashMap<String, Vec<u32>>,
    /// Keyed by the one-letter string.
    initials: BTreeMap<String, Vec<u32>>,
}

impl Words {
    /// Reads the jobs in listing order, which keeps every list ascending.
    pub fn collect(jobs: &[&Entry]) -> Words {
        // Boards repeat companies, places, skills and titles: each distinct text is cut into
        // words once (in parallel), then each job's words are gathered from those.
        let texts: Vec<(&str, Vec<&str>)> = jobs.iter().map(|e| job_texts(e)).collect();
        let mut distinct: HashSet<&str> = HashSet::new();
        for (title, others) in &texts {
            distinct.insert(title);
            distinct.extend(others.iter().copied());
        }
        let distinct: Vec<&str> = distinct.into_iter().collect();
        let cut: HashMap<&str, Vec<String>> = distinct
            .par_iter()
            .map(|&text| (text, words(text)))
            .collect();
        let words_of = |text: &str| cut.get(text).into_iter().flatten();
        let found: Vec<BTreeMap<&str, bool>> = texts
            .par_iter()
            .map(|(title, others)| {
                let mut found: BTreeMap<&str, bool> =
                    words_of(title).map(|w| (w.as_str(), true)).collect();
                for text in others {
                    for word in words_of(text) {
                        found.entry(word).or_insert(false);
                    }
                }
                found
            })
            .collect();
        let mut all = Words::default();
        for (number, job_words) in found.into_iter().enumerate() {
            // Words are ASCII: each initial is one byte.
            let mut initials: BTreeMap<u8, bool> = BTreeMap::new();
            for (word, in_title) in job_words {
                *initials.entry(word.as_bytes()[0]).or_default() |= in_title;
                let posting = posting(number, in_title);
                match all.words.get_mut(word) {
                    Some(postings) => postings.push(posting),
                    None => {
                        all.words.insert(word.to_string(), vec![posting]);
                    }
                }
            }
            for (initial, in_title) in initials {
                let key = char::from(initial).to_string();
                all.initials
                    .entry(key)
                    .or_default()
                    .push(posting(number, in_title));
            }
        }
        all
    }

    /// The shard keys, one-letter ones included, in order.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.initials.keys().cloned().collect();
        keys.extend(
            self.words
                .keys()
                .filter_map(|w| shard_key(w).map(str::to_string)),
        );
        keys.sort();
        keys.dedup();
        keys
    }

    /// `w/KEY.json` for every key.
    pub fn shards(&self) -> Vec<(String, Vec<u8>)> {
        let mut shards: BTreeMap<String, BTreeMap<&str, Vec<u32>>> = BTreeMap::new();
        for (initial, postings) in &self.initials {
            let shard = BTreeMap::from([(initial.as_str(), encode_flagged(postings))]);
            shards.insert(format!("w/{initial}.json"), shard);
        }
        for (word, postings) in &self.words {
            if let Some(key) = shard_key(word) {
                shards
                    .entry(format!("w/{key}.json"))
                    .or_default()
                    .insert(word, encode_flagged(postings));
            }
        }
        let shards: Vec<_> = shards.into_iter().collect();
        shards
            .into_par_iter()
            .map(|(name, shard)| (name, to_json(&shard)))
            .collect()
    }
}

fn posting(number: usize, in_title: bool) -> u32 {
    (number as u32) << 1 | u32::from(in_title)
}

/// The shard of a word of two letters or more: its first two (words are ASCII).
fn shard_key(word: &str) -> Option<&str> {
    word.get(..2).filter(|_| word.len() >= 2)
}

/// Delta-encodes postings of `number * 2 + flag`, keeping the flag in the lowest bit.
fn encode_flagged(postings: &[u32]) -> Vec<u32> {
    let mut previous = 0;
    postings
        .iter()
        .map(|&p| {
            let number = p >> 1;
            let value = (number - previous) << 1 | (p & 1);
            previous = number;
            value
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_language_names() {
        assert_eq!(words("München, Bayern"), ["munchen", "bayern"]);
        assert_eq!(words("STRAßE Łódź Ærø"), ["strasse", "lodz", "aero"]);
        assert_eq!(
            words("C++ / C# / F# .NET"),
            ["cpp", "csharp", "fsharp", "net"]
        );
        assert_eq!(
            words("Node.js & React-Native (m/f/d)"),
            ["node", "js", "react", "native", "m", "f", "d"]
        );
        assert!(words(" — ").is_empty());
    }

    /// The script folds with Unicode decomposition plus a table of letters that do not
    /// decompose; each must give what deunicode gives here.
    #[test]
    fn the_script_folds_letters_as_the_index_does() {
        let script = crate::render::DEFAULT_SCRIPT;
        let start = script
            .find("const LETTERS = {")
            .expect("LETTERS in search.js");
        let table = &script[start..script[start..].find('}').expect("end") + start];
        let pairs: Vec<&str> = table.split('"').skip(1).step_by(2).collect();
        assert!(pairs.len() >= 18, "{pairs:?}");
        for pair in pairs.chunks(2) {
            assert_eq!(fold(pair[0]), pair[1], "{}", pair[0]);
        }
        for accented in ["é", "ü", "ñ", "ç", "å", "ő", "ș", "İ"] {
            assert_eq!(fold(accented).len(), 1, "{accented} folds to one letter");
        }
    }

    #[test]
    fn shard_keys_are_the_first_two_letters() {
        assert_eq!(shard_key("kubernetes"), Some("ku"));
        assert_eq!(shard_key("go"), Some("go"));
        assert_eq!(shard_key("c"), None);
    }

    #[test]
    fn flagged_postings_keep_the_title_bit() {
        // Job 0 in the title, job 3 not, job 10 in the title.
        let postings = [posting(0, true), posting(3, false), posting(10, true)];
        assert_eq!(encode_flagged(&postings), [1, 6, 15]);
    }

    #[test]
    fn a_word_in_the_title_and_elsewhere_counts_as_in_the_title() {
        let (site, _) = super::super::tests::site(super::super::tests::JOBS);
        let words = Words::collect(&site.current_jobs().collect::<Vec<_>>());
        // Job 1 is the Kubernetes Engineer at Helix in München, Germany, hybrid.
        assert_eq!(words.words["kubernetes"], [posting(1, true)]);
        for other in ["helix", "germany", "hybrid", "munchen"] {
            assert_eq!(words.words[other], [posting(1, false)], "{other}");
        }
        assert!(
            !words.words.contains_key("de"),
            "country codes are not words"
        );
        assert_eq!(words.initials["k"], [posting(0, false), posting(1, true)]);
    }
}
