//! Extra pages from `content/pages/*.md`: their links and languages.

use super::*;

/// Links in extra pages are written as from the source language's page. Pages are mirrored
/// in every language, so `../glossary/` stays; files are not (`../anomalies.json`), so a
/// page under `en/` reaches them one folder further up.
pub(super) fn shared_file_links<'e>(
    event: pulldown_cmark::Event<'e>,
    prefix: &str,
) -> pulldown_cmark::Event<'e> {
    use pulldown_cmark::{Event, Tag};
    let up = "../".repeat(prefix.matches('/').count());
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !up.is_empty() && is_relative_file(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: format!("{up}{dest_url}").into(),
            title,
            id,
        }),
        other => other,
    }
}

/// `../anomalies.json` but not `../glossary/`, `#x`, `/x` or `https://…`.
pub(super) fn is_relative_file(url: &str) -> bool {
    let path = url.split(['#', '?']).next().unwrap_or("");
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains(':')
        && !path.ends_with('/')
        && path
            .rsplit('/')
            .next()
            .is_some_and(|name| name.contains('.'))
}

/// An extra page in language `t`: its translation, else the source with the source's
/// language for the `lang` attribute.
pub(super) fn extra_page<'a>(
    page: &'a crate::content::ExtraPage,
    t: &Strings,
    source: &str,
) -> (&'a crate::content::ExtraPage, Option<String>) {
    if t.lang == source {
        return (page, None);
    }
    match page.translations.get(&t.lang) {
        Some(p) => (p, None),
        None => (page, Some(source.to_string())),
    }
}
