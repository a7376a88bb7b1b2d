//! Times the link check alone on a built site, the best of seven runs (a shared VM is
//! noisy; the minimum is what the code costs). Not a test: it prints, and fails only if a
//! link is broken.
//!   cargo run --release --example check_links -- public [BASE_PATH]
fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: check_links SITE_DIR [BASE_PATH]");
        std::process::exit(2);
    };
    let base = args.next().unwrap_or_else(|| "/".to_string());
    let files = match gongwen::output::read_site(std::path::Path::new(&dir)) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("{e:#}");
            std::process::exit(1);
        }
    };
    let pages = files.keys().filter(|k| k.ends_with(".html")).count();
    let mut best = f64::MAX;
    for _ in 0..7 {
        let started = std::time::Instant::now();
        let broken = gongwen::output::check_links(&files, &base);
        best = best.min(started.elapsed().as_secs_f64() * 1e3);
        if !broken.is_empty() {
            eprintln!("{} broken link(s), first: {}", broken.len(), broken[0]);
            std::process::exit(1);
        }
    }
    println!("{pages} pages checked in {best:.0} ms (best of 7)");
}
