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

use anyhow::{bail, Result};
use rayon::prelude::*;
use tera::Tera;

use crate::build::RenderPages;
use crate::outline::Anomaly;
use crate::output;
use crate::render;
use crate::site::kept::{Kept, Reuse};
use crate::site::{Page, PageView};

struct Entry {
    view: Vec<u8>,
    /// The minified page.
    html: output::Bytes,
}

/// A writer that compares what is written with the bytes of the last view, and fails at
/// the first difference: an unchanged view is compared without being kept, and a changed
/// one stops being written where it differs.
struct Same<'a> {
    old: &'a [u8],
    at: usize,
}

impl std::io::Write for Same<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let end = self.at + buf.len();
        if self.old.get(self.at..end) != Some(buf) {
            return Err(std::io::Error::other("the view differs"));
        }
        self.at = end;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[derive(Default)]
pub struct PageCache {
    entries: HashMap<String, Entry>,
    /// The files rendered afresh by the last call (the others were reused).
    fresh: HashSet<String>,
    /// What assembly built for each document, and which documents are unchanged since.
    kept: Kept,
    unchanged: Option<Vec<bool>>,
    /// How many pages the last render took as they were, unassembled.
    kept_pages: usize,
    /// The last `anomalies.json` and the anomalies it lists.
    anomalies: Option<(Vec<Anomaly>, output::Bytes)>,
}

impl PageCache {
    pub fn clear(&mut self) {
        self.entries.clear();
        self.kept.clear();
    }

    /// Says which documents (by index) the session did not re-read since the last render,
    /// or None if it re-read anything site-wide: the pages of unchanged documents need not
    /// be assembled again if their slices of the enrichment are unchanged too. Good for the
    /// next render only.
    pub fn set_unchanged(&mut self, unchanged: Option<Vec<bool>>) {
        self.unchanged = unchanged;
    }

    /// How many pages the last render kept from the one before without assembling them.
    pub fn kept_pages(&self) -> usize {
        self.kept_pages
    }

    /// The pages rendered afresh by the last render.
    pub fn fresh(&self) -> &HashSet<String> {
        &self.fresh
    }
}

impl RenderPages for PageCache {
    fn anomalies_json(&mut self, anomalies: &[&Anomaly]) -> Result<output::Bytes> {
        if let Some((last, json)) = &self.anomalies {
            if last.len() == anomalies.len() && last.iter().zip(anomalies).all(|(a, b)| a == *b) {
                return Ok(json.clone());
            }
        }
        let json = crate::build::anomalies_json(anomalies)?;
        let list = anomalies.iter().map(|a| (*a).clone()).collect();
        self.anomalies = Some((list, json.clone()));
        Ok(json)
    }

    fn reuse(&mut self) -> Option<Reuse<'_>> {
        Some(Reuse {
            unchanged: self.unchanged.as_deref(),
            kept: &mut self.kept,
        })
    }

    fn render_pages(
        &mut self,
        tera: &Tera,
        pages: Vec<Page>,
    ) -> Result<Vec<(String, output::Bytes)>> {
        let entries = &self.entries;
        // (file, a new entry or None to reuse the cached one)
        let done: Vec<(&str, Option<Entry>)> = pages
            .par_iter()
            .map(|page| {
                if matches!(page.view, PageView::Kept) {
                    if !entries.contains_key(&page.file) {
                        bail!(
                            "{}: kept from a build the page cache does not have",
                            page.file
                        );
                    }
                    return Ok((page.file.as_str(), None));
                }
                if let Some(e) = entries.get(&page.file) {
                    let mut same = Same {
                        old: &e.view,
                        at: 0,
                    };
                    if render::write_view(page, &mut same).is_ok() && same.at == e.view.len() {
                        return Ok((page.file.as_str(), None));
                    }
                }
                let mut view = Vec::new();
                render::write_view(page, &mut view)?;
                let html = render::render(tera, page)?.into();
                Ok((page.file.as_str(), Some(Entry { view, html })))
            })
            .collect::<Result<_>>()
            .inspect_err(|_| {
                // Assembly recorded pages that were not rendered.
                self.kept.clear();
            })?;
        let live: HashSet<&str> = pages.iter().map(|p| p.file.as_str()).collect();
        self.entries.retain(|file, _| live.contains(file.as_str()));
        self.fresh.clear();
        self.kept_pages = (pages.iter())
            .filter(|p| matches!(p.view, PageView::Kept))
            .count();
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn same_accepts_the_old_bytes_only_and_stops_at_the_first_difference() {
        let old = b"{\"a\":1,\"b\":[2]}";
        let mut same = Same { old, at: 0 };
        assert!(same.write_all(b"{\"a\":1,").is_ok());
        assert!(same.write_all(b"\"b\":[2]}").is_ok());
        assert_eq!(same.at, old.len());
        let mut same = Same { old, at: 0 };
        assert!(same.write_all(b"{\"a\":2").is_err());
        let mut same = Same { old, at: 0 };
        assert!(same.write_all(b"{\"a\":1,\"b\":[2]}, more").is_err());
        // A view that stops short is not the same either: the caller checks the length.
        let mut same = Same { old, at: 0 };
        assert!(same.write_all(b"{\"a\":1").is_ok());
        assert!(same.at < old.len());
    }
}
