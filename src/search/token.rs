//! Search normalisation and tokens, mirrored exactly by `theme/search.js`.
//!
//! A text becomes a sequence of positions. Each Han character is one position; each run of
//! other letters and digits (`5G`, `AEO`, `2025`) is one word, lowercased with diacritics
//! removed; each run of anything else (punctuation, spaces) is one gap. Before that, every
//! character is folded as for glossary matching (dash and bracket width, full-width Latin,
//! the traditional 員), so `中国—拉共体` and `中国-拉共体` give the same tokens.

use unicode_normalization::UnicodeNormalization;

use crate::text::fold::fold;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Han(char),
    Word(String),
    Gap,
}

/// Han characters, by the same ranges as `theme/search.js`.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3005 | 0x3007 | 0x3021..=0x3029 | 0x3038..=0x303B
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

/// A word as indexed: lowercase, without diacritics, a plural ending dropped ([`stem`]).
pub fn fold_word(w: &str) -> String {
    let w: String = w
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    stem(w)
}

/// Drops a plural ending from a word of Latin letters, so that `scholarships` finds
/// `scholarship` and `becas` finds `beca`: `-ies` becomes `-y`; `-s` goes, except after
/// `s`, `u` or `i` (`process`, `status`, `analysis`). Both sides of a match are stemmed alike,
/// so an odd stem (`news` → `new`) costs precision, never recall.
fn stem(mut w: String) -> String {
    if !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return w;
    }
    if w.len() > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.len() > 3 && w.ends_with('s') && !w[..w.len() - 1].ends_with(['s', 'u', 'i']) {
        w.pop();
    }
    w
}

/// The tokens of a text.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars().map(fold) {
        if is_word_char(c) {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(Token::Word(fold_word(&word)));
            word.clear();
        }
        if is_han(c) {
            out.push(Token::Han(c));
        } else if !matches!(out.last(), None | Some(Token::Gap)) {
            out.push(Token::Gap);
        }
    }
    if !word.is_empty() {
        out.push(Token::Word(fold_word(&word)));
    }
    if out.last() == Some(&Token::Gap) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> String {
        tokens(text)
            .iter()
            .map(|t| match t {
                Token::Han(c) => c.to_string(),
                Token::Word(w) => format!("[{w}]"),
                Token::Gap => "_".into(),
            })
            .collect()
    }

    #[test]
    fn splits_han_words_and_gaps() {
        assert_eq!(
            show("推动5G网络，建设“AEO”互认。"),
            "推动[5g]网络_建设_[aeo]_互认"
        );
        assert_eq!(show("中国—拉共体（CELAC）"), show("中国-拉共体(celac)"));
        assert_eq!(show("  Préstamos  y becas "), "[prestamo]_[y]_[beca]");
        assert_eq!(
            show("policies process status"),
            "[policy]_[process]_[status]"
        );
        assert_eq!(show("660亿元"), "[660]亿元");
        assert_eq!(show("成員"), "成员");
    }
}
