//! The 题注: the lines under an official text's title that record how it came to be
//! (`2023年6月28日第十四届全国人民代表大会常务委员会第三次会议通过`, `2019年4月20日 中华人民共和国
//! 国务院令第713号公布`, `自2011年6月25日起施行`, `根据…《关于修改〈…〉的决定》第二次修正`), one event
//! a line or several in one bracketed line. They are the text's metadata, not its body: read
//! into [`Issued`] events, the issuing number and, from the title, the kind of text.

use serde::Serialize;

use super::anomaly::{excerpt, Code, Report};
use super::repair::Line;

/// What happened to the text on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// 通过: adopted by a congress, a standing committee or a meeting.
    Adopted,
    /// 公布, 发布, 印发: promulgated or issued.
    Promulgated,
    /// 批准: approved.
    Approved,
    /// 修正, 修改: amended.
    Amended,
    /// 修订: revised as a whole.
    Revised,
    /// 施行: in force from this day.
    Effective,
    /// A dated line whose verb is none of these.
    Other,
}

/// One event of the text's history, as its 题注 records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issued {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub action: Action,
    /// The words of the 题注 for this event, as written (without brackets).
    pub text: String,
    /// The source line.
    pub line: usize,
}

/// The 题注 right under the title: its lines leave the flow of the
/// text, so they are neither preamble nor sentences cut short.
pub(super) fn take(
    lines: &mut Vec<Line>,
    title: Option<&str>,
    report: &mut Report,
) -> (Vec<Issued>, Option<String>) {
    // The title printed again over two lines (as a database prints it) goes first.
    if let Some(title) = title {
        let unmarked = |l: &Line| l.lexed.marker.is_none() && !l.edited;
        if let [a, b, ..] = lines.as_slice() {
            if unmarked(a) && unmarked(b) && format!("{}{}", a.lexed.rest, b.lexed.rest) == title {
                report.note(
                    Code::IssuingNotes,
                    a.no,
                    excerpt(&a.lexed.rest, 20),
                    format!("the title again, over lines {}-{}; left out", a.no, b.no),
                );
                lines.drain(..2);
            }
        }
    }
    let mut history = Vec::new();
    let mut number = None;
    while lines
        .first()
        .is_some_and(|l| !l.edited && starts_note(&l.full_text()))
    {
        let mut text = lines[0].full_text();
        let mut taken = 1;
        // An issuer's name that runs onto the next lines (`1984年4月4日 国务院` /
        // `中央军委发布`): short unmarked lines, up to the one that says what happened.
        while !is_complete(&text) && taken < 6 {
            let Some(next) = lines.get(taken).filter(|l| {
                !l.edited
                    && l.lexed.marker.is_none()
                    && l.lexed.rest.chars().count() <= 80
                    && !l.lexed.rest.contains('。')
                    && !starts_note(&l.lexed.rest)
            }) else {
                break;
            };
            text.push_str(&next.lexed.rest);
            taken += 1;
        }
        if !is_note_line(&text) {
            break;
        }
        let (first, last) = (lines[0].no, lines[taken - 1].no);
        lines.drain(..taken);
        let events = events(&text, first);
        if let Some(odd) = events.iter().find(|e| e.action == Action::Other) {
            report.warn(
                Code::IssuingNotes,
                first,
                format!("the 题注 `{}` says no more than a date", excerpt(&odd.text, 30)),
                "kept in the text's history; its event is not named (通过, 公布, 修正, 修订, 施行 …)"
                    .into(),
            );
        }
        history.extend(events);
        number = number.or_else(|| self::number(&text));
        report.note(
            Code::IssuingNotes,
            first,
            excerpt(&text, 30),
            format!(
                "read as the text's history (题注{}), shown as its metadata",
                if last > first {
                    format!(", to line {last}")
                } else {
                    String::new()
                }
            ),
        );
    }
    // A text that opens with a notice (`关于印发《…》的通知`, its body, its signature) gives
    // the issued text's effective date on a line of its own before the first article
    // (`1995年1月1日 执行`).
    let body = lines
        .iter()
        .position(|l| matches!(l.lexed.marker, Some(super::lex::Marker::Division(..))))
        .unwrap_or(lines.len());
    let effective = lines[..body]
        .iter()
        .position(|l| !l.edited && l.lexed.marker.is_none() && effective_only(&l.full_text()));
    if let Some(i) = effective {
        let line = lines.remove(i);
        let text = line.full_text();
        history.extend(events(&text, line.no));
        report.note(
            Code::IssuingNotes,
            line.no,
            excerpt(&text, 30),
            "read as the issued text's effective date, shown as its metadata".into(),
        );
    }
    (history, number)
}

/// A date and nothing but that the text takes effect then: `1995年1月1日 执行`.
fn effective_only(line: &str) -> bool {
    let Some((_, len)) = date_at(line) else {
        return false;
    };
    let rest = line[len..].trim().trim_start_matches('起');
    ["执行", "施行", "实施"].contains(&rest)
}

/// Whether a line could start a 题注 entry: a full date first (inside brackets, after `根据`
/// or `自`), and no sentence end.
pub fn starts_note(line: &str) -> bool {
    let inner = unbracket(line);
    let start = inner
        .strip_prefix("根据")
        .or_else(|| inner.strip_prefix('自'))
        .unwrap_or(inner);
    date_at(start).is_some() && !inner.contains('。')
}

/// Whether a line under the title is part of the 题注: it starts (inside brackets, after
/// `根据` or `自`) with a full date and names what happened then, and is not a long sentence
/// of the body.
pub fn is_note_line(line: &str) -> bool {
    let inner = unbracket(line);
    let start = inner
        .strip_prefix("根据")
        .or_else(|| inner.strip_prefix('自'))
        .unwrap_or(inner);
    let Some((_, len)) = date_at(start) else {
        return false;
    };
    // A date alone (`1985年12月30日`) is the whole 题注 of some texts.
    let date_alone = start[len..].trim().is_empty();
    start.chars().count() <= 400
        && !inner.ends_with('。')
        && (date_alone
            || [
                "通过", "公布", "发布", "印发", "批准", "修正", "修改", "修订", "施行", "实施",
                "执行", "令第",
            ]
            .iter()
            .any(|verb| inner.contains(verb)))
}

/// The events of one 题注 line (`line` is its source line).
pub fn events(text: &str, line: usize) -> Vec<Issued> {
    let inner = unbracket(text);
    // Each event starts at a date, or at the `根据`/`自` just before one.
    let mut starts: Vec<usize> = Vec::new();
    for (i, _) in inner.char_indices() {
        if date_at(&inner[i..]).is_some() {
            let before = &inner[..i];
            let start = before
                .strip_suffix("根据")
                .or_else(|| before.strip_suffix('自'))
                .map_or(i, str::len);
            // A date inside an event's own words (a decision's date) does not start one.
            let within = starts.last().is_some_and(|&s| {
                let words = &inner[s..start];
                !ends_event(words)
            });
            if !within {
                starts.push(start);
            }
        }
    }
    let mut out = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(inner.len());
        let words = inner[s..end]
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '，' | ',' | '；' | ';'));
        let Some(date) = words
            .char_indices()
            .find_map(|(i, _)| date_at(&words[i..]))
            .map(|(date, _)| date)
        else {
            continue;
        };
        out.push(Issued {
            date,
            action: action_of(words),
            text: words.to_string(),
            line,
        });
    }
    out
}

/// Whether a 题注 line says, at its end, what happened (else its issuer's name may run on).
pub fn is_complete(line: &str) -> bool {
    ends_event(unbracket(line)) || line.trim_end().ends_with(['）', ')'])
}

/// Whether an event's words are complete: they end with what happened.
fn ends_event(words: &str) -> bool {
    let words = words.trim_end_matches(|c: char| c.is_whitespace() || "，,；;、".contains(c));
    [
        "通过", "公布", "发布", "印发", "批准", "修正", "修改", "修订", "施行", "实施", "执行",
    ]
    .iter()
    .any(|verb| words.ends_with(verb))
}

fn action_of(words: &str) -> Action {
    // What belongs to the next event or closes a bracket opened on another line.
    let w = words
        .trim_end_matches(|c: char| c.is_whitespace() || "）)。；;，,".contains(c))
        .trim_end_matches("根据")
        .trim_end_matches(|c: char| c.is_whitespace() || "）)。；;，,".contains(c));
    if w.ends_with("施行") || w.ends_with("实施") || w.ends_with("执行") {
        Action::Effective
    } else if w.ends_with("修订") {
        Action::Revised
    } else if w.ends_with("修正")
        || w.ends_with("修改")
        // `…会议通过的《全国人民代表大会常务委员会关于…的决定》`, `…《中华人民共和国刑法修正案（十一）》`:
        // the text was amended by that act.
        || (w.ends_with('》') && (w.contains("修正案") || w.contains("决定》")))
    {
        Action::Amended
    } else if w.ends_with("通过") {
        Action::Adopted
    } else if w.ends_with("批准") {
        Action::Approved
    } else if w.ends_with("公布")
        || w.ends_with("发布")
        || w.ends_with("印发")
        || w.ends_with("施行之日")
        || (w.contains("令第") && w.ends_with('号'))
    {
        // An order's number alone (`国务院令第692号`) is its promulgation.
        Action::Promulgated
    } else {
        Action::Other
    }
}

/// The issuing number of a 题注 line: `中华人民共和国国务院令第713号`, `国发〔2019〕3号`.
pub fn number(text: &str) -> Option<String> {
    let inner = unbracket(text);
    let end = inner.find('号')? + '号'.len_utf8();
    let head = &inner[..end];
    let start = if let Some(order) = head.rfind("令第") {
        // Back to the start of the issuer's name: after the date and its space.
        head[..order]
            .rfind(|c: char| c.is_whitespace() || c == '日' || c == '，')
            .map_or(0, |i| {
                i + head[i..].chars().next().map_or(1, char::len_utf8)
            })
    } else if let Some(year) = head.rfind('〔') {
        head[..year]
            .rfind(|c: char| c.is_whitespace() || c == '日' || c == '，' || c == '（')
            .map_or(0, |i| {
                i + head[i..].chars().next().map_or(1, char::len_utf8)
            })
    } else {
        return None;
    };
    let number = head[start..].trim();
    (!number.is_empty() && number.chars().count() <= 40).then(|| number.to_string())
}

/// The kind of an official text, from the end of its title: 法, 条例, 规定, 办法, 解释 …
pub fn kind_of_title(title: &str) -> Option<&'static str> {
    const KINDS: &[(&str, &str)] = &[
        ("实施细则", "实施细则"),
        ("细则", "细则"),
        ("实施条例", "条例"),
        ("条例", "条例"),
        ("规定", "规定"),
        ("办法", "办法"),
        ("规则", "规则"),
        ("解释", "司法解释"),
        ("决定", "决定"),
        ("决议", "决议"),
        ("意见", "意见"),
        ("通知", "通知"),
        ("公告", "公告"),
        ("行动计划", "行动计划"),
        ("政策文件", "政策文件"),
        ("规划", "规划"),
        ("纲要", "纲要"),
        ("章程", "章程"),
        ("修正案", "修正案"),
        ("宪法", "宪法"),
        ("法典", "法律"),
        ("法", "法律"),
    ];
    // `（试行）`, `（草案）`, `（2018年修正）`, `（二）` after the name do not change its kind.
    let mut name = title.trim();
    while let Some(open) = name.rfind(['（', '(']) {
        if !name.ends_with(['）', ')']) {
            break;
        }
        name = name[..open].trim_end();
    }
    let kind = |name: &str| {
        KINDS
            .iter()
            .find(|(ending, _)| name.ends_with(ending))
            .map(|(_, kind)| *kind)
    };
    // `中华人民共和国民法典 总则`: the part named after the title is not the kind.
    kind(name).or_else(|| kind(name.rsplit_once(' ')?.0))
}

/// Who adopted, promulgated or approved the text, from the first such event of its history:
/// `全国人民代表大会常务委员会`, `国务院`, `国家市场监督管理总局`.
pub fn issuer(history: &[Issued]) -> Option<String> {
    let first = history.iter().find(|e| {
        matches!(
            e.action,
            Action::Adopted | Action::Promulgated | Action::Approved
        )
    })?;
    let words = match date_at(&first.text) {
        Some((_, len)) => first.text[len..].trim(),
        None => first.text.as_str(),
    };
    let name = if let Some(order) = words.find("令第") {
        &words[..order]
    } else {
        // `第八届全国人民代表大会常务委员会第二十次会议通过`, `国务院第228次常务会议通过`.
        let words = match words.find('届') {
            Some(i) if words.starts_with('第') && words[..i].chars().count() <= 6 => {
                &words[i + '届'.len_utf8()..]
            }
            _ => words,
        };
        let session = words.char_indices().find(|&(i, c)| {
            c == '第'
                && i > 0
                && words[i + c.len_utf8()..]
                    .chars()
                    .take_while(|d| d.is_ascii_digit() || "〇零一二三四五六七八九十百".contains(*d))
                    .count()
                    > 0
        });
        match session {
            Some((i, _)) => &words[..i],
            None => words
                .trim_end_matches(['通', '过', '公', '布', '发', '批', '准', '印'])
                .trim_end(),
        }
    };
    // `经国务院批准`, `国家互联网信息办公室2021年第…次室务会议`, `…政治局会议审议`.
    let mut name = name
        .trim()
        .trim_start_matches('经')
        .trim_start_matches("中华人民共和国");
    loop {
        let before = name;
        for end in ["审议", "会议", "批准", "通过"] {
            name = name.strip_suffix(end).unwrap_or(name).trim_end();
        }
        if let Some(head) = name.strip_suffix('年') {
            let year = head.trim_end_matches(|c: char| c.is_ascii_digit());
            if year.len() < head.len() {
                name = year.trim_end();
            }
        }
        if name == before {
            break;
        }
    }
    let name = name.trim();
    (2..=30)
        .contains(&name.chars().count())
        .then(|| name.to_string())
}

/// How an event is shown: the date as written and the words after it (`1996年7月5日`,
/// `第八届…会议通过`), or the ISO date and all the words when they do not start with it.
pub fn shown(e: &Issued) -> (String, String) {
    match date_at(&e.text) {
        Some((_, len)) => (e.text[..len].to_string(), e.text[len..].trim().to_string()),
        None => (e.date.clone(), e.text.clone()),
    }
}

/// The line without the brackets around a whole 题注 (`（…）`) and without spaces around it.
fn unbracket(line: &str) -> &str {
    // `…发布。根据` / `（2021年…根据`: the next line's `根据` and a full stop before it.
    let t = line
        .trim()
        .trim_end_matches("根据")
        .trim_end_matches('。')
        .trim_end();
    let t = t.strip_prefix(['（', '(']).unwrap_or(t);
    // A bracket opened on an earlier line may close on this one.
    t.strip_suffix(['）', ')']).unwrap_or(t).trim()
}

/// A date `YYYY年M月D日` at the start of `s`, as `YYYY-MM-DD`, with its length in bytes.
fn date_at(s: &str) -> Option<(String, usize)> {
    let digits = |s: &str, min: usize, max: usize| -> Option<(u32, usize)> {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        (min..=max)
            .contains(&n)
            .then(|| s[..n].parse().ok().map(|v| (v, n)))
            .flatten()
    };
    let (year, a) = digits(s, 4, 4)?;
    let s1 = s[a..].strip_prefix('年')?;
    let (month, b) = digits(s1, 1, 2)?;
    let s2 = s1[b..].strip_prefix('月')?;
    let (day, c) = digits(s2, 1, 2)?;
    s2[c..].strip_prefix('日')?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || year < 1900 {
        return None;
    }
    let len = a + '年'.len_utf8() + b + '月'.len_utf8() + c + '日'.len_utf8();
    Some((format!("{year:04}-{month:02}-{day:02}"), len))
}

#[cfg(test)]
#[path = "notes_tests.rs"]
mod tests;
