//! Citations: how a reader names a clause (`第二条 五（二）`), built from the numbering.

use crate::numeral::to_chinese;
use crate::outline::{DivKind, EnumKind, Kind, Node};

/// The citation of a node given the path of nodes from the top-level division down to it:
/// `第二条 五（二）`, `第三部分 一（一）第2段`, `前言 第1段`.
pub fn cite_path(path: &[&Node]) -> String {
    let mut head = String::new();
    let mut tail = String::new();
    for n in path {
        match n.kind {
            Kind::Division(k) => {
                if !head.is_empty() {
                    head.push(' ');
                }
                head.push_str(&division_label(k, n.number));
            }
            Kind::Enum(EnumKind::Dun) => {
                if !tail.is_empty() {
                    tail.push(' ');
                }
                tail.push_str(&to_chinese(n.number.unwrap_or(0)));
            }
            Kind::Enum(k) => tail.push_str(&k.label(n.number.unwrap_or(0))),
            Kind::Paragraph => {
                let no =
                    n.id.rsplit('-')
                        .next()
                        .unwrap_or("p1")
                        .trim_start_matches('p');
                tail.push_str(&format!("第{no}段"));
            }
            Kind::Preamble => head.push_str("序言"),
            Kind::Interpolation => tail.push_str("（插入段落）"),
        }
    }
    match (head.is_empty(), tail.is_empty()) {
        (_, true) => head,
        (true, false) => tail,
        (false, false) => format!("{head} {tail}"),
    }
}

/// `第二条`, `第三部分`, `前言`, `附件`, `附件二`.
pub fn division_label(kind: DivKind, number: Option<u32>) -> String {
    match (kind.rank(), number) {
        (Some(_), Some(n)) => format!("第{}{}", to_chinese(n), kind.suffix()),
        (None, Some(n)) => format!("{}{}", kind.suffix(), to_chinese(n)),
        _ => kind.suffix().to_string(),
    }
}
