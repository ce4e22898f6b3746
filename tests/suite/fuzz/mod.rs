//! Fuzz targets on stable Rust (proptest): the source cleaner, the
//! front-matter reader and the translation-slot reader take any input and
//! return `Ok` or an `Err`, never panic; what they accept round-trips.
//!
//! Inputs mix pieces of the syntax with odd Unicode, or mutate the seeds in
//! `tests/suite/fuzz/corpus/` ([`inputs`]). CI runs a few dozen cases per target;
//! `PROPTEST_CASES=N` runs N per target (`scripts/fuzz.sh` for a long run).
//! [`cli`] runs the ingest command itself on any bytes and HTML-ish text.

mod cli;
mod inputs;

use duizhao::config::Config;
use duizhao::ingest::{ingest_bytes, sidecar::Sidecar};
use duizhao::model::{Article, Translation};
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestRunner};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// Cases per target: `PROPTEST_CASES`, else a CI-sized default.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(48);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// An edition folder with no files: ingest finds no fixes and no pictures.
static ROOT: LazyLock<tempfile::TempDir> = LazyLock::new(|| tempfile::tempdir().unwrap());

fn source_path() -> PathBuf {
    ROOT.path().join("sources/fuzz.txt")
}

/// Ingests `bytes` in memory; every article it makes must parse as the
/// build reads it. True when it made articles.
fn ingest_target(bytes: &[u8], year: Option<i32>, default_year: Option<i32>, region: &str) -> bool {
    let sidecar = Sidecar { year, region: region.to_string(), ..Sidecar::default() };
    let config = Config { default_year, ..Config::default() };
    let Ok(report) = ingest_bytes(&source_path(), bytes, Some(sidecar), ROOT.path(), &config) else {
        return false;
    };
    for article in &report.articles {
        let path = PathBuf::from(format!("content/{}.md", article.id));
        if let Err(e) = Article::parse(&path, &article.text) {
            panic!("ingest wrote an article the build cannot read: {e}\n{}", article.text);
        }
    }
    !report.articles.is_empty()
}

/// Parses an article; one that parses must write and parse back the same
/// front matter and body.
/// True when it parsed.
fn article_target(text: &str) -> bool {
    let path = Path::new("content/2020-02-02-fuzz.md");
    let Ok(article) = Article::parse(path, text) else { return false };
    let again = Article::to_file_text(&article.front, &article.body).expect("a parsed front matter writes");
    let reread = Article::parse(path, &again).expect("what was written parses");
    assert_eq!(reread.front, article.front);
    // The file keeps the body but not its trailing white space (a trailing
    // U+000B can change how Markdown splits the last blocks, so blocks are
    // not compared).
    assert_eq!(reread.body.trim_end(), article.body.trim_end());
    true
}

/// An article to pair translations with.
static ARTICLE: LazyLock<Article> = LazyLock::new(|| {
    let text = inputs::seeds("article-full").remove(0);
    Article::parse(Path::new("content/2020-02-02-fuzz.md"), &text).unwrap()
});

/// Parses a translation and pairs it with an article. True when it parsed.
fn translation_target(text: &str) -> bool {
    let path = Path::new("translations/en/2020-02-02-fuzz.md");
    let Ok(translation) = Translation::parse(path, text) else { return false };
    let aligned = duizhao::pair::pair(ARTICLE.clone(), Some(translation));
    let _ = aligned.coverage();
    true
}

/// Runs `target` on inputs from `strategy`, `config().cases` times (plus the
/// shrinking after a failure), and prints how many executions it made and
/// how many inputs the target accepted (so a generator that only makes
/// rejects shows).
fn fuzz<S: Strategy>(name: &str, strategy: S, target: impl Fn(S::Value) -> bool) {
    let executions = AtomicU64::new(0);
    let accepted = AtomicU64::new(0);
    let mut runner = TestRunner::new(config());
    let result = runner.run(&strategy, |input| {
        executions.fetch_add(1, Ordering::Relaxed);
        if target(input) {
            accepted.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    });
    eprintln!(
        "fuzz {name}: {} executions, {} accepted",
        executions.load(Ordering::Relaxed),
        accepted.load(Ordering::Relaxed)
    );
    if let Err(failure) = result {
        panic!("fuzz {name}: {failure}");
    }
}

#[test]
fn ingest_never_panics() {
    let region = prop_oneof![Just(""), Just("湖北省/十堰市"), Just("nowhere")];
    let strategy = (inputs::source_bytes(), inputs::year(), inputs::year(), region);
    fuzz("ingest", strategy, |(bytes, year, default_year, region)| {
        ingest_target(&bytes, year, default_year, region)
    });
}

#[test]
fn front_matter_reader_never_panics_and_round_trips() {
    fuzz("article", inputs::article_text(), |text| article_target(&text));
}

#[test]
fn translation_reader_never_panics() {
    fuzz("translation", inputs::translation_text(), |text| translation_target(&text));
}

/// Every seed, as it is, through its target.
#[test]
fn seeds_run_through_their_targets() {
    for seed in inputs::seeds("source-") {
        assert!(ingest_target(seed.as_bytes(), Some(2020), Some(2020), "湖北省/十堰市"), "{seed}");
        assert!(ingest_target(seed.as_bytes(), None, None, ""), "{seed}");
    }
    for seed in inputs::seeds("article-") {
        assert!(article_target(&seed), "{seed}");
    }
    for seed in inputs::seeds("translation-") {
        assert!(translation_target(&seed), "{seed}");
    }
}
