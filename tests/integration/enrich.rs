//! Glossary links, in-text references, related passages and subjects.

use gongwen::enrich::{self, terms::Matcher};
use gongwen::glossary;

use crate::common::*;

const GLOSSARY: &str = "\
- term: 中国—拉共体
  en: China–CELAC
  es: China-CELAC
  category: forum
  definition: {zh: 甲。, en: A.}
- term: 中国—拉共体论坛
  aliases: [中拉论坛]
  en: China–CELAC Forum
  es: Foro China-CELAC
  category: forum
  definition: {zh: 乙。, en: B.}
- term: “经认证的经营者”
  en: Authorized Economic Operator
  es: Operador Económico Autorizado
  abbr: AEO
  category: concept
  definition: {zh: 丙。, en: C.}
- term: 附件清单
  en: annex list
  es: lista
  category: document
  definition: {zh: 丁。, en: D.}
";

#[test]
fn links_the_longest_match_across_dash_and_width_variants() {
    let g = glossary::parse("content/glossary.yaml", GLOSSARY).unwrap();
    let m = Matcher::new(&g);
    let text =
        "加强中国-拉共体论坛建设，中国－拉共体合作，扩大“经认证的经营者”(AEO)互认，AEOS不算。";
    let found: Vec<(&str, &str)> = m
        .find(text)
        .into_iter()
        .map(|(e, s, end)| (g.entries[e].term.as_str(), &text[s..end]))
        .collect();
    assert_eq!(
        found,
        [
            ("中国—拉共体论坛", "中国-拉共体论坛"),
            ("中国—拉共体", "中国－拉共体"),
            ("“经认证的经营者”", "“经认证的经营者”"),
            ("“经认证的经营者”", "AEO"),
        ]
    );
    // Nested names count as occurrences (for backlinks), though only the longest is linked.
    let nested: Vec<&str> = m
        .find_all("中国—拉共体论坛")
        .into_iter()
        .map(|(e, _, _)| g.entries[e].term.as_str())
        .collect();
    assert_eq!(nested, ["中国—拉共体", "中国—拉共体论坛"]);
}

/// A small site of our own: a glossary and one text with a heading that names a term, a
/// reference, and a term overlapping the reference.
fn small_site(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("gongwen-enrich-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("seeds")).unwrap();
    std::fs::create_dir_all(dir.join("content")).unwrap();
    std::fs::write(dir.join("content/site.yaml"), "title: t\n").unwrap();
    std::fs::write(dir.join("content/glossary.yaml"), GLOSSARY).unwrap();
    std::fs::write(dir.join("seeds/doc.txt"), text).unwrap();
    dir
}

/// The links in the text of node `id` of document `doc`: (linked text, href, class).
fn linked(
    project: &gongwen::project::Project,
    e: &enrich::Enrichment,
    doc: usize,
    id: &str,
) -> Vec<(String, String, &'static str)> {
    let node = project.documents[doc].outline.find(id).unwrap();
    let text = node.text.as_deref().unwrap_or("");
    e.links_of(doc, node)
        .iter()
        .map(|l| {
            let mut href = String::new();
            l.href_into(&project.glossary, &mut href);
            (text[l.start..l.end].to_string(), href, l.class())
        })
        .collect()
}

#[test]
fn links_terms_once_per_passage_never_in_headings_or_inside_a_reference() {
    let dir = small_site(
        "policy",
        "第一条 中拉论坛\n\n一、办好中拉论坛，中拉论坛每三年举行一次。\n\n二、详见附件清单。\n\n附件\n\n一、清单。\n",
    );
    let project = gongwen::project::load(&dir).unwrap();
    let e = enrich::run(&project);
    assert_eq!(
        linked(&project, &e, 0, "art1-s1"),
        [(
            "中拉论坛".to_string(),
            "glossary/china-celac-forum/".to_string(),
            "term"
        )],
        "first occurrence only"
    );
    assert!(
        linked(&project, &e, 0, "art1").is_empty(),
        "the heading is not linked"
    );
    assert_eq!(
        linked(&project, &e, 0, "art1-s2"),
        [("附件".to_string(), "doc/#annex".to_string(), "ref")],
        "the term overlapping the reference is not linked"
    );
    // Both occurrences count for the term's backlinks, one per passage.
    let forum = project
        .glossary
        .entries
        .iter()
        .position(|t| t.en == "China–CELAC Forum")
        .unwrap();
    assert_eq!(e.occurrences[forum].len(), 1);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn resolves_annex_and_article_references_and_warns_about_unresolvable_ones() {
    let seeds = gongwen::project::load(&project_root()).unwrap();
    let seed = enrich::run(&seeds);
    assert!(linked(&seeds, &seed, 0, "art5-s4").contains(&(
        "附件".to_string(),
        "china-celac-joint-action-plan-2025-2027/annex/#annex".to_string(),
        "ref"
    )));

    let dir = small_site(
        "law",
        "第一章 总则\n\n第一条 为了示例，制定本法。\n\n第二条 依照本法第一条和《刑法》第二十条处理。\n\n前款规定不适用于第九条所列情形。\n",
    );
    let project = gongwen::project::load(&dir).unwrap();
    let e = enrich::run(&project);
    let refs: Vec<(String, String)> = linked(&project, &e, 0, "ch1-art2")
        .into_iter()
        .filter(|l| l.2 == "ref")
        .map(|l| (l.0, l.1))
        .collect();
    assert_eq!(
        refs,
        [("第一条".to_string(), "doc/ch1/#ch1-art1".to_string())],
        "《刑法》第二十条 is another document's"
    );
    assert!(linked(&project, &e, 0, "ch1-art2-p2").contains(&(
        "前款".to_string(),
        "doc/ch1/#ch1-art2".to_string(),
        "ref"
    )));
    let warning = e
        .warnings
        .iter()
        .find(|w| w.code == gongwen::outline::Code::Reference)
        .unwrap();
    assert_eq!(
        warning.to_string(),
        "seeds/doc.txt:7: warning: the reference 第九条 names no place in this document; left as plain text"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// A library of three texts: two versions of one law and a regulation citing it.
fn library_site() -> std::path::PathBuf {
    let dir = small_site("library", "");
    std::fs::remove_file(dir.join("seeds/doc.txt")).unwrap();
    let law = |date: &str, articles: &[&str]| {
        let mut t = format!("中华人民共和国示例法\n\n{date} 全国人民代表大会常务委员会通过\n\n");
        for (i, a) in articles.iter().enumerate() {
            let n = ["一", "二", "三", "四"][i];
            t.push_str(&format!("第{n}条 {a}\n\n"));
        }
        t
    };
    let seeds = dir.join("seeds");
    std::fs::write(
        seeds.join("law2010.txt"),
        law("2010年3月1日", &["甲。", "乙。", "丙。\n\n丁。"]),
    )
    .unwrap();
    std::fs::write(
        seeds.join("law2020.txt"),
        law("2020年3月1日", &["甲。", "乙。", "丙。", "戊。"]),
    )
    .unwrap();
    std::fs::write(
        seeds.join("rule.txt"),
        "示例条例\n\n2015年6月1日 国务院公布\n\n\
         第一条 依照《中华人民共和国示例法》第三条第二款、第二条和该法第一条，制定本条例。\n\n\
         第二条 参照《示例法》、示例法第九条、《其他法》第五条和其他法第六条，以及本条例第一条。\n",
    )
    .unwrap();
    dir
}

#[test]
fn references_to_other_texts_link_to_the_version_in_force_and_others_stay_plain() {
    let dir = library_site();
    let project = gongwen::project::load(&dir).unwrap();
    let e = enrich::run(&project);
    let rule = (project.documents.iter())
        .position(|d| d.source.key == "rule")
        .unwrap();
    let refs = |id| -> Vec<(String, String)> {
        (linked(&project, &e, rule, id).into_iter())
            .filter(|l| l.2 == "ref")
            .map(|l| (l.0, l.1))
            .collect()
    };
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    // Dated 2015: the 2010 version is the one in force. (Short texts of short articles
    // are read on one page: the document's.)
    assert_eq!(
        refs("art1"),
        [
            pair("《中华人民共和国示例法》第三条第二款", "law2010/#art3-p2"),
            pair("第二条", "law2010/#art2"),
            pair("该法第一条", "law2010/#art1"),
        ]
    );
    // A short title names the same law; an article the version lacks, the law itself;
    // a text the library does not hold is plain text, and no warning.
    assert_eq!(
        refs("art2"),
        [
            pair("《示例法》", "law2010/"),
            pair("示例法第九条", "law2010/"),
            pair("第一条", "rule/#art1"),
        ]
    );
    assert!(
        !e.warnings
            .iter()
            .any(|w| w.code == gongwen::outline::Code::Reference),
        "{:?}",
        e.warnings
    );
    assert_eq!(e.cross_refs, 5);
    // Built, each text is one page holding every article's anchor, and the links resolve
    // (the build checks every link).
    let out = dir.join("public");
    let (ok, _, err) = crate::cli::gongwen(&["--root", dir.to_str().unwrap(), "build", "-q"]);
    assert!(ok, "{err}");
    let page = std::fs::read_to_string(out.join("law2010/index.html")).unwrap();
    for id in ["art1", "art2", "art3", "art3-p2"] {
        assert!(page.contains(&format!(" id={id} ")), "{id}");
    }
    assert!(!out.join("law2010/art1").exists());
    // It prints from its own page: no print page, no link to one.
    assert!(!out.join("law2010/print").exists());
    assert!(!page.contains("href=print/"));
    assert!(
        !page.contains(['\u{FDD0}', '\u{FDD1}']),
        "a fragment's marks left"
    );
    let rule = std::fs::read_to_string(out.join("rule/index.html")).unwrap();
    assert!(rule.contains("href=../law2010/#art3-p2>《中华人民共和国示例法》第三条第二款</a>"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[derive(serde::Deserialize)]
struct Pair {
    a: String,
    b: String,
    related: bool,
    #[allow(dead_code)]
    why: String,
}

/// The hand-labelled pairs measure the related-passage method: a pair is predicted related
/// when either passage lists the other.
#[test]
fn related_passages_have_precision_of_at_least_0_9_on_the_labelled_pairs() {
    let project = gongwen::project::load(&project_root()).unwrap();
    let e = enrich::run(&project);
    let text =
        std::fs::read_to_string(project_root().join("tests/fixtures/related-pairs.yaml")).unwrap();
    let pairs: Vec<Pair> = serde_yaml::from_str(&text).unwrap();
    assert!(pairs.len() >= 20);
    let nodes = enrich::nodes_by_slot(&project);
    let lists = |doc: usize, id: &str, other: &str| {
        let node = project.documents[doc].outline.find(id).unwrap();
        e.related_of(doc, node)
            .iter()
            .any(|r| nodes[r.slot].node.id == other)
    };
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for p in &pairs {
        let predicted = lists(0, &p.a, &p.b) || lists(1, &p.b, &p.a);
        match (predicted, p.related) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            _ => {}
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    eprintln!("related passages on {} labelled pairs: precision {precision:.2}, recall {recall:.2} (tp {tp}, fp {fp}, fn {fn_})", pairs.len());
    assert!(
        precision >= 0.9,
        "precision {precision:.2} (tp {tp}, fp {fp})"
    );
    assert!(recall >= 0.6, "recall {recall:.2} (tp {tp}, fn {fn_})");
    // The example of the issue: Beidou in the plan and in the paper point at each other.
    assert!(lists(0, "art4-s7-i8", "part3-s2-i10-p2"));
    assert!(lists(1, "part3-s2-i10-p2", "art4-s7-i8"));
}

#[test]
fn the_glossary_covers_the_texts_and_every_subject_has_passages() {
    let project = gongwen::project::load(&project_root()).unwrap();
    let e = enrich::run(&project);
    assert!(project.glossary.entries.len() >= 60);
    let found = e.occurrences.iter().filter(|o| !o.is_empty()).count();
    let unused = e
        .warnings
        .iter()
        .filter(|w| w.code == gongwen::outline::Code::UnusedTerm)
        .count();
    assert_eq!(
        found + unused,
        project.glossary.entries.len(),
        "every entry occurs or is warned about"
    );
    assert!(
        found * 100 >= project.glossary.entries.len() * 95,
        "{found} of {} entries occur",
        project.glossary.entries.len()
    );
    assert!(!e.subjects.is_empty());
    for s in &e.subjects {
        assert!(!s.members.is_empty(), "subject {} has no passage", s.slug);
    }
}

/// What enrichment gives, in a form to compare.
fn summary(e: &enrich::Enrichment) -> String {
    let occurrences: Vec<Vec<(usize, usize, usize)>> = e
        .occurrences
        .iter()
        .map(|o| o.iter().map(|o| (o.slot, o.start, o.end)).collect())
        .collect();
    let subjects: Vec<&Vec<usize>> = e.subjects.iter().map(|s| &s.members).collect();
    format!(
        "{:?}\n{:?}\n{occurrences:?}\n{subjects:?}",
        e.links, e.related
    )
}

#[test]
fn a_scan_cache_gives_what_a_fresh_run_gives_and_forgets_an_edited_glossary() {
    let mut project = gongwen::project::load(&project_root()).unwrap();
    let fresh = summary(&enrich::run(&project));
    let mut cache = enrich::ScanCache::default();
    assert_eq!(
        summary(&enrich::run_with(&project, Some(&mut cache))),
        fresh
    );
    assert_eq!(
        summary(&enrich::run_with(&project, Some(&mut cache))),
        fresh,
        "from the cache"
    );
    // Without its first entry the glossary finds other things: the cache must not answer.
    project.glossary.entries.remove(0);
    let fewer = summary(&enrich::run(&project));
    assert_ne!(fewer, fresh);
    assert_eq!(
        summary(&enrich::run_with(&project, Some(&mut cache))),
        fewer
    );
}

/// The passages a list page links to, in order, and how many have a snippet.
fn listed(html: &str) -> (Vec<String>, usize) {
    let mut links = Vec::new();
    for list in html.split("<ul class=passages>").skip(1) {
        let list = list.split("</ul>").next().unwrap_or_default();
        for item in list.split("<li>").skip(1) {
            let href = item
                .strip_prefix("<a href=")
                .expect("a passage links first");
            links.push(href[..href.find('>').unwrap()].to_string());
        }
    }
    (links, html.matches("<span class=snippet").count())
}

#[test]
fn a_long_list_continues_on_numbered_pages_and_lists_every_passage_once() {
    use crate::corpus::{document, seed_texts, Material, Rng};
    use gongwen::site::reference::{PER_PAGE, SNIPPETS};
    let root = temp_project("long-lists");
    let material = Material::from_seeds(&seed_texts());
    let mut rng = Rng::new(11);
    for i in 0..50 {
        let text = document(&material, &mut rng, i + 1, 24_000);
        std::fs::write(root.join(format!("seeds/doc{i:02}.txt")), text).unwrap();
    }
    let files = crate::site::build_into(&root, &root.join("public")).unwrap();
    let page = |path: &str| {
        files
            .get(path)
            .map(|b| String::from_utf8(b.to_vec()).unwrap())
    };
    // The subject with the most passages runs over several pages.
    let subjects = page("subjects/index.html").unwrap();
    let list = subjects.split("<ul class=subjects>").nth(1).unwrap();
    let slug = list
        .split("<li><a href=")
        .skip(1)
        .map(|s| s[..s.find('/').unwrap()].to_string())
        .max_by_key(|slug| {
            let mut n = 1;
            while files.contains_key(&format!("subjects/{slug}/{}/index.html", n + 1)) {
                n += 1;
            }
            n
        })
        .unwrap();
    let first = page(&format!("subjects/{slug}/index.html")).unwrap();
    let mut pages = vec![first];
    while let Some(next) = page(&format!("subjects/{slug}/{}/index.html", pages.len() + 1)) {
        pages.push(next);
    }
    assert!(pages.len() >= 2, "{slug} has {} page(s)", pages.len());
    let mut all = Vec::new();
    for (i, html) in pages.iter().enumerate() {
        let (links, snippets) = listed(html);
        let last = i + 1 == pages.len();
        assert!(links.len() <= PER_PAGE && (last || links.len() == PER_PAGE));
        assert_eq!(snippets, links.len().min(SNIPPETS), "page {}", i + 1);
        assert_eq!(html.contains("rel=prev"), i > 0, "page {}", i + 1);
        assert_eq!(html.contains("rel=next"), !last, "page {}", i + 1);
        // Links are relative to each page's own folder, one level deeper from page 2 on.
        let depth = if i == 0 { "../../" } else { "../../../" };
        assert!(links.iter().all(|l| l.starts_with(depth)), "page {}", i + 1);
        all.extend(links.into_iter().map(|l| l[depth.len()..].to_string()));
    }
    let count = list
        .split(&format!("href={slug}/>"))
        .nth(1)
        .and_then(|s| s.split("class=count>").nth(1))
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse::<usize>().ok())
        .expect("the index gives the subject's count");
    assert_eq!(all.len(), count, "every passage is listed");
    let distinct: std::collections::HashSet<&String> = all.iter().collect();
    assert_eq!(distinct.len(), all.len(), "no passage is listed twice");
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn a_list_item_links_its_passage_from_the_page_with_its_citation() {
    // List items are written from each passage's ready link (URL and citation, made once
    // for the site): one item, whole. (`a_long_list_…` follows the links of deeper pages.)
    let dir = small_site("item", "第一条 总则\n\n一、办好中拉论坛。\n");
    let files = crate::site::build_into(&dir, &dir.join("public")).unwrap();
    let page = String::from_utf8(files["glossary/china-celac-forum/index.html"].to_vec()).unwrap();
    assert!(
        page.contains("<li><a href=../../doc/art1/#art1-s1>第一条 一</a> <span class=snippet>"),
        "{page}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
