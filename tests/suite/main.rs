//! The integration suite: one binary, one module per area. See tests/README.md.

mod browser;
mod cli;
mod feeds;
mod gfm_table;
mod golden;
mod problems;
mod readme;
mod search;
mod site;
mod support;
