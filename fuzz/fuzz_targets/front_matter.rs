//! Front matter: splitting the fences, parsing TOML or YAML, then validating the record.
#![no_main]

use jobsmith::load::{Kind, read_front_matter};
use jobsmith::skills::SkillMatcher;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for kind in [Kind::Job, Kind::Company] {
        let dataset = read_front_matter("content/jobs/fuzz.md", text, kind);
        jobsmith::validate::validate(dataset.records, &SkillMatcher::new(&[]));
    }
});
