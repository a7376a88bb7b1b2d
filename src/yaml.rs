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
    // A key given twice in one mapping is an error at the second one (serde_yaml keeps the
    // last value of a map silently, and places a struct's duplicate at the mapping's start).
    if let Err(e) = serde_yaml::from_str::<serde_yaml::Value>(text) {
        if let Some(dup) = duplicate_key(text, &e) {
            return Err(YamlError {
                path: path.to_string(),
                ..dup
            });
        }
    }
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

/// Where the key that serde_yaml reports as duplicated ("duplicate entry with key "a"", at
/// the mapping's first key) is given the second time: the next line at the mapping's indent
/// that names it.
fn duplicate_key(text: &str, e: &serde_yaml::Error) -> Option<YamlError> {
    let message = e.to_string();
    let key = message
        .split_once("duplicate entry with key ")?
        .1
        .split(" at line ")
        .next()?
        .trim_matches('"');
    let location = e.location()?;
    let indent = location.column().saturating_sub(1);
    let lines: Vec<&str> = text.lines().collect();
    let mut seen = None;
    for (i, line) in lines
        .iter()
        .enumerate()
        .skip(location.line().saturating_sub(1))
    {
        let depth = line.len() - line.trim_start_matches([' ', '-']).len();
        let content = line.trim_start_matches([' ', '-']);
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if depth < indent && seen.is_some() {
            break;
        }
        if depth != indent {
            continue;
        }
        let name = content
            .split(':')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches(['"', '\'']);
        if name == key {
            match seen {
                None => seen = Some(i + 1),
                Some(first) => {
                    return Some(YamlError {
                        path: String::new(),
                        line: i + 1,
                        column: indent + 1,
                        message: format!("the key `{key}` is given twice (first at line {first})"),
                    })
                }
            }
        }
    }
    Some(YamlError {
        path: String::new(),
        line: location.line(),
        column: location.column(),
        message: format!("the key `{key}` is given twice in this mapping"),
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
    fn names_the_line_of_a_key_given_twice() {
        let text = "title: a\nx:\n  a: 1\n  b: 2\n  a: 3\n";
        let err = parse::<serde_yaml::Value>("content/x.yaml", text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "content/x.yaml:5:3: the key `a` is given twice (first at line 3)"
        );
        let map =
            parse::<std::collections::BTreeMap<String, String>>("i18n.yaml", "a: 1\nb: 2\na: 3\n");
        assert_eq!(
            map.unwrap_err().to_string(),
            "i18n.yaml:3:1: the key `a` is given twice (first at line 1)"
        );
        let list = parse::<Vec<Entry>>("g.yaml", "- title: 1\n- title: 2\n  title: 3\n");
        assert_eq!(
            list.unwrap_err().to_string(),
            "g.yaml:3:3: the key `title` is given twice (first at line 2)"
        );
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
