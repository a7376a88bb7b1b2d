//! The markup of the texts themselves: outlines, tables of contents and lists of passages,
//! written here as compact HTML, the way a Markdown renderer hands a page's content to its
//! template. Templates place these fragments (`{{ blocks | safe }}`) and own everything
//! around them.
//!
//! Each fragment is wrapped in [`FRAGMENT_START`] … [`FRAGMENT_END`] (Unicode noncharacters,
//! which no text carries and which [`escape_into`] writes as references). Fragments are most
//! of a page's bytes and already minimal, so they bypass Tera and minify-html: the template
//! gets a [`placeholder`] (the fragment's number between the marks), and
//! [`crate::output::minify_page`] puts each fragment in place of its placeholder once the
//! page around them is minified. A template places them with `| safe`; a filter that
//! changes one (`truncate`) sees its placeholder, not its HTML.

use super::view::{NodeView, TocEntry};
use crate::i18n::Strings;

use super::escape::byte_table;
pub use super::escape::{escape_into, needs_escaping};
pub use crate::html::{is_fragment, placeholder, FRAGMENT_END, FRAGMENT_START};

/// A fragment to write into: its opening mark, with room for `capacity` bytes.
fn open_fragment(capacity: usize) -> String {
    let mut out = String::with_capacity(capacity + 6);
    out.push(FRAGMENT_START);
    out
}

/// Closes a fragment made with [`open_fragment`]; nothing when nothing was written, so
/// templates can test it.
fn fragment(mut out: String) -> String {
    if out.len() == FRAGMENT_START.len_utf8() {
        return String::new();
    }
    out.push(FRAGMENT_END);
    out
}

/// A node and its subtree, in document order: headings open a `<section>`, numbered
/// sentences with children a `<div>`, leaves are a `<p>`; a passage set apart is an
/// `<aside>`. Every element with an id has its permalink and citation (`data-cite`), unless
/// its view has no citation.
pub fn outline(n: &NodeView, root: &str, t: &Strings) -> String {
    outlines(std::slice::from_ref(n), root, t)
}

/// Several nodes' [`outline`]s, one after the other, as one fragment.
pub fn outlines(nodes: &[NodeView], root: &str, t: &Strings) -> String {
    let mut out = open_fragment(0);
    for n in nodes {
        node(&mut out, n, root, t);
    }
    fragment(out)
}

fn node(out: &mut String, n: &NodeView, root: &str, t: &Strings) {
    let close = match n.class {
        "passage" => {
            open_tag(out, "aside", "passage", &n.id, None);
            attr(out, "aria-label", t.get("passage_aside"));
            out.push('>');
            ed_note(out, n.passage_note.as_deref().unwrap_or(""), n, t);
            if let Some(title) = non_empty(&n.title) {
                out.push_str("<p class=passage-title");
                lang(out, &n.lang);
                out.push('>');
                escape_into(out, title);
                out.push_str("</p>");
            }
            "</aside>"
        }
        "preamble" => {
            open_tag(out, "div", "preamble", &n.id, None);
            out.push('>');
            "</div>"
        }
        _ if n.heading => {
            section(out, n, root, t);
            "</section>"
        }
        _ => {
            let has_children = !n.children.is_empty();
            if has_children {
                open_tag(out, "div", n.class, &n.id, cite(n));
                out.push_str("><p");
                lang(out, &n.lang);
                out.push('>');
            } else {
                open_tag(out, "p", n.class, &n.id, cite(n));
                lang(out, &n.lang);
                out.push('>');
            }
            label(out, &n.label, n.spaced);
            body(out, n);
            if let Some(flag) = n.flag {
                out.push_str(" <span class=\"tr-flag ");
                out.push_str(flag);
                out.push('"');
                attr(out, "lang", t.get("lang_code"));
                out.push('>');
                escape_into(out, t.get(flag));
                out.push_str("</span>");
            }
            permalink(out, n, t);
            out.push_str("</p>");
            related(out, n, root, t);
            if let Some(note) = non_empty(&n.inferred) {
                ed_note(out, note, n, t);
            }
            if n.truncated {
                out.push_str("<p class=\"ed-note truncated\"><strong>");
                escape_into(out, t.get("ed_note"));
                out.push_str("</strong>");
                escape_into(out, t.get("truncated_here"));
                out.push_str("</p>");
            }
            if has_children {
                "</div>"
            } else {
                ""
            }
        }
    };
    for c in &n.children {
        node(out, c, root, t);
    }
    out.push_str(close);
}

/// A heading: `<section>`, its `<h2>`…`<h6>` with label, title and permalink, then its notes
/// and its lead text.
fn section(out: &mut String, n: &NodeView, root: &str, t: &Strings) {
    open_tag(out, "section", n.class, &n.id, cite(n));
    out.push_str("><h");
    out.push_str(&n.level.to_string());
    lang(out, &n.lang);
    out.push('>');
    label(out, &n.label, n.spaced);
    if let Some(title) = non_empty(&n.title) {
        escape_into(out, title);
    }
    permalink(out, n, t);
    out.push_str("</h");
    out.push_str(&n.level.to_string());
    out.push('>');
    if let Some(flag) = n.flag {
        out.push_str("<p class=\"tr-flag ");
        out.push_str(flag);
        out.push_str("\">");
        escape_into(out, t.get(flag));
        out.push_str("</p>");
    }
    if let Some(note) = non_empty(&n.inferred) {
        ed_note(out, note, n, t);
    }
    if non_empty(&n.text).is_some() {
        out.push_str("<p class=lead");
        lang(out, &n.lang);
        out.push('>');
        body(out, n);
        out.push_str("</p>");
        related(out, n, root, t);
    }
}

/// A node's citation for `data-cite`; none for a node shown without its permalink (the
/// print page's).
fn cite(n: &NodeView) -> Option<&str> {
    (!n.cite.is_empty()).then_some(n.cite.as_str())
}

fn open_tag(out: &mut String, tag: &str, class: &str, id: &str, cite: Option<&str>) {
    out.push('<');
    out.push_str(tag);
    attr(out, "class", class);
    attr(out, "id", id);
    if let Some(cite) = cite {
        attr(out, "data-cite", cite);
    }
}

/// Whether an attribute value can go without quotes.
pub fn is_bare(value: &str) -> bool {
    !value.is_empty() && !value.bytes().any(|b| NOT_BARE[b as usize])
}

/// The bytes that make an attribute value need quotes: whitespace, quotes, `=<>` and `` ` ``.
static NOT_BARE: [bool; 256] = byte_table(b" \t\n\r\x0C\"'=<>`");

/// ` name=value`, quoted only when the value needs it (as minify-html writes attributes).
pub(super) fn attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push('=');
    if is_bare(value) {
        escape_into(out, value);
    } else {
        out.push('"');
        escape_into(out, value);
        out.push('"');
    }
}

fn lang(out: &mut String, lang: &Option<String>) {
    if let Some(l) = lang {
        attr(out, "lang", l);
    }
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

/// A label (`第二条`, `（一）`) and, when `spaced`, the space after it.
fn label(out: &mut String, label: &str, spaced: bool) {
    if !label.is_empty() {
        out.push_str("<span class=label>");
        escape_into(out, label);
        out.push_str("</span>");
        if spaced {
            out.push(' ');
        }
    }
}

/// The text, with its links when it has any.
fn body(out: &mut String, n: &NodeView) {
    match &n.html {
        Some(html) => out.push_str(html),
        None => escape_into(out, n.text.as_deref().unwrap_or("")),
    }
}

/// The ¶ link of a passage, joined to the text before it by a word joiner (U+2060), so that
/// it never wraps onto a line of its own.
fn permalink(out: &mut String, n: &NodeView, t: &Strings) {
    if n.cite.is_empty() {
        return;
    }
    out.push_str("\u{2060}<a class=pl");
    attr(out, "href", &format!("#{}", n.id));
    attr(out, "aria-label", t.get("permalink"));
    out.push_str(">¶</a>");
}

fn ed_note(out: &mut String, note: &str, n: &NodeView, t: &Strings) {
    out.push_str("<p class=ed-note><strong>");
    escape_into(out, t.get("ed_note"));
    out.push_str("</strong>");
    // A note not translated keeps the language it is written in; the label is the page's.
    if n.note_lang.is_some() {
        out.push_str("<span");
        lang(out, &n.note_lang);
        out.push('>');
        escape_into(out, note);
        out.push_str("</span>");
    } else {
        escape_into(out, note);
    }
    out.push_str("</p>");
}

/// 相关条文: links to related passages of other documents, folded behind one quiet line
/// (`<details>`, no script) so that they do not interrupt the text.
fn related(out: &mut String, n: &NodeView, root: &str, t: &Strings) {
    if n.related.is_empty() {
        return;
    }
    out.push_str("<details class=related><summary>");
    escape_into(out, t.get("related"));
    out.push_str(&format!(
        " <span class=count>{}</span></summary>",
        n.related.len()
    ));
    for r in &n.related {
        out.push_str(" <a");
        attr(out, "href", &format!("{root}{}", r.url));
        out.push('>');
        escape_into(out, &r.title);
        out.push_str("</a>");
    }
    out.push_str("</details>");
}

/// A nested table of contents: `<ol>` of entries, each a link with label and title.
pub fn toc(entries: &[TocEntry]) -> String {
    fn list(out: &mut String, entries: &[TocEntry]) {
        out.push_str("<ol>");
        for e in entries {
            out.push_str("<li");
            attr(out, "class", e.class);
            out.push_str("><a");
            attr(out, "href", &e.url);
            if let Some(l) = &e.lang {
                attr(out, "lang", l);
            }
            out.push('>');
            label(out, &e.label, e.spaced);
            escape_into(out, &e.title);
            out.push_str("</a>");
            if !e.children.is_empty() {
                list(out, &e.children);
            }
            out.push_str("</li>");
        }
        out.push_str("</ol>");
    }
    if entries.is_empty() {
        return String::new();
    }
    let mut out = open_fragment(0);
    list(&mut out, entries);
    fragment(out)
}

/// A passage listed on a term's or subject's page: where it is and, for the first
/// passages of a page, a snippet.
pub struct Listed {
    pub slot: usize,
    pub doc: usize,
    pub snippet: Option<Snippet>,
}

/// The text around what a list is about: before, the match (marked), after, and its
/// language when it is not the page's.
pub struct Snippet {
    pub before: String,
    pub matched: String,
    pub after: String,
    pub lang: Option<String>,
}

/// Passages grouped by document, as a term's or a subject's page lists them: a heading
/// (`h2`, `h3`) with the document's title wherever the document changes, then each
/// passage's citation linking to it (from `root`) and its snippet, with the matched name
/// marked when there is one.
pub fn passages(ctx: &super::Ctx, items: &[Listed], root: &str, heading: &str) -> String {
    // A listed passage takes about 220 bytes: its citation, link and snippet.
    let mut out = open_fragment(items.len() * 256);
    let mut doc = None;
    for p in items {
        if doc != Some(p.doc) {
            if doc.is_some() {
                out.push_str("</ul>");
            }
            doc = Some(p.doc);
            out.push('<');
            out.push_str(heading);
            out.push('>');
            escape_into(&mut out, &ctx.titles[p.doc]);
            out.push_str("</");
            out.push_str(heading);
            out.push_str("><ul class=passages>");
        }
        // The root is `../` repeated and the rest needs no quotes (see `Ctx::list_link`).
        out.push_str("<li><a href=");
        out.push_str(root);
        out.push_str(ctx.list_link(p.slot));
        out.push(' ');
        if let Some(s) = p
            .snippet
            .as_ref()
            .filter(|s| !s.matched.is_empty() || !s.after.is_empty())
        {
            out.push_str("<span class=snippet");
            lang(&mut out, &s.lang);
            out.push('>');
            escape_into(&mut out, &s.before);
            if !s.matched.is_empty() {
                out.push_str("<mark>");
                escape_into(&mut out, &s.matched);
                out.push_str("</mark>");
            }
            escape_into(&mut out, &s.after);
            out.push_str("</span>");
        }
        out.push_str("</li>");
    }
    if doc.is_some() {
        out.push_str("</ul>");
    }
    fragment(out)
}

/// A passage's text as HTML with its links (in text order, not overlapping), relative
/// to a page at `root`.
pub fn linked_html(
    text: &str,
    links: &[crate::enrich::Link],
    root: &str,
    glossary: &crate::glossary::Glossary,
) -> String {
    // The links' offsets are into the text as received; pages show its display form.
    let changes = crate::text::punct::changes(text);
    let shown = crate::text::punct::apply(text, &changes);
    let text = shown.as_ref();
    let at_shown = |o: usize| crate::text::punct::shift(&changes, o);
    let mut out = String::with_capacity(text.len() + links.len() * 96);
    // A text with nothing to escape (most are) is copied piece by piece: escaping each
    // piece alone would look at every byte of them one at a time.
    let clean = !needs_escaping(text);
    let text_into = |out: &mut String, piece: &str| {
        if clean {
            out.push_str(piece);
        } else {
            escape_into(out, piece);
        }
    };
    let mut at = 0;
    for l in links {
        let (start, end) = (at_shown(l.start), at_shown(l.end));
        let (Some(before), Some(linked)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        text_into(&mut out, before);
        // The class is a bare word (`term`, `ref`). The root is `../` repeated, glossary and
        // document slugs are `a-z0-9-` and ids structural: an href needs neither quotes nor
        // escaping (as in `Ctx::list_link`).
        out.push_str("<a class=");
        out.push_str(l.class());
        out.push_str(" href=");
        let href = out.len();
        out.push_str(root);
        l.href_into(glossary, &mut out);
        debug_assert!(is_bare(&out[href..]), "{}", &out[href..]);
        out.push('>');
        text_into(&mut out, linked);
        out.push_str("</a>");
        at = end;
    }
    text_into(&mut out, text.get(at..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_open_or_close_a_fragment_and_attributes_are_quoted_when_needed() {
        let mut out = String::new();
        escape_into(&mut out, "a\u{FDD0}b\u{FDD1}<c>&\"");
        assert_eq!(out, "a&#xFDD0;b&#xFDD1;&lt;c&gt;&amp;&quot;");
        let mut out = String::new();
        escape_into(&mut out, "中\u{FDD2}'拉\u{FDCF}\u{FDD3}共体");
        assert_eq!(out, "中&#xFDD2;&#39;拉\u{FDCF}\u{FDD3}共体");
        let mut out = String::new();
        attr(&mut out, "data-cite", "第二条 五（二）");
        attr(&mut out, "id", "art2-s5");
        attr(&mut out, "title", "");
        assert_eq!(out, " data-cite=\"第二条 五（二）\" id=art2-s5 title=\"\"");
        assert_eq!(fragment(open_fragment(0)), "");
        let mut out = open_fragment(0);
        out.push_str("<p>x</p>");
        assert_eq!(fragment(out), "\u{FDD0}<p>x</p>\u{FDD1}");
    }
}
