//! The build's link check for rebuilds: each page's anchors and resolved links are kept, and
//! only the pages rendered afresh are parsed again. A page's links are checked again when the
//! page changed, or when a file it links to changed, appeared or went (a changed page can drop
//! an anchor an unchanged page links to); the others passed last time and still do. Any
//! failure clears the index, so the next check is a full one.

use std::collections::HashSet;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::output::{ids_and_links, resolve, Files};

struct Parsed {
    ids: FxHashSet<String>,
    /// (href as written, target file, fragment).
    links: Vec<(String, String, String)>,
}

#[derive(Default)]
pub struct LinkIndex {
    pages: FxHashMap<String, Parsed>,
    /// For each file, the pages that link to it.
    linked_from: FxHashMap<String, FxHashSet<String>>,
    /// The files of the last check that passed.
    files: FxHashSet<String>,
    base: String,
}

impl LinkIndex {
    /// Forgets everything; the next check parses and checks every page.
    pub fn clear(&mut self) {
        *self = LinkIndex::default();
    }

    /// The broken links of `files`, as [`crate::output::check_links`] reports them. `fresh`
    /// names the pages that may differ from the last check.
    pub fn check(&mut self, files: &Files, base: &str, fresh: &HashSet<String>) -> Vec<String> {
        if base != self.base {
            self.clear();
            self.base = base.to_string();
        }
        let html: Vec<&String> = files.keys().filter(|p| p.ends_with(".html")).collect();
        let parse_again: Vec<&String> = html
            .iter()
            .copied()
            .filter(|p| fresh.contains(*p) || !self.pages.contains_key(*p))
            .collect();
        // The files whose presence or anchors may have changed.
        let mut changed: FxHashSet<&str> = parse_again.iter().map(|p| p.as_str()).collect();
        changed.extend(
            files
                .keys()
                .filter(|f| !self.files.contains(*f))
                .map(String::as_str),
        );
        changed.extend(
            self.files
                .iter()
                .filter(|f| !files.contains_key(*f))
                .map(String::as_str),
        );
        let mut check: FxHashSet<&str> = changed
            .iter()
            .filter_map(|f| self.linked_from.get(*f))
            .flatten()
            .map(String::as_str)
            .filter(|p| files.contains_key(*p))
            .collect();
        check.extend(parse_again.iter().map(|p| p.as_str()));
        let check: FxHashSet<String> = check.into_iter().map(str::to_string).collect();
        let parsed: Vec<(String, Parsed)> = parse_again
            .par_iter()
            .map(|p| ((*p).clone(), parse(p, &files[*p], base)))
            .collect();
        for (page, p) in parsed {
            if let Some(old) = self.pages.remove(&page) {
                for (_, file, _) in &old.links {
                    if let Some(from) = self.linked_from.get_mut(file) {
                        from.remove(&page);
                    }
                }
            }
            for (_, file, _) in &p.links {
                self.linked_from
                    .entry(file.clone())
                    .or_default()
                    .insert(page.clone());
            }
            self.pages.insert(page, p);
        }
        self.pages.retain(|p, _| files.contains_key(p));
        let mut broken = Vec::new();
        for path in html.into_iter().filter(|p| check.contains(*p)) {
            let Some(page) = self.pages.get(path) else {
                continue;
            };
            for (href, file, fragment) in &page.links {
                if !files.contains_key(file) {
                    broken.push(format!("{path}: link \"{href}\": no such file {file}"));
                } else if !fragment.is_empty()
                    && !self
                        .pages
                        .get(file)
                        .is_some_and(|p| p.ids.contains(fragment))
                {
                    broken.push(format!(
                        "{path}: link \"{href}\": {file} has no anchor #{fragment}"
                    ));
                }
            }
        }
        if broken.is_empty() {
            self.files = files.keys().cloned().collect();
        } else {
            self.clear();
        }
        broken
    }
}

fn parse(path: &str, bytes: &[u8], base: &str) -> Parsed {
    let Ok(html) = std::str::from_utf8(bytes) else {
        return Parsed {
            ids: FxHashSet::default(),
            links: Vec::new(),
        };
    };
    let (ids, hrefs) = ids_and_links(html);
    let ids = ids.into_iter().map(str::to_string).collect();
    let links = hrefs
        .into_iter()
        .filter_map(|href| {
            let (file, fragment) = resolve(path, href, base)?;
            Some((href.to_string(), file, fragment))
        })
        .collect();
    Parsed { ids, links }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(pages: &[(&str, &str)]) -> Files {
        pages
            .iter()
            .map(|(p, h)| (p.to_string(), h.as_bytes().to_vec().into()))
            .collect()
    }

    #[test]
    fn finds_an_anchor_removed_from_a_page_that_links_elsewhere_do_not_change() {
        let mut index = LinkIndex::default();
        let before = site(&[
            ("a/index.html", r#"<p id="x">"#),
            ("index.html", r#"<a href="a/#x">"#),
        ]);
        assert!(index.check(&before, "/", &HashSet::new()).is_empty());
        let after = site(&[
            ("a/index.html", r#"<p id="y">"#),
            ("index.html", r#"<a href="a/#x">"#),
        ]);
        let fresh = HashSet::from(["a/index.html".to_string()]);
        let broken = index.check(&after, "/", &fresh);
        assert_eq!(broken, crate::output::check_links(&after, "/"));
        assert_eq!(broken.len(), 1);
    }

    #[test]
    fn finds_a_link_to_a_file_that_went_from_a_page_that_did_not_change() {
        let mut index = LinkIndex::default();
        let before = site(&[("a/index.html", "<p>"), ("index.html", r#"<a href="a/">"#)]);
        assert!(index.check(&before, "/", &HashSet::new()).is_empty());
        let after = site(&[("index.html", r#"<a href="a/">"#)]);
        let broken = index.check(&after, "/", &HashSet::new());
        assert_eq!(broken, crate::output::check_links(&after, "/"));
        assert_eq!(broken.len(), 1);
    }
}
