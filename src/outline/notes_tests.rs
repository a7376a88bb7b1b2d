//! Tests of reading the 题注 ([`super`]).

use super::*;

fn actions(text: &str) -> Vec<(String, Action)> {
    events(text, 2)
        .into_iter()
        .map(|e| (e.date, e.action))
        .collect()
}

#[test]
fn reads_one_event_a_line_as_the_database_prints_them() {
    for (line, date, action) in [
        ("1996年7月5日 第八届全国人民代表大会常务委员会第二十次会议通过", "1996-07-05", Action::Adopted),
        ("2019年4月20日 中华人民共和国国务院令第713号公布", "2019-04-20", Action::Promulgated),
        ("2019年9月1日 施行", "2019-09-01", Action::Effective),
        ("1995年1月1日 执行", "1995-01-01", Action::Effective),
        ("1999年12月20日 实施", "1999-12-20", Action::Effective),
        ("1985年12月30日", "1985-12-30", Action::Other),
        ("2021年1月22日 第十三届全国人民代表大会常务委员会第二十五次会议修订", "2021-01-22", Action::Revised),
        (
            "2015年4月24日 第十二届全国人民代表大会常务委员会第十四次会议《关于修改<中华人民共和国电力法>等六部法律的决定》第二次修正",
            "2015-04-24",
            Action::Amended,
        ),
    ] {
        assert!(is_note_line(line), "{line}");
        assert_eq!(actions(line), vec![(date.to_string(), action)], "{line}");
    }
}

#[test]
fn an_act_that_amended_the_text_is_an_amendment() {
    for line in [
        "1998年12月29日 第九届全国人民代表大会常务委员会第六次会议通过的《全国人民代表大会常务委员会关于惩治骗购外汇、逃汇和非法买卖外汇犯罪的决定》",
        "2020年12月26日 第十三届全国人民代表大会常务委员会第二十四次会议通过的《中华人民共和国刑法修正案（十一）》",
    ] {
        assert_eq!(events(line, 3)[0].action, Action::Amended, "{line}");
    }
}

#[test]
fn reads_several_events_in_one_bracketed_line() {
    let line = "（2008年2月28日第十届全国人民代表大会常务委员会第三十二次会议通过　根据2017年6月27日第十二届全国人民代表大会常务委员会第二十八次会议《关于修改〈中华人民共和国民事诉讼法〉和〈中华人民共和国行政诉讼法〉的决定》修正　自2011年6月25日起施行）";
    assert!(is_note_line(line));
    assert_eq!(
        actions(line),
        vec![
            ("2008-02-28".into(), Action::Adopted),
            ("2017-06-27".into(), Action::Amended),
            ("2011-06-25".into(), Action::Effective),
        ]
    );
}

#[test]
fn body_sentences_and_undated_lines_are_not_notes() {
    for line in [
        "第一条 为了规范拍卖行为，制定本法。",
        "本法自2019年9月1日起施行。",
        "2019年，中方愿同拉方深化合作。",
        "中华人民共和国拍卖法",
    ] {
        assert!(!is_note_line(line), "{line}");
    }
}

#[test]
fn names_who_adopted_or_promulgated_the_text() {
    let who = |lines: &[&str]| {
        let history: Vec<Issued> = lines.iter().flat_map(|l| events(l, 2)).collect();
        issuer(&history)
    };
    assert_eq!(
        who(&[
            "1996年7月5日 第八届全国人民代表大会常务委员会第二十次会议通过",
            "2015年4月24日 第十二届全国人民代表大会常务委员会第十四次会议《关于修改》第二次修正"
        ])
        .as_deref(),
        Some("全国人民代表大会常务委员会")
    );
    for (line, name) in [
        (
            "2018年3月20日 第十三届全国人民代表大会第一次会议通过",
            "全国人民代表大会",
        ),
        ("2019年4月20日 中华人民共和国国务院令第713号公布", "国务院"),
        ("2012年12月26日 国务院第228次常务会议通过", "国务院"),
        ("1996年9月19日 经国务院批准", "国务院"),
        (
            "2021年11月16日 国家互联网信息办公室2021年第20次室务会议审议通过",
            "国家互联网信息办公室",
        ),
        ("2022年1月24日 中共中央政治局会议审议批准", "中共中央政治局"),
        (
            "2008年7月17日 经人力资源和社会保障部第6次部务会议通过",
            "人力资源和社会保障部",
        ),
        (
            "2019年11月30日 国家市场监督管理总局令第20号公布",
            "国家市场监督管理总局",
        ),
        ("1980年12月9日 国务院批准", "国务院"),
    ] {
        assert_eq!(who(&[line]).as_deref(), Some(name), "{line}");
    }
    assert_eq!(who(&["2019年9月1日 施行"]), None);
}

#[test]
fn finds_the_issuing_number() {
    assert_eq!(
        number("2019年4月20日 中华人民共和国国务院令第713号公布").as_deref(),
        Some("中华人民共和国国务院令第713号")
    );
    assert_eq!(
        number("（国发〔2019〕3号）").as_deref(),
        Some("国发〔2019〕3号")
    );
    assert_eq!(number("2019年9月1日 施行"), None);
}

#[test]
fn tells_the_kind_from_the_title() {
    for (title, kind) in [
        ("中华人民共和国拍卖法", "法律"),
        ("重大行政决策程序暂行条例", "条例"),
        ("市场监督管理投诉举报处理暂行办法", "办法"),
        (
            "最高人民法院关于审理民间借贷案件适用法律若干问题的规定（二）",
            "规定",
        ),
        ("某某管理办法（试行）", "办法"),
        ("中华人民共和国民法典", "法律"),
        (
            "最高人民法院关于适用《中华人民共和国民法典》时间效力的若干规定",
            "规定",
        ),
        (
            "中国-拉共体成员国重点领域合作共同行动计划（2025-2027）",
            "行动计划",
        ),
    ] {
        assert_eq!(kind_of_title(title), Some(kind), "{title}");
    }
    assert_eq!(kind_of_title("关于本站"), None);
}
