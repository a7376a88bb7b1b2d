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
//! - each Han character or word followed by a gap, as the key `X `, and each word next to a
//!   Han character (`3500个`, `供3500`) → units and positions, so that a query with
//!   punctuation (`中国-拉共体`) matches only where the text has some, and a number next to a
//!   character is checked by position like a bigram.
//!
//! Keys are spread over shards by a hash of the key; a shard tells how many units each key
//! has and where its columns are ([`format`]), so a query fetches the rarest keys that cover
//! it and only the columns it needs. The passages themselves (citation, text, document
//! title) sit in chunks of consecutive units, fetched only for the results shown. Glossary
//! names in English and Spanish and abbreviations go to a small names file that lets a Latin
//! query find the Chinese term.
//!
//! Every page names the manifest `search/<lang>/index.json`, whose path never changes; it
//! names the folder `search/<lang>/<hash>/` that holds every other file, the hash taken over
//! all of them, so a deploy never mixes old and new files (and an edit to a text changes the
//! manifest and the index files, not every page).

pub mod format;
mod incremental;
pub mod names;
pub mod token;

pub use incremental::{LiveIndexes, Touched};

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::json;

use crate::enrich::unit_url;
use crate::i18n::Strings;
use crate::outline::{Kind, Node};
use crate::project::Project;
use crate::site::cite::{self, division_label};
use crate::text::hash::content_hash;
use crate::translation::State;
use format::{columns, lay_out, Laid, Postings};
use token::{tokens, Token};

/// A passage as search sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchUnit {
    /// The page, from the site root: `doc/art2/`.
    pub page: String,
    /// The anchor on the page; `title` for a document's title (its `h1`).
    pub id: String,
    pub doc: usize,
    /// `第二条 五（二）`.
    pub cite: String,
    pub text: String,
    /// Headings and titles weigh more in ranking.
    pub heading: bool,
}

/// The files of one language's index, and the manifest's path (from the site root:
/// `search/<lang>/index.json`, the same from build to build).
pub struct SearchIndex {
    pub files: Vec<(String, Vec<u8>)>,
    pub manifest: String,
}

/// Target size of a chunk of passages, raw bytes.
const CHUNK_BYTES: usize = 3072;

/// Every searchable passage of the documents `docs` in language `lang` (an index into the
/// site's languages), in document order. In a language other than the source, a passage's
/// translation is searched where there is one, else its source text, as the page shows it.
pub fn units(project: &Project, lang: usize, docs: Range<usize>) -> Vec<SearchUnit> {
    let t = &project.content.strings[lang];
    let tr = (lang > 0).then_some(t.lang.as_str());
    // Documents in parallel (citations take most of the time), joined in order.
    let per_doc: Vec<Vec<SearchUnit>> = docs
        .into_par_iter()
        .map(|doc| {
            let d = &project.documents[doc];
            let mut out = Vec::new();
            let slug = d.slug();
            let title = tr
                .and_then(|code| project.translations.meta(code, d, "title").0)
                .unwrap_or_else(|| d.title());
            out.push(SearchUnit {
                page: format!("{slug}/"),
                id: "title".into(),
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
                ctx.collect(None, top, &mut cite::Parts::default(), &mut out);
            }
            out
        })
        .collect();
    per_doc.into_iter().flatten().collect()
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
        parts: &mut cite::Parts,
        out: &mut Vec<SearchUnit>,
    ) {
        let top = if n.page { Some(n) } else { top };
        let mark = parts.mark();
        parts.push(n, self.t);
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
            // As pages show it, so that a snippet reads like the page it leads to.
            let text = crate::text::punct::display(&text).into_owned();
            let url = unit_url(self.project, self.doc, top, &n.id);
            let page = url.split('#').next().unwrap_or("").to_string();
            out.push(SearchUnit {
                page,
                id: n.id.clone(),
                doc: self.doc,
                cite: parts.cite(self.t),
                text,
                heading: n.title.is_some() || matches!(n.kind, Kind::Division(_)),
            });
        }
        for c in &n.children {
            self.collect(top, c, parts, out);
        }
        parts.truncate(mark);
    }
}

/// Names of one thing, for query expansion: each glossary term with its aliases and its
/// English, Spanish and abbreviated names, and each entry of the synonyms table.
pub fn name_groups(project: &Project) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = project
        .glossary
        .entries
        .iter()
        .map(|e| {
            let mut names: Vec<String> = e.names().map(str::to_string).collect();
            names.extend(
                [Some(&e.en), Some(&e.es), e.abbr.as_ref()]
                    .into_iter()
                    .flatten()
                    .cloned(),
            );
            names.retain(|n| !n.trim().is_empty());
            names.dedup();
            names
        })
        .filter(|g| g.len() > 1)
        .collect();
    out.extend(project.content.synonyms.iter().cloned());
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

/// A key of the index: a Han character or pair packed in a number (the second 0 for a single
/// character, a space for "followed by a gap"), or a word (also a word beside a character,
/// `3500个`, and a word followed by a gap, `5g `).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Han(u64),
    Word(String),
}

impl Key {
    /// The key's columns for `postings`, laid out as the index files hold them: the one
    /// encoding of a key, for a build and for watch mode.
    fn laid(&self, postings: &Postings, metas: &[u64]) -> Laid {
        Laid::new(&columns(postings, metas, self.positional()))
    }

    /// The key as the shards spell it.
    fn name(&self) -> String {
        match self {
            Key::Han(k) => han_key_string(*k),
            Key::Word(w) => w.clone(),
        }
    }

    /// Whether the key keeps positions: all but a single Han character, which keeps counts.
    fn positional(&self) -> bool {
        match self {
            Key::Han(k) => *k as u32 != 0,
            Key::Word(_) => true,
        }
    }
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

/// Calls `f` with every key of a unit's tokens and its position, positions ascending: the
/// one definition of what a text is indexed under, for a build and for watch mode.
fn each_key(toks: &[Token], mut f: impl FnMut(Key, u32)) {
    for (p, t) in toks.iter().enumerate() {
        let next = toks.get(p + 1);
        let p = p as u32;
        match t {
            Token::Han(c) => {
                f(Key::Han(han_key(*c, 0)), p);
                let second = match next {
                    Some(Token::Han(d)) => *d as u32,
                    Some(Token::Gap) => ' ' as u32,
                    Some(Token::Word(w)) => {
                        f(Key::Word(format!("{c}{w}")), p);
                        continue;
                    }
                    None => continue,
                };
                f(Key::Han(han_key(*c, second)), p);
            }
            Token::Word(w) => {
                f(Key::Word(w.clone()), p);
                match next {
                    Some(Token::Gap) => f(Key::Word(format!("{w} ")), p),
                    Some(Token::Han(c)) => f(Key::Word(format!("{w}{c}")), p),
                    _ => {}
                }
            }
            Token::Gap => {}
        }
    }
}

/// A unit's `len << 1 | heading`, as ranking reads it.
fn meta(tokens: usize, heading: bool) -> u64 {
    ((tokens as u64) << 1) | u64::from(heading)
}

/// The keys of a part of the units.
#[derive(Default)]
struct Part {
    keys: FxHashMap<Key, Postings>,
    metas: Vec<u64>,
    tokens: u64,
}

fn index_part(first: u32, units: &[SearchUnit]) -> Part {
    let mut part = Part::default();
    for (i, u) in units.iter().enumerate() {
        let i = first + i as u32;
        let toks = tokens(&u.text);
        part.tokens += toks.len() as u64;
        part.metas.push(meta(toks.len(), u.heading));
        each_key(&toks, |k, p| part.keys.entry(k).or_default().push((i, p)));
    }
    part
}

/// The index of `x` in `list`, added at the end if it is not there yet.
fn local<T: PartialEq>(list: &mut Vec<T>, x: T) -> usize {
    match list.iter().position(|y| *y == x) {
        Some(i) => i,
        None => {
            list.push(x);
            list.len() - 1
        }
    }
}

/// How many consecutive units share a chunk file, about [`CHUNK_BYTES`] each.
fn per_chunk(text_bytes: usize, units: usize) -> usize {
    let avg_bytes = (text_bytes + 40 * units) / units.max(1);
    (CHUNK_BYTES / avg_bytes.max(1)).clamp(4, 64)
}

/// A chunk file: the passages of consecutive units, with their pages and document titles.
fn chunk_file(chunk: &[SearchUnit], docs: &[String]) -> Vec<u8> {
    let (mut pages, mut titles): (Vec<&str>, Vec<usize>) = (Vec::new(), Vec::new());
    let rows: Vec<serde_json::Value> = chunk
        .iter()
        .map(|u| {
            let p = local(&mut pages, u.page.as_str());
            let d = local(&mut titles, u.doc);
            json!([p, u.id, d, u.cite, u.text, u8::from(u.heading)])
        })
        .collect();
    let titles: Vec<&str> = titles.iter().map(|&d| docs[d].as_str()).collect();
    json!({ "p": pages, "d": titles, "u": rows })
        .to_string()
        .into_bytes()
}

/// What an index is made of, before it is named.
struct Parts<'a> {
    lang: &'a str,
    units: usize,
    total_len: u64,
    per_chunk: usize,
    /// Shard and key files, and the number of shards ([`format::lay_out`]).
    keys: (Vec<(String, Vec<u8>)>, usize),
    chunks: Vec<Vec<u8>>,
    /// The names of [`names`], laid out; their keys are in the shards of `keys`.
    names: names::Laid,
}

/// The content hash of each file of the last index, by name, with the bytes it was taken
/// over: watch mode hashes only the files that changed.
#[derive(Default)]
struct Hashes(HashMap<String, (Vec<u8>, String)>);

impl Hashes {
    fn of(&self, name: &str, bytes: &[u8]) -> String {
        match self.0.get(name) {
            Some((b, h)) if b == bytes => h.clone(),
            _ => content_hash(bytes),
        }
    }
}

/// Names the index's folder by a hash of all its files, and writes the manifest that names
/// the folder. `hashes` is updated to this index.
fn finish(parts: Parts, hashes: &mut Hashes) -> SearchIndex {
    let Parts {
        lang,
        units,
        total_len,
        per_chunk,
        keys: (key_files, shards),
        chunks,
        names,
    } = parts;
    let mut files: BTreeMap<String, Vec<u8>> = key_files.into_iter().collect();
    for (i, chunk) in chunks.into_iter().enumerate() {
        files.insert(format!("c{i}.json"), chunk);
    }
    files.extend(names.files);
    let mut manifest = json!({
        "v": 2,
        "lang": lang,
        "n": units,
        "avg": if units == 0 { 0.0 } else { total_len as f64 / units as f64 },
        "shards": shards,
        "k": per_chunk,
        "names": names.per_file,
    });
    let named: Vec<String> = files
        .par_iter()
        .map(|(name, bytes)| hashes.of(name, bytes))
        .collect();
    let mut all = String::new();
    for (name, hash) in files.keys().zip(&named) {
        all.push_str(name);
        all.push_str(hash);
    }
    all.push_str(&content_hash(manifest.to_string().as_bytes()));
    let hash = content_hash(all.as_bytes());
    manifest["dir"] = json!(format!("{hash}/"));
    let out: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(name, bytes)| (format!("search/{lang}/{hash}/{name}"), bytes.clone()))
        .chain([(
            format!("search/{lang}/index.json"),
            manifest.to_string().into_bytes(),
        )])
        .collect();
    hashes.0 = files
        .into_iter()
        .zip(named)
        .map(|((name, bytes), h)| (name, (bytes, h)))
        .collect();
    SearchIndex {
        files: out,
        manifest: format!("search/{lang}/index.json"),
    }
}

/// Builds one language's index from its units.
pub fn build(
    lang: &str,
    units: &[SearchUnit],
    docs: &[String],
    groups: &[Vec<String>],
) -> SearchIndex {
    // Index parts of the units in parallel, then join their postings in unit order.
    const PART: usize = 4096;
    let parts: Vec<Part> = units
        .par_chunks(PART)
        .enumerate()
        .map(|(n, chunk)| index_part((n * PART) as u32, chunk))
        .collect();
    let mut keys: FxHashMap<Key, Postings> = FxHashMap::default();
    let mut metas = Vec::with_capacity(units.len());
    let mut total_len = 0u64;
    for part in parts {
        for (k, v) in part.keys {
            keys.entry(k).or_default().extend(v);
        }
        metas.extend(part.metas);
        total_len += part.tokens;
    }
    let names = names::lay_out(&names::present(groups, |k| keys.contains_key(k)));
    // Every key's columns, in key order, laid out in shards and key files.
    let mut encoded: Vec<(String, Laid)> = keys
        .into_par_iter()
        .map(|(k, p)| (k.name(), k.laid(&p, &metas)))
        .collect();
    encoded.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let k = per_chunk(units.iter().map(|u| u.text.len()).sum(), units.len());
    let parts = Parts {
        lang,
        units: units.len(),
        total_len,
        per_chunk: k,
        keys: lay_out(encoded.iter().map(|(k, c)| (k.as_str(), c)), &names.keys),
        chunks: units
            .par_chunks(k)
            .map(|chunk| chunk_file(chunk, docs))
            .collect(),
        names,
    };
    finish(parts, &mut Hashes::default())
}

/// The index of a project in language `lang` (an index into the site's languages).
pub fn index(project: &Project, lang: usize) -> SearchIndex {
    let docs = titles(project, lang);
    let code = &project.content.strings[lang].lang;
    build(
        code,
        &units(project, lang, 0..docs.len()),
        &docs,
        &name_groups(project),
    )
}

/// The documents' short titles as results name them in language `lang`.
fn titles(project: &Project, lang: usize) -> Vec<String> {
    let code = &project.content.strings[lang].lang;
    project
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
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(text: &str) -> SearchUnit {
        SearchUnit {
            page: "doc/".into(),
            id: String::new(),
            doc: 0,
            cite: String::new(),
            text: text.into(),
            heading: false,
        }
    }

    /// Every key in the shards of an index, with its unit count.
    fn shard_keys(index: &SearchIndex) -> BTreeMap<String, u64> {
        let mut keys = BTreeMap::new();
        for (name, bytes) in &index.files {
            if name.rsplit('/').next().is_some_and(|f| f.starts_with('s')) {
                let shard: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_slice(bytes).unwrap();
                for (k, v) in shard {
                    keys.insert(k, v[0].as_u64().unwrap());
                }
            }
        }
        keys
    }

    #[test]
    fn indexes_bigrams_gaps_and_words_beside_characters() {
        let units = [unit("提供3500个名额。"), unit("名额，5G网络")];
        let index = build("zh", &units, &["doc".into()], &[]);
        let keys = shard_keys(&index);
        for (key, df) in [
            ("名额", 2),
            ("供3500", 1),
            ("3500个", 1),
            ("3500", 1),
            ("额 ", 1),
            ("5g网", 1),
            ("个", 1),
        ] {
            assert_eq!(keys.get(key), Some(&df), "{key}");
        }
        assert!(!keys.contains_key("额5g"), "a gap separates 额 and 5g");
    }

    #[test]
    fn hashes_keys_like_fnv1a() {
        assert_eq!(key_hash(""), 0x811c_9dc5);
        assert_eq!(key_hash("a"), 0xe40c_292c);
    }
}
