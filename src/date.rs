//! Reading dates and the build clock.
//!
//! Job dates come as `YYYY-MM-DD`, TOML date and datetime values, or RFC 3339 strings with an
//! offset. The clock comes from `--now` or `SOURCE_DATE_EPOCH`; nothing here reads the system time.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Utc};

/// A date as the dataset gives it: the calendar day, and the moment when a time was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posted {
    pub date: NaiveDate,
    pub moment: DateTime<Utc>,
}

/// `2025-10-22`: what `format("%Y-%m-%d")` gives, without parsing a format on every call (a
/// large board formats hundreds of thousands of dates).
pub fn iso(date: NaiveDate) -> String {
    date.to_string()
}

/// `22 Oct 2025`: what `format("%-d %b %Y")` gives, likewise.
pub fn display(date: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS[date.month0() as usize % 12];
    format!("{} {month} {}", date.day(), date.year())
}

/// How long before `today` the `date` was, as people say it: "today", "yesterday", "3 days ago",
/// "2 weeks ago", "5 months ago", "2 years ago". The default theme's script says the same from
/// the reader's clock (keep the two alike).
pub fn ago(date: NaiveDate, today: NaiveDate) -> String {
    let days = (today - date).num_days();
    let (count, unit) = match days {
        ..=0 => return "today".into(),
        1 => return "yesterday".into(),
        2..=13 => (days, "day"),
        14..=59 => (days / 7, "week"),
        60..=729 => (days / 30, "month"),
        _ => (days / 365, "year"),
    };
    format!("{count} {unit}s ago")
}

/// Reads `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS[.fff]` (a local time is taken as UTC) or RFC 3339.
///
/// The calendar day is the one written, not the UTC day: `2025-10-22T23:30:00-05:00` is the 22nd.
pub fn parse_posted(text: &str) -> Option<Posted> {
    let text = text.trim();
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        && text.len() == 10
    {
        return Some(Posted {
            date,
            moment: date.and_time(NaiveTime::MIN).and_utc(),
        });
    }
    if let Ok(moment) = DateTime::parse_from_rfc3339(text) {
        return Some(Posted {
            date: moment.date_naive(),
            moment: moment.with_timezone(&Utc),
        });
    }
    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f"))
        .ok()?;
    Some(Posted {
        date: local.date(),
        moment: local.and_utc(),
    })
}

/// Reads a day only: `YYYY-MM-DD` or the day of an RFC 3339 time.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    parse_posted(text).map(|p| p.date)
}

/// Reads the build clock from `--now`: RFC 3339, `YYYY-MM-DD` (midnight UTC), a local
/// `YYYY-MM-DDTHH:MM:SS` taken as UTC, or seconds since the Unix epoch.
pub fn parse_clock(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text
            .parse::<i64>()
            .ok()
            .and_then(|secs| DateTime::from_timestamp(secs, 0));
    }
    parse_posted(text).map(|p| p.moment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_as_people_say_them() {
        let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date");
        let today = day("2025-10-22");
        let ago_of = |text: &str| ago(day(text), today);
        assert_eq!(ago_of("2025-10-23"), "today");
        assert_eq!(ago_of("2025-10-22"), "today");
        assert_eq!(ago_of("2025-10-21"), "yesterday");
        assert_eq!(ago_of("2025-10-19"), "3 days ago");
        assert_eq!(ago_of("2025-10-08"), "2 weeks ago");
        assert_eq!(ago_of("2025-05-22"), "5 months ago");
        assert_eq!(ago_of("2023-10-01"), "2 years ago");
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn reads_plain_days() {
        let p = parse_posted("2025-10-22").expect("a day");
        assert_eq!(p.date, day(2025, 10, 22));
        assert_eq!(p.moment.to_rfc3339(), "2025-10-22T00:00:00+00:00");
    }

    #[test]
    fn keeps_the_written_day_of_an_offset_time() {
        let p = parse_posted("2025-10-22T23:30:00-05:00").expect("rfc 3339");
        assert_eq!(p.date, day(2025, 10, 22));
        assert_eq!(p.moment.to_rfc3339(), "2025-10-23T04:30:00+00:00");
    }

    #[test]
    fn reads_local_datetimes_as_utc() {
        let p = parse_posted("2025-10-22T08:15:00").expect("local");
        assert_eq!(p.moment.to_rfc3339(), "2025-10-22T08:15:00+00:00");
        assert!(parse_posted("2025-10-22 08:15:00.5").is_some());
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for bad in [
            "2025-02-30",
            "yesterday",
            "",
            "22/10/2025",
            "2025-1-5",
            "2025-10-22Tnoon",
        ] {
            assert!(parse_posted(bad).is_none(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn reads_the_clock_in_every_form() {
        let z = "2025-10-22T20:30:00+00:00";
        assert_eq!(
            parse_clock("2025-10-22T20:30:00Z").map(|c| c.to_rfc3339()),
            Some(z.into())
        );
        assert_eq!(
            parse_clock("1761165000").map(|c| c.to_rfc3339()),
            Some(z.into())
        );
        assert_eq!(
            parse_clock("2025-10-22").map(|c| c.to_rfc3339()),
            Some("2025-10-22T00:00:00+00:00".into())
        );
        assert!(parse_clock("soon").is_none());
    }

    #[test]
    fn quick_formats_match_strftime() {
        let mut day = NaiveDate::from_ymd_opt(1999, 12, 25).expect("date");
        for _ in 0..800 {
            assert_eq!(iso(day), day.format("%Y-%m-%d").to_string());
            assert_eq!(display(day), day.format("%-d %b %Y").to_string());
            day = day + chrono::Days::new(11);
        }
    }
}
