//! Output: minification, the link check ([`check`]), and the atomic swap into `public/`.
//!
//! Files are written to a staging folder beside the output folder; only when every page
//! rendered and every link resolved is the staging folder renamed into place, so a failed
//! build leaves the previous site untouched.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use rayon::prelude::*;

use crate::html::{FRAGMENT_END, FRAGMENT_START};

mod check;
pub mod guard;
pub use check::check_links;
pub(crate) use check::{ids_and_links, resolve};

/// The files of a built site, by path from the site root, in a stable order.
pub type Files = BTreeMap<String, Bytes>;

/// Files whose every internal link and anchor resolves: the only files a build writes
/// ([`write_atomically`], and watch mode's writes).
#[derive(Debug)]
pub struct Checked(Files);

impl Checked {
    pub fn files(&self) -> &Files {
        &self.0
    }

    pub fn into_files(self) -> Files {
        self.0
    }
}

/// Checks every link and anchor of `files` ([`check_links`]).
pub fn check(files: Files, base: &str) -> Result<Checked> {
    let broken = check_links(&files, base);
    refuse_broken_links(files, &broken)
}

/// `files`, checked by a check that found `broken` (watch mode checks only what changed):
/// an error listing them if there are any.
pub fn refuse_broken_links(files: Files, broken: &[String]) -> Result<Checked> {
    if !broken.is_empty() {
        bail!(
            "{} broken link(s); nothing was written:\n{}",
            broken.len(),
            broken.join("\n")
        );
    }
    Ok(Checked(files))
}

/// A file's bytes, shared: watch mode hands the same bytes to every rebuild that does not
/// change the file, and comparing two `Bytes` that are the same allocation is instant.
pub type Bytes = std::sync::Arc<Vec<u8>>;

/// Minifies a page rendered with placeholders for its fragments (see
/// [`crate::html::placeholder`]) and puts `fragments` in their places. Only the page
/// around them is minified. A page whose placeholders do not all name a fragment (a
/// template that changed one) has its fragments put back first and is minified as
/// [`minify_html`] does.
pub fn minify_page(html: &str, fragments: &[String]) -> Vec<u8> {
    fn inner(f: &str) -> Option<&str> {
        f.strip_prefix(FRAGMENT_START)?.strip_suffix(FRAGMENT_END)
    }
    if let Some((chrome, holes)) = split_fragments(html) {
        let placed: Option<Vec<&str>> = (holes.iter())
            .map(|h| h.parse::<usize>().ok().and_then(|i| fragments.get(i)))
            .map(|f| f.and_then(|f| inner(f)))
            .collect();
        if let Some(placed) = placed {
            if let Some(page) = splice(&minify_whole(&chrome), &placed) {
                return page;
            }
        }
    }
    let mut whole = html.to_string();
    for (i, f) in fragments.iter().enumerate().rev() {
        whole = whole.replace(&crate::html::placeholder(i), f);
    }
    minify_html(&whole)
}

/// Minifies an HTML page. The fragments of ready HTML in it (see [`crate::site::blocks`])
/// are already minimal, and they are most of a page: minify-html sees the page with a
/// placeholder for each, and they are put back afterwards. A page whose fragment marks do
/// not pair up (a template that cut one) is minified whole, without the marks.
pub fn minify_html(html: &str) -> Vec<u8> {
    if let Some((chrome, fragments)) = split_fragments(html) {
        let min = minify_whole(&chrome);
        if let Some(page) = splice(&min, &fragments) {
            return page;
        }
    }
    let unmarked: String = html
        .chars()
        .filter(|c| !matches!(*c, FRAGMENT_START | FRAGMENT_END | HOLE))
        .collect();
    minify_whole(&unmarked)
}

fn minify_whole(html: &str) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_closing_tags = true;
    minify_html::minify(html.as_bytes(), &cfg)
}

/// Where a fragment was, in the page minify-html sees.
const HOLE: char = '\u{FDD2}';

/// The page with a [`HOLE`] for each fragment, and the fragments; `None` if the marks do not
/// pair up or the page has a hole already.
fn split_fragments(html: &str) -> Option<(String, Vec<&str>)> {
    if html.contains(HOLE) {
        return None;
    }
    let mut chrome = String::with_capacity(html.len().min(16 * 1024));
    let mut fragments = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find([FRAGMENT_START, FRAGMENT_END]) {
        if !rest[start..].starts_with(FRAGMENT_START) {
            return None;
        }
        chrome.push_str(&rest[..start]);
        let inner = &rest[start + FRAGMENT_START.len_utf8()..];
        let end = inner.find([FRAGMENT_START, FRAGMENT_END])?;
        if !inner[end..].starts_with(FRAGMENT_END) {
            return None;
        }
        fragments.push(&inner[..end]);
        chrome.push(HOLE);
        rest = &inner[end + FRAGMENT_END.len_utf8()..];
    }
    chrome.push_str(rest);
    Some((chrome, fragments))
}

/// The minified page with its holes filled; `None` if minify-html did not keep every hole.
fn splice(min: &[u8], fragments: &[&str]) -> Option<Vec<u8>> {
    let mut hole = [0u8; 4];
    let hole: &[u8] = HOLE.encode_utf8(&mut hole).as_bytes();
    let size = min.len() + fragments.iter().map(|f| f.len()).sum::<usize>();
    let mut out = Vec::with_capacity(size);
    let mut fragments = fragments.iter();
    let mut rest = min;
    // Fragments are blocks, so the space minify-html keeps beside a hole (it was text to
    // minify-html) is not the page's.
    while let Some(at) = rest.windows(hole.len()).position(|w| w == hole) {
        out.extend_from_slice(rest[..at].strip_suffix(b" ").unwrap_or(&rest[..at]));
        out.extend_from_slice(fragments.next()?.as_bytes());
        rest = &rest[at + hole.len()..];
        rest = rest.strip_prefix(b" ").unwrap_or(rest);
    }
    out.extend_from_slice(rest);
    fragments.next().is_none().then_some(out)
}

/// Minifies CSS and JS too, for the theme assets.
fn minify_code(html: &str) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    cfg.minify_js = true;
    minify_html::minify(html.as_bytes(), &cfg)
}

/// Minifies a stylesheet or script by passing it through minify-html as an inline block.
pub fn minify_asset(name: &str, text: &str) -> Vec<u8> {
    let (open, close) = if name.ends_with(".css") {
        ("<style>", "</style>")
    } else if name.ends_with(".js") {
        ("<script>", "</script>")
    } else {
        return text.as_bytes().to_vec();
    };
    let out = minify_code(&format!("{open}{text}{close}"));
    let s = String::from_utf8_lossy(&out);
    match (s.find(open), s.rfind(close)) {
        (Some(a), Some(b)) if b >= a + open.len() => s[a + open.len()..b].as_bytes().to_vec(),
        _ => text.as_bytes().to_vec(),
    }
}

/// Reads a built site from disk, for `gongwen check`.
pub fn read_site(dir: &Path) -> Result<Files> {
    let mut files = Files::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("{}: cannot list", dir.display()))?;
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        // The stamp says who made the folder; it is not a file of the site.
        if entry.file_type().is_file() && rel != Path::new(guard::STAMP) {
            let key = rel.to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(entry.path())
                .with_context(|| format!("{}: cannot read", entry.path().display()))?;
            files.insert(key, bytes.into());
        }
    }
    Ok(files)
}

/// Writes `files` into a staging folder beside `out` and swaps it into place. The folder
/// replaced is one a build made ([`guard::STAMP`]), an empty one, or, with `force`, any
/// folder the guard allowed ([`guard::check`]); leftovers of an interrupted build are removed
/// only when they carry the stamp.
pub fn write_atomically(out: &Path, files: &Checked, force: bool) -> Result<()> {
    let files = files.files();
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.staging"));
    let old = parent.join(format!(".{name}.old"));
    for leftover in [&staging, &old] {
        if std::fs::symlink_metadata(leftover).is_ok() {
            let is_dir = std::fs::symlink_metadata(leftover).is_ok_and(|m| m.is_dir());
            if !is_dir || !leftover.join(guard::STAMP).is_file() {
                bail!(
                    "{}: this is in the way of the build (it would stage the site there) and was not made by gongwen; move or remove it",
                    leftover.display()
                );
            }
            remove_tree(leftover)?;
        }
    }
    if out.is_dir() && !force && !guard::made_by_gongwen(out)? {
        bail!(
            "{}: not empty and not made by gongwen (no {}); nothing was written",
            out.display(),
            guard::STAMP
        );
    }
    let result = write_all(&staging, files);
    if let Err(e) = result {
        let _ = remove_tree(&staging);
        return Err(e);
    }
    if out.exists() {
        std::fs::rename(out, &old)
            .with_context(|| format!("{}: cannot move aside", out.display()))?;
    }
    if let Err(e) = std::fs::rename(&staging, out) {
        // Put the previous site back.
        if old.exists() {
            let _ = std::fs::rename(&old, out);
        }
        return Err(e).with_context(|| format!("{}: cannot move into place", out.display()));
    }
    if old.exists() {
        remove_tree(&old)?;
    }
    Ok(())
}

fn write_all(dir: &Path, files: &Files) -> Result<()> {
    if files.is_empty() {
        bail!("nothing to write");
    }
    // The stamp first: a staging folder left by an interrupted build is known as the build's.
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let stamp = dir.join(guard::STAMP);
    std::fs::write(&stamp, guard::STAMP_TEXT)
        .with_context(|| format!("{}: cannot write", stamp.display()))?;
    let files: Vec<(&String, &Bytes)> = files.iter().collect();
    write_files(dir, &files)
}

/// Writes `files` (path from `dir`, bytes) under `dir`, making their folders first, the
/// files in parallel.
pub(crate) fn write_files(dir: &Path, files: &[(&String, &Bytes)]) -> Result<()> {
    let folders: HashSet<&Path> = (files.iter())
        .filter_map(|(rel, _)| Path::new(rel.as_str()).parent())
        .collect();
    for folder in folders {
        let folder = dir.join(folder);
        std::fs::create_dir_all(&folder)
            .with_context(|| format!("{}: cannot create", folder.display()))?;
    }
    files.par_iter().try_for_each(|(rel, bytes)| {
        let path = dir.join(rel);
        std::fs::write(&path, bytes.as_slice())
            .with_context(|| format!("{}: cannot write", path.display()))
    })
}

/// Removes a folder tree, the files of each folder in parallel (deleting the previous output
/// is a large part of a rebuild's time on slow file systems).
fn remove_tree(dir: &Path) -> Result<()> {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.into_path())
        .collect();
    files.par_iter().for_each(|f| {
        let _ = std::fs::remove_file(f);
    });
    std::fs::remove_dir_all(dir).with_context(|| format!("{}: cannot remove", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> String {
        format!(
            "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<title>T</title>\n</head>\n<body>\n<main class=\"m\">\n{body}\n</main>\n</body>\n</html>\n"
        )
    }

    #[test]
    fn fragments_are_kept_as_they_are_and_the_page_around_them_is_minified() {
        let frag = "<p class=a id=x>一  二<a href=\"#x\">¶</a></p>";
        let html = page(&format!(
            "{FRAGMENT_START}{frag}{FRAGMENT_END}\n<p class=\"b\">end</p>"
        ));
        let out = String::from_utf8(minify_html(&html)).unwrap();
        assert_eq!(
            out,
            format!("<!doctype html><html lang=zh><head><title>T</title></head><body><main class=m>{frag}<p class=b>end</p></main></body></html>")
        );
        // The same page without marks, minified whole, differs only inside the fragment.
        let whole = String::from_utf8(minify_html(&page(frag))).unwrap();
        assert!(whole.contains("一 二"), "{whole}");
    }

    #[test]
    fn a_page_whose_marks_do_not_pair_up_is_minified_whole_without_them() {
        for html in [
            page(&format!("{FRAGMENT_START}<p>a</p>")),
            page(&format!("<p>a</p>{FRAGMENT_END}")),
            page(&format!(
                "{FRAGMENT_START}<p>{FRAGMENT_START}a</p>{FRAGMENT_END}"
            )),
            page(&format!("{FRAGMENT_START}<p>a</p>{FRAGMENT_END}{HOLE}")),
        ] {
            let out = String::from_utf8(minify_html(&html)).unwrap();
            assert!(out.contains("<main class=m><p>a</p>"), "{out}");
            assert!(!out.contains(['\u{FDD0}', '\u{FDD1}', '\u{FDD2}']), "{out}");
        }
    }

    #[test]
    fn placeholders_get_their_fragments_and_a_changed_placeholder_gets_the_whole_page_minified() {
        use crate::html::placeholder;
        let fragments = [
            format!("{FRAGMENT_START}<p id=a>一  二</p>{FRAGMENT_END}"),
            format!("{FRAGMENT_START}<nav>x</nav>{FRAGMENT_END}"),
        ];
        let html = page(&format!(
            "{}\n<p class=\"b\">end</p>\n{}",
            placeholder(1),
            placeholder(0)
        ));
        let out = String::from_utf8(minify_page(&html, &fragments)).unwrap();
        assert!(
            out.contains("<main class=m><nav>x</nav><p class=b>end</p><p id=a>一  二</p></main>"),
            "{out}"
        );
        // A template that cut a placeholder short: the page is minified whole.
        let cut = page(&format!("{FRAGMENT_START}1 <p>{}", placeholder(0)));
        let out = String::from_utf8(minify_page(&cut, &fragments)).unwrap();
        assert!(out.contains("1 <p><p id=a>一 二</p>"), "{out}");
        assert!(!out.contains(['\u{FDD0}', '\u{FDD1}', '\u{FDD2}']), "{out}");
    }
}
