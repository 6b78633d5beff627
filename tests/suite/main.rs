//! The integration suite: one binary, one module per area. See tests/README.md.

mod aggregator;
mod browser;
mod check;
mod cli;
mod combos;
mod crash;
mod deploy;
mod docs;
mod eligibility;
mod feeds;
mod fetch;
mod gfm_table;
mod golden;
mod hostile;
mod import;
mod indexnow;
mod install;
mod links;
mod look;
mod ownership;
mod places;
mod problems;
mod properties;
mod readme;
mod recipes;
mod report;
mod scan;
mod search;
#[cfg(feature = "serve")]
mod serve;
mod site;
mod support;
mod terminal;
