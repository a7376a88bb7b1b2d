//! gongwen (公文): a static site generator for official Chinese policy documents.
//!
//! The build is a pipeline of stages, one module each: [`source`] reads and decodes the texts,
//! [`content`] reads the editorial layer, [`outline`] recognises each document's structure
//! ([`project`] ties these three together), [`site`] assembles the pages, [`render`] turns them
//! into HTML with Tera, [`search`] builds the search index, and [`output`] minifies, checks links and swaps the result into place. [`watch`] rebuilds on every change, keeping the site in memory, and serves it with live reload.

pub mod build;
pub mod cmd;
pub mod content;
pub mod document;
pub mod enrich;
pub mod glossary;
pub mod html;
pub mod i18n;
pub mod numeral;
pub mod outline;
pub mod output;
pub mod project;
pub mod render;
pub mod sanitize;
pub mod search;
pub mod site;
pub mod source;
pub mod text;
pub mod translation;
pub mod watch;
pub mod yaml;
