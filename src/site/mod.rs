//! Site assembly: which pages the site has, where each goes, and the view each template gets.
//!
//! Pages: the home page, one page per document (its outline as a table of contents), one
//! page per top-level division, one per `content/pages/*.md`, and the 404 page. URLs are
//! directories (`doc/art2/`) written as `doc/art2/index.html`; links between pages are
//! relative, so the site works at `/` and under any sub-path, except the 404 page, which a
//! server shows at any depth and so links from the configured base path.

pub mod blocks;
pub mod cite;
pub mod kept;
pub mod reference;
pub mod view;

use rayon::prelude::*;

use crate::content::SiteConfig;
use crate::enrich::Enrichment;
use crate::i18n::Strings;
use crate::outline::{Kind, Mark, Node};
use crate::project::{Document, Project};
use crate::translation::State;
use blocks::linked_html;
use view::*;

/// Which template renders a page, with its view.
#[derive(Debug, Clone)]
pub enum PageView {
    Home(HomeView),
    Document(DocumentView),
    Division(DivisionView),
    Parallel(ParallelView),
    Text(TextPageView),
    NotFound(TextPageView),
    Search(TextPageView),
    GlossaryIndex(GlossaryIndexView),
    GlossaryEntry(GlossaryEntryView),
    Subjects(SubjectsView),
    Subject(SubjectView),
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
            PageView::Text(_) => "page.html",
            PageView::NotFound(_) => "404.html",
            PageView::Search(_) => "search.html",
            PageView::GlossaryIndex(_) => "glossary.html",
            PageView::GlossaryEntry(_) => "term.html",
            PageView::Subjects(_) => "subjects.html",
            PageView::Subject(_) => "subject.html",
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
        "search_all": t.get("search_all"), "search_none": t.get("search_none"),
        "search_more": t.get("search_more"), "searching": t.get("searching"),
        "search_found": t.get("search_found"), "search_nothing": t.get("search_nothing"),
        "search_failed": t.get("search_failed"),
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
    out.push(Page {
        file: ctx.file(""),
        view: PageView::Home(HomeView {
            layout: ctx.layout("", &site_title, &site_description, vec![]),
            documents: summaries.clone(),
            intro: site_description.clone(),
        }),
    });
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
                html: String::new(),
                lang: None,
            }),
        });
    }
    if let Some(r) = reuse {
        r.kept.record(lang, keys);
    }
    out
}

/// Links in extra pages are written as from the source language's page. Pages are mirrored
/// in every language, so `../glossary/` stays; files are not (`../anomalies.json`), so a
/// page under `en/` reaches them one folder further up.
fn shared_file_links<'e>(
    event: pulldown_cmark::Event<'e>,
    prefix: &str,
) -> pulldown_cmark::Event<'e> {
    use pulldown_cmark::{Event, Tag};
    let up = "../".repeat(prefix.matches('/').count());
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !up.is_empty() && is_relative_file(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: format!("{up}{dest_url}").into(),
            title,
            id,
        }),
        other => other,
    }
}

/// `../anomalies.json` but not `../glossary/`, `#x`, `/x` or `https://…`.
fn is_relative_file(url: &str) -> bool {
    let path = url.split(['#', '?']).next().unwrap_or("");
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains(':')
        && !path.ends_with('/')
        && path
            .rsplit('/')
            .next()
            .is_some_and(|name| name.contains('.'))
}

/// An extra page in language `t`: its translation, else the source with the source's
/// language for the `lang` attribute.
fn extra_page<'a>(
    page: &'a crate::content::ExtraPage,
    t: &Strings,
    source: &str,
) -> (&'a crate::content::ExtraPage, Option<String>) {
    if t.lang == source {
        return (page, None);
    }
    match page.translations.get(&t.lang) {
        Some(p) => (p, None),
        None => (page, Some(source.to_string())),
    }
}

/// A text for every node of a language, by slot (see [`crate::enrich::Slots`]), in one
/// buffer: a large site has a million nodes, and a string each would be as many allocations.
#[derive(Default)]
struct BySlot {
    text: String,
    /// Slot `i`'s text is `text[bounds[i]..bounds[i + 1]]`.
    bounds: Vec<usize>,
}

impl BySlot {
    fn get(&self, slot: usize) -> &str {
        match (self.bounds.get(slot), self.bounds.get(slot + 1)) {
            (Some(&start), Some(&end)) => self.text.get(start..end).unwrap_or_default(),
            _ => "",
        }
    }

    /// Joins the documents' texts, each a `BySlot` whose bounds hold where each text ends
    /// (the first starts at 0).
    fn join(per_doc: Vec<BySlot>) -> BySlot {
        let mut all = BySlot {
            text: String::with_capacity(per_doc.iter().map(|c| c.text.len()).sum()),
            bounds: Vec::with_capacity(per_doc.iter().map(|c| c.bounds.len()).sum::<usize>() + 1),
        };
        all.bounds.push(0);
        for c in per_doc {
            let at = all.text.len();
            all.text.push_str(&c.text);
            all.bounds.extend(c.bounds.iter().map(|e| e + at));
        }
        all
    }
}

/// The citation of every node in a language (`第二条 五（二）`), by slot.
fn cites(project: &Project, t: &Strings) -> BySlot {
    fn go(n: &Node, parts: &mut cite::Parts, t: &Strings, out: &mut BySlot) {
        let mark = parts.mark();
        parts.push(n, t);
        parts.cite_into(t, &mut out.text);
        out.bounds.push(out.text.len());
        for c in &n.children {
            go(c, parts, t, out);
        }
        parts.truncate(mark);
    }
    let per_doc: Vec<BySlot> = project
        .documents
        .par_iter()
        .map(|d| {
            let mut out = BySlot {
                text: String::new(),
                bounds: Vec::with_capacity(d.outline.node_count as usize),
            };
            for n in &d.outline.nodes {
                go(n, &mut cite::Parts::default(), t, &mut out);
            }
            out
        })
        .collect();
    BySlot::join(per_doc)
}

/// Each document's title (`what` = `title`) or short title (`short_title`, else the
/// title) in the language.
fn doc_titles(project: &Project, t: &Strings, lang: usize, what: &str) -> Vec<String> {
    project
        .documents
        .iter()
        .map(|d| {
            (lang > 0)
                .then(|| project.translations.meta(&t.lang, d, what).0)
                .flatten()
                .or_else(|| (what == "short_title").then(|| d.meta.short_title.clone())?)
                .unwrap_or_else(|| d.title())
        })
        .collect()
}

pub struct Ctx<'a> {
    config: &'a SiteConfig,
    assets: &'a Assets,
    /// The glossary, the subjects and one link per extra page, in every page's header.
    nav: Vec<Link>,
    project: &'a Project,
    enrichment: &'a Enrichment,
    /// Every node by slot, with its document and page.
    nodes: Vec<crate::enrich::Placed<'a>>,
    slots: crate::enrich::Slots,
    /// Each document's title and short title in this language.
    titles: Vec<String>,
    shorts: Vec<String>,
    /// The language's index in the site's languages; 0 is the source.
    lang: usize,
    t: &'a Strings,
    /// Where the language's pages are: `""` or `en/`.
    prefix: String,
    map: std::sync::Arc<std::collections::BTreeMap<String, String>>,
    ui: std::sync::Arc<String>,
    /// The citation of every node in this language, by slot.
    cites: BySlot,
    /// Every node's link as a list of passages writes it, by slot (see [`Ctx::list_link`]);
    /// empty on a site without lists.
    list_links: BySlot,
    /// What watch mode may keep from its last assembly.
    reuse: Option<kept::Lookup<'a>>,
}

impl Ctx<'_> {
    /// The output file of the page at `path` (a directory path from the language's root).
    pub fn file(&self, path: &str) -> String {
        format!("{}{path}index.html", self.prefix)
    }

    /// The language's code when it is not the source: whose translations to show.
    pub fn tr(&self) -> Option<&str> {
        (self.lang > 0).then_some(self.t.lang.as_str())
    }

    /// The source language's code.
    pub fn source_lang(&self) -> &str {
        &self.project.content.strings[0].lang
    }

    /// The citation of a node in this language.
    pub fn cite(&self, slot: usize) -> &str {
        self.cites.get(slot)
    }

    /// The link to the node at `slot` as a list of passages writes it after the page's root:
    /// the rest of the `href`, the end of the tag, the escaped citation and the closing tag
    /// (`doc/art2/#art2-s5-i2>第二条 五（二）</a>`). A passage is listed on the page of each
    /// term and subject it has: made once for the site, a list item is a copy.
    pub fn list_link(&self, slot: usize) -> &str {
        self.list_links.get(slot)
    }

    /// Every node's [`Ctx::list_link`], made in slot order, one document per task.
    fn list_links(&self) -> BySlot {
        let per_doc: Vec<BySlot> = (0..self.project.documents.len())
            .into_par_iter()
            .map(|doc| {
                let slots = self.slots.range(doc);
                let mut out = BySlot {
                    text: String::new(),
                    bounds: Vec::with_capacity(slots.len()),
                };
                let mut url = String::new();
                for slot in slots {
                    url.clear();
                    self.url_into(slot, &mut url);
                    // Slugs are `a-z0-9-` (checked on load) and ids are structural: a URL
                    // needs no quotes, so the page's root can go straight before it.
                    debug_assert!(blocks::is_bare(&url), "{url}");
                    blocks::escape_into(&mut out.text, &url);
                    out.text.push('>');
                    blocks::escape_into(&mut out.text, self.cite(slot));
                    out.text.push_str("</a>");
                    out.bounds.push(out.text.len());
                }
                out
            })
            .collect();
        BySlot::join(per_doc)
    }

    /// The root-relative URL of the node at `slot`: `doc/art2/#art2-s5-i2` (as
    /// [`crate::enrich::unit_url`] makes it).
    pub fn url(&self, slot: usize) -> String {
        let mut url = String::new();
        self.url_into(slot, &mut url);
        url
    }

    /// Writes [`Ctx::url`] of `slot` to `url`.
    pub fn url_into(&self, slot: usize, url: &mut String) {
        if let Some(p) = self.nodes.get(slot) {
            crate::enrich::url_into(url, self.project.documents[p.doc].slug(), p.top, &p.node.id);
        }
    }

    /// The citation of `node` of document `doc` in this language.
    pub fn cite_of(&self, doc: usize, node: &Node) -> &str {
        self.slots.of(doc, node).map_or("", |s| self.cite(s))
    }

    /// A site-wide text in this language: the language's own string when it has one, else
    /// the source's from `content/site.yaml`.
    fn site_string(&self, key: &str, source: &str) -> String {
        match self.t.map.get(key) {
            Some(s) if self.lang > 0 => s.clone(),
            _ => source.to_string(),
        }
    }

    /// The layout of the page at `path` (a directory path from the language's root, `""`
    /// for its home).
    /// The way from the page at `path` (a directory path from the language's root) back to
    /// the language's root: `./`, `../../`.
    pub fn root_of(&self, path: &str) -> String {
        up(path.matches('/').count())
    }

    pub fn layout(
        &self,
        path: &str,
        title: &str,
        description: &str,
        breadcrumbs: Vec<Link>,
    ) -> Layout {
        let depth = path.matches('/').count();
        let root = up(depth);
        let site_root = up(depth + self.prefix.matches('/').count());
        let base = self.config.absolute_base();
        let canonical = base
            .as_ref()
            .map(|base| format!("{base}{}{path}", self.prefix));
        let site_title = self.site_string("site_title", &self.config.title);
        let site_description = self.site_string("site_description", &self.config.description);
        let description = if description.is_empty() {
            site_description.as_str()
        } else {
            description
        };
        let page_title = if path.is_empty() {
            title.to_string()
        } else {
            format!("{title} · {site_title}")
        };
        let languages = &self.project.content.site.languages;
        let alternates: Vec<Alternate> = languages
            .iter()
            .enumerate()
            .map(|(i, code)| {
                let prefix = if i == 0 {
                    String::new()
                } else {
                    format!("{code}/")
                };
                let url = format!("{site_root}{prefix}{path}");
                Alternate {
                    lang: code.clone(),
                    name: self.project.content.strings[i].get("lang_name").to_string(),
                    href: base
                        .as_ref()
                        .map_or_else(|| url.clone(), |b| format!("{b}{prefix}{path}")),
                    url,
                    current: i == self.lang,
                }
            })
            .collect();
        let multilingual = alternates.len() > 1;
        Layout {
            site_title,
            lang: self.t.lang.clone(),
            t: self.map.clone(),
            ui: self.ui.clone(),
            x_default: alternates.first().map(|a| a.href.clone()),
            alternates: if multilingual { alternates } else { Vec::new() },
            hreflang: multilingual,
            page_title,
            description: description.to_string(),
            root,
            site_root,
            canonical,
            og_type: if path.is_empty() {
                "website"
            } else {
                "article"
            },
            json_ld: None,
            css: self.assets.css.clone(),
            js: self.assets.js.clone(),
            icon: self.assets.icon.clone(),
            search_js: self.assets.search_js.clone(),
            search: self.assets.search[self.lang].clone(),
            breadcrumbs,
            footer: self.site_string("site_footer", &self.config.footer),
            nav: self.nav.clone(),
        }
    }
}

fn summary(ctx: &Ctx, doc: &Document) -> DocSummary {
    let slug = doc.slug();
    let mut clauses = 0;
    for (n, _) in doc.outline.all_nodes() {
        if matches!(n.kind, Kind::Enum(_)) {
            clauses += 1;
        }
    }
    // A truncated passage set apart does not make the document truncated.
    let mut truncated = false;
    for top in &doc.outline.nodes {
        top.walk_until(Kind::Interpolation, &mut |n| {
            truncated |= n.marks.contains(&Mark::Truncated);
        });
    }
    let meta = |name: &str| {
        ctx.tr()
            .and_then(|code| ctx.project.translations.meta(code, doc, name).0)
    };
    let title = meta("title");
    let lang = (ctx.tr().is_some() && title.is_none()).then(|| ctx.source_lang().to_string());
    let title = title.unwrap_or_else(|| doc.title());
    let short_title = meta("short_title").unwrap_or_else(|| {
        if ctx.tr().is_some() && lang.is_none() {
            title.clone()
        } else {
            doc.meta
                .short_title
                .clone()
                .unwrap_or_else(|| title.clone())
        }
    });
    DocSummary {
        short_title,
        title,
        url: format!("{slug}/"),
        date: doc.meta.date.clone(),
        kind: meta("kind").or_else(|| doc.meta.kind.clone()),
        source: meta("source").or_else(|| doc.meta.source.clone()),
        source_url: doc.meta.source_url.clone(),
        summary: meta("summary").or_else(|| doc.meta.summary.clone()),
        dateline: doc.outline.dateline.clone(),
        divisions: pages_of(doc).count(),
        clauses,
        truncated,
        source_file: doc.source.display_path.clone(),
        lang,
    }
}

/// The top-level nodes that get a page of their own: everything but the preamble.
fn pages_of(doc: &Document) -> impl Iterator<Item = &Node> {
    doc.outline
        .nodes
        .iter()
        .filter(|n| n.kind != Kind::Preamble)
}

/// What a node shows in the page's language: its title and text (translated, or the
/// source's), the language when it falls back, and the flag.
struct Shown {
    title: Option<String>,
    text: Option<String>,
    lang: Option<String>,
    flag: Option<&'static str>,
    /// The translation replaced the source text (so the source's links do not apply).
    translated: bool,
}

fn shown(ctx: &Ctx, doc: usize, n: &Node) -> Shown {
    let source = Shown {
        title: n.title.clone(),
        text: n.text.clone(),
        lang: None,
        flag: None,
        translated: false,
    };
    let Some(code) = ctx.tr() else {
        return source;
    };
    if n.title.is_none() && n.text.is_none() {
        return source;
    }
    let d = &ctx.project.documents[doc];
    let s = ctx.project.translations.node(code, d, n);
    match s.state {
        State::Missing => Shown {
            lang: Some(ctx.source_lang().to_string()),
            flag: Some("not_translated"),
            ..source
        },
        state => Shown {
            title: s.title.or(source.title),
            text: s.text.or(source.text),
            lang: None,
            flag: (state == State::Stale).then_some("stale"),
            translated: true,
        },
    }
}

/// The heading text of a node for tables of contents: its title, or the start of its text.
fn toc_title(s: &Shown) -> String {
    if let Some(t) = &s.title {
        return t.clone();
    }
    let text = s.text.as_deref().unwrap_or("");
    match text.char_indices().nth(28) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// The table of contents of `nodes` (not their paragraphs), with the nodes under each if
/// `deep`.
fn toc(ctx: &Ctx, doc: usize, nodes: &[Node], page_url: &str, deep: bool) -> Vec<TocEntry> {
    nodes
        .iter()
        .filter(|n| n.kind != Kind::Paragraph)
        .map(|n| toc_entry(ctx, doc, n, format!("{page_url}#{}", n.id), page_url, deep))
        .collect()
}

fn toc_entry(ctx: &Ctx, doc: usize, n: &Node, url: String, page_url: &str, deep: bool) -> TocEntry {
    let s = shown(ctx, doc, n);
    let label = shown_label(ctx, n);
    TocEntry {
        url,
        spaced: spaced(ctx, n, &label),
        label,
        title: toc_title(&s),
        class: class_of(n),
        lang: s.lang,
        children: if deep {
            toc(ctx, doc, &n.children, page_url, true)
        } else {
            Vec::new()
        },
    }
}

/// The label as shown: the division's canonical label (`第三条`, `Article 3`), the marker as
/// the source writes it or in the language's own form.
fn shown_label(ctx: &Ctx, n: &Node) -> String {
    match n.kind {
        Kind::Division(k) => cite::division_label(k, n.number, ctx.t),
        Kind::Enum(k) => cite::enum_label(k, n.number, &n.label, ctx.t),
        Kind::Interpolation => ctx.t.get("label_passage").into(),
        _ => n.label.clone(),
    }
}

/// Whether a space follows the label: always after a division's (`第二条 互利共赢`); after
/// an enumeration's only in a language other than the source, whose labels end in Latin
/// punctuation (`1. Trade`), not in the source (`二、经贸`, `(一)在…`).
fn spaced(ctx: &Ctx, n: &Node, label: &str) -> bool {
    matches!(n.kind, Kind::Division(_))
        || (ctx.lang > 0 && !label.is_empty() && label.ends_with(|c: char| c.is_ascii()))
}

fn class_of(n: &Node) -> &'static str {
    use crate::outline::EnumKind;
    match n.kind {
        Kind::Preamble => "preamble",
        Kind::Division(_) => "division",
        Kind::Enum(EnumKind::Dun) => "section",
        Kind::Enum(EnumKind::Paren) => "item",
        Kind::Enum(_) => "point",
        Kind::Paragraph => "para",
        Kind::Interpolation => "passage",
    }
}

/// Turns a node and its subtree into views. `root` is the page's way to its language's
/// root; `level` is the node's heading level.
fn node_view(ctx: &Ctx, doc: usize, root: &str, n: &Node, level: usize) -> NodeView {
    let cite = ctx.cite_of(doc, n).to_string();
    let heading = n.title.is_some() || matches!(n.kind, Kind::Division(_) | Kind::Interpolation);
    let child_level = if heading { level + 1 } else { level };
    let children = n
        .children
        .iter()
        .map(|c| node_view(ctx, doc, root, c, child_level))
        .collect();
    let inferred = n.marks.iter().find_map(|m| match m {
        Mark::Inferred { note, .. } => Some(note.clone()),
        _ => None,
    });
    let custom_note = n.marks.iter().find_map(|m| match m {
        Mark::Interpolated { note } if !note.is_empty() => Some(note.clone()),
        _ => None,
    });
    let interpolated = n
        .marks
        .iter()
        .any(|m| matches!(m, Mark::Interpolated { .. }));
    let note_lang = (ctx.lang > 0 && (inferred.is_some() || custom_note.is_some()))
        .then(|| ctx.source_lang().to_string());
    let passage_note =
        interpolated.then(|| custom_note.unwrap_or_else(|| ctx.t.get("passage_note").to_string()));
    let s = shown(ctx, doc, n);
    let links = ctx.enrichment.links_of(doc, n);
    let html = (!s.translated && !links.is_empty()).then(|| {
        linked_html(
            n.text.as_deref().unwrap_or(""),
            links,
            root,
            &ctx.project.glossary,
        )
    });
    let label = shown_label(ctx, n);
    NodeView {
        id: n.id.clone(),
        class: class_of(n),
        spaced: spaced(ctx, n, &label),
        label,
        title: s.title,
        text: s.text,
        level: level.min(6),
        heading,
        cite,
        inferred,
        passage_note,
        truncated: n.marks.contains(&Mark::Truncated),
        html,
        related: related_links(ctx, doc, n),
        lang: s.lang,
        flag: s.flag,
        note_lang,
        children,
    }
}

/// 相关条文 of a passage: document short title and citation, linking to the passage.
fn related_links(ctx: &Ctx, doc: usize, n: &Node) -> Vec<Link> {
    ctx.enrichment
        .related_of(doc, n)
        .iter()
        .filter_map(|r| {
            let placed = ctx.nodes.get(r.slot)?;
            Some(Link {
                title: format!("{} {}", ctx.shorts[placed.doc], ctx.cite(r.slot)),
                url: ctx.url(r.slot),
            })
        })
        .collect()
}

fn document_pages(ctx: &Ctx, index: usize, doc: &Document, sum: &DocSummary, out: &mut Vec<Page>) {
    let slug = doc.slug();
    let doc_path = format!("{slug}/");
    let tops: Vec<&Node> = pages_of(doc).collect();
    let doc_crumbs = crumbs(ctx, None);
    let full_toc: Vec<TocEntry> = tops
        .iter()
        .map(|top| {
            let page_url = format!("{}/", top.id);
            toc_entry(ctx, index, top, page_url.clone(), &page_url, true)
        })
        .collect();
    let preamble = doc
        .outline
        .nodes
        .iter()
        .find(|n| n.kind == Kind::Preamble)
        .map(|n| node_view(ctx, index, "../", n, 2));
    let description = sum.summary.clone().unwrap_or_default();
    let mut layout = ctx.layout(&doc_path, &sum.title, &description, doc_crumbs.clone());
    layout.json_ld = Some(json_ld(sum, layout.canonical.as_deref(), &ctx.t.lang));
    out.push(Page {
        file: ctx.file(&doc_path),
        view: PageView::Document(DocumentView {
            layout,
            doc: sum.clone(),
            preamble: preamble
                .as_ref()
                .map(|p| blocks::outline(p, "../", ctx.t))
                .unwrap_or_default(),
            toc: blocks::toc(&full_toc),
        }),
    });
    let link = |n: &Node| Link {
        title: format!(
            "{} {}",
            shown_label(ctx, n),
            toc_title(&shown(ctx, index, n))
        )
        .trim()
        .to_string(),
        url: format!("../{}/", n.id),
    };
    for (i, top) in tops.iter().enumerate() {
        let path = format!("{doc_path}{}/", top.id);
        let mut crumbs = doc_crumbs.clone();
        crumbs.push(Link {
            title: sum.short_title.clone(),
            url: doc_path.clone(),
        });
        let title = link(top).title;
        let view = node_view(ctx, index, "../../", top, 1);
        let languages = &ctx.project.content.site.languages;
        let parallel = if ctx.lang == 0 {
            languages[1..]
                .iter()
                .map(|code| Link {
                    title: ctx.t.get("parallel").into(),
                    url: format!("../../{code}/{path}parallel/"),
                })
                .collect()
        } else {
            vec![Link {
                title: ctx.t.get("parallel").into(),
                url: "parallel/".into(),
            }]
        };
        out.push(Page {
            file: ctx.file(&path),
            view: PageView::Division(DivisionView {
                layout: ctx.layout(
                    &path,
                    &format!("{title} · {}", sum.short_title),
                    &description,
                    crumbs.clone(),
                ),
                doc: sum.clone(),
                blocks: blocks::outline(&view, "../../", ctx.t),
                toc: blocks::toc(&toc(ctx, index, &top.children, "", false)),
                prev: i.checked_sub(1).map(|j| link(tops[j])),
                next: tops.get(i + 1).map(|n| link(n)),
                position: i + 1,
                total: tops.len(),
                parallel,
            }),
        });
        if ctx.lang > 0 {
            out.push(parallel_page(ctx, index, top, sum, &path, &title, crumbs));
        }
    }
}

/// The side-by-side view of a division: every node in the source language and in this one,
/// row by row in document order.
fn parallel_page(
    ctx: &Ctx,
    doc: usize,
    top: &Node,
    sum: &DocSummary,
    path: &str,
    title: &str,
    mut crumbs: Vec<Link>,
) -> Page {
    let source_t = &ctx.project.content.strings[0];
    let mut rows = Vec::new();
    top.walk(&mut |n, depth| {
        let s = shown(ctx, doc, n);
        let label = shown_label(ctx, n);
        let source_label = match n.kind {
            Kind::Division(k) => cite::division_label(k, n.number, source_t),
            Kind::Interpolation => source_t.get("label_passage").into(),
            _ => n.label.clone(),
        };
        rows.push(Row {
            id: n.id.clone(),
            depth,
            heading: n.title.is_some() || matches!(n.kind, Kind::Division(_)),
            left: Cell {
                lang: ctx.source_lang().to_string(),
                label: source_label,
                title: n.title.clone(),
                text: n.text.clone(),
                flag: None,
            },
            right: Cell {
                lang: s.lang.unwrap_or_else(|| ctx.t.lang.clone()),
                label,
                title: s.title,
                text: s.text,
                flag: s.flag,
            },
        });
    });
    crumbs.push(Link {
        title: title.to_string(),
        url: path.to_string(),
    });
    let page_path = format!("{path}parallel/");
    let heading = ctx.t.fill("parallel_title", &[("title", title)]);
    let mut layout = ctx.layout(
        &page_path,
        &format!("{heading} · {}", sum.short_title),
        "",
        crumbs,
    );
    // The view exists in this language only; the switcher leads to the division's pages.
    for a in &mut layout.alternates {
        a.url = a.url.trim_end_matches("parallel/").to_string();
        a.href = a.href.trim_end_matches("parallel/").to_string();
    }
    layout.hreflang = false;
    Page {
        file: ctx.file(&page_path),
        view: PageView::Parallel(ParallelView {
            layout,
            doc: sum.clone(),
            title: heading,
            back: "../".into(),
            rows,
        }),
    }
}

/// schema.org metadata of a document, as JSON-LD safe to put inside `<script>`
/// ([`crate::sanitize::script_json`]).
fn json_ld(sum: &DocSummary, url: Option<&str>, lang: &str) -> String {
    let mut v = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": sum.title,
        "alternateName": sum.short_title,
        "inLanguage": lang,
    });
    let fields = [
        ("genre", sum.kind.as_deref()),
        ("datePublished", sum.date.as_deref()),
        ("description", sum.summary.as_deref()),
        ("url", url),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            v[key] = value.into();
        }
    }
    if let Some(source) = &sum.source {
        v["publisher"] = serde_json::json!({ "@type": "Organization", "name": source });
    }
    crate::sanitize::script_json(&v.to_string())
}

/// `depth` steps up: `./` for none, else `../` repeated.
fn up(depth: usize) -> String {
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// Breadcrumbs: the home page, then `section` (title, URL from the root) if given.
pub fn crumbs(ctx: &Ctx, section: Option<(&str, &str)>) -> Vec<Link> {
    let mut c = vec![Link {
        title: ctx.t.get("home").into(),
        url: String::new(),
    }];
    if let Some((title, url)) = section {
        c.push(Link {
            title: title.into(),
            url: url.into(),
        });
    }
    c
}
