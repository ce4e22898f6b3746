//! What a web page prints under a picture: the caption (`▲…`, `图为…`) and
//! the credit that belongs to the figure, not to the text (`张三 摄`,
//! `▲（李四 摄）`, `网上图片`, `图片来源：网络`).

use crate::ingest::text::{char_len, photo_credit};
use regex::Regex;
use std::sync::LazyLock;

/// Credits that name no photographer: where the picture came from.
static SOURCE_CREDIT_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compiled(
        r"^[▲△↑（(\s]*(?:网上图片|网络图片|资料图片|资料图|图片来自网络|图片来源(?:于)?[：:]\s*\S{1,20}|(?:图|图片)/\s*\S{1,20})[)）\s]*$",
    )
});

/// Is the line only a picture's credit (a photographer or where it came from)?
pub fn is_picture_credit(text: &str) -> bool {
    let t = text.trim();
    if char_len(t) > 30 {
        return false;
    }
    if SOURCE_CREDIT_RE.is_match(t) {
        return true;
    }
    let bare = t.trim_start_matches(['▲', '△', '↑']).trim();
    let bare = bare.strip_prefix(['（', '(']).and_then(|b| b.strip_suffix(['）', ')'])).unwrap_or(bare);
    photo_credit(bare).is_some() && char_len(bare) <= 16
}

/// Does the line open as a caption does (`▲志愿者…`, `图为…`)?
pub fn opens_caption(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with(['▲', '△', '↑']) || t.starts_with("图为") || t.starts_with("上图") || t.starts_with("下图")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_of_a_picture() {
        for credit in [
            "张三 摄",
            "▲李四摄",
            "（记者 王五 摄）",
            "网上图片",
            "（资料图片）",
            "图片来源：网络",
            "图/新华社",
        ] {
            assert!(is_picture_credit(credit), "{credit}");
        }
        for text in
            ["他们一起摄下了这个瞬间，留作纪念，今天大家都很高兴。", "网上图片很多，需要甄别。", "市民张三"]
        {
            assert!(!is_picture_credit(text), "{text}");
        }
    }

    #[test]
    fn caption_openings() {
        assert!(opens_caption("▲志愿者在植树现场"));
        assert!(opens_caption("图为志愿者在植树现场"));
        assert!(!opens_caption("志愿者在植树现场"));
    }
}
