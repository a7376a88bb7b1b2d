//! Slugs: the URL segments made from names (a document's file name, a glossary entry's
//! English name). Lowercase ASCII letters, digits and single dashes; accented Latin letters
//! lose their accents (Brasília → brasilia); Chinese characters become their pinyin, one
//! syllable a word (宪法 → xian-fa); a slug longer than `max` is cut at a word boundary,
//! never inside a word.

use unicode_normalization::UnicodeNormalization;

/// `name` as a slug of at most `max` bytes (see the module documentation); `fallback` when
/// nothing of it can be written in a URL.
pub fn slug(name: &str, max: usize, fallback: &str) -> String {
    use pinyin::ToPinyin;
    let mut out = String::with_capacity(name.len());
    let dash = |out: &mut String| {
        if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    };
    for c in name.nfd() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if unicode_normalization::char::is_combining_mark(c) {
            // The accent of a letter already written.
        } else if let Some(p) = c.to_pinyin() {
            dash(&mut out);
            // Plain pinyin keeps ü (律 lü): a URL has u.
            out.extend(p.plain().chars().map(|c| if c == 'ü' { 'u' } else { c }));
            dash(&mut out);
        } else if let Some(l) = latin(c) {
            out.push_str(l);
        } else {
            dash(&mut out);
        }
    }
    let mut out = out.trim_matches('-');
    if out.len() > max {
        // Cut at the last dash that keeps it within `max`; a single word longer than `max`
        // is kept whole rather than cut.
        let cut = out[..=max].rfind('-').unwrap_or(out.len());
        out = out[..cut].trim_end_matches('-');
    }
    if out.is_empty() {
        fallback.to_string()
    } else {
        out.to_string()
    }
}

/// Latin letters that do not decompose into a letter and an accent.
fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ł' | 'Ł' => "l",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_readable_slugs_of_latin_accented_and_chinese_names() {
        let s = |name| slug(name, 60, "x");
        assert_eq!(
            s("China–LAC Infrastructure Forum"),
            "china-lac-infrastructure-forum"
        );
        assert_eq!(s("Brasília Declaration"), "brasilia-declaration");
        assert_eq!(s("São Paulo, Bogotá & Curaçao"), "sao-paulo-bogota-curacao");
        assert_eq!(s("Straße Łódź"), "strasse-lodz");
        assert_eq!(
            s("中华人民共和国宪法"),
            "zhong-hua-ren-min-gong-he-guo-xian-fa"
        );
        assert_eq!(s("拍卖法(2015-04-24)"), "pai-mai-fa-2015-04-24");
        assert_eq!(s("法律 绿色"), "fa-lu-lu-se");
        assert_eq!(s("000_e0c0b504374b171f"), "000-e0c0b504374b171f");
        assert_eq!(s("《》——"), "x");
    }

    #[test]
    fn cuts_long_slugs_between_words_never_inside_one() {
        let long =
            "Cooperation Mechanism on Cybersecurity and Law Enforcement Between Many Parties";
        let cut = slug(long, 60, "x");
        assert_eq!(
            cut,
            "cooperation-mechanism-on-cybersecurity-and-law-enforcement"
        );
        assert!(cut.len() <= 60);
        assert_eq!(slug("abcdefghij", 4, "x"), "abcdefghij");
        assert_eq!(slug("ab cd ef", 5, "x"), "ab-cd");
    }
}
