//! `gongwen watch` and `gongwen serve`: rebuild on every change, one log line per rebuild;
//! `serve` also serves the site with live reload.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::Result;

use crate::build::BuildOptions;
use crate::watch::live::Live;
use crate::watch::serve::{self, Server};
use crate::watch::{watch, ChangeKind, Detect, Rebuilt, Session, WatchOptions};

pub struct Args {
    pub root: PathBuf,
    pub out: Option<PathBuf>,
    pub detect: Detect,
    pub verbose: bool,
    /// Replace an output folder that a build did not make.
    pub force: bool,
}

/// `gongwen watch`.
pub fn run(args: Args) -> Result<()> {
    let verbose = args.verbose;
    let opts = options(args)?;
    let mut log = Log::default();
    watch(opts, &mut |_, changes, result| {
        log.rebuilt(changes, result, verbose)
    })
}

/// `gongwen serve`: the watcher, and the server on 127.0.0.1:`port`.
pub fn serve(args: Args, port: u16) -> Result<()> {
    let verbose = args.verbose;
    let opts = options(args)?;
    let listener = serve::bind(port)?;
    let live = Arc::new(Live::default());
    let base = crate::content::load(&opts.build.root)
        .map(|c| c.site.base_path())
        .unwrap_or_else(|_| "/".into());
    let server = Arc::new(Server {
        out: opts.build.out.clone(),
        base: Mutex::new(base.clone()),
        live: Arc::clone(&live),
    });
    eprintln!(
        "serving {} at http://{}{base} (Ctrl-C to stop)",
        server.out.display(),
        listener.local_addr()?
    );
    let shared = Arc::clone(&server);
    std::thread::spawn(move || serve::run(listener, shared));
    let mut log = Log::default();
    watch(opts, &mut |session: &Session, changes, result| {
        log.rebuilt(changes, result, verbose);
        if let Some(base) = session.base_path() {
            *server.base.lock().unwrap_or_else(|e| e.into_inner()) = base;
        }
        live.publish(match result {
            Ok(_) => Ok(()),
            Err(e) => Err(format!("{e:#}")),
        });
    })
}

/// The options of a watch, once the output folder is known to be the build's alone (a bad
/// `--out` stops watch and serve before anything is built).
fn options(args: Args) -> Result<WatchOptions> {
    let mut build = BuildOptions::new(&args.root);
    if let Some(out) = args.out {
        build.out = out;
    }
    build.force = args.force;
    crate::output::guard::check(&build.root, &build.out, build.force)?;
    Ok(WatchOptions {
        build,
        detect: args.detect,
    })
}

/// The terminal: one line per rebuild; warnings when they change.
#[derive(Default)]
struct Log {
    /// The warnings of the last good rebuild, as they came (None before the first): most
    /// rebuilds repeat them, and comparing them is faster than writing thousands of them out
    /// again.
    last: Option<Vec<crate::outline::Anomaly>>,
}

impl Log {
    fn rebuilt(&mut self, changes: &[ChangeKind], result: &Result<Rebuilt>, verbose: bool) {
        let what = if changes.is_empty() {
            "start".to_string()
        } else {
            changes
                .iter()
                .map(ChangeKind::describe)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let r = match result {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{} {what}: error: {e:#}", clock());
                eprintln!("  (the last good site is kept; fix the file and save again)");
                return;
            }
        };
        if self.last.is_none() {
            for line in &r.report.encodings {
                eprintln!("{line}");
            }
        }
        let same = (self.last.as_ref()).is_some_and(|last| r.report.warnings().eq(last.iter()));
        let mut warnings = format!("{} warnings", r.report.warnings().count());
        if !same {
            warnings.push_str(&self.print_new_warnings(r));
        }
        eprintln!(
            "{} {what}: re-read {}; rendered {} of {} pages; wrote {} files, removed {}; {warnings}; {:.0} ms",
            clock(),
            r.reloaded,
            r.rendered,
            r.pages,
            r.written,
            r.removed,
            r.ms
        );
        if verbose {
            super::print_timings(&r.report);
        }
    }
}

impl Log {
    /// Prints the warnings that are new since the last good rebuild and keeps these; says how
    /// many are new and gone (` (3 new, 1 gone)`), or nothing when none are.
    fn print_new_warnings(&mut self, r: &Rebuilt) -> String {
        let texts = |w: &[crate::outline::Anomaly]| -> BTreeSet<String> {
            w.iter().map(|w| w.to_string()).collect()
        };
        let current: Vec<_> = r.report.warnings().cloned().collect();
        let now = texts(&current);
        let before = self
            .last
            .replace(current)
            .as_deref()
            .map(texts)
            .unwrap_or_default();
        let new: Vec<&String> = now.difference(&before).collect();
        const SHOWN: usize = 50;
        for w in new.iter().take(SHOWN) {
            eprintln!("{w}");
        }
        if new.len() > SHOWN {
            eprintln!("… and {} more new warnings", new.len() - SHOWN);
        }
        let gone = before.difference(&now).count();
        if new.is_empty() && gone == 0 {
            return String::new();
        }
        format!(" ({} new, {gone} gone)", new.len())
    }
}

/// The time of day (UTC), `HH:MM:SS`.
fn clock() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!(
        "{:02}:{:02}:{:02}",
        secs / 3600 % 24,
        secs / 60 % 60,
        secs % 60
    )
}
