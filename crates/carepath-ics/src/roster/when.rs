//! The date and time values of RFC 5545 (3.3.4 DATE, 3.3.5 DATE-TIME, 3.3.6 DURATION) as the
//! roster writes them. These are fixed-width digit strings; jiff checks that the day exists.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

/// A DTSTART, DTEND, EXDATE, RDATE, RECURRENCE-ID or UNTIL value.
#[derive(Debug, Clone)]
pub(super) enum When {
    /// `VALUE=DATE`: a whole day (an all-day event).
    Day(Date),
    /// A DATE-TIME ending in `Z`.
    Utc(DateTime),
    /// A DATE-TIME with neither `Z` nor `TZID`: the same wall-clock time in any zone, read in
    /// the roster's zone.
    Floating(DateTime),
    /// A DATE-TIME with a `TZID`.
    Zoned(DateTime, TimeZone),
}

impl When {
    /// The wall-clock time as written (a day: its midnight).
    pub fn civil(&self) -> DateTime {
        match self {
            When::Day(d) => d.to_datetime(jiff::civil::Time::midnight()),
            When::Utc(t) | When::Floating(t) | When::Zoned(t, _) => *t,
        }
    }

    /// The zone the value is written in: UTC, its TZID, or (floating, a day) `local`.
    pub fn zone(&self, local: &TimeZone) -> TimeZone {
        match self {
            When::Utc(_) => TimeZone::UTC,
            When::Zoned(_, tz) => tz.clone(),
            When::Day(_) | When::Floating(_) => local.clone(),
        }
    }
}

fn digits(s: &str) -> Option<i32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `YYYYMMDD`, a day that exists.
pub(super) fn parse_date(s: &str) -> Option<Date> {
    if s.len() != 8 || !s.is_ascii() {
        return None;
    }
    let y = i16::try_from(digits(&s[0..4])?).ok()?;
    let m = i8::try_from(digits(&s[4..6])?).ok()?;
    let d = i8::try_from(digits(&s[6..8])?).ok()?;
    Date::new(y, m, d).ok()
}

/// `YYYYMMDDTHHMMSS` with an optional `Z`: the wall-clock time and whether it is UTC.
pub(super) fn parse_date_time(s: &str) -> Option<(DateTime, bool)> {
    let (s, utc) = match s.strip_suffix(['Z', 'z']) {
        Some(rest) => (rest, true),
        None => (s, false),
    };
    if s.len() != 15 || !s.is_ascii() || !matches!(s.as_bytes()[8], b'T' | b't') {
        return None;
    }
    let day = parse_date(&s[0..8])?;
    let h = i8::try_from(digits(&s[9..11])?).ok()?;
    let m = i8::try_from(digits(&s[11..13])?).ok()?;
    let sec = i8::try_from(digits(&s[13..15])?).ok()?;
    let time = jiff::civil::Time::new(h, m, sec, 0).ok()?;
    Some((day.to_datetime(time), utc))
}

/// A DURATION value (`PT12H30M`, `P1D`, `P1W`, `-PT1H`), as a jiff span: weeks and days are
/// calendar days (a day across a clock change is 23 or 25 hours), hours and less are exact, as
/// RFC 5545 3.3.6 says. RFC 5545 durations are a subset of ISO 8601's, which jiff parses; what
/// jiff accepts beyond them (years, fractions) is accepted too.
pub(super) fn parse_duration(s: &str) -> Option<jiff::Span> {
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    s.parse::<jiff::Span>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn values_as_rfc_5545_writes_them() {
        assert_eq!(parse_date("20260308"), Some(date(2026, 3, 8)));
        assert_eq!(parse_date("20260230"), None, "February 30th does not exist");
        assert_eq!(parse_date("2026-03-08"), None);
        assert_eq!(
            parse_date_time("20260308T190000Z"),
            Some((date(2026, 3, 8).at(19, 0, 0, 0), true))
        );
        assert_eq!(
            parse_date_time("20260308T073000"),
            Some((date(2026, 3, 8).at(7, 30, 0, 0), false))
        );
        assert_eq!(parse_date_time("20260308T250000"), None);
        assert_eq!(parse_date_time("20260308 190000"), None);
        assert_eq!(parse_date_time("20260308T19000"), None);
        assert_eq!(
            parse_date_time("2026030８T190000"),
            None,
            "a non-ASCII digit"
        );
        let d = parse_duration("PT12H30M").unwrap();
        assert_eq!((d.get_hours(), d.get_minutes()), (12, 30));
        assert_eq!(parse_duration("P1W").unwrap().get_weeks(), 1);
        assert!(parse_duration("twelve hours").is_none());
    }
}
