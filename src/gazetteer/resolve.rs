//! Finding and resolving place names: a text (and the codes that frame it)
//! in, its mentions or the divisions it names out. The rule is in the
//! module documentation of [`crate::gazetteer`].

use super::context::{in_person_name, inside_longer_name, is_people};
use super::names::{
    COMMON_WORD_FULLS, COMMON_WORD_SHORTS, ORDINARY_WORD_SHORTS, UNLESS_A_NAME_FOLLOWS, WORD_CONTINUATIONS,
    char_count,
};
use super::{ABROAD, Division, Gazetteer, Level, Mention, NameKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// The word lists [`Gazetteer::pick`] asks about for every candidate of
/// every name, as sets.
static ORDINARY_SHORTS: LazyLock<HashSet<&str>> =
    LazyLock::new(|| ORDINARY_WORD_SHORTS.iter().copied().collect());
static COMMON_FULLS: LazyLock<HashSet<&str>> = LazyLock::new(|| COMMON_WORD_FULLS.iter().copied().collect());
static COMMON_SHORTS: LazyLock<HashSet<&str>> =
    LazyLock::new(|| COMMON_WORD_SHORTS.iter().copied().collect());

impl Gazetteer {
    /// Every place name in `text`, full or short, in text order and without
    /// overlaps (leftmost-longest). Short names that are part of another word
    /// (`中山路`, `新华社`, `东方明珠`) are left out, and so are names inside a
    /// person's name (`副秘书长张广东`) or a longer place name
    /// (`遵化店镇平东社区`); `东方市场` is read as `东方`. See the module
    /// documentation.
    pub fn find_mentions(&self, text: &str) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::new();
        for (pattern, start, end) in self.matcher.find_iter(text) {
            let mut p = &self.patterns[pattern];
            let after = &text[end..];
            let mut matched = p.text;
            if p.kind == NameKind::Full
                && ((p.text.ends_with('市') && after.starts_with('场'))
                    || (p.text.ends_with('区') && after.starts_with('域')))
            {
                let stem = &p.text[..p.text.len() - '市'.len_utf8()];
                match self.pattern_ids.get(stem) {
                    Some(&id) => {
                        p = &self.patterns[id];
                        matched = stem;
                    }
                    None => continue,
                }
            }
            let end = start + matched.len();
            if p.kind == NameKind::Short
                && (self.continues_word(&text[end..])
                    || in_person_name(text, start, end)
                    || inside_longer_name(text, start, end, out.last().map(Mention::end)))
            {
                continue;
            }
            if is_people(text, end) && p.candidates.iter().any(|&i| self.is_abroad(i)) {
                continue;
            }
            out.push(Mention {
                start,
                text: matched,
                kind: p.kind,
                codes: p.candidates.iter().map(|&i| self.divisions[i].code).collect(),
            });
        }
        out
    }

    /// The divisions that `text` names, in order of first mention, without
    /// repeats. `context` holds codes known to frame the text (the
    /// publication's home prefecture, say); they support ambiguous and short
    /// names but are not returned unless the text names them. See the module
    /// documentation for the rule.
    pub fn resolve(&self, text: &str, context: &[u32]) -> Vec<u32> {
        self.resolve_mentions(&self.find_mentions(text), context)
    }

    /// [`Gazetteer::resolve`] on the mentions [`Gazetteer::find_mentions`]
    /// found, for a caller that needs them too (one scan of the text).
    pub fn resolve_mentions(&self, mentions: &[Mention], context: &[u32]) -> Vec<u32> {
        // Distinct names, in order of first appearance, each with the names
        // that directly precede it somewhere (湖北|十堰|茅箭).
        let mut terms: Vec<&Mention> = Vec::new();
        let mut adjacent: Vec<HashSet<usize>> = Vec::new();
        let mut following: Vec<HashSet<usize>> = Vec::new();
        let mut prev: Option<(usize, usize)> = None; // (term, end)
        let mut index: HashMap<&str, usize> = HashMap::default();
        for m in mentions {
            let i = if let Some(&i) = index.get(m.text) {
                i
            } else {
                index.insert(m.text, terms.len());
                terms.push(m);
                adjacent.push(HashSet::default());
                following.push(HashSet::default());
                terms.len() - 1
            };
            if let Some((p, end)) = prev
                && end == m.start
                && p != i
            {
                adjacent[i].insert(p);
                following[p].insert(i);
            }
            prev = Some((i, m.end()));
        }
        let mut base: HashSet<u32> = HashSet::default();
        for &c in context {
            base.extend(self.path(c).iter().map(|d| d.code));
        }

        let mut picks: Vec<Option<u32>> = vec![None; terms.len()];
        for _round in 0..6 {
            // How many picks name each division (as themselves or an ancestor).
            let lineages: Vec<Vec<u32>> =
                picks.iter().map(|p| p.map(|c| self.lineage(c).collect()).unwrap_or_default()).collect();
            let mut named: HashMap<u32, usize> = HashMap::default();
            for code in lineages.iter().flatten() {
                *named.entry(*code).or_insert(0) += 1;
            }
            let next: Vec<Option<u32>> = (0..terms.len())
                .map(|i| {
                    // Anchors: the context and what the other names resolve to.
                    let own = &lineages[i];
                    let anchored = |code: u32| {
                        base.contains(&code)
                            || named.get(&code).is_some_and(|&n| n > usize::from(own.contains(&code)))
                    };
                    let near = |code: u32| {
                        base.contains(&code)
                            || adjacent[i].iter().any(|&j| j != i && lineages[j].contains(&code))
                    };
                    // The longest reading: 海南琼海 is 海南省's 琼海市.
                    let encloses = |code: u32| {
                        following[i].iter().any(|&j| {
                            terms[j].codes.iter().any(|&c| self.lineage(c).skip(1).any(|a| a == code))
                        })
                    };
                    self.pick(terms[i], &near, &anchored, &encloses)
                })
                .collect();
            if next == picks {
                break;
            }
            picks = next;
        }

        let mut out = Vec::new();
        for c in picks.into_iter().flatten() {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// [`Gazetteer::resolve`], as path strings (`湖北省/十堰市`).
    #[cfg(test)]
    pub fn resolve_paths(&self, text: &str, context: &[u32]) -> Vec<String> {
        self.resolve(text, context).into_iter().map(|c| self.path_string(c)).collect()
    }

    /// Whether `after`, the text right after a short name, makes the name
    /// part of another word (`中山路`, `杭州湾`), and not the start of the
    /// next name (`香港湾仔`).
    fn continues_word(&self, after: &str) -> bool {
        let Some(w) = WORD_CONTINUATIONS.iter().find(|w| after.starts_with(*w)) else {
            return false;
        };
        if !UNLESS_A_NAME_FOLLOWS.contains(w) {
            return true;
        }
        let is_name = |s: &str| self.pattern_ids.contains_key(s);
        let name_follows =
            is_name(after) || after.char_indices().skip(2).take(8).any(|(i, _)| is_name(&after[..i]));
        !name_follows
    }

    /// Whether the division at `index` is a country (under 国外).
    fn is_abroad(&self, index: usize) -> bool {
        self.divisions[index].parent.and_then(|p| self.get(p)).is_some_and(|p| p.name == ABROAD)
    }

    fn pick(
        &self,
        m: &Mention,
        near: &dyn Fn(u32) -> bool,
        anchors: &dyn Fn(u32) -> bool,
        encloses: &dyn Fn(u32) -> bool,
    ) -> Option<u32> {
        let ordinary = m.kind == NameKind::Short && ORDINARY_SHORTS.contains(m.text);
        let cands: Vec<&Division> = m
            .codes
            .iter()
            .filter_map(|&c| self.get(c))
            .filter(|d| !(ordinary && d.level == Level::County))
            .collect();
        // Whether the name counts on its own for this candidate; a weak
        // candidate needs support from `near` (context and adjacent names).
        let strong = |d: &Division| match m.kind {
            NameKind::Full => {
                (char_count(d.name) >= 3 && !COMMON_FULLS.contains(d.name))
                    || d.parent.and_then(|p| self.get(p)).is_some_and(|p| p.name == ABROAD)
            }
            NameKind::Former => char_count(m.text) >= 3,
            NameKind::Short => d.level != Level::County && !ordinary && !COMMON_SHORTS.contains(m.text),
        };
        let anchors_for = |d: &Division| -> &dyn Fn(u32) -> bool { if strong(d) { anchors } else { near } };
        let only = |v: Vec<&Division>| (v.len() == 1).then(|| v[0].code);

        // 0. Of several, the only one that encloses the name written right
        // after it (海南琼海: 海南省, not 青海's 海南藏族自治州).
        if cands.len() > 1
            && let [one] = cands.iter().filter(|d| encloses(d.code)).collect::<Vec<_>>()[..]
        {
            return Some(one.code);
        }
        // 1. A candidate that is itself an anchor.
        let own: Vec<&Division> = cands.iter().copied().filter(|d| anchors_for(d)(d.code)).collect();
        if !own.is_empty() {
            return only(own);
        }
        // 2. Candidates with an anchored ancestor.
        let supported: Vec<&Division> = cands
            .iter()
            .copied()
            .filter(|d| {
                let a = anchors_for(d);
                self.lineage(d.code).skip(1).any(a)
            })
            .collect();
        if supported.len() == 1 {
            return Some(supported[0].code);
        }
        if supported.len() > 1 {
            return only(
                supported.into_iter().filter(|d| d.parent.is_some_and(|p| anchors_for(d)(p))).collect(),
            );
        }
        // 3. Names that count on their own.
        let eligible: Vec<&Division> = cands.into_iter().filter(|d| strong(d)).collect();
        if eligible.len() > 1 {
            return only(eligible.into_iter().filter(|d| d.level == Level::Province).collect());
        }
        only(eligible)
    }
}
