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
/// Eight bytes are looked at together: a byte below `!` (every whitespace byte is) or a `>`
/// is found by arithmetic on the word, and only such a word is looked at byte by byte.
fn unquoted_end(after: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut words = after.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let w = u64::from_ne_bytes(word.try_into().unwrap_or_default());
        let gt = w ^ (ONES * u64::from(b'>'));
        // Flags bytes below 0x21, and zero bytes of `gt` (the `>`s). A word that has such a
        // byte is always flagged; a flagged word is read byte by byte, so a word flagged
        // for another reason costs only time.
        let low = w.wrapping_sub(ONES * 0x21) & !w & HIGHS;
        let is_gt = gt.wrapping_sub(ONES) & !gt & HIGHS;
        if low | is_gt != 0 {
            if let Some(i) = word.iter().position(|&c| ends_value(c)) {
                return at + i;
            }
        }
        at += 8;
    }
    let rest = words.remainder();
    at + rest
        .iter()
        .position(|&c| ends_value(c))
        .unwrap_or(rest.len())
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
mod tests {
    use super::*;

    #[test]
    fn anchor_tables_hold_what_was_put_in_and_nothing_else() {
        assert!(!Anchors::new(&[]).contains(1));
        for n in [1, 2, 3, 7, 100, 1000] {
            // Hashes as the check makes them, and neighbours that share low bits.
            let ins: Vec<u64> = (0..n)
                .map(|i| hash(format!("p{i}").as_bytes()).max(1))
                .chain((1..=n as u64).map(|i| i << 40))
                .collect();
            let table = Anchors::new(&ins);
            let used = |t: &Anchors| t.slots.iter().filter(|&&x| x != 0).count();
            assert_eq!(used(&table), ins.len());
            assert!(2 * used(&table) <= table.slots.len(), "at most half full");
            for &h in &ins {
                assert!(table.contains(h), "{n}: {h:x} missing");
            }
            for i in 0..n {
                let other = hash(format!("q{i}").as_bytes()).max(1);
                assert_eq!(
                    table.contains(other),
                    ins.contains(&other),
                    "{n}: {other:x}"
                );
            }
            // A hash put in twice takes one slot.
            let twice: Vec<u64> = ins.iter().chain(&ins).copied().collect();
            assert_eq!(used(&Anchors::new(&twice)), used(&table));
        }
    }

    fn site(pages: &[(&str, &str)]) -> Files {
        (pages.iter())
            .map(|(p, h)| (p.to_string(), h.as_bytes().to_vec().into()))
            .collect()
    }

    #[test]
    fn names_each_broken_link_once_per_page() {
        let files = site(&[
            (
                "index.html",
                r##"<p id=top><a href=a/#x>1</a><a href=a/#x>2</a><a href="#top">t</a>"##,
            ),
            (
                "a/index.html",
                r#"<p id=y><a href=../#top>1</a><a href=../#gone>2</a><a href="s.css">"#,
            ),
            ("a/s.css", "p{}"),
        ]);
        assert_eq!(
            check_links(&files, "/"),
            [
                "a/index.html: link \"../#gone\": index.html has no anchor #gone",
                "index.html: link \"a/#x\": a/index.html has no anchor #x",
            ]
        );
    }

    #[test]
    fn links_of_pages_of_one_depth_in_other_folders_are_checked_for_each() {
        // The same link text from pages of one depth: `../../x/` and `../../#t` name one
        // file from both (and are kept from page to page), `../c/` and `d/` name a file of
        // each page's own folder, which only one of them has.
        let files = site(&[
            ("index.html", "<p id=t>"),
            ("x/index.html", "<p id=u>"),
            ("a/b/index.html", "<a href=../../x/#u>1</a><a href=../c/>2</a><a href=d/>3</a><a href=../../#t>4</a>"),
            ("a/b/d/index.html", "<p>"),
            ("a/c/index.html", "<p>"),
            ("e/f/index.html", "<a href=../../x/#u>1</a><a href=../c/>2</a><a href=d/>3</a><a href=../../#t>4</a><a href=../../x/#v>5</a>"),
        ]);
        // Page by page in order, keeping what one thread keeps, and as the check runs.
        let checker = Checker::new(&files, "/");
        let mut kept = Kept::default();
        let in_order: Vec<String> = (0..checker.pages.len())
            .flat_map(|i| checker.page(&mut kept, i))
            .collect();
        assert_eq!(in_order, check_links(&files, "/"));
        assert_eq!(
            in_order,
            [
                "e/f/index.html: link \"../c/\": no such file e/c/index.html",
                "e/f/index.html: link \"d/\": no such file e/f/d/index.html",
                "e/f/index.html: link \"../../x/#v\": x/index.html has no anchor #v",
            ]
        );
    }

    #[test]
    fn a_file_that_is_not_a_page_has_no_anchors_and_outside_links_are_not_checked() {
        let files = site(&[
            (
                "index.html",
                r#"<a href=s.css>s</a><a href=s.css#x>x</a><a href=https://example.org/#y>y</a><a href=a&amp;b/>e</a>"#,
            ),
            ("s.css", "p{}"),
            ("a&b/index.html", "<p>"),
        ]);
        assert_eq!(
            check_links(&files, "/"),
            ["index.html: link \"s.css#x\": s.css has no anchor #x"]
        );
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
                let mut file = String::new();
                let dirs = ancestors(dir);
                let climbs = resolve_relative(&dirs, link, &mut file);
                let expected = resolve(page, link, "/repo/").map(|r| r.0);
                assert_eq!(
                    climbs.map(|_| &file),
                    expected.as_ref(),
                    "{link} from {page}"
                );
                // A link that climbs out of the page's depth names the same file from
                // every page of that depth (the check keeps those from page to page).
                if climbs.is_some_and(|up| up >= dirs.len() - 1) {
                    let other = format!("{}index.html", "z/".repeat(dirs.len() - 1));
                    assert_eq!(
                        resolve(&other, link, "/repo/").map(|r| r.0),
                        expected,
                        "{link} from {page} and from {other}"
                    );
                }
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
            "..",
            "..//x",
            ".//x",
            "../a/./b",
            "../a/../b/",
            "a/.",
            "a/..",
            "x:y",
            "../x?y",
        ] {
            assert!(
                resolve_relative(&ancestors("a"), odd, &mut String::new()).is_none(),
                "{odd}"
            );
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

    #[test]
    fn an_unquoted_value_ends_where_the_first_space_or_bracket_is() {
        // Every place in a word of eight and past it, every byte that ends a value and some
        // that do not (including those the word arithmetic flags: control bytes, UTF-8).
        let enders = [b' ', b'\t', b'\n', b'\x0C', b'\r', b'>'];
        let others = [
            b'a', b'#', b'=', b'\x01', b'\x1F', b'!', b'?', b'=', 0x80, 0xE4, 0xFF,
        ];
        for len in 0..20 {
            for fill in others {
                let mut bytes = vec![fill; len];
                assert_eq!(unquoted_end(&bytes), len, "{bytes:?}");
                for at in 0..len {
                    for end in enders {
                        bytes[at] = end;
                        let want = bytes.iter().position(|&c| ends_value(c)).unwrap();
                        assert_eq!(unquoted_end(&bytes), want, "{bytes:?}");
                        assert_eq!(want, at);
                        bytes[at] = fill;
                    }
                }
            }
        }
    }

    #[test]
    fn reads_only_attributes_of_tags() {
        let html = "<a data-href=x href=y>a=b id= src=x <p\tid=t class=c id=z>";
        assert_eq!(ids_and_links(html), (vec!["t", "z"], vec!["y"]));
        let html = "<!-- <a href=c> --><script>if(a<b)x.src=q</script><p title=\"a > src=x\" id=p>";
        assert_eq!(ids_and_links(html), (vec!["p"], vec![]));
        // A page that ends inside a comment ends the reading there.
        assert_eq!(
            ids_and_links("<a href=x><!-- <b id=y>"),
            (vec![], vec!["x"])
        );
    }
}
