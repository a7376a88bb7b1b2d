//! `gongwen translations export <lang>` and `gongwen translations status [lang]`: the
//! editor's side of translation files (see `crate::translation`).

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::project::{self, Project};
use crate::translation::{self, State};

/// The languages to work on: `lang` when given (it must be a language of the site other than
/// the source), else every such language.
fn languages(project: &Project, lang: Option<&str>) -> Result<Vec<String>> {
    let all = &project.content.site.languages;
    let others: Vec<String> = all[1..].to_vec();
    match lang {
        Some(l) if others.iter().any(|o| o == l) => Ok(vec![l.to_string()]),
        Some(l) => bail!(
            "content/site.yaml: `{l}` is not a translation language of this site (languages: {}; \
             the first is the source)",
            all.join(", ")
        ),
        None if others.is_empty() => {
            bail!("content/site.yaml: the site has one language; add one to `languages` first")
        }
        None => Ok(others),
    }
}

/// Writes `content/translations/<lang>/<document>.yaml` for every document, keeping what is
/// translated, adding every id with its source text, filling in missing fingerprints.
pub fn export(root: &Path, lang: &str) -> Result<()> {
    let project = project::load(root)?;
    let lang = languages(&project, Some(lang))?.remove(0);
    let dir = root.join("content/translations").join(&lang);
    std::fs::create_dir_all(&dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let mut out = std::io::stdout().lock();
    for doc in &project.documents {
        let key = &doc.source.key;
        let loaded = project
            .translations
            .files
            .get(&lang)
            .and_then(|m| m.get(key));
        let header = match loaded {
            Some(l) => l
                .text
                .lines()
                .take_while(|line| line.starts_with('#'))
                .map(|line| line.trim_start_matches('#').trim_start())
                .collect::<Vec<_>>()
                .join("\n"),
            None => format!(
                "Unofficial translation ({lang}) of {} by the site's editors; not an official \
                 text.\nFill in `title` and `text` under each id; keep `fp`, the fingerprint of \
                 the source text translated.",
                doc.source.display_path
            ),
        };
        let text = translation::export(doc, loaded.map(|l| &l.file), &header);
        let path = dir.join(format!("{key}.yaml"));
        let shown = format!("content/translations/{lang}/{key}.yaml");
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        if old != text {
            let tmp = dir.join(format!(".{key}.yaml.tmp"));
            std::fs::write(&tmp, &text).with_context(|| format!("{shown}: cannot write"))?;
            std::fs::rename(&tmp, &path).with_context(|| format!("{shown}: cannot write"))?;
        }
        // Read back what was written, so the counts are those of the file on disk.
        let file: translation::TranslationFile = crate::yaml::parse(&shown, &text)?;
        let (done, missing, stale) = counts(&project, &lang, doc, Some(file));
        writeln!(
            out,
            "{shown}: {} {} translated, {missing} missing, {stale} stale",
            if old == text {
                "unchanged;"
            } else {
                "written;"
            },
            done
        )?;
    }
    Ok(())
}

fn counts(
    project: &Project,
    lang: &str,
    doc: &crate::document::Document,
    file: Option<translation::TranslationFile>,
) -> (usize, usize, usize) {
    let mut t = project.translations.clone();
    if let Some(file) = file {
        let loaded = translation::Loaded {
            file,
            shown: String::new(),
            text: String::new(),
        };
        t.files
            .entry(lang.to_string())
            .or_default()
            .insert(doc.source.key.clone(), loaded);
    }
    let status = t.status(lang, doc);
    let n = |s: State| status.iter().filter(|(_, st)| *st == s).count();
    (n(State::Translated), n(State::Missing), n(State::Stale))
}

/// Prints, per language and document, how many units are translated, missing and stale,
/// and which are stale or missing.
pub fn status(root: &Path, lang: Option<&str>) -> Result<()> {
    let project = project::load(root)?;
    let mut out = std::io::stdout().lock();
    for lang in languages(&project, lang)? {
        for doc in &project.documents {
            let status = project.translations.status(&lang, doc);
            let ids = |s: State| -> Vec<String> {
                status
                    .iter()
                    .filter(|(_, st)| *st == s)
                    .map(|(u, _)| {
                        if u.id.is_empty() {
                            "(title)".to_string()
                        } else {
                            u.id.clone()
                        }
                    })
                    .collect()
            };
            let (missing, stale) = (ids(State::Missing), ids(State::Stale));
            let total = status.len();
            let done = total - missing.len() - stale.len();
            writeln!(
                out,
                "{lang} {}: {done}/{total} translated ({}%), {} missing, {} stale",
                doc.source.display_path,
                done * 100 / total.max(1),
                missing.len(),
                stale.len()
            )?;
            for (name, list) in [("stale", &stale), ("missing", &missing)] {
                if !list.is_empty() {
                    writeln!(out, "  {name}: {}", list.join(" "))?;
                }
            }
        }
    }
    Ok(())
}
