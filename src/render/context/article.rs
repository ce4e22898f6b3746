//! One article's page (`article.html`): the header, the rows of Chinese and
//! English side by side, and the apparatus (record, citation, source).

use super::proof::{ProofNote, Proofreading, combine};
use super::{Link, anchor, date_zh, english_title, region_link};
use crate::model::figure::{figure_not_kept, figure_parts, image_is_local};
use crate::model::{Author, BlockKind, TranslationStatus};
use crate::pair::{BlockStatus, Row, RowStatus};
use crate::render::cite::citation;
use crate::render::highlight::{Highlighter, escape};
use crate::render::markdown::{inline_html, markdown_html};
use crate::render::minify::{compact, splice_marker};
use crate::render::page::{Page, href, media_path};
use crate::site::assemble::Site;
use serde::Serialize;

/// `page` of `article.html`.
#[derive(Debug, Serialize)]
pub struct ArticleContext {
    /// The article id (`2020-02-27-guang-xi-juan-zeng`), also its file name.
    pub id: String,
    /// Chinese title.
    pub title: String,
    /// Chinese subtitle, `""` if none.
    pub subtitle: String,
    /// Chinese kicker (the line above the title), `""` if none.
    pub kicker: String,
    /// The newspaper column, `""` if none.
    pub column: String,
    /// `YYYY-MM-DD`, `null` if undated.
    pub date: Option<String>,
    /// The date in Chinese (`2020年2月27日`), `null` if undated.
    pub date_zh: Option<String>,
    /// The date is inferred (the issue date of its page): show it as 约 / c.
    pub date_inferred: bool,
    /// One breadcrumb per region of the front matter, from the top level down.
    pub regions: Vec<Vec<Link>>,
    /// Places the article mentions.
    pub places: Vec<String>,
    /// Publication, `""` if unknown.
    pub publication: String,
    /// Authors and photographers.
    pub authors: Vec<AuthorContext>,
    /// The source file (`sources/…`).
    pub source: String,
    /// The source file's entry on the sources page.
    pub source_href: String,
    /// First and last line in the source file, `null` if unknown.
    pub source_lines: Option<[usize; 2]>,
    /// The interventions ingest made, with source line numbers.
    pub notes: Vec<String>,
    /// What ingest asks a human to look at.
    pub review: Vec<String>,
    /// The English translation's front matter, `null` if not translated.
    pub en: Option<TranslationContext>,
    /// The blocks, Chinese beside English.
    pub rows: Vec<ArticleRow>,
    /// Number of blocks (¶).
    pub blocks: usize,
    /// Number of translated blocks.
    pub translated: usize,
    /// The article before this one in date order, `null` for the first.
    pub prev: Option<Neighbour>,
    /// The article after this one, `null` for the last.
    pub next: Option<Neighbour>,
    /// A plain-text citation.
    pub cite_text: String,
    /// A BibTeX entry, highlighted (print with `| safe`).
    pub cite_html: String,
    /// The article's Markdown file, highlighted (print with `| safe`).
    pub source_html: String,
    /// The Markdown file, relative to the edition (`content/….md`).
    pub file: String,
    /// The summary of the proofreading view, `null` if it has no translation.
    pub proofreading: Option<Proofreading>,
    /// The glossary terms the article uses, a JSON array of `{zh, en,
    /// pinyin}` for the glossary aid (printed, escaped, in an attribute).
    pub glossary_json: String,
}

/// An author as the front matter names them.
#[derive(Debug, Serialize)]
pub struct AuthorContext {
    /// The name.
    pub name: String,
    /// Role (`记者`, `摄影`), `""` if none.
    pub role: String,
    /// The outlet the person wrote for when it is not the article's
    /// publication (`人民日报`), `""` otherwise.
    pub outlet: String,
}

/// The translation's front matter.
#[derive(Debug, Serialize)]
pub struct TranslationContext {
    /// English title.
    pub title: String,
    /// English subtitle, `""` if none.
    pub subtitle: String,
    /// English kicker, `""` if none.
    pub kicker: String,
    /// Who translated it.
    pub translator: String,
    /// `draft` or `reviewed`.
    pub status: TranslationStatus,
    /// The translator's note, `""` if none.
    pub notes: String,
}

/// One block of the article with its translation.
#[derive(Debug, Serialize)]
pub struct ArticleRow {
    /// Block number (¶), from 1.
    pub no: usize,
    /// `paragraph`, `heading`, `figure`, `list`, `quote` or `other`.
    pub kind: BlockKind,
    /// `translated`, `missing` or `stale` (the source changed since).
    pub state: &'static str,
    /// The Chinese block as HTML (print with `| safe`).
    pub zh: String,
    /// The English block as HTML (print with `| safe`), `null` if not translated.
    pub en: Option<String>,
    /// For a figure block: its image and captions; else `null`.
    pub figure: Option<Figure>,
    /// The last block this row spans when the translator rendered several
    /// Chinese blocks as one English paragraph (`zh` then holds them all,
    /// each later one in a `<div id="p…">`); else `null`.
    pub through: Option<usize>,
    /// The block's status (of a merged row: stale if one block is, else the
    /// least finished), `null` if the article has no translation (and on a
    /// reader's page).
    pub status: Option<BlockStatus>,
    /// The line of the block's slot in the translation file, `null` if none.
    pub line: Option<usize>,
    /// What the proofreading view says of the row beyond its status, `null`
    /// when there is nothing to say.
    pub proof: Option<ProofNote>,
}

/// A figure block.
#[derive(Debug, Serialize)]
pub struct Figure {
    /// The Chinese caption, plain text.
    pub caption: String,
    /// The image, relative to the output folder (`media/…`), `""` if it is not in `content/`.
    pub src: String,
    /// The image file as the Markdown names it, `""` if the source kept none.
    pub file: String,
    /// Whether the source printed a caption but kept no picture.
    pub not_in_source: bool,
    /// Whether the image should be there but is not.
    pub missing: bool,
    /// The English caption as inline HTML (print with `| safe`), `null` if not translated.
    pub en_caption: Option<String>,
}

/// The article before or after.
#[derive(Debug, Serialize)]
pub struct Neighbour {
    /// Its page.
    pub href: String,
    /// Chinese title.
    pub title: String,
    /// English title, `null` if not translated.
    pub en: Option<String>,
    /// `YYYY-MM-DD`, `null` if undated.
    pub date: Option<String>,
    /// The date is inferred: show it as c.
    pub date_inferred: bool,
}

impl ArticleContext {
    /// The context of article `i`. Highlighted code goes to `code` and
    /// stands in the page as markers (see [`crate::render::Rendered`]).
    pub fn new(site: &Site, i: usize, highlighter: &Highlighter, code: &mut Vec<String>) -> ArticleContext {
        let a = &site.articles[i];
        let art = &a.aligned.article;
        let f = &art.front;
        let (cite_text, bib) = citation(site, i);
        ArticleContext {
            id: art.id.to_string(),
            title: f.title.clone(),
            subtitle: f.subtitle.clone(),
            kicker: f.kicker.clone(),
            column: f.column.clone(),
            date: a.date.map(|d| d.to_string()),
            date_zh: a.date.map(date_zh),
            date_inferred: a.date.is_some() && f.date_inferred,
            regions: a
                .regions
                .iter()
                .map(|chain| chain.iter().map(|&n| region_link(site, n)).collect())
                .collect(),
            places: f.places.clone(),
            publication: f.publication.clone(),
            authors: f.authors.iter().map(AuthorContext::new).collect(),
            source: f.source.clone(),
            source_href: href(site, Page::Sources, Some(&anchor(&f.source))),
            source_lines: f.source_lines,
            notes: f.ingest.as_ref().map(|r| r.notes.clone()).unwrap_or_default(),
            review: f.ingest.as_ref().map(|r| r.review.clone()).unwrap_or_default(),
            en: a.aligned.translation.as_ref().map(|t| TranslationContext {
                title: t.title.clone(),
                subtitle: t.subtitle.clone(),
                kicker: t.kicker.clone(),
                translator: t.translator.clone(),
                status: t.status,
                notes: t.notes.clone(),
            }),
            rows: lift_rows(article_rows(site, &a.aligned.rows, a.aligned.translation.is_some()), code),
            blocks: a.aligned.rows.len(),
            translated: a.translated_blocks,
            prev: a.prev.map(|j| Neighbour::new(site, j)),
            next: a.next.map(|j| Neighbour::new(site, j)),
            cite_text,
            cite_html: splice_marker(code, bib.html()),
            source_html: splice_marker(code, highlighter.markdown_file(&a.text)),
            file: a.path.to_string_lossy().replace('\\', "/"),
            glossary_json: super::aids::glossary_json(site, i),
            proofreading: Proofreading::new(a),
        }
    }
}

impl AuthorContext {
    pub(crate) fn new(author: &Author) -> AuthorContext {
        AuthorContext { name: author.name.clone(), role: author.role.clone(), outlet: author.outlet.clone() }
    }
}

/// The rows with their Chinese and English HTML kept aside in `code`,
/// markers in their place: Markdown's HTML is made compact here
/// ([`compact`]) and needs no minifying, and it is most of the page.
fn lift_rows(mut rows: Vec<ArticleRow>, code: &mut Vec<String>) -> Vec<ArticleRow> {
    for row in &mut rows {
        row.zh = splice_marker(code, compact(std::mem::take(&mut row.zh)));
        row.en = row.en.take().map(|en| splice_marker(code, compact(en)));
    }
    rows
}

/// The page's rows: one per block, but a block whose English is that of
/// the block above (`joined_to`) joins that row rather than making its own.
/// With a translation (`proofread`), each row carries what the
/// proofreading view shows.
fn article_rows(site: &Site, rows: &[Row], proofread: bool) -> Vec<ArticleRow> {
    let mut out: Vec<ArticleRow> = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(last) = out.last_mut().filter(|last| {
            row.joined_to.is_some_and(|to| to.0 == last.no) && last.figure.is_none() && last.en.is_some()
        }) {
            let no = row.zh.no.0;
            last.zh.push_str(&format!(
                "<div class=\"joined\" id=\"p{no}\">{}</div>",
                markdown_html(&row.zh.markdown)
            ));
            last.through = Some(no);
            if row.status != RowStatus::Translated {
                last.state = "stale";
            }
            if proofread {
                last.status = last.status.map(|s| combine(s, row.block_status));
                let mut note = last.proof.take().unwrap_or_default();
                note.join(row);
                last.proof = Some(note).filter(|n| !n.is_empty());
            }
            continue;
        }
        let mut new = ArticleRow::new(site, row);
        if proofread {
            new.status = Some(row.block_status);
            new.line = row.slot_line;
            new.proof = Some(ProofNote::of(row)).filter(|n| !n.is_empty());
        }
        out.push(new);
    }
    out
}

impl ArticleRow {
    pub(crate) fn new(site: &Site, row: &Row) -> ArticleRow {
        let state = match &row.status {
            RowStatus::Translated => "translated",
            RowStatus::Missing => "missing",
            RowStatus::Stale { .. } => "stale",
        };
        let figure = (row.zh.kind == BlockKind::Figure).then(|| Figure::new(site, row)).flatten();
        let zh = markdown_html(&row.zh.markdown);
        ArticleRow {
            no: row.zh.no.0,
            kind: row.zh.kind,
            state,
            zh,
            en: row.en.as_deref().map(markdown_html),
            figure,
            through: None,
            status: None,
            line: None,
            proof: None,
        }
    }
}

impl Figure {
    /// The figure of a figure block, `None` if its Markdown is not `![caption](file)`.
    fn new(site: &Site, row: &Row) -> Option<Figure> {
        let (caption, file) = figure_parts(&row.zh.markdown)?;
        let local = image_is_local(&file, &site.content_files);
        let not_in_source = file.is_empty() || (!local && figure_not_kept(&row.zh.markdown));
        let en_caption =
            row.en.as_deref().map(|t| figure_parts(t).map_or_else(|| inline_html(t), |(c, _)| escape(&c)));
        Some(Figure {
            caption,
            src: if local { media_path(&file) } else { String::new() },
            file,
            not_in_source,
            missing: !local && !not_in_source,
            en_caption,
        })
    }
}

impl Neighbour {
    fn new(site: &Site, j: usize) -> Neighbour {
        let b = &site.articles[j];
        Neighbour {
            href: href(site, Page::Article(j), None),
            title: b.aligned.article.front.title.clone(),
            en: english_title(b),
            date: b.date.map(|d| d.to_string()),
            date_inferred: b.date.is_some() && b.aligned.article.front.date_inferred,
        }
    }
}
