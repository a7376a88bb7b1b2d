//! The link check: every internal link (`href`, `src`, `action`) of every HTML page must name
//! a file of the site, and its `#anchor` an `id` on that page. A build that fails it writes
//! nothing.
//!
//! It reads the pages as they will be written, not the data they were made from, so a
//! template's links are checked too. A large site has millions of links (every term link,
//! every passage of every term and subject list), so it is built for speed:
//! - Each page is read once, on the bytes, looking only at the attributes that follow `=`.
//! - While a page is being read, each anchor and each link's target and fragment are hashed
//!   (64 bits); checking a link then compares numbers, without reading the page it names.
//!   A broken link could pass only if its anchor's hash equalled that of an anchor on the
//!   page it names: about one chance in 10^15 for a page of ten thousand anchors.
//! - A link that fails is checked again the slow, exact way, which also words the error.

use std::hash::BuildHasher;

use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use super::Files;

/// What a page's attribute is, for the check.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Attr {
    Id,
    Link,
}

/// Calls `each` with every `id`, `href`, `src` and `action` value of an HTML text, in order.
/// Only attributes of tags count: text that looks like one (` src=x` in a paragraph), the
/// insides of comments, scripts and styles are skipped. Quoted and unquoted values are read.
fn attributes<'h>(html: &'h [u8], mut each: impl FnMut(Attr, &'h [u8])) {
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'<', &html[at..]) {
        let start = at + i + 1;
        let rest = &html[start..];
        if rest.starts_with(b"!--") {
            at = match memchr::memmem::find(&rest[3..], b"-->") {
                Some(end) => start + 3 + end + 3,
                None => return,
            };
            continue;
        }
        let name_len = rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            // `</x>`, `<!doctype>` or a `<` of text: no attributes to read.
            at = start;
            continue;
        }
        let Some(used) = tag_attributes(&rest[name_len..], &mut each) else {
            return;
        };
        at = start + name_len + used;
        let name = &rest[..name_len];
        for raw in [&b"script"[..], b"style"] {
            if name.eq_ignore_ascii_case(raw) {
                // Their text is not HTML: skip to the closing tag.
                let close = if raw == b"script" {
                    &b"</script"[..]
                } else {
                    b"</style"
                };
                at = memchr::memmem::find(&html[at..], close).map_or(html.len(), |end| at + end);
            }
        }
    }
}

/// Reads the attributes of one tag, from after its name up to and including its `>`,
/// calling `each` for the ones that count; the bytes read, or None for a tag cut short.
fn tag_attributes<'h>(tag: &'h [u8], each: &mut impl FnMut(Attr, &'h [u8])) -> Option<usize> {
    let mut at = 0;
    loop {
        while at < tag.len() && (tag[at].is_ascii_whitespace() || tag[at] == b'/') {
            at += 1;
        }
        if *tag.get(at)? == b'>' {
            return Some(at + 1);
        }
        let name_start = at;
        while at < tag.len()
            && !matches!(tag[at], b'=' | b'>' | b'/')
            && !tag[at].is_ascii_whitespace()
        {
            at += 1;
        }
        let name = &tag[name_start..at];
        if tag.get(at) != Some(&b'=') {
            continue;
        }
        let (value, used) = attr_value(&tag[at + 1..])?;
        at += 1 + used;
        match name {
            b"id" => each(Attr::Id, value),
            b"href" | b"src" | b"action" => each(Attr::Link, value),
            _ => {}
        }
    }
}

/// The anchors (`id` values) and the links (`href`, `src` and `action` values) of an HTML
/// text, in one pass.
pub(crate) fn ids_and_links(html: &str) -> (Vec<&str>, Vec<&str>) {
    let (mut ids, mut links) = (Vec::new(), Vec::new());
    attributes(html.as_bytes(), |attr, value| {
        // Values end at ASCII bytes, so they are whole characters of the text.
        let value = std::str::from_utf8(value).unwrap_or_default();
        match attr {
            Attr::Id => ids.push(value),
            Attr::Link => links.push(value),
        }
    });
    (ids, links)
}

/// The value at the start of `after` (what follows `name=`), quoted or not, and the bytes
/// it takes; None for an unclosed quote.
fn attr_value(after: &[u8]) -> Option<(&[u8], usize)> {
    match after.first() {
        Some(&q @ (b'"' | b'\'')) => {
            memchr::memchr(q, &after[1..]).map(|end| (&after[1..1 + end], end + 2))
        }
        _ => {
            let end = unquoted_end(after);
            Some((&after[..end], end))
        }
    }
}

/// Whether `c` ends an unquoted attribute value: ASCII whitespace or `>`.
fn ends_value(c: u8) -> bool {
    c.is_ascii_whitespace() || c == b'>'
}

/// Where an unquoted attribute value at the start of `after` ends (see [`ends_value`]).
fn unquoted_end(after: &[u8]) -> usize {
    after
        .iter()
        .position(|&c| ends_value(c))
        .unwrap_or(after.len())
}

/// A page's folder (`doc/art2`, empty at the root) and each folder above it, up to the root:
/// where `../` leads, by how many times it is repeated.
fn ancestors(dir: &str) -> Vec<&str> {
    let mut out = vec![dir];
    let mut at = dir;
    while !at.is_empty() {
        at = &at[..at.rfind('/').unwrap_or(0)];
        out.push(at);
    }
    out
}

/// Writes to `file` the file a plain relative link (`../../glossary/x/`, `a.json`; no
/// entity, query or scheme) names from a page whose folder's [`ancestors`] are `dirs`: what
/// [`resolve`] gives, without its allocations. Returns how many folders the link climbs
/// (its `../`s); None when the link is not that plain.
///
/// A link that climbs at least as many folders as the page is deep names the same file
/// from every page of that depth: the check resolves it once for all of them.
fn resolve_relative(dirs: &[&str], target: &str, file: &mut String) -> Option<usize> {
    // One byte loop: a list page resolves hundreds of targets, each once.
    if target.starts_with('/') {
        return None;
    }
    let mut rest = target;
    let mut up = 0;
    loop {
        if let Some(r) = rest.strip_prefix("../") {
            up += 1;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("./") {
            rest = r;
        } else {
            break;
        }
    }
    // The rest: no scheme, query or entity, no `//` (counting the `/` before it, if a
    // prefix was taken off), no `.` or `..` segment.
    let bytes = rest.as_bytes();
    let dots = |segment: &[u8]| matches!(segment, b"." | b"..");
    let mut prev = if rest.len() < target.len() { b'/' } else { 0 };
    let mut segment = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b':' | b'?' | b'&') {
            return None;
        }
        if b == b'/' {
            if prev == b'/' || dots(&bytes[segment..i]) {
                return None;
            }
            segment = i + 1;
        }
        prev = b;
    }
    if dots(&bytes[segment..]) {
        return None;
    }
    file.clear();
    file.push_str(dirs.get(up).copied().unwrap_or_default());
    if !file.is_empty() {
        file.push('/');
    }
    file.push_str(rest);
    if file.is_empty() || file.ends_with('/') {
        file.push_str("index.html");
    }
    Some(up)
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

/// The 64-bit hash anchors and link targets are compared by.
fn hash(bytes: &[u8]) -> u64 {
    FxBuildHasher.hash_one(bytes)
}

/// A link as read from its page: 24 bytes, as a large site has millions.
struct Link {
    /// Where its value is in the page, and its length; the top bit of `len` says the value
    /// has a character reference (`&…;`), so its text is not its value.
    at: u32,
    len: u32,
    /// The hash of the part before `#` (of nothing for a link within the page).
    target: u64,
    /// The hash of the part after `#`; [`NO_FRAGMENT`] if it is empty.
    fragment: u64,
}

const NO_FRAGMENT: u64 = 0;
const REFERENCE: u32 = 1 << 31;

/// The hashes of a page's anchors (never 0), in an open-addressing table: a power-of-two
/// number of slots, at most half of them used, 0 for an empty one, each hash at the first
/// free slot from its home slot on. Checking a link into another page touches one slot,
/// where a hash set reads its control bytes first: a large site has hundreds of thousands
/// of such links, each a likely cache miss.
#[derive(Default)]
struct Anchors {
    slots: Vec<u64>,
}

impl Anchors {
    fn new(hashes: &[u64]) -> Anchors {
        if hashes.is_empty() {
            return Anchors::default();
        }
        let mut table = Anchors {
            slots: vec![0; (hashes.len() * 2).next_power_of_two()],
        };
        for &h in hashes {
            let i = table.find(h);
            table.slots[i] = h;
        }
        table
    }

    /// The slot holding `h`, or the empty one where it would go.
    fn find(&self, h: u64) -> usize {
        let mask = self.slots.len() - 1;
        // The high bits of a multiplication mix every bit of the hash.
        let mut i = (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask;
        while self.slots[i] != 0 && self.slots[i] != h {
            i = (i + 1) & mask;
        }
        i
    }

    fn contains(&self, h: u64) -> bool {
        !self.slots.is_empty() && self.slots[self.find(h)] == h
    }
}

/// What one page holds: the hashes of its anchors, and its links.
struct Read {
    ids: Anchors,
    links: Vec<Link>,
}

fn read(html: &[u8]) -> Read {
    let mut ids = Vec::new();
    let mut links = Vec::with_capacity(html.len() / 128);
    attributes(html, |attr, value| match attr {
        Attr::Id => {
            ids.push(hash(value).max(1));
        }
        Attr::Link => {
            let (target, fragment) = match memchr::memchr(b'#', value) {
                Some(i) => (&value[..i], &value[i + 1..]),
                None => (value, &value[value.len()..]),
            };
            let at = value.as_ptr() as usize - html.as_ptr() as usize;
            let (Ok(at), Ok(len)) = (u32::try_from(at), u32::try_from(value.len())) else {
                return;
            };
            let reference = memchr::memchr(b'&', value).map_or(0, |_| REFERENCE);
            links.push(Link {
                at,
                len: len | reference,
                target: hash(target),
                fragment: match fragment {
                    [] => NO_FRAGMENT,
                    f => hash(f).max(1),
                },
            });
        }
    });
    Read {
        ids: Anchors::new(&ids),
        links,
    }
}

/// What a link's target (the part before `#`) names.
#[derive(Clone, Copy)]
enum Target {
    /// A page of the site, by its place among the pages.
    Page(usize),
    /// Another file of the site.
    File,
    /// Nothing in the site.
    Missing,
    /// Something outside the site (another scheme or host).
    Outside,
}

/// Checks every internal link and `#anchor` of every HTML file. Returns one line per broken
/// link (once per page and link): `page: link "href": why`.
pub fn check_links(files: &Files, base: &str) -> Vec<String> {
    let checker = Checker::new(files, base);
    (0..checker.pages.len())
        .into_par_iter()
        .map_init(Kept::default, |kept, i| checker.page(kept, i))
        .flatten_iter()
        .collect()
}

/// The site as the check sees it: its pages, read, and every file by the hash of its path.
struct Checker<'f> {
    files: &'f Files,
    base: &'f str,
    pages: Vec<(&'f str, &'f [u8])>,
    read: Vec<Read>,
    /// Every file by the hash of its path: a page by its place among the pages.
    known: FxHashMap<u64, Target>,
}

/// What a thread keeps from page to page.
#[derive(Default)]
struct Kept {
    /// What the links of the page being checked name, by the hash of their target: a page
    /// names the same few pages many times, and each is resolved once. Cleared for each
    /// page, kept for its memory (a list page names hundreds).
    targets: FxHashMap<u64, Target>,
    /// What links that climb to the root name (`../../glossary/x/` from a page two folders
    /// deep), by the hash of the link mixed with the depth: such a link names the same file
    /// from every page of that depth, so it is resolved once for all of them.
    climbing: FxHashMap<u64, Target>,
    /// A buffer for a resolved path.
    file: String,
}

impl<'f> Checker<'f> {
    fn new(files: &'f Files, base: &'f str) -> Checker<'f> {
        let pages: Vec<(&str, &[u8])> = (files.iter())
            .filter(|(p, _)| p.ends_with(".html"))
            .map(|(p, bytes)| (p.as_str(), bytes.as_slice()))
            .collect();
        let mut known: FxHashMap<u64, Target> = (files.keys())
            .map(|f| (hash(f.as_bytes()), Target::File))
            .collect();
        for (i, (p, _)) in pages.iter().enumerate() {
            known.insert(hash(p.as_bytes()), Target::Page(i));
        }
        let read = pages.par_iter().map(|(_, html)| read(html)).collect();
        Checker {
            files,
            base,
            pages,
            read,
            known,
        }
    }

    fn has_anchor(&self, file: &str, fragment: &str) -> bool {
        match self.known.get(&hash(file.as_bytes())) {
            Some(&Target::Page(i)) => self.read[i].ids.contains(hash(fragment.as_bytes()).max(1)),
            _ => false,
        }
    }

    /// The broken links of page `i`.
    fn page(&self, kept: &mut Kept, i: usize) -> Vec<String> {
        let Kept {
            targets,
            climbing,
            file,
        } = kept;
        targets.clear();
        let (path, html) = self.pages[i];
        let dirs = ancestors(path.rsplit_once('/').map_or("", |(d, _)| d));
        let depth = dirs.len() - 1;
        let by_depth = (depth as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let href_bytes = |link: &Link| {
            let at = link.at as usize;
            &html[at..at + (link.len & !REFERENCE) as usize]
        };
        let href = |link: &Link| std::str::from_utf8(href_bytes(link)).unwrap_or_default();
        let mut broken = Vec::new();
        let mut reported: FxHashSet<&str> = FxHashSet::default();
        for link in &self.read[i].links {
            if link.len & REFERENCE == 0 {
                let named = if html.get(link.at as usize) == Some(&b'#') {
                    Target::Page(i)
                } else {
                    *targets.entry(link.target).or_insert_with(|| {
                        let key = link.target ^ by_depth;
                        if let Some(&named) = climbing.get(&key) {
                            return named;
                        }
                        let value = href_bytes(link);
                        let end = memchr::memchr(b'#', value).unwrap_or(value.len());
                        let target = std::str::from_utf8(&value[..end]).unwrap_or_default();
                        file.clear();
                        let climbs = resolve_relative(&dirs, target, file);
                        if climbs.is_none() {
                            match resolve(path, target, self.base) {
                                Some((f, _)) => *file = f,
                                None => return Target::Outside,
                            }
                        }
                        let named = (self.known.get(&hash(file.as_bytes())).copied())
                            .unwrap_or(Target::Missing);
                        if climbs.is_some_and(|up| up >= depth) {
                            climbing.insert(key, named);
                        }
                        named
                    })
                };
                let ok = match (named, link.fragment) {
                    (Target::Outside, _) => true,
                    (Target::Page(_) | Target::File, NO_FRAGMENT) => true,
                    (Target::Page(p), f) => self.read[p].ids.contains(f),
                    (Target::File | Target::Missing, _) => false,
                };
                if ok {
                    continue;
                }
            }
            // The slow path, which also words the error.
            let href = href(link);
            if !reported.insert(href) {
                continue;
            }
            let Some((file, fragment)) = resolve(path, href, self.base) else {
                continue;
            };
            if !self.files.contains_key(&file) {
                broken.push(format!("{path}: link \"{href}\": no such file {file}"));
            } else if !fragment.is_empty() && !self.has_anchor(&file, &fragment) {
                broken.push(format!(
                    "{path}: link \"{href}\": {file} has no anchor #{fragment}"
                ));
            }
        }
        broken
    }
}

#[cfg(test)]
mod tests;
