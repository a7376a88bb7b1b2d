//! Escaping text for HTML, fast on Chinese text: content and double-quoted attributes, and
//! the fragment marks (see [`super::blocks`]) a text might carry, written as references.

/// A table that is true at each of `bytes`.
pub(super) const fn byte_table(bytes: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut k = 0;
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
}

/// Whether [`escape_into`] changes `s`: whether it has one of `&<>"'` or a fragment mark.
/// Vectorised searches, so a long text is looked at a few dozen bytes at a time.
pub fn needs_escaping(s: &str) -> bool {
    let bytes = s.as_bytes();
    memchr::memchr3(b'&', b'<', b'>', bytes).is_some()
        || memchr::memchr2(b'"', b'\'', bytes).is_some()
        || (MARK_LEAD.find_iter(bytes)).any(|i| matches!(bytes.get(i + 2), Some(0x90..=0x92)))
}

/// Escapes text for HTML content and double-quoted attributes; the fragment marks, should a
/// text carry them, become character references.
pub fn escape_into(out: &mut String, s: &str) {
    out.reserve(s.len());
    let bytes = s.as_bytes();
    let mut plain = 0;
    if bytes.len() <= SHORT {
        // A short text (a name, a title, the piece of a passage between two links) is
        // looked at byte by byte: setting up the vectorised searches costs more.
        let mut i = 0;
        while i < bytes.len() {
            if !MAY_ESCAPE[bytes[i] as usize] {
                i += 1;
                continue;
            }
            match escaped_at(bytes, i) {
                ("", _) => i += 1,
                (escaped, width) => {
                    out.push_str(&s[plain..i]);
                    out.push_str(escaped);
                    i += width;
                    plain = i;
                }
            }
        }
        out.push_str(&s[plain..]);
        return;
    }
    // Two vectorised searches find the bytes that may need escaping, each kept until it is
    // passed: most text has none. Chinese text has an EF (a full-width comma) every few
    // dozen bytes, which is a mark only when B7 90..92 follow: EFs are looked for only in
    // a text that has an EF B7 at all (one more vectorised search, which seldom finds one).
    let marks = MARK_LEAD.find(bytes).is_some();
    let find_a = |from: usize| memchr::memchr3(b'&', b'<', b'>', &bytes[from..]).map(|i| i + from);
    let find_b = |from: usize| {
        let rest = &bytes[from..];
        match marks {
            true => memchr::memchr3(b'"', b'\'', 0xEF, rest),
            false => memchr::memchr2(b'"', b'\'', rest),
        }
        .map(|i| i + from)
    };
    let (mut a, mut b) = (find_a(0), find_b(0));
    loop {
        let i = match (a, b) {
            (Some(x), Some(y)) => x.min(y),
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => break,
        };
        let (escaped, width) = escaped_at(bytes, i);
        let next = i + width.max(1);
        if width > 0 {
            out.push_str(&s[plain..i]);
            out.push_str(escaped);
            plain = next;
        }
        if a.is_some_and(|x| x < next) {
            a = find_a(next);
        }
        if b.is_some_and(|x| x < next) {
            b = find_b(next);
        }
    }
    out.push_str(&s[plain..]);
}

/// Texts up to this many bytes are escaped without the vectorised searches.
const SHORT: usize = 32;

/// The bytes [`escaped_at`] may escape: `&<>"'`, and EF, which leads the fragment marks.
static MAY_ESCAPE: [bool; 256] = byte_table(b"&<>\"'\xEF");

/// The first two bytes of the fragment marks, EF B7, made into a searcher once.
static MARK_LEAD: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"\xEF\xB7"));

/// The reference that the character at byte `i` of `bytes` is escaped as, and its width in
/// bytes; `("", 0)` for a character written as it is.
fn escaped_at(bytes: &[u8], i: usize) -> (&'static str, usize) {
    match bytes[i] {
        b'&' => ("&amp;", 1),
        b'<' => ("&lt;", 1),
        b'>' => ("&gt;", 1),
        b'"' => ("&quot;", 1),
        b'\'' => ("&#39;", 1),
        // U+FDD0..U+FDD2 are EF B7 90..92 in UTF-8.
        0xEF => match bytes.get(i + 1..i + 3) {
            Some([0xB7, 0x90]) => ("&#xFDD0;", 3),
            Some([0xB7, 0x91]) => ("&#xFDD1;", 3),
            Some([0xB7, 0x92]) => ("&#xFDD2;", 3),
            _ => ("", 0),
        },
        _ => ("", 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_gives_what_one_character_at_a_time_gives() {
        fn by_char(s: &str) -> String {
            let mut out = String::new();
            for c in s.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    '\'' => out.push_str("&#39;"),
                    '\u{FDD0}'..='\u{FDD2}' => out.push_str(&format!("&#x{:X};", c as u32)),
                    c => out.push(c),
                }
            }
            out
        }
        // Every string of up to four pieces: plain text, each special byte, the marks and
        // their neighbours in UTF-8 (EF B7 8F, EF B7 93), and other EF characters.
        let pieces = [
            "a", "中", "，", "（", "&", "<", ">", "\"", "'", "\u{FDD0}", "\u{FDD1}", "\u{FDD2}",
            "\u{FDCF}", "\u{FDD3}", "\u{FF5E}",
        ];
        let mut strings = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = (strings.iter())
                .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
                .collect();
            strings.extend(longer);
        }
        strings.sort();
        strings.dedup();
        // Each as it is (short) and padded past [`SHORT`] both ways (the vectorised path).
        let pad = "中".repeat(SHORT / 3 + 1);
        for s in &strings {
            for s in [s.clone(), format!("{pad}{s}"), format!("{s}{pad}")] {
                let mut out = String::from("x");
                escape_into(&mut out, &s);
                assert_eq!(out, format!("x{}", by_char(&s)), "{s:?}");
                assert_eq!(needs_escaping(&s), out[1..] != s, "{s:?}");
            }
        }
    }
}
