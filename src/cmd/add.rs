//! `gongwen add FILE...`: copies texts into `seeds/` as UTF-8 with LF line ends, and says
//! what was recognised in each (title, kind, date, warnings). Every file is checked first:
//! one that cannot be read, has a name already in `seeds/`, or is the same text as one
//! already there (ignoring encoding, line ends and indentation) stops the command before
//! anything is written.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::outline::{self, Severity};
use crate::source;

pub fn run(root: &Path, files: &[PathBuf]) -> Result<()> {
    if files.is_empty() {
        bail!("name the texts to add: gongwen add FILE...");
    }
    let seeds = root.join("seeds");
    // What is there already, by the text itself.
    let mut known: HashMap<u64, String> = HashMap::new();
    if seeds.is_dir() {
        for path in source::find_texts(&seeds).map_err(|e| anyhow::anyhow!("{e}"))? {
            let shown = source::display_path(root, &path);
            let read = std::fs::read(&path).ok();
            if let Some(text) = read.and_then(|b| source::decode(&shown, &b).ok()) {
                known.insert(fingerprint(&text.lines), shown);
            }
        }
    }
    let mut adding = Vec::new();
    for file in files {
        let shown = file.display().to_string();
        let bytes = std::fs::read(file).with_context(|| format!("{shown}: cannot read"))?;
        let (utf8, encoding) =
            source::to_utf8(&bytes).map_err(|why| anyhow::anyhow!("{shown}: {why}"))?;
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty() && !s.starts_with('.'))
            .with_context(|| format!("{shown}: a text needs a file name"))?;
        let target = seeds.join(format!("{stem}.txt"));
        let target_shown = source::display_path(root, &target);
        let text = source::decode(&target_shown, utf8.as_bytes())?;
        if let Some(other) = known.insert(fingerprint(&text.lines), target_shown.clone()) {
            bail!("{shown}: the same text as {other}; nothing was added");
        }
        if target.exists()
            || adding
                .iter()
                .any(|(t, ..): &(PathBuf, _, _, _)| *t == target)
        {
            bail!("{shown}: {target_shown} exists already; rename the file to add it; nothing was added");
        }
        adding.push((target, utf8, encoding, text));
    }
    std::fs::create_dir_all(&seeds)
        .with_context(|| format!("{}: cannot create", seeds.display()))?;
    for (target, utf8, encoding, text) in adding {
        std::fs::write(&target, utf8)
            .with_context(|| format!("{}: cannot write", target.display()))?;
        let o = outline::recognise(&text, &[])?;
        let date = (o.history.iter())
            .filter(|e| e.action != outline::notes::Action::Effective)
            .map(|e| e.date.as_str())
            .max();
        let warnings: Vec<_> = (o.anomalies.iter())
            .filter(|a| a.severity == Severity::Warning)
            .collect();
        eprintln!(
            "added {} (from {encoding}): {}; {}; {}; {} warning(s)",
            text.display_path,
            o.title.as_deref().unwrap_or("no title line"),
            o.kind.as_deref().unwrap_or("kind unknown"),
            date.unwrap_or("no date"),
            warnings.len()
        );
        for w in warnings {
            eprintln!("  {w}");
        }
    }
    Ok(())
}

/// The text without its encoding, line ends and indentation, as a number.
fn fingerprint(lines: &[String]) -> u64 {
    let mut all = String::new();
    for l in lines.iter().filter(|l| !l.is_empty()) {
        all.push_str(l);
        all.push('\n');
    }
    crate::text::hash::fnv1a64(all.bytes())
}
