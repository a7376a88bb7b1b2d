//! Watch mode: every kind of incremental rebuild writes the same bytes as a full build of the
//! same input; invalid edits keep the last good site and recover; and the `watch` and `serve`
//! commands themselves, run as processes on a temporary copy of the project.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use gongwen::build::{build, BuildOptions};
use gongwen::output::{read_site, Files};
use gongwen::watch::{classify, ChangeKind, Session};

use crate::common::{project_root, temp_project, untranslate, PLAN};

const PARAGRAPH: &str = "二、拓展双方各层级人员往来,加强重点领域经验交流。";
const EDITED: &str = "二、拓展双方各层级人员往来,加强重点领域经验交流和监视测试。";

pub(crate) fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The changes a batch of edited paths makes, as the watcher classifies them.
fn changes(paths: &[&str]) -> Vec<ChangeKind> {
    paths.iter().filter_map(|p| classify(p)).collect()
}

/// The names of the files that differ between two sites (for a readable failure).
fn differences(a: &Files, b: &Files) -> Vec<String> {
    let mut names: Vec<&String> = a.keys().chain(b.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|n| a.get(*n) != b.get(*n))
        .cloned()
        .collect()
}

/// The files of `site` that differ from a full build of `root` (built into `root/full`).
fn differences_from_full_build(root: &Path, site: &Files) -> Vec<String> {
    let mut full = BuildOptions::new(root);
    full.out = root.join("full");
    build(&full).expect("full build");
    differences(site, &read_site(&full.out).unwrap())
}

/// Builds `root` into `root/public` with a session, applies `edit` (which returns the paths
/// it touched), rebuilds incrementally and compares with a full build into `root/full`.
fn assert_incremental_equals_full(name: &str, edit: impl FnOnce(&Path) -> Vec<&'static str>) {
    assert_incremental_equals_full_in(temp_project(name), edit);
}

/// [`assert_incremental_equals_full`] on the project at `root` (removed afterwards).
pub(crate) fn assert_incremental_equals_full_in(
    root: PathBuf,
    edit: impl FnOnce(&Path) -> Vec<&'static str>,
) {
    let mut session = Session::new(BuildOptions::new(&root));
    session.rebuild(&[]).expect("first build");
    let before = read_site(&root.join("public")).unwrap();
    let touched = edit(&root);
    let kinds = changes(&touched);
    assert_eq!(kinds.len(), touched.len(), "every edited path is an input");
    let rebuilt = session.rebuild(&kinds).expect("rebuild");
    let after = read_site(&root.join("public")).unwrap();
    assert!(
        !differences(&before, &after).is_empty(),
        "the edit changed the output"
    );
    assert_eq!(
        differences_from_full_build(&root, &after),
        Vec::<String>::new(),
        "incremental output differs from a full build ({} of {} pages rendered)",
        rebuilt.rendered,
        rebuilt.pages
    );
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_seed_edit_rebuilds_like_a_full_build() {
    assert_incremental_equals_full("seed", |root| {
        let seed = "seeds/000_e0c0b504374b171f.txt";
        edit(root, seed, PARAGRAPH, EDITED);
        vec![seed]
    });
}

#[test]
fn a_seed_edit_changes_only_the_pages_showing_it_and_the_search_index() {
    let root = temp_project("stable");
    let mut session = Session::new(BuildOptions::new(&root));
    session.rebuild(&[]).expect("first build");
    let before = read_site(&root.join("public")).unwrap();
    let seed = "seeds/000_e0c0b504374b171f.txt";
    edit(&root, seed, PARAGRAPH, EDITED);
    session.rebuild(&changes(&[seed])).expect("rebuild");
    let after = read_site(&root.join("public")).unwrap();
    let changed = differences(&before, &after);
    let pages: Vec<&String> = changed.iter().filter(|f| f.ends_with(".html")).collect();
    assert!(!pages.is_empty(), "the edited paragraph's page changed");
    // The pages of the edited division, in Chinese and (translated, now stale) English, and
    // any page quoting the paragraph; not the hundreds of others.
    for page in &pages {
        let html = String::from_utf8_lossy(&after[*page]);
        assert!(
            html.contains("监视测试") || page.contains("china-celac-joint-action-plan-2025-2027/"),
            "{page} changed but does not show the edit"
        );
    }
    assert!(pages.len() < 10, "{} pages changed: {pages:?}", pages.len());
    // Every page names the same manifest, whose path the edit did not move.
    let home = String::from_utf8_lossy(&after["index.html"]).into_owned();
    assert!(home.contains("search/zh-Hans/index.json"), "{home}");
    assert!(changed.contains(&"search/zh-Hans/index.json".to_string()));
    std::fs::remove_dir_all(&root).unwrap();
}

/// The number of passages in the Chinese search index of a built site.
fn search_units(site: &Files) -> u64 {
    let manifest: serde_json::Value =
        serde_json::from_slice(&site["search/zh-Hans/index.json"]).unwrap();
    manifest["n"].as_u64().unwrap()
}

/// An edit to the project under a root.
type Step<'a> = Box<dyn Fn(&Path) + 'a>;

#[test]
fn a_series_of_edits_adding_and_removing_passages_rebuilds_like_a_full_build_each_time() {
    let root = temp_project("series");
    let mut session = Session::new(BuildOptions::new(&root));
    session.rebuild(&[]).expect("first build");
    let plan = "seeds/000_e0c0b504374b171f.txt";
    let paper = "seeds/002_64c3c0df776e41da.txt";
    let original = std::fs::read_to_string(root.join(plan)).unwrap();
    let appended = format!("{original}\n\n六、监视模式新增的一段,用于测试。\n");
    let mut units = search_units(&read_site(&root.join("public")).unwrap());
    // (what to do, the file it touches, whether the index gains (+1), loses (-1) or keeps
    // its number of passages)
    let steps: Vec<(Step, &str, i64)> = vec![
        (Box::new(|r| edit(r, plan, PARAGRAPH, EDITED)), plan, 0),
        (
            Box::new(|r| write(r, plan, &appended.replacen(PARAGRAPH, EDITED, 1))),
            plan,
            1,
        ),
        (
            Box::new(|r| {
                edit(
                    r,
                    paper,
                    "深化全球发展倡议框架下合作",
                    "深化全球发展倡议框架内合作",
                )
            }),
            paper,
            0,
        ),
        (Box::new(|r| write(r, plan, &original)), plan, -1),
    ];
    for (n, (step, file, gained)) in steps.iter().enumerate() {
        step(&root);
        session.rebuild(&changes(&[file])).expect("rebuild");
        let after = read_site(&root.join("public")).unwrap();
        let now = search_units(&after);
        assert_eq!(
            now.cmp(&units),
            gained.cmp(&0),
            "step {n}: {units} → {now} passages"
        );
        units = now;
        assert_eq!(
            differences_from_full_build(&root, &after),
            Vec::<String>::new(),
            "step {n}: incremental output differs from a full build"
        );
    }
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_document_metadata_edit_rebuilds_like_a_full_build() {
    assert_incremental_equals_full("docmeta", |root| {
        let meta = "content/documents/000_e0c0b504374b171f.yaml";
        edit(root, meta, "kind: 共同行动计划", "kind: 行动计划");
        vec![meta]
    });
}

#[test]
fn a_glossary_edit_rebuilds_like_a_full_build() {
    assert_incremental_equals_full("glossary", |root| {
        edit(
            root,
            "content/glossary.yaml",
            "两个合作方在第三国共同开展的合作",
            "两个合作方在第三国共同开展的项目合作",
        );
        vec!["content/glossary.yaml"]
    });
}

#[test]
fn a_themes_edit_rebuilds_like_a_full_build() {
    assert_incremental_equals_full("themes", |root| {
        edit(
            root,
            "content/themes.yaml",
            "zh: 经贸与投资",
            "zh: 经贸投资",
        );
        vec!["content/themes.yaml"]
    });
}

#[test]
fn a_site_config_edit_rebuilds_like_a_full_build() {
    assert_incremental_equals_full("config", |root| {
        edit(
            root,
            "content/site.yaml",
            "base_url: /",
            "base_url: https://owner.github.io/gongwen/",
        );
        vec!["content/site.yaml"]
    });
}

#[test]
fn a_page_edit_rebuilds_like_a_full_build() {
    assert_incremental_equals_full("page", |root| {
        let text = std::fs::read_to_string(root.join("content/pages/about.md")).unwrap();
        write(
            root,
            "content/pages/about.md",
            &format!("{text}\n监视模式测试段落。\n"),
        );
        vec!["content/pages/about.md"]
    });
}

#[test]
fn a_template_override_rebuilds_like_a_full_build() {
    assert_incremental_equals_full("template", |root| {
        let base = std::fs::read_to_string(project_root().join("templates/base.html")).unwrap();
        write(
            root,
            "templates/base.html",
            &base.replace("</body>", "<p class=watch-test>override</p></body>"),
        );
        vec!["templates/base.html"]
    });
}

#[test]
fn a_theme_asset_override_rebuilds_like_a_full_build() {
    assert_incremental_equals_full("asset", |root| {
        let css = std::fs::read_to_string(project_root().join("theme/style.css")).unwrap();
        write(
            root,
            "theme/style.css",
            &format!("{css}\n.watch-test{{color:red}}\n"),
        );
        vec!["theme/style.css"]
    });
}

#[test]
fn a_removed_seed_rebuilds_like_a_full_build() {
    assert_incremental_equals_full("removed", |root| {
        std::fs::remove_file(root.join("seeds/002_64c3c0df776e41da.txt")).unwrap();
        std::fs::remove_file(root.join("content/documents/002_64c3c0df776e41da.yaml")).unwrap();
        vec![
            "seeds/002_64c3c0df776e41da.txt",
            "content/documents/002_64c3c0df776e41da.yaml",
        ]
    });
}

/// An invalid edit fails with `file:line` and writes nothing; the fix rebuilds like a full
/// build.
fn assert_error_keeps_site_then_recovers(
    name: &str,
    rel: &str,
    bad: impl FnOnce(&Path),
    message: &str,
) {
    let root = temp_project(name);
    let original = std::fs::read(root.join(rel)).ok();
    let mut session = Session::new(BuildOptions::new(&root));
    session.rebuild(&[]).expect("first build");
    let before = read_site(&root.join("public")).unwrap();
    bad(&root);
    let err = session
        .rebuild(&changes(&[rel]))
        .expect_err("an invalid edit fails");
    let err = format!("{err:#}");
    assert!(err.contains(message), "{err:?} should contain {message:?}");
    assert_eq!(read_site(&root.join("public")).unwrap(), before);
    match original {
        Some(bytes) => std::fs::write(root.join(rel), bytes).unwrap(),
        None => std::fs::remove_file(root.join(rel)).unwrap(),
    }
    session.rebuild(&changes(&[rel])).expect("the fix rebuilds");
    let site = read_site(&root.join("public")).unwrap();
    assert_eq!(
        differences_from_full_build(&root, &site),
        Vec::<String>::new()
    );
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn broken_yaml_keeps_the_site_and_names_file_and_line() {
    assert_error_keeps_site_then_recovers(
        "badyaml",
        "content/site.yaml",
        |root| {
            edit(
                root,
                "content/site.yaml",
                "footer:",
                "footer: [unclosed\nfooter:",
            )
        },
        "content/site.yaml:",
    );
}

#[test]
fn a_template_error_keeps_the_site_and_names_the_template() {
    assert_error_keeps_site_then_recovers(
        "badtemplate",
        "templates/page.html",
        |root| {
            write(
                root,
                "templates/page.html",
                "{% extends \"base.html\" %}{% if %}",
            )
        },
        "templates/",
    );
}

#[test]
fn a_correction_that_no_longer_matches_keeps_the_site_and_names_the_line() {
    assert_error_keeps_site_then_recovers(
        "stale",
        "seeds/000_e0c0b504374b171f.txt",
        |root| {
            edit(
                root,
                "seeds/000_e0c0b504374b171f.txt",
                "十、务实合作,携手发展共赢",
                "十、务实合作，携手共赢",
            )
        },
        "content/documents/000_e0c0b504374b171f.yaml:",
    );
}

// ---- the commands, as processes ----

/// A running `gongwen watch`/`serve` on a temporary project, its stderr in a file.
struct Watcher {
    root: PathBuf,
    child: Child,
    log: PathBuf,
}

impl Watcher {
    fn start(name: &str, args: &[&str]) -> Watcher {
        Watcher::start_with(name, args, |_| {})
    }

    /// Starts `gongwen` on a copy of the project that `setup` has changed first.
    fn start_with(name: &str, args: &[&str], setup: impl FnOnce(&Path)) -> Watcher {
        let root = temp_project(name);
        setup(&root);
        let log = root.join("watch.log");
        // `--root .`, as an editor runs it from the site's folder.
        let child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
            .current_dir(&root)
            .args(["--root", "."])
            .args(args)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let w = Watcher { root, child, log };
        w.wait_for("first build", |w| w.log().contains("start:"));
        w
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits (at most 30 s) until `done` holds.
    fn wait_for(&self, what: &str, done: impl Fn(&Self) -> bool) {
        let start = Instant::now();
        while !done(self) {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "timed out waiting for {what}; log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The port `serve` says it listens on.
    fn port(&self) -> u16 {
        let log = self.log();
        log.split("http://127.0.0.1:")
            .nth(1)
            .and_then(|s| s.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no address in {log}"))
    }

    fn rebuilds(&self) -> usize {
        self.log().lines().filter(|l| l.contains(" ms")).count()
    }

    fn page(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join("public").join(rel)).unwrap_or_default()
    }

    /// Ctrl-C; returns whether it exited successfully.
    fn interrupt(mut self) -> bool {
        Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        let start = Instant::now();
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "still running");
            std::thread::sleep(Duration::from_millis(20));
        };
        let _ = std::fs::remove_dir_all(&self.root);
        status.success()
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const ART1: &str = "china-celac-joint-action-plan-2025-2027/art1/index.html";

fn seed_edit_then_invalid_edit_then_fix(w: &Watcher) {
    edit(&w.root, &format!("seeds/{PLAN}.txt"), PARAGRAPH, EDITED);
    // The log line comes once every file is written.
    w.wait_for("the rebuild", |w| w.rebuilds() >= 2);
    assert!(w.page(ART1).contains("加强重点领域经验交流和监视测试"));
    let good = read_site(&w.root.join("public")).unwrap();
    let rebuilds = w.rebuilds();
    edit(
        &w.root,
        "content/site.yaml",
        "footer:",
        "footer: [unclosed\nfooter:",
    );
    w.wait_for("the error", |w| {
        w.log().contains("error: content/site.yaml:")
    });
    let now = read_site(&w.root.join("public")).unwrap();
    assert_eq!(
        differences(&now, &good),
        Vec::<String>::new(),
        "public/ unchanged"
    );
    edit(
        &w.root,
        "content/site.yaml",
        "footer: [unclosed\nfooter:",
        "footer:",
    );
    w.wait_for("the rebuild after the fix", |w| w.rebuilds() > rebuilds);
}

#[test]
fn watch_rebuilds_on_a_seed_edit_reports_an_invalid_edit_and_recovers() {
    let w = Watcher::start("watch", &["watch"]);
    seed_edit_then_invalid_edit_then_fix(&w);
    assert!(w.interrupt(), "Ctrl-C exits with status 0");
}

#[test]
fn watch_with_poll_sees_edits_too() {
    let w = Watcher::start("poll", &["watch", "--poll"]);
    seed_edit_then_invalid_edit_then_fix(&w);
    assert!(w.interrupt(), "Ctrl-C exits with status 0");
}

#[test]
fn watch_ignores_editor_temporary_files() {
    let w = Watcher::start_with("junk", &["watch"], |root| {
        untranslate(root, "part3-s2-i1-p1");
    });
    let warnings = w.log().matches("warning:").count();
    assert!(warnings > 0, "the seeds have warnings");
    for junk in [
        "seeds/.000.txt.swp",
        "seeds/000.txt~",
        "seeds/4913",
        "content/sedAb12Cd",
        "content/#site.yaml#",
    ] {
        write(&w.root, junk, "x");
    }
    // A real edit after the junk: exactly one rebuild, for it alone. The paragraph has no
    // translation, so the edit changes no warning (a translated one would turn stale).
    let paper = "seeds/002_64c3c0df776e41da.txt";
    edit(
        &w.root,
        paper,
        "中方愿同拉美和加勒比国家深化全球发展倡议框架下合作",
        "中方愿同拉美和加勒比国家深化全球发展倡议框架内合作",
    );
    w.wait_for("the rebuild", |w| w.rebuilds() >= 2);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(w.rebuilds(), 2, "{}", w.log());
    assert!(w.log().contains(&format!("{paper}: re-read 1 document")));
    assert_eq!(
        w.log().matches("warning:").count(),
        warnings,
        "warnings are printed again only when they change"
    );
    assert!(w.interrupt());
}

#[test]
fn serve_shows_the_error_until_a_first_build_succeeds() {
    let root = temp_project("serve-first");
    let site = root.join("content/site.yaml");
    let good = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, good.replace("footer:", "footer: [unclosed\nfooter:")).unwrap();
    let log = root.join("serve.log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .arg("--root")
        .arg(&root)
        .args(["serve", "--port", "0"])
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let read = || std::fs::read_to_string(&log).unwrap_or_default();
    let until = |what: &str, done: &dyn Fn(&str) -> bool| {
        let start = Instant::now();
        while !done(&read()) {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "{what}:\n{}",
                read()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    until("the failed first build", &|l| {
        l.contains("error: content/site.yaml:")
    });
    let port: u16 = read()
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .and_then(|p| p.parse().ok())
        .expect("the address");
    let page = get(port, "/");
    assert!(page.starts_with("HTTP/1.1 503"), "{page}");
    assert!(page.contains("content/site.yaml:") && page.contains("live.js"));
    std::fs::write(&site, good).unwrap();
    until("the build after the fix", &|l| l.contains(" ms"));
    assert!(get(port, "/").starts_with("HTTP/1.1 200"));
    let _ = child.kill();
    let _ = child.wait();
    std::fs::remove_dir_all(&root).unwrap();
}

fn get(port: u16, path: &str) -> String {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut out = String::new();
    // A server that answers and closes at once may reset the connection under load after
    // the answer arrived; what was read is what the caller checks.
    let _ = s.read_to_string(&mut out);
    out
}

#[test]
fn serve_answers_under_the_sub_path_with_the_live_reload_script() {
    let site = std::fs::read_to_string(project_root().join("content/site.yaml"))
        .unwrap()
        .replace("base_url: /", "base_url: https://owner.github.io/gongwen/");
    let w = Watcher::start("serve", &["serve", "--port", "0"]);
    std::fs::write(w.root.join("content/site.yaml"), site).unwrap();
    w.wait_for("the rebuild", |w| w.rebuilds() >= 2);
    let port = w.port();
    let home = get(port, "/gongwen/");
    assert!(home.starts_with("HTTP/1.1 200"), "{home}");
    assert!(home.contains("/gongwen/__gongwen/live.js"));
    assert!(get(port, "/").starts_with("HTTP/1.1 302"));
    assert!(get(port, "/gongwen/__gongwen/live.js").contains("EventSource"));
    assert!(get(port, "/gongwen/no-such-page/").starts_with("HTTP/1.1 404"));
    assert!(
        !w.page("index.html").contains("live.js"),
        "the script is never written into the output"
    );
    assert!(w.interrupt());
}

#[test]
fn a_translation_edit_rebuilds_like_a_full_build() {
    assert_incremental_equals_full("translation", |root| {
        edit(
            root,
            "content/translations/en/000_e0c0b504374b171f.yaml",
            "Strengthen high-level exchanges",
            "Strengthen exchanges at the highest level",
        );
        vec!["content/translations/en/000_e0c0b504374b171f.yaml"]
    });
}

#[test]
fn an_interface_string_edit_rebuilds_like_a_full_build() {
    assert_incremental_equals_full("i18n", |root| {
        edit(
            root,
            "content/i18n/en.yaml",
            "search_placeholder: Search the texts",
            "search_placeholder: Search all texts",
        );
        vec!["content/i18n/en.yaml"]
    });
}

#[test]
fn a_seed_edit_under_a_translation_rebuilds_like_a_full_build_and_flags_it_stale() {
    assert_incremental_equals_full("stale", |root| {
        edit(
            root,
            "seeds/000_e0c0b504374b171f.txt",
            "拓展双方各层级人员往来",
            "拓展双方各层级人员友好往来",
        );
        vec!["seeds/000_e0c0b504374b171f.txt"]
    });
}

/// The paragraphs (numbered items) of a synthetic document, as lines.
fn items(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.starts_with('(')).collect()
}

#[test]
fn edits_across_many_documents_keep_the_other_documents_pages_and_rebuild_like_a_full_build() {
    use crate::corpus::{document, seed_texts, Material, Rng};
    let root = temp_project("kept");
    let material = Material::from_seeds(&seed_texts());
    let mut rng = Rng::new(7);
    let names: Vec<String> = (0..6).map(|i| format!("seeds/doc{i}.txt")).collect();
    for (i, name) in names.iter().enumerate() {
        write(&root, name, &document(&material, &mut rng, i + 1, 2_500));
    }
    let mut session = Session::new(BuildOptions::new(&root));
    session.rebuild(&[]).expect("first build");
    let read = |name: &str| std::fs::read_to_string(root.join(name)).unwrap();
    let (a, b, c) = (&names[0], &names[1], &names[2]);
    let b_original = read(b);
    let c_item = items(&read(c))[1].to_string();
    let b_item = items(&b_original)[1].to_string();
    let a_item = items(&read(a))[0].to_string();
    // (what to do, the seed it touches)
    let steps: Vec<(Step, &str)> = vec![
        // A paragraph's wording, keeping every passage.
        (
            Box::new(|r| edit(r, a, &a_item, &a_item.replacen('。', "和监视测试。", 1))),
            a,
        ),
        // A paragraph copied from another document: the two become related, so the other
        // document's pages change although its text did not.
        (
            Box::new(|r| {
                let copied = format!("(二) {}", c_item.split_once(' ').unwrap().1);
                edit(r, b, &b_item, &copied)
            }),
            b,
        ),
        // A glossary term added to a paragraph.
        (
            Box::new(|r| {
                let item = items(&read(&names[3]))[0].to_string();
                let with_term = item.replacen('。', ",推进中拉基础设施合作论坛建设。", 1);
                edit(r, &names[3], &item, &with_term)
            }),
            &names[3],
        ),
        // A paragraph removed, then the copy undone.
        (
            Box::new(|r| {
                let item = items(&read(&names[4]))[2].to_string();
                edit(r, &names[4], &format!("{item}\n"), "")
            }),
            &names[4],
        ),
        (Box::new(|r| write(r, b, &b_original)), b),
        // A seed with a translation.
        (
            Box::new(|r| edit(r, &format!("seeds/{PLAN}.txt"), PARAGRAPH, EDITED)),
            "seeds/000_e0c0b504374b171f.txt",
        ),
    ];
    let mut kept = Vec::new();
    for (n, (step, file)) in steps.iter().enumerate() {
        step(&root);
        let rebuilt = session.rebuild(&changes(&[file])).expect("rebuild");
        kept.push(rebuilt.kept);
        assert!(
            rebuilt.kept < rebuilt.pages,
            "step {n}: the edited document's pages were assembled"
        );
        let after = read_site(&root.join("public")).unwrap();
        assert_eq!(
            differences_from_full_build(&root, &after),
            Vec::<String>::new(),
            "step {n}: incremental output differs from a full build ({} pages kept)",
            rebuilt.kept
        );
    }
    // Most pages belong to documents no edit touched; a full rebuild would keep none.
    assert!(kept.iter().all(|&k| k > 0), "pages kept per step: {kept:?}");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn serve_outlives_a_page_it_cannot_render_answers_head_and_bounds_its_connections() {
    let w = Watcher::start("serve-hostile", &["serve", "--port", "0"]);
    let port = w.port();
    std::fs::write(
        w.root.join("content/pages/deep.md"),
        format!("# 深\n\n{}x\n", ">".repeat(5000)),
    )
    .unwrap();
    w.wait_for("the error", |w| {
        w.log()
            .contains("content/pages/deep.md:3: the page nests more than 32 levels deep")
    });
    // The last good site is still served.
    let home = get(port, "/");
    assert!(home.starts_with("HTTP/1.1 200"), "{home}");
    // HEAD: the headers of a GET, no body.
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut head = String::new();
    s.read_to_string(&mut head).unwrap();
    let length: usize = head
        .split("Content-Length: ")
        .nth(1)
        .and_then(|l| l.split('\r').next())
        .and_then(|l| l.parse().ok())
        .expect("a length");
    assert!(length > 1000, "{head}");
    assert!(
        head.ends_with("\r\n\r\n"),
        "no body after the headers: {head}"
    );
    // Idle connections beyond the limit are turned away at once, not given a thread each.
    let idle: Vec<_> = (0..64)
        .map(|_| std::net::TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let mut extra = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    extra
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut refused = String::new();
    extra.read_to_string(&mut refused).unwrap();
    assert!(refused.starts_with("HTTP/1.1 503"), "{refused}");
    drop(idle);
    w.wait_for("the idle connections to close", |_| {
        get(port, "/").starts_with("HTTP/1.1 200")
    });
    assert!(w.interrupt());
}
