//! Repairs that the numbering proves, made on the list of classified lines before nesting.
//!
//! Each rule looks at a line and its neighbours only through their markers, so it holds for
//! any text of the genre, not just the seeds: a stray `七、` before `第四条`; a `九、Title` line
//! whose successors restart at `一、` (a division whose label is missing); an item-marked title
//! whose successors restart at `(一)` (a section); a numbered title that breaks a sequence the
//! next line resumes (an interpolated passage); a paragraph broken mid-sentence across a blank
//! line (a page-break artefact); an unfinished last line (a truncation); a wire dateline.
//! Lines an editor corrected in `content/` are left as the editor said.

use super::anomaly::{excerpt, Code, Report};
use super::lex::{self, DivKind, EnumKind, Lexed, Marker};
use crate::numeral;

/// How a line reads once classified and repaired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A numbered or division line whose text is a title.
    Heading,
    /// A numbered line whose text is a sentence: a numbered paragraph.
    Clause,
    /// An unnumbered paragraph.
    Paragraph,
}

/// The editor's wish about joining a line with the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Join {
    #[default]
    Auto,
    Next,
    Never,
}

#[derive(Debug, Clone)]
pub struct Line {
    /// First and last source line (they differ after a join).
    pub no: usize,
    pub end: usize,
    pub lexed: Lexed,
    pub role: Role,
    /// Set by an editor's correction: the heuristics leave this line alone.
    pub edited: bool,
    /// The label was inferred: the line as written, the editor's note (empty when none was
    /// written) and whether an editor's correction, not the recogniser, gave the label.
    pub inferred: Option<(String, String, bool)>,
    /// This line starts a passage foreign to the text, running to source line `.0`.
    pub interpolation: Option<(usize, String)>,
    pub in_interpolation: bool,
    pub truncated: bool,
    pub join: Join,
}

impl Line {
    /// Classifies every non-empty line.
    pub fn read_all(raw: &[String]) -> Vec<Line> {
        raw.iter()
            .enumerate()
            .filter(|(_, l)| !l.is_empty())
            .map(|(i, l)| Line::new(i + 1, lex::lex(l)))
            .collect()
    }

    pub fn new(no: usize, lexed: Lexed) -> Line {
        let mut line = Line {
            no,
            end: no,
            lexed,
            role: Role::Paragraph,
            edited: false,
            inferred: None,
            interpolation: None,
            in_interpolation: false,
            truncated: false,
            join: Join::Auto,
        };
        line.role = natural_role(&line.lexed);
        line
    }

    pub fn enum_marker(&self) -> Option<(EnumKind, u32)> {
        match self.lexed.marker {
            Some(Marker::Enum(k, n)) => Some((k, n)),
            _ => None,
        }
    }

    /// The whole line as written, without `#` marks.
    pub fn full_text(&self) -> String {
        let mut s = self.lexed.stray_prefix.clone().unwrap_or_default();
        s.push_str(&self.lexed.label);
        // A division label is followed by a space (`第四条 落实`); a numbering mark is not (`十、务实合作`).
        let spaced = matches!(self.lexed.marker, Some(Marker::Division(..)));
        if spaced && !self.lexed.rest.is_empty() {
            s.push(' ');
        }
        s.push_str(&self.lexed.rest);
        s
    }

    /// Gives the line a new marker, keeping the line as written for the reader's note.
    pub fn relabel(&mut self, marker: Marker, label: String, note: String, corrected: bool) {
        let original = self.full_text();
        self.lexed.marker = Some(marker);
        self.lexed.label = label;
        self.lexed.stray_prefix = None;
        self.role = natural_role(&self.lexed);
        self.inferred = Some((original, note, corrected));
    }
}

/// The role a line's own text suggests: a title if it is short and not a sentence.
pub fn natural_role(lexed: &Lexed) -> Role {
    match lexed.marker {
        None => Role::Paragraph,
        Some(Marker::Division(..)) if lexed.rest.is_empty() => Role::Heading,
        Some(Marker::Division(..)) if lex::is_heading_text(&lexed.rest, 40) => Role::Heading,
        Some(Marker::Enum(..)) if lex::is_heading_text(&lexed.rest, 24) => Role::Heading,
        Some(_) => Role::Clause,
    }
}

/// The lines ready to nest, with what was taken out of the flow.
#[derive(Debug)]
pub struct Prepared {
    pub title: Option<(usize, String)>,
    /// The 题注 under the title: the text's history, and its issuing number.
    pub history: Vec<super::notes::Issued>,
    pub number: Option<String>,
    pub dateline: Option<String>,
    pub lines: Vec<Line>,
}

/// Runs every repair in order and reports what it did.
pub fn run(mut lines: Vec<Line>, report: &mut Report) -> Prepared {
    let title = take_title(&mut lines, report);
    let (history, number) =
        super::notes::take(&mut lines, title.as_ref().map(|t| t.1.as_str()), report);
    report_stray_prefixes(&lines, report);
    infer_missing_divisions(&mut lines, report);
    items_as_sections(&mut lines, report);
    find_interpolations(&mut lines, report);
    titles_on_next_line(&mut lines, report);
    join_page_breaks(&mut lines, report);
    let dateline = take_dateline(&mut lines, report);
    note_end(&lines, report);
    Prepared {
        title,
        history,
        number,
        dateline,
        lines,
    }
}

/// A first line that is an H1, or short and unnumbered, is the document's title.
fn take_title(lines: &mut Vec<Line>, report: &mut Report) -> Option<(usize, String)> {
    let first = lines.first()?;
    if first.no > 1 {
        report.note(
            Code::BlankStart,
            1,
            format!("the text starts with {} blank line(s)", first.no - 1),
            "ignored".into(),
        );
    }
    let rest = &first.lexed.rest;
    // A qualifier in brackets after the name (`（试行）`, `（草案）`, `（二）`,
    // `（2025-2027）`) does not make the title a sentence.
    let mut name = rest.as_str();
    while let Some(open) = name.rfind(['（', '(']) {
        if !name.ends_with(['）', ')']) || name[open..].chars().count() > 14 {
            break;
        }
        name = name[..open].trim_end();
    }
    let is_title = first.lexed.marker.is_none()
        && !first.lexed.dateline
        && lines.len() > 1
        && !super::notes::is_note_line(rest)
        && (first.lexed.hashes == 1
            || (rest.chars().count() <= 60
                && !name.is_empty()
                && !rest.contains('。')
                && !lex::ends_sentence(name)));
    if !is_title {
        report.note(
            Code::NoTitle,
            first.no,
            format!(
                "no title line: the text starts with {}",
                excerpt(&first.full_text(), 20)
            ),
            "the title comes from the document's metadata in content/".into(),
        );
        return None;
    }
    let line = lines.remove(0);
    report.note(
        Code::Title,
        line.no,
        format!(
            "{} (Markdown level {})",
            excerpt(&line.lexed.rest, 40),
            line.lexed.hashes
        ),
        "read as the document title".into(),
    );
    let mut title = line.lexed.rest;
    // A short unnumbered line between the title and the 题注 names the part of a larger
    // text this one is (`中华人民共和国民法典` / `总则` / `2020年5月28日…通过`).
    let part_of = match lines.as_slice() {
        [part, next, ..] => {
            let rest = &part.lexed.rest;
            part.lexed.marker.is_none()
                && part.lexed.hashes == 0
                && (1..=12).contains(&rest.chars().count())
                && rest
                    .chars()
                    .all(|c| c.is_alphanumeric() || c.is_whitespace())
                && super::notes::is_note_line(&next.lexed.rest)
        }
        _ => false,
    };
    if part_of {
        let part = lines.remove(0);
        report.note(
            Code::Title,
            part.no,
            format!("`{}` between the title and its 题注", part.lexed.rest),
            "read as part of the title: the part of a larger text this one is".into(),
        );
        title = format!(
            "{title} {}",
            part.lexed.rest.split_whitespace().collect::<String>()
        );
    }
    Some((line.no, title))
}

fn report_stray_prefixes(lines: &[Line], report: &mut Report) {
    for line in lines {
        if let Some(prefix) = &line.lexed.stray_prefix {
            report.warn(
                Code::StrayPrefix,
                line.no,
                format!(
                    "{} carries a stray section number `{prefix}`",
                    excerpt(&line.full_text(), 20)
                ),
                format!("dropped it: the line is the heading {}", line.lexed.label),
            );
        }
    }
}

/// The index of the next line after `i` that satisfies `stop`.
fn next_marked(lines: &[Line], i: usize, stop: impl Fn(&Line) -> bool) -> Option<usize> {
    (i + 1..lines.len()).find(|&j| stop(&lines[j]))
}

fn is_division(line: &Line) -> bool {
    matches!(line.lexed.marker, Some(Marker::Division(..)))
}

/// `九、Title` followed by a restart at `一、`, while numbered divisions are in use: the line is
/// the next division with its label missing (`第三条`).
fn infer_missing_divisions(lines: &mut [Line], report: &mut Report) {
    let mut last: Option<(DivKind, u32)> = None;
    for i in 0..lines.len() {
        match lines[i].lexed.marker {
            Some(Marker::Division(kind, n)) => {
                last = n.filter(|_| kind.rank().is_some()).map(|n| (kind, n));
            }
            Some(Marker::Enum(EnumKind::Dun, n))
                if n >= 2 && lines[i].role == Role::Heading && !lines[i].edited =>
            {
                let Some((kind, prev)) = last else { continue };
                let next = next_marked(lines, i, |l| {
                    is_division(l) || l.enum_marker().is_some_and(|m| m.0 == EnumKind::Dun)
                });
                let restarts =
                    next.is_some_and(|j| lines[j].enum_marker() == Some((EnumKind::Dun, 1)));
                if !restarts {
                    continue;
                }
                let number = prev + 1;
                let label = format!("第{}{}", numeral::to_chinese(number), kind.suffix());
                let j = next.unwrap_or(i);
                report.warn(
                    Code::InferredDivision,
                    lines[i].no,
                    format!(
                        "{} continues the section numbering, but the next section (line {}) restarts at 一、",
                        excerpt(&lines[i].full_text(), 20),
                        lines[j].no
                    ),
                    format!("read as the heading {label}, whose label is missing (inferred)"),
                );
                lines[i].relabel(
                    Marker::Division(kind, Some(number)),
                    label,
                    String::new(),
                    false,
                );
                last = Some((kind, number));
            }
            _ => {}
        }
    }
}

/// `(三) Title` followed by a restart at `(一)`: a section heading written with an item
/// marker. It becomes the next section after the last `N、` of its division.
fn items_as_sections(lines: &mut [Line], report: &mut Report) {
    let mut prev_section = 0;
    for i in 0..lines.len() {
        match lines[i].lexed.marker {
            Some(Marker::Division(..)) => prev_section = 0,
            Some(Marker::Enum(EnumKind::Dun, n)) => prev_section = n,
            Some(Marker::Enum(EnumKind::Paren, n))
                if n >= 2 && lines[i].role == Role::Heading && !lines[i].edited =>
            {
                let next = next_marked(lines, i, |l| is_division(l) || l.enum_marker().is_some());
                let Some(j) =
                    next.filter(|&j| lines[j].enum_marker() == Some((EnumKind::Paren, 1)))
                else {
                    continue;
                };
                let number = prev_section + 1;
                let label = EnumKind::Dun.label(number);
                report.warn(
                    Code::ItemAsSection,
                    lines[i].no,
                    format!(
                        "{} is an item-marked title, and the items after it (line {}) restart at (一)",
                        excerpt(&lines[i].full_text(), 20),
                        lines[j].no
                    ),
                    format!("read as section {label} (inferred)"),
                );
                lines[i].relabel(
                    Marker::Enum(EnumKind::Dun, number),
                    label,
                    String::new(),
                    false,
                );
                prev_section = number;
            }
            _ => {}
        }
    }
}

/// A numbered title that breaks its sequence, followed only by unnumbered paragraphs until a
/// line that resumes the sequence, is a passage from elsewhere.
fn find_interpolations(lines: &mut [Line], report: &mut Report) {
    for kind in [EnumKind::Dun, EnumKind::Paren] {
        let mut prev = 0;
        let mut i = 0;
        while i < lines.len() {
            let resets = match lines[i].lexed.marker {
                Some(Marker::Division(..)) => true,
                Some(Marker::Enum(k, _)) => k < kind,
                None => false,
            };
            if resets {
                prev = 0;
            }
            let Some((k, n)) = lines[i].enum_marker().filter(|m| m.0 == kind) else {
                i += 1;
                continue;
            };
            let candidate = n != prev + 1
                && lines[i].role == Role::Heading
                && !lines[i].edited
                && !lines[i].in_interpolation;
            if candidate {
                let next = next_marked(lines, i, |l| l.lexed.marker.is_some() || l.lexed.dateline);
                if let Some(j) = next.filter(|&j| lines[j].enum_marker() == Some((k, prev + 1))) {
                    if j > i + 1 {
                        let end = lines[j - 1].end;
                        report.push(
                            super::Severity::Warning,
                            Code::Interpolation,
                            lines[i].no,
                            Some(end),
                            format!(
                                "{} breaks the numbering ({} after {}), and line {} resumes it with {}",
                                excerpt(&lines[i].full_text(), 20),
                                k.label(n),
                                if prev == 0 { "the start".into() } else { k.label(prev) },
                                lines[j].no,
                                k.label(prev + 1)
                            ),
                            format!(
                                "lines {}-{end} are a passage from elsewhere: set apart, not part of the outline",
                                lines[i].no
                            ),
                        );
                        mark_interpolation(lines, i, j - 1, String::new());
                        i = j;
                        continue;
                    }
                }
            }
            prev = n;
            i += 1;
        }
    }
}

/// Marks lines `first..=last` (indexes) as one interpolated passage.
pub fn mark_interpolation(lines: &mut [Line], first: usize, last: usize, note: String) {
    let end = lines[last].end;
    lines[first].interpolation = Some((end, note));
    for line in &mut lines[first..=last] {
        line.in_interpolation = true;
    }
}

/// `第一部分` alone on its line, followed by a short unnumbered line: that line is its title.
fn titles_on_next_line(lines: &mut Vec<Line>, report: &mut Report) {
    let mut i = 0;
    while i + 1 < lines.len() {
        let takes_title = is_division(&lines[i])
            && lines[i].lexed.rest.is_empty()
            && lines[i + 1].lexed.marker.is_none()
            && !lines[i + 1].lexed.dateline
            && !lines[i + 1].in_interpolation
            && !lines[i + 1].edited
            && lex::is_heading_text(&lines[i + 1].lexed.rest, 40)
            && !lex::ends_sentence(&lines[i + 1].lexed.rest);
        if takes_title {
            let next = lines.remove(i + 1);
            report.note(
                Code::TitleOnNextLine,
                lines[i].no,
                format!(
                    "{} stands alone; line {} is a short unnumbered line",
                    lines[i].lexed.label, next.no
                ),
                format!("read line {} as its title", next.no),
            );
            lines[i].lexed.rest = next.lexed.rest;
            lines[i].end = next.end;
        }
        i += 1;
    }
}

/// The text a line contributes to a paragraph, or None for headings.
fn flowing_text(line: &Line) -> Option<&str> {
    match line.role {
        Role::Heading => None,
        _ if line.lexed.dateline => None,
        _ => Some(&line.lexed.rest),
    }
}

/// Joins a paragraph that stops mid-sentence with the unnumbered line after it; flags one that
/// nothing continues as truncated.
fn join_page_breaks(lines: &mut Vec<Line>, report: &mut Report) {
    let mut i = 0;
    while i < lines.len() {
        let Some(text) = flowing_text(&lines[i]).map(str::to_string) else {
            i += 1;
            continue;
        };
        let unfinished = match lines[i].join {
            Join::Never => false,
            Join::Next => true,
            Join::Auto => !lex::ends_sentence(&text) && text.chars().count() >= 16,
        };
        if !unfinished {
            i += 1;
            continue;
        }
        let continues = lines.get(i + 1).is_some_and(|next| {
            lines[i].join == Join::Next
                || (next.lexed.marker.is_none()
                    && !next.lexed.dateline
                    && next.interpolation.is_none()
                    && next.in_interpolation == lines[i].in_interpolation)
        });
        if continues {
            let next = lines.remove(i + 1);
            report.push(
                super::Severity::Warning,
                Code::PageBreakJoin,
                lines[i].end,
                Some(next.no),
                format!(
                    "line {} stops mid-sentence ({}) and line {} continues it ({})",
                    lines[i].end,
                    tail_excerpt(&text, 8),
                    next.no,
                    excerpt(&next.lexed.rest, 8)
                ),
                "joined into one paragraph".into(),
            );
            lines[i].lexed.rest.push_str(&next.lexed.rest);
            lines[i].end = next.end;
            if next.join == Join::Next {
                lines[i].join = Join::Next;
            } else {
                lines[i].join = Join::Auto;
            }
            continue;
        }
        report.warn(
            Code::Truncated,
            lines[i].end,
            format!(
                "line {} stops mid-sentence ({}) and nothing continues it",
                lines[i].end,
                tail_excerpt(&text, 8)
            ),
            "kept as it is and marked as truncated".into(),
        );
        lines[i].truncated = true;
        i += 1;
    }
}

fn tail_excerpt(text: &str, max: usize) -> String {
    let n = text.chars().count();
    let tail: String = text.chars().skip(n.saturating_sub(max)).collect();
    if n > max {
        format!("`…{tail}`")
    } else {
        format!("`{tail}`")
    }
}

/// A wire dateline becomes metadata.
fn take_dateline(lines: &mut Vec<Line>, report: &mut Report) -> Option<String> {
    let i = lines
        .iter()
        .position(|l| l.lexed.dateline && !l.in_interpolation)?;
    let line = lines.remove(i);
    report.warn(
        Code::Dateline,
        line.no,
        format!(
            "{} is a wire-service dateline, not an item",
            excerpt(&line.lexed.rest, 20)
        ),
        "read as metadata (the source of this copy), not as text".into(),
    );
    Some(line.lexed.rest)
}

/// Says how the text ends: a complete last sentence, or a truncation (reported already).
fn note_end(lines: &[Line], report: &mut Report) {
    if let Some(last) = lines.last().filter(|l| !l.truncated) {
        report.note(
            Code::Truncated,
            last.end,
            format!(
                "the text ends at line {} with {}",
                last.end,
                tail_excerpt(&last.lexed.rest, 8)
            ),
            "complete: the last sentence is finished".into(),
        );
    }
}
