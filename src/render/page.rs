//! The pages of a site: which exist ([`pages`]), where each is written
//! ([`page_path`]), which template draws it ([`Page::template`]), and the one
//! rule for links between them ([`href`], [`relative`]).
//!
//! A page kind is declared once, in the `page_kinds!` table below: its
//! variant and its template, which is also embedded as the default theme's.
//! The compiler then asks for its path here and its context in
//! `render::context`.

use crate::site::assemble::{Site, SiteArticle};

macro_rules! page_kinds {
    ($($(#[$doc:meta])* $variant:ident $(($index:ty))? => $template:literal,)*) => {
        /// One page of the site.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Page {
            $($(#[$doc])* $variant $(($index))?,)*
        }

        impl Page {
            /// The template that draws the page.
            pub fn template(self) -> &'static str {
                match self {
                    $(page_kinds!(@pattern $variant $(($index))?) => $template,)*
                }
            }
        }

        /// The default theme's page templates, embedded in the binary.
        pub(crate) const PAGE_TEMPLATES: &[(&str, &[u8])] = &[
            $(($template, include_bytes!(concat!("../../themes/default/templates/", $template)))),*
        ];
    };
    (@pattern $variant:ident ($index:ty)) => { Page::$variant(_) };
    (@pattern $variant:ident) => { Page::$variant };
}

page_kinds! {
    /// `index.html`: the edition's front page.
    Home => "home.html",
    /// `articles/<id>.html`: one article, by index into `Site::articles`.
    Article(usize) => "article.html",
    /// `timeline/index.html`: every article by date.
    Timeline => "timeline.html",
    /// `regions/index.html`: the region tree.
    Regions => "regions.html",
    /// `regions/<slug>/index.html`: one region, by index into `Site::regions`.
    Region(usize) => "region.html",
    /// `sources/index.html`: every source file and what was made of it.
    Sources => "sources.html",
    /// `glossary/index.html`: only when the edition has a glossary.
    Glossary => "glossary.html",
    /// `404.html`: shown by the web server for a missing page.
    NotFound => "404.html",
    /// `search/index.html`: full-text search over the index in `search/`.
    Search => "search.html",
    /// `readers/<id>/index.html`: a reader of `edition.toml`, by index into
    /// `Config::readers`, print first.
    Reader(usize) => "reader.html",
}

/// Every page of the site, in a fixed order.
pub fn pages(site: &Site) -> Vec<Page> {
    let mut pages = vec![Page::Home, Page::Timeline, Page::Regions, Page::Sources];
    if site.glossary.is_some() {
        pages.push(Page::Glossary);
    }
    pages.push(Page::NotFound);
    pages.push(Page::Search);
    pages.extend((0..site.regions.len()).map(Page::Region));
    pages.extend((0..site.articles.len()).map(Page::Article));
    // A reader naming a missing article is an error of `prepare`, not a page.
    let readers = &site.config.readers;
    pages.extend(
        (0..readers.len()).filter(|&i| crate::reader::parts(site, &readers[i]).is_ok()).map(Page::Reader),
    );
    pages
}

/// The page's file, relative to the output folder, `/`-separated.
pub fn page_path(site: &Site, page: Page) -> String {
    match page {
        Page::Home => "index.html".into(),
        Page::Article(i) => article_path(&site.articles[i]),
        Page::Timeline => "timeline/index.html".into(),
        Page::Regions => "regions/index.html".into(),
        Page::Region(i) => format!("regions/{}/index.html", site.regions[i].slug),
        Page::Sources => "sources/index.html".into(),
        Page::Glossary => "glossary/index.html".into(),
        Page::NotFound => "404.html".into(),
        Page::Search => "search/index.html".into(),
        Page::Reader(i) => format!("readers/{}/index.html", site.config.readers[i].id),
    }
}

fn article_path(a: &SiteArticle) -> String {
    format!("articles/{}.html", a.aligned.article.id)
}

/// The link to `page`, optionally to an element of it (`#fragment`), as
/// every context hands it to a template: relative to the output folder, so
/// that a template writes `{{ root }}{{ x.href }}` on any page.
pub fn href(site: &Site, page: Page, fragment: Option<&str>) -> String {
    let path = page_path(site, page);
    match fragment {
        Some(fragment) => format!("{path}#{fragment}"),
        None => path,
    }
}

/// Where a file of `content/` (an image) is published, relative to the
/// output folder.
pub fn media_path(file: &str) -> String {
    format!("media/{file}")
}

/// The prefix that leads from the page at `path` back to the output folder
/// (`""`, `"../"`, …): the `root` every template receives.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// A link from the page at `from` to `to` (both relative to the output
/// folder), for HTML built in code rather than in a template: empty when
/// both are the same page, so that `#fragment` stays on the page.
pub fn relative(from: &str, to: &str) -> String {
    if from == to { String::new() } else { format!("{}{to}", root_of(from)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_climbs_one_level_per_folder() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("articles/a.html"), "../");
        assert_eq!(root_of("regions/guangxi/index.html"), "../../");
    }

    #[test]
    fn a_link_to_the_same_page_is_empty() {
        assert_eq!(relative("timeline/index.html", "timeline/index.html"), "");
        assert_eq!(relative("index.html", "timeline/index.html"), "timeline/index.html");
        assert_eq!(relative("regions/x/index.html", "timeline/index.html"), "../../timeline/index.html");
    }

    #[test]
    fn hrefs_name_each_page_from_the_top_of_the_site() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites/basic");
        let site = crate::render::prepare(&root, None).unwrap().site;
        let shiyan = site.regions.iter().position(|r| r.path == "湖北省/十堰市").unwrap();
        assert_eq!(href(&site, Page::Region(shiyan), None), "regions/hubeisheng-shiyanshi/index.html");
        assert_eq!(
            href(&site, Page::Sources, Some("sources-shiyan-txt")),
            "sources/index.html#sources-shiyan-txt"
        );
        assert_eq!(href(&site, Page::Article(0), None), "articles/2020-02-27-guang-xi-juan-zeng.html");
        // Region slugs are plain ASCII and tell every region apart.
        let paths: std::collections::BTreeSet<String> =
            (0..site.regions.len()).map(|i| page_path(&site, Page::Region(i))).collect();
        assert_eq!(paths.len(), site.regions.len());
        for region in &site.regions {
            assert!(
                region.slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                region.slug
            );
        }
        // Every page's file is distinct.
        let all: Vec<String> = pages(&site).into_iter().map(|p| page_path(&site, p)).collect();
        assert_eq!(all.iter().collect::<std::collections::BTreeSet<_>>().len(), all.len());
    }

    #[test]
    fn every_page_kind_has_an_embedded_template() {
        for (name, bytes) in PAGE_TEMPLATES {
            assert!(name.ends_with(".html") && !bytes.is_empty(), "{name}");
        }
        let kinds = [Page::Home, Page::Article(0), Page::Timeline, Page::Regions];
        let more =
            [Page::Region(0), Page::Sources, Page::Glossary, Page::NotFound, Page::Search, Page::Reader(0)];
        for page in kinds.into_iter().chain(more) {
            assert!(PAGE_TEMPLATES.iter().any(|(name, _)| *name == page.template()), "{page:?}");
        }
    }
}
