//! The one date rule: a year the edition accepts lies in [`PLAUSIBLE_YEARS`].
//! Every reader of a year or date calls it: sidecars (`year`, `date`),
//! `edition.toml` (`default_year`), front matter (`date`), `set` fixes and
//! years read from the text. The range keeps dates serialisable as TOML
//! (four digits) and the timeline small.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer};
use std::fmt::Display;
use std::ops::RangeInclusive;
use toml::value::Datetime;

/// Years a date of this edition may have.
pub const PLAUSIBLE_YEARS: RangeInclusive<i32> = 1800..=2100;

/// Is `year` within [`PLAUSIBLE_YEARS`]?
pub fn is_plausible(year: i32) -> bool {
    PLAUSIBLE_YEARS.contains(&year)
}

/// `Err("<what> is outside 1800–2100: correct it")` when `year` is not
/// plausible; `what` names the value as the file has it (`year 99999`).
pub fn check_year(year: i32, what: impl Display) -> Result<(), String> {
    if is_plausible(year) {
        Ok(())
    } else {
        Err(format!("{what} is outside {}–{}: correct it", PLAUSIBLE_YEARS.start(), PLAUSIBLE_YEARS.end()))
    }
}

/// The calendar date of a TOML date; `None` for a time or a date-time.
pub fn calendar_date(datetime: &Datetime) -> Option<NaiveDate> {
    let date = datetime.date.filter(|_| datetime.time.is_none())?;
    NaiveDate::from_ymd_opt(i32::from(date.year), u32::from(date.month), u32::from(date.day))
}

/// A checked TOML date: a plain date (no time) in a plausible year.
pub fn check_toml_date(datetime: &Datetime) -> Result<NaiveDate, String> {
    let date = calendar_date(datetime)
        .ok_or_else(|| format!("`{datetime}` is not a plain date: write it as YYYY-MM-DD"))?;
    check_year(date.year(), format_args!("date {date}"))?;
    Ok(date)
}

/// A date as TOML writes it; `None` outside [`PLAUSIBLE_YEARS`], which is
/// what keeps every date ingest writes serialisable.
pub fn toml_date(date: NaiveDate) -> Option<Datetime> {
    if !is_plausible(date.year()) {
        return None;
    }
    Some(Datetime {
        date: Some(toml::value::Date {
            year: u16::try_from(date.year()).ok()?,
            month: u8::try_from(date.month()).ok()?,
            day: u8::try_from(date.day()).ok()?,
        }),
        time: None,
        offset: None,
    })
}

/// A plausible calendar date, or `None` (`2月30日`, year 20200).
pub fn plausible_ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).filter(|_| is_plausible(year))
}

/// `deserialize_with` for an optional year: the TOML error then points at
/// the value's line.
pub fn deserialize_year<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i32>, D::Error> {
    let year = i32::deserialize(deserializer)?;
    check_year(year, format_args!("year {year}")).map_err(serde::de::Error::custom)?;
    Ok(Some(year))
}

/// `deserialize_with` for an optional plain date in a plausible year.
pub fn deserialize_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Datetime>, D::Error> {
    let datetime = Datetime::deserialize(deserializer)?;
    check_toml_date(&datetime).map_err(serde::de::Error::custom)?;
    Ok(Some(datetime))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Doc {
        #[serde(default, deserialize_with = "deserialize_year")]
        year: Option<i32>,
        #[serde(default, deserialize_with = "deserialize_date")]
        date: Option<Datetime>,
    }

    fn parse(text: &str) -> Result<Doc, toml::de::Error> {
        toml::from_str(text)
    }

    #[test]
    fn the_range_is_1800_to_2100() {
        assert!(is_plausible(1800) && is_plausible(2020) && is_plausible(2100));
        assert!(!is_plausible(1799) && !is_plausible(2101) && !is_plausible(0) && !is_plausible(-5));
        assert_eq!(
            check_year(99999, "year 99999").unwrap_err(),
            "year 99999 is outside 1800–2100: correct it"
        );
    }

    #[test]
    fn a_bad_year_is_an_error_at_its_line() {
        let text = "# a sidecar\nyear = 99999\n";
        let err = parse(text).unwrap_err();
        assert_eq!(err.message(), "year 99999 is outside 1800–2100: correct it");
        assert_eq!(crate::error::toml_error_line(text, 1, &err), 2);
        assert!(parse("year = -5").is_err());
        assert!(parse("year = 0").is_err());
        assert_eq!(parse("year = 2020").unwrap().year, Some(2020));
        assert_eq!(parse("").unwrap().year, None);
    }

    #[test]
    fn dates_must_be_plain_and_plausible() {
        let text = "year = 2020\n\ndate = 9999-12-31\n";
        let err = parse(text).unwrap_err();
        assert_eq!(err.message(), "date 9999-12-31 is outside 1800–2100: correct it");
        assert_eq!(crate::error::toml_error_line(text, 1, &err), 3);
        assert!(parse("date = 2020-02-27T10:00:00").unwrap_err().message().contains("not a plain date"));
        assert!(parse("date = 2020-02-27").unwrap().date.is_some());
    }

    #[test]
    fn only_plausible_dates_become_toml() {
        let date = NaiveDate::from_ymd_opt(2020, 2, 27).unwrap();
        assert_eq!(toml_date(date).unwrap().to_string(), "2020-02-27");
        assert_eq!(toml_date(NaiveDate::from_ymd_opt(200, 2, 3).unwrap()), None);
        assert_eq!(plausible_ymd(2020, 2, 30), None);
        assert_eq!(plausible_ymd(20200, 2, 3), None);
    }
}
