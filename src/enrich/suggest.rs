//! `gongwen glossary suggest`: candidate terms found in the texts but not yet in the
//! glossary, so an editor can grow it. Candidates are 《…》 titles, “…” names, Latin
//! abbreviations and named things ending in a telling word (…论坛, …中心, …倡议, …计划 …),
//! with their counts and source lines.

use std::collections::{BTreeMap, HashSet};

use crate::project::Project;
use crate::text::fold::fold_str;

/// Words that end the names of forums, centres, initiatives and the like.
const SUFFIXES: &[&str] = &[
    "论坛", "中心", "倡议", "计划", "机制", "基金", "大会", "会议", "联盟", "组织", "工程", "公约",
    "协定",
];

/// Verbs and particles that precede a name in running text and are not part of it.
const LEADS: &[&str] = &[
    "继续",
    "举办",
    "举行",
    "共建",
    "建设",
    "支持",
    "推动",
    "加强",
    "深化",
    "探索",
    "设立",
    "办好",
    "落实",
    "参加",
    "召开",
    "加入",
    "发挥",
    "利用",
    "用好",
    "通过",
    "依托",
    "根据",
    "积极",
    "适时",
    "定期",
    "共同",
    "考虑",
    "探讨",
    "研究",
    "欢迎",
    "包括",
    "如",
    "在",
    "的",
    "和",
    "与",
    "及",
    "等",
    "同",
    "向",
    "为",
    "将",
    "愿",
    "于",
    "年",
    "届",
    "新一届",
    "不断",
    "完善",
    "中方",
    "拉方",
    "双方",
    "各方",
    "欢迎",
    "充分",
    "以",
    "也",
    "不",
    "替代",
    "制定",
    "已",
    "达",
    "一致的",
    "有关",
    "相关",
    "各",
    "其他",
    "办好",
    "提升",
    "建立",
    "开展",
    "完善",
    "扩大",
    "鼓励",
    "邀请",
    "实施",
    "已达",
];

/// Stems too generic to make a name (合作论坛, 交流机制).
const GENERIC: &[&str] = &[
    "合作",
    "交流",
    "发展",
    "主题",
    "国际",
    "有关",
    "地区",
    "该",
    "以该",
    "依托该",
    "合作高层",
    "合作高级别",
    "对话",
    "磋商",
    "协调",
    "联系",
    "工作",
];

/// One candidate with where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub text: String,
    pub count: usize,
    /// `seeds/FILE:LINE`, in document order.
    pub places: Vec<String>,
}

/// Candidates in every text of the project, most frequent first.
pub fn suggest(project: &Project) -> Vec<Candidate> {
    let known: HashSet<String> = project
        .glossary
        .entries
        .iter()
        .flat_map(|e| {
            e.names()
                .map(fold_str)
                .chain(e.abbr.iter().map(|a| fold_str(a)))
        })
        .collect();
    let mut found: BTreeMap<String, Candidate> = BTreeMap::new();
    for u in super::units(project, &super::Slots::new(project)) {
        let doc = &project.documents[u.doc];
        let place = format!("{}:{}", doc.source.display_path, u.node.line);
        // Counted once per passage.
        let mut seen = HashSet::new();
        for c in candidates(u.text()) {
            if !seen.insert(c.clone()) {
                continue;
            }
            let key = fold_str(&c);
            // Known names, and longer phrases around a known name, are not news to the editor.
            if known.iter().any(|k| key.contains(k.as_str())) {
                continue;
            }
            let entry = found.entry(key).or_insert_with(|| Candidate {
                text: c.clone(),
                count: 0,
                places: Vec::new(),
            });
            entry.count += 1;
            if entry.places.last() != Some(&place) {
                entry.places.push(place.clone());
            }
        }
    }
    let mut out: Vec<Candidate> = found.into_values().collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
    out
}

fn is_break(c: char) -> bool {
    !(('\u{4E00}'..='\u{9FFF}').contains(&c) || c == '-' || c == '—' || c == '”')
        || matches!(c, '及' | '或')
}

/// The candidates in one text.
pub fn candidates(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (open, close) in [('《', '》'), ('“', '”')] {
        let mut rest = text;
        while let Some(i) = rest.find(open) {
            let after = &rest[i + open.len_utf8()..];
            let Some(j) = after.find(close) else { break };
            let inner = &after[..j];
            let n = inner.chars().count();
            if (3..=24).contains(&n) && !inner.contains(['，', ',', '。', '；']) {
                out.push(inner.to_string());
            }
            rest = &after[j + close.len_utf8()..];
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_uppercase() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_uppercase() || chars[i].is_ascii_digit()) {
                i += 1;
            }
            let before_ok = start == 0 || !chars[start - 1].is_ascii_alphanumeric();
            let after_ok = i >= chars.len() || !chars[i].is_ascii_alphanumeric();
            if i - start >= 2 && before_ok && after_ok {
                out.push(chars[start..i].iter().collect());
            }
        } else {
            i += 1;
        }
    }
    for suffix in SUFFIXES {
        let mut from = 0;
        while let Some(pos) = text[from..].find(suffix) {
            let end = from + pos + suffix.len();
            let run_start = text[..from + pos]
                .char_indices()
                .rev()
                .find(|&(_, c)| is_break(c))
                .map_or(0, |(k, c)| k + c.len_utf8());
            let mut name = &text[run_start..end];
            if let Some(k) = name.rfind('”') {
                name = &name[k + '”'.len_utf8()..];
            }
            // One name per run: `示例论坛和青年论坛` gives 青年论坛 here.
            let stem_end = name.len() - suffix.len();
            if let Some(k) = SUFFIXES
                .iter()
                .filter_map(|s| name[..stem_end].rfind(s).map(|k| k + s.len()))
                .max()
            {
                name = &name[k..];
            }
            loop {
                let stripped = LEADS.iter().find_map(|l| name.strip_prefix(l));
                match stripped {
                    Some(s) if s.chars().count() > suffix.chars().count() + 1 => name = s,
                    _ => break,
                }
            }
            let n = name.chars().count();
            let stem = &name[..name.len() - suffix.len()];
            if n > suffix.chars().count() + 1 && n <= 16 && !GENERIC.contains(&stem) {
                out.push(name.to_string());
            }
            from = end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_titles_names_abbreviations_and_named_things() {
        assert_eq!(
            candidates("继续举办中拉基础设施合作论坛,落实《全球发展倡议》和“五大工程”,加强AEO互认,共建中拉北斗应用合作发展中心。"),
            [
                "全球发展倡议",
                "五大工程",
                "AEO",
                "中拉基础设施合作论坛",
                "中拉北斗应用合作发展中心",
                "全球发展倡议",
                "五大工程",
            ]
        );
    }
}
