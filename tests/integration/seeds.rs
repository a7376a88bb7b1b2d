//! The two seed texts: their outlines match the audit's reconstruction (seed-audit.md §6),
//! pinned by snapshots of the outline dump, and every structural finding is reported.

use gongwen::outline::dump::{counts, dump, Counts};
use gongwen::outline::{Code, Kind, Mark};

use crate::common::*;

#[test]
fn action_plan_outline_matches_the_audit() {
    let o = seed_outline(PLAN);
    insta::assert_snapshot!("action_plan_outline", dump(&o, true));
    let tops: Vec<&str> = o.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(
        tops,
        ["preamble", "art1", "art2", "art3", "art4", "art5", "annex"]
    );
    let items = o
        .all_nodes()
        .iter()
        .filter(|(n, _)| n.kind == Kind::Enum(gongwen::outline::EnumKind::Paren))
        .count();
    assert_eq!(items, 83, "numbered items (N)");
    let clauses = o
        .all_nodes()
        .iter()
        .filter(|(n, _)| n.kind == Kind::Enum(gongwen::outline::EnumKind::Dun) && n.title.is_none())
        .count();
    assert_eq!(clauses, 14, "numbered clauses N、…。");
    let passage = o
        .find("art3-x1")
        .expect("the news passage is set apart in 第三条");
    assert_eq!((passage.line, passage.end_line), (123, 135));
    assert_eq!(passage.children.len(), 6);
    assert!(o.find("art3-s3").is_some_and(|n| n.line == 137));
    assert!(o.find("art4-s2").is_some_and(
        |n| n.line == 183 && n.marks.iter().any(|m| matches!(m, Mark::Inferred { .. }))
    ));
    assert!(o
        .find("annex-s5")
        .is_some_and(|n| n.marks.contains(&Mark::Truncated)));
    assert!(o
        .find("art2-s5-i2")
        .unwrap()
        .text
        .as_deref()
        .unwrap()
        .contains("加强粮食安全政策"));
}

#[test]
fn policy_paper_outline_matches_the_audit() {
    let o = seed_outline(PAPER);
    insta::assert_snapshot!("policy_paper_outline", dump(&o, true));
    let tops: Vec<&str> = o.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(tops, ["preface", "part1", "part2", "part3"]);
    assert_eq!(
        counts(&o),
        Counts {
            divisions: 4,
            headings: 5 + 44,
            clauses: 0,
            paragraphs: 74,
            passages: 0
        }
    );
    assert_eq!(o.dateline.as_deref(), Some("（新华社北京12月10日电）"));
    assert_eq!(o.title, None);
    let p = o.find("part3-s2-i9-p2").unwrap();
    assert!(p
        .text
        .as_deref()
        .unwrap()
        .contains("促进中拉双方农业科技进步"));
}

/// Every finding of categories H, L, N, B, I and E in the audit, by line.
const PLAN_FINDINGS: &[(&str, &[usize])] = &[
    ("A01", &[1]),
    ("A02", &[3]),
    ("A03", &[5]),
    ("A04", &[7, 17]),
    ("A05", &[9, 11, 13, 15, 19]),
    ("A06", &[21, 35, 43, 55, 73, 83, 93]),
    ("A07", &[27]),
    ("A08", &[31]),
    ("A09", &[49]),
    ("A10", &[59, 61]),
    ("A11", &[103]),
    ("A12", &[105, 111]),
    ("A13", &[123]),
    ("A14", &[125, 135]),
    ("A15", &[135]),
    ("A16", &[137]),
    ("A17", &[155, 165, 171]),
    ("A18", &[171, 173]),
    ("A19", &[175]),
    ("A20", &[183]),
    ("A21", &[185]),
    ("A22", &[197, 199]),
    ("A23", &[201]),
    ("A24", &[209, 219, 227, 247]),
    ("A28", &[253]),
    ("A29", &[255, 257, 259, 261]),
    ("A30", &[263]),
    ("A31", &[273]),
];

const PAPER_FINDINGS: &[(&str, &[usize])] = &[
    ("P01", &[1]),
    ("P02", &[3]),
    ("P03", &[3]),
    ("P06", &[45, 47]),
    ("P07", &[91, 93]),
    ("P08", &[123, 125]),
    ("P09", &[169, 171]),
    ("P10", &[221, 223]),
    ("P22", &[267]),
    ("P26", &[81, 167]),
    ("P27", &[33]),
    ("P28", &[265]),
];

#[test]
fn every_structural_finding_of_the_audit_is_reported_with_its_line() {
    for (key, findings) in [(PLAN, PLAN_FINDINGS), (PAPER, PAPER_FINDINGS)] {
        let o = seed_outline(key);
        for (id, lines) in findings {
            for &line in *lines {
                assert!(
                    !anomalies_at(&o, line).is_empty(),
                    "{id}: nothing reported at {key}:{line}"
                );
            }
        }
    }
}

#[test]
fn the_news_passage_is_found_without_the_editors_correction() {
    let o = recognise_bytes("000.txt", &seed_bytes(PLAN), &[]);
    let passage = o.find("art3-x1").expect("set apart by the numbering alone");
    assert_eq!((passage.line, passage.end_line), (123, 135));
    assert!(o
        .anomalies
        .iter()
        .any(|a| a.code == Code::Interpolation && a.line == 123));
    assert_eq!(o.find("art3-s3").map(|n| n.line), Some(137));
}

#[test]
fn seed_warnings_name_file_and_line() {
    let o = seed_outline(PLAN);
    let join = o
        .anomalies
        .iter()
        .find(|a| a.code == Code::PageBreakJoin)
        .unwrap();
    assert_eq!(
        join.to_string(),
        "seeds/000_e0c0b504374b171f.txt:59-61: warning: line 59 stops mid-sentence (`…目标,加强粮食安`) and line 61 continues it (`全政策、法规与监…`); joined into one paragraph"
    );
}
