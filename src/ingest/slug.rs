//! Article ids: the date and a word-level pinyin slug of the headline, ASCII
//! and stable (`2020-02-27-guang-xi-xiang-wo-shi-juan-zeng`; 重庆 is
//! `chong-qing`). An article already written keeps its id (`claim.rs`).

use chrono::NaiveDate;

/// Syllables of the headline kept in the slug.
const SYLLABLES: usize = 7;

pub fn slug(title: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for piece in crate::pinyin::pieces(title) {
        if piece.syllables.is_empty() {
            // Latin letters and digits stay, each run one part.
            let mut latin = String::new();
            for c in piece.text.chars() {
                if c.is_ascii_alphanumeric() {
                    latin.push(c.to_ascii_lowercase());
                } else if !latin.is_empty() {
                    parts.push(std::mem::take(&mut latin));
                }
            }
            if !latin.is_empty() {
                parts.push(latin);
            }
        } else {
            // Word-level readings (重庆 chong-qing); `nü`, `lüe` as typists write them.
            parts.extend(piece.syllables.iter().map(|s| crate::pinyin::plain(s)));
        }
    }
    parts.truncate(SYLLABLES);
    if parts.is_empty() { "article".to_string() } else { parts.join("-") }
}

pub fn article_id(date: Option<NaiveDate>, title: &str) -> String {
    match date {
        Some(date) => format!("{}-{}", date.format("%Y-%m-%d"), slug(title)),
        None => format!("undated-{}", slug(title)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_and_seven_syllables() {
        let date = NaiveDate::from_ymd_opt(2020, 2, 27);
        assert_eq!(
            article_id(date, "广西向我市捐赠两辆负压救护车"),
            "2020-02-27-guang-xi-xiang-wo-shi-juan-zeng"
        );
        assert_eq!(article_id(None, "海南12例新冠肺炎患者治愈出院"), "undated-hai-nan-12-li-xin-guan-fei");
        assert_eq!(slug("女医生略绿"), "nv-yi-sheng-lve-lv");
        assert_eq!(slug("“所有人都在努力”"), "suo-you-ren-dou-zai-nu-li");
        // Polyphones take the reading of their word.
        assert_eq!(slug("重庆银行长春分行"), "chong-qing-yin-hang-chang-chun-fen");
        assert_eq!(slug("COVID-19新增"), "covid-19-xin-zeng");
    }
}
