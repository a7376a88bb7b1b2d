//! Watch mode's shortcut through assembly: pages that nothing changed for are not assembled
//! again, and the renderer reuses their HTML.
//!
//! A document's pages are a function of the document (outline, metadata, translations), of
//! site-wide inputs (configuration, strings, glossary, theme, other documents' titles), and
//! of its slices of the enrichment. The session knows the first two: it says which documents
//! it did not re-read, and it says none when anything site-wide was re-read ([`Reuse`]). The
//! third is computed afresh on every rebuild and can move with an edit elsewhere (related
//! passages are scored over all documents, and a related passage's citation and place are
//! its document's), so each document's slices are fingerprinted here as its pages show them,
//! together with the header's navigation ([`doc_key`]).
//!
//! A page of a term's or subject's list shows passages of many documents: it is kept when
//! every passage on it is in an unchanged document and its fingerprint ([`list_key`]: the
//! list's length, the page's number, each passage's place and snippet range) is the same.
//!
//! Every incremental rebuild is tested against a full build (same bytes out), which is what
//! keeps this list of inputs honest.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use super::Ctx;

/// What the last assembly of each language built: for each document, the key of its
/// outside inputs and its pages' files, in order; for each page of a term's or subject's
/// list, the key of what it lists.
#[derive(Default)]
pub struct Kept {
    langs: Vec<KeptLang>,
}

#[derive(Default)]
struct KeptLang {
    docs: Vec<KeptDoc>,
    lists: HashMap<String, u64>,
}

struct KeptDoc {
    key: u64,
    files: Vec<String>,
}

/// The keys one language's assembly built its pages from, to record.
#[derive(Default)]
pub(super) struct Keys {
    /// Per document: key and files.
    pub docs: Vec<(u64, Vec<String>)>,
    /// Per list page: file and key.
    pub lists: Vec<(String, u64)>,
}

impl Kept {
    /// Forgets everything: the next assembly builds every page.
    pub fn clear(&mut self) {
        self.langs.clear();
    }

    /// Records what language `lang`'s assembly built.
    pub(super) fn record(&mut self, lang: usize, keys: Keys) {
        if self.langs.len() <= lang {
            self.langs.resize_with(lang + 1, KeptLang::default);
        }
        self.langs[lang] = KeptLang {
            docs: (keys.docs.into_iter())
                .map(|(key, files)| KeptDoc { key, files })
                .collect(),
            lists: keys.lists.into_iter().collect(),
        };
    }
}

/// What an assembly may take from the last one.
pub struct Reuse<'a> {
    /// None when anything site-wide may have changed since the last assembly; else, by
    /// document index, whether the document is as it was (the session did not re-read it).
    pub unchanged: Option<&'a [bool]>,
    pub kept: &'a mut Kept,
}

impl Reuse<'_> {
    /// What language `lang`'s assembly may look up.
    pub(super) fn lookup(&self, lang: usize) -> Lookup<'_> {
        Lookup {
            unchanged: self.unchanged,
            kept: self.kept.langs.get(lang),
        }
    }
}

/// [`Reuse`] for one language, shared by the parts of its assembly.
#[derive(Clone, Copy)]
pub(super) struct Lookup<'a> {
    unchanged: Option<&'a [bool]>,
    kept: Option<&'a KeptLang>,
}

impl<'a> Lookup<'a> {
    /// Whether nothing site-wide changed since the last assembly.
    pub(super) fn site_unchanged(&self) -> bool {
        self.unchanged.is_some()
    }

    /// Whether document `doc` and everything site-wide are as at the last assembly.
    pub(super) fn unchanged(&self, doc: usize) -> bool {
        self.unchanged
            .and_then(|u| u.get(doc).copied())
            .unwrap_or(false)
    }

    /// The files of document `doc`'s pages, if they can be kept: the document is unchanged
    /// and its pages were last built from the same outside inputs.
    pub(super) fn doc_files(&self, doc: usize, key: u64) -> Option<&'a [String]> {
        let kept = self.kept?.docs.get(doc)?;
        (self.unchanged(doc) && kept.key == key).then_some(kept.files.as_slice())
    }

    /// Whether the list page `file`, listing passages of unchanged documents only (and
    /// nothing site-wide changed), can be kept: it was last built from the same key.
    pub(super) fn list_page(&self, file: &str, key: u64) -> bool {
        self.kept.and_then(|k| k.lists.get(file)) == Some(&key)
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

/// The fingerprint of one page of a list: the header's navigation, `whole` (what every page
/// of the list shows of it: its length, its number of pages) and the page's passages, each
/// as its document, its place in the document and `at` (where in its text the snippet is
/// cut), which fix what the page shows of a passage of an unchanged document. The second
/// value says whether nothing site-wide changed and every passage is in an unchanged
/// document.
pub(super) fn list_key(
    ctx: &Ctx,
    whole: impl Hash,
    items: impl Iterator<Item = (usize, (usize, usize))>,
) -> (u64, bool) {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    ctx.nav.hash(&mut h);
    whole.hash(&mut h);
    let mut unchanged = ctx.reuse.is_some_and(|r| r.site_unchanged());
    for (slot, at) in items {
        match ctx.nodes.get(slot) {
            Some(p) => {
                unchanged &= ctx.reuse.is_some_and(|r| r.unchanged(p.doc));
                (p.doc, p.node.seq, at).hash(&mut h);
            }
            None => usize::MAX.hash(&mut h),
        }
    }
    (h.finish(), unchanged)
}
