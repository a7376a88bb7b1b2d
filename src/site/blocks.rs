//! Flattening for templates: outlines and tables of contents become flat lists that a
//! template renders in one loop, and a passage's linked text becomes escaped HTML.

use super::view::{Block, NodeView, Toc, TocEntry, TocItem};

/// The blocks of a node and its subtree, in document order.
pub fn flatten_nodes(n: &NodeView) -> Vec<Block> {
    fn go(n: &NodeView, out: &mut Vec<Block>) {
        let (open, close) = match n.class {
            "passage" => ("passage", Some("/aside")),
            "preamble" => ("preamble", Some("/div")),
            _ if n.heading => ("section", Some("/section")),
            _ if !n.children.is_empty() => ("clause", Some("/div")),
            _ => ("p", None),
        };
        out.push(Block {
            t: open,
            id: n.id.clone(),
            class: n.class,
            label: n.label.clone(),
            spaced: n.spaced,
            title: n.title.clone(),
            text: n.text.clone(),
            level: n.level,
            cite: n.cite.clone(),
            inferred: n.inferred.clone(),
            note: n.passage_note.clone(),
            truncated: n.truncated,
            html: n.html.clone(),
            related: n.related.clone(),
            lang: n.lang.clone(),
            flag: n.flag,
            note_lang: n.note_lang.clone(),
        });
        for c in &n.children {
            go(c, out);
        }
        if let Some(close) = close {
            out.push(Block {
                t: close,
                id: String::new(),
                class: "",
                label: String::new(),
                spaced: false,
                title: None,
                text: None,
                level: n.level,
                cite: String::new(),
                inferred: None,
                note: None,
                truncated: false,
                html: None,
                related: Vec::new(),
                lang: None,
                flag: None,
                note_lang: None,
            });
        }
    }
    let mut out = Vec::new();
    go(n, &mut out);
    out
}

/// A nested table of contents as a flat list (see [`Toc`]).
pub fn flatten_toc(entries: &[TocEntry]) -> Toc {
    fn go(entries: &[TocEntry], depth: usize, prev: &mut Option<usize>, out: &mut Vec<TocItem>) {
        for e in entries {
            let (sibling, closes, opens) = match *prev {
                None => (false, 0, false),
                Some(p) if depth > p => (false, 0, true),
                Some(p) => (true, p - depth, false),
            };
            out.push(TocItem {
                url: e.url.clone(),
                label: e.label.clone(),
                spaced: e.spaced,
                title: e.title.clone(),
                class: e.class,
                lang: e.lang.clone(),
                sibling,
                closes,
                opens,
            });
            *prev = Some(depth);
            go(&e.children, depth + 1, prev, out);
        }
    }
    let mut items = Vec::new();
    let mut prev = None;
    go(entries, 0, &mut prev, &mut items);
    Toc {
        items,
        tail: prev.unwrap_or(0),
    }
}

/// A passage's text as HTML with its links, relative to a page at `root`.
pub fn linked_html(segments: &[crate::enrich::Segment], root: &str) -> String {
    let mut out = String::new();
    for s in segments {
        match &s.href {
            Some(href) => {
                out.push_str("<a class=\"");
                out.push_str(s.class);
                out.push_str("\" href=\"");
                escape_into(&mut out, root);
                escape_into(&mut out, href);
                out.push_str("\">");
                escape_into(&mut out, &s.text);
                out.push_str("</a>");
            }
            None => escape_into(&mut out, &s.text),
        }
    }
    out
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
}
