//! The one place YAML is parsed. serde_yaml is archived upstream; keeping it behind this
//! small module means a replacement touches one file.

use serde::de::DeserializeOwned;

/// A YAML file that could not be read into the expected shape. Shown as
/// `path:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct YamlError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Parses `text` (the contents of `path`) into `T`. Unknown keys are errors when `T` says
/// `deny_unknown_fields`.
pub fn parse<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        let message = e.to_string();
        // serde_yaml appends " at line L column C"; the location is already in front.
        let message = match message.find(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        let message = match suggestion(&message) {
            Some(s) => format!("{message}; did you mean `{s}`?"),
            None => message,
        };
        YamlError {
            path: path.to_string(),
            line,
            column,
            message,
        }
    })
}

/// For "unknown field `x`, expected one of `a`, `b`", the expected name closest to `x`.
fn suggestion(message: &str) -> Option<String> {
    let rest = message.split("unknown field `").nth(1)?;
    let (unknown, expected) = rest.split_once('`')?;
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|name| (edit_distance(unknown, name), name))
        .filter(|(d, name)| *d <= 2.max(name.len() / 3))
        .min()
        .map(|(_, name)| name.to_string())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for j in 0..b.len() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != b[j]))
                .min(row[j] + 1)
                .min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The 1-based line of the first line of `text` that, trimmed, starts with `prefix`, after
/// line `from`. Used to point messages at a list entry, which serde_yaml does not locate.
pub fn find_line(text: &str, from: usize, prefix: &str) -> Option<usize> {
    text.lines()
        .enumerate()
        .skip(from)
        .find(|(_, l)| l.trim_start().trim_start_matches("- ").starts_with(prefix))
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Entry {
        title: String,
    }

    #[test]
    fn names_file_line_and_column_of_an_unknown_key() {
        let err = parse::<Entry>("content/x.yaml", "title: a\ntitel: b\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "content/x.yaml:2:1: unknown field `titel`, expected `title`; did you mean `title`?"
        );
    }
}
