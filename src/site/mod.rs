//! Site assembly: which pages the site has, where each goes, and the view each template gets.
//!
//! Pages: the home page, one page per document (its outline as a table of contents), one
//! page per top-level division, one per `content/pages/*.md`, and the 404 page. URLs are
//! directories (`doc/art2/`) written as `doc/art2/index.html`; links between pages are
//! relative, so the site works at `/` and under any sub-path, except the 404 page, which a
//! server shows at any depth and so links from the configured base path.

pub mod blocks;
pub mod cite;
mod context;
pub mod document;
mod escape;
mod extra;
pub mod kept;
mod library;
mod metadata;
mod parallel;
pub mod reference;
pub mod view;

use rayon::prelude::*;

use crate::content::SiteConfig;
use crate::document::Document;
use crate::enrich::Enrichment;
use crate::i18n::Strings;
use crate::outline::{Kind, Mark, Node};
use crate::project::Project;
use crate::translation::State;
use blocks::linked_html;
pub use context::*;
use document::*;
use extra::*;
use library::library_pages;
use metadata::*;
use view::*;

/// Which template renders a page, with its view.
#[derive(Debug, Clone)]
pub enum PageView {
    Home(HomeView),
    Document(DocumentView),
    Division(DivisionView),
    Parallel(ParallelView),
    /// A document's whole text on one page, for printing.
    Print(DocumentView),
    Text(TextPageView),
    NotFound(TextPageView),
    Search(TextPageView),
    GlossaryIndex(GlossaryIndexView),
    GlossaryEntry(GlossaryEntryView),
    Subjects(SubjectsView),
    Subject(SubjectView),
    Library(LibraryView),
    /// A page as the last assembly built it (watch mode, see [`kept`]): the renderer takes
    /// its HTML from its cache, and it has no view or template.
    Kept,
}

impl PageView {
    pub fn template(&self) -> &'static str {
        match self {
            PageView::Home(_) => "home.html",
            PageView::Document(_) => "document.html",
            PageView::Division(_) => "division.html",
            PageView::Parallel(_) => "parallel.html",
            PageView::Print(_) => "print.html",
            PageView::Text(_) => "page.html",
            PageView::NotFound(_) => "404.html",
            PageView::Search(_) => "search.html",
            PageView::GlossaryIndex(_) => "glossary.html",
            PageView::GlossaryEntry(_) => "term.html",
            PageView::Subjects(_) => "subjects.html",
            PageView::Subject(_) => "subject.html",
            PageView::Library(_) => "library.html",
            PageView::Kept => "",
        }
    }
}

/// A page to write: its file path from the output root and its view.
#[derive(Debug, Clone)]
pub struct Page {
    /// `doc/art2/index.html`, `en/doc/art2/index.html`, `404.html`.
    pub file: String,
    pub view: PageView,
}

/// Asset URLs (from the site root) to put in every layout.
#[derive(Debug, Clone)]
pub struct Assets {
    pub css: String,
    pub js: String,
    pub icon: String,
    pub search_js: String,
    /// The search manifest of each language, from the site root.
    pub search: Vec<String>,
}

/// Builds every page of the site in language `lang` (an index into the site's languages;
/// 0 is the source). Pages of other languages go under `<lang>/` and mirror the source's.
pub fn pages(
    project: &Project,
    enrichment: &Enrichment,
    assets: &Assets,
    lang: usize,
) -> Vec<Page> {
    pages_reusing(project, enrichment, assets, lang, None)
}

/// [`pages`], where the pages `reuse` finds unchanged (of a document, or of a term's or
/// subject's list) are [`PageView::Kept`].
pub fn pages_reusing(
    project: &Project,
    enrichment: &Enrichment,
    assets: &Assets,
    lang: usize,
    reuse: Option<&mut kept::Reuse>,
) -> Vec<Page> {
    let config = &project.content.site;
    let t = &project.content.strings[lang];
    let mut nav = Vec::new();
    if !project.glossary.entries.is_empty() {
        nav.push(Link {
            title: t.get("nav_glossary").into(),
            url: "glossary/".into(),
        });
    }
    if !enrichment.subjects.is_empty() {
        nav.push(Link {
            title: t.get("nav_subjects").into(),
            url: "subjects/".into(),
        });
    }
    nav.extend(project.content.pages.iter().map(|p| {
        Link {
            title: extra_page(p, t, &project.content.strings[0].lang)
                .0
                .nav_title
                .clone(),
            url: format!("{}/", p.slug),
        }
    }));
    let ui = serde_json::json!({
        "cite_box": t.get("cite_box"), "cite_copy": t.get("cite_copy"),
        "cite_copied": t.get("cite_copied"), "close": t.get("close"),
        "cite_join": t.get("cite_join"),
        "search_all": t.get("search_all"), "search_none": t.get("search_none"),
        "search_more": t.get("search_more"), "searching": t.get("searching"),
        "search_found": t.get("search_found"), "search_nothing": t.get("search_nothing"),
        "search_failed": t.get("search_failed"),
        "search_found_partial": t.get("search_found_partial"),
        "search_only_partial": t.get("search_only_partial"),
        "search_partial": t.get("search_partial"),
        "search_partial_badge": t.get("search_partial_badge"),
        "search_also": t.get("search_also"),
    })
    .to_string();
    let ui = crate::sanitize::script_json(&ui);
    let mut ctx = Ctx {
        config,
        assets,
        nav,
        project,
        enrichment,
        nodes: crate::enrich::nodes_by_slot(project),
        slots: crate::enrich::Slots::new(project),
        titles: doc_titles(project, t, lang, "title"),
        shorts: doc_titles(project, t, lang, "short_title"),
        lang,
        t,
        prefix: if lang == 0 {
            String::new()
        } else {
            format!("{}/", t.lang)
        },
        map: std::sync::Arc::new(t.map.clone()),
        ui: std::sync::Arc::new(ui),
        cites: cites(project, t),
        list_links: BySlot::default(),
        reuse: reuse.as_deref().map(|r| r.lookup(lang)),
    };
    // Made only for a site with lists.
    if enrichment.occurrences.iter().any(|o| !o.is_empty()) || !enrichment.subjects.is_empty() {
        ctx.list_links = ctx.list_links();
    }
    let mut keys = kept::Keys::default();
    let site_title = ctx.site_string("site_title", &config.title);
    let site_description = ctx.site_string("site_description", &config.description);
    let mut out = Vec::new();
    let summaries: Vec<DocSummary> = project
        .documents
        .par_iter()
        .map(|d| summary(&ctx, d))
        .collect();
    let (home, facets, library) = library_pages(&ctx, &summaries);
    out.push(Page {
        file: ctx.file(""),
        view: PageView::Home(HomeView {
            layout: ctx.layout("", &site_title, &site_description, vec![]),
            documents: home,
            intro: site_description.clone(),
            facets,
            total: summaries.len(),
        }),
    });
    out.extend(library);
    let doc_keys: Vec<u64> = match ctx.reuse {
        Some(_) => (0..project.documents.len())
            .into_par_iter()
            .map(|i| kept::doc_key(&ctx, i))
            .collect(),
        None => Vec::new(),
    };
    let per_doc: Vec<Vec<Page>> = project
        .documents
        .par_iter()
        .zip(&summaries)
        .enumerate()
        .map(|(i, (doc, sum))| {
            let kept = ctx.reuse.zip(doc_keys.get(i));
            if let Some(files) = kept.and_then(|(r, &key)| r.doc_files(i, key)) {
                let kept = files.iter().map(|file| Page {
                    file: file.clone(),
                    view: PageView::Kept,
                });
                return kept.collect();
            }
            let mut pages = Vec::new();
            document_pages(&ctx, i, doc, sum, &mut pages);
            pages
        })
        .collect();
    if ctx.reuse.is_some() {
        let files = per_doc
            .iter()
            .map(|p| p.iter().map(|p| p.file.clone()).collect());
        keys.docs = doc_keys.into_iter().zip(files).collect();
    }
    out.extend(per_doc.into_iter().flatten());
    let mut lists = reference::Made::default();
    reference::glossary_pages(&ctx, project, enrichment, &mut lists);
    reference::subject_pages(&ctx, enrichment, &mut lists);
    out.extend(lists.pages);
    keys.lists = lists.keys;
    for page in &project.content.pages {
        let (text, lang) = extra_page(page, t, &project.content.strings[0].lang);
        let mut html = String::new();
        let parser =
            pulldown_cmark::Parser::new_ext(&text.markdown, crate::sanitize::markdown_options())
                .map(|event| shared_file_links(event, &ctx.prefix));
        pulldown_cmark::html::push_html(&mut html, parser);
        let path = format!("{}/", page.slug);
        out.push(Page {
            file: ctx.file(&path),
            view: PageView::Text(TextPageView {
                layout: ctx.layout(&path, &text.title, "", vec![]),
                title: text.title.clone(),
                html,
                lang,
            }),
        });
    }
    out.push(Page {
        file: ctx.file("search/"),
        view: PageView::Search(TextPageView {
            layout: ctx.layout("search/", t.get("search"), "", vec![]),
            title: t.get("search").into(),
            html: String::new(),
            lang: None,
        }),
    });
    // A static host serves one 404 page for every language.
    if lang == 0 {
        let mut nf = ctx.layout("", t.get("not_found"), "", vec![]);
        nf.root = config.base_path();
        nf.site_root = config.base_path();
        nf.canonical = None;
        nf.alternates.clear();
        nf.hreflang = false;
        nf.x_default = None;
        out.push(Page {
            file: "404.html".into(),
            view: PageView::NotFound(TextPageView {
                layout: nf,
                title: t.get("not_found").into(),
                html: not_found_elsewhere(project, &config.base_path()),
                lang: None,
            }),
        });
    }
    if let Some(r) = reuse {
        r.kept.record(lang, keys);
    }
    out
}

/// The 404 page's message in the site's other languages, each in its own language and
/// linking its own home page: the host serves one 404 page whatever the reader's language.
fn not_found_elsewhere(project: &Project, base: &str) -> String {
    let mut out = String::new();
    for t in project.content.strings.iter().skip(1) {
        out.push_str("<section class=not-found");
        blocks::attr(&mut out, "lang", &t.lang);
        out.push_str("><h2>");
        blocks::escape_into(&mut out, t.get("not_found"));
        out.push_str("</h2><p>");
        blocks::escape_into(&mut out, t.get("not_found_text"));
        out.push_str("</p><p><a");
        blocks::attr(&mut out, "href", &format!("{base}{}/", t.lang));
        out.push('>');
        blocks::escape_into(&mut out, t.get("not_found_home"));
        out.push_str("</a>");
        blocks::escape_into(&mut out, t.get("not_found_after"));
        out.push_str("</p></section>");
    }
    out
}
