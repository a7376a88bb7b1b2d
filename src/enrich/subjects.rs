//! Subjects: the clauses of all documents grouped by theme (`content/themes.yaml`). A
//! passage belongs to every theme one of whose keywords it contains (folded, so dash and
//! width variants match).

use std::path::Path;

use aho_corasick::AhoCorasick;
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use serde::Deserialize;

use super::fold::fold_str;
use super::Unit;
use crate::yaml;

/// One theme as written in `content/themes.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub slug: String,
    pub zh: String,
    pub en: String,
    pub keywords: Vec<String>,
}

/// A theme with its passages, in document order, as (document, node id).
#[derive(Debug, Clone)]
pub struct Subject {
    pub slug: String,
    pub zh: String,
    pub en: String,
    pub members: Vec<(usize, String)>,
}

/// Reads `root/content/themes.yaml`; an absent file means no subjects.
pub fn load(root: &Path) -> Result<Vec<Theme>> {
    let path = root.join("content/themes.yaml");
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let shown = "content/themes.yaml";
    let text = std::fs::read_to_string(&path).with_context(|| format!("{shown}: cannot read"))?;
    let themes: Vec<Theme> = yaml::parse(shown, &text)?;
    let mut seen = std::collections::HashSet::new();
    for t in &themes {
        let line = yaml::find_line(&text, 0, &format!("slug: {}", t.slug)).unwrap_or(1);
        let ok = !t.slug.is_empty()
            && t.slug
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-');
        if !ok {
            bail!(
                "{shown}:{line}: slug \"{}\" may contain only a-z, 0-9 and -",
                t.slug
            );
        }
        if !seen.insert(t.slug.clone()) {
            bail!("{shown}:{line}: slug \"{}\" is used twice", t.slug);
        }
        if t.keywords.iter().any(|k| k.trim().is_empty()) || t.keywords.is_empty() {
            bail!("{shown}:{line}: theme {} needs non-empty keywords", t.slug);
        }
    }
    Ok(themes)
}

/// Groups the units by theme.
pub fn group(units: &[Unit], themes: &[Theme]) -> Vec<Subject> {
    let mut patterns = Vec::new();
    let mut owner = Vec::new();
    for (i, t) in themes.iter().enumerate() {
        for k in &t.keywords {
            patterns.push(fold_str(k));
            owner.push(i);
        }
    }
    let mut subjects: Vec<Subject> = themes
        .iter()
        .map(|t| Subject {
            slug: t.slug.clone(),
            zh: t.zh.clone(),
            en: t.en.clone(),
            members: Vec::new(),
        })
        .collect();
    let Ok(ac) = AhoCorasick::new(&patterns) else {
        return subjects;
    };
    let hits: Vec<Vec<usize>> = units
        .par_iter()
        .map(|u| {
            let folded = fold_str(u.text());
            let mut hit: Vec<usize> = ac
                .find_overlapping_iter(&folded)
                .map(|m| owner[m.pattern().as_usize()])
                .collect();
            hit.sort_unstable();
            hit.dedup();
            hit
        })
        .collect();
    for (u, hit) in units.iter().zip(hits) {
        for i in hit {
            subjects[i].members.push((u.doc, u.node.id.clone()));
        }
    }
    subjects
}
