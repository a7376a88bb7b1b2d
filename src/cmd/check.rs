//! `gongwen check`: the build's link check, run alone on an existing output folder.

use std::path::Path;

use anyhow::{bail, Result};

use crate::content;
use crate::output;

pub fn run(root: &Path, dir: &Path) -> Result<()> {
    let base = content::load(root)?.site.base_path();
    let files = output::read_site(dir)?;
    let pages = files.keys().filter(|k| k.ends_with(".html")).count();
    let broken = output::check_links(&files, &base);
    if !broken.is_empty() {
        bail!("{} broken link(s):\n{}", broken.len(), broken.join("\n"));
    }
    eprintln!(
        "checked {pages} pages in {}: every link and anchor resolves",
        dir.display()
    );
    Ok(())
}
