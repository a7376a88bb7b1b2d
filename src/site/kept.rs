//! Watch mode's shortcut through assembly: the pages of a document that nothing changed for
//! are not assembled again, and the renderer reuses their HTML.
//!
//! A document's pages are a function of the document (outline, metadata, translations), of
//! site-wide inputs (configuration, strings, glossary, theme, other documents' titles), and
//! of its slices of the enrichment. The session knows the first two: it says which documents
//! it did not re-read, and it says none when anything site-wide was re-read ([`Reuse`]). The
//! third is computed afresh on every rebuild and can move with an edit elsewhere (related
//! passages are scored over all documents), so each document's slices are fingerprinted here
//! ([`doc_key`]), together with the header's navigation; a related passage in a document that
//! was re-read makes the key unknown, since its citation or place may have changed.
//!
//! Every incremental rebuild is tested against a full build (same bytes out), which is what
//! keeps this list of inputs honest.

use std::hash::{Hash, Hasher};

use super::Ctx;

/// What the last assembly of each language built for each document: the key of its inputs
/// and its pages' files, in order.
#[derive(Default)]
pub struct Kept {
    langs: Vec<Vec<KeptDoc>>,
}

struct KeptDoc {
    key: u64,
    files: Vec<String>,
}

impl Kept {
    /// Forgets everything: the next assembly builds every page.
    pub fn clear(&mut self) {
        self.langs.clear();
    }

    /// The files of document `doc`'s pages in language `lang`, if they were built from
    /// inputs with this key.
    fn files(&self, lang: usize, doc: usize, key: u64) -> Option<&[String]> {
        let kept = self.langs.get(lang)?.get(doc)?;
        (kept.key == key).then_some(kept.files.as_slice())
    }

    /// Records what language `lang`'s assembly built: per document, its key and its files.
    pub(super) fn record(&mut self, lang: usize, docs: Vec<(u64, Vec<String>)>) {
        if self.langs.len() <= lang {
            self.langs.resize_with(lang + 1, Vec::new);
        }
        self.langs[lang] = docs
            .into_iter()
            .map(|(key, files)| KeptDoc { key, files })
            .collect();
    }
}

/// What an assembly may take from the last one.
pub struct Reuse<'a> {
    /// By document index: whether the document and everything site-wide are as they were at
    /// the last assembly (the session re-read neither).
    pub unchanged: &'a [bool],
    pub kept: &'a mut Kept,
}

impl Reuse<'_> {
    /// The files of document `doc`'s pages in language `lang`, if they can be kept: the
    /// document is unchanged and its pages were last built from the same outside inputs.
    pub(super) fn files(&self, lang: usize, doc: usize, key: u64) -> Option<&[String]> {
        if !self.unchanged.get(doc).copied().unwrap_or(false) {
            return None;
        }
        self.kept.files(lang, doc, key)
    }
}

/// The fingerprint of what document `doc`'s pages take from outside the document: the
/// header's navigation, the document's term and reference links, and its related passages
/// as its pages show them (document, citation and URL).
pub(super) fn doc_key(ctx: &Ctx, doc: usize) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    ctx.nav.hash(&mut h);
    for slot in ctx.slots.range(doc) {
        if let Some(links) = ctx.enrichment.links.get(slot) {
            links.hash(&mut h);
        }
        if let Some(related) = ctx.enrichment.related.get(slot) {
            related.len().hash(&mut h);
            for r in related {
                let Some(target) = ctx.nodes.get(r.slot) else {
                    continue;
                };
                target.doc.hash(&mut h);
                ctx.shorts[target.doc].hash(&mut h);
                ctx.cite(r.slot).hash(&mut h);
                target.top.map(|t| &t.id).hash(&mut h);
                target.node.id.hash(&mut h);
            }
        }
    }
    h.finish()
}
