//! Nesting: from repaired lines to the tree, by marker kind rather than by a fixed order.
//!
//! A marker kind already open on the stack closes back to a sibling; a new kind opens a child.
//! Ranked divisions (编 › 章 › 节 › 部分 › 条) also close any lower-ranked division, so a law's
//! 第二节 after 第五条 goes under its 章. This reads 第X条 › 一、 › (一), 第X部分 › 一、 › （一）,
//! 一、 › 第X条 › （一） and 第X章 › 第X节 › 第X条 › （一） with the same code.
//! Then come the ids, the numbering checks and the notes on heading marks.

use std::collections::{BTreeMap, HashSet};

use super::anomaly::{excerpt, Code, Report};
use super::lex::{DivKind, EnumKind, Marker};
use super::repair::{Line, Prepared, Role};
use super::{Kind, Mark, Node, Outline};

/// A node under construction; the tree is an arena until ids are given.
#[derive(Debug)]
struct Draft {
    kind: Kind,
    number: Option<u32>,
    label: String,
    title: Option<String>,
    text: Option<String>,
    line: usize,
    end_line: usize,
    hashes: usize,
    marks: Vec<Mark>,
    children: Vec<usize>,
}

#[derive(Default)]
struct Arena {
    drafts: Vec<Draft>,
    roots: Vec<usize>,
}

impl Arena {
    fn add(&mut self, parent: Option<usize>, draft: Draft) -> usize {
        let idx = self.drafts.len();
        self.drafts.push(draft);
        match parent {
            Some(p) => self.drafts[p].children.push(idx),
            None => self.roots.push(idx),
        }
        idx
    }
}

fn draft_from(line: &Line) -> Draft {
    let kind = match line.lexed.marker {
        Some(Marker::Division(k, _)) => Kind::Division(k),
        Some(Marker::Enum(k, _)) => Kind::Enum(k),
        None => Kind::Paragraph,
    };
    let number = match line.lexed.marker {
        Some(Marker::Division(_, n)) => n,
        Some(Marker::Enum(_, n)) => Some(n),
        None => None,
    };
    let rest = Some(line.lexed.rest.clone()).filter(|r| !r.is_empty());
    let (title, text) = match line.role {
        Role::Heading => (rest, None),
        Role::Clause | Role::Paragraph => (None, rest),
    };
    let mut marks = Vec::new();
    if let Some((original, note, corrected)) = &line.inferred {
        marks.push(Mark::Inferred {
            original: original.clone(),
            note: note.clone(),
            corrected: *corrected,
        });
    }
    if line.truncated {
        marks.push(Mark::Truncated);
    }
    Draft {
        kind,
        number,
        label: line.lexed.label.clone(),
        title,
        text,
        line: line.no,
        end_line: line.end,
        hashes: line.lexed.hashes,
        marks,
        children: Vec::new(),
    }
}

/// Where a node of `kind` goes: pops the stack to its parent.
fn place(arena: &Arena, stack: &mut Vec<usize>, kind: Kind) {
    let kinds: Vec<Kind> = stack.iter().map(|&i| arena.drafts[i].kind).collect();
    if let Some(pos) = kinds.iter().position(|&k| k == kind) {
        stack.truncate(pos);
        return;
    }
    match kind {
        Kind::Division(d) => match d.rank() {
            None => stack.clear(),
            Some(rank) => {
                let first_division = kinds.iter().position(|k| matches!(k, Kind::Division(_)));
                while let Some(&top) = stack.last() {
                    let pos = stack.len() - 1;
                    let keep = match arena.drafts[top].kind {
                        Kind::Division(t) => t.rank().is_some_and(|r| r < rank),
                        // An enumeration above every division (一、 › 第X条) stays a parent.
                        Kind::Enum(_) => first_division.is_none_or(|f| pos < f),
                        _ => false,
                    };
                    if keep {
                        break;
                    }
                    stack.pop();
                }
            }
        },
        Kind::Preamble => stack.clear(),
        _ => {}
    }
}

/// Builds the outline from prepared lines.
pub fn build(prepared: Prepared, mut report: Report) -> Outline {
    let mut arena = Arena::default();
    let mut stack: Vec<usize> = Vec::new();
    let mut preamble: Option<usize> = None;
    let mut passage: Option<usize> = None;
    let mut passages = 0;

    for line in &prepared.lines {
        if let Some((end, note)) = &line.interpolation {
            // A passage from elsewhere sits where its first line's marker would have put it,
            // but opens nothing: the numbering goes on around it.
            let mut draft = draft_from(line);
            if let Some(kind) = line.lexed.marker.map(|_| draft.kind) {
                place(&arena, &mut stack, kind);
            }
            passages += 1;
            let heading = line.role == Role::Heading;
            let first_para = (!heading).then(|| {
                let mut p = draft_from(line);
                p.kind = Kind::Paragraph;
                p.title = None;
                p.text = Some(line.full_text());
                p.marks.clear();
                p
            });
            draft.kind = Kind::Interpolation;
            draft.number = Some(passages);
            draft.title = heading.then(|| line.full_text());
            draft.label.clear();
            draft.text = None;
            draft.end_line = *end;
            draft.marks = vec![Mark::Interpolated { note: note.clone() }];
            let idx = arena.add(stack.last().copied(), draft);
            if let Some(p) = first_para {
                arena.add(Some(idx), p);
            }
            passage = Some(idx);
            continue;
        }
        if line.in_interpolation {
            if let Some(p) = passage {
                let mut d = draft_from(line);
                d.kind = Kind::Paragraph;
                d.title = None;
                d.text = Some(line.full_text());
                arena.add(Some(p), d);
                continue;
            }
        }
        passage = None;
        let draft = draft_from(line);
        if draft.kind == Kind::Paragraph {
            let parent = match stack.last() {
                Some(&top) => top,
                None => *preamble.get_or_insert_with(|| {
                    arena.add(
                        None,
                        Draft {
                            kind: Kind::Preamble,
                            number: None,
                            label: String::new(),
                            title: None,
                            text: None,
                            line: line.no,
                            end_line: line.end,
                            hashes: 0,
                            marks: Vec::new(),
                            children: Vec::new(),
                        },
                    )
                }),
            };
            arena.drafts[parent].end_line = arena.drafts[parent].end_line.max(line.end);
            arena.add(Some(parent), draft);
            continue;
        }
        place(&arena, &mut stack, draft.kind);
        let idx = arena.add(stack.last().copied(), draft);
        stack.push(idx);
    }

    if let Some(p) = preamble {
        let d = &arena.drafts[p];
        report.note(
            Code::Preamble,
            d.line,
            format!(
                "unheaded text before the first division (lines {}-{})",
                d.line, d.end_line
            ),
            "read as the document's preamble".into(),
        );
    }
    check_numbering(&arena, &mut report);
    check_heading_marks(&arena, &mut report);
    note_reading_decisions(&arena, &mut report);

    let mut used = HashSet::new();
    let mut nodes = finish(&arena, &arena.roots, None, "", &mut used);
    let mut node_count = 0;
    number_in_order(&mut nodes, &mut node_count);
    Outline {
        title: prepared.title.as_ref().map(|t| t.1.clone()),
        title_line: prepared.title.as_ref().map(|t| t.0),
        dateline: prepared.dateline,
        history: prepared.history,
        number: prepared.number,
        kind: prepared
            .title
            .as_ref()
            .and_then(|t| super::notes::kind_of_title(&t.1))
            .map(str::to_string),
        nodes,
        node_count,
        anomalies: report.finish(),
    }
}

/// Gives every node its `seq`, its place in document order.
fn number_in_order(nodes: &mut [Node], next: &mut u32) {
    for n in nodes {
        n.seq = *next;
        *next += 1;
        number_in_order(&mut n.children, next);
    }
}

/// The id segment of one node (see ARCHITECTURE.md, "Ids").
fn segment(d: &Draft, paragraph_no: usize) -> String {
    match d.kind {
        Kind::Preamble => "preamble".into(),
        Kind::Division(k) => match d.number {
            Some(n) => format!("{}{n}", k.id_prefix()),
            None => k.id_prefix().into(),
        },
        Kind::Enum(k) => format!("{}{}", k.id_prefix(), d.number.unwrap_or(0)),
        Kind::Paragraph => format!("p{paragraph_no}"),
        Kind::Interpolation => format!("x{}", d.number.unwrap_or(1)),
    }
}

/// Gives ids to the drafts `idxs` (children of `parent`) and their descendants. A parent's
/// own text counts as its first paragraph, so `p2` is the second paragraph (款) of an article
/// whose first stands on the heading line.
fn finish(
    arena: &Arena,
    idxs: &[usize],
    parent: Option<&Draft>,
    parent_id: &str,
    used: &mut HashSet<String>,
) -> Vec<Node> {
    let mut paragraphs = usize::from(parent.is_some_and(|p| p.text.is_some()));
    let mut out = Vec::new();
    for &i in idxs {
        let d = &arena.drafts[i];
        if d.kind == Kind::Paragraph {
            paragraphs += 1;
        }
        let seg = segment(d, paragraphs);
        let mut id = if parent_id.is_empty() {
            seg
        } else {
            format!("{parent_id}-{seg}")
        };
        if used.contains(&id) {
            let base = id.clone();
            let mut k = 2;
            while used.contains(&format!("{base}_{k}")) {
                k += 1;
            }
            id = format!("{base}_{k}");
        }
        used.insert(id.clone());
        let children = finish(arena, &d.children, Some(d), &id, used);
        out.push(Node {
            id,
            kind: d.kind,
            number: d.number,
            label: d.label.clone(),
            title: d.title.clone(),
            text: d.text.clone(),
            line: d.line,
            end_line: d.end_line,
            marks: d.marks.clone(),
            children,
            seq: 0,
            page: false,
        });
    }
    out
}

/// Numbered siblings must count 1, 2, 3…; articles, parts, chapters and books count through
/// the whole document.
fn check_numbering(arena: &Arena, report: &mut Report) {
    let mut global: BTreeMap<DivKind, (u32, usize)> = BTreeMap::new();
    let mut visit_order = Vec::new();
    fn walk(arena: &Arena, idxs: &[usize], out: &mut Vec<usize>) {
        for &i in idxs {
            out.push(i);
            walk(arena, &arena.drafts[i].children, out);
        }
    }
    walk(arena, &arena.roots, &mut visit_order);
    for &i in &visit_order {
        let d = &arena.drafts[i];
        if let (Kind::Division(k), Some(n)) = (d.kind, d.number) {
            if matches!(
                k,
                DivKind::Article | DivKind::Part | DivKind::Chapter | DivKind::Book
            ) {
                let prev = global.get(&k).copied();
                let expected = prev.map_or(1, |p| p.0 + 1);
                if n != expected {
                    jump(report, d, prev.map(|p| p.1), n, expected);
                }
                global.insert(k, (n, d.line));
            }
        }
    }
    let mut check_siblings = |children: &[usize]| {
        let mut last: BTreeMap<String, (u32, usize)> = BTreeMap::new();
        for &c in children {
            let d = &arena.drafts[c];
            let key = match (d.kind, d.number) {
                (Kind::Enum(k), Some(_)) => format!("{k:?}"),
                (Kind::Division(DivKind::Section), Some(_)) => "节".to_string(),
                _ => continue,
            };
            let n = d.number.unwrap_or(0);
            let prev = last.get(&key).copied();
            let expected = prev.map_or(1, |p| p.0 + 1);
            if n != expected {
                jump(report, d, prev.map(|p| p.1), n, expected);
            }
            last.insert(key, (n, d.line));
        }
        for (_, (n, line)) in last {
            let first = children
                .iter()
                .map(|&c| &arena.drafts[c])
                .find(|d| d.number == Some(1) && d.kind != Kind::Paragraph);
            if n >= 10 {
                let start = first.map_or(line, |d| d.line);
                report.push(
                    super::Severity::Note,
                    Code::NumberingJump,
                    start,
                    Some(line),
                    format!("a run of {n} numbered siblings, up to a two-character numeral"),
                    "numbered without a gap".into(),
                );
            }
        }
    };
    check_siblings(&arena.roots);
    for d in &arena.drafts {
        check_siblings(&d.children);
    }
}

fn jump(report: &mut Report, d: &Draft, prev_line: Option<usize>, n: u32, expected: u32) {
    let after = match prev_line {
        Some(l) => format!("the previous one (line {l})"),
        None => "the start".into(),
    };
    report.warn(
        Code::NumberingJump,
        d.line,
        format!(
            "{} is number {n} after {after}; number {expected} was expected",
            excerpt(&d.label, 10)
        ),
        "kept as numbered in the text".into(),
    );
}

/// Markdown marks are not trusted, but where they disagree with the numbering an editor
/// should know. A top-level division is expected at level 2 (the title is level 1).
fn check_heading_marks(arena: &Arena, report: &mut Report) {
    let uses_marks = arena.drafts.iter().any(|d| d.hashes >= 2);
    let mut agreeing = Vec::new();
    let mut stack: Vec<(usize, usize)> = arena.roots.iter().rev().map(|&r| (r, 0)).collect();
    while let Some((i, depth)) = stack.pop() {
        let d = &arena.drafts[i];
        for &c in d.children.iter().rev() {
            stack.push((c, depth + 1));
        }
        if !matches!(d.kind, Kind::Division(_) | Kind::Enum(_)) {
            continue;
        }
        let expected = depth + 2;
        let what = level_name(d.kind);
        if d.hashes == expected {
            agreeing.push(d.line);
        }
        if d.hashes > 0 && d.hashes != expected {
            report.warn(
                Code::HeadingMark,
                d.line,
                format!("{} is marked `{}` (level {})", excerpt(&d.label, 10), "#".repeat(d.hashes), d.hashes),
                format!("its numbering makes it {what} (level {expected}); level taken from the numbering"),
            );
        } else if d.hashes == 0 && uses_marks && d.title.is_some() {
            report.note(
                Code::HeadingMark,
                d.line,
                format!(
                    "{} has no heading mark while other headings have one",
                    excerpt(&d.label, 10)
                ),
                format!("read as {what} (level {expected}) from its numbering"),
            );
        }
    }
    agreeing.sort_unstable();
    if let Some(&first) = agreeing.first() {
        let lines: Vec<String> = agreeing.iter().map(|l| l.to_string()).collect();
        report.note(
            Code::HeadingMark,
            first,
            format!(
                "Markdown heading marks agree with the numbering on lines {}",
                lines.join(", ")
            ),
            "levels are taken from the numbering all the same".into(),
        );
    } else if !uses_marks {
        if let Some(d) = arena.roots.first().map(|&r| &arena.drafts[r]) {
            report.note(
                Code::HeadingMark,
                d.line,
                "the text has no Markdown heading marks".into(),
                "every level is read from the numbering".into(),
            );
        }
    }
}

fn level_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Division(DivKind::Article) => "an article",
        Kind::Division(DivKind::Part) => "a part",
        Kind::Division(DivKind::Chapter) => "a chapter",
        Kind::Division(_) => "a division",
        Kind::Enum(EnumKind::Dun) => "a section",
        Kind::Enum(EnumKind::Paren) => "an item",
        Kind::Enum(_) => "a point",
        _ => "a paragraph",
    }
}

/// Notes on how numbered lines were read where an editor may want to check: groups of
/// numbered clauses of a kind that elsewhere makes headings, titled items with body
/// paragraphs, a titled section with a body paragraph instead of items.
fn note_reading_decisions(arena: &Arena, report: &mut Report) {
    let mut heading_kinds = HashSet::new();
    for d in &arena.drafts {
        if let (Kind::Enum(k), Some(_)) = (d.kind, &d.title) {
            heading_kinds.insert(k);
        }
    }
    let parents = arena
        .drafts
        .iter()
        .map(|d| &d.children)
        .chain(std::iter::once(&arena.roots));
    for children in parents {
        let clauses: Vec<&Draft> = children
            .iter()
            .map(|&c| &arena.drafts[c])
            .filter(|d| {
                matches!(d.kind, Kind::Enum(k) if heading_kinds.contains(&k)) && d.title.is_none()
            })
            .collect();
        if let (Some(first), Some(last)) = (clauses.first(), clauses.last()) {
            report.push(
                super::Severity::Note,
                Code::Clauses,
                first.line,
                Some(last.end_line),
                if clauses.len() == 1 {
                    format!("numbered line {} is a sentence, not a title", first.label)
                } else {
                    format!(
                        "numbered lines {}–{} are sentences, not titles",
                        first.label, last.label
                    )
                },
                "read as numbered clauses (paragraphs with a number)".into(),
            );
        }
    }
    let mut by_kind: BTreeMap<EnumKind, (Vec<&Draft>, usize)> = BTreeMap::new();
    for d in &arena.drafts {
        if let (Kind::Enum(k), Some(_)) = (d.kind, &d.title) {
            let entry = by_kind.entry(k).or_default();
            entry.1 += 1;
            let has_body = d
                .children
                .iter()
                .any(|&c| arena.drafts[c].kind == Kind::Paragraph);
            if has_body {
                entry.0.push(d);
            }
        }
    }
    for (_, (with_body, total)) in by_kind {
        if with_body.is_empty() {
            continue;
        }
        if with_body.len() == total && total > 1 {
            let first = with_body[0];
            report.note(
                Code::TitledItems,
                first.line,
                format!(
                    "{}{} and {} more numbered lines of this level are titles with paragraphs under them",
                    first.label,
                    first.title.as_deref().unwrap_or(""),
                    total - 1
                ),
                "read as titled items; each paragraph gets its own id".into(),
            );
        } else {
            for d in with_body {
                report.push(
                    super::Severity::Note,
                    Code::SectionBody,
                    d.line,
                    Some(d.end_line),
                    format!(
                        "{}{} has a body paragraph and no numbered items",
                        d.label,
                        d.title.as_deref().unwrap_or("")
                    ),
                    "read as a titled section with a direct paragraph".into(),
                );
            }
        }
    }
}
