//! The second language: English pages mirroring the Chinese ones, hreflang alternates,
//! fallback and stale translations, the parallel view, translation status and interface
//! strings.

use std::collections::BTreeMap;

use crate::cli::gongwen;
use crate::common::*;
use crate::site::build_into;

const PLAN: &str = "000_e0c0b504374b171f";
const PAPER: &str = "002_64c3c0df776e41da";

/// The attributes of every `<link>` tag of a page (minified HTML: quotes optional).
fn link_tags(html: &str) -> Vec<BTreeMap<String, String>> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<link ") {
        let tag = &rest[i + 6..];
        let end = tag.find('>').unwrap();
        let mut attrs = BTreeMap::new();
        let mut s = &tag[..end];
        while let Some(eq) = s.find('=') {
            let name = s[..eq].trim().to_string();
            let after = &s[eq + 1..];
            let (value, used) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = after[1..].find(q).unwrap();
                    (&after[1..1 + close], close + 2)
                }
                _ => {
                    let stop = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..stop], stop)
                }
            };
            attrs.insert(name, value.to_string());
            s = &after[used..];
        }
        out.push(attrs);
        rest = &tag[end..];
    }
    out
}

#[test]
fn every_page_has_reciprocal_hreflang_alternates_in_both_languages() {
    let dir = temp_project("hreflang");
    let files = build_into(&dir, &dir.join("public")).unwrap();
    let pages: Vec<&String> = files
        .keys()
        .filter(|k| k.ends_with(".html") && *k != "404.html" && !k.contains("/parallel/"))
        .collect();
    let mut english = 0;
    for page in &pages {
        let html = String::from_utf8_lossy(&files[*page]);
        let alternates: BTreeMap<String, String> = link_tags(&html)
            .into_iter()
            .filter(|a| a.get("rel").map(String::as_str) == Some("alternate"))
            .filter_map(|a| Some((a.get("hreflang")?.clone(), resolve(page, a.get("href")?))))
            .collect();
        let zh = page.strip_prefix("en/").unwrap_or(page).to_string();
        let en = format!("en/{zh}");
        english += usize::from(page.starts_with("en/"));
        assert_eq!(
            alternates.keys().map(String::as_str).collect::<Vec<_>>(),
            ["en", "x-default", "zh-Hans"],
            "{page}"
        );
        assert_eq!(alternates["zh-Hans"], zh, "{page}");
        assert_eq!(alternates["en"], en, "{page}");
        assert_eq!(alternates["x-default"], zh, "{page}");
        assert!(files.contains_key(&zh) && files.contains_key(&en), "{page}");
        let lang = if page.starts_with("en/") {
            "en"
        } else {
            "zh-Hans"
        };
        assert!(html.contains(&format!("<html lang={lang}>")), "{page}");
    }
    assert_eq!(
        english * 2,
        pages.len(),
        "every page has its English mirror"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_untranslated_clause_falls_back_to_chinese_marked_and_a_translated_one_is_english() {
    let dir = temp_project("fallback");
    untranslate(&dir, "part3-s2-i1-p1");
    let files = build_into(&dir, &dir.join("public")).unwrap();
    let plan = String::from_utf8_lossy(
        &files["en/china-celac-joint-action-plan-2025-2027/art1/index.html"],
    )
    .into_owned();
    assert!(plan.contains("Strengthen high-level exchanges"));
    assert!(plan.contains("Article 1"));
    assert!(
        !plan.contains("Not yet translated"),
        "the action plan is translated"
    );
    // Untranslated text of the policy paper: Chinese, in its language, flagged.
    let part3 = String::from_utf8_lossy(&files["en/china-lac-policy-paper-2025/part3/index.html"])
        .into_owned();
    assert!(
        part3.contains("lang=zh-Hans"),
        "fallback text carries its language"
    );
    assert!(part3.contains("Not yet translated"));
    assert!(part3.contains("unofficial translation"));
    std::fs::remove_dir_all(dir).unwrap();
}

/// `translations status` for the English of the test project, as lines.
fn status(root: &str) -> String {
    let (ok, out, err) = gongwen(&["--root", root, "translations", "status", "en"]);
    assert!(ok, "{err}");
    out
}

#[test]
fn status_reports_the_action_plan_complete_and_exact_counts_for_the_policy_paper() {
    let dir = temp_project("tr-status");
    untranslate(&dir, "part3-s2-i1-p1");
    untranslate(&dir, "part3-s5-i6-p2");
    let out = status(dir.to_str().unwrap());
    let plan = gongwen::project::load(&dir).unwrap();
    let doc = |key: &str| plan.documents.iter().find(|d| d.source.key == key).unwrap();
    let units = gongwen::translation::units(doc(PLAN)).len();
    assert!(
        out.contains(&format!(
            "seeds/{PLAN}.txt: {units}/{units} translated (100%), 0 missing, 0 stale"
        )),
        "{out}"
    );
    // Counted independently: an entry is translated when it has every field its node has
    // and the current fingerprint.
    let text =
        std::fs::read_to_string(dir.join(format!("content/translations/en/{PAPER}.yaml"))).unwrap();
    let file: gongwen::translation::TranslationFile =
        gongwen::yaml::parse("paper.yaml", &text).unwrap();
    let paper = gongwen::translation::units(doc(PAPER));
    let done = paper
        .iter()
        .filter(|u| {
            let (fields_ok, fp) = if u.id.is_empty() {
                (file.title.is_some(), file.fp.clone())
            } else {
                let Some(Some(e)) = file.entries.get(&u.id) else {
                    return false;
                };
                let ok = u.fields.iter().all(|(k, _)| match *k {
                    "title" => e.title.is_some(),
                    _ => e.text.is_some(),
                });
                (ok, e.fp.clone())
            };
            fields_ok && fp.as_deref() == Some(u.fp.as_str())
        })
        .count();
    assert_eq!(done, paper.len() - 2, "two units were untranslated");
    assert!(
        out.contains(&format!(
            "seeds/{PAPER}.txt: {done}/{} translated ({}%), {} missing, 0 stale",
            paper.len(),
            done * 100 / paper.len(),
            paper.len() - done
        )),
        "{out}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_changed_source_paragraph_is_stale_in_status_and_on_the_page_until_restored() {
    let dir = temp_project("tr-stale");
    let root = dir.to_str().unwrap();
    let seed = dir.join(format!("seeds/{PLAN}.txt"));
    let original = std::fs::read_to_string(&seed).unwrap();
    let page = "en/china-celac-joint-action-plan-2025-2027/art1/index.html";
    let changed = original.replacen("拓展双方各层级人员往来", "拓展双方各层级人员友好往来", 1);
    assert_ne!(changed, original);
    std::fs::write(&seed, &changed).unwrap();
    let out = status(root);
    assert!(
        out.contains("0 missing, 1 stale\n  stale: art1-s2\n"),
        "{out}"
    );
    let files = build_into(&dir, &dir.join("public")).unwrap();
    let html = String::from_utf8_lossy(&files[page]).into_owned();
    let clause = &html[html.find("id=art1-s2").unwrap()..];
    let clause = &clause[..clause.find("</p>").unwrap()];
    assert!(
        clause.contains("Source changed since translation"),
        "{clause}"
    );
    assert!(
        clause.contains("Expand exchanges of personnel"),
        "the stale translation still shows"
    );
    std::fs::write(&seed, &original).unwrap();
    assert!(status(root).contains(&format!("seeds/{PLAN}.txt: ")));
    assert!(!status(root).contains("stale: "));
    let files = build_into(&dir, &dir.join("public")).unwrap();
    assert!(!String::from_utf8_lossy(&files[page]).contains("Source changed since translation"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_parallel_view_aligns_both_languages_clause_by_clause() {
    let dir = temp_project("parallel");
    let files = build_into(&dir, &dir.join("public")).unwrap();
    let project = gongwen::project::load(&dir).unwrap();
    let mut views = 0;
    for doc in &project.documents {
        for top in doc
            .outline
            .nodes
            .iter()
            .filter(|n| n.kind != gongwen::outline::Kind::Preamble)
        {
            let file = format!("en/{}/{}/parallel/index.html", doc.slug(), top.id);
            let html = String::from_utf8_lossy(&files[&file]).into_owned();
            let mut expected = Vec::new();
            top.walk(&mut |n, _| expected.push(n.id.clone()));
            let cells: Vec<&str> = html
                .split("data-id=")
                .skip(1)
                .map(|s| s.split(['>', ' ']).next().unwrap().trim_matches('"'))
                .collect();
            let left: Vec<&str> = cells.iter().step_by(2).copied().collect();
            let right: Vec<&str> = cells.iter().skip(1).step_by(2).copied().collect();
            assert_eq!(left, expected, "{file}: Chinese column");
            assert_eq!(right, expected, "{file}: English column");
            views += 1;
        }
    }
    assert_eq!(views, 10);
    std::fs::remove_dir_all(dir).unwrap();
}

/// A short text of one-sentence articles is read whole on its document page: its
/// side-by-side views are the document's, with every node in both columns.
#[test]
fn a_text_read_on_one_page_has_its_parallel_view_on_the_document() {
    let dir = temp_project("parallel-one-page");
    std::fs::write(
        dir.join("seeds/rule.txt"),
        "示例条例\n\n第一条 为了示例，制定本条例。\n\n第二条 本条例自公布之日起施行。\n",
    )
    .unwrap();
    let files = build_into(&dir, &dir.join("public")).unwrap();
    let page = String::from_utf8_lossy(&files["rule/index.html"]).into_owned();
    assert!(page.contains("href=parallel/en/"), "{page}");
    assert!(!files.contains_key("rule/art1/index.html"));
    for file in ["rule/parallel/en/index.html", "en/rule/parallel/index.html"] {
        let html = String::from_utf8_lossy(&files[file]).into_owned();
        for id in ["art1", "art2"] {
            assert_eq!(
                html.matches(&format!("data-id={id}")).count(),
                2,
                "{file}: {id}"
            );
        }
    }
    let english = String::from_utf8_lossy(&files["en/rule/index.html"]).into_owned();
    assert!(english.contains("href=parallel/"), "{english}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_missing_interface_string_fails_the_build_naming_key_and_file() {
    let dir = temp_project("i18n-missing");
    let root = dir.to_str().unwrap();
    assert!(gongwen(&["--root", root, "build"]).0);
    let index = std::fs::read(dir.join("public/en/index.html")).unwrap();
    let path = dir.join("content/i18n/en.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("search_more:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, without).unwrap();
    let (ok, _, err) = gongwen(&["--root", root, "build"]);
    assert!(!ok);
    assert_eq!(
        err.trim(),
        "error: content/i18n/en.yaml: missing interface string `search_more`"
    );
    assert_eq!(
        std::fs::read(dir.join("public/en/index.html")).unwrap(),
        index
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_third_language_needs_only_configuration_and_content() {
    let dir = temp_project("third-language");
    let site = dir.join("content/site.yaml");
    let config = std::fs::read_to_string(&site)
        .unwrap()
        .replace("languages: [zh-Hans, en]", "languages: [zh-Hans, en, es]");
    std::fs::write(&site, config).unwrap();
    let en = std::fs::read_to_string(dir.join("content/i18n/en.yaml")).unwrap();
    let es: String = en
        .lines()
        .map(|l| match l.split_once(':').map(|(k, _)| k) {
            Some("lang_name") => "lang_name: Español".to_string(),
            Some("lang_code") => "lang_code: es".to_string(),
            Some("not_translated") => "not_translated: Aún sin traducir".to_string(),
            _ => l.to_string(),
        })
        .map(|l| l + "\n")
        .collect();
    std::fs::write(dir.join("content/i18n/es.yaml"), es).unwrap();
    let files = build_into(&dir, &dir.join("public")).unwrap();
    let page = String::from_utf8_lossy(
        &files["es/china-celac-joint-action-plan-2025-2027/art1/index.html"],
    )
    .into_owned();
    assert!(page.contains("<html lang=es>"));
    assert!(
        page.contains("Aún sin traducir"),
        "no Spanish translation: Chinese, flagged"
    );
    let zh = String::from_utf8_lossy(&files["index.html"]).into_owned();
    assert!(
        zh.contains("hreflang=es"),
        "the Chinese pages point to the Spanish ones"
    );
    assert!(
        files.keys().any(|k| k.starts_with("search/es/")),
        "a Spanish index"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn every_unit_of_both_documents_has_its_english_translation() {
    let out = status(project_root().to_str().unwrap());
    let lines: Vec<&str> = out.lines().filter(|l| l.starts_with("en seeds/")).collect();
    assert_eq!(lines.len(), 2, "{out}");
    for line in lines {
        assert!(line.contains("(100%), 0 missing, 0 stale"), "{line}");
    }
}
