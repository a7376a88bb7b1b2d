//! `build()`: the whole pipeline, one stage per line.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Result;
use rayon::prelude::*;
use tera::Tera;

use crate::enrich::{self, Enrichment};
use crate::outline::{Anomaly, Severity};
use crate::output::{self, Files};
use crate::project::{self, Project};
use crate::render;
use crate::search;
use crate::site::{self, Assets};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// The output folder; `root/public` by default.
    pub out: PathBuf,
    /// Overrides `base_url` of `content/site.yaml`.
    pub base_url: Option<String>,
    /// Whether to enrich the texts (glossary links and pages, references, related
    /// passages, subjects); `--no-enrich` builds the plain site.
    pub enrich: bool,
    /// Replace an output folder that a build did not make (`--force`); the project's own
    /// folders are refused all the same (see [`output::guard`]).
    pub force: bool,
    /// Told of each stage as it ends (`gongwen build`'s progress).
    pub progress: Progress,
}

/// The stages of a build, in order, as [`Clock::lap`] names them.
pub const STAGES: [&str; 6] = [
    "load and recognise",
    "enrich, search index",
    "assemble",
    "render and minify",
    "check links",
    "write",
];

/// What is told of each stage as it ends: its name and milliseconds.
#[derive(Clone, Default)]
pub struct Progress(Option<std::sync::Arc<dyn Fn(&'static str, f64) + Send + Sync>>);

impl Progress {
    pub fn new(f: impl Fn(&'static str, f64) + Send + Sync + 'static) -> Progress {
        Progress(Some(std::sync::Arc::new(f)))
    }

    fn tell(&self, stage: &'static str, ms: f64) {
        if let Some(f) = &self.0 {
            f(stage, ms);
        }
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Progress(..)"
        } else {
            "Progress(none)"
        })
    }
}

impl BuildOptions {
    pub fn new(root: &Path) -> Self {
        BuildOptions {
            root: root.to_path_buf(),
            out: root.join("public"),
            base_url: None,
            enrich: true,
            force: false,
            progress: Progress::default(),
        }
    }
}

/// What a build did, for the log.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
    /// The largest file, path and bytes.
    pub largest: (String, usize),
    pub anomalies: Vec<Anomaly>,
    /// Lines such as `seeds/x.txt: GB18030`.
    pub encodings: Vec<String>,
    /// Whether the project has its own `content/site.yaml` (else it was built with defaults).
    pub configured: bool,
    /// (stage, milliseconds)
    pub timings: Vec<(&'static str, f64)>,
    /// The CPU time of every thread in each stage, milliseconds, in the order of `timings`
    /// (empty where the system does not tell).
    pub cpu: Vec<f64>,
    /// (step, milliseconds) within the enrich stage.
    pub enrich_timings: Vec<(&'static str, f64)>,
    /// How many in-text references link to another document of the library.
    pub cross_refs: usize,
}

/// GitHub Pages publishes a site of at most 1 GB, and no file over 100 MB.
pub const PAGES_SITE_LIMIT: usize = 1 << 30;
pub const PAGES_FILE_LIMIT: usize = 100 << 20;

impl BuildReport {
    /// What GitHub Pages would refuse of this output, each with what to do about it.
    pub fn publishing_limits(&self) -> Vec<String> {
        let mb = |b: usize| b as f64 / (1 << 20) as f64;
        let mut out = Vec::new();
        if self.bytes > PAGES_SITE_LIMIT {
            out.push(format!(
                "warning: the site is {:.0} MB; GitHub Pages publishes sites of at most 1 GB: \
                 publish the library as several sites (a project each), or on a host without \
                 that limit",
                mb(self.bytes)
            ));
        }
        let (path, bytes) = &self.largest;
        if *bytes > PAGES_FILE_LIMIT {
            out.push(format!(
                "warning: {path} is {:.0} MB; GitHub Pages refuses files over 100 MB: split \
                 the text it comes from into several documents",
                mb(*bytes)
            ));
        }
        out
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Anomaly> {
        self.anomalies
            .iter()
            .filter(|a| a.severity == Severity::Warning)
    }
}

/// Reads, recognises, renders, checks and writes the site, one stage a line. On any error
/// the output folder is left as it was. Watch mode runs the same stages with its caches
/// ([`crate::watch::Session`]).
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    output::guard::check(&opts.root, &opts.out, opts.force)?;
    let mut report = BuildReport::default();
    let mut clock = Clock::new();
    clock.progress = opts.progress.clone();
    let project = load(opts)?;
    clock.lap(&mut report, "load and recognise");
    let (enrichment, indexes) = enrich_and_index(&project, opts.enrich);
    clock.lap(&mut report, "enrich, search index");
    report.enrich_timings = enrichment.timings.clone();
    report.cross_refs = enrichment.cross_refs;
    let theme = theme(&project.root)?;
    let files = render_site_with(
        &project,
        &enrichment,
        &theme,
        indexes,
        &mut report,
        &mut clock,
        &mut RenderAll,
    )?;
    let checked = output::check(files, &project.content.site.base_path())?;
    clock.lap(&mut report, "check links");
    output::write_atomically(&opts.out, &checked, opts.force)?;
    clock.lap(&mut report, "write");
    report.note(&project, &enrichment, checked.files());
    Ok(report)
}

/// The project at `opts.root`, read and recognised, with the options applied.
pub fn load(opts: &BuildOptions) -> Result<Project> {
    let mut project = project::load(&opts.root)?;
    opts.apply(&mut project);
    Ok(project)
}

impl BuildOptions {
    /// What the options change in a project: the one place they are applied, after every
    /// load or partial reload (`--base-url` wins over `content/site.yaml`; `--no-enrich`
    /// leaves out the glossary and themes).
    pub fn apply(&self, project: &mut Project) {
        if let Some(url) = &self.base_url {
            project.content.site.base_url = url.clone();
        }
        if !self.enrich {
            project.glossary.entries.clear();
            project.themes.clear();
        }
    }
}

/// Enrichment and the search indexes, side by side: they do not depend on each other, and
/// each has steps that run on one core, so together they keep both busy. (Run one after the
/// other, a 2000-document enriched build was no faster in CPU time and up to 0.5 s slower in
/// wall time.)
pub fn enrich_and_index(project: &Project, enrich: bool) -> (Enrichment, Vec<search::SearchIndex>) {
    rayon::join(
        || {
            if enrich {
                enrich::run(project)
            } else {
                Enrichment::default()
            }
        },
        || search_indexes(project),
    )
}

impl BuildReport {
    /// Records what was built: file counts, decoded encodings and every anomaly.
    pub fn note(&mut self, project: &Project, enrichment: &Enrichment, files: &Files) {
        self.files = files.len();
        self.configured = project.content.configured;
        self.bytes = files.values().map(|b| b.len()).sum();
        if let Some((path, b)) = files.iter().max_by_key(|(_, b)| b.len()) {
            self.largest = (path.clone(), b.len());
        }
        for d in &project.documents {
            if d.source.encoding != crate::source::Encoding::Utf8 {
                self.encodings.push(format!(
                    "{}: decoded from {}",
                    d.source.display_path, d.source.encoding
                ));
            }
            self.anomalies.extend(d.outline.anomalies.iter().cloned());
        }
        self.anomalies.extend(enrichment.warnings.iter().cloned());
        self.anomalies
            .extend(project.translations.warnings.iter().cloned());
    }
}

/// Turns pages into minified HTML: [`RenderAll`] for a build, watch mode's page cache for
/// rebuilds (it renders only pages whose view changed).
pub trait RenderPages {
    /// Which documents' pages assembly may leave out, as this renderer has them from its
    /// last render ([`site::PageView::Kept`]); None: build every page.
    fn reuse(&mut self) -> Option<site::kept::Reuse<'_>> {
        None
    }

    /// Renders `pages`, letting go of each page's view once it is rendered where it can, so
    /// the memory of the views is reused for the pages' HTML (on a large site the views hold
    /// hundreds of megabytes of text).
    fn render_pages(
        &mut self,
        tera: &Tera,
        pages: Vec<site::Page>,
    ) -> Result<Vec<(String, output::Bytes)>>;

    /// `anomalies.json`: every anomaly of the build (watch mode keeps the last one while the
    /// anomalies are the same).
    fn anomalies_json(&mut self, anomalies: &[&Anomaly]) -> Result<output::Bytes> {
        anomalies_json(anomalies)
    }
}

/// Renders and minifies every page, in parallel; collecting in order keeps the output
/// deterministic.
pub struct RenderAll;

impl RenderPages for RenderAll {
    fn render_pages(
        &mut self,
        tera: &Tera,
        pages: Vec<site::Page>,
    ) -> Result<Vec<(String, output::Bytes)>> {
        pages
            .into_par_iter()
            .map(|page| {
                let html = render::render(tera, &page)?;
                Ok((page.file, html.into()))
            })
            .collect()
    }
}

/// `anomalies.json`, a list of every anomaly.
pub fn anomalies_json(anomalies: &[&Anomaly]) -> Result<output::Bytes> {
    let mut json = serde_json::to_vec(anomalies)?;
    json.push(b'\n');
    Ok(json.into())
}

/// The search index of every language of the site.
pub fn search_indexes(project: &Project) -> Vec<search::SearchIndex> {
    (0..project.content.site.languages.len())
        .map(|lang| search::index(project, lang))
        .collect()
}

/// The templates, and the theme assets minified and named by a hash of their bytes: what
/// every render reads of `templates/` and `theme/` (watch mode keeps it until one changes).
pub struct Theme {
    pub tera: Tera,
    /// (`assets/style.<hash>.css`, bytes)
    files: Vec<(String, output::Bytes)>,
    /// Each asset's hashed path, by name (`style.css`).
    names: std::collections::BTreeMap<String, String>,
}

/// Loads the templates and assets of the site at `root`, its own overriding the defaults.
pub fn theme(root: &Path) -> Result<Theme> {
    let tera = render::templates(root)?;
    let mut files = Vec::new();
    let mut names = std::collections::BTreeMap::new();
    for (name, text) in render::assets(root)? {
        let bytes = output::minify_asset(&name, &text);
        let (stem, ext) = name.rsplit_once('.').unwrap_or((&name, ""));
        let hashed = format!(
            "assets/{stem}.{}.{ext}",
            crate::text::hash::content_hash(&bytes)
        );
        names.insert(name.clone(), hashed.clone());
        files.push((hashed, bytes.into()));
    }
    Ok(Theme { tera, files, names })
}

/// Renders every page into memory (minified), with the theme's assets, the search indexes
/// and the anomaly report; the pages are rendered by `renderer`, which may keep some pages
/// from its last render (see [`RenderPages::reuse`]).
pub fn render_site_with(
    project: &Project,
    enrichment: &Enrichment,
    theme: &Theme,
    indexes: Vec<search::SearchIndex>,
    report: &mut BuildReport,
    clock: &mut Clock,
    renderer: &mut dyn RenderPages,
) -> Result<Files> {
    let mut files: Files = theme.files.iter().cloned().collect();
    let names = &theme.names;
    let languages = project.content.site.languages.len();
    let mut manifests = Vec::new();
    for index in indexes {
        files.extend(index.files.into_iter().map(|(name, b)| (name, b.into())));
        manifests.push(index.manifest);
    }
    let assets = Assets {
        css: names["style.css"].clone(),
        js: names["site.js"].clone(),
        icon: names["favicon.svg"].clone(),
        search_js: names["search.js"].clone(),
        search: manifests,
    };
    let mut pages = Vec::new();
    let mut reuse = renderer.reuse();
    for lang in 0..languages {
        pages.extend(site::pages_reusing(
            project,
            enrichment,
            &assets,
            lang,
            reuse.as_mut(),
        ));
    }
    clock.lap(report, "assemble");
    report.pages = pages.len();
    let rendered = renderer.render_pages(&theme.tera, pages)?;
    let page_files: Vec<String> = rendered.iter().map(|(f, _)| f.clone()).collect();
    files.extend(rendered);
    clock.lap(report, "render and minify");
    files.insert(".nojekyll".into(), Vec::new().into());
    publishing_files(&project.content.site, &page_files, &mut files);
    let anomalies: Vec<&Anomaly> = project
        .documents
        .iter()
        .flat_map(|d| d.outline.anomalies.iter())
        .chain(&enrichment.warnings)
        .chain(&project.translations.warnings)
        .collect();
    files.insert(
        "anomalies.json".into(),
        renderer.anomalies_json(&anomalies)?,
    );
    for doc in &project.documents {
        files.insert(
            site::document::download_path(doc),
            site::document::download_text(doc).into(),
        );
    }
    Ok(files)
}

/// Stage timings for `--verbose`: wall time, and CPU time where the system tells it.
pub struct Clock {
    wall: Instant,
    cpu: Option<f64>,
    /// Told of each lap.
    pub progress: Progress,
}

impl Clock {
    pub fn new() -> Self {
        Clock {
            wall: Instant::now(),
            cpu: process_cpu_ms(),
            progress: Progress::default(),
        }
    }

    pub fn lap(&mut self, report: &mut BuildReport, stage: &'static str) {
        let now = Instant::now();
        let ms = (now - self.wall).as_secs_f64() * 1000.0;
        report.timings.push((stage, ms));
        self.progress.tell(stage, ms);
        self.wall = now;
        let cpu = process_cpu_ms();
        if let (Some(then), Some(now)) = (self.cpu, cpu) {
            report.cpu.push(now - then);
        }
        self.cpu = cpu;
    }
}

/// The CPU time the process has used so far (user and system, every thread), milliseconds,
/// from `/proc/self/stat` (Linux; None elsewhere). Its unit is the clock tick, 10 ms.
fn process_cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name, field 2, is in parentheses and may hold spaces: count from after it.
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut fields = rest.split(' ').skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    // Linux reports in USER_HZ, which is 100 on every platform it runs on today.
    Some((user + system) * 10.0)
}

impl Default for Clock {
    fn default() -> Self {
        Self::new()
    }
}

/// `robots.txt`, `sitemap.xml` (when the base URL is absolute: a sitemap needs absolute URLs)
/// and `CNAME` (when configured).
fn publishing_files(site: &crate::content::SiteConfig, pages: &[String], files: &mut Files) {
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = site.absolute_base() {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for page in pages.iter().filter(|p| *p != "404.html") {
            let path = page.trim_end_matches("index.html");
            let loc = format!("{base}{path}")
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            xml.push_str(&format!("<url><loc>{loc}</loc></url>\n"));
        }
        xml.push_str("</urlset>\n");
        files.insert("sitemap.xml".into(), xml.into_bytes().into());
        robots.push_str(&format!("Sitemap: {base}sitemap.xml\n"));
    }
    files.insert("robots.txt".into(), robots.into_bytes().into());
    if let Some(cname) = site
        .cname
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        files.insert("CNAME".into(), format!("{cname}\n").into_bytes().into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_github_pages_would_refuse_is_told_what_to_do() {
        let mut report = BuildReport {
            bytes: PAGES_SITE_LIMIT,
            largest: ("search/zh-Hans/k1.json".into(), PAGES_FILE_LIMIT),
            ..BuildReport::default()
        };
        assert!(
            report.publishing_limits().is_empty(),
            "at the limits is allowed"
        );
        report.bytes += 1;
        report.largest.1 += 1;
        let said = report.publishing_limits();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(
            said[0].contains("1024 MB") && said[0].contains("several sites"),
            "{said:?}"
        );
        assert!(
            said[1].starts_with("warning: search/zh-Hans/k1.json is 100 MB"),
            "{said:?}"
        );
    }
}
