//! The reference pages: the glossary (an index by category sorted by pinyin, and one page per
//! term with its names, definition and every passage it occurs in) and the subjects (every
//! passage of every document grouped by theme).

use super::view::*;
use super::{crumbs, Ctx, Page, PageView};
use crate::enrich::{Enrichment, Place};
use crate::glossary::Category;
use crate::project::Project;

/// How many passages of a term's or subject's page show a snippet; the rest are listed by
/// citation alone, which keeps pages of terms that occur thousands of times readable and
/// light.
pub const SNIPPETS: usize = 30;

/// How many passages one page of a term or subject lists; longer lists continue on
/// `…/2/`, `…/3/`.
pub const PER_PAGE: usize = 200;

/// The folder of page `n` (1-based) of a paginated list at `base` (`glossary/x/`).
fn page_path(base: &str, n: usize) -> String {
    if n == 1 {
        base.to_string()
    } else {
        format!("{base}{n}/")
    }
}

/// The pager of page `n` of `total`, with links relative to page `n`'s folder.
fn pager(n: usize, total: usize) -> Option<Pager> {
    (total > 1).then(|| Pager {
        current: n,
        total,
        prev: (n > 1).then(|| {
            if n == 2 {
                "../".to_string()
            } else {
                format!("../{}/", n - 1)
            }
        }),
        next: (n < total).then(|| {
            if n == 1 {
                format!("{}/", n + 1)
            } else {
                format!("../{}/", n + 1)
            }
        }),
    })
}

/// Lists `items` on pages of [`PER_PAGE`] at `base`, `base/2/`, …; `make` builds each page's
/// view from its folder, its passages grouped by document and its pager.
fn paginate(
    base: &str,
    items: Vec<(String, PassageLink)>,
    out: &mut Vec<Page>,
    make: impl Fn(&str, Vec<PassageGroup>, Option<Pager>) -> PageView,
) {
    let total = items.len().div_ceil(PER_PAGE).max(1);
    let mut items = items.into_iter();
    for n in 1..=total {
        let path = page_path(base, n);
        let chunk: Vec<_> = items.by_ref().take(PER_PAGE).collect();
        out.push(Page {
            file: format!("{path}index.html"),
            view: make(&path, group_by_document(chunk), pager(n, total)),
        });
    }
}

/// A passage as a list shows it: its document's title and a link with its citation and,
/// when `snippet` gives one, the text around it (before, marked, after).
fn listed(
    project: &Project,
    enrichment: &Enrichment,
    doc: usize,
    id: &str,
    snippet: impl FnOnce(&Place) -> Option<(String, String, String)>,
) -> Option<(String, PassageLink)> {
    let place = enrichment.places.get(&(doc, id.to_string()))?;
    let (before, matched, after) = snippet(place).unwrap_or_default();
    let link = PassageLink {
        url: place.url.clone(),
        cite: place.cite.clone(),
        before,
        matched,
        after,
    };
    Some((project.documents[doc].title(), link))
}

/// Groups passages by document title, in order.
fn group_by_document(items: Vec<(String, PassageLink)>) -> Vec<PassageGroup> {
    let mut groups: Vec<PassageGroup> = Vec::new();
    for (title, link) in items {
        if groups.last().is_none_or(|g| g.title != title) {
            groups.push(PassageGroup {
                title,
                passages: Vec::new(),
            });
        }
        if let Some(g) = groups.last_mut() {
            g.passages.push(link);
        }
    }
    groups
}

pub fn glossary_pages(ctx: &Ctx, project: &Project, enrichment: &Enrichment, out: &mut Vec<Page>) {
    let g = &project.glossary;
    if g.entries.is_empty() {
        return;
    }
    let mut order: Vec<usize> = (0..g.entries.len()).collect();
    order.sort_by(|&a, &b| {
        g.entries[a]
            .pinyin
            .cmp(&g.entries[b].pinyin)
            .then(a.cmp(&b))
    });
    let groups = Category::ALL
        .iter()
        .map(|&cat| TermGroup {
            slug: cat.slug(),
            title: cat.zh(),
            terms: order
                .iter()
                .filter(|&&i| g.entries[i].category == cat)
                .map(|&i| {
                    let e = &g.entries[i];
                    TermLink {
                        term: e.term.clone(),
                        url: format!("{}/", e.slug),
                        en: e.en.clone(),
                        abbr: e.abbr.clone(),
                        count: enrichment.occurrences.get(i).map_or(0, Vec::len),
                    }
                })
                .collect(),
        })
        .filter(|g: &TermGroup| !g.terms.is_empty())
        .collect();
    out.push(Page {
        file: "glossary/index.html".into(),
        view: PageView::GlossaryIndex(GlossaryIndexView {
            layout: ctx.layout(
                "glossary/",
                "术语表",
                "文件中出现的论坛、倡议、机构、项目、文件和概念，附中英西文名称、释义和全部出处。",
                crumbs(None),
            ),
            groups,
            total: g.entries.len(),
        }),
    });
    for (i, e) in g.entries.iter().enumerate() {
        let occurrences = enrichment
            .occurrences
            .get(i)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let items: Vec<(String, PassageLink)> = occurrences
            .iter()
            .enumerate()
            .filter_map(|(k, o)| {
                listed(project, enrichment, o.doc, &o.node_id, |_| {
                    (k % PER_PAGE < SNIPPETS)
                        .then(|| (o.before.clone(), o.matched.clone(), o.after.clone()))
                })
            })
            .collect();
        let base = format!("glossary/{}/", e.slug);
        paginate(&base, items, out, |path, groups, pager| {
            PageView::GlossaryEntry(GlossaryEntryView {
                layout: ctx.layout(
                    path,
                    &e.term,
                    &e.definition.zh,
                    crumbs(Some(("术语表", "glossary/"))),
                ),
                term: e.term.clone(),
                aliases: e.aliases.clone(),
                en: e.en.clone(),
                es: e.es.clone(),
                abbr: e.abbr.clone(),
                category: e.category.zh(),
                definition_zh: e.definition.zh.clone(),
                definition_en: e.definition.en.clone(),
                occurrences: occurrences.len(),
                groups,
                pager,
            })
        });
    }
}

pub fn subject_pages(ctx: &Ctx, project: &Project, enrichment: &Enrichment, out: &mut Vec<Page>) {
    if enrichment.subjects.is_empty() {
        return;
    }
    let subjects = enrichment
        .subjects
        .iter()
        .map(|s| SubjectLink {
            zh: s.zh.clone(),
            en: s.en.clone(),
            url: format!("{}/", s.slug),
            count: s.members.len(),
        })
        .collect();
    out.push(Page {
        file: "subjects/index.html".into(),
        view: PageView::Subjects(SubjectsView {
            layout: ctx.layout(
                "subjects/",
                "按主题浏览",
                "两份文件的全部条款按主题归类。",
                crumbs(None),
            ),
            subjects,
        }),
    });
    for s in &enrichment.subjects {
        let items: Vec<(String, PassageLink)> = s
            .members
            .iter()
            .enumerate()
            .filter_map(|(k, (doc, id))| {
                listed(project, enrichment, *doc, id, |place| {
                    (k % PER_PAGE < SNIPPETS)
                        .then(|| (String::new(), String::new(), place.snippet.clone()))
                })
            })
            .collect();
        let base = format!("subjects/{}/", s.slug);
        paginate(&base, items, out, |path, groups, pager| {
            PageView::Subject(SubjectView {
                layout: ctx.layout(
                    path,
                    &s.zh,
                    &s.en,
                    crumbs(Some(("按主题浏览", "subjects/"))),
                ),
                zh: s.zh.clone(),
                en: s.en.clone(),
                count: s.members.len(),
                groups,
                pager,
            })
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_a_long_list_link_to_their_neighbours() {
        assert!(pager(1, 1).is_none());
        let p = pager(1, 3).unwrap();
        assert_eq!((p.prev, p.next.as_deref()), (None, Some("2/")));
        let p = pager(2, 3).unwrap();
        assert_eq!(
            (p.prev.as_deref(), p.next.as_deref()),
            (Some("../"), Some("../3/"))
        );
        let p = pager(3, 3).unwrap();
        assert_eq!((p.prev.as_deref(), p.next), (Some("../2/"), None));
        assert_eq!(page_path("glossary/x/", 1), "glossary/x/");
        assert_eq!(page_path("glossary/x/", 3), "glossary/x/3/");
    }
}
