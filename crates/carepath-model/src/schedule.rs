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
//!   week therefore take exactly 42 days however the 30 hours are split along a chain.
//! - **Breaks** (`capacity.breaks`, `from..=to`) give no development hours. Accrual
//!   (`measure.per_week`) and `duration` keep running through them.
//! - **Start** is the latest of the plan start, `not_before` and the day after every `after`
//!   milestone's finish.
//! - **Finish** is the latest of: `start + duration - 1 day` (calendar months and years, see
//!   [`Duration::after`]); `start + ceil(target / per_week * 7) - 1 days` where the measure
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
//! finishing), so its cost grows with the number of milestones and breaks, not with the number
//! of days: about `O((n + e + b) log n)` for `n` milestones, `e` dependency links and `b` breaks.
//!
//! Two schedules come from one plan: the [`baseline`] (the plan as written, from `start`) and the
//! [`forecast`] (from the as-of date, with `done` dates and the progress log; see there).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use jiff::civil::Date;

use crate::CheckedPlan;
use crate::plan::{Milestone, Plan};

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

/// Days since 1970-01-01 (negative before), for arithmetic that does not allocate or fail.
pub fn day_number(d: Date) -> i64 {
    let (y, m, dd) = (i64::from(d.year()), i64::from(d.month()), i64::from(d.day()));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number, clamped to the dates a plan can hold.
pub fn from_day_number(z: i64) -> Date {
    let z = z.clamp(day_number(Date::MIN), day_number(Date::MAX)) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Date::new(y as i16, m as i8, d as i8).unwrap_or(Date::MAX)
}

/// The Monday of the week a day number falls in (weeks run Monday to Sunday).
pub fn monday_of(day: i64) -> i64 {
    // 1970-01-01 was a Thursday.
    day - (day + 3).rem_euclid(7)
}

/// The first day on which nothing may be scheduled any more.
pub fn horizon(first_work_day: Date) -> Date {
    first_work_day.saturating_add(jiff::Span::new().years(HORIZON_YEARS))
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
    /// Every development hour, as runs of days.
    pub runs: Vec<Run>,
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
}

impl Schedule {
    /// Units available on a day (0 in a break).
    pub fn capacity_on(&self, day: Date) -> u64 {
        if self.breaks.iter().any(|&(a, b)| a <= day && day <= b) {
            0
        } else {
            self.day_units
        }
    }

    /// Every day's allocations, `(milestone, units)` in the order they were given. Meant for
    /// inspection and tests: it expands every run day by day.
    pub fn daily(&self) -> std::collections::BTreeMap<Date, Vec<(usize, u64)>> {
        let mut out: std::collections::BTreeMap<Date, Vec<(usize, u64)>> = Default::default();
        for r in &self.runs {
            for d in day_number(r.first)..=day_number(r.last) {
                out.entry(from_day_number(d))
                    .or_default()
                    .push((r.milestone, r.units_per_day));
            }
        }
        out
    }

    /// Development units per week (keyed by the week's Monday as a day number).
    pub(crate) fn weekly_units(&self, first_monday: i64, weeks: usize) -> Vec<u64> {
        let mut out = vec![0u64; weeks];
        for r in &self.runs {
            let (mut a, b) = (day_number(r.first), day_number(r.last));
            while a <= b {
                let monday = monday_of(a);
                let end = (monday + 6).min(b);
                let w = (monday - first_monday).div_euclid(7);
                if w >= 0 && (w as usize) < weeks {
                    out[w as usize] += r.units_per_day * (end - a + 1) as u64;
                }
                a = end + 1;
            }
        }
        out
    }
}

/// How one milestone enters a schedule.
#[derive(Debug, Clone)]
struct Task {
    /// The earliest start on its own (plan start or `not_before`), and which of them it is.
    lower: i64,
    lower_bound: StartBound,
    /// A start fixed in advance, ignoring `after` (forecast: done or logged).
    anchor: Option<(i64, StartBound)>,
    /// A finish fixed in advance (forecast: done).
    fixed_finish: Option<i64>,
    work: u64,
}

fn lower_start(plan: &Plan, m: &Milestone) -> (i64, StartBound) {
    match m.not_before {
        Some(nb) if nb > plan.start => (day_number(nb), StartBound::NotBefore),
        _ => (day_number(plan.start), StartBound::PlanStart),
    }
}

/// The baseline: the plan as written, from `start`, ignoring `done` dates and the progress log.
pub fn baseline(plan: &CheckedPlan) -> Schedule {
    baseline_with(plan, plan.plan().capacity.hours_per_week)
}

/// The baseline at another weekly budget (for "would more hours help?").
pub fn baseline_with(plan: &CheckedPlan, hours_per_week: f64) -> Schedule {
    let p = plan.plan();
    let tasks = p
        .milestones
        .iter()
        .map(|m| {
            let (lower, lower_bound) = lower_start(p, m);
            Task {
                lower,
                lower_bound,
                anchor: None,
                fixed_finish: None,
                work: hours_to_units(m.effort_hours),
            }
        })
        .collect();
    simulate(plan, tasks, p.start, hours_per_week)
}

/// The forecast from `as_of`:
/// - a `done` milestone (or one whose logged amount reached its target, on the date of the entry
///   that reached it) finishes on its done date and starts on the earlier of its baseline start
///   and that date;
/// - a milestone with logged progress has started on its first log date, whatever comes before
///   it (the caller warns about predecessors not marked done); its duration and accrual count
///   from that day;
/// - logged progress is deducted from the remaining effort ([`remaining_hours`]);
/// - no remaining work is placed before `as_of`.
pub fn forecast(
    plan: &CheckedPlan,
    base: &Schedule,
    as_of: Date,
    logs: &[Logged],
    hours_per_week: f64,
) -> Schedule {
    let p = plan.plan();
    let tasks = p
        .milestones
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let (lower, lower_bound) = lower_start(p, m);
            let log = &logs[i];
            let done = m.done.or(log.reached);
            let mut t = Task {
                lower,
                lower_bound,
                anchor: None,
                fixed_finish: None,
                work: hours_to_units(remaining_hours(m, log.amount)),
            };
            if let Some(d) = done {
                let s = base.start[i].min(d);
                t.anchor = Some((day_number(s), StartBound::Done));
                t.fixed_finish = Some(day_number(d));
                t.work = 0;
            } else if let Some(first) = log.first {
                t.anchor = Some((day_number(first), StartBound::Logged));
            }
            t
        })
        .collect();
    simulate(plan, tasks, as_of.max(p.start), hours_per_week)
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
fn priority_order(plan: &CheckedPlan, day_units: u64) -> Vec<usize> {
    let p = plan.plan();
    let n = p.milestones.len();
    let start = p.start;
    let mut due: Vec<Option<i64>> = p
        .milestones
        .iter()
        .map(|m| m.due.map(day_number))
        .collect();
    let est: Vec<i64> = p
        .milestones
        .iter()
        .map(|m| {
            let dur = m
                .duration
                .map_or(0, |d| day_number(d.after(start)) - day_number(start));
            let acc = accrual_days(m).unwrap_or(0);
            let work = hours_to_units(m.effort_hours);
            let eff = if work == 0 {
                0
            } else {
                work.div_ceil(day_units.max(1)).min(10_000_000) as i64
            };
            dur.max(acc).max(eff)
        })
        .collect();
    let mut chain = vec![0i64; n];
    for &i in plan.topo_order().iter().rev() {
        let mut best = 0i64;
        let mut inherited: Option<i64> = None;
        for &s in plan.succs(i) {
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
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (due[i].is_none(), due[i], Reverse(chain[i]), i));
    order
}

fn timed_end(m: &Milestone, start: i64) -> (i64, FinishBound) {
    let mut end = start;
    let mut by = FinishBound::Start;
    if let Some(d) = m.duration {
        let e = day_number(d.after(from_day_number(start))) - 1;
        if e > end {
            end = e;
            by = FinishBound::Duration;
        }
    }
    if let Some(days) = accrual_days(m) {
        let e = start + days - 1;
        if e > end {
            end = e;
            by = FinishBound::Accrual;
        }
    }
    (end, by)
}

/// The simulation shared by both schedules.
struct Sim<'a> {
    plan: &'a CheckedPlan,
    tasks: Vec<Task>,
    rank: Vec<u32>,
    waiting: Vec<u32>,
    es: Vec<i64>,
    bound: Vec<StartBound>,
    start: Vec<Option<i64>>,
    finish: Vec<Option<i64>>,
    finish_bound: Vec<FinishBound>,
    timed: Vec<(i64, FinishBound)>,
    left: Vec<u64>,
    to_release: Vec<usize>,
    pending: BinaryHeap<Reverse<(i64, u32)>>,
    work_from: i64,
}

impl Sim<'_> {
    fn release_all(&mut self) {
        while let Some(i) = self.to_release.pop() {
            let t = &self.tasks[i];
            let (s, b) = t.anchor.unwrap_or((self.es[i], self.bound[i]));
            self.start[i] = Some(s);
            self.bound[i] = b;
            if let Some(f) = t.fixed_finish {
                self.finish_bound[i] = FinishBound::Done;
                self.finished(i, f);
                continue;
            }
            let m = &self.plan.plan().milestones[i];
            self.timed[i] = timed_end(m, s);
            if self.left[i] == 0 {
                let (f, by) = self.timed[i];
                self.finish_bound[i] = by;
                self.finished(i, f);
            } else {
                self.pending
                    .push(Reverse((s.max(self.work_from), self.rank[i])));
            }
        }
    }

    /// The last effort unit of `i` was worked on `day`.
    fn work_done(&mut self, i: usize, day: i64) {
        let (t, by) = self.timed[i];
        let (f, by) = if t > day {
            (t, by)
        } else {
            (day, FinishBound::Effort)
        };
        self.finish_bound[i] = by;
        self.finished(i, f);
        self.release_all();
    }

    fn finished(&mut self, i: usize, f: i64) {
        self.finish[i] = Some(f);
        for &s in self.plan.succs(i) {
            if self.tasks[s].anchor.is_some() {
                continue;
            }
            if f + 1 > self.es[s] {
                self.es[s] = f + 1;
                self.bound[s] = StartBound::After(i);
            }
            self.waiting[s] -= 1;
            if self.waiting[s] == 0 {
                self.to_release.push(s);
            }
        }
    }
}

fn simulate(plan: &CheckedPlan, tasks: Vec<Task>, work_from: Date, hours_per_week: f64) -> Schedule {
    let p = plan.plan();
    let n = p.milestones.len();
    let units = day_units(hours_per_week);
    let max_parallel = p.capacity.max_parallel.max(1);
    let order = priority_order(plan, units);
    let mut rank = vec![0u32; n];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r as u32;
    }
    let breaks = merged_breaks(p);
    let horizon_date = horizon(work_from);
    let horizon_day = day_number(horizon_date);
    let work_from_day = day_number(work_from);

    let waiting: Vec<u32> = (0..n)
        .map(|i| {
            if tasks[i].anchor.is_some() {
                0
            } else {
                plan.preds(i).len() as u32
            }
        })
        .collect();
    let mut sim = Sim {
        plan,
        es: tasks.iter().map(|t| t.lower).collect(),
        bound: tasks.iter().map(|t| t.lower_bound).collect(),
        left: tasks.iter().map(|t| t.work).collect(),
        to_release: (0..n).rev().filter(|&i| waiting[i] == 0).collect(),
        waiting,
        tasks,
        rank,
        start: vec![None; n],
        finish: vec![None; n],
        finish_bound: vec![FinishBound::Start; n],
        timed: vec![(0, FinishBound::Start); n],
        pending: BinaryHeap::new(),
        work_from: work_from_day,
    };
    sim.release_all();

    let mut runs: Vec<(usize, i64, i64, u64)> = Vec::new();
    let mut ready: BinaryHeap<Reverse<u32>> = BinaryHeap::new();
    let mut day = i64::MIN;
    loop {
        if ready.is_empty() {
            match sim.pending.peek() {
                Some(&Reverse((d, _))) => day = day.max(d),
                None => break,
            }
        }
        if day >= horizon_day || units == 0 {
            break;
        }
        while let Some(&Reverse((d, r))) = sim.pending.peek() {
            if d > day {
                break;
            }
            sim.pending.pop();
            ready.push(Reverse(r));
        }
        // In a break: jump to its end.
        let k = breaks.partition_point(|b| b.1 < day);
        if k < breaks.len() && breaks[k].0 <= day {
            day = breaks[k].1 + 1;
            continue;
        }
        let next_break = breaks.get(k).map_or(i64::MAX, |b| b.0);
        let next_ready = sim.pending.peek().map_or(i64::MAX, |r| r.0.0);
        let next_event = next_break.min(next_ready).min(horizon_day);
        let Some(&Reverse(top)) = ready.peek() else {
            continue;
        };
        let i = order[top as usize];
        // Whole days for the first in line, up to the next thing that could change the order.
        let whole = (sim.left[i] / units).min((next_event - day) as u64) as i64;
        if whole >= 1 {
            runs.push((i, day, day + whole - 1, units));
            sim.left[i] -= whole as u64 * units;
            day += whole;
            if sim.left[i] == 0 {
                ready.pop();
                sim.work_done(i, day - 1);
            }
            continue;
        }
        // A day shared: each in line takes what it can still use, up to max_parallel of them.
        let mut cap = units;
        let mut slots = 0;
        let mut unfinished = None;
        while cap > 0 && slots < max_parallel {
            let Some(Reverse(r)) = ready.pop() else {
                break;
            };
            let i = order[r as usize];
            let take = cap.min(sim.left[i]);
            runs.push((i, day, day, take));
            cap -= take;
            sim.left[i] -= take;
            slots += 1;
            if sim.left[i] == 0 {
                sim.work_done(i, day);
            } else {
                unfinished = Some(r);
            }
        }
        if let Some(r) = unfinished {
            ready.push(Reverse(r));
        }
        day += 1;
    }

    let mut out = Schedule {
        start: Vec::with_capacity(n),
        finish: Vec::with_capacity(n),
        start_bound: sim.bound,
        finish_bound: sim.finish_bound,
        unschedulable: vec![false; n],
        work: sim.tasks.iter().map(|t| t.work).collect(),
        runs: runs
            .into_iter()
            .map(|(m, a, b, u)| Run {
                milestone: m,
                first: from_day_number(a),
                last: from_day_number(b),
                units_per_day: u,
            })
            .collect(),
        day_units: units,
        breaks: breaks
            .iter()
            .map(|&(a, b)| (from_day_number(a), from_day_number(b)))
            .collect(),
        work_from,
        horizon: horizon_date,
        hours_per_week,
        max_parallel,
    };
    for i in 0..n {
        // Never released: something before it cannot finish either.
        let s = sim.start[i].unwrap_or(horizon_day).min(horizon_day);
        let f = match sim.finish[i] {
            Some(f) if f < horizon_day => f,
            _ => {
                out.unschedulable[i] = true;
                out.finish_bound[i] = FinishBound::Never;
                horizon_day
            }
        };
        out.start.push(from_day_number(s));
        out.finish.push(from_day_number(f.max(s)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn day_numbers_round_trip() {
        for d in [
            date(1970, 1, 1),
            date(2026, 1, 5),
            date(2028, 2, 29),
            date(2000, 3, 1),
            date(1600, 12, 31),
            Date::MAX,
            Date::MIN,
        ] {
            assert_eq!(from_day_number(day_number(d)), d);
        }
        assert_eq!(day_number(date(1970, 1, 1)), 0);
        assert_eq!(
            day_number(date(2026, 1, 5)) - day_number(date(2025, 12, 31)),
            5
        );
        // 2026-01-05 is a Monday; 2026-01-11 a Sunday.
        let mon = day_number(date(2026, 1, 5));
        assert_eq!(monday_of(mon), mon);
        assert_eq!(monday_of(mon + 6), mon);
        assert_eq!(monday_of(mon + 7), mon + 7);
        assert_eq!(monday_of(mon - 1), mon - 7);
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
