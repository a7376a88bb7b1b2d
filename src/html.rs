//! The marks of ready HTML fragments in a rendered page, shared by assembly (which writes
//! them, [`crate::site::blocks`]), rendering (which hands a template a placeholder for each)
//! and output (which minifies the page around them). Imports nothing from the crate.

/// Opens a fragment of ready HTML in a rendered page.
pub const FRAGMENT_START: char = '\u{FDD0}';
/// Closes a fragment of ready HTML.
pub const FRAGMENT_END: char = '\u{FDD1}';

/// Whether a view's text is a fragment of ready HTML.
pub fn is_fragment(text: &str) -> bool {
    let marks = FRAGMENT_START.len_utf8() + FRAGMENT_END.len_utf8();
    text.len() > marks && text.starts_with(FRAGMENT_START) && text.ends_with(FRAGMENT_END)
}

/// What a template gets in place of the page's `n`th fragment: its number between the
/// marks.
pub fn placeholder(n: usize) -> String {
    format!("{FRAGMENT_START}{n}{FRAGMENT_END}")
}
