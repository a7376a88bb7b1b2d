//! Rendering: Tera templates and theme assets, embedded in the binary as defaults and
//! overridable file by file from the site's own `templates/` and `theme/` folders.

use std::path::Path;

use anyhow::{Context, Result};
use tera::Tera;

use crate::site::{Page, PageView};

/// The default templates, compiled in.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("home.html", include_str!("../templates/home.html")),
    ("document.html", include_str!("../templates/document.html")),
    ("division.html", include_str!("../templates/division.html")),
    ("parallel.html", include_str!("../templates/parallel.html")),
    ("print.html", include_str!("../templates/print.html")),
    ("page.html", include_str!("../templates/page.html")),
    ("404.html", include_str!("../templates/404.html")),
    ("glossary.html", include_str!("../templates/glossary.html")),
    ("term.html", include_str!("../templates/term.html")),
    ("subjects.html", include_str!("../templates/subjects.html")),
    ("subject.html", include_str!("../templates/subject.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("library.html", include_str!("../templates/library.html")),
    ("doclist.html", include_str!("../templates/doclist.html")),
    ("facets.html", include_str!("../templates/facets.html")),
];

/// The default theme assets, compiled in.
const ASSETS: &[(&str, &str)] = &[
    ("style.css", include_str!("../theme/style.css")),
    ("site.js", include_str!("../theme/site.js")),
    ("search.js", include_str!("../theme/search.js")),
    ("favicon.svg", include_str!("../theme/favicon.svg")),
];

/// Where a template or asset came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    Site(String),
}

/// The one lookup rule: `root/<dir>/<name>` if it exists, else the compiled-in default.
fn lookup(root: &Path, dir: &str, name: &str, default: &str) -> Result<(String, Origin)> {
    let path = root.join(dir).join(name);
    if path.is_file() {
        let shown = format!("{dir}/{name}");
        let text =
            std::fs::read_to_string(&path).with_context(|| format!("{shown}: cannot read"))?;
        Ok((text, Origin::Site(shown)))
    } else {
        Ok((default.to_string(), Origin::Default))
    }
}

/// Loads the templates, the site's own overriding the defaults.
pub fn templates(root: &Path) -> Result<Tera> {
    let mut tera = Tera::default();
    let mut files = Vec::new();
    for (name, default) in TEMPLATES {
        let (text, _) = lookup(root, "templates", name, default)?;
        files.push((name.to_string(), text));
    }
    tera.add_raw_templates(files)
        .map_err(|e| anyhow::anyhow!("templates/: {}", error_chain(&e)))?;
    tera.autoescape_on(vec![".html"]);
    Ok(tera)
}

/// The theme assets (name, contents), the site's own overriding the defaults.
pub fn assets(root: &Path) -> Result<Vec<(String, String)>> {
    ASSETS
        .iter()
        .map(|(name, default)| {
            lookup(root, "theme", name, default).map(|(t, _)| (name.to_string(), t))
        })
        .collect()
}

/// Renders one page to minified HTML. Its fragments of ready HTML (see
/// [`crate::site::blocks`]) do not go through Tera, which would copy and check them: the
/// template gets a placeholder for each, and they are put in place once the page around them
/// is minified ([`crate::output::minify_page`]).
pub fn render(tera: &Tera, page: &Page) -> Result<Vec<u8>> {
    let mut value = view_value(page)?;
    let mut fragments = Vec::new();
    take_fragments(&mut value, &mut fragments);
    let html = render_view(tera, page, value)?;
    Ok(crate::output::minify_page(&html, &fragments))
}

/// Moves every fragment out of a view value into `out`, leaving its placeholder.
fn take_fragments(value: &mut serde_json::Value, out: &mut Vec<String>) {
    use serde_json::Value;
    match value {
        Value::String(s) if crate::html::is_fragment(s) => {
            let placeholder = crate::html::placeholder(out.len());
            out.push(std::mem::replace(s, placeholder));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| take_fragments(v, out)),
        Value::Object(fields) => fields.values_mut().for_each(|v| take_fragments(v, out)),
        _ => {}
    }
}

/// A page's view as the JSON value its template receives. Equal values render equal pages,
/// which is what watch mode's page cache relies on.
pub fn view_value(page: &Page) -> Result<serde_json::Value> {
    Ok(match &page.view {
        PageView::Home(v) => serde_json::to_value(v),
        PageView::Document(v) => serde_json::to_value(v),
        PageView::Division(v) => serde_json::to_value(v),
        PageView::Parallel(v) => serde_json::to_value(v),
        PageView::Print(v) => serde_json::to_value(v),
        PageView::Text(v) | PageView::NotFound(v) | PageView::Search(v) => serde_json::to_value(v),
        PageView::GlossaryIndex(v) => serde_json::to_value(v),
        PageView::GlossaryEntry(v) => serde_json::to_value(v),
        PageView::Subjects(v) => serde_json::to_value(v),
        PageView::Subject(v) => serde_json::to_value(v),
        PageView::Library(v) => serde_json::to_value(v),
        PageView::Kept => anyhow::bail!("{}: a kept page has no view to render", page.file),
    }?)
}

/// Writes a page's view as JSON to `w`, for watch mode's page cache to compare with the
/// last one: straight from the view, which is faster than [`view_value`] and then bytes (the
/// bytes are compared only with bytes written the same way).
pub fn write_view(page: &Page, w: impl std::io::Write) -> serde_json::Result<()> {
    match &page.view {
        PageView::Home(v) => serde_json::to_writer(w, v),
        PageView::Document(v) => serde_json::to_writer(w, v),
        PageView::Division(v) => serde_json::to_writer(w, v),
        PageView::Parallel(v) => serde_json::to_writer(w, v),
        PageView::Print(v) => serde_json::to_writer(w, v),
        PageView::Text(v) | PageView::NotFound(v) | PageView::Search(v) => {
            serde_json::to_writer(w, v)
        }
        PageView::GlossaryIndex(v) => serde_json::to_writer(w, v),
        PageView::GlossaryEntry(v) => serde_json::to_writer(w, v),
        PageView::Subjects(v) => serde_json::to_writer(w, v),
        PageView::Subject(v) => serde_json::to_writer(w, v),
        PageView::Library(v) => serde_json::to_writer(w, v),
        PageView::Kept => Err(serde::ser::Error::custom("a kept page has no view")),
    }
}

/// Renders one page from its view value (see [`view_value`]).
fn render_view(tera: &Tera, page: &Page, view: serde_json::Value) -> Result<String> {
    let ctx = tera::Context::from_value(view)?;
    let name = page.view.template();
    tera.render(name, &ctx).map_err(|e| {
        anyhow::anyhow!(
            "templates/{name}: rendering {}: {}",
            page.file,
            error_chain(&e)
        )
    })
}

/// Tera puts the useful part of an error in its sources; show all of them on one line.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}
