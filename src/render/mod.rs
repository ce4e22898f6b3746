//! Render: `&Site` in, pages out, one at a time so that callers can render
//! in parallel (rayon) and write or check each page as it comes. Nothing
//! here walks the whole site for one page.
//!
//! 1. [`page`]: which pages exist, their paths, templates and links.
//! 2. [`context`]: the typed variables of each page kind (see `docs/theme.md`).
//! 3. [`Renderer::render`]: the page's template (Tera) over its context.
//! 4. [`minify`](mod@minify): highlighted code (syntect, [`highlight`]) spliced
//!    back in; the templates are compact already ([`compact_template`](mod@compact_template)), and
//!    minify-html runs only on pages of a template that could not be made so.

pub mod chart;
pub mod cite;
pub mod compact_template;
pub mod context;
mod feed;
pub mod highlight;
pub mod links;
pub mod markdown;
pub mod marks;
pub mod minify;
pub mod page;
pub mod prepare;

pub use minify::{Rendered, minify};
pub use page::{Page, page_path, pages};
pub use prepare::{Prepared, prepare};

use crate::error::{Error, Result};
use crate::site::assemble::Site;
use crate::theme::Theme;
use compact_template::compact_template;
use context::{
    ArticleContext, Empty, GlossaryContext, HomeContext, PageContext, PageData, ReaderContext, RegionContext,
    RegionsContext, SiteContext, SourcesContext, TimelineContext,
};
use highlight::{Highlighter, stylesheet};
use std::collections::BTreeSet;
use tera::{Context, Tera};

/// Room for a page's HTML as Tera writes it (an article's is about
/// 10 KiB; its rows and code are spliced in later), so that it seldom grows.
const PAGE_CAPACITY: usize = 16 * 1024;

/// Templates parsed once, plus the highlighter; shared by all pages.
pub struct Renderer {
    tera: Tera,
    highlighter: Highlighter,
    theme: Theme,
    /// Each template's text as Tera has it: made compact where vouched for.
    texts: Vec<(String, String)>,
    /// The templates whose pages still go through minify-html.
    minified: BTreeSet<String>,
}

impl Renderer {
    /// Parses the theme's templates; a syntax error names the template
    /// file and line.
    pub fn new(theme: Theme) -> Result<Renderer> {
        let texts = template_texts(&theme)?;
        // Errors are reported against the templates as written, whose
        // lines the user knows; should only the compact ones fail, they are
        // not used.
        let mut tera = original_tera(&theme, &texts)?;
        let (mut compacted, mut minified) = compact_templates(&texts);
        let mut compact_tera = new_tera();
        if compact_tera.add_raw_templates(compacted.iter().map(|(n, t)| (n.as_str(), t.as_str()))).is_ok() {
            tera = compact_tera;
        } else {
            compacted = texts.iter().map(|(n, t)| (n.clone(), t.to_string())).collect();
            minified = texts.iter().map(|(n, _)| n.clone()).collect();
        }
        Ok(Renderer { tera, highlighter: Highlighter::new(), theme, texts: compacted, minified })
    }

    /// Static files: the theme's, plus the highlighting stylesheet and the
    /// pinyin aid's tables.
    pub fn static_files(&self) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> =
            self.theme.statics.iter().map(|(name, f)| (format!("static/{name}"), f.bytes.clone())).collect();
        if !self.theme.statics.contains_key("highlight.css") {
            files.push(("static/highlight.css".into(), stylesheet().into_bytes()));
        }
        if !self.theme.statics.contains_key("pinyin-table.js") {
            files.push(("static/pinyin-table.js".into(), crate::pinyin::browser_table().as_bytes().to_vec()));
        }
        files
    }

    /// The page's HTML, not yet minified.
    pub fn render(&self, site: &Site, page: Page) -> Result<Rendered> {
        self.render_input(site, self.input(site, page))
    }

    /// What the page is drawn from: its variables and highlighted code.
    pub fn input(&self, site: &Site, page: Page) -> PageInput {
        let mut code = Vec::new();
        let context = self.context(site, page, &mut code);
        PageInput { page, context, code }
    }

    /// The page's HTML from its [`PageInput`], not yet minified.
    pub fn render_input(&self, site: &Site, input: PageInput) -> Result<Rendered> {
        let PageInput { page, context, code } = input;
        let context = Context::from_serialize(&context).map_err(|e| {
            Error::Other(format!("the variables of {}: {}", page_path(site, page), tera_message(&e)))
        })?;
        let template = page.template();
        // Written into bytes: Tera's `render` checks its output is UTF-8,
        // which it always is (about 1% of a build's CPU).
        let mut html = Vec::with_capacity(PAGE_CAPACITY);
        self.tera.render_to(template, &context, &mut html).map_err(|e| {
            let origin = self
                .theme
                .templates
                .get(template)
                .map_or(template.to_string(), |f| f.origin("templates", template));
            let path = page_path(site, page);
            // Told with the lines of the templates as written.
            let written = self.written_tera().and_then(|tera| tera.render(template, &context).err());
            let message = tera_message(written.as_ref().unwrap_or(&e));
            Error::Other(format!("rendering {path} with template {origin}: {message}"))
        })?;
        Ok(Rendered { html, code, minify: self.minified.contains(template) })
    }

    /// Tera with the templates as written (for error messages).
    fn written_tera(&self) -> Option<Tera> {
        original_tera(&self.theme, &template_texts(&self.theme).ok()?).ok()
    }

    /// Feeds every template's name and bytes to `out`: with a page's
    /// [`PageInput::hash_into`], all that decides the page's bytes.
    pub fn hash_templates_into(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        for (name, text) in &self.texts {
            out.write_all(name.as_bytes())?;
            out.write_all(&[u8::from(self.minified.contains(name))])?;
            out.write_all(&(text.len() as u64).to_le_bytes())?;
            out.write_all(text.as_bytes())?;
        }
        Ok(())
    }

    /// The variables the page's template receives: what `docs/theme.md`
    /// documents. Highlighted code goes to `code`, and stands in the
    /// context as markers.
    pub fn context(&self, site: &Site, page: Page, code: &mut Vec<String>) -> PageContext<PageData> {
        let data = match page {
            Page::Home => PageData::Home(HomeContext::new(site)),
            Page::Article(i) => {
                PageData::Article(Box::new(ArticleContext::new(site, i, &self.highlighter, code)))
            }
            Page::Timeline => PageData::Timeline(TimelineContext::new(site)),
            Page::Regions => PageData::Regions(RegionsContext::new(site)),
            Page::Region(i) => PageData::Region(RegionContext::new(site, i)),
            Page::Sources => PageData::Sources(SourcesContext::new(site, &self.highlighter)),
            Page::Glossary => PageData::Glossary(GlossaryContext::new(site)),
            Page::NotFound => PageData::NotFound(Empty {}),
            Page::Search => PageData::Search(Empty {}),
            Page::Reader(i) => PageData::Reader(ReaderContext::new(site, i)),
        };
        let path = page_path(site, page);
        let canonical = if site.config.base_url.is_empty() {
            String::new()
        } else {
            format!("{}/{path}", site.config.base_url.trim_end_matches('/'))
        };
        PageContext {
            root: page::root_of(&path),
            page_title: data.title(site),
            path,
            site: SiteContext::new(site),
            canonical,
            page: data,
        }
    }
}

/// A page's variables and highlighted code: what its template draws it
/// from, so two pages with equal inputs (and templates) are equal bytes.
pub struct PageInput {
    page: Page,
    context: PageContext<PageData>,
    code: Vec<String>,
}

impl PageInput {
    /// Feeds the page kind, its variables (as the `feed` module writes
    /// them) and its code to `out`.
    pub fn hash_into(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        out.write_all(self.page.template().as_bytes())?;
        feed::feed(&self.context, out)?;
        for code in &self.code {
            out.write_all(&(code.len() as u64).to_le_bytes())?;
            out.write_all(code.as_bytes())?;
        }
        Ok(())
    }
}

/// An empty Tera with duizhao's escape function: Tera's entities, written
/// a run of text at a time.
fn new_tera() -> Tera {
    let mut tera = Tera::new();
    tera.set_escape_fn(highlight::escape_for_tera);
    tera
}

/// Each template's name and text as written; a template that is not UTF-8
/// is an error naming its file.
fn template_texts(theme: &Theme) -> Result<Vec<(String, &str)>> {
    theme
        .templates
        .iter()
        .map(|(name, file)| {
            let text = std::str::from_utf8(&file.bytes).map_err(|_| {
                Error::Other(format!("{}: template is not UTF-8", file.origin("templates", name)))
            })?;
            Ok((name.clone(), text))
        })
        .collect()
}

/// Tera with the templates as written; a syntax error names the file.
fn original_tera(theme: &Theme, texts: &[(String, &str)]) -> Result<Tera> {
    let mut tera = new_tera();
    tera.add_raw_templates(texts.iter().map(|(n, t)| (n.as_str(), *t))).map_err(|e| {
        let message = tera_message(&e);
        // The report names the template (`--> article.html:3:7`); say
        // which file that is, built in or the user's override.
        let origin = theme
            .templates
            .iter()
            .find(|(name, _)| {
                message.contains(&format!("--> {name}:")) || message.contains(&format!("'{name}'"))
            })
            .map(|(name, f)| f.origin("templates", name));
        Error::Other(match origin {
            Some(origin) => format!("template {origin}: {message}"),
            None => format!("templates: {message}"),
        })
    })?;
    Ok(tera)
}

/// The templates made compact ([`compact_template`](mod@compact_template)) where it can vouch for
/// them, and the templates whose pages need minify-html: those it cannot
/// vouch for and any template that names one of them (extends, includes).
fn compact_templates(texts: &[(String, &str)]) -> (Vec<(String, String)>, BTreeSet<String>) {
    let compact: Vec<Option<String>> = texts.iter().map(|(_, text)| compact_template(text)).collect();
    let mut minified: BTreeSet<String> =
        texts.iter().zip(&compact).filter(|(_, c)| c.is_none()).map(|((name, _), _)| name.clone()).collect();
    loop {
        let more: Vec<String> = texts
            .iter()
            .filter(|(name, text)| {
                !minified.contains(name) && minified.iter().any(|m| text.contains(&format!("\"{m}\"")))
            })
            .map(|(name, _)| name.clone())
            .collect();
        if more.is_empty() {
            break;
        }
        minified.extend(more);
    }
    let texts = texts
        .iter()
        .zip(compact)
        .map(|((name, text), compact)| {
            let text = if minified.contains(name) { text.to_string() } else { compact.unwrap_or_default() };
            (name.clone(), text)
        })
        .collect();
    (texts, minified)
}

/// A Tera error with its whole chain (the report names template and line).
fn tera_message(e: &tera::Error) -> String {
    // The binary says `error:` itself.
    let shown = e.to_string();
    let mut message = shown.strip_prefix("error: ").unwrap_or(&shown).to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        message.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    message
}

/// Every file the site will hold, for link checks.
pub fn site_files(site: &Site, renderer: &Renderer, pages: &[Page]) -> std::collections::BTreeSet<String> {
    pages
        .iter()
        .map(|&p| page_path(site, p))
        .chain(renderer.static_files().into_iter().map(|(p, _)| p))
        .chain(crate::search::PAGE_FILES.map(String::from))
        .chain(
            site.content_files
                .iter()
                .filter(|f| crate::site::media::is_media(f))
                .map(|f| page::media_path(f)),
        )
        .collect()
}
