//! The editorial layer in `content/`: site configuration, document metadata with structure
//! corrections, and extra pages. Parsed, validated, nothing derived yet.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::Deserialize;

use crate::i18n::{self, Strings};
use crate::outline::Correction;
use crate::source::display_path;
use crate::yaml;

pub mod synonyms;
pub mod themes;

/// `content/site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name, shown in every page header.
    pub title: String,
    /// One or two sentences for the home page and search engines.
    #[serde(default)]
    pub description: String,
    /// Where the site is published, e.g. `https://owner.github.io/repo/`. Only its path
    /// matters for links (`/repo/`); the whole URL is used for canonical links.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// Shown in the footer.
    #[serde(default)]
    pub footer: String,
    /// A custom domain for GitHub Pages, written to `CNAME` (e.g. `docs.example.org`).
    #[serde(default)]
    pub cname: Option<String>,
    /// The site's languages, the source language first: `[zh-Hans, en]`. Pages of the
    /// source language are at the root, those of each other language under `<lang>/`.
    #[serde(default = "default_languages")]
    pub languages: Vec<String>,
    /// Whether each document has a page with its whole text, for printing (`<doc>/print/`);
    /// a large library may leave them out to save space.
    #[serde(default = "default_true")]
    pub print_pages: bool,
}

fn default_true() -> bool {
    true
}

fn default_languages() -> Vec<String> {
    vec!["zh-Hans".into()]
}

fn default_base_url() -> String {
    "/".into()
}

impl SiteConfig {
    /// The absolute base URL ending in `/`, when the configured one is absolute.
    pub fn absolute_base(&self) -> Option<String> {
        let url = self.base_url.trim();
        url.contains("://")
            .then(|| format!("{}/", url.trim_end_matches('/')))
    }

    /// The path part of the base URL, always starting and ending with `/`.
    pub fn base_path(&self) -> String {
        let url = self.base_url.trim();
        let path = match url.find("://") {
            Some(i) => url[i + 3..].find('/').map_or("/", |j| &url[i + 3 + j..]),
            None => url,
        };
        let trimmed = path.trim_matches('/');
        if trimmed.is_empty() {
            "/".into()
        } else {
            format!("/{trimmed}/")
        }
    }
}

/// `content/documents/<key>.yaml`: what the text itself does not say, and corrections.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocMeta {
    pub title: Option<String>,
    /// A short form for breadcrumbs and citations' context.
    pub short_title: Option<String>,
    /// The document's folder in the site; the file key by default.
    pub slug: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The day the site's text of the document last changed (a correction, a fix), shown
    /// to readers; `YYYY-MM-DD`.
    pub updated: Option<String>,
    /// Who issued or published the text.
    pub source: Option<String>,
    /// The body that adopted or promulgated the text, for browsing the library by issuer
    /// (read from the 题注 when not given).
    pub issuer: Option<String>,
    pub source_url: Option<String>,
    /// 行动计划, 政策文件, 法律 …
    pub kind: Option<String>,
    /// A sentence for the home page.
    pub summary: Option<String>,
    #[serde(default)]
    pub corrections: Vec<Correction>,
    /// The line of `slug:` in the file, for messages.
    #[serde(skip)]
    pub slug_line: usize,
}

/// An extra page from `content/pages/<slug>.md`.
#[derive(Debug, Clone)]
pub struct ExtraPage {
    pub slug: String,
    pub title: String,
    /// The page's name in the site header: `nav: 关于` in an HTML comment on the first line
    /// (`<!-- nav: 关于 -->`), else its title.
    pub nav_title: String,
    pub markdown: String,
    /// The page in other languages, from `content/pages/<slug>.<lang>.md`.
    pub translations: BTreeMap<String, ExtraPage>,
}

/// Everything in `content/`.
#[derive(Debug, Clone)]
pub struct Content {
    pub site: SiteConfig,
    /// Whether `content/site.yaml` exists; without it the site has [`DEFAULT_SITE`].
    pub configured: bool,
    /// Keyed by document key (the seed's file stem).
    pub documents: BTreeMap<String, DocMeta>,
    pub pages: Vec<ExtraPage>,
    /// The interface strings of each language of `site.languages`, in that order.
    pub strings: Vec<Strings>,
    /// Names of one thing, for search: built in and from `content/synonyms.yaml`.
    pub synonyms: synonyms::Groups,
}

/// The configuration of a project without `content/site.yaml`.
pub const DEFAULT_SITE: &str = "title: 公文库\n";

/// Reads `root/content`.
pub fn load(root: &Path) -> Result<Content> {
    let dir = root.join("content");
    let site_path = dir.join("site.yaml");
    // A folder with only seeds/ builds with defaults (see [`Content::configured`]).
    let configured = site_path.exists();
    let site: SiteConfig = if configured {
        read_yaml(root, &site_path)?
    } else {
        yaml::parse("content/site.yaml", DEFAULT_SITE)?
    };
    validate_languages(&site, &display_path(root, &site_path), root)?;
    validate_addresses(&site, &display_path(root, &site_path), root)?;
    let strings = i18n::load(root, &site.languages)?;
    let mut documents = BTreeMap::new();
    let docs_dir = dir.join("documents");
    if docs_dir.is_dir() {
        for path in sorted_files(&docs_dir, "yaml")? {
            let key = stem(&path);
            let shown = display_path(root, &path);
            let text = read_text(&path, &shown)?;
            let mut meta: DocMeta = yaml::parse(&shown, &text)?;
            validate_meta(&meta, &shown, &text)?;
            meta.slug_line = yaml::find_line(&text, 0, "slug:").unwrap_or(1);
            let mut from = 0;
            for c in &mut meta.corrections {
                let at = yaml::find_line(&text, from, &format!("line: {}", c.line)).unwrap_or(1);
                from = at;
                c.origin = format!("{shown}:{at}");
            }
            documents.insert(key, meta);
        }
    }
    let mut pages: Vec<ExtraPage> = Vec::new();
    let mut translated = Vec::new();
    let pages_dir = dir.join("pages");
    if pages_dir.is_dir() {
        for path in sorted_files(&pages_dir, "md")? {
            let shown = display_path(root, &path);
            let markdown = read_text(&path, &shown)?;
            check_page_name(&path, &shown)?;
            crate::sanitize::check_markdown(&markdown)
                .map_err(|p| anyhow::anyhow!("{shown}:{}: {}", p.line, p.message))?;
            let title = markdown
                .lines()
                .find_map(|l| l.strip_prefix("# "))
                .map(|t| t.trim().to_string())
                .with_context(|| format!("{shown}:1: a page needs a `# Title` line"))?;
            let nav_title = markdown
                .lines()
                .next()
                .and_then(|l| l.trim().strip_prefix("<!-- nav:"))
                .and_then(|l| l.strip_suffix("-->"))
                .map(|l| l.trim().to_string())
                .unwrap_or_else(|| title.clone());
            let stem = stem(&path);
            let page = ExtraPage {
                slug: stem.clone(),
                title,
                nav_title,
                markdown,
                translations: BTreeMap::new(),
            };
            // `about.en.md` is the English `about.md` when `en` is one of the languages.
            match stem.rsplit_once('.') {
                Some((slug, lang)) if site.languages[1..].iter().any(|l| l == lang) => {
                    translated.push((slug.to_string(), lang.to_string(), page, shown));
                }
                _ => pages.push(page),
            }
        }
    }
    for (slug, lang, mut page, shown) in translated {
        let Some(source) = pages.iter_mut().find(|p| p.slug == slug) else {
            bail!("{shown}: a translation of content/pages/{slug}.md, which does not exist");
        };
        page.slug = slug;
        source.translations.insert(lang, page);
    }
    Ok(Content {
        site,
        configured,
        documents,
        pages,
        strings,
        synonyms: synonyms::load(root)?,
    })
}

/// Languages are unique BCP 47-like codes (`zh-Hans`, `en`, `pt-BR`); there is at least one.
fn validate_languages(site: &SiteConfig, shown: &str, root: &Path) -> Result<()> {
    let text = std::fs::read_to_string(root.join("content/site.yaml")).unwrap_or_default();
    let line = yaml::find_line(&text, 0, "languages:").unwrap_or(1);
    if site.languages.is_empty() {
        bail!("{shown}:{line}: `languages` needs at least the source language");
    }
    for (i, lang) in site.languages.iter().enumerate() {
        let ok = !lang.is_empty()
            && lang.split('-').all(|part| {
                !part.is_empty()
                    && part.len() <= 8
                    && part.bytes().all(|c| c.is_ascii_alphanumeric())
            });
        if !ok {
            bail!("{shown}:{line}: `{lang}` is not a language code such as zh-Hans, en or es");
        }
        if site.languages[..i].contains(lang) {
            bail!("{shown}:{line}: language `{lang}` is listed twice");
        }
    }
    Ok(())
}

/// A page's file name is its URL segment: `a-z`, `0-9` and `-` (and `.lang` for a
/// translation), so that it cannot break a link or an attribute.
fn check_page_name(path: &Path, shown: &str) -> Result<()> {
    let stem = stem(path);
    let slug = stem.split('.').next().unwrap_or_default();
    let ok = !slug.is_empty()
        && slug
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-');
    if !ok {
        bail!("{shown}: a page's file name is its address and may contain only a-z, 0-9 and - (e.g. content/pages/about.md)");
    }
    Ok(())
}

/// `base_url` is a path (`/`, `/repo/`) or an `http(s)://` address; `cname` a host name.
fn validate_addresses(site: &SiteConfig, shown: &str, root: &Path) -> Result<()> {
    let text = std::fs::read_to_string(root.join("content/site.yaml")).unwrap_or_default();
    let at = |key: &str| yaml::find_line(&text, 0, &format!("{key}:")).unwrap_or(1);
    let base = site.base_url.trim();
    if base.contains("://") {
        crate::sanitize::check_url(base)
            .map_err(|why| anyhow::anyhow!("{shown}:{}: base_url {why}", at("base_url")))?;
    } else if !base.starts_with('/')
        || !base
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"/-._~%".contains(&c))
    {
        bail!(
            "{shown}:{}: base_url \"{base}\" is neither a path such as /repo/ nor an https:// address",
            at("base_url")
        );
    }
    if let Some(cname) = site
        .cname
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let ok = cname.len() <= 253
            && cname.split('.').count() >= 2
            && cname.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label
                        .bytes()
                        .all(|c| c.is_ascii_alphanumeric() || c == b'-')
            });
        if !ok {
            bail!(
                "{shown}:{}: cname \"{cname}\" is not a host name such as docs.example.org",
                at("cname")
            );
        }
    }
    Ok(())
}

/// Whether `date` is a real day written `YYYY-MM-DD`.
pub fn is_date(date: &str) -> bool {
    let b = date.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        date[..4].parse::<u32>(),
        date[5..7].parse::<u32>(),
        date[8..].parse::<u32>(),
    ) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

fn validate_meta(meta: &DocMeta, shown: &str, text: &str) -> Result<()> {
    let at = |key: &str| yaml::find_line(text, 0, &format!("{key}:")).unwrap_or(1);
    for (key, value) in [("date", &meta.date), ("updated", &meta.updated)] {
        if let Some(date) = value {
            if !is_date(date) {
                bail!(
                    "{shown}:{}: {key} \"{date}\" is not a day of the form YYYY-MM-DD",
                    at(key)
                );
            }
        }
    }
    if let Some(url) = &meta.source_url {
        crate::sanitize::check_url(url)
            .map_err(|why| anyhow::anyhow!("{shown}:{}: source_url {why}", at("source_url")))?;
    }
    if let Some(slug) = &meta.slug {
        let ok = !slug.is_empty()
            && slug
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-');
        if !ok {
            bail!(
                "{shown}:{}: slug \"{slug}\" may contain only a-z, 0-9 and -",
                at("slug")
            );
        }
    }
    Ok(())
}

fn read_yaml<T: serde::de::DeserializeOwned>(root: &Path, path: &Path) -> Result<T> {
    let shown = display_path(root, path);
    let text = read_text(path, &shown)?;
    Ok(yaml::parse(&shown, &text)?)
}

fn read_text(path: &Path, shown: &str) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("{shown}: cannot read"))?;
    let text = String::from_utf8(bytes).with_context(|| format!("{shown}: not UTF-8"))?;
    Ok(text.trim_start_matches('\u{FEFF}').to_string())
}

fn sorted_files(dir: &Path, ext: &str) -> Result<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    for entry in
        std::fs::read_dir(dir).with_context(|| format!("{}: cannot list", dir.display()))?
    {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.is_file() && !name.starts_with('.') && path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(base: &str) -> SiteConfig {
        SiteConfig {
            title: String::new(),
            description: String::new(),
            base_url: base.into(),
            footer: String::new(),
            cname: None,
            languages: default_languages(),
            print_pages: true,
        }
    }

    #[test]
    fn dates_must_be_real_days() {
        for ok in ["2025-05-13", "2024-02-29", "2000-02-29", "1999-12-31"] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "2025-13-45",
            "2025-02-29",
            "1900-02-29",
            "2025-04-31",
            "2025-00-10",
            "2025-5-13",
            "２０２５-05-13",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn takes_the_path_of_the_base_url() {
        assert_eq!(site("/").base_path(), "/");
        assert_eq!(site("https://o.github.io/repo/").base_path(), "/repo/");
        assert_eq!(site("https://o.github.io/repo").base_path(), "/repo/");
        assert_eq!(site("https://example.org").base_path(), "/");
        assert_eq!(site("/a/b").base_path(), "/a/b/");
    }
}
