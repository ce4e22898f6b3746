//! OCR quality: a draft in, the same draft with its poorly read paragraphs
//! (and the article, when most of it reads poorly) flagged for review.
//!
//! Every paragraph is scored by [`score`]: 1 less the share of its
//! characters that are noise, where noise is
//! - characters outside the article's usual set: Han characters that are
//!   neither frequent (GB 2312 level 1, Big5's frequent block) nor used
//!   again in the article;
//! - junk symbols: kana, radicals, box drawing, geometric shapes, Roman
//!   numerals, private-use and replacement characters, stray `|` `~` `_`;
//! - broken punctuation: doubled marks (`，，`, `。。`, `，。`), a paragraph
//!   opening with a clause mark, quotes or brackets left unclosed;
//! - Latin and digit noise: `l`, `I`, `O` mixed into numbers (`l,2OO`),
//!   runs of `l`/`I` and lone lower-case letters between Han characters.
//!
//! A paragraph of at least [`MIN_CHARS`] characters is poor below
//! [`POOR_BELOW`] with at least [`MIN_NOISE`] noisy characters; an article
//! is poor when at least half its paragraphs, two or more, are.

use super::draft::Draft;
use super::text::is_han;
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// A paragraph scoring below this is flagged (the garbled fixture's poor
/// paragraphs score 0.54–0.78; every paragraph of the bundled edition 0.93
/// or more).
pub const POOR_BELOW: f64 = 0.9;
/// Paragraphs shorter than this are not judged: one odd mark in a short
/// line says little.
pub const MIN_CHARS: usize = 8;
/// Fewer noisy characters than this never make a paragraph poor.
pub const MIN_NOISE: usize = 3;

/// What the score of one paragraph is made of.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Quality {
    /// 0.0 (all noise) to 1.0 (clean).
    pub score: f64,
    /// Characters judged, white space left out.
    pub chars: usize,
    /// Han characters outside the article's usual set.
    pub unusual: usize,
    pub junk: usize,
    pub broken_punctuation: usize,
    pub latin_noise: usize,
}

impl Quality {
    pub fn noise(&self) -> usize {
        self.unusual + self.junk + self.broken_punctuation + self.latin_noise
    }

    pub fn is_poor(&self) -> bool {
        self.chars >= MIN_CHARS && self.noise() >= MIN_NOISE && self.score < POOR_BELOW
    }

    fn describe(&self) -> String {
        let parts = [
            (self.unusual, "unusual character(s)"),
            (self.junk, "stray symbol(s)"),
            (self.broken_punctuation, "broken punctuation"),
            (self.latin_noise, "Latin or digit noise"),
        ];
        let what: Vec<String> =
            parts.iter().filter(|(n, _)| *n > 0).map(|(n, label)| format!("{n} {label}")).collect();
        format!("OCR quality {:.2} ({})", self.score, what.join(", "))
    }
}

/// GB 2312 level 1 and Big5's frequent characters, a bit set over the
/// Basic Multilingual Plane.
struct Frequent(Vec<u64>);

fn contains(set: &[u64], c: char) -> bool {
    let i = c as usize;
    i < 0x10000 && set[i / 64] & (1 << (i % 64)) != 0
}

static FREQUENT: LazyLock<Frequent> = LazyLock::new(|| {
    let mut set = vec![0u64; 1024];
    let mut add = |encoding: &'static encoding_rs::Encoding, lead: u8, trail: u8| {
        let pair = [lead, trail];
        let (text, bad) = encoding.decode_without_bom_handling(&pair);
        if let (false, Some(c)) = (bad, text.chars().next()) {
            let i = c as usize;
            if i < 0x10000 {
                set[i / 64] |= 1 << (i % 64);
            }
        }
    };
    for lead in 0xB0..=0xD7u8 {
        for trail in 0xA1..=0xFEu8 {
            add(encoding_rs::GBK, lead, trail);
        }
    }
    for lead in 0xA4..=0xC6u8 {
        for trail in (0x40..=0x7Eu8).chain(0xA1..=0xFE) {
            if u16::from_be_bytes([lead, trail]) <= 0xC67E {
                add(encoding_rs::BIG5, lead, trail);
            }
        }
    }
    Frequent(set)
});

/// How often each Han character outside the frequent set occurs in an
/// article: its usual set (a frequent character is usual anyway).
#[derive(Debug, Clone, Default)]
pub struct UsualSet(HashMap<char, usize>);

impl UsualSet {
    fn count(&self, c: char) -> usize {
        self.0.get(&c).copied().unwrap_or(0)
    }
}

/// The usual set of the article made of `paragraphs`.
pub fn usual_set<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> UsualSet {
    let frequent = &FREQUENT.0;
    let mut counts = HashMap::default();
    for text in paragraphs {
        for c in text.chars().filter(|&c| is_han(c) && !contains(frequent, c)) {
            *counts.entry(c).or_insert(0) += 1;
        }
    }
    UsualSet(counts)
}

/// Punctuation and signs that stand in ordinary Chinese text: CJK and
/// full-width punctuation, general punctuation, letterlike signs (`℃`,
/// `№`), capital Roman numerals (`Ⅱ型`), units (`㎡`), Greek letters (`α`),
/// a few mathematical and currency signs, and ASCII punctuation but for
/// the marks OCR leaves as noise (`|`, `~`, `^`, `_`, backquote, backslash,
/// `{}`, `<>`).
fn is_ordinary_sign(c: char) -> bool {
    let ranges = [
        ('\u{3000}', '\u{3011}'),
        ('\u{3014}', '\u{301F}'),
        ('\u{FF01}', '\u{FF5E}'),
        ('\u{2010}', '\u{2027}'),
        ('\u{2030}', '\u{2033}'),
        ('\u{2100}', '\u{216B}'),
        ('\u{3380}', '\u{33FF}'),
        ('\u{0391}', '\u{03C9}'),
    ];
    ranges.iter().any(|&(from, to)| (from..=to).contains(&c))
        || "·×÷°±～≤≥≈≠→¥€£".contains(c)
        || (c.is_ascii_punctuation() && !"|~^_`\\{}<>".contains(c))
}

/// A character that ordinary text does not hold: kana (OCR's `エ` for 工),
/// radicals, box drawing, shapes, Roman numerals, private use, U+FFFD.
fn is_junk(c: char) -> bool {
    !(c.is_ascii_alphanumeric() || c.is_whitespace() || is_han(c) || is_ordinary_sign(c))
}

/// Scores one paragraph against its article's usual set ([`usual_set`]).
pub fn score(text: &str, usual: &UsualSet) -> Quality {
    score_in(text, usual, &mut Vec::new())
}

/// [`score`], with `chars` as room for the paragraph's characters when it
/// holds Latin letters or digits (one buffer for all paragraphs of an
/// article). One pass over the text: this runs on every paragraph.
fn score_in(text: &str, usual: &UsualSet, chars: &mut Vec<char>) -> Quality {
    let frequent = &FREQUENT.0;
    let mut q = Quality::default();
    let mut punctuation = Punctuation::default();
    let mut latin = false;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        q.chars += 1;
        if is_han(c) {
            q.unusual += usize::from(!contains(frequent, c) && usual.count(c) < 2);
        } else {
            latin |= c.is_ascii_alphanumeric();
            if is_junk(c) {
                q.junk += 1;
            }
            punctuation.add(c);
        }
        punctuation.prev = Some(c);
    }
    q.broken_punctuation = punctuation.broken();
    if latin {
        chars.clear();
        chars.extend(text.chars().filter(|c| !c.is_whitespace()));
        q.latin_noise = latin_noise(chars);
    }
    q.score = if q.chars == 0 { 1.0 } else { 1.0 - (q.noise() as f64 / q.chars as f64).min(1.0) };
    q
}

/// Broken punctuation, counted a character at a time: doubled clause marks
/// (not `！？`), a paragraph opening with one, quotes, parentheses and
/// title marks left unclosed.
#[derive(Default)]
struct Punctuation {
    /// The character before, white space left out.
    prev: Option<char>,
    doubled: usize,
    opening: bool,
    /// `“ ” （ ） 《 》` seen.
    marks: [usize; 6],
}

impl Punctuation {
    /// `c`, a character that is not Han (no mark is).
    fn add(&mut self, c: char) {
        let clause = |c: char| matches!(c, '，' | '。' | '、' | '；' | '：' | '！' | '？');
        if clause(c) {
            match self.prev {
                None => self.opening = true,
                Some(p) if clause(p) && !matches!((p, c), ('！' | '？', '！' | '？')) => {
                    self.doubled += 1;
                }
                Some(_) => {}
            }
        } else if let Some(i) = ['“', '”', '（', '）', '《', '》'].iter().position(|&m| m == c) {
            self.marks[i] += 1;
        }
    }

    fn broken(&self) -> usize {
        let m = &self.marks;
        let unbalanced = m[0].abs_diff(m[1]) + m[2].abs_diff(m[3]) + m[4].abs_diff(m[5]);
        self.doubled + usize::from(self.opening) + unbalanced
    }
}

/// Letters OCR puts for digits and strokes.
fn confusable(c: char) -> bool {
    matches!(c, 'l' | 'I' | 'O' | 'o')
}

fn latin_noise(chars: &[char]) -> usize {
    let mut noise = 0;
    let mut i = 0;
    while i < chars.len() {
        let alnum = |c: char| c.is_ascii_alphanumeric() || c == ',';
        if !alnum(chars[i]) || chars[i] == ',' {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && alnum(chars[i]) {
            i += 1;
        }
        let run = &chars[start..i];
        let digits = run.iter().any(char::is_ascii_digit);
        let han_around = start > 0 && is_han(chars[start - 1]) && chars.get(i).is_some_and(|&c| is_han(c));
        let noisy = (digits && run.iter().any(|&c| confusable(c)))
            || run.iter().all(|&c| confusable(c) || c == ',')
            || (han_around && run.len() == 1 && run[0].is_ascii_lowercase());
        if noisy {
            noise += run.iter().filter(|&&c| c != ',').count();
        }
    }
    noise
}

/// Flags each poor paragraph of the draft with its source lines, and the
/// whole article when at least half its paragraphs, two or more, are poor.
pub fn flag_poor_paragraphs(draft: &mut Draft) {
    let usual = usual_set(draft.paras().map(|u| u.text.as_str()));
    let mut chars = Vec::new();
    let mut judged = 0;
    // Only the poor paragraphs' lines are kept: most paragraphs are not.
    let mut poor: Vec<(Vec<usize>, Quality)> = Vec::new();
    for unit in draft.paras() {
        judged += 1;
        let quality = score_in(&unit.text, &usual, &mut chars);
        if quality.is_poor() {
            poor.push((unit.lines.clone(), quality));
        }
    }
    for (lines, quality) in &poor {
        let line = lines.first().copied().unwrap_or(0);
        let also = match lines.get(1..) {
            Some(rest) if !rest.is_empty() => {
                format!(
                    " (with line(s) {})",
                    rest.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")
                )
            }
            _ => String::new(),
        };
        draft.flag(line, format!("{}{also}: check against the printed page", quality.describe()));
    }
    if poor.len() >= 2 && poor.len() * 2 >= judged {
        let lines: Vec<String> =
            poor.iter().map(|(l, _)| l.first().copied().unwrap_or(0).to_string()).collect();
        draft.flag(
            draft.first_line(),
            format!(
                "{} of {} paragraphs read poorly (lines {}): check the whole article against the page",
                poor.len(),
                judged,
                lines.join(", ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alone(text: &str) -> Quality {
        score(text, &usual_set([text]))
    }

    #[test]
    fn clean_text_scores_high() {
        let q = alone("5月6日，沿江步道修缮工程通过验收，全长四公里的步道重新向市民开放。");
        assert_eq!((q.noise(), q.score), (0, 1.0));
        let q = alone("通过微信、QQ、微博等方式，N95口罩和CT检查，共计1,200㎡（约20%），Ⅱ型α变异株≤3℃。");
        assert_eq!(q.noise(), 0, "{q:?}");
        assert!(!q.is_poor());
    }

    #[test]
    fn each_kind_of_noise_counts() {
        assert_eq!(alone("施工期间，施エ队伍克服困难。").junk, 1, "kana for 工");
        assert_eq!(alone("园区保留，，原有厂房。。").broken_punctuation, 2);
        assert_eq!(alone("，园区保留原有厂房").broken_punctuation, 1);
        assert_eq!(alone("他说：“园区保留原有厂房。").broken_punctuation, 1, "an unclosed quote");
        assert_eq!(alone("l,2OO平方米").latin_noise, 4);
        assert_eq!(alone("园区lI保留").latin_noise, 2);
        assert_eq!(alone("疫l情").latin_noise, 1);
        assert_eq!(alone("⺮举办").junk, 1, "a radical");
        assert_eq!(alone("丨展厅").unusual, 1, "a character outside GB 2312");
    }

    #[test]
    fn a_rare_character_the_article_uses_again_is_usual() {
        let usual = usual_set(["赟在这里。", "赟说。"]);
        assert_eq!(score("赟说。", &usual).unusual, 0);
        assert_eq!(alone("赟说。").unusual, 1);
    }

    #[test]
    fn garbled_paragraphs_are_poor_and_short_or_slightly_odd_ones_not() {
        assert!(alone("园区≡保留亠lI原有ⅰ厂房■■结构，，□□外墙lIl采用o0旧砖|砌筑。。").is_poor());
        assert!(!alone("■要闻").is_poor(), "too short to judge");
        assert!(!alone("施工期间，施エ队伍克服雨天影响，日夜轮班作业，确保了工期。").is_poor());
    }

    #[test]
    fn articles_mostly_poor_are_flagged_whole() {
        use crate::ingest::draft::{Unit, UnitKind};
        let bad = "园区≡保留亠lI原有ⅰ厂房■■结构，，□□外墙lIl采用o0旧砖|砌筑。。";
        let good = "5月7日，由旧纺织厂改造的文创园开园，首批二十家文创企业入驻。";
        let mut draft = Draft {
            body: vec![Unit::new(UnitKind::Para, good, 3), Unit::new(UnitKind::Para, bad, 5)],
            ..Draft::default()
        };
        flag_poor_paragraphs(&mut draft);
        assert_eq!(draft.flags.len(), 1);
        assert!(draft.flags[0].text.starts_with("OCR quality"), "{:?}", draft.flags);
        draft.body.push(Unit::new(UnitKind::Para, bad, 7));
        draft.flags.clear();
        flag_poor_paragraphs(&mut draft);
        assert_eq!(draft.flags.len(), 3);
        assert!(draft.flags[2].text.starts_with("2 of 3 paragraphs read poorly (lines 5, 7)"));
    }
}
