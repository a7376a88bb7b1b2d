//! Small sites under `tests/fixtures/sites/`, each a contract: three real laws and
//! regulations (chapters, sections, articles, items, 题注 lines), the opening of a policy
//! paper with a correction, and a site an editor broke. Their outlines and the broken site's
//! error are pinned by snapshots; watch mode rebuilds the laws as a full build does.

use std::path::PathBuf;

use gongwen::outline::dump::dump;
use gongwen::outline::notes::Action;

use crate::cli::gongwen;
use crate::common::{copy_dir, project_root};
use crate::watch::{assert_incremental_equals_full_in, edit};

fn site(name: &str) -> PathBuf {
    project_root().join("tests/fixtures/sites").join(name)
}

/// A fresh copy of the laws fixture site in a temporary folder named after `tag`.
fn laws_copy(tag: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("gongwen-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    copy_dir(&site("laws"), &root);
    root
}

/// The outline dump of every document of a fixture site, in file order.
fn outlines(name: &str) -> String {
    let project = gongwen::project::load(&site(name)).expect("the fixture site loads");
    project
        .documents
        .iter()
        .map(|d| format!("== {}\n{}", d.source.display_path, dump(&d.outline, true)))
        .collect()
}

#[test]
fn three_real_laws_read_as_chapters_sections_and_articles() {
    let dumped = outlines("laws");
    for expected in ["第一章", "第一节", "第一条", "（一）"] {
        assert!(dumped.contains(expected), "{expected}");
    }
    // The 题注 is the texts' metadata, not their preamble.
    let project = gongwen::project::load(&site("laws")).unwrap();
    let doc = |key: &str| {
        let d = project
            .documents
            .iter()
            .find(|d| d.source.key == key)
            .unwrap();
        let history: Vec<(String, Action)> = (d.outline.history.iter())
            .map(|e| (e.date.clone(), e.action))
            .collect();
        (d.kind(), d.date(), d.outline.number.clone(), history)
    };
    assert_eq!(
        doc("auction-law"),
        (
            Some("法律".into()),
            Some("2015-04-24".into()),
            None,
            vec![
                ("1996-07-05".into(), Action::Adopted),
                ("2004-08-28".into(), Action::Amended),
                ("2015-04-24".into(), Action::Amended),
            ]
        )
    );
    assert_eq!(
        doc("major-decisions-regulation"),
        (
            Some("条例".into()),
            Some("2019-04-20".into()),
            Some("中华人民共和国国务院令第713号".into()),
            vec![
                ("2019-04-20".into(), Action::Promulgated),
                ("2019-09-01".into(), Action::Effective),
            ]
        )
    );
    assert!(project
        .documents
        .iter()
        .all(|d| d.outline.nodes[0].id != "preamble"));
    insta::assert_snapshot!("fixture_laws_outline", dumped);
}

#[test]
fn a_policy_paper_reads_as_preface_parts_and_items_with_its_correction() {
    let dumped = outlines("policy");
    assert!(dumped.contains("拉丁美洲和加勒比——充满生机和希望的热土"));
    insta::assert_snapshot!("fixture_policy_outline", dumped);
}

#[test]
fn a_broken_site_fails_with_the_file_line_and_what_to_do() {
    let root = site("broken");
    let out = std::env::temp_dir().join(format!("gongwen-fixture-broken-{}", std::process::id()));
    let (ok, _, err) = gongwen(&[
        "--root",
        root.to_str().unwrap(),
        "build",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!ok);
    assert!(!out.exists(), "nothing was written");
    insta::assert_snapshot!("fixture_broken_error", err);
}

#[test]
fn watch_rebuilds_a_law_edit_as_a_full_build_does() {
    let root = std::env::temp_dir().join(format!("gongwen-fixture-laws-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    copy_dir(&site("laws"), &root);
    assert_incremental_equals_full_in(root, |root| {
        let seed = "seeds/auction-law.txt";
        edit(root, seed, "拍卖人", "拍卖企业");
        vec![seed]
    });
}

#[test]
fn a_text_with_a_chinese_file_name_gets_a_readable_address() {
    let root = std::env::temp_dir().join(format!("gongwen-fixture-cn-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    copy_dir(&site("laws"), &root);
    std::fs::rename(
        root.join("seeds/auction-law.txt"),
        root.join("seeds/拍卖法（2015年修正）.txt"),
    )
    .unwrap();
    let out = root.join("public");
    let (ok, _, err) = gongwen(&["--root", root.to_str().unwrap(), "build"]);
    assert!(ok, "{err}");
    assert!(out
        .join("pai-mai-fa-2015-nian-xiu-zheng/index.html")
        .is_file());
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn init_then_texts_then_build_makes_a_site_without_yaml_written_by_hand() {
    let root = std::env::temp_dir().join(format!("gongwen-init-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let dir = root.to_str().unwrap();
    let (ok, _, err) = gongwen(&["init", dir]);
    assert!(ok, "{err}");
    for file in [
        "content/site.yaml",
        "content/pages/about.md",
        ".gitignore",
        ".github/workflows/pages.yml",
    ] {
        assert!(root.join(file).is_file(), "{file}");
    }
    assert!(err.contains("next: put texts"), "{err}");
    // A second init refuses and changes nothing.
    std::fs::write(root.join("content/site.yaml"), "title: 我的库\n").unwrap();
    let (ok, _, err) = gongwen(&["init", dir]);
    assert!(!ok);
    assert!(
        err.contains("init writes nothing over existing files"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("content/site.yaml")).unwrap(),
        "title: 我的库\n"
    );
    copy_dir(&site("laws").join("seeds"), &root.join("seeds"));
    let (ok, _, err) = gongwen(&["--root", dir, "build"]);
    assert!(ok, "{err}");
    let home = std::fs::read_to_string(root.join("public/index.html")).unwrap();
    for title in [
        "中华人民共和国拍卖法",
        "重大行政决策程序暂行条例",
        "中华人民共和国劳动争议调解仲裁法",
    ] {
        assert!(home.contains(title), "{title} on the home page");
    }
    assert!(home.contains("我的库"));
    assert!(root.join("public/about/index.html").is_file());
    // Without site.yaml the site builds with defaults and says how to configure it.
    std::fs::remove_file(root.join("content/site.yaml")).unwrap();
    let (ok, _, err) = gongwen(&["--root", dir, "build"]);
    assert!(ok, "{err}");
    assert!(err.contains("note: there is no content/site.yaml"), "{err}");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn add_takes_a_gbk_text_as_utf8_and_refuses_a_duplicate() {
    let root = std::env::temp_dir().join(format!("gongwen-add-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    copy_dir(&site("laws"), &root);
    let law = std::fs::read_to_string(site("laws").join("seeds/auction-law.txt")).unwrap();
    let crlf = law.replace('\n', "\r\n");
    let (gbk, _, _) = encoding_rs::GBK.encode(&crlf);
    let incoming = root.join("incoming");
    std::fs::create_dir_all(&incoming).unwrap();
    std::fs::write(incoming.join("拍卖法.txt"), &gbk).unwrap();
    let dir = root.to_str().unwrap();
    // The same text as seeds/auction-law.txt, in another encoding: refused.
    let (ok, _, err) = gongwen(&[
        "--root",
        dir,
        "add",
        incoming.join("拍卖法.txt").to_str().unwrap(),
    ]);
    assert!(!ok);
    assert!(
        err.contains("the same text as seeds/auction-law.txt; nothing was added"),
        "{err}"
    );
    assert!(!root.join("seeds/拍卖法.txt").exists());
    // Without it, the GBK text is added as UTF-8 with LF line ends, and described.
    std::fs::remove_file(root.join("seeds/auction-law.txt")).unwrap();
    let (ok, _, err) = gongwen(&[
        "--root",
        dir,
        "add",
        incoming.join("拍卖法.txt").to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(
        err.contains("added seeds/拍卖法.txt (from GB18030): 中华人民共和国拍卖法; 法律; 2015-04-24; 0 warning(s)"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("seeds/拍卖法.txt")).unwrap(),
        law
    );
    // A second add of the same file: its name is taken (and it is the same text).
    let (ok, _, _) = gongwen(&[
        "--root",
        dir,
        "add",
        incoming.join("拍卖法.txt").to_str().unwrap(),
    ]);
    assert!(!ok);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_library_browses_by_kind_year_and_issuer_newest_first() {
    let root = laws_copy("library");
    let out = root.join("public");
    let (ok, _, err) = gongwen(&["--root", root.to_str().unwrap(), "build"]);
    assert!(ok, "{err}");
    let page =
        |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    // A small library: every document on the home page, the facets on the library page.
    let home = page("index.html");
    assert_eq!(home.matches("<li><h2>").count(), 3, "{home}");
    let library = page("library/index.html");
    for (link, count) in [
        ("kind/fa-lu/", 2),
        ("kind/tiao-li/", 1),
        ("year/2019/", 1),
        ("issuer/guo-wu-yuan/", 1),
        (
            "issuer/quan-guo-ren-min-dai-biao-da-hui-chang-wu-wei-yuan-hui/",
            2,
        ),
    ] {
        assert!(
            library.contains(&format!("library/{link}>"))
                || library.contains(&format!("library/{link}\">")),
            "{link} in {library}"
        );
        let list = page(&format!("library/{link}index.html"));
        assert_eq!(list.matches("<li><h2>").count(), count, "{link}");
    }
    // Newest first: the 2015 amendment of the auction law before the 2007 labour law.
    let laws = page("library/kind/fa-lu/index.html");
    assert!(laws.find("拍卖法").unwrap() < laws.find("劳动争议调解仲裁法").unwrap());
    // A large library: the home page shows the facets and the 20 newest, lists are paged.
    for n in 0..34 {
        for (key, _) in [
            ("auction-law", 0),
            ("labour-dispute-law", 1),
            ("major-decisions-regulation", 2),
        ] {
            std::fs::copy(
                root.join(format!("seeds/{key}.txt")),
                root.join(format!("seeds/{key}-{n}.txt")),
            )
            .unwrap();
        }
    }
    let (ok, _, err) = gongwen(&["--root", root.to_str().unwrap(), "build"]);
    assert!(ok, "{err}");
    let home = page("index.html");
    assert_eq!(home.matches("<li><h2>").count(), 20);
    assert!(home.contains("class=facets"), "{home}");
    assert!(home.len() < 200 * 1024);
    let all = page("library/all/index.html");
    assert_eq!(all.matches("<li><h2>").count(), 100);
    assert_eq!(
        page("library/all/2/index.html").matches("<li><h2>").count(),
        5
    );
    assert!(
        all.contains("rel=next"),
        "the first page links to the second"
    );
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_build_shows_its_progress_as_lines_or_on_a_terminal_as_a_bar_and_quiet_is_quiet() {
    let root = site("laws");
    let out = std::env::temp_dir().join(format!("gongwen-progress-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let args = [
        "--root",
        root.to_str().unwrap(),
        "build",
        "--out",
        out.to_str().unwrap(),
    ];
    // Not a terminal: a line as each stage ends.
    let (ok, _, err) = gongwen(&args);
    assert!(ok, "{err}");
    for (i, stage) in gongwen::build::STAGES.iter().enumerate() {
        assert!(err.contains(&format!("[{}/6] {stage}: ", i + 1)), "{err}");
    }
    // --quiet: nothing at all.
    let (ok, stdout, err) = gongwen(&[&args[..], &["--quiet"]].concat());
    assert!(ok);
    assert_eq!((stdout.as_str(), err.as_str()), ("", ""));
    // A terminal (util-linux's `script` gives the build one): the bar, redrawn in place.
    let command = format!(
        "{} {}",
        env!("CARGO_BIN_EXE_gongwen"),
        args.map(|a| format!("'{a}'")).join(" ")
    );
    let tty = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .output()
        .expect("script (util-linux) runs");
    assert!(tty.status.success());
    let shown = String::from_utf8_lossy(&tty.stdout);
    assert!(shown.contains("/6] ") && shown.contains('\r'), "{shown}");
    assert!(
        !shown.contains("[1/6] load and recognise: "),
        "no plain lines on a terminal"
    );
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn a_document_page_says_where_its_text_comes_from_and_offers_it_as_plain_text() {
    let root = laws_copy("provenance");
    let meta = root.join("content/documents/auction-law.yaml");
    std::fs::create_dir_all(meta.parent().unwrap()).unwrap();
    // A day that does not exist is refused with its line, and nothing is written.
    std::fs::write(
        &meta,
        "source_url: https://www.npc.gov.cn/\nupdated: 2026-02-30\n",
    )
    .unwrap();
    let (ok, _, err) = gongwen(&["--root", root.to_str().unwrap(), "build"]);
    assert!(!ok);
    assert!(
        err.contains("auction-law.yaml:2: updated \"2026-02-30\" is not a day"),
        "{err}"
    );
    assert!(!root.join("public").exists());
    std::fs::write(
        &meta,
        "source_url: https://www.npc.gov.cn/\nupdated: 2026-11-02\n",
    )
    .unwrap();
    let (ok, _, err) = gongwen(&["--root", root.to_str().unwrap(), "build"]);
    assert!(ok, "{err}");
    let out = root.join("public");
    let slug = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| {
            std::fs::read_to_string(out.join(n).join("index.html"))
                .is_ok_and(|h| h.contains("拍卖法"))
        })
        .expect("the auction law's page");
    let page = std::fs::read_to_string(out.join(&slug).join("index.html")).unwrap();
    // The issuing body read from the text, the official original, the text's status.
    assert!(
        page.contains("<dt>制定机关</dt><dd lang=zh-Hans>全国人民代表大会常务委员会</dd>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=https://www.npc.gov.cn/ rel=external>官方原文</a>"),
        "{page}"
    );
    assert!(
        page.contains("<dt>文本</dt><dd>中文原文（以发布机关公布的文本为准）</dd>"),
        "{page}"
    );
    assert!(!page.contains("seeds/"), "no internal file name: {page}");
    assert!(
        page.contains("<dt>本站更新</dt><dd><time datetime=2026-11-02>2026-11-02</time></dd>"),
        "{page}"
    );
    // The whole text on one page, for printing: every article, no glossary or related links.
    assert!(page.contains("<a href=print/>"), "{page}");
    let print = std::fs::read_to_string(out.join(&slug).join("print/index.html")).unwrap();
    let articles = |s: &str| s.matches("<span class=label>第").count();
    let pages: usize = std::fs::read_dir(out.join(&slug))
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path().join("index.html")).ok())
        .filter(|p| !p.contains("class=\"document print-page\""))
        .map(|p| articles(p.split("<article").nth(1).unwrap_or("")))
        .sum();
    assert!(pages > 60, "{pages} articles on the division pages");
    assert_eq!(articles(&print), pages);
    assert!(
        !print.contains("class=term")
            && !print.contains("class=related")
            && !print.contains("class=pl")
    );
    // A library may leave the print pages out.
    let site = root.join("content/site.yaml");
    let config = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, format!("{config}\nprint_pages: false\n")).unwrap();
    let (ok, _, err) = gongwen(&["--root", root.to_str().unwrap(), "build"]);
    assert!(ok, "{err}");
    assert!(!out.join(&slug).join("print").exists());
    let page = std::fs::read_to_string(out.join(&slug).join("index.html")).unwrap();
    assert!(!page.contains("href=print/"), "{page}");
    std::fs::write(&site, config).unwrap();
    // The download is the text as read, whatever its encoding, under the document's folder.
    assert!(
        page.contains(&format!("{slug}/{slug}.txt type=text/plain>")),
        "{page}"
    );
    let text = std::fs::read_to_string(out.join(&slug).join(format!("{slug}.txt"))).unwrap();
    let seed = std::fs::read_to_string(root.join("seeds/auction-law.txt")).unwrap();
    let lines = |s: &str| {
        s.trim_end()
            .lines()
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(lines(&text), lines(&seed));
    std::fs::remove_dir_all(&root).unwrap();
}

/// A code of two books of three chapters, 30 articles of about 130 characters each: each
/// book holds more than a page's worth of text (`outline::PAGE_CHARS`).
fn long_code() -> String {
    use gongwen::numeral::to_chinese;
    let mut text = String::from("中华人民共和国示例法典\n\n");
    let mut art = 0;
    for book in 1..=2 {
        text.push_str(&format!(
            "第{}编 第{}部分规则\n\n",
            to_chinese(book),
            to_chinese(book)
        ));
        for ch in 1..=3 {
            text.push_str(&format!(
                "第{}章 第{}类事项\n\n",
                to_chinese(ch),
                to_chinese(ch)
            ));
            for _ in 0..30 {
                art += 1;
                let n = to_chinese(art);
                let see = if art == 100 {
                    "依照本法第五条的规定，"
                } else {
                    ""
                };
                text.push_str(&format!(
                    "第{n}条 {see}第{n}项事务由有关主管部门负责办理，主管部门应当在受理申请之日起\
                     三十日内作出决定，并将决定书面告知申请人；申请人对决定不服的，可以依法\
                     申请复议或者提起诉讼。办理第{n}项事务，不得收取任何费用，不得增加申请人\
                     的义务，也不得要求申请人提交与该事务无关的材料。\n\n"
                ));
            }
        }
    }
    text
}

#[test]
fn a_long_code_has_a_page_per_chapter_and_cites_articles_by_number() {
    let root = std::env::temp_dir().join(format!("gongwen-long-code-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("seeds")).unwrap();
    std::fs::write(root.join("seeds/code.txt"), long_code()).unwrap();
    let (ok, _, err) = gongwen(&["--root", root.to_str().unwrap(), "build"]);
    assert!(ok, "{err}");
    let out = root.join("public/code");
    let read = |page: &str| std::fs::read_to_string(out.join(page).join("index.html")).unwrap();
    // Each chapter of a long book has its page; the book's page lists them.
    let book = read("book1");
    for ch in 1..=3 {
        assert!(book.contains(&format!("href=../book1-ch{ch}/>")), "{book}");
    }
    assert!(
        !book.contains("id=book1-ch1-art1 "),
        "the chapter's articles are on its page"
    );
    let chapter = read("book1-ch1");
    assert!(chapter.contains("id=book1-ch1-art5 "), "{chapter}");
    // Breadcrumbs lead back up through the book; previous and next go chapter by chapter.
    assert!(
        chapter.contains("<a href=../book1/>第一编 第一部分规则</a>"),
        "{chapter}"
    );
    assert!(read("book1-ch2").contains("<a href=../book1-ch1/ rel=prev>"));
    // An article is cited by its number alone, as laws are cited.
    assert!(chapter.contains("data-cite=第五条>"), "{chapter}");
    // A reference lands on the page that holds the article.
    let far = read("book2-ch1");
    assert!(
        far.contains("<a class=ref href=../../code/book1-ch1/#book1-ch1-art5>第五条</a>"),
        "{far}"
    );
    // No browsing page is large.
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        let print = entry.path().components().any(|c| c.as_os_str() == "print");
        if entry.file_name() == "index.html" && !print {
            let size = entry.metadata().unwrap().len();
            assert!(size < 100_000, "{}: {size} bytes", entry.path().display());
        }
    }
    std::fs::remove_dir_all(&root).unwrap();
}
