//! Reading the source texts: every file under `seeds/`, decoded to clean lines.
//!
//! Texts arrive as UTF-8 (with or without a byte-order mark), UTF-16 with a BOM, or GB18030/GBK;
//! with LF or CRLF line ends; indented with ideographic spaces. Everything after this module sees
//! one `String` per source line with the indentation and trailing spaces removed, so line
//! numbers stay those of the file the editor has open.

use std::fmt;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// One decoded source text.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The file stem, which names the document everywhere (`000_e0c0b504374b171f`).
    pub key: String,
    /// The path as shown in messages, relative to the site root (`seeds/000_….txt`).
    pub display_path: String,
    /// Which encoding the bytes were in.
    pub encoding: Encoding,
    /// One entry per source line, trimmed; line `n` (1-based) is `lines[n - 1]`.
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16,
    Gb18030,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16 => "UTF-16",
            Encoding::Gb18030 => "GB18030",
        })
    }
}

/// Why a file could not be read as a text. Shown as `PATH: message`, one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {problem}")]
pub struct SourceError {
    pub path: String,
    pub problem: String,
}

/// Decodes the bytes of one file. `display_path` is used for the key and for messages.
pub fn decode(display_path: &str, bytes: &[u8]) -> Result<SourceText, SourceError> {
    let fail = |problem: &str| SourceError {
        path: display_path.to_string(),
        problem: problem.to_string(),
    };
    let (text, encoding) = decode_bytes(bytes).map_err(fail)?;
    if text.trim().is_empty() {
        return Err(fail("empty file: there is no text to publish"));
    }
    if let Some((line, column, c)) = control_character(&text) {
        return Err(SourceError {
            path: format!("{display_path}:{line}:{column}"),
            problem: format!(
                "control character U+{:04X} in the text; remove it (it cannot be shown or published)",
                u32::from(c)
            ),
        });
    }
    let key = Path::new(display_path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lines = text.split('\n').map(clean_line).collect();
    Ok(SourceText {
        key,
        display_path: display_path.to_string(),
        encoding,
        lines,
    })
}

/// The bytes of a text as UTF-8 with LF line ends, as `gongwen add` stores it: the encoding
/// it was in, or why it cannot be read (as [`decode`] says it).
pub fn to_utf8(bytes: &[u8]) -> Result<(String, Encoding), &'static str> {
    let (text, encoding) = decode_bytes(bytes)?;
    let text = text.trim_start_matches('\u{FEFF}');
    Ok((text.replace("\r\n", "\n").replace('\r', "\n"), encoding))
}

fn decode_bytes(bytes: &[u8]) -> Result<(String, Encoding), &'static str> {
    if bytes.is_empty() {
        return Err("empty file: there is no text to publish");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_string(), Encoding::Utf8Bom))
            .map_err(|_| "not valid UTF-8 although it starts with a UTF-8 byte-order mark");
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, bad) = encoding_rs::UTF_16LE.decode(bytes);
        if bad {
            return Err("not valid UTF-16 although it starts with a UTF-16 byte-order mark");
        }
        return Ok((text.into_owned(), Encoding::Utf16));
    }
    if looks_binary(bytes) {
        return Err("binary file, not a text (it contains control bytes)");
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), Encoding::Utf8));
    }
    const SINGLE_BYTE: &str = "not UTF-8, and not Chinese in GB18030/GBK either: its bytes look like a Western single-byte encoding (Latin-1 or Windows-1252); save it as UTF-8";
    match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(_) if looks_single_byte(bytes) => Err(SINGLE_BYTE),
        Some(text) => Ok((text.into_owned(), Encoding::Gb18030)),
        None if mostly_ascii(bytes) => Err(SINGLE_BYTE),
        None => Err("not a text in UTF-8 or GB18030/GBK: it cannot be decoded"),
    }
}

/// Whether at least four bytes in five are ASCII: a Western text with a few accented
/// letters, not Chinese (whose every character takes two bytes or more).
fn mostly_ascii(bytes: &[u8]) -> bool {
    bytes.iter().filter(|b| b.is_ascii()).count() * 5 >= bytes.len() * 4
}

/// Whether bytes that are not UTF-8 look like a single-byte encoding rather than Chinese in
/// GB18030. Read as GB18030, nearly every character of a Chinese text is in the GB2312
/// block (both bytes from A1), while a Latin-1 text's accented letters stand alone among
/// ASCII bytes and would pair with the letter after them into rare characters.
fn looks_single_byte(bytes: &[u8]) -> bool {
    let (mut common, mut other) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            // A four-byte sequence: lead, digit, lead, digit.
            Some(0x30..=0x39) => {
                other += 1;
                i += 4;
            }
            Some(&t) => {
                if (0xA1..=0xF7).contains(&b) && (0xA1..=0xFE).contains(&t) {
                    common += 1;
                } else {
                    other += 1;
                }
                i += 2;
            }
            None => {
                other += 1;
                i += 1;
            }
        }
    }
    other > common
}

/// The first control character of a text (other than tab, line ends and form feed), with
/// its 1-based line and column.
fn control_character(text: &str) -> Option<(usize, usize, char)> {
    let bad = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}'))
            || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    let at = text.find(bad)?;
    let line = text[..at].matches('\n').count() + 1;
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let column = text[start..at].chars().count() + 1;
    Some((line, column, text[at..].chars().next()?))
}

/// Many control bytes (other than tab, CR, LF and form feed) mean binary; a few are an
/// error of the text, named with their line (see [`control_character`]).
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    controls * 20 > sample.len()
}

/// Removes a trailing CR, indentation (ASCII and ideographic spaces, tabs) and trailing spaces.
fn clean_line(line: &str) -> String {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .to_string()
}

/// Finds every text under `dir` (files ending in `.txt` or `.md`), sorted by path so builds
/// are deterministic. Hidden files and editor backups are skipped.
pub fn find_texts(dir: &Path) -> Result<Vec<PathBuf>, SourceError> {
    let mut found = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| SourceError {
            path: dir.display().to_string(),
            problem: format!("cannot list the folder: {e}"),
        })?;
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        if name.ends_with(".txt") || name.ends_with(".md") {
            found.push(entry.into_path());
        }
    }
    Ok(found)
}

/// Reads and decodes every text of `root/seeds`. All files are tried: the errors of every
/// bad file are returned together, so one bad file does not hide another.
pub fn load_all(root: &Path) -> Result<Vec<SourceText>, Vec<SourceError>> {
    let dir = root.join("seeds");
    let paths = find_texts(&dir).map_err(|e| vec![e])?;
    let mut texts = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let display = display_path(root, &path);
        match std::fs::read(&path) {
            Ok(bytes) => match decode(&display, &bytes) {
                Ok(text) => texts.push(text),
                Err(e) => errors.push(e),
            },
            Err(e) => errors.push(SourceError {
                path: display,
                problem: format!("cannot read: {e}"),
            }),
        }
    }
    if errors.is_empty() {
        Ok(texts)
    } else {
        Err(errors)
    }
}

/// `path` relative to `root`, with forward slashes, for messages.
pub fn display_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_gbk_and_says_so() {
        let (bytes, _, _) = encoding_rs::GBK.encode("第一条 总则\n");
        let text = decode("seeds/a.txt", &bytes).unwrap();
        assert_eq!(text.encoding, Encoding::Gb18030);
        assert_eq!(text.lines[0], "第一条 总则");
    }

    #[test]
    fn strips_bom_crlf_and_ideographic_indents() {
        let text = decode("seeds/a.txt", "\u{FEFF}　　前言  \r\n正文。\r\n".as_bytes()).unwrap();
        assert_eq!(text.encoding, Encoding::Utf8Bom);
        assert_eq!(text.lines, vec!["前言", "正文。", ""]);
    }

    #[test]
    fn refuses_latin1_instead_of_publishing_it_as_gb18030() {
        let latin1: Vec<u8> = "Résumé: la coopération économique entre la Chine et l'Amérique latine, ça progresse à grands pas."
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect();
        let err = decode("seeds/x.txt", &latin1).unwrap_err().to_string();
        assert!(err.contains("Latin-1"), "{err}");
        // Chinese in GBK with a few rare characters still decodes.
        let (gbk, _, _) =
            encoding_rs::GBK.encode("第一条 为了规范堃、喆、昇的使用，制定本办法。\n");
        assert_eq!(
            decode("seeds/a.txt", &gbk).unwrap().encoding,
            Encoding::Gb18030
        );
    }

    #[test]
    fn refuses_control_characters_at_their_line_and_column() {
        let mut text = "第一条 总则\n".repeat(2000).into_bytes();
        text.extend_from_slice("第二条 正文\u{1b}[31m。\n".as_bytes());
        assert_eq!(
            decode("seeds/x.txt", &text).unwrap_err().to_string(),
            "seeds/x.txt:2001:7: control character U+001B in the text; remove it (it cannot be shown or published)"
        );
        let nul = ["第一条 总则\n".repeat(2000).into_bytes(), b"\0".to_vec()].concat();
        assert!(decode("seeds/x.txt", &nul)
            .unwrap_err()
            .to_string()
            .contains("U+0000"));
    }

    #[test]
    fn rejects_empty_binary_and_undecodable_files() {
        let err = |b: &[u8]| decode("seeds/x.txt", b).unwrap_err().to_string();
        assert_eq!(
            err(b""),
            "seeds/x.txt: empty file: there is no text to publish"
        );
        assert_eq!(
            err(b" \n\n"),
            "seeds/x.txt: empty file: there is no text to publish"
        );
        assert_eq!(
            err(b"PK\x03\x04\x00\x00binary"),
            "seeds/x.txt: binary file, not a text (it contains control bytes)"
        );
        assert_eq!(
            err(b"\x81\x30\xff\xfe\x80"),
            "seeds/x.txt: not a text in UTF-8 or GB18030/GBK: it cannot be decoded"
        );
    }
}
