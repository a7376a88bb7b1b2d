//! The site kept in memory between rebuilds, and the rebuild: classify, then react.

use std::collections::BTreeSet;
use std::time::Instant;

use anyhow::{bail, Result};

use super::links::LinkIndex;
use super::page_cache::PageCache;
use super::write::{write_changes, Written};
use super::ChangeKind;
use crate::build::{self, render_site_with, BuildOptions, BuildReport, Clock, Theme};
use crate::enrich::{self, Enrichment};
use crate::output::{self, Files};
use crate::project::{self, Project};
use crate::search::{LiveIndexes, Touched};
use crate::{content, glossary};

/// A watched site: the parsed project, the rendered pages and the last good output.
pub struct Session {
    opts: BuildOptions,
    project: Option<Project>,
    /// The enrichment of `project`, while the project is unchanged (a template or theme
    /// edit re-reads nothing, so it is reused).
    enrichment: Option<Enrichment>,
    /// The enrichment's passes over each document, reused for unchanged documents.
    scans: enrich::ScanCache,
    /// The templates and assets, until one of them changes.
    theme: Option<Theme>,
    /// The search index of each language, updated where an edit touched it.
    search: LiveIndexes,
    pages: PageCache,
    links: LinkIndex,
    /// What is in the output folder now (None before the first good build).
    last: Option<Files>,
    /// Changes not yet built successfully; applied again with the next batch.
    pending: BTreeSet<ChangeKind>,
}

/// What a rebuild did, for the log line.
#[derive(Debug)]
pub struct Rebuilt {
    /// What was re-read: `1 document`, `content`, `everything`…
    pub reloaded: String,
    pub pages: usize,
    pub rendered: usize,
    /// Pages taken from the last rebuild without being assembled (their documents and the
    /// enrichment they show are unchanged).
    pub kept: usize,
    pub written: usize,
    pub removed: usize,
    pub ms: f64,
    pub report: BuildReport,
}

/// What `reload` says when the project is unchanged.
const NOTHING: &str = "nothing";

/// What the project needs after a batch of changes.
enum Reload {
    Nothing,
    /// Documents to read and recognise again, by seed key, after `content/` was re-read if
    /// `content` is set; glossary and themes likewise.
    Parts {
        content: bool,
        glossary: bool,
        themes: bool,
        documents: BTreeSet<String>,
    },
    All,
}

impl Session {
    pub fn new(opts: BuildOptions) -> Self {
        Session {
            opts,
            project: None,
            enrichment: None,
            scans: enrich::ScanCache::default(),
            theme: None,
            search: LiveIndexes::default(),
            pages: PageCache::default(),
            links: LinkIndex::default(),
            last: None,
            pending: BTreeSet::new(),
        }
    }

    /// The site's base path (`/gongwen/`), once a project was loaded.
    pub fn base_path(&self) -> Option<String> {
        self.project.as_ref().map(|p| p.content.site.base_path())
    }

    /// Rebuilds after `changes` (none for the first build). On error, the output folder and
    /// the last good output are left as they were, and the changes are retried next time.
    pub fn rebuild(&mut self, changes: &[ChangeKind]) -> Result<Rebuilt> {
        let start = Instant::now();
        self.pending.extend(changes.iter().cloned());
        if self.pending.contains(&ChangeKind::Template) {
            self.pages.clear();
        }
        if self.pending.contains(&ChangeKind::Template) || self.pending.contains(&ChangeKind::Asset)
        {
            self.theme = None;
        }
        let (reloaded, touched) = match self.reload() {
            Ok(r) => r,
            Err(e) => {
                // The project may be half updated: start over from the files next time.
                self.project = None;
                self.enrichment = None;
                return Err(e);
            }
        };
        // Whatever was re-read invalidates the enrichment.
        if reloaded != NOTHING {
            self.enrichment = None;
        }
        self.pages.set_unchanged(self.unchanged(&touched));
        let result = self.render_and_write(reloaded, &touched, start);
        match &result {
            Ok(_) => self.pending.clear(),
            Err(_) => self.links.clear(),
        }
        result
    }

    fn render_and_write(
        &mut self,
        reloaded: String,
        touched: &Touched,
        start: Instant,
    ) -> Result<Rebuilt> {
        let Some(project) = &self.project else {
            bail!("no project loaded");
        };
        let mut report = BuildReport::default();
        let mut clock = Clock::new();
        let scans = &mut self.scans;
        let enrichment: &Enrichment =
            self.enrichment
                .get_or_insert_with(|| match self.opts.enrich {
                    true => enrich::run_with(project, Some(scans)),
                    false => Enrichment::default(),
                });
        clock.lap(&mut report, "enrich");
        report.enrich_timings = enrichment.timings.clone();
        report.cross_refs = enrichment.cross_refs;
        let indexes = self.search.update(project, touched);
        clock.lap(&mut report, "search index");
        let theme = match &mut self.theme {
            Some(theme) => theme,
            empty => empty.insert(build::theme(&project.root)?),
        };
        let files = render_site_with(
            project,
            enrichment,
            theme,
            indexes,
            &mut report,
            &mut clock,
            &mut self.pages,
        )?;
        let broken = self.links.check(
            &files,
            &project.content.site.base_path(),
            self.pages.fresh(),
        );
        let checked = output::refuse_broken_links(files, &broken)?;
        clock.lap(&mut report, "check links");
        let written = match &self.last {
            Some(last) => match write_changes(&self.opts.out, last, &checked) {
                Ok(w) => w,
                Err(e) => {
                    // The folder is part written: the next build replaces all of it.
                    self.last = None;
                    return Err(e);
                }
            },
            None => {
                output::write_atomically(&self.opts.out, &checked, self.opts.force)?;
                Written {
                    written: checked.files().len(),
                    removed: 0,
                }
            }
        };
        clock.lap(&mut report, "write");
        report.note(project, enrichment, checked.files());
        let rendered = self.pages.fresh().len();
        self.last = Some(checked.into_files());
        Ok(Rebuilt {
            reloaded,
            pages: report.pages,
            rendered,
            kept: self.pages.kept_pages(),
            written: written.written,
            removed: written.removed,
            ms: start.elapsed().as_secs_f64() * 1000.0,
            report,
        })
    }

    /// By document index, the documents whose pages may be kept from the last render: all
    /// but the re-read ones when only seeds changed, else None (a template, an asset or
    /// anything under `content/` can change every page).
    fn unchanged(&self, touched: &Touched) -> Option<Vec<bool>> {
        let only_seeds = (self.pending.iter()).all(|c| matches!(c, ChangeKind::Seed(_)));
        // A full load touches all documents.
        match (&self.project, touched) {
            (Some(project), Touched::Documents(docs)) if only_seeds => {
                let mut unchanged = vec![true; project.documents.len()];
                for &doc in docs {
                    unchanged[doc] = false;
                }
                Some(unchanged)
            }
            _ => None,
        }
    }

    /// Brings the project up to date with the pending changes; says what it re-read, and
    /// which documents' passages that may have changed.
    fn reload(&mut self) -> Result<(String, Touched)> {
        let plan = match &self.project {
            None => Reload::All,
            Some(_) => plan(&self.pending),
        };
        let Reload::Parts {
            content: c,
            glossary: g,
            themes: t,
            documents,
        } = plan
        else {
            return match plan {
                Reload::Nothing => Ok((NOTHING.into(), Touched::Documents(Vec::new()))),
                _ => self.load_all(),
            };
        };
        let root = self.opts.root.clone();
        let project = self.project.as_mut().expect("a project is loaded");
        let mut what = Vec::new();
        if c {
            project.content = content::load(&root)?;
            what.push("content".to_string());
        }
        if g {
            project.glossary = glossary::load(&root)?;
            what.push("glossary".into());
        }
        if t {
            project.themes = crate::content::themes::load(&root)?;
            what.push("themes".into());
        }
        for key in &documents {
            if !project::reload_document(project, key)? {
                return self.load_all();
            }
        }
        if !documents.is_empty() {
            what.push(plural(documents.len(), "document"));
        }
        let touched = if c {
            // Titles, citations and translations of any document may have changed.
            Touched::All
        } else {
            Touched::Documents(
                (project.documents.iter().enumerate())
                    .filter(|(_, d)| documents.contains(&d.source.key))
                    .map(|(i, _)| i)
                    .collect(),
            )
        };
        if c {
            // The languages or a document's metadata may have changed.
            project.translations = crate::translation::load(
                &root,
                &project.content.site.languages,
                &project.documents,
            )?;
        }
        self.opts.apply(project);
        Ok((what.join(", "), touched))
    }

    fn load_all(&mut self) -> Result<(String, Touched)> {
        self.project = Some(build::load(&self.opts)?);
        Ok(("everything".into(), Touched::All))
    }
}

/// The one `match` from changes to what to re-read.
fn plan(changes: &BTreeSet<ChangeKind>) -> Reload {
    let (mut content, mut glossary, mut themes) = (false, false, false);
    let mut documents = BTreeSet::new();
    for change in changes {
        match change {
            ChangeKind::Seed(path) => {
                let name = path.rsplit('/').next().unwrap_or(path);
                let key = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
                documents.insert(key.to_string());
            }
            ChangeKind::Document(key) => {
                content = true;
                documents.insert(key.clone());
            }
            ChangeKind::Config | ChangeKind::Page => content = true,
            ChangeKind::Glossary => glossary = true,
            ChangeKind::Themes => themes = true,
            ChangeKind::Content => return Reload::All,
            // Templates and theme assets are read by every render; the page cache was
            // cleared for templates, and asset names are in every page's view.
            ChangeKind::Template | ChangeKind::Asset => {}
        }
    }
    if !content && !glossary && !themes && documents.is_empty() {
        Reload::Nothing
    } else {
        Reload::Parts {
            content,
            glossary,
            themes,
            documents,
        }
    }
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
