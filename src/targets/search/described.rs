//! Description words: `t/KEY.json`, where KEY is a word's first three letters, maps each word of
//! the job descriptions to the jobs having it (ascending numbers, delta-encoded), so that a word
//! only a description holds finds its job. Words of fewer than three letters are left out, and so
//! are words too common to narrow a search (in more than a quarter of the jobs of a large board):
//! they would make the largest shards and find nearly everything.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt};

use rayon::prelude::*;

use super::{encode, to_json, words};
use crate::site::Entry;

/// A word found in more descriptions than this, and in more than a quarter of them, is dropped.
const COMMON: usize = 100;

/// The shard key of a description word: its first three letters (words are ASCII).
fn key(word: &str) -> Option<&str> {
    word.get(..3)
}

/// Jobs cut into words together: each chunk's words are gathered, then merged in order, so that
/// at most a few chunks' words are held at once (a list of every job's words would take about a
/// gigabyte at 100,000 jobs).
const CHUNK: usize = 512;

/// Each word of the descriptions of `jobs` with the ascending numbers of the jobs having it.
fn postings(jobs: &[&Entry]) -> HashMap<String, Vec<u32>> {
    jobs.par_chunks(CHUNK)
        .enumerate()
        .map(|(n, chunk)| {
            // A word is copied once per chunk, not once per job; jobs come in order, so a job's
            // number is the last of a word's list when the job has the word already.
            let mut found: HashMap<String, Vec<u32>> = HashMap::new();
            for (i, entry) in chunk.iter().enumerate() {
                let number = (n * CHUNK + i) as u32;
                let folded = words::fold(&entry.job.description);
                for word in words::split(&folded).filter(|w| w.len() >= 3) {
                    match found.get_mut(word) {
                        Some(numbers) if numbers.last() == Some(&number) => {}
                        Some(numbers) => numbers.push(number),
                        None => {
                            found.insert(word.to_string(), vec![number]);
                        }
                    }
                }
            }
            found
        })
        // Chunks are merged in their order, which keeps every list ascending.
        .reduce(HashMap::new, |mut earlier, later| {
            for (word, numbers) in later {
                earlier.entry(word).or_default().extend(numbers);
            }
            earlier
        })
}

/// `t/KEY.json` for every key, and the keys, in order; `jobs` in listing order.
pub fn shards(jobs: &[&Entry]) -> (Vec<(String, Vec<u8>)>, Vec<String>) {
    let postings = postings(jobs);
    let limit = COMMON.max(jobs.len() / 4);
    let mut shards: BTreeMap<&str, BTreeMap<&str, Vec<u32>>> = BTreeMap::new();
    for (word, numbers) in &postings {
        if let Some(key) = key(word).filter(|_| numbers.len() <= limit) {
            shards.entry(key).or_default().insert(word, encode(numbers));
        }
    }
    let keys = shards.keys().map(|k| k.to_string()).collect();
    let files = shards
        .into_par_iter()
        .map(|(key, shard)| (format!("t/{key}.json"), to_json(&shard)))
        .collect();
    (files, keys)
}
