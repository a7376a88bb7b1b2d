//! `gongwen build`: seeds/ + content/ → public/.

use std::path::PathBuf;

use anyhow::Result;

use crate::build::{build, BuildOptions};

pub struct Args {
    pub root: PathBuf,
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub verbose: bool,
}

pub fn run(args: Args) -> Result<()> {
    let mut opts = BuildOptions::new(&args.root);
    if let Some(out) = args.out {
        opts.out = out;
    }
    opts.base_url = args.base_url;
    let report = build(&opts)?;
    for line in &report.encodings {
        eprintln!("{line}");
    }
    let mut warnings = 0;
    for w in report.warnings() {
        eprintln!("{w}");
        warnings += 1;
    }
    if args.verbose {
        for (stage, ms) in &report.timings {
            eprintln!("  {stage:<20} {ms:>8.1} ms");
        }
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
