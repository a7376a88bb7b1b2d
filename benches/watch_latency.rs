//! Watch-mode latency: `watch_latency ROOT [RUNS] [add]` copies nothing: it runs `gongwen
//! serve` on ROOT (use a scratch copy), listens to the live-reload events like a browser, then
//! edits one paragraph of the first seed RUNS times (with `add`: adds a paragraph after it,
//! then removes it, in turn) and reports, from the end of the write:
//!
//! - to output: until `serve` prints the rebuild's log line (printed once every file is
//!   written);
//! - to reload: until the `reload` event reaches the client.
//!
//! Used by `benches/watch.sh`. The binary is `$GONGWEN_BIN` or target/release/gongwen. With
//! `VERBOSE=1` it prints every rebuild's log line and stage timings (`serve -v`).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(root) = args.get(1).map(PathBuf::from) else {
        eprintln!("usage: watch_latency ROOT [RUNS] [add]");
        std::process::exit(2);
    };
    let runs: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(20);
    // `add`: every other run adds a paragraph after the edited one, and the next removes it
    // again, so each rebuild has one passage more or fewer (the search index numbers
    // passages across the site, so this moves more of it than a change of wording).
    let add = args.get(3).is_some_and(|m| m == "add");
    let bin = std::env::var("GONGWEN_BIN").unwrap_or_else(|_| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        dir.join("target/release/gongwen").display().to_string()
    });
    let verbose = std::env::var_os("VERBOSE").is_some();
    let mut child = Command::new(&bin)
        .arg("--root")
        .arg(&root)
        .args(["serve", "--port", "0"])
        .args(verbose.then_some("-v"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gongwen serve starts");
    // Every stderr line with the time it arrived.
    let (lines_tx, lines) = mpsc::channel::<(Instant, String)>();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = lines_tx.send((Instant::now(), line));
        }
    });
    let mut address = None;
    while !started(&lines, &mut address) {}
    let (port, base) = address.clone().expect("serve printed its address");
    let reloads = listen(port, &base);
    let seed = first_seed(&root);
    let original = std::fs::read_to_string(&seed).unwrap();
    let (line_no, paragraph) = paragraph(&original);
    let mut to_output = Vec::new();
    let mut to_reload = Vec::new();
    for run in 0..runs {
        let text = if add && run % 2 == 1 {
            original.clone()
        } else if add {
            let added = format!("{paragraph}\n\n本段为测量新增段落的重建时间而加，第{run}次。");
            original.replacen(paragraph, &added, 1)
        } else {
            let edited = format!(
                "{}{}。",
                paragraph.trim_end_matches('。'),
                "测".repeat(run + 1)
            );
            original.replacen(paragraph, &edited, 1)
        };
        // A reload left over from before this edit would be counted as its own.
        while reloads.try_recv().is_ok() {}
        std::fs::write(&seed, text).unwrap();
        let written = Instant::now();
        let (out_at, line) = loop {
            let (at, l) = lines
                .recv_timeout(Duration::from_secs(60))
                .expect("a rebuild");
            if is_log_line(&l) || l.contains("error") {
                break (at, l);
            }
        };
        assert!(!line.contains("error"), "{line}");
        let reload_at = reloads
            .recv_timeout(Duration::from_secs(60))
            .expect("a reload");
        if verbose {
            eprintln!(
                "{:.1} ms: {line}",
                (out_at - written).as_secs_f64() * 1000.0
            );
        }
        to_output.push((out_at - written).as_secs_f64() * 1000.0);
        to_reload.push((reload_at - written).as_secs_f64() * 1000.0);
        if run == 0 {
            eprintln!(
                "editing {}:{line_no}; first rebuild: {line}",
                seed.display()
            );
        }
        // Let the server settle, like an editor between saves.
        std::thread::sleep(Duration::from_millis(150));
        while let Ok((_, l)) = lines.try_recv() {
            if verbose && l.starts_with("  ") {
                eprintln!("{l}");
            }
        }
    }
    std::fs::write(&seed, &original).unwrap();
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let _ = child.wait();
    println!(
        "write → output: median {:.1} ms, p95 {:.1} ms; write → reload: median {:.1} ms, p95 {:.1} ms ({runs} {})",
        percentile(&to_output, 50.0),
        percentile(&to_output, 95.0),
        percentile(&to_reload, 50.0),
        percentile(&to_reload, 95.0),
        if add {
            "paragraphs added or removed"
        } else {
            "edits"
        }
    );
}

/// Reads the `serving … at http://127.0.0.1:PORT/BASE` line, then the first build's line.
fn started(lines: &mpsc::Receiver<(Instant, String)>, address: &mut Option<(u16, String)>) -> bool {
    let (_, line) = lines.recv().expect("serve runs");
    if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
        let rest = rest.split_whitespace().next().unwrap_or("");
        let (port, base) = rest.split_once('/').unwrap_or((rest, ""));
        *address = Some((port.parse().unwrap(), format!("/{base}")));
        return false;
    }
    assert!(!line.contains("error"), "{line}");
    is_log_line(&line)
}

/// A rebuild's log line (`-v` adds indented stage timings, also in ms).
fn is_log_line(line: &str) -> bool {
    line.contains(" ms") && !line.starts_with(' ')
}

/// A live-reload client: sends the time of each `reload` event.
fn listen(port: u16, base: &str) -> mpsc::Receiver<Instant> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {base}__gongwen/events HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if line == "event: reload" {
                let _ = tx.send(Instant::now());
            }
        }
    });
    std::thread::sleep(Duration::from_millis(200));
    rx
}

fn first_seed(root: &Path) -> PathBuf {
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(root.join("seeds"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    seeds.into_iter().next().expect("a seed")
}

/// A numbered paragraph of the text (a line with a sentence, ending in `。`), and its line.
fn paragraph(text: &str) -> (usize, &str) {
    text.lines()
        .enumerate()
        .find(|(_, l)| l.chars().count() > 30 && l.ends_with('。') && l.contains('、'))
        .map(|(i, l)| (i + 1, l))
        .expect("a paragraph to edit")
}

fn percentile(values: &[f64], p: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let i = ((p / 100.0) * (v.len() - 1) as f64).round() as usize;
    v[i]
}
