//! In-text references resolved to links: within the document (附件, 第X条, 第X章, 第X部分,
//! 第X节, 本法第X条第X款, 前款) and across the library (`《中华人民共和国刑法》第二十条`,
//! `《刑法》`, and after a title `该法第X条`). One that names nothing in its own document is a
//! warning with file and line; one naming a text the library does not hold stays plain text
//! without a warning. `上述` ("the above") names no numbered place and is not linked.

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
    /// The document it names when that is not (or need not be) this one.
    pub title: Option<Named>,
}

/// How a reference names a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// By a title in 《》 (`《刑法》第二十条`, and `该法第三条` after it): the title's byte
    /// range.
    Title(usize, usize),
    /// By the words before the article, which end as a title does (`依照刑事诉讼法第十五条`):
    /// their byte range. The longest tail of them that is a title in the library names
    /// the document.
    Bare(usize, usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Annex(Option<u32>),
    Division(DivKind, u32, Option<u32>),
    PreviousParagraph,
    /// A document as a whole (`《刑法》` with no article after it).
    Document,
}

/// Every reference starts with 附件, 前款, 第, 《 or 该: a vectorised search for each
/// (memmem's finders, made once) skips the text between. Searching for 附件 and 前款 rather
/// than 附 and 前 finds fewer places to look at, and the other places lead nowhere.
static STARTS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 5]> =
    std::sync::LazyLock::new(|| {
        ["附件", "前款", "第", "《", "该"].map(memchr::memmem::Finder::new)
    });

/// The first place at or after `from` in `text` where a reference can start; `next` holds
/// each finder's next place (None: none left), searched again only once it is passed.
fn next_start(text: &[u8], from: usize, next: &mut [Option<usize>; 5]) -> Option<usize> {
    for (finder, at) in STARTS.iter().zip(next.iter_mut()) {
        if at.is_some_and(|x| x < from) {
            *at = finder.find(&text[from..]).map(|i| i + from);
        }
    }
    next.iter().flatten().min().copied()
}

/// The longest title read between 《 and 》, in bytes: longer, it is not a title.
const MAX_TITLE: usize = 150;

/// What links a further article to the one before it (`第二十条、第二十一条`).
const JOINERS: [&str; 5] = ["、", "和", "及", "或者", "至"];

/// What `该` can name: the document last named by its title (`该法第三条`).
const THAT: [&str; 5] = ["该法", "该条例", "该规定", "该办法", "该决定"];

/// What a reference to the text itself starts with (`本法第三条`).
const OWN: [&str; 8] = [
    "本法",
    "本条例",
    "本规定",
    "本办法",
    "本细则",
    "本决定",
    "本章",
    "本节",
];

/// How a title ends: words before an article number ending so may name another text.
const TITLE_ENDS: [&str; 6] = ["法", "条例", "规定", "办法", "细则", "决定"];

/// The longest bare name read before an article number, in characters.
const MAX_BARE: usize = 30;

/// The words before `text[i..]` that may name another text (`刑事诉讼法` in
/// `依照刑事诉讼法第十五条`): the run of Han characters before `i`, when it ends as a title
/// does and not as the text's own name does.
fn bare_name(text: &str, i: usize) -> Option<Named> {
    let before = &text[..i];
    if OWN.iter().any(|o| before.ends_with(o)) || !TITLE_ENDS.iter().any(|t| before.ends_with(t)) {
        return None;
    }
    let han = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    let (start, _) = (before.char_indices().rev())
        .take_while(|&(_, c)| han(c))
        .take(MAX_BARE)
        .last()?;
    Some(Named::Bare(start, i))
}

/// A division reference at the start of `s` (`第十二条`, `第十二条第二款`, `第三章`): its
/// target and length.
fn division_at(s: &str) -> Option<(Target, usize)> {
    let after = s.strip_prefix('第')?;
    let num_len = numeral_len(after);
    let n = numeral::parse_any(&after[..num_len])?;
    let tail = &after[num_len..];
    let (kind, suffix) = [
        (DivKind::Article, "条"),
        (DivKind::Chapter, "章"),
        (DivKind::Part, "部分"),
        (DivKind::Section, "节"),
    ]
    .into_iter()
    .find(|(_, s)| tail.starts_with(s))?;
    let mut len = '第'.len_utf8() + num_len + suffix.len();
    let mut paragraph = None;
    if let Some(p) = s[len..].strip_prefix('第') {
        let plen = numeral_len(p);
        if plen > 0 && p[plen..].starts_with('款') {
            paragraph = numeral::parse_any(&p[..plen]);
            len += '第'.len_utf8() + plen + '款'.len_utf8();
        }
    }
    Some((Target::Division(kind, n, paragraph), len))
}

/// The title of `《…》` at the start of `s`: its range within `s`, and the length up to and
/// with 》. Not a title: one that runs past a line, a sentence or another 《.
fn title_at(s: &str) -> Option<((usize, usize), usize)> {
    let inner = s.strip_prefix('《')?;
    let close = inner.find('》')?;
    let title = &inner[..close];
    let bad = |c: char| matches!(c, '《' | '\n' | '。' | '；');
    if title.is_empty() || close > MAX_TITLE || title.contains(bad) {
        return None;
    }
    let open = '《'.len_utf8();
    Some(((open, open + close), open + close + '》'.len_utf8()))
}

/// Finds the references in one text.
pub fn scan(text: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut next = STARTS.each_ref().map(|f| f.find(text.as_bytes()));
    // The title last named, for `该法`.
    let mut last_title = None;
    while let Some(at) = next_start(text.as_bytes(), i, &mut next) {
        i = at;
        let rest = &text[i..];
        if let Some(after) = rest.strip_prefix("附件") {
            let num_len = numeral_len(after);
            let n = numeral::parse_any(&after[..num_len]);
            let end = i + "附件".len() + num_len;
            out.push(reference(i, end, Target::Annex(n), None));
            i = end;
        } else if rest.starts_with("前款") {
            out.push(reference(
                i,
                i + "前款".len(),
                Target::PreviousParagraph,
                None,
            ));
            i += "前款".len();
        } else if let Some(((a, b), len)) = title_at(rest) {
            let title = Some(Named::Title(i + a, i + b));
            last_title = title;
            i += len;
            match division_at(&text[i..]) {
                Some((target, len)) => {
                    out.push(reference(at, i + len, target, title));
                    i += len;
                    i = further(text, i, title, &mut out);
                }
                None => out.push(reference(at, i, Target::Document, title)),
            }
        } else if let Some(that) = THAT.iter().find(|t| rest.starts_with(**t)) {
            i += that.len();
            if let (Some(title), Some((target, len))) = (last_title, division_at(&text[i..])) {
                out.push(reference(at, i + len, target, Some(title)));
                i = further(text, i + len, Some(title), &mut out);
            }
        } else if let Some((target, len)) = division_at(rest).filter(|_| !text[..i].ends_with('》'))
        {
            // (A title that did not read as one, `《…》第二十条`, names another document.)
            let named = bare_name(text, i);
            out.push(reference(i, i + len, target, named));
            i = further(text, i + len, named, &mut out);
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

fn reference(start: usize, end: usize, target: Target, title: Option<Named>) -> Reference {
    Reference {
        start,
        end,
        target,
        title,
    }
}

/// Reads the articles joined to the one just read (`、第二十一条`, `至第三十条`), which name
/// the same document; returns where reading goes on.
fn further(text: &str, mut i: usize, title: Option<Named>, out: &mut Vec<Reference>) -> usize {
    while let Some(joiner) = JOINERS.iter().find(|j| text[i..].starts_with(**j)) {
        let Some((target, len)) = division_at(&text[i + joiner.len()..]) else {
            break;
        };
        let start = i + joiner.len();
        out.push(reference(start, start + len, target, title));
        i = start + len;
    }
    i
}

fn numeral_len(s: &str) -> usize {
    s.char_indices()
        .take_while(|&(_, c)| numeral::is_chinese_numeral_char(c) || c.is_ascii_digit())
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0)
}

/// The documents of the library by the names a reference can give them: the full title
/// (`中华人民共和国刑法`), the title without `中华人民共和国`, the short title of the
/// metadata, and a title's part before a space (`中华人民共和国民法典 总则`).
pub struct Library {
    by_name: HashMap<String, Vec<usize>>,
}

impl Library {
    pub fn new(project: &Project) -> Library {
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, d) in project.documents.iter().enumerate() {
            let title = d.title();
            let mut names = vec![title.clone()];
            names.extend(title.split_once(' ').map(|(whole, _)| whole.to_string()));
            names.extend(d.meta.short_title.clone());
            for n in names.clone() {
                names.extend(n.strip_prefix("中华人民共和国").map(str::to_string));
            }
            names.sort();
            names.dedup();
            for n in names.into_iter().filter(|n| !n.is_empty()) {
                by_name.entry(n).or_default().push(i);
            }
        }
        Library { by_name }
    }

    /// The documents a title names, in the library's order.
    pub fn named(&self, title: &str) -> &[usize] {
        let title = title.trim();
        self.by_name.get(title).map_or(&[], Vec::as_slice)
    }

    /// The longest tail of `words` that is a title (`刑事诉讼法` of `依照刑事诉讼法`): where
    /// it starts in `words`, and the documents it names.
    pub fn named_by_tail(&self, words: &str) -> Option<(usize, &[usize])> {
        (words.char_indices())
            .map(|(k, _)| (k, self.named(&words[k..])))
            .find(|(_, docs)| !docs.is_empty())
    }
}

/// Of the documents a title names, the version a text dated `date` cites: the latest
/// dated on or before it, else the earliest (a text cites what was in force when it was
/// made; an undated text, the latest).
/// `dates[d]` is document `d`'s date.
fn version(dates: &[Option<String>], docs: &[usize], date: Option<&str>) -> Option<usize> {
    let mut all: Vec<(Option<&str>, usize)> =
        (docs.iter()).map(|&d| (dates[d].as_deref(), d)).collect();
    all.sort();
    let before = (all.iter()).rfind(|(d, _)| date.is_none() || *d <= date);
    before.or(all.first()).map(|(_, d)| *d)
}

/// Resolves every reference of every unit to a link, or a warning. Returns the links and
/// how many of them lead to another document.
pub fn resolve(
    project: &Project,
    units: &[Unit],
    warnings: &mut Vec<Anomaly>,
) -> (RefSpans, usize) {
    let library = Library::new(project);
    let dates: Vec<Option<String>> = project.documents.iter().map(|d| d.date()).collect();
    // Amending texts (修改, 修正), whose article numbers are the amended text's.
    let amending: Vec<bool> = (project.documents.iter())
        .map(|d| d.title().contains("修改") || d.title().contains("修正"))
        .collect();
    let found: Vec<(Vec<Link>, Vec<Anomaly>, usize)> = units
        .par_iter()
        .map(|u| resolve_unit(project, &library, &dates, amending[u.doc], u))
        .collect();
    let mut out = RefSpans::default();
    let mut across = 0;
    for (u, (links, warned, n)) in units.iter().zip(found) {
        if !links.is_empty() {
            out.insert(u.slot, links);
        }
        warnings.extend(warned);
        across += n;
    }
    (out, across)
}

/// The links of one unit's references, a warning for each that names nothing in its own
/// document, and how many links lead to another document.
fn resolve_unit(
    project: &Project,
    library: &Library,
    dates: &[Option<String>],
    amending: bool,
    u: &Unit,
) -> (Vec<Link>, Vec<Anomaly>, usize) {
    let (mut links, mut warnings, mut across) = (Vec::new(), Vec::new(), 0);
    let text = u.text();
    let doc = &project.documents[u.doc];
    for r in scan(text) {
        let Some(named) = r.title else {
            match find(&doc.outline, Some(u), &r.target) {
                Some((top, id)) => links.push(Link {
                    start: r.start,
                    end: r.end,
                    to: LinkTo::Ref(unit_url(project, u.doc, top, &id)),
                }),
                // An amending text's article numbers are the amended text's; 附件 with no
                // number in a text without annexes is a word (安全附件: fittings).
                None if amending || r.target == Target::Annex(None) => {}
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
            continue;
        };
        // Another document: the version in force when this one was made, and of those
        // named, one that has the place (a code in several parts, 民法典 总则 …).
        // A bare name is linked with the reference (`刑事诉讼法第十五条`, not `依照`).
        let (start, named) = match named {
            Named::Title(a, b) => (r.start, library.named(&text[a..b])),
            Named::Bare(a, b) => match library.named_by_tail(&text[a..b]) {
                Some((k, docs)) if r.start == b => (a + k, docs),
                Some((_, docs)) => (r.start, docs),
                None => continue,
            },
        };
        let place = |d: usize| find(&project.documents[d].outline, None, &r.target);
        let having: Vec<usize> = (named.iter().copied())
            .filter(|&d| r.target == Target::Document || place(d).is_some())
            .collect();
        let candidates = if having.is_empty() { named } else { &having };
        let Some(to) = version(dates, candidates, dates[u.doc].as_deref()) else {
            continue;
        };
        let url = match place(to) {
            _ if to == u.doc && r.target == Target::Document => continue,
            Some((top, id)) => unit_url(project, to, top, &id),
            // The place is not in the version the library holds: the document itself.
            None => format!("{}/", project.documents[to].slug()),
        };
        across += usize::from(to != u.doc);
        links.push(Link {
            start,
            end: r.end,
            to: LinkTo::Ref(url),
        });
    }
    (links, warnings, across)
}

/// The page (the node whose page it is on; None: the document's page) and id a reference
/// names; from `from`, the passage it is in (None: none, so `前款` names nothing).
fn find<'a>(
    outline: &'a Outline,
    from: Option<&Unit<'a>>,
    target: &Target,
) -> Option<(Option<&'a Node>, String)> {
    match target {
        Target::Annex(n) => (outline.nodes.iter())
            .find(|t| t.kind == Kind::Division(DivKind::Annex) && (n.is_none() || t.number == *n))
            .map(|t| (t.page.then_some(t), t.id.clone())),
        Target::Division(kind, n, paragraph) => {
            let mut found = None;
            outline.walk_paged(&mut |node, page| {
                if found.is_none() && node.kind == Kind::Division(*kind) && node.number == Some(*n)
                {
                    found = Some((page, node));
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
        Target::Document => None,
        Target::PreviousParagraph => {
            let from = from?;
            let (parent, p) = from.node.id.rsplit_once("-p")?;
            let p: u32 = p.parse().ok()?;
            let top = from.top;
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
    fn reads_references_to_other_documents_by_title_bare_name_and_that_law() {
        let text =
            "依照《中华人民共和国刑法》第二十条、第二十一条第二款和该法第三条，参照《决定》，\
                    依照刑事诉讼法第十五条和本法第二条。";
        let found: Vec<(&str, Target, Option<&str>)> = scan(text)
            .into_iter()
            .map(|r| {
                let named = r.title.map(|n| match n {
                    Named::Title(a, b) | Named::Bare(a, b) => &text[a..b],
                });
                (&text[r.start..r.end], r.target, named)
            })
            .collect();
        let article = |n, p| Target::Division(DivKind::Article, n, p);
        let criminal = Some("中华人民共和国刑法");
        assert_eq!(
            found,
            [
                (
                    "《中华人民共和国刑法》第二十条",
                    article(20, None),
                    criminal
                ),
                ("第二十一条第二款", article(21, Some(2)), criminal),
                ("该法第三条", article(3, None), criminal),
                ("《决定》", Target::Document, Some("决定")),
                ("第十五条", article(15, None), Some("依照刑事诉讼法")),
                ("第二条", article(2, None), None),
            ]
        );
    }

    #[test]
    fn a_title_that_does_not_read_as_one_leaves_its_article_alone() {
        // Runs past a line.
        assert_eq!(scan("见《合作\n计划》第二十条"), []);
        // 该法 with no title before it names no document of the library, not this one.
        assert!(matches!(scan("该法第三条")[0].title, Some(Named::Bare(..))));
        assert!(scan("第四届中拉农业部长论坛").is_empty());
        // A title ending as a law's does, but the text's own (本法), is this document.
        assert_eq!(scan("违反本条例第二条")[0].title, None);
    }
}
