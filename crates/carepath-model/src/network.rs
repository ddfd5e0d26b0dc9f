//! Recurring milestones (series) and the person's network (docs/network.md).
//!
//! A series is scheduled as its occurrences: each becomes a milestone of its own, appended after
//! the plan's milestones the way renewal milestones are (`CheckedPlan::extended`), that may not
//! start before its day and is due on the last day of its period. So each occurrence draws its
//! hours from the weekly budget of its period with the usual priority rules, and one that the
//! budget cannot place in its period finishes after its due date: late. The series milestone
//! itself keeps its place (its `after` links, what waits for it) with no effort of its own, and
//! waits until its last occurrence, so a milestone `after` a series waits for the whole series.

use jiff::civil::Date;

use crate::CheckedPlan;
use crate::calendar::{self, Occurrence};
use crate::plan::{Duration, DurationUnit, Milestone, Plan};
use crate::resolved::{OccurrenceRow, PersonStatus};
use crate::schedule::{self, Logged};

/// The occurrences of one recurring milestone.
#[derive(Debug, Clone)]
pub struct Series {
    /// The milestone's index in the plan.
    pub milestone: usize,
    pub occurrences: Vec<Occurrence>,
    /// The day each occurrence was logged done, as of the as-of date.
    pub done: Vec<Option<Date>>,
}

/// The last day an occurrence may fall on: `until`, else the goal's `due`, else `target.by`,
/// else two years after the first.
pub fn until_of(p: &Plan, m: &Milestone, first: Date) -> Date {
    if let Some(u) = m.until {
        return u;
    }
    let goal_due = m
        .goal
        .as_ref()
        .and_then(|g| p.goals.iter().find(|x| &x.id == g))
        .and_then(|g| g.due);
    goal_due
        .or(p.target.as_ref().map(|t| t.by))
        .unwrap_or_else(|| calendar::add_days(calendar::add_years(first, 2), -1))
}

/// Which occurrences the progress log marks done: an entry marks the occurrence of the period
/// its date falls in (the first one for an entry before the series starts), and each further
/// unit of its amount the next occurrence not yet done. Entries after `as_of` are left out;
/// entries are taken in date order, entries of one day in file order.
pub fn done_occurrences(
    p: &Plan,
    id: &str,
    occurrences: &[Occurrence],
    as_of: Date,
) -> Vec<Option<Date>> {
    let mut done = vec![None; occurrences.len()];
    let mut entries: Vec<&crate::plan::ProgressEntry> = p
        .progress
        .iter()
        .filter(|e| e.milestone == id && e.date <= as_of)
        .collect();
    entries.sort_by_key(|e| e.date);
    for e in entries {
        let mut count = e.amount.round().max(0.0) as usize;
        let mut k = occurrences.partition_point(|o| o.period_end < e.date);
        while count > 0 && k < occurrences.len() {
            if done[k].is_none() {
                done[k] = Some(e.date);
                count -= 1;
            }
            k += 1;
        }
    }
    done
}

/// The plan with its series expanded into occurrence milestones, as the scheduler sees it.
pub(crate) struct Expanded {
    /// The plan's own milestones (each series with no effort, waiting from its first to its
    /// last occurrence), then one milestone per occurrence.
    pub plan: CheckedPlan,
    pub series: Vec<Series>,
    /// For each occurrence milestone (in order, after the plan's own): its series (an index of
    /// `series`) and its place in that series.
    pub owner: Vec<(usize, usize)>,
}

/// The id an occurrence milestone has inside the schedule: `mentor-meetings@2026-03-01` (a plan
/// id cannot hold `@`, so it is never taken).
pub fn occurrence_id(series: &str, date: Date) -> String {
    format!("{series}@{date}")
}

/// The plan with its series expanded, or `None` for a plan without one.
pub(crate) fn expand(plan: &CheckedPlan, as_of: Date) -> Option<Expanded> {
    let p = plan.plan();
    if !p.milestones.iter().any(|m| m.every.is_some()) {
        return None;
    }
    let own = p.milestones.len();
    let mut neutral = p.clone();
    neutral.spans = Default::default();
    for m in &mut neutral.milestones {
        if m.every.is_some() {
            m.effort_hours = 0.0;
            m.duration = None;
            m.measure = None;
            m.done = None;
        }
    }
    // A series that waits for `after` (and has no `not_before`) starts where the baseline
    // starts it: scheduled once without its occurrences to find that day.
    let needs_base = p
        .milestones
        .iter()
        .any(|m| m.every.is_some() && m.not_before.is_none() && !m.after.is_empty());
    let base = needs_base.then(|| schedule::baseline(&plan.extended(neutral.clone(), Vec::new())));
    let mut series = Vec::new();
    let mut extra = Vec::new();
    let mut owner = Vec::new();
    for (i, m) in p.milestones.iter().enumerate() {
        let Some(every) = m.every else { continue };
        let first = match (&base, m.not_before) {
            (_, Some(nb)) => nb.max(p.start),
            (Some(b), None) if !m.after.is_empty() => b.start[i],
            _ => p.start,
        };
        let occurrences = calendar::series(first, every, until_of(p, m, first));
        let done = done_occurrences(p, &m.id, &occurrences, as_of);
        let n = &mut neutral.milestones[i];
        n.not_before = Some(first);
        if let Some(last) = occurrences.last() {
            let days = calendar::days_between(first, last.date) + 1;
            n.duration = Some(Duration {
                amount: u32::try_from(days).unwrap_or(u32::MAX),
                unit: DurationUnit::Days,
            });
        }
        for (k, o) in occurrences.iter().enumerate() {
            owner.push((series.len(), k));
            extra.push(Milestone {
                id: occurrence_id(&m.id, o.date),
                title: format!("{} ({})", m.title, o.date),
                kind: m.kind,
                goal: None,
                after: Vec::new(),
                not_before: Some(o.date),
                duration: None,
                effort_hours: m.effort_hours,
                due: Some(o.period_end),
                cost: None,
                measure: None,
                done: None,
                notes: None,
                earns: None,
                every: None,
                until: None,
                with: Vec::new(),
            });
        }
        series.push(Series {
            milestone: i,
            occurrences,
            done,
        });
    }
    debug_assert_eq!(neutral.milestones.len(), own);
    Some(Expanded {
        plan: plan.extended(neutral, extra),
        series,
        owner,
    })
}

impl Expanded {
    /// The progress log of the expanded plan: the plan's own milestones as logged (a series'
    /// own entries count occurrences, not hours, so they are taken out), then each occurrence:
    /// done on its log date, or with nothing left to work when its period ended before `as_of`
    /// unlogged (missed: the forecast places no hours for it).
    pub fn logs(&self, own_logs: Vec<Logged>, as_of: Date) -> Vec<Logged> {
        let mut logs = own_logs;
        for s in &self.series {
            logs[s.milestone] = Logged::default();
        }
        let p = self.plan.plan();
        let own = p.milestones.len() - self.owner.len();
        for (j, &(si, k)) in self.owner.iter().enumerate() {
            let s = &self.series[si];
            let effort = p.milestones[own + j].effort_hours.max(0.0);
            logs.push(match s.done[k] {
                Some(d) => Logged {
                    amount: effort,
                    first: Some(d),
                    reached: Some(d),
                },
                None if s.occurrences[k].period_end < as_of => Logged {
                    amount: effort,
                    first: None,
                    reached: None,
                },
                None => Logged::default(),
            });
        }
        logs
    }
}

/// An occurrence's row of the document: its day, when it was logged done, and when the forecast
/// has its work done (none when done, or missed: its period ended before the as-of date).
pub fn occurrence_rows(s: &Series, forecast_finish: &[Date], as_of: Date) -> Vec<OccurrenceRow> {
    s.occurrences
        .iter()
        .enumerate()
        .map(|(k, o)| {
            let done = s.done[k];
            let missed = done.is_none() && o.period_end < as_of;
            OccurrenceRow {
                date: o.date,
                done,
                forecast: (done.is_none() && !missed).then(|| forecast_finish[k]),
                period_end: o.period_end,
            }
        })
        .collect()
}

/// Each person of the network with their last and next contact, overdue ones first (earliest
/// next contact first), then by next contact, then those with none, each group in file order.
pub fn people(p: &Plan, as_of: Date) -> Vec<PersonStatus> {
    use std::collections::HashMap;
    let index: HashMap<&str, usize> = p
        .people
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let milestone_with: HashMap<&str, &[String]> = p
        .milestones
        .iter()
        .filter(|m| !m.with.is_empty())
        .map(|m| (m.id.as_str(), m.with.as_slice()))
        .collect();
    let mut last: Vec<Option<Date>> = vec![None; p.people.len()];
    let mut milestones: Vec<Vec<String>> = vec![Vec::new(); p.people.len()];
    for m in &p.milestones {
        for w in &m.with {
            if let Some(&i) = index.get(w.as_str())
                && !milestones[i].contains(&m.id)
            {
                milestones[i].push(m.id.clone());
            }
        }
    }
    for e in p.progress.iter().filter(|e| e.date <= as_of) {
        let of_milestone = milestone_with
            .get(e.milestone.as_str())
            .copied()
            .unwrap_or(&[]);
        for w in e.with.iter().chain(of_milestone) {
            if let Some(&i) = index.get(w.as_str()) {
                last[i] = Some(last[i].map_or(e.date, |d: Date| d.max(e.date)));
            }
        }
    }
    let mut out: Vec<(usize, PersonStatus)> = p
        .people
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let last_contact = last[i];
            let next_contact = c
                .keep_in_touch
                .and_then(|k| last_contact.or(c.met).map(|d| k.after(d)));
            (
                i,
                PersonStatus {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    relation: c.relation,
                    role: c.role.clone(),
                    met: c.met,
                    keep_in_touch: c.keep_in_touch,
                    last_contact,
                    next_contact,
                    overdue: next_contact.is_some_and(|n| n < as_of),
                    milestones: std::mem::take(&mut milestones[i]),
                    note: c.note.clone(),
                },
            )
        })
        .collect();
    out.sort_by_key(|(i, s)| (!s.overdue, s.next_contact.is_none(), s.next_contact, *i));
    out.into_iter().map(|(_, s)| s).collect()
}
