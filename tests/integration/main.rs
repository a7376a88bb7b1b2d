//! gongwen's integration tests: one binary, a module per feature. See tests/README.md.

mod bilingual;
mod cli;
mod common;
// The benchmarks' synthetic documents, for tests that need a site of many documents.
#[path = "../../benches/corpus.rs"]
#[allow(dead_code)]
mod corpus;
mod encodings;
mod enrich;
mod errors;
mod fixtures;
mod layers;
mod robustness;
mod rules;
mod safety;
mod seeds;
mod site;
mod watch;
