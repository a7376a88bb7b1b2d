//! Writing a rebuild: only the files whose bytes changed, in place, then the files the site
//! no longer has are removed, with folders left empty. Nothing is written unless the build
//! succeeded, and browsers are told to reload only once everything is written.
//!
//! The search index lives in a folder named by a hash of all its files, so every edit to a
//! text moves it. A folder whose files all left for a new folder beside it is renamed on
//! disk first, and then only the files that differ are written.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use anyhow::{Context, Result};

use crate::output::{Bytes, Files};

/// What a write did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    pub written: usize,
    pub removed: usize,
}

/// Brings `out` (holding `old`) to `new`.
pub fn write_changes(out: &Path, old: &Files, new: &crate::output::Checked) -> Result<Written> {
    let new = new.files();
    let moves = moved_folders(old, new);
    for (from, to) in &moves {
        let (from, to) = (out.join(from), out.join(to));
        std::fs::rename(&from, &to)
            .with_context(|| format!("{}: cannot move to {}", from.display(), to.display()))?;
    }
    // What is on disk now, by path.
    let disk: HashMap<String, &Bytes> = old
        .iter()
        .map(|(path, bytes)| {
            let moved = moves.iter().find_map(|(from, to)| {
                let rest = path.strip_prefix(from.as_str())?.strip_prefix('/')?;
                Some(format!("{to}/{rest}"))
            });
            (moved.unwrap_or_else(|| path.clone()), bytes)
        })
        .collect();
    let changed: Vec<(&String, &Bytes)> = new
        .iter()
        .filter(|(path, bytes)| disk.get(*path) != Some(bytes))
        .collect();
    crate::output::write_files(out, &changed)?;
    let gone: Vec<&String> = disk.keys().filter(|p| !new.contains_key(*p)).collect();
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

/// Folders of `old` none of whose files are in `new`, each paired with the one folder beside
/// it that only `new` has: (from, to), paths from the site root.
fn moved_folders(old: &Files, new: &Files) -> Vec<(String, String)> {
    fn folders(files: &Files) -> BTreeSet<&str> {
        files
            .keys()
            .filter_map(|p| p.rsplit_once('/').map(|(dir, _)| dir))
            .collect()
    }
    let (before, after) = (folders(old), folders(new));
    let parent = |dir: &str| dir.rsplit_once('/').map_or("", |(p, _)| p).to_string();
    let mut gone: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for dir in before.difference(&after) {
        gone.entry(parent(dir)).or_default().push(dir);
    }
    let mut came: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for dir in after.difference(&before) {
        came.entry(parent(dir)).or_default().push(dir);
    }
    // Whether `dir` has a folder in it: only the paths starting with `dir/` are looked at.
    let nested = |dir: &str, files: &Files| {
        let prefix = format!("{dir}/");
        files
            .range(prefix.clone()..)
            .map(|(p, _)| p)
            .take_while(|p| p.starts_with(&prefix))
            .any(|p| p[prefix.len()..].contains('/'))
    };
    gone.into_iter()
        .filter_map(|(parent, from)| {
            let to = came.get(&parent)?;
            match (from.as_slice(), to.as_slice()) {
                ([from], [to]) if !nested(from, old) && !nested(to, new) => {
                    Some((from.to_string(), to.to_string()))
                }
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::read_site;

    fn checked(files: &Files) -> crate::output::Checked {
        crate::output::check(files.clone(), "/").unwrap()
    }

    fn files(pairs: &[(&str, &str)]) -> Files {
        pairs
            .iter()
            .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec().into()))
            .collect()
    }

    #[test]
    fn writes_changed_files_and_removes_gone_ones_with_their_folders() {
        let out = std::env::temp_dir().join(format!("gongwen-write-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let a = files(&[("index.html", "a"), ("x/y/index.html", "y")]);
        let w = write_changes(&out, &Files::new(), &checked(&a)).unwrap();
        assert_eq!(w.written, 2);
        let b = files(&[("index.html", "b")]);
        let w = write_changes(&out, &a, &checked(&b)).unwrap();
        assert_eq!((w.written, w.removed), (1, 1));
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"b");
        assert!(!out.join("x").exists());
        std::fs::remove_dir_all(&out).unwrap();
    }

    #[test]
    fn renames_a_folder_whose_files_moved_and_writes_only_what_differs() {
        let out = std::env::temp_dir().join(format!("gongwen-move-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let a = files(&[("s/aaa/1", "one"), ("s/aaa/2", "two"), ("s/aaa/3", "x")]);
        write_changes(&out, &Files::new(), &checked(&a)).unwrap();
        let b = files(&[("s/bbb/1", "one"), ("s/bbb/2", "TWO"), ("s/bbb/4", "four")]);
        assert_eq!(
            moved_folders(&a, &b),
            vec![("s/aaa".into(), "s/bbb".into())]
        );
        let w = write_changes(&out, &a, &checked(&b)).unwrap();
        assert_eq!((w.written, w.removed), (2, 1));
        assert_eq!(read_site(&out).unwrap(), b);
        std::fs::remove_dir_all(&out).unwrap();
    }
}
