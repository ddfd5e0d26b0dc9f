//! Property tests of the scheduler around shifts, on generated plans and rotations: development
//! lands only on free days, the weekly limit holds, and a rotation that blocks nothing schedules
//! exactly as no rotation. The shifts are worked out here again, from the rotation as written,
//! independently of the scheduler's week tables.

use std::collections::BTreeMap;

use carepath_model::schedule::{self, day_number, from_day_number, monday_of};
use carepath_model::*;
use jiff::civil::date;
use proptest::prelude::*;

/// Units of 1/700 hour, the scheduler's unit.
const UNITS: f64 = 700.0;

fn checked(toml: &str) -> CheckedPlan {
    let c = check(toml.as_bytes(), Format::Toml, None);
    let errors: Vec<_> = c.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}\n{toml}");
    c.plan.expect("a valid plan")
}

/// One kind of shift: its code, start minute and hours.
#[derive(Debug, Clone)]
struct Kind {
    code: &'static str,
    start_minute: u32,
    hours: f64,
}

#[derive(Debug, Clone)]
struct Gen {
    hours_per_week: u32,
    max_week: Option<u32>,
    rest_after_night: bool,
    study_on_shift_days: bool,
    /// Index into `kinds` per rotation day, or None for a day off.
    days: Vec<Option<usize>>,
    kinds: Vec<Kind>,
    /// Days from the plan start to the rotation's start (may be negative).
    rot_offset: i64,
    /// (effort hours, after the one before, duration in weeks)
    milestones: Vec<(u32, bool, Option<u32>)>,
    /// (from, length) in days from the start.
    brk: Option<(i64, i64)>,
}

const START: jiff::civil::Date = date(2026, 1, 7); // a Wednesday: weeks start mid-week too

impl Gen {
    fn toml(&self, with_rotation: bool) -> String {
        let mut s = format!(
            "format = 1\ntitle = \"Generated\"\nstart = {START}\n\n[person]\nname = \"N\"\n\n\
             [capacity]\nhours_per_week = {}\nmax_parallel = 2\nrest_after_night = {}\n\
             study_on_shift_days = {}\n",
            self.hours_per_week, self.rest_after_night, self.study_on_shift_days
        );
        if let Some(m) = self.max_week {
            s.push_str(&format!("max_week_hours = {m}\n"));
        }
        if let Some((from, len)) = self.brk {
            let a = START.saturating_add(jiff::Span::new().days(from));
            let b = a.saturating_add(jiff::Span::new().days(len));
            s.push_str(&format!("\n[[capacity.breaks]]\nfrom = {a}\nto = {b}\n"));
        }
        if with_rotation {
            let rot_start = START.saturating_add(jiff::Span::new().days(self.rot_offset));
            let days: Vec<String> = self
                .days
                .iter()
                .map(|d| format!("\"{}\"", d.map_or("-", |k| self.kinds[k].code)))
                .collect();
            let shifts: Vec<String> = self
                .kinds
                .iter()
                .map(|k| {
                    format!(
                        "{} = {{ start = \"{:02}:{:02}\", hours = {} }}",
                        k.code,
                        k.start_minute / 60,
                        k.start_minute % 60,
                        k.hours
                    )
                })
                .collect();
            s.push_str(&format!(
                "\n[capacity.rotation]\nstart = {rot_start}\ndays = [{}]\nshifts = {{ {} }}\n",
                days.join(", "),
                shifts.join(", ")
            ));
        }
        for (i, (effort, after, weeks)) in self.milestones.iter().enumerate() {
            s.push_str(&format!(
                "\n[[milestones]]\nid = \"m{i}\"\ntitle = \"M {i}\"\nkind = \"training\"\neffort_hours = {effort}\n"
            ));
            if *after && i > 0 {
                s.push_str(&format!("after = [\"m{}\"]\n", i - 1));
            }
            if let Some(w) = weeks {
                s.push_str(&format!("duration = \"{w} weeks\"\n"));
            }
        }
        s
    }

    /// The shift starting on day `d` (a day number): its start minute and hours.
    fn shift_on(&self, d: i64) -> Option<&Kind> {
        let rot_start = day_number(START) + self.rot_offset;
        let i = (d - rot_start).rem_euclid(self.days.len() as i64) as usize;
        self.days[i].map(|k| &self.kinds[k])
    }

    /// Whether the shift starting on day `d` runs past midnight (a night shift).
    fn crosses_midnight(k: &Kind) -> bool {
        f64::from(k.start_minute) + k.hours * 60.0 > 24.0 * 60.0
    }

    /// Whether a shift touches day `d`.
    fn shift_touches(&self, d: i64) -> bool {
        self.shift_on(d).is_some() || self.night_ends(d)
    }

    /// Whether a night shift ends on day `d`.
    fn night_ends(&self, d: i64) -> bool {
        self.shift_on(d - 1).is_some_and(Self::crosses_midnight)
    }

    fn in_break(&self, d: i64) -> bool {
        self.brk.is_some_and(|(from, len)| {
            let a = day_number(START) + from;
            (a..=a + len).contains(&d)
        })
    }

    /// Hours of the shifts starting in the week of `monday`.
    fn week_shift_hours(&self, monday: i64) -> f64 {
        (monday..monday + 7)
            .filter_map(|d| self.shift_on(d))
            .map(|k| k.hours)
            .sum()
    }
}

fn gen_plan() -> impl Strategy<Value = Gen> {
    let kinds = (8u32..=13, 8u32..=13, 4u32..=10).prop_map(|(d, n, e)| {
        vec![
            Kind {
                code: "D",
                start_minute: 7 * 60,
                hours: f64::from(d),
            },
            Kind {
                code: "N",
                start_minute: 19 * 60,
                hours: f64::from(n) + 0.5,
            },
            Kind {
                code: "E",
                start_minute: 14 * 60 + 30,
                hours: f64::from(e),
            },
        ]
    });
    let days = prop::collection::vec(prop::option::weighted(0.5, 0usize..3), 1..=28);
    let milestones = prop::collection::vec(
        (
            1u32..=40,
            any::<bool>(),
            prop::option::weighted(0.2, 1u32..=6),
        ),
        1..=6,
    );
    (
        1u32..=15,
        prop::option::weighted(0.5, 0u32..=50),
        any::<bool>(),
        any::<bool>(),
        days,
        kinds,
        -30i64..=30,
        milestones,
        prop::option::weighted(0.3, (0i64..120, 0i64..20)),
    )
        .prop_map(
            |(hpw, extra, rest, study, days, kinds, rot_offset, milestones, brk)| Gen {
                hours_per_week: hpw,
                max_week: extra.map(|e| hpw + e),
                rest_after_night: rest,
                study_on_shift_days: study,
                days,
                kinds,
                rot_offset,
                milestones,
                brk,
            },
        )
}

/// Development hours per day of a schedule.
fn hours_by_day(s: &schedule::Schedule) -> BTreeMap<i64, f64> {
    s.daily()
        .into_iter()
        .map(|(d, allocs)| {
            let units: u64 = allocs.iter().map(|a| a.1).sum();
            (day_number(d), units as f64 / UNITS)
        })
        .filter(|&(_, h)| h > 0.0)
        .collect()
}

proptest! {
    // 64 cases keep `cargo test` quick; PROPTEST_CASES=2000 searches harder.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64),
        ..ProptestConfig::default()
    })]

    /// No development on a shift day (unless `study_on_shift_days`), on a night's end (unless
    /// `rest_after_night = false`) or in a break; no week over `max_week_hours` with its shifts,
    /// unless its shifts alone pass it, and then no development that week.
    #[test]
    fn development_only_on_free_days_and_within_the_limit(g in gen_plan()) {
        let plan = checked(&g.toml(true));
        for s in [schedule::baseline(&plan), {
            let base = schedule::baseline(&plan);
            let as_of = START.saturating_add(jiff::Span::new().days(40));
            let logs = schedule::logged(&plan, as_of);
            schedule::forecast(&plan, &schedule::Prepared::new(&plan), &base, as_of, &logs, plan.plan().capacity.hours_per_week)
        }] {
            let days = hours_by_day(&s);
            let mut weeks: BTreeMap<i64, f64> = BTreeMap::new();
            for (&d, &h) in &days {
                let day = from_day_number(d);
                prop_assert!(!g.in_break(d), "{h} h on {day}, in the break");
                if !g.study_on_shift_days {
                    prop_assert!(!g.shift_touches(d), "{h} h on {day}, a shift day");
                }
                if g.rest_after_night {
                    prop_assert!(!g.night_ends(d), "{h} h on {day}, a night's end");
                }
                *weeks.entry(monday_of(d)).or_default() += h;
            }
            if let Some(max) = g.max_week {
                let max = f64::from(max);
                for (&monday, &dev) in &weeks {
                    let shifts = g.week_shift_hours(monday);
                    let week = from_day_number(monday);
                    prop_assert!(shifts <= max, "{dev} h of development in the week of {week}, whose {shifts} h of shifts pass {max}");
                    prop_assert!(dev + shifts <= max + 1e-6, "week of {week}: {dev} h + {shifts} h of shifts > {max}");
                }
            }
        }
    }

    /// A rotation that blocks no day and no limit: the same schedule, day by day, as no rotation.
    #[test]
    fn a_rotation_that_blocks_nothing_schedules_as_none(g in gen_plan()) {
        let g = Gen { rest_after_night: false, study_on_shift_days: true, max_week: None, ..g };
        let with = schedule::baseline(&checked(&g.toml(true)));
        let without = schedule::baseline(&checked(&g.toml(false)));
        prop_assert_eq!(with.daily(), without.daily());
        let a = resolve(&checked(&g.toml(true)), START, None);
        let b = resolve(&checked(&g.toml(false)), START, None);
        let finish = |r: &ResolvedPlan| r.schedule.milestones.iter().map(|m| (m.baseline.finish, m.forecast.finish)).collect::<Vec<_>>();
        prop_assert_eq!(finish(&a), finish(&b));
    }
}

/// The ICU rotation of the fixtures, by hand: week A's Sunday (the end of Saturday's night) and
/// week B's Thursday (the end of Wednesday's night) get no study; the free days do.
#[test]
fn the_night_after_is_kept_free() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/icu-rotation.toml"),
    )
    .unwrap();
    let plan = checked(&text);
    let base = schedule::baseline(&plan);
    let days = hours_by_day(&base);
    let on = |d: jiff::civil::Date| days.get(&day_number(d)).copied().unwrap_or(0.0);
    // Week A from 2026-06-01: Mon Tue days, Fri Sat nights, Sunday a night's end.
    for d in [1, 2, 5, 6, 7] {
        assert_eq!(on(date(2026, 6, d)), 0.0, "2026-06-{d:02}");
    }
    assert!(on(date(2026, 6, 3)) > 0.0 && on(date(2026, 6, 4)) > 0.0);
    // Week B: Tue Wed nights, Thursday the end of the second.
    for d in [9, 10, 11] {
        assert_eq!(on(date(2026, 6, d)), 0.0, "2026-06-{d:02}");
    }
    for d in [8, 12, 13, 14] {
        assert!(on(date(2026, 6, d)) > 0.0, "2026-06-{d:02} is a day off");
    }
}
