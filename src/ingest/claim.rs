//! Which file each article goes to. An article's id is tied to its source:
//! a file that holds another source's article keeps its id whatever the order
//! of the sources, and an article an earlier ingest wrote is found again by
//! its source and lines, even under a name an editor gave it.
//!
//! In: the articles of this run (source, lines, the id their date and title
//! give) and the articles already in the output folder. Out: an id for each.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Where an article in the output folder came from, as its front matter says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder {
    Article {
        source: String,
        lines: Option<[usize; 2]>,
        from_ingest: bool,
    },
    /// Front matter that does not parse: its owner is unknown.
    Unreadable,
}

/// The articles already in the output folder, by id (file name without `.md`).
#[derive(Debug, Default)]
pub struct OnDisk {
    pub by_id: BTreeMap<String, Holder>,
}

#[derive(serde::Deserialize)]
struct Origin {
    source: String,
    #[serde(default)]
    source_lines: Option<[usize; 2]>,
    #[serde(default)]
    ingest: Option<toml::Table>,
}

impl OnDisk {
    /// Reads the front matter of every `<id>.md` in `dir` (none if it does not exist).
    pub fn scan(dir: &Path) -> OnDisk {
        use rayon::prelude::*;
        let Ok(entries) = std::fs::read_dir(dir) else { return OnDisk::default() };
        let paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md") && p.is_file())
            .collect();
        let by_id = paths
            .par_iter()
            .filter_map(|path| {
                let id = path.file_stem()?.to_str()?.to_string();
                Some((id, holder_of(path)))
            })
            .collect();
        OnDisk { by_id }
    }

    pub fn path(dir: &Path, id: &str) -> PathBuf {
        dir.join(format!("{id}.md"))
    }
}

fn holder_of(path: &Path) -> Holder {
    let origin = std::fs::read_to_string(path).ok().and_then(|text| {
        let (front, _, _) = crate::model::split_front_matter(path, &text).ok()?;
        toml::from_str::<Origin>(front).ok()
    });
    match origin {
        Some(o) => {
            Holder::Article { source: o.source, lines: o.source_lines, from_ingest: o.ingest.is_some() }
        }
        None => Holder::Unreadable,
    }
}

/// One article of this run, as placement needs it.
#[derive(Debug, Clone)]
pub struct Wanted<'a> {
    pub source: &'a str,
    pub lines: Option<[usize; 2]>,
    /// The id its date and title give.
    pub id: &'a str,
}

/// The id an article goes to; `displaced` when the id it wanted holds an
/// article of another source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub id: String,
    pub displaced: Option<Displaced>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Displaced {
    /// The id the article would have had.
    pub wanted: String,
    /// The source whose article holds it.
    pub holder: String,
}

/// `id`, `id-2`, `id-3`, …
fn candidate(id: &str, n: usize) -> String {
    if n == 1 { id.to_string() } else { format!("{id}-{n}") }
}

/// Places every article: first those an earlier ingest wrote (same source,
/// same lines, under any name); then those whose source holds a file under
/// their id (`id`, `id-2`, …: the same article, moved in its source); then the
/// rest at the first of `id`, `id-2`, … that no file and no article of this
/// run holds.
pub fn place(wanted: &[Wanted<'_>], disk: &OnDisk) -> Vec<Placed> {
    let mut taken: BTreeMap<String, String> = BTreeMap::new(); // id → source
    let mut placed: Vec<Option<Placed>> = vec![None; wanted.len()];

    let mut by_origin: HashMap<(&str, [usize; 2]), Vec<&str>> = HashMap::new();
    let mut by_base: HashMap<(&str, &str), Vec<&str>> = HashMap::new(); // (source, id) → its files
    for (id, holder) in &disk.by_id {
        if let Holder::Article { source, lines, .. } = holder {
            if let Some(lines) = lines {
                by_origin.entry((source.as_str(), *lines)).or_default().push(id);
            }
            by_base.entry((source.as_str(), base_of(id))).or_default().push(id);
            if base_of(id) != id {
                by_base.entry((source.as_str(), id)).or_default().push(id);
            }
        }
    }
    for (slot, w) in placed.iter_mut().zip(wanted) {
        let Some(found) = w.lines.and_then(|lines| by_origin.get(&(w.source, lines))) else { continue };
        // Under its own id if it is there, else under the name an editor gave it.
        let own = found.iter().find(|id| is_candidate_of(id, w.id));
        if let Some(id) = own.or(found.first()).filter(|id| !taken.contains_key(**id)) {
            take(&mut taken, slot, id, w.source, None);
        }
    }
    for (slot, w) in placed.iter_mut().zip(wanted) {
        let mut own =
            by_base.get(&(w.source, w.id)).into_iter().flatten().filter(|id| is_candidate_of(id, w.id));
        if slot.is_none()
            && let Some(id) = own.find(|id| !taken.contains_key(**id)).copied()
        {
            take(&mut taken, slot, id, w.source, None);
        }
    }

    // Below `floor`, every candidate of an id is held: linear for many articles with one id.
    let mut floor: HashMap<&str, usize> = HashMap::new();
    for (slot, w) in placed.iter_mut().zip(wanted) {
        if slot.is_some() {
            continue;
        }
        let n = floor.entry(w.id).or_insert(1);
        while taken.contains_key(&candidate(w.id, *n)) || held_by_an_article(disk, &candidate(w.id, *n)) {
            *n += 1;
        }
        let holder = match (taken.get(w.id), disk.by_id.get(w.id)) {
            (Some(source), _) | (None, Some(Holder::Article { source, .. })) => Some(source),
            _ => None,
        };
        let displaced = holder
            .filter(|source| *n > 1 && *source != w.source)
            .map(|source| Displaced { wanted: w.id.to_string(), holder: source.clone() });
        take(&mut taken, slot, &candidate(w.id, *n), w.source, displaced);
    }
    // The loop above filled every empty slot.
    placed.into_iter().flatten().collect()
}

fn take(
    taken: &mut BTreeMap<String, String>,
    slot: &mut Option<Placed>,
    id: &str,
    source: &str,
    displaced: Option<Displaced>,
) {
    taken.insert(id.to_string(), source.to_string());
    *slot = Some(Placed { id: id.to_string(), displaced });
}

fn held_by_an_article(disk: &OnDisk, id: &str) -> bool {
    matches!(disk.by_id.get(id), Some(Holder::Article { .. }))
}

/// `x-3` → `x`; an id without a number is its own base.
fn base_of(id: &str) -> &str {
    match id.rsplit_once('-') {
        Some((base, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => base,
        _ => id,
    }
}

/// Is `id` one of `base`, `base-2`, `base-3`, …?
fn is_candidate_of(id: &str, base: &str) -> bool {
    id == base
        || id
            .strip_prefix(base)
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Articles in the output folder an earlier ingest wrote from `sources` and
/// this run placed nowhere.
pub fn leftovers<'a>(
    disk: &'a OnDisk,
    sources: &BTreeSet<String>,
    placed: &BTreeSet<String>,
) -> Vec<(&'a str, &'a Holder)> {
    disk.by_id
        .iter()
        .filter(|(id, holder)| {
            !placed.contains(*id)
                && matches!(holder, Holder::Article { source, from_ingest: true, .. } if sources.contains(source))
        })
        .map(|(id, holder)| (id.as_str(), holder))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn disk(entries: &[(&str, &str, [usize; 2])]) -> OnDisk {
        OnDisk {
            by_id: entries
                .iter()
                .map(|(id, source, lines)| {
                    (
                        id.to_string(),
                        Holder::Article {
                            source: source.to_string(),
                            lines: Some(*lines),
                            from_ingest: true,
                        },
                    )
                })
                .collect(),
        }
    }

    fn ids(placed: &[Placed]) -> Vec<&str> {
        placed.iter().map(|p| p.id.as_str()).collect()
    }

    #[test]
    fn an_existing_article_keeps_its_id_whatever_the_order_of_sources() {
        let disk = disk(&[("a", "sources/001.txt", [7, 23])]);
        let wanted = [
            Wanted { source: "sources/000a.txt", lines: Some([1, 5]), id: "a" },
            Wanted { source: "sources/001.txt", lines: Some([7, 23]), id: "a" },
        ];
        let placed = place(&wanted, &disk);
        assert_eq!(ids(&placed), ["a-2", "a"]);
        assert_eq!(
            placed[0].displaced,
            Some(Displaced { wanted: "a".into(), holder: "sources/001.txt".into() })
        );
        assert_eq!(placed[1].displaced, None);
    }

    #[test]
    fn a_moved_article_of_the_same_source_keeps_its_id_and_repeats_number_on() {
        let disk = disk(&[("a", "sources/001.txt", [7, 23])]);
        let wanted = [
            Wanted { source: "sources/001.txt", lines: Some([8, 24]), id: "a" },
            Wanted { source: "sources/001.txt", lines: Some([30, 40]), id: "a" },
            Wanted { source: "sources/001.txt", lines: Some([50, 60]), id: "a" },
        ];
        assert_eq!(ids(&place(&wanted, &disk)), ["a", "a-2", "a-3"]);
    }

    #[test]
    fn a_renamed_article_is_found_by_its_source_and_lines() {
        let disk = disk(&[("2020-02-02-supervision-report", "sources/001.txt", [7, 23])]);
        let wanted = [Wanted { source: "sources/001.txt", lines: Some([7, 23]), id: "2020-02-02-gao" }];
        assert_eq!(ids(&place(&wanted, &disk)), ["2020-02-02-supervision-report"]);
    }

    #[test]
    fn a_clash_within_the_run_is_named_too() {
        let wanted = [
            Wanted { source: "sources/a.txt", lines: Some([1, 2]), id: "x" },
            Wanted { source: "sources/b.txt", lines: Some([1, 2]), id: "x" },
        ];
        let placed = place(&wanted, &OnDisk::default());
        assert_eq!(ids(&placed), ["x", "x-2"]);
        assert_eq!(placed[1].displaced.as_ref().unwrap().holder, "sources/a.txt");
    }

    #[test]
    fn many_articles_with_one_id_are_placed_in_linear_time() {
        let sources: Vec<String> = (0..3000).map(|n| format!("sources/{n:04}.txt")).collect();
        let wanted: Vec<Wanted<'_>> =
            sources.iter().map(|s| Wanted { source: s, lines: Some([1, 2]), id: "x" }).collect();
        let start = std::time::Instant::now();
        let placed = place(&wanted, &disk(&[("x-5", "sources/other.txt", [1, 2])]));
        assert!(start.elapsed() < std::time::Duration::from_secs(1), "{:?}", start.elapsed());
        assert_eq!(placed[3].id, "x-4");
        assert_eq!(placed[4].id, "x-6");
        assert_eq!(placed[2999].id, "x-3001");
        assert!(placed[4].displaced.is_some(), "the clash with sources/0000.txt is named");
    }

    #[test]
    fn an_article_moved_in_its_source_keeps_its_numbered_id() {
        let disk = disk(&[("x", "sources/b.txt", [1, 9]), ("x-2", "sources/a.txt", [1, 5])]);
        let wanted = [
            Wanted { source: "sources/a.txt", lines: Some([3, 7]), id: "x" },
            Wanted { source: "sources/b.txt", lines: Some([1, 9]), id: "x" },
        ];
        let placed = place(&wanted, &disk);
        assert_eq!(ids(&placed), ["x-2", "x"]);
        assert_eq!(placed[0].displaced, None, "said when it was first written");
    }

    #[test]
    fn candidates_are_the_id_and_its_numbered_variants() {
        assert!(is_candidate_of("a-b", "a-b"));
        assert!(is_candidate_of("a-b-12", "a-b"));
        assert!(!is_candidate_of("a-b-c", "a-b"));
        assert!(!is_candidate_of("a-b-", "a-b"));
    }
}
