//! The search index kept in memory between watch-mode rebuilds, and brought up to date by
//! recomputing only what an edit touched. The files are the same, byte for byte, as
//! [`super::build`] makes from the same units (`tests/integration/watch.rs` checks it).
//!
//! An edit changes a run of units: the units before it and after it are the same texts as
//! last time (found by comparing the old and new unit lists from both ends). Each unit's
//! keys are kept, so the keys the edit touched are those of the old and the new run; only
//! their postings are spliced and their columns encoded again. When the run changes the
//! number of units, the units after it move, and so does every key found after it (its
//! unit numbers shift; its columns are encoded again). Chunk files are made again where
//! their units differ; files are hashed again only where their bytes differ.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;

use super::format::{lay_out, Laid, Postings};
use super::token::tokens;
use super::{chunk_file, each_key, finish, meta, names, per_chunk, Hashes, Key, Parts};
use super::{name_groups, titles, units, SearchIndex, SearchUnit};
use crate::project::Project;
use std::ops::Range;

/// Which documents' passages may have changed since the last update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Touched {
    /// Any of them (the project was loaded again, or content/ changed: titles, citations,
    /// translations).
    All,
    /// These documents, by index (each was read and recognised again); none for an edit to
    /// the glossary, the subjects, a template or an asset.
    Documents(Vec<usize>),
}

/// The index of every language of a site, kept between rebuilds.
#[derive(Default)]
pub struct LiveIndexes(Vec<(String, LiveIndex)>);

impl LiveIndexes {
    /// Brings every language's index up to `project` and returns their files, in the order
    /// of the site's languages. Only the passages of `touched` documents are made again.
    pub fn update(&mut self, project: &Project, touched: &Touched) -> Vec<SearchIndex> {
        let langs: Vec<&String> = project.content.strings.iter().map(|t| &t.lang).collect();
        if !self.0.iter().map(|(l, _)| l).eq(langs.iter().copied()) {
            self.0 = langs
                .iter()
                .map(|l| (l.to_string(), LiveIndex::default()))
                .collect();
        }
        self.0
            .par_iter_mut()
            .enumerate()
            .map(|(lang, (code, live))| live.refresh(code, project, lang, touched))
            .collect()
    }
}

/// A unit's keys, in order of position, and its number of tokens.
struct UnitKeys {
    keys: Vec<(Key, u32)>,
    tokens: u64,
}

fn unit_keys(u: &SearchUnit) -> UnitKeys {
    let toks = tokens(&u.text);
    let mut keys = Vec::new();
    each_key(&toks, |k, p| keys.push((k, p)));
    UnitKeys {
        keys,
        tokens: toks.len() as u64,
    }
}

/// One language's index as last built.
#[derive(Default)]
pub struct LiveIndex {
    units: Vec<SearchUnit>,
    keyed: Vec<UnitKeys>,
    metas: Vec<u64>,
    postings: FxHashMap<Key, Postings>,
    encoded: BTreeMap<String, Laid>,
    docs: Vec<String>,
    per_chunk: usize,
    chunks: Vec<Vec<u8>>,
    hashes: Hashes,
    /// Whether the index was made at all (before, every document is new).
    built: bool,
}

/// The length of the common prefix of `a` and `b` under `same`, and then of the common
/// suffix of what is left.
fn common_ends<T>(a: &[T], b: &[T], same: impl Fn(&T, &T) -> bool) -> (usize, usize) {
    let prefix = a.iter().zip(b).take_while(|(x, y)| same(x, y)).count();
    let rest = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(rest)
        .take_while(|(x, y)| same(x, y))
        .count();
    (prefix, suffix)
}

impl LiveIndex {
    /// Brings the index up to `project`, making again the passages of the `touched`
    /// documents only, and returns its files.
    fn refresh(
        &mut self,
        code: &str,
        project: &Project,
        lang: usize,
        touched: &Touched,
    ) -> SearchIndex {
        let (docs, names) = (titles(project, lang), name_groups(project));
        let known = self.built && self.docs.len() == docs.len();
        match touched {
            Touched::Documents(ds) if known => {
                let (lo, hi, run) = match (ds.iter().min(), ds.iter().max()) {
                    (Some(&first), Some(&last)) => (
                        self.units.partition_point(|u| u.doc < first),
                        self.units.partition_point(|u| u.doc <= last),
                        units(project, lang, first..last + 1),
                    ),
                    _ => (0, 0, Vec::new()),
                };
                self.update(code, lo..hi, run, &docs, &names)
            }
            _ => {
                let all = 0..self.units.len();
                let run = units(project, lang, 0..docs.len());
                self.update(code, all, run, &docs, &names)
            }
        }
    }

    /// Replaces the units in `window` by `run` and returns the index's files.
    pub fn update(
        &mut self,
        lang: &str,
        window: Range<usize>,
        run: Vec<SearchUnit>,
        docs: &[String],
        groups: &[Vec<String>],
    ) -> SearchIndex {
        self.built = true;
        let (n, lo) = (self.units.len(), window.start);
        let m = n - window.len() + run.len();
        // The run of units whose text changed: old [p, old_end), new [p, new_end).
        let (same_start, same_end) = common_ends(&self.units[window.clone()], &run, |a, b| {
            a.text == b.text && a.heading == b.heading
        });
        let p = lo + same_start;
        let (old_end, new_end) = (window.end - same_end, lo + run.len() - same_end);
        let changed = &run[same_start..run.len() - same_end];
        let fresh: Vec<UnitKeys> = changed.par_iter().map(unit_keys).collect();
        // The new run's postings, by key.
        let mut added: FxHashMap<&Key, Postings> = FxHashMap::default();
        for (i, uk) in fresh.iter().enumerate() {
            for (k, pos) in &uk.keys {
                added.entry(k).or_default().push(((p + i) as u32, *pos));
            }
        }
        let mut touched: FxHashSet<Key> = self.keyed[p..old_end]
            .iter()
            .flat_map(|uk| uk.keys.iter().map(|(k, _)| k.clone()))
            .chain(added.keys().map(|k| (*k).clone()))
            .collect();
        if m != n {
            touched.extend(
                self.postings
                    .iter()
                    .filter(|(_, v)| v.last().is_some_and(|l| l.0 as usize >= old_end))
                    .map(|(k, _)| k.clone()),
            );
        }
        // Splice each touched key's postings: before the run, the new run, after it moved.
        let shift = |u: u32| (u as usize + new_end - old_end) as u32;
        for key in &touched {
            let old = self.postings.remove(key).unwrap_or_default();
            let before = old.partition_point(|x| (x.0 as usize) < p);
            let after = old.partition_point(|x| (x.0 as usize) < old_end);
            let mut new: Postings = old[..before].to_vec();
            if let Some(run) = added.get(key) {
                new.extend_from_slice(run);
            }
            new.extend(old[after..].iter().map(|&(u, pos)| (shift(u), pos)));
            if !new.is_empty() {
                self.postings.insert(key.clone(), new);
            }
        }
        drop(added);
        // Units, their keys and metas.
        let metas = fresh
            .iter()
            .zip(changed)
            .map(|(uk, u)| meta(uk.tokens as usize, u.heading));
        self.metas.splice(p..old_end, metas);
        self.keyed.splice(p..old_end, fresh);
        // The touched keys' columns.
        let touched: Vec<Key> = touched.into_iter().collect();
        let encoded: Vec<(String, Option<Laid>)> = touched
            .par_iter()
            .map(|k| {
                let c = self.postings.get(k).map(|v| k.laid(v, &self.metas));
                (k.name(), c)
            })
            .collect();
        for (name, c) in encoded {
            match c {
                Some(c) => self.encoded.insert(name, c),
                None => self.encoded.remove(&name),
            };
        }
        // The units themselves, and the chunks from the first that differs in any way.
        let (same_start, same_end) = common_ends(&self.units[window.clone()], &run, |a, b| a == b);
        let differ = lo + same_start..lo + run.len() - same_end;
        self.units.splice(window, run);
        self.update_chunks(differ, n, docs);
        let names = names::lay_out(&names::present(groups, |k| self.postings.contains_key(k)));
        let parts = Parts {
            lang,
            units: m,
            total_len: self.keyed.iter().map(|uk| uk.tokens).sum(),
            per_chunk: self.per_chunk,
            keys: lay_out(
                self.encoded.iter().map(|(k, c)| (k.as_str(), c)),
                &names.keys,
            ),
            chunks: self.chunks.clone(),
            names,
        };
        finish(parts, &mut self.hashes)
    }

    /// Makes again the chunk files whose units (or their documents' titles) changed: those
    /// holding the units `differ` (in the new numbering), and all after them if the number
    /// of units changed from `before`.
    fn update_chunks(&mut self, differ: Range<usize>, before: usize, docs: &[String]) {
        let m = self.units.len();
        let k = per_chunk(self.units.iter().map(|u| u.text.len()).sum(), m);
        let all = k != self.per_chunk || docs != self.docs;
        let first = if all { 0 } else { differ.start / k };
        let end = if all || m != before { m } else { differ.end };
        let count = m.div_ceil(k);
        self.chunks.truncate(count);
        let units = &self.units;
        let made: Vec<(usize, Vec<u8>)> = (first..count)
            .into_par_iter()
            .filter(|i| i * k < end)
            .map(|i| (i, chunk_file(&units[i * k..((i + 1) * k).min(m)], docs)))
            .collect();
        for (i, bytes) in made {
            if i < self.chunks.len() {
                self.chunks[i] = bytes;
            } else {
                self.chunks.push(bytes);
            }
        }
        self.per_chunk = k;
        self.docs = docs.to_vec();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::build;

    /// A small deterministic random source (a linear congruential generator).
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) % n.max(1) as u64) as usize
        }
    }

    fn text(rng: &mut Lcg) -> String {
        const PIECES: [&str; 10] = [
            "中拉", "合作", "论坛", "，", "5G", "网络", "AEO", "发展", "3500个", "。",
        ];
        (0..1 + rng.below(12))
            .map(|_| PIECES[rng.below(PIECES.len())])
            .collect()
    }

    fn unit(rng: &mut Lcg, doc: usize) -> SearchUnit {
        SearchUnit {
            page: format!("d{doc}/p{}/", rng.below(3)),
            id: format!("i{}", rng.below(1000)),
            doc,
            cite: String::new(),
            text: text(rng),
            heading: rng.below(4) == 0,
        }
    }

    #[test]
    fn every_kind_of_edit_gives_the_files_of_a_full_build() {
        let mut rng = Lcg(7);
        let mut docs = vec!["甲".to_string(), "乙".to_string()];
        let mut units: Vec<SearchUnit> = (0..300).map(|i| unit(&mut rng, i / 150)).collect();
        let names = vec![vec!["北斗".to_string(), "Beidou".to_string()]];
        let mut live = LiveIndex::default();
        let mut kinds = [0usize; 6];
        for step in 0..60 {
            let kind = rng.below(6);
            kinds[kind] += 1;
            let at = rng.below(units.len());
            let doc = units[at].doc;
            let of_doc = |us: &[SearchUnit]| {
                us.partition_point(|u| u.doc < doc)..us.partition_point(|u| u.doc <= doc)
            };
            let before = of_doc(&units);
            match kind {
                0 => units[at].text = text(&mut rng),
                1 => units.insert(at, unit(&mut rng, units[at].doc)),
                2 => {
                    let end = (at + 1 + rng.below(5)).min(before.end);
                    units.drain(at..end);
                }
                3 => units[at].heading = !units[at].heading,
                4 => units[at].page = format!("moved{step}/"),
                _ => docs[rng.below(2)] = format!("题{step}"),
            }
            // Every other step, as watch mode does after a seed edit: the edited document's
            // units only (none for a change of titles).
            let got = match (step % 2, kind) {
                (0, _) => live.update("zh", 0..live.units.len(), units.clone(), &docs, &names),
                (_, 5) => live.update("zh", 0..0, Vec::new(), &docs, &names),
                _ => {
                    let run = units[of_doc(&units)].to_vec();
                    live.update("zh", before, run, &docs, &names)
                }
            };
            let want = build("zh", &units, &docs, &names);
            assert_eq!(got.manifest, want.manifest);
            let diff: Vec<&String> = got
                .files
                .iter()
                .zip(&want.files)
                .filter(|(a, b)| a != b)
                .map(|(a, _)| &a.0)
                .collect();
            assert_eq!(
                got.files.len(),
                want.files.len(),
                "step {step}, kind {kind}"
            );
            assert!(diff.is_empty(), "step {step}, kind {kind}: {diff:?}");
        }
        assert!(
            kinds.iter().all(|&k| k > 0),
            "every kind of edit ran: {kinds:?}"
        );
    }
}
