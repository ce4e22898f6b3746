//! Punctuation: ASCII `, : ; ( ) ? !` standing among Chinese characters
//! become their full-width forms; numbers, times and Latin words keep
//! theirs. Stray Latin words inside Chinese text are flagged, not changed.

use super::text::is_cjk;
use regex::Regex;
use std::sync::LazyLock;

fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '(' => '（',
        ')' => '）',
        '?' => '？',
        '!' => '！',
        _ => return None,
    })
}

/// Returns the text with full-width punctuation, and how many marks changed.
pub fn full_width_punctuation(text: &str) -> (String, usize) {
    if !text.bytes().any(|b| matches!(b, b',' | b':' | b';' | b'(' | b')' | b'?' | b'!')) {
        return (text.to_string(), 0);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut changed = 0;
    // Open parentheses: whether each was made full-width, so its partner matches.
    let mut open: Vec<bool> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let Some(wide) = full_width(c) else {
            out.push(c);
            continue;
        };
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let near_cjk = before.is_some_and(is_cjk) || after.is_some_and(is_cjk);
        let convert = match c {
            '(' => {
                open.push(near_cjk);
                near_cjk
            }
            ')' => open.pop().unwrap_or(false) || near_cjk,
            ':' | ','
                if before.is_some_and(|b| b.is_ascii_digit())
                    && after.is_some_and(|a| a.is_ascii_digit()) =>
            {
                false
            }
            _ => near_cjk,
        };
        if convert {
            out.push(wide);
            changed += 1;
        } else {
            out.push(c);
        }
    }
    (out, changed)
}

static LATIN_WORD: LazyLock<Regex> = LazyLock::new(|| crate::pattern::compiled(r"[a-z]{2,}"));

/// Lower-case Latin words with Chinese on both sides, e.g. `精神 and 党中央`.
pub fn stray_latin_words(text: &str) -> Vec<String> {
    if !text.bytes().any(|b| b.is_ascii_lowercase()) {
        return Vec::new();
    }
    LATIN_WORD
        .find_iter(text)
        .filter(|m| {
            let before = text[..m.start()].trim_end().chars().last();
            let after = text[m.end()..].trim_start().chars().next();
            before.is_some_and(is_cjk) && after.is_some_and(is_cjk)
        })
        .map(|m| m.as_str().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_between_chinese_only() {
        let (text, n) = full_width_punctuation("本报讯(记者高轶鹏 通讯员文尚龙)“你们听,咱小区广播里说?”");
        assert_eq!(text, "本报讯（记者高轶鹏 通讯员文尚龙）“你们听，咱小区广播里说？”");
        assert_eq!(n, 4);
        let (text, n) = full_width_punctuation("时间：2020.02.07, 9:30, 1,000, TR188 (Airbus)");
        assert_eq!(text, "时间：2020.02.07, 9:30, 1,000, TR188 (Airbus)");
        assert_eq!(n, 0);
        assert_eq!(full_width_punctuation("安排(2月11日摄)。").0, "安排（2月11日摄）。");
    }

    #[test]
    fn flags_stray_latin_words_only() {
        assert_eq!(stray_latin_words("重要讲话精神 and 党中央、省委"), ["and"]);
        assert!(stray_latin_words("通过微信、QQ、微博等方式和OA系统").is_empty());
    }
}
