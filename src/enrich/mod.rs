//! Enrichment: what the site adds to the texts. Glossary terms linked in the text and the
//! occurrences behind each term's backlinks (`terms`), in-text references resolved to links
//! (`refs`), related passages across documents (`related`) and subjects (`subjects`).
//!
//! The unit is a passage with text: a numbered clause, an item or a paragraph (a passage set
//! apart as foreign is not enriched). Results are keyed by (document index, node id).

pub mod refs;
pub mod related;
pub mod subjects;
pub mod suggest;
pub mod terms;

use std::sync::Arc;

use rayon::prelude::*;

use crate::glossary::Glossary;
use crate::outline::{Anomaly, Kind, Node};
use crate::project::Project;

/// Where a link in a passage's text goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LinkTo {
    /// A glossary entry, by index.
    Term(usize),
    /// A place in the same document (an in-text reference): its URL from the site root.
    Ref(String),
}

/// A link in a passage's text: a byte range of the text and where it goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Link {
    pub start: usize,
    pub end: usize,
    pub to: LinkTo,
}

impl Link {
    /// `term` or `ref`: the link's class in the page.
    pub fn class(&self) -> &'static str {
        match self.to {
            LinkTo::Term(_) => "term",
            LinkTo::Ref(_) => "ref",
        }
    }

    /// Writes the link's URL from the site root (`glossary/beidou/`) to `out`.
    pub fn href_into(&self, glossary: &Glossary, out: &mut String) {
        match &self.to {
            LinkTo::Term(entry) => {
                out.push_str("glossary/");
                out.push_str(glossary.entries.get(*entry).map_or("", |e| e.slug.as_str()));
                out.push('/');
            }
            LinkTo::Ref(url) => out.push_str(url),
        }
    }
}

/// Tables kept for every node of every document (links, related passages) are indexed by
/// *slot*: node `seq` of document `d` is at `base[d] + seq`, so a page finds a node's
/// entries by position, without hashing its id.
#[derive(Debug, Clone, Default)]
pub struct Slots {
    base: Vec<usize>,
}

impl Slots {
    pub fn new(project: &Project) -> Slots {
        let mut base = Vec::with_capacity(project.documents.len() + 1);
        let mut at = 0;
        for d in &project.documents {
            base.push(at);
            at += d.outline.node_count as usize;
        }
        base.push(at);
        Slots { base }
    }

    /// The slot of `node` of document `doc`; None in an empty table.
    pub fn of(&self, doc: usize, node: &Node) -> Option<usize> {
        let base = *self.base.get(doc)?;
        (doc + 1 < self.base.len()).then_some(base + node.seq as usize)
    }

    /// The slots of document `doc`'s nodes.
    pub fn range(&self, doc: usize) -> std::ops::Range<usize> {
        match (self.base.get(doc), self.base.get(doc + 1)) {
            (Some(&start), Some(&end)) => start..end,
            _ => 0..0,
        }
    }

    /// How many slots there are: every node of every document.
    pub fn len(&self) -> usize {
        self.base.last().copied().unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A node with its document and the page it is on (the node with that page, see
/// [`crate::outline::mark_pages`]; None in the preamble, which is on the document's page).
#[derive(Debug, Clone, Copy)]
pub struct Placed<'a> {
    pub doc: usize,
    pub node: &'a Node,
    pub top: Option<&'a Node>,
}

/// Every node of every document, by slot.
pub fn nodes_by_slot(project: &Project) -> Vec<Placed<'_>> {
    let mut out = Vec::new();
    for (doc, d) in project.documents.iter().enumerate() {
        d.outline.walk_paged(&mut |node, page| {
            out.push(Placed {
                doc,
                node,
                top: page,
            })
        });
    }
    out
}

/// A passage with text, as enrichment sees it.
#[derive(Debug, Clone)]
pub struct Unit<'a> {
    pub doc: usize,
    pub node: &'a Node,
    /// The node whose page it is on, or None for the preamble.
    pub top: Option<&'a Node>,
    /// Where its entries go in per-node tables.
    pub slot: usize,
}

impl Unit<'_> {
    pub fn text(&self) -> &str {
        self.node.text.as_deref().unwrap_or("")
    }
}

/// Every unit of every document, in document order.
pub fn units<'a>(project: &'a Project, slots: &Slots) -> Vec<Unit<'a>> {
    let per_doc: Vec<Vec<Unit>> = project
        .documents
        .par_iter()
        .enumerate()
        .map(|(doc, d)| {
            let mut out = Vec::new();
            let base = slots.base.get(doc).copied().unwrap_or(0);
            for top in &d.outline.nodes {
                collect(doc, base, None, top, &mut out);
            }
            out
        })
        .collect();
    per_doc.into_iter().flatten().collect()
}

fn collect<'a>(
    doc: usize,
    base: usize,
    top: Option<&'a Node>,
    n: &'a Node,
    out: &mut Vec<Unit<'a>>,
) {
    if n.kind == Kind::Interpolation {
        return;
    }
    let top = if n.page { Some(n) } else { top };
    if n.text.is_some() {
        out.push(Unit {
            doc,
            node: n,
            top,
            slot: base + n.seq as usize,
        });
    }
    for c in &n.children {
        collect(doc, base, top, c, out);
    }
}

/// The root-relative URL of a unit's anchor: `doc/art2/#art2-s5-i2`, in one allocation.
pub fn unit_url(project: &Project, doc: usize, top: Option<&Node>, id: &str) -> String {
    let slug = project.documents[doc].slug();
    let top_len = top.map_or(0, |t| t.id.len() + 1);
    let mut url = String::with_capacity(slug.len() + top_len + id.len() + 2);
    url_into(&mut url, slug, top, id);
    url
}

/// Writes [`unit_url`] of anchor `id` on the page of `top` (None: the document's page) of
/// the document whose slug is `slug`.
pub fn url_into(url: &mut String, slug: &str, top: Option<&Node>, id: &str) {
    url.push_str(slug);
    url.push('/');
    if let Some(top) = top {
        url.push_str(&top.id);
        url.push('/');
    }
    url.push('#');
    url.push_str(id);
}

/// Everything enrichment adds.
#[derive(Debug, Default)]
pub struct Enrichment {
    pub slots: Slots,
    /// How many in-text references link to another document of the library.
    pub cross_refs: usize,
    /// The links in each node's text (glossary terms, references), by slot, in text order.
    pub links: Vec<Vec<Link>>,
    /// For each glossary entry (by index), every passage it occurs in.
    pub occurrences: Vec<Vec<terms::Occurrence>>,
    /// Up to three related passages of other documents, by slot.
    pub related: Vec<Vec<related::Related>>,
    pub subjects: Vec<subjects::Subject>,
    /// Unresolvable references and glossary entries found nowhere.
    pub warnings: Vec<Anomaly>,
    /// (step, milliseconds), for `--verbose`.
    pub timings: Vec<(&'static str, f64)>,
}

impl Enrichment {
    /// The links in the text of `node` of document `doc`.
    pub fn links_of(&self, doc: usize, node: &Node) -> &[Link] {
        self.slots
            .of(doc, node)
            .and_then(|s| self.links.get(s))
            .map_or(&[], Vec::as_slice)
    }

    /// The passages related to `node` of document `doc`.
    pub fn related_of(&self, doc: usize, node: &Node) -> &[related::Related] {
        self.slots
            .of(doc, node)
            .and_then(|s| self.related.get(s))
            .map_or(&[], Vec::as_slice)
    }
}

/// What the one pass over a passage found: glossary and theme matches, and bigrams.
type Scanned = (terms::Scan, related::Bigrams);

/// The passes over each document's passages, kept between watch-mode rebuilds: a document
/// whose passages (ids and texts) are unchanged is not scanned again, as long as the
/// glossary and themes are the same.
#[derive(Default)]
pub struct ScanCache {
    /// The matcher, and a fingerprint of the names and keywords it was built from.
    matcher: Option<(u64, Arc<terms::Matcher>)>,
    /// By document key: a fingerprint of its passages, and what scanning them found.
    docs: rustc_hash::FxHashMap<String, (u64, Arc<Vec<Scanned>>)>,
}

/// A fingerprint of `parts`, each followed by a 0 byte. In memory only, so std's hasher,
/// which reads eight bytes at a time (FNV-1a, one byte at a time, made this a tenth of a
/// watch-mode rebuild).
fn fingerprint<'a>(parts: impl IntoIterator<Item = &'a str>) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for p in parts {
        h.write(p.as_bytes());
        h.write_u8(0);
    }
    h.finish()
}

impl ScanCache {
    /// The matcher for the glossary's names and the themes' keywords: the one built last
    /// time if they are the same (building the automaton is much of a small rebuild). A new
    /// matcher finds other things, so what the old one found is forgotten.
    fn matcher(&mut self, glossary: &Glossary, themes: &[subjects::Theme]) -> Arc<terms::Matcher> {
        let mut inputs: Vec<String> = Vec::new();
        for e in &glossary.entries {
            inputs.push(e.names().collect::<Vec<_>>().join("\u{1}"));
            inputs.push(e.abbr.clone().unwrap_or_default());
        }
        for t in themes {
            inputs.push(t.keywords.join("\u{1}"));
        }
        inputs.push(format!("{}/{}", glossary.entries.len(), themes.len()));
        let fp = fingerprint(inputs.iter().map(String::as_str));
        match &self.matcher {
            Some((old, m)) if *old == fp => m.clone(),
            _ => {
                let m = Arc::new(terms::Matcher::with_themes(glossary, themes));
                self.matcher = Some((fp, m.clone()));
                self.docs.clear();
                m
            }
        }
    }
}

/// Scans every unit, reusing what `cache` holds for unchanged documents: what each
/// document's units gave, in document order.
fn scan_all(
    project: &Project,
    units: &[Unit],
    matcher: &terms::Matcher,
    cache: Option<&mut ScanCache>,
) -> Vec<Arc<Vec<Scanned>>> {
    let scan = |u: &Unit| {
        let folded = crate::text::fold::Folded::new(u.text());
        (matcher.scan(&folded), related::bigrams(&folded.text))
    };
    // Units are in document order: one run of units per document.
    let runs: Vec<&[Unit]> = units.chunk_by(|a, b| a.doc == b.doc).collect();
    let Some(cache) = cache else {
        return runs
            .into_par_iter()
            .map(|run| Arc::new(run.iter().map(scan).collect()))
            .collect();
    };
    let done: Vec<(String, u64, Arc<Vec<Scanned>>)> = runs
        .into_par_iter()
        .map(|run| {
            let key = project.documents[run[0].doc].source.key.clone();
            let fp = fingerprint(run.iter().flat_map(|u| [u.node.id.as_str(), u.text()]));
            match cache.docs.get(&key) {
                Some((old, scanned)) if *old == fp => (key, fp, scanned.clone()),
                _ => (key, fp, Arc::new(run.iter().map(scan).collect())),
            }
        })
        .collect();
    cache.docs.clear();
    done.into_iter()
        .map(|(key, fp, scanned)| {
            cache.docs.insert(key, (fp, scanned.clone()));
            scanned
        })
        .collect()
}

/// Runs every enrichment over the project.
pub fn run(project: &Project) -> Enrichment {
    run_with(project, None)
}

/// Runs every enrichment over the project, scanning again only the documents `cache` has
/// not seen as they are (watch mode).
pub fn run_with(project: &Project, cache: Option<&mut ScanCache>) -> Enrichment {
    let glossary = &project.glossary;
    let themes = &project.themes;
    let mut clock = std::time::Instant::now();
    let mut timings = Vec::new();
    let mut lap = |stage| {
        let now = std::time::Instant::now();
        timings.push((stage, (now - clock).as_secs_f64() * 1000.0));
        clock = now;
    };
    let slots = Slots::new(project);
    let units = units(project, &slots);
    let mut out = Enrichment {
        links: vec![Vec::new(); slots.len()],
        related: vec![Vec::new(); slots.len()],
        slots,
        ..Enrichment::default()
    };
    lap("passages");
    let (refs, across) = refs::resolve(project, &units, &mut out.warnings);
    out.cross_refs = across;
    lap("references");
    // One pass over each passage's folded text finds glossary names, theme keywords and
    // the bigrams of related passages.
    let (matcher, cache) = match cache {
        Some(c) => (c.matcher(glossary, themes), Some(c)),
        None => (
            Arc::new(terms::Matcher::with_themes(glossary, themes)),
            None,
        ),
    };
    let scanned = scan_all(project, &units, &matcher, cache);
    let (scans, bigrams): (Vec<&terms::Scan>, Vec<&related::Bigrams>) = scanned
        .iter()
        .flat_map(|doc| doc.iter().map(|(s, b)| (s, b)))
        .unzip();
    lap("scan");
    let unit_terms = terms::link(&units, glossary, &scans, refs, &mut out);
    lap("terms");
    let term_df: Vec<usize> = out.occurrences.iter().map(Vec::len).collect();
    related::find(
        project,
        &units,
        &bigrams,
        &unit_terms,
        &term_df,
        &mut out.related,
    );
    lap("related");
    out.subjects = subjects::group(&units, themes, &scans);
    lap("subjects");
    out.timings = timings;
    out
}
