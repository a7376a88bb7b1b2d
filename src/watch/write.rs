//! Writing a rebuild: only the files whose bytes changed, in place, then the files the site
//! no longer has are removed, with folders left empty. Nothing is written unless the build
//! succeeded, and browsers are told to reload only once everything is written. (Writing
//! through a temporary file and a rename cost twice the time on this project's machines:
//! the search manifest's path is in every page, so an edit to a text rewrites every page.)

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::output::Files;

/// What a write did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    pub written: usize,
    pub removed: usize,
}

/// Brings `out` (holding `old`) to `new`.
pub fn write_changes(out: &Path, old: &Files, new: &Files) -> Result<Written> {
    let changed: Vec<(&String, &Vec<u8>)> = new
        .iter()
        .filter(|(path, bytes)| old.get(*path) != Some(*bytes))
        .collect();
    let dirs: BTreeSet<&Path> = changed
        .iter()
        .filter_map(|(path, _)| Path::new(path.as_str()).parent())
        .collect();
    for dir in dirs {
        let dir = out.join(dir);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("{}: cannot create", dir.display()))?;
    }
    changed.par_iter().try_for_each(|(rel, bytes)| {
        let path = out.join(rel);
        let tmp = path.with_file_name(format!(
            ".{}.gongwen-tmp",
            path.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        ));
        std::fs::write(&tmp, bytes).with_context(|| format!("{}: cannot write", tmp.display()))?;
        std::fs::rename(&tmp, &path)
            .with_context(|| format!("{}: cannot move into place", path.display()))
    })?;
    let gone: Vec<&String> = old.keys().filter(|p| !new.contains_key(*p)).collect();
    for rel in &gone {
        let path = out.join(rel);
        if let Err(e) = std::fs::remove_file(&path) {
            if e.kind() != std::io::ErrorKind::NotFound {
                return Err(e).with_context(|| format!("{}: cannot remove", path.display()));
            }
        }
        // Remove the folders this left empty (remove_dir fails on a folder with files).
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != out) {
            if std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    Ok(Written {
        written: changed.len(),
        removed: gone.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_changed_files_and_removes_gone_ones_with_their_folders() {
        let out = std::env::temp_dir().join(format!("gongwen-write-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let files = |pairs: &[(&str, &str)]| -> Files {
            pairs
                .iter()
                .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
                .collect()
        };
        let a = files(&[("index.html", "a"), ("x/y/index.html", "y")]);
        let w = write_changes(&out, &Files::new(), &a).unwrap();
        assert_eq!(w.written, 2);
        let b = files(&[("index.html", "b")]);
        let w = write_changes(&out, &a, &b).unwrap();
        assert_eq!((w.written, w.removed), (1, 1));
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"b");
        assert!(!out.join("x").exists());
        std::fs::remove_dir_all(&out).unwrap();
    }
}
