//! `gongwen outline FILE`: what the generator made of one text.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use crate::content;
use crate::outline::{self, dump};
use crate::source;

pub fn run(root: &Path, file: &Path, json: bool) -> Result<()> {
    let shown = source::display_path(root, file);
    let bytes = std::fs::read(file).with_context(|| format!("{shown}: cannot read"))?;
    let text = source::decode(&shown, &bytes)?;
    // Corrections apply when the file is one of the site's seeds and content/ exists.
    let corrections = if root.join("content/site.yaml").is_file() {
        content::load(root)?
            .documents
            .remove(&text.key)
            .map(|m| m.corrections)
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let outline = outline::recognise(&text, &corrections)?;
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &outline)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{} ({})", text.display_path, text.encoding)?;
        out.write_all(dump::dump(&outline, true).as_bytes())?;
    }
    Ok(())
}
