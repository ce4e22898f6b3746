//! Input generators: pieces of the syntax the readers meet, odd Unicode, and
//! the corpus seeds mutated by inserting, deleting and repeating pieces.

use proptest::prelude::*;
use std::path::Path;

/// Pieces of raw sources: headings, web-export HTML, datelines, dates
/// (plausible, impossible, OCR-mangled), punctuation, places, bylines.
const SOURCE_PIECES: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "# ",
    "## ",
    "### ",
    "*\n",
    "<p>",
    "</p>",
    "<p align=\"center\">",
    "<b>",
    "</b>",
    "<strong>",
    "</strong>",
    "<span>",
    "</span>",
    "<br/>",
    "<img src=\"a.jpg\">",
    "<img src=x onerror=alert(1)>",
    "<html><head><title></title></head><body>",
    "&amp;",
    "&#x4e2d;",
    "&nbsp;",
    "&#0;",
    "本报讯",
    "本报讯（记者张启国 通讯员王某）",
    "本报讯 通讯员明艳报道：",
    "新华社武汉2月16日电(记者徐海波)",
    "央广网河南分网2月21日消息（记者 汪宁）",
    "（上接第一版）",
    "2020年2月27日",
    "20200年2月3日",
    "2月30日",
    "2月29日",
    "99999年",
    "0年1月1日",
    "1799年12月31日",
    "2101年1月1日",
    "1月",
    "22日",
    "13月40日",
    "转自2月16日《人民日报》",
    "（张三 摄）",
    "记者",
    "通讯员",
    "——副题",
    "图为",
    "，",
    "。",
    ",",
    ":",
    ";",
    "(",
    ")",
    "?",
    "!",
    "湖北省",
    "十堰市",
    "郧县",
    "茅箭区",
    "朝阳",
    "全国",
    "广西",
    "OK",
    "covid",
    "\u{feff}",
    "\u{200b}",
    "\t",
    "\u{3000}",
    "😀",
    "a\u{301}",
    "𠀀",
    "ⅷ",
    "２０２０年",
    "\u{202e}",
    "<!-- ¶3 5e0a1c9b -->",
    "-->",
    "+++\n",
    "[x](javascript:alert(1))",
    "高新区做实疫情防控监督",
    "自疫情发生以来，高新区迅速成立指挥部，并设立8个专项工作组。",
];

/// Pieces of `content/*.md` and `translations/*.md`: front matter lines
/// good and bad, markers whole and broken, Markdown blocks.
const MARKDOWN_PIECES: &[&str] = &[
    "+++\n",
    "\n",
    "\n\n",
    "\r\n",
    "title = \"标题\"\n",
    "title = \"\"\n",
    "source = \"s\"\n",
    "date = 2020-02-02\n",
    "date = 2020-02-30\n",
    "date = 9999-12-31\n",
    "date = 0001-01-01\n",
    "date = 2020-02-02T10:00:00\n",
    "undated = true\n",
    "undated = false\n",
    "regions = [\"湖北省/十堰市\"]\n",
    "places = []\n",
    "source_lines = [1, 9]\n",
    "source_lines = [99999999999999999999, 1]\n",
    "authors = [{ name = \"张\", role = \"记者\" }]\n",
    "[ingest]\n",
    "fingerprint = \"x\"\n",
    "notes = []\n",
    "translator = \"t\"\n",
    "status = \"draft\"\n",
    "status = \"banana\"\n",
    "# zh: 标题\n",
    "colour = \"red\"\n",
    "<!-- ¶1 a9d4b818 -->\n",
    "<!-- ¶2 ae120054 -->\n",
    "<!-- ¶3 385d09c -->\n",
    "<!-- ¶0 -->\n",
    "<!-- ¶99999999999999999999 00000000 -->\n",
    "<!-- ¶ -->",
    "<!-- zh: 第一段。 -->\n",
    "<!--",
    "-->",
    "<!-- zh: --\\> -->",
    "## ",
    "# ",
    "> ",
    "- ",
    "1. ",
    "```\n",
    "![图](a.jpg)",
    "[x](javascript:alert(1))",
    "<script>alert(1)</script>",
    "|a|b|\n|-|-|\n",
    "第一段。",
    "The first paragraph.",
    "\u{feff}",
    "\u{200b}",
    "😀",
    "a\u{301}",
    "\u{0}",
    "𠀀",
    "\u{202e}",
    "¶",
    "\\",
    "\"",
    "'''",
];

/// A piece: mostly from `pieces`, sometimes a short run of random chars.
fn piece(pieces: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![
        6 => proptest::sample::select(pieces).prop_map(str::to_string),
        1 => proptest::collection::vec(any::<char>(), 1..6).prop_map(|c| c.into_iter().collect()),
        1 => proptest::collection::vec(proptest::char::range('\u{4e00}', '\u{9fa5}'), 1..12)
            .prop_map(|c| c.into_iter().collect()),
        1 => "[ -~]{1,12}",
    ]
    .boxed()
}

/// A text made of pieces.
fn pieces_text(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(pieces), 0..max).prop_map(|p| p.concat())
}

/// One edit of a seed, at a position given as a fraction of its length.
#[derive(Debug, Clone)]
enum Edit {
    Insert(f64, String),
    Delete(f64, usize),
    Repeat(f64, usize),
}

fn edit(pieces: &'static [&'static str]) -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (0.0..1.0f64, piece(pieces)).prop_map(|(at, p)| Edit::Insert(at, p)),
        1 => (0.0..1.0f64, 1..40usize).prop_map(|(at, n)| Edit::Delete(at, n)),
        1 => (0.0..1.0f64, 1..80usize).prop_map(|(at, n)| Edit::Repeat(at, n)),
    ]
}

/// Applies edits to a text, char-wise so the result stays a `String`.
#[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a fraction in 0..1 of a length")]
fn apply(seed: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = seed.chars().collect();
    for e in edits {
        let at = |f: f64| ((chars.len() as f64) * f) as usize;
        match e {
            Edit::Insert(f, text) => {
                let i = at(*f);
                chars.splice(i..i, text.chars());
            }
            Edit::Delete(f, n) => {
                let i = at(*f);
                let end = (i + n).min(chars.len());
                chars.drain(i..end);
            }
            Edit::Repeat(f, n) => {
                let i = at(*f);
                let end = (i + n).min(chars.len());
                let copy: Vec<char> = chars[i..end].to_vec();
                chars.splice(end..end, copy);
            }
        }
    }
    chars.into_iter().collect()
}

/// The corpus seeds whose file names start with `prefix`.
pub fn seeds(prefix: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suite/fuzz/corpus");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no seeds {prefix}* in {}", dir.display());
    out.into_iter().map(|(_, text)| text).collect()
}

/// A text: built from pieces, or a seed with edits.
fn text(prefix: &'static str, pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    let seeds = seeds(prefix);
    prop_oneof![
        1 => pieces_text(pieces, max),
        2 => (proptest::sample::select(seeds), proptest::collection::vec(edit(pieces), 0..8))
            .prop_map(|(seed, edits)| apply(&seed, &edits)),
    ]
}

/// How the bytes of a source are made from its text.
#[derive(Debug, Clone, Copy)]
pub enum Encoding {
    Utf8,
    Gb18030,
    Big5,
    Utf16Le,
}

/// Source bytes: a text in some encoding, now and then with raw bytes spliced in.
#[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a fraction in 0..1 of a length")]
pub fn source_bytes() -> impl Strategy<Value = Vec<u8>> {
    let encoding = prop_oneof![
        6 => Just(Encoding::Utf8),
        2 => Just(Encoding::Gb18030),
        1 => Just(Encoding::Big5),
        1 => Just(Encoding::Utf16Le),
    ];
    let noise = proptest::option::weighted(0.15, (0.0..1.0f64, proptest::collection::vec(any::<u8>(), 1..8)));
    (text("source-", SOURCE_PIECES, 60), encoding, noise).prop_map(|(text, encoding, noise)| {
        let mut bytes = match encoding {
            Encoding::Utf8 => text.into_bytes(),
            Encoding::Gb18030 => encoding_rs::GB18030.encode(&text).0.into_owned(),
            Encoding::Big5 => encoding_rs::BIG5.encode(&text).0.into_owned(),
            Encoding::Utf16Le => {
                let mut b = vec![0xFF, 0xFE];
                b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
                b
            }
        };
        if let Some((at, raw)) = noise {
            let i = ((bytes.len() as f64) * at) as usize;
            bytes.splice(i..i, raw);
        }
        bytes
    })
}

/// A year as a sidecar or `edition.toml` might (wrongly) hold it.
pub fn year() -> impl Strategy<Value = Option<i32>> {
    prop_oneof![
        Just(None),
        Just(Some(2020)),
        Just(Some(1800)),
        Just(Some(2100)),
        Just(Some(0)),
        Just(Some(-5)),
        Just(Some(99999)),
        Just(Some(i32::MAX)),
        Just(Some(i32::MIN)),
        any::<i32>().prop_map(Some),
    ]
}

/// Front matter lines an article may add to `title` and `source`, good and bad.
const FRONT_LINES: &[&str] = &[
    "subtitle = \"副题\"\n",
    "kicker = \"引题\"\n",
    "column = \"政务快递\"\n",
    "date = 2020-02-02\n",
    "date = 1800-01-01\n",
    "date = 2100-12-31\n",
    "date = 2101-01-01\n",
    "date = 2020-02-29\n",
    "undated = true\n",
    "regions = [\"湖北省/十堰市\", \"全国\"]\n",
    "places = [\"广西壮族自治区\"]\n",
    "publication = \"十堰日报\"\n",
    "source_lines = [7, 23]\n",
    "authors = [{ name = \"张启国\", role = \"记者\" }, { name = \"王\" }]\n",
    "title = \"again\"\n",
];

/// An article: valid front matter with some of [`FRONT_LINES`], maybe an
/// `[ingest]` record, then a body of pieces.
fn structured_article() -> impl Strategy<Value = String> {
    let lines = proptest::collection::vec(proptest::sample::select(FRONT_LINES), 0..5);
    let record = proptest::option::of(Just("[ingest]\nfingerprint = \"x\"\nnotes = [\"line 1: n\"]\n"));
    (lines, record, pieces_text(MARKDOWN_PIECES, 30)).prop_map(|(lines, record, body)| {
        format!(
            "+++\ntitle = \"标题\"\nsource = \"s\"\n{}{}+++\n\n{body}",
            lines.concat(),
            record.unwrap_or_default()
        )
    })
}

/// A translation: valid front matter, then slots of markers and pieces.
fn structured_translation() -> impl Strategy<Value = String> {
    let status = prop_oneof![Just("draft"), Just("reviewed")];
    (status, pieces_text(MARKDOWN_PIECES, 40)).prop_map(|(status, body)| {
        format!("+++\ntitle = \"T\"\ntranslator = \"t\"\nstatus = \"{status}\"\n+++\n\n{body}")
    })
}

pub fn article_text() -> impl Strategy<Value = String> {
    prop_oneof![text("article-", MARKDOWN_PIECES, 40), structured_article()]
}

pub fn translation_text() -> impl Strategy<Value = String> {
    prop_oneof![text("translation-", MARKDOWN_PIECES, 40), structured_translation()]
}
