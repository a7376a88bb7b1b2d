//! View types: the small serialisable shapes the templates receive. Templates never see the
//! internal outline structs, so either can change without the other.

use serde::Serialize;

/// What every page's layout needs.
#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    pub site_title: String,
    pub lang: String,
    /// The title in `<title>`.
    pub page_title: String,
    pub description: String,
    /// The relative path from this page to the site root (`../../`), or the base path for
    /// pages served from anywhere (404).
    pub root: String,
    /// This page's path from the site root (`doc/art2/`), for canonical links.
    pub path: String,
    /// The canonical URL, when the base URL is absolute.
    pub canonical: Option<String>,
    pub css: String,
    pub js: String,
    pub icon: String,
    pub breadcrumbs: Vec<Link>,
    pub footer: String,
    pub nav: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// A document as listed on the home page and shown in page headers.
#[derive(Debug, Clone, Serialize)]
pub struct DocSummary {
    pub title: String,
    pub short_title: String,
    pub url: String,
    pub date: Option<String>,
    pub kind: Option<String>,
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub summary: Option<String>,
    pub dateline: Option<String>,
    /// Counts for the home page: top-level divisions and numbered clauses.
    pub divisions: usize,
    pub clauses: usize,
    pub truncated: bool,
    pub source_file: String,
}

/// One node of the outline, ready to render.
#[derive(Debug, Clone, Serialize)]
pub struct NodeView {
    pub id: String,
    /// `division`, `section`, `item`, `point`, `para`, `passage`, `preamble`.
    pub class: &'static str,
    pub label: String,
    pub title: Option<String>,
    pub text: Option<String>,
    /// h2…h6 for headings.
    pub level: usize,
    pub heading: bool,
    /// `第二条 五（二）`
    pub cite: String,
    /// An editor's note on an inferred label.
    pub inferred: Option<String>,
    /// An editor's note on a passage set apart.
    pub passage_note: Option<String>,
    pub truncated: bool,
    pub children: Vec<NodeView>,
}

/// A table-of-contents entry.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub url: String,
    pub label: String,
    pub title: String,
    pub class: &'static str,
    pub children: Vec<TocEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    pub layout: Layout,
    pub documents: Vec<DocSummary>,
    pub intro: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    pub layout: Layout,
    pub doc: DocSummary,
    pub preamble: Option<NodeView>,
    pub toc: Vec<TocEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DivisionView {
    pub layout: Layout,
    pub doc: DocSummary,
    pub node: NodeView,
    pub toc: Vec<TocEntry>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    pub position: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct TextPageView {
    pub layout: Layout,
    pub title: String,
    pub html: String,
}
