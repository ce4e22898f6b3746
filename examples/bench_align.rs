//! The alignment benchmark: `cargo run --release --example bench_align [EDITION]`
//! (`scripts/bench-align.sh`). Prints how many blocks of the edition's own
//! translations `duizhao align` pairs right, unbroken and re-broken.

use duizhao::align::bench::{Score, run};
use duizhao::align::length::LengthModel;
use duizhao::align::{paired_edition, paired_lengths};
use duizhao::config::Edition;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = std::env::args().nth(1).map_or_else(|| PathBuf::from("."), PathBuf::from);
    let edition = Edition::open(&root)?;
    let (articles, glossary) = paired_edition(&edition, "en")?;
    let model = LengthModel::fit(&paired_lengths(&articles));
    println!(
        "length model: {:.3} English words per Chinese character, variance {:.2} per character",
        model.ratio, model.variance
    );
    // Each seed re-breaks the texts differently; the unbroken texts are the same every time.
    let seeds: Vec<u64> = match std::env::var("SEEDS") {
        Ok(list) => list.split(',').filter_map(|s| s.trim().parse().ok()).collect(),
        Err(_) => (1..=5).collect(),
    };
    let mut total = Score::default();
    for (k, &seed) in seeds.iter().enumerate() {
        let figures = run(&articles, &glossary, seed);
        if k == 0 {
            show("unbroken", &figures.unbroken);
        }
        show(&format!("re-broken, seed {seed}"), &figures.rebroken);
        let r = figures.rebroken;
        total.texts += r.texts;
        total.blocks += r.blocks;
        total.right += r.right;
        total.flagged += r.flagged;
        total.wrong_flagged += r.wrong_flagged;
    }
    show("re-broken, all seeds", &total);
    Ok(())
}

fn show(name: &str, s: &Score) {
    let wrong = s.blocks - s.right;
    println!(
        "{name}: {} texts, {}/{} blocks right ({:.1} %), {} flagged; wrong {wrong}, of them flagged {}",
        s.texts,
        s.right,
        s.blocks,
        s.percent_right(),
        s.flagged,
        s.wrong_flagged
    );
    for w in &s.unflagged_wrong {
        println!("           wrong and not flagged: {w}");
    }
}
