//! Glossary terms in the text: every occurrence of a term or alias (across dash and width
//! variants, in time linear in the text with Aho-Corasick), nested ones included, is recorded
//! for the term's backlinks; the first longest match of each term in a *section* (a
//! top-level division's child: an article of a chapter, a 一、 of a part; see [`section`])
//! is linked, so a paragraph does not carry the same underline again and again. Headings
//! are not linked, nor text inside another link (an in-text reference).

use std::collections::HashMap;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{dfa, nfa, Anchored, MatchKind};

use super::refs::RefSpans;
use super::{Enrichment, Link, LinkTo, Unit};
use crate::content::themes::Theme;
use crate::glossary::Glossary;
use crate::outline::{Anomaly, Code, Severity};
use crate::text::fold::{fold_str, Folded};

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
    all: Option<Compiled>,
    patterns: Vec<Pattern>,
}

/// The automaton of a matcher: a DFA (one table lookup per byte of text), or, for a
/// glossary too large for one, an NFA.
enum Compiled {
    Dfa(dfa::DFA),
    Nfa(nfa::contiguous::NFA),
}

/// Calls `found(pattern, start, end)` for every match of `aut` in `hay`, nested and
/// overlapping ones too, in order of their ends (and, at one end, of the automaton's match
/// list): what `find_overlapping_iter` reports, without its per-match state machine, as
/// most of a passage's bytes only step the automaton.
fn each_match<A: Automaton>(aut: &A, hay: &[u8], mut found: impl FnMut(usize, usize, usize)) {
    let Ok(mut sid) = aut.start_state(Anchored::No) else {
        return;
    };
    let mut at = 0;
    while at < hay.len() {
        (at, sid) = to_special(aut, hay, at, sid);
        // Built without a prefilter, the only special states an unanchored search meets
        // are match states.
        if aut.is_special(sid) && aut.is_match(sid) {
            for k in 0..aut.match_len(sid) {
                let pid = aut.match_pattern(sid, k);
                found(pid.as_usize(), at - aut.pattern_len(pid), at);
            }
        }
    }
}

/// Steps `aut` from state `sid` over `hay` from `at` on, up to and including the first byte
/// that leads to a special state: the position after it and the state (the end of `hay`
/// and the last state if none does). A function of its own, so that the loop, where a
/// scan spends its time, keeps everything in registers.
#[inline(never)]
fn to_special<A: Automaton>(
    aut: &A,
    hay: &[u8],
    mut at: usize,
    mut sid: StateID,
) -> (usize, StateID) {
    while let Some(&b) = hay.get(at) {
        sid = aut.next_state(Anchored::No, sid, b);
        at += 1;
        if aut.is_special(sid) {
            break;
        }
    }
    (at, sid)
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
                let dfa = dfa::Builder::new()
                    .match_kind(MatchKind::Standard)
                    .prefilter(false)
                    .build(&texts);
                match dfa {
                    Ok(d) => Some(Compiled::Dfa(d)),
                    Err(_) => nfa::contiguous::Builder::new()
                        .match_kind(MatchKind::Standard)
                        .prefilter(false)
                        .build(&texts)
                        .ok()
                        .map(Compiled::Nfa),
                }
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
        let Some(aut) = &self.all else {
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
        let mut found = |pattern: usize, start: usize, end: usize| {
            let p = &self.patterns[pattern];
            out.themes.extend_from_slice(&p.themes);
            if let Some((entry, ascii)) = p.entry {
                raw.push((start, end, entry, ascii));
            }
        };
        match aut {
            Compiled::Dfa(d) => each_match(d, bytes, &mut found),
            Compiled::Nfa(n) => each_match(n, bytes, &mut found),
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

/// Links terms in every unit (the first longest match of each term in its section, where
/// no reference is) and records occurrences; warns about entries found nowhere. Returns the glossary
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
    // The section being linked, and the entries linked in it so far.
    let mut current: Option<(usize, &str)> = None;
    let mut in_section: Vec<usize> = Vec::new();
    for (u, scan) in units.iter().zip(scans) {
        recorded.clear();
        let here = (u.doc, section(u));
        if current != Some(here) {
            current = Some(here);
            in_section.clear();
        }
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
        for &(entry, start, end) in &scan.longest {
            let overlaps = links[..references]
                .iter()
                .any(|l| start < l.end && l.start < end);
            if !overlaps && !in_section.contains(&entry) {
                in_section.push(entry);
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

/// The section of a unit: the first two segments of its id (`part3-s2` of `part3-s2-i9-p2`,
/// `ch1-art8` of `ch1-art8-p2`, `art2-s5` of `art2-s5-i2`); the preamble is one section.
fn section<'a>(u: &Unit<'a>) -> &'a str {
    let id = u.node.id.as_str();
    if u.top.is_none() {
        return id.split('-').next().unwrap_or(id);
    }
    match id.match_indices('-').nth(1) {
        Some((i, _)) => &id[..i],
        None => id,
    }
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
pub fn head(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_match_finds_what_the_crates_overlapping_search_finds() {
        let patterns = [
            "联合国",
            "联合国安理会",
            "安理会",
            "合国安",
            "AEO",
            "E",
            "论坛",
            "中拉论坛",
        ];
        let dfa = dfa::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(patterns)
            .unwrap();
        let nfa = nfa::contiguous::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(patterns)
            .unwrap();
        let ac = aho_corasick::AhoCorasick::new(patterns).unwrap();
        for hay in [
            "",
            "联合国安理会第1540号决议，中拉论坛AEO",
            "EEE安理会联合国",
            "中拉论坛论坛",
        ] {
            let want: Vec<(usize, usize, usize)> = ac
                .find_overlapping_iter(hay)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            let (mut by_dfa, mut by_nfa) = (Vec::new(), Vec::new());
            each_match(&dfa, hay.as_bytes(), |p, s, e| by_dfa.push((p, s, e)));
            each_match(&nfa, hay.as_bytes(), |p, s, e| by_nfa.push((p, s, e)));
            assert_eq!(by_dfa, want, "{hay}");
            assert_eq!(by_nfa, want, "{hay}");
            assert!(hay.is_empty() || !want.is_empty());
        }
    }

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
