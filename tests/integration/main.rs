//! gongwen's integration tests: one binary, a module per feature. See tests/README.md.

mod bilingual;
mod cli;
mod common;
mod encodings;
mod enrich;
mod errors;
mod robustness;
mod rules;
mod seeds;
mod site;
mod watch;
