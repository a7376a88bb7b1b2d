//! One test per recognition rule, on texts of our own rather than the seeds.

use gongwen::outline::dump::dump;
use gongwen::outline::{Code, DivKind, Kind, Mark};

use crate::common::*;

fn ids(o: &gongwen::outline::Outline) -> Vec<String> {
    o.all_nodes().iter().map(|(n, _)| n.id.clone()).collect()
}

#[test]
fn reads_a_law_with_chapters_sections_articles_and_items() {
    let o = recognise(&fixture_text("law.txt"));
    insta::assert_snapshot!("law_outline", dump(&o, true));
    assert_eq!(o.title.as_deref(), Some("中华人民共和国示例法"));
    let ids = ids(&o);
    for id in [
        "ch1",
        "ch1-art1",
        "ch1-art2",
        "ch1-art2-p2",
        "ch1-art2-i1",
        "ch1-art2-i3",
        "ch2",
        "ch2-sec1",
        "ch2-sec1-art3",
        "ch2-sec1-art4-i2",
        "ch2-sec2-art5",
        "ch3-art6",
    ] {
        assert!(ids.contains(&id.to_string()), "missing {id} in {ids:?}");
    }
    // An article whose line holds a sentence has that sentence as its text, not a title.
    let art1 = o.find("ch1-art1").unwrap();
    assert_eq!(art1.title, None);
    assert!(art1
        .text
        .as_deref()
        .unwrap()
        .starts_with("为了规范示例活动"));
    assert!(!o.anomalies.iter().any(
        |a| a.code == Code::NumberingJump && a.severity == gongwen::outline::Severity::Warning
    ));
}

#[test]
fn reads_a_regulation_nested_section_then_article() {
    let o = recognise(&fixture_text("regulation.txt"));
    let ids = ids(&o);
    assert_eq!(
        ids,
        [
            "preamble",
            "preamble-p1",
            "s1",
            "s1-art1",
            "s1-art2",
            "s1-art2-i1",
            "s1-art2-i2",
            "s2",
            "s2-art3",
            "s2-art4"
        ]
    );
}

#[test]
fn repairs_what_the_numbering_proves() {
    let o = recognise(&fixture_text("repairs.txt"));
    insta::assert_snapshot!("repairs_outline", dump(&o, true));
    // `三、Title` followed by a restart at 一、 is the missing 第三条.
    let art3 = o.find("art3").expect("inferred article");
    assert_eq!(art3.kind, Kind::Division(DivKind::Article));
    assert!(
        matches!(&art3.marks[0], Mark::Inferred { original, .. } if original.starts_with("三、"))
    );
    // `(二) Title` followed by a restart at (一) is section 二、.
    assert!(o
        .find("art3-s2-i2")
        .is_some_and(|n| n.text.as_deref() == Some("推动文物返还。")));
    // `十、` breaking the numbering, resumed by 三、, is a passage from elsewhere.
    let x = o.find("art3-x1").unwrap();
    assert_eq!(x.children.len(), 2);
    assert_eq!(o.find("art3-s3").unwrap().title.as_deref(), Some("教育"));
    // The stray 八、 before 第四条 is dropped.
    assert_eq!(o.find("art4").unwrap().title.as_deref(), Some("落实"));
    // The broken paragraph is joined; the unfinished last clause is truncated; the dateline
    // is metadata.
    assert!(o
        .find("art2-s1-i2")
        .unwrap()
        .text
        .as_deref()
        .unwrap()
        .contains("检验检疫领域的交流"));
    assert!(o.find("art4-s1").unwrap().marks.contains(&Mark::Truncated));
    assert_eq!(o.dateline.as_deref(), Some("（新华社北京1月1日电）"));
    for code in [
        Code::InferredDivision,
        Code::ItemAsSection,
        Code::Interpolation,
        Code::StrayPrefix,
        Code::PageBreakJoin,
        Code::Truncated,
        Code::Dateline,
        Code::HeadingMark,
    ] {
        assert!(
            o.anomalies.iter().any(|a| a.code == code),
            "no {code:?} reported"
        );
    }
}

#[test]
fn tells_a_titled_item_from_a_numbered_paragraph() {
    let o = recognise("第一部分 总论\n\n（一）高层交往\n\n充分发挥元首外交的引领作用。\n\n（二）加强协调，共同维护多边贸易体系。\n");
    let titled = o.find("part1-i1").unwrap();
    assert_eq!(titled.title.as_deref(), Some("高层交往"));
    assert_eq!(titled.children[0].id, "part1-i1-p1");
    let clause = o.find("part1-i2").unwrap();
    assert_eq!(clause.title, None);
    assert_eq!(
        clause.text.as_deref(),
        Some("加强协调，共同维护多边贸易体系。")
    );
}

#[test]
fn takes_a_division_title_from_the_next_line() {
    let o = recognise("第一部分\n\n拉丁美洲和加勒比——充满生机和希望的热土\n\n拉美和加勒比地区是全球南方重要组成部分。\n");
    let part = o.find("part1").unwrap();
    assert_eq!(
        part.title.as_deref(),
        Some("拉丁美洲和加勒比——充满生机和希望的热土")
    );
    assert_eq!(part.children.len(), 1);
}

#[test]
fn reads_numerals_of_any_size_and_reports_jumps() {
    let mut text = String::from("第一条 总则\n\n");
    for n in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14] {
        text.push_str(&format!(
            "（{}）第{n}项内容。\n\n",
            gongwen::numeral::to_chinese(n)
        ));
    }
    text.push_str("第一百零一条 附则\n");
    let o = recognise(&text);
    assert!(o.find("art1-i12").is_some());
    assert!(o.find("art1-i14").is_some());
    assert!(o.find("art101").is_some());
    let jumps: Vec<usize> = o
        .anomalies
        .iter()
        .filter(|a| {
            a.code == Code::NumberingJump && a.severity == gongwen::outline::Severity::Warning
        })
        .map(|a| a.line)
        .collect();
    assert_eq!(
        jumps.len(),
        2,
        "the item after 十二 and 第一百零一条: {:?}",
        o.anomalies
    );
}

#[test]
fn ids_do_not_change_when_a_typo_is_fixed() {
    let before = recognise(&fixture_text("repairs.txt"));
    let after = recognise(&fixture_text("repairs.txt").replace("举办文化节", "举办文化艺术节"));
    assert_eq!(ids(&before), ids(&after));
}

#[test]
fn reads_arabic_and_circled_points_under_items() {
    let o = recognise("第一条 范围\n\n（一）目标如下：\n\n1. 第一点。\n\n2. 第二点：\n\n（1）细目。\n\n①其一。\n\n②其二。\n");
    let all = ids(&o);
    for id in [
        "art1-i1-n1",
        "art1-i1-n2",
        "art1-i1-n2-sn1",
        "art1-i1-n2-sn1-c1",
        "art1-i1-n2-sn1-c2",
    ] {
        assert!(all.contains(&id.to_string()), "{id} missing in {all:?}");
    }
}

#[test]
fn a_part_named_between_title_and_issuing_notes_belongs_to_the_title() {
    let text =
        "中华人民共和国民法典\n\n总则\n\n2020年5月28日 第十三届全国人民代表大会第三次会议通过\n\n\
                第一章 基本规定\n\n第一条 为了保护民事主体的合法权益，制定本法。\n";
    let o = recognise(text);
    assert_eq!(o.title.as_deref(), Some("中华人民共和国民法典 总则"));
    assert_eq!(
        o.kind.as_deref(),
        Some("法律"),
        "the kind is the code's, not the part's"
    );
    assert_eq!(o.history.len(), 1, "the 题注 is metadata: {:?}", o.history);
    assert!(o.find("ch1-art1").is_some());
    assert!(!o.all_nodes().iter().any(|(n, _)| n.kind == Kind::Preamble));
    // A short line before the first article is not a title's part.
    let o = recognise("示例条例\n\n总则\n\n第一条 为了规范管理，制定本条例。\n");
    assert_eq!(o.title.as_deref(), Some("示例条例"));
}

#[test]
fn a_notice_gives_the_issued_texts_effective_date_on_its_own_line() {
    let text = "工资支付暂行规定\n\n关于印发《工资支付暂行规定》的通知\n\n\
                各省、自治区、直辖市劳动厅：\n\n现将《工资支付暂行规定》印发给你们，请遵照执行。\n\n\
                劳动部\n\n一九九四年十二月六日\n\n1995年1月1日 执行\n\n\
                第一条 为维护劳动者通过劳动获得劳动报酬的权利，制定本规定。\n";
    let o = recognise(text);
    let effective: Vec<_> = o
        .history
        .iter()
        .map(|e| (e.date.as_str(), e.line))
        .collect();
    assert_eq!(effective, [("1995-01-01", 13)], "{:?}", o.history);
    let texts: Vec<_> = o
        .all_nodes()
        .iter()
        .filter_map(|(n, _)| n.text.clone())
        .collect();
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("执行") && t.starts_with("1995")),
        "{texts:?}"
    );
}
