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
/// same lines, under any name), then the rest at the first of `id`, `id-2`, …
/// that no other source's article holds and no article of this run took.
pub fn place(wanted: &[Wanted], disk: &OnDisk) -> Vec<Placed> {
    let mut taken: BTreeMap<String, String> = BTreeMap::new(); // id → source
    let mut placed: Vec<Option<Placed>> = vec![None; wanted.len()];

    let mut by_origin: HashMap<(&str, [usize; 2]), Vec<&str>> = HashMap::new();
    for (id, holder) in &disk.by_id {
        if let Holder::Article { source, lines: Some(lines), .. } = holder {
            by_origin.entry((source.as_str(), *lines)).or_default().push(id);
        }
    }
    for (slot, w) in placed.iter_mut().zip(wanted) {
        let Some(found) = w.lines.and_then(|lines| by_origin.get(&(w.source, lines))) else { continue };
        // Under its own id if it is there, else under the name an editor gave it.
        let own = found.iter().find(|id| is_candidate_of(id, w.id));
        let Some(id) = own.or(found.first()).filter(|id| !taken.contains_key(**id)) else { continue };
        taken.insert(id.to_string(), w.source.to_string());
        *slot = Some(Placed { id: id.to_string(), displaced: None });
    }

    let mut next: HashMap<(&str, &str), usize> = HashMap::new(); // (id, source) → first n to try
    for (slot, w) in placed.iter_mut().zip(wanted) {
        if slot.is_some() {
            continue;
        }
        let start = next.entry((w.id, w.source)).or_insert(1);
        let mut displaced = None;
        let mut n = *start;
        let id = loop {
            let id = candidate(w.id, n);
            let holder = match (taken.get(&id), disk.by_id.get(&id)) {
                (Some(source), _) => Some(source.as_str()),
                (None, Some(Holder::Article { source, .. })) => Some(source.as_str()),
                (None, Some(Holder::Unreadable) | None) => None,
            };
            match holder {
                Some(source) if source != w.source || taken.contains_key(&id) => {
                    if n == 1 && source != w.source {
                        displaced = Some(Displaced { wanted: id, holder: source.to_string() });
                    }
                    n += 1;
                }
                _ => break id,
            }
        };
        *start = n + 1;
        taken.insert(id.clone(), w.source.to_string());
        *slot = Some(Placed { id, displaced });
    }
    placed.into_iter().map(|p| p.expect("every article placed")).collect()
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
    fn candidates_are_the_id_and_its_numbered_variants() {
        assert!(is_candidate_of("a-b", "a-b"));
        assert!(is_candidate_of("a-b-12", "a-b"));
        assert!(!is_candidate_of("a-b-c", "a-b"));
        assert!(!is_candidate_of("a-b-", "a-b"));
    }
}
