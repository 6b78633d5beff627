//! The integration suite: one binary, one module per area. See tests/README.md.

mod cli;
mod golden;
mod problems;
mod support;
