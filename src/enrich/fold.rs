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

impl Folded {
    pub fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut shifts = Vec::new();
        for (i, c) in original.char_indices() {
            let f = fold(c);
            text.push(f);
            if f.len_utf8() != c.len_utf8() {
                shifts.push((
                    text.len(),
                    (i + c.len_utf8()) as isize - text.len() as isize,
                ));
            }
        }
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
}
