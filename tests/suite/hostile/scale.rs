//! Rows of the review about large sources. Time is not asserted here (it
//! would be flaky): `scripts/bench-ingest-scaling.sh` measures that ingest
//! time per MB stays flat. These tests check what a quadratic or careless
//! ingest got wrong: every distinct article kept, one copy of each repeat.

use crate::common::*;
use std::collections::BTreeSet;

const SOURCE_003: &str = "sources/003_c171a1427bcab795";

/// The paragraphs of the bundled sources, each once (they repeat some).
fn bundled_paragraphs(f: &Fresh) -> Vec<String> {
    let mut files: Vec<_> = std::fs::read_dir(f.path("sources"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let (mut paras, mut seen) = (Vec::new(), BTreeSet::new());
    for file in files {
        for block in std::fs::read_to_string(file).unwrap().split("\n\n") {
            let text: String = block.split_whitespace().collect();
            let chars: Vec<char> = text.chars().collect();
            if chars.len() < 40 || text.starts_with(['<', '#', '*']) || !text.ends_with('。') {
                continue;
            }
            let head: String = chars[..12].iter().collect();
            let tail: String = chars[chars.len() - 12..].iter().collect();
            if !seen.contains(&head) && !seen.contains(&tail) {
                seen.extend([head, tail]);
                paras.push(text);
            }
        }
    }
    paras
}

/// Plain-text articles of five numbered paragraphs, distinct from each
/// other, up to `bytes`; and how many there are.
fn distinct_articles(f: &Fresh, bytes: usize) -> (String, usize) {
    let paras = bundled_paragraphs(f);
    let (mut text, mut n) = (String::new(), 0);
    while text.len() < bytes {
        n += 1;
        text += &format!("社区防控一线纪实第{n}篇\n\n本报讯（记者王明）");
        for k in 1..=5 {
            let para = &paras[(n * 5 + k) % paras.len()];
            text += &format!("第{n}篇第{k}段：{para}（{n}-{k}）\n\n");
        }
    }
    (text, n)
}

fn articles_in(dir: &std::path::Path) -> BTreeSet<String> {
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
}

/// S08b: one large source of distinct articles (here 2 MB, 900-odd articles)
/// keeps them all, and draws no progress bar when stderr is not a terminal.
#[test]
fn s08b_a_large_source_of_distinct_articles_keeps_every_one() {
    let f = Fresh::new();
    let (text, n) = distinct_articles(&f, 2_000_000);
    f.write("sources/uniq.txt", text);
    f.write("sources/uniq.toml", "publication = \"基准日报\"\nyear = 2020\nregion = \"湖北省/十堰市\"\n");
    let before = f.sums();
    let out = f.outside("out");
    let run = f.dz(&["ingest", "sources/uniq.txt", "--out", out.to_str().unwrap()]);
    run.code(0)
        .no_panic()
        .stderr_has(&format!("sources/uniq.txt: plain text (UTF-8), {n} article(s)"))
        .stderr_has(&format!("{n} written"))
        .stderr_lacks("repeated")
        .stderr_lacks("\u{1b}[")
        .stderr_lacks("\r");
    assert_eq!(articles_in(&out).len(), n);
    assert_eq!(before, f.sums());
}

/// S08: a source repeated many times (the review: 003 × 5,022) keeps one
/// copy of each article, the figure-only one included, and the notes of the
/// dropped copies do not grow the article without bound.
#[test]
fn s08_a_source_repeated_many_times_keeps_one_copy_of_each_article() {
    let f = Fresh::new();
    let once = f.read(&format!("{SOURCE_003}.txt"));
    f.write("sources/big.txt", once.repeat(60));
    f.write("sources/big.toml", f.read(&format!("{SOURCE_003}.toml")));
    let before = f.sums();
    let (alone, repeated) = (f.outside("alone"), f.outside("repeated"));
    f.dz(&["ingest", &format!("{SOURCE_003}.txt"), "--out", alone.to_str().unwrap()]).code(0);
    f.dz(&["ingest", "sources/big.txt", "--out", repeated.to_str().unwrap()])
        .code(0)
        .no_panic()
        .stderr_has("sources/big.txt: plain text (UTF-8), 6 article(s)")
        .stderr_has("354 repeated articles dropped");
    assert_eq!(articles_in(&alone), articles_in(&repeated));
    let figure_only = repeated.join("2020-02-16-hai-nan-12-li-xin-guan-fei.md");
    let text = std::fs::read_to_string(&figure_only).unwrap();
    assert!(text.contains("![图为12例新冠肺炎治愈患者从海南省人民医院出院。"), "{text}");
    assert!(text.len() < 2_000, "the notes of 59 dropped copies grew the article to {} bytes", text.len());
    assert_eq!(before, f.sums());
}

/// S11: a 5 MB source on one line, with no breaks, ingests into one article
/// that keeps all of its text.
#[test]
fn s11_a_5_mb_single_line_ingests_whole() {
    let f = Fresh::new();
    let line: String = f.read(&format!("{SOURCE_003}.txt")).split_whitespace().collect();
    let copies = 5_000_000 / line.len() + 1;
    f.write("sources/longline.txt", line.repeat(copies));
    let before = f.sums();
    let out = f.outside("out");
    f.dz(&["ingest", "sources/longline.txt", "--out", out.to_str().unwrap()])
        .code(0)
        .no_panic()
        .stderr_has("sources/longline.txt: plain text (UTF-8), 1 article(s)");
    let written = articles_in(&out);
    assert_eq!(written.len(), 1);
    let article = std::fs::read_to_string(out.join(written.first().unwrap())).unwrap();
    let body = article.rsplit("+++").next().unwrap();
    assert!(body.len() >= 5_000_000, "the body kept {} of 5 MB", body.len());
    assert_eq!(before, f.sums());
}
