//! Outline recognition: from a decoded text to a tree of divisions, sections, items and
//! paragraphs, each with a stable structural id.
//!
//! The stages are `lex` (what marker each line starts with), `correct` (the editor's
//! corrections from `content/`), `repair` (what the numbering proves: joins, missing labels,
//! interpolated passages) and `tree` (nesting by marker kind, ids, numbering checks). Every
//! irregularity found on the way becomes an [`Anomaly`] naming file and line.

pub mod anomaly;
pub mod correct;
pub mod dump;
pub mod lex;
pub mod notes;
pub mod repair;
pub mod tree;

use serde::Serialize;

pub use anomaly::{Anomaly, Code, Severity};
pub use correct::Correction;
pub use lex::{DivKind, EnumKind, Marker};

use crate::source::SourceText;

/// A recognised document.
#[derive(Debug, Clone, Serialize)]
pub struct Outline {
    /// The title line of the text, if it has one.
    pub title: Option<String>,
    pub title_line: Option<usize>,
    /// A wire-service dateline found in the text (`（新华社北京12月10日电）`).
    pub dateline: Option<String>,
    /// The text's history from its 题注: adoption, promulgation, amendments, entry into force.
    pub history: Vec<notes::Issued>,
    /// The issuing number (`国务院令第713号`), from the 题注.
    pub number: Option<String>,
    /// The kind of text its title names (`法律`, `条例`, `办法` …).
    pub kind: Option<String>,
    /// Top-level nodes: the preamble, then divisions (or sections, for a text without
    /// divisions).
    pub nodes: Vec<Node>,
    /// How many nodes the tree has: every node's `seq` is below it.
    pub node_count: u32,
    pub anomalies: Vec<Anomaly>,
}

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type", content = "kind")]
pub enum Kind {
    /// Text before the first division.
    Preamble,
    Division(DivKind),
    Enum(EnumKind),
    /// An unnumbered paragraph.
    Paragraph,
    /// A passage that does not belong to the text (a pasted news feature), kept apart.
    Interpolation,
}

/// How a reader should be told that the editors intervened here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum Mark {
    /// The label was inferred from the numbering (`九、` read as 第三条).
    /// `note` is the editor's note (empty when none was written); `corrected`, whether an
    /// editor's correction gave the label rather than the recogniser.
    Inferred {
        original: String,
        note: String,
        corrected: bool,
    },
    /// The passage is not part of the document.
    Interpolated { note: String },
    /// The text stops in mid-sentence.
    Truncated,
}

#[derive(Debug, Clone, Serialize)]
pub struct Node {
    /// The structural id, unique in the document (`art2-s5-i2`).
    pub id: String,
    pub kind: Kind,
    pub number: Option<u32>,
    /// The marker as it should be shown (`第三条`, `一、`, `(一)`); empty for paragraphs.
    pub label: String,
    /// A heading's title (`经贸投资`).
    pub title: Option<String>,
    /// The text of a numbered clause or of a paragraph.
    pub text: Option<String>,
    /// First and last source line.
    pub line: usize,
    pub end_line: usize,
    pub marks: Vec<Mark>,
    pub children: Vec<Node>,
    /// The node's place in document order (depth first, from 0): an index into tables
    /// kept per node of a document, such as enrichment's.
    #[serde(skip)]
    pub seq: u32,
    /// Whether the node has a page of its own (see [`mark_pages`]).
    #[serde(skip)]
    pub page: bool,
}

impl Node {
    /// Visits this node and all below it, depth first, in document order.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Node, usize)) {
        fn go<'a>(n: &'a Node, depth: usize, f: &mut impl FnMut(&'a Node, usize)) {
            f(n, depth);
            for c in &n.children {
                go(c, depth + 1, f);
            }
        }
        go(self, 0, f)
    }
}

impl Node {
    /// Visits this node and those below it, not descending into nodes of kind `stop`.
    pub fn walk_until(&self, stop: Kind, f: &mut impl FnMut(&Node)) {
        if self.kind == stop {
            return;
        }
        f(self);
        for c in &self.children {
            c.walk_until(stop, f);
        }
    }
}

impl Outline {
    /// Visits every node in document order with the node whose page it is on (itself when
    /// it has a page; None for the preamble, which is on the document's page).
    pub fn walk_paged<'a>(&'a self, f: &mut impl FnMut(&'a Node, Option<&'a Node>)) {
        fn go<'a>(
            n: &'a Node,
            page: Option<&'a Node>,
            f: &mut impl FnMut(&'a Node, Option<&'a Node>),
        ) {
            let page = if n.page { Some(n) } else { page };
            f(n, page);
            for c in &n.children {
                go(c, page, f);
            }
        }
        for n in &self.nodes {
            go(n, None, f);
        }
    }

    /// Whether the whole text is read on the document's page: no node has a page of its
    /// own (see [`mark_pages`]).
    pub fn on_one_page(&self) -> bool {
        !self.nodes.iter().any(|n| n.page)
    }

    /// The nodes with a page of their own, in document order.
    pub fn pages(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        self.walk_paged(&mut |n, _| {
            if n.page {
                out.push(n);
            }
        });
        out
    }

    /// Every node in document order with its depth (0 = top level).
    pub fn all_nodes(&self) -> Vec<(&Node, usize)> {
        let mut out = Vec::new();
        for n in &self.nodes {
            n.walk(&mut |node, depth| out.push((node, depth)));
        }
        out
    }

    pub fn find(&self, id: &str) -> Option<&Node> {
        self.all_nodes()
            .into_iter()
            .map(|(n, _)| n)
            .find(|n| n.id == id)
    }
}

/// Recognises the outline of `text`, applying the editor's `corrections` first. Fails only
/// when a correction no longer matches the text.
pub fn recognise(
    text: &SourceText,
    corrections: &[Correction],
) -> Result<Outline, correct::CorrectionError> {
    let mut report = anomaly::Report::new(&text.display_path);
    let mut lines = repair::Line::read_all(&text.lines);
    correct::apply(&mut lines, corrections, &text.lines, &mut report)?;
    let prepared = repair::run(lines, &mut report);
    let mut outline = tree::build(prepared, report);
    punctuation_note(&mut outline, &text.display_path);
    mark_pages(&mut outline.nodes);
    Ok(outline)
}

/// The most text a page holds, in characters, before its divisions get pages of their own.
pub const PAGE_CHARS: usize = 10_000;

/// A document of at most [`PAGE_CHARS`] characters whose top-level divisions average fewer
/// than this many (a regulation of one-sentence articles) is read on one page.
pub const SHORT_DIVISION_CHARS: usize = 300;

/// Decides which nodes have a page of their own. Every top-level node but the preamble has
/// one (`第二条`, `第三部分`, `第一编`), except in a short text of short divisions (at most
/// [`PAGE_CHARS`] characters in all and under [`SHORT_DIVISION_CHARS`] a division on
/// average): there the document's page holds the whole text, and each division keeps its
/// anchor on it. A page holding more than [`PAGE_CHARS`] characters of text whose node has
/// at least two divisions below it (a code's 编 with its 章) gives each of them a page, and
/// so on down; it keeps its heading, its own text and a list of them. So a short law stays
/// one page per top-level division, a short regulation of short articles one page, and no
/// page of a long one grows past a few hundred kilobytes.
pub fn mark_pages(nodes: &mut [Node]) {
    fn split(n: &mut Node) {
        let divisions = n
            .children
            .iter()
            .filter(|c| matches!(c.kind, Kind::Division(_)))
            .count();
        if divisions < 2 || chars(n) <= PAGE_CHARS {
            return;
        }
        for c in &mut n.children {
            if matches!(c.kind, Kind::Division(_)) {
                c.page = true;
                split(c);
            }
        }
    }
    fn chars(n: &Node) -> usize {
        let own = [&n.title, &n.text]
            .into_iter()
            .flatten()
            .map(|s| s.chars().count())
            .sum::<usize>();
        own + n.children.iter().map(chars).sum::<usize>()
    }
    let divisions = (nodes.iter())
        .filter(|n| matches!(n.kind, Kind::Division(_)))
        .count();
    let total: usize = nodes.iter().map(chars).sum();
    if divisions >= 2 && total <= PAGE_CHARS && total < SHORT_DIVISION_CHARS * divisions {
        return;
    }
    for n in nodes.iter_mut().filter(|n| n.kind != Kind::Preamble) {
        n.page = true;
        split(n);
    }
}

/// One note for the half-width punctuation inside Chinese text that pages show full-width
/// (see [`crate::text::punct`]): how many marks, from which line to which.
fn punctuation_note(outline: &mut Outline, file: &str) {
    let (mut count, mut first, mut last) = (0, usize::MAX, 0);
    for (n, _) in outline.all_nodes() {
        let here: usize = [&n.title, &n.text]
            .into_iter()
            .flatten()
            .map(|s| crate::text::punct::changes(s).len())
            .sum();
        if here > 0 {
            count += here;
            first = first.min(n.line);
            last = last.max(n.end_line);
        }
    }
    if count == 0 {
        return;
    }
    outline.anomalies.push(Anomaly {
        file: file.to_string(),
        line: first,
        end_line: (last > first).then_some(last),
        severity: Severity::Note,
        code: Code::Punctuation,
        found: format!("{count} half-width punctuation marks (`,` `;` `:` `?` `!` `(` `)`) inside Chinese text"),
        concluded: "shown full-width on the site's pages (`一道,坚持` as `一道，坚持`); the text as \
                    received is unchanged in the document's download"
            .into(),
    });
}
