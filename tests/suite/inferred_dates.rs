//! A date inferred from its page (`date_inferred = true`, the issue date of
//! a newspaper page) shows as inferred wherever the site shows it: 约 and c.
//! on the article page, c. in the lists (timeline, home, regions, sources)
//! and beside the previous/next links; a printed date shows plain.

use duizhao::render::{Page, prepare};
use std::path::Path;

const SITE: &str = "tests/fixtures/sites/basic";

#[test]
fn an_inferred_date_shows_as_circa_on_the_article_page_the_timeline_and_lists() {
    let prepared = prepare(Path::new(SITE), None).unwrap();
    let renderer = prepared.renderer.as_ref().expect("templates parse");
    let mut site = prepared.site.clone();
    let i = site
        .articles
        .iter()
        .position(|a| a.aligned.article.id.as_str() == "2020-02-28-yun-yang-fu-gong")
        .unwrap();
    let render = |site: &duizhao::site::Site, page| renderer.render(site, page).unwrap().full();

    let plain = render(&site, Page::Article(i));
    assert!(plain.contains("2020年2月28日") && !plain.contains(">约<"), "a printed date shows plain");
    assert!(!render(&site, Page::Timeline).contains(">c.<"));

    site.articles[i].aligned.article.front.date_inferred = true;
    let article = render(&site, Page::Article(i));
    assert!(article.contains(r"<span class=circa lang=zh-Hans title=推定日期>约</span>"), "{article}");
    assert!(article.contains("(c.: inferred, not printed)"), "{article}");
    let timeline = render(&site, Page::Timeline);
    let item = timeline.split("郧阳区企业有序复工复产").nth(1).unwrap();
    assert!(item.contains(r#">c.</span> <time datetime="2020-02-28">"#), "{item}");
    let home = render(&site, Page::Home);
    assert!(home.contains(r#">c.</span> <time datetime="2020-02-28">"#), "{home}");
    // The neighbours name it as inferred too.
    let neighbour = (0..site.articles.len()).find(|&j| j != i && site.articles[j].date.is_some()).unwrap();
    let next_door = render(&site, Page::Article(neighbour));
    assert!(
        next_door.contains(r"<span class=circa lang=en>c.</span> <time>2020-02-28</time>"),
        "{next_door}"
    );
    // Only the inferred date is marked.
    assert_eq!(timeline.matches(">c.</span>").count(), 1, "{timeline}");
}
