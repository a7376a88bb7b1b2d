//! Names of one thing for search: the built-in table of abbreviations common in official
//! texts (`synonyms.yaml` beside this file) and the site's own `content/synonyms.yaml`.
//!
//! Each entry lists a thing's names by language (`zh: [世界贸易组织, 世贸组织]`, `en: [WTO]`);
//! a query for any of them also finds the others. A site entry that shares a name with
//! built-in entries replaces them, and a site entry with a single name removes them (that
//! name then stands for nothing else).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::yaml;

const BUILT_IN: &str = include_str!("synonyms.yaml");

/// The longest name accepted, in characters.
const MAX_NAME: usize = 100;

/// Groups of names, each the names of one thing in every language.
pub type Groups = Vec<Vec<String>>;

/// The built-in table with the site's entries applied.
pub fn load(root: &Path) -> Result<Groups> {
    let mut groups = parse("built-in synonyms", BUILT_IN)?;
    let path = root.join("content/synonyms.yaml");
    if !path.exists() {
        return Ok(groups);
    }
    let shown = "content/synonyms.yaml";
    let bytes = std::fs::read(&path).with_context(|| format!("{shown}: cannot read"))?;
    let text = String::from_utf8(bytes).with_context(|| format!("{shown}: not UTF-8"))?;
    for site in parse(shown, text.trim_start_matches('\u{FEFF}'))? {
        groups.retain(|g| !g.iter().any(|n| site.contains(n)));
        if site.len() > 1 {
            groups.push(site);
        }
    }
    Ok(groups)
}

/// Reads entries, each a map of language → names.
fn parse(shown: &str, text: &str) -> Result<Groups> {
    let entries: Option<Vec<BTreeMap<String, Vec<String>>>> = yaml::parse(shown, text)?;
    let mut out = Vec::new();
    for (i, entry) in entries.unwrap_or_default().into_iter().enumerate() {
        let mut names: Vec<String> = Vec::new();
        for name in entry.into_values().flatten() {
            let name = name.trim().to_string();
            let at = || {
                yaml::find_line(text, 0, &name)
                    .map(|l| format!("{shown}:{l}"))
                    .unwrap_or_else(|| format!("{shown}: entry {}", i + 1))
            };
            if name.is_empty() || !name.chars().any(char::is_alphanumeric) {
                bail!("{}: a name needs letters or characters", at());
            }
            if name.chars().count() > MAX_NAME {
                bail!("{}: a name is at most {MAX_NAME} characters", at());
            }
            if !names.contains(&name) {
                names.push(name);
            }
        }
        if names.is_empty() {
            bail!("{shown}: entry {} has no names", i + 1);
        }
        out.push(names);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_table_reads() {
        let groups = parse("built-in", BUILT_IN).unwrap();
        assert!(groups.len() > 100, "{}", groups.len());
        assert!(groups.iter().all(|g| g.len() >= 2));
        assert!(groups
            .iter()
            .any(|g| g.contains(&"世贸组织".to_string()) && g.contains(&"WTO".to_string())));
    }

    #[test]
    fn site_entries_replace_and_remove() {
        let dir = std::env::temp_dir().join(format!("gongwen-syn-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("content")).unwrap();
        std::fs::write(
            dir.join("content/synonyms.yaml"),
            "- zh: [世贸组织, 世贸]\n  en: [WTO]\n- zh: [人工智能]\n- zh: [铁路]\n  es: [ferrocarril]\n",
        )
        .unwrap();
        let groups = load(&dir).unwrap();
        let with = |n: &str| groups.iter().filter(|g| g.iter().any(|x| x == n)).count();
        // Replaced: the site's entry, without the built-in full name.
        assert_eq!(with("WTO"), 1);
        assert_eq!(with("世界贸易组织"), 0);
        // Removed: a single name stands for nothing else.
        assert_eq!(with("人工智能"), 0);
        assert_eq!(with("AI"), 0);
        assert_eq!(with("ferrocarril"), 1);
        std::fs::write(dir.join("content/synonyms.yaml"), "- zh: [\"  \"]\n").unwrap();
        let err = load(&dir).unwrap_err().to_string();
        assert!(err.starts_with("content/synonyms.yaml"), "{err}");
        std::fs::write(dir.join("content/synonyms.yaml"), "- zh: 铁路\n").unwrap();
        let err = load(&dir).unwrap_err().to_string();
        assert!(err.starts_with("content/synonyms.yaml:1"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
