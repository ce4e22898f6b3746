//! Anchors that cannot lie: the Chinese blocks' and English paragraphs'
//! plain texts in, for each a set of tokens both sides write the same way
//! (numbers, Chinese numerals included; dates, 二月二十七日 ↔ 27 February;
//! times, 19时50分 ↔ 7.50 p.m.; Latin words; names, as pinyin; the
//! glossary's terms), then the pairs of block and paragraph that share
//! rare ones, and of those the heaviest chain that never crosses itself,
//! so one coincidental number cannot pull the alignment astray.

use crate::model::Term;
use pinyin::ToPinyin;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// An anchor: Chinese block `zh` and English paragraph `en` share tokens
/// of this total weight (1 for one token found once on each side).
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    pub zh: usize,
    pub en: usize,
    pub weight: f64,
    /// The shared tokens, as numbered by [`shared`], with their weights.
    pub tokens: Vec<(usize, f64)>,
}

/// A block's or paragraph's tokens found on both sides of the text: (token
/// number, weight), sorted by number.
pub type Shared = Vec<(usize, f64)>;

const NUMERAL: &str = "[0-9]+|[零〇一二两三四五六七八九十]+";
static ZH_DATE: LazyLock<Regex> = LazyLock::new(|| re(&format!("({NUMERAL})月({NUMERAL})[日号]")));
static ZH_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!("(上午|下午|晚上|傍晚|晚|凌晨|早上|中午)?({NUMERAL})[时点](?:({NUMERAL})分|(半))?"))
});
static ZH_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        "([0-9]+(?:\\.[0-9]+)?)(万)?|([零〇一二两三四五六七八九十百千万]+)([个名人家辆天年次岁条台所户位支批项件余多组处份只元])?",
    )
});
static LATIN: LazyLock<Regex> = LazyLock::new(|| re("[A-Za-z][A-Za-z0-9]+"));
static EN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let months = "(January|February|March|April|May|June|July|August|September|October|November|December)";
    re(&format!("([0-9]{{1,2}}) {months}|{months} ([0-9]{{1,2}})\\b"))
});
static EN_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re("\\b([0-9]{1,2})(?:[.:]([0-9]{2}))?\\s*(a\\.m\\.|p\\.m\\.|am\\b|pm\\b)|\\b([0-9]{1,2}):([0-9]{2})\\b")
});
static EN_NUMBER: LazyLock<Regex> = LazyLock::new(|| re("[0-9][0-9,]*(?:\\.[0-9]+)?|[A-Za-z]+(?:-[a-z]+)?"));
static EN_NAME: LazyLock<Regex> = LazyLock::new(|| re("\\b[A-Z][a-z]+(?:['’-]?[a-z]+)*"));

fn re(pattern: &str) -> Regex {
    // The patterns are constants, tested below: they compile.
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("{e}"))
}

/// The tokens of a Chinese block's plain text.
pub fn zh_tokens(text: &str, glossary: &[Term]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text.to_string();
    for c in ZH_DATE.captures_iter(text) {
        if let (Some(m), Some(d)) = (zh_number(&c[1]), zh_number(&c[2])) {
            out.insert(format!("d:{m}-{d}"));
        }
    }
    rest = ZH_DATE.replace_all(&rest, " ").into_owned();
    for c in ZH_TIME.captures_iter(&rest) {
        let Some(mut hour) = zh_number(&c[2]) else { continue };
        let minute =
            c.get(3).and_then(|m| zh_number(m.as_str())).unwrap_or(if c.get(4).is_some() { 30 } else { 0 });
        let later = c.get(1).is_some_and(|p| matches!(p.as_str(), "下午" | "晚上" | "傍晚" | "晚"));
        if later && hour < 12 {
            hour += 12;
        }
        // 点 alone is too often not a time (重点, 一点): require digits or 分.
        if c[0].contains('时') || c.get(3).is_some() || c[2].chars().all(|ch| ch.is_ascii_digit()) {
            out.insert(format!("t:{hour}:{minute:02}"));
        }
    }
    rest = ZH_TIME.replace_all(&rest, " ").into_owned();
    for c in ZH_NUMBER.captures_iter(&rest) {
        if let Some(digits) = c.get(1) {
            let times = if c.get(2).is_some() { 10_000.0 } else { 1.0 };
            if let Ok(v) = digits.as_str().parse::<f64>() {
                out.insert(format!("n:{}", v * times));
            }
        } else if let Some(hanzi) = c.get(3) {
            let counted = c.get(4).is_some() || hanzi.as_str().contains(['十', '百', '千']);
            if let Some(v) = zh_number(hanzi.as_str()).filter(|&v| counted && v >= 2) {
                out.insert(format!("n:{}", v as f64));
            }
        }
    }
    for m in LATIN.find_iter(text) {
        out.insert(format!("w:{}", m.as_str().to_lowercase()));
    }
    out.extend(pinyin_windows(text));
    for (k, term) in glossary.iter().enumerate() {
        if text.contains(term.zh.as_str()) {
            out.insert(format!("g:{k}"));
        }
    }
    out
}

/// The pinyin of every run of one to three Chinese characters, as English
/// spells a name (高阳 → `p:gaoyang`).
fn pinyin_windows(text: &str) -> impl Iterator<Item = String> {
    let syllables: Vec<Option<&str>> = text.to_pinyin().map(|p| p.map(pinyin::Pinyin::plain)).collect();
    let mut out = Vec::new();
    for start in 0..syllables.len() {
        let mut name = String::new();
        for s in syllables.iter().skip(start).take(3) {
            let Some(s) = s else { break };
            name.push_str(s);
            out.push(format!("p:{name}"));
        }
    }
    out.into_iter()
}

/// The value of a Chinese or Arabic numeral up to the thousands (二十七 → 27).
fn zh_number(text: &str) -> Option<u64> {
    if text.chars().all(|c| c.is_ascii_digit()) {
        return text.parse().ok();
    }
    let (mut total, mut digit) = (0u64, None::<u64>);
    for c in text.chars() {
        let d = match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            '十' | '百' | '千' | '万' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    '千' => 1000,
                    _ => 10_000,
                };
                total = if unit == 10_000 {
                    (total + digit.unwrap_or(0)).max(1) * unit
                } else {
                    total + digit.unwrap_or(1) * unit
                };
                digit = None;
                continue;
            }
            _ => return None,
        };
        digit = Some(digit.map_or(d, |p| p * 10 + d));
    }
    Some(total + digit.unwrap_or(0))
}

/// The tokens of an English paragraph's plain text.
pub fn en_tokens(text: &str, glossary: &[Term]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for c in EN_DATE.captures_iter(text) {
        let (day, month) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
            (Some(d), Some(m), _, _) | (_, _, Some(m), Some(d)) => (d.as_str(), m.as_str()),
            _ => continue,
        };
        out.insert(format!("d:{}-{}", month_number(month), day.parse::<u64>().unwrap_or(0)));
    }
    let rest = EN_DATE.replace_all(text, " ");
    for c in EN_TIME.captures_iter(&rest) {
        let (hour, minute, pm) = if let Some(h) = c.get(1) {
            (h.as_str(), c.get(2).map_or("0", |m| m.as_str()), c[3].starts_with('p'))
        } else {
            (&c[4], c.get(5).map_or("0", |m| m.as_str()), false)
        };
        let mut hour: u64 = hour.parse().unwrap_or(0);
        if pm && hour < 12 {
            hour += 12;
        }
        out.insert(format!("t:{hour}:{:02}", minute.parse::<u64>().unwrap_or(0)));
    }
    let rest = EN_TIME.replace_all(&rest, " ");
    for m in EN_NUMBER.find_iter(&rest) {
        let word = m.as_str();
        if word.starts_with(|c: char| c.is_ascii_digit()) {
            if let Ok(v) = word.replace(',', "").parse::<f64>() {
                out.insert(format!("n:{v}"));
            }
        } else if let Some(v) = number_word(&word.to_lowercase()) {
            out.insert(format!("n:{}", v as f64));
        }
    }
    for m in LATIN.find_iter(text) {
        out.insert(format!("w:{}", m.as_str().to_lowercase()));
    }
    for m in EN_NAME.find_iter(text) {
        let name: String = m.as_str().chars().filter(char::is_ascii_alphabetic).collect();
        out.insert(format!("p:{}", name.to_lowercase()));
    }
    let lower = text.to_lowercase();
    for (k, term) in glossary.iter().enumerate() {
        let en = term.en.split('(').next().unwrap_or_default().trim().to_lowercase();
        if !en.is_empty() && lower.contains(&en) {
            out.insert(format!("g:{k}"));
        }
    }
    out
}

fn month_number(month: &str) -> usize {
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    MONTHS.iter().position(|m| month.starts_with(m)).map_or(0, |k| k + 1)
}

/// two … ninety-nine written out; `one` is left out, too often not a number.
fn number_word(word: &str) -> Option<u64> {
    const UNITS: [&str; 20] = [
        "",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] =
        ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    let (tens, unit) = word.split_once('-').unwrap_or((word, ""));
    if let Some(t) = TENS.iter().position(|t| !t.is_empty() && *t == tens) {
        let u =
            if unit.is_empty() { 0 } else { UNITS.iter().position(|u| *u == unit).filter(|&u| u < 10)? };
        return Some((t * 10 + u) as u64);
    }
    UNITS.iter().position(|u| !u.is_empty() && *u == word).filter(|&u| u >= 2).map(|u| u as u64)
}

/// The pairs of block and paragraph that share tokens of weight 0.2 or
/// more, from [`shared`]'s sets.
pub fn candidates(zh: &[Shared], en: &[Shared]) -> Vec<Anchor> {
    let mut out = Vec::new();
    for (i, z) in zh.iter().enumerate() {
        for (j, e) in en.iter().enumerate() {
            let tokens: Vec<(usize, f64)> =
                z.iter().filter(|t| e.binary_search_by_key(&t.0, |u| u.0).is_ok()).copied().collect();
            let weight: f64 = tokens.iter().map(|t| t.1).sum();
            if weight >= 0.2 {
                out.push(Anchor { zh: i, en: j, weight, tokens });
            }
        }
    }
    out
}

/// Each set's tokens that are on both sides, numbered, with the weight
/// [`candidates`] gives them: what a bead's two sides should share.
pub fn shared(zh: &[BTreeSet<String>], en: &[BTreeSet<String>]) -> (Vec<Shared>, Vec<Shared>) {
    let (nz, ne) = (count(zh), count(en));
    let numbers: BTreeMap<&str, usize> =
        nz.keys().filter(|t| ne.contains_key(*t)).enumerate().map(|(k, t)| (*t, k)).collect();
    let weigh = |sets: &[BTreeSet<String>]| {
        sets.iter()
            .map(|set| {
                let mut tokens: Shared = set
                    .iter()
                    .filter_map(|t| Some((numbers.get(t.as_str()).copied()?, weight(t, &nz, &ne))))
                    .collect();
                tokens.sort_by_key(|t| t.0);
                tokens
            })
            .collect()
    };
    (weigh(zh), weigh(en))
}

/// For each Chinese block, the weight of its numbers, dates, times and
/// Latin words that the English has nowhere (1 / blocks with it, each):
/// a block with many such has likely been left out of the translation.
pub fn lonely(zh: &[BTreeSet<String>], en: &[BTreeSet<String>]) -> Vec<f64> {
    let (nz, ne) = (count(zh), count(en));
    zh.iter()
        .map(|set| {
            set.iter()
                .filter(|t| matches!(&t[..2], "n:" | "d:" | "t:" | "w:") && !ne.contains_key(t.as_str()))
                .map(|t| 1.0 / nz[t.as_str()] as f64)
                .sum()
        })
        .collect()
}

/// A token's weight: 1 / (blocks with it × paragraphs with it); a
/// one-syllable pinyin, which chance matches often, a quarter of that.
fn weight(t: &str, nz: &BTreeMap<&str, usize>, ne: &BTreeMap<&str, usize>) -> f64 {
    let rarity = 1.0 / (nz.get(t).copied().unwrap_or(1) * ne.get(t).copied().unwrap_or(1)) as f64;
    if t.starts_with("p:") && t.len() <= 6 { rarity / 4.0 } else { rarity }
}

/// In how many of `sets` each token is.
fn count(sets: &[BTreeSet<String>]) -> BTreeMap<&str, usize> {
    let mut n: BTreeMap<&str, usize> = BTreeMap::new();
    for set in sets {
        for t in set {
            *n.entry(t.as_str()).or_insert(0) += 1;
        }
    }
    n
}

/// The heaviest chain of anchors in which no two cross: for any two, the
/// later block is paired with the same or a later paragraph.
pub fn chain(mut anchors: Vec<Anchor>) -> Vec<Anchor> {
    anchors.sort_by_key(|a| (a.zh, a.en));
    let n = anchors.len();
    let mut best = vec![0.0f64; n];
    let mut prev = vec![None; n];
    for k in 0..n {
        best[k] = anchors[k].weight;
        for p in 0..k {
            let fits = anchors[p].zh <= anchors[k].zh && anchors[p].en <= anchors[k].en;
            if fits && best[p] + anchors[k].weight > best[k] {
                best[k] = best[p] + anchors[k].weight;
                prev[k] = Some(p);
            }
        }
    }
    let mut at = (0..n).max_by(|&a, &b| best[a].total_cmp(&best[b]));
    let mut out = Vec::new();
    while let Some(k) = at {
        out.push(anchors[k].clone());
        at = prev[k];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(set: &BTreeSet<String>, token: &str) -> bool {
        set.contains(token)
    }

    #[test]
    fn dates_times_numbers_and_names_meet() {
        let zh = zh_tokens(
            "1月30日19时50分许，宁某在66盐家属院，拘留10日。二月二十七日，设立8个工作组。高阳小区",
            &[],
        );
        let en = en_tokens(
            "At about 7.50 p.m. on 30 January Ning, at the 66 Salt compound, 10 days. On 27 February, eight groups. Gaoyang",
            &[],
        );
        for token in ["d:1-30", "t:19:50", "n:66", "n:10", "d:2-27", "n:8", "p:gaoyang", "p:ning"] {
            assert!(has(&zh, token), "zh lacks {token}: {zh:?}");
            assert!(has(&en, token), "en lacks {token}: {en:?}");
        }
        assert!(!has(&zh, "n:1"), "a date's parts are not numbers");
    }

    #[test]
    fn numerals() {
        assert_eq!(zh_number("二十七"), Some(27));
        assert_eq!(zh_number("十"), Some(10));
        assert_eq!(zh_number("三百零五"), Some(305));
        assert_eq!(zh_number("两"), Some(2));
        assert_eq!(number_word("twenty-seven"), Some(27));
        assert_eq!(number_word("one"), None);
    }

    #[test]
    fn a_stray_anchor_does_not_join_the_chain() {
        let a = |zh, en| Anchor { zh, en, weight: 1.0, tokens: Vec::new() };
        let chain = chain(vec![a(0, 0), a(1, 1), a(2, 0), a(3, 3), a(4, 4)]);
        assert_eq!(chain.iter().map(|a| (a.zh, a.en)).collect::<Vec<_>>(), [(0, 0), (1, 1), (3, 3), (4, 4)]);
    }
}
