//! `gongwen build`: seeds/ + content/ → public/.

use std::path::PathBuf;

use std::io::Write;

use anyhow::Result;

use crate::build::{build, BuildOptions, Progress, STAGES};

pub struct Args {
    pub root: PathBuf,
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub verbose: bool,
    /// Whether to link terms and references and add related passages and subjects.
    pub enrich: bool,
    /// Replace an output folder that a build did not make.
    pub force: bool,
    /// Print nothing but errors.
    pub quiet: bool,
}

pub fn run(args: Args) -> Result<()> {
    let mut opts = BuildOptions::new(&args.root);
    if let Some(out) = args.out {
        opts.out = out;
    }
    opts.base_url = args.base_url;
    opts.enrich = args.enrich;
    opts.force = args.force;
    let bar = (!args.quiet).then(progress);
    if let Some((_, progress)) = &bar {
        opts.progress = progress.clone();
    }
    let report = build(&opts);
    if let Some((Some(bar), _)) = &bar {
        bar.finish_and_clear();
    }
    let report = report?;
    if args.quiet {
        return Ok(());
    }
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
    for line in report.publishing_limits() {
        let _ = writeln!(err, "{line}");
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

/// How a build shows its progress: on a terminal, a bar of the stages that names the one
/// running; elsewhere (a log, CI), a line as each stage ends.
fn progress() -> (Option<indicatif::ProgressBar>, Progress) {
    use std::io::IsTerminal;
    let next = |stage: &str| {
        let i = STAGES
            .iter()
            .position(|s| *s == stage)
            .map_or(STAGES.len(), |i| i + 1);
        (i, STAGES.get(i).copied().unwrap_or("done"))
    };
    if !std::io::stderr().is_terminal() {
        let told = Progress::new(move |stage, ms| {
            let (i, _) = next(stage);
            eprintln!("[{i}/{}] {stage}: {ms:.0} ms", STAGES.len());
        });
        return (None, told);
    }
    let bar = indicatif::ProgressBar::new(STAGES.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} [{pos}/{len}] {wide_bar} {msg} {elapsed}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(STAGES[0]);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let shown = bar.clone();
    let told = Progress::new(move |stage, _| {
        let (i, running) = next(stage);
        shown.set_position(i as u64);
        shown.set_message(running);
    });
    (Some(bar), told)
}
