//! `content/themes.yaml`: the subjects readers browse by, each a list of keywords (grouped
//! into subject pages by [`crate::enrich::subjects`]).

use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::Deserialize;

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
