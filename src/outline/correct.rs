//! Editorial corrections: what an editor decides in `content/` where heuristics cannot.
//!
//! A correction names a source line and quotes how that line starts, so that when the text
//! changes under it the build stops and says so instead of correcting the wrong line.

use serde::Deserialize;

use super::anomaly::{excerpt, Code, Report};
use super::lex;
use super::repair::{self, Join, Line, Role};

/// One correction, as written in `content/documents/<key>.yaml` under `corrections:`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// The source line (1-based) the correction applies to.
    pub line: usize,
    /// How that line starts (without `#` marks); checked on every build.
    pub expect: String,
    /// A new numbering label for the line: `第三条`, `二、`, `（四）`.
    #[serde(default)]
    pub relabel: Option<String>,
    /// Force how the line reads: `heading`, `clause` or `paragraph`.
    #[serde(default, rename = "as")]
    pub role: Option<RoleName>,
    /// The line starts a passage foreign to the text, which runs to line `to`.
    #[serde(default)]
    pub interpolation: Option<InterpolationSpec>,
    /// `next`: join this line with the next one; `never`: never join it.
    #[serde(default)]
    pub join: Option<JoinName>,
    /// A heading's title as it should be shown, e.g. without stray spaces (`携手推进 共建中拉`
    /// → `携手推进共建中拉`). Only for headings; the wording must not change.
    #[serde(default)]
    pub title: Option<String>,
    /// The editor's note shown to readers at this place.
    #[serde(default)]
    pub note: Option<String>,
    /// Where the correction is written (`content/documents/x.yaml:12`), for messages.
    #[serde(skip)]
    pub origin: String,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RoleName {
    Heading,
    Clause,
    Paragraph,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum JoinName {
    Next,
    Never,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct InterpolationSpec {
    pub to: usize,
}

/// A correction that cannot be applied. Shown as one line naming the correction's file and
/// line and the source file and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct CorrectionError {
    pub origin: String,
    pub message: String,
}

/// Applies every correction to the classified lines.
pub fn apply(
    lines: &mut [Line],
    corrections: &[Correction],
    raw: &[String],
    report: &mut Report,
) -> Result<(), CorrectionError> {
    for c in corrections {
        let fail = |message: String| CorrectionError {
            origin: c.origin.clone(),
            message,
        };
        if squash(&c.expect).is_empty() {
            return Err(fail(format!(
                "correction for {}:{} has an empty `expect`; quote how the line starts, so the correction stops the build if the text changes under it",
                report.file, c.line
            )));
        }
        if let Some(spec) = c.interpolation.as_ref().filter(|s| s.to > raw.len()) {
            return Err(fail(format!(
                "interpolation runs to line {}, but {} has only {} lines",
                spec.to,
                report.file,
                raw.len()
            )));
        }
        let Some(i) = lines.iter().position(|l| l.no == c.line) else {
            let why = if c.line == 0 || c.line > raw.len() {
                format!("the text has only {} lines", raw.len())
            } else {
                "that line is blank".to_string()
            };
            return Err(fail(format!(
                "correction for {}:{} no longer matches: {why}",
                report.file, c.line
            )));
        };
        let actual = lines[i].full_text();
        if !squash(&actual).starts_with(&squash(&c.expect)) {
            return Err(fail(format!(
                "correction for {}:{} no longer matches: it expects the line to start with \"{}\", but the line reads \"{}\"; update or remove the correction",
                report.file,
                c.line,
                c.expect,
                actual.chars().take(40).collect::<String>()
            )));
        }
        let note = c.note.clone().unwrap_or_default();
        let mut did = Vec::new();
        if let Some(label) = &c.relabel {
            let lexed = lex::lex(label);
            let marker = lexed
                .marker
                .filter(|_| lexed.rest.is_empty() && lexed.stray_prefix.is_none())
                .ok_or_else(|| {
                    fail(format!(
                        "relabel \"{label}\" is not a numbering label such as 第三条, 二、 or （四）"
                    ))
                })?;
            lines[i].relabel(marker, lexed.label, note.clone(), true);
            did.push(format!("relabelled as {label}"));
        }
        if let Some(role) = c.role {
            lines[i].role = match role {
                RoleName::Heading => Role::Heading,
                RoleName::Clause => Role::Clause,
                RoleName::Paragraph => Role::Paragraph,
            };
            if role == RoleName::Paragraph {
                lines[i].lexed.rest = lines[i].full_text();
                lines[i].lexed.marker = None;
                lines[i].lexed.label.clear();
                lines[i].lexed.stray_prefix = None;
            }
            did.push(format!("read as a {role:?}").to_lowercase());
        }
        if let Some(spec) = &c.interpolation {
            let last = lines
                .iter()
                .rposition(|l| l.no <= spec.to)
                .filter(|&last| last >= i && spec.to >= c.line)
                .ok_or_else(|| {
                    fail(format!(
                        "interpolation runs to line {}, which is before its first line {}",
                        spec.to, c.line
                    ))
                })?;
            repair::mark_interpolation(lines, i, last, note.clone());
            did.push(format!(
                "lines {}-{} set apart as a passage from elsewhere",
                c.line, spec.to
            ));
        }
        if let Some(title) = &c.title {
            if lines[i].role != Role::Heading {
                return Err(fail(format!(
                    "title applies to a heading, but {}:{} reads as a sentence",
                    report.file, c.line
                )));
            }
            if squash(title) != squash(&lines[i].lexed.rest) {
                return Err(fail(format!(
                    "title \"{title}\" changes more than spacing of \"{}\"; a correction must not change the wording",
                    lines[i].lexed.rest
                )));
            }
            lines[i].lexed.rest = title.clone();
            did.push(format!("title shown as {title}"));
        }
        if let Some(join) = c.join {
            lines[i].join = match join {
                JoinName::Next => Join::Next,
                JoinName::Never => Join::Never,
            };
            did.push(format!("join: {join:?}").to_lowercase());
        }
        lines[i].edited = true;
        let end = c
            .interpolation
            .as_ref()
            .map(|s| s.to)
            .or((lines[i].end > c.line).then_some(lines[i].end));
        report.push(
            super::Severity::Warning,
            Code::Correction,
            c.line,
            end,
            format!("{} (corrected in {})", excerpt(&actual, 20), c.origin),
            did.join("; "),
        );
    }
    Ok(())
}

/// Compares text ignoring spaces, so an expectation survives a change of indentation.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
