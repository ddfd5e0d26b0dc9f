//! The calendar: day numbers and month arithmetic, in one place for the scheduler and every
//! output, on `jiff`'s proleptic Gregorian calendar.
//!
//! Nothing here fails or panics: arithmetic that would leave the dates a plan can hold
//! (`-9999-01-01` to `9999-12-31`) stops at the first or last of them, and a day of the month that
//! the target month lacks becomes that month's last day (January 31 + 1 month = February 28, or
//! 29 in a leap year).

use jiff::civil::{Date, date};
use jiff::{SignedDuration, Span};

/// Day number 0: 1970-01-01.
pub const EPOCH: Date = date(1970, 1, 1);

/// `day_number(Date::MIN)`: -9999-01-01.
pub const MIN_DAY: i64 = -4_371_587;
/// `day_number(Date::MAX)`: 9999-12-31.
pub const MAX_DAY: i64 = 2_932_896;

const SECONDS_PER_DAY: i64 = 86_400;

/// Days since 1970-01-01 (negative before), for arithmetic that does not allocate or fail.
pub fn day_number(d: Date) -> i64 {
    d.duration_since(EPOCH)
        .as_secs()
        .div_euclid(SECONDS_PER_DAY)
}

/// The date of a day number, clamped to the dates a plan can hold.
pub fn from_day_number(n: i64) -> Date {
    let n = n.clamp(MIN_DAY, MAX_DAY);
    EPOCH.saturating_add(SignedDuration::from_secs(n * SECONDS_PER_DAY))
}

/// Days from `from` to `to`: 1 from a day to the next, negative when `to` is earlier.
pub fn days_between(from: Date, to: Date) -> i64 {
    day_number(to) - day_number(from)
}

/// `n` days after `d` (before, when negative).
pub fn add_days(d: Date, n: i64) -> Date {
    from_day_number(day_number(d).saturating_add(n))
}

/// `n` calendar months after `d` (before, when negative); a day the month lacks becomes its
/// last day.
pub fn add_months(d: Date, n: i64) -> Date {
    // The largest span jiff holds is more than the whole range of dates, so clamping to it
    // changes nothing but keeps the span valid.
    d.saturating_add(Span::new().months(n.clamp(-239_976, 239_976)))
}

/// `n` calendar years after `d` (before, when negative); February 29 becomes February 28 in a
/// year that is not a leap year.
pub fn add_years(d: Date, n: i64) -> Date {
    d.saturating_add(Span::new().years(n.clamp(-19_998, 19_998)))
}

/// Whole calendar months from `from` to `to`, negative when `to` is earlier: a month counts once
/// its day of the month is reached (January 31 to February 28 is 0 months, to March 31 is 2).
pub fn whole_months(from: Date, to: Date) -> i64 {
    let mut months = (i64::from(to.year()) - i64::from(from.year())) * 12 + i64::from(to.month())
        - i64::from(from.month());
    if to.day() < from.day() && months > 0 {
        months -= 1;
    } else if to.day() > from.day() && months < 0 {
        months += 1;
    }
    months
}

/// The first day of the calendar quarter `d` falls in (January, April, July or October 1).
pub fn quarter_start(d: Date) -> Date {
    let m = (d.month() - 1) / 3 * 3 + 1;
    Date::new(d.year(), m, 1).unwrap_or(d)
}

/// The first day of the quarter after the one `d` falls in.
pub fn next_quarter(d: Date) -> Date {
    add_months(quarter_start(d), 3)
}

/// The Monday of the week a day number falls in (weeks run Monday to Sunday).
pub fn monday_of(day: i64) -> i64 {
    // 1970-01-01 was a Thursday.
    day - (day + 3).rem_euclid(7)
}

/// The `k`-th occurrence (0 is the first) of a series that starts on `first` and repeats
/// `every`: counted from the first, not from the previous one, so a monthly series from January
/// 31 falls on February 28 and then March 31.
pub fn nth_occurrence(first: Date, every: crate::plan::Duration, k: i64) -> Date {
    use crate::plan::DurationUnit;
    let n = i64::from(every.amount).saturating_mul(k);
    match every.unit {
        DurationUnit::Days => add_days(first, n),
        DurationUnit::Weeks => add_days(first, n.saturating_mul(7)),
        DurationUnit::Months => add_months(first, n),
        DurationUnit::Years => add_years(first, n),
    }
}

/// One occurrence of a series and its period: from its day to the day before the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub date: Date,
    /// The last day of its period (the day before the next occurrence).
    pub period_end: Date,
}

/// The occurrences of a series from `first` to `until` (both included), each with its period.
/// An `every` of 0 gives the first occurrence only (the reader refuses it).
pub fn series(first: Date, every: crate::plan::Duration, until: Date) -> Vec<Occurrence> {
    let mut out = Vec::new();
    if until < first {
        return out;
    }
    if every.amount == 0 {
        out.push(Occurrence {
            date: first,
            period_end: until,
        });
        return out;
    }
    let mut k = 0i64;
    let mut date = first;
    while date <= until {
        let next = nth_occurrence(first, every, k + 1);
        if next <= date {
            // The end of the calendar: nothing after it.
            out.push(Occurrence {
                date,
                period_end: date,
            });
            break;
        }
        out.push(Occurrence {
            date,
            period_end: add_days(next, -1),
        });
        k += 1;
        date = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Weekday;

    #[test]
    fn a_monthly_series_from_january_31_counts_from_the_first() {
        let every = crate::plan::Duration::parse("1 month").unwrap();
        let s = series(date(2026, 1, 31), every, date(2026, 5, 31));
        let dates: Vec<Date> = s.iter().map(|o| o.date).collect();
        assert_eq!(
            dates,
            [
                date(2026, 1, 31),
                date(2026, 2, 28),
                date(2026, 3, 31),
                date(2026, 4, 30),
                date(2026, 5, 31)
            ]
        );
        assert_eq!(s[0].period_end, date(2026, 2, 27));
        assert_eq!(s[1].period_end, date(2026, 3, 30));
        let q = series(
            date(2026, 3, 15),
            crate::plan::Duration::parse("3 months").unwrap(),
            date(2026, 12, 14),
        );
        assert_eq!(
            q.iter().map(|o| o.date).collect::<Vec<_>>(),
            [date(2026, 3, 15), date(2026, 6, 15), date(2026, 9, 15)]
        );
        let w = series(
            date(2026, 1, 5),
            crate::plan::Duration::parse("2 weeks").unwrap(),
            date(2026, 2, 2),
        );
        assert_eq!(
            w.iter().map(|o| o.date).collect::<Vec<_>>(),
            [date(2026, 1, 5), date(2026, 1, 19), date(2026, 2, 2)]
        );
        assert!(series(date(2026, 2, 1), every, date(2026, 1, 31)).is_empty());
    }

    #[test]
    fn day_numbers_count_days_from_1970_and_round_trip() {
        assert_eq!(day_number(date(1970, 1, 1)), 0);
        assert_eq!(day_number(date(1969, 12, 31)), -1);
        assert_eq!(day_number(date(2000, 3, 1)), 11_017);
        assert_eq!(day_number(Date::MIN), MIN_DAY);
        assert_eq!(day_number(Date::MAX), MAX_DAY);
        for d in [
            date(1970, 1, 1),
            date(2026, 1, 5),
            date(2028, 2, 29),
            date(2000, 2, 29),
            date(1900, 2, 28),
            date(1900, 3, 1),
            date(1600, 12, 31),
            date(-1, 12, 31),
            Date::MAX,
            Date::MIN,
        ] {
            assert_eq!(from_day_number(day_number(d)), d, "{d}");
        }
        // Every day of four years (a leap day among them) is one more than the one before.
        let mut d = date(2027, 12, 25);
        for _ in 0..(4 * 366) {
            let next = d.tomorrow().unwrap();
            assert_eq!(day_number(next), day_number(d) + 1, "{d}");
            assert_eq!(from_day_number(day_number(next)), next);
            d = next;
        }
    }

    #[test]
    fn day_numbers_beyond_the_calendar_stop_at_its_ends() {
        assert_eq!(from_day_number(i64::MAX), Date::MAX);
        assert_eq!(from_day_number(i64::MIN), Date::MIN);
        assert_eq!(add_days(Date::MAX, 1), Date::MAX);
        assert_eq!(add_days(Date::MIN, -1), Date::MIN);
        assert_eq!(add_days(Date::MAX, i64::MAX), Date::MAX);
        assert_eq!(add_months(Date::MAX, 1), Date::MAX);
        assert_eq!(add_months(Date::MIN, i64::MIN), Date::MIN);
        assert_eq!(add_years(date(9990, 6, 1), 150), Date::MAX);
    }

    #[test]
    fn days_across_month_ends_leap_days_and_years() {
        assert_eq!(days_between(date(2025, 12, 31), date(2026, 1, 5)), 5);
        assert_eq!(days_between(date(2026, 1, 5), date(2025, 12, 31)), -5);
        assert_eq!(days_between(date(2028, 2, 28), date(2028, 3, 1)), 2);
        assert_eq!(days_between(date(2027, 2, 28), date(2027, 3, 1)), 1);
        assert_eq!(days_between(date(2026, 1, 1), date(2027, 1, 1)), 365);
        assert_eq!(days_between(date(2028, 1, 1), date(2029, 1, 1)), 366);
        assert_eq!(add_days(date(2026, 12, 31), 1), date(2027, 1, 1));
        assert_eq!(add_days(date(2028, 2, 28), 1), date(2028, 2, 29));
        assert_eq!(add_days(date(2028, 3, 1), -1), date(2028, 2, 29));
        let (a, b) = (date(2026, 1, 5), date(2031, 6, 30));
        assert_eq!(
            days_between(a, b),
            i64::from(a.until(b).unwrap().get_days())
        );
    }

    #[test]
    fn months_end_on_the_last_day_the_month_has() {
        assert_eq!(add_months(date(2026, 1, 31), 1), date(2026, 2, 28));
        assert_eq!(add_months(date(2028, 1, 31), 1), date(2028, 2, 29));
        assert_eq!(add_months(date(2026, 3, 31), -1), date(2026, 2, 28));
        assert_eq!(add_months(date(2026, 8, 31), 1), date(2026, 9, 30));
        assert_eq!(add_months(date(2026, 11, 15), 2), date(2027, 1, 15));
        assert_eq!(add_months(date(2026, 1, 15), -1), date(2025, 12, 15));
        assert_eq!(add_months(date(2026, 5, 17), 18), date(2027, 11, 17));
        assert_eq!(add_years(date(2028, 2, 29), 1), date(2029, 2, 28));
        assert_eq!(add_years(date(2028, 2, 29), 4), date(2032, 2, 29));
        assert_eq!(add_years(date(2026, 6, 1), 150), date(2176, 6, 1));
    }

    #[test]
    fn whole_months_count_once_the_day_is_reached() {
        let dec31 = date(2026, 12, 31);
        assert_eq!(whole_months(dec31, date(2027, 1, 31)), 1);
        assert_eq!(whole_months(dec31, date(2027, 1, 30)), 0);
        assert_eq!(whole_months(dec31, date(2027, 2, 28)), 1);
        assert_eq!(whole_months(dec31, date(2027, 3, 31)), 3);
        assert_eq!(whole_months(dec31, date(2031, 6, 30)), 53);
        assert_eq!(whole_months(dec31, date(2026, 10, 31)), -2);
        assert_eq!(whole_months(dec31, date(2026, 12, 1)), 0);
        assert_eq!(whole_months(date(2026, 1, 15), date(2025, 12, 20)), 0);
        assert_eq!(whole_months(date(2028, 2, 29), date(2029, 2, 28)), 11);
        assert_eq!(whole_months(date(2026, 5, 1), date(2026, 5, 31)), 0);
    }

    #[test]
    fn quarters_start_in_january_april_july_and_october() {
        assert_eq!(quarter_start(date(2026, 8, 17)), date(2026, 7, 1));
        assert_eq!(quarter_start(date(2026, 1, 1)), date(2026, 1, 1));
        assert_eq!(quarter_start(date(2026, 3, 31)), date(2026, 1, 1));
        assert_eq!(quarter_start(date(2026, 12, 31)), date(2026, 10, 1));
        assert_eq!(next_quarter(date(2026, 11, 30)), date(2027, 1, 1));
        assert_eq!(next_quarter(date(2028, 2, 29)), date(2028, 4, 1));
        assert_eq!(next_quarter(Date::MAX), Date::MAX);
    }

    #[test]
    fn weeks_run_monday_to_sunday() {
        let mon = day_number(date(2026, 1, 5));
        assert_eq!(from_day_number(mon).weekday(), Weekday::Monday);
        assert_eq!(monday_of(mon), mon);
        assert_eq!(monday_of(mon + 6), mon);
        assert_eq!(monday_of(mon + 7), mon + 7);
        assert_eq!(monday_of(mon - 1), mon - 7);
        // A week across the new year: Thursday 2026-12-31 is in the week of Monday 12-28.
        assert_eq!(
            from_day_number(monday_of(day_number(date(2027, 1, 3)))),
            date(2026, 12, 28)
        );
        for n in [MIN_DAY + 7, -1, 0, 1, MAX_DAY - 7] {
            assert_eq!(
                from_day_number(monday_of(n)).weekday(),
                Weekday::Monday,
                "{n}"
            );
        }
    }
}
