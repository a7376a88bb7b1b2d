//! What the recogniser reads of real texts' own metadata: titles, the 题注 (adoption,
//! promulgation, amendments, entry into force), the issuing number and the kind.
//!
//!     cargo run --release --example metadata -- ../shared/corpus/laws
//!
//! The ground truth is the texts' own form (as the national database prints them): the
//! title on the first line, then each dated 题注 line (`YYYY年M月D日 …`) before the first
//! chapter, section or article. Prints the counts and every text that misses.

use std::path::Path;

use gongwen::outline::{self, notes::Action, Severity};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/laws".into());
    let mut texts = 0;
    let mut titles = 0;
    let mut with_notes = 0;
    let mut dated = 0;
    let mut notes_in_body = 0;
    let mut kinds = 0;
    let mut warnings = 0;
    let mut misses = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.expect("the corpus can be listed");
        if entry.path().extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let bytes = std::fs::read(entry.path()).expect("readable");
        let shown = entry
            .path()
            .strip_prefix(Path::new(&dir))
            .unwrap()
            .display()
            .to_string();
        let Ok(text) = gongwen::source::decode(&shown, &bytes) else {
            misses.push(format!("{shown}: cannot be decoded"));
            continue;
        };
        let Ok(o) = outline::recognise(&text, &[]) else {
            continue;
        };
        texts += 1;
        let lines: Vec<(usize, &String)> = (text.lines.iter().enumerate())
            .filter(|(_, l)| !l.is_empty())
            .map(|(i, l)| (i + 1, l))
            .collect();
        let first = lines.first().map(|(_, l)| l.as_str()).unwrap_or("");
        // A part named between the title and the 题注 joins the title (`民法典 总则`).
        let with_part = lines.get(1).map(|(_, l)| format!("{first} {}", l.trim()));
        if o.title.as_deref() == Some(first) || o.title == with_part {
            titles += 1;
        } else {
            misses.push(format!(
                "{shown}: title {:?}, first line {first:?}",
                o.title
            ));
        }
        // The dated lines before the first 第X章/编/节/条.
        let body = lines
            .iter()
            .position(|(_, l)| {
                l.starts_with('第') && l.chars().take(8).any(|c| "章编节条".contains(c))
            })
            .unwrap_or(lines.len());
        let truth: Vec<usize> = lines[1..body.max(1)]
            .iter()
            .filter(|(_, l)| {
                let b = l.as_bytes();
                b.len() > 6 && b[..4].iter().all(u8::is_ascii_digit) && l[4..].starts_with('年')
            })
            .map(|(n, _)| *n)
            .collect();
        if !truth.is_empty() {
            with_notes += 1;
            let found = o.history.iter().any(|e| {
                matches!(
                    e.action,
                    Action::Adopted | Action::Promulgated | Action::Approved
                )
            });
            if found {
                dated += 1;
            } else {
                misses.push(format!(
                    "{shown}: no adoption or promulgation date in {:?}",
                    o.history
                ));
            }
            let read: Vec<usize> = o.history.iter().map(|e| e.line).collect();
            let left: Vec<usize> = truth.into_iter().filter(|n| !read.contains(n)).collect();
            if !left.is_empty() {
                notes_in_body += 1;
                misses.push(format!("{shown}: 题注 lines {left:?} read as text"));
            }
        }
        if o.kind.is_some() {
            kinds += 1;
        } else {
            misses.push(format!("{shown}: no kind from the title {:?}", o.title));
        }
        warnings += o
            .anomalies
            .iter()
            .filter(|a| a.severity == Severity::Warning)
            .count();
    }
    for m in &misses {
        println!("miss: {m}");
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!("texts                                   {texts}");
    println!(
        "titles right                            {titles} ({:.1}%)",
        pct(titles, texts)
    );
    println!("texts with a dated 题注                 {with_notes}");
    println!(
        "  adoption or promulgation date found   {dated} ({:.1}%)",
        pct(dated, with_notes)
    );
    println!("  with a 题注 line read as text          {notes_in_body}");
    println!(
        "kind from the title                     {kinds} ({:.1}%)",
        pct(kinds, texts)
    );
    println!(
        "recognition warnings                    {warnings} ({:.2} a text)",
        warnings as f64 / texts.max(1) as f64
    );
}
