//! In-text references resolved to links within the document: 附件, 第X条 (第X章, 第X部分,
//! 第X节), 本法第X条第X款, 前款. A reference to another document (`《刑法》第二十条`) is left
//! alone; one that names nothing in this document is a warning with file and line. `上述`
//! ("the above") names no numbered place and is not linked.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::{unit_url, Link, LinkTo, Unit};
use crate::numeral;
use crate::outline::{Anomaly, Code, DivKind, Kind, Node, Outline, Severity};
use crate::project::Project;

/// Reference links per unit, by slot.
pub type RefSpans = HashMap<usize, Vec<Link>>;

/// A reference found in a text: its byte range and what it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub start: usize,
    pub end: usize,
    pub target: Target,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Annex(Option<u32>),
    Division(DivKind, u32, Option<u32>),
    PreviousParagraph,
}

/// Every reference starts with 附件, 前款 or 第: a vectorised search for each (memmem's
/// finders, made once) skips the text between. Searching for 附件 and 前款 rather than 附
/// and 前 finds fewer places to look at, and the other places lead nowhere.
static STARTS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 3]> =
    std::sync::LazyLock::new(|| ["附件", "前款", "第"].map(memchr::memmem::Finder::new));

/// The first place at or after `from` in `text` where a reference can start; `next` holds
/// each finder's next place (None: none left), searched again only once it is passed.
fn next_start(text: &[u8], from: usize, next: &mut [Option<usize>; 3]) -> Option<usize> {
    for (finder, at) in STARTS.iter().zip(next.iter_mut()) {
        if at.is_some_and(|x| x < from) {
            *at = finder.find(&text[from..]).map(|i| i + from);
        }
    }
    next.iter().flatten().min().copied()
}

/// Finds the references in one text.
pub fn scan(text: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut next = STARTS.each_ref().map(|f| f.find(text.as_bytes()));
    while let Some(at) = next_start(text.as_bytes(), i, &mut next) {
        i = at;
        let rest = &text[i..];
        let prev = text[..i].chars().next_back();
        if let Some(after) = rest.strip_prefix("附件") {
            let num_len = numeral_len(after);
            let n = numeral::parse_any(&after[..num_len]);
            out.push(Reference {
                start: i,
                end: i + "附件".len() + num_len,
                target: Target::Annex(n),
            });
            i += "附件".len() + num_len;
            continue;
        }
        if let Some(after) = rest.strip_prefix("前款") {
            let _ = after;
            out.push(Reference {
                start: i,
                end: i + "前款".len(),
                target: Target::PreviousParagraph,
            });
            i += "前款".len();
            continue;
        }
        if let Some(after) = rest.strip_prefix('第') {
            let num_len = numeral_len(after);
            if num_len > 0 {
                let n = numeral::parse_any(&after[..num_len]);
                let tail = &after[num_len..];
                let kind = [
                    (DivKind::Article, "条"),
                    (DivKind::Chapter, "章"),
                    (DivKind::Part, "部分"),
                    (DivKind::Section, "节"),
                ]
                .into_iter()
                .find(|(_, s)| tail.starts_with(s));
                // `《刑法》第二十条` refers to another document.
                let elsewhere = prev == Some('》');
                if let (Some(n), Some((kind, suffix)), false) = (n, kind, elsewhere) {
                    let mut end = i + '第'.len_utf8() + num_len + suffix.len();
                    let mut paragraph = None;
                    if let Some(p) = text[end..].strip_prefix('第') {
                        let len = numeral_len(p);
                        if len > 0 && p[len..].starts_with('款') {
                            paragraph = numeral::parse_any(&p[..len]);
                            end += '第'.len_utf8() + len + '款'.len_utf8();
                        }
                    }
                    out.push(Reference {
                        start: i,
                        end,
                        target: Target::Division(kind, n, paragraph),
                    });
                    i = end;
                    continue;
                }
            }
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out
}

fn numeral_len(s: &str) -> usize {
    s.char_indices()
        .take_while(|&(_, c)| numeral::is_chinese_numeral_char(c) || c.is_ascii_digit())
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0)
}

/// Resolves every reference of every unit to a link, or a warning.
pub fn resolve(project: &Project, units: &[Unit], warnings: &mut Vec<Anomaly>) -> RefSpans {
    let found: Vec<(Vec<Link>, Vec<Anomaly>)> =
        units.par_iter().map(|u| resolve_unit(project, u)).collect();
    let mut out = RefSpans::default();
    for (u, (links, warned)) in units.iter().zip(found) {
        if !links.is_empty() {
            out.insert(u.slot, links);
        }
        warnings.extend(warned);
    }
    out
}

/// The links of one unit's references, and a warning for each that names nothing.
fn resolve_unit(project: &Project, u: &Unit) -> (Vec<Link>, Vec<Anomaly>) {
    let (mut links, mut warnings) = (Vec::new(), Vec::new());
    let text = u.text();
    for r in scan(text) {
        let doc = &project.documents[u.doc];
        match find(&doc.outline, u, &r.target) {
            Some((top, id)) => links.push(Link {
                start: r.start,
                end: r.end,
                to: LinkTo::Ref(unit_url(project, u.doc, Some(top), &id)),
            }),
            None => warnings.push(Anomaly {
                file: doc.source.display_path.clone(),
                line: u.node.line,
                end_line: None,
                severity: Severity::Warning,
                code: Code::Reference,
                found: format!(
                    "the reference {} names no place in this document",
                    &text[r.start..r.end]
                ),
                concluded: "left as plain text".into(),
            }),
        }
    }
    (links, warnings)
}

/// The page (the node whose page it is on) and id a reference names.
fn find<'a>(outline: &'a Outline, from: &Unit<'a>, target: &Target) -> Option<(&'a Node, String)> {
    match target {
        Target::Annex(n) => (outline.nodes.iter())
            .find(|t| t.kind == Kind::Division(DivKind::Annex) && (n.is_none() || t.number == *n))
            .map(|t| (t, t.id.clone())),
        Target::Division(kind, n, paragraph) => {
            let mut found = None;
            outline.walk_paged(&mut |node, page| {
                if found.is_none() && node.kind == Kind::Division(*kind) && node.number == Some(*n)
                {
                    found = page.map(|page| (page, node));
                }
            });
            let (top, node) = found?;
            let id = match paragraph {
                None | Some(1) => node.id.clone(),
                Some(p) => {
                    let id = format!("{}-p{p}", node.id);
                    node.children.iter().find(|c| c.id == id)?.id.clone()
                }
            };
            Some((top, id))
        }
        Target::PreviousParagraph => {
            let (parent, p) = from.node.id.rsplit_once("-p")?;
            let p: u32 = p.parse().ok()?;
            let top = from.top?;
            match p {
                0 | 1 => None,
                2 => Some((top, parent.to_string())),
                _ => Some((top, format!("{parent}-p{}", p - 1))),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_annex_article_paragraph_and_previous_paragraph_references() {
        let text = "具体详见附件。依照本法第十二条第二款和前款规定，参照第三章。";
        let found: Vec<(&str, Target)> = scan(text)
            .into_iter()
            .map(|r| (&text[r.start..r.end], r.target))
            .collect();
        assert_eq!(
            found,
            [
                ("附件", Target::Annex(None)),
                (
                    "第十二条第二款",
                    Target::Division(DivKind::Article, 12, Some(2))
                ),
                ("前款", Target::PreviousParagraph),
                ("第三章", Target::Division(DivKind::Chapter, 3, None)),
            ]
        );
    }

    #[test]
    fn finds_references_among_characters_that_start_none() {
        // 附 without 件, 前 without 款, 第 without a numeral or a division after it; each
        // piece once on its own and repeated past long runs of other text.
        let piece = "附属第一条前第二条附件二前款第款第一款";
        let want = [
            ("第一条", Target::Division(DivKind::Article, 1, None)),
            ("第二条", Target::Division(DivKind::Article, 2, None)),
            ("附件二", Target::Annex(Some(2))),
            ("前款", Target::PreviousParagraph),
        ];
        let filler = "加强合作".repeat(20);
        for copies in [1, 3] {
            let text = vec![piece; copies].join(&filler);
            let found: Vec<(&str, Target)> = scan(&text)
                .into_iter()
                .map(|r| (&text[r.start..r.end], r.target))
                .collect();
            let want: Vec<_> = (0..copies).flat_map(|_| want.iter().cloned()).collect();
            assert_eq!(found, want, "{copies} copies");
        }
    }

    #[test]
    fn leaves_references_to_other_documents_alone() {
        assert!(scan("依照《刑法》第二十条").is_empty());
        assert!(scan("第四届中拉农业部长论坛").is_empty());
    }
}
