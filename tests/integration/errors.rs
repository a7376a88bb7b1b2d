//! Every error a user can cause, with its exact message.

use gongwen::outline::{self, Correction};
use gongwen::source;

use crate::common::*;

fn load_error(bytes: &[u8]) -> String {
    source::decode("seeds/bad.txt", bytes)
        .unwrap_err()
        .to_string()
}

#[test]
fn errors_on_empty_binary_and_undecodable_files() {
    assert_eq!(
        load_error(b""),
        "seeds/bad.txt: empty file: there is no text to publish"
    );
    assert_eq!(
        load_error(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        "seeds/bad.txt: binary file, not a text (it contains control bytes)"
    );
    assert_eq!(
        load_error(b"\xff\xff\xff\x80\x80"),
        "seeds/bad.txt: not a text in UTF-8 or GB18030/GBK: it cannot be decoded"
    );
}

#[test]
fn one_bad_seed_is_reported_and_the_others_are_named_too() {
    let dir = temp_project("bad-seeds");
    std::fs::write(dir.join("seeds/empty.txt"), b"").unwrap();
    std::fs::write(dir.join("seeds/zbinary.txt"), b"\x00\x01\x02").unwrap();
    let err = gongwen::project::load(&dir).unwrap_err().to_string();
    assert_eq!(
        err,
        "seeds/empty.txt: empty file: there is no text to publish\nseeds/zbinary.txt: binary file, not a text (it contains control bytes)"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

fn correction(line: usize, expect: &str) -> Correction {
    Correction {
        line,
        expect: expect.into(),
        relabel: None,
        role: None,
        interpolation: None,
        join: None,
        title: None,
        note: None,
        origin: "content/documents/t.yaml:4".into(),
    }
}

fn correction_error(c: Correction) -> String {
    let text = source::decode("seeds/t.txt", "第一条 总则\n\n一、内容。\n".as_bytes()).unwrap();
    outline::recognise(&text, &[c]).unwrap_err().to_string()
}

#[test]
fn errors_when_a_correction_no_longer_matches_the_text() {
    assert_eq!(
        correction_error(correction(3, "二、内容")),
        "content/documents/t.yaml:4: correction for seeds/t.txt:3 no longer matches: it expects the line to start with \"二、内容\", but the line reads \"一、内容。\"; update or remove the correction"
    );
    assert_eq!(
        correction_error(correction(2, "一、")),
        "content/documents/t.yaml:4: correction for seeds/t.txt:2 no longer matches: that line is blank"
    );
    assert_eq!(
        correction_error(correction(9, "一、")),
        "content/documents/t.yaml:4: correction for seeds/t.txt:9 no longer matches: the text has only 4 lines"
    );
    let mut retitle = correction(1, "第一条");
    retitle.title = Some("总纲".into());
    assert_eq!(
        correction_error(retitle),
        "content/documents/t.yaml:4: title \"总纲\" changes more than spacing of \"总则\"; a correction must not change the wording"
    );
    let mut bad_label = correction(3, "一、");
    bad_label.relabel = Some("第三".into());
    assert_eq!(
        correction_error(bad_label),
        "content/documents/t.yaml:4: relabel \"第三\" is not a numbering label such as 第三条, 二、 or （四）"
    );
}

#[test]
fn errors_on_unknown_keys_with_file_line_and_column() {
    let dir = temp_project("unknown-key");
    let path = dir.join("content/documents/002_64c3c0df776e41da.yaml");
    let text = "title: 政策文件\ncorrections:\n  - line: 3\n    expect: 前言\n    relable: 序言\n";
    std::fs::write(&path, text).unwrap();
    let err = gongwen::project::load(&dir).unwrap_err().to_string();
    assert!(
        err.starts_with("content/documents/002_64c3c0df776e41da.yaml:5:5: corrections[0]: unknown field `relable`, expected one of"),
        "{err}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn errors_on_a_bad_date_and_on_metadata_without_a_text() {
    let dir = temp_project("bad-meta");
    let path = dir.join("content/documents/002_64c3c0df776e41da.yaml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("date: 2025-12-10", "date: 10/12/2025");
    std::fs::write(&path, text).unwrap();
    let err = gongwen::project::load(&dir).unwrap_err().to_string();
    assert_eq!(
        err,
        "content/documents/002_64c3c0df776e41da.yaml:6: date \"10/12/2025\" is not a day of the form YYYY-MM-DD"
    );
    std::fs::copy(
        project_root().join("content/documents/002_64c3c0df776e41da.yaml"),
        &path,
    )
    .unwrap();
    std::fs::write(dir.join("content/documents/gone.yaml"), "title: x\n").unwrap();
    let err = gongwen::project::load(&dir).unwrap_err().to_string();
    assert_eq!(
        err,
        "content/documents/gone.yaml: there is no text seeds/gone.txt for this metadata"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
