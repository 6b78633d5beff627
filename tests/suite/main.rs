//! The integration suite: one binary, one module per area. See tests/README.md.

mod browser;
mod cli;
mod crash;
mod deploy;
mod docs;
mod feeds;
mod gfm_table;
mod golden;
mod hostile;
mod look;
mod ownership;
mod problems;
mod properties;
mod readme;
mod scan;
mod search;
#[cfg(feature = "serve")]
mod serve;
mod site;
mod support;
