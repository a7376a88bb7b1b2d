//! The build's link check for rebuilds: each page's anchors and resolved links are kept, and
//! only the pages rendered afresh are parsed again. Every link of every page is still checked
//! (a changed page can drop an anchor an unchanged page links to), but that is a lookup.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::output::{attr_values, resolve, Files};

struct Parsed {
    ids: HashSet<String>,
    /// (href as written, target file, fragment).
    links: Vec<(String, String, String)>,
}

#[derive(Default)]
pub struct LinkIndex {
    pages: HashMap<String, Parsed>,
    base: String,
}

impl LinkIndex {
    /// Forgets every page; the next check parses them all.
    pub fn clear(&mut self) {
        self.pages.clear();
    }

    /// The broken links of `files`, as [`crate::output::check_links`] reports them. `fresh`
    /// names the pages that may differ from the last check.
    pub fn check(&mut self, files: &Files, base: &str, fresh: &HashSet<String>) -> Vec<String> {
        if base != self.base {
            self.pages.clear();
            self.base = base.to_string();
        }
        let html: Vec<(&String, &Vec<u8>)> =
            files.iter().filter(|(p, _)| p.ends_with(".html")).collect();
        self.pages.retain(|p, _| files.contains_key(p));
        let parsed: Vec<(String, Parsed)> = html
            .par_iter()
            .filter(|(p, _)| fresh.contains(*p) || !self.pages.contains_key(*p))
            .map(|(p, bytes)| ((*p).clone(), parse(p, bytes, base)))
            .collect();
        self.pages.extend(parsed);
        let mut broken = Vec::new();
        for (path, _) in html {
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
        broken
    }
}

fn parse(path: &str, bytes: &[u8], base: &str) -> Parsed {
    let Ok(html) = std::str::from_utf8(bytes) else {
        return Parsed {
            ids: HashSet::new(),
            links: Vec::new(),
        };
    };
    let ids = attr_values(html, "id")
        .into_iter()
        .map(str::to_string)
        .collect();
    let mut hrefs = attr_values(html, "href");
    hrefs.extend(attr_values(html, "src"));
    hrefs.extend(attr_values(html, "action"));
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
            .map(|(p, h)| (p.to_string(), h.as_bytes().to_vec()))
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
}
