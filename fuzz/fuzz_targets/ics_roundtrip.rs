//! The iCalendar exporter on a resolved plan whose text (plan id, title, person, milestone ids,
//! titles and notes, goal ids, titles and SMART reasons, credential names and rule sources), dates and
//! reminder offsets come from the fuzzer, read back with the `icalendar` crate's parser:
//! - the wire format holds: CRLF line ends only, no physical line longer than 75 octets;
//! - the calendar parses, with exactly one event per milestone, per goal with a due date and per
//!   credential cycle's expiry, and one task per milestone with `--todo`, each under its
//!   documented UID;
//! - every SUMMARY unescapes to exactly the text it was made from, and every DESCRIPTION holds
//!   the fuzzed text it quotes (goal title, notes, reasons, names, source) and ends with the
//!   plan line; reminders quote the summary. "Exactly" is after the documented normalisation of
//!   TEXT: every line break (CRLF, CR, LF) is a newline, other control characters but tab are
//!   dropped.
#![no_main]

use std::collections::{BTreeMap, HashSet};

use arbitrary::Arbitrary;
use carepath_export::Exporter;
use carepath_fuzz::{assert_wire_format, base_plan, set_smart};
use carepath_ics::{IcsExporter, IcsOptions, expiry_uid, goal_uid, milestone_uid, task_uid};
use carepath_model::{
    CredentialCycle, CredentialState, CredentialStatus, GoalResult, Requirement, ResolvedPlan,
    RuleSource, Status,
};
use icalendar::parser::{Component, read_calendar, unfold};
use jiff::civil::{Date, date};
use libfuzzer_sys::fuzz_target;

const MAX_ITEMS: usize = 6;

const STATUSES: [Status; 5] = [
    Status::Done,
    Status::OnTrack,
    Status::AtRisk,
    Status::Late,
    Status::NotStarted,
];

#[derive(Arbitrary, Debug)]
struct MilestoneText {
    id: String,
    title: String,
    notes: Option<String>,
    /// Index of the goal it serves, wrapping.
    goal: Option<u8>,
    due: Option<u16>,
    finish: u16,
    status: u8,
    percent: f64,
    expected_percent: f64,
    critical: bool,
}

#[derive(Arbitrary, Debug)]
struct GoalText {
    id: String,
    title: String,
    due: Option<u16>,
    finish: Option<u16>,
    status: u8,
    reasons: [String; 5],
    passes: [bool; 5],
    score: u8,
    percent: f64,
}

#[derive(Arbitrary, Debug)]
struct RenewalText {
    credential: String,
    name: String,
    source: String,
    due: u16,
    ce_hours: Option<f64>,
    every_months: u32,
    verified: bool,
}

#[derive(Arbitrary, Debug)]
struct Input {
    plan_id: String,
    title: String,
    person: String,
    todo: bool,
    remind: Vec<u8>,
    milestones: Vec<MilestoneText>,
    goals: Vec<GoalText>,
    renewals: Vec<RenewalText>,
}

/// A day from the plan start on (2026-01-05 + up to 65,535 days, so before 2206).
fn day(offset: u16) -> Date {
    date(2026, 1, 5)
        .checked_add(jiff::Span::new().days(i64::from(offset)))
        .expect("within jiff's range")
}

/// `text` made unique among `seen` (ids are unique in a checked plan; UIDs and the goal lookup
/// rely on it).
fn unique(seen: &mut HashSet<String>, text: &str) -> String {
    let mut id = text.to_string();
    while !seen.insert(id.clone()) {
        id.push('~');
    }
    id
}

fn build(input: &Input) -> ResolvedPlan {
    let base = base_plan();
    let mut plan = base.clone();
    plan.plan_id = input.plan_id.clone();
    plan.plan.title = input.title.clone();
    plan.plan.person.name = input.person.clone();

    let mut seen = HashSet::new();
    let goals: Vec<GoalResult> = input
        .goals
        .iter()
        .take(MAX_ITEMS)
        .enumerate()
        .map(|(i, t)| {
            let mut g = base.schedule.goals[i % base.schedule.goals.len()].clone();
            g.id = unique(&mut seen, &t.id);
            g.title = t.title.clone();
            g.due = t.due.map(day);
            g.finish = t.finish.map(day);
            g.status = STATUSES[usize::from(t.status) % STATUSES.len()];
            g.score = t.score;
            g.percent = t.percent;
            set_smart(&mut g.smart, &t.reasons, t.passes);
            g
        })
        .collect();

    let mut seen = HashSet::new();
    let n = base.schedule.milestones.len();
    let mut scheduled = Vec::new();
    let mut written = Vec::new();
    for (i, t) in input.milestones.iter().take(MAX_ITEMS).enumerate() {
        let mut s = base.schedule.milestones[i % n].clone();
        let mut m = base.plan.milestones[i % n].clone();
        let id = unique(&mut seen, &t.id);
        s.id = id.clone();
        m.id = id;
        s.title = t.title.clone();
        m.title = t.title.clone();
        m.notes = t.notes.clone();
        s.goal = match t.goal {
            Some(g) if !goals.is_empty() => Some(goals[usize::from(g) % goals.len()].id.clone()),
            _ => None,
        };
        m.goal = s.goal.clone();
        s.due = t.due.map(day);
        m.due = s.due;
        let finish = day(t.finish);
        s.forecast.start = finish;
        s.forecast.finish = finish;
        s.late_days = s.due.map(|due| i64::from((finish - due).get_days()));
        s.status = STATUSES[usize::from(t.status) % STATUSES.len()];
        s.percent = t.percent;
        s.expected_percent = t.expected_percent;
        s.critical = t.critical;
        scheduled.push(s);
        written.push(m);
    }

    // Each fuzzed renewal becomes a credential with one cycle that expires on its date.
    let mut seen = HashSet::new();
    let credentials = input
        .renewals
        .iter()
        .take(MAX_ITEMS)
        .map(|t| {
            let expires = day(t.due);
            CredentialStatus {
                id: unique(&mut seen, &t.credential),
                name: t.name.clone(),
                jurisdiction: None,
                earned: None,
                expires: Some(expires),
                status: CredentialState::Current,
                earned_by: None,
                attention: None,
                rule: Some(RuleSource {
                    source: t.source.clone(),
                    verified: t.verified,
                    jurisdiction: None,
                    months: t.every_months,
                    unit: "contact hours".into(),
                }),
                cycles: vec![CredentialCycle {
                    start: Some(day(t.due / 2)),
                    expires,
                    submit_by: expires,
                    requirements: t
                        .ce_hours
                        .map(|h| Requirement {
                            requirement: "total".into(),
                            required: h,
                            counted: 0.0,
                            remaining: h,
                            met: false,
                            unit: "contact hours".into(),
                            forecast: None,
                        })
                        .into_iter()
                        .collect(),
                    renewal_milestone: None,
                    forecast_finish: None,
                }],
            }
        })
        .collect();

    plan.plan.milestones = written;
    plan.schedule.milestones = scheduled;
    plan.schedule.goals = goals;
    plan.schedule.renewals = Vec::new();
    plan.schedule.credentials = credentials;
    plan
}

/// TEXT as a reader gets it back (RFC 5545 §3.3.11 as carepath-ics documents it): CRLF, CR and
/// LF each one newline; control characters other than tab and newline dropped.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\t' | '\n' => out.push(c),
            c if c.is_ascii_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// What one component must say.
struct Expect {
    component: &'static str,
    summary: String,
    /// Normalised pieces the description must contain.
    contains: Vec<String>,
    /// How the normalised description starts, if fixed.
    starts: Option<String>,
}

fn expectations(plan: &ResolvedPlan, todo: bool) -> BTreeMap<String, Expect> {
    let s = &plan.schedule;
    let plan_line = normalize(&format!("Plan: {} (as of {})", plan.plan.title, plan.as_of));
    let mut want = BTreeMap::new();
    let goal_title = |id: &str| {
        s.goals
            .iter()
            .find(|g| g.id == id)
            .map_or(id.to_string(), |g| g.title.clone())
    };
    for (i, m) in s.milestones.iter().enumerate() {
        let mut contains = vec![plan_line.clone()];
        if let Some(notes) = plan.milestone_notes(i) {
            contains.push(normalize(&format!("Notes: {notes}")));
        }
        let starts = m
            .goal
            .as_deref()
            .map(|g| normalize(&format!("Goal: {}\n", goal_title(g))));
        let mut uids = vec![("VEVENT", milestone_uid(&plan.plan_id, &m.id))];
        if todo {
            uids.push(("VTODO", task_uid(&plan.plan_id, &m.id)));
        }
        for (component, uid) in uids {
            let old = want.insert(
                uid.clone(),
                Expect {
                    component,
                    summary: m.title.clone(),
                    contains: contains.clone(),
                    starts: starts.clone(),
                },
            );
            assert!(old.is_none(), "two components would share the UID {uid}");
        }
    }
    for g in &s.goals {
        if g.due.is_none() {
            continue;
        }
        let mut contains = vec![plan_line.clone()];
        for (_, c) in g.smart.criteria() {
            if !c.pass {
                // "Not yet achievable: " and the reason in its document form.
                contains.push(normalize(&c.reason.document()));
            }
        }
        let uid = goal_uid(&plan.plan_id, &g.id);
        let old = want.insert(
            uid.clone(),
            Expect {
                component: "VEVENT",
                summary: format!("Goal deadline: {}", g.title),
                contains,
                starts: None,
            },
        );
        assert!(old.is_none(), "two components would share the UID {uid}");
    }
    for c in &s.credentials {
        for cycle in &c.cycles {
            let uid = expiry_uid(&plan.plan_id, &c.id, cycle.expires);
            let source = c.rule.as_ref().map_or("", |r| r.source.as_str());
            let old = want.insert(
                uid.clone(),
                Expect {
                    component: "VEVENT",
                    summary: format!("Expires: {}", c.name),
                    contains: vec![
                        plan_line.clone(),
                        normalize(&format!(
                            "{} expires on {}",
                            // The id alone when the catalog has no name for it.
                            if c.name == c.id {
                                c.id.clone()
                            } else {
                                format!("{} ({})", c.name, c.id)
                            },
                            cycle.expires
                        )),
                        normalize(&format!("Rule: {source}, every")),
                    ],
                    starts: None,
                },
            );
            assert!(old.is_none(), "two components would share the UID {uid}");
        }
    }
    want
}

fn prop<'c>(c: &'c Component<'_>, name: &str) -> Vec<&'c str> {
    c.properties
        .iter()
        .filter(|p| p.name.as_str() == name)
        .map(|p| p.val.as_str())
        .collect()
}

/// The one value of a property the component must have exactly once.
fn one<'c>(c: &'c Component<'_>, name: &str) -> &'c str {
    let v = prop(c, name);
    assert_eq!(v.len(), 1, "{} has {} {name}", c.name.as_str(), v.len());
    v[0]
}

fn check_description(uid: &str, description: &str, e: &Expect) {
    assert!(
        description.ends_with(&e.contains[0]),
        "{uid}: the description {description:?} ends with {:?}",
        e.contains[0]
    );
    for piece in &e.contains[1..] {
        assert!(
            description.contains(piece.as_str()),
            "{uid}: the description {description:?} holds {piece:?}"
        );
    }
    if let Some(start) = &e.starts {
        assert!(
            description.starts_with(start.as_str()),
            "{uid}: the description {description:?} starts with {start:?}"
        );
    }
}

fuzz_target!(|input: Input| {
    let plan = build(&input);
    let options = IcsOptions {
        remind: input.remind.iter().take(4).map(|&d| u32::from(d)).collect(),
        todo: input.todo,
        remind_expiry: input
            .remind
            .iter()
            .rev()
            .take(4)
            .map(|&d| u32::from(d))
            .collect(),
    };
    let ics = carepath_ics::calendar(&plan, &options).unwrap_or_else(|e| {
        panic!("every day here is before 2206, so the calendar is written: {e}")
    });
    assert_wire_format(&ics);
    // The exporter the CLI calls writes exactly this, as its one file.
    let exported = IcsExporter::new(options)
        .export(&plan)
        .unwrap_or_else(|e| panic!("the exporter fails where calendar() did not: {e}"));
    assert_eq!(exported.files.len(), 1, "the calendar is one file");
    assert!(
        exported.files[0].bytes == ics.as_bytes(),
        "the exporter's file is the calendar"
    );

    let unfolded = unfold(&ics);
    let cal = read_calendar(&unfolded)
        .unwrap_or_else(|e| panic!("the icalendar crate cannot read it: {e}\n{ics}"));
    let calname: Vec<String> = cal
        .properties
        .iter()
        .filter(|p| p.name.as_str() == "X-WR-CALNAME")
        // The parser unescapes X- properties as TEXT itself.
        .map(|p| p.val.as_str().to_string())
        .collect();
    assert_eq!(
        calname,
        vec![normalize(&format!("carepath: {}", plan.plan.title))],
        "X-WR-CALNAME"
    );

    let mut want = expectations(&plan, input.todo);
    for c in &cal.components {
        let uid = one(c, "UID");
        let e = want
            .remove(uid)
            .unwrap_or_else(|| panic!("an unexpected or repeated UID {uid:?}"));
        assert_eq!(c.name.as_str(), e.component, "{uid}");
        let summary = one(c, "SUMMARY");
        assert_eq!(summary, normalize(&e.summary), "{uid}: SUMMARY round-trips");
        check_description(uid, one(c, "DESCRIPTION"), &e);
        for alarm in &c.components {
            assert_eq!(alarm.name.as_str(), "VALARM", "{uid}");
            let said = one(alarm, "DESCRIPTION");
            assert!(
                said.ends_with(&format!(": {}", normalize(&e.summary))),
                "{uid}: the reminder {said:?} quotes the summary {:?}",
                e.summary
            );
        }
    }
    assert!(
        want.is_empty(),
        "components missing from the calendar: {:?}",
        want.keys().collect::<Vec<_>>()
    );
});
