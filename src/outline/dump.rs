//! A plain-text dump of an outline, for `gongwen outline` and for snapshot tests: one line per
//! node with its id, label, title or text, source lines and editorial marks.

use std::fmt::Write;

use super::{Kind, Mark, Node, Outline};

/// Counts of what the outline holds, by kind, for the dump's summary line and for tests.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub divisions: usize,
    /// Numbered lines read as titles (sections, titled items).
    pub headings: usize,
    /// Numbered lines read as sentences.
    pub clauses: usize,
    pub paragraphs: usize,
    pub passages: usize,
}

pub fn counts(outline: &Outline) -> Counts {
    let mut c = Counts::default();
    for (n, _) in outline.all_nodes() {
        match n.kind {
            Kind::Division(_) => c.divisions += 1,
            Kind::Enum(_) if n.title.is_some() => c.headings += 1,
            Kind::Enum(_) => c.clauses += 1,
            Kind::Paragraph => c.paragraphs += 1,
            Kind::Interpolation => c.passages += 1,
            Kind::Preamble => {}
        }
    }
    c
}

fn short(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}

fn node_line(out: &mut String, n: &Node, depth: usize) {
    let indent = "  ".repeat(depth);
    let body = match (&n.title, &n.text) {
        (Some(t), _) => short(t, 24),
        (None, Some(t)) => format!("¶ {}", short(t, 20)),
        (None, None) => String::new(),
    };
    let lines = if n.end_line > n.line {
        format!("L{}-{}", n.line, n.end_line)
    } else {
        format!("L{}", n.line)
    };
    let _ = write!(out, "{indent}{} {}", n.id, n.label);
    if !n.label.is_empty() && !body.is_empty() {
        out.push(' ');
    }
    let _ = write!(out, "{body}  [{lines}]");
    for m in &n.marks {
        out.push_str(match m {
            Mark::Inferred { .. } => " (inferred)",
            Mark::Interpolated { .. } => " (interpolated)",
            Mark::Truncated => " (truncated)",
        });
    }
    out.push('\n');
}

/// The whole dump: header, tree, summary and, with `anomalies`, the anomaly list.
pub fn dump(outline: &Outline, anomalies: bool) -> String {
    let mut out = String::new();
    match (&outline.title, outline.title_line) {
        (Some(t), Some(l)) => {
            let _ = writeln!(out, "title: {t}  [L{l}]");
        }
        _ => out.push_str("title: (none in the text)\n"),
    }
    if let Some(d) = &outline.dateline {
        let _ = writeln!(out, "dateline: {d}");
    }
    for (n, depth) in outline.all_nodes() {
        node_line(&mut out, n, depth);
    }
    let c = counts(outline);
    let _ = writeln!(
        out,
        "-- {} divisions, {} numbered titles, {} numbered clauses, {} paragraphs, {} passages set apart",
        c.divisions, c.headings, c.clauses, c.paragraphs, c.passages
    );
    if anomalies {
        let _ = writeln!(out, "-- {} anomalies:", outline.anomalies.len());
        for a in &outline.anomalies {
            let _ = writeln!(out, "{a}");
        }
    }
    out
}
