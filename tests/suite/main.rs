//! The integration suite: one binary, one module per area. See tests/README.md.

mod browser;
mod cli;
mod crash;
mod feeds;
mod gfm_table;
mod golden;
mod hostile;
mod problems;
mod properties;
mod readme;
mod scan;
mod site;
mod support;
