//! The reference pages: the glossary (an index by category sorted by pinyin, and one page per
//! term with its names, definition and every passage it occurs in) and the subjects (every
//! passage of every document grouped by theme).

use super::blocks::{Listed, Snippet};
use super::view::*;
use super::{crumbs, kept, Ctx, Page, PageView};
use crate::enrich::terms::head;
use crate::enrich::{Enrichment, Placed};
use crate::glossary::Category;
use crate::project::Project;
use crate::translation::State;
use rayon::prelude::*;

/// How many passages of a term's or subject's page show a snippet; the rest are listed by
/// citation alone, which keeps pages of terms that occur thousands of times readable and
/// light.
pub const SNIPPETS: usize = 30;

/// How many passages one page of a term or subject lists; longer lists continue on
/// `…/2/`, `…/3/`. Past the first [`SNIPPETS`], a passage is one short line, so a page of 500
/// weighs 55-75 KB (8-10 KB compressed); longer pages also make a large site's list pages
/// fewer files (1,336 rather than 3,103 at 200 a page on the 2000-document benchmark).
pub const PER_PAGE: usize = 500;

/// The folder of page `n` (1-based) of a paginated list at `base` (`glossary/x/`).
pub(super) fn page_path(base: &str, n: usize) -> String {
    if n == 1 {
        base.to_string()
    } else {
        format!("{base}{n}/")
    }
}

/// The pager of page `n` of `total`, with links relative to page `n`'s folder.
pub(super) fn pager(n: usize, total: usize) -> Option<Pager> {
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

/// Pages made, with the keys of the list pages among them (see [`super::kept`]).
#[derive(Default)]
pub struct Made {
    pub pages: Vec<Page>,
    /// (file, key) of each list page.
    pub keys: Vec<(String, u64)>,
}

impl Made {
    fn extend(&mut self, made: impl IntoIterator<Item = Made>) {
        for m in made {
            self.pages.extend(m.pages);
            self.keys.extend(m.keys);
        }
    }
}

/// A passage on a list: its slot, and where in its text the snippet is cut around (a
/// term's occurrence; nothing for a subject's).
#[derive(Clone, Copy)]
struct Item {
    slot: usize,
    at: (usize, usize),
}

/// A list of passages to lay out on pages: at `base` (`glossary/x/`), under a heading
/// element per document, and how many passages the list names on every page.
struct List<'l> {
    base: String,
    items: &'l [Item],
    count: usize,
    heading: &'static str,
}

/// Lists `list` on pages of [`PER_PAGE`] at `base`, `base/2/`, …; `make` builds each page's
/// view from its folder, its passages grouped by document and its pager, and `snippet` the
/// snippet of each of the first [`SNIPPETS`] passages of a page. The pages are made side by
/// side (one subject can list most passages of a large site); in watch mode, a page listing
/// the same passages of unchanged documents as last time is kept (see [`super::kept`]).
fn paginate(
    ctx: &Ctx,
    list: List,
    out: &mut Made,
    snippet: impl Fn(&Item, &Placed) -> Option<Snippet> + Sync,
    make: impl Fn(&str, String, Option<Pager>) -> PageView + Sync,
) {
    let items: Vec<Item> = (list.items.iter())
        .filter(|it| ctx.nodes.get(it.slot).is_some())
        .copied()
        .collect();
    let total = items.len().div_ceil(PER_PAGE).max(1);
    let pages: Vec<(Page, Option<u64>)> = (0..total)
        .into_par_iter()
        .map(|i| {
            let n = i + 1;
            let path = page_path(&list.base, n);
            let file = ctx.file(&path);
            let chunk = items.get(i * PER_PAGE..).unwrap_or_default();
            let chunk = &chunk[..chunk.len().min(PER_PAGE)];
            let whole = (list.count, items.len(), n);
            let key = ctx.reuse.map(|r| {
                let (key, unchanged) =
                    kept::list_key(ctx, whole, chunk.iter().map(|it| (it.slot, it.at)));
                (key, unchanged && r.list_page(&file, key))
            });
            if let Some((key, true)) = key {
                let view = PageView::Kept;
                return (Page { file, view }, Some(key));
            }
            let listed: Vec<Listed> = chunk
                .par_iter()
                .enumerate()
                .filter_map(|(j, it)| {
                    let placed = ctx.nodes.get(it.slot)?;
                    Some(Listed {
                        slot: it.slot,
                        doc: placed.doc,
                        snippet: (j < SNIPPETS).then(|| snippet(it, placed)).flatten(),
                    })
                })
                .collect();
            let passages = super::blocks::passages(ctx, &listed, &ctx.root_of(&path), list.heading);
            let view = make(&path, passages, pager(n, total));
            (Page { file, view }, key.map(|k| k.0))
        })
        .collect();
    for (page, key) in pages {
        if let Some(key) = key {
            out.keys.push((page.file.clone(), key));
        }
        out.pages.push(page);
    }
}

/// A glossary entry's name in a language: the glossary has Chinese, English and Spanish
/// names; other languages see the English one.
fn name_in<'e>(e: &'e crate::glossary::Entry, lang: &str) -> (&'e str, &'static str) {
    match lang {
        "zh-Hans" => (&e.term, "zh-Hans"),
        "es" => (&e.es, "es"),
        _ => (&e.en, "en"),
    }
}

pub fn glossary_pages(ctx: &Ctx, project: &Project, enrichment: &Enrichment, out: &mut Made) {
    let g = &project.glossary;
    if g.entries.is_empty() {
        return;
    }
    let t = ctx.t;
    let lang = t.lang.as_str();
    let source = ctx.source_lang();
    let mut order: Vec<usize> = (0..g.entries.len()).collect();
    if lang == "zh-Hans" {
        order.sort_by(|&a, &b| {
            g.entries[a]
                .pinyin
                .cmp(&g.entries[b].pinyin)
                .then(a.cmp(&b))
        });
    } else {
        order.sort_by_cached_key(|&i| (name_in(&g.entries[i], lang).0.to_lowercase(), i));
    }
    let groups = Category::ALL
        .iter()
        .map(|&cat| TermGroup {
            slug: cat.slug(),
            title: t.get(&format!("category_{}", cat.slug())).to_string(),
            terms: order
                .iter()
                .filter(|&&i| g.entries[i].category == cat)
                .map(|&i| {
                    let e = &g.entries[i];
                    let (name, _) = name_in(e, lang);
                    let (other, other_lang) = if lang == "zh-Hans" {
                        (e.en.clone(), "en")
                    } else {
                        (e.term.clone(), "zh-Hans")
                    };
                    TermLink {
                        name: name.to_string(),
                        other,
                        other_lang: other_lang.into(),
                        url: format!("{}/", e.slug),
                        abbr: e.abbr.clone(),
                        count: enrichment.occurrences.get(i).map_or(0, Vec::len),
                    }
                })
                .collect(),
        })
        .filter(|g: &TermGroup| !g.terms.is_empty())
        .collect();
    out.pages.push(Page {
        file: ctx.file("glossary/"),
        view: PageView::GlossaryIndex(GlossaryIndexView {
            layout: ctx.layout(
                "glossary/",
                t.get("glossary"),
                t.get("glossary_description"),
                crumbs(ctx, None),
            ),
            groups,
            total: g.entries.len(),
        }),
    });
    let snippet_lang = (ctx.lang > 0).then(|| source.to_string());
    let per_item: Vec<Made> = g
        .entries
        .par_iter()
        .enumerate()
        .map(|(i, e)| {
            let mut made = Made::default();
            let occurrences = enrichment
                .occurrences
                .get(i)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let items: Vec<Item> = (occurrences.iter())
                .map(|o| Item {
                    slot: o.slot,
                    at: (o.start, o.end),
                })
                .collect();
            let base = format!("glossary/{}/", e.slug);
            let (term, _) = name_in(e, lang);
            let mut names = Vec::new();
            if lang != "zh-Hans" {
                names.push((
                    t.get("lang_zh").to_string(),
                    e.term.clone(),
                    "zh-Hans".to_string(),
                ));
            }
            if !e.aliases.is_empty() {
                names.push((
                    t.get("aliases").into(),
                    e.aliases.join("、"),
                    "zh-Hans".into(),
                ));
            }
            if lang != "en" {
                let en = match &e.abbr {
                    Some(a) => format!("{} ({a})", e.en),
                    None => e.en.clone(),
                };
                names.push((t.get("lang_en").into(), en, "en".into()));
            }
            if lang != "es" {
                names.push((t.get("lang_es").into(), e.es.clone(), "es".into()));
            }
            let definitions = if lang == "zh-Hans" {
                vec![
                    (e.definition.zh.clone(), "zh-Hans".to_string()),
                    (e.definition.en.clone(), "en".into()),
                ]
            } else {
                vec![
                    (e.definition.en.clone(), "en".to_string()),
                    (e.definition.zh.clone(), "zh-Hans".into()),
                ]
            };
            let description = definitions[0].0.clone();
            let section = crumbs(ctx, Some((t.get("glossary"), "glossary/")));
            let list = List {
                base,
                items: &items,
                count: occurrences.len(),
                heading: "h3",
            };
            let snippet = |it: &Item, placed: &Placed| {
                let text = placed.node.text.as_deref()?;
                // The occurrence's offsets are into the text as received.
                let changes = crate::text::punct::changes(text);
                let shift = |o| crate::text::punct::shift(&changes, o);
                let shown = crate::text::punct::apply(text, &changes);
                let (before, matched, after) =
                    crate::enrich::terms::snippet(&shown, shift(it.at.0), shift(it.at.1));
                Some(Snippet {
                    before,
                    matched,
                    after,
                    lang: snippet_lang.clone(),
                })
            };
            paginate(ctx, list, &mut made, snippet, |path, passages, pager| {
                PageView::GlossaryEntry(GlossaryEntryView {
                    layout: ctx.layout(path, term, &description, section.clone()),
                    term: term.to_string(),
                    abbr: if lang == "en" { e.abbr.clone() } else { None },
                    category: t
                        .get(&format!("category_{}", e.category.slug()))
                        .to_string(),
                    names: names.clone(),
                    definitions: definitions.clone(),
                    occurrences: occurrences.len(),
                    passages,
                    pager,
                })
            });
            made
        })
        .collect();
    out.extend(per_item);
}

pub fn subject_pages(ctx: &Ctx, enrichment: &Enrichment, out: &mut Made) {
    if enrichment.subjects.is_empty() {
        return;
    }
    let t = ctx.t;
    let zh = t.lang == "zh-Hans";
    let names = |s: &crate::enrich::subjects::Subject| {
        if zh {
            (s.zh.clone(), s.en.clone(), "en".to_string())
        } else {
            (s.en.clone(), s.zh.clone(), "zh-Hans".to_string())
        }
    };
    let subjects = enrichment
        .subjects
        .iter()
        .map(|s| {
            let (name, other, other_lang) = names(s);
            SubjectLink {
                name,
                other,
                other_lang,
                url: format!("{}/", s.slug),
                count: s.members.len(),
            }
        })
        .collect();
    out.pages.push(Page {
        file: ctx.file("subjects/"),
        view: PageView::Subjects(SubjectsView {
            layout: ctx.layout(
                "subjects/",
                t.get("subjects"),
                t.get("subjects_description"),
                crumbs(ctx, None),
            ),
            subjects,
        }),
    });
    let per_item: Vec<Made> = enrichment
        .subjects
        .par_iter()
        .map(|s| {
            let mut made = Made::default();
            let items: Vec<Item> = (s.members.iter())
                .map(|&slot| Item { slot, at: (0, 0) })
                .collect();
            let list = List {
                base: format!("subjects/{}/", s.slug),
                items: &items,
                count: s.members.len(),
                heading: "h2",
            };
            let (name, other, other_lang) = names(s);
            let section = crumbs(ctx, Some((t.get("subjects"), "subjects/")));
            let snippet = |_: &Item, placed: &Placed| Some(snippet(ctx, placed));
            paginate(ctx, list, &mut made, snippet, |path, passages, pager| {
                PageView::Subject(SubjectView {
                    layout: ctx.layout(path, &name, &other, section.clone()),
                    name: name.clone(),
                    other: other.clone(),
                    other_lang: other_lang.clone(),
                    count: s.members.len(),
                    passages,
                    pager,
                })
            });
            made
        })
        .collect();
    out.extend(per_item);
}

/// The start of a passage in the page's language: its translation, else the source's with
/// the source's language.
fn snippet(ctx: &Ctx, placed: &Placed) -> Snippet {
    let translated = ctx.tr().and_then(|code| {
        let d = &ctx.project.documents[placed.doc];
        let shown = ctx.project.translations.node(code, d, placed.node);
        (shown.state != State::Missing)
            .then_some(shown.text)
            .flatten()
    });
    let (after, lang) = match translated {
        Some(text) => (head(&text, 120), None),
        None => (
            head(
                &crate::text::punct::display(placed.node.text.as_deref().unwrap_or("")),
                60,
            ),
            ctx.tr().map(|_| ctx.source_lang().to_string()),
        ),
    };
    Snippet {
        before: String::new(),
        matched: String::new(),
        after,
        lang,
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
