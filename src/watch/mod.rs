//! Watch mode: rebuild the site when its input changes, and serve it with live reload.
//!
//! Filesystem events are debounced into a batch of paths; each path is classified into a
//! small [`ChangeKind`] by a pure function ([`classify`]), and [`Session::rebuild`] decides
//! in one `match` what to redo. The session keeps the parsed project, the rendered pages and
//! the last good output in memory; a full rebuild is the always-correct fallback, and every
//! incremental path is tested against it (same bytes out).
//!
//! - `session`: the in-memory site and the rebuild itself
//! - `page_cache`: rendered pages by output file, reused when their view is unchanged
//! - `links`: the link check over parsed pages, re-parsing only the pages that changed
//! - `write`: writes only changed files; a failed build writes nothing
//! - `events`: the notify watcher, debouncing, Ctrl-C
//! - `live`, `serve`: the HTTP server, server-sent events and the error overlay

mod events;
mod links;
pub mod live;
mod page_cache;
pub mod serve;
mod session;
mod write;

use std::path::Path;

pub use events::{watch, Detect, WatchOptions};
pub use session::{Rebuilt, Session};

/// What a changed file is to the build.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// A text under `seeds/`, by path from the root.
    Seed(String),
    /// `content/documents/<key>.yaml`, by key.
    Document(String),
    /// `content/glossary.yaml`.
    Glossary,
    /// `content/themes.yaml`.
    Themes,
    /// `content/site.yaml`.
    Config,
    /// `content/pages/*.md`.
    Page,
    /// Anything else under `content/`: reload the whole project.
    Content,
    /// A file under `templates/`.
    Template,
    /// A file under `theme/`.
    Asset,
}

impl ChangeKind {
    /// What changed, for the log line.
    pub fn describe(&self) -> String {
        match self {
            ChangeKind::Seed(path) => path.clone(),
            ChangeKind::Document(key) => format!("content/documents/{key}.yaml"),
            ChangeKind::Glossary => "content/glossary.yaml".into(),
            ChangeKind::Themes => "content/themes.yaml".into(),
            ChangeKind::Config => "content/site.yaml".into(),
            ChangeKind::Page => "content/pages/".into(),
            ChangeKind::Content => "content/".into(),
            ChangeKind::Template => "templates/".into(),
            ChangeKind::Asset => "theme/".into(),
        }
    }
}

/// The folders watched under the site root.
pub const WATCHED: [&str; 4] = ["seeds", "content", "templates", "theme"];

/// Classifies a changed path (relative to the site root, `/`-separated). None for files the
/// build does not read: editor temporary and swap files, hidden files, anything outside the
/// watched folders.
pub fn classify(rel: &str) -> Option<ChangeKind> {
    let rel = rel.trim_start_matches("./");
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if is_editor_junk(name) || rel.split('/').any(|part| part.starts_with('.')) {
        return None;
    }
    let (top, rest) = rel.split_once('/')?;
    match top {
        "seeds" if name.ends_with(".txt") || name.ends_with(".md") => {
            Some(ChangeKind::Seed(rel.to_string()))
        }
        "content" => Some(match rest {
            "site.yaml" => ChangeKind::Config,
            "glossary.yaml" => ChangeKind::Glossary,
            "themes.yaml" => ChangeKind::Themes,
            _ => match rest.split_once('/') {
                Some(("documents", file)) if !file.contains('/') => {
                    ChangeKind::Document(file.strip_suffix(".yaml")?.to_string())
                }
                Some(("pages", file)) if !file.contains('/') && file.ends_with(".md") => {
                    ChangeKind::Page
                }
                _ => ChangeKind::Content,
            },
        }),
        "templates" => Some(ChangeKind::Template),
        "theme" => Some(ChangeKind::Asset),
        _ => None,
    }
}

/// Files editors write beside the one being edited: vim's swap files, backups and its
/// `4913` probe, emacs's `#name#` and `.#name` locks, sed's `sedXXXXXX`, JetBrains'
/// `___jb_tmp___`, and `.tmp`/`.bak`/`.crswap` temporaries.
pub fn is_editor_junk(name: &str) -> bool {
    const SUFFIXES: [&str; 8] = [
        "~", ".swp", ".swo", ".swx", ".tmp", ".bak", ".crswap", ".orig",
    ];
    name.is_empty()
        || name == "4913"
        || name.starts_with('.')
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || SUFFIXES.iter().any(|s| name.ends_with(s))
        || name.contains("___jb_")
        || (name.len() == 9
            && name.starts_with("sed")
            && name[3..].bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// `path` relative to `root`, `/`-separated, if it is inside.
fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    Some(rel.to_string_lossy().replace('\\', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_each_kind_of_input() {
        assert_eq!(
            classify("seeds/000_x.txt"),
            Some(ChangeKind::Seed("seeds/000_x.txt".into()))
        );
        assert_eq!(
            classify("content/documents/000_x.yaml"),
            Some(ChangeKind::Document("000_x".into()))
        );
        assert_eq!(
            classify("content/glossary.yaml"),
            Some(ChangeKind::Glossary)
        );
        assert_eq!(classify("content/themes.yaml"), Some(ChangeKind::Themes));
        assert_eq!(classify("content/site.yaml"), Some(ChangeKind::Config));
        assert_eq!(classify("content/pages/about.md"), Some(ChangeKind::Page));
        assert_eq!(
            classify("content/translations/en/x.md"),
            Some(ChangeKind::Content)
        );
        assert_eq!(classify("templates/base.html"), Some(ChangeKind::Template));
        assert_eq!(classify("theme/style.css"), Some(ChangeKind::Asset));
    }

    #[test]
    fn ignores_output_and_files_the_build_does_not_read() {
        for path in [
            "public/index.html",
            "seeds/notes.docx",
            "seeds",
            "README.md",
            ".git/index",
            "content/.site.yaml.swp",
        ] {
            assert_eq!(classify(path), None, "{path}");
        }
    }

    #[test]
    fn ignores_editor_temporary_files() {
        for name in [
            ".000_x.txt.swp",
            "000_x.txt.swp",
            "000_x.txt~",
            "4913",
            "#site.yaml#",
            ".#site.yaml",
            "sedAb12Cd",
            "site.yaml___jb_tmp___",
            "style.css.crswap",
            "x.tmp",
        ] {
            assert!(is_editor_junk(name), "{name}");
            assert_eq!(classify(&format!("content/{name}")), None, "{name}");
        }
        for name in ["000_x.txt", "site.yaml", "sed.txt", "4913.txt"] {
            assert!(!is_editor_junk(name), "{name}");
        }
    }
}
