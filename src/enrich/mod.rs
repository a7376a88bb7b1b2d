//! Enrichment: what the site adds to the texts. Glossary terms linked in the text and the
//! occurrences behind each term's backlinks (`terms`), in-text references resolved to links
//! (`refs`), related passages across documents (`related`) and subjects (`subjects`).
//!
//! The unit is a passage with text: a numbered clause, an item or a paragraph (a passage set
//! apart as foreign is not enriched). Results are keyed by (document index, node id).

pub mod fold;
pub mod refs;
pub mod related;
pub mod subjects;
pub mod suggest;
pub mod terms;

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use crate::outline::{Anomaly, Kind, Node};
use crate::project::Project;

/// A piece of a passage's text: plain, or a link (`href` from the site root).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Segment {
    pub text: String,
    pub href: Option<String>,
    /// `term` or `ref`.
    pub class: &'static str,
}

/// A passage with text, as enrichment sees it.
#[derive(Debug, Clone)]
pub struct Unit<'a> {
    pub doc: usize,
    pub node: &'a Node,
    /// The top-level division holding it (the page it is on), or None for the preamble.
    pub top: Option<&'a Node>,
    /// The citation path (`第二条 五（二）`).
    pub cite: String,
}

impl Unit<'_> {
    pub fn text(&self) -> &str {
        self.node.text.as_deref().unwrap_or("")
    }
}

/// Every unit of every document, in document order.
pub fn units(project: &Project) -> Vec<Unit<'_>> {
    let per_doc: Vec<Vec<Unit>> = project
        .documents
        .par_iter()
        .enumerate()
        .map(|(doc, d)| {
            let mut out = Vec::new();
            for top in &d.outline.nodes {
                let page = (top.kind != Kind::Preamble).then_some(top);
                let mut path = Vec::new();
                collect(
                    &project.content.strings[0],
                    doc,
                    page,
                    top,
                    &mut path,
                    &mut out,
                );
            }
            out
        })
        .collect();
    per_doc.into_iter().flatten().collect()
}

fn collect<'a>(
    t: &crate::i18n::Strings,
    doc: usize,
    top: Option<&'a Node>,
    n: &'a Node,
    path: &mut Vec<&'a Node>,
    out: &mut Vec<Unit<'a>>,
) {
    if n.kind == Kind::Interpolation {
        return;
    }
    path.push(n);
    if n.text.is_some() {
        out.push(Unit {
            doc,
            node: n,
            top,
            cite: crate::site::cite::cite_path(path, t),
        });
    }
    for c in &n.children {
        collect(t, doc, top, c, path, out);
    }
    path.pop();
}

/// The root-relative URL of a unit's anchor: `doc/art2/#art2-s5-i2`.
pub fn unit_url(project: &Project, doc: usize, top: Option<&Node>, id: &str) -> String {
    let slug = project.documents[doc].slug();
    match top {
        Some(t) => format!("{slug}/{}/#{id}", t.id),
        None => format!("{slug}/#{id}"),
    }
}

/// Where a passage is and how it starts, for lists of passages.
#[derive(Debug, Clone)]
pub struct Place {
    /// Root-relative URL of the passage.
    pub url: String,
    pub cite: String,
    pub snippet: String,
}

/// Every passage by (document, node id).
pub type Places = HashMap<(usize, String), Place>;

fn places(project: &Project, units: &[Unit]) -> Places {
    units
        .par_iter()
        .map(|u| {
            let text = u.text();
            let mut snippet: String = text.chars().take(60).collect();
            if text.chars().count() > 60 {
                snippet.push('…');
            }
            let place = Place {
                url: unit_url(project, u.doc, u.top, &u.node.id),
                cite: u.cite.clone(),
                snippet,
            };
            ((u.doc, u.node.id.clone()), place)
        })
        .collect()
}

/// Everything enrichment adds.
#[derive(Debug, Default)]
pub struct Enrichment {
    /// Linked text, for the units that have a link.
    pub segments: HashMap<(usize, String), Vec<Segment>>,
    /// For each glossary entry (by index), every passage it occurs in.
    pub occurrences: Vec<Vec<terms::Occurrence>>,
    /// Up to three related passages of other documents, per unit.
    pub related: HashMap<(usize, String), Vec<related::Related>>,
    pub subjects: Vec<subjects::Subject>,
    /// Every passage's place, for related links and subject pages.
    pub places: Places,
    /// Unresolvable references and glossary entries found nowhere.
    pub warnings: Vec<Anomaly>,
    /// (step, milliseconds), for `--verbose`.
    pub timings: Vec<(&'static str, f64)>,
}

/// Runs every enrichment over the project.
pub fn run(project: &Project) -> Enrichment {
    let glossary = &project.glossary;
    let themes = &project.themes;
    let mut clock = std::time::Instant::now();
    let mut timings = Vec::new();
    let mut lap = |stage| {
        let now = std::time::Instant::now();
        timings.push((stage, (now - clock).as_secs_f64() * 1000.0));
        clock = now;
    };
    let units = units(project);
    let mut out = Enrichment::default();
    lap("passages");
    let refs = refs::resolve(project, &units, &mut out.warnings);
    lap("references");
    let matcher = terms::Matcher::new(glossary);
    let unit_terms = terms::link(&units, glossary, &matcher, &refs, &mut out);
    lap("terms");
    let term_df: Vec<usize> = out.occurrences.iter().map(Vec::len).collect();
    out.related = related::find(project, &units, &unit_terms, &term_df);
    lap("related");
    out.subjects = subjects::group(&units, themes);
    lap("subjects");
    out.places = places(project, &units);
    lap("places");
    out.timings = timings;
    out
}
