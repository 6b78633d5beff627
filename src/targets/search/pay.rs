//! Pay: what the salary filter and the "highest salary" sort read. `s.json` holds, for each job
//! number, the top of its salary range a year (rounded to whole units) in the board's main
//! currency (the one most current jobs with a salary use), or 0 for a job without a salary in
//! that currency. The manifest gives the currency and the filter's steps.

use std::collections::BTreeMap;

use crate::job::{Period, Salary};
use crate::site::Entry;

/// Yearly amounts the salary filter offers, those no job reaches left out.
const STEPS: [u64; 9] = [
    20_000, 30_000, 40_000, 50_000, 75_000, 100_000, 125_000, 150_000, 200_000,
];

/// The main currency of `jobs`, if any has a salary.
pub fn main_currency(jobs: &[&Entry]) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for salary in jobs.iter().filter_map(|e| e.job.salary.as_ref()) {
        *counts.entry(&salary.currency).or_default() += 1;
    }
    // Most used; the first in A-Z order among equals, for the same output on every build.
    let top = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
    Some(top.0.to_string())
}

/// The top of `salary`'s range a year (a year of 2,080 working hours).
pub fn annual_top(salary: &Salary) -> Option<f64> {
    let top = salary.max.or(salary.min)?;
    let per_year = match salary.period {
        Period::Year => 1.0,
        Period::Month => 12.0,
        Period::Hour => 2080.0,
    };
    Some(top * per_year)
}

/// Each job's yearly top in `currency`, 0 where unknown, and the filter steps some job reaches.
pub fn pay(jobs: &[&Entry], currency: Option<&str>) -> (Vec<u64>, Vec<u64>) {
    let pay: Vec<u64> = jobs
        .iter()
        .map(|e| {
            e.job
                .salary
                .as_ref()
                .filter(|s| Some(s.currency.as_str()) == currency)
                .and_then(annual_top)
                .map_or(0, |a| a.clamp(0.0, 1e15).round() as u64)
        })
        .collect();
    let highest = pay.iter().copied().max().unwrap_or(0);
    let steps = STEPS.into_iter().filter(|&s| s <= highest).collect();
    (pay, steps)
}
