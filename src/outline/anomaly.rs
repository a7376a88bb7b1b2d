//! Anomalies: what the recogniser found irregular in a text and what it concluded.
//!
//! Each one names the file and line, so an editor can go straight to it. Warnings are repairs
//! and irregularities; notes record a reading decision (a clause, not a heading) that an
//! editor may want to check. The build prints warnings; `gongwen outline` prints both; the
//! machine-readable report holds both.

use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
}

/// What kind of thing was found; stable names for tools that read the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    BlankStart,
    Title,
    IssuingNotes,
    NoTitle,
    Preamble,
    HeadingMark,
    StrayPrefix,
    InferredDivision,
    ItemAsSection,
    Interpolation,
    PageBreakJoin,
    Truncated,
    Dateline,
    NumberingJump,
    Clauses,
    TitledItems,
    SectionBody,
    TitleOnNextLine,
    Correction,
    Reference,
    UnusedTerm,
    Punctuation,
    Translation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Anomaly {
    pub file: String,
    pub line: usize,
    /// The last line concerned, when more than one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_line: Option<usize>,
    pub severity: Severity,
    pub code: Code,
    /// What the text has.
    pub found: String,
    /// What the recogniser made of it.
    pub concluded: String,
}

impl fmt::Display for Anomaly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
        };
        match self.end_line {
            Some(end) if end != self.line => write!(f, "{}:{}-{}", self.file, self.line, end)?,
            _ => write!(f, "{}:{}", self.file, self.line)?,
        }
        write!(f, ": {level}: {}; {}", self.found, self.concluded)
    }
}

/// Collects anomalies for one file.
#[derive(Debug, Default)]
pub struct Report {
    pub file: String,
    pub items: Vec<Anomaly>,
}

impl Report {
    pub fn new(file: &str) -> Self {
        Report {
            file: file.to_string(),
            items: Vec::new(),
        }
    }

    pub fn warn(&mut self, code: Code, line: usize, found: String, concluded: String) {
        self.push(Severity::Warning, code, line, None, found, concluded);
    }

    pub fn note(&mut self, code: Code, line: usize, found: String, concluded: String) {
        self.push(Severity::Note, code, line, None, found, concluded);
    }

    pub fn push(
        &mut self,
        severity: Severity,
        code: Code,
        line: usize,
        end_line: Option<usize>,
        found: String,
        concluded: String,
    ) {
        self.items.push(Anomaly {
            file: self.file.clone(),
            line,
            end_line,
            severity,
            code,
            found,
            concluded,
        });
    }

    /// Sorted by line, so the report reads top to bottom.
    pub fn finish(mut self) -> Vec<Anomaly> {
        self.items.sort_by_key(|a| (a.line, a.code));
        self.items
    }
}

/// Shortens a line for a message: the first `max` characters and an ellipsis.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        out.push('…');
    }
    format!("`{out}`")
}
