//! The ingest command as a user runs it, on any bytes: `duizhao ingest
//! --out <dir>` on arbitrary bytes and on HTML-ish text never panics (exit 0 or
//! 1), never writes outside `--out` (the edition folder's checksums and the
//! folder beside it are unchanged), and a second run, into the same folder
//! or a fresh one, gives the same files byte for byte.
//!
//! Each case runs the binary three times, so CI runs few cases, and
//! `PROPTEST_CASES=N` runs a hundredth of N (at least the CI number).

use crate::common::{EditionTest, Sums, sums};
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestRunner};

/// Cases in CI.
const CI_CASES: u32 = 16;

/// Cases: a hundredth of `PROPTEST_CASES`, at least [`CI_CASES`].
fn config() -> ProptestConfig {
    let asked = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse::<u32>().ok()).unwrap_or(0);
    ProptestConfig {
        cases: (asked / 100).max(CI_CASES),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Pieces of web pages as exporters write them, good and broken.
const HTML_PIECES: &[&str] = &[
    "<html><head><title>标题</title></head><body>",
    "</body></html>",
    "<div>",
    "</div>",
    "<div class=\"content\">",
    "<br>",
    "<br/>",
    "<br><br>",
    "<p>",
    "</p>",
    "<table><tr><td>",
    "</td><td>",
    "</td></tr></table>",
    "<center>",
    "</center>",
    "<font size=\"2\">",
    "</font>",
    "<strong>",
    "</strong>",
    "<b>",
    "</b>",
    "<img src=\"a.jpg\">",
    "<img src=\"../../etc/passwd\">",
    "<img src=\"/tmp/x.png\">",
    "<script>document.write('x')</script>",
    "<style>p{}</style>",
    "<!--",
    "-->",
    "<",
    ">",
    "&nbsp;",
    "&amp;",
    "&#x4e2d;",
    "&#99999999;",
    "\n",
    "\r\n",
    "发布日期：2020-03-01",
    "2020年3月1日 10:20",
    "本报讯（记者张三）",
    "新华社北京3月1日电",
    "（记者李四 通讯员王五）",
    "责任编辑：赵六",
    "字号 大 中 小",
    "【打印本页】【关闭窗口】",
    "延伸阅读",
    "湖北省十堰市",
    "啲嘅咗冇",
    "。",
    "，",
];

fn html_text() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        5 => proptest::sample::select(HTML_PIECES).prop_map(str::to_string),
        2 => proptest::collection::vec(proptest::char::range('\u{4e00}', '\u{9fa5}'), 1..20)
            .prop_map(|c| c.into_iter().collect()),
        1 => proptest::collection::vec(any::<char>(), 1..4).prop_map(|c| c.into_iter().collect()),
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|p| p.concat().into_bytes())
}

/// Any bytes, the ingest fuzzer's encoded texts, or HTML-ish text.
fn source() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..600),
        1 => super::inputs::source_bytes(),
        2 => html_text(),
    ]
}

/// Runs `ingest --out out` in `edition`; the exit code and the files of `out`.
fn ingest_into(edition: &EditionTest, out: &str) -> (i32, Sums) {
    let dir = edition.outside(out);
    let run = edition.dz(&["ingest", "--quiet", "--out", dir.to_str().unwrap()]);
    run.no_panic();
    assert!(run.code == 0 || run.code == 1, "exit {}:\n{}", run.code, run.stderr);
    (run.code, sums(&dir))
}

/// One case: the source (and maybe a sidecar) in a fresh edition, ingested
/// three times.
fn ingest_case(bytes: &[u8], sidecar: bool) {
    let edition = EditionTest::empty();
    edition.write("sources/fuzz.txt", bytes);
    if sidecar {
        edition.write("sources/fuzz.toml", "year = 2020\nregion = \"湖北省/十堰市\"\n");
    }
    let before = sums(&edition.root);
    let first = ingest_into(&edition, "out");
    assert_eq!(sums(&edition.root), before, "ingest wrote into the edition folder");
    assert_eq!(ingest_into(&edition, "out"), first, "a second run into the same folder changed it");
    assert_eq!(ingest_into(&edition, "again"), first, "a run into a fresh folder differs");
    assert_eq!(sums(&edition.root), before, "ingest wrote into the edition folder");
    let mut beside: Vec<String> = std::fs::read_dir(edition.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    let mut expected = vec!["edition".to_string()];
    expected.extend(["again", "out"].into_iter().filter(|d| edition.outside(d).exists()).map(String::from));
    expected.sort();
    assert_eq!(beside, expected, "ingest wrote beside the edition");
}

#[test]
fn ingest_command_never_panics_stays_in_out_and_repeats_itself() {
    let mut runner = TestRunner::new(config());
    let executions = std::sync::atomic::AtomicU64::new(0);
    let result = runner.run(&(source(), any::<bool>()), |(bytes, sidecar)| {
        executions.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        ingest_case(&bytes, sidecar);
        Ok(())
    });
    eprintln!("fuzz command: {} executions", executions.into_inner());
    if let Err(failure) = result {
        panic!("fuzz command: {failure}");
    }
}
