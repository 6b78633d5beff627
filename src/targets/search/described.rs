//! Description words: `t/KEY.json`, where KEY is a word's first three letters, maps each word of
//! the job descriptions to the jobs having it (ascending numbers, delta-encoded), so that a word
//! only a description holds finds its job. Words of fewer than three letters are left out, and so
//! are words too common to narrow a search (in more than a quarter of the jobs of a large board):
//! they would make the largest shards and find nearly everything.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::{encode, to_json};
use crate::site::Entry;

/// A word found in more descriptions than this, and in more than a quarter of them, is dropped.
const COMMON: usize = 100;

/// The shard key of a description word: its first three letters (words are ASCII).
fn key(word: &str) -> Option<&str> {
    word.get(..3)
}

/// `t/KEY.json` for every key, and the keys, in order; `jobs` in listing order.
pub fn shards(jobs: &[&Entry]) -> (Vec<(String, Vec<u8>)>, Vec<String>) {
    let per_job: Vec<Vec<String>> = jobs
        .par_iter()
        .map(|entry| {
            let mut words = super::words(&entry.job.description);
            words.retain(|w| w.len() >= 3);
            words.sort_unstable();
            words.dedup();
            words
        })
        .collect();
    let mut postings: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (number, words) in per_job.iter().enumerate() {
        for word in words {
            postings.entry(word).or_default().push(number as u32);
        }
    }
    let limit = COMMON.max(jobs.len() / 4);
    let mut shards: BTreeMap<&str, BTreeMap<&str, Vec<u32>>> = BTreeMap::new();
    for (word, numbers) in postings {
        if let Some(key) = key(word).filter(|_| numbers.len() <= limit) {
            shards
                .entry(key)
                .or_default()
                .insert(word, encode(&numbers));
        }
    }
    let keys = shards.keys().map(|k| k.to_string()).collect();
    let files = shards
        .into_par_iter()
        .map(|(key, shard)| (format!("t/{key}.json"), to_json(&shard)))
        .collect();
    (files, keys)
}
