use duizhao::build::{prepare, render};
use std::time::Instant;
fn main() {
    let root = std::env::args().nth(1).unwrap();
    let p = prepare(std::path::Path::new(&root), None).unwrap();
    let r = p.renderer.as_ref().unwrap();
    let mut slow = Vec::new();
    let t0 = Instant::now();
    for page in render::pages(&p.site) {
        let t = Instant::now();
        let html = r.render(&p.site, page).unwrap();
        let t1 = t.elapsed();
        let m = html.minified();
        let html = html.full();
        slow.push((t.elapsed(), t1, format!("{page:?}"), html.len(), m.len()));
    }
    eprintln!("all {:?}", t0.elapsed());
    slow.sort();
    for s in slow.iter().rev().take(8) {
        eprintln!("{:?}", s);
    }
    let arts: Vec<_> = slow.iter().filter(|s| s.2.starts_with("Article")).collect();
    let tot: std::time::Duration = arts.iter().map(|s| s.0).sum();
    let tr: std::time::Duration = arts.iter().map(|s| s.1).sum();
    eprintln!("articles {} total {:?} render {:?}", arts.len(), tot, tr);
}
