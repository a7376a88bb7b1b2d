//! Shared helpers: paths, recognising a text from a string, copying the project to a
//! temporary folder.

use std::path::{Path, PathBuf};

use gongwen::outline::{self, Anomaly, Correction, Outline};
use gongwen::source;

pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture_text(name: &str) -> String {
    let path = project_root().join("tests/fixtures/texts").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn seed_bytes(key: &str) -> Vec<u8> {
    std::fs::read(project_root().join("seeds").join(format!("{key}.txt"))).unwrap()
}

pub const PLAN: &str = "000_e0c0b504374b171f";
pub const PAPER: &str = "002_64c3c0df776e41da";

/// Recognises `bytes` as the file `seeds/<name>` with no corrections.
pub fn recognise_bytes(name: &str, bytes: &[u8], corrections: &[Correction]) -> Outline {
    let text = source::decode(&format!("seeds/{name}"), bytes).expect("decodes");
    outline::recognise(&text, corrections).expect("recognises")
}

pub fn recognise(text: &str) -> Outline {
    recognise_bytes("t.txt", text.as_bytes(), &[])
}

/// The seeds recognised with the corrections of the project's own content/.
pub fn seed_outline(key: &str) -> Outline {
    let content = gongwen::content::load(&project_root()).expect("content loads");
    let corrections = content
        .documents
        .get(key)
        .map(|m| m.corrections.clone())
        .unwrap_or_default();
    recognise_bytes(&format!("{key}.txt"), &seed_bytes(key), &corrections)
}

/// The anomalies at `line` (by range or by mention), for assertions.
pub fn anomalies_at(outline: &Outline, line: usize) -> Vec<&Anomaly> {
    outline
        .anomalies
        .iter()
        .filter(|a| {
            let end = a.end_line.unwrap_or(a.line);
            (a.line..=end).contains(&line)
                || a.found.contains(&format!("line {line} "))
                || a.found.contains(&format!("line {line})"))
                || a.found.contains(&format!(" {line},"))
                || a.found.ends_with(&format!(" {line}"))
        })
        .collect()
}

/// A copy of the project (seeds, content, templates, theme) in a fresh temporary folder.
pub fn temp_project(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongwen-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["seeds", "content"] {
        copy_dir(&project_root().join(sub), &dir.join(sub));
    }
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The file a relative link on `page` (`doc/art2/index.html`) leads to: `../art3/#x` →
/// `doc/art3/index.html`.
pub fn resolve(page: &str, href: &str) -> String {
    let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let path = href.split(['#', '?']).next().unwrap_or("");
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let target = parts.join("/");
    if path.ends_with('/') || path.is_empty() || path.ends_with("..") || path == "." {
        if target.is_empty() {
            "index.html".into()
        } else {
            format!("{target}/index.html")
        }
    } else {
        target
    }
}

/// Removes the English text of unit `id` of the policy paper in the project at `dir`.
pub fn untranslate(dir: &Path, id: &str) {
    let path = dir.join(format!("content/translations/en/{PAPER}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text
        .find(&format!("  {id}:\n"))
        .expect("the unit is in the file");
    let start = at
        + text[at..]
            .find("    text: ")
            .expect("the unit is translated");
    let end = start + text[start..].find('\n').unwrap() + 1;
    std::fs::write(&path, format!("{}{}", &text[..start], &text[end..])).unwrap();
}
