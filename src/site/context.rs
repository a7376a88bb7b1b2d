//! The context of one language's assembly ([`Ctx`]): the site, the documents' titles and
//! citations, URLs, layouts, and what watch mode may reuse; breadcrumbs.

use super::*;

/// A text for every node of a language, by slot (see [`crate::enrich::Slots`]), in one
/// buffer: a large site has a million nodes, and a string each would be as many allocations.
#[derive(Default)]
pub(super) struct BySlot {
    pub(super) text: String,
    /// Slot `i`'s text is `text[bounds[i]..bounds[i + 1]]`.
    pub(super) bounds: Vec<usize>,
}

impl BySlot {
    pub(super) fn get(&self, slot: usize) -> &str {
        match (self.bounds.get(slot), self.bounds.get(slot + 1)) {
            (Some(&start), Some(&end)) => self.text.get(start..end).unwrap_or_default(),
            _ => "",
        }
    }

    /// Joins the documents' texts, each a `BySlot` whose bounds hold where each text ends
    /// (the first starts at 0).
    pub(super) fn join(per_doc: Vec<BySlot>) -> BySlot {
        let mut all = BySlot {
            text: String::with_capacity(per_doc.iter().map(|c| c.text.len()).sum()),
            bounds: Vec::with_capacity(per_doc.iter().map(|c| c.bounds.len()).sum::<usize>() + 1),
        };
        all.bounds.push(0);
        for c in per_doc {
            let at = all.text.len();
            all.text.push_str(&c.text);
            all.bounds.extend(c.bounds.iter().map(|e| e + at));
        }
        all
    }
}

/// The citation of every node in a language (`第二条 五（二）`), by slot.
pub(super) fn cites(project: &Project, t: &Strings) -> BySlot {
    pub(super) fn go(n: &Node, parts: &mut cite::Parts, t: &Strings, out: &mut BySlot) {
        let mark = parts.mark();
        parts.push(n, t);
        parts.cite_into(t, &mut out.text);
        out.bounds.push(out.text.len());
        for c in &n.children {
            go(c, parts, t, out);
        }
        parts.truncate(mark);
    }
    let per_doc: Vec<BySlot> = project
        .documents
        .par_iter()
        .map(|d| {
            let mut out = BySlot {
                text: String::new(),
                bounds: Vec::with_capacity(d.outline.node_count as usize),
            };
            for n in &d.outline.nodes {
                go(n, &mut cite::Parts::default(), t, &mut out);
            }
            out
        })
        .collect();
    BySlot::join(per_doc)
}

/// Each document's title (`what` = `title`) or short title (`short_title`, else the
/// title) in the language.
pub(super) fn doc_titles(project: &Project, t: &Strings, lang: usize, what: &str) -> Vec<String> {
    project
        .documents
        .iter()
        .map(|d| {
            (lang > 0)
                .then(|| project.translations.meta(&t.lang, d, what).0)
                .flatten()
                .or_else(|| (what == "short_title").then(|| d.meta.short_title.clone())?)
                .unwrap_or_else(|| d.title())
        })
        .map(|t| crate::text::punct::display(&t).into_owned())
        .collect()
}

pub struct Ctx<'a> {
    pub(super) config: &'a SiteConfig,
    pub(super) assets: &'a Assets,
    /// The glossary, the subjects and one link per extra page, in every page's header.
    pub(super) nav: Vec<Link>,
    pub(super) project: &'a Project,
    pub(super) enrichment: &'a Enrichment,
    /// Every node by slot, with its document and page.
    pub(super) nodes: Vec<crate::enrich::Placed<'a>>,
    pub(super) slots: crate::enrich::Slots,
    /// Each document's title and short title in this language.
    pub(super) titles: Vec<String>,
    pub(super) shorts: Vec<String>,
    /// The language's index in the site's languages; 0 is the source.
    pub(super) lang: usize,
    pub(super) t: &'a Strings,
    /// Where the language's pages are: `""` or `en/`.
    pub(super) prefix: String,
    pub(super) map: std::sync::Arc<std::collections::BTreeMap<String, String>>,
    pub(super) ui: std::sync::Arc<String>,
    /// The citation of every node in this language, by slot.
    pub(super) cites: BySlot,
    /// Every node's link as a list of passages writes it, by slot (see [`Ctx::list_link`]);
    /// empty on a site without lists.
    pub(super) list_links: BySlot,
    /// What watch mode may keep from its last assembly.
    pub(super) reuse: Option<kept::Lookup<'a>>,
}

impl Ctx<'_> {
    /// The output file of the page at `path` (a directory path from the language's root).
    pub fn file(&self, path: &str) -> String {
        format!("{}{path}index.html", self.prefix)
    }

    /// The language's code when it is not the source: whose translations to show.
    pub fn tr(&self) -> Option<&str> {
        (self.lang > 0).then_some(self.t.lang.as_str())
    }

    /// The source language's code.
    pub fn source_lang(&self) -> &str {
        &self.project.content.strings[0].lang
    }

    /// The citation of a node in this language.
    pub fn cite(&self, slot: usize) -> &str {
        self.cites.get(slot)
    }

    /// The link to the node at `slot` as a list of passages writes it after the page's root:
    /// the rest of the `href`, the end of the tag, the escaped citation and the closing tag
    /// (`doc/art2/#art2-s5-i2>第二条 五（二）</a>`). A passage is listed on the page of each
    /// term and subject it has: made once for the site, a list item is a copy.
    pub fn list_link(&self, slot: usize) -> &str {
        self.list_links.get(slot)
    }

    /// Every node's [`Ctx::list_link`], made in slot order, one document per task.
    pub(super) fn list_links(&self) -> BySlot {
        let per_doc: Vec<BySlot> = (0..self.project.documents.len())
            .into_par_iter()
            .map(|doc| {
                let slots = self.slots.range(doc);
                let mut out = BySlot {
                    text: String::new(),
                    bounds: Vec::with_capacity(slots.len()),
                };
                let mut url = String::new();
                for slot in slots {
                    url.clear();
                    self.url_into(slot, &mut url);
                    // Slugs are `a-z0-9-` (checked on load) and ids are structural: a URL
                    // needs no quotes, so the page's root can go straight before it.
                    debug_assert!(blocks::is_bare(&url), "{url}");
                    blocks::escape_into(&mut out.text, &url);
                    out.text.push('>');
                    blocks::escape_into(&mut out.text, self.cite(slot));
                    out.text.push_str("</a>");
                    out.bounds.push(out.text.len());
                }
                out
            })
            .collect();
        BySlot::join(per_doc)
    }

    /// The root-relative URL of the node at `slot`: `doc/art2/#art2-s5-i2` (as
    /// [`crate::enrich::unit_url`] makes it).
    pub fn url(&self, slot: usize) -> String {
        let mut url = String::new();
        self.url_into(slot, &mut url);
        url
    }

    /// Writes [`Ctx::url`] of `slot` to `url`.
    pub fn url_into(&self, slot: usize, url: &mut String) {
        if let Some(p) = self.nodes.get(slot) {
            crate::enrich::url_into(url, self.project.documents[p.doc].slug(), p.top, &p.node.id);
        }
    }

    /// The citation of `node` of document `doc` in this language.
    pub fn cite_of(&self, doc: usize, node: &Node) -> &str {
        self.slots.of(doc, node).map_or("", |s| self.cite(s))
    }

    /// A site-wide text in this language: the language's own string when it has one, else
    /// the source's from `content/site.yaml`.
    pub(super) fn site_string(&self, key: &str, source: &str) -> String {
        match self.t.map.get(key) {
            Some(s) if self.lang > 0 => s.clone(),
            _ => source.to_string(),
        }
    }

    /// The layout of the page at `path` (a directory path from the language's root, `""`
    /// for its home).
    /// The way from the page at `path` (a directory path from the language's root) back to
    /// the language's root: `./`, `../../`.
    pub fn root_of(&self, path: &str) -> String {
        up(path.matches('/').count())
    }

    pub fn layout(
        &self,
        path: &str,
        title: &str,
        description: &str,
        breadcrumbs: Vec<Link>,
    ) -> Layout {
        let depth = path.matches('/').count();
        let root = up(depth);
        let site_root = up(depth + self.prefix.matches('/').count());
        let base = self.config.absolute_base();
        let canonical = base
            .as_ref()
            .map(|base| format!("{base}{}{path}", self.prefix));
        let site_title = self.site_string("site_title", &self.config.title);
        let site_description = self.site_string("site_description", &self.config.description);
        let description = if description.is_empty() {
            site_description.as_str()
        } else {
            description
        };
        let page_title = if path.is_empty() {
            title.to_string()
        } else {
            format!("{title} · {site_title}")
        };
        let languages = &self.project.content.site.languages;
        let alternates: Vec<Alternate> = languages
            .iter()
            .enumerate()
            .map(|(i, code)| {
                let prefix = if i == 0 {
                    String::new()
                } else {
                    format!("{code}/")
                };
                let url = format!("{site_root}{prefix}{path}");
                Alternate {
                    lang: code.clone(),
                    name: self.project.content.strings[i].get("lang_name").to_string(),
                    href: base
                        .as_ref()
                        .map_or_else(|| url.clone(), |b| format!("{b}{prefix}{path}")),
                    url,
                    current: i == self.lang,
                }
            })
            .collect();
        let multilingual = alternates.len() > 1;
        Layout {
            site_title,
            lang: self.t.lang.clone(),
            t: self.map.clone(),
            ui: self.ui.clone(),
            x_default: alternates.first().map(|a| a.href.clone()),
            alternates: if multilingual { alternates } else { Vec::new() },
            hreflang: multilingual,
            page_title,
            description: description.to_string(),
            root,
            site_root,
            canonical,
            og_type: if path.is_empty() {
                "website"
            } else {
                "article"
            },
            json_ld: None,
            css: self.assets.css.clone(),
            js: self.assets.js.clone(),
            icon: self.assets.icon.clone(),
            search_js: self.assets.search_js.clone(),
            search: self.assets.search[self.lang].clone(),
            breadcrumbs,
            footer: self.site_string("site_footer", &self.config.footer),
            nav: self.nav.clone(),
        }
    }
}

/// `depth` steps up: `./` for none, else `../` repeated.
pub(super) fn up(depth: usize) -> String {
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// Breadcrumbs: the home page, then `section` (title, URL from the root) if given.
pub fn crumbs(ctx: &Ctx, section: Option<(&str, &str)>) -> Vec<Link> {
    let mut c = vec![Link {
        title: ctx.t.get("home").into(),
        url: String::new(),
    }];
    if let Some((title, url)) = section {
        c.push(Link {
            title: title.into(),
            url: url.into(),
        });
    }
    c
}
