//! Site assembly: which pages the site has, where each goes, and the view each template gets.
//!
//! Pages: the home page, one page per document (its outline as a table of contents), one
//! page per top-level division, one per `content/pages/*.md`, and the 404 page. URLs are
//! directories (`doc/art2/`) written as `doc/art2/index.html`; links between pages are
//! relative, so the site works at `/` and under any sub-path, except the 404 page, which a
//! server shows at any depth and so links from the configured base path.

pub mod blocks;
pub mod cite;
pub mod reference;
pub mod view;

use rayon::prelude::*;

use crate::content::SiteConfig;
use crate::enrich::Enrichment;
use crate::outline::{Kind, Mark, Node};
use crate::project::{Document, Project};
use blocks::{flatten_nodes, flatten_toc, linked_html};
use view::*;

/// Which template renders a page, with its view.
#[derive(Debug, Clone)]
pub enum PageView {
    Home(HomeView),
    Document(DocumentView),
    Division(DivisionView),
    Text(TextPageView),
    NotFound(TextPageView),
    Search(TextPageView),
    GlossaryIndex(GlossaryIndexView),
    GlossaryEntry(GlossaryEntryView),
    Subjects(SubjectsView),
    Subject(SubjectView),
}

impl PageView {
    pub fn template(&self) -> &'static str {
        match self {
            PageView::Home(_) => "home.html",
            PageView::Document(_) => "document.html",
            PageView::Division(_) => "division.html",
            PageView::Text(_) => "page.html",
            PageView::NotFound(_) => "404.html",
            PageView::Search(_) => "search.html",
            PageView::GlossaryIndex(_) => "glossary.html",
            PageView::GlossaryEntry(_) => "term.html",
            PageView::Subjects(_) => "subjects.html",
            PageView::Subject(_) => "subject.html",
        }
    }
}

/// A page to write: its file path from the output root and its view.
#[derive(Debug, Clone)]
pub struct Page {
    /// `doc/art2/index.html`, `404.html`.
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
    /// The search manifest, from the site root.
    pub search: String,
}

/// Builds every page of the site.
pub fn pages(project: &Project, enrichment: &Enrichment, assets: &Assets) -> Vec<Page> {
    let config = &project.content.site;
    let mut nav = Vec::new();
    if !project.glossary.entries.is_empty() {
        nav.push(Link {
            title: "术语".into(),
            url: "glossary/".into(),
        });
    }
    if !enrichment.subjects.is_empty() {
        nav.push(Link {
            title: "主题".into(),
            url: "subjects/".into(),
        });
    }
    nav.extend(project.content.pages.iter().map(|p| Link {
        title: p.nav_title.clone(),
        url: format!("{}/", p.slug),
    }));
    let ctx = Ctx {
        config,
        assets,
        nav,
        project,
        enrichment,
        places: &enrichment.places,
    };
    let mut out = Vec::new();
    let summaries: Vec<DocSummary> = project.documents.par_iter().map(summary).collect();
    out.push(Page {
        file: "index.html".into(),
        view: PageView::Home(HomeView {
            layout: ctx.layout("", &config.title, &config.description, vec![]),
            documents: summaries.clone(),
            intro: config.description.clone(),
        }),
    });
    let per_doc: Vec<Vec<Page>> = project
        .documents
        .par_iter()
        .zip(&summaries)
        .enumerate()
        .map(|(i, (doc, sum))| {
            let mut pages = Vec::new();
            document_pages(&ctx, i, doc, sum, &mut pages);
            pages
        })
        .collect();
    out.extend(per_doc.into_iter().flatten());
    reference::glossary_pages(&ctx, project, enrichment, &mut out);
    reference::subject_pages(&ctx, project, enrichment, &mut out);
    for page in &project.content.pages {
        let mut html = String::new();
        let parser =
            pulldown_cmark::Parser::new_ext(&page.markdown, pulldown_cmark::Options::ENABLE_TABLES);
        pulldown_cmark::html::push_html(&mut html, parser);
        let path = format!("{}/", page.slug);
        out.push(Page {
            file: format!("{path}index.html"),
            view: PageView::Text(TextPageView {
                layout: ctx.layout(&path, &page.title, "", vec![]),
                title: page.title.clone(),
                html,
            }),
        });
    }
    out.push(Page {
        file: "search/index.html".into(),
        view: PageView::Search(TextPageView {
            layout: ctx.layout("search/", "搜索", "", vec![]),
            title: "搜索".into(),
            html: String::new(),
        }),
    });
    let mut nf = ctx.layout("", "页面不存在", "", vec![]);
    nf.root = config.base_path();
    nf.canonical = None;
    out.push(Page {
        file: "404.html".into(),
        view: PageView::NotFound(TextPageView {
            layout: nf,
            title: "页面不存在".into(),
            html: String::new(),
        }),
    });
    out
}

pub struct Ctx<'a> {
    config: &'a SiteConfig,
    assets: &'a Assets,
    /// The glossary, the subjects and one link per extra page, in every page's header.
    nav: Vec<Link>,
    project: &'a Project,
    enrichment: &'a Enrichment,
    places: &'a crate::enrich::Places,
}

impl Ctx<'_> {
    /// The layout of the page at `path` (a directory path from the root, `""` for home).
    pub fn layout(
        &self,
        path: &str,
        title: &str,
        description: &str,
        breadcrumbs: Vec<Link>,
    ) -> Layout {
        let depth = path.matches('/').count();
        let root = if depth == 0 {
            "./".to_string()
        } else {
            "../".repeat(depth)
        };
        let canonical = self
            .config
            .absolute_base()
            .map(|base| format!("{base}{path}"));
        let description = if description.is_empty() {
            self.config.description.as_str()
        } else {
            description
        };
        let page_title = if path.is_empty() {
            title.to_string()
        } else {
            format!("{title} · {}", self.config.title)
        };
        Layout {
            site_title: self.config.title.clone(),
            lang: "zh-Hans".into(),
            page_title,
            description: description.to_string(),
            root,
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
            search: self.assets.search.clone(),
            breadcrumbs,
            footer: self.config.footer.clone(),
            nav: self.nav.clone(),
        }
    }
}

fn summary(doc: &Document) -> DocSummary {
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
    DocSummary {
        title: doc.title(),
        short_title: doc.meta.short_title.clone().unwrap_or_else(|| doc.title()),
        url: format!("{slug}/"),
        date: doc.meta.date.clone(),
        kind: doc.meta.kind.clone(),
        source: doc.meta.source.clone(),
        source_url: doc.meta.source_url.clone(),
        summary: doc.meta.summary.clone(),
        dateline: doc.outline.dateline.clone(),
        divisions: pages_of(doc).count(),
        clauses,
        truncated,
        source_file: doc.source.display_path.clone(),
    }
}

/// The top-level nodes that get a page of their own: everything but the preamble.
fn pages_of(doc: &Document) -> impl Iterator<Item = &Node> {
    doc.outline
        .nodes
        .iter()
        .filter(|n| n.kind != Kind::Preamble)
}

/// The heading text of a node for tables of contents: its title, or the start of its text.
fn toc_title(n: &Node) -> String {
    if let Some(t) = &n.title {
        return t.clone();
    }
    let text = n.text.as_deref().unwrap_or("");
    let mut s: String = text.chars().take(28).collect();
    if text.chars().count() > 28 {
        s.push('…');
    }
    s
}

fn toc(nodes: &[Node], page_url: &str) -> Vec<TocEntry> {
    nodes
        .iter()
        .filter(|n| n.kind != Kind::Paragraph)
        .map(|n| TocEntry {
            url: format!("{page_url}#{}", n.id),
            label: shown_label(n),
            title: toc_title(n),
            class: class_of(n),
            children: toc(&n.children, page_url),
        })
        .collect()
}

/// The label as shown: the division's canonical label (`第三条`), the marker as written.
fn shown_label(n: &Node) -> String {
    match n.kind {
        Kind::Division(k) => cite::division_label(k, n.number),
        Kind::Interpolation => "插入段落".into(),
        _ => n.label.clone(),
    }
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

/// Turns a node and its subtree into views. `root` is the page's way to the site root;
/// `path` holds the node's ancestors (for citations); `level` is its heading level.
fn node_view<'a>(
    ctx: &Ctx,
    doc: usize,
    root: &str,
    n: &'a Node,
    path: &mut Vec<&'a Node>,
    level: usize,
) -> NodeView {
    path.push(n);
    let cite = cite::cite_path(path);
    let heading = n.title.is_some() || matches!(n.kind, Kind::Division(_) | Kind::Interpolation);
    let child_level = if heading { level + 1 } else { level };
    let children = n
        .children
        .iter()
        .map(|c| node_view(ctx, doc, root, c, path, child_level))
        .collect();
    path.pop();
    let inferred = n.marks.iter().find_map(|m| match m {
        Mark::Inferred { note, .. } => Some(note.clone()),
        _ => None,
    });
    let passage_note = n.marks.iter().find_map(|m| match m {
        Mark::Interpolated { note } => Some(if note.is_empty() {
            "编者注：以下段落的编号与上下文不相接，判断为误入本文件的其他文字，不属于本文件。"
                .to_string()
        } else {
            note.clone()
        }),
        _ => None,
    });
    NodeView {
        id: n.id.clone(),
        class: class_of(n),
        label: shown_label(n),
        title: n.title.clone(),
        text: n.text.clone(),
        level: level.min(6),
        heading,
        cite,
        inferred,
        passage_note,
        truncated: n.marks.contains(&Mark::Truncated),
        html: ctx
            .enrichment
            .segments
            .get(&(doc, n.id.clone()))
            .map(|segments| linked_html(segments, root)),
        related: related_links(ctx, doc, &n.id),
        children,
    }
}

/// 相关条文 of a passage: document short title and citation, linking to the passage.
fn related_links(ctx: &Ctx, doc: usize, id: &str) -> Vec<Link> {
    let Some(related) = ctx.enrichment.related.get(&(doc, id.to_string())) else {
        return Vec::new();
    };
    related
        .iter()
        .filter_map(|r| {
            let place = ctx.places.get(&(r.doc, r.node_id.clone()))?;
            let d = &ctx.project.documents[r.doc];
            let short = d.meta.short_title.clone().unwrap_or_else(|| d.title());
            Some(Link {
                title: format!("{short} {}", place.cite),
                url: place.url.clone(),
            })
        })
        .collect()
}

fn document_pages(ctx: &Ctx, index: usize, doc: &Document, sum: &DocSummary, out: &mut Vec<Page>) {
    let slug = doc.slug();
    let doc_path = format!("{slug}/");
    let tops: Vec<&Node> = pages_of(doc).collect();
    let doc_crumbs = crumbs(None);
    let mut full_toc = Vec::new();
    for top in &tops {
        let page_url = format!("{}/", top.id);
        full_toc.push(TocEntry {
            url: page_url.clone(),
            label: shown_label(top),
            title: toc_title(top),
            class: class_of(top),
            children: toc(&top.children, &page_url),
        });
    }
    let preamble = doc
        .outline
        .nodes
        .iter()
        .find(|n| n.kind == Kind::Preamble)
        .map(|n| node_view(ctx, index, "../", n, &mut Vec::new(), 2));
    let description = doc.meta.summary.clone().unwrap_or_default();
    let mut layout = ctx.layout(&doc_path, &sum.title, &description, doc_crumbs.clone());
    layout.json_ld = Some(json_ld(sum, layout.canonical.as_deref()));
    out.push(Page {
        file: format!("{doc_path}index.html"),
        view: PageView::Document(DocumentView {
            layout,
            doc: sum.clone(),
            preamble: preamble.as_ref().map(flatten_nodes).unwrap_or_default(),
            toc: flatten_toc(&full_toc),
        }),
    });
    for (i, top) in tops.iter().enumerate() {
        let path = format!("{doc_path}{}/", top.id);
        let link = |n: &Node| Link {
            title: format!("{} {}", shown_label(n), toc_title(n))
                .trim()
                .to_string(),
            url: format!("../{}/", n.id),
        };
        let mut crumbs = doc_crumbs.clone();
        crumbs.push(Link {
            title: sum.short_title.clone(),
            url: doc_path.clone(),
        });
        let label = shown_label(top);
        let title = format!("{label} {}", toc_title(top)).trim().to_string();
        out.push(Page {
            file: format!("{path}index.html"),
            view: PageView::Division(DivisionView {
                layout: ctx.layout(
                    &path,
                    &format!("{title} · {}", sum.short_title),
                    &description,
                    crumbs,
                ),
                doc: sum.clone(),
                blocks: flatten_nodes(&node_view(ctx, index, "../../", top, &mut Vec::new(), 1)),
                toc: flatten_toc(
                    &toc(&top.children, "")
                        .into_iter()
                        .map(|e| TocEntry {
                            children: Vec::new(),
                            ..e
                        })
                        .collect::<Vec<_>>(),
                ),
                prev: i.checked_sub(1).map(|j| link(tops[j])),
                next: tops.get(i + 1).map(|n| link(n)),
                position: i + 1,
                total: tops.len(),
            }),
        });
    }
}

/// schema.org metadata of a document, as JSON-LD safe to put inside `<script>`.
fn json_ld(sum: &DocSummary, url: Option<&str>) -> String {
    let mut v = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": sum.title,
        "alternateName": sum.short_title,
        "inLanguage": "zh-Hans",
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
    v.to_string().replace("</", "<\\/")
}

/// Breadcrumbs: the home page, then `section` (title, URL from the root) if given.
pub fn crumbs(section: Option<(&str, &str)>) -> Vec<Link> {
    let mut c = vec![Link {
        title: "首页".into(),
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
