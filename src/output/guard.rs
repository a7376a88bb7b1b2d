//! The output folder is the build's alone.
//!
//! A build replaces its output folder as a whole, so before anything is written the folder is
//! vetted: it may not be, hold or lie inside the project's own inputs, nor be a folder above
//! the project; an existing folder must be empty or carry the stamp ([`STAMP`]) that every
//! build writes into its output. Anything else is refused unless the user says `--force`,
//! which only lifts the stamp rule: the project's inputs are never replaced.

use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context, Result};

/// The file every build writes at the top of its output folder: a folder with it was made
/// by gongwen, and only such a folder (or an empty one) is replaced without `--force`.
pub const STAMP: &str = ".gongwen-output";

/// What the stamp file says to someone who finds it.
pub const STAMP_TEXT: &str =
    "This folder is the output of `gongwen build`; every build replaces it whole.\n";

/// The folders of a project that a build reads and must never replace.
const INPUTS: [&str; 6] = ["seeds", "content", "templates", "theme", "src", ".git"];

/// Refuses `out` as the output folder of the project at `root` when a build could destroy
/// something it did not make there (see the module documentation).
pub fn check(root: &Path, out: &Path, force: bool) -> Result<()> {
    let root_abs = root
        .canonicalize()
        .with_context(|| format!("{}: cannot read the project folder", root.display()))?;
    let shown = out.display();
    if let Ok(meta) = std::fs::symlink_metadata(out) {
        if meta.file_type().is_symlink() {
            let target = std::fs::read_link(out).unwrap_or_default();
            bail!(
                "{shown}: the output folder is a symbolic link (to {}); a build replaces its output folder whole and will not replace a link. Build into the folder itself (--out {}) or remove the link",
                target.display(),
                target.display()
            );
        }
        if !meta.is_dir() {
            bail!("{shown}: the output folder is an existing file; choose another --out");
        }
    }
    let out_abs = absolute(out)?;
    if root_abs.starts_with(&out_abs) {
        let what = if out_abs == root_abs {
            "is the project folder itself"
        } else {
            "is a folder above the project"
        };
        bail!("{shown}: the output folder {what}; a build replaces its output folder whole. Choose a folder of its own, such as public/");
    }
    for input in INPUTS {
        let input_abs = root_abs.join(input);
        if out_abs.starts_with(&input_abs) || input_abs.starts_with(&out_abs) {
            bail!(
                "{shown}: the output folder {} the project's {input}/; a build replaces its output folder whole. Choose a folder of its own, such as public/",
                if out_abs.starts_with(&input_abs) { "is or is inside" } else { "holds" }
            );
        }
    }
    if out.is_dir() && !force && !made_by_gongwen(out)? {
        bail!(
            "{shown}: this folder is not empty and was not made by gongwen (it has no {STAMP} file); a build replaces its output folder whole, so it will not use this one. Remove the folder, choose another --out, or pass --force to replace it"
        );
    }
    Ok(())
}

/// Whether `dir` is empty or carries the stamp of a build.
pub fn made_by_gongwen(dir: &Path) -> Result<bool> {
    if dir.join(STAMP).is_file() {
        return Ok(true);
    }
    let mut entries =
        std::fs::read_dir(dir).with_context(|| format!("{}: cannot list", dir.display()))?;
    Ok(entries.next().is_none())
}

/// `path` made absolute with every symbolic link and `..` of its existing part resolved: the
/// longest existing ancestor is canonicalised and the rest appended, `..` taken lexically.
fn absolute(path: &Path) -> Result<PathBuf> {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .context("cannot read the current folder")?
            .join(path)
    };
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    let base = loop {
        if let Ok(real) = existing.canonicalize() {
            break real;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            // `..` at the end of a path that does not exist: take it lexically below.
            (Some(parent), None) => {
                rest.push("..".into());
                existing = parent;
            }
            (None, _) => break PathBuf::from("/"),
        }
    };
    let mut out = base;
    for part in rest.iter().rev() {
        match Path::new(part).components().next() {
            Some(Component::ParentDir) => {
                out.pop();
            }
            Some(Component::CurDir) | None => {}
            Some(_) => out.push(part),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_that_does_not_exist_is_made_absolute_lexically_below_what_exists() {
        let tmp = std::env::temp_dir().canonicalize().unwrap();
        assert_eq!(
            absolute(&tmp.join("gongwen-no-such/a/../b")).unwrap(),
            tmp.join("gongwen-no-such/b")
        );
        assert_eq!(absolute(&tmp.join(".")).unwrap(), tmp);
    }
}
