//! Interface strings per language: the built-in Simplified Chinese set, replaced or joined by
//! `content/i18n/<lang>.yaml`. Every language has every key of the built-in set, so a page
//! never shows a key or an empty label; a missing key is a build error naming key and file.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::yaml;

/// The built-in strings, the reference key set.
const BUILT_IN: &str = include_str!("zh-Hans.yaml");

/// Keys a language may add that the built-in set does not have: the site's own title,
/// description and footer in that language (`content/site.yaml` holds the source language's).
const OPTIONAL: &[&str] = &["site_title", "site_description", "site_footer"];

/// The interface strings of one language.
#[derive(Debug, Clone)]
pub struct Strings {
    /// A BCP 47 code: `zh-Hans`, `en`, `es`.
    pub lang: String,
    pub map: BTreeMap<String, String>,
}

impl Strings {
    /// The string of `key`; keys are checked at load time, so an unknown key here is a bug in
    /// the generator and shows as the key itself.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// The string of `key` with `{name}` placeholders filled in.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }
}

/// Fills `{name}` placeholders of `template`.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    fill_into(&mut out, template, |name, out| {
        let value = args.iter().find(|(n, _)| *n == name)?.1;
        out.push_str(value);
        Some(())
    });
    out
}

/// Appends `template` to `out` with each `{name}` replaced by what `value` writes for it, in
/// one pass: values are made only for the placeholders the template has, and a value is
/// never searched for placeholders itself. A name `value` does not know (None, having
/// written nothing) stays as written.
pub fn fill_into(
    out: &mut String,
    template: &str,
    mut value: impl FnMut(&str, &mut String) -> Option<()>,
) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(['{', '}']) {
            Some(close) if after.as_bytes()[close] == b'}' => {
                let name = &after[..close];
                if value(name, out).is_none() {
                    out.push_str(&rest[open..open + close + 2]);
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// The built-in strings (Simplified Chinese).
pub fn built_in() -> Strings {
    let map = yaml::parse("src/i18n/zh-Hans.yaml", BUILT_IN).expect("built-in strings parse");
    Strings {
        lang: "zh-Hans".into(),
        map,
    }
}

/// The strings of each of `languages`, in order: `content/i18n/<lang>.yaml` when it exists,
/// else the built-in set for `zh-Hans`. Any other language needs its file.
pub fn load(root: &Path, languages: &[String]) -> Result<Vec<Strings>> {
    let reference = built_in();
    languages
        .iter()
        .map(|lang| {
            let path = root.join("content/i18n").join(format!("{lang}.yaml"));
            let shown = format!("content/i18n/{lang}.yaml");
            if !path.is_file() {
                if lang == &reference.lang {
                    return Ok(reference.clone());
                }
                bail!(
                    "content/site.yaml: language `{lang}` has no interface strings; add {shown} \
                     with every key of the built-in set (src/i18n/zh-Hans.yaml)"
                );
            }
            let text =
                std::fs::read_to_string(&path).with_context(|| format!("{shown}: cannot read"))?;
            let map: BTreeMap<String, String> = yaml::parse(&shown, &text)?;
            check_keys(&reference, &map, &shown, &text)?;
            Ok(Strings {
                lang: lang.clone(),
                map,
            })
        })
        .collect()
}

/// Every reference key is present and every key is known.
fn check_keys(
    reference: &Strings,
    map: &BTreeMap<String, String>,
    shown: &str,
    text: &str,
) -> Result<()> {
    for key in map.keys() {
        if !reference.map.contains_key(key) && !OPTIONAL.contains(&key.as_str()) {
            let line = yaml::find_line(text, 0, &format!("{key}:")).unwrap_or(1);
            bail!("{shown}:{line}: unknown interface string `{key}`");
        }
    }
    let missing: Vec<&str> = reference
        .map
        .keys()
        .filter(|k| !map.contains_key(*k))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        bail!(
            "{shown}: missing interface string{} {}",
            if missing.len() == 1 { "" } else { "s" },
            missing
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            built_in().fill("div_art", &[("cn", "二"), ("n", "2")]),
            "第二条"
        );
        assert_eq!(
            fill("{n} of {total}", &[("n", "3"), ("total", "9")]),
            "3 of 9"
        );
        // Unknown names and stray braces stay; values are not filled again.
        assert_eq!(fill("{x}{ {n}} {{n}}", &[("n", "{n}")]), "{x}{ {n}} {{n}}");
        assert_eq!(fill("{label}{n}", &[("label", "{n}"), ("n", "1")]), "{n}1");
    }

    #[test]
    fn a_missing_or_unknown_key_names_key_and_file() {
        let reference = built_in();
        let mut map = reference.map.clone();
        map.remove("search_more");
        let err = check_keys(&reference, &map, "content/i18n/en.yaml", "").unwrap_err();
        assert_eq!(
            err.to_string(),
            "content/i18n/en.yaml: missing interface string `search_more`"
        );
        let mut map = reference.map.clone();
        map.insert("serch".into(), "x".into());
        let err =
            check_keys(&reference, &map, "content/i18n/en.yaml", "a: b\nserch: x\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "content/i18n/en.yaml:2: unknown interface string `serch`"
        );
    }
}
