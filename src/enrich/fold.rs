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
    /// For each byte offset of `text` that starts a character, the original's offset; one
    /// more entry for the end.
    offsets: Vec<usize>,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut offsets = Vec::with_capacity(original.len() + 1);
        for (i, c) in original.char_indices() {
            let f = fold(c);
            for _ in 0..f.len_utf8() {
                offsets.push(i);
            }
            text.push(f);
        }
        offsets.push(original.len());
        Folded { text, offsets }
    }

    /// The original byte offset of folded offset `i`.
    pub fn original(&self, i: usize) -> usize {
        self.offsets[i]
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
    }
}
