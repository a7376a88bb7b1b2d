//! `gongwen glossary suggest`: what the glossary does not have yet.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::enrich::suggest;
use crate::project;

pub fn suggest(root: &Path, limit: usize) -> Result<()> {
    let project = project::load(root)?;
    let candidates = suggest::suggest(&project);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} candidate terms not in content/glossary.yaml (passages, term, where):",
        candidates.len()
    )?;
    for c in candidates.iter().take(limit) {
        let mut places = c
            .places
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if c.places.len() > 3 {
            places.push_str(&format!(" (+{} more)", c.places.len() - 3));
        }
        writeln!(out, "{:>4}  {}  {}", c.count, c.text, places)?;
    }
    if candidates.len() > limit {
        writeln!(out, "… {} more (use --limit)", candidates.len() - limit)?;
    }
    Ok(())
}
