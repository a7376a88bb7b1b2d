//! The built site: every page and anchor reachable, one page per division, every clause
//! addressable, atomic and deterministic output, sub-path publishing.

use std::collections::{BTreeSet, VecDeque};
use std::path::Path;

use gongwen::build::{build, BuildOptions};
use gongwen::outline::Kind;
use gongwen::output::{self, Files};

use crate::common::*;

pub(crate) fn build_into(root: &Path, out: &Path) -> anyhow::Result<Files> {
    let mut opts = BuildOptions::new(root);
    opts.out = out.to_path_buf();
    build(&opts)?;
    output::read_site(out)
}

pub(crate) fn hrefs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=", " src=", " action="] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            let after = &rest[i + attr.len()..];
            let (v, used) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = after[1..].find(q).unwrap();
                    (&after[1..1 + end], end + 2)
                }
                _ => {
                    let end = after.find(|c: char| c.is_whitespace() || c == '>').unwrap();
                    (&after[..end], end)
                }
            };
            out.push(v.to_string());
            rest = &after[used..];
        }
    }
    out
}

/// Follows links from index.html; returns the pages reached.
fn crawl(files: &Files) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from(["index.html".to_string()]);
    while let Some(page) = queue.pop_front() {
        if !seen.insert(page.clone()) {
            continue;
        }
        let html = String::from_utf8(files[&page].to_vec()).unwrap();
        for href in hrefs(&html) {
            if href.contains("://") || href.starts_with('#') {
                continue;
            }
            let target = resolve(&page, &href);
            assert!(
                files.contains_key(&target),
                "{page}: link {href} → {target} does not exist"
            );
            if target.ends_with(".html") {
                queue.push_back(target);
            }
        }
    }
    seen
}

#[test]
fn every_page_is_reachable_from_the_home_page_and_every_link_resolves() {
    let dir = temp_project("crawl");
    let files = build_into(&dir, &dir.join("public")).unwrap();
    assert!(output::check_links(&files, "/").is_empty());
    let reached = crawl(&files);
    let pages: BTreeSet<String> = files
        .keys()
        .filter(|k| k.ends_with(".html") && *k != "404.html")
        .cloned()
        .collect();
    assert_eq!(reached, pages);
    let project = gongwen::project::load(&dir).unwrap();
    let reference = 1 + project.glossary.entries.len() + 1 + project.themes.len();
    let distinct = |f: &dyn Fn(&gongwen::document::Document) -> Option<String>| {
        (project.documents.iter().filter_map(f))
            .collect::<BTreeSet<_>>()
            .len()
    };
    let library = 2
        + distinct(&|d| d.kind())
        + distinct(&|d| d.date().map(|d| d[..4].to_string()))
        + distinct(&|d| d.issuer());
    assert_eq!(
        library, 5,
        "the library's index, all, two kinds and one year"
    );
    let per_language = 1 + 2 + 2 + 6 + 4 + 1 + 1 + reference + library;
    assert_eq!(
        pages.len(),
        2 * per_language + 2 * (6 + 4),
        "in Chinese and English: home, 2 documents and their print pages, 6+4 divisions, about, search, glossary, \
         subjects and library; and a side-by-side view of each division in each interface"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn every_division_has_a_page_and_every_clause_an_anchor_on_it() {
    let dir = temp_project("anchors");
    let files = build_into(&dir, &dir.join("public")).unwrap();
    let project = gongwen::project::load(&dir).unwrap();
    let mut anchors = 0;
    for doc in &project.documents {
        for top in &doc.outline.nodes {
            let page = if top.kind == Kind::Preamble {
                format!("{}/index.html", doc.slug())
            } else {
                format!("{}/{}/index.html", doc.slug(), top.id)
            };
            let html = String::from_utf8(
                files
                    .get(&page)
                    .unwrap_or_else(|| panic!("no page {page}"))
                    .to_vec(),
            )
            .unwrap();
            top.walk(&mut |n, _| {
                assert!(
                    html.contains(&format!("id={}", n.id))
                        || html.contains(&format!("id=\"{}\"", n.id)),
                    "{page} lacks #{}",
                    n.id
                );
                anchors += 1;
            });
        }
    }
    assert!(anchors > 250, "{anchors}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let dir = temp_project("determinism");
    let a = build_into(&dir, &dir.join("a")).unwrap();
    let b = build_into(&dir, &dir.join("b")).unwrap();
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(v == &b[k], "{k} differs");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_build_that_fails_part_way_leaves_the_previous_output_untouched() {
    let dir = temp_project("atomic");
    let out = dir.join("public");
    let before = build_into(&dir, &out).unwrap();
    // A template error that only the last division page of the last document reaches.
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    let division = std::fs::read_to_string(project_root().join("templates/division.html")).unwrap();
    let broken = division.replace(
        "{% block main %}",
        "{% block main %}{% if position == total and doc.title is starting_with(\"中国对拉丁\") %}{{ no_such_variable }}{% endif %}",
    );
    std::fs::write(dir.join("templates/division.html"), broken).unwrap();
    let err = build_into(&dir, &out).unwrap_err();
    assert!(
        format!("{err:#}").starts_with(
            "templates/division.html: rendering china-lac-policy-paper-2025/part3/index.html"
        ),
        "{err:#}"
    );
    let after = output::read_site(&out).unwrap();
    assert_eq!(before, after);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_site_under_a_sub_path_links_its_404_page_from_the_base_path() {
    let dir = temp_project("subpath");
    let mut opts = BuildOptions::new(&dir);
    opts.base_url = Some("https://owner.github.io/repo/".into());
    build(&opts).unwrap();
    let files = output::read_site(&dir.join("public")).unwrap();
    let nf = String::from_utf8(files["404.html"].to_vec()).unwrap();
    assert!(
        nf.contains("href=/repo/assets/style.") || nf.contains("href=\"/repo/assets/style."),
        "{nf}"
    );
    assert!(output::check_links(&files, "/repo/").is_empty());
    let doc = String::from_utf8(files["china-lac-policy-paper-2025/index.html"].to_vec()).unwrap();
    assert!(
        doc.contains("https://owner.github.io/repo/china-lac-policy-paper-2025/"),
        "canonical link"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_link_check_names_page_and_link() {
    let mut files = Files::new();
    files.insert(
        "index.html".into(),
        b"<a href=a/>x</a><a href=\"#nope\">y</a>".to_vec().into(),
    );
    let broken = output::check_links(&files, "/");
    assert_eq!(
        broken,
        [
            "index.html: link \"a/\": no such file a/index.html",
            "index.html: link \"#nope\": index.html has no anchor #nope"
        ]
    );
}

#[test]
fn editorial_marks_are_shown_to_the_reader() {
    let dir = temp_project("marks");
    let files = build_into(&dir, &dir.join("public")).unwrap();
    let art3 = String::from_utf8(
        files["china-celac-joint-action-plan-2025-2027/art3/index.html"].to_vec(),
    )
    .unwrap();
    assert!(
        art3.contains("class=passage"),
        "the news passage is set apart"
    );
    assert!(
        art3.contains("误入本文件文本"),
        "with the editor's note from content/"
    );
    assert!(
        art3.contains("编者据编号推断"),
        "the inferred heading is marked"
    );
    let annex = String::from_utf8(
        files["china-celac-joint-action-plan-2025-2027/annex/index.html"].to_vec(),
    )
    .unwrap();
    assert!(
        annex.contains("原文至此中断"),
        "the truncated ending is noted"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_absolute_base_url_gives_sitemap_robots_cname_and_metadata() {
    let dir = temp_project("publishing");
    let site = dir.join("content/site.yaml");
    let mut yaml = std::fs::read_to_string(&site).unwrap();
    yaml.push_str("cname: docs.example.org\n");
    std::fs::write(&site, yaml).unwrap();
    let mut opts = BuildOptions::new(&dir);
    opts.base_url = Some("https://owner.github.io/repo".into());
    build(&opts).unwrap();
    let files = output::read_site(&dir.join("public")).unwrap();
    let text = |k: &str| String::from_utf8(files[k].to_vec()).unwrap();
    let sitemap = text("sitemap.xml");
    let pages = files.keys().filter(|k| k.ends_with(".html")).count();
    assert_eq!(
        sitemap.matches("<loc>").count(),
        pages - 1,
        "every page but 404"
    );
    assert!(sitemap.contains(
        "<loc>https://owner.github.io/repo/china-celac-joint-action-plan-2025-2027/art2/</loc>"
    ));
    assert_eq!(
        text("robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://owner.github.io/repo/sitemap.xml\n"
    );
    assert_eq!(text("CNAME"), "docs.example.org\n");
    assert!(files.contains_key(".nojekyll"));
    let doc = text("china-lac-policy-paper-2025/index.html");
    assert!(doc.contains("property=og:title"), "Open Graph");
    assert!(doc.contains("name=twitter:card"), "Twitter card");
    let ld_start = doc
        .find("<script type=application/ld+json>")
        .expect("JSON-LD")
        + 33;
    let ld_end = ld_start + doc[ld_start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&doc[ld_start..ld_end]).unwrap();
    assert_eq!(ld["name"], "中国对拉丁美洲和加勒比政策文件");
    assert_eq!(ld["datePublished"], "2025-12-10");
    assert_eq!(
        ld["url"],
        "https://owner.github.io/repo/china-lac-policy-paper-2025/"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_path_only_base_url_gives_no_sitemap() {
    let dir = temp_project("no-sitemap");
    let files = build_into(&dir, &dir.join("public")).unwrap();
    assert!(!files.contains_key("sitemap.xml"));
    assert!(!files.contains_key("CNAME"));
    assert_eq!(files["robots.txt"].as_slice(), b"User-agent: *\nAllow: /\n");
    std::fs::remove_dir_all(dir).unwrap();
}
