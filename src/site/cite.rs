//! Citations and labels: how a reader names a clause (`第二条 五（二）`, `Article 2, 5(2)`),
//! built from the numbering with the formats of the language's interface strings, so a new
//! language needs no code.

use crate::i18n::Strings;
use crate::numeral::to_chinese;
use crate::outline::{DivKind, EnumKind, Kind, Node};

/// A node's citation (`第二条 五（二）`, `第三部分 一（一）第2段`, `前言 第1段`), built down
/// the path of nodes from its top-level division: the divisions (`head`, `第二条`) and what
/// is below them (`tail`, `五（二）`). A walk down a tree pushes each node and truncates
/// back to the lengths it saved, so every node's part is made once.
#[derive(Debug, Default)]
pub struct Parts {
    head: String,
    tail: String,
    /// Where the last article's label starts in `head`: an article is cited from there.
    article: usize,
}

/// Where [`Parts::truncate`] goes back to.
#[derive(Debug, Clone, Copy)]
pub struct Mark(usize, usize, usize);

impl Parts {
    /// Where to truncate back to.
    pub fn mark(&self) -> Mark {
        Mark(self.head.len(), self.tail.len(), self.article)
    }

    pub fn truncate(&mut self, Mark(head, tail, article): Mark) {
        self.head.truncate(head);
        self.tail.truncate(tail);
        self.article = article;
    }

    /// Adds node `n`'s own part.
    pub fn push(&mut self, n: &Node, t: &Strings) {
        let (head, tail) = (&mut self.head, &mut self.tail);
        match n.kind {
            // Articles count through the whole document, so an article is cited by its
            // number alone (`第一百二十二条`, not `第二编 第十二章 第一节 第一百二十二条`),
            // as laws are cited.
            Kind::Division(DivKind::Article) => {
                if !head.is_empty() {
                    head.push(' ');
                }
                self.article = head.len();
                division_label_into(head, DivKind::Article, n.number, t);
            }
            Kind::Division(k) => {
                if !head.is_empty() {
                    head.push(' ');
                }
                division_label_into(head, k, n.number, t);
            }
            Kind::Enum(EnumKind::Dun) => {
                if !tail.is_empty() {
                    tail.push(' ');
                }
                number_format_into(tail, t.get("cite_s"), EnumKind::Dun, n.number, "");
            }
            Kind::Enum(k) => {
                let key = format!("cite_{}", k.id_prefix());
                number_format_into(tail, t.get(&key), k, n.number, "");
            }
            Kind::Paragraph => {
                let no =
                    n.id.rsplit('-')
                        .next()
                        .unwrap_or("p1")
                        .trim_start_matches('p');
                crate::i18n::fill_into(tail, t.get("cite_para"), |name, out| {
                    (name == "n").then(|| out.push_str(no))
                });
            }
            Kind::Preamble => head.push_str(t.get("cite_preamble")),
            Kind::Interpolation => tail.push_str(t.get("cite_passage")),
        }
    }

    /// The citation of the path pushed so far.
    pub fn cite(&self, t: &Strings) -> String {
        let mut out = String::new();
        self.cite_into(t, &mut out);
        out
    }

    /// Appends [`Parts::cite`] to `out`.
    pub fn cite_into(&self, t: &Strings, out: &mut String) {
        let head = &self.head[self.article..];
        out.push_str(head);
        if !head.is_empty() && !self.tail.is_empty() {
            out.push_str(t.get("cite_sep"));
        }
        out.push_str(&self.tail);
    }
}

/// `第二条`, `第三部分`, `前言`, `附件`, `附件二`; `Article 2`, `Annex 2` in English.
pub fn division_label(kind: DivKind, number: Option<u32>, t: &Strings) -> String {
    let mut out = String::new();
    division_label_into(&mut out, kind, number, t);
    out
}

fn division_label_into(out: &mut String, kind: DivKind, number: Option<u32>, t: &Strings) {
    let key = match (kind.rank(), number) {
        (None, Some(_)) => format!("div_{}_n", kind.id_prefix()),
        _ => format!("div_{}", kind.id_prefix()),
    };
    let n = number.unwrap_or(0);
    crate::i18n::fill_into(out, t.get(&key), |name, out| {
        match name {
            "cn" => out.push_str(&to_chinese(n)),
            "n" => write_number(out, n),
            _ => return None,
        }
        Some(())
    });
}

/// The label of an enumerated node as shown: as the text writes it in the source language
/// (`{label}`), or in the language's own form (`({n})`).
pub fn enum_label(kind: EnumKind, number: Option<u32>, written: &str, t: &Strings) -> String {
    let mut out = String::new();
    let key = format!("enum_{}", kind.id_prefix());
    number_format_into(&mut out, t.get(&key), kind, number, written);
    out
}

/// Appends the number format `template` (`{label}`, `{canon}`, `{cn}`, `{n}`) of an
/// enumerated node to `out`.
fn number_format_into(
    out: &mut String,
    template: &str,
    kind: EnumKind,
    number: Option<u32>,
    written: &str,
) {
    let n = number.unwrap_or(0);
    crate::i18n::fill_into(out, template, |name, out| {
        match name {
            "label" => out.push_str(written),
            "canon" => out.push_str(&kind.label(n)),
            "cn" => out.push_str(&to_chinese(n)),
            "n" => write_number(out, n),
            _ => return None,
        }
        Some(())
    });
}

fn write_number(out: &mut String, n: u32) {
    use std::fmt::Write;
    let _ = write!(out, "{n}");
}
