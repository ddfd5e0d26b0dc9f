//! The shifts a plan's person works, week by week, and what they leave for development.
//!
//! A [`ShiftCalendar`] combines the plan's `capacity.rotation` (a repeating cycle) and the roster
//! file's shifts (a [`Roster`], handed over by the caller: the core reads no file). The roster
//! wins on the days it covers; outside them the rotation applies, or, with no rotation, no shifts
//! are known and every day is free. See `docs/roster.md`.
//!
//! # Why weeks, and why periodic
//!
//! A week (Monday to Sunday) is the unit of the weekly budget, so the calendar keeps, per week,
//! which days shifts block and the shift hours of each day. It never holds days of the horizon:
//! the weeks the roster file covers are worked out once, and a rotation's weeks repeat every
//! `len / gcd(len, 7)` weeks, so only that many are kept; any other week is looked up by its
//! place in the cycle. A week's development units come from those flags when asked
//! ([`ShiftCalendar::day_units_of_week`]): the simulation asks for runs of days of equal capacity
//! ([`ShiftCalendar::run_at`]) and jumps from run to run, so its cost grows with the runs it
//! walks through, not with the days of the horizon. Each schedule works the rotation's cycle out
//! once, day by day, with where each day's run ends ([`ShiftCalendar::runs`]): finding a run is
//! then a look-up, not a walk. Free days over a span (the explanations count them up to a due
//! date, for thousands of milestones) come from prefix counts over the cycle and the roster's
//! weeks ([`ShiftCalendar::free_days_in`]), not from asking day by day.
//!
//! # Rules
//!
//! - A shift touches every calendar day from its start to its end; one that ends exactly at
//!   midnight does not touch the next day. A shift that touches a later day than its start day is
//!   a night shift, and the last day it touches is a night's end.
//! - A day is blocked (not free) when a shift touches it (unless `study_on_shift_days`) or it is
//!   a night's end (unless `rest_after_night = false`). Breaks are applied by the scheduler on top
//!   (a break day gives nothing, as without shifts: its hours are not moved to other days).
//! - A shift's hours count for the week of the day it starts (the weekly limit, the outputs, and
//!   `per_week = "roster"` accrual).
//! - The week's units `W = 7 * round(hours_per_week * 100)` (that is `round(hours_per_week * 700)`
//!   for hours given to 1/100 hour, the scheduler's exact unit), cut to `max_week_hours` minus the
//!   week's shift hours, are shared over its `k` free days: `W / k` each, and the remainder one
//!   unit at a time to the first free days, so the week gives exactly `W`. A week without shifts
//!   gives `W / 7` a day, exactly what a plan without shifts gives.
//! - A rotation repeats backwards from its `start` too, with the same phase.

use jiff::civil::{Date, DateTime, Time};

use crate::calendar::{day_number, from_day_number, monday_of};
use crate::plan::{Capacity, Rotation};
use crate::roster::Roster;
use crate::schedule::hours_to_units;

/// One week of shifts, Monday (index 0) to Sunday.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Week {
    /// Units (1/700 h) of the shifts that start on each day.
    pub shift_units: [u64; 7],
    /// For each day with shifts starting on it: how many days after it the last of them ends
    /// (0: the same day).
    pub reach: [u8; 7],
    /// Bit `k`: day `k` is not free because of a shift or a night's end.
    pub blocked: u8,
}

impl Week {
    /// Units of every shift that starts in the week.
    pub fn shift_total(&self) -> u64 {
        self.shift_units.iter().sum()
    }

    /// Days free of shifts (breaks aside).
    pub fn free_days(&self) -> u32 {
        7 - self.blocked.count_ones()
    }
}

/// One shift as the calendar reads it: start, end and units.
#[derive(Debug, Clone, Copy)]
struct Worked {
    start: DateTime,
    end: DateTime,
    units: u64,
}

/// The shifts of a plan, by week. Built once per schedule preparation.
#[derive(Debug, Clone)]
pub struct ShiftCalendar {
    /// Weeks worked out one by one (the roster's, with a week of margin either side), from the
    /// Monday `explicit_from`.
    explicit_from: i64,
    explicit: Vec<Week>,
    /// The rotation's cycle of weeks, the first one the week of `rot_anchor` (a Monday).
    rot_anchor: i64,
    rot: Vec<Week>,
    /// `max_week_hours` in units.
    max_week_units: Option<u64>,
    /// Free days before each day of the explicit weeks (`explicit_free[k]`: in the first `k`
    /// days from `explicit_from`) and of the rotation's cycle from `rot_anchor`, so that the
    /// free days of any span are counted in a few steps ([`ShiftCalendar::free_days_in`]).
    explicit_free: Vec<u32>,
    rot_free: Vec<u32>,
    /// The days the roster file covers.
    pub covers: Option<(Date, Date)>,
    pub has_rotation: bool,
}

impl ShiftCalendar {
    /// The calendar of a plan's capacity and the roster read from its file, if any.
    pub fn new(capacity: &Capacity, roster: Option<&Roster>) -> ShiftCalendar {
        let flags = Flags {
            rest_after_night: capacity.rest_after_night,
            study_on_shift_days: capacity.study_on_shift_days,
        };
        let rotation = capacity.rotation.as_ref().filter(|r| !r.days.is_empty());
        let mut cal = ShiftCalendar {
            explicit_from: 0,
            explicit: Vec::new(),
            rot_anchor: 0,
            rot: Vec::new(),
            max_week_units: capacity.max_week_hours.map(hours_to_units),
            explicit_free: Vec::new(),
            rot_free: Vec::new(),
            covers: roster.and_then(|r| r.covers),
            has_rotation: rotation.is_some(),
        };
        if let Some(r) = rotation {
            let len = r.days.len() as i64;
            let weeks = len / gcd(len, 7);
            cal.rot_anchor = monday_of(day_number(r.start));
            cal.rot = (0..weeks)
                .map(|k| {
                    let monday = cal.rot_anchor + 7 * k;
                    week_of(monday, flags, |d, out| rotation_shift(r, d, out))
                })
                .collect();
        }
        if let (Some(roster), Some((a, b))) = (roster, cal.covers) {
            let (a, b) = (day_number(a), day_number(b.max(a)));
            cal.explicit_from = monday_of(a) - 7;
            let until = monday_of(b) + 7;
            let shifts = &roster.shifts;
            cal.explicit = (0..=(until - cal.explicit_from) / 7)
                .map(|k| {
                    let monday = cal.explicit_from + 7 * k;
                    week_of(monday, flags, |d, out| {
                        if (a..=b).contains(&d) {
                            let date = from_day_number(d);
                            let at = shifts.partition_point(|s| s.start.date() < date);
                            for s in shifts[at..].iter().take_while(|s| s.start.date() == date) {
                                if s.end > s.start {
                                    out.push(Worked {
                                        start: s.start,
                                        end: s.end,
                                        units: hours_to_units(s.hours),
                                    });
                                }
                            }
                        } else if let Some(r) = rotation {
                            rotation_shift(r, d, out);
                        }
                    })
                })
                .collect();
        }
        cal.explicit_free = free_prefix(&cal.explicit);
        cal.rot_free = free_prefix(&cal.rot);
        cal
    }

    fn explicit_end(&self) -> i64 {
        self.explicit_from + 7 * self.explicit.len() as i64
    }

    /// The week whose Monday is `monday`; `None` when no shifts are known for it.
    pub fn week(&self, monday: i64) -> Option<&Week> {
        if !self.explicit.is_empty() && (self.explicit_from..self.explicit_end()).contains(&monday)
        {
            return self
                .explicit
                .get(((monday - self.explicit_from) / 7) as usize);
        }
        if self.rot.is_empty() {
            return None;
        }
        let k = ((monday - self.rot_anchor) / 7).rem_euclid(self.rot.len() as i64);
        self.rot.get(k as usize)
    }

    /// Each day's development units in the week of `monday`, for `day_units` a day without shifts.
    pub fn day_units_of_week(&self, monday: i64, day_units: u64) -> [u64; 7] {
        match self.week(monday) {
            Some(w) => self.units_of(w, day_units),
            None => self.unshifted(day_units),
        }
    }

    /// Each day's development units in week `w`, for `day_units` a day without shifts.
    fn units_of(&self, w: &Week, day_units: u64) -> [u64; 7] {
        let mut budget = 7 * day_units;
        if let Some(max) = self.max_week_units {
            budget = budget.min(max.saturating_sub(w.shift_total()));
        }
        let free = w.free_days() as u64;
        let mut out = [0u64; 7];
        if free == 0 {
            return out;
        }
        let (each, mut rest) = (budget / free, budget % free);
        for (k, o) in out.iter_mut().enumerate() {
            if w.blocked & (1 << k) == 0 {
                *o = each + u64::from(rest > 0);
                rest = rest.saturating_sub(1);
            }
        }
        out
    }

    /// A week without shifts: `day_units` a day, cut to `max_week_hours` when that is lower.
    fn unshifted(&self, day_units: u64) -> [u64; 7] {
        match self.max_week_units {
            Some(max) if max < 7 * day_units => {
                let (each, rest) = (max / 7, max % 7);
                std::array::from_fn(|k| each + u64::from((k as u64) < rest))
            }
            _ => [day_units; 7],
        }
    }

    /// Whether the rotation gives no development time on any day of its cycle at `day_units` a
    /// day without shifts (every week without a free day, or with shifts that alone reach
    /// `max_week_hours`): then nothing can be placed once the roster file, if any, has ended.
    pub fn rotation_leaves_nothing(&self, day_units: u64) -> bool {
        !self.rot.is_empty()
            && self
                .rot
                .iter()
                .all(|w| self.units_of(w, day_units) == [0; 7])
    }

    /// The runs of equal capacity at `day_units` a day without shifts, for one simulation: the
    /// rotation's cycle worked out once, day by day, so that finding a run in it is a look-up.
    pub fn runs(&self, day_units: u64) -> Runs<'_> {
        let len = 7 * self.rot.len();
        let units: Vec<u64> = self
            .rot
            .iter()
            .flat_map(|w| self.units_of(w, day_units))
            .collect();
        // Days to the next day of the cycle with other units (0: every day has the same), by a
        // backward pass over two cycles.
        let mut next = vec![0u32; len];
        let mut change: Option<usize> = None;
        for i in (0..2 * len).rev() {
            let k = i % len;
            if i < len {
                next[k] = change.map_or(0, |c| (c - i) as u32);
            }
            if i > 0 && units[(i - 1) % len] != units[k] {
                change = Some(i);
            }
        }
        Runs {
            cal: self,
            day_units,
            units,
            next,
        }
    }

    /// The development units on `day` and the first later day whose units may differ (the runs
    /// of equal capacity the simulation jumps along). Looks at most a cycle ahead.
    pub fn run_at(&self, day: i64, day_units: u64) -> (u64, i64) {
        let structured = |d: i64| {
            let m = monday_of(d);
            !self.rot.is_empty()
                || (!self.explicit.is_empty()
                    && (self.explicit_from..self.explicit_end()).contains(&m))
        };
        if !structured(day) && self.max_week_units.is_none_or(|m| m >= 7 * day_units) {
            // No shifts known: flat until the roster's weeks begin, or for ever.
            let next = if self.explicit.is_empty() || day >= self.explicit_end() {
                i64::MAX
            } else {
                self.explicit_from
            };
            return (day_units, next);
        }
        let mut monday = monday_of(day);
        let mut units = self.day_units_of_week(monday, day_units);
        let here = units[(day - monday) as usize];
        let limit = day + 7 * (self.rot.len() as i64).max(1) + 7;
        let mut d = day + 1;
        while d < limit {
            if monday_of(d) != monday {
                monday = monday_of(d);
                units = self.day_units_of_week(monday, day_units);
            }
            if units[(d - monday) as usize] != here {
                break;
            }
            d += 1;
        }
        (here, d)
    }

    /// How many days of `a..=b` are free of shifts (breaks aside): the days [`Self::is_free`]
    /// says are, counted by spans (the roster's weeks, the rotation's whole cycles) instead of
    /// day by day.
    pub fn free_days_in(&self, a: i64, b: i64) -> i64 {
        let mut n = 0i64;
        let mut d = a;
        let (from, end) = (self.explicit_from, self.explicit_end());
        let explicit = !self.explicit.is_empty();
        while d <= b {
            if explicit && (from..end).contains(&d) {
                let e = b.min(end - 1);
                let at = |x: i64| i64::from(self.explicit_free[(x - from) as usize]);
                n += at(e + 1) - at(d);
                d = e + 1;
                continue;
            }
            let e = if explicit && d < from {
                b.min(from - 1)
            } else {
                b
            };
            n += if self.rot.is_empty() {
                e - d + 1
            } else {
                self.rot_free_before(e + 1) - self.rot_free_before(d)
            };
            d = e + 1;
        }
        n
    }

    /// The rotation's free days from its anchor Monday to the day before `x` (negative before
    /// the anchor), by whole cycles and the cycle's prefix.
    fn rot_free_before(&self, x: i64) -> i64 {
        let len = 7 * self.rot.len() as i64;
        let per_cycle = i64::from(self.rot_free[len as usize]);
        let off = x - self.rot_anchor;
        off.div_euclid(len) * per_cycle + i64::from(self.rot_free[off.rem_euclid(len) as usize])
    }

    /// Whether `day` is free of shifts (breaks aside).
    pub fn is_free(&self, day: i64) -> bool {
        let m = monday_of(day);
        self.week(m)
            .is_none_or(|w| w.blocked & (1 << (day - m)) == 0)
    }

    /// The last day touched by the shift that brings the shift units worked from `start` (shifts
    /// starting on or after it) to `target`; `None` when that does not happen before `limit`.
    pub fn accrue(&self, start: i64, target: u64, limit: i64) -> Option<i64> {
        if target == 0 {
            return Some(start);
        }
        let mut left = target;
        let mut monday = monday_of(start);
        while monday < limit {
            let after_explicit = self.explicit.is_empty() || monday >= self.explicit_end();
            if after_explicit && monday > start {
                if self.rot.is_empty() {
                    return None;
                }
                // Whole cycles at once: every week from here on is the rotation's.
                let cycle: u64 = self.rot.iter().map(Week::shift_total).sum();
                if cycle == 0 {
                    return None;
                }
                let n = (left - 1) / cycle;
                if n > 0 {
                    monday += 7 * self.rot.len() as i64 * n as i64;
                    left -= n * cycle;
                    continue;
                }
            }
            if let Some(w) = self.week(monday) {
                for k in 0..7 {
                    let d = monday + k as i64;
                    if d < start || w.shift_units[k] == 0 {
                        continue;
                    }
                    if w.shift_units[k] >= left {
                        return Some(d + i64::from(w.reach[k])).filter(|&f| f < limit);
                    }
                    left -= w.shift_units[k];
                }
            }
            monday += 7;
        }
        None
    }
}

/// A [`ShiftCalendar`]'s runs of equal capacity at one `day_units` ([`ShiftCalendar::runs`]).
#[derive(Debug, Clone)]
pub struct Runs<'a> {
    cal: &'a ShiftCalendar,
    day_units: u64,
    /// The rotation cycle's units, day by day from its anchor Monday.
    units: Vec<u64>,
    /// For each day of the cycle: how many days on the units change (0: never).
    next: Vec<u32>,
}

impl Runs<'_> {
    /// [`ShiftCalendar::run_at`], the same answer: from the table where the days it looks at
    /// are all the rotation's, else by walking the weeks.
    pub fn run_at(&self, day: i64) -> (u64, i64) {
        let cal = self.cal;
        if self.units.is_empty() {
            return cal.run_at(day, self.day_units);
        }
        let limit = day + 7 * cal.rot.len() as i64 + 7;
        let outside = cal.explicit.is_empty()
            || monday_of(limit) < cal.explicit_from
            || day >= cal.explicit_end();
        if !outside {
            return cal.run_at(day, self.day_units);
        }
        let k = (day - cal.rot_anchor).rem_euclid(self.units.len() as i64) as usize;
        let end = match self.next[k] {
            0 => limit,
            n => (day + i64::from(n)).min(limit),
        };
        (self.units[k], end)
    }
}

#[derive(Debug, Clone, Copy)]
struct Flags {
    rest_after_night: bool,
    study_on_shift_days: bool,
}

/// Free days before each day of consecutive weeks: `out[k]` counts the first `k` days.
fn free_prefix(weeks: &[Week]) -> Vec<u32> {
    let mut out = Vec::with_capacity(7 * weeks.len() + 1);
    let mut n = 0u32;
    out.push(0);
    for w in weeks {
        for k in 0..7 {
            n += u32::from(w.blocked & (1 << k) == 0);
            out.push(n);
        }
    }
    out
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 { a.max(1) } else { gcd(b, a % b) }
}

/// The rotation's shift starting on day `d`, if it is not a day off.
fn rotation_shift(r: &Rotation, d: i64, out: &mut Vec<Worked>) {
    let len = r.days.len() as i64;
    let i = (d - day_number(r.start)).rem_euclid(len) as usize;
    let Some(s) = r.days[i].and_then(|k| r.shifts.get(k)) else {
        return;
    };
    if s.hours <= 0.0 {
        return;
    }
    let start = from_day_number(d).to_datetime(Time::midnight())
        + jiff::Span::new().minutes(i64::from(s.start_minute));
    let secs = (s.hours * 3600.0).round() as i64;
    let end = start.saturating_add(jiff::Span::new().seconds(secs));
    out.push(Worked {
        start,
        end,
        units: hours_to_units(s.hours),
    });
}

/// The last calendar day a shift touches: its end day, or the day before when it ends exactly
/// at midnight.
fn last_day(s: &Worked) -> i64 {
    let e = day_number(s.end.date());
    if s.end.time() == Time::midnight() && s.end.date() > s.start.date() {
        e - 1
    } else {
        e
    }
}

/// The week of `monday`, from the shifts `shifts_on(day, out)` puts out for each day. Shifts
/// that start up to three days before it are looked at for the days they reach into it.
fn week_of(monday: i64, flags: Flags, mut shifts_on: impl FnMut(i64, &mut Vec<Worked>)) -> Week {
    let mut w = Week::default();
    let mut buf = Vec::new();
    for d in monday - 3..monday + 7 {
        buf.clear();
        shifts_on(d, &mut buf);
        for s in &buf {
            let first = day_number(s.start.date());
            let last = last_day(s).max(first);
            if (monday..monday + 7).contains(&d) {
                let k = (d - monday) as usize;
                w.shift_units[k] += s.units;
                w.reach[k] = w.reach[k].max((last - first).clamp(0, 255) as u8);
            }
            for t in first.max(monday)..=last.min(monday + 6) {
                let touched = !flags.study_on_shift_days;
                let night_end = flags.rest_after_night && t == last && last > first;
                if touched || night_end {
                    w.blocked |= 1 << (t - monday);
                }
            }
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::RotationShift;
    use jiff::civil::date;

    fn rotation(days: &str) -> Rotation {
        Rotation {
            start: date(2026, 1, 5),
            days: days
                .chars()
                .map(|c| match c {
                    'D' => Some(0),
                    'N' => Some(1),
                    _ => None,
                })
                .collect(),
            shifts: vec![
                RotationShift {
                    code: "D".into(),
                    start_minute: 7 * 60,
                    hours: 12.5,
                },
                RotationShift {
                    code: "N".into(),
                    start_minute: 19 * 60,
                    hours: 12.5,
                },
            ],
        }
    }

    fn capacity(days: &str, rest: bool, on_shift: bool) -> Capacity {
        Capacity {
            hours_per_week: 6.0,
            rest_after_night: rest,
            study_on_shift_days: on_shift,
            rotation: Some(rotation(days)),
            ..Capacity::default()
        }
    }

    #[test]
    fn a_night_touches_two_days_and_its_end_day_is_a_nights_end() {
        // 2026-01-05 is a Monday: N on Monday 19:00 ends Tuesday 07:30.
        let cal = ShiftCalendar::new(&capacity("N------", true, true), None);
        let m = day_number(date(2026, 1, 5));
        let w = cal.week(m).unwrap();
        // Shift days are allowed, but Tuesday is the night's end.
        assert_eq!(w.blocked, 0b10);
        assert_eq!(w.shift_units[0], hours_to_units(12.5));
        assert_eq!(w.reach[0], 1);
        let cal = ShiftCalendar::new(&capacity("N------", true, false), None);
        assert_eq!(cal.week(m).unwrap().blocked, 0b11);
        let cal = ShiftCalendar::new(&capacity("N------", false, true), None);
        assert_eq!(cal.week(m).unwrap().blocked, 0);
    }

    #[test]
    fn a_shift_ending_at_midnight_does_not_touch_the_next_day() {
        let mut c = capacity("D------", true, false);
        c.rotation.as_mut().unwrap().shifts[0] = RotationShift {
            code: "D".into(),
            start_minute: 12 * 60,
            hours: 12.0,
        };
        let cal = ShiftCalendar::new(&c, None);
        assert_eq!(cal.week(day_number(date(2026, 1, 5))).unwrap().blocked, 0b1);
    }

    #[test]
    fn a_sunday_night_reaches_into_the_next_week() {
        let cal = ShiftCalendar::new(&capacity("------N", true, false), None);
        let m = day_number(date(2026, 1, 5));
        // The cycle runs backwards too: the Sunday before the start is a night as well.
        assert_eq!(cal.week(m).unwrap().blocked, 0b100_0001);
        assert_eq!(cal.week(m + 7).unwrap().blocked, 0b100_0001);
        let cal = ShiftCalendar::new(&capacity("------N-", true, false), None);
        // 8-day cycle from Monday 2026-01-05: nights on 01-11 (a Sunday) and 01-19 (a Monday).
        assert_eq!(cal.week(m).unwrap().blocked, 0b100_0000);
        assert_eq!(cal.week(m + 7).unwrap().blocked, 0b000_0001);
        assert_eq!(cal.week(m + 14).unwrap().blocked, 0b000_0011);
    }

    #[test]
    fn the_weekly_share_is_exact() {
        // Three free days share 6 h = 4,200 units: 1,400 each; 5 h = 3,500: 1,167, 1,167, 1,166.
        let cal = ShiftCalendar::new(&capacity("DDDD---", true, false), None);
        let m = day_number(date(2026, 1, 5));
        assert_eq!(
            cal.day_units_of_week(m, 600),
            [0, 0, 0, 0, 1400, 1400, 1400]
        );
        let u = cal.day_units_of_week(m, 500);
        assert_eq!(u, [0, 0, 0, 0, 1167, 1167, 1166]);
        assert_eq!(u.iter().sum::<u64>(), 3500);
        // A week with no free day gives nothing.
        let cal = ShiftCalendar::new(&capacity("DDDDDDD", true, false), None);
        assert_eq!(cal.day_units_of_week(m, 600), [0; 7]);
    }

    #[test]
    fn the_weekly_limit_cuts_development() {
        let mut c = capacity("DDD----", true, false);
        // 37.5 h of shifts, a limit of 40 h: 2.5 h of development over four days.
        c.max_week_hours = Some(40.0);
        let cal = ShiftCalendar::new(&c, None);
        let m = day_number(date(2026, 1, 5));
        let u = cal.day_units_of_week(m, 600);
        assert_eq!(u.iter().sum::<u64>(), hours_to_units(2.5));
        c.max_week_hours = Some(30.0);
        let cal = ShiftCalendar::new(&c, None);
        assert_eq!(cal.day_units_of_week(m, 600), [0; 7]);
    }

    #[test]
    fn runs_are_days_of_equal_capacity() {
        let cal = ShiftCalendar::new(&capacity("DDD----", true, false), None);
        let m = day_number(date(2026, 1, 5));
        assert_eq!(cal.run_at(m, 600), (0, m + 3));
        assert_eq!(cal.run_at(m + 3, 600), (1050, m + 7));
    }

    #[test]
    fn accrual_counts_shift_hours_from_the_start() {
        let cal = ShiftCalendar::new(&capacity("DDD----NNN----", true, false), None);
        let m = day_number(date(2026, 1, 5));
        // 25 h: the second day shift, on Tuesday.
        assert_eq!(cal.accrue(m, hours_to_units(25.0), i64::MAX), Some(m + 1));
        // 75 h: the third night, which ends on the Thursday of the second week.
        assert_eq!(cal.accrue(m, hours_to_units(75.0), i64::MAX), Some(m + 10));
        // 750 h = 10 cycles of 75 h: the third night of the tenth cycle.
        assert_eq!(
            cal.accrue(m, hours_to_units(750.0), i64::MAX),
            Some(m + 9 * 14 + 10)
        );
        assert_eq!(cal.accrue(m, hours_to_units(750.0), m + 100), None);
    }

    #[test]
    fn the_runs_table_gives_what_the_walk_gives() {
        let m = day_number(date(2026, 1, 5));
        let roster = Roster {
            shifts: vec![crate::roster::Shift {
                start: date(2026, 3, 11).at(19, 0, 0, 0),
                end: date(2026, 3, 12).at(7, 30, 0, 0),
                hours: 12.5,
                label: "Night".into(),
            }],
            covers: Some((date(2026, 3, 9), date(2026, 3, 12))),
            warnings: Vec::new(),
        };
        for days in [
            "DD--NN---N-D---",
            "DDDDDDD",
            "-------",
            "N-",
            "DDD----NNN----",
        ] {
            for max in [None, Some(40.0), Some(6.5)] {
                let mut c = capacity(days, true, false);
                c.max_week_hours = max;
                for r in [None, Some(&roster)] {
                    let cal = ShiftCalendar::new(&c, r);
                    for day_units in [600, 500, 1] {
                        let runs = cal.runs(day_units);
                        for d in m - 200..m + 400 {
                            assert_eq!(
                                runs.run_at(d),
                                cal.run_at(d, day_units),
                                "{days} {max:?} {} on day {d}",
                                r.is_some()
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn free_days_are_counted_as_day_by_day() {
        let m = day_number(date(2026, 1, 5));
        let roster = Roster {
            shifts: vec![crate::roster::Shift {
                start: date(2026, 3, 11).at(19, 0, 0, 0),
                end: date(2026, 3, 12).at(7, 30, 0, 0),
                hours: 12.5,
                label: "Night".into(),
            }],
            covers: Some((date(2026, 3, 9), date(2026, 3, 12))),
            warnings: Vec::new(),
        };
        let with = capacity("DD--NN---N-D---", true, false);
        let without = Capacity {
            rotation: None,
            ..with.clone()
        };
        for c in [&with, &without] {
            for r in [None, Some(&roster)] {
                let cal = ShiftCalendar::new(c, r);
                for (a, b) in [
                    (m - 40, m + 200),
                    (m + 3, m + 3),
                    (m + 60, m + 70),
                    (m - 400, m - 390),
                    (m + 10, m + 9),
                    (m + 64, m + 1000),
                ] {
                    let by_day = (a..=b).filter(|&d| cal.is_free(d)).count() as i64;
                    assert_eq!(cal.free_days_in(a, b), by_day, "{a}..={b}");
                }
            }
        }
    }

    #[test]
    fn the_roster_wins_on_its_days_and_the_rotation_applies_after() {
        let c = capacity("DDDDDDD", true, false);
        let start = date(2026, 1, 14).at(19, 0, 0, 0);
        let roster = Roster {
            shifts: vec![crate::roster::Shift {
                start,
                end: date(2026, 1, 15).at(7, 30, 0, 0),
                hours: 12.5,
                label: "Night".into(),
            }],
            covers: Some((date(2026, 1, 12), date(2026, 1, 15))),
            warnings: Vec::new(),
        };
        let cal = ShiftCalendar::new(&c, Some(&roster));
        let m = day_number(date(2026, 1, 12));
        // Monday and Tuesday the roster has nothing; Wed-Thu the night; Fri-Sun the rotation.
        assert_eq!(cal.week(m).unwrap().blocked, 0b111_1100);
        assert_eq!(cal.week(m + 7).unwrap().blocked, 0b111_1111);
        let alone = ShiftCalendar::new(
            &Capacity {
                rotation: None,
                ..c
            },
            Some(&roster),
        );
        assert_eq!(alone.week(m + 7), Some(&Week::default()));
        assert_eq!(alone.week(m + 70), None);
        assert_eq!(alone.run_at(m + 70, 600), (600, i64::MAX));
    }
}
