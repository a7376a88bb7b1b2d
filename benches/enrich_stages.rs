//! Times enrichment and the assembly of pages alone on a project, the best of seven runs
//! each (a shared VM is noisy; the minimum is what the code costs), with the enrichment's
//! steps of the best run. Not a test: it prints. `RUNS=1` runs each once, for a profiler or
//! an instruction count (`valgrind --tool=callgrind`).
//!   cargo run --release --example enrich_stages -- ROOT [--no-enrich]
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next() else {
        eprintln!("usage: enrich_stages PROJECT_ROOT [--no-enrich]");
        std::process::exit(2);
    };
    let enrich = args.next().as_deref() != Some("--no-enrich");
    let mut project = match gongwen::project::load(std::path::Path::new(&root)) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e:#}");
            std::process::exit(1);
        }
    };
    if !enrich {
        project.glossary.entries.clear();
        project.themes.clear();
    }
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    let (mut best, mut steps) = (f64::MAX, Vec::new());
    let mut enrichment = None;
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(7);
    for _ in 0..runs {
        let started = Instant::now();
        let e = gongwen::enrich::run(&project);
        let took = ms(started);
        if took < best {
            best = took;
            steps = e.timings.clone();
        }
        enrichment = Some(e);
    }
    let enrichment = enrichment.unwrap_or_default();
    println!("enrich      {best:8.1} ms (best of {runs})");
    for (step, ms) in steps {
        println!("  {step:<10}{ms:8.1} ms");
    }
    let assets = gongwen::site::Assets {
        css: "assets/style.css".into(),
        js: "assets/site.js".into(),
        icon: "assets/favicon.svg".into(),
        search_js: "assets/search.js".into(),
        search: vec!["search/zh-Hans/index.json".into()],
    };
    let mut best = f64::MAX;
    let mut pages = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let built = gongwen::site::pages(&project, &enrichment, &assets, 0);
        best = best.min(ms(started));
        pages = built.len();
    }
    println!("assemble    {best:8.1} ms (best of {runs}, {pages} pages)");
}
