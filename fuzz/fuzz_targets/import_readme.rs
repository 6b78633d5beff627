//! The README importer (`jobsmith import --format jobr-readme`): any text, no panic; every row it
//! accepts has a job URL that passes the URL check.
#![no_main]

use jobsmith::import::{Format, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let parsed = parse("README.md", text, Format::JobrReadme);
    for job in &parsed.jobs {
        assert!(
            jobsmith::validate::check_url(&job.url).is_ok(),
            "{:?}",
            job.url
        );
    }
});
