//! Names of one thing in the index (glossary terms with their aliases and other-language
//! names, the synonyms table), laid out so that a query fetches only the groups it may name.
//!
//! Groups are numbered and stored a few to a file (`n{i}.json`, a list of groups, each a list
//! of names). Each group is found under its lookup keys: for a name with Han characters, its
//! first pair of neighbouring characters (a name can only occur in a query that holds that
//! pair); for a name of Latin words, each of its words but stopwords (so `scholarship` finds
//! `government scholarship`). The shards of the index map `#key` to the group numbers, in the
//! shard of `key` itself, which a query fetches anyway. `theme/search.js` mirrors the keys.

use std::collections::BTreeMap;

use super::token::{tokens, Token};
use super::{han_key, Key};

/// Words too common to name a thing by, in English and Spanish; as `STOP` in search.js.
pub const STOP: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it",
    "its", "of", "on", "or", "that", "the", "this", "to", "with", "al", "con", "de", "del", "el",
    "en", "la", "las", "lo", "los", "o", "para", "por", "que", "se", "su", "sus", "un", "una", "y",
];

/// Target size of a file of groups, raw bytes.
const FILE_BYTES: usize = 2048;

/// The names of an index, laid out.
#[derive(Default)]
pub struct Laid {
    /// Lookup key → group numbers, ascending.
    pub keys: BTreeMap<String, Vec<u32>>,
    /// `n{i}.json` files.
    pub files: Vec<(String, Vec<u8>)>,
    /// Groups per file; 0 when there are none.
    pub per_file: usize,
}

/// The keys a name is looked up by.
pub fn lookup_keys(name: &str) -> Vec<String> {
    let toks = tokens(name);
    let words = || {
        toks.iter().filter_map(|t| match t {
            Token::Word(w) if !STOP.contains(&w.as_str()) => Some(w.clone()),
            _ => None,
        })
    };
    if toks.iter().any(|t| matches!(t, Token::Han(_))) {
        let pair = toks.windows(2).find_map(|w| match w {
            [Token::Han(a), Token::Han(b)] => Some(format!("{a}{b}")),
            _ => None,
        });
        let first = pair.or_else(|| words().next()).or_else(|| {
            toks.iter().find_map(|t| match t {
                Token::Han(c) => Some(c.to_string()),
                _ => None,
            })
        });
        return first.into_iter().collect();
    }
    let mut out: Vec<String> = words().collect();
    out.sort();
    out.dedup();
    out
}

/// Lays out `groups`.
pub fn lay_out(groups: &[Vec<String>]) -> Laid {
    if groups.is_empty() {
        return Laid::default();
    }
    let mut keys: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (id, g) in groups.iter().enumerate() {
        for key in g.iter().flat_map(|n| lookup_keys(n)) {
            let ids = keys.entry(key).or_default();
            if ids.last() != Some(&(id as u32)) {
                ids.push(id as u32);
            }
        }
    }
    let bytes: usize = groups
        .iter()
        .map(|g| g.iter().map(|n| n.len() + 3).sum::<usize>() + 2)
        .sum();
    let per_file = (FILE_BYTES * groups.len() / bytes.max(1)).max(1);
    let files = groups
        .chunks(per_file)
        .enumerate()
        .map(|(i, chunk)| {
            (
                format!("n{i}.json"),
                serde_json::to_vec(chunk).unwrap_or_default(),
            )
        })
        .collect();
    Laid {
        keys,
        files,
        per_file,
    }
}

/// The groups of which some name is in the index: each of its pieces (pairs of Han
/// characters, words, a lone character) is a key. The names file stays as small as the
/// site's vocabulary, however long the built-in table.
pub(super) fn present(groups: &[Vec<String>], has: impl Fn(&Key) -> bool) -> Vec<Vec<String>> {
    let found = |name: &str| {
        let toks = tokens(name);
        let mut any = false;
        for (i, t) in toks.iter().enumerate() {
            let key = match (t, toks.get(i + 1)) {
                (Token::Han(c), Some(Token::Han(d))) => Key::Han(han_key(*c, *d as u32)),
                (Token::Han(c), next) => {
                    let alone = !matches!(next, Some(Token::Han(_)))
                        && !matches!(i.checked_sub(1).map(|j| &toks[j]), Some(Token::Han(_)));
                    if !alone {
                        continue;
                    }
                    Key::Han(han_key(*c, 0))
                }
                (Token::Word(w), _) => Key::Word(w.clone()),
                (Token::Gap, _) => continue,
            };
            if !has(&key) {
                return false;
            }
            any = true;
        }
        any
    };
    groups
        .iter()
        .filter(|g| g.iter().any(|n| found(n)))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_first_han_pair_or_every_word() {
        assert_eq!(lookup_keys("世界贸易组织"), ["世界"]);
        assert_eq!(lookup_keys("“一带一路”倡议"), ["一带"]);
        assert_eq!(lookup_keys("G20峰会"), ["峰会"]);
        assert_eq!(
            lookup_keys("Organización Mundial del Comercio"),
            ["comercio", "mundial", "organizacion"]
        );
        assert_eq!(
            lookup_keys("Government Scholarships"),
            ["government", "scholarship"]
        );
        assert_eq!(lookup_keys("WTO"), ["wto"]);
    }

    #[test]
    fn every_group_is_found_under_each_of_its_keys() {
        let groups = vec![
            vec!["世界贸易组织".to_string(), "世贸组织".into(), "WTO".into()],
            vec![
                "人工智能".to_string(),
                "AI".into(),
                "inteligencia artificial".into(),
            ],
        ];
        let laid = lay_out(&groups);
        assert_eq!(laid.keys["世贸"], [0]);
        assert_eq!(laid.keys["wto"], [0]);
        assert_eq!(laid.keys["artificial"], [1]);
        let all: Vec<Vec<String>> = laid
            .files
            .iter()
            .flat_map(|(_, b)| serde_json::from_slice::<Vec<Vec<String>>>(b).unwrap())
            .collect();
        assert_eq!(all, groups);
    }
}
