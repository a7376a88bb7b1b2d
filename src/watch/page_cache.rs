//! Rendered pages by output file path, reused while a page's view is unchanged.
//!
//! A page's HTML is a function of its template and its view value, and nothing else: the
//! cache keys each page by its output file (`doc/art2/index.html`; not by kind of page, so
//! it keeps working whatever pages the site gains) and stores the serialised view beside the
//! minified HTML. A page whose view serialises to the same bytes is not rendered or minified
//! again. Templates are not part of the key: the session clears the cache when one changes.
//! (Nothing in a view moves with every edit: pages name the search manifest by a path that
//! stays the same, `search/<lang>/index.json`.)

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use rayon::prelude::*;
use tera::Tera;

use crate::build::RenderPages;
use crate::output;
use crate::render;
use crate::site::Page;

struct Entry {
    view: Vec<u8>,
    /// The minified page.
    html: Vec<u8>,
}

#[derive(Default)]
pub struct PageCache {
    entries: HashMap<String, Entry>,
    /// The files rendered afresh by the last call (the others were reused).
    fresh: HashSet<String>,
}

impl PageCache {
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// The pages rendered afresh by the last render.
    pub fn fresh(&self) -> &HashSet<String> {
        &self.fresh
    }
}

impl RenderPages for PageCache {
    fn render_pages(&mut self, tera: &Tera, pages: &[Page]) -> Result<Vec<(String, Vec<u8>)>> {
        let entries = &self.entries;
        // (file, a new entry or None to reuse the cached one)
        let done: Vec<(&str, Option<Entry>)> = pages
            .par_iter()
            .map(|page| {
                let view = render::view_bytes(page)?;
                if entries.get(&page.file).is_some_and(|e| e.view == view) {
                    return Ok((page.file.as_str(), None));
                }
                let html = output::minify_html(&render::render(tera, page)?);
                Ok((page.file.as_str(), Some(Entry { view, html })))
            })
            .collect::<Result<_>>()?;
        let live: HashSet<&str> = pages.iter().map(|p| p.file.as_str()).collect();
        self.entries.retain(|file, _| live.contains(file.as_str()));
        self.fresh.clear();
        let mut out = Vec::with_capacity(done.len());
        for (file, new) in done {
            if let Some(e) = new {
                self.fresh.insert(file.to_string());
                self.entries.insert(file.to_string(), e);
            }
            let e = &self.entries[file];
            out.push((file.to_string(), e.html.clone()));
        }
        Ok(out)
    }
}
