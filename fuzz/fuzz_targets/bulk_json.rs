//! Bulk json files: every record read, then validated.
#![no_main]

use jobsmith::load::read_bulk;
use jobsmith::skills::SkillMatcher;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let dataset = read_bulk("content/jobs.json", text, "json");
    jobsmith::validate::validate(dataset.records, &SkillMatcher::new(&[]));
});
