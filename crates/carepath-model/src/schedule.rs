//! The scheduler: when each milestone starts and finishes, and which development hours go where.
//!
//! # Model
//!
//! - **Days, inclusive.** Time is counted in calendar days. A milestone occupies `[start, finish]`,
//!   both days included; a successor may start the day after its predecessor's finish.
//! - **Exact hours.** Development hours are counted in integer units of 1/700 hour
//!   ([`UNITS_PER_HOUR`]), so that a day's share of the weekly budget is exact: a day gives
//!   `round(hours_per_week * 100)` units (`hours_per_week / 7` hours, with `hours_per_week` taken to
//!   the nearest 1/100 hour) and `E` effort hours are `round(E * 700)` units. 30 hours at 5 hours a
//!   week therefore take exactly 42 days, alone or as a chain split on whole days (3 x 10 h,
//!   5 + 25 h). Split mid-day, each link can leave the rest of one day unused, since a successor
//!   starts the day after its predecessor finishes (and others may use that rest).
//! - **Breaks** (`capacity.breaks`, `from..=to`) give no development hours. Accrual
//!   (`measure.per_week`) and `duration` keep running through them.
//! - **Start** is the latest of the plan start, `not_before` and the day after every `after`
//!   milestone's finish.
//! - **Finish** is the latest of: `start + duration - 1 day` (calendar months and years, see
//!   [`Duration::after`](crate::plan::Duration::after)); `start + ceil(target / per_week * 7) - 1 days` where the measure
//!   accrues `per_week`; and the day the last unit of effort is worked. A milestone with none of
//!   these finishes on its start day.
//! - **Allocation.** Each day, the ready milestones (start reached, effort left) are taken in
//!   priority order and each gets as many of the day's hours as it can still use, on at most
//!   `capacity.max_parallel` milestones that day; a milestone that only waits out its duration or
//!   accrual holds no slot. No hour is left idle while ready work waits (unless every slot is
//!   taken).
//! - **Priority** is, in order: the *effective due date*, earliest first and none last (a
//!   milestone's own `due`, or else the earliest effective due date of the milestones after it:
//!   work that feeds a deadline inherits it); then the longest chain of work after it (the
//!   estimated days along the critical path of its successors), longest first; then file order.
//! - **Guard.** Nothing is scheduled on or after [`HORIZON_YEARS`] years past the first day work
//!   may happen: a milestone that cannot finish before that day is *unschedulable*, its window is
//!   clamped to end on that day, and the caller reports it. The scheduler never loops forever.
//!
//! The simulation jumps from event to event (a milestone becoming ready, a break, a milestone
//! finishing): while nothing changes, the first in line takes whole days in one step. Its cost
//! grows with the number of milestones, links and breaks, not with the number of days: about
//! `O((n + e + b) log n)` for `n` milestones, `e` dependency links and `b` breaks. Priorities are
//! static, so the ready milestones live in a 64-ary bitmap over their ranks (`RankSet`: the
//! first in line in a few word operations), and what every schedule of a plan shares (priority
//! order, links as flat arrays, timing) is worked out once ([`Prepared`]).
//!
//! Two schedules come from one plan: the [`baseline`] (the plan as written, from `start`) and the
//! [`forecast`] (from the as-of date, with `done` dates and the progress log; see there).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use std::sync::Arc;

use jiff::civil::Date;

use crate::CheckedPlan;
use crate::plan::{Milestone, Plan};
use crate::shifts::ShiftCalendar;

/// Development time is counted in units of 1/700 hour, so a day's share of a week is exact.
pub const UNITS_PER_HOUR: u64 = 700;

/// Nothing is scheduled this many years or more after the first day work may happen.
pub const HORIZON_YEARS: i16 = 150;

/// Hours as whole units (1/700 hour), rounded; negative or not-a-number hours are 0.
pub fn hours_to_units(hours: f64) -> u64 {
    if hours.is_finite() && hours > 0.0 {
        // Far beyond any plan (about 1.3e12 hours), and small enough to never overflow sums.
        (hours * UNITS_PER_HOUR as f64).round().min(1e15) as u64
    } else {
        0
    }
}

/// Units back to hours.
pub fn units_to_hours(units: u64) -> f64 {
    units as f64 / UNITS_PER_HOUR as f64
}

/// The development units one day gives at `hours_per_week`: `round(hours_per_week * 100)`.
pub fn day_units(hours_per_week: f64) -> u64 {
    if hours_per_week.is_finite() && hours_per_week > 0.0 {
        (hours_per_week * 100.0).round().min(1e13) as u64
    } else {
        0
    }
}

use crate::calendar::{MAX_DAY, MIN_DAY};
pub use crate::calendar::{day_number, from_day_number, monday_of};

/// The first day on which nothing may be scheduled any more.
pub fn horizon(first_work_day: Date) -> Date {
    crate::calendar::add_years(first_work_day, i64::from(HORIZON_YEARS))
}

/// Days of accrual a measure with `per_week` implies: `ceil(target / per_week * 7)`.
pub fn accrual_days(m: &Milestone) -> Option<i64> {
    let measure = m.measure.as_ref()?;
    let (target, per_week) = (measure.target?, measure.per_week?);
    if !(target > 0.0 && per_week > 0.0) {
        return None;
    }
    let days = (target / per_week * 7.0 - 1e-9).ceil();
    Some(if days.is_finite() {
        days.clamp(0.0, 10_000_000.0) as i64
    } else {
        10_000_000
    })
}

/// The shift units a `per_week = "roster"` measure accrues to: its target, in hours; 0 for a
/// measure that does not accrue from shifts.
pub fn shift_target(m: &Milestone) -> u64 {
    match m.measure.as_ref() {
        Some(x) if x.per_week_roster => x.target.map_or(0, hours_to_units),
        _ => 0,
    }
}

/// What progress is counted against: the measure's target, else `effort_hours`; none when
/// neither is positive.
pub fn target_of(m: &Milestone) -> Option<f64> {
    match m.measure.as_ref().and_then(|x| x.target) {
        Some(t) if t > 0.0 => Some(t),
        _ if m.effort_hours > 0.0 => Some(m.effort_hours),
        _ => None,
    }
}

/// What the progress log says about one milestone, as of a date.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Logged {
    /// The amount logged up to and including the as-of date, in the milestone's unit.
    pub amount: f64,
    /// The first log date up to the as-of date.
    pub first: Option<Date>,
    /// The date of the entry whose running total reached the target, if one did.
    pub reached: Option<Date>,
}

/// The progress log as of `as_of`, one entry per milestone (entries after `as_of` are left out).
/// Entries are taken in date order, entries of one day in file order.
pub fn logged(plan: &CheckedPlan, as_of: Date) -> Vec<Logged> {
    let p = plan.plan();
    let mut out = vec![Logged::default(); p.milestones.len()];
    let mut entries: Vec<&crate::plan::ProgressEntry> =
        p.progress.iter().filter(|e| e.date <= as_of).collect();
    entries.sort_by_key(|e| e.date);
    for e in entries {
        let Some(i) = plan.milestone(&e.milestone) else {
            continue;
        };
        let l = &mut out[i];
        l.amount += e.amount.max(0.0);
        l.first = Some(l.first.map_or(e.date, |f| f.min(e.date)));
        if l.reached.is_none()
            && let Some(t) = target_of(&p.milestones[i])
            && l.amount >= t - 1e-9
        {
            l.reached = Some(e.date);
        }
    }
    out
}

/// Effort hours still to work once `logged` is deducted: in proportion to the measure where the
/// milestone has a target, else hour for hour from `effort_hours`.
pub fn remaining_hours(m: &Milestone, logged: f64) -> f64 {
    let left = match m.measure.as_ref().and_then(|x| x.target) {
        Some(t) if t > 0.0 => m.effort_hours * (1.0 - logged / t),
        _ => m.effort_hours - logged,
    };
    left.max(0.0)
}

/// What decided a milestone's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartBound {
    /// The plan's `start`.
    PlanStart,
    /// Its `not_before`.
    NotBefore,
    /// The finish of this milestone (an index) in its `after`.
    After(usize),
    /// Forecast: its first progress log date.
    Logged,
    /// Forecast: it is done (the earlier of its baseline start and its done date).
    Done,
}

/// What decided a milestone's finish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinishBound {
    /// Nothing to wait for: it finishes on its start day.
    Start,
    /// Its `duration`.
    Duration,
    /// Its accrual at `measure.per_week`.
    Accrual,
    /// The last hour of its effort.
    Effort,
    /// Forecast: its done date.
    Done,
    /// It cannot finish before the horizon.
    Never,
}

/// Hours given to one milestone on each day of `first..=last`, in units of 1/700 hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub milestone: usize,
    pub first: Date,
    pub last: Date,
    pub units_per_day: u64,
}

/// One schedule (baseline or forecast), per milestone in file order.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub start: Vec<Date>,
    pub finish: Vec<Date>,
    pub start_bound: Vec<StartBound>,
    pub finish_bound: Vec<FinishBound>,
    /// Milestones that cannot finish before [`Schedule::horizon`].
    pub unschedulable: Vec<bool>,
    /// The effort units each milestone had to work in this schedule.
    pub work: Vec<u64>,
    /// Every development hour, as runs of days: `(milestone, first day, last day, units a day)`
    /// with days as [`day_number`]s (see [`Schedule::runs`] for dates).
    raw_runs: Vec<(usize, i64, i64, u64)>,
    /// Units a day gives outside breaks.
    pub day_units: u64,
    /// The breaks, merged and sorted, as inclusive day ranges.
    pub breaks: Vec<(Date, Date)>,
    /// No work is placed before this day.
    pub work_from: Date,
    /// Nothing is scheduled on or after this day.
    pub horizon: Date,
    pub hours_per_week: f64,
    pub max_parallel: u32,
    /// The plan's shifts, when it has a rotation or a roster: they decide each day's units.
    pub shifts: Option<Arc<ShiftCalendar>>,
}

impl Schedule {
    /// Whether `day` is in one of the plan's breaks.
    pub fn in_break(&self, day: Date) -> bool {
        self.breaks.iter().any(|&(a, b)| a <= day && day <= b)
    }

    /// Units available on a day (0 in a break; around shifts, the day's share of its week).
    pub fn capacity_on(&self, day: Date) -> u64 {
        if self.breaks.iter().any(|&(a, b)| a <= day && day <= b) {
            return 0;
        }
        match &self.shifts {
            Some(c) => {
                let d = day_number(day);
                let m = monday_of(d);
                c.day_units_of_week(m, self.day_units)[(d - m) as usize]
            }
            None => self.day_units,
        }
    }

    /// Every development hour, as runs of days, in the order they were given.
    pub fn runs(&self) -> Vec<Run> {
        self.raw_runs
            .iter()
            .map(|&(m, a, b, u)| Run {
                milestone: m,
                first: from_day_number(a),
                last: from_day_number(b),
                units_per_day: u,
            })
            .collect()
    }

    /// Every day's allocations, `(milestone, units)` in the order they were given. Meant for
    /// inspection and tests: it expands every run day by day.
    pub fn daily(&self) -> std::collections::BTreeMap<Date, Vec<(usize, u64)>> {
        let mut out: std::collections::BTreeMap<Date, Vec<(usize, u64)>> = Default::default();
        for &(m, a, b, u) in &self.raw_runs {
            for d in a..=b {
                out.entry(from_day_number(d)).or_default().push((m, u));
            }
        }
        out
    }

    /// Development units per week (keyed by the week's Monday as a day number).
    pub(crate) fn weekly_units(&self, first_monday: i64, weeks: usize) -> Vec<u64> {
        let mut out = vec![0u64; weeks];
        for &(_, first, b, units_per_day) in &self.raw_runs {
            let mut a = first;
            while a <= b {
                let monday = monday_of(a);
                let end = (monday + 6).min(b);
                let w = (monday - first_monday).div_euclid(7);
                if w >= 0 && (w as usize) < weeks {
                    out[w as usize] += units_per_day * (end - a + 1) as u64;
                }
                a = end + 1;
            }
        }
        out
    }
}

/// What every schedule of one plan shares, worked out once: the priority order, the `after`
/// links as flat arrays, and each milestone's own timing and effort. Flat arrays keep even a
/// 100,000-milestone simulation close to the processor.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Milestone indices, first in line first.
    order: Vec<u32>,
    /// Each milestone's place in `order`.
    rank: Vec<u32>,
    /// Successors of milestone `i`: `succ[succ_at[i]..succ_at[i + 1]]`.
    succ_at: Vec<u32>,
    succ: Vec<u32>,
    preds: Vec<u32>,
    /// The earliest start on its own: the plan start, or `not_before` when later.
    lower: Vec<(i64, StartBound)>,
    timing: Vec<Timing>,
    effort: Vec<u64>,
    /// The plan's shifts, when it has a rotation or a roster.
    shifts: Option<Arc<ShiftCalendar>>,
}

/// What a milestone waits out once started.
#[derive(Debug, Clone, Copy)]
struct Timing {
    duration: Option<crate::plan::Duration>,
    /// Days of accrual; 0 for none.
    accrual: i64,
    /// Shift units to accrue (`per_week = "roster"`); 0 for none.
    shift_target: u64,
}

impl Prepared {
    pub fn new(plan: &CheckedPlan) -> Prepared {
        let p = plan.plan();
        let n = p.milestones.len();
        let mut succ_at = Vec::with_capacity(n + 1);
        let mut succ = Vec::new();
        for i in 0..n {
            succ_at.push(succ.len() as u32);
            succ.extend(plan.succs(i).iter().map(|&s| s as u32));
        }
        succ_at.push(succ.len() as u32);
        let start = day_number(p.start);
        let mut prepared = Prepared {
            order: Vec::new(),
            rank: vec![0; n],
            succ_at,
            succ,
            preds: (0..n).map(|i| plan.preds(i).len() as u32).collect(),
            lower: p
                .milestones
                .iter()
                .map(|m| match m.not_before {
                    Some(nb) if nb > p.start => (day_number(nb), StartBound::NotBefore),
                    _ => (start, StartBound::PlanStart),
                })
                .collect(),
            timing: p
                .milestones
                .iter()
                .map(|m| Timing {
                    duration: m.duration,
                    accrual: accrual_days(m).unwrap_or(0),
                    shift_target: shift_target(m),
                })
                .collect(),
            effort: p
                .milestones
                .iter()
                .map(|m| hours_to_units(m.effort_hours))
                .collect(),
            shifts: p
                .capacity
                .has_shifts()
                .then(|| Arc::new(ShiftCalendar::new(&p.capacity, plan.roster()))),
        };
        prepared.order = priority_order(plan, &prepared, day_units(p.capacity.hours_per_week));
        for (r, &i) in prepared.order.iter().enumerate() {
            prepared.rank[i as usize] = r as u32;
        }
        prepared
    }

    /// Milestone indices, first in line first.
    pub fn order(&self) -> impl Iterator<Item = usize> + '_ {
        self.order.iter().map(|&i| i as usize)
    }

    fn succs(&self, i: usize) -> &[u32] {
        &self.succ[self.succ_at[i] as usize..self.succ_at[i + 1] as usize]
    }

    /// The last day `i` waits out when it starts on `start`, and what decides it.
    fn timed_end(&self, i: usize, start: i64) -> (i64, FinishBound) {
        let t = self.timing[i];
        let mut end = start;
        let mut by = FinishBound::Start;
        if let Some(d) = t.duration {
            let e = duration_end(d, start);
            if e > end {
                end = e;
                by = FinishBound::Duration;
            }
        }
        if t.accrual > 0 {
            let e = start + t.accrual - 1;
            if e > end {
                end = e;
                by = FinishBound::Accrual;
            }
        }
        if t.shift_target > 0 {
            let e = self
                .shifts
                .as_ref()
                .and_then(|c| c.accrue(start, t.shift_target, MAX_DAY))
                .unwrap_or(MAX_DAY);
            if e > end {
                end = e;
                by = FinishBound::Accrual;
            }
        }
        (end, by)
    }
}

/// The baseline: the plan as written, from `start`, ignoring `done` dates and the progress log.
pub fn baseline(plan: &CheckedPlan) -> Schedule {
    baseline_with(
        plan,
        &Prepared::new(plan),
        plan.plan().capacity.hours_per_week,
    )
}

/// The baseline with a plan's shared data and a weekly budget.
pub fn baseline_with(plan: &CheckedPlan, prepared: &Prepared, hours_per_week: f64) -> Schedule {
    let inputs = Inputs {
        work: prepared.effort.clone(),
        done: Vec::new(),
        logged: Vec::new(),
    };
    simulate(plan, prepared, inputs, plan.plan().start, hours_per_week)
}

/// The forecast from `as_of`:
/// - a `done` milestone (or one whose logged amount reached its target, on the date of the entry
///   that reached it) finishes on its done date and starts on the earlier of its baseline start
///   and that date;
/// - a milestone with logged progress has started: it starts on the earlier of its first log
///   date and the day the forecast would start it anyway (its predecessors' finish, `not_before`,
///   the plan start). So a predecessor not marked done that would finish later is taken as
///   finished by the first log date (the caller warns: mark it done), while a monthly log written
///   at the end of a month does not push back a milestone that could start earlier. Its duration
///   and accrual count from that start;
/// - logged progress is deducted from the remaining effort ([`remaining_hours`]);
/// - no remaining work is placed before `as_of`.
pub fn forecast(
    plan: &CheckedPlan,
    prepared: &Prepared,
    base: &Schedule,
    as_of: Date,
    logs: &[Logged],
    hours_per_week: f64,
) -> Schedule {
    let p = plan.plan();
    let n = p.milestones.len();
    let mut inputs = Inputs {
        work: Vec::with_capacity(n),
        done: Vec::with_capacity(n),
        logged: Vec::with_capacity(n),
    };
    for (i, m) in p.milestones.iter().enumerate() {
        let log = &logs[i];
        let done = m.done.or(log.reached);
        // Only a done milestone reads its baseline start; extra milestones after the baseline's own
        // (renewals) are never done.
        let started = |d: Date| base.start.get(i).map_or(d, |&s| s.min(d));
        inputs
            .done
            .push(done.map(|d| (day_number(started(d)), day_number(d))));
        inputs.logged.push(match (done, log.first) {
            (None, Some(first)) => Some(day_number(first)),
            _ => None,
        });
        inputs.work.push(if done.is_some() {
            0
        } else {
            hours_to_units(remaining_hours(m, log.amount))
        });
    }
    simulate(plan, prepared, inputs, as_of.max(p.start), hours_per_week)
}

/// What one schedule is made from, per milestone.
struct Inputs {
    /// Effort units to work.
    work: Vec<u64>,
    /// Forecast: start and finish of done milestones (empty for the baseline).
    done: Vec<Option<(i64, i64)>>,
    /// Forecast: the first log date of milestones with progress (empty for the baseline).
    logged: Vec<Option<i64>>,
}

/// Merged, sorted break ranges as day numbers.
fn merged_breaks(plan: &Plan) -> Vec<(i64, i64)> {
    let mut v: Vec<(i64, i64)> = plan
        .capacity
        .breaks
        .iter()
        .filter(|b| b.from <= b.to)
        .map(|b| (day_number(b.from), day_number(b.to)))
        .collect();
    v.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(v.len());
    for (a, b) in v {
        match out.last_mut() {
            Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// Milestone indices in priority order (see the module docs).
fn priority_order(plan: &CheckedPlan, prepared: &Prepared, day_units: u64) -> Vec<u32> {
    let p = plan.plan();
    let n = p.milestones.len();
    let start = day_number(p.start);
    let mut due: Vec<Option<i64>> = p.milestones.iter().map(|m| m.due.map(day_number)).collect();
    let est: Vec<i64> = (0..n)
        .map(|i| {
            let t = prepared.timing[i];
            let dur = t.duration.map_or(0, |d| duration_end(d, start) + 1 - start);
            let work = prepared.effort[i];
            let eff = if work == 0 {
                0
            } else {
                work.div_ceil(day_units.max(1)).min(10_000_000) as i64
            };
            let shifted = if t.shift_target > 0 {
                prepared
                    .shifts
                    .as_ref()
                    .and_then(|c| c.accrue(start, t.shift_target, start + 10_000_000))
                    .map_or(10_000_000, |e| e + 1 - start)
            } else {
                0
            };
            dur.max(t.accrual).max(eff).max(shifted)
        })
        .collect();
    let mut chain = vec![0i64; n];
    for &i in plan.topo_order().iter().rev() {
        let mut best = 0i64;
        let mut inherited: Option<i64> = None;
        for &s in prepared.succs(i) {
            let s = s as usize;
            best = best.max(est[s] + chain[s]);
            if let Some(d) = due[s] {
                inherited = Some(inherited.map_or(d, |x: i64| x.min(d)));
            }
        }
        chain[i] = best;
        if due[i].is_none() {
            due[i] = inherited;
        }
    }
    // One integer per milestone, so the sort compares plain numbers: from the top bit down, no
    // due date (1 sorts last), the due date, the chain after it (inverted: longest first), the
    // file index. Keys are unique, so an unstable sort is deterministic.
    let mut keys: Vec<u128> = (0..n)
        .map(|i| {
            let (none, d) = match due[i] {
                Some(d) => (0u128, (d - MIN_DAY).clamp(0, (1 << 24) - 1) as u128),
                None => (1, 0),
            };
            let c = ((1i64 << 40) - 1 - chain[i].clamp(0, (1 << 40) - 1)) as u128;
            (none << 120) | (d << 96) | (c << 56) | i as u128
        })
        .collect();
    keys.sort_unstable();
    keys.into_iter()
        .map(|k| (k & ((1 << 56) - 1)) as u32)
        .collect()
}

/// The last day of a duration that begins on `start`: days and weeks by arithmetic, months and
/// years on the calendar.
fn duration_end(d: crate::plan::Duration, start: i64) -> i64 {
    use crate::plan::DurationUnit;
    match d.unit {
        DurationUnit::Days => start + i64::from(d.amount) - 1,
        DurationUnit::Weeks => start + 7 * i64::from(d.amount) - 1,
        DurationUnit::Months | DurationUnit::Years => {
            day_number(d.after(from_day_number(start))) - 1
        }
    }
}

/// One milestone in the simulation; kept together so that finishing a milestone touches one
/// cache line per successor.
#[derive(Debug, Clone, Copy)]
struct State {
    /// The earliest start so far, and what set it.
    es: i64,
    bound: StartBound,
    /// `i64::MIN` until released.
    start: i64,
    /// `i64::MIN` until finished.
    finish: i64,
    /// The end of its waiting time (duration, accrual), once released.
    timed: i64,
    timed_by: FinishBound,
    finish_by: FinishBound,
    left: u64,
    waiting: u32,
    /// Released, or about to be: no longer waits for predecessors.
    queued: bool,
}

/// A pending milestone as one integer (day, then rank), so the heap compares plain numbers.
fn pending_key(day: i64, rank: u32) -> u64 {
    (((day.clamp(MIN_DAY, MAX_DAY) - MIN_DAY) as u64) << 32) | u64::from(rank)
}

fn pending_day(key: u64) -> i64 {
    (key >> 32) as i64 + MIN_DAY
}

/// The simulation shared by both schedules.
struct Sim<'a> {
    prepared: &'a Prepared,
    inputs: Inputs,
    state: Vec<State>,
    to_release: Vec<u32>,
    /// Milestones with work whose start is still ahead, as [`pending_key`]s.
    pending: BinaryHeap<Reverse<u64>>,
    work_from: i64,
}

impl Sim<'_> {
    fn release_all(&mut self) {
        while let Some(i) = self.to_release.pop() {
            let i = i as usize;
            let done = self.inputs.done.get(i).copied().flatten();
            let logged = self.inputs.logged.get(i).copied().flatten();
            let st = &mut self.state[i];
            let (mut s, mut b) = match done {
                Some((s, _)) => (s, StartBound::Done),
                None => (st.es, st.bound),
            };
            if let Some(l) = logged
                && l < s
            {
                (s, b) = (l, StartBound::Logged);
            }
            st.start = s;
            st.bound = b;
            if let Some((_, f)) = done {
                st.finish_by = FinishBound::Done;
                self.finished(i, f);
                continue;
            }
            let (t, by) = self.prepared.timed_end(i, s);
            let st = &mut self.state[i];
            st.timed = t;
            st.timed_by = by;
            if st.left == 0 {
                st.finish_by = by;
                self.finished(i, t);
            } else {
                self.pending.push(Reverse(pending_key(
                    s.max(self.work_from),
                    self.prepared.rank[i],
                )));
            }
        }
    }

    /// The last effort unit of `i` was worked on `day`.
    fn work_done(&mut self, i: usize, day: i64) {
        let st = &mut self.state[i];
        let f = if st.timed > day {
            st.finish_by = st.timed_by;
            st.timed
        } else {
            st.finish_by = FinishBound::Effort;
            day
        };
        self.finished(i, f);
        self.release_all();
    }

    fn finished(&mut self, i: usize, f: i64) {
        self.state[i].finish = f;
        for &s in self.prepared.succs(i) {
            let st = &mut self.state[s as usize];
            if st.queued {
                continue;
            }
            if f + 1 > st.es {
                st.es = f + 1;
                st.bound = StartBound::After(i);
            }
            st.waiting -= 1;
            if st.waiting == 0 {
                st.queued = true;
                self.to_release.push(s);
            }
        }
    }
}

/// A set of ranks `0..n` whose smallest member is found in a few steps: a bitmap with a summary
/// bitmap per level (64-ary), so insert, remove and min touch one word per level (3 levels for
/// 262,144 milestones). The ready milestones live here, keyed by their priority rank.
struct RankSet {
    /// `levels[0]` has a bit per rank; each level above has a bit per non-empty word below.
    levels: Vec<Vec<u64>>,
}

impl RankSet {
    fn new(n: usize) -> RankSet {
        let mut levels = Vec::new();
        let mut len = n.max(1);
        loop {
            let words = len.div_ceil(64);
            levels.push(vec![0u64; words]);
            if words == 1 {
                break;
            }
            len = words;
        }
        RankSet { levels }
    }

    fn insert(&mut self, rank: u32) {
        let mut r = rank as usize;
        for level in &mut self.levels {
            let word = &mut level[r / 64];
            let was_empty = *word == 0;
            *word |= 1 << (r % 64);
            if !was_empty {
                break;
            }
            r /= 64;
        }
    }

    fn remove(&mut self, rank: u32) {
        let mut r = rank as usize;
        for level in &mut self.levels {
            let word = &mut level[r / 64];
            *word &= !(1 << (r % 64));
            if *word != 0 {
                break;
            }
            r /= 64;
        }
    }

    fn min(&self) -> Option<u32> {
        let mut idx = 0usize;
        for level in self.levels.iter().rev() {
            let word = level[idx];
            if word == 0 {
                return None;
            }
            idx = idx * 64 + word.trailing_zeros() as usize;
        }
        Some(idx as u32)
    }

    fn pop(&mut self) -> Option<u32> {
        let r = self.min()?;
        self.remove(r);
        Some(r)
    }
}

fn simulate(
    plan: &CheckedPlan,
    prepared: &Prepared,
    inputs: Inputs,
    work_from: Date,
    hours_per_week: f64,
) -> Schedule {
    let p = plan.plan();
    let n = p.milestones.len();
    let units = day_units(hours_per_week);
    let max_parallel = p.capacity.max_parallel.max(1);
    let order = &prepared.order;
    let breaks = merged_breaks(p);
    let horizon_date = horizon(work_from);
    let horizon_day = day_number(horizon_date);
    let work_from_day = day_number(work_from);
    let shifts = prepared.shifts.clone();

    let state: Vec<State> = (0..n)
        .map(|i| {
            let waiting = if inputs.done.get(i).copied().flatten().is_some() {
                0
            } else {
                prepared.preds[i]
            };
            let (es, bound) = prepared.lower[i];
            State {
                es,
                bound,
                start: i64::MIN,
                finish: i64::MIN,
                timed: 0,
                timed_by: FinishBound::Start,
                finish_by: FinishBound::Start,
                left: inputs.work[i],
                waiting,
                queued: waiting == 0,
            }
        })
        .collect();
    let mut sim = Sim {
        prepared,
        to_release: (0..n as u32)
            .rev()
            .filter(|&i| state[i as usize].waiting == 0)
            .collect(),
        state,
        inputs,
        pending: BinaryHeap::new(),
        work_from: work_from_day,
    };
    sim.release_all();
    // Milestones with logged progress that still wait for a predecessor: every such predecessor
    // finishes on or after the first work day, after the first log date, so they start on it.
    for i in 0..n {
        if let Some(l) = sim.inputs.logged.get(i).copied().flatten()
            && !sim.state[i].queued
        {
            let st = &mut sim.state[i];
            st.es = l;
            st.bound = StartBound::Logged;
            st.queued = true;
            sim.to_release.push(i as u32);
            sim.release_all();
        }
    }

    let mut runs: Vec<(usize, i64, i64, u64)> = Vec::new();
    // The rotation's runs at this schedule's hours, worked out once.
    let shift_runs = shifts.as_ref().map(|c| c.runs(units));
    let mut ready = RankSet::new(n);
    let mut day = i64::MIN;
    loop {
        if ready.min().is_none() {
            match sim.pending.peek() {
                Some(&Reverse(k)) => day = day.max(pending_day(k)),
                None => break,
            }
        }
        if day >= horizon_day || units == 0 {
            break;
        }
        while let Some(&Reverse(k)) = sim.pending.peek() {
            if pending_day(k) > day {
                break;
            }
            sim.pending.pop();
            ready.insert(k as u32);
        }
        // In a break: jump to its end.
        let k = breaks.partition_point(|b| b.1 < day);
        if k < breaks.len() && breaks[k].0 <= day {
            day = breaks[k].1 + 1;
            continue;
        }
        let next_break = breaks.get(k).map_or(i64::MAX, |b| b.0);
        let next_ready = sim.pending.peek().map_or(i64::MAX, |r| pending_day(r.0));
        let mut next_event = next_break.min(next_ready).min(horizon_day);
        let Some(top) = ready.min() else {
            continue;
        };
        // Around shifts, the day's units hold for a run of days; a day without any is skipped
        // (to the end of its run, or the next thing that happens).
        let units = match &shift_runs {
            None => units,
            Some(c) => {
                let (u, run_end) = c.run_at(day);
                if u == 0 {
                    day = run_end.min(next_event).max(day + 1);
                    continue;
                }
                next_event = next_event.min(run_end);
                u
            }
        };
        let i = order[top as usize] as usize;
        // Whole days for the first in line, up to the next thing that could change the order.
        let left = sim.state[i].left;
        let whole = (left / units).min((next_event - day) as u64) as i64;
        if whole >= 1 {
            runs.push((i, day, day + whole - 1, units));
            let left = left - whole as u64 * units;
            sim.state[i].left = left;
            day += whole;
            if left == 0 {
                ready.remove(top);
                sim.work_done(i, day - 1);
            }
            continue;
        }
        // A day shared: each in line takes what it can still use, up to max_parallel of them.
        let mut cap = units;
        let mut slots = 0;
        let mut unfinished = None;
        while cap > 0 && slots < max_parallel {
            let Some(r) = ready.pop() else {
                break;
            };
            let i = order[r as usize] as usize;
            let take = cap.min(sim.state[i].left);
            runs.push((i, day, day, take));
            cap -= take;
            sim.state[i].left -= take;
            slots += 1;
            if sim.state[i].left == 0 {
                sim.work_done(i, day);
            } else {
                unfinished = Some(r);
            }
        }
        if let Some(r) = unfinished {
            ready.insert(r);
        }
        day += 1;
    }

    let mut out = Schedule {
        start: Vec::with_capacity(n),
        finish: Vec::with_capacity(n),
        start_bound: Vec::with_capacity(n),
        finish_bound: Vec::with_capacity(n),
        unschedulable: vec![false; n],
        work: sim.inputs.work,
        raw_runs: runs,
        day_units: units,
        breaks: breaks
            .iter()
            .map(|&(a, b)| (from_day_number(a), from_day_number(b)))
            .collect(),
        work_from,
        horizon: horizon_date,
        hours_per_week,
        max_parallel,
        shifts,
    };
    for (i, st) in sim.state.iter().enumerate() {
        // Never released: something before it cannot finish either.
        let s = if st.start == i64::MIN {
            horizon_day
        } else {
            st.start.min(horizon_day)
        };
        let (f, by) = if st.finish != i64::MIN && st.finish < horizon_day {
            (st.finish, st.finish_by)
        } else {
            out.unschedulable[i] = true;
            (horizon_day, FinishBound::Never)
        };
        out.start.push(from_day_number(s));
        out.finish.push(from_day_number(f.max(s)));
        out.start_bound.push(st.bound);
        out.finish_bound.push(by);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_sets_find_the_smallest() {
        for n in [1usize, 63, 64, 65, 4096, 4097, 300_000] {
            let mut set = RankSet::new(n);
            assert_eq!(set.min(), None);
            let picks: Vec<u32> = [n - 1, n / 2, n / 3, 0, n / 64 * 63]
                .iter()
                .map(|&x| x as u32)
                .collect();
            for &r in &picks {
                set.insert(r);
            }
            let mut sorted = picks.clone();
            sorted.sort_unstable();
            sorted.dedup();
            let mut out = Vec::new();
            while let Some(r) = set.pop() {
                out.push(r);
            }
            assert_eq!(out, sorted, "n = {n}");
            set.insert(5.min(n as u32 - 1));
            set.insert(5.min(n as u32 - 1));
            set.remove(5.min(n as u32 - 1));
            assert_eq!(set.min(), None);
        }
    }

    #[test]
    fn units_are_exact() {
        assert_eq!(day_units(5.0) * 42, hours_to_units(30.0));
        assert_eq!(day_units(36.0) * 7, hours_to_units(36.0));
        assert_eq!(day_units(0.0), 0);
        assert_eq!(hours_to_units(-3.0), 0);
        assert_eq!(hours_to_units(f64::NAN), 0);
    }
}
