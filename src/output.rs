//! Output: minification, the link check, and the atomic swap into `public/`.
//!
//! Files are written to a staging folder beside the output folder; only when every page
//! rendered and every link resolved is the staging folder renamed into place, so a failed
//! build leaves the previous site untouched.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::site::blocks::{FRAGMENT_END, FRAGMENT_START};

/// The files of a built site, by path from the site root, in a stable order.
pub type Files = BTreeMap<String, Bytes>;

/// A file's bytes, shared: watch mode hands the same bytes to every rebuild that does not
/// change the file, and comparing two `Bytes` that are the same allocation is instant.
pub type Bytes = std::sync::Arc<Vec<u8>>;

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

/// A short content hash for cache-busting asset names (FNV-1a, 64 bits).
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:08x}", (fnv1a64(bytes.iter().copied()) >> 32) as u32)
}

/// FNV-1a, 64 bits: content hashes and translation fingerprints, which are written out and
/// must stay the same from version to version.
pub fn fnv1a64(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The anchors (`id` values) and the links (`href`, `src` and `action` values) of an HTML
/// text, in one pass.
pub(crate) fn ids_and_links(html: &str) -> (Vec<&str>, Vec<&str>) {
    static NEEDLES: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let ac = NEEDLES.get_or_init(|| {
        aho_corasick::AhoCorasick::new([" id=", " href=", " src=", " action="])
            .expect("four plain needles compile")
    });
    let (mut ids, mut links) = (Vec::new(), Vec::new());
    let mut at = 0;
    while let Some(m) = ac.find(aho_corasick::Input::new(html).span(at..html.len())) {
        let Some((value, used)) = attr_value(&html[m.end()..]) else {
            break;
        };
        if m.pattern().as_usize() == 0 {
            ids.push(value);
        } else {
            links.push(value);
        }
        at = m.end() + used;
    }
    (ids, links)
}

/// The value at the start of `after` (what follows `name=`), quoted or not, and the bytes
/// it takes; None for an unclosed quote.
fn attr_value(after: &str) -> Option<(&str, usize)> {
    match after.chars().next() {
        Some(q @ ('"' | '\'')) => after[1..].find(q).map(|end| (&after[1..1 + end], end + 2)),
        _ => {
            let end = after
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(after.len());
            Some((&after[..end], end))
        }
    }
}

/// The file a plain relative link (`../../glossary/x/`, `a.json`; no entity, query or
/// scheme) names from a page in folder `dir` (`doc/art2`, empty at the root): what
/// [`resolve`] gives, without its allocations. None when the link is not that plain.
fn resolve_relative(dir: &str, target: &str) -> Option<String> {
    if target.starts_with('/') || target.contains([':', '?', '&']) || target.contains("//") {
        return None;
    }
    let mut file = dir.to_string();
    let mut rest = target;
    loop {
        if let Some(r) = rest.strip_prefix("../") {
            file.truncate(file.rfind('/').unwrap_or(0));
            rest = r;
        } else if let Some(r) = rest.strip_prefix("./") {
            rest = r;
        } else {
            break;
        }
    }
    if rest.split('/').any(|p| p == "." || p == "..") {
        return None;
    }
    if !file.is_empty() {
        file.push('/');
    }
    file.push_str(rest);
    if file.is_empty() || file.ends_with('/') {
        file.push_str("index.html");
    }
    Some(file)
}

/// Resolves `href` (relative, root-relative under `base`, or a fragment) against the page at
/// `page` (a file path from the site root). Returns the target file and fragment, or None
/// for external links.
pub(crate) fn resolve(page: &str, href: &str, base: &str) -> Option<(String, String)> {
    let href = decode_entities(href);
    if href.contains("://")
        || href.starts_with("mailto:")
        || href.starts_with("//")
        || href.starts_with("data:")
    {
        return None;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p.to_string(), f.to_string()),
        None => (href.clone(), String::new()),
    };
    let path = path.split('?').next().unwrap_or("").to_string();
    let mut parts: Vec<&str> = if let Some(abs) = path.strip_prefix(base) {
        abs.split('/').collect()
    } else if path.starts_with('/') {
        // A root-relative link outside the base path cannot resolve inside the site.
        return Some((format!("(outside {base}){path}"), fragment));
    } else if path.is_empty() {
        return Some((page.to_string(), fragment));
    } else {
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        let mut v: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
        v.extend(path.split('/'));
        v
    };
    let mut stack: Vec<&str> = Vec::new();
    let last_empty = parts
        .last()
        .is_some_and(|p| p.is_empty() || *p == "." || *p == "..");
    for p in parts.drain(..) {
        match p {
            "" | "." => {}
            ".." => {
                stack.pop();
            }
            s => stack.push(s),
        }
    }
    let mut file = stack.join("/");
    if last_empty || file.is_empty() {
        if !file.is_empty() {
            file.push('/');
        }
        file.push_str("index.html");
    }
    Some((file, fragment))
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&#x2F;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Checks every internal link and `#anchor` of every HTML file. Returns one line per broken
/// link: `page: link "href": why`.
pub fn check_links(files: &Files, base: &str) -> Vec<String> {
    let pages: Vec<(&String, &Bytes)> =
        files.iter().filter(|(p, _)| p.ends_with(".html")).collect();
    let scanned: Vec<(&str, FxHashSet<&str>, Vec<&str>)> = pages
        .par_iter()
        .filter_map(|(path, bytes)| {
            let html = std::str::from_utf8(bytes).ok()?;
            let (ids, links) = ids_and_links(html);
            Some((path.as_str(), ids.into_iter().collect(), links))
        })
        .collect();
    let ids: FxHashMap<&str, &FxHashSet<&str>> =
        scanned.iter().map(|(path, ids, _)| (*path, ids)).collect();
    scanned
        .par_iter()
        .flat_map_iter(|(path, _, links)| {
            // A page links to the same places many times (a term, its own clauses, the
            // clauses of one other page): each link is checked once, and each page it
            // names is resolved once.
            let mut seen: FxHashSet<&str> = FxHashSet::default();
            let mut targets: FxHashMap<&str, Option<String>> = FxHashMap::default();
            let mut broken = Vec::new();
            for &href in links {
                if !seen.insert(href) {
                    continue;
                }
                if !href.contains('&') {
                    let (target, fragment) = href.split_once('#').unwrap_or((href, ""));
                    let file: Option<&str> = if target.is_empty() {
                        Some(path)
                    } else {
                        targets
                            .entry(target)
                            .or_insert_with(|| {
                                let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
                                resolve_relative(dir, target)
                                    .or_else(|| resolve(path, target, base).map(|(f, _)| f))
                            })
                            .as_deref()
                    };
                    // A page's anchors say it exists; other files are looked up.
                    let ok = file.is_none_or(|file| match ids.get(file) {
                        Some(anchors) => fragment.is_empty() || anchors.contains(fragment),
                        None => fragment.is_empty() && files.contains_key(file),
                    });
                    if ok {
                        continue;
                    }
                }
                // The slow path, which also words the error.
                let Some((file, fragment)) = resolve(path, href, base) else {
                    continue;
                };
                if !files.contains_key(&file) {
                    broken.push(format!("{path}: link \"{href}\": no such file {file}"));
                } else if !fragment.is_empty()
                    && !ids
                        .get(file.as_str())
                        .is_some_and(|s| s.contains(fragment.as_str()))
                {
                    broken.push(format!(
                        "{path}: link \"{href}\": {file} has no anchor #{fragment}"
                    ));
                }
            }
            broken
        })
        .collect()
}

/// Reads a built site from disk, for `gongwen check`.
pub fn read_site(dir: &Path) -> Result<Files> {
    let mut files = Files::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("{}: cannot list", dir.display()))?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let key = rel.to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(entry.path())
                .with_context(|| format!("{}: cannot read", entry.path().display()))?;
            files.insert(key, bytes.into());
        }
    }
    Ok(files)
}

/// Writes `files` into a staging folder beside `out` and swaps it into place.
pub fn write_atomically(out: &Path, files: &Files) -> Result<()> {
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
        if leftover.exists() {
            std::fs::remove_dir_all(leftover)
                .with_context(|| format!("{}: cannot remove", leftover.display()))?;
        }
    }
    let result = write_all(&staging, files);
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&staging);
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
    let mut made: HashSet<PathBuf> = HashSet::new();
    for rel in files.keys() {
        if let Some(p) = dir.join(rel).parent() {
            if made.insert(p.to_path_buf()) {
                std::fs::create_dir_all(p)
                    .with_context(|| format!("{}: cannot create", p.display()))?;
            }
        }
    }
    files.par_iter().try_for_each(|(rel, bytes)| {
        let path = dir.join(rel);
        std::fs::write(&path, bytes.as_slice())
            .with_context(|| format!("{}: cannot write", path.display()))
    })?;
    if files.is_empty() {
        bail!("nothing to write");
    }
    Ok(())
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
    fn resolves_plain_relative_links_as_the_full_resolver_does() {
        let pages = [
            "index.html",
            "a/index.html",
            "a/b/index.html",
            "en/a/b/c/index.html",
        ];
        let links = [
            "../",
            "../../",
            "../../../",
            "./",
            "x/",
            "../x/",
            "../../x/y/",
            "a.json",
            "../assets/s.css",
            "x/2/",
            "../../../../../../x/",
        ];
        for page in pages {
            for link in links {
                let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
                assert_eq!(
                    resolve_relative(dir, link),
                    resolve(page, link, "/repo/").map(|r| r.0),
                    "{link} from {page}"
                );
            }
        }
        for odd in [
            "/repo/x/",
            "https://x/",
            "a?b",
            "a&amp;b",
            "a/../b",
            "a//b",
            ".",
        ] {
            assert_eq!(resolve_relative("a", odd), None, "{odd}");
        }
    }

    #[test]
    fn resolves_relative_and_base_links() {
        let r = |page, href| resolve(page, href, "/repo/");
        assert_eq!(
            r("a/b/index.html", "../c/#x"),
            Some(("a/c/index.html".into(), "x".into()))
        );
        assert_eq!(
            r("index.html", "./"),
            Some(("index.html".into(), String::new()))
        );
        assert_eq!(
            r("a/index.html", "#p1"),
            Some(("a/index.html".into(), "p1".into()))
        );
        assert_eq!(
            r("404.html", "/repo/assets/s.css"),
            Some(("assets/s.css".into(), String::new()))
        );
        assert_eq!(
            r("404.html", "/repo/"),
            Some(("index.html".into(), String::new()))
        );
        assert_eq!(r("x.html", "https://example.org/"), None);
    }

    #[test]
    fn reads_quoted_and_unquoted_attributes() {
        let html = r#"<a href="../x/#a b">x</a><p id=p1 class=c><a href=y/>"#;
        let html = format!("{html}<form action=s/><img src='i.svg'><b id=\"q\">");
        assert_eq!(
            ids_and_links(&html),
            (vec!["p1", "q"], vec!["../x/#a b", "y/", "s/", "i.svg"])
        );
    }
}
