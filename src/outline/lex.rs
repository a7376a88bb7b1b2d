//! Line classification: which numbering marker, if any, a line starts with.
//!
//! This is the numbering grammar of official Chinese texts (GB/T 9704 style), read from the
//! text itself and never from Markdown `#` marks, which are only counted so they can be
//! checked. Nothing here looks at neighbouring lines; `repair` does that.

use crate::numeral;

/// A division: the named parts of a text (第X编/章/节/部分/条, 前言, 附件, 结束语).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DivKind {
    Book,
    Chapter,
    Section,
    Part,
    Article,
    Preface,
    Annex,
    Closing,
}

impl DivKind {
    /// Ranked divisions nest in this order: 编 › 章 › 节 › 部分 › 条. Unranked ones (前言,
    /// 附件, 结束语) always stand at the top.
    pub fn rank(self) -> Option<u8> {
        match self {
            DivKind::Book => Some(0),
            DivKind::Chapter => Some(1),
            DivKind::Section => Some(2),
            DivKind::Part => Some(3),
            DivKind::Article => Some(4),
            _ => None,
        }
    }

    /// The character after 第X: 编, 章, 节, 部分, 条.
    pub fn suffix(self) -> &'static str {
        match self {
            DivKind::Book => "编",
            DivKind::Chapter => "章",
            DivKind::Section => "节",
            DivKind::Part => "部分",
            DivKind::Article => "条",
            DivKind::Preface => "前言",
            DivKind::Annex => "附件",
            DivKind::Closing => "结束语",
        }
    }

    /// The id prefix (see ARCHITECTURE.md, "Ids").
    pub fn id_prefix(self) -> &'static str {
        match self {
            DivKind::Book => "book",
            DivKind::Chapter => "ch",
            DivKind::Section => "sec",
            DivKind::Part => "part",
            DivKind::Article => "art",
            DivKind::Preface => "preface",
            DivKind::Annex => "annex",
            DivKind::Closing => "closing",
        }
    }
}

/// An enumeration level below the divisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EnumKind {
    /// 一、
    Dun,
    /// （一） or (一)
    Paren,
    /// 1. or 1． or 1、
    Arabic,
    /// （1） or (1)
    ArabicParen,
    /// ①
    Circled,
}

impl EnumKind {
    pub fn id_prefix(self) -> &'static str {
        match self {
            EnumKind::Dun => "s",
            EnumKind::Paren => "i",
            EnumKind::Arabic => "n",
            EnumKind::ArabicParen => "sn",
            EnumKind::Circled => "c",
        }
    }

    /// The canonical label for number `n` (full-width brackets), used in citations and for
    /// labels the recogniser infers.
    pub fn label(self, n: u32) -> String {
        match self {
            EnumKind::Dun => format!("{}、", numeral::to_chinese(n)),
            EnumKind::Paren => format!("（{}）", numeral::to_chinese(n)),
            EnumKind::Arabic => format!("{n}."),
            EnumKind::ArabicParen => format!("（{n}）"),
            EnumKind::Circled => char::from_u32('①' as u32 + n - 1)
                .map(String::from)
                .unwrap_or_else(|| format!("({n})")),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Division(DivKind, Option<u32>),
    Enum(EnumKind, u32),
}

/// One classified source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lexed {
    /// The number of leading `#` marks.
    pub hashes: usize,
    pub marker: Option<Marker>,
    /// The marker as written (`第二条`, `(一)`); empty when there is none.
    pub label: String,
    /// A numbering prefix written before a division marker (`七、` in `七、第四条`).
    pub stray_prefix: Option<String>,
    /// The text after the marker, trimmed.
    pub rest: String,
    /// A wire-service dateline such as `（新华社北京12月10日电）`.
    pub dateline: bool,
}

/// Classifies one trimmed, non-empty line.
pub fn lex(line: &str) -> Lexed {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    let body = line[hashes..].trim_start();
    let mut lexed = Lexed {
        hashes,
        marker: None,
        label: String::new(),
        stray_prefix: None,
        rest: body.to_string(),
        dateline: is_dateline(body),
    };
    if lexed.dateline {
        return lexed;
    }
    if let Some((kind, n, label_len)) = division(body) {
        set_marker(&mut lexed, body, Marker::Division(kind, n), label_len);
        return lexed;
    }
    if let Some((marker, label_len)) = enumeration(body) {
        // A section number written before an article (`七、第四条 …`) belongs to nothing.
        let after = body[label_len..].trim_start();
        if let Some((kind, n, div_len)) = division(after).filter(|d| d.0.rank().is_some()) {
            lexed.stray_prefix = Some(body[..label_len].to_string());
            set_marker(&mut lexed, after, Marker::Division(kind, n), div_len);
            return lexed;
        }
        set_marker(&mut lexed, body, marker, label_len);
    }
    lexed
}

fn set_marker(lexed: &mut Lexed, body: &str, marker: Marker, label_len: usize) {
    lexed.marker = Some(marker);
    lexed.label = body[..label_len].trim_end().to_string();
    lexed.rest = body[label_len..]
        .trim_start_matches(|c: char| c.is_whitespace() || c == ':' || c == '：')
        .to_string();
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// `第X编/章/节/部分/条`, `前言`/`序言`, `附件`/`附录` (optionally numbered), `结束语`/`结语`.
/// Returns the kind, the number and the byte length of the marker.
fn division(s: &str) -> Option<(DivKind, Option<u32>, usize)> {
    if let Some(after) = s.strip_prefix('第') {
        let num_len: usize = after
            .char_indices()
            .take_while(|&(_, c)| numeral::is_chinese_numeral_char(c) || c.is_ascii_digit())
            .map(|(i, c)| i + c.len_utf8())
            .last()?;
        let n = numeral::parse_any(&after[..num_len])?;
        let tail = &after[num_len..];
        for kind in [
            DivKind::Book,
            DivKind::Chapter,
            DivKind::Section,
            DivKind::Part,
            DivKind::Article,
        ] {
            if let Some(rest) = tail.strip_prefix(kind.suffix()) {
                // `第三条规定…` in running text is not a heading: a marker is followed by a
                // space, the end of the line, or (for 条) the article's own text.
                if kind != DivKind::Article && !(rest.is_empty() || rest.starts_with(is_space)) {
                    return None;
                }
                return Some((kind, Some(n), s.len() - rest.len()));
            }
        }
        return None;
    }
    let whole = |words: &[&str]| words.contains(&s);
    if whole(&["前言", "序言", "引言"]) {
        return Some((DivKind::Preface, None, s.len()));
    }
    if whole(&["结束语", "结语"]) {
        return Some((DivKind::Closing, None, s.len()));
    }
    for word in ["附件", "附录"] {
        if let Some(rest) = s.strip_prefix(word) {
            let num_len: usize = rest
                .char_indices()
                .take_while(|&(_, c)| c.is_ascii_digit() || numeral::is_chinese_numeral_char(c))
                .map(|(i, c)| i + c.len_utf8())
                .last()
                .unwrap_or(0);
            let n = numeral::parse_any(&rest[..num_len]);
            let after = &rest[num_len..];
            if after.is_empty() || after.starts_with([':', '：']) || after.starts_with(is_space) {
                return Some((DivKind::Annex, n, s.len() - after.len()));
            }
        }
    }
    None
}

/// `一、`, `（一）`/`(一)`, `1.`/`1．`/`1、`, `（1）`/`(1)`, `①`. Returns the marker and its
/// byte length.
fn enumeration(s: &str) -> Option<(Marker, usize)> {
    let first = s.chars().next()?;
    if let Some(n) = numeral::parse_circled(first) {
        return Some((Marker::Enum(EnumKind::Circled, n), first.len_utf8()));
    }
    if first == '(' || first == '（' {
        let inner_start = first.len_utf8();
        let close = s[inner_start..].find([')', '）'])? + inner_start;
        let inner = s[inner_start..close].trim();
        let close_len = s[close..].chars().next()?.len_utf8();
        if let Some(n) = numeral::parse_chinese(inner) {
            return Some((Marker::Enum(EnumKind::Paren, n), close + close_len));
        }
        if let Some(n) = numeral::parse_digits(inner).filter(|_| inner.len() <= 3) {
            return Some((Marker::Enum(EnumKind::ArabicParen, n), close + close_len));
        }
        return None;
    }
    let num_len: usize = s
        .char_indices()
        .take_while(|&(_, c)| numeral::is_chinese_numeral_char(c))
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    if num_len > 0 && s[num_len..].starts_with('、') {
        let n = numeral::parse_chinese(&s[..num_len])?;
        return Some((Marker::Enum(EnumKind::Dun, n), num_len + '、'.len_utf8()));
    }
    let digits_len: usize = s
        .char_indices()
        .take_while(|&(_, c)| c.is_ascii_digit() || ('０'..='９').contains(&c))
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    if digits_len > 0 && digits_len <= 9 {
        let after = &s[digits_len..];
        let sep = after.chars().next()?;
        if matches!(sep, '.' | '．' | '、') {
            // `1.5亿` is a number, not a marker.
            let next = after[sep.len_utf8()..].chars().next();
            if next.is_some_and(|c| c.is_ascii_digit()) {
                return None;
            }
            let n = numeral::parse_digits(&s[..digits_len])?;
            return Some((
                Marker::Enum(EnumKind::Arabic, n),
                digits_len + sep.len_utf8(),
            ));
        }
    }
    None
}

/// `（新华社北京12月10日电）`, `(中新社…电)`, `（完）`: a wire-service line, not an item.
pub fn is_dateline(s: &str) -> bool {
    let inner = match s
        .strip_prefix(['(', '（'])
        .and_then(|r| r.strip_suffix([')', '）']))
    {
        Some(inner) => inner,
        None => return false,
    };
    inner == "完" || (inner.ends_with('电') && inner.chars().count() <= 30 && !inner.contains('，'))
}

/// Sentence-ending punctuation: a line that ends otherwise is unfinished.
pub fn ends_sentence(s: &str) -> bool {
    s.ends_with([
        '。', '！', '？', '；', ';', '：', ':', '”', '’', '）', ')', '…', '」', '』', '.', '!',
        '?', '》',
    ])
}

/// A heading is short (at most `max_chars`) and is not a sentence: no `。`, at most one
/// comma (`文明互鉴,夯实友好民意基础`), not ending in sentence punctuation.
pub fn is_heading_text(s: &str, max_chars: usize) -> bool {
    let n = s.chars().count();
    let commas = s.chars().filter(|&c| c == ',' || c == '，').count();
    n > 0
        && n <= max_chars
        && commas <= 1
        && !s.contains('。')
        && !s.ends_with(['；', ';', '：', ':', '！', '？'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(s: &str) -> Option<Marker> {
        lex(s).marker
    }

    #[test]
    fn reads_every_division_kind() {
        use DivKind::*;
        assert_eq!(
            marker("## 第一条 平等互信"),
            Some(Marker::Division(Article, Some(1)))
        );
        assert_eq!(
            marker("第三部分 携手推进"),
            Some(Marker::Division(Part, Some(3)))
        );
        assert_eq!(
            marker("第十二章　附则"),
            Some(Marker::Division(Chapter, Some(12)))
        );
        assert_eq!(marker("第二节"), Some(Marker::Division(Section, Some(2))));
        assert_eq!(marker("第一编 总则"), Some(Marker::Division(Book, Some(1))));
        assert_eq!(
            marker("第一百零一条　本法自公布之日起施行。"),
            Some(Marker::Division(Article, Some(101)))
        );
        assert_eq!(marker("前言"), Some(Marker::Division(Preface, None)));
        assert_eq!(marker("## 附件"), Some(Marker::Division(Annex, None)));
        assert_eq!(
            marker("附件2：名单"),
            Some(Marker::Division(Annex, Some(2)))
        );
        assert_eq!(marker("结束语"), Some(Marker::Division(Closing, None)));
        assert_eq!(marker("附件中所列的项目。"), None);
        assert_eq!(marker("第三章规定的事项"), None);
    }

    #[test]
    fn reads_every_enumeration_kind() {
        use EnumKind::*;
        assert_eq!(marker("十七、发展"), Some(Marker::Enum(Dun, 17)));
        assert_eq!(
            marker("(一) 在世贸组织框架下"),
            Some(Marker::Enum(Paren, 1))
        );
        assert_eq!(
            marker("（十七）市场监管合作"),
            Some(Marker::Enum(Paren, 17))
        );
        assert_eq!(marker("3．项目"), Some(Marker::Enum(Arabic, 3)));
        assert_eq!(marker("（2）细则"), Some(Marker::Enum(ArabicParen, 2)));
        assert_eq!(marker("③其他"), Some(Marker::Enum(Circled, 3)));
        assert_eq!(marker("1.5亿元"), None);
        assert_eq!(marker("2025年5月13日,会议"), None);
        assert_eq!(marker("(AEO)互认"), None);
    }

    #[test]
    fn strips_a_stray_prefix_before_an_article() {
        let l = lex("七、第四条 凝聚共识,共同应对全球挑战");
        assert_eq!(l.marker, Some(Marker::Division(DivKind::Article, Some(4))));
        assert_eq!(l.stray_prefix.as_deref(), Some("七、"));
        assert_eq!(l.rest, "凝聚共识,共同应对全球挑战");
    }

    #[test]
    fn reads_a_dateline_as_metadata_not_an_item() {
        let l = lex("（新华社北京12月10日电）");
        assert!(l.dateline);
        assert_eq!(l.marker, None);
    }

    #[test]
    fn counts_markdown_marks() {
        let l = lex("### (三) 推动开展贸易投资便利化专题磋商。");
        assert_eq!(l.hashes, 3);
        assert_eq!(l.label, "(三)");
        assert_eq!(l.rest, "推动开展贸易投资便利化专题磋商。");
    }
}
