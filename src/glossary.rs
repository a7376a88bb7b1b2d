//! The glossary in `content/glossary.yaml`: named things of the documents, with their
//! variants, names in three languages and a definition. Parsed and validated here; matched
//! against the texts in `enrich::terms`.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::text::fold::fold_str;
use crate::yaml;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Forum,
    Initiative,
    Institution,
    Programme,
    Document,
    Place,
    Concept,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Forum,
        Category::Initiative,
        Category::Institution,
        Category::Programme,
        Category::Document,
        Category::Place,
        Category::Concept,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            Category::Forum => "论坛与机制",
            Category::Initiative => "倡议",
            Category::Institution => "机构与组织",
            Category::Programme => "项目与计划",
            Category::Document => "文件与条约",
            Category::Place => "地区与地点",
            Category::Concept => "概念与术语",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Category::Forum => "forum",
            Category::Initiative => "initiative",
            Category::Institution => "institution",
            Category::Programme => "programme",
            Category::Document => "document",
            Category::Place => "place",
            Category::Concept => "concept",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    pub zh: String,
    pub en: String,
}

/// One entry as written in the YAML file.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub term: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub en: String,
    pub es: String,
    #[serde(default)]
    pub abbr: Option<String>,
    pub category: Category,
    pub definition: Definition,
    /// Where the entry's page lives (`glossary/<slug>/`), derived from the English name.
    #[serde(skip_deserializing)]
    pub slug: String,
    /// The source line of the entry, for messages.
    #[serde(skip)]
    pub line: usize,
    /// The term in pinyin, for sorting.
    #[serde(skip)]
    pub pinyin: String,
}

impl Entry {
    /// The term and every alias, as written.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone, Default)]
pub struct Glossary {
    pub entries: Vec<Entry>,
    /// `content/glossary.yaml`, for messages.
    pub path: String,
}

/// Reads `root/content/glossary.yaml`; an absent file is an empty glossary.
pub fn load(root: &Path) -> Result<Glossary> {
    let path = root.join("content/glossary.yaml");
    if !path.is_file() {
        return Ok(Glossary::default());
    }
    let shown = "content/glossary.yaml".to_string();
    let text = std::fs::read_to_string(&path).with_context(|| format!("{shown}: cannot read"))?;
    parse(&shown, &text)
}

/// Parses and validates a glossary: names must be unique (ignoring dash and width variants).
pub fn parse(shown: &str, text: &str) -> Result<Glossary> {
    let mut entries: Vec<Entry> = yaml::parse(shown, text)?;
    let entry_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- "))
        .map(|(i, _)| i + 1)
        .collect();
    let mut seen: HashMap<String, (String, usize)> = HashMap::new();
    let mut slugs: HashMap<String, (String, usize)> = HashMap::new();
    for (i, e) in entries.iter_mut().enumerate() {
        e.line = entry_lines.get(i).copied().unwrap_or(1);
        for name in std::iter::once(&e.term).chain(&e.aliases) {
            if name.trim().is_empty() {
                bail!(
                    "{shown}:{}: an empty name in the entry for {}",
                    e.line,
                    e.term
                );
            }
            // A variant of the entry's own name (中国-拉共体 for 中国—拉共体) is welcome;
            // the same name in two entries is an error.
            let previous = seen.insert(fold_str(name), (e.term.clone(), e.line));
            if let Some((other, line)) = previous.filter(|(_, line)| *line != e.line) {
                bail!(
                    "{shown}:{}: duplicate term \"{name}\": already listed for {other} at line {line}",
                    e.line
                );
            }
        }
        // Each entry has a page at glossary/<slug>/: two entries with one slug would write
        // one page.
        e.slug = crate::text::slug::slug(&e.en, 80, "term");
        if let Some((other, line)) = slugs.insert(e.slug.clone(), (e.term.clone(), e.line)) {
            bail!(
                "{shown}:{}: the English name \"{}\" gives the page glossary/{}/, which {other} at line {line} has already; make the English names differ in letters or digits",
                e.line,
                e.en,
                e.slug
            );
        }
        e.pinyin = pinyin_key(&e.term);
    }
    Ok(Glossary {
        entries,
        path: shown.to_string(),
    })
}

/// The pinyin of a term (toneless, letters kept), for sorting the index as readers expect.
pub fn pinyin_key(s: &str) -> String {
    use pinyin::ToPinyin;
    let mut out = String::new();
    for (c, p) in s.chars().zip(s.to_pinyin()) {
        match p {
            Some(p) => out.push_str(p.plain()),
            None if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            None => {}
        }
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENTRY: &str = "- term: 熊猫债券\n  aliases: [熊猫债]\n  en: Panda bonds\n  es: Bonos panda\n  category: concept\n  definition:\n    zh: 债券。\n    en: Bonds.\n";

    #[test]
    fn sorts_by_pinyin_and_slugs_the_english_name() {
        let g = parse("g.yaml", ENTRY).unwrap();
        assert_eq!(g.entries[0].slug, "panda-bonds");
        assert_eq!(g.entries[0].pinyin, "xiong mao zhai quan ");
    }

    #[test]
    fn errors_on_duplicate_terms_across_dash_and_width_variants() {
        let text = format!("{ENTRY}- term: 中国—拉共体\n  en: a\n  es: a\n  category: forum\n  definition: {{zh: a, en: a}}\n- term: 中国-拉共体\n  en: b\n  es: b\n  category: forum\n  definition: {{zh: b, en: b}}\n");
        let err = parse("content/glossary.yaml", &text)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "content/glossary.yaml:14: duplicate term \"中国-拉共体\": already listed for 中国—拉共体 at line 9"
        );
    }

    #[test]
    fn errors_on_two_english_names_with_one_slug() {
        let text = format!("{ENTRY}- term: 熊猫\n  en: Panda-bonds!\n  es: b\n  category: concept\n  definition: {{zh: b, en: b}}\n");
        let err = parse("content/glossary.yaml", &text)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "content/glossary.yaml:9: the English name \"Panda-bonds!\" gives the page glossary/panda-bonds/, which 熊猫债券 at line 1 has already; make the English names differ in letters or digits"
        );
    }

    #[test]
    fn errors_on_unknown_keys_and_categories_with_line_and_column() {
        let err = parse("content/glossary.yaml", &ENTRY.replace("  es:", "  sp:"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("content/glossary.yaml:4:3: .[0]: unknown field `sp`"),
            "{err}"
        );
        let err = parse("content/glossary.yaml", &ENTRY.replace("concept", "idea"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("content/glossary.yaml:5:13: .[0].category: unknown variant `idea`"),
            "{err}"
        );
    }
}
