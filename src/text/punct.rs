//! Display normalisation of punctuation: half-width marks written inside Chinese text
//! (`一道,坚持`, `(拉共体)`) are shown as the full-width marks Chinese typesetting uses
//! (`一道，坚持`, `（拉共体）`). The text as received is kept everywhere else: in the
//! downloads, the translation fingerprints and the anomaly report's quotations.
//!
//! The rules, one character for one character (so offsets counted in characters stay valid):
//! - `, ; : ? !` become `， ； ： ？ ！` between two Chinese characters (a Han character, or
//!   Chinese punctuation such as `”` or `》` before, `“` or `《` after): `1,000`, `10:30`
//!   and `Article 3, 2(2)` are left alone.
//! - A pair `( … )` on one line, with no bracket inside, becomes `（ … ）` when a Han
//!   character or Chinese punctuation stands before it or after it, or it holds a Han
//!   character: `计划(2025-2027)` → `计划（2025-2027）`, `组织(CERT)` → `组织（CERT）`.

use std::borrow::Cow;

/// `s` with its half-width punctuation shown full-width where it stands in Chinese text.
pub fn display(s: &str) -> Cow<'_, str> {
    apply(s, &changes(s))
}

/// `s` with the [`changes`] `at` made: [`display`] for a caller that also needs the offsets.
pub fn apply<'a>(s: &'a str, at: &[usize]) -> Cow<'a, str> {
    if at.is_empty() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 2 * at.len());
    let mut from = 0;
    for &i in at {
        out.push_str(&s[from..i]);
        out.push(full_width(s.as_bytes()[i]));
        from = i + 1;
    }
    out.push_str(&s[from..]);
    Cow::Owned(out)
}

/// The byte offsets of the ASCII marks [`display`] replaces in `s`, in order. Each
/// replacement adds two bytes, so an offset `o` into `s` is `o + 2 × (changes before o)`
/// in the displayed text (see [`shift`]).
pub fn changes(s: &str) -> Vec<usize> {
    let bytes = s.as_bytes();
    if !bytes
        .iter()
        .any(|b| matches!(b, b',' | b';' | b':' | b'?' | b'!' | b'('))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in s.char_indices() {
        match c {
            ',' | ';' | ':' | '?' | '!'
                if before(s, i).is_some_and(chinese_before)
                    && after(s, i + 1).is_some_and(chinese_after) =>
            {
                out.push(i);
            }
            '(' | '（' => open = (c == '(').then_some(i),
            ')' => {
                if let Some(o) = open.take() {
                    let inside = &s[o + 1..i];
                    let chinese = inside.chars().any(is_han)
                        || before(s, o).is_some_and(chinese_before)
                        || after(s, i + 1).is_some_and(chinese_after);
                    if chinese {
                        out.push(o);
                        out.push(i);
                    }
                }
            }
            '）' | '\n' => open = None,
            _ => {}
        }
    }
    out.sort_unstable();
    out
}

/// Where byte offset `o` of the text as received falls in the displayed text, given the
/// [`changes`] `at`.
pub fn shift(at: &[usize], o: usize) -> usize {
    o + 2 * at.partition_point(|&i| i < o)
}

fn before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

fn after(s: &str, i: usize) -> Option<char> {
    s[i..].chars().next()
}

fn full_width(b: u8) -> char {
    match b {
        b',' => '，',
        b';' => '；',
        b':' => '：',
        b'?' => '？',
        b'!' => '！',
        b'(' => '（',
        _ => '）',
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// A character after which a mark is in Chinese text: Han, or closing Chinese punctuation.
fn chinese_before(c: char) -> bool {
    is_han(c)
        || matches!(
            c,
            '”' | '’' | '》' | '」' | '』' | '）' | '】' | '〕' | '、' | '〉'
        )
}

/// A character before which a mark is in Chinese text: Han, or opening Chinese punctuation.
fn chinese_after(c: char) -> bool {
    is_han(c)
        || matches!(
            c,
            '“' | '‘' | '《' | '「' | '『' | '（' | '【' | '〔' | '〈'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_between_chinese_characters_are_shown_full_width() {
        assert_eq!(display("一道,坚持;共同:发展"), "一道，坚持；共同：发展");
        assert_eq!(display("“五大工程”,共谋"), "“五大工程”，共谋");
        assert_eq!(display("合作,“一带一路”"), "合作，“一带一路”");
        assert_eq!(display("共同体(拉共体)论坛"), "共同体（拉共体）论坛");
        assert_eq!(display("计划(2025-2027)"), "计划（2025-2027）");
        assert_eq!(
            display("应急响应组织(CERT)合作"),
            "应急响应组织（CERT）合作"
        );
        assert_eq!(display("(一) "), "（一） ");
    }

    #[test]
    fn latin_text_and_numbers_are_left_alone() {
        for s in [
            "1,000 and 10:30",
            "Article 3, 2(2)",
            "China (2025), and LAC",
            "第1,2款",
            "text ends,",
            "（已是全角）",
        ] {
            assert!(matches!(display(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn an_unclosed_or_nested_bracket_is_left_alone() {
        assert_eq!(display("中国(拉共体"), "中国(拉共体");
        assert_eq!(display("中国(拉（共）体)"), "中国(拉（共）体)");
    }

    #[test]
    fn offsets_shift_by_two_bytes_a_change() {
        let s = "甲,乙,丙";
        let at = changes(s);
        let shown = display(s);
        // `丙` starts at byte 8 as received, at 12 as shown.
        assert_eq!(&s[8..], "丙");
        assert_eq!(&shown[shift(&at, 8)..], "丙");
        assert_eq!(shift(&at, 3), 3);
    }
}
