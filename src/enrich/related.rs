//! Related passages across documents, by character-bigram TF-IDF cosine.
//!
//! Each passage becomes a vector of its CJK character bigrams (folded), weighted by term
//! frequency × inverse document frequency over all passages, normalised. Candidates come from
//! an inverted index over each passage's most distinctive bigrams (bigrams shared by more
//! than `MAX_POSTINGS` passages are too common to point anywhere); the best candidates are
//! then scored by exact cosine, plus a bonus for each rare glossary term both name. A passage is shown at most three passages of *other*
//! documents whose cosine reaches `THRESHOLD`: precision over recall, nothing rather than
//! noise. The threshold was chosen on the hand-labelled pairs in
//! `tests/fixtures/related-pairs.yaml` (see ARCHITECTURE.md).

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use super::Unit;
use crate::project::Project;

/// The lowest cosine shown.
pub const THRESHOLD: f32 = 0.18;
/// How many related passages a passage shows at most.
pub const MAX_RELATED: usize = 3;
const MAX_POSTINGS: usize = 64;
const QUERY_FEATURES: usize = 8;
const CANDIDATES: usize = 24;

#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    /// The related passage's slot (see [`super::Slots`]).
    pub slot: usize,
    pub score: f32,
}

/// A bigram as one number: the two characters side by side (CJK characters of the basic
/// plane and extension A take 16 bits each, so features sort as the pairs do).
fn feature(a: u32, b: u32) -> u32 {
    (a << 16) | (b & 0xFFFF)
}

/// A passage's CJK bigrams, in text order, each as many times as it occurs.
pub type Bigrams = Vec<u32>;

/// The CJK bigrams of a text, folded (員 is 员, as [`fold`](crate::text::fold::fold) has it),
/// read off its UTF-8 bytes: CJK characters of the basic plane and extension A (3400..9FFF
/// without the 64 Yijing hexagram symbols, 4DC0..4DFF) take three bytes each, so the
/// other characters need only their length.
pub fn bigrams(text: &str) -> Bigrams {
    const NONE: u32 = u32::MAX;
    let bytes = text.as_bytes();
    let mut fs: Bigrams = Vec::with_capacity(bytes.len() / 3);
    let mut prev = NONE;
    let mut i = 0;
    // A byte short of three at the end holds no CJK character, so it makes no bigram.
    while let Some(&[lead, b1, b2]) = bytes.get(i..i + 3) {
        // The lead byte says whether a character can be CJK: those of 3400..9FFF are led by
        // E3 to E9 (E3 only from 3400 on, second byte 90). Most of a Chinese text is led
        // by E4 to E9, and punctuation by E3 (3000..303F) or EF (full-width forms).
        let cjk = match lead {
            0xE4..=0xE9 => true,
            0xE3 => b1 >= 0x90,
            _ => false,
        };
        if !cjk {
            prev = NONE;
            i += match lead {
                0..0xC0 => 1,
                0xC0..0xE0 => 2,
                0xE0..0xF0 => 3,
                _ => 4,
            };
            continue;
        }
        i += 3;
        let mut c = ((lead as u32 & 0x0F) << 12) | ((b1 as u32 & 0x3F) << 6) | (b2 as u32 & 0x3F);
        // The 64 Yijing hexagram symbols (4DC0..4DFF) sit between the two ranges.
        if c & !0x3F == 0x4DC0 {
            prev = NONE;
            continue;
        }
        if c == 0x54E1 {
            c = 0x5458;
        }
        if prev != NONE {
            fs.push(feature(prev, c));
        }
        prev = c;
    }
    fs
}

/// Each distinct feature of sorted bigrams with its count.
fn counted(fs: &[u32]) -> impl Iterator<Item = (u32, f32)> + '_ {
    fs.chunk_by(|a, b| a == b)
        .map(|run| (run[0], run.len() as f32))
}

/// The dot product of a vector spread over a table by slot (`dense[slot]` its weight
/// there, 0 elsewhere) and another vector: one look-up a feature of `b`, no branches. (A
/// merge of two sorted vectors took a mispredicted branch at most of its steps, and most
/// of the time of related passages.)
fn dot(dense: &[f32], b: &[(u32, f32)]) -> f32 {
    b.iter().map(|&(slot, w)| dense[slot as usize] * w).sum()
}

/// A passage's features and their weights: each feature by its slot in the table of
/// document frequencies ([`Counts`]), which numbers the corpus's features densely.
pub type Vector = Vec<(u32, f32)>;

/// A passage's vector, and its query: its distinctive features (those found in at most
/// `MAX_POSTINGS` passages), most heavily weighted first, at most `QUERY_FEATURES`.
/// Features of the vector are slots, of the query and the distinctive ones bigrams.
#[derive(Default)]
struct Weighted {
    vector: Vector,
    query: Vec<(u32, f32)>,
    /// Every distinctive feature, for the inverted index.
    distinctive: Vec<u32>,
}

/// In how many units each feature occurs, by feature: an open-addressing table of a
/// power-of-two number of slots, at most half used, each feature at the first free slot
/// from its home slot on (0, which no bigram is, marks a free one). A large site counts
/// tens of millions of bigrams into it; one probe of a table of plain numbers costs a
/// third of a general hash map's.
#[derive(Clone)]
struct Counts {
    keys: Vec<u32>,
    /// For each slot: in how many units its feature occurs, and the last unit counted
    /// (one more than its index), so that a unit's bigrams need not be sorted to count
    /// each of them once.
    values: Vec<(u32, u32)>,
    len: usize,
}

impl Counts {
    fn new() -> Counts {
        Counts::with_slots(1 << 12)
    }

    fn with_slots(slots: usize) -> Counts {
        Counts {
            keys: vec![0; slots],
            values: vec![(0, 0); slots],
            len: 0,
        }
    }

    /// The slot holding `f`, or the free one where it would go.
    #[inline(always)]
    fn slot(&self, f: u32) -> usize {
        let mask = self.keys.len() - 1;
        // The high bits of a multiplication mix every bit of the feature.
        let mut i = (u64::from(f).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask;
        while self.keys[i] != 0 && self.keys[i] != f {
            i = (i + 1) & mask;
        }
        i
    }

    /// The count and last unit of `f`, made (0, 0) if it has none.
    #[inline(always)]
    fn entry(&mut self, f: u32) -> &mut (u32, u32) {
        debug_assert!(f != 0);
        let mut i = self.slot(f);
        if self.keys[i] == 0 {
            if (self.len + 1) * 2 > self.keys.len() {
                self.grow();
                i = self.slot(f);
            }
            self.keys[i] = f;
            self.len += 1;
        }
        &mut self.values[i]
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let mut bigger = Counts::with_slots(self.keys.len() * 2);
        for (f, v) in self.iter() {
            let i = bigger.slot(f);
            bigger.keys[i] = f;
            bigger.values[i] = v;
        }
        bigger.len = self.len;
        *self = bigger;
    }

    /// In how many units `f` occurs.
    fn get(&self, f: u32) -> u32 {
        let i = self.slot(f);
        if self.keys[i] == f {
            self.values[i].0
        } else {
            0
        }
    }

    fn iter(&self) -> impl Iterator<Item = (u32, (u32, u32))> + '_ {
        (self.keys.iter().zip(&self.values))
            .filter(|(f, _)| **f != 0)
            .map(|(f, v)| (*f, *v))
    }
}

/// In how many units each feature occurs. Each part of the units is counted on its own,
/// side by side, and the parts are merged.
fn document_frequencies(raw: &[&Bigrams]) -> Counts {
    raw.par_iter()
        .enumerate()
        .fold(Counts::new, |mut df, (i, fs)| {
            let unit = i as u32 + 1;
            for &f in fs.iter() {
                let (n, last) = df.entry(f);
                if *last != unit {
                    *last = unit;
                    *n += 1;
                }
            }
            df
        })
        .reduce(Counts::new, |a, b| {
            let (mut big, small) = if a.len >= b.len { (a, b) } else { (b, a) };
            for (f, (n, _)) in small.iter() {
                big.entry(f).0 += n;
            }
            big
        })
}

/// The features that occur in at most [`MAX_POSTINGS`] units.
struct Rare {
    set: rustc_hash::FxHashSet<u32>,
}

impl Rare {
    fn new(df: &Counts) -> Rare {
        let set = (df.iter())
            .filter(|(_, (n, _))| *n as usize <= MAX_POSTINGS)
            .map(|(f, _)| f)
            .collect();
        Rare { set }
    }

    fn contains(&self, f: u32) -> bool {
        self.set.contains(&f)
    }
}

/// The weighted, normalised vectors of all units and their queries. A unit without a
/// distinctive feature can neither find nor be found (candidates come from distinctive
/// features alone), so it gets no vector: on a large site of similar texts, that is most
/// of them, and then its bigrams are not even sorted.
/// Returns them with the number of slots their vectors' features are numbered in.
fn vectors(raw: &[&Bigrams]) -> (Vec<Weighted>, usize) {
    let df = document_frequencies(raw);
    let rare = Rare::new(&df);
    if rare.set.is_empty() {
        return (raw.iter().map(|_| Weighted::default()).collect(), 0);
    }
    let n = raw.len().max(1) as f32;
    let weighted = raw
        .par_iter()
        .map(|fs| {
            if !fs.iter().any(|&f| rare.contains(f)) {
                return Weighted::default();
            }
            let mut fs = fs.to_vec();
            fs.sort_unstable();
            let distinctive: Vec<u32> = counted(&fs)
                .map(|(f, _)| f)
                .filter(|&f| rare.contains(f))
                .collect();
            let mut w: Vec<(u32, f32)> = counted(&fs)
                .map(|(f, tf)| (f, (1.0 + tf.ln()) * (n / df.get(f) as f32).ln()))
                .collect();
            let norm = w.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
            if norm > 0.0 {
                for x in &mut w {
                    x.1 /= norm;
                }
            }
            // Both lists are sorted by feature: pick the distinctive ones' weights.
            let mut query = Vec::with_capacity(distinctive.len());
            let mut k = 0;
            for x in &w {
                if distinctive.get(k) == Some(&x.0) {
                    query.push(*x);
                    k += 1;
                }
            }
            query.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            query.truncate(QUERY_FEATURES);
            for x in &mut w {
                x.0 = df.slot(x.0) as u32;
            }
            Weighted {
                vector: w,
                query,
                distinctive,
            }
        })
        .collect();
    (weighted, df.keys.len())
}

/// The glossary bonus: each glossary entry two passages share, if it occurs in at most
/// `RARE_TERM` passages, adds this much to their cosine.
pub const TERM_BONUS: f32 = 0.08;
const RARE_TERM: usize = 12;

/// The similarity of two passages: bigram cosine plus the bonus for shared rare terms.
/// The first passage's vector is spread over `dense` (see [`dot`]).
fn score(
    dense: &[f32],
    b: &[(u32, f32)],
    terms_a: &[usize],
    terms_b: &[usize],
    term_df: &[usize],
) -> f32 {
    let shared = terms_a
        .iter()
        .filter(|t| terms_b.contains(t) && term_df[**t] <= RARE_TERM)
        .count();
    dot(dense, b) + TERM_BONUS * shared as f32
}

/// Related passages for every unit that has any, into `out` by slot. `bigrams[i]` are the
/// bigrams of unit `i`, `terms[i]` its glossary entries; `term_df[e]` in how many units
/// entry `e` occurs.
pub fn find(
    project: &Project,
    units: &[Unit],
    bigrams: &[&Bigrams],
    terms: &[Vec<usize>],
    term_df: &[usize],
    out: &mut [Vec<Related>],
) {
    if project.documents.len() < 2 {
        return;
    }
    let (weighted, slots) = vectors(bigrams);
    // Each unit's document, packed: looked up for every candidate.
    let doc_of: Vec<u32> = units.iter().map(|u| u.doc as u32).collect();
    // Only the distinctive features point anywhere; most occurrences are of common ones.
    let mut postings: HashMap<u32, Vec<u32>> = HashMap::default();
    for (i, w) in weighted.iter().enumerate() {
        for f in &w.distinctive {
            postings.entry(*f).or_default().push(i as u32);
        }
    }
    let found: Vec<(usize, Vec<Related>)> = (0..units.len())
        .into_par_iter()
        // Each thread's table of slots, holding the vector of the passage at hand.
        .map_init(
            || vec![0.0; slots],
            |dense, i| {
                let v = &weighted[i].vector;
                let mut hits: Vec<(u32, f32)> = Vec::new();
                for (f, w) in &weighted[i].query {
                    for &j in &postings[f] {
                        if doc_of[j as usize] != doc_of[i] {
                            hits.push((j, *w));
                        }
                    }
                }
                hits.sort_unstable_by_key(|h| h.0);
                let mut candidates: Vec<(u32, f32)> = Vec::new();
                for (j, w) in hits {
                    match candidates.last_mut() {
                        Some(last) if last.0 == j => last.1 += w,
                        _ => candidates.push((j, w)),
                    }
                }
                if candidates.is_empty() {
                    return None;
                }
                candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                for &(slot, w) in v {
                    dense[slot as usize] = w;
                }
                let mut scored: Vec<(u32, f32)> = candidates
                    .into_iter()
                    .take(CANDIDATES)
                    .map(|(j, _)| {
                        let j_ = j as usize;
                        (
                            j,
                            score(dense, &weighted[j_].vector, &terms[i], &terms[j_], term_df),
                        )
                    })
                    .filter(|(_, s)| *s >= THRESHOLD)
                    .collect();
                for &(slot, _) in v {
                    dense[slot as usize] = 0.0;
                }
                scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                scored.truncate(MAX_RELATED);
                (!scored.is_empty()).then(|| {
                    let related = scored
                        .into_iter()
                        .map(|(j, score)| Related {
                            slot: units[j as usize].slot,
                            score,
                        })
                        .collect();
                    (units[i].slot, related)
                })
            },
        )
        .flatten()
        .collect();
    for (slot, related) in found {
        if let Some(o) = out.get_mut(slot) {
            *o = related;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::fold;

    /// [`bigrams`] one character at a time, as the rule says: fold, keep CJK characters.
    fn by_characters(text: &str) -> Bigrams {
        let is_cjk = |c: char| {
            ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
        };
        let mut fs = Vec::new();
        let mut prev = None;
        for c in text.chars().map(fold) {
            let cjk = is_cjk(c).then_some(c as u32);
            if let (Some(a), Some(b)) = (prev, cjk) {
                fs.push(feature(a, b));
            }
            prev = cjk;
        }
        fs
    }

    #[test]
    fn counts_and_rare_features_are_those_a_hash_map_gives() {
        // Features as bigrams make them, and ones that share their low or high bits, in
        // units of several sizes, with repeats within a unit; enough to grow the table.
        let mut units: Vec<Bigrams> = Vec::new();
        for u in 0..300u32 {
            let unit = (0..(u % 40) * 4)
                .map(|k| match k % 4 {
                    0 => feature(0x4E00 + (u * 7 + k) % 500, 0x4E00 + k % 13),
                    1 => (u % 50 + 1) << 24,
                    2 => feature(0x4E00, 0x4E01 + k % 5),
                    _ => feature(0x3400, 0x4E00 + (k * u) % 4000),
                })
                .collect();
            units.push(unit);
        }
        let refs: Vec<&Bigrams> = units.iter().collect();
        let mut expected: HashMap<u32, u32> = HashMap::default();
        for fs in &units {
            let mut seen = fs.clone();
            seen.sort_unstable();
            seen.dedup();
            for f in seen {
                *expected.entry(f).or_default() += 1;
            }
        }
        let df = document_frequencies(&refs);
        assert!(expected.len() > 4096, "{} features", expected.len());
        assert_eq!(df.len, expected.len());
        assert_eq!(df.iter().count(), expected.len());
        for (&f, &n) in &expected {
            assert_eq!(df.get(f), n, "{f:#x}");
        }
        assert_eq!(df.get(feature(0x9FFF, 0x9FFF)), 0);
        let rare = Rare::new(&df);
        for (&f, &n) in &expected {
            assert_eq!(rare.contains(f), n as usize <= MAX_POSTINGS, "{f:#x}");
        }
        assert!(!rare.contains(feature(0x9FFF, 0x9FFF)));
        assert!(expected.values().any(|&n| n as usize > MAX_POSTINGS));
        assert!(expected.values().any(|&n| n as usize <= MAX_POSTINGS));
    }

    #[test]
    fn bigrams_read_off_bytes_are_those_of_the_characters() {
        // Each end of both CJK ranges and a neighbour outside each; 員, which folds to 员;
        // punctuation led by E3 like extension A; one, two and four-byte characters.
        let pieces = [
            "a", "。", "\u{33FF}", "\u{3400}", "\u{4DBF}", "\u{4DC0}", "\u{4DFF}", "\u{4E00}",
            "\u{9FFF}", "\u{A000}", "員", "员", "é", "😀", "（",
        ];
        // Every string of up to four pieces.
        let mut layer = vec![String::new()];
        let mut strings = layer.clone();
        for _ in 0..4 {
            layer = (layer.iter())
                .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
                .collect();
            strings.extend(layer.iter().cloned());
        }
        let mut found = 0;
        for s in &strings {
            let fs = bigrams(s);
            assert_eq!(fs, by_characters(s), "{s:?}");
            found += fs.len();
        }
        assert!(
            found > 10_000,
            "only {found} bigrams in {} strings",
            strings.len()
        );
        assert_eq!(bigrams("議員員"), bigrams("議员员"));
    }
}
