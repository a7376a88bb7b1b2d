//! What the editorial layer may put into a page, so that no string in `content/` can break a
//! page, run a script in a reader's browser or abort the build:
//! - Markdown pages ([`check_markdown`]): nesting at most [`MAX_DEPTH`] deep; raw HTML only
//!   from a small set of harmless tags and attributes ([`TAGS`], [`ATTRIBUTES`]) and
//!   comments; links and images relative or `http(s):`/`mailto:`.
//! - URL fields ([`check_url`]): `http(s)://` only.
//! - JSON inside `<script>` ([`script_json`]): nothing in it can end the script.
//!
//! Imports nothing from the crate.

use pulldown_cmark::{Event, Options, Parser, Tag};

/// How deeply blocks, inlines and raw HTML elements of a page may nest. Real pages nest a few
/// levels; thousands of levels would exhaust the stack of the HTML minifier.
pub const MAX_DEPTH: usize = 32;

/// The raw HTML elements a Markdown page may use.
pub const TAGS: &[&str] = &[
    "abbr", "b", "br", "cite", "code", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "i",
    "ins", "kbd", "mark", "p", "q", "s", "small", "span", "strong", "sub", "summary", "sup",
    "time", "u", "wbr",
];

/// The attributes those elements may have.
pub const ATTRIBUTES: &[&str] = &["class", "datetime", "dir", "lang", "open", "title"];

/// Elements without a closing tag, which do not nest.
const VOID: &[&str] = &["br", "wbr"];

/// The options every Markdown page is parsed with.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
}

/// A problem in a Markdown text: its 1-based line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
}

/// Checks a Markdown page against the rules of the module; the first problem, with its line.
pub fn check_markdown(markdown: &str) -> Result<(), Problem> {
    // A cheap bound first: the parser builds its tree without recursion, but a page of
    // thousands of nested quotes or lists is refused before it is parsed at all.
    prefix_depth(markdown)?;
    let line_of = |offset: usize| markdown[..offset.min(markdown.len())].matches('\n').count() + 1;
    let mut depth = 0usize;
    // Raw HTML elements open, across the page's HTML events.
    let mut raw_depth = 0usize;
    let mut html_block = String::new();
    let mut html_start = 0;
    for (event, range) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        let fail = |message: String| Problem {
            line: line_of(range.start),
            message,
        };
        match event {
            Event::Start(tag) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(fail(format!(
                        "the page nests more than {MAX_DEPTH} levels deep (quotes, lists or emphasis)"
                    )));
                }
                match tag {
                    Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                        check_link(&dest_url).map_err(fail)?
                    }
                    Tag::HtmlBlock => {
                        html_block.clear();
                        html_start = range.start;
                    }
                    _ => {}
                }
            }
            Event::End(pulldown_cmark::TagEnd::HtmlBlock) => {
                depth = depth.saturating_sub(1);
                check_html(&html_block, depth, &mut raw_depth).map_err(|message| Problem {
                    line: line_of(html_start),
                    message,
                })?;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            // Block HTML arrives line by line: checked whole at the block's end, so a
            // comment or tag may span lines.
            Event::Html(html) => html_block.push_str(&html),
            Event::InlineHtml(html) => check_html(&html, depth, &mut raw_depth).map_err(fail)?,
            _ => {}
        }
    }
    Ok(())
}

/// Refuses a page whose lines start with more than [`MAX_DEPTH`] quote marks or list
/// indentations, without parsing it.
fn prefix_depth(markdown: &str) -> Result<(), Problem> {
    for (i, line) in markdown.lines().enumerate() {
        let mut depth = 0;
        let mut spaces = 0;
        for c in line.chars() {
            match c {
                '>' => depth += 1,
                ' ' => spaces += 1,
                '\t' => spaces += 4,
                _ => break,
            }
        }
        // A nested list item is indented at least two spaces per level.
        if depth + spaces / 2 > MAX_DEPTH {
            return Err(Problem {
                line: i + 1,
                message: format!(
                    "the page nests more than {MAX_DEPTH} levels deep (quotes, lists or emphasis)"
                ),
            });
        }
    }
    Ok(())
}

/// Checks raw HTML (a block or an inline tag) of a page nested `depth` deep in Markdown,
/// with `raw_depth` raw elements open before it.
fn check_html(html: &str, depth: usize, raw_depth: &mut usize) -> Result<(), String> {
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let after = &rest[i + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            let end = comment
                .find("-->")
                .ok_or("an HTML comment is not closed with -->")?;
            rest = &comment[end + 3..];
            continue;
        }
        let closing = after.starts_with('/');
        let body = if closing { &after[1..] } else { after };
        let name_len = body
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            if after.starts_with(['!', '?']) {
                return Err(format!(
                    "raw HTML `<{}` is not allowed in pages",
                    after.chars().take(8).collect::<String>()
                ));
            }
            // A `<` that starts no tag is text.
            rest = after;
            continue;
        }
        let name = body[..name_len].to_ascii_lowercase();
        if !TAGS.contains(&name.as_str()) {
            return Err(format!(
                "raw HTML <{name}> is not allowed in pages (allowed: {}; write Markdown for the rest)",
                TAGS.join(", ")
            ));
        }
        let end = attributes(&body[name_len..], closing)?;
        let self_closing = body[name_len..name_len + end - 1].trim_end().ends_with('/');
        rest = &body[name_len + end..];
        if VOID.contains(&name.as_str()) || self_closing {
            continue;
        }
        if closing {
            *raw_depth = raw_depth.saturating_sub(1);
        } else {
            *raw_depth += 1;
            if depth + *raw_depth > MAX_DEPTH {
                return Err(format!(
                    "the page nests more than {MAX_DEPTH} levels deep (HTML elements)"
                ));
            }
        }
    }
    Ok(())
}

/// Reads the attributes of a tag up to and including its `>`: each must be one of
/// [`ATTRIBUTES`] (a closing tag has none). Returns the bytes read.
fn attributes(tag: &str, closing: bool) -> Result<usize, String> {
    let bytes = tag.as_bytes();
    let mut at = 0;
    loop {
        while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
            at += 1;
        }
        match bytes.get(at) {
            None => return Err("an HTML tag is not closed with >".into()),
            Some(b'>') => return Ok(at + 1),
            _ => {}
        }
        let start = at;
        while at < bytes.len()
            && !matches!(bytes[at], b'=' | b'>' | b'/')
            && !bytes[at].is_ascii_whitespace()
        {
            at += 1;
        }
        let name = tag[start..at].to_ascii_lowercase();
        if closing || !ATTRIBUTES.contains(&name.as_str()) {
            return Err(format!(
                "the HTML attribute `{name}` is not allowed in pages (allowed: {})",
                ATTRIBUTES.join(", ")
            ));
        }
        if bytes.get(at) == Some(&b'=') {
            at += 1;
            match bytes.get(at) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = tag[at + 1..]
                        .find(q as char)
                        .ok_or("an HTML attribute value is not closed")?;
                    at += end + 2;
                }
                _ => {
                    while at < bytes.len() && bytes[at] != b'>' && !bytes[at].is_ascii_whitespace()
                    {
                        at += 1;
                    }
                }
            }
        }
    }
}

/// A link or image of a page: relative (`../glossary/`, `#x`, `a.json`), or `http:`,
/// `https:` or `mailto:`.
fn check_link(url: &str) -> Result<(), String> {
    match scheme(url) {
        None => Ok(()),
        Some(s) if matches!(s.as_str(), "http" | "https" | "mailto") => Ok(()),
        Some(s) => Err(format!(
            "the link \"{url}\" uses `{s}:`; links may be relative or http(s):/mailto: only"
        )),
    }
}

/// The scheme of a URL as a browser reads it (ASCII tabs, newlines and leading controls and
/// spaces ignored, lowercased), or None for a relative URL.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    (cleaned.as_bytes()[end] == b':').then(|| cleaned[..end].to_ascii_lowercase())
}

/// Checks a URL field of the editorial layer (`source_url`): an absolute `http(s)://` URL
/// with a host and no spaces or quotes. The message says what is wrong.
pub fn check_url(url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("\"{url}\" is not an http:// or https:// address"))?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err(format!("\"{url}\" has no host"));
    }
    if let Some(c) = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`'))
    {
        return Err(format!(
            "\"{url}\" contains {c:?}, which an address may not hold"
        ));
    }
    Ok(())
}

/// JSON text safe inside `<script>`: `<`, `>` and `&` as `\u` escapes (so no `</script>` or
/// `<!--` can end or hide the script) and U+2028/U+2029 escaped (old parsers end a line
/// there). The JSON means the same.
pub fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(md: &str) -> String {
        let p = check_markdown(md).unwrap_err();
        format!("{}: {}", p.line, p.message)
    }

    #[test]
    fn harmless_markdown_and_html_pass() {
        let md = "<!-- nav: 关于 -->\n# T\n\n> 引用\n\n- a\n  - b\n\n<details open><summary>x</summary>\n\n正文<sup>1</sup> [术语](../glossary/) [x](https://example.org/) [y](mailto:a@b.c) [z](#top)\n\n</details>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        assert_eq!(check_markdown(md), Ok(()));
    }

    #[test]
    fn scripts_handlers_frames_and_script_links_are_refused_at_their_line() {
        assert!(problem("# T\n\n<script>alert(1)</script>\n")
            .starts_with("3: raw HTML <script> is not allowed"));
        assert!(problem("# T\n\ntext <img src=x onerror=alert(1)>\n")
            .starts_with("3: raw HTML <img> is not allowed"));
        assert!(problem("# T\n\n<span onclick=\"x\">a</span>\n")
            .starts_with("3: the HTML attribute `onclick` is not allowed"));
        assert!(problem("# T\n\n<iframe src=//x></iframe>\n").starts_with("3: raw HTML <iframe>"));
        assert!(problem("# T\n\n[a](javascript:alert(1))\n")
            .starts_with("3: the link \"javascript:alert(1)\" uses `javascript:`"));
        assert!(problem("# T\n\n[a]( JaVaScRiPt:alert(1))\n").contains("uses `javascript:`"));
        assert!(problem("# T\n\n![a](data:image/svg+xml,x)\n").contains("uses `data:`"));
        assert!(problem("# T\n\n<javascript:alert(1)>\n").contains("uses `javascript:`"));
        assert!(problem("# T\n\n<div>\n<!-- open\n\n").contains("comment is not closed"));
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        for md in [
            format!("# T\n\n{}x\n", ">".repeat(5000)),
            format!(
                "# T\n\n{}x{}\n",
                "<div>".repeat(5000),
                "</div>".repeat(5000)
            ),
            format!(
                "# T\n\n{}x\n",
                (0..3000)
                    .map(|i| format!("{}- a\n", "  ".repeat(i)))
                    .collect::<String>()
            ),
            format!("# T\n\n{}x\n", "<span>".repeat(40)),
        ] {
            assert!(problem(&md).contains("levels deep"), "{}", &md[..40]);
        }
        assert_eq!(
            check_markdown(&format!("# T\n\n{}x\n", ">".repeat(10))),
            Ok(())
        );
    }

    #[test]
    fn url_fields_take_http_and_https_only() {
        assert_eq!(check_url("https://www.gov.cn/x?a=1#b"), Ok(()));
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//x.org",
            "https://",
            "https:///x",
            "http://a b",
            "https://a\"onmouseover=x",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn script_json_cannot_end_or_hide_the_script_and_means_the_same() {
        let json = serde_json::json!({"a": "<!--<script></script>&\u{2028}"}).to_string();
        let safe = script_json(&json);
        assert!(!safe.contains(['<', '>', '&', '\u{2028}']), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["a"], "<!--<script></script>&\u{2028}");
    }
}
