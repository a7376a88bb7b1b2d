//! A site project on disk: its root folder, the texts in `seeds/` and the editorial layer in
//! `content/`, read and recognised. This is the parsed input every command starts from.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};
use rayon::prelude::*;

use crate::content::{self, Content, DocMeta};
use crate::enrich::subjects::{self, Theme};
use crate::glossary::{self, Glossary};
use crate::outline::{self, Outline};
use crate::source::{self, SourceText};
use crate::translation::{self, Translations};

/// One document: its text, its metadata and its recognised outline.
#[derive(Debug, Clone)]
pub struct Document {
    pub source: SourceText,
    pub meta: DocMeta,
    pub outline: Outline,
}

impl Document {
    /// The title: from the metadata, else the text's title line, else the file key.
    pub fn title(&self) -> String {
        self.meta
            .title
            .clone()
            .or_else(|| self.outline.title.clone())
            .unwrap_or_else(|| self.source.key.clone())
    }

    pub fn slug(&self) -> String {
        self.meta
            .slug
            .clone()
            .unwrap_or_else(|| slugify(&self.source.key))
    }
}

/// A file key as a URL segment: lowercase ASCII letters, digits and dashes.
fn slugify(key: &str) -> String {
    let s: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "doc".into()
    } else {
        s
    }
}

#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub content: Content,
    pub glossary: Glossary,
    pub themes: Vec<Theme>,
    pub documents: Vec<Document>,
    pub translations: Translations,
}

/// Reads and recognises everything under `root`. Every bad seed is reported, not just the
/// first; a correction that no longer matches stops the build.
pub fn load(root: &Path) -> Result<Project> {
    let content = content::load(root)?;
    let glossary = glossary::load(root)?;
    let themes = subjects::load(root)?;
    let texts = source::load_all(root).map_err(|errors| {
        anyhow!(errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n"))
    })?;
    if texts.is_empty() {
        return Err(anyhow!("seeds/: no texts found (add .txt or .md files)"));
    }
    for key in content.documents.keys() {
        if !texts.iter().any(|t| &t.key == key) {
            return Err(anyhow!(
                "content/documents/{key}.yaml: there is no text seeds/{key}.txt for this metadata"
            ));
        }
    }
    let documents: Vec<Document> = texts
        .into_par_iter()
        .map(|text| {
            let meta = content
                .documents
                .get(&text.key)
                .cloned()
                .unwrap_or_default();
            let outline = outline::recognise(&text, &meta.corrections)?;
            Ok(Document {
                source: text,
                meta,
                outline,
            })
        })
        .collect::<Result<_>>()?;
    let mut slugs = std::collections::BTreeMap::new();
    for d in &documents {
        if let Some(other) = slugs.insert(d.slug(), d.source.key.clone()) {
            return Err(anyhow!(
                "content/documents/{}.yaml: slug \"{}\" is already used by {other}",
                d.source.key,
                d.slug()
            ));
        }
    }
    let translations = translation::load(root, &content.site.languages, &documents)?;
    Ok(Project {
        root: root.to_path_buf(),
        content,
        glossary,
        themes,
        documents,
        translations,
    })
}
