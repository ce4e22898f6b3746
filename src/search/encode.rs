//! The compact number encoding of the index, read by `decode` in
//! `static/search-index.js`: numbers as variable-length strings of base-32
//! digits (the last digit of a number from `0-9a-v`, the others from
//! `w-zA-Z_-`), so a list of small numbers costs about a character each
//! and needs no JSON escaping. Postings store the gaps between block
//! numbers, a run of equal gaps once with its length.

/// The last digit of a number.
const LAST: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
/// A digit that more follow.
const MORE: &[u8; 32] = b"wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-";

/// Appends `n` to `out`, its highest digits first.
pub fn number(out: &mut String, n: u64) {
    let digit = |n: u64| (n & 31) as usize;
    if n < 32 {
        out.push(char::from(LAST[digit(n)]));
        return;
    }
    let mut digits = [0u8; 13];
    let mut at = digits.len() - 1;
    digits[at] = LAST[digit(n)];
    let mut rest = n >> 5;
    while rest != 0 {
        at -= 1;
        digits[at] = MORE[digit(rest)];
        rest >>= 5;
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// The numbers of `text`, or `None` if it is not an encoded list.
pub fn numbers(text: &str) -> Option<Vec<u64>> {
    let mut out = Vec::new();
    let mut n: u64 = 0;
    for b in text.bytes() {
        if let Some(d) = LAST.iter().position(|&c| c == b) {
            out.push((n << 5) | d as u64);
            n = 0;
        } else {
            let d = MORE.iter().position(|&c| c == b)?;
            n = (n << 5) | d as u64;
        }
    }
    (n == 0).then_some(out)
}

/// Appends the ascending block numbers `blocks` as gaps from -1: each gap
/// `g` as `2(g-1)`, or, when `r > 0` more equal gaps follow, as `2(g-1)+1`
/// and then `r`.
pub fn posting(out: &mut String, blocks: impl IntoIterator<Item = u64>) {
    let mut blocks = blocks.into_iter();
    let Some(first) = blocks.next() else {
        return;
    };
    // The run being read: its gap and how many more equal gaps follow.
    let (mut last, mut gap, mut repeats) = (first, first + 1, 0);
    for b in blocks {
        if b - last == gap {
            repeats += 1;
        } else {
            run_of(out, (gap, repeats));
            (gap, repeats) = (b - last, 0);
        }
        last = b;
    }
    run_of(out, (gap, repeats));
}

fn run_of(out: &mut String, (gap, repeats): (u64, u64)) {
    if repeats == 0 {
        number(out, (gap - 1) << 1);
    } else {
        number(out, ((gap - 1) << 1) | 1);
        number(out, repeats);
    }
}

/// The block numbers of an encoded posting (for `check` and tests).
pub fn blocks(text: &str) -> Option<Vec<u64>> {
    let nums = numbers(text)?;
    let mut out = Vec::new();
    let mut at: i64 = -1;
    let mut i = 0;
    while i < nums.len() {
        let gap = i64::try_from(nums[i] >> 1).ok()? + 1;
        let times = if nums[i] & 1 == 1 {
            i += 1;
            1 + nums.get(i)?
        } else {
            1
        };
        for _ in 0..times {
            at += gap;
            out.push(u64::try_from(at).ok()?);
        }
        i += 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_and_small_ones_take_one_character() {
        let mut s = String::new();
        for n in [0, 31, 32, 1000, u64::from(u32::MAX)] {
            number(&mut s, n);
        }
        assert_eq!(&s[..2], "0v");
        assert_eq!(numbers(&s), Some(vec![0, 31, 32, 1000, u64::from(u32::MAX)]));
    }

    #[test]
    fn a_posting_stores_a_run_of_equal_gaps_once() {
        let mut s = String::new();
        let dense: Vec<u64> = (5..1005).chain([2000, 2003]).collect();
        posting(&mut s, dense.iter().copied());
        // Gap 6, then 999 gaps of 1, then 995, then 3.
        assert!(s.len() < 12, "{s}");
        assert_eq!(blocks(&s), Some(dense));
        assert_eq!(blocks(""), Some(vec![]));
    }
}
