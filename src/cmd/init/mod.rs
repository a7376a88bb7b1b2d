//! `gongwen init [DIR]`: a working project in one command. Writes `content/site.yaml` (with
//! comments), an empty `seeds/`, a sample about page, `.gitignore` and the GitHub Pages
//! workflow; refuses, before writing anything, if any of them exists.

use std::path::Path;

use anyhow::{bail, Context, Result};

/// The files of a new project: (path from the project folder, contents).
const FILES: [(&str, &str); 5] = [
    ("content/site.yaml", include_str!("site.yaml")),
    ("content/pages/about.md", include_str!("about.md")),
    (".gitignore", include_str!("gitignore")),
    (".github/workflows/pages.yml", include_str!("pages.yml")),
    // Keeps the empty folder in git; hidden files are not texts.
    ("seeds/.gitkeep", ""),
];

pub fn run(dir: &Path) -> Result<()> {
    let taken: Vec<String> = FILES
        .iter()
        .map(|(rel, _)| dir.join(rel))
        .filter(|path| std::fs::symlink_metadata(path).is_ok())
        .map(|path| path.display().to_string())
        .collect();
    if !taken.is_empty() {
        bail!(
            "{}: a project is already here; init writes nothing over existing files:\n  {}",
            dir.display(),
            taken.join("\n  ")
        );
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("{}: cannot create", parent.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("{}: cannot write", path.display()))?;
    }
    let shown = dir.display();
    eprintln!("made a gongwen project in {shown}:");
    for (rel, _) in FILES {
        eprintln!("  {rel}");
    }
    eprintln!(
        "next: put texts (.txt, UTF-8 or GB18030) into {shown}/seeds/, edit content/site.yaml, then run `gongwen --root {shown} build`"
    );
    Ok(())
}
