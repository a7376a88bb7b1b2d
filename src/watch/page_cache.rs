//! Rendered pages by output file path, reused while a page's view is unchanged.
//!
//! A page's HTML is a function of its template and its view value, and nothing else: the
//! cache keys each page by its output file (`doc/art2/index.html`; not by kind of page, so
//! it keeps working whatever pages the site gains) and stores the serialised view beside the
//! minified HTML. A page whose view serialises to the same bytes is not rendered or minified
//! again. Templates are not part of the key: the session clears the cache when one changes.
//!
//! One value is in every page's view and changes with every edit to a text: the path of the
//! search manifest (`search/zh-Hans/<hash of the index>/index.json`). It is rendered as a
//! placeholder and put in when the page is output, so an edit to one paragraph renders the
//! pages showing that paragraph, not every page. (The placeholder is letters only, like the
//! path it stands for, so minification treats both alike; the incremental-versus-full tests
//! check the bytes.)

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use rayon::prelude::*;
use tera::Tera;

use crate::build::RenderPages;
use crate::output;
use crate::render;
use crate::site::Page;

/// Stands for the search manifest's path in rendered pages.
const PLACEHOLDER: &str = "gongwensearchmanifestplaceholder";
/// Where a view holds that path.
const MANIFEST: &str = "/layout/search";

struct Entry {
    view: Vec<u8>,
    /// The minified page, with the placeholder.
    html: Vec<u8>,
    /// Where the placeholder is in `html`.
    holes: Vec<usize>,
    /// Whether a link (`href`, `src`, `action`) holds the placeholder: then the link check
    /// must see the page again when the manifest moves.
    linked: bool,
    /// The manifest path put in last time.
    manifest: String,
}

impl Entry {
    fn output(&self, manifest: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.html.len() + self.holes.len() * manifest.len());
        let mut at = 0;
        for &hole in &self.holes {
            out.extend_from_slice(&self.html[at..hole]);
            out.extend_from_slice(manifest.as_bytes());
            at = hole + PLACEHOLDER.len();
        }
        out.extend_from_slice(&self.html[at..]);
        out
    }
}

/// Where the placeholder is in `bytes` (pages and views are UTF-8; anything else has none).
fn occurrences(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    std::str::from_utf8(bytes)
        .unwrap_or_default()
        .match_indices(PLACEHOLDER)
        .map(|(i, _)| i)
}

fn entry(view: Vec<u8>, html: Vec<u8>) -> Entry {
    let holes: Vec<usize> = occurrences(&html).collect();
    let linked = !holes.is_empty()
        && std::str::from_utf8(&html).is_ok_and(|text| {
            ["href", "src", "action"].iter().any(|attr| {
                crate::output::attr_values(text, attr)
                    .iter()
                    .any(|v| v.contains(PLACEHOLDER))
            })
        });
    Entry {
        view,
        html,
        holes,
        linked,
        manifest: String::new(),
    }
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
        // (file, manifest path, a new entry or None to reuse the cached one)
        let done: Vec<(&str, String, Option<Entry>)> = pages
            .par_iter()
            .map(|page| {
                let mut value = render::view_value(page)?;
                let manifest = match value.pointer_mut(MANIFEST) {
                    Some(v) => std::mem::replace(v, PLACEHOLDER.into())
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                    None => String::new(),
                };
                let mut view = serde_json::to_vec(&value)?;
                let holes = usize::from(!manifest.is_empty());
                let literal = occurrences(&view).count() > holes;
                if literal {
                    // The text itself holds the placeholder: render this page as it is.
                    if let Some(v) = value.pointer_mut(MANIFEST) {
                        *v = manifest.clone().into();
                    }
                    view = serde_json::to_vec(&value)?;
                }
                if entries.get(&page.file).is_some_and(|e| e.view == view) {
                    return Ok((page.file.as_str(), manifest, None));
                }
                let html = output::minify_html(&render::render_view(tera, page, value)?);
                let mut e = entry(view, html);
                if literal {
                    e.holes.clear();
                    e.linked = false;
                }
                Ok((page.file.as_str(), manifest, Some(e)))
            })
            .collect::<Result<_>>()?;
        let live: HashSet<&str> = pages.iter().map(|p| p.file.as_str()).collect();
        self.entries.retain(|file, _| live.contains(file.as_str()));
        self.fresh.clear();
        let mut out = Vec::with_capacity(done.len());
        for (file, manifest, new) in done {
            if let Some(e) = new {
                self.fresh.insert(file.to_string());
                self.entries.insert(file.to_string(), e);
            }
            let e = self.entries.get_mut(file).expect("just rendered or reused");
            if e.linked && e.manifest != manifest {
                self.fresh.insert(file.to_string());
            }
            out.push((file.to_string(), e.output(&manifest)));
            e.manifest = manifest;
        }
        Ok(out)
    }
}
