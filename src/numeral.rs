//! Chinese and Arabic numerals as they appear in official numbering: 一, 十一, 二十三,
//! 一百零一, 两千, and ASCII or full-width digits.
//!
//! Parsing is strict: a string that is not wholly a numeral gives `None`, so the outline
//! recogniser can use these functions to test whether a candidate marker really is one.

/// The value of one Chinese digit character.
fn digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn unit(c: char) -> Option<u32> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// True for the characters a Chinese numeral may contain.
pub fn is_chinese_numeral_char(c: char) -> bool {
    digit(c).is_some() || unit(c).is_some()
}

/// Parses a Chinese numeral below ten thousand (一, 十, 十一, 二十三, 一百零一, 两千零五).
pub fn parse_chinese(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let mut total = 0u32;
    let mut pending: Option<u32> = None;
    let mut last_unit = u32::MAX;
    for c in s.chars() {
        if let Some(d) = digit(c) {
            if pending.is_some() && d != 0 {
                // Two digits in a row ("一二") is not a numeral.
                return None;
            }
            pending = if d == 0 { None } else { Some(d) };
        } else if let Some(u) = unit(c) {
            if u >= last_unit {
                return None;
            }
            // A bare 十 at the start means 一十.
            let d = pending
                .take()
                .unwrap_or(if total == 0 && u == 10 { 1 } else { 0 });
            if d == 0 {
                return None;
            }
            total += d * u;
            last_unit = u;
        } else {
            return None;
        }
    }
    Some(total + pending.unwrap_or(0)).filter(|&n| n > 0)
}

/// Parses ASCII or full-width decimal digits.
pub fn parse_digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.chars().count() > 6 {
        return None;
    }
    let mut n = 0u32;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => return None,
        };
        n = n * 10 + d;
    }
    Some(n)
}

/// Parses either kind of numeral.
pub fn parse_any(s: &str) -> Option<u32> {
    parse_chinese(s).or_else(|| parse_digits(s))
}

/// Writes `n` as a Chinese numeral (1 → 一, 11 → 十一, 101 → 一百零一), for labels that the
/// recogniser infers and for citations.
pub fn to_chinese(n: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n == 0 {
        return "零".to_string();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let parts = [(1000, '千'), (100, '百'), (10, '十'), (1, ' ')];
    let mut out = String::new();
    let mut zero_gap = false;
    for (value, name) in parts {
        let d = (n / value) % 10;
        if d == 0 {
            if !out.is_empty() {
                zero_gap = true;
            }
            continue;
        }
        if zero_gap {
            out.push('零');
            zero_gap = false;
        }
        if !(value == 10 && d == 1 && out.is_empty()) {
            out.push(DIGITS[d as usize]);
        }
        if name != ' ' {
            out.push(name);
        }
    }
    out
}

/// Circled numbers ① to ⑳.
pub fn parse_circled(c: char) -> Option<u32> {
    match c {
        '①'..='⑳' => Some(c as u32 - '①' as u32 + 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_numerals_of_any_size() {
        for (s, n) in [
            ("一", 1),
            ("十", 10),
            ("十一", 11),
            ("十七", 17),
            ("二十", 20),
            ("二十三", 23),
            ("一百", 100),
            ("一百零一", 101),
            ("一百一十", 110),
            ("两千零五", 2005),
        ] {
            assert_eq!(parse_chinese(s), Some(n), "{s}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_numeral() {
        for s in ["", "一二", "十十", "新华社", "零", "百十", "十百"] {
            assert_eq!(parse_chinese(s), None, "{s}");
        }
        assert_eq!(parse_digits("12a"), None);
        assert_eq!(parse_digits("１２"), Some(12));
    }

    #[test]
    fn round_trips_through_chinese() {
        for n in 1..=2100 {
            assert_eq!(
                parse_chinese(&to_chinese(n)),
                Some(n),
                "{n} {}",
                to_chinese(n)
            );
        }
        assert_eq!(to_chinese(101), "一百零一");
        assert_eq!(to_chinese(15), "十五");
    }
}
