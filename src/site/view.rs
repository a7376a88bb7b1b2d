//! View types: the small serialisable shapes the templates receive. Templates never see the
//! internal outline structs, so either can change without the other.

use serde::Serialize;

/// What every page's layout needs.
#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    pub site_title: String,
    /// The page's language (`zh-Hans`, `en`).
    pub lang: String,
    /// The interface strings of the page's language.
    pub t: std::sync::Arc<std::collections::BTreeMap<String, String>>,
    /// The strings `theme/*.js` needs, as JSON safe inside `<script>`.
    pub ui: std::sync::Arc<String>,
    /// The same page in every language of the site, this one included (the switcher).
    pub alternates: Vec<Alternate>,
    /// Whether `<link rel="alternate" hreflang>` goes in the head (not for pages that exist
    /// in one language only).
    pub hreflang: bool,
    /// The source language's page, for `hreflang="x-default"`.
    pub x_default: Option<String>,
    /// The title in `<title>`.
    pub page_title: String,
    pub description: String,
    /// The relative path from this page to its language's root (`../../`, `../../en/`
    /// reached as `../`), or the base path for pages served from anywhere (404).
    pub root: String,
    /// The relative path from this page to the site root, where assets are.
    pub site_root: String,
    /// The canonical URL, when the base URL is absolute.
    pub canonical: Option<String>,
    /// `website` or `article`, for Open Graph.
    pub og_type: &'static str,
    /// schema.org JSON-LD for a document page, ready to embed (`</` escaped).
    pub json_ld: Option<String>,
    pub css: String,
    pub js: String,
    pub icon: String,
    pub search_js: String,
    /// The search manifest, from the site root.
    pub search: String,
    pub breadcrumbs: Vec<Link>,
    pub footer: String,
    pub nav: Vec<Link>,
}

/// This page in one language.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub lang: String,
    /// The language's own name (`English`).
    pub name: String,
    /// Relative to this page, for the switcher.
    pub url: String,
    /// Absolute when the base URL is, for `hreflang`.
    pub href: String,
    pub current: bool,
}

#[derive(Debug, Clone, Hash, Serialize)]
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
    /// When the site's text last changed (`updated` in the document's metadata).
    pub updated: Option<String>,
    /// Whether the document has a print page (`print_pages` in the site's configuration;
    /// not for a text read whole on its document page).
    pub print: bool,
    pub summary: Option<String>,
    pub dateline: Option<String>,
    /// The text's history from its 题注: (ISO date, date as written, the words after it).
    pub history: Vec<(String, String, String)>,
    /// The issuing number (`国务院令第713号`).
    pub number: Option<String>,
    /// The body that adopted or promulgated it.
    pub issuer: Option<String>,
    /// Counts for the home page: top-level divisions and numbered clauses.
    pub divisions: usize,
    pub clauses: usize,
    pub truncated: bool,
    /// The source text as a plain-text file, from the site root: `<slug>/<slug>.txt`.
    pub download: String,
    /// Whether the page shows a translation (its language is not the source's).
    pub translated: bool,
    /// The language of the title when it falls back to the source.
    pub lang: Option<String>,
}

/// One node of the outline, ready to render (as HTML, by [`super::blocks::outline`]).
#[derive(Debug, Clone)]
pub struct NodeView {
    pub id: String,
    /// `division`, `section`, `item`, `point`, `para`, `passage`, `preamble`.
    pub class: &'static str,
    pub label: String,
    /// A space between label and what follows (`第二条 互利共赢`, `1. Trade`, but `二、经贸`).
    pub spaced: bool,
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
    /// The text as HTML with glossary terms and references linked, when it has any link
    /// (escaped, links relative to the page): content, like Markdown rendered to HTML.
    pub html: Option<String>,
    /// 相关条文: related passages of other documents.
    pub related: Vec<Link>,
    /// The language of the title and text when they fall back to the source.
    pub lang: Option<String>,
    /// `not_translated` or `stale` (an interface string key) on a page in another language.
    pub flag: Option<&'static str>,
    /// The language of editor's notes taken from the data (the source language's).
    pub note_lang: Option<String>,
    pub children: Vec<NodeView>,
}

/// A table-of-contents entry (rendered by [`super::blocks::toc`]).
#[derive(Debug, Clone)]
pub struct TocEntry {
    pub url: String,
    pub label: String,
    pub title: String,
    pub class: &'static str,
    pub lang: Option<String>,
    pub spaced: bool,
    pub children: Vec<TocEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    pub layout: Layout,
    /// All documents, or the newest of a large library (then `facets` and `total` say how
    /// to browse the rest).
    pub documents: Vec<DocSummary>,
    pub intro: String,
    pub facets: Vec<FacetGroup>,
    pub total: usize,
}

/// One way of browsing the library (by kind, year or issuer) and its values.
#[derive(Debug, Clone, Serialize)]
pub struct FacetGroup {
    pub title: String,
    pub values: Vec<Facet>,
    /// Values left out of this list (the library page has them all).
    pub more: usize,
}

/// One value of a facet, with its page (from the site root) and how many documents it has.
#[derive(Debug, Clone, Serialize)]
pub struct Facet {
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// A page of the library: its facets (the library's index) or a list of documents.
#[derive(Debug, Clone, Serialize)]
pub struct LibraryView {
    pub layout: Layout,
    pub title: String,
    pub facets: Vec<FacetGroup>,
    pub documents: Vec<DocSummary>,
    pub count: usize,
    pub pager: Option<Pager>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    pub layout: Layout,
    pub doc: DocSummary,
    /// The preamble as HTML (a fragment, see [`super::blocks`]); empty if none.
    pub preamble: String,
    /// The whole outline as a nested list of links (HTML); on the print page, the whole
    /// text.
    pub toc: String,
    /// The side-by-side views, for a text read whole on this page (see
    /// [`crate::outline::mark_pages`]).
    pub parallel: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DivisionView {
    pub layout: Layout,
    pub doc: DocSummary,
    /// The division's text as HTML (a fragment, see [`super::blocks`]).
    pub blocks: String,
    /// Its numbered parts as a list of links (HTML); empty if none.
    pub toc: String,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    pub position: usize,
    pub total: usize,
    /// The side-by-side view of this division with each other language.
    pub parallel: Vec<Link>,
    /// Every division page of the document, for the document's outline beside the text.
    pub pages: Vec<Link>,
}

/// One side of a row of the parallel view.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub lang: String,
    pub label: String,
    pub title: Option<String>,
    pub text: Option<String>,
    pub flag: Option<&'static str>,
}

/// A node of a division in two languages, side by side.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: String,
    pub depth: usize,
    pub heading: bool,
    pub left: Cell,
    pub right: Cell,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParallelView {
    pub layout: Layout,
    pub doc: DocSummary,
    pub title: String,
    /// The division's page in this language.
    pub back: String,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TextPageView {
    pub layout: Layout,
    pub title: String,
    pub html: String,
    /// The language of the text when it falls back to the source.
    pub lang: Option<String>,
}

/// A term in the glossary index.
#[derive(Debug, Clone, Serialize)]
pub struct TermLink {
    /// The name in the page's language, then one in another language.
    pub name: String,
    pub other: String,
    pub other_lang: String,
    pub url: String,
    pub abbr: Option<String>,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermGroup {
    pub slug: &'static str,
    pub title: String,
    pub terms: Vec<TermLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GlossaryIndexView {
    pub layout: Layout,
    pub groups: Vec<TermGroup>,
    pub total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct GlossaryEntryView {
    pub layout: Layout,
    /// The name in the page's language.
    pub term: String,
    pub abbr: Option<String>,
    pub category: String,
    /// Other names: (label, name, language).
    pub names: Vec<(String, String, String)>,
    /// Definitions, the page's language first: (text, language).
    pub definitions: Vec<(String, String)>,
    pub occurrences: usize,
    /// This page's share of the passages, grouped by document (HTML; empty if none).
    pub passages: String,
    pub pager: Option<Pager>,
}

/// Which page of a long list this is, with links to its neighbours (relative).
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SubjectLink {
    pub name: String,
    pub other: String,
    pub other_lang: String,
    pub url: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SubjectsView {
    pub layout: Layout,
    pub subjects: Vec<SubjectLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SubjectView {
    pub layout: Layout,
    pub name: String,
    pub other: String,
    pub other_lang: String,
    pub count: usize,
    /// This page's share of the passages, grouped by document (HTML).
    pub passages: String,
    pub pager: Option<Pager>,
}
