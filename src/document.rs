//! One document of the library: its text, its metadata and its recognised outline.

use crate::content::DocMeta;
use crate::outline::Outline;
use crate::source::SourceText;

/// One document: its text, its metadata and its recognised outline.
#[derive(Debug, Clone)]
pub struct Document {
    pub source: SourceText,
    pub meta: DocMeta,
    pub outline: Outline,
    /// The URL segment, made once (see [`Document::slug`]).
    slug: String,
}

impl Document {
    pub fn new(source: SourceText, meta: DocMeta, outline: Outline) -> Document {
        let slug =
            (meta.slug.clone()).unwrap_or_else(|| crate::text::slug::slug(&source.key, 150, "doc"));
        Document {
            source,
            meta,
            outline,
            slug,
        }
    }

    /// The title: from the metadata, else the text's title line, else the file key.
    pub fn title(&self) -> String {
        self.meta
            .title
            .clone()
            .or_else(|| self.outline.title.clone())
            .unwrap_or_else(|| self.source.key.clone())
    }

    /// The kind of text: from the metadata, else what its title names (see
    /// [`crate::outline::notes::kind_of_title`]).
    pub fn kind(&self) -> Option<String> {
        (self.meta.kind.clone()).or_else(|| self.outline.kind.clone())
    }

    /// The text's date: from the metadata, else the latest adoption, promulgation, approval,
    /// amendment or revision its 题注 records (the date of the version published).
    pub fn date(&self) -> Option<String> {
        self.meta.date.clone().or_else(|| {
            (self.outline.history.iter())
                .filter(|e| e.action != crate::outline::notes::Action::Effective)
                .map(|e| e.date.clone())
                .max()
        })
    }

    /// The body that adopted or promulgated the text: from the metadata, else its 题注.
    pub fn issuer(&self) -> Option<String> {
        (self.meta.issuer.clone()).or_else(|| crate::outline::notes::issuer(&self.outline.history))
    }

    /// The URL segment: from the metadata, else the file key slugified.
    pub fn slug(&self) -> &str {
        &self.slug
    }
}
