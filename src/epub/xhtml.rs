//! The XHTML documents of the book: the title page, one chapter per article
//! (each Chinese block followed by its English, each ¶ number linking to the
//! other language), the glossary and the navigation document.

use crate::model::BlockKind;
use crate::model::figure::figure_parts;
use crate::reader::Part;
use crate::render::cite::citation;
use crate::render::highlight::escape;
use crate::render::markdown::markdown_html;
use crate::site::assemble::Site;

/// The book's stylesheet: two languages told apart, nothing downloaded.
pub(super) const STYLE: &str = "body { margin: 0 4%; line-height: 1.7; }
.zh { margin: 1em 0 .2em; }
.en { margin: 0 0 1em; padding-left: .8em; border-left: 2px solid #999; }
.en p, .zh p { margin: .2em 0; }
.pn { font-size: .75em; text-decoration: none; margin-right: .4em; }
.meta, .cite, .pinyin { font-size: .85em; }
h1 .en-title { display: block; font-size: .7em; font-weight: normal; }
dt { font-weight: bold; margin-top: .6em; }
";

/// A document of the book: its file name, title and XHTML.
pub(super) struct Doc {
    pub(super) file: String,
    pub(super) title: String,
    pub(super) xhtml: String,
}

/// An XHTML document around `body`.
fn document(title: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" \
         xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"zh-Hans\" lang=\"zh-Hans\">\n<head>\n<meta \
         charset=\"utf-8\"/>\n<title>{}</title>\n<link rel=\"stylesheet\" type=\"text/css\" \
         href=\"style.css\"/>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

/// `text` in English, marked so in both XML and HTML.
fn en(text: &str) -> String {
    format!("<span lang=\"en\" xml:lang=\"en\">{}</span>", escape(text))
}

/// The title page: both titles, the note and what the book holds.
pub(super) fn title_page(title: (&str, &str), note: &str, chapters: &[Doc]) -> Doc {
    let mut body = format!(
        "<section epub:type=\"titlepage\">\n<h1>{}<span class=\"en-title\" lang=\"en\" xml:lang=\"en\">{}</span></h1>\n",
        escape(title.0),
        escape(title.1)
    );
    if !note.is_empty() {
        body.push_str(&format!("<p>{}</p>\n", escape(note)));
    }
    body.push_str(&format!(
        "<p class=\"meta\">{}</p>\n</section>\n",
        en(&format!(
            "{} article(s), each Chinese paragraph followed by its English; tap a ¶ number to go from one to the other.",
            chapters.len()
        ))
    ));
    Doc {
        file: "title.xhtml".into(),
        title: format!("{} {}", title.0, title.1),
        xhtml: document(title.0, &body),
    }
}

/// Chapter `no` (from 1): the part's rows, Chinese then English.
pub(super) fn chapter(site: &Site, no: usize, part: &Part) -> Doc {
    let a = &site.articles[part.article];
    let f = &a.aligned.article.front;
    let en_title = a.aligned.translation.as_ref().map(|t| t.title.as_str()).unwrap_or_default();
    let mut body = format!(
        "<section epub:type=\"chapter\">\n<h1>{}<span class=\"en-title\" lang=\"en\" xml:lang=\"en\">{}</span></h1>\n",
        escape(&f.title),
        escape(en_title)
    );
    let date = a.date.map(|d| d.to_string()).unwrap_or_default();
    body.push_str(&format!("<p class=\"meta\">{} {}</p>\n", escape(&date), escape(&f.publication)));
    for row in &a.aligned.rows[part.rows.clone()] {
        let n = row.zh.no.0;
        let (zh, english) = if row.zh.kind == BlockKind::Figure {
            let caption = figure_parts(&row.zh.markdown).map(|(c, _)| c).unwrap_or_default();
            let english =
                row.en.as_deref().map(|t| figure_parts(t).map_or_else(|| t.to_string(), |(c, _)| c));
            (
                format!("<p>〔图〕{}</p>\n", escape(&caption)),
                english.map(|t| format!("<p>[Figure] {}</p>\n", escape(&t))),
            )
        } else {
            (markdown_html(&row.zh.markdown), row.en.as_deref().map(markdown_html))
        };
        let english = english.unwrap_or_else(|| "<p>(not yet translated)</p>\n".into());
        body.push_str(&format!(
            "<div class=\"zh\" id=\"p{n}\"><a class=\"pn\" href=\"#p{n}-en\">¶{n}</a>\n{zh}</div>\n\
             <div class=\"en\" id=\"p{n}-en\" lang=\"en\" xml:lang=\"en\"><a class=\"pn\" href=\"#p{n}\">¶{n}</a>\n{english}</div>\n"
        ));
    }
    body.push_str(&format!(
        "<p class=\"cite\">{}</p>\n</section>\n",
        escape(&citation(site, part.article).0)
    ));
    Doc {
        file: format!("a{no}.xhtml"),
        title: format!("{} {en_title}", f.title),
        xhtml: document(&f.title, &body),
    }
}

/// The glossary: each term with its pinyin and English (and note).
pub(super) fn glossary(terms: &[(String, String, String, String)]) -> Doc {
    let mut body = format!("<section epub:type=\"glossary\">\n<h1>词汇 {}</h1>\n<dl>\n", en("Glossary"));
    for (zh, pinyin, english, note) in terms {
        body.push_str(&format!(
            "<dt>{} <span class=\"pinyin\" lang=\"zh-Latn-pinyin\" xml:lang=\"zh-Latn-pinyin\">{}</span></dt>\n<dd>{}{}</dd>\n",
            escape(zh),
            escape(pinyin),
            en(english),
            if note.is_empty() { String::new() } else { format!(" <span class=\"meta\">{}</span>", en(note)) }
        ));
    }
    body.push_str("</dl>\n</section>\n");
    Doc {
        file: "glossary.xhtml".into(),
        title: "词汇 Glossary".into(),
        xhtml: document("词汇 Glossary", &body),
    }
}

/// The navigation document: every document of the book, in reading order.
pub(super) fn nav(docs: &[Doc]) -> String {
    let mut body = String::from("<nav epub:type=\"toc\" id=\"toc\">\n<h1>目录 Contents</h1>\n<ol>\n");
    for doc in docs {
        body.push_str(&format!("<li><a href=\"{}\">{}</a></li>\n", doc.file, escape(&doc.title)));
    }
    body.push_str("</ol>\n</nav>\n");
    document("目录 Contents", &body)
}
