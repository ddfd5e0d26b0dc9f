//! Recurring milestones (docs/network.md): the occurrences of a series on the calendar
//! (proptest), their scheduling in their own periods, progress by occurrence, status, percent,
//! SMART, and the network's last and next contacts.

use carepath_model::calendar::{self, days_between, nth_occurrence, series};
use carepath_model::*;
use jiff::civil::{Date, date};
use proptest::prelude::*;

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

fn plan(hours: f64, milestones: &str, rest: &str) -> String {
    format!(
        "format = 1\ntitle = \"Series\"\nstart = 2026-01-05\n\n[person]\nname = \"Test Person\"\n\n[capacity]\nhours_per_week = {hours}\n\n{milestones}\n{rest}"
    )
}

const MENTOR: &str = r#"[[milestones]]
id = "mentor"
title = "Meet my mentor"
kind = "mentorship"
every = "1 month"
not_before = 2026-01-31
until = 2026-06-30
effort_hours = 1.5
with = ["np-mentor"]
"#;

const PEOPLE: &str = r#"[[people]]
id = "np-mentor"
name = "Sam Lee"
relation = "mentor"
met = 2026-01-10
keep_in_touch = "2 months"

[[people]]
id = "chapter-contact"
name = "Jo Park"
relation = "contact"
met = 2025-11-01
keep_in_touch = "3 months"
"#;

fn duration() -> impl Strategy<Value = Duration> {
    prop_oneof![
        (1u32..40).prop_map(|n| Duration::parse(&format!("{n} days")).unwrap()),
        (1u32..10).prop_map(|n| Duration::parse(&format!("{n} weeks")).unwrap()),
        (1u32..25).prop_map(|n| Duration::parse(&format!("{n} months")).unwrap()),
        (1u32..4).prop_map(|n| Duration::parse(&format!("{n} years")).unwrap()),
    ]
}

fn day() -> impl Strategy<Value = Date> {
    (0i64..40_000).prop_map(|n| calendar::add_days(date(1990, 1, 1), n))
}

proptest! {
    /// Every occurrence is inside its own period, never before the series starts or after
    /// `until`; the periods follow each other without a gap; each occurrence is counted from the
    /// first, and a month's day is the first's or, where the month is shorter, its last day.
    #[test]
    fn occurrences_stay_in_their_periods(first in day(), every in duration(), span in 0i64..3000) {
        let until = calendar::add_days(first, span);
        let s = series(first, every, until);
        prop_assert!(!s.is_empty());
        prop_assert_eq!(s[0].date, first);
        for (k, o) in s.iter().enumerate() {
            prop_assert!(o.date >= first && o.date <= until, "{:?} outside {first}..{until}", o);
            prop_assert!(o.date <= o.period_end);
            prop_assert_eq!(o.date, nth_occurrence(first, every, k as i64));
            if let Some(next) = s.get(k + 1) {
                prop_assert_eq!(calendar::add_days(o.period_end, 1), next.date);
            } else {
                // The next one would fall after `until`.
                prop_assert!(nth_occurrence(first, every, k as i64 + 1) > until);
            }
            if every.unit == DurationUnit::Months {
                prop_assert_eq!(o.date.day(), first.day().min(o.date.days_in_month()));
            }
        }
    }

    /// Scheduled, each occurrence's work is done on or after its day, inside its period
    /// whenever the budget of the period (from the as-of date on) can hold it, and no
    /// occurrence falls after `until`; one not done whose period is over is missed.
    #[test]
    fn the_scheduler_places_each_occurrence_in_its_period(
        every in duration(),
        not_before in 0i64..200,
        span in 0i64..800,
        hours in 1u32..6,
        effort in 0u32..4,
        as_of in 0i64..900,
    ) {
        let first = calendar::add_days(date(2026, 1, 5), not_before);
        let until = calendar::add_days(first, span);
        let hours_per_week = f64::from(hours) * 4.0;
        let effort = f64::from(effort) * 0.5;
        let toml = plan(
            hours_per_week,
            &format!(
                "[[milestones]]\nid = \"s\"\ntitle = \"S\"\nkind = \"networking\"\nevery = \"{every}\"\nnot_before = {first}\nuntil = {until}\neffort_hours = {effort}\n"
            ),
            "",
        );
        let as_of = calendar::add_days(date(2026, 1, 5), as_of);
        let r = resolved(&toml, as_of);
        let m = ms(&r, "s");
        prop_assert_eq!(m.occurrences.len(), series(first, every, until).len());
        // Every period can hold its occurrence: none is late.
        let fits = m.occurrences.iter().all(|o| {
            let days = days_between(o.date.max(as_of), o.period_end) + 1;
            o.period_end < as_of || effort * 7.0 <= hours_per_week * days as f64
        });
        for o in &m.occurrences {
            prop_assert!(o.date >= first && o.date <= until);
            prop_assert!(o.done.is_none());
            match o.forecast {
                Some(f) => {
                    prop_assert!(f >= o.date && f >= as_of.min(o.date), "{:?}", o);
                    prop_assert!(o.period_end >= as_of);
                    if fits {
                        prop_assert!(f <= o.period_end, "{:?} late though it fits", o);
                    }
                }
                None => prop_assert!(o.period_end < as_of, "{:?} missed before its end", o),
            }
        }
    }
}

#[test]
fn a_monthly_series_from_january_31_falls_on_february_28_and_march_31() {
    let r = resolved(&plan(5.0, MENTOR, PEOPLE), date(2026, 1, 5));
    let m = ms(&r, "mentor");
    let dates: Vec<Date> = m.occurrences.iter().map(|o| o.date).collect();
    assert_eq!(
        dates,
        [
            date(2026, 1, 31),
            date(2026, 2, 28),
            date(2026, 3, 31),
            date(2026, 4, 30),
            date(2026, 5, 31),
            date(2026, 6, 30)
        ]
    );
    assert_eq!(m.every.unwrap().to_string(), "1 month");
    assert_eq!(m.until, Some(date(2026, 6, 30)));
    assert_eq!(m.status, Status::NotStarted);
    // 1.5 hours each, none done.
    assert_eq!(m.remaining_hours, 9.0);
    assert_eq!(r.schedule.totals.milestones, 1);
    assert_eq!(r.schedule.totals.effort_hours, 9.0);
}

#[test]
fn progress_marks_the_occurrence_of_its_period_and_a_missed_one_is_late_and_explained() {
    let log = "[[progress]]\ndate = 2026-02-03\nmilestone = \"mentor\"\namount = 1\n\n[[progress]]\ndate = 2026-03-31\nmilestone = \"mentor\"\namount = 1\n";
    let r = resolved(
        &plan(5.0, MENTOR, &format!("{log}\n{PEOPLE}")),
        date(2026, 6, 1),
    );
    let m = ms(&r, "mentor");
    let done: Vec<Option<Date>> = m.occurrences.iter().map(|o| o.done).collect();
    // 2026-02-03 falls in the period of 31 January (to 27 February).
    assert_eq!(
        done,
        [
            Some(date(2026, 2, 3)),
            None,
            Some(date(2026, 3, 31)),
            None,
            None,
            None
        ]
    );
    assert!(m.occurrences[1].missed());
    // The last period that is over (30 April to 30 May) was missed: the series is late.
    assert!(m.occurrences[3].missed(), "{:?}", m.occurrences[3]);
    assert_eq!(m.status, Status::Late);
    // Five occurrences due by 1 June, two done.
    assert_eq!(m.percent, 40.0);
    assert_eq!(m.logged, 2.0);
    let e = r
        .schedule
        .explanations
        .iter()
        .find(|e| e.milestone == "mentor")
        .expect("a late series is explained");
    let text = e.text.terminal();
    assert!(
        text.contains("missed 2 occurrences (the last on 2026-04-30, its period ended 2026-05-30)"),
        "{text}"
    );
    // The missed ones are not scheduled again; the May occurrence is, in its period.
    let may = &m.occurrences[4];
    assert!(
        may.forecast
            .is_some_and(|f| f >= date(2026, 6, 1) && f <= may.period_end),
        "{may:?}"
    );
    // Two done, the June one and the open May one to go: 3 hours left.
    assert_eq!(m.remaining_hours, 3.0);
}

#[test]
fn an_occurrence_the_budget_cannot_place_in_its_period_is_late() {
    // A weekly series of 6 hours at 5 hours a week cannot fit its week.
    let toml = plan(
        5.0,
        "[[milestones]]\nid = \"w\"\ntitle = \"Weekly\"\nkind = \"networking\"\nevery = \"1 week\"\nuntil = 2026-02-01\neffort_hours = 6\n",
        "",
    );
    let r = resolved(&toml, date(2026, 1, 5));
    let m = ms(&r, "w");
    assert!(
        m.occurrences.iter().any(|o| o.late()),
        "{:?}",
        m.occurrences
    );
    assert_eq!(m.status, Status::AtRisk);
    let text = r
        .schedule
        .explanations
        .iter()
        .find(|e| e.milestone == "w")
        .map(|e| e.text.terminal())
        .expect("explained");
    assert!(
        text.contains("not fit the weekly budget of its period"),
        "{text}"
    );
}

#[test]
fn occurrences_take_the_weekly_budget_with_other_work() {
    // 20 hours of study at 2 hours a week and a 2-hour monthly meeting: the meetings, due at the
    // end of their month, come first, so the study takes longer than 70 days.
    let toml = plan(
        2.0,
        "[[milestones]]\nid = \"study\"\ntitle = \"Study\"\nkind = \"training\"\neffort_hours = 20\n\n[[milestones]]\nid = \"m\"\ntitle = \"Monthly\"\nkind = \"mentorship\"\nevery = \"1 month\"\nuntil = 2026-12-31\neffort_hours = 2\n",
        "",
    );
    let r = resolved(&toml, date(2026, 1, 5));
    let alone = resolved(
        &plan(
            2.0,
            "[[milestones]]\nid = \"study\"\ntitle = \"Study\"\nkind = \"training\"\neffort_hours = 20\n",
            "",
        ),
        date(2026, 1, 5),
    );
    assert_eq!(
        days_between(date(2026, 1, 5), ms(&alone, "study").forecast.finish),
        69
    );
    assert!(ms(&r, "study").forecast.finish > ms(&alone, "study").forecast.finish);
    assert!(ms(&r, "m").occurrences.iter().all(|o| !o.late()));
}

#[test]
fn a_series_after_a_milestone_starts_when_it_finishes_and_holds_back_what_follows() {
    let toml = plan(
        7.0,
        "[[milestones]]\nid = \"course\"\ntitle = \"Course\"\nkind = \"training\"\neffort_hours = 14\n\n[[milestones]]\nid = \"m\"\ntitle = \"Monthly\"\nkind = \"mentorship\"\nafter = [\"course\"]\nevery = \"1 month\"\nuntil = 2026-06-30\neffort_hours = 1\n\n[[milestones]]\nid = \"next\"\ntitle = \"Next\"\nkind = \"application\"\nafter = [\"m\"]\n",
        "",
    );
    let r = resolved(&toml, date(2026, 1, 5));
    let course = ms(&r, "course").baseline.finish;
    let m = ms(&r, "m");
    assert_eq!(m.occurrences[0].date, calendar::add_days(course, 1));
    let last = m.occurrences.last().unwrap().date;
    assert!(ms(&r, "next").baseline.start > last);
}

#[test]
fn smart_counts_a_series_as_a_clear_completion() {
    let toml = format!(
        "{}\n[[goals]]\nid = \"g\"\ntitle = \"Grow my network by 2026-12-31\"\ndue = 2026-12-31\n",
        plan(
            5.0,
            "[[milestones]]\nid = \"m\"\ntitle = \"Monthly\"\nkind = \"networking\"\ngoal = \"g\"\nevery = \"1 month\"\neffort_hours = 1\n",
            ""
        )
    );
    let r = resolved(&toml, date(2026, 1, 5));
    let g = &r.schedule.goals[0];
    assert!(g.smart.measurable.pass, "{:?}", g.smart.measurable);
    // Without `until`, the goal's due ends the series.
    assert_eq!(ms(&r, "m").until, Some(date(2026, 12, 31)));
    assert_eq!(
        ms(&r, "m").occurrences.last().unwrap().date,
        date(2026, 12, 5)
    );
}

#[test]
fn people_have_last_and_next_contacts_overdue_first() {
    let log = "[[progress]]\ndate = 2026-02-03\nmilestone = \"mentor\"\namount = 1\n";
    let r = resolved(
        &plan(5.0, MENTOR, &format!("{log}\n{PEOPLE}")),
        date(2026, 3, 1),
    );
    let people = &r.schedule.people;
    // Jo Park: met 2025-11-01 + 3 months = 2026-02-01, before 1 March: overdue, listed first.
    assert_eq!(people[0].id, "chapter-contact");
    assert!(people[0].overdue);
    assert_eq!(people[0].last_contact, None);
    assert_eq!(people[0].next_contact, Some(date(2026, 2, 1)));
    // Sam Lee: the mentor meeting of 3 February (a milestone with them) + 2 months.
    assert_eq!(people[1].id, "np-mentor");
    assert_eq!(people[1].last_contact, Some(date(2026, 2, 3)));
    assert_eq!(people[1].next_contact, Some(date(2026, 4, 3)));
    assert!(!people[1].overdue);
    assert_eq!(people[1].milestones, ["mentor"]);
}

#[test]
fn a_progress_entry_with_a_person_is_a_contact() {
    let log = "[[milestones]]\nid = \"study\"\ntitle = \"Study\"\nkind = \"training\"\neffort_hours = 10\n\n[[progress]]\ndate = 2026-02-20\nmilestone = \"study\"\namount = 2\nwith = [\"chapter-contact\"]\n";
    let r = resolved(
        &plan(5.0, MENTOR, &format!("{log}\n{PEOPLE}")),
        date(2026, 3, 1),
    );
    let jo = r
        .schedule
        .people
        .iter()
        .find(|p| p.id == "chapter-contact")
        .unwrap();
    assert_eq!(jo.last_contact, Some(date(2026, 2, 20)));
    assert_eq!(jo.next_contact, Some(date(2026, 5, 20)));
    assert!(!jo.overdue);
}

#[test]
fn redaction_replaces_names_and_drops_notes_of_people() {
    let toml = plan(
        5.0,
        &MENTOR.replace("Meet my mentor", "Coffee with Sam Lee"),
        &PEOPLE.replace(
            "keep_in_touch = \"2 months\"",
            "keep_in_touch = \"2 months\"\nnote = \"prefers email\"",
        ),
    );
    let c = checked(&toml);
    let red = carepath_model::redact::redact(&c, "TP");
    let r = resolve(&red, date(2026, 3, 1), None);
    let json = serde_json::to_string(&r).unwrap();
    assert!(
        !json.contains("Sam Lee") && !json.contains("Jo Park") && !json.contains("prefers email")
    );
    assert!(json.contains("\"contact 1\"") && json.contains("\"contact 2\""));
    // A title naming a person names the pseudonym instead.
    assert!(json.contains("Coffee with contact 1"), "{json}");
    // `carepath redact` does the same to the file.
    let file = carepath_model::redact::redact_file(&toml, Format::Toml, "TP", false).unwrap();
    assert!(!file.text.contains("Sam Lee") && !file.text.contains("prefers email"));
    assert!(
        file.text.contains("title = \"Coffee with contact 1\""),
        "{}",
        file.text
    );
    assert!(file.text.contains("name = \"contact 2\""), "{}", file.text);
}

#[test]
fn every_network_error_points_at_its_field() {
    for (extra_m, extra_p, code, path) in [
        ("every = \"monthly\"", "", "E050", "milestones[0].every"),
        (
            "every = \"1 month\"\nduration = \"2 weeks\"",
            "",
            "E051",
            "milestones[0].duration",
        ),
        (
            "every = \"1 month\"\nmeasure = { target = 3 }",
            "",
            "E051",
            "milestones[0].measure",
        ),
        (
            "every = \"1 month\"\ndone = 2026-02-01",
            "",
            "E051",
            "milestones[0].done",
        ),
        ("every = \"0 months\"", "", "E050", "milestones[0].every"),
        (
            "every = \"1 month\"\nnot_before = 2026-03-01\nuntil = 2026-02-01",
            "",
            "E052",
            "milestones[0].until",
        ),
        ("with = [\"np-mentr\"]", "", "E053", "milestones[0].with[0]"),
        (
            "",
            "[[people]]\nid = \"np-mentor\"\nname = \"X\"\nrelation = \"contact\"\n",
            "E054",
            "people[1].id",
        ),
        ("", "", "E055", "people[0].keep_in_touch"),
        ("", "", "E056", "people[0].relation"),
    ] {
        let mut people = format!(
            "[[people]]\nid = \"np-mentor\"\nname = \"Sam Lee\"\nrelation = \"mentor\"\n{extra_p}"
        );
        if code == "E055" {
            people = people.replace(
                "relation = \"mentor\"",
                "relation = \"mentor\"\nkeep_in_touch = \"often\"",
            );
        }
        if code == "E056" {
            people = people.replace("\"mentor\"", "\"mentee\"");
        }
        let toml = plan(
            5.0,
            &format!(
                "[[milestones]]\nid = \"m\"\ntitle = \"M\"\nkind = \"networking\"\neffort_hours = 1\n{extra_m}\n"
            ),
            &people,
        );
        let c = check(toml.as_bytes(), Format::Toml, None);
        let d = c
            .diagnostics
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("{code}: {:#?}", c.diagnostics));
        assert_eq!(d.path, path, "{code}");
        assert!(d.span.is_some(), "{code} has a place");
        assert!(d.hint.is_some(), "{code} has a hint");
        assert!(c.plan.is_none(), "{code} is an error");
    }
}

#[test]
fn check_warns_at_every_when_a_series_misses_occurrences() {
    let c = checked(&plan(5.0, MENTOR, PEOPLE));
    let r = resolve(&c, date(2026, 4, 15), None);
    let all = findings(&c, &r);
    let w: Vec<&Diagnostic> = all.iter().filter(|d| d.code == "W010").collect();
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0].path, "milestones[0].every");
    assert_eq!(w[0].label.as_deref(), Some("2 missed, 0 late"));
    // Logged, nothing is missed and nothing is said.
    let log = "[[progress]]\ndate = 2026-02-01\nmilestone = \"mentor\"\namount = 2\n";
    let c = checked(&plan(5.0, MENTOR, &format!("{log}\n{PEOPLE}")));
    let r = resolve(&c, date(2026, 4, 15), None);
    assert!(findings(&c, &r).iter().all(|d| d.code != "W010"));
}
