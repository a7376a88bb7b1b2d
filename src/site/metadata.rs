//! Metadata for search engines: schema.org JSON-LD of a document.

use super::*;

/// schema.org metadata of a document, as JSON-LD safe to put inside `<script>`
/// ([`crate::sanitize::script_json`]).
pub(super) fn json_ld(sum: &DocSummary, url: Option<&str>, lang: &str) -> String {
    let mut v = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": sum.title,
        "alternateName": sum.short_title,
        "inLanguage": lang,
    });
    let fields = [
        ("genre", sum.kind.as_deref()),
        ("datePublished", sum.date.as_deref()),
        ("dateModified", sum.updated.as_deref()),
        ("description", sum.summary.as_deref()),
        ("url", url),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            v[key] = value.into();
        }
    }
    if let Some(source) = &sum.source {
        v["publisher"] = serde_json::json!({ "@type": "Organization", "name": source });
    }
    crate::sanitize::script_json(&v.to_string())
}
