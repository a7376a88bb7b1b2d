//! Glossary terms in the text: every occurrence of a term or alias (across dash and width
//! variants, in time linear in the text with Aho-Corasick), nested ones included, is recorded
//! for the term's backlinks; the first longest match of each term in a passage is linked.
//! Headings are not linked, nor text inside another link (an in-text reference).

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::fold::{fold_str, Folded};
use super::refs::RefSpans;
use super::subjects::Theme;
use super::{Enrichment, Link, LinkTo, Unit};
use crate::glossary::Glossary;
use crate::outline::{Anomaly, Code, Severity};

/// A passage a glossary term occurs in.
#[derive(Debug, Clone)]
pub struct Occurrence {
    /// The passage's slot (see [`super::Slots`]).
    pub slot: usize,
    /// The byte range of the first occurrence in the passage's text.
    pub start: usize,
    pub end: usize,
}

/// The text before the byte range `start..end` of `text` (`…` where cut), the range itself,
/// and the text after: a snippet of an occurrence for a list of passages.
pub fn snippet(text: &str, start: usize, end: usize) -> (String, String, String) {
    match (text.get(..start), text.get(start..end)) {
        (Some(before), Some(matched)) => (
            tail(before, 14),
            matched.to_string(),
            head(&text[end..], 14),
        ),
        _ => Default::default(),
    }
}

/// A match: (entry, start, end), a byte range of the original text.
type Match = (usize, usize, usize);

/// What a pattern of the automaton stands for.
#[derive(Debug, Default)]
struct Pattern {
    /// The glossary entry it names, and whether it is an ASCII word (needing word
    /// boundaries).
    entry: Option<(usize, bool)>,
    /// The themes it is a keyword of.
    themes: Vec<usize>,
}

/// The compiled patterns of a glossary (and of the subjects' theme keywords): one
/// automaton, run once over each passage, finds every match, nested and overlapping ones
/// too; the longest non-overlapping ones, what gets linked, are picked from those.
pub struct Matcher {
    all: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

/// What one passage's text holds.
#[derive(Debug, Default)]
pub struct Scan {
    /// Every glossary match, nested ones too (联合国安理会 inside 联合国安理会第1540号决议):
    /// what counts as an occurrence.
    pub all: Vec<Match>,
    /// The longest match at each place, not overlapping: what gets linked.
    pub longest: Vec<Match>,
    /// The themes whose keywords occur, sorted, once each.
    pub themes: Vec<usize>,
}

impl Matcher {
    pub fn new(glossary: &Glossary) -> Matcher {
        Matcher::with_themes(glossary, &[])
    }

    /// A matcher for the glossary's names and the themes' keywords.
    pub fn with_themes(glossary: &Glossary, themes: &[Theme]) -> Matcher {
        let mut texts = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, e) in glossary.entries.iter().enumerate() {
            let abbr = e.abbr.iter().filter(|a| a.len() >= 3);
            for name in e.names().chain(abbr.map(String::as_str)) {
                let folded = fold_str(name);
                if folded.is_empty() || seen.contains_key(&folded) {
                    continue;
                }
                seen.insert(folded.clone(), patterns.len());
                patterns.push(Pattern {
                    entry: Some((i, folded.is_ascii())),
                    themes: Vec::new(),
                });
                texts.push(folded);
            }
        }
        for (i, t) in themes.iter().enumerate() {
            for k in &t.keywords {
                let folded = fold_str(k);
                if folded.is_empty() {
                    continue;
                }
                let p = *seen.entry(folded.clone()).or_insert_with(|| {
                    patterns.push(Pattern::default());
                    texts.push(folded);
                    patterns.len() - 1
                });
                patterns[p].themes.push(i);
            }
        }
        let all = (!texts.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&texts)
                    .or_else(|_| AhoCorasick::new(&texts))
                    .ok()
            })
            .flatten();
        Matcher { all, patterns }
    }

    /// Glossary matches in `text` as (entry, start, end) byte ranges of the original text:
    /// the longest at each place, not overlapping.
    pub fn find(&self, text: &str) -> Vec<Match> {
        self.scan(&Folded::new(text)).longest
    }

    /// Every glossary match in `text`, nested and overlapping ones too.
    pub fn find_all(&self, text: &str) -> Vec<Match> {
        self.scan(&Folded::new(text)).all
    }

    /// Finds the glossary names and theme keywords in a folded text.
    pub fn scan(&self, folded: &Folded) -> Scan {
        let mut out = Scan::default();
        let Some(ac) = &self.all else {
            return out;
        };
        let bytes = folded.text.as_bytes();
        // A name that is an ASCII word counts only between word boundaries.
        let bounded = |ascii: bool, start: usize, end: usize| {
            !ascii
                || !(start
                    .checked_sub(1)
                    .is_some_and(|i| bytes[i].is_ascii_alphanumeric())
                    || bytes.get(end).is_some_and(u8::is_ascii_alphanumeric))
        };
        // (start, end, entry, ascii) in folded offsets, in the order found.
        let mut raw: Vec<(usize, usize, usize, bool)> = Vec::new();
        for m in ac.find_overlapping_iter(&folded.text) {
            let p = &self.patterns[m.pattern().as_usize()];
            out.themes.extend_from_slice(&p.themes);
            if let Some((entry, ascii)) = p.entry {
                raw.push((m.start(), m.end(), entry, ascii));
            }
        }
        out.themes.sort_unstable();
        out.themes.dedup();
        if raw.is_empty() {
            return out;
        }
        for &(start, end, entry, ascii) in &raw {
            if bounded(ascii, start, end) {
                out.all
                    .push((entry, folded.original(start), folded.original(end)));
            }
        }
        // Leftmost-longest: the earliest start, the longest there, then on after its end;
        // a pick that fails its word boundaries is dropped, not replaced.
        raw.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut at = 0;
        for &(start, end, entry, ascii) in &raw {
            if start < at {
                continue;
            }
            at = end;
            if bounded(ascii, start, end) {
                out.longest
                    .push((entry, folded.original(start), folded.original(end)));
            }
        }
        out
    }
}

/// Links terms in every unit (the first longest match of each term, where no reference
/// is) and records occurrences; warns about entries found nowhere. Returns the glossary
/// entries of each unit (for related passages).
pub fn link(
    units: &[Unit],
    glossary: &Glossary,
    scans: &[&Scan],
    mut refs: RefSpans,
    out: &mut Enrichment,
) -> Vec<Vec<usize>> {
    out.occurrences = vec![Vec::new(); glossary.entries.len()];
    let mut unit_entries = Vec::with_capacity(units.len());
    let mut recorded: Vec<usize> = Vec::new();
    for (u, scan) in units.iter().zip(scans) {
        recorded.clear();
        for &(entry, start, end) in &scan.all {
            if !recorded.contains(&entry) {
                recorded.push(entry);
                out.occurrences[entry].push(Occurrence {
                    slot: u.slot,
                    start,
                    end,
                });
            }
        }
        let mut links: Vec<Link> = refs.remove(&u.slot).unwrap_or_default();
        let references = links.len();
        let mut linked: Vec<usize> = Vec::new();
        for &(entry, start, end) in &scan.longest {
            let overlaps = links[..references]
                .iter()
                .any(|l| start < l.end && l.start < end);
            if !overlaps && !linked.contains(&entry) {
                linked.push(entry);
                links.push(Link {
                    start,
                    end,
                    to: LinkTo::Term(entry),
                });
            }
        }
        links.sort_by_key(|l| l.start);
        if let Some(slot) = out.links.get_mut(u.slot) {
            *slot = links;
        }
        recorded.sort_unstable();
        unit_entries.push(recorded.clone());
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

/// The last `n` characters of `s`, led by `…` where it is cut.
fn tail(s: &str, n: usize) -> String {
    match s.char_indices().rev().nth(n) {
        // The character before the last n: the tail starts after it.
        Some((i, c)) => format!("…{}", &s[i + c.len_utf8()..]),
        None => s.to_string(),
    }
}

/// The first `n` characters of `s`, followed by `…` where it is cut.
fn head(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_cut_at_characters_and_mark_the_cut() {
        let text = "中国-拉共体论坛AEO认证";
        for n in 0..12 {
            let chars: Vec<char> = text.chars().collect();
            let k = chars.len();
            let want_tail: String = chars[k.saturating_sub(n)..].iter().collect();
            let want_head: String = chars[..n.min(k)].iter().collect();
            let cut = n < k;
            assert_eq!(
                tail(text, n),
                if cut {
                    format!("…{want_tail}")
                } else {
                    want_tail
                },
                "tail {n}"
            );
            assert_eq!(
                head(text, n),
                if cut {
                    format!("{want_head}…")
                } else {
                    want_head
                },
                "head {n}"
            );
        }
        assert_eq!(
            snippet(text, 6, 16),
            ("中国".into(), "-拉共体".into(), "论坛AEO认证".into())
        );
    }
}
