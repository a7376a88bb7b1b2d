//! The index's files: how postings become text that a static host compresses, and how keys
//! are laid out so that a query fetches only the keys it needs. `theme/search.js` reads the
//! same formats.
//!
//! A key's postings are four columns, each a run of numbers in [`digits`]: the unit deltas,
//! the count of occurrences in each unit, each unit's `len << 1 | heading` (for ranking), and
//! the position deltas within each unit (absent for a single Han character, which keeps
//! counts only). Columns are kept apart because a query needs different ones of different
//! keys: a two-character query needs no positions; a phrase needs the meta of one key only.
//!
//! Keys are spread over shards (`s{i}.json`) by a hash of the key. A shard maps each of its
//! keys to its unit count and to its columns: `[df, units, counts, metas, positions]` for a
//! rare key, in the shard itself; `[df, id, 1]` for a key of a few KB, all in `k{id}.json`;
//! `[df, id]` for a common key, in `u{id}.json` (units and counts), `m{id}.json` (metas) and
//! `p{id}.json` (positions). So a query first learns how common each of its keys is, then
//! fetches the columns it needs of the rarest keys that cover it, never a key's neighbours.

use std::collections::BTreeMap;

use serde_json::Value;

/// Postings of one key: (unit, position) pairs in order.
pub type Postings = Vec<(u32, u32)>;

const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Appends a number in base 32, low digits first, each digit a character of [`ALPHABET`]:
/// the first 32 characters end a number, the last 32 say more digits follow. Text needs no
/// escaping in JSON and compresses with gzip about as well as binary varints.
pub fn digits(out: &mut String, mut v: u64) {
    while v >= 32 {
        out.push(ALPHABET[32 + (v & 31) as usize] as char);
        v >>= 5;
    }
    out.push(ALPHABET[v as usize] as char);
}

/// A key's postings as columns of [`digits`].
pub struct Columns {
    /// Units containing the key.
    pub df: usize,
    pub units: String,
    pub counts: String,
    pub metas: String,
    /// Empty for a key without positions.
    pub positions: String,
}

impl Columns {
    fn len(&self) -> usize {
        self.units.len() + self.counts.len() + self.metas.len() + self.positions.len()
    }
}

/// The columns of postings, `metas[unit]` being each unit's `len << 1 | heading`.
pub fn columns(postings: &[(u32, u32)], metas: &[u64], positional: bool) -> Columns {
    let mut c = Columns {
        df: 0,
        units: String::new(),
        counts: String::new(),
        metas: String::new(),
        positions: String::new(),
    };
    let mut prev = 0;
    for group in postings.chunk_by(|a, b| a.0 == b.0) {
        let unit = group[0].0;
        c.df += 1;
        digits(&mut c.units, u64::from(unit - prev));
        prev = unit;
        digits(&mut c.counts, group.len() as u64);
        digits(&mut c.metas, metas[unit as usize]);
        if positional {
            let mut last = 0;
            for &(_, p) in group {
                digits(&mut c.positions, u64::from(p - last));
                last = p;
            }
        }
    }
    c
}

/// Target size of a shard; the size up to which a key's columns sit in its shard, and up to
/// which they share one file (above it, columns a query does not need cost more than a
/// request).
const SHARD_BYTES: usize = 2048;
const INLINE_BYTES: usize = 160;
const ONE_FILE_BYTES: usize = 4096;

/// A key's columns as JSON, ready to be laid out: in its shard's entry, in one file, or in
/// three. Made once per key whose postings changed (watch mode keeps them); the JSON is
/// written by hand (the columns are [`digits`], which need no escaping), as `serde_json`
/// writes it.
pub enum Laid {
    /// The shard entry `[df,"units","counts","metas","positions"]`.
    Inline(String),
    /// df, and the file `["units","counts","metas","positions"]`.
    One(usize, String),
    /// df, and the files `["units","counts"]`, `"metas"` and `"positions"` (if any).
    Three(usize, String, String, Option<String>),
}

impl Laid {
    pub fn new(c: &Columns) -> Laid {
        let q = |s: &str| format!("\"{s}\"");
        if c.len() <= INLINE_BYTES {
            Laid::Inline(format!(
                "[{},{},{},{},{}]",
                c.df,
                q(&c.units),
                q(&c.counts),
                q(&c.metas),
                q(&c.positions)
            ))
        } else if c.len() <= ONE_FILE_BYTES {
            let all = format!(
                "[{},{},{},{}]",
                q(&c.units),
                q(&c.counts),
                q(&c.metas),
                q(&c.positions)
            );
            Laid::One(c.df, all)
        } else {
            let positions = (!c.positions.is_empty()).then(|| q(&c.positions));
            let units = format!("[{},{}]", q(&c.units), q(&c.counts));
            Laid::Three(c.df, units, q(&c.metas), positions)
        }
    }
}

/// The shards and key files of sorted `(key, columns)`: file names and contents, and the
/// number of shards. Keys in files are numbered in key order. Each lookup key of `names`
/// goes in the shard of the same key as `#key` → its group numbers ([`super::names`]).
pub fn lay_out<'a>(
    keys: impl ExactSizeIterator<Item = (&'a str, &'a Laid)>,
    names: &BTreeMap<String, Vec<u32>>,
) -> (Vec<(String, Vec<u8>)>, usize) {
    let mut files = Vec::new();
    let mut entries: Vec<(&str, std::borrow::Cow<str>)> = Vec::with_capacity(keys.len());
    let mut id = 0usize;
    for (key, laid) in keys {
        match laid {
            Laid::Inline(entry) => {
                entries.push((key, entry.as_str().into()));
                continue;
            }
            Laid::One(df, all) => {
                files.push((format!("k{id}.json"), all.clone().into_bytes()));
                entries.push((key, format!("[{df},{id},1]").into()));
            }
            Laid::Three(df, units, metas, positions) => {
                files.push((format!("u{id}.json"), units.clone().into_bytes()));
                files.push((format!("m{id}.json"), metas.clone().into_bytes()));
                if let Some(p) = positions {
                    files.push((format!("p{id}.json"), p.clone().into_bytes()));
                }
                entries.push((key, format!("[{df},{id}]").into()));
            }
        }
        id += 1;
    }
    let named: Vec<(&str, String)> = names
        .iter()
        .map(|(k, ids)| (k.as_str(), serde_json::to_string(ids).unwrap_or_default()))
        .collect();
    // (The size a shard's entry takes: `"key":entry,` and a little.)
    let total: usize = entries
        .iter()
        .map(|(k, e)| k.len() + e.len() + 4)
        .chain(named.iter().map(|(k, e)| k.len() + e.len() + 5))
        .sum();
    let shards = total
        .div_ceil(SHARD_BYTES)
        .min(entries.len() / 4)
        .max(1)
        .next_power_of_two();
    // Keys arrive sorted, so each shard's keys are in order, as in a JSON object of
    // `serde_json` (a BTreeMap).
    let mut maps: Vec<String> = vec![String::from("{"); shards];
    for (key, entry) in &entries {
        let m = &mut maps[super::key_hash(key) as usize % shards];
        if m.len() > 1 {
            m.push(',');
        }
        json_string(m, key);
        m.push(':');
        m.push_str(entry);
    }
    for (key, ids) in &named {
        let m = &mut maps[super::key_hash(key) as usize % shards];
        if m.len() > 1 {
            m.push(',');
        }
        json_string(m, &format!("#{key}"));
        m.push(':');
        m.push_str(ids);
    }
    let mut out = files;
    for (i, mut m) in maps.into_iter().enumerate() {
        m.push('}');
        out.push((format!("s{i}.json"), m.into_bytes()));
    }
    (out, shards)
}

/// Appends `s` as a JSON string, escaped as `serde_json` escapes it.
fn json_string(out: &mut String, s: &str) {
    if s.chars().any(|c| c == '"' || c == '\\' || c < ' ') {
        out.push_str(&Value::from(s).to_string());
    } else {
        out.push('"');
        out.push_str(s);
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_base_32_low_first_with_continuation_characters() {
        let mut s = String::new();
        for v in [0, 31, 32, 1000] {
            digits(&mut s, v);
        }
        // 32 = 0 + 1·32: "W" (32 + 0, more) then "1"; 1000 = 8 + 31·32: "e" then "V".
        assert_eq!(s, "0VW1eV");
    }

    #[test]
    fn columns_keep_units_counts_metas_and_position_deltas_apart() {
        let postings = [(2, 3), (2, 7), (5, 0)];
        let metas = [0, 0, 40, 0, 0, 9];
        let c = columns(&postings, &metas, true);
        assert_eq!(c.df, 2);
        assert_eq!(c.units, "23");
        assert_eq!(c.counts, "21");
        assert_eq!(c.metas, "e19");
        assert_eq!(c.positions, "340");
        assert_eq!(columns(&postings, &metas, false).positions, "");
    }
}
