//! In-text references resolved to links within the document: 附件, 第X条 (第X章, 第X部分,
//! 第X节), 本法第X条第X款, 前款. A reference to another document (`《刑法》第二十条`) is left
//! alone; one that names nothing in this document is a warning with file and line. `上述`
//! ("the above") names no numbered place and is not linked.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::{unit_url, Link, LinkTo, Unit};
use crate::numeral;
use crate::outline::{Anomaly, Code, DivKind, Kind, Node, Severity};
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

/// Every reference starts with one of these characters: a vectorised search for them
/// skips the text between (a search by `char` decodes every character).
static STARTS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(["附", "前", "第"]).expect("three short literal patterns")
});

/// Finds the references in one text.
pub fn scan(text: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(m) = STARTS.find(&text[i..]) {
        i += m.start();
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
        match find(&doc.outline.nodes, u, &r.target) {
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

/// The page (top-level node) and id a reference names.
fn find<'a>(tops: &'a [Node], from: &Unit<'a>, target: &Target) -> Option<(&'a Node, String)> {
    match target {
        Target::Annex(n) => tops
            .iter()
            .find(|t| t.kind == Kind::Division(DivKind::Annex) && (n.is_none() || t.number == *n))
            .map(|t| (t, t.id.clone())),
        Target::Division(kind, n, paragraph) => {
            let mut found = None;
            for top in tops {
                top.walk(&mut |node, _| {
                    if found.is_none()
                        && node.kind == Kind::Division(*kind)
                        && node.number == Some(*n)
                    {
                        found = Some((top, node));
                    }
                });
            }
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
    fn leaves_references_to_other_documents_alone() {
        assert!(scan("依照《刑法》第二十条").is_empty());
        assert!(scan("第四届中拉农业部长论坛").is_empty());
    }
}
