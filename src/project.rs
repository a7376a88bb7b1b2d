//! A site project on disk: its root folder, the texts in `seeds/` and the editorial layer in
//! `content/`, read and recognised. This is the parsed input every command starts from.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};
use rayon::prelude::*;

use crate::content::themes::{self, Theme};
use crate::content::{self, Content};
pub use crate::document::Document;
use crate::glossary::{self, Glossary};
use crate::outline;
use crate::source;
use crate::translation::{self, Translations};

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
    let themes = themes::load(root)?;
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
            Ok(Document::new(text, meta, outline))
        })
        .collect::<Result<_>>()?;
    check_paths(root, &content, &documents)?;
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

/// The folders and files a build makes at the top of the site, whatever the content.
pub const BUILT_IN: &[&str] = &[
    "index.html",
    "404.html",
    "search",
    "glossary",
    "subjects",
    "library",
    "assets",
    "anomalies.json",
    "robots.txt",
    "sitemap.xml",
    "CNAME",
    ".nojekyll",
    crate::output::guard::STAMP,
    // `gongwen serve`'s own address under the site.
    "__gongwen",
];

/// The top of the site is one namespace: the built-in folders, each further language's
/// folder, each document's and each extra page's. Two things that would write the same
/// path are an error naming both.
fn check_paths(root: &Path, content: &Content, documents: &[Document]) -> Result<()> {
    let mut claims: std::collections::BTreeMap<String, String> = BUILT_IN
        .iter()
        .map(|name| (name.to_ascii_lowercase(), format!("the site's own {name}")))
        .collect();
    let mut claim = |name: &str, by: String| -> Result<()> {
        // Case-insensitive file systems (macOS, Windows) would make two of `A/` and `a/`.
        match claims.insert(name.to_ascii_lowercase(), by.clone()) {
            Some(other) => Err(anyhow!(
                "{by}: the address {name}/ is already taken by {other}; choose another name"
            )),
            None => Ok(()),
        }
    };
    let site_yaml = std::fs::read_to_string(root.join("content/site.yaml")).unwrap_or_default();
    let languages_line = crate::yaml::find_line(&site_yaml, 0, "languages:").unwrap_or(1);
    for lang in &content.site.languages[1..] {
        claim(
            lang,
            format!("content/site.yaml:{languages_line}: language {lang}"),
        )?;
    }
    for d in documents {
        let by = match &d.meta.slug {
            Some(_) => format!(
                "content/documents/{}.yaml:{}: slug of {}",
                d.source.key, d.meta.slug_line, d.source.display_path
            ),
            None => format!("{} (its file name)", d.source.display_path),
        };
        claim(d.slug(), by)?;
    }
    for page in &content.pages {
        claim(&page.slug, format!("content/pages/{}.md", page.slug))?;
    }
    Ok(())
}

/// Reads and recognises one document again, in place, after its text or its metadata in
/// `project.content` changed (watch mode). Returns false when the project has no document
/// of that key (a new or removed text: load the whole project instead).
pub fn reload_document(project: &mut Project, key: &str) -> Result<bool> {
    let Some(i) = project.documents.iter().position(|d| d.source.key == key) else {
        return Ok(false);
    };
    let shown = project.documents[i].source.display_path.clone();
    let path = project.root.join(&shown);
    if !path.is_file() {
        return Ok(false);
    }
    let bytes = std::fs::read(&path).map_err(|e| anyhow!("{shown}: cannot read: {e}"))?;
    let source = source::decode(&shown, &bytes)?;
    let meta = project
        .content
        .documents
        .get(key)
        .cloned()
        .unwrap_or_default();
    let outline = outline::recognise(&source, &meta.corrections)?;
    project.documents[i] = Document::new(source, meta, outline);
    check_paths(&project.root, &project.content, &project.documents)?;
    // Stale translations are judged against the new text.
    project.translations = translation::load(
        &project.root,
        &project.content.site.languages,
        &project.documents,
    )?;
    Ok(true)
}
