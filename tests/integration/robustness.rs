//! No input makes the loader or the recogniser panic: arbitrary bytes, and the seeds with
//! lines shuffled, dropped and duplicated.

use proptest::prelude::*;

use gongwen::outline;
use gongwen::source;

use crate::common::*;

fn run(bytes: &[u8]) {
    if let Ok(text) = source::decode("seeds/p.txt", bytes) {
        let o = outline::recognise(&text, &[]).unwrap();
        // Ids are unique whatever the input.
        let mut ids: Vec<&str> = o.all_nodes().iter().map(|(n, _)| n.id.as_str()).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }
}

fn seed_lines() -> Vec<String> {
    let mut lines = Vec::new();
    for key in [PLAN, PAPER] {
        lines.extend(
            String::from_utf8(seed_bytes(key))
                .unwrap()
                .lines()
                .map(String::from),
        );
    }
    lines
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        run(&bytes);
    }

    #[test]
    fn arbitrary_marker_soup_never_panics(parts in proptest::collection::vec(
        prop_oneof![
            Just("第一条 "), Just("第十章"), Just("一、"), Just("十、"), Just("(一) "), Just("（三）"),
            Just("1."), Just("（2）"), Just("①"), Just("附件"), Just("前言"), Just("## "), Just("。"),
            Just("\n\n"), Just("\n"), Just("文字"), Just("（新华社北京1月1日电）"), Just("七、第四条"),
        ], 0..200)) {
        run(parts.concat().as_bytes());
    }

    #[test]
    fn shuffled_dropped_and_duplicated_seed_lines_never_panic(
        picks in proptest::collection::vec(0usize..1000, 0..400)
    ) {
        let lines = seed_lines();
        let text: Vec<&str> = picks.iter().map(|&i| lines[i % lines.len()].as_str()).collect();
        run(text.join("\n").as_bytes());
    }
}

/// A project in memory from one text, with the project's own glossary and subjects.
fn project_of(bytes: &[u8]) -> Option<gongwen::project::Project> {
    let text = source::decode("seeds/p.txt", bytes).ok()?;
    let outline = outline::recognise(&text, &[]).ok()?;
    let root = project_root();
    let content = gongwen::content::load(&root).unwrap();
    Some(gongwen::project::Project {
        root: root.clone(),
        glossary: gongwen::glossary::load(&root).unwrap(),
        themes: gongwen::content::themes::load(&root).unwrap(),
        documents: vec![gongwen::project::Document::new(
            text,
            Default::default(),
            outline,
        )],
        content,
        translations: Default::default(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn enrichment_never_panics_on_shuffled_seed_lines_and_references(
        picks in proptest::collection::vec(0usize..1000, 0..200),
        refs in proptest::collection::vec(prop_oneof![
            Just("详见附件"), Just("依照本法第三条第二款"), Just("前款"), Just("第九十九条"),
            Just("《刑法》第二条"), Just("附件二"), Just("第"), Just("附件"), Just("熊猫债"),
        ], 0..20),
    ) {
        let lines = seed_lines();
        let mut text: Vec<String> = picks.iter().map(|&i| lines[i % lines.len()].clone()).collect();
        for (k, r) in refs.iter().enumerate() {
            let at = k % (text.len() + 1);
            text.insert(at, format!("({}) {r}。", gongwen::numeral::to_chinese(k as u32 + 1)));
        }
        if let Some(project) = project_of(text.join("\n").as_bytes()) {
            let e = gongwen::enrich::run(&project);
            let nodes = gongwen::enrich::nodes_by_slot(&project);
            prop_assert_eq!(nodes.len(), e.links.len());
            for (placed, links) in nodes.iter().zip(&e.links) {
                let text = placed.node.text.as_deref().unwrap_or("");
                let mut at = 0;
                for l in links {
                    // Links are in text order, not empty, not overlapping, on character
                    // boundaries.
                    prop_assert!(at <= l.start && l.start < l.end);
                    prop_assert!(text.get(l.start..l.end).is_some());
                    at = l.end;
                }
            }
        }
    }
}
