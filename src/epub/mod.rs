//! EPUB 3: the whole edition, or one reader, as an e-book. In: the
//! assembled [`Site`] and optionally a reader of `edition.toml`; out: the
//! book's bytes, the same for the same edition (fixed timestamps, files in a
//! fixed order, `mimetype` first and stored, as the format asks).
//!
//! 1. the parts: every article whole, or the reader's ([`crate::reader`]);
//! 2. the documents (`xhtml.rs`): title page, a chapter per part (each
//!    Chinese block followed by its English, linked both ways), the
//!    glossary terms the text uses with pinyin, the navigation document;
//! 3. the package document (metadata in both languages) and the zip.

mod xhtml;

use crate::config::Reader;
use crate::error::{Error, Result};
use crate::reader::{Part, parts, vocabulary};
use crate::render::highlight::escape;
use crate::site::assemble::Site;
use sha2::{Digest, Sha256};
use std::io::Write;
use xhtml::Doc;
use zip::write::SimpleFileOptions;

/// The book of `reader`, or of the whole edition when `None`.
pub fn book(site: &Site, reader: Option<&Reader>) -> Result<Vec<u8>> {
    let parts = match reader {
        Some(r) => parts(site, r).map_err(|d| Error::Other(d.to_string()))?,
        None => (0..site.articles.len())
            .map(|article| Part {
                article,
                rows: 0..site.articles[article].aligned.rows.len(),
                excerpt: false,
            })
            .collect(),
    };
    let (title, note) = match reader {
        Some(r) => ((r.title.zh.as_str(), r.title.en.as_str()), r.notes.as_str()),
        None => (
            (site.config.title.zh.as_str(), site.config.title.en.as_str()),
            site.config.description.zh.as_str(),
        ),
    };
    let chapters: Vec<Doc> = parts.iter().enumerate().map(|(i, p)| xhtml::chapter(site, i + 1, p)).collect();
    let mut docs = vec![xhtml::title_page(title, note, &chapters)];
    docs.extend(chapters);
    let terms: Vec<(String, String, String, String)> = vocabulary(site, &parts)
        .into_iter()
        .filter_map(|w| {
            let term = &site.glossary.as_ref()?.get(w.term)?.term;
            Some((term.zh.clone(), w.pinyin, term.en.clone(), term.note.clone()))
        })
        .collect();
    if !terms.is_empty() {
        docs.push(xhtml::glossary(&terms));
    }
    let identifier = identifier(site, reader, &parts);
    let opf = package(site, title, &identifier, &docs);
    zip(&[
        ("META-INF/container.xml", CONTAINER.as_bytes()),
        ("OEBPS/content.opf", opf.as_bytes()),
        ("OEBPS/nav.xhtml", xhtml::nav(&docs).as_bytes()),
        ("OEBPS/style.css", xhtml::STYLE.as_bytes()),
    ]
    .into_iter()
    .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
    .chain(docs.iter().map(|d| (format!("OEBPS/{}", d.file), d.xhtml.as_bytes().to_vec())))
    .collect::<Vec<_>>())
}

const CONTAINER: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<container version=\"1.0\" \
    xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n<rootfiles>\n<rootfile \
    full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>\n</rootfiles>\n</container>\n";

/// A stable identifier: a hash of the edition's title, the reader and its parts.
fn identifier(site: &Site, reader: Option<&Reader>, parts: &[Part]) -> String {
    let mut hash = Sha256::new();
    hash.update(site.config.title.en.as_bytes());
    hash.update(reader.map_or("", |r| r.id.as_str()).as_bytes());
    for p in parts {
        hash.update(
            format!("\n{}#{:?}", site.articles[p.article].aligned.article.id.as_str(), p.rows).as_bytes(),
        );
    }
    let hex = hash.finalize().iter().take(16).fold(String::new(), |mut hex, b| {
        hex.push_str(&format!("{b:02x}"));
        hex
    });
    format!("urn:uuid:{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// The package document: metadata in both languages, manifest, spine.
fn package(site: &Site, title: (&str, &str), identifier: &str, docs: &[Doc]) -> String {
    // The latest article's date, so that the same edition gives the same book.
    let modified = site
        .articles
        .iter()
        .filter_map(|a| a.date)
        .max()
        .map_or_else(|| "2000-01-01T00:00:00Z".to_string(), |d| format!("{d}T00:00:00Z"));
    let mut manifest = String::from(
        "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n\
         <item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n",
    );
    let mut spine = String::new();
    for (i, doc) in docs.iter().enumerate() {
        manifest.push_str(&format!(
            "<item id=\"d{i}\" href=\"{}\" media-type=\"application/xhtml+xml\"/>\n",
            doc.file
        ));
        spine.push_str(&format!("<itemref idref=\"d{i}\"/>\n"));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" \
         unique-identifier=\"uid\" xml:lang=\"zh-Hans\">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n\
         <dc:identifier id=\"uid\">{identifier}</dc:identifier>\n\
         <dc:title id=\"title-zh\" xml:lang=\"zh-Hans\">{}</dc:title>\n\
         <dc:title id=\"title-en\" xml:lang=\"en\">{}</dc:title>\n\
         <meta refines=\"#title-zh\" property=\"title-type\">main</meta>\n\
         <meta refines=\"#title-en\" property=\"title-type\">subtitle</meta>\n\
         <dc:language>zh-Hans</dc:language>\n<dc:language>en</dc:language>\n\
         <dc:publisher xml:lang=\"zh-Hans\">{}</dc:publisher>\n\
         <meta property=\"dcterms:modified\">{modified}</meta>\n</metadata>\n\
         <manifest>\n{manifest}</manifest>\n<spine>\n{spine}</spine>\n</package>\n",
        escape(title.0),
        escape(title.1),
        escape(&format!("{} {}", site.config.title.zh, site.config.title.en)),
    )
}

/// The zip: `mimetype` first and stored, then `files` deflated, every entry
/// dated 1980-01-01 (the zip format's earliest) with the same permissions.
fn zip(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    let failed = |e: &dyn std::fmt::Display| Error::Other(format!("writing the EPUB: {e}"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let fixed =
        SimpleFileOptions::default().last_modified_time(zip::DateTime::default()).unix_permissions(0o644);
    zip.start_file("mimetype", fixed.compression_method(zip::CompressionMethod::Stored))
        .map_err(|e| failed(&e))?;
    zip.write_all(b"application/epub+zip").map_err(|e| failed(&e))?;
    for (name, bytes) in files {
        zip.start_file(name.as_str(), fixed.compression_method(zip::CompressionMethod::Deflated))
            .map_err(|e| failed(&e))?;
        zip.write_all(bytes).map_err(|e| failed(&e))?;
    }
    Ok(zip.finish().map_err(|e| failed(&e))?.into_inner())
}
