//! Article ids: the date and a pinyin slug of the headline, ASCII and stable
//! (`2020-02-27-guang-xi-xiang-wo-shi-juan-zeng`).

use chrono::NaiveDate;
use pinyin::ToPinyin;

/// Syllables of the headline kept in the slug.
const SYLLABLES: usize = 7;

pub fn slug(title: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut latin = String::new();
    for (c, py) in title.chars().zip(title.to_pinyin()) {
        if parts.len() >= SYLLABLES {
            break;
        }
        if c.is_ascii_alphanumeric() {
            latin.push(c.to_ascii_lowercase());
            continue;
        }
        if !latin.is_empty() {
            parts.push(std::mem::take(&mut latin));
        }
        if let Some(py) = py {
            // `nü`, `lüe`: ids are ASCII, and typists write ü as v.
            parts.push(py.plain().replace('ü', "v"));
        }
    }
    if !latin.is_empty() && parts.len() < SYLLABLES {
        parts.push(latin);
    }
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
    }
}
