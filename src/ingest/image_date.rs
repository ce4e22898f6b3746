//! Pictures' file names as evidence of when a web page was published.
//!
//! The content systems of many Chinese news and government sites (TRS WCM
//! and its kin) name an uploaded picture `W0` + the upload date + a serial:
//! `W020200312585124799235.jpg` was uploaded on 12 March 2020. A page's
//! pictures are uploaded when the page is made, so the latest such date is
//! the page's publication date as nearly as the export tells it, when the
//! page has no dateline or publication line. A picture uploaded before the
//! events the text reports is an older picture reused: the caller uses the
//! date only when no date the text gives is later.

use super::draft::{Draft, UnitKind};
use crate::model::date::plausible_ymd;
use crate::pattern::compiled as regex;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

static UPLOAD_NAME: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)^W0(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})[0-9]{6,}\.(?:jpe?g|png|gif|bmp|webp)$")
});

/// The upload date a picture's file name states, if it is named that way.
pub fn upload_date(file: &str) -> Option<NaiveDate> {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let caps = UPLOAD_NAME.captures(name)?;
    plausible_ymd(caps["y"].parse().ok()?, caps["m"].parse().ok()?, caps["d"].parse().ok()?)
}

/// The latest upload date among the draft's pictures, with the source line
/// and file name of that picture.
pub fn latest_upload(draft: &Draft) -> Option<(NaiveDate, usize, String)> {
    draft
        .body
        .iter()
        .filter_map(|unit| match &unit.kind {
            UnitKind::Figure { image: Some(file) } => Some((upload_date(file)?, unit.line(), file.clone())),
            _ => None,
        })
        .max_by_key(|(date, line, _)| (*date, std::cmp::Reverse(*line)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::draft::Unit;

    #[test]
    fn upload_names_give_their_date() {
        assert_eq!(upload_date("W020200312585124799235.jpg"), NaiveDate::from_ymd_opt(2020, 3, 12));
        assert_eq!(upload_date("./pic/W020191231123456.PNG"), NaiveDate::from_ymd_opt(2019, 12, 31));
    }

    #[test]
    fn other_names_give_none() {
        for name in [
            "IMG_20200312_123456.jpg",
            "W020201332585124799235.jpg",
            "W02020031258.jpg",
            "W020200312585124799235.txt",
            "photo.jpg",
        ] {
            assert_eq!(upload_date(name), None, "{name}");
        }
    }

    #[test]
    fn the_latest_picture_of_an_article_counts() {
        let mut draft = Draft::default();
        for (line, file) in [(3, "W020200309111111111.jpg"), (9, "W020200311222222222.jpg"), (12, "a.jpg")] {
            draft.body.push(Unit::new(UnitKind::Figure { image: Some(file.into()) }, "图", line));
        }
        let (date, line, file) = latest_upload(&draft).unwrap();
        assert_eq!(
            (Some(date), line, file.as_str()),
            (NaiveDate::from_ymd_opt(2020, 3, 11), 9, "W020200311222222222.jpg")
        );
    }

    fn page(lead: &str) -> Draft {
        let mut draft = Draft::default();
        draft.body.push(Unit::new(UnitKind::Para, lead, 1));
        draft.body.push(Unit::new(
            UnitKind::Figure { image: Some("W020200312585124799235.jpg".into()) },
            "图",
            3,
        ));
        draft
    }

    #[test]
    fn an_upload_date_beats_a_date_the_text_mentions_but_not_a_later_one() {
        use crate::ingest::meta::date_of;
        use crate::model::DateBasis;
        let dated = date_of(&mut page("3月11日，社区完成排查。"), Some(2020), None);
        assert_eq!(
            (dated.date, dated.basis),
            (NaiveDate::from_ymd_opt(2020, 3, 12), Some(DateBasis::PictureName))
        );
        // A picture uploaded before the news it illustrates is an old one.
        let dated = date_of(&mut page("3月15日，社区完成排查。"), Some(2020), None);
        assert_eq!((dated.date, dated.basis), (NaiveDate::from_ymd_opt(2020, 3, 15), Some(DateBasis::Text)));
        // A dateline beats it.
        let mut draft = page("排查。");
        draft.dateline = crate::ingest::text::parse_dateline("新华社武汉3月10日电 排查。");
        assert_eq!(date_of(&mut draft, Some(2020), None).basis, Some(DateBasis::Dateline));
    }
}
