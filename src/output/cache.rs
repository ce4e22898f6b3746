//! The build cache, `.duizhao-cache/build-<folder>.json` in the edition (one
//! file per output folder): what the last successful build into that folder
//! wrote, and from what. In: the edition root and the output folder; out:
//! that [`Record`], or a notice when the file is damaged or was
//! written by another binary (it is then ignored, never trusted).
//!
//! The file opens with a line naming its format and the xxh3-128 checksum
//! of the rest, so a truncated or garbled file is caught before it is read.
//! Every record is also checked again before use: a file of the last build
//! is reused only when the key of what made it is the same and the file on
//! disk still has the [`Stamp`] (size, modification time, inode) it was
//! written with.

use crate::error::{Diagnostic, Error, Location, Result, Severity};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

/// The cache's folder in the edition (it ignores itself in git).
pub const DIR: &str = ".duizhao-cache";
/// Bumped whenever [`Record`] changes shape.
const FORMAT: &str = "duizhao-cache 2";

/// A file as it was on disk: changed by anything but duizhao, it differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    pub modified_ns: u64,
    pub inode: u64,
}

impl Stamp {
    /// The stamp of the file at `path`, if it is a file.
    pub fn of(path: &Path) -> Option<Stamp> {
        Stamp::of_metadata(&std::fs::metadata(path).ok()?)
    }

    /// The stamp of a file by its metadata; `None` if it is not a file.
    pub fn of_metadata(meta: &std::fs::Metadata) -> Option<Stamp> {
        if !meta.is_file() {
            return None;
        }
        let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp { size: meta.len(), modified_ns: u64::try_from(modified.as_nanos()).ok()?, inode })
    }
}

/// What made a file: a hash of its inputs, as 32 hex digits.
pub type Key = String;

/// The key of some bytes.
pub fn key(bytes: &[u8]) -> Key {
    format!("{:032x}", xxh3_128(bytes))
}

/// Hashes what is written to it (a serialized page context, say) into a [`Key`].
#[derive(Default)]
pub struct Hasher {
    state: Xxh3,
    /// Small writes gathered (a serializer writes a few bytes at a time,
    /// and each update of the state has a cost of its own).
    pending: Vec<u8>,
}

/// How many bytes [`Hasher`] gathers before it hashes them.
const GATHERED: usize = 16 * 1024;

impl Hasher {
    pub fn update(&mut self, bytes: &[u8]) {
        if self.pending.len() + bytes.len() > GATHERED {
            self.state.update(&self.pending);
            self.pending.clear();
            if bytes.len() > GATHERED {
                self.state.update(bytes);
                return;
            }
        }
        self.pending.extend_from_slice(bytes);
    }

    pub fn key(&self) -> Key {
        let mut state = self.state.clone();
        state.update(&self.pending);
        format!("{:032x}", state.digest128())
    }
}

impl std::io::Write for Hasher {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The last successful build.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Record {
    /// The binary that built it ([`binary`]).
    pub binary: String,
    /// The output folder, as resolved.
    pub out: PathBuf,
    /// The command-line settings that change the output or the messages.
    pub settings: String,
    /// The digests of the input files ([`inputs`]).
    pub inputs: Inputs,
    /// Each file written: the key of what made it, and its stamp.
    pub files: BTreeMap<String, (Key, Stamp)>,
    /// The search index's key (its files carry it) and what its shard
    /// counts were made from, for the next build to update it in place.
    pub search: Option<(Key, crate::search::postings::Totals)>,
    /// Each article's place in the site (its order, date, regions, places
    /// and source, hashed) by id: an edit that keeps it changes only the
    /// pages that show the article.
    #[serde(default)]
    pub places: BTreeMap<String, Key>,
    /// The problems that build printed, and its summary line.
    pub diagnostics: Vec<SavedDiagnostic>,
    pub summary: String,
}

/// A [`Diagnostic`] as the cache keeps it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SavedDiagnostic {
    severity: u8,
    location: Option<(PathBuf, usize, Option<usize>, usize)>,
    message: String,
}

impl From<&Diagnostic> for SavedDiagnostic {
    fn from(d: &Diagnostic) -> Self {
        let severity = match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Note => 2,
        };
        let location = d.location.as_ref().map(|l| (l.path.clone(), l.line, l.column, l.width));
        SavedDiagnostic { severity, location, message: d.message.clone() }
    }
}

impl From<&SavedDiagnostic> for Diagnostic {
    fn from(d: &SavedDiagnostic) -> Self {
        let severity = match d.severity {
            0 => Severity::Error,
            1 => Severity::Warning,
            _ => Severity::Note,
        };
        let location =
            d.location.clone().map(|(path, line, column, width)| Location { path, line, column, width });
        Diagnostic { severity, location, message: d.message.clone() }
    }
}

/// Names this binary: its version and the size and time of its file, so
/// that a rebuilt duizhao never trusts what an older one cached.
pub fn binary() -> String {
    let stamp = std::env::current_exe().ok().and_then(|exe| Stamp::of(&exe));
    let (size, time) = stamp.map_or((0, 0), |s| (s.size, s.modified_ns));
    format!("{} {size} {time}", env!("CARGO_PKG_VERSION"))
}

/// The cache file of the builds into `out`, relative to the edition.
fn file(out: &Path) -> PathBuf {
    let out = std::fs::canonicalize(out).unwrap_or_else(|_| out.to_path_buf());
    let name = out.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let name: String = name.chars().filter(char::is_ascii_alphanumeric).take(24).collect();
    let sum = key(out.to_string_lossy().as_bytes());
    Path::new(DIR).join(format!("build-{name}-{}.json", &sum[..12]))
}

/// Reads the cache of the builds of the edition at `root` into `out`: the
/// record, if it is sound and this binary's; else `None`, with a notice
/// unless there was no cache.
pub fn load(root: &Path, out: &Path) -> (Option<Record>, Option<String>) {
    let shown = file(out);
    let path = root.join(&shown);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (None, None),
        Err(e) => return (None, Some(format!("{}: {e}: ignoring the cache", shown.display()))),
    };
    match parse(&bytes) {
        Ok(record) if record.binary == binary() => (Some(record), None),
        Ok(_) => (None, Some(format!("{}: written by another duizhao binary: ignoring it", shown.display()))),
        Err(why) => (None, Some(format!("{}: {why}: ignoring it and building every page", shown.display()))),
    }
}

/// The record in a cache file's bytes, or why it cannot be trusted.
fn parse(bytes: &[u8]) -> std::result::Result<Record, String> {
    let newline = memchr::memchr(b'\n', bytes).ok_or("damaged (no header line)")?;
    let (head, body) = (&bytes[..newline], &bytes[newline + 1..]);
    let head = std::str::from_utf8(head).map_err(|_| "damaged (header)")?;
    let (format, sum) = head.rsplit_once(' ').ok_or("damaged (header)")?;
    if format != FORMAT {
        return Err(format!("of another format ({format})"));
    }
    if sum != key(body) {
        return Err("damaged (checksum does not match)".into());
    }
    serde_json::from_slice(body).map_err(|e| format!("damaged ({e})"))
}

/// Writes the record of the build just done into `record.out`, whole or not at all.
pub fn save(root: &Path, record: &Record) -> Result<()> {
    let dir = root.join(DIR);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        std::fs::write(&ignore, "# duizhao's build cache: safe to delete.\n*\n")
            .map_err(|e| Error::io(&ignore, e))?;
    }
    let body = serde_json::to_vec(record).map_err(|e| Error::Other(format!("the build cache: {e}")))?;
    let mut bytes = format!("{FORMAT} {}\n", key(&body)).into_bytes();
    bytes.extend_from_slice(&body);
    let path = root.join(file(&record.out));
    let temporary = path.with_extension(format!("json.{}", std::process::id()));
    std::fs::write(&temporary, &bytes).map_err(|e| Error::io(&temporary, e))?;
    std::fs::rename(&temporary, &path).map_err(|e| Error::io(&path, e))
}

/// Removes the cache of the builds into `out` (a folder that goes away).
pub fn remove(root: &Path, out: &Path) {
    let _ = std::fs::remove_file(root.join(file(out)));
}

/// Digests of the edition's input files: `all` of everything a build reads
/// (articles, translations, sources' names, sizes and sidecars, themes,
/// `edition.toml`), `texts` of the articles, translations and settings only
/// (what the search index is made from); and each file's stamp and key, so
/// that the next build reads again only the files whose stamp changed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Inputs {
    pub all: Key,
    pub texts: Key,
    pub files: BTreeMap<String, (Stamp, Key)>,
    /// When the files were read (ns since 1970).
    pub taken_ns: u64,
}

/// The ids of the articles whose files (`content/<id>.md`,
/// `translations/en/<id>.md`) differ between two digests of the inputs, when
/// only articles' files differ among the texts (or among all the inputs,
/// unless `texts_only`); `None` when any other file (`edition.toml`, the
/// glossary, a picture, a template) does.
pub fn changed_articles(
    before: &Inputs,
    after: &Inputs,
    texts_only: bool,
) -> Option<std::collections::BTreeSet<String>> {
    let is_text = |rel: &&String| {
        !texts_only || ["edition.toml", "content/", "translations/"].iter().any(|p| rel.starts_with(p))
    };
    let mut ids = std::collections::BTreeSet::new();
    // A file in both is compared once, from `before`.
    let gone_or_changed =
        before.files.iter().filter(|(rel, (_, k))| after.files.get(*rel).map(|(_, key)| key) != Some(k));
    let added = after.files.keys().filter(|rel| !before.files.contains_key(*rel));
    for rel in gone_or_changed.map(|(rel, _)| rel).chain(added).filter(is_text) {
        ids.insert(crate::site::patch::article_of(Path::new(rel))?.0);
    }
    Some(ids)
}

/// A stamp is trusted only if the file was last changed this long before
/// the stamp was taken: a change within the same clock tick of a coarse
/// file system could otherwise keep size and time.
const SETTLED_NS: u64 = 2_000_000_000;

/// Hashes the input files of the edition at `root`; a file whose stamp is
/// the one in `previous` (and was settled then) is not read again.
pub fn inputs(root: &Path, previous: Option<&Inputs>) -> Option<Inputs> {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?;
    let mut files = BTreeMap::new();
    let texts = digest(root, &["edition.toml", "content", "translations"], false, previous, &mut files)?;
    let rest = digest(root, &["themes", "data"], false, previous, &mut files)?;
    let sources = digest(root, &["sources"], true, previous, &mut files)?;
    let mut all = Hasher::default();
    for part in [&texts, &rest, &sources] {
        all.update(part.as_bytes());
    }
    Some(Inputs { all: all.key(), texts, files, taken_ns: u64::try_from(now.as_nanos()).ok()? })
}

/// One key for the files under `parts` of `root` (names and bytes; only
/// names and sizes, but sidecars whole, when `sizes_only`), adding each
/// file's stamp and key to `files`.
fn digest(
    root: &Path,
    parts: &[&str],
    sizes_only: bool,
    previous: Option<&Inputs>,
    files: &mut BTreeMap<String, (Stamp, Key)>,
) -> Option<Key> {
    let mut names = Vec::new();
    for part in parts {
        let path = root.join(part);
        if path.is_file() {
            names.push((*part).to_string());
            continue;
        }
        if !path.exists() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&path).follow_links(true).sort_by_file_name() {
            let entry = entry.ok()?;
            if !entry.file_type().is_dir() {
                names.push(entry.path().strip_prefix(root).ok()?.to_string_lossy().into_owned());
            }
        }
    }
    let sums: Vec<Option<(Stamp, Key)>> =
        names.par_iter().map(|rel| file_key(root, rel, sizes_only, previous)).collect();
    let mut all = Hasher::default();
    for (rel, sum) in names.into_iter().zip(sums) {
        let (stamp, key) = sum?;
        all.update(key.as_bytes());
        files.insert(rel, (stamp, key));
    }
    Some(all.key())
}

/// The stamp and key of one input file: the previous key when the stamp is
/// the same and was settled, else a hash of its name and bytes (or size).
fn file_key(root: &Path, rel: &str, sizes_only: bool, previous: Option<&Inputs>) -> Option<(Stamp, Key)> {
    let full = root.join(rel);
    let stamp = Stamp::of(&full)?;
    if let Some(previous) = previous
        && let Some((was, key)) = previous.files.get(rel)
        && *was == stamp
        && stamp.modified_ns.saturating_add(SETTLED_NS) < previous.taken_ns
    {
        return Some((stamp, key.clone()));
    }
    let mut hasher = Hasher::default();
    hasher.update(rel.as_bytes());
    if sizes_only && Path::new(rel).extension().is_none_or(|e| e != "toml") {
        hasher.update(&stamp.size.to_le_bytes());
    } else {
        hasher.update(&std::fs::read(&full).ok()?);
    }
    Some((stamp, hasher.key()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Record {
        Record { binary: binary(), summary: "built".into(), out: "/site/public".into(), ..Record::default() }
    }

    #[test]
    fn a_key_does_not_depend_on_how_the_bytes_were_written() {
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        let mut whole = Hasher::default();
        whole.update(&bytes);
        for size in [1, 7, 4096, GATHERED, GATHERED + 1] {
            let mut pieces = Hasher::default();
            bytes.chunks(size).for_each(|c| pieces.update(c));
            assert_eq!(pieces.key(), whole.key(), "{size}");
        }
        assert_eq!(whole.key(), key(&bytes));
        assert_ne!(whole.key(), key(&bytes[1..]));
    }

    #[test]
    fn a_saved_record_reads_back() {
        let tmp = tempfile::tempdir().unwrap();
        save(tmp.path(), &record()).unwrap();
        let (read, notice) = load(tmp.path(), Path::new("/site/public"));
        assert_eq!(read.unwrap().summary, "built");
        assert_eq!(load(tmp.path(), Path::new("/site/other")).0.map(|r| r.summary), None);
        assert_eq!(notice, None);
        assert_eq!(
            std::fs::read_to_string(tmp.path().join(DIR).join(".gitignore")).unwrap().lines().last(),
            Some("*")
        );
    }

    #[test]
    fn a_damaged_or_foreign_cache_is_ignored_with_a_notice() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(file(Path::new("/site/public")));
        save(tmp.path(), &record()).unwrap();
        let good = std::fs::read(&path).unwrap();
        let cases: [(&str, Vec<u8>); 4] = [
            ("checksum does not match", good[..good.len() - 3].to_vec()),
            ("no header line", b"garbage".to_vec()),
            ("of another format", good.iter().map(|&b| if b == b'2' { b'9' } else { b }).collect()),
            ("checksum does not match", [&good[..good.len() - 2], b"x}"].concat()),
        ];
        for (why, bytes) in cases {
            std::fs::write(&path, bytes).unwrap();
            let (read, notice) = load(tmp.path(), Path::new("/site/public"));
            assert!(read.is_none());
            assert!(
                notice.as_deref().is_some_and(|n| n.contains(why) && n.contains("ignoring")),
                "{notice:?}"
            );
        }
        save(tmp.path(), &Record { binary: "0.0.0 1 2".into(), ..record() }).unwrap();
        let (read, notice) = load(tmp.path(), Path::new("/site/public"));
        assert!(read.is_none() && notice.unwrap().contains("another duizhao binary"));
    }

    #[test]
    fn the_input_digest_follows_every_byte_of_the_texts() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("content")).unwrap();
        std::fs::create_dir_all(tmp.path().join("sources")).unwrap();
        std::fs::write(tmp.path().join("content/a.md"), "甲").unwrap();
        std::fs::write(tmp.path().join("sources/a.txt"), "乙").unwrap();
        let before = inputs(tmp.path(), None).unwrap();
        std::fs::write(tmp.path().join("content/a.md"), "丙").unwrap();
        let after = inputs(tmp.path(), Some(&before)).unwrap();
        assert_ne!(before.texts, after.texts);
        assert_ne!(before.all, after.all);
        // A source's bytes are not read, only its size.
        std::fs::write(tmp.path().join("sources/a.txt"), "丁").unwrap();
        let same = inputs(tmp.path(), None).unwrap();
        assert_eq!((same.all, same.texts), (after.all, after.texts));
    }
}
