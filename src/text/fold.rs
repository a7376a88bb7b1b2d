//! Folding for matching: the same name written with a hyphen or an em dash, full-width or
//! half-width brackets, or a traditional 員, is one name. Folding is one character for one
//! character, so a match in folded text maps straight back to the original.

/// The folded form of one character.
pub fn fold(c: char) -> char {
    match c {
        '—' | '–' | '－' | '‐' | '‑' | '―' => '-',
        '（' => '(',
        '）' => ')',
        '，' => ',',
        '；' => ';',
        '：' => ':',
        '員' => '员',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

pub fn fold_str(s: &str) -> String {
    s.chars().map(fold).collect()
}

/// A text folded for matching, with the way back to the original's byte offsets.
pub struct Folded {
    pub text: String,
    /// Where the folded text's offsets stop matching the original's: from folded offset
    /// `.0` on, the original's is `.0 + .1` (until the next entry). Few characters change
    /// length when folded, so this stays short.
    shifts: Vec<(usize, isize)>,
}

/// A finder for 員, made once: making one costs more than searching a passage with it.
static YUAN: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("員"));

impl Folded {
    pub fn new(original: &str) -> Folded {
        let bytes = original.as_bytes();
        let mut text = String::with_capacity(original.len());
        let mut shifts = Vec::new();
        // Every character that folds takes three bytes in UTF-8 and starts with E2, E3, EF,
        // or E5 (員 alone): bytes that only ever lead a character. A vectorised search jumps
        // between them, and the runs between are copied as they are. E5 leads a sixteenth of
        // all Chinese characters, so it is looked for only in a text that has a 員.
        let yuan = YUAN.find(bytes).is_some();
        let next = |from: usize| {
            let rest = &bytes[from..];
            let at = if yuan {
                rest.iter()
                    .position(|b| matches!(b, 0xE2 | 0xE3 | 0xE5 | 0xEF))
            } else {
                memchr::memchr3(0xE2, 0xE3, 0xEF, rest)
            };
            at.map(|i| i + from)
        };
        let mut copied = 0;
        let mut at = next(0);
        while let Some(i) = at {
            let c = original[i..].chars().next().unwrap_or_default();
            let width = c.len_utf8();
            let f = fold(c);
            if f != c {
                text.push_str(&original[copied..i]);
                text.push(f);
                copied = i + width;
                if f.len_utf8() != width {
                    shifts.push((text.len(), copied as isize - text.len() as isize));
                }
            }
            at = next(i + width);
        }
        text.push_str(&original[copied..]);
        Folded { text, shifts }
    }

    /// The original byte offset of folded offset `i` (a character boundary, or the end).
    pub fn original(&self, i: usize) -> usize {
        let k = self.shifts.partition_point(|s| s.0 <= i);
        match k.checked_sub(1) {
            Some(k) => (i as isize + self.shifts[k].1) as usize,
            None => i,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_folded_matches_back_to_the_original() {
        let f = Folded::new("加强中国—拉共体（CELAC）合作");
        let i = f.text.find("中国-拉共体(").unwrap();
        assert_eq!(
            &"加强中国—拉共体（CELAC）合作"[f.original(i)..f.original(i + "中国-拉共体".len())],
            "中国—拉共体"
        );
        let text = "（一）ＡＥＯ—认证，员工";
        let f = Folded::new(text);
        assert_eq!(f.text, "(一)AEO-认证,员工");
        for (i, _) in f.text.char_indices() {
            let back = f.original(i);
            assert!(text.is_char_boundary(back), "{i} -> {back}");
            assert_eq!(
                fold_str(&text[back..]),
                f.text[i..],
                "folded offset {i} maps to {back}"
            );
        }
        assert_eq!(f.original(f.text.len()), text.len());
    }

    #[test]
    fn folds_as_the_character_rule_does_over_all_of_the_basic_plane() {
        let all: String = (0..0x1_0000u32).filter_map(char::from_u32).collect();
        let folded = Folded::new(&all);
        assert_eq!(folded.text, fold_str(&all));
        // A text without 員 is searched for fewer lead bytes.
        let without: String = all.chars().filter(|&c| c != '員').collect();
        assert_eq!(Folded::new(&without).text, fold_str(&without));
        for (i, c) in all.char_indices() {
            if fold(c) != c {
                assert_eq!(c.len_utf8(), 3, "{c:?}");
                assert!(
                    matches!(all.as_bytes()[i], 0xE2 | 0xE3 | 0xE5 | 0xEF),
                    "{c:?}"
                );
            }
        }
    }
}
