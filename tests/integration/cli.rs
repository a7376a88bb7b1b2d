//! The command line as a user meets it: exit codes and messages.

use std::process::Command;

use crate::common::*;

pub(crate) fn gongwen(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn build_then_check_succeeds_and_check_names_a_broken_link() {
    let dir = temp_project("cli-check");
    let root = dir.to_str().unwrap();
    let (ok, _, err) = gongwen(&["--root", root, "build"]);
    assert!(ok, "{err}");
    let built = err.lines().last().unwrap().to_string();
    assert!(built.starts_with("built "), "{built}");
    let pages = built.split(' ').nth(1).unwrap().to_string();
    let (ok, _, err) = gongwen(&["--root", root, "check"]);
    assert!(ok, "{err}");
    assert!(
        err.starts_with(&format!("checked {pages} pages")),
        "{err} vs {built}"
    );
    std::fs::remove_file(dir.join("public/china-lac-policy-paper-2025/part2/index.html")).unwrap();
    let (ok, _, err) = gongwen(&["--root", root, "check"]);
    assert!(!ok);
    assert!(
        err.contains("china-lac-policy-paper-2025/part1/index.html: link \"../part2/\": no such file china-lac-policy-paper-2025/part2/index.html"),
        "{err}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_bad_edit_fails_the_build_with_file_and_line_and_keeps_the_site() {
    let dir = temp_project("cli-bad-yaml");
    let root = dir.to_str().unwrap();
    assert!(gongwen(&["--root", root, "build"]).0);
    let index = std::fs::read(dir.join("public/index.html")).unwrap();
    std::fs::write(dir.join("content/site.yaml"), "title: x\nbase_ulr: /\n").unwrap();
    let (ok, _, err) = gongwen(&["--root", root, "build"]);
    assert!(!ok);
    assert_eq!(
        err.trim(),
        "error: content/site.yaml:2:1: unknown field `base_ulr`, expected one of `title`, `description`, `base_url`, `footer`, `cname`, `languages`, `print_pages`; did you mean `base_url`?"
    );
    assert_eq!(std::fs::read(dir.join("public/index.html")).unwrap(), index);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn outline_prints_the_tree_with_ids_lines_and_anomalies() {
    let seed = project_root().join("seeds/000_e0c0b504374b171f.txt");
    let root = project_root();
    let (ok, out, _) = gongwen(&[
        "--root",
        root.to_str().unwrap(),
        "outline",
        seed.to_str().unwrap(),
    ]);
    assert!(ok);
    assert!(
        out.contains("  art2-s5-i2 (二) ¶ 愿在粮食安全领域开展合作,围绕“抗击饥饿…  [L59-61]"),
        "{out}"
    );
    assert!(out.contains("seeds/000_e0c0b504374b171f.txt:175: warning: `七、第四条 凝聚共识,共同应对全球挑战` carries a stray section number"));
    let (ok, json, _) = gongwen(&[
        "--root",
        root.to_str().unwrap(),
        "outline",
        "--json",
        seed.to_str().unwrap(),
    ]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["nodes"][1]["id"], "art1");
    let (ok, _, err) = gongwen(&["outline", "/nonexistent.txt"]);
    assert!(!ok);
    assert!(
        err.starts_with("error: /nonexistent.txt: cannot read"),
        "{err}"
    );
}

#[test]
fn glossary_suggest_lists_new_candidates_with_counts_and_lines() {
    let dir = std::env::temp_dir().join(format!("gongwen-suggest-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("seeds")).unwrap();
    std::fs::create_dir_all(dir.join("content")).unwrap();
    std::fs::write(dir.join("content/site.yaml"), "title: t\n").unwrap();
    std::fs::write(
        dir.join("content/glossary.yaml"),
        "- term: 示例论坛\n  en: Example Forum\n  es: Foro\n  category: forum\n  definition: {zh: 甲。, en: A.}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("seeds/a.txt"),
        "第一条 合作\n\n一、继续举办示例论坛和中拉青年创新论坛，落实《示例公约》。\n\n二、加强AEO互认，落实《示例公约》。\n",
    )
    .unwrap();
    let (ok, out, err) = gongwen(&["--root", dir.to_str().unwrap(), "glossary", "suggest"]);
    assert!(ok, "{err}");
    assert_eq!(
        out,
        "3 candidate terms not in content/glossary.yaml (passages, term, where):\n   2  示例公约  seeds/a.txt:3, seeds/a.txt:5\n   1  AEO  seeds/a.txt:5\n   1  中拉青年创新论坛  seeds/a.txt:3\n"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
