//! A document's pages: the document page (metadata, preamble, the whole outline as a
//! table of contents), one page per page unit, and the whole text on one page for printing.

use super::parallel::parallel_page;
use super::*;

pub(super) fn summary(ctx: &Ctx, doc: &Document) -> DocSummary {
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
    let title = title.unwrap_or_else(|| display(&doc.title()).into_owned());
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
        date: doc.date(),
        kind: meta("kind").or_else(|| doc.kind()),
        source: meta("source").or_else(|| doc.meta.source.clone()),
        source_url: doc.meta.source_url.clone(),
        updated: doc.meta.updated.clone(),
        // A text read whole on its document page prints from it (the print stylesheet
        // leaves out what a print page leaves out).
        print: ctx.config.print_pages && !doc.outline.on_one_page(),
        summary: meta("summary").or_else(|| doc.meta.summary.clone()),
        dateline: doc.outline.dateline.clone(),
        history: (doc.outline.history.iter())
            .map(|e| {
                let (date, words) = crate::outline::notes::shown(e);
                (e.date.clone(), date, words)
            })
            .collect(),
        number: doc.outline.number.clone(),
        issuer: doc.issuer(),
        divisions: pages_of(doc).len(),
        clauses,
        truncated,
        download: download_path(doc),
        translated: ctx.tr().is_some(),
        lang,
    }
}

/// Where a document's source text is offered as plain text, from the site root.
pub fn download_path(doc: &Document) -> String {
    let slug = doc.slug();
    format!("{slug}/{slug}.txt")
}

/// The source text of a document as offered for download: its lines as read (UTF-8,
/// whatever the seed's encoding), one per line.
pub fn download_text(doc: &Document) -> Vec<u8> {
    let mut text = doc.source.lines.join("\n").trim_end().to_string();
    text.push('\n');
    text.into_bytes()
}

/// The nodes with a page of their own, in document order: every top-level node but the
/// preamble, and the divisions of a long one (see [`crate::outline::mark_pages`]).
pub(super) fn pages_of(doc: &Document) -> Vec<&Node> {
    doc.outline.pages()
}

/// What a node shows in the page's language: its title and text (translated, or the
/// source's), the language when it falls back, and the flag.
pub(super) struct Shown {
    pub(super) title: Option<String>,
    pub(super) text: Option<String>,
    /// The translated editor's note, if the node has one and it is translated.
    pub(super) note: Option<String>,
    pub(super) lang: Option<String>,
    pub(super) flag: Option<&'static str>,
    /// The translation replaced the source text (so the source's links do not apply).
    pub(super) translated: bool,
}

pub(super) fn shown(ctx: &Ctx, doc: usize, n: &Node) -> Shown {
    shown_in(ctx, ctx.tr(), doc, n)
}

/// Text as pages show it: half-width punctuation inside Chinese text full-width.
pub(super) fn display(s: &str) -> std::borrow::Cow<'_, str> {
    crate::text::punct::display(s)
}

pub(super) fn display_opt(s: &Option<String>) -> Option<String> {
    s.as_deref().map(|s| display(s).into_owned())
}

/// [`shown`] in language `code` (`None`: the source), whatever the page's language.
pub(super) fn shown_in(ctx: &Ctx, code: Option<&str>, doc: usize, n: &Node) -> Shown {
    let source = Shown {
        title: display_opt(&n.title),
        text: display_opt(&n.text),
        note: None,
        lang: None,
        flag: None,
        translated: false,
    };
    let Some(code) = code else {
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
            note: s.note,
            lang: None,
            flag: (state == State::Stale).then_some("stale"),
            translated: true,
        },
    }
}

/// The heading text of a node for tables of contents: its title, or the start of its text.
pub(super) fn toc_title(s: &Shown) -> String {
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
/// The entries of `nodes`, on the page at `page_url`; a node with a page of its own links
/// to it (`{doc_base}{id}/`, `doc_base` leading to the document's folder).
pub(super) fn toc(
    ctx: &Ctx,
    doc: usize,
    nodes: &[Node],
    (page_url, doc_base): (&str, &str),
    deep: bool,
) -> Vec<TocEntry> {
    nodes
        .iter()
        .filter(|n| n.kind != Kind::Paragraph)
        .map(|n| {
            if n.page {
                let url = format!("{doc_base}{}/", n.id);
                toc_entry(ctx, doc, n, url.clone(), (&url, doc_base), deep)
            } else {
                let url = format!("{page_url}#{}", n.id);
                toc_entry(ctx, doc, n, url, (page_url, doc_base), deep)
            }
        })
        .collect()
}

pub(super) fn toc_entry(
    ctx: &Ctx,
    doc: usize,
    n: &Node,
    url: String,
    at: (&str, &str),
    deep: bool,
) -> TocEntry {
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
            toc(ctx, doc, &n.children, at, true)
        } else {
            Vec::new()
        },
    }
}

/// The label as shown: the division's canonical label (`第三条`, `Article 3`), the marker as
/// the source writes it or in the language's own form.
pub(super) fn shown_label(ctx: &Ctx, n: &Node) -> String {
    label_in(ctx.t, n)
}

/// A node's label in the language of strings `t`.
pub(super) fn label_in(t: &Strings, n: &Node) -> String {
    let label = match n.kind {
        Kind::Division(k) => cite::division_label(k, n.number, t),
        Kind::Enum(k) => cite::enum_label(k, n.number, &n.label, t),
        Kind::Interpolation => t.get("label_passage").into(),
        _ => n.label.clone(),
    };
    display(&label).into_owned()
}

/// Whether a space follows the label: always after a division's (`第二条 互利共赢`); after
/// an enumeration's only in a language other than the source, whose labels end in Latin
/// punctuation (`1. Trade`), not in the source (`二、经贸`, `(一)在…`).
pub(super) fn spaced(ctx: &Ctx, n: &Node, label: &str) -> bool {
    matches!(n.kind, Kind::Division(_))
        || (ctx.lang > 0 && !label.is_empty() && label.ends_with(|c: char| c.is_ascii()))
}

pub(super) fn class_of(n: &Node) -> &'static str {
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
pub(super) fn node_view(ctx: &Ctx, doc: usize, root: &str, n: &Node, level: usize) -> NodeView {
    node_view_in(ctx, doc, root, n, level, false)
}

/// [`node_view`], with the nodes below that have pages of their own when `whole`, without
/// them (their page's table of contents links to them) when not.
fn node_view_in(
    ctx: &Ctx,
    doc: usize,
    root: &str,
    n: &Node,
    level: usize,
    whole: bool,
) -> NodeView {
    let cite = ctx.cite_of(doc, n).to_string();
    let heading = n.title.is_some() || matches!(n.kind, Kind::Division(_) | Kind::Interpolation);
    let child_level = if heading { level + 1 } else { level };
    let children = n
        .children
        .iter()
        .filter(|c| whole || !c.page)
        .map(|c| node_view_in(ctx, doc, root, c, child_level, whole))
        .collect();
    let s = shown(ctx, doc, n);
    // An editor's note, translated where its translation exists.
    let inferred = n.marks.iter().find_map(|m| match m {
        Mark::Inferred { note, .. } if !note.is_empty() => {
            Some(s.note.clone().unwrap_or_else(|| note.clone()))
        }
        Mark::Inferred {
            original,
            corrected,
            ..
        } => {
            let key = if *corrected {
                "note_corrected"
            } else {
                "note_inferred"
            };
            Some(ctx.t.fill(key, &[("original", original)]))
        }
        _ => None,
    });
    let custom_note = n.marks.iter().find_map(|m| match m {
        Mark::Interpolated { note } if !note.is_empty() => {
            Some(s.note.clone().unwrap_or_else(|| note.clone()))
        }
        _ => None,
    });
    let interpolated = n
        .marks
        .iter()
        .any(|m| matches!(m, Mark::Interpolated { .. }));
    let written = n.marks.iter().any(|m| match m {
        Mark::Inferred { note, .. } | Mark::Interpolated { note } => !note.is_empty(),
        Mark::Truncated => false,
    });
    let note_lang =
        (ctx.lang > 0 && s.note.is_none() && written).then(|| ctx.source_lang().to_string());
    let passage_note =
        interpolated.then(|| custom_note.unwrap_or_else(|| ctx.t.get("passage_note").to_string()));
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
pub(super) fn related_links(ctx: &Ctx, doc: usize, n: &Node) -> Vec<Link> {
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

pub(super) fn document_pages(
    ctx: &Ctx,
    index: usize,
    doc: &Document,
    sum: &DocSummary,
    out: &mut Vec<Page>,
) {
    let slug = doc.slug();
    let doc_path = format!("{slug}/");
    let tops = pages_of(doc);
    // A text read whole here has its side-by-side views here too.
    let one_page = doc.outline.on_one_page() && ctx.project.content.site.languages.len() > 1;
    let doc_crumbs = crumbs(ctx, None);
    let full_toc: Vec<TocEntry> = (doc.outline.nodes.iter())
        .filter(|n| n.page)
        .map(|top| {
            let page_url = format!("{}/", top.id);
            toc_entry(ctx, index, top, page_url.clone(), (&page_url, ""), true)
        })
        .collect();
    // The preamble, and in a text read on one page every division (see
    // [`crate::outline::mark_pages`]).
    let body: Vec<NodeView> = (doc.outline.nodes.iter())
        .filter(|n| !n.page)
        .map(|n| node_view(ctx, index, "../", n, 2))
        .collect();
    let description = sum.summary.clone().unwrap_or_default();
    let mut layout = ctx.layout(&doc_path, &sum.title, &description, doc_crumbs.clone());
    layout.json_ld = Some(json_ld(sum, layout.canonical.as_deref(), &ctx.t.lang));
    out.push(Page {
        file: ctx.file(&doc_path),
        view: PageView::Document(DocumentView {
            layout,
            doc: sum.clone(),
            preamble: blocks::outlines(&body, "../", ctx.t),
            toc: blocks::toc(&full_toc),
            parallel: if one_page {
                parallel_links(ctx)
            } else {
                Vec::new()
            },
        }),
    });
    if one_page {
        let nodes: Vec<&Node> = doc.outline.nodes.iter().collect();
        let crumbs = doc_crumbs.clone();
        parallel_pages(ctx, index, &nodes, sum, &doc_path, &sum.title, crumbs, out);
    }
    if sum.print {
        out.push(print_page(
            ctx,
            index,
            doc,
            sum,
            &doc_path,
            doc_crumbs.clone(),
        ));
    }
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
        // A page of a division inside a long one: the pages above it.
        for above in tops
            .iter()
            .filter(|p| top.id.starts_with(&format!("{}-", p.id)))
        {
            crumbs.push(Link {
                title: link(above).title,
                url: format!("{doc_path}{}/", above.id),
            });
        }
        let title = link(top).title;
        let view = node_view(ctx, index, "../../", top, 1);
        let parallel = parallel_links(ctx);
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
                toc: blocks::toc(&toc(ctx, index, &top.children, ("", "../"), false)),
                prev: i.checked_sub(1).map(|j| link(tops[j])),
                next: tops.get(i + 1).map(|n| link(n)),
                position: i + 1,
                total: tops.len(),
                parallel,
                pages: tops.iter().map(|n| link(n)).collect(),
            }),
        });
        parallel_pages(ctx, index, &[top], sum, &path, &title, crumbs, out);
    }
}

/// The links to a page's side-by-side views in this interface: beside each other language's
/// text on a page of the source, beside the source on a page of another language.
fn parallel_links(ctx: &Ctx) -> Vec<Link> {
    let languages = &ctx.project.content.site.languages;
    if ctx.lang > 0 {
        return vec![Link {
            title: ctx.t.get("parallel").into(),
            url: "parallel/".into(),
        }];
    }
    let name = |code: &String| {
        let i = languages.iter().position(|c| c == code).unwrap_or(0);
        ctx.project.content.strings[i].get("lang_name").to_string()
    };
    (languages[1..].iter())
        .map(|code| Link {
            title: if languages.len() > 2 {
                format!("{} ({})", ctx.t.get("parallel"), name(code))
            } else {
                ctx.t.get("parallel").into()
            },
            url: format!("parallel/{code}/"),
        })
        .collect()
}

/// The side-by-side views of the page at `path` showing `tops`, in this interface.
#[allow(clippy::too_many_arguments)]
fn parallel_pages(
    ctx: &Ctx,
    index: usize,
    tops: &[&Node],
    sum: &DocSummary,
    path: &str,
    title: &str,
    crumbs: Vec<Link>,
    out: &mut Vec<Page>,
) {
    if ctx.lang > 0 {
        out.push(parallel_page(
            ctx, index, tops, sum, path, title, crumbs, ctx.lang,
        ));
    } else {
        for other in 1..ctx.project.content.site.languages.len() {
            let page = parallel_page(ctx, index, tops, sum, path, title, crumbs.clone(), other);
            out.push(page);
        }
    }
}

/// A document's whole text on one page, for printing or reading straight through: the
/// text with its ids (so `print/#art3` lands there), without permalink marks, citations,
/// glossary links and related passages, which the division pages carry.
fn print_page(
    ctx: &Ctx,
    index: usize,
    doc: &Document,
    sum: &DocSummary,
    doc_path: &str,
    mut crumbs: Vec<Link>,
) -> Page {
    fn plain(v: &mut NodeView) {
        v.html = None;
        v.related.clear();
        v.cite.clear();
        v.children.iter_mut().for_each(plain);
    }
    let path = format!("{doc_path}print/");
    let root = "../../";
    let views: Vec<NodeView> = (doc.outline.nodes.iter())
        .map(|n| {
            let mut view = node_view_in(ctx, index, root, n, 2, true);
            plain(&mut view);
            view
        })
        .collect();
    crumbs.push(Link {
        title: sum.short_title.clone(),
        url: doc_path.to_string(),
    });
    let title = ctx.t.fill("print_title", &[("title", &sum.short_title)]);
    Page {
        file: ctx.file(&path),
        view: PageView::Print(DocumentView {
            layout: ctx.layout(&path, &title, sum.summary.as_deref().unwrap_or(""), crumbs),
            doc: sum.clone(),
            preamble: String::new(),
            toc: blocks::outlines(&views, root, ctx.t),
            parallel: Vec::new(),
        }),
    }
}
