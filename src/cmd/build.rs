//! `gongwen build`: seeds/ + content/ → public/.

use std::path::PathBuf;

use std::io::Write;

use anyhow::Result;

use crate::build::{build, BuildOptions};

pub struct Args {
    pub root: PathBuf,
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub verbose: bool,
    /// Whether to link terms and references and add related passages and subjects.
    pub enrich: bool,
    /// Replace an output folder that a build did not make.
    pub force: bool,
}

pub fn run(args: Args) -> Result<()> {
    let mut opts = BuildOptions::new(&args.root);
    if let Some(out) = args.out {
        opts.out = out;
    }
    opts.base_url = args.base_url;
    opts.enrich = args.enrich;
    opts.force = args.force;
    let report = build(&opts)?;
    if !report.configured {
        eprintln!("note: there is no content/site.yaml, so the site has a default title; `gongwen init` writes one to edit (with comments), and nothing else that exists");
    }
    for line in &report.encodings {
        eprintln!("{line}");
    }
    // Every warning when there are few; the first ones and a count when there are many
    // (all of them are in anomalies.json).
    const SHOWN: usize = 200;
    let warnings = report.warnings().count();
    let mut err = std::io::stderr().lock();
    for w in report
        .warnings()
        .take(if warnings > SHOWN { SHOWN / 4 } else { SHOWN })
    {
        let _ = writeln!(err, "{w}");
    }
    if warnings > SHOWN {
        let _ = writeln!(err, "… and {} more warnings", warnings - SHOWN / 4);
    }
    drop(err);
    if args.verbose {
        super::print_timings(&report);
    }
    let total: f64 = report.timings.iter().map(|t| t.1).sum();
    eprintln!(
        "built {} pages ({} files, {} KB) into {} in {:.0} ms; {} warnings (full list in anomalies.json)",
        report.pages,
        report.files,
        report.bytes / 1024,
        opts.out.display(),
        total,
        warnings
    );
    Ok(())
}
