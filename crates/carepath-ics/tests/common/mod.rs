//! Plans for the iCalendar tests: a hand-written plan, a plan of text that breaks naive
//! exporters, the repository's fixtures, and a plan of 10,000 milestones.
#![allow(dead_code)] // each test binary uses its own share of the helpers

use std::path::PathBuf;

use carepath_ics::IcsOptions;
use carepath_model::{CheckedPlan, Format, Renewal, ResolvedPlan};
use jiff::Span;
use jiff::civil::{Date, date};

pub const PLAN: &str = r#"
format = 1
id = "sam-rt-to-ecmo"
title = "Respiratory therapist to ECMO specialist"
start = 2026-01-05

[person]
name = "Sam Okafor-Nguyễn"
credentials = ["bls", "acls"]
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

/// The hand-written plan, resolved as of `as_of`, with a renewal the catalog would add.
pub fn plan(as_of: Date) -> ResolvedPlan {
    let mut r = resolve(&checked(PLAN.as_bytes(), Format::Toml), as_of);
    r.schedule.renewals.push(Renewal {
        credential: "bls".into(),
        name: "Basic Life Support (BLS)".into(),
        due: date(2027, 2, 28),
        ce_hours: None,
        every_months: 24,
        source: "American Heart Association".into(),
        verified: true,
    });
    r.schedule.renewals.push(Renewal {
        credential: "acls".into(),
        name: "ACLS; Advanced Cardiovascular Life Support".into(),
        due: date(2028, 3, 31),
        ce_hours: Some(4.5),
        every_months: 24,
        source: "AHA, \"HeartCode\" program".into(),
        verified: false,
    });
    r
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

/// The options when none is given (reminders 14 and 1 days before, no tasks).
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
