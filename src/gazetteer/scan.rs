//! The scan for place names: the gazetteer's name patterns in, for a text,
//! the non-overlapping matches out, leftmost first and of several starting
//! there the longest (what an Aho-Corasick automaton in leftmost-longest
//! mode finds; a test holds the two to the same answers).
//!
//! Every name has two characters or more, so a name can start only where
//! the text's next two characters open one: a bit per first character, a
//! bit per hashed opening pair and a table of opening pairs rule out almost
//! every position at the cost of a bit test or two, where a byte automaton
//! over thousands of names walks a table too large for the processor's cache.

use rustc_hash::FxHashMap as HashMap;

/// The names, indexed by their first two characters.
pub(super) struct Scanner {
    names: Vec<&'static str>,
    /// Whether a name starts with the character, for the Basic Multilingual
    /// Plane; characters beyond it go to `openings` directly.
    first: Vec<u64>,
    /// Name indices by opening pair, longest name first.
    openings: HashMap<u64, Vec<usize>>,
    /// The opening pairs, hashed to a bit each: most pairs of characters
    /// that pass `first` open no name, and a clear bit says so without a
    /// look-up in `openings`.
    pairs: Vec<u64>,
    /// Names of a single character (none in the tables, kept for safety).
    singles: HashMap<char, usize>,
}

fn pair(a: char, b: char) -> u64 {
    u64::from(a) << 32 | u64::from(b)
}

/// The bit of a pair in `Scanner::pairs` (the top bits of a multiplicative hash).
fn pair_bit(pair: u64) -> usize {
    usize::try_from(pair.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - PAIR_BITS)).unwrap_or(0)
}

/// `Scanner::pairs` holds 2^16 bits (8 KB).
const PAIR_BITS: u32 = 16;

impl Scanner {
    /// A scanner for `names`, which are distinct and not empty; a match
    /// reports a name by its index.
    pub(super) fn new(names: Vec<&'static str>) -> Scanner {
        let mut first = vec![0; 1024];
        let mut openings: HashMap<u64, Vec<usize>> = HashMap::default();
        let mut singles = HashMap::default();
        let mut pairs = vec![0; (1 << PAIR_BITS) / 64];
        for (i, name) in names.iter().enumerate() {
            let mut chars = name.chars();
            let Some(a) = chars.next() else { continue };
            if let Some(bit) = bmp_bit(a) {
                first[bit / 64] |= 1 << (bit % 64);
            }
            match chars.next() {
                Some(b) => {
                    let bit = pair_bit(pair(a, b));
                    pairs[bit / 64] |= 1 << (bit % 64);
                    openings.entry(pair(a, b)).or_default().push(i);
                }
                None => {
                    singles.insert(a, i);
                }
            }
        }
        for ids in openings.values_mut() {
            ids.sort_by_key(|&i| std::cmp::Reverse(names[i].len()));
        }
        Scanner { names, first, openings, pairs, singles }
    }

    fn may_open(&self, c: char) -> bool {
        bmp_bit(c).is_none_or(|bit| self.first[bit / 64] & (1 << (bit % 64)) != 0)
    }

    /// The names that open with `a`, `b`, longest first, if any.
    fn opening(&self, a: char, b: char) -> Option<&Vec<usize>> {
        let bit = pair_bit(pair(a, b));
        if self.pairs[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        self.openings.get(&pair(a, b))
    }

    /// The matches in `text` as (name index, start, end) byte offsets, in
    /// text order.
    pub(super) fn find_iter(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let names = &self.names;
        let mut out = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((at, a)) = chars.next() {
            if !self.may_open(a) {
                continue;
            }
            let rest = &text[at..];
            let longer = chars.peek().and_then(|&(_, b)| self.opening(a, b)).and_then(|ids| {
                ids.iter().copied().find(|&i| names.get(i).is_some_and(|name| rest.starts_with(name)))
            });
            let Some(id) = longer.or_else(|| self.singles.get(&a).copied()) else { continue };
            let end = at + names.get(id).map_or(0, |name| name.len());
            out.push((id, at, end));
            while chars.peek().is_some_and(|&(i, _)| i < end) {
                chars.next();
            }
        }
        out
    }
}

/// The bit of `c` in a set over the Basic Multilingual Plane.
fn bmp_bit(c: char) -> Option<usize> {
    usize::try_from(u32::from(c)).ok().filter(|&i| i < 0x10000)
}
