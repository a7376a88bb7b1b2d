//! The side-by-side view of a division: the source and a translation, row by row.

use super::document::{display, display_opt, label_in, shown_in};
use super::*;

/// The side-by-side view of a division (or of a text read whole on its document page, its
/// top-level nodes): every node in the source language and in language `other`, row by row
/// in document order, in this page's interface: at `{path}parallel/` on the other
/// language's side of the site, at `{path}parallel/{code}/` on the source's.
#[allow(clippy::too_many_arguments)]
pub(super) fn parallel_page(
    ctx: &Ctx,
    doc: usize,
    tops: &[&Node],
    sum: &DocSummary,
    path: &str,
    title: &str,
    mut crumbs: Vec<Link>,
    other: usize,
) -> Page {
    let strings = &ctx.project.content.strings;
    let (source_t, other_t) = (&strings[0], &strings[other]);
    let code = other_t.lang.as_str();
    let mut rows = Vec::new();
    let mut row = |n: &Node, depth| {
        let s = shown_in(ctx, Some(code), doc, n);
        let source_label = match n.kind {
            Kind::Division(_) | Kind::Interpolation => label_in(source_t, n),
            _ => display(&n.label).into_owned(),
        };
        rows.push(Row {
            id: n.id.clone(),
            depth,
            heading: n.title.is_some() || matches!(n.kind, Kind::Division(_)),
            left: Cell {
                lang: ctx.source_lang().to_string(),
                label: source_label,
                title: display_opt(&n.title),
                text: display_opt(&n.text),
                flag: None,
            },
            right: Cell {
                lang: s.lang.unwrap_or_else(|| code.to_string()),
                label: label_in(other_t, n),
                title: s.title,
                text: s.text,
                flag: s.flag,
            },
        });
    };
    for top in tops {
        walk_page(top, &mut row);
    }
    crumbs.push(Link {
        title: title.to_string(),
        url: path.to_string(),
    });
    let (page_path, back) = if ctx.lang == 0 {
        (format!("{path}parallel/{code}/"), "../../")
    } else {
        (format!("{path}parallel/"), "../")
    };
    let heading = ctx.t.fill("parallel_title", &[("title", title)]);
    let mut layout = ctx.layout(
        &page_path,
        &format!("{heading} · {}", sum.short_title),
        "",
        crumbs,
    );
    // The switcher leads to the same two texts in the other interface (the source's and
    // `other`'s), and to the division's page in any third language.
    for (i, a) in layout.alternates.iter_mut().enumerate() {
        let target = match (ctx.lang, i) {
            (l, _) if l == i => continue,
            (0, i) if i == other => format!("{path}parallel/"),
            (_, 0) => format!("{path}parallel/{code}/"),
            _ => path.to_string(),
        };
        for s in [&mut a.url, &mut a.href] {
            let keep = s.len() - page_path.len();
            s.truncate(keep);
            s.push_str(&target);
        }
    }
    layout.hreflang = false;
    Page {
        file: ctx.file(&page_path),
        view: PageView::Parallel(ParallelView {
            layout,
            doc: sum.clone(),
            title: heading,
            back: back.into(),
            rows,
        }),
    }
}

/// Visits `page` and the nodes on its page (not those with pages of their own), depth
/// first, with their depth below it.
fn walk_page<'a>(page: &'a Node, f: &mut impl FnMut(&'a Node, usize)) {
    fn go<'a>(n: &'a Node, depth: usize, f: &mut impl FnMut(&'a Node, usize)) {
        f(n, depth);
        for c in n.children.iter().filter(|c| !c.page) {
            go(c, depth + 1, f);
        }
    }
    go(page, 0, f);
}
