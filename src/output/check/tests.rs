//! The link check's tests: attribute reading, resolution and the hashed tables against
//! the exact rules.

use super::*;

#[test]
fn anchor_tables_hold_what_was_put_in_and_nothing_else() {
    assert!(!Anchors::new(&[]).contains(1));
    for n in [1, 2, 3, 7, 100, 1000] {
        // Hashes as the check makes them, and neighbours that share low bits.
        let ins: Vec<u64> = (0..n)
            .map(|i| hash(format!("p{i}").as_bytes()).max(1))
            .chain((1..=n as u64).map(|i| i << 40))
            .collect();
        let table = Anchors::new(&ins);
        let used = |t: &Anchors| t.slots.iter().filter(|&&x| x != 0).count();
        assert_eq!(used(&table), ins.len());
        assert!(2 * used(&table) <= table.slots.len(), "at most half full");
        for &h in &ins {
            assert!(table.contains(h), "{n}: {h:x} missing");
        }
        for i in 0..n {
            let other = hash(format!("q{i}").as_bytes()).max(1);
            assert_eq!(
                table.contains(other),
                ins.contains(&other),
                "{n}: {other:x}"
            );
        }
        // A hash put in twice takes one slot.
        let twice: Vec<u64> = ins.iter().chain(&ins).copied().collect();
        assert_eq!(used(&Anchors::new(&twice)), used(&table));
    }
}

fn site(pages: &[(&str, &str)]) -> Files {
    (pages.iter())
        .map(|(p, h)| (p.to_string(), h.as_bytes().to_vec().into()))
        .collect()
}

#[test]
fn names_each_broken_link_once_per_page() {
    let files = site(&[
        (
            "index.html",
            r##"<p id=top><a href=a/#x>1</a><a href=a/#x>2</a><a href="#top">t</a>"##,
        ),
        (
            "a/index.html",
            r#"<p id=y><a href=../#top>1</a><a href=../#gone>2</a><a href="s.css">"#,
        ),
        ("a/s.css", "p{}"),
    ]);
    assert_eq!(
        check_links(&files, "/"),
        [
            "a/index.html: link \"../#gone\": index.html has no anchor #gone",
            "index.html: link \"a/#x\": a/index.html has no anchor #x",
        ]
    );
}

#[test]
fn links_of_pages_of_one_depth_in_other_folders_are_checked_for_each() {
    // The same link text from pages of one depth: `../../x/` and `../../#t` name one
    // file from both (and are kept from page to page), `../c/` and `d/` name a file of
    // each page's own folder, which only one of them has.
    let files = site(&[
        ("index.html", "<p id=t>"),
        ("x/index.html", "<p id=u>"),
        ("a/b/index.html", "<a href=../../x/#u>1</a><a href=../c/>2</a><a href=d/>3</a><a href=../../#t>4</a>"),
        ("a/b/d/index.html", "<p>"),
        ("a/c/index.html", "<p>"),
        ("e/f/index.html", "<a href=../../x/#u>1</a><a href=../c/>2</a><a href=d/>3</a><a href=../../#t>4</a><a href=../../x/#v>5</a>"),
    ]);
    // Page by page in order, keeping what one thread keeps, and as the check runs.
    let checker = Checker::new(&files, "/");
    let mut kept = Kept::default();
    let in_order: Vec<String> = (0..checker.pages.len())
        .flat_map(|i| checker.page(&mut kept, i))
        .collect();
    assert_eq!(in_order, check_links(&files, "/"));
    assert_eq!(
        in_order,
        [
            "e/f/index.html: link \"../c/\": no such file e/c/index.html",
            "e/f/index.html: link \"d/\": no such file e/f/d/index.html",
            "e/f/index.html: link \"../../x/#v\": x/index.html has no anchor #v",
        ]
    );
}

#[test]
fn a_file_that_is_not_a_page_has_no_anchors_and_outside_links_are_not_checked() {
    let files = site(&[
        (
            "index.html",
            r#"<a href=s.css>s</a><a href=s.css#x>x</a><a href=https://example.org/#y>y</a><a href=a&amp;b/>e</a>"#,
        ),
        ("s.css", "p{}"),
        ("a&b/index.html", "<p>"),
    ]);
    assert_eq!(
        check_links(&files, "/"),
        ["index.html: link \"s.css#x\": s.css has no anchor #x"]
    );
}

#[test]
fn resolves_plain_relative_links_as_the_full_resolver_does() {
    let pages = [
        "index.html",
        "a/index.html",
        "a/b/index.html",
        "en/a/b/c/index.html",
    ];
    let links = [
        "../",
        "../../",
        "../../../",
        "./",
        "x/",
        "../x/",
        "../../x/y/",
        "a.json",
        "../assets/s.css",
        "x/2/",
        "../../../../../../x/",
    ];
    for page in pages {
        for link in links {
            let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
            let mut file = String::new();
            let dirs = ancestors(dir);
            let climbs = resolve_relative(&dirs, link, &mut file);
            let expected = resolve(page, link, "/repo/").map(|r| r.0);
            assert_eq!(
                climbs.map(|_| &file),
                expected.as_ref(),
                "{link} from {page}"
            );
            // A link that climbs out of the page's depth names the same file from
            // every page of that depth (the check keeps those from page to page).
            if climbs.is_some_and(|up| up >= dirs.len() - 1) {
                let other = format!("{}index.html", "z/".repeat(dirs.len() - 1));
                assert_eq!(
                    resolve(&other, link, "/repo/").map(|r| r.0),
                    expected,
                    "{link} from {page} and from {other}"
                );
            }
        }
    }
    for odd in [
        "/repo/x/",
        "https://x/",
        "a?b",
        "a&amp;b",
        "a/../b",
        "a//b",
        ".",
        "..",
        "..//x",
        ".//x",
        "../a/./b",
        "../a/../b/",
        "a/.",
        "a/..",
        "x:y",
        "../x?y",
    ] {
        assert!(
            resolve_relative(&ancestors("a"), odd, &mut String::new()).is_none(),
            "{odd}"
        );
    }
}

#[test]
fn resolves_relative_and_base_links() {
    let r = |page, href| resolve(page, href, "/repo/");
    assert_eq!(
        r("a/b/index.html", "../c/#x"),
        Some(("a/c/index.html".into(), "x".into()))
    );
    assert_eq!(
        r("index.html", "./"),
        Some(("index.html".into(), String::new()))
    );
    assert_eq!(
        r("a/index.html", "#p1"),
        Some(("a/index.html".into(), "p1".into()))
    );
    assert_eq!(
        r("404.html", "/repo/assets/s.css"),
        Some(("assets/s.css".into(), String::new()))
    );
    assert_eq!(
        r("404.html", "/repo/"),
        Some(("index.html".into(), String::new()))
    );
    assert_eq!(r("x.html", "https://example.org/"), None);
}

#[test]
fn reads_quoted_and_unquoted_attributes() {
    let html = r#"<a href="../x/#a b">x</a><p id=p1 class=c><a href=y/>"#;
    let html = format!("{html}<form action=s/><img src='i.svg'><b id=\"q\">");
    assert_eq!(
        ids_and_links(&html),
        (vec!["p1", "q"], vec!["../x/#a b", "y/", "s/", "i.svg"])
    );
}

#[test]
fn reads_only_attributes_of_tags() {
    let html = "<a data-href=x href=y>a=b id= src=x <p\tid=t class=c id=z>";
    assert_eq!(ids_and_links(html), (vec!["t", "z"], vec!["y"]));
    let html = "<!-- <a href=c> --><script>if(a<b)x.src=q</script><p title=\"a > src=x\" id=p>";
    assert_eq!(ids_and_links(html), (vec!["p"], vec![]));
    // A page that ends inside a comment ends the reading there.
    assert_eq!(
        ids_and_links("<a href=x><!-- <b id=y>"),
        (vec![], vec!["x"])
    );
}
