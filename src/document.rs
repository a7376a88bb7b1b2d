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

    /// The URL segment: from the metadata, else the file key slugified.
    pub fn slug(&self) -> &str {
        &self.slug
    }
}
