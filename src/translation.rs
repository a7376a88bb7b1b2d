//! Translations: sidecar files `content/translations/<lang>/<document key>.yaml` that attach
//! translated text to the structural ids of a document, clause by clause.
//!
//! Each entry carries `fp`, the fingerprint of the source text it translates. When the
//! source changes, the fingerprint no longer matches and the entry is *stale*: still shown,
//! flagged on the page and in `gongwen translations status`. An entry without `fp` is taken
//! as stale too; `gongwen translations export` fills in missing fingerprints, so an editor
//! who has revised a stale translation deletes its `fp` line and exports again.
//!
//! ```yaml
//! document: 000_e0c0b504374b171f
//! title: China–CELAC Joint Action Plan …   # the document's metadata, with its own fp
//! fp: 1a2b3c4d
//! entries:
//!   art1:
//!     title: Equality and Mutual Trust …
//!     fp: 5e6f7a8b
//!   art1-s1:
//!     text: Strengthen high-level exchanges …
//!     fp: 9c0d1e2f
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::Deserialize;

use crate::document::Document;
use crate::outline::{Anomaly, Code, Mark, Node, Severity};
use crate::yaml;

/// One translation file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationFile {
    /// The document key (the seed's file stem); must match the file name.
    pub document: String,
    pub title: Option<String>,
    pub short_title: Option<String>,
    pub summary: Option<String>,
    pub kind: Option<String>,
    pub source: Option<String>,
    /// Fingerprint of the source metadata the fields above translate.
    pub fp: Option<String>,
    #[serde(default)]
    pub entries: BTreeMap<String, Option<Entry>>,
}

/// The translation of one node: its title, its text, the editor's note on it (from a
/// correction in `content/documents/`), as the node has them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub title: Option<String>,
    pub text: Option<String>,
    pub note: Option<String>,
    pub fp: Option<String>,
}

impl Entry {
    /// The translated field `name` (`title`, `text` or `note`).
    fn field(&self, name: &str) -> Option<&String> {
        match name {
            "title" => self.title.as_ref(),
            "note" => self.note.as_ref(),
            _ => self.text.as_ref(),
        }
    }
}

/// A loaded file with what messages need.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub file: TranslationFile,
    /// `content/translations/en/x.yaml`
    pub shown: String,
    pub text: String,
}

impl Loaded {
    /// The line of entry `id` (or of the metadata for `""`), for messages.
    pub fn line_of(&self, id: &str) -> usize {
        if id.is_empty() {
            return yaml::find_line(&self.text, 0, "title:").unwrap_or(1);
        }
        yaml::find_line(&self.text, 0, &format!("{id}:")).unwrap_or(1)
    }
}

/// Every translation of a project: by language, then by document key.
#[derive(Debug, Clone, Default)]
pub struct Translations {
    pub files: BTreeMap<String, BTreeMap<String, Loaded>>,
    /// Stale entries and entries whose id the document does not have, with file:line.
    pub warnings: Vec<Anomaly>,
}

/// Whether a unit is translated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Translated,
    Missing,
    Stale,
}

/// What a page shows for a node in a language other than the source: the translated title
/// and text when there are some, and the state.
#[derive(Debug, Clone)]
pub struct Shown {
    pub title: Option<String>,
    pub text: Option<String>,
    pub note: Option<String>,
    pub state: State,
}

/// A translatable unit of a document: `""` for its metadata (title, short title, summary,
/// kind, source), else a node id; with the source text the fingerprint covers.
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    /// The source fields, `(name, text)`, in file order.
    pub fields: Vec<(&'static str, String)>,
    pub fp: String,
}

/// The units of a document, in document order: the metadata, then every node with a title
/// or text.
pub fn units(doc: &Document) -> Vec<Unit> {
    let mut out = vec![meta_unit(doc)];
    for (n, _) in doc.outline.all_nodes() {
        let fields = node_fields(n);
        if !fields.is_empty() {
            out.push(unit(n.id.clone(), fields));
        }
    }
    out
}

/// The translatable fields of a node: its title, its text and an editor's note on it.
fn node_fields(n: &Node) -> Vec<(&'static str, String)> {
    let note = n.marks.iter().find_map(|m| match m {
        Mark::Inferred { note, .. } | Mark::Interpolated { note } if !note.is_empty() => {
            Some(note.clone())
        }
        _ => None,
    });
    [
        ("title", n.title.clone()),
        ("text", n.text.clone()),
        ("note", note),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect()
}

/// The unit of a document's metadata.
fn meta_unit(doc: &Document) -> Unit {
    let meta = [
        ("title", Some(doc.title())),
        ("short_title", doc.meta.short_title.clone()),
        ("summary", doc.meta.summary.clone()),
        ("kind", doc.meta.kind.clone()),
        ("source", doc.meta.source.clone()),
    ];
    let fields: Vec<(&'static str, String)> = meta
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect();
    unit(String::new(), fields)
}

fn unit(id: String, fields: Vec<(&'static str, String)>) -> Unit {
    let mut joined = String::new();
    for (k, v) in &fields {
        let _ = write!(joined, "{k}\u{1f}{v}\u{1e}");
    }
    Unit {
        id,
        fp: fingerprint(&joined),
        fields,
    }
}

/// 32 bits of FNV-1a over the source text, as 8 hex digits: enough to notice a change.
pub fn fingerprint(text: &str) -> String {
    let h = crate::text::hash::fnv1a64(text.bytes());
    format!("{:08x}", (h ^ (h >> 32)) as u32)
}

/// The translated fields of `unit` in `file`, and its state.
fn lookup(file: Option<&TranslationFile>, unit: &Unit) -> (Vec<(&'static str, String)>, State) {
    let Some(file) = file else {
        return (Vec::new(), State::Missing);
    };
    let (values, fp): (Vec<(&'static str, Option<&String>)>, Option<&String>) =
        if unit.id.is_empty() {
            let v = unit
                .fields
                .iter()
                .map(|(k, _)| {
                    let v = match *k {
                        "title" => file.title.as_ref(),
                        "short_title" => file.short_title.as_ref(),
                        "summary" => file.summary.as_ref(),
                        "kind" => file.kind.as_ref(),
                        _ => file.source.as_ref(),
                    };
                    (*k, v)
                })
                .collect();
            (v, file.fp.as_ref())
        } else {
            let Some(Some(e)) = file.entries.get(&unit.id) else {
                return (Vec::new(), State::Missing);
            };
            let v = unit.fields.iter().map(|(k, _)| (*k, e.field(k))).collect();
            (v, e.fp.as_ref())
        };
    let present: Vec<(&'static str, String)> = values
        .iter()
        .filter_map(|(k, v)| v.filter(|v| !v.trim().is_empty()).map(|v| (*k, v.clone())))
        .collect();
    // The metadata is translated when its title is; the other fields fall back one by one.
    let complete = if unit.id.is_empty() {
        present.iter().any(|(k, _)| *k == "title")
    } else {
        present.len() == values.len()
    };
    let state = if !complete {
        State::Missing
    } else if fp == Some(&unit.fp) {
        State::Translated
    } else {
        State::Stale
    };
    (present, state)
}

impl Translations {
    fn file(&self, lang: &str, doc: &Document) -> Option<&Loaded> {
        self.files.get(lang)?.get(&doc.source.key)
    }

    /// What to show for `node` of `doc` in `lang`.
    pub fn node(&self, lang: &str, doc: &Document, node: &Node) -> Shown {
        let fields = node_fields(node);
        if fields.is_empty() {
            return Shown {
                title: None,
                text: None,
                note: None,
                state: State::Translated,
            };
        }
        let unit = unit(node.id.clone(), fields);
        let (present, state) = lookup(self.file(lang, doc).map(|l| &l.file), &unit);
        let get = |name: &str| {
            (state != State::Missing)
                .then(|| {
                    present
                        .iter()
                        .find(|(k, _)| *k == name)
                        .map(|(_, v)| v.clone())
                })
                .flatten()
        };
        Shown {
            title: get("title"),
            text: get("text"),
            note: get("note"),
            state,
        }
    }

    /// The translated metadata field `name` (`title`, `short_title`, …) of `doc` in `lang`,
    /// with the state of the metadata as a whole.
    pub fn meta(&self, lang: &str, doc: &Document, name: &str) -> (Option<String>, State) {
        let (present, state) = lookup(self.file(lang, doc).map(|l| &l.file), &meta_unit(doc));
        let value = present
            .into_iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v);
        (value, state)
    }

    /// The state of every unit of `doc` in `lang`, in document order.
    pub fn status(&self, lang: &str, doc: &Document) -> Vec<(Unit, State)> {
        let file = self.file(lang, doc).map(|l| &l.file);
        units(doc)
            .into_iter()
            .map(|u| {
                let state = lookup(file, &u).1;
                (u, state)
            })
            .collect()
    }
}

/// Reads `content/translations/<lang>/*.yaml` for every language but the source, checks each
/// file belongs to a document and notes stale entries and unknown ids as warnings.
pub fn load(root: &Path, languages: &[String], documents: &[Document]) -> Result<Translations> {
    let mut out = Translations::default();
    for lang in languages.iter().skip(1) {
        let dir = root.join("content/translations").join(lang);
        let mut by_doc = BTreeMap::new();
        for path in yaml_files(&dir)? {
            let shown = crate::source::display_path(root, &path);
            let text =
                std::fs::read_to_string(&path).with_context(|| format!("{shown}: cannot read"))?;
            let file: TranslationFile = yaml::parse(&shown, &text)?;
            let key = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            if file.document != key {
                let line = yaml::find_line(&text, 0, "document:").unwrap_or(1);
                bail!(
                    "{shown}:{line}: `document: {}` does not match the file name; the file of \
                     a document is named after its key ({key}.yaml)",
                    file.document
                );
            }
            let Some(doc) = documents.iter().find(|d| d.source.key == key) else {
                // A text removed or renamed: its translation waits, unused.
                out.warnings.push(Anomaly {
                    file: shown.clone(),
                    line: 1,
                    end_line: None,
                    severity: Severity::Warning,
                    code: Code::Translation,
                    found: format!("a translation of seeds/{key}.txt, which does not exist"),
                    concluded: "ignored; rename the file after the document's key".into(),
                });
                continue;
            };
            let loaded = Loaded { file, shown, text };
            check(&loaded, doc, &mut out.warnings);
            by_doc.insert(key, loaded);
        }
        out.files.insert(lang.clone(), by_doc);
    }
    Ok(out)
}

/// Warnings for entries the document has no node for, and for stale entries.
fn check(loaded: &Loaded, doc: &Document, warnings: &mut Vec<Anomaly>) {
    let units = units(doc);
    let warn = |id: &str, found: String, concluded: &str| Anomaly {
        file: loaded.shown.clone(),
        line: loaded.line_of(id),
        end_line: None,
        severity: Severity::Warning,
        code: Code::Translation,
        found,
        concluded: concluded.into(),
    };
    for id in loaded.file.entries.keys() {
        if units.iter().any(|u| &u.id == id) {
            continue;
        }
        let (found, concluded) = if doc.outline.find(id).is_some() {
            (
                format!("translation of `{id}`, which has no title or text"),
                "not shown; its label comes from the interface strings",
            )
        } else {
            (
                format!(
                    "translation of `{id}`, which {} does not have",
                    doc.source.display_path
                ),
                "not shown; the id may have changed after a correction (see `gongwen outline`)",
            )
        };
        warnings.push(warn(id, found, concluded));
    }
    for u in &units {
        if lookup(Some(&loaded.file), u).1 == State::Stale {
            let what = if u.id.is_empty() { "the title" } else { &u.id };
            warnings.push(warn(
                &u.id,
                format!("the translation of {what} is stale"),
                "its source text changed since it was translated; shown flagged until revised \
                 (delete its `fp` and run `gongwen translations export`)",
            ));
        }
    }
}

fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in
        std::fs::read_dir(dir).with_context(|| format!("{}: cannot list", dir.display()))?
    {
        let path = entry?.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if path.is_file() && !hidden && path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// The translation file of `doc` in `lang` with every unit: translated ones kept as they are
/// (a missing `fp` filled in with the current fingerprint), the others as `fp` alone, each
/// preceded by its source text as a comment.
pub fn export(doc: &Document, existing: Option<&TranslationFile>, header: &str) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let comment = |out: &mut String, indent: &str, fields: &[(&str, String)]| {
        for (k, v) in fields {
            let one_line: String = v.split_whitespace().collect::<Vec<_>>().join(" ");
            let _ = writeln!(out, "{indent}# {k}: {one_line}");
        }
    };
    let mut out = String::new();
    for line in header.lines() {
        let _ = writeln!(out, "# {line}");
    }
    let _ = writeln!(out, "document: {}", q(&doc.source.key));
    let units = units(doc);
    let file = existing.cloned().unwrap_or_default();
    // The metadata.
    let meta = &units[0];
    comment(&mut out, "", &meta.fields);
    for (k, _) in &meta.fields {
        let v = match *k {
            "title" => &file.title,
            "short_title" => &file.short_title,
            "summary" => &file.summary,
            "kind" => &file.kind,
            _ => &file.source,
        };
        if let Some(v) = v {
            let _ = writeln!(out, "{k}: {}", q(v));
        }
    }
    let _ = writeln!(out, "fp: {}", q(file.fp.as_deref().unwrap_or(&meta.fp)));
    out.push_str("entries:\n");
    for u in &units[1..] {
        let _ = writeln!(out, "  {}:", u.id);
        comment(&mut out, "    ", &u.fields);
        let entry = file
            .entries
            .get(&u.id)
            .cloned()
            .flatten()
            .unwrap_or_default();
        if let Some(t) = &entry.title {
            let _ = writeln!(out, "    title: {}", q(t));
        }
        if let Some(t) = &entry.text {
            let _ = writeln!(out, "    text: {}", q(t));
        }
        if let Some(t) = &entry.note {
            let _ = writeln!(out, "    note: {}", q(t));
        }
        let _ = writeln!(out, "    fp: {}", q(entry.fp.as_deref().unwrap_or(&u.fp)));
    }
    // Entries for ids the document no longer has are kept at the end, for the editor.
    let orphans: Vec<_> = file
        .entries
        .iter()
        .filter(|(id, _)| !units.iter().any(|u| &u.id == *id))
        .collect();
    if !orphans.is_empty() {
        out.push_str("  # Ids the document does not have (kept for reference; not shown):\n");
        for (id, e) in orphans {
            let _ = writeln!(out, "  {id}:");
            if let Some(e) = e {
                for (k, v) in [
                    ("title", &e.title),
                    ("text", &e.text),
                    ("note", &e.note),
                    ("fp", &e.fp),
                ] {
                    if let Some(v) = v {
                        let _ = writeln!(out, "    {k}: {}", q(v));
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_change_with_the_text() {
        assert_eq!(fingerprint("加强高层交往"), fingerprint("加强高层交往"));
        assert_ne!(fingerprint("加强高层交往"), fingerprint("加强高层交往。"));
        assert_eq!(fingerprint("x").len(), 8);
    }
}
