//! The integration suite: one binary, one module per area. See tests/README.md.

mod browser;
mod cli;
mod deploy;
mod docs;
mod feeds;
mod gfm_table;
mod golden;
mod problems;
mod readme;
#[cfg(feature = "serve")]
mod serve;
mod site;
mod support;
