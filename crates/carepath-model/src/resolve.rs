//! Builds the resolved plan: both schedules, status and progress per milestone, goals with their
//! SMART results, weekly load, renewals, and plain-language explanations of what is late.
//!
//! Rules (see also [`crate::schedule`] for how the schedules are made):
//! - **Status** of a milestone, first match wins: `done` (marked done, or its logged amount
//!   reached its target by the as-of date); `late` (forecast finish after its due date, or it
//!   cannot be scheduled and has a due date); `at-risk` (forecast finish after the baseline
//!   finish, or it cannot be scheduled); `not-started` (forecast start after the as-of date and
//!   nothing logged); `on-track`.
//! - **Percent** = logged amount / measure target, else / `effort_hours`, capped at 100 (100 when
//!   done; 0 with neither). **Expected percent** = the share of the baseline window's days that
//!   have passed by the end of the as-of day (0 before it starts, 100 from its finish on).
//!   Both are rounded to one decimal.
//! - **Late days** = forecast finish minus due date (negative: days of slack).
//! - **Critical chain**: from the milestone that finishes last in the forecast (the first in file
//!   order on a tie), back through the predecessor that actually bound each start.
//! - **Goals**: finish = the latest forecast finish of their milestones; status `done` when all
//!   are done, `late` when one is late or the finish is after the goal's due date, `at-risk` when
//!   one is at risk, `not-started` when none has started (or it has none), else `on-track`.
//! - **Renewals**: for each held credential the catalog knows a renewal rule for, a due date every
//!   `every_months` from the plan start up to the forecast finish (at least one).
//! - **Explanations**, one per late or unschedulable milestone: the due date against the earliest
//!   forecast finish; the chain that decides it (the binding predecessors, back to the first whose
//!   own finish did not depend on its start, at most five named, each with what it waits for:
//!   "1,750 h at 36 h a week", "4 weeks", "40 h of work at 6 h a week", "done 2026-10-30"); whether
//!   2 more hours a week would help (the forecast is run again with them); and what would: moving
//!   the due date, starting the chain's first milestone earlier when it has not started, accruing
//!   faster. A milestone that needs hours when there are none "can never finish".
//! - **Findings** for `check` ([`findings`]): W010 a late milestone (at its `due`, the message is
//!   its explanation), W011 a failed SMART criterion (at the goal's id), W012 a predecessor taken
//!   as finished because a later milestone has progress logged (mark it done), W013 a milestone
//!   that cannot be scheduled.
//!
//! Everything is computed in file order with no hash-map iteration, so the same plan and as-of
//! date give the same document, byte for byte.

use jiff::civil::Date;

use crate::credentials;
use crate::message::{Message, Part};
use crate::numbers::{Th, grouped as thousands};
use crate::plan::{Milestone, Plan};
use crate::resolved::*;
use crate::roster::ShiftWarning;
use crate::schedule::{
    self, FinishBound, Logged, StartBound, day_number, from_day_number, monday_of, units_to_hours,
};
use crate::{CheckedPlan, Diagnostic, Knowledge, codes, network, smart};

/// Extra weekly hours tried when explaining a late milestone.
const EXTRA_HOURS: f64 = 2.0;

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

pub(crate) fn round2(x: f64) -> f64 {
    // `+ 0.0` turns the -0.0 of an empty sum into 0, which prints as `0`, not `-0.0`.
    (x * 100.0).round() / 100.0 + 0.0
}

fn days_between(a: Date, b: Date) -> i64 {
    day_number(b) - day_number(a)
}

fn days_text(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

/// The unit progress is logged in: the measure's unit, else "hours".
fn unit_of(m: &Milestone) -> String {
    m.measure
        .as_ref()
        .and_then(|x| x.unit.clone())
        .unwrap_or_else(|| "hours".into())
}

/// "h" for hours, else the unit as written.
fn short_unit(unit: &str) -> &str {
    match unit {
        "hours" | "hour" | "h" | "hrs" => "h",
        u => u,
    }
}

/// The plan's forecast finish (at least its start).
fn finish_of(p: &Plan, fc: &schedule::Schedule, own: usize) -> Date {
    let own = own.min(fc.finish.len());
    fc.finish[..own]
        .iter()
        .copied()
        .max()
        .unwrap_or(p.start)
        .max(p.start)
}

/// The day each credential a milestone earns is earned on: the milestone's `done` date, else
/// its forecast finish.
fn earned_days(
    p: &Plan,
    tracks: &[credentials::Track],
    fc: &schedule::Schedule,
) -> Vec<Option<Date>> {
    tracks
        .iter()
        .map(|t| {
            t.earned_by
                .map(|m| p.milestones[m].done.unwrap_or(fc.finish[m]))
        })
        .collect()
}

/// How many times the renewals are planned again when the milestone that earns a credential
/// finishes on another day once they are in the schedule.
const MAX_RENEWAL_ROUNDS: usize = 3;

/// Schedules a checked plan (baseline and forecast) with the renewal milestones its credentials
/// need, judges its goals and tracks progress.
pub fn resolve(plan: &CheckedPlan, as_of: Date, knowledge: Option<&dyn Knowledge>) -> ResolvedPlan {
    let written = plan;
    // A plan with series is scheduled with one milestone per occurrence after its own
    // (crate::network); `own` stays the number of the plan's own milestones.
    let expanded = network::expand(plan, as_of);
    let plan = expanded.as_ref().map_or(plan, |e| &e.plan);
    let own = written.plan().milestones.len();
    // Where renewal milestones begin: after the occurrences.
    let own_ext = plan.plan().milestones.len();
    let p = plan.plan();
    let tracks = credentials::tracks(p, knowledge);
    // The baseline is the plan as written: renewals are not in it, so it stays put while CE is
    // logged, and a career milestone that renewals push back shows as at risk.
    let prio0 = schedule::Prepared::new(plan);
    let logs0 = schedule::logged(plan, as_of);
    let logs0 = match &expanded {
        Some(e) => e.logs(logs0[..own].to_vec(), as_of),
        None => logs0,
    };
    let base = schedule::baseline_with(plan, &prio0, p.capacity.hours_per_week);
    let fc0 = schedule::forecast(
        plan,
        &prio0,
        &base,
        as_of,
        &logs0,
        p.capacity.hours_per_week,
    );
    let mut drafts = credentials::Drafts::default();
    // The plan with its renewal milestones, and its forecast, when there are renewals.
    let mut extended: Option<(
        CheckedPlan,
        schedule::Prepared,
        Vec<Logged>,
        schedule::Schedule,
    )> = None;
    if !tracks.is_empty() {
        // The horizon is the plan's own (its forecast without renewals): renewals never extend
        // it.
        let horizon = credentials::horizon(p, as_of, finish_of(p, &fc0, own));
        let base_plan = || match &expanded {
            Some(_) => plan.plan().clone(),
            None => plan_without_spans(p),
        };
        let mut earned = earned_days(p, &tracks, &fc0);
        let taken = |id: &str| plan.milestone(id).is_some();
        drafts = credentials::draft(p, &tracks, as_of, horizon, earned.clone(), &taken);
        for round in 0..MAX_RENEWAL_ROUNDS {
            if drafts.milestones.is_empty() {
                extended = None;
                break;
            }
            let ext = plan.extended(base_plan(), drafts.milestones.clone());
            let prio = schedule::Prepared::new(&ext);
            // Progress is logged against the plan's own milestones only.
            let mut logs = logs0.clone();
            logs.resize(ext.plan().milestones.len(), Logged::default());
            // The baseline is only read for done milestones, which are all the plan's own.
            let fc =
                schedule::forecast(&ext, &prio, &base, as_of, &logs, p.capacity.hours_per_week);
            let now = earned_days(p, &tracks, &fc);
            extended = Some((ext, prio, logs, fc));
            // Scheduled with these drafts: done when the earning milestones finish where the
            // drafts assumed (or after the last round).
            if now == earned || round + 1 == MAX_RENEWAL_ROUNDS {
                break;
            }
            earned = now;
            drafts = credentials::draft(p, &tracks, as_of, horizon, earned.clone(), &taken);
        }
    }
    let (cp, prio, logs, fc): (
        &CheckedPlan,
        &schedule::Prepared,
        &[Logged],
        &schedule::Schedule,
    ) = match &extended {
        Some((ext, prio, logs, fc)) => (ext, prio, logs, fc),
        None => (plan, &prio0, &logs0, &fc0),
    };

    let mut milestones: Vec<ScheduledMilestone> = cp
        .plan()
        .milestones
        .iter()
        .enumerate()
        .map(|(i, m)| scheduled(m, i, as_of, &logs[i], &base, fc))
        .collect();
    for (m, &t) in milestones[own_ext..].iter_mut().zip(&drafts.owner) {
        m.renewal = true;
        m.credential = Some(tracks[t].id.clone());
    }
    if let Some(e) = &expanded {
        series_results(e, written.plan(), &mut milestones, own, as_of);
    }
    // The critical chain is the plan's own: a renewal never decides when the plan finishes.
    mark_critical(&mut milestones[..own], fc);

    let any_late = milestones.iter().any(|m| m.status == Status::Late);
    let more = (any_late && fc.day_units > 0).then(|| {
        schedule::forecast(
            cp,
            prio,
            &base,
            as_of,
            logs,
            p.capacity.hours_per_week + EXTRA_HOURS,
        )
    });
    let mut explanations = explain(cp, as_of, fc, more.as_ref(), &milestones);
    if let Some(e) = &expanded {
        explanations = with_series_explanations(explanations, e, cp, &milestones, own);
    }

    let plan_finish = finish_of(p, fc, own);
    let goals = goals(cp, &milestones, fc, knowledge);
    let weekly_load = weekly_load(cp.plan(), as_of, &base, fc, &milestones);
    let mut occurrence_counts = vec![None; own];
    if let Some(e) = &expanded {
        for s in &e.series {
            occurrence_counts[s.milestone] = Some(s.occurrences.len());
        }
    }
    let progress = progress_rows(plan, &occurrence_counts);
    let renewals = credentials::renewal_rows(&tracks, &drafts);
    let people = network::people(written.plan(), as_of);
    let credentials = credentials::statuses(
        p,
        &tracks,
        &drafts,
        as_of,
        &credentials::Placed {
            milestones: &milestones,
            own: own_ext,
            unschedulable: &fc.unschedulable,
            more: more.as_ref().map(|m| (m.finish.as_slice(), EXTRA_HOURS)),
        },
    );
    // The occurrences are reported in their series, not as milestones of their own.
    if expanded.is_some() {
        milestones.drain(own..own_ext);
    }
    let totals = Totals {
        effort_hours: round2(cp.plan().milestones.iter().map(|m| m.effort_hours).sum()),
        remaining_hours: round2(milestones.iter().map(|m| m.remaining_hours).sum()),
        cost: round2(p.milestones.iter().filter_map(|m| m.cost).sum()),
        milestones: milestones.len(),
        done: milestones
            .iter()
            .filter(|m| m.status == Status::Done)
            .count(),
    };
    let target = p.target.as_ref().map(|t| TargetResult {
        role: t.role.clone(),
        by: t.by,
        finish: plan_finish,
        met: plan_finish <= t.by,
    });
    let document_plan = match extended {
        _ if expanded.is_some() => plan_without_spans(written.plan()),
        Some((ext, ..)) => {
            let mut d = ext.into_plan();
            d.milestones.truncate(own);
            d
        }
        None => plan_without_spans(p),
    };

    let mut resolved = ResolvedPlan {
        carepath: DOCUMENT_VERSION,
        as_of,
        plan_id: written.plan().effective_id(),
        plan: document_plan,
        schedule: Schedule {
            milestones,
            goals,
            weekly_load,
            progress,
            renewals,
            credentials,
            target,
            finish: Window {
                start: p.start,
                finish: plan_finish,
            },
            totals,
            explanations,
            shift_warnings: Vec::new(),
            people,
        },
        gap: knowledge.and_then(|k| k.gap(p)),
        names: names(p, knowledge),
    };
    // The same warnings `check` gives (findings), for every output.
    let mut found = Vec::new();
    shift_findings(plan, &resolved, &mut found);
    resolved.schedule.shift_warnings = found.iter().map(ShiftWarning::of).collect();
    if let Some(r) = plan.roster() {
        resolved
            .schedule
            .shift_warnings
            .extend(r.warnings.iter().cloned());
    }
    resolved
}

/// The catalog names of every role and credential id the plan mentions.
fn names(
    p: &Plan,
    knowledge: Option<&dyn Knowledge>,
) -> std::collections::BTreeMap<String, String> {
    let Some(k) = knowledge else {
        return Default::default();
    };
    let ids = p
        .person
        .role
        .iter()
        .chain(p.target.as_ref().map(|t| &t.role))
        .chain(p.person.credentials.iter().map(|c| &c.id))
        .chain(p.person.experience.iter().map(|e| &e.role));
    ids.filter_map(|id| Some((id.clone(), k.name_of(id)?)))
        .collect()
}

/// The plan as read, for the document. Source spans are left out: they are not part of the
/// document (never serialised), they are the bulk of a big plan's memory, and findings are
/// located through the [`CheckedPlan`], not through the resolved plan.
fn plan_without_spans(p: &Plan) -> Plan {
    Plan {
        format: p.format,
        id: p.id.clone(),
        title: p.title.clone(),
        start: p.start,
        currency: p.currency.clone(),
        person: p.person.clone(),
        capacity: p.capacity.clone(),
        target: p.target.clone(),
        goals: p.goals.clone(),
        milestones: p.milestones.clone(),
        progress: p.progress.clone(),
        ce: p.ce.clone(),
        people: p.people.clone(),
        spans: Default::default(),
    }
}

fn scheduled(
    m: &Milestone,
    i: usize,
    as_of: Date,
    log: &Logged,
    base: &schedule::Schedule,
    fc: &schedule::Schedule,
) -> ScheduledMilestone {
    let forecast = Window {
        start: fc.start[i],
        finish: fc.finish[i],
    };
    // A renewal milestone (after the plan's own) is not in the baseline: its forecast stands in.
    let baseline = match (base.start.get(i), base.finish.get(i)) {
        (Some(&start), Some(&finish)) => Window { start, finish },
        _ => forecast,
    };
    let done = m.done.is_some() || log.reached.is_some();
    let late_days = m.due.map(|d| days_between(d, forecast.finish));
    let status = if done {
        Status::Done
    } else if late_days.is_some_and(|d| d > 0) {
        Status::Late
    } else if forecast.finish > baseline.finish || fc.unschedulable[i] {
        Status::AtRisk
    } else if forecast.start > as_of && log.first.is_none() {
        Status::NotStarted
    } else {
        Status::OnTrack
    };
    let percent = if done {
        100.0
    } else {
        match schedule::target_of(m) {
            Some(t) => round1((log.amount / t * 100.0).clamp(0.0, 100.0)),
            None => 0.0,
        }
    };
    let expected_percent = if as_of < baseline.start {
        0.0
    } else if as_of >= baseline.finish {
        100.0
    } else {
        let passed = days_between(baseline.start, as_of) + 1;
        let total = days_between(baseline.start, baseline.finish) + 1;
        round1(passed as f64 / total as f64 * 100.0)
    };
    let remaining_hours = if done {
        0.0
    } else {
        round2(units_to_hours(fc.work[i]))
    };
    ScheduledMilestone {
        id: m.id.clone(),
        title: m.title.clone(),
        kind: m.kind,
        goal: m.goal.clone(),
        due: m.due,
        baseline,
        forecast,
        late_days,
        status,
        percent,
        expected_percent,
        critical: false,
        effort_hours: m.effort_hours,
        remaining_hours,
        cost: m.cost,
        logged: round2(log.amount),
        unit: unit_of(m),
        renewal: false,
        credential: None,
        every: None,
        until: None,
        occurrences: Vec::new(),
    }
}

/// The status, progress and occurrences of each series (docs/network.md, "Meaning"), from its
/// occurrence milestones (`ms[own..]`, in the order of [`network::Expanded::owner`]).
fn series_results(
    e: &network::Expanded,
    written: &Plan,
    ms: &mut [ScheduledMilestone],
    own: usize,
    as_of: Date,
) {
    let mut at = own;
    for s in &e.series {
        let n = s.occurrences.len();
        let occ = &ms[at..at + n];
        let finishes: Vec<Date> = occ.iter().map(|o| o.forecast.finish).collect();
        let rows = network::occurrence_rows(s, &finishes, as_of);
        let remaining: f64 = occ
            .iter()
            .zip(&rows)
            .filter(|(_, r)| r.forecast.is_some())
            .map(|(o, _)| o.remaining_hours)
            .sum();
        let base_finish = occ.last().map(|o| o.baseline.finish);
        let fc_finish = occ.iter().map(|o| o.forecast.finish).max();
        at += n;
        let m = &written.milestones[s.milestone];
        let sm = &mut ms[s.milestone];
        let due: Vec<&OccurrenceRow> = rows.iter().filter(|r| r.date <= as_of).collect();
        let done_due = due.iter().filter(|r| r.done.is_some()).count();
        let done_all = rows.iter().filter(|r| r.done.is_some()).count();
        // The last occurrence whose period is over decides whether the series is late.
        let last_closed = rows.iter().rev().find(|r| r.period_end < as_of);
        sm.status = if n > 0 && done_all == n {
            Status::Done
        } else if last_closed.is_some_and(|r| r.missed()) {
            Status::Late
        } else if rows.iter().any(|r| r.late()) {
            Status::AtRisk
        } else if rows.first().is_none_or(|r| r.date > as_of) && done_all == 0 {
            Status::NotStarted
        } else {
            Status::OnTrack
        };
        sm.percent = if sm.status == Status::Done {
            100.0
        } else if due.is_empty() {
            0.0
        } else {
            round1(done_due as f64 / due.len() as f64 * 100.0)
        };
        sm.expected_percent = if due.is_empty() { 0.0 } else { 100.0 };
        sm.effort_hours = m.effort_hours;
        sm.remaining_hours = round2(remaining);
        sm.logged = done_all as f64;
        sm.unit = "occurrences".into();
        if let (Some(b), Some(f)) = (base_finish, fc_finish) {
            sm.baseline.finish = sm.baseline.finish.max(b);
            sm.forecast.finish = sm.forecast.finish.max(f);
        }
        sm.every = m.every;
        sm.until = Some(
            m.until
                .unwrap_or_else(|| network::until_of(written, m, sm.baseline.start)),
        );
        sm.occurrences = rows;
    }
}

/// The explanations with those of occurrences and series replaced by one per series that has
/// missed or late occurrences, in milestone order.
fn with_series_explanations(
    explanations: Vec<Explanation>,
    e: &network::Expanded,
    cp: &CheckedPlan,
    ms: &[ScheduledMilestone],
    own: usize,
) -> Vec<Explanation> {
    let p = cp.plan();
    let series_ids: std::collections::HashSet<&str> = e
        .series
        .iter()
        .map(|s| p.milestones[s.milestone].id.as_str())
        .collect();
    let mut keyed: Vec<(usize, Explanation)> = explanations
        .into_iter()
        .filter(|x| !x.milestone.contains('@') && !series_ids.contains(x.milestone.as_str()))
        .map(|x| {
            let i = cp.milestone(&x.milestone).unwrap_or_else(|| {
                own + ms[own..]
                    .iter()
                    .position(|m| m.id == x.milestone)
                    .unwrap_or(0)
            });
            (i, x)
        })
        .collect();
    for s in &e.series {
        let sm = &ms[s.milestone];
        let missed: Vec<&OccurrenceRow> = sm.occurrences.iter().filter(|r| r.missed()).collect();
        let late: Vec<&OccurrenceRow> = sm.occurrences.iter().filter(|r| r.late()).collect();
        if missed.is_empty() && late.is_empty() {
            continue;
        }
        let mut text = Message::new().milestone(&sm.id, &sm.title);
        if let Some(last) = missed.last() {
            text = text
                .text(" missed ")
                .count(missed.len() as i64, "occurrence", "occurrences")
                .text(" (the last on ")
                .date(last.date)
                .text(", its period ended ")
                .date(last.period_end)
                .text(if missed.len() == 1 {
                    "): nothing is logged for it"
                } else {
                    "): nothing is logged for them"
                });
        }
        if let Some(first) = late.first() {
            text = text
                .text(if missed.is_empty() { " " } else { "; " })
                .count(late.len() as i64, "occurrence", "occurrences")
                .text(if late.len() == 1 { " does" } else { " do" })
                .text(" not fit the weekly budget of its period (the first on ")
                .date(first.date)
                .text(" would be done on ")
                .date(first.forecast.unwrap_or(first.period_end))
                .text(", after its period ends on ")
                .date(first.period_end)
                .text(")");
        }
        text = text.text(
            ". Log a meeting as it happens (carepath log PLAN ID 1 --date DAY); the calendar keeps every occurrence",
        );
        keyed.push((
            s.milestone,
            Explanation {
                milestone: sm.id.clone(),
                text,
            },
        ));
    }
    keyed.sort_by_key(|(i, _)| *i);
    keyed.into_iter().map(|(_, x)| x).collect()
}

/// The predecessors that bound `i`'s forecast start, earliest first (not including `i`).
fn binding_chain(fc: &schedule::Schedule, i: usize) -> Vec<usize> {
    binding_chain_up_to(fc, i, usize::MAX).0
}

/// At most `max` of the predecessors that bound `i`'s start (the nearest ones), earliest first,
/// and whether the chain goes on before them.
fn binding_chain_up_to(fc: &schedule::Schedule, i: usize, max: usize) -> (Vec<usize>, bool) {
    let mut chain = Vec::new();
    let mut cur = i;
    // The bound always points to an earlier milestone in an acyclic plan; the length check is a
    // second guard against ever looping.
    while let StartBound::After(p) = fc.start_bound[cur] {
        if chain.len() >= max.min(fc.start.len()) {
            chain.reverse();
            return (chain, true);
        }
        chain.push(p);
        cur = p;
    }
    chain.reverse();
    (chain, false)
}

/// The most milestones an explanation names in a chain; longer chains are shown by their end.
const CHAIN_SHOWN: usize = 5;

/// Whether a milestone's finish comes from work that could only be placed from the first work
/// day (the as-of date), so that its start, and what came before it, did not decide it.
fn work_held_to_as_of(fc: &schedule::Schedule, i: usize) -> bool {
    fc.finish_bound[i] == FinishBound::Effort && fc.work_from > fc.start[i]
}

/// The part of the binding chain that decides `i`'s finish: back from `i` until a milestone
/// whose finish did not depend on its start; at most [`CHAIN_SHOWN`] of them, and whether it
/// goes on before them.
fn deciding_chain(fc: &schedule::Schedule, i: usize) -> (Vec<usize>, bool) {
    if work_held_to_as_of(fc, i) {
        return (Vec::new(), false);
    }
    let (mut chain, mut more) = binding_chain_up_to(fc, i, CHAIN_SHOWN);
    if let Some(k) = chain.iter().rposition(|&j| work_held_to_as_of(fc, j)) {
        chain.drain(..k);
        more = false;
    }
    (chain, more)
}

fn mark_critical(ms: &mut [ScheduledMilestone], fc: &schedule::Schedule) {
    let Some(last) = (0..ms.len()).max_by_key(|&i| (ms[i].forecast.finish, std::cmp::Reverse(i)))
    else {
        return;
    };
    ms[last].critical = true;
    for j in binding_chain(fc, last) {
        ms[j].critical = true;
    }
}

/// What a milestone waits for, in words ("1,750 h at 36 h a week", "4 weeks"); None when it
/// finishes on its start day.
fn what_takes(m: &Milestone, i: usize, fc: &schedule::Schedule) -> Option<String> {
    let mut out = String::new();
    write_what_takes(&mut out, m, i, fc).then_some(out)
}

/// [`what_takes`], written in place; false when there is nothing to say.
fn write_what_takes(out: &mut String, m: &Milestone, i: usize, fc: &schedule::Schedule) -> bool {
    use std::fmt::Write;
    let _ = match fc.finish_bound[i] {
        FinishBound::Accrual => {
            let Some((target, per_week)) = m
                .measure
                .as_ref()
                .and_then(|x| Some((x.target?, x.per_week?)))
            else {
                return false;
            };
            let unit = unit_of(m);
            let u = short_unit(&unit);
            write!(out, "{} {u} at {} {u} a week", Th(target), Th(per_week))
        }
        FinishBound::Duration => match m.duration {
            Some(d) => write!(out, "{d}"),
            None => return false,
        },
        FinishBound::Effort if work_held_to_as_of(fc, i) => write!(
            out,
            "{} h of work left at {} h a week from {}",
            Th(units_to_hours(fc.work[i])),
            Th(fc.hours_per_week),
            Ymd(fc.work_from)
        ),
        FinishBound::Effort => write!(
            out,
            "{} h of work at {} h a week",
            Th(units_to_hours(fc.work[i])),
            Th(fc.hours_per_week)
        ),
        FinishBound::Done => write!(out, "done {}", Ymd(fc.finish[i])),
        FinishBound::Start | FinishBound::Never => return false,
    };
    true
}

/// Days with development hours in `a..=b`.
fn working_days(fc: &schedule::Schedule, a: Date, b: Date) -> i64 {
    let (a, b) = (day_number(a), day_number(b));
    if b < a {
        return 0;
    }
    let mut n = b - a + 1;
    for &(x, y) in &fc.breaks {
        let (x, y) = (day_number(x).max(a), day_number(y).min(b));
        if x <= y {
            n -= y - x + 1;
        }
    }
    n
}

fn explain(
    plan: &CheckedPlan,
    as_of: Date,
    fc: &schedule::Schedule,
    more: Option<&schedule::Schedule>,
    ms: &[ScheduledMilestone],
) -> Vec<Explanation> {
    let p = plan.plan();
    let total_work: u64 = fc.work.iter().sum();
    let mut out = Vec::new();
    for (i, sm) in ms.iter().enumerate() {
        let m = &p.milestones[i];
        let text = if fc.unschedulable[i] {
            unschedulable_text(plan, fc, i, total_work)
        } else if sm.status == Status::Late {
            late_text(plan, as_of, fc, more, ms, i)
        } else {
            continue;
        };
        out.push(Explanation {
            milestone: m.id.clone(),
            text,
        });
    }
    out
}

/// A milestone as an explanation names it: by its bare id on the terminal, by its title in a
/// document.
fn named(m: &Milestone) -> Part {
    Part::Milestone {
        id: m.id.clone(),
        title: m.title.clone(),
        ticked: false,
    }
}

fn unschedulable_text(
    plan: &CheckedPlan,
    fc: &schedule::Schedule,
    i: usize,
    total_work: u64,
) -> Message {
    use std::fmt::Write;
    let p = plan.plan();
    let m = &p.milestones[i];
    let mut out = Message::new();
    out.push(named(m));
    out.push_str(" can never finish: ");
    if fc.day_units == 0 && fc.work[i] > 0 {
        let hours = p.capacity.hours_per_week;
        let _ = write!(
            out,
            "it needs {} h of work, but ",
            Th(units_to_hours(fc.work[i]))
        );
        if hours > 0.0 {
            // Hours are counted to 1/700 hour a day; a tiny budget is real but rounds to nothing.
            out.push_str("capacity.hours_per_week is ");
            out.push(Part::Exact(hours));
            out.push_str(", too little to give any time to a day");
        } else {
            out.push_str("capacity.hours_per_week is 0");
        }
        return out;
    }
    if let Some(&q) = plan.preds(i).iter().find(|&&q| fc.unschedulable[q]) {
        out.push_str("it waits for ");
        out.push(named(&p.milestones[q]));
        out.push_str(", which cannot finish before ");
        out.push(Part::Date(fc.horizon));
        return out;
    }
    if fc.work[i] > 0 {
        out.push_str("it cannot finish before ");
        out.push(Part::Date(fc.horizon));
        let _ = write!(out, ", {} years after ", schedule::HORIZON_YEARS);
        out.push(Part::Date(fc.work_from));
        let _ = write!(
            out,
            "; the plan holds {} h of work at {} h a week",
            Th(units_to_hours(total_work)),
            Th(fc.hours_per_week)
        );
        if fc
            .shifts
            .as_ref()
            .is_some_and(|c| c.rotation_leaves_nothing(fc.day_units))
        {
            out.push_str(", but the rotation leaves no time for it: each of its weeks has no free day, or shifts that alone reach ");
            out.push(Part::Code("max_week_hours".into()));
        }
    } else {
        out.push_str("its start or its waiting time reaches past ");
        out.push(Part::Date(fc.horizon));
        let _ = write!(out, ", {} years after ", schedule::HORIZON_YEARS);
        out.push(Part::Date(fc.work_from));
    }
    out
}

fn late_text(
    plan: &CheckedPlan,
    as_of: Date,
    fc: &schedule::Schedule,
    more: Option<&schedule::Schedule>,
    ms: &[ScheduledMilestone],
    i: usize,
) -> Message {
    use std::fmt::Write;
    let p = plan.plan();
    let m = &p.milestones[i];
    let (Some(due), Some(late)) = (m.due, ms[i].late_days) else {
        return Message::new();
    };
    let finish = fc.finish[i];
    let mut out = Message::new();
    out.push(named(m));
    out.push_str(" is due ");
    out.push(Part::Date(due));
    out.push_str(" but can finish ");
    out.push(Part::Date(finish));
    out.push_str(" at the earliest (");
    out.push(Part::Days(late));
    out.push_str(" late); ");

    let (chain, truncated) = deciding_chain(fc, i);
    if chain.is_empty() {
        out.push_str(&own_reason(m, i, fc));
    } else {
        out.push_str("the chain ");
        if truncated {
            out.push_str("…");
            out.push(Part::Then);
        }
        // What each one waits for, written in place: a big plan can have thousands of these.
        let mut takes = String::with_capacity(48);
        for (k, &j) in chain.iter().enumerate() {
            if k > 0 {
                out.push(Part::Then);
            }
            out.push(named(&p.milestones[j]));
            takes.clear();
            if write_what_takes(&mut takes, &p.milestones[j], j, fc) {
                out.push_str(" (");
                out.push_str(&takes);
                out.push_str(")");
            }
        }
        out.push_str(" decides it");
        let first = chain[0];
        if !truncated
            && fc.start_bound[first] == StartBound::NotBefore
            && !work_held_to_as_of(fc, first)
            && let Some(nb) = p.milestones[first].not_before
        {
            out.push_str(", and ");
            out.push(named(&p.milestones[first]));
            out.push_str(" cannot start before ");
            out.push(Part::Date(nb));
        }
    }

    let extra = thousands(EXTRA_HOURS);
    let more_fixes = match more {
        Some(s2) if s2.finish[i] <= due && !s2.unschedulable[i] => {
            let _ = write!(
                out,
                "; {extra} more hours a week would bring it in on time ("
            );
            out.push(Part::Date(s2.finish[i]));
            out.push_str(")");
            true
        }
        Some(s2) if s2.finish[i] < finish && !s2.unschedulable[i] => {
            let _ = write!(out, "; {extra} more hours a week would help (");
            out.push(Part::Date(s2.finish[i]));
            out.push_str(", ");
            out.push(Part::Days(days_between(due, s2.finish[i])));
            out.push_str(" late)");
            false
        }
        _ => {
            let _ = write!(out, "; {extra} more hours a week would not help");
            false
        }
    };

    // What would help, written straight into the text: "a, b or c".
    enum Fix {
        Due,
        Start(usize),
        Accrue(usize, f64),
    }
    let mut fixes: Vec<Fix> = vec![Fix::Due];
    let along = (if truncated { &[][..] } else { &chain[..] })
        .iter()
        .copied()
        .chain(std::iter::once(i));
    let mut first_not_done = true;
    for j in along {
        if ms[j].status == Status::Done {
            continue;
        }
        if std::mem::take(&mut first_not_done)
            && fc.start[j] > as_of
            && matches!(
                fc.start_bound[j],
                StartBound::NotBefore | StartBound::PlanStart
            )
        {
            fixes.push(Fix::Start(j));
        }
        // Durations (program lengths, processing times) are rarely the person's to change, so
        // they are not offered as a way out; accrual can sometimes be sped up (overtime).
        if fc.finish_bound[j] == FinishBound::Accrual
            && let Some(pw) = p.milestones[j].measure.as_ref().and_then(|x| x.per_week)
        {
            fixes.push(Fix::Accrue(j, pw));
        }
    }
    out.push_str(if more_fixes { ", and so would " } else { ", " });
    for (k, fix) in fixes.iter().enumerate() {
        if k > 0 {
            out.push_str(if k + 1 == fixes.len() { " or " } else { ", " });
        }
        match *fix {
            Fix::Due => {
                out.push_str("moving the due date to ");
                out.push(Part::Date(finish));
                out.push_str(" or later");
            }
            Fix::Start(j) => {
                out.push_str("starting ");
                out.push(named(&p.milestones[j]));
                out.push_str(" earlier");
            }
            Fix::Accrue(j, pw) => {
                let unit = unit_of(&p.milestones[j]);
                out.push_str("accruing ");
                out.push(named(&p.milestones[j]));
                let _ = write!(out, " faster than {} {} a week", Th(pw), short_unit(&unit));
            }
        }
    }
    if !more_fixes {
        out.push_str(" would");
    }
    out
}

/// A date as YYYY-MM-DD, written without the general-purpose date printer: explanations name
/// many dates.
struct Ymd(Date);

impl std::fmt::Display for Ymd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.0;
        if !(0..=9999).contains(&d.year()) {
            return std::fmt::Display::fmt(&d, f);
        }
        let (y, m, dd) = (d.year() as u16, d.month() as u8, d.day() as u8);
        let digit = |x: u16| b'0' + (x % 10) as u8;
        let b = [
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(u16::from(m) / 10),
            digit(u16::from(m)),
            b'-',
            digit(u16::from(dd) / 10),
            digit(u16::from(dd)),
        ];
        f.write_str(std::str::from_utf8(&b).unwrap_or_default())
    }
}

/// For a plan with shifts: how many free days (no shift, no night's end, no break) the roster or
/// rotation leaves from `from` to the milestone's due date, as `, and the roster leaves 9 free
/// days before the due date`. Empty for a plan without shifts or a milestone without a due date.
fn shift_note(m: &Milestone, from: Date, fc: &schedule::Schedule) -> String {
    let (Some(cal), Some(due)) = (fc.shifts.as_ref(), m.due) else {
        return String::new();
    };
    let (a, b) = (day_number(from), day_number(due));
    if b < a {
        return String::new();
    }
    // Ten years at most: an explanation, not a census. Counted by spans, not day by day: a
    // large plan has thousands of these notes.
    let b = b.min(a + 3660);
    let in_breaks: i64 = fc
        .breaks
        .iter()
        .map(|&(x, y)| (day_number(x).max(a), day_number(y).min(b)))
        .filter(|(x, y)| x <= y)
        .map(|(x, y)| cal.free_days_in(x, y))
        .sum();
    let free = cal.free_days_in(a, b) - in_breaks;
    let by = if cal.covers.is_some_and(|(_, last)| due <= last) || !cal.has_rotation {
        "the roster"
    } else if cal.covers.is_some() {
        "the roster and then the rotation"
    } else {
        "the rotation"
    };
    format!(
        ", and {by} leaves {} before the due date",
        crate::words::plural(free, "free day", "free days")
    )
}

/// Why a milestone with no binding predecessor finishes when it does.
fn own_reason(m: &Milestone, i: usize, fc: &schedule::Schedule) -> String {
    let start = match fc.start_bound[i] {
        StartBound::NotBefore => format!(
            "it cannot start before {}",
            m.not_before.unwrap_or(fc.start[i])
        ),
        StartBound::Logged => format!("it started {}", fc.start[i]),
        _ => format!("it starts {}", fc.start[i]),
    };
    match fc.finish_bound[i] {
        FinishBound::Effort if work_held_to_as_of(fc, i) => {
            let need = fc.work[i].div_ceil(fc.day_units.max(1)) as i64;
            let had = working_days(fc, fc.work_from, fc.finish[i]);
            let shared = if had > need {
                ", shared with other milestones"
            } else {
                ""
            };
            format!(
                "it is not marked done, and its {} h of work left can only be placed from {} at {} h a week{shared}{}",
                thousands(units_to_hours(fc.work[i])),
                fc.work_from,
                thousands(fc.hours_per_week),
                shift_note(m, fc.work_from, fc)
            )
        }
        FinishBound::Effort => {
            let ready = fc.start[i].max(fc.work_from);
            let need = fc.work[i].div_ceil(fc.day_units.max(1)) as i64;
            let had = working_days(fc, ready, fc.finish[i]);
            let shared = if had > need {
                ", shared with other milestones"
            } else {
                ""
            };
            format!(
                "{start} and needs {} h of work at {} h a week{shared}{}",
                thousands(units_to_hours(fc.work[i])),
                thousands(fc.hours_per_week),
                shift_note(m, ready, fc)
            )
        }
        _ => match what_takes(m, i, fc) {
            Some(w) => format!("{start} and takes {w}"),
            None => start,
        },
    }
}

fn goals(
    plan: &CheckedPlan,
    ms: &[ScheduledMilestone],
    fc: &schedule::Schedule,
    knowledge: Option<&dyn Knowledge>,
) -> Vec<GoalResult> {
    let p = plan.plan();
    let mut by_goal: Vec<Vec<usize>> = vec![Vec::new(); p.goals.len()];
    for (i, m) in p.milestones.iter().enumerate() {
        if let Some(g) = m.goal.as_deref().and_then(|g| plan.goal(g)) {
            by_goal[g].push(i);
        }
    }
    p.goals
        .iter()
        .zip(&by_goal)
        .map(|(g, idx)| {
            let milestones: Vec<&Milestone> = idx.iter().map(|&i| &p.milestones[i]).collect();
            let scheduled: Vec<&ScheduledMilestone> = idx.iter().map(|&i| &ms[i]).collect();
            let unschedulable: Vec<&str> = idx
                .iter()
                .filter(|&&i| fc.unschedulable[i])
                .map(|&i| p.milestones[i].id.as_str())
                .collect();
            let smart = smart::check(p, g, &milestones, &scheduled, &unschedulable, knowledge);
            let score = smart.criteria().iter().filter(|(_, c)| c.pass).count() as u8;
            let finish = scheduled.iter().map(|m| m.forecast.finish).max();
            let has = |s: Status| scheduled.iter().any(|m| m.status == s);
            let status = if scheduled.is_empty() {
                Status::NotStarted
            } else if scheduled.iter().all(|m| m.status == Status::Done) {
                Status::Done
            } else if has(Status::Late) || matches!((finish, g.due), (Some(f), Some(d)) if f > d) {
                Status::Late
            } else if has(Status::AtRisk) {
                Status::AtRisk
            } else if scheduled.iter().all(|m| m.status == Status::NotStarted) {
                Status::NotStarted
            } else {
                Status::OnTrack
            };
            let percent = if scheduled.is_empty() {
                0.0
            } else {
                round1(scheduled.iter().map(|m| m.percent).sum::<f64>() / scheduled.len() as f64)
            };
            GoalResult {
                id: g.id.clone(),
                title: g.title.clone(),
                due: g.due,
                finish,
                status,
                score,
                smart,
                percent,
            }
        })
        .collect()
}

fn weekly_load(
    p: &Plan,
    as_of: Date,
    base: &schedule::Schedule,
    fc: &schedule::Schedule,
    ms: &[ScheduledMilestone],
) -> Vec<WeekLoad> {
    let first = monday_of(day_number(p.start));
    let last = ms
        .iter()
        .map(|m| day_number(m.baseline.finish).max(day_number(m.forecast.finish)))
        .max()
        .unwrap_or(first)
        .max(first);
    let weeks = ((monday_of(last) - first) / 7 + 1) as usize;
    let b = base.weekly_units(first, weeks);
    let f = fc.weekly_units(first, weeks);
    let as_of_week = monday_of(day_number(as_of));
    (0..weeks)
        .map(|w| {
            let monday = first + 7 * w as i64;
            let forecast = monday >= as_of_week;
            let shifts = fc.shifts.as_ref().map(|cal| {
                let week = cal.week(monday);
                let shift = week.map_or(0, |w| w.shift_total());
                let mask = (0..7u8)
                    .filter(|&k| {
                        let d = monday + i64::from(k);
                        cal.is_free(d) && !fc.in_break(from_day_number(d))
                    })
                    .fold(0u8, |m, k| m | (1 << k));
                let dev = if forecast { f[w] } else { b[w] };
                (
                    round2(units_to_hours(shift)),
                    mask.count_ones(),
                    round2(units_to_hours(shift + dev)),
                    mask,
                )
            });
            WeekLoad {
                week: from_day_number(monday),
                baseline_hours: round2(units_to_hours(b[w])),
                forecast_hours: forecast.then(|| round2(units_to_hours(f[w]))),
                shift_hours: shifts.map(|s| s.0),
                free_days: shifts.map(|s| s.1),
                total_hours: shifts.map(|s| s.2),
                free_mask: shifts.map_or(0, |s| s.3),
            }
        })
        .collect()
}

/// W021 (weeks whose shifts alone pass `max_week_hours`, one warning for all of them, at the
/// limit) and W022 (the plan goes on past its roster file's last day with no rotation to fall
/// back to, at the roster's `file`).
fn shift_findings(plan: &CheckedPlan, resolved: &ResolvedPlan, out: &mut Vec<Diagnostic>) {
    let p = plan.plan();
    let load = &resolved.schedule.weekly_load;
    if let Some(max) = p.capacity.max_week_hours {
        // Up to the last finish that can be scheduled (a milestone that cannot be runs the
        // weekly load to the horizon, which would count centuries of weeks), else a year.
        let horizon = schedule::horizon(resolved.as_of.max(p.start));
        let until = resolved
            .schedule
            .milestones
            .iter()
            .map(|m| m.forecast.finish)
            .filter(|&f| f < horizon)
            .max()
            .unwrap_or_else(|| {
                resolved
                    .as_of
                    .max(p.start)
                    .saturating_add(jiff::Span::new().years(1))
            });
        let over: Vec<&WeekLoad> = load
            .iter()
            .filter(|w| w.week <= until && w.shift_hours.is_some_and(|s| s > max))
            .collect();
        if let Some(first) = over.first() {
            let weeks = crate::words::plural(over.len() as i64, "week", "weeks");
            out.push(
                Diagnostic::warning(
                    codes::SHIFTS_OVER_LIMIT,
                    format!(
                        "{weeks} of shifts alone pass max_week_hours = {}, the first the week of {} with {} h of shifts; no development is planned in them",
                        crate::numbers::plain(max),
                        first.week,
                        crate::numbers::plain(first.shift_hours.unwrap_or(0.0))
                    ),
                )
                .at(p.spans.get("capacity.max_week_hours"), "capacity.max_week_hours")
                .label("passed by shifts alone")
                .hint("raise max_week_hours to what you really work, or ask for a lighter rotation"),
            );
        }
    }
    if p.capacity.rotation.is_none()
        && let Some((_, last)) = plan.roster().and_then(|r| r.covers)
    {
        let end = resolved
            .schedule
            .milestones
            .iter()
            .map(|m| m.forecast.finish.max(m.baseline.finish))
            .max();
        if end.is_some_and(|e| e > last) {
            out.push(
                Diagnostic::warning(
                    codes::NO_SHIFTS_KNOWN,
                    format!(
                        "the roster file ends on {last}, but the plan goes on; from {} no shifts are known, so every day counts as free",
                        last.saturating_add(jiff::Span::new().days(1))
                    ),
                )
                .at(p.spans.get("capacity.roster.file"), "capacity.roster.file")
                .label("ends before the plan")
                .hint("export a longer roster, or add [capacity.rotation] for the days after it"),
            );
        }
    }
}

/// One row per progress entry, in date order (entries of one day in file order), with the
/// running total of its milestone.
/// `occurrences[i]`: how many occurrences milestone `i` has when it is a series (its entries
/// count occurrences, and their percent is of all its occurrences).
fn progress_rows(plan: &CheckedPlan, occurrences: &[Option<usize>]) -> Vec<ProgressRow> {
    let p = plan.plan();
    let mut entries: Vec<&crate::plan::ProgressEntry> = p.progress.iter().collect();
    entries.sort_by_key(|e| e.date);
    let mut totals = vec![0.0f64; p.milestones.len()];
    entries
        .into_iter()
        .filter_map(|e| {
            let i = plan.milestone(&e.milestone)?;
            let m = &p.milestones[i];
            totals[i] += e.amount;
            let series = occurrences.get(i).copied().flatten();
            let target = match series {
                Some(n) => (n > 0).then_some(n as f64),
                None => schedule::target_of(m),
            };
            let percent = match target {
                Some(t) => round1((totals[i] / t * 100.0).clamp(0.0, 100.0)),
                None => 0.0,
            };
            Some(ProgressRow {
                date: e.date,
                milestone: e.milestone.clone(),
                amount: e.amount,
                unit: if series.is_some() {
                    "occurrences".into()
                } else {
                    unit_of(m)
                },
                total: round2(totals[i]),
                percent,
                note: e.note.clone(),
            })
        })
        .collect()
}

/// Warnings for `check`: late milestones (W010), failed SMART criteria (W011), predecessors taken
/// as finished because a later milestone has progress logged (W012), and milestones that cannot
/// be scheduled (W013), located in the plan file.
pub fn findings(plan: &CheckedPlan, resolved: &ResolvedPlan) -> Vec<Diagnostic> {
    let p = plan.plan();
    let sp = |path: &str| p.spans.get(path);
    let as_of = resolved.as_of;
    let ms = &resolved.schedule.milestones;
    let horizon = schedule::horizon(as_of.max(p.start));
    // Only looked up, never iterated: the output order stays the plan's.
    let texts: std::collections::HashMap<&str, &Message> = resolved
        .schedule
        .explanations
        .iter()
        .map(|e| (e.milestone.as_str(), &e.text))
        .collect();
    let explanation = |id: &str| texts.get(id).map(|t| t.terminal());
    let mut out = Vec::new();

    for (i, sm) in ms.iter().enumerate().take(p.milestones.len()) {
        let m = &p.milestones[i];
        if sm.forecast.finish >= horizon {
            let path = format!("milestones[{i}]");
            out.push(
                Diagnostic::warning(
                    codes::CANNOT_SCHEDULE,
                    explanation(&m.id).unwrap_or_else(|| format!("{} cannot be scheduled", m.id)),
                )
                .at(sp(&format!("milestones[{i}].id")), path)
                .label("cannot be scheduled")
                .hint(
                    "give the plan more hours a week, or less effort, or remove what it waits for",
                ),
            );
        } else if sm.status == Status::Late
            && let (Some(due), Some(late)) = (sm.due, sm.late_days)
        {
            let path = format!("milestones[{i}].due");
            out.push(
                Diagnostic::warning(
                    codes::LATE,
                    explanation(&m.id).unwrap_or_else(|| {
                        format!("{} is due {due} but finishes {}", m.id, sm.forecast.finish)
                    }),
                )
                .at(
                    sp(&path).or_else(|| sp(&format!("milestones[{i}].id"))),
                    path,
                )
                .label(format!("{} late", days_text(late)))
                .hint(format!(
                    "move the due date to {} or later, or start what comes before it earlier",
                    sm.forecast.finish
                )),
            );
        } else if m.every.is_some()
            && sm.occurrences.iter().any(|o| o.missed() || o.late())
            && let Some(text) = explanation(&m.id)
        {
            // A series with missed occurrences, or ones the budget cannot place in their period.
            let path = format!("milestones[{i}].every");
            let missed = sm.occurrences.iter().filter(|o| o.missed()).count();
            let late = sm.occurrences.iter().filter(|o| o.late()).count();
            out.push(
                Diagnostic::warning(codes::LATE, text)
                    .at(
                        sp(&path).or_else(|| sp(&format!("milestones[{i}].id"))),
                        path,
                    )
                    .label(format!("{missed} missed, {late} late"))
                    .hint("log each occurrence as it happens (carepath log PLAN ID 1 --date DAY), or give the plan more hours a week"),
            );
        }
    }

    for (gi, g) in resolved.schedule.goals.iter().enumerate() {
        for (name, c) in g.smart.criteria() {
            if c.pass {
                continue;
            }
            let word = name.replace('_', "-");
            let hint = match name {
                "specific" => {
                    "name the outcome (a credential, a role, a number) and give the goal milestones"
                }
                "measurable" => {
                    "add `measure = { metric = \"…\", target = N }`, or milestones with a clear completion"
                }
                "achievable" => {
                    "move the due date, start earlier, or give the plan more hours a week"
                }
                "relevant" => "add the person.values it serves to the goal's `values`",
                _ => "give the goal a `due` date after the start and not after target.by",
            };
            out.push(
                Diagnostic::warning(
                    codes::NOT_SMART,
                    format!("goal `{}` is not {word}: {}", g.id, c.reason.terminal()),
                )
                .at(sp(&format!("goals[{gi}].id")), format!("goals[{gi}]"))
                .label(format!("SMART: {word}"))
                .hint(hint),
            );
        }
    }

    let logs = schedule::logged(plan, as_of);
    for (i, m) in p.milestones.iter().enumerate() {
        let log = &logs[i];
        let Some(first) = log.first else { continue };
        if m.done.is_some() || log.reached.is_some() {
            continue;
        }
        for &q in plan.preds(i) {
            // Only a predecessor the forecast would not have finished by the first log date is
            // "taken as finished".
            if ms
                .get(q)
                .is_none_or(|x| x.status == Status::Done || x.forecast.finish < first)
            {
                continue;
            }
            let pred = &p.milestones[q];
            out.push(
                Diagnostic::warning(
                    codes::TAKEN_AS_FINISHED,
                    format!(
                        "{} has progress logged from {first}, so {} is taken as finished by then, but it is not marked done",
                        m.id, pred.id
                    ),
                )
                .at(sp(&format!("milestones[{q}].id")), format!("milestones[{q}].done"))
                .label("not marked done")
                .hint(format!(
                    "mark {} done: add `done = {}` (or the day it finished)",
                    pred.id,
                    first.yesterday().unwrap_or(first)
                )),
            );
        }
    }

    for cs in &resolved.schedule.credentials {
        // Where the credential is written: its table in `person.credentials`, else the `earns`
        // of the milestone that earns it.
        let (path, span) = match p.person.credentials.iter().position(|c| c.id == cs.id) {
            Some(i) => {
                let path = format!("person.credentials[{i}]");
                let span = sp(&format!("{path}.expires"))
                    .filter(|_| cs.status != CredentialState::Unknown)
                    .or_else(|| sp(&format!("{path}.id")))
                    .or_else(|| sp(&path));
                (path, span)
            }
            None => match cs.earned_by.as_deref().and_then(|m| plan.milestone(m)) {
                Some(j) => {
                    let path = format!("milestones[{j}].earns");
                    let span = sp(&path);
                    (path, span)
                }
                None => continue,
            },
        };
        let text = || {
            cs.attention
                .as_ref()
                .map(Message::terminal)
                .unwrap_or_default()
        };
        let current = cs.cycles.first();
        let d = match cs.status {
            CredentialState::Current => continue,
            CredentialState::Unknown => {
                let held = p.person.credentials.iter().find(|c| c.id == cs.id);
                let why = if held.is_some_and(|c| c.earned.is_some()) {
                    "the catalog has no renewal cycle for it"
                } else {
                    "it has no `earned` date to count the catalog's renewal cycle from"
                };
                Diagnostic::warning(
                    codes::CREDENTIAL_EXPIRY_UNKNOWN,
                    format!(
                        "the expiry of `{}` is unknown: no `expires` is written and {why}",
                        cs.id
                    ),
                )
                .label("expiry unknown")
                .hint("add `expires = YYYY-MM-DD` from the card or certificate, so carepath can warn before it lapses")
            }
            CredentialState::Lapsed => Diagnostic::warning(codes::CREDENTIAL_LAPSED, text())
                .label("lapsed")
                .hint("renew it, then write the new expiry (`expires = YYYY-MM-DD`); if it was renewed already, write the date on the new card or license"),
            CredentialState::DueSoon => Diagnostic::warning(codes::CREDENTIAL_DUE_SOON, text())
                .label("expires soon")
                .hint("when it is renewed, write the new `expires`"),
            CredentialState::AtRisk => {
                let late = current.is_some_and(|c| c.forecast_finish.is_some_and(|f| f > c.submit_by));
                if late {
                    let milestone = current.and_then(|c| c.renewal_milestone.as_deref()).unwrap_or("");
                    Diagnostic::warning(codes::RENEWAL_AT_RISK, text())
                        .label("renewal at risk")
                        .hint(format!("log CE as you do it (`carepath ce PLAN HOURS --title …`); the renewal milestone `{milestone}` holds what is missing"))
                } else {
                    Diagnostic::warning(codes::PRACTICE_SHORT, text())
                        .label("practice hours short")
                        .hint("write the hours a week you work in `person.experience` (`hours_per_week`), or renew another way (by exam)")
                }
            }
        };
        out.push(d.at(span, path));
    }

    for (i, ce) in p.ce.iter().enumerate() {
        if ce.date > as_of {
            let path = format!("ce[{i}].date");
            out.push(
                Diagnostic::warning(
                    codes::CE_IN_FUTURE,
                    format!(
                        "the CE activity \"{}\" is dated {}, after the as-of date {as_of}",
                        ce.title, ce.date
                    ),
                )
                .at(sp(&path), path)
                .label("in the future")
                .hint("check the date: the CE log records activities done; plan future CE as a milestone"),
            );
        }
    }

    shift_findings(plan, resolved, &mut out);
    out.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    out
}
