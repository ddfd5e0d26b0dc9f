//! The planning engine: the scheduler's guarantees on generated plans (proptest), the status,
//! progress and as-of rules, SMART, explanations, findings, and the fixtures' schedules
//! (snapshots).

use carepath_model::schedule::{self, day_number, from_day_number, monday_of};
use carepath_model::*;
use jiff::civil::{Date, date};
use proptest::prelude::*;

// ── helpers ──────────────────────────────────────────────────────────────────

fn checked(toml: &str) -> CheckedPlan {
    let c = check(toml.as_bytes(), Format::Toml, None);
    match c.plan {
        Some(p) => p,
        None => panic!("plan did not check: {:#?}\n{toml}", c.diagnostics),
    }
}

fn resolved(toml: &str, as_of: Date) -> ResolvedPlan {
    resolve(&checked(toml), as_of, None)
}

fn ms<'a>(r: &'a ResolvedPlan, id: &str) -> &'a ScheduledMilestone {
    r.schedule
        .milestones
        .iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no milestone {id}"))
}

fn explanation(r: &ResolvedPlan, id: &str) -> String {
    r.schedule
        .explanations
        .iter()
        .find(|e| e.milestone == id)
        .map(|e| e.text.terminal())
        .unwrap_or_else(|| panic!("no explanation for {id}: {:#?}", r.schedule.explanations))
}

fn header(hours: &str, extra: &str) -> String {
    format!(
        "format = 1\ntitle = \"Test plan\"\nstart = 2026-01-05\n\n[person]\nname = \"Test Person\"\nvalues = [\"patient-care\"]\n\n[capacity]\nhours_per_week = {hours}\n{extra}\n"
    )
}

fn days(a: Date, b: Date) -> i64 {
    day_number(b) - day_number(a)
}

// ── generated plans ──────────────────────────────────────────────────────────

#[derive(Debug, Clone)]
struct GenMilestone {
    effort: u32,
    duration: Option<(u32, u8)>,
    after: Vec<u16>,
    not_before: Option<u16>,
    due: Option<u16>,
    accrual: Option<(u16, u8)>,
}

#[derive(Debug, Clone)]
struct GenPlan {
    start_offset: u8,
    hours: (u8, u8),
    max_parallel: u8,
    breaks: Vec<(u16, u8)>,
    milestones: Vec<GenMilestone>,
    progress: Vec<(u16, u8, u8)>,
    done: Vec<(u16, u16)>,
    as_of: u16,
}

fn gen_milestone() -> impl Strategy<Value = GenMilestone> {
    (
        prop_oneof![Just(0u32), 1u32..40],
        proptest::option::weighted(0.3, (1u32..8, 0u8..3)),
        proptest::collection::vec(any::<u16>(), 0..3),
        proptest::option::weighted(0.2, 0u16..400),
        proptest::option::weighted(0.4, 0u16..900),
        proptest::option::weighted(0.1, (10u16..300, 5u8..40)),
    )
        .prop_map(
            |(effort, duration, after, not_before, due, accrual)| GenMilestone {
                effort,
                duration,
                after,
                not_before,
                due,
                accrual,
            },
        )
}

fn gen_plan() -> impl Strategy<Value = GenPlan> {
    (
        0u8..7,
        (3u8..20, 0u8..4),
        1u8..4,
        proptest::collection::vec((0u16..500, 0u8..30), 0..4),
        proptest::collection::vec(gen_milestone(), 20..60),
        proptest::collection::vec((any::<u16>(), 1u8..20, 0u8..60), 0..10),
        proptest::collection::vec((any::<u16>(), 0u16..300), 0..5),
        0u16..500,
    )
        .prop_map(
            |(start_offset, hours, max_parallel, breaks, milestones, progress, done, as_of)| {
                GenPlan {
                    start_offset,
                    hours,
                    max_parallel,
                    breaks,
                    milestones,
                    progress,
                    done,
                    as_of,
                }
            },
        )
}

impl GenPlan {
    fn start(&self) -> Date {
        date(2026, 1, 5).saturating_add(jiff::Span::new().days(i64::from(self.start_offset)))
    }

    fn day(&self, offset: u16) -> Date {
        self.start()
            .saturating_add(jiff::Span::new().days(i64::from(offset)))
    }

    fn hours_per_week(&self) -> f64 {
        f64::from(self.hours.0) + f64::from(self.hours.1) * 0.25
    }

    fn as_of(&self) -> Date {
        self.day(self.as_of)
    }

    fn toml(&self) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "format = 1\ntitle = \"Generated\"\nstart = {}\n\n[person]\nname = \"Gen\"\n\n[capacity]\nhours_per_week = {}\nmax_parallel = {}\n",
            self.start(),
            self.hours_per_week(),
            self.max_parallel
        );
        for &(from, len) in &self.breaks {
            let _ = writeln!(
                s,
                "[[capacity.breaks]]\nfrom = {}\nto = {}\n",
                self.day(from),
                self.day(from + u16::from(len))
            );
        }
        let n = self.milestones.len();
        let done: Vec<Option<Date>> = (0..n)
            .map(|i| {
                self.done
                    .iter()
                    .find(|(k, _)| usize::from(*k) % n == i)
                    .map(|&(_, d)| self.day(d))
            })
            .collect();
        for (i, m) in self.milestones.iter().enumerate() {
            let _ = writeln!(
                s,
                "[[milestones]]\nid = \"m{i}\"\ntitle = \"Milestone {i}\"\nkind = \"training\""
            );
            if i > 0 {
                let mut after: Vec<usize> = m
                    .after
                    .iter()
                    .map(|&a| i - 1 - usize::from(a) % i.min(10))
                    .collect();
                after.sort_unstable();
                after.dedup();
                if !after.is_empty() {
                    let list: Vec<String> = after.iter().map(|a| format!("\"m{a}\"")).collect();
                    let _ = writeln!(s, "after = [{}]", list.join(", "));
                }
            }
            if m.effort > 0 {
                let _ = writeln!(s, "effort_hours = {}", m.effort);
            }
            if let Some((amount, unit)) = m.duration {
                let unit = ["days", "weeks", "months"][usize::from(unit)];
                let _ = writeln!(s, "duration = \"{amount} {unit}\"");
            }
            if let Some(nb) = m.not_before {
                let _ = writeln!(s, "not_before = {}", self.day(nb));
            }
            if let Some(due) = m.due {
                let _ = writeln!(s, "due = {}", self.day(due));
            }
            if let Some((target, per_week)) = m.accrual {
                let _ = writeln!(
                    s,
                    "measure = {{ target = {target}, unit = \"hours\", per_week = {per_week} }}"
                );
            }
            if let Some(d) = done[i] {
                let _ = writeln!(s, "done = {d}");
            }
            s.push('\n');
        }
        for &(k, amount, at) in &self.progress {
            let _ = writeln!(
                s,
                "[[progress]]\ndate = {}\nmilestone = \"m{}\"\namount = {amount}\n",
                self.day(u16::from(at) * 5),
                usize::from(k) % n
            );
        }
        s
    }
}

/// Every guarantee of one schedule that holds whatever the plan. `work_from` is the first day
/// work may be placed.
fn check_schedule(plan: &CheckedPlan, s: &schedule::Schedule, baseline: bool) {
    let p = plan.plan();
    let n = p.milestones.len();
    let daily = s.daily();

    // Starts after what they depend on (baseline: always; forecast: unless done or logged).
    if baseline {
        for i in 0..n {
            if s.unschedulable[i] {
                continue;
            }
            assert!(s.start[i] >= p.start, "m{i} starts before the plan");
            if let Some(nb) = p.milestones[i].not_before {
                assert!(s.start[i] >= nb, "m{i} starts before not_before");
            }
            for &q in plan.preds(i) {
                assert!(
                    s.start[i] > s.finish[q],
                    "m{i} starts {} but its predecessor m{q} finishes {}",
                    s.start[i],
                    s.finish[q]
                );
            }
        }
    }

    // Durations and accrual are honoured; finish is never before start.
    for i in 0..n {
        let m = &p.milestones[i];
        assert!(s.finish[i] >= s.start[i]);
        if s.unschedulable[i] || s.finish_bound[i] == schedule::FinishBound::Done {
            continue;
        }
        if let Some(d) = m.duration {
            let end = d.after(s.start[i]);
            assert!(
                days(s.start[i], s.finish[i]) + 1 >= days(s.start[i], end),
                "m{i} lasts {}..{}, shorter than {d}",
                s.start[i],
                s.finish[i]
            );
        }
        if let Some(acc) = schedule::accrual_days(m) {
            assert!(days(s.start[i], s.finish[i]) + 1 >= acc);
        }
    }

    // No day gives more than its capacity; nothing in a break; nothing before work_from;
    // at most max_parallel milestones a day.
    let mut week: std::collections::BTreeMap<i64, u64> = Default::default();
    for (day, allocs) in &daily {
        let cap = s.capacity_on(*day);
        let used: u64 = allocs.iter().map(|a| a.1).sum();
        assert!(used <= cap, "{day}: {used} units > capacity {cap}");
        assert!(cap > 0 || allocs.is_empty(), "work in a break on {day}");
        assert!(*day >= s.work_from, "work on {day}, before {}", s.work_from);
        assert!(allocs.len() <= s.max_parallel as usize);
        for &(i, _) in allocs {
            assert!(*day >= s.start[i], "m{i} worked on {day} before its start");
            assert!(*day <= s.finish[i], "m{i} worked on {day} after its finish");
        }
        *week.entry(monday_of(day_number(*day))).or_default() += used;
    }
    // Weekly hours never exceed the weekly budget, prorated by the days available that week.
    for (&monday, &units) in &week {
        let available: u64 = (0..7)
            .map(|k| s.capacity_on(from_day_number(monday + k)))
            .sum();
        assert!(units <= available);
        assert!(
            schedule::units_to_hours(units) <= p.capacity.hours_per_week + 1e-6,
            "week of {}: {} h",
            from_day_number(monday),
            schedule::units_to_hours(units)
        );
    }

    // Every unit of effort of a schedulable milestone is worked, and the last one decides its
    // finish unless the duration or accrual is longer.
    let mut given = vec![0u64; n];
    let mut last = vec![None::<Date>; n];
    for (day, allocs) in &daily {
        for &(i, u) in allocs {
            given[i] += u;
            last[i] = Some(*day);
        }
    }
    for i in 0..n {
        if s.unschedulable[i] {
            continue;
        }
        assert_eq!(given[i], s.work[i], "m{i}: effort given vs needed");
        if let Some(l) = last[i] {
            assert!(s.finish[i] >= l);
        }
    }

    // No idle hour while ready work waits: on a day with capacity left and a free slot, no
    // ready milestone with effort left goes without.
    let mut left = s.work.clone();
    let (Some(first), Some(end)) = (
        daily.keys().next().copied(),
        daily.keys().next_back().copied(),
    ) else {
        return;
    };
    let first = first.min(s.work_from);
    for d in day_number(first)..=day_number(end) {
        let day = from_day_number(d);
        let allocs = daily.get(&day).cloned().unwrap_or_default();
        let cap = s.capacity_on(day);
        let used: u64 = allocs.iter().map(|a| a.1).sum();
        if cap > used && allocs.len() < s.max_parallel as usize && day >= s.work_from {
            for (i, &units_left) in left.iter().enumerate() {
                let ready = units_left > 0 && day >= s.start[i] && !s.unschedulable[i];
                assert!(
                    !ready || allocs.iter().any(|a| a.0 == i),
                    "{day}: m{i} was ready with {units_left} units left but got no hours ({used} of {cap} used)",
                );
            }
        }
        for (i, u) in allocs {
            left[i] -= u;
        }
    }
}

proptest! {
    // 48 cases keep `cargo test` quick; PROPTEST_CASES=2000 searches harder.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48),
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_plans_schedule_soundly(g in gen_plan()) {
        let text = g.toml();
        let plan = checked(&text);
        let base = schedule::baseline(&plan);
        check_schedule(&plan, &base, true);

        let as_of = g.as_of();
        let logs = schedule::logged(&plan, as_of);
        let fc = schedule::forecast(&plan, &schedule::Prepared::new(&plan), &base, as_of, &logs, plan.plan().capacity.hours_per_week);
        check_schedule(&plan, &fc, false);

        // Same input, same bytes: twice from the same plan, and once more from the text.
        let a = serde_json::to_string(&resolve(&plan, as_of, None)).unwrap();
        let b = serde_json::to_string(&resolve(&plan, as_of, None)).unwrap();
        let c = serde_json::to_string(&resolve(&checked(&text), as_of, None)).unwrap();
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(&a, &c);

        // The weekly load agrees with the schedule and never exceeds the budget.
        let r = resolve(&plan, as_of, None);
        let total: f64 = r.schedule.weekly_load.iter().map(|w| w.baseline_hours).sum();
        let effort: f64 = plan.plan().milestones.iter().map(|m| m.effort_hours).sum();
        prop_assert!((total - effort).abs() < 0.01 * r.schedule.weekly_load.len() as f64 + 1e-6);
        for w in &r.schedule.weekly_load {
            prop_assert!(w.baseline_hours <= g.hours_per_week() + 1e-6);
            prop_assert!(w.forecast_hours.unwrap_or(0.0) <= g.hours_per_week() + 1e-6);
            prop_assert_eq!(w.forecast_hours.is_some(), w.week >= from_day_number(monday_of(day_number(as_of))));
        }
        let _ = findings(&plan, &r);
    }

    #[test]
    fn thirty_hours_at_five_a_week_take_six_weeks(
        weeks in proptest::collection::vec(1u32..6, 1..6),
        parts in proptest::collection::vec(1u32..30, 1..6),
        offset in 0i64..7,
    ) {
        let start = date(2026, 1, 5).saturating_add(jiff::Span::new().days(offset));
        // Split into whole weeks (5 h each), a chain of 30 h finishes on day 42 exactly.
        let mut split = Vec::new();
        let mut left = 6u32;
        for w in weeks {
            let w = w.min(left);
            if w > 0 {
                split.push(f64::from(w * 5));
                left -= w;
            }
        }
        if left > 0 {
            split.push(f64::from(left * 5));
        }
        let r = resolve(&checked(&chain_plan(start, &split)), start, None);
        prop_assert_eq!(r.schedule.finish.finish, start.saturating_add(jiff::Span::new().days(41)));

        // Split anywhere, each link can cost at most the rest of one day: a successor starts
        // the day after its predecessor finishes.
        let mut cuts: Vec<u32> = parts.iter().map(|p| p % 29 + 1).collect();
        cuts.sort_unstable();
        cuts.dedup();
        let mut bounds = vec![0];
        bounds.extend(cuts);
        bounds.push(30);
        let split: Vec<f64> = bounds.windows(2).map(|w| f64::from(w[1] - w[0])).collect();
        let r = resolve(&checked(&chain_plan(start, &split)), start, None);
        let took = days(start, r.schedule.finish.finish) + 1;
        prop_assert!(took >= 42 && took < 42 + split.len() as i64, "{took} days for {split:?}");
    }
}

fn chain_plan(start: Date, split: &[f64]) -> String {
    let mut text = format!(
        "format = 1\ntitle = \"Chain\"\nstart = {start}\n[person]\nname = \"P\"\n[capacity]\nhours_per_week = 5\n"
    );
    for (k, h) in split.iter().enumerate() {
        text += &format!(
            "[[milestones]]\nid = \"c{k}\"\ntitle = \"Part {k}\"\nkind = \"training\"\neffort_hours = {h}\n"
        );
        if k > 0 {
            text += &format!("after = [\"c{}\"]\n", k - 1);
        }
    }
    text
}

// ── scheduling rules ─────────────────────────────────────────────────────────

#[test]
fn a_chain_of_thirty_hours_at_five_a_week_finishes_on_day_42() {
    let text = header("5", "")
        + r#"
[[milestones]]
id = "a"
title = "A"
kind = "training"
effort_hours = 10
[[milestones]]
id = "b"
title = "B"
kind = "training"
effort_hours = 10
after = ["a"]
[[milestones]]
id = "c"
title = "C"
kind = "training"
effort_hours = 10
after = ["b"]
"#;
    let r = resolved(&text, date(2026, 1, 5));
    assert_eq!(ms(&r, "a").baseline.finish, date(2026, 1, 18)); // day 14
    assert_eq!(ms(&r, "b").baseline.start, date(2026, 1, 19));
    assert_eq!(ms(&r, "c").baseline.finish, date(2026, 2, 15)); // day 42
    assert_eq!(r.schedule.finish.finish, date(2026, 2, 15));
    let weeks: Vec<f64> = r
        .schedule
        .weekly_load
        .iter()
        .map(|w| w.baseline_hours)
        .collect();
    assert_eq!(weeks, vec![5.0; 6]);
}

#[test]
fn breaks_give_no_hours_but_accrual_and_duration_run_through_them() {
    let text = header(
        "7",
        "[[capacity.breaks]]\nfrom = 2026-01-12\nto = 2026-01-18\nreason = \"Holiday\"\n",
    ) + r#"
[[milestones]]
id = "study"
title = "Study"
kind = "training"
effort_hours = 14
[[milestones]]
id = "shifts"
title = "Shifts"
kind = "experience"
measure = { target = 72, unit = "hours", per_week = 36 }
[[milestones]]
id = "wait"
title = "Wait"
kind = "other"
duration = "2 weeks"
"#;
    let plan = checked(&text);
    let base = schedule::baseline(&plan);
    // 1 h a day: 7 h in week one, none in the break, 7 h in week three.
    assert_eq!(base.finish[0], date(2026, 1, 25));
    for (day, _) in base.daily() {
        assert!(!(date(2026, 1, 12)..=date(2026, 1, 18)).contains(&day));
    }
    // 72 h at 36 h a week is 14 days, through the break.
    assert_eq!(base.finish[1], date(2026, 1, 18));
    assert_eq!(base.finish[2], date(2026, 1, 18));
    let r = resolve(&plan, date(2026, 1, 5), None);
    let weeks: Vec<f64> = r
        .schedule
        .weekly_load
        .iter()
        .map(|w| w.baseline_hours)
        .collect();
    assert_eq!(weeks, vec![7.0, 0.0, 7.0]);
}

#[test]
fn partial_weeks_get_their_share_by_days() {
    // Start on a Thursday: the first week has 4 days, so 4/7 of 7 hours.
    let text = header("7", "").replace("2026-01-05", "2026-01-08")
        + "[[milestones]]\nid = \"a\"\ntitle = \"A\"\nkind = \"training\"\neffort_hours = 10\n";
    let r = resolved(&text, date(2026, 1, 8));
    let w = &r.schedule.weekly_load;
    assert_eq!(w[0].week, date(2026, 1, 5));
    assert_eq!(w[0].baseline_hours, 4.0);
    assert_eq!(w[1].baseline_hours, 6.0);
    assert_eq!(ms(&r, "a").baseline.finish, date(2026, 1, 17));
}

#[test]
fn hours_go_by_due_date_then_longest_chain_then_file_order() {
    let text = header("7", "max_parallel = 1")
        + r#"
[[milestones]]
id = "no-due"
title = "No due date"
kind = "training"
effort_hours = 7
[[milestones]]
id = "late-due"
title = "Later due"
kind = "training"
effort_hours = 7
due = 2026-12-31
[[milestones]]
id = "early-due"
title = "Early due"
kind = "training"
effort_hours = 7
due = 2026-06-30
[[milestones]]
id = "feeds-deadline"
title = "Feeds a deadline"
kind = "training"
effort_hours = 7
[[milestones]]
id = "deadline"
title = "Deadline"
kind = "exam"
after = ["feeds-deadline"]
due = 2026-03-01
[[milestones]]
id = "long-tail"
title = "Has a long chain after it"
kind = "training"
effort_hours = 7
[[milestones]]
id = "tail"
title = "Tail"
kind = "training"
after = ["long-tail"]
duration = "1 year"
"#;
    let r = resolved(&text, date(2026, 1, 5));
    let start = |id: &str| ms(&r, id).baseline.start;
    let finish = |id: &str| ms(&r, id).baseline.finish;
    // feeds-deadline inherits 2026-03-01 and goes first; then early-due, late-due; then the
    // undated ones: long-tail (a year after it) before no-due (nothing after it).
    assert_eq!(finish("feeds-deadline"), date(2026, 1, 11));
    assert_eq!(finish("early-due"), date(2026, 1, 18));
    assert_eq!(finish("late-due"), date(2026, 1, 25));
    assert_eq!(finish("long-tail"), date(2026, 2, 1));
    assert_eq!(finish("no-due"), date(2026, 2, 8));
    assert_eq!(start("deadline"), date(2026, 1, 12));
}

#[test]
fn max_parallel_limits_milestones_worked_a_day_and_waiting_holds_no_slot() {
    let text = header("14", "max_parallel = 1")
        + r#"
[[milestones]]
id = "waiting"
title = "Only waits"
kind = "experience"
duration = "4 weeks"
[[milestones]]
id = "a"
title = "A"
kind = "training"
effort_hours = 3
[[milestones]]
id = "b"
title = "B"
kind = "training"
effort_hours = 3
"#;
    let plan = checked(&text);
    let base = schedule::baseline(&plan);
    // 2 h a day; one milestone a day: a takes 2 h on day 1 and 1 h on day 2, and b gets
    // nothing on day 2 even though an hour is left.
    let daily = base.daily();
    assert_eq!(daily[&date(2026, 1, 5)], vec![(1, 1400)]);
    assert_eq!(daily[&date(2026, 1, 6)], vec![(1, 700)]);
    assert_eq!(daily[&date(2026, 1, 7)], vec![(2, 1400)]);
    assert_eq!(base.finish[2], date(2026, 1, 8));
    assert_eq!(base.finish[0], date(2026, 2, 1));
}

#[test]
fn milestones_start_after_not_before_and_the_day_after_their_predecessors() {
    let text = header("6", "")
        + r#"
[[milestones]]
id = "first"
title = "First"
kind = "other"
duration = "10 days"
[[milestones]]
id = "second"
title = "Second"
kind = "other"
after = ["first"]
not_before = 2026-01-10
duration = "1 month"
"#;
    let r = resolved(&text, date(2026, 1, 5));
    assert_eq!(ms(&r, "first").baseline.finish, date(2026, 1, 14));
    assert_eq!(ms(&r, "second").baseline.start, date(2026, 1, 15));
    // Calendar months: 2026-01-15 + 1 month = 2026-02-15, minus a day.
    assert_eq!(ms(&r, "second").baseline.finish, date(2026, 2, 14));
}

// ── as-of, progress and status ───────────────────────────────────────────────

const STATUS_PLAN: &str = r#"
[[milestones]]
id = "finished"
title = "Marked done early"
kind = "training"
effort_hours = 12
done = 2026-01-09

[[milestones]]
id = "logged-done"
title = "Reached its target through the log"
kind = "networking"
effort_hours = 6
measure = { target = 3, unit = "meetings" }

[[milestones]]
id = "behind"
title = "Due soon, lots left"
kind = "training"
effort_hours = 30
due = 2026-02-01

[[milestones]]
id = "slipping"
title = "Due later, behind the baseline"
kind = "training"
effort_hours = 30
due = 2026-06-30

[[milestones]]
id = "later"
title = "Starts later"
kind = "exam"
not_before = 2026-06-01
effort_hours = 2

[[milestones]]
id = "steady"
title = "A waiting time under way"
kind = "experience"
duration = "6 months"

[[progress]]
date = 2026-01-10
milestone = "logged-done"
amount = 2

[[progress]]
date = 2026-01-20
milestone = "logged-done"
amount = 1
note = "third meeting"

[[progress]]
date = 2026-01-15
milestone = "behind"
amount = 3

[[progress]]
date = 2026-03-01
milestone = "behind"
amount = 20
note = "after the as-of date: not counted"
"#;

#[test]
fn status_rules_first_match_wins() {
    let text = header("7", "max_parallel = 1") + STATUS_PLAN;
    let r = resolved(&text, date(2026, 1, 25));
    let st = |id: &str| ms(&r, id).status;
    assert_eq!(st("finished"), Status::Done);
    assert_eq!(st("logged-done"), Status::Done);
    assert_eq!(st("behind"), Status::Late);
    assert_eq!(st("slipping"), Status::AtRisk);
    assert_eq!(st("later"), Status::NotStarted);
    assert_eq!(st("steady"), Status::OnTrack);
    assert_eq!(r.schedule.totals.done, 2);
}

#[test]
fn done_dates_and_logs_that_reach_the_target() {
    let text = header("7", "max_parallel = 1") + STATUS_PLAN;
    let r = resolved(&text, date(2026, 1, 25));
    let f = ms(&r, "finished");
    // Done on its done date; starts on the earlier of its baseline start and that date.
    assert_eq!(f.forecast.finish, date(2026, 1, 9));
    assert_eq!(f.forecast.start, f.baseline.start.min(date(2026, 1, 9)));
    assert_eq!(f.percent, 100.0);
    assert_eq!(f.remaining_hours, 0.0);
    // Done on the date of the entry that reached 3 meetings.
    let l = ms(&r, "logged-done");
    assert_eq!(l.forecast.finish, date(2026, 1, 20));
    assert_eq!(l.logged, 3.0);
    assert_eq!(l.unit, "meetings");
    // The baseline ignores both.
    let b = schedule::baseline(&checked(&text));
    assert!(b.finish[0] > date(2026, 1, 9));
}

#[test]
fn logged_progress_is_deducted_and_later_entries_are_ignored() {
    let text = header("7", "max_parallel = 1") + STATUS_PLAN;
    let r = resolved(&text, date(2026, 1, 25));
    let b = ms(&r, "behind");
    // No measure: 3 logged hours come off the 30 effort hours; the 20 on 2026-03-01 is after
    // the as-of date.
    assert_eq!(b.logged, 3.0);
    assert_eq!(b.remaining_hours, 27.0);
    assert_eq!(b.percent, 10.0);
    // With a measure, the effort left shrinks in proportion.
    let text2 = header("7", "")
        + r#"
[[milestones]]
id = "mentor"
title = "Twelve mentor meetings"
kind = "mentorship"
effort_hours = 18
measure = { target = 12, unit = "meetings" }
[[progress]]
date = 2026-02-01
milestone = "mentor"
amount = 4
"#;
    let r2 = resolved(&text2, date(2026, 2, 1));
    assert_eq!(ms(&r2, "mentor").remaining_hours, 12.0);
    assert_eq!(ms(&r2, "mentor").percent, 33.3);
    // Every log entry is listed, with running totals, in date order.
    let rows: Vec<(Date, f64, f64)> = r
        .schedule
        .progress
        .iter()
        .filter(|p| p.milestone == "behind")
        .map(|p| (p.date, p.total, p.percent))
        .collect();
    assert_eq!(
        rows,
        vec![
            (date(2026, 1, 15), 3.0, 10.0),
            (date(2026, 3, 1), 23.0, 76.7)
        ]
    );
}

#[test]
fn no_remaining_work_is_placed_before_the_as_of_date() {
    let text = header("7", "max_parallel = 1") + STATUS_PLAN;
    let plan = checked(&text);
    let as_of = date(2026, 1, 25);
    let base = schedule::baseline(&plan);
    let logs = schedule::logged(&plan, as_of);
    let fc = schedule::forecast(
        &plan,
        &schedule::Prepared::new(&plan),
        &base,
        as_of,
        &logs,
        7.0,
    );
    assert!(fc.runs().iter().all(|run| run.first >= as_of));
    // `behind` has 27 h left from 2026-01-25 at 1 h a day (it goes first: it has a due date).
    assert_eq!(fc.finish[2], date(2026, 2, 20));
    // Forecast hours are reported from the as-of week on.
    let r = resolve(&plan, as_of, None);
    for w in &r.schedule.weekly_load {
        assert_eq!(w.forecast_hours.is_some(), w.week >= date(2026, 1, 19));
    }
}

#[test]
fn percent_and_expected_percent() {
    let text = header("7", "")
        + r#"
[[milestones]]
id = "ten-days"
title = "Ten days"
kind = "experience"
duration = "10 days"
[[milestones]]
id = "nothing"
title = "No target, no effort"
kind = "networking"
not_before = 2026-03-01
"#;
    let r = resolved(&text, date(2026, 1, 8));
    let t = ms(&r, "ten-days");
    // 4 of its 10 days have passed by the end of 2026-01-08.
    assert_eq!(t.expected_percent, 40.0);
    assert_eq!(t.percent, 0.0);
    assert_eq!(ms(&r, "nothing").expected_percent, 0.0);
    let r = resolved(&text, date(2026, 2, 1));
    assert_eq!(ms(&r, "ten-days").expected_percent, 100.0);
}

#[test]
fn logged_progress_means_started_and_unmarked_predecessors_are_warned_about() {
    let text = header("6", "")
        + r#"
[[milestones]]
id = "transfer"
title = "Move to the ICU"
kind = "experience"
effort_hours = 30
[[milestones]]
id = "icu-hours"
title = "ICU hours"
kind = "experience"
after = ["transfer"]
measure = { target = 360, unit = "hours", per_week = 36 }
[[progress]]
date = 2026-01-20
milestone = "icu-hours"
amount = 100
"#;
    let plan = checked(&text);
    let r = resolve(&plan, date(2026, 2, 1), None);
    let h = ms(&r, "icu-hours");
    assert_eq!(h.forecast.start, date(2026, 1, 20));
    // 360 h at 36 h a week: 70 days from its start.
    assert_eq!(h.forecast.finish, date(2026, 3, 30));
    assert_ne!(h.status, Status::NotStarted);
    let f = findings(&plan, &r);
    let w: Vec<&Diagnostic> = f.iter().filter(|d| d.code == "W012").collect();
    assert_eq!(w.len(), 1, "{f:#?}");
    assert_eq!(w[0].path, "milestones[0].done");
    assert!(w[0].message.contains("transfer is taken as finished"));
    assert!(w[0].hint.as_deref().unwrap().contains("mark transfer done"));
    // Logged before its scheduled start, the milestone starts on the log date; its accrual runs
    // from there.
    let base = schedule::baseline(&plan);
    assert!(base.start[1] > date(2026, 1, 20));
}

#[test]
fn a_monthly_log_does_not_push_back_a_milestone_that_started_on_time() {
    let text = header("6", "")
        + r#"
[[milestones]]
id = "program"
title = "Eighteen-month program"
kind = "education"
not_before = 2026-02-02
duration = "18 months"
effort_hours = 100
[[progress]]
date = 2026-02-28
milestone = "program"
amount = 20
"#;
    let r = resolved(&text, date(2026, 3, 1));
    let p = ms(&r, "program");
    assert_eq!(p.forecast.start, date(2026, 2, 2));
    assert_eq!(p.forecast.finish, p.baseline.finish);
    assert_eq!(p.status, Status::OnTrack);
}

// ── explanations and findings ────────────────────────────────────────────────

const CCRN_PLAN: &str = r#"
[target]
role = "acute-care-np"
by = 2031-06-30

[[goals]]
id = "ccrn"
title = "Earn the CCRN certification"
due = 2027-12-31
values = ["patient-care"]

[[milestones]]
id = "icu-transfer"
title = "Move to the MICU"
kind = "experience"
not_before = 2026-10-05
duration = "4 weeks"

[[milestones]]
id = "icu-hours"
title = "Accumulate 1,750 direct-care ICU hours"
kind = "experience"
after = ["icu-transfer"]
measure = { target = 1750, unit = "hours", per_week = 36 }

[[milestones]]
id = "ccrn-exam"
title = "Sit the CCRN exam"
kind = "exam"
goal = "ccrn"
after = ["icu-hours"]
duration = "5 weeks"
effort_hours = 4
due = 2027-09-30
"#;

#[test]
fn late_milestones_are_explained_not_just_flagged() {
    let text = header("6", "") + CCRN_PLAN;
    let plan = checked(&text);
    let r = resolve(&plan, date(2026, 1, 5), None);
    let e = ms(&r, "ccrn-exam");
    assert_eq!(e.status, Status::Late);
    // icu-transfer 2026-10-05..11-01; icu-hours 341 days 2026-11-02..2027-10-08; the exam
    // 5 weeks from 2027-10-09.
    assert_eq!(e.forecast.finish, date(2027, 11, 12));
    assert_eq!(e.late_days, Some(43));
    assert_eq!(
        explanation(&r, "ccrn-exam"),
        "ccrn-exam is due 2027-09-30 but can finish 2027-11-12 at the earliest (43 days late); \
         the chain icu-transfer (4 weeks) -> icu-hours (1,750 h at 36 h a week) decides it, and \
         icu-transfer cannot start before 2026-10-05; 2 more hours a week would not help, moving \
         the due date to 2027-11-12 or later, starting icu-transfer earlier or accruing icu-hours \
         faster than 36 h a week would"
    );
    assert!(e.critical && ms(&r, "icu-hours").critical && ms(&r, "icu-transfer").critical);

    let f = findings(&plan, &r);
    let late: Vec<&Diagnostic> = f.iter().filter(|d| d.code == "W010").collect();
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].path, "milestones[2].due");
    assert_eq!(late[0].severity, Severity::Warning);
    assert_eq!(late[0].label.as_deref(), Some("43 days late"));
    let span = late[0].span.clone().unwrap();
    assert_eq!(&text[span], "2027-09-30");
    // The goal fails Achievable, reported with the goal's id.
    let smart: Vec<&Diagnostic> = f.iter().filter(|d| d.code == "W011").collect();
    assert_eq!(smart.len(), 1);
    assert_eq!(smart[0].path, "goals[0]");
    assert!(
        smart[0]
            .message
            .starts_with("goal `ccrn` is not achievable: ")
    );
}

#[test]
fn explanations_say_when_more_hours_would_help() {
    let text = header("4", "")
        + r#"
[[milestones]]
id = "review"
title = "Board review"
kind = "training"
effort_hours = 40
due = 2026-02-28
"#;
    let r = resolved(&text, date(2026, 1, 5));
    // 40 h at 4 h a week = 70 days: 2026-03-15; at 6 h a week, 46.7 days: 2026-02-20.
    assert_eq!(
        explanation(&r, "review"),
        "review is due 2026-02-28 but can finish 2026-03-15 at the earliest (15 days late); it \
         starts 2026-01-05 and needs 40 h of work at 4 h a week; 2 more hours a week would bring \
         it in on time (2026-02-20), and so would moving the due date to 2026-03-15 or later"
    );
}

#[test]
fn a_plan_that_can_never_finish_says_so() {
    // 0.001 h a week rounds to no hours at all.
    let text = header("0.001", "")
        + "[[milestones]]\nid = \"study\"\ntitle = \"Study\"\nkind = \"training\"\neffort_hours = 10\ndue = 2026-06-30\n[[milestones]]\nid = \"exam\"\ntitle = \"Exam\"\nkind = \"exam\"\nafter = [\"study\"]\n";
    let plan = checked(&text);
    let r = resolve(&plan, date(2026, 1, 5), None);
    assert_eq!(
        explanation(&r, "study"),
        "study can never finish: it needs 10 h of work, but capacity.hours_per_week is 0.001, too little to give any time to a day"
    );
    assert!(explanation(&r, "exam").contains("waits for study"));
    let f = findings(&plan, &r);
    assert_eq!(f.iter().filter(|d| d.code == "W013").count(), 2, "{f:#?}");

    // Enough hours in principle, but not within 150 years.
    let text = header("1", "")
        + "[[milestones]]\nid = \"huge\"\ntitle = \"Huge\"\nkind = \"research\"\neffort_hours = 100000\n";
    let plan = checked(&text);
    let r = resolve(&plan, date(2026, 1, 5), None);
    assert!(
        explanation(&r, "huge")
            .starts_with("huge can never finish: it cannot finish before 2176-01-05"),
        "{}",
        explanation(&r, "huge")
    );
    assert_eq!(ms(&r, "huge").forecast.finish, date(2176, 1, 5));
    assert!(findings(&plan, &r).iter().any(|d| d.code == "W013"));
}

/// Regression: `hours_per_week = 0.0001` was reported as "hours_per_week is 0".
#[test]
fn hours_per_week_0_0001_is_reported_with_its_real_value() {
    let text = header("0.0001", "")
        + "[[milestones]]\nid = \"study\"\ntitle = \"Study\"\nkind = \"training\"\neffort_hours = 10\n";
    let plan = checked(&text);
    let r = resolve(&plan, date(2026, 1, 5), None);
    let e = explanation(&r, "study");
    assert!(e.contains("capacity.hours_per_week is 0.0001,"), "{e}");
    let f = findings(&plan, &r);
    assert!(
        f.iter()
            .any(|d| d.code == "W013" && d.message.contains("is 0.0001,")),
        "{f:#?}"
    );
}

#[test]
fn far_future_dates_do_not_panic() {
    let text = header("1", "")
        + "[[milestones]]\nid = \"far\"\ntitle = \"Far\"\nkind = \"other\"\nnot_before = 2199-12-01\nduration = \"1200 years\"\neffort_hours = 5\n[[milestones]]\nid = \"after\"\ntitle = \"After\"\nkind = \"other\"\nafter = [\"far\"]\nduration = \"1200 years\"\n";
    let r = resolved(&text, date(2026, 1, 5));
    assert!(
        r.schedule
            .milestones
            .iter()
            .all(|m| m.forecast.finish <= date(2176, 1, 5))
    );
}

// ── SMART ────────────────────────────────────────────────────────────────────

fn smart_of<'a>(r: &'a ResolvedPlan, goal: &str) -> &'a GoalResult {
    r.schedule.goals.iter().find(|g| g.id == goal).unwrap()
}

const SMART_PLAN: &str = r#"
[target]
role = "acute-care-np"
by = 2028-12-31

[[goals]]
id = "good"
title = "Earn the CCRN certification by 2027"
due = 2027-06-30
values = ["patient-care"]
measure = { metric = "certification", target = 1, unit = "exam" }

[[goals]]
id = "vague"
title = "Improve my skills and grow"
values = ["money"]

[[goals]]
id = "empty"
title = "Become a charge nurse"
due = 2029-06-30

[[goals]]
id = "unclear"
title = "Lead the unit practice council"
due = 2026-01-05
values = ["patient-care"]

[[milestones]]
id = "ccrn-exam"
title = "Pass the CCRN exam"
kind = "exam"
goal = "good"
effort_hours = 10

[[milestones]]
id = "skills"
title = "Practise"
kind = "training"
goal = "vague"
effort_hours = 10

[[milestones]]
id = "council"
title = "Join the council"
kind = "leadership"
goal = "unclear"
effort_hours = 300
"#;

#[test]
fn smart_each_criterion_passes_and_fails_with_a_reason() {
    let text = header("6", "") + SMART_PLAN;
    let r = resolved(&text, date(2026, 1, 5));
    let good = smart_of(&r, "good");
    assert_eq!(good.score, 5, "{:#?}", good.smart);
    assert_eq!(
        good.smart.specific.terminal(),
        "passes: 1 milestone and a clear title"
    );
    assert_eq!(
        good.smart.measurable.terminal(),
        "passes: measured by a target of 1 exam"
    );
    assert!(
        good.smart
            .achievable
            .terminal()
            .starts_with("passes: the forecast finishes")
    );
    assert_eq!(
        good.smart.relevant.terminal(),
        "passes: serves patient-care"
    );
    assert_eq!(
        good.smart.time_bound.terminal(),
        "passes: due 2027-06-30, within the target date 2028-12-31"
    );

    let vague = smart_of(&r, "vague");
    assert!(!vague.smart.specific.pass);
    assert_eq!(
        vague.smart.specific.terminal(),
        "fails: every word in the title is vague (improve, skills, grow); name the credential, role or number"
    );
    assert!(!vague.smart.measurable.pass);
    assert_eq!(
        vague.smart.measurable.terminal(),
        "fails: no numeric measure, and `skills` has no clear completion (add a measure)"
    );
    assert!(!vague.smart.relevant.pass);
    assert_eq!(
        vague.smart.relevant.terminal(),
        "fails: its values (money) are not among person.values"
    );
    assert_eq!(
        vague.smart.time_bound.terminal(),
        "fails: no due date; add `due = YYYY-MM-DD`"
    );

    let empty = smart_of(&r, "empty");
    assert_eq!(
        empty.smart.specific.terminal(),
        "fails: no milestone serves it yet"
    );
    assert_eq!(
        empty.smart.achievable.terminal(),
        "fails: no milestones to schedule"
    );
    assert_eq!(
        empty.smart.time_bound.terminal(),
        "fails: the due date 2029-06-30 is after the target date 2028-12-31"
    );
    assert_eq!(
        empty.smart.relevant.terminal(),
        "fails: it serves none of person.values (patient-care); add `values` to the goal"
    );
    assert_eq!(empty.status, Status::NotStarted);
    assert_eq!(empty.finish, None);

    let unclear = smart_of(&r, "unclear");
    assert!(!unclear.smart.achievable.pass);
    assert!(
        unclear
            .smart
            .achievable
            .terminal()
            .starts_with("fails: the forecast finishes 2027-01-")
    );
    assert_eq!(
        unclear.smart.time_bound.terminal(),
        "fails: the due date 2026-01-05 is not after the plan start 2026-01-05"
    );
    assert_eq!(unclear.score, 2);
}

struct Catalog;

impl Knowledge for Catalog {
    fn has_role(&self, _: &str) -> bool {
        true
    }
    fn has_credential(&self, _: &str) -> bool {
        true
    }
    fn name_of(&self, id: &str) -> Option<String> {
        match id {
            "ccrn" => Some("CCRN".into()),
            "acls" => Some("Advanced Cardiovascular Life Support".into()),
            "acute-care-np" => Some("Acute care nurse practitioner".into()),
            _ => None,
        }
    }
    fn role_requirements(&self, role: &str) -> Vec<String> {
        if role == "acute-care-np" {
            vec!["msn".into(), "ccrn".into()]
        } else {
            Vec::new()
        }
    }
    fn renewal(&self, credential: &str, _jurisdiction: Option<&str>) -> Option<RenewalRule> {
        match credential {
            "acls" | "bls" => Some(RenewalRule::every(24, "AHA", true)),
            _ => None,
        }
    }
}

#[test]
fn relevant_through_the_target_roles_requirements() {
    let text = header("6", "").replace("values = [\"patient-care\"]\n", "")
        + SMART_PLAN
            .replace("values = [\"patient-care\"]\n", "")
            .as_str();
    let plan = checked(&text);
    let without = resolve(&plan, date(2026, 1, 5), None);
    assert!(!smart_of(&without, "good").smart.relevant.pass);
    let with = resolve(&plan, date(2026, 1, 5), Some(&Catalog));
    assert_eq!(
        smart_of(&with, "good").smart.relevant.terminal(),
        "passes: `ccrn-exam` supplies CCRN for Acute care nurse practitioner"
    );
}

/// Renewals follow each credential's own cycle from its dates, up to the horizon (here the plan's
/// finish, five years on); a credential listed without dates gets none (no more renewals counted
/// from the plan's start).
#[test]
fn renewals_follow_each_cycle_from_the_credentials_dates() {
    let text = header("6", "").replace(
        "values = [\"patient-care\"]",
        "credentials = [{ id = \"bls\", earned = 2025-03-14 }, \"rn-license\", { id = \"acls\", expires = 2026-11-30 }]",
    ) + "[[milestones]]\nid = \"long\"\ntitle = \"Long\"\nkind = \"experience\"\nduration = \"5 years\"\n";
    let r = resolve(&checked(&text), date(2026, 1, 5), Some(&Catalog));
    let list: Vec<(Date, &str)> = r
        .schedule
        .renewals
        .iter()
        .map(|x| (x.due, x.credential.as_str()))
        .collect();
    assert_eq!(
        list,
        vec![
            (date(2026, 11, 30), "acls"),
            (date(2027, 3, 14), "bls"),
            (date(2028, 11, 30), "acls"),
            (date(2029, 3, 14), "bls"),
            (date(2030, 11, 30), "acls"),
        ]
    );
    assert_eq!(
        r.schedule.renewals[0].name,
        "Advanced Cardiovascular Life Support"
    );
    // One renewal milestone per cycle, after the plan's own; a rule with no CE and no course
    // takes no development hours.
    let renewals: Vec<&str> = r
        .schedule
        .milestones
        .iter()
        .filter(|m| m.renewal)
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(
        renewals,
        [
            "renew-acls-2026-11-30",
            "renew-bls-2027-03-14",
            "renew-acls-2028-11-30",
            "renew-bls-2029-03-14",
            "renew-acls-2030-11-30"
        ]
    );
    assert_eq!(r.schedule.milestones[0].id, "long");
    assert!(
        r.schedule
            .weekly_load
            .iter()
            .all(|w| w.baseline_hours == 0.0)
    );
    // The plan's finish and totals are its own milestones'.
    assert_eq!(r.schedule.finish.finish, date(2031, 1, 4));
}

#[test]
fn target_and_totals() {
    let text = header("6", "") + CCRN_PLAN;
    let r = resolved(&text, date(2026, 1, 5));
    let t = r.schedule.target.as_ref().unwrap();
    assert_eq!(t.finish, date(2027, 11, 12));
    assert!(t.met);
    assert_eq!(r.schedule.finish.start, date(2026, 1, 5));
    assert_eq!(r.schedule.totals.effort_hours, 4.0);
    assert_eq!(r.schedule.totals.milestones, 3);
    let g = &r.schedule.goals[0];
    assert_eq!(g.status, Status::Late);
    assert_eq!(g.finish, Some(date(2027, 11, 12)));
}

// ── fixtures ─────────────────────────────────────────────────────────────────

/// A compact table of a resolved plan, the way a planner reads it.
fn table(r: &ResolvedPlan) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "as of {}: finish {} (target {})",
        r.as_of,
        r.schedule.finish.finish,
        r.schedule
            .target
            .as_ref()
            .map_or("none".into(), |t| format!(
                "{} by {}, {}",
                t.role,
                t.by,
                if t.met { "met" } else { "missed" }
            ))
    );
    let _ = writeln!(
        s,
        "{:<24} {:<22} {:<22} {:<11} {:>5} {:>6} {:>6} crit",
        "id", "baseline", "forecast", "status", "late", "done%", "exp%"
    );
    for m in &r.schedule.milestones {
        let _ = writeln!(
            s,
            "{:<24} {}..{} {}..{} {:<11} {:>5} {:>6} {:>6} {}",
            m.id,
            m.baseline.start,
            m.baseline.finish,
            m.forecast.start,
            m.forecast.finish,
            m.status.as_str(),
            m.late_days.map(|d| d.to_string()).unwrap_or_default(),
            m.percent,
            m.expected_percent,
            if m.critical { "*" } else { "" }
        );
    }
    let _ = writeln!(s, "\ngoals:");
    for g in &r.schedule.goals {
        let marks: Vec<String> = g
            .smart
            .criteria()
            .iter()
            .map(|(n, c)| {
                format!(
                    "{}{}",
                    n[..1].to_uppercase(),
                    if c.pass { "+" } else { "-" }
                )
            })
            .collect();
        let _ = writeln!(
            s,
            "{:<18} {:<11} finish {} {} {}/5",
            g.id,
            g.status.as_str(),
            g.finish.map_or("-".into(), |d| d.to_string()),
            marks.join(" "),
            g.score
        );
        for (_, c) in g.smart.criteria() {
            if !c.pass {
                let _ = writeln!(s, "    {}", c.terminal());
            }
        }
    }
    let _ = writeln!(s, "\nexplanations:");
    for e in &r.schedule.explanations {
        let _ = writeln!(s, "- {}", e.text.terminal());
    }
    s.lines().map(|l| format!("{}\n", l.trim_end())).collect()
}

const AS_OF: Date = date(2026, 11, 22);

fn fixture(text: &str, format: Format) -> (CheckedPlan, ResolvedPlan) {
    let c = check(text.as_bytes(), format, None);
    let plan = c.plan.expect("the fixture checks");
    let r = resolve(&plan, AS_OF, None);
    (plan, r)
}

#[test]
fn fixture_rn_to_acnp() {
    let (plan, r) = fixture(
        include_str!("../../../fixtures/rn-to-acnp.toml"),
        Format::Toml,
    );
    // The ICU hours decide the CCRN date.
    let exam = ms(&r, "ccrn-exam");
    assert_eq!(exam.status, Status::Late);
    let why = explanation(&r, "ccrn-exam");
    assert!(
        why.contains("-> icu-hours (1,750 h at 36 h a week) decides it"),
        "{why}"
    );
    assert!(why.contains("2 more hours a week would not help"), "{why}");
    assert_eq!(
        ms(&r, "icu-hours").forecast.finish.tomorrow().unwrap(),
        exam.forecast.start
    );
    assert!(
        findings(&plan, &r)
            .iter()
            .any(|d| d.code == "W010" && d.message.contains("icu-hours"))
    );
    insta::assert_snapshot!("rn-to-acnp", table(&r));
}

#[test]
fn fixture_cna_to_rn() {
    let (_, r) = fixture(
        include_str!("../../../fixtures/cna-to-rn.toml"),
        Format::Toml,
    );
    insta::assert_snapshot!("cna-to-rn", table(&r));
}

#[test]
fn fixture_sonography_student_to_cardiac() {
    let (_, r) = fixture(
        include_str!("../../../fixtures/sonography-student-to-cardiac.toml"),
        Format::Toml,
    );
    insta::assert_snapshot!("sonography-student-to-cardiac", table(&r));
}

#[test]
fn fixture_lab_to_data_analytics() {
    let (_, r) = fixture(
        include_str!("../../../fixtures/lab-to-data-analytics.json"),
        Format::Json,
    );
    insta::assert_snapshot!("lab-to-data-analytics", table(&r));
}

#[test]
fn fixture_minimal() {
    let (plan, r) = fixture(include_str!("../../../fixtures/minimal.toml"), Format::Toml);
    assert_eq!(r.schedule.finish.finish, date(2026, 1, 5));
    assert_eq!(r.schedule.weekly_load.len(), 1);
    assert!(findings(&plan, &r).is_empty());
}
