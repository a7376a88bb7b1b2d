//! Hostile and careless input: the build never destroys what it did not make, no content can
//! break or hijack a page, and every refusal names the file and line and leaves the previous
//! output exactly as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

/// A project and a folder of someone else's files beside it, in a fresh temporary folder.
struct Workspace {
    top: PathBuf,
    root: PathBuf,
}

impl Workspace {
    fn new(name: &str) -> Workspace {
        let top =
            std::env::temp_dir().join(format!("gongwen-safety-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&top);
        let root = top.join("project");
        for sub in ["seeds", "content"] {
            copy_dir(&project_root().join(sub), &root.join(sub));
        }
        std::fs::create_dir_all(top.join("sibling/notes")).unwrap();
        std::fs::write(top.join("sibling/notes/todo.txt"), "keep me").unwrap();
        std::fs::write(root.join("README.md"), "# my site").unwrap();
        Workspace { top, root }
    }

    /// `gongwen --root . ARGS` run from the project folder: (success, stderr).
    fn run(&self, args: &[&str]) -> (bool, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_gongwen"))
            .current_dir(&self.root)
            .args(["--root", "."])
            .args(args)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Every file and link under the workspace, with its bytes or target.
    fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        walkdir::WalkDir::new(&self.top)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap())
            .map(|e| {
                let bytes = if e.path_is_symlink() {
                    std::fs::read_link(e.path())
                        .unwrap()
                        .to_string_lossy()
                        .as_bytes()
                        .to_vec()
                } else if e.file_type().is_file() {
                    std::fs::read(e.path()).unwrap()
                } else {
                    b"<dir>".to_vec()
                };
                (
                    e.path().strip_prefix(&self.top).unwrap().to_path_buf(),
                    bytes,
                )
            })
            .collect()
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Builds, then checks that `change` makes the next build fail with a message
    /// containing `expected` and leaves the whole workspace (the last site included) as it
    /// was.
    fn refused_after_good_build(&self, change: impl FnOnce(&Self), expected: &str) {
        let (ok, err) = self.run(&["build"]);
        assert!(ok, "{err}");
        change(self);
        let before = self.snapshot();
        let (ok, err) = self.run(&["build"]);
        assert!(!ok, "the build should fail with {expected}");
        assert!(err.contains(expected), "expected {expected:?} in:\n{err}");
        assert!(self.snapshot() == before, "the failed build changed files");
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.top);
    }
}

#[test]
fn an_output_folder_that_is_not_the_builds_own_is_refused_and_nothing_changes() {
    let w = Workspace::new("out");
    std::fs::write(w.root.join("notes.txt"), "a file").unwrap();
    std::fs::create_dir_all(w.root.join("mine")).unwrap();
    std::fs::write(w.root.join("mine/draft.md"), "mine").unwrap();
    std::fs::create_dir_all(w.top.join("elsewhere")).unwrap();
    std::os::unix::fs::symlink(w.top.join("elsewhere"), w.root.join("public")).unwrap();
    let before = w.snapshot();
    for (out, message) in [
        (".", "the output folder is the project folder itself"),
        ("..", "the output folder is a folder above the project"),
        ("../..", "the output folder is a folder above the project"),
        (
            "seeds",
            "the output folder is or is inside the project's seeds/",
        ),
        (
            "seeds/site",
            "the output folder is or is inside the project's seeds/",
        ),
        (
            "content",
            "the output folder is or is inside the project's content/",
        ),
        ("notes.txt", "the output folder is an existing file"),
        (
            "mine",
            "this folder is not empty and was not made by gongwen",
        ),
        (
            "../sibling",
            "this folder is not empty and was not made by gongwen",
        ),
        ("public", "the output folder is a symbolic link"),
    ] {
        let (ok, err) = w.run(&["build", "--out", out]);
        assert!(!ok, "--out {out} was accepted");
        assert!(err.contains(message), "--out {out}: {err}");
        assert!(
            err.starts_with(&format!("error: {out}: ")),
            "--out {out}: {err}"
        );
        // --force lifts only the stamp rule.
        if out != "mine" && out != "../sibling" {
            let (ok, _) = w.run(&["build", "--out", out, "--force"]);
            assert!(!ok, "--out {out} --force was accepted");
        }
        assert!(w.snapshot() == before, "--out {out} changed files");
    }
    // watch and serve refuse the same folders before building anything.
    for cmd in ["watch", "serve"] {
        let (ok, err) =
            w.run(&[cmd, "--out", "..", "--port", "0"][..if cmd == "watch" { 3 } else { 5 }]);
        assert!(
            !ok && err.contains("a folder above the project"),
            "{cmd}: {err}"
        );
    }
    assert!(w.snapshot() == before);
}

#[test]
fn a_folder_a_build_made_is_replaced_and_force_replaces_another() {
    let w = Workspace::new("force");
    let (ok, err) = w.run(&["build", "--out", "site"]);
    assert!(ok, "{err}");
    assert!(w.root.join("site/.gongwen-output").is_file());
    // A second build replaces its own folder without asking.
    let (ok, err) = w.run(&["build", "--out", "site"]);
    assert!(ok, "{err}");
    // An empty folder is taken as it is.
    std::fs::create_dir_all(w.root.join("empty")).unwrap();
    assert!(w.run(&["build", "--out", "empty"]).0);
    // Someone else's folder only with --force, and then it is the build's.
    w.write("theirs/old.html", "old");
    assert!(!w.run(&["build", "--out", "theirs"]).0);
    assert!(w.root.join("theirs/old.html").is_file());
    let (ok, err) = w.run(&["build", "--out", "theirs", "--force"]);
    assert!(ok, "{err}");
    assert!(!w.root.join("theirs/old.html").exists());
    assert!(w.root.join("theirs/.gongwen-output").is_file());
    assert!(w.root.join("theirs/index.html").is_file());
}

#[test]
fn leftovers_beside_the_output_are_removed_only_when_a_build_made_them() {
    let w = Workspace::new("leftover");
    w.write(".public.old/precious.txt", "not the build's");
    let before = w.snapshot();
    let (ok, err) = w.run(&["build"]);
    assert!(!ok);
    assert!(
        err.contains(".public.old: this is in the way of the build"),
        "{err}"
    );
    assert!(w.snapshot() == before);
    std::fs::remove_dir_all(w.root.join(".public.old")).unwrap();
    // A staging folder an interrupted build left (it has the stamp) is cleared.
    w.write(".public.staging/.gongwen-output", "stamp");
    w.write(".public.staging/half.html", "half");
    let (ok, err) = w.run(&["build"]);
    assert!(ok, "{err}");
    assert!(!w.root.join(".public.staging").exists());
}

#[test]
fn deeply_nested_pages_are_an_error_at_their_line_not_an_abort() {
    let w = Workspace::new("deep");
    for (name, body, line) in [
        ("quotes", format!("{}深\n", ">".repeat(5000)), 3),
        (
            "divs",
            format!("{}深{}\n", "<div>".repeat(5000), "</div>".repeat(5000)),
            3,
        ),
        (
            "list",
            (0..3000)
                .map(|i| format!("{}- 项\n", "  ".repeat(i)))
                .collect::<String>(),
            // The first line indented more than 32 levels.
            36,
        ),
    ] {
        let rel = format!("content/pages/{name}.md");
        w.refused_after_good_build(
            |w| w.write(&rel, &format!("# 深\n\n{body}")),
            &format!("error: {rel}:{line}: the page nests more than 32 levels deep"),
        );
        std::fs::remove_file(w.root.join(&rel)).unwrap();
    }
}

#[test]
fn scripts_handlers_and_script_links_in_pages_are_refused() {
    let w = Workspace::new("html");
    for (body, expected) in [
        (
            "<script>alert(1)</script>",
            "raw HTML <script> is not allowed",
        ),
        (
            "<p onload=\"alert(1)\">x</p>",
            "the HTML attribute `onload` is not allowed",
        ),
        (
            "[点此](javascript:alert(1))",
            "the link \"javascript:alert(1)\" uses `javascript:`",
        ),
        (
            "<iframe src=\"https://example.org\"></iframe>",
            "raw HTML <iframe> is not allowed",
        ),
    ] {
        w.refused_after_good_build(
            |w| w.write("content/pages/x.md", &format!("# X\n\n{body}\n")),
            &format!("error: content/pages/x.md:3: {expected}"),
        );
        std::fs::remove_file(w.root.join("content/pages/x.md")).unwrap();
    }
    // What is allowed reaches the page as written.
    w.write(
        "content/pages/x.md",
        "# X\n\n<details><summary>注</summary>\n\n正文<sup>1</sup>，见[原文](https://www.gov.cn/)。\n\n</details>\n\n写作 src=x 或 href=../nowhere 的文字不是链接。\n",
    );
    let (ok, err) = w.run(&["build"]);
    assert!(ok, "{err}");
    let page = std::fs::read_to_string(w.root.join("public/x/index.html")).unwrap();
    assert!(page.contains("<details><summary>注</summary>"), "{page}");
    assert!(page.contains("<sup>1</sup>"));
    // Text that looks like an attribute is text: the link check passes it.
    assert!(page.contains("src=x"), "{page}");
}

#[test]
fn text_that_would_end_a_script_stays_inside_it() {
    let w = Workspace::new("json");
    let meta = w.root.join(format!("content/documents/{PLAN}.yaml"));
    let text = std::fs::read_to_string(&meta).unwrap();
    let summary = "summary: \"<!--<script>alert(1)</script>\"";
    std::fs::write(&meta, replace_line(&text, "summary:", summary)).unwrap();
    let i18n = w.root.join("content/i18n/en.yaml");
    let strings = std::fs::read_to_string(&i18n).unwrap();
    std::fs::write(
        &i18n,
        strings.replace("close: Close", "close: \"</script><!--<script>\""),
    )
    .unwrap();
    let (ok, err) = w.run(&["build"]);
    assert!(ok, "{err}");
    let doc = std::fs::read_to_string(
        w.root
            .join("public/china-celac-joint-action-plan-2025-2027/index.html"),
    )
    .unwrap();
    let en = std::fs::read_to_string(w.root.join("public/en/index.html")).unwrap();
    for page in [&doc, &en] {
        // Exactly the scripts of the template, each closed once.
        assert_eq!(
            page.matches("<script").count(),
            page.matches("</script>").count()
        );
        // Only inside a quoted attribute value (a meta description), where it is text.
        assert_eq!(
            page.matches("<!--<script").count(),
            page.matches("content=\"<!--<script").count(),
            "a script opener reached the page outside an attribute"
        );
    }
    assert!(
        doc.contains("\\u003c!--\\u003cscript\\u003e"),
        "the summary is in the JSON-LD, escaped"
    );
    assert!(
        en.contains("\\u003c/script\\u003e"),
        "the string is in the UI JSON, escaped"
    );
}

#[test]
fn addresses_must_be_http_and_dates_real() {
    let w = Workspace::new("urls");
    let meta = format!("content/documents/{PLAN}.yaml");
    let original = std::fs::read_to_string(project_root().join(&meta)).unwrap();
    let with = |line: &str| {
        let key = line.split(':').next().unwrap();
        let kept: Vec<&str> = original
            .lines()
            .filter(|l| !l.starts_with(&format!("{key}:")))
            .collect();
        format!("{line}\n{}\n", kept.join("\n"))
    };
    for (line, expected) in [
        ("source_url: javascript:alert(1)", "content/documents/000_e0c0b504374b171f.yaml:1: source_url \"javascript:alert(1)\" is not an http:// or https:// address"),
        ("source_url: \"https://x.org/\\\" onmouseover=\\\"x\"", ":1: source_url \"https://x.org/\" onmouseover=\"x\" contains '\"'"),
        ("date: 2025-13-45", ":1: date \"2025-13-45\" is not a day of the form YYYY-MM-DD"),
    ] {
        let text = with(line);
        w.refused_after_good_build(|w| w.write(&meta, &text), expected);
        w.write(&meta, &original);
    }
    let site = std::fs::read_to_string(project_root().join("content/site.yaml")).unwrap();
    for (line, expected) in [
        (
            "base_url: javascript:alert(1)//",
            "base_url \"javascript:alert(1)//\" is neither a path",
        ),
        (
            "cname: \"x.org\\n<script>\"",
            "cname \"x.org\n<script>\" is not a host name",
        ),
    ] {
        let text = format!(
            "{line}\n{}",
            site.lines()
                .filter(|l| !l.starts_with(line.split(':').next().unwrap()))
                .collect::<Vec<_>>()
                .join("\n")
        );
        w.refused_after_good_build(|w| w.write("content/site.yaml", &text), expected);
        w.write("content/site.yaml", &site);
    }
}

#[test]
fn two_things_that_would_write_one_path_are_an_error_naming_both() {
    let w = Workspace::new("paths");
    let slug = "china-celac-joint-action-plan-2025-2027";
    w.refused_after_good_build(
        |w| w.write(&format!("content/pages/{slug}.md"), "# 冒名\n"),
        &format!("error: content/pages/{slug}.md: the address {slug}/ is already taken by content/documents/{PLAN}.yaml:"),
    );
    std::fs::remove_file(w.root.join(format!("content/pages/{slug}.md"))).unwrap();
    let site = std::fs::read_to_string(project_root().join("content/site.yaml")).unwrap();
    let en = std::fs::read_to_string(project_root().join("content/i18n/en.yaml")).unwrap();
    w.write("content/i18n/glossary.yaml", &en);
    w.refused_after_good_build(
        |w| {
            w.write(
                "content/site.yaml",
                &site.replace(
                    "languages: [zh-Hans, en]",
                    "languages: [zh-Hans, en, glossary]",
                ),
            )
        },
        "the address glossary/ is already taken by the site's own glossary",
    );
    w.write("content/site.yaml", &site);
    w.refused_after_good_build(
        |w| w.write("content/pages/search.md", "# 搜索\n"),
        "error: content/pages/search.md: the address search/ is already taken by the site's own search",
    );
    std::fs::remove_file(w.root.join("content/pages/search.md")).unwrap();
    let glossary = std::fs::read_to_string(project_root().join("content/glossary.yaml")).unwrap();
    let twin = "- term: 测试术语\n  en: China–CELAC Forum!\n  es: x\n  category: concept\n  definition: {zh: 测试。, en: Test.}\n";
    w.refused_after_good_build(
        |w| w.write("content/glossary.yaml", &format!("{glossary}{twin}")),
        "gives the page glossary/china-celac-forum/, which",
    );
    w.write("content/glossary.yaml", &glossary);
    w.refused_after_good_build(
        |w| w.write("content/pages/a\"b.md", "# x\n"),
        "content/pages/a\"b.md: a page's file name is its address and may contain only a-z, 0-9 and -",
    );
}

#[test]
fn bad_texts_and_bad_corrections_are_errors_at_their_place() {
    let w = Workspace::new("texts");
    let latin1: Vec<u8> = "Artículo 1. La cooperación económica y técnica entre las partes se desarrollará según este acuerdo.\n"
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    w.refused_after_good_build(
        |w| std::fs::write(w.root.join("seeds/latin1.txt"), &latin1).unwrap(),
        "seeds/latin1.txt: not UTF-8, and not Chinese in GB18030/GBK either: its bytes look like a Western single-byte encoding (Latin-1 or Windows-1252); save it as UTF-8",
    );
    std::fs::remove_file(w.root.join("seeds/latin1.txt")).unwrap();
    let seed = format!("seeds/{PAPER}.txt");
    let text = std::fs::read_to_string(w.root.join(&seed)).unwrap();
    let nul = text.replacen("中方", "中\0方", 1);
    let line = text[..text.find("中方").unwrap()].matches('\n').count() + 1;
    w.refused_after_good_build(|w| w.write(&seed, &nul), &format!("{seed}:{line}:"));
    w.write(&seed, &text);
    let meta = format!("content/documents/{PAPER}.yaml");
    let yaml = std::fs::read_to_string(w.root.join(&meta)).unwrap();
    let first = gongwen::yaml::find_line(&yaml, 0, "line:").expect("the paper has corrections");
    let lines: Vec<&str> = yaml.lines().collect();
    let indent = &lines[first - 1][..lines[first - 1].find('-').unwrap()];
    let past_end = format!(
        "{}\n{indent}  interpolation: {{to: 99999}}\n{}\n",
        lines[..first + 1].join("\n"),
        lines[first + 1..].join("\n")
    );
    w.refused_after_good_build(
        |w| w.write(&meta, &past_end),
        "interpolation runs to line 99999, but seeds/002_64c3c0df776e41da.txt has only",
    );
    w.write(&meta, &yaml);
    let first_expect = yaml
        .lines()
        .find(|l| l.trim_start().starts_with("expect:"))
        .unwrap();
    let empty = replace_line(&yaml, first_expect, "    expect: \"\"");
    w.refused_after_good_build(|w| w.write(&meta, &empty), "has an empty `expect`");
    w.write(&meta, &yaml);
    let dup = yaml.replacen("title:", "title: 一\ntitle:", 1);
    let dup_line = gongwen::yaml::find_line(&dup, 0, "title:").unwrap() + 1;
    w.refused_after_good_build(
        |w| w.write(&meta, &dup),
        &format!(
            "{meta}:{dup_line}:1: the key `title` is given twice (first at line {})",
            dup_line - 1
        ),
    );
}

/// `text` with its first line starting with `start` replaced by `line`.
fn replace_line(text: &str, start: &str, line: &str) -> String {
    let mut done = false;
    let lines: Vec<&str> = text
        .lines()
        .map(|l| {
            if !done && l.starts_with(start) {
                done = true;
                line
            } else {
                l
            }
        })
        .collect();
    assert!(done, "no line starts with {start}");
    lines.join("\n") + "\n"
}

/// Writes `path` next to the others and runs the whole loader on it: never a panic.
fn load_page(root: &Path, markdown: &str) -> Result<(), String> {
    std::fs::write(root.join("content/pages/p.md"), markdown).unwrap();
    gongwen::content::load(root)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Random nesting of every container Markdown and raw HTML have: refused past the
        /// limit, never a crash.
        #[test]
        fn random_nesting_never_aborts(parts in proptest::collection::vec(
            prop_oneof![Just(">"), Just("- "), Just("  "), Just("<div>"), Just("</div>"), Just("<span>"), Just("*"), Just("["), Just("]"), Just("(x)"), Just("\n"), Just("字")],
            0..4000,
        )) {
            let root = std::env::temp_dir().join(format!("gongwen-prop-nest-{}", std::process::id()));
            std::fs::create_dir_all(root.join("content/pages")).unwrap();
            std::fs::write(root.join("content/site.yaml"), "title: t\n").unwrap();
            let _ = load_page(&root, &format!("# T\n\n{}", parts.concat()));
        }

        /// Random bytes as a page and as a text: an error or a page, never a crash.
        #[test]
        fn random_bytes_never_abort(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
            let root = std::env::temp_dir().join(format!("gongwen-prop-bytes-{}", std::process::id()));
            std::fs::create_dir_all(root.join("content/pages")).unwrap();
            std::fs::write(root.join("content/site.yaml"), "title: t\n").unwrap();
            let page = String::from_utf8_lossy(&bytes);
            let _ = load_page(&root, &format!("# T\n\n{page}"));
            if let Ok(text) = gongwen::source::decode("seeds/x.txt", &bytes) {
                let _ = gongwen::outline::recognise(&text, &[]);
            }
        }
    }
}
