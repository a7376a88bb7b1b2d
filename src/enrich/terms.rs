//! Glossary terms in the text: every occurrence of a term or alias (across dash and width
//! variants, in time linear in the text with Aho-Corasick), nested ones included, is recorded
//! for the term's backlinks; the first longest match of each term in a passage is linked.
//! Headings are not linked, nor text inside another link (an in-text reference).

use std::collections::HashSet;

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;

use super::fold::{fold_str, Folded};
use super::refs::RefSpans;
use super::{Enrichment, Segment, Unit};
use crate::glossary::Glossary;
use crate::outline::{Anomaly, Code, Severity};

/// A passage a glossary term occurs in.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub doc: usize,
    pub node_id: String,
    /// The byte range of the first occurrence in the passage's text.
    pub start: usize,
    pub end: usize,
}

impl Occurrence {
    /// The text around the occurrence (`…` where cut), the term itself, and the text after:
    /// a snippet for a list of passages. `text` is the passage's.
    pub fn snippet(&self, text: &str) -> (String, String, String) {
        match (text.get(..self.start), text.get(self.start..self.end)) {
            (Some(before), Some(matched)) => (
                tail(before, 14),
                matched.to_string(),
                head(&text[self.end..], 14),
            ),
            _ => Default::default(),
        }
    }
}

/// A match: (entry, start, end), a byte range of the original text.
type Match = (usize, usize, usize);

/// The compiled patterns of a glossary.
pub struct Matcher {
    /// Leftmost-longest: what gets linked.
    ac: Option<AhoCorasick>,
    /// Every match, nested ones too (联合国安理会 inside 联合国安理会第1540号决议): what
    /// counts as an occurrence.
    all: Option<AhoCorasick>,
    /// Entry index of each pattern, and whether the pattern is an ASCII word (needs word
    /// boundaries).
    patterns: Vec<(usize, bool)>,
}

impl Matcher {
    pub fn new(glossary: &Glossary) -> Matcher {
        let mut texts = Vec::new();
        let mut patterns = Vec::new();
        let mut seen = HashSet::new();
        for (i, e) in glossary.entries.iter().enumerate() {
            let abbr = e.abbr.iter().filter(|a| a.len() >= 3);
            for name in e.names().chain(abbr.map(String::as_str)) {
                let folded = fold_str(name);
                if seen.insert(folded.clone()) {
                    patterns.push((i, folded.is_ascii()));
                    texts.push(folded);
                }
            }
        }
        let build = |kind| {
            (!texts.is_empty()).then(|| {
                AhoCorasick::builder()
                    .match_kind(kind)
                    .build(&texts)
                    .expect("glossary patterns compile")
            })
        };
        Matcher {
            ac: build(MatchKind::LeftmostLongest),
            all: build(MatchKind::Standard),
            patterns,
        }
    }

    /// Matches in `text` as (entry, start, end) byte ranges of the original text: the
    /// longest at each place, not overlapping.
    pub fn find(&self, text: &str) -> Vec<(usize, usize, usize)> {
        match &self.ac {
            Some(ac) => self.collect(&Folded::new(text), |f| ac.find_iter(f).collect()),
            None => Vec::new(),
        }
    }

    /// Every match in `text`, nested and overlapping ones too.
    pub fn find_all(&self, text: &str) -> Vec<(usize, usize, usize)> {
        self.find_all_folded(&Folded::new(text))
    }

    fn find_all_folded(&self, folded: &Folded) -> Vec<(usize, usize, usize)> {
        match &self.all {
            Some(all) => self.collect(folded, |f| all.find_overlapping_iter(f).collect()),
            None => Vec::new(),
        }
    }

    /// [`Matcher::find_all`] and [`Matcher::find`] of one text, folded once; nothing
    /// (cheaply) for a text in which nothing matches.
    fn find_both(&self, text: &str) -> (Vec<Match>, Vec<Match>) {
        let (Some(ac), Some(_)) = (&self.ac, &self.all) else {
            return Default::default();
        };
        let folded = Folded::new(text);
        let all = self.find_all_folded(&folded);
        if all.is_empty() {
            return Default::default();
        }
        let longest = self.collect(&folded, |f| ac.find_iter(f).collect());
        (all, longest)
    }

    fn collect(
        &self,
        folded: &Folded,
        run: impl Fn(&str) -> Vec<aho_corasick::Match>,
    ) -> Vec<(usize, usize, usize)> {
        let bytes = folded.text.as_bytes();
        let mut out = Vec::new();
        for m in run(&folded.text) {
            let (entry, ascii) = self.patterns[m.pattern().as_usize()];
            if ascii {
                let before = m.start().checked_sub(1).map(|i| bytes[i]);
                let after = bytes.get(m.end()).copied();
                if before.is_some_and(|b| b.is_ascii_alphanumeric())
                    || after.is_some_and(|b| b.is_ascii_alphanumeric())
                {
                    continue;
                }
            }
            out.push((entry, folded.original(m.start()), folded.original(m.end())));
        }
        out
    }
}

/// What term matching found in one unit.
struct UnitTerms {
    segments: Option<Vec<Segment>>,
    occurrences: Vec<(usize, Occurrence)>,
    entries: Vec<usize>,
}

fn link_unit(u: &Unit, glossary: &Glossary, matcher: &Matcher, refs: &RefSpans) -> UnitTerms {
    let text = u.text();
    let key = (u.doc, u.node.id.clone());
    let mut links: Vec<(usize, usize, Segment)> = refs.get(&key).cloned().unwrap_or_default();
    let mut linked = HashSet::new();
    let mut occurrences = Vec::new();
    let mut recorded = HashSet::new();
    let (all, longest) = matcher.find_both(text);
    for (entry, start, end) in all {
        if recorded.insert(entry) {
            occurrences.push((
                entry,
                Occurrence {
                    doc: u.doc,
                    node_id: u.node.id.clone(),
                    start,
                    end,
                },
            ));
        }
    }
    for (entry, start, end) in longest {
        let overlaps = links.iter().any(|(s, e, _)| start < *e && *s < end);
        if !overlaps && linked.insert(entry) {
            let e = &glossary.entries[entry];
            links.push((
                start,
                end,
                Segment {
                    text: text[start..end].to_string(),
                    href: Some(format!("glossary/{}/", e.slug)),
                    class: "term",
                },
            ));
        }
    }
    let mut entries: Vec<usize> = recorded.into_iter().collect();
    entries.sort_unstable();
    UnitTerms {
        segments: (!links.is_empty()).then(|| split(text, links)),
        occurrences,
        entries,
    }
}

/// Links terms in every unit and records occurrences; warns about entries found nowhere.
/// Returns the glossary entries of each unit (for related passages).
pub fn link(
    units: &[Unit],
    glossary: &Glossary,
    matcher: &Matcher,
    refs: &RefSpans,
    out: &mut Enrichment,
) -> Vec<Vec<usize>> {
    let found: Vec<UnitTerms> = units
        .par_iter()
        .map(|u| link_unit(u, glossary, matcher, refs))
        .collect();
    out.occurrences = vec![Vec::new(); glossary.entries.len()];
    let mut unit_entries = Vec::with_capacity(units.len());
    for (u, f) in units.iter().zip(found) {
        if let Some(segments) = f.segments {
            out.segments.insert((u.doc, u.node.id.clone()), segments);
        }
        for (entry, occ) in f.occurrences {
            out.occurrences[entry].push(occ);
        }
        unit_entries.push(f.entries);
    }
    for (i, occ) in out.occurrences.iter().enumerate() {
        if occ.is_empty() {
            let e = &glossary.entries[i];
            out.warnings.push(Anomaly {
                file: glossary.path.clone(),
                line: e.line,
                end_line: None,
                severity: Severity::Warning,
                code: Code::UnusedTerm,
                found: format!("glossary entry {} occurs in no document", e.term),
                concluded: "its page has no backlinks; check the spelling or add an alias".into(),
            });
        }
    }
    unit_entries
}

/// Cuts `text` into plain and linked segments; `links` do not overlap.
pub fn split(text: &str, mut links: Vec<(usize, usize, Segment)>) -> Vec<Segment> {
    links.sort_by_key(|l| l.0);
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end, seg) in links {
        if start > at {
            out.push(plain(&text[at..start]));
        }
        out.push(seg);
        at = end;
    }
    if at < text.len() {
        out.push(plain(&text[at..]));
    }
    out
}

fn plain(s: &str) -> Segment {
    Segment {
        text: s.to_string(),
        href: None,
        class: "",
    }
}

fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    let t: String = s.chars().skip(count.saturating_sub(n)).collect();
    if count > n {
        format!("…{t}")
    } else {
        t
    }
}

fn head(s: &str, n: usize) -> String {
    let t: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        format!("{t}…")
    } else {
        t
    }
}
