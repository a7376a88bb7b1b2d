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
        YamlError {
            path: path.to_string(),
            line,
            column,
            message,
        }
    })
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
            "content/x.yaml:2:1: unknown field `titel`, expected `title`"
        );
    }
}
