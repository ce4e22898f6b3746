//! The search index on its own: `cargo run --release --example bench_index
//! EDITION [OUT]`. Loads the edition, builds its index and prints the time,
//! CPU, and memory the index took (from /proc); with OUT, writes the files
//! there (to compare two versions byte for byte with `diff -r`), else drops
//! each as it is made.

use std::path::PathBuf;
use std::time::Instant;

/// (resident MiB, high-water MiB, CPU seconds) of this process.
fn usage() -> (u64, u64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or(0)
            / 1024
    };
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let ticks: f64 = stat.rsplit_once(')').map_or(0.0, |(_, rest)| {
        rest.split_whitespace().skip(11).take(2).filter_map(|t| t.parse::<f64>().ok()).sum()
    });
    (field("VmRSS:"), field("VmHWM:"), ticks / 100.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let root = args.next().map_or_else(|| PathBuf::from("."), PathBuf::from);
    let out = args.next().map(PathBuf::from);
    let prepared = duizhao::render::prepare(&root, None)?;
    let (rss, _, cpu) = usage();
    let started = Instant::now();
    // Each file written (with OUT) or dropped as it is made, as the build does.
    let sink = |path: String, bytes: Vec<u8>| {
        if let Some(out) = &out {
            let file = out.join(path);
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir).map_err(|e| duizhao::error::Error::io(dir, e))?;
            }
            std::fs::write(&file, bytes).map_err(|e| duizhao::error::Error::io(&file, e))?;
        }
        Ok(())
    };
    let s = duizhao::search::write(&prepared.site, &sink)?;
    let wall = started.elapsed();
    let (_, hwm, cpu_after) = usage();
    println!(
        "index: {} docs, {} idx + {} text shards, {} bytes in {:.2} s wall, {:.2} s CPU; {rss} MiB before, \
         high-water {hwm} MiB: {} MiB more",
        s.docs,
        s.idx_shards,
        s.text_shards,
        s.bytes,
        wall.as_secs_f64(),
        cpu_after - cpu,
        hwm.saturating_sub(rss)
    );
    Ok(())
}
