//! The reference pages: the glossary (an index by category sorted by pinyin, and one page per
//! term with its names, definition and every passage it occurs in) and the subjects (every
//! passage of every document grouped by theme).

use std::collections::HashMap;

use super::view::*;
use super::{Ctx, Page, PageView};
use crate::enrich::{unit_url, Enrichment};
use crate::glossary::Category;
use crate::project::Project;

/// Where a passage is and how it starts.
#[derive(Debug, Clone)]
pub struct Place {
    pub url: String,
    pub cite: String,
    pub snippet: String,
}

/// Every passage by (document, node id).
pub type Places = HashMap<(usize, String), Place>;

pub fn places(project: &Project) -> Places {
    crate::enrich::units(project)
        .into_iter()
        .map(|u| {
            let text = u.text();
            let mut snippet: String = text.chars().take(60).collect();
            if text.chars().count() > 60 {
                snippet.push('…');
            }
            let place = Place {
                url: unit_url(project, u.doc, u.top, &u.node.id),
                cite: u.cite.clone(),
                snippet,
            };
            ((u.doc, u.node.id.clone()), place)
        })
        .collect()
}

fn crumbs(ctx: &Ctx, section: Option<(&str, &str)>) -> Vec<Link> {
    let mut c = vec![Link {
        title: "首页".into(),
        url: String::new(),
    }];
    if let Some((title, url)) = section {
        c.push(Link {
            title: title.into(),
            url: url.into(),
        });
    }
    let _ = ctx;
    c
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
                crumbs(ctx, None),
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
        let mut groups: Vec<PassageGroup> = Vec::new();
        for o in occurrences {
            let title = project.documents[o.doc].title();
            if groups.last().is_none_or(|g| g.title != title) {
                groups.push(PassageGroup {
                    title,
                    passages: Vec::new(),
                });
            }
            if let Some(group) = groups.last_mut() {
                group.passages.push(PassageLink {
                    url: o.url.clone(),
                    cite: o.cite.clone(),
                    before: o.before.clone(),
                    matched: o.matched.clone(),
                    after: o.after.clone(),
                });
            }
        }
        let path = format!("glossary/{}/", e.slug);
        out.push(Page {
            file: format!("{path}index.html"),
            view: PageView::GlossaryEntry(GlossaryEntryView {
                layout: ctx.layout(
                    &path,
                    &e.term,
                    &e.definition.zh,
                    crumbs(ctx, Some(("术语表", "glossary/"))),
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
            }),
        });
    }
}

pub fn subject_pages(
    ctx: &Ctx,
    project: &Project,
    enrichment: &Enrichment,
    places: &Places,
    out: &mut Vec<Page>,
) {
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
                crumbs(ctx, None),
            ),
            subjects,
        }),
    });
    for s in &enrichment.subjects {
        let mut groups: Vec<PassageGroup> = Vec::new();
        for (doc, id) in &s.members {
            let Some(place) = places.get(&(*doc, id.clone())) else {
                continue;
            };
            let title = project.documents[*doc].title();
            if groups.last().is_none_or(|g| g.title != title) {
                groups.push(PassageGroup {
                    title,
                    passages: Vec::new(),
                });
            }
            if let Some(g) = groups.last_mut() {
                g.passages.push(PassageLink {
                    url: place.url.clone(),
                    cite: place.cite.clone(),
                    before: String::new(),
                    matched: String::new(),
                    after: place.snippet.clone(),
                });
            }
        }
        let path = format!("subjects/{}/", s.slug);
        out.push(Page {
            file: format!("{path}index.html"),
            view: PageView::Subject(SubjectView {
                layout: ctx.layout(
                    &path,
                    &s.zh,
                    &s.en,
                    crumbs(ctx, Some(("按主题浏览", "subjects/"))),
                ),
                zh: s.zh.clone(),
                en: s.en.clone(),
                count: s.members.len(),
                groups,
            }),
        });
    }
}
