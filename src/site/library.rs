//! Browsing a library: its documents by kind, by year and by issuer, newest first.
//!
//! `library/` lists every kind, year and issuer with its count; `library/<facet>/<value>/`
//! lists that value's documents ([`PAGE`] a page, then `2/`, `3/` …); `library/all/` lists
//! them all. The home page shows every document of a small site, and of a large one the
//! newest [`HOME_NEWEST`] with the facets, so no page grows with the library.

use std::collections::BTreeMap;

use super::reference::{page_path, pager};
use super::*;

/// A library larger than this gets facets on its home page instead of every document.
pub(super) const HOME_MAX: usize = 30;
/// How many of the newest documents a large library's home page shows.
const HOME_NEWEST: usize = 20;
/// How many values of a facet the home page shows (the library page shows them all).
const HOME_VALUES: usize = 12;
/// Documents on a page of a list.
const PAGE: usize = 100;

/// One facet's values: name, URL segment, the documents (indexes into the summaries,
/// newest first).
struct Values {
    key: &'static str,
    title: String,
    values: Vec<(String, String, Vec<usize>)>,
}

/// The documents newest first: by date (undated last), then title.
fn newest_first(summaries: &[DocSummary]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..summaries.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&summaries[a], &summaries[b]);
        (y.date.is_some().cmp(&x.date.is_some()))
            .then_with(|| y.date.cmp(&x.date))
            .then_with(|| x.title.cmp(&y.title))
    });
    order
}

/// The facets, grouped by the source language's values (so that a value's page has the same
/// address in every language) and named as `shown` has them in the page's language.
fn facets(ctx: &Ctx, summaries: &[DocSummary], order: &[usize]) -> Vec<Values> {
    let t = ctx.t;
    let docs = &ctx.project.documents;
    type Value<'a> = &'a dyn Fn(usize) -> Option<String>;
    let by = |key: &'static str, title: &str, source: Value, shown: Value| {
        let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for &i in order {
            if let Some(v) = source(i) {
                groups.entry(v).or_default().push(i);
            }
        }
        let mut values: Vec<(String, String, Vec<usize>)> = Vec::new();
        let mut taken = std::collections::HashSet::new();
        for (value, docs) in groups {
            let mut slug = crate::text::slug::slug(&value, 80, "x");
            while !taken.insert(slug.clone()) {
                slug.push_str("-x");
            }
            let name = shown(docs[0]).unwrap_or(value);
            values.push((name, slug, docs));
        }
        // Years newest first; kinds and issuers by how many documents they have.
        if key == "year" {
            values.reverse();
        } else {
            values.sort_by(|a, b| b.2.len().cmp(&a.2.len()).then(a.0.cmp(&b.0)));
        }
        Values {
            key,
            title: title.to_string(),
            values,
        }
    };
    let year = |i: usize| -> Option<String> {
        let date = summaries[i].date.as_ref()?;
        date.get(..4).map(str::to_string)
    };
    vec![
        by("kind", t.get("by_kind"), &|i| docs[i].kind(), &|i| {
            summaries[i].kind.clone()
        }),
        by("year", t.get("by_year"), &year, &year),
        by("issuer", t.get("by_issuer"), &|i| docs[i].issuer(), &|i| {
            summaries[i].issuer.clone()
        }),
    ]
}

fn groups(all: &[Values], limit: usize) -> Vec<FacetGroup> {
    all.iter()
        .filter(|f| !f.values.is_empty())
        .map(|f| FacetGroup {
            title: f.title.clone(),
            values: (f.values.iter().take(limit))
                .map(|(name, slug, docs)| Facet {
                    name: name.clone(),
                    url: format!("library/{}/{slug}/", f.key),
                    count: docs.len(),
                })
                .collect(),
            more: f.values.len().saturating_sub(limit),
        })
        .collect()
}

/// The home page's documents and facets, and every page of the library.
pub(super) fn library_pages(
    ctx: &Ctx,
    summaries: &[DocSummary],
) -> (Vec<DocSummary>, Vec<FacetGroup>, Vec<Page>) {
    let t = ctx.t;
    let order = newest_first(summaries);
    let all = facets(ctx, summaries, &order);
    let mut pages = Vec::new();
    let library = t.get("library");
    pages.push(Page {
        file: ctx.file("library/"),
        view: PageView::Library(LibraryView {
            layout: ctx.layout("library/", library, "", crumbs(ctx, None)),
            title: library.to_string(),
            facets: groups(&all, usize::MAX),
            documents: Vec::new(),
            count: summaries.len(),
            pager: None,
        }),
    });
    let mut list = |base: String, title: String, docs: &[usize]| {
        let total = docs.len().div_ceil(PAGE).max(1);
        for (n, chunk) in docs.chunks(PAGE).enumerate().map(|(n, c)| (n + 1, c)) {
            let path = page_path(&base, n);
            let section = crumbs(ctx, Some((library, "library/")));
            pages.push(Page {
                file: ctx.file(&path),
                view: PageView::Library(LibraryView {
                    layout: ctx.layout(&path, &title, "", section),
                    title: title.clone(),
                    facets: Vec::new(),
                    documents: chunk.iter().map(|&i| summaries[i].clone()).collect(),
                    count: docs.len(),
                    pager: pager(n, total),
                }),
            });
        }
    };
    list("library/all/".into(), t.get("all_documents").into(), &order);
    for f in &all {
        for (name, slug, docs) in &f.values {
            let title = (t.get("facet_title"))
                .replace("{facet}", &f.title)
                .replace("{value}", name);
            list(format!("library/{}/{slug}/", f.key), title, docs);
        }
    }
    let (home, facets) = if summaries.len() > HOME_MAX {
        let newest = order
            .iter()
            .take(HOME_NEWEST)
            .map(|&i| summaries[i].clone());
        (newest.collect(), groups(&all, HOME_VALUES))
    } else {
        (summaries.to_vec(), Vec::new())
    };
    (home, facets, pages)
}
