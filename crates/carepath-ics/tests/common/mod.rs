//! Plans for the iCalendar tests: a hand-written plan, a plan of text that breaks naive
//! exporters, the repository's fixtures, and a plan of 10,000 milestones.
#![allow(dead_code)] // each test binary uses its own share of the helpers

use std::path::PathBuf;

use carepath_ics::IcsOptions;
use carepath_model::{
    CheckedPlan, CredentialCycle, CredentialState, CredentialStatus, Format, Kind, Requirement,
    ResolvedPlan, RuleSource, ScheduledMilestone, Status, Window,
};
use jiff::Span;
use jiff::civil::{Date, date};

pub const PLAN: &str = r#"
format = 1
id = "sam-rt-to-ecmo"
title = "Respiratory therapist to ECMO specialist"
start = 2026-01-05

[person]
name = "Sam Okafor-Nguyễn"
credentials = [
  { id = "bls", earned = 2024-04-20, number = "AHA 2024-55512" },
  "acls",
  { id = "ccrn", earned = 2024-07-01, expires = 2027-06-30 },
]
values = ["patient-care", "lifelong-learning"]

[capacity]
hours_per_week = 5

[[goals]]
id = "ecmo"
title = "Run ECMO circuits in the CVICU by mid-2027"
due = 2027-06-30
values = ["patient-care"]

[[goals]]
id = "network"
title = "Find a mentor, and shadow 3 perfusionists"

[[milestones]]
id = "acls"
title = "Renew ACLS"
kind = "certification"
effort_hours = 8
due = 2026-03-31
done = 2026-02-20
notes = "Sim lab, Saturday slot; bring the card."

[[milestones]]
id = "rrt"
title = "Pass the RRT exams (TMC, then CSE)"
kind = "exam"
goal = "ecmo"
effort_hours = 80
due = 2026-09-30

[[milestones]]
id = "ecmo-course"
title = "ECMO specialist course: 40 h, \"hands-on\" wet lab"
kind = "training"
goal = "ecmo"
after = ["rrt"]
effort_hours = 40
cost = 1200

[[milestones]]
id = "mentor"
title = "Ask Dr. Reyes to mentor me"
kind = "mentorship"
goal = "network"
not_before = 2026-04-01
notes = """First line of the notes.
Second line, with a comma; and a semicolon."""

[[progress]]
date = 2026-02-10
milestone = "rrt"
amount = 20
note = "Practice tests"

[[progress]]
date = 2026-05-10
milestone = "rrt"
amount = 30
"#;

/// Titles that break naive exporters; each must come back from a calendar exactly.
pub fn nasty_titles() -> Vec<String> {
    let long: String = "Ψυχολόγος 護理師 🩺 ICU, PACU; ED\\ "
        .chars()
        .cycle()
        .take(300)
        .collect();
    vec![
        "Commas, semicolons; colons: all three".into(),
        "\"Double\" and 'single' quotes".into(),
        "Backslash \\ and a literal \\n and a trailing \\".into(),
        "Line one\nline two".into(),
        "Tab\tseparated\ttitle".into(),
        "Emoji 🩺💉🏥 nurse 👩🏽‍⚕️ flag 🇻🇳".into(),
        "重症监护认证考试（CCRN）、日本語の題名、한국어 제목".into(),
        long,
        "=HYPERLINK(\"http://example.invalid\",\"x\")".into(),
        "+1 shift a week".into(),
        "-5 days of leave".into(),
        "@charge-nurse sign-off".into(),
        "Zoë Nguyễn — Đà Nẵng, Łódź, Ирина, ממרכז רפואי".into(),
        "<b>html</b> & ampersand".into(),
        format!("{}\\,;", "x".repeat(60)),
    ]
}

/// Titles with carriage returns: a calendar reads them back with LF line breaks.
pub fn carriage_return_titles() -> Vec<(String, String)> {
    vec![
        ("CRLF line\r\nbreak".into(), "CRLF line\nbreak".into()),
        ("Bare CR\rbreak".into(), "Bare CR\nbreak".into()),
    ]
}

pub fn checked(bytes: &[u8], format: Format) -> CheckedPlan {
    carepath_test_support::checked(bytes, format, "the test plan")
}

/// The hand-written plan, resolved as of `as_of`, with the credentials and renewal milestones
/// the engine and the catalog would add (written by hand: see [`credentials`]).
pub fn plan(as_of: Date) -> ResolvedPlan {
    let mut r = resolve(&checked(PLAN.as_bytes(), Format::Toml), as_of);
    r.schedule.renewals.clear();
    r.schedule.credentials = credentials();
    r.schedule.milestones.extend([
        renewal_milestone(
            "renew-bls-2026-04-30",
            "Renewal of BLS: the 4-hour provider course",
            "bls",
            Kind::Training,
            date(2026, 3, 31),
            date(2026, 3, 20),
            4.0,
        ),
        renewal_milestone(
            "renew-bls-2028-04-30",
            "Renewal of BLS: the 4-hour provider course",
            "bls",
            Kind::Training,
            date(2028, 3, 31),
            date(2028, 3, 10),
            4.0,
        ),
        renewal_milestone(
            "renew-ccrn-2027-06-30",
            "Renewal of CCRN: 46 CERPs of CE (Category A: 22)",
            "ccrn",
            Kind::ContinuingEducation,
            date(2027, 5, 31),
            date(2027, 7, 19),
            46.0,
        ),
    ]);
    r
}

fn renewal_milestone(
    id: &str,
    title: &str,
    credential: &str,
    kind: Kind,
    due: Date,
    finish: Date,
    effort: f64,
) -> ScheduledMilestone {
    let start = finish.saturating_sub(Span::new().days(60));
    ScheduledMilestone {
        id: id.into(),
        title: title.into(),
        kind,
        goal: None,
        due: Some(due),
        baseline: Window { start, finish },
        forecast: Window { start, finish },
        late_days: Some((finish - due).get_days().into()),
        status: if finish > due {
            Status::Late
        } else {
            Status::NotStarted
        },
        percent: 0.0,
        expected_percent: 0.0,
        critical: false,
        effort_hours: effort,
        remaining_hours: effort,
        cost: None,
        logged: 0.0,
        unit: if kind == Kind::Training {
            "hours".into()
        } else {
            "CERPs".into()
        },
        renewal: true,
        credential: Some(credential.into()),
        every: None,
        until: None,
        occurrences: Vec::new(),
    }
}

fn req(requirement: &str, required: f64, counted: f64, unit: &str) -> Requirement {
    Requirement {
        requirement: requirement.into(),
        required,
        counted,
        remaining: (required - counted).max(0.0),
        met: counted >= required,
        unit: unit.into(),
        forecast: None,
    }
}

/// The credentials as the engine would resolve them with the catalog: BLS (a 4-hour course;
/// the card is valid to the end of the month, 24 months after it was earned), due soon, with
/// its current cycle and the next one inside the horizon; ACLS, whose expiry nobody knows (no
/// cycle, so no expiry event); CCRN (100 CERPs in 3 years, category minimums, 432 practice
/// hours), at risk: its renewal is forecast after the submission date.
pub fn credentials() -> Vec<CredentialStatus> {
    let aha = RuleSource {
        source: "American Heart Association: BLS provider course (2025)".into(),
        verified: true,
        jurisdiction: None,
        months: 24,
        unit: "hours".into(),
    };
    vec![
        CredentialStatus {
            id: "bls".into(),
            name: "Basic Life Support provider course".into(),
            jurisdiction: None,
            earned: Some(date(2024, 4, 20)),
            expires: Some(date(2026, 4, 30)),
            status: CredentialState::DueSoon,
            earned_by: None,
            attention: None,
            rule: Some(aha),
            cycles: vec![
                CredentialCycle {
                    start: Some(date(2024, 4, 20)),
                    expires: date(2026, 4, 30),
                    submit_by: date(2026, 3, 31),
                    requirements: vec![req("course", 4.0, 0.0, "hours")],
                    renewal_milestone: Some("renew-bls-2026-04-30".into()),
                    forecast_finish: Some(date(2026, 3, 20)),
                },
                CredentialCycle {
                    start: Some(date(2026, 5, 1)),
                    expires: date(2028, 4, 30),
                    submit_by: date(2028, 3, 31),
                    requirements: vec![req("course", 4.0, 0.0, "hours")],
                    renewal_milestone: Some("renew-bls-2028-04-30".into()),
                    forecast_finish: Some(date(2028, 3, 10)),
                },
            ],
        },
        CredentialStatus {
            id: "acls".into(),
            name: "Advanced Cardiovascular Life Support".into(),
            jurisdiction: None,
            earned: None,
            expires: None,
            status: CredentialState::Unknown,
            earned_by: None,
            attention: None,
            rule: None,
            cycles: Vec::new(),
        },
        CredentialStatus {
            id: "ccrn".into(),
            name: "Critical care registered nurse certification (adult, pediatric or neonatal)"
                .into(),
            jurisdiction: None,
            earned: Some(date(2024, 7, 1)),
            expires: Some(date(2027, 6, 30)),
            status: CredentialState::AtRisk,
            earned_by: None,
            attention: None,
            rule: Some(RuleSource {
                source: "AACN: CCRN renewal (2025)".into(),
                verified: false,
                jurisdiction: None,
                months: 36,
                unit: "CERPs".into(),
            }),
            cycles: vec![CredentialCycle {
                start: Some(date(2024, 7, 1)),
                expires: date(2027, 6, 30),
                submit_by: date(2027, 5, 31),
                requirements: vec![
                    req("total", 100.0, 54.0, "CERPs"),
                    req("category:A", 60.0, 38.0, "CERPs"),
                    req("category:B", 10.0, 10.0, "CERPs"),
                    req("category:C", 10.0, 6.0, "CERPs"),
                    Requirement {
                        forecast: Some(470.0),
                        ..req("practice", 432.0, 288.0, "hours")
                    },
                ],
                renewal_milestone: Some("renew-ccrn-2027-06-30".into()),
                forecast_finish: Some(date(2027, 7, 19)),
            }],
        },
    ]
}

/// A plan whose milestones carry the nasty titles (through the JSON reader, so the text takes
/// the path a user's text takes).
pub fn nasty_plan(as_of: Date) -> ResolvedPlan {
    let mut titles = nasty_titles();
    titles.extend(carriage_return_titles().into_iter().map(|(raw, _)| raw));
    let milestones: Vec<serde_json::Value> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let day = date(2026, 2, 1).saturating_add(Span::new().days(7 * i as i64));
            serde_json::json!({
                "id": format!("m{i}"),
                "title": t,
                "kind": "other",
                "goal": "g",
                "due": day.to_string(),
                "notes": format!("Notes for {t}\nsecond line"),
            })
        })
        .collect();
    let doc = serde_json::json!({
        "format": 1,
        "id": "nasty-text",
        "title": "Nasty text; commas, \"quotes\" & 🩺",
        "start": "2026-01-05",
        "person": { "name": "Zoë \"Z\" Nguyễn, RN; CCRN" },
        "goals": [{ "id": "g", "title": "Goal, with; specials\\ and 🩺", "due": "2027-12-31" }],
        "milestones": milestones,
    });
    resolve(
        &checked(&serde_json::to_vec(&doc).unwrap(), Format::Json),
        as_of,
    )
}

/// A plan of `n` milestones, for the linear-time check.
pub fn large_plan(n: usize, as_of: Date) -> ResolvedPlan {
    let mut toml = String::from(
        "format = 1\nid = \"large\"\ntitle = \"Large\"\nstart = 2026-01-05\n\
         [person]\nname = \"L\"\n[[goals]]\nid = \"g\"\ntitle = \"Pass every exam\"\ndue = 2060-01-01\n",
    );
    for i in 0..n {
        toml.push_str(&format!(
            "[[milestones]]\nid = \"m{i}\"\ntitle = \"Milestone {i}: ÉCG, 🩺; study\"\n\
             kind = \"exam\"\ngoal = \"g\"\ndue = {}\nnotes = \"Notes, notes; notes\"\n",
            date(2026, 2, 1).saturating_add(Span::new().days((i % 5000) as i64))
        ));
    }
    resolve(&checked(toml.as_bytes(), Format::Toml), as_of)
}

pub fn fixtures_dir() -> PathBuf {
    carepath_test_support::fixtures_dir()
}

/// Every good fixture plan: its file stem and the plan resolved as of `as_of`.
pub fn fixtures(as_of: Date) -> Vec<(String, ResolvedPlan)> {
    carepath_test_support::fixtures(as_of)
}

/// The options when none is given (reminders 14 and 1 days before, expiry reminders 90, 60, 30
/// and 7 days before, no tasks).
pub fn options() -> IcsOptions {
    IcsOptions::default()
}

/// The calendar of `plan` (as of `plan.as_of`) with these options.
pub fn export(plan: &ResolvedPlan, options: &IcsOptions) -> String {
    carepath_ics::calendar(plan, options).expect("the export succeeds")
}

/// Resolves a checked plan with the planning engine, without a catalog (so no renewals: the
/// hand-written plan adds its own).
pub fn resolve(checked: &CheckedPlan, as_of: Date) -> ResolvedPlan {
    carepath_model::resolve(checked, as_of, None)
}
