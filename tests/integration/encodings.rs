//! The same text in other encodings and layouts gives the same outline and ids.

use gongwen::outline::dump::dump;

use crate::common::*;

fn same_outline_as_seed(key: &str, bytes: &[u8]) {
    let original = recognise_bytes(&format!("{key}.txt"), &seed_bytes(key), &[]);
    let variant = recognise_bytes(&format!("{key}.txt"), bytes, &[]);
    assert_eq!(dump(&original, true), dump(&variant, true));
}

#[test]
fn gbk_gives_the_same_outline() {
    for key in [PLAN, PAPER] {
        let text = String::from_utf8(seed_bytes(key)).unwrap();
        let (gbk, _, lossy) = encoding_rs::GBK.encode(&text);
        assert!(!lossy);
        same_outline_as_seed(key, &gbk);
    }
}

#[test]
fn bom_and_crlf_give_the_same_outline() {
    for key in [PLAN, PAPER] {
        let text = String::from_utf8(seed_bytes(key)).unwrap();
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(text.replace('\n', "\r\n").as_bytes());
        same_outline_as_seed(key, &bytes);
    }
}

#[test]
fn ideographic_indents_and_trailing_spaces_give_the_same_outline() {
    for key in [PLAN, PAPER] {
        let text = String::from_utf8(seed_bytes(key)).unwrap();
        let indented: String = text
            .split('\n')
            .map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!("\u{3000}\u{3000}{l}  ")
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        same_outline_as_seed(key, indented.as_bytes());
    }
}
