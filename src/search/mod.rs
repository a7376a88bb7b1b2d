//! The search index: built here, read by `theme/search.js`. See ARCHITECTURE.md, "Search".
//!
//! The unit of search is a passage with an anchor: a heading, a numbered clause or a
//! paragraph, keyed by its structural id. Every unit's text becomes tokens
//! ([`token::tokens`]) and the index maps keys to postings:
//!
//! - each pair of adjacent Han characters (a bigram) → the units and positions where it
//!   occurs, so a query of any length matches only where its bigrams are adjacent, that is,
//!   exactly where the query is a substring (no dictionary, nothing to disagree about);
//! - each Han character → the units and counts, for one-character queries;
//! - each word (`5g`, `aeo`, `2025`) → units and positions;
//! - each Han character or word followed by a gap, as the key `X ` → units and positions,
//!   so that a query with punctuation (`中国-拉共体`) matches only where the text has some.
//!
//! Keys are spread over shards by a hash of the key, so a query fetches one small file per
//! key. The passages themselves (citation, text) sit in chunks of consecutive units,
//! fetched only for the results shown. Glossary names in English and Spanish and
//! abbreviations go to a small names file that lets a Latin query find the Chinese term.
//!
//! Every file lives under `search/<lang>/<hash>/`, the hash taken over all of them, so a
//! deploy never mixes old and new files.

pub mod token;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde_json::json;

use crate::enrich::unit_url;
use crate::i18n::Strings;
use crate::outline::{Kind, Node};
use crate::output::content_hash;
use crate::project::Project;
use crate::site::cite::{cite_path, division_label};
use crate::translation::State;
use token::{tokens, Token};

/// A passage as search sees it.
#[derive(Debug, Clone)]
pub struct SearchUnit {
    /// The page, from the site root: `doc/art2/`.
    pub page: String,
    /// The anchor on the page; empty for a document's title.
    pub id: String,
    pub doc: usize,
    /// `第二条 五（二）`.
    pub cite: String,
    pub text: String,
    /// Headings and titles weigh more in ranking.
    pub heading: bool,
}

/// The files of one language's index, and the manifest's path (from the site root).
pub struct SearchIndex {
    pub files: Vec<(String, Vec<u8>)>,
    pub manifest: String,
}

/// Target size of a shard of postings and of a chunk of passages, raw bytes.
const SHARD_BYTES: usize = 4096;
const CHUNK_BYTES: usize = 3072;

/// Every searchable passage in language `lang` (an index into the site's languages), in
/// document order. In a language other than the source, a passage's translation is searched
/// where there is one, else its source text, as the page shows it.
pub fn units(project: &Project, lang: usize) -> Vec<SearchUnit> {
    let t = &project.content.strings[lang];
    let tr = (lang > 0).then_some(t.lang.as_str());
    let mut out = Vec::new();
    for (doc, d) in project.documents.iter().enumerate() {
        let slug = d.slug();
        let title = tr
            .and_then(|code| project.translations.meta(code, d, "title").0)
            .unwrap_or_else(|| d.title());
        out.push(SearchUnit {
            page: format!("{slug}/"),
            id: String::new(),
            doc,
            cite: String::new(),
            text: title,
            heading: true,
        });
        let ctx = Collect {
            project,
            t,
            tr,
            doc,
        };
        for top in &d.outline.nodes {
            let page = (top.kind != Kind::Preamble).then_some(top);
            let mut path = Vec::new();
            ctx.collect(page, top, &mut path, &mut out);
        }
    }
    out
}

struct Collect<'a> {
    project: &'a Project,
    t: &'a Strings,
    /// The language of the translation to search, when not the source.
    tr: Option<&'a str>,
    doc: usize,
}

impl Collect<'_> {
    fn collect<'a>(
        &self,
        top: Option<&'a Node>,
        n: &'a Node,
        path: &mut Vec<&'a Node>,
        out: &mut Vec<SearchUnit>,
    ) {
        path.push(n);
        let d = &self.project.documents[self.doc];
        let (mut title, mut body) = (n.title.clone(), n.text.clone());
        if let Some(code) = self.tr {
            let shown = self.project.translations.node(code, d, n);
            if shown.state != State::Missing {
                (title, body) = (shown.title.or(title), shown.text.or(body));
            }
        }
        let mut text = String::new();
        if let Kind::Division(k) = n.kind {
            match self.tr {
                Some(_) => text.push_str(&division_label(k, n.number, self.t)),
                None => text.push_str(&n.label),
            }
        }
        for part in [&title, &body].into_iter().flatten() {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(part);
        }
        if !text.is_empty() {
            let url = unit_url(self.project, self.doc, top, &n.id);
            let page = url.split('#').next().unwrap_or("").to_string();
            out.push(SearchUnit {
                page,
                id: n.id.clone(),
                doc: self.doc,
                cite: cite_path(path, self.t),
                text,
                heading: n.title.is_some() || matches!(n.kind, Kind::Division(_)),
            });
        }
        for c in &n.children {
            self.collect(top, c, path, out);
        }
        path.pop();
    }
}

/// Glossary names for Latin queries: (folded English, Spanish or abbreviated name, the
/// Chinese names it stands for).
pub fn glossary_names(project: &Project) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for e in &project.glossary.entries {
        let zh: Vec<String> = e.names().map(str::to_string).collect();
        for name in [Some(&e.en), Some(&e.es), e.abbr.as_ref()]
            .into_iter()
            .flatten()
        {
            let words: Vec<String> = tokens(name)
                .into_iter()
                .filter_map(|t| match t {
                    Token::Word(w) => Some(w),
                    _ => None,
                })
                .collect();
            if !words.is_empty() {
                out.push((words.join(" "), zh.clone()));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// FNV-1a, 32 bits: the shard of a key. `theme/search.js` computes the same.
pub fn key_hash(key: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in key.as_bytes() {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Postings of one key: (unit, position) pairs in order.
type Postings = Vec<(u32, u32)>;

/// `count, (unit delta, meta, n, position deltas…)…`, or with `counts_only`
/// `count, (unit delta, meta, n)…`.
fn encode(postings: &[(u32, u32)], metas: &[u64], counts_only: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = postings.chunk_by(|a, b| a.0 == b.0);
    varint(&mut out, units.clone().count() as u64);
    let mut prev = 0;
    for group in units {
        let unit = group[0].0;
        varint(&mut out, u64::from(unit - prev));
        prev = unit;
        varint(&mut out, metas[unit as usize]);
        varint(&mut out, group.len() as u64);
        if !counts_only {
            let mut last = 0;
            for &(_, p) in group {
                varint(&mut out, u64::from(p - last));
                last = p;
            }
        }
    }
    out
}

/// The keys of a part of the units: Han keys packed as two characters in a number (the
/// second 0 for a single character, a space for "followed by a gap"), words as strings.
#[derive(Default)]
struct Part {
    han: HashMap<u64, Postings>,
    words: HashMap<String, Postings>,
    metas: Vec<u64>,
    tokens: u64,
}

fn han_key(c: char, next: u32) -> u64 {
    (u64::from(c as u32) << 32) | u64::from(next)
}

fn han_key_string(k: u64) -> String {
    let mut s = String::new();
    s.extend(char::from_u32((k >> 32) as u32));
    if k as u32 != 0 {
        s.extend(char::from_u32(k as u32));
    }
    s
}

fn index_part(first: u32, units: &[SearchUnit]) -> Part {
    let mut part = Part::default();
    for (i, u) in units.iter().enumerate() {
        let i = first + i as u32;
        let toks = tokens(&u.text);
        part.tokens += toks.len() as u64;
        part.metas
            .push(((toks.len() as u64) << 1) | u64::from(u.heading));
        for (p, t) in toks.iter().enumerate() {
            let next = toks.get(p + 1);
            let p = p as u32;
            match t {
                Token::Han(c) => {
                    part.han.entry(han_key(*c, 0)).or_default().push((i, p));
                    let second = match next {
                        Some(Token::Han(d)) => *d as u32,
                        Some(Token::Gap) => ' ' as u32,
                        _ => continue,
                    };
                    part.han
                        .entry(han_key(*c, second))
                        .or_default()
                        .push((i, p));
                }
                Token::Word(w) => {
                    part.words.entry(w.clone()).or_default().push((i, p));
                    if next == Some(&Token::Gap) {
                        part.words.entry(format!("{w} ")).or_default().push((i, p));
                    }
                }
                Token::Gap => {}
            }
        }
    }
    part
}

/// Builds one language's index from its units.
pub fn build(
    lang: &str,
    units: &[SearchUnit],
    docs: &[String],
    names: &[(String, Vec<String>)],
) -> SearchIndex {
    // Index parts of the units in parallel, then join their postings in unit order.
    const PART: usize = 4096;
    let parts: Vec<Part> = units
        .par_chunks(PART)
        .enumerate()
        .map(|(n, chunk)| index_part((n * PART) as u32, chunk))
        .collect();
    let mut han: HashMap<u64, Postings> = HashMap::new();
    let mut words: HashMap<String, Postings> = HashMap::new();
    let mut metas = Vec::with_capacity(units.len());
    let mut total_len = 0u64;
    for part in parts {
        for (k, v) in part.han {
            han.entry(k).or_default().extend(v);
        }
        for (k, v) in part.words {
            words.entry(k).or_default().extend(v);
        }
        metas.extend(part.metas);
        total_len += part.tokens;
    }
    // Encode every key, then spread the keys over enough shards of about SHARD_BYTES (and
    // not many more shards than keys).
    let mut encoded: Vec<(String, Vec<u8>)> = han
        .into_par_iter()
        .map(|(k, p)| (han_key_string(k), encode(&p, &metas, k as u32 == 0)))
        .chain(
            words
                .into_par_iter()
                .map(|(k, p)| (k, encode(&p, &metas, false))),
        )
        .collect();
    encoded.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let total: usize = encoded.iter().map(|(k, p)| k.len() + p.len() + 4).sum();
    let shards = total
        .div_ceil(SHARD_BYTES)
        .min(encoded.len() / 8)
        .max(1)
        .next_power_of_two();
    let mut shard_bytes: Vec<Vec<u8>> = vec![Vec::new(); shards];
    for (k, p) in &encoded {
        let s = &mut shard_bytes[(key_hash(k) as usize) % shards];
        varint(s, k.len() as u64);
        s.extend_from_slice(k.as_bytes());
        varint(s, p.len() as u64);
        s.extend_from_slice(p);
    }
    // Chunks of consecutive units.
    let avg_bytes = units.iter().map(|u| u.text.len() + 40).sum::<usize>() / units.len().max(1);
    let per_chunk = (CHUNK_BYTES / avg_bytes.max(1)).clamp(4, 64);
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (i, chunk) in units.chunks(per_chunk).enumerate() {
        let mut pages: Vec<&str> = Vec::new();
        let rows: Vec<serde_json::Value> = chunk
            .iter()
            .map(|u| {
                let p = match pages.iter().position(|p| *p == u.page) {
                    Some(p) => p,
                    None => {
                        pages.push(&u.page);
                        pages.len() - 1
                    }
                };
                json!([p, u.id, u.doc, u.cite, u.text, u8::from(u.heading)])
            })
            .collect();
        let body = json!({ "p": pages, "u": rows });
        files.insert(format!("c{i}.json"), body.to_string().into_bytes());
    }
    for (i, bytes) in shard_bytes.into_iter().enumerate() {
        files.insert(format!("s{i}.bin"), bytes);
    }
    if !names.is_empty() {
        files.insert(
            "names.json".into(),
            serde_json::to_vec(names).unwrap_or_default(),
        );
    }
    let manifest = json!({
        "v": 1,
        "lang": lang,
        "n": units.len(),
        "avg": if units.is_empty() { 0.0 } else { total_len as f64 / units.len() as f64 },
        "shards": shards,
        "k": per_chunk,
        "docs": docs,
        "names": !names.is_empty(),
    });
    let manifest = manifest.to_string().into_bytes();
    let mut all = String::new();
    for (name, bytes) in &files {
        all.push_str(name);
        all.push_str(&content_hash(bytes));
    }
    all.push_str(&content_hash(&manifest));
    let dir = format!("search/{lang}/{}/", content_hash(all.as_bytes()));
    let mut out: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|(name, bytes)| (format!("{dir}{name}"), bytes))
        .collect();
    let manifest_path = format!("{dir}index.json");
    out.push((manifest_path.clone(), manifest));
    SearchIndex {
        files: out,
        manifest: manifest_path,
    }
}

/// The index of a project in language `lang` (an index into the site's languages). Glossary
/// names in other languages lead to the Chinese terms only in the source language's index;
/// the other indexes hold the translations themselves.
pub fn index(project: &Project, lang: usize) -> SearchIndex {
    let code = &project.content.strings[lang].lang;
    let docs: Vec<String> = project
        .documents
        .iter()
        .map(|d| {
            let translated = (lang > 0)
                .then(|| project.translations.meta(code, d, "short_title").0)
                .flatten();
            translated
                .or_else(|| d.meta.short_title.clone())
                .unwrap_or_else(|| d.title())
        })
        .collect();
    let names = if lang == 0 {
        glossary_names(project)
    } else {
        Vec::new()
    };
    build(code, &units(project, lang), &docs, &names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_sizes() {
        let mut v = Vec::new();
        varint(&mut v, 0);
        varint(&mut v, 127);
        varint(&mut v, 128);
        varint(&mut v, 300);
        assert_eq!(v, [0, 127, 0x80, 1, 0xac, 2]);
    }

    #[test]
    fn hashes_keys_like_fnv1a() {
        assert_eq!(key_hash(""), 0x811c_9dc5);
        assert_eq!(key_hash("a"), 0xe40c_292c);
    }
}
