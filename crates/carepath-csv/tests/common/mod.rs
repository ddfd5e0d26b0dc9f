//! A hand-built resolved plan, hostile text, and helpers to export it.
#![allow(dead_code)] // each test binary uses its own subset

use carepath_csv::{CsvExporter, CsvOptions};
use carepath_export::{ExportError, Exporter};
use carepath_model::{
    Criterion, Explanation, Format, GoalResult, Kind, ProgressRow, Renewal, ResolvedPlan, Schedule,
    ScheduledMilestone, Smart, Status, TargetResult, Totals, WeekLoad, Window,
};
use jiff::civil::{Date, date};
use std::path::{Path, PathBuf};

pub const AS_OF: Date = date(2026, 4, 15);

const PLAN: &str = r#"
format = 1
id = "sam-charge-rn-to-cnl"
title = "Charge nurse to clinical nurse leader"
start = 2026-01-05
currency = "USD"

[person]
name = "Sam Okafor"
role = "registered-nurse"
credentials = ["rn-license", "bls"]
values = ["leadership", "patient-safety"]

[capacity]
hours_per_week = 5
max_parallel = 2

[target]
role = "clinical-nurse-leader"
by = 2027-12-31

[[goals]]
id = "cnl"
title = "Earn the CNL certification"
due = 2027-06-30
values = ["leadership"]

[[goals]]
id = "grow"
title = "Improve my career"

[[milestones]]
id = "precept"
title = "Precept two new graduates, \"by the book\"; then debrief"
kind = "leadership"
goal = "cnl"
effort_hours = 20
due = 2026-03-31
done = 2026-03-20

[[milestones]]
id = "msn-core"
title = "MSN core courses (12 credits)"
kind = "education"
goal = "cnl"
effort_hours = 180
due = 2026-12-18
cost = 5400.5

[[milestones]]
id = "cnl-exam"
title = "=Sit the CNL exam"
kind = "exam"
goal = "cnl"
after = ["msn-core"]
effort_hours = 60
due = 2027-03-31
cost = 435

[[milestones]]
id = "reflect"
title = "-journal weekly, 15 minutes"
kind = "wellbeing"
goal = "grow"
measure = { target = 52, unit = "entries" }

[[progress]]
date = 2026-02-10
milestone = "precept"
amount = 12
note = "First grad: Ana, a \"quick\" learner"

[[progress]]
date = 2026-03-01
milestone = "msn-core"
amount = 33.3
note = "-2 hours lost to a double shift"

[[progress]]
date = 2026-03-20
milestone = "precept"
amount = 8

[[progress]]
date = 2026-04-12
milestone = "reflect"
amount = 15
note = "@home, 3 weeks"
"#;

fn window(a: Date, b: Date) -> Window {
    Window {
        start: a,
        finish: b,
    }
}

fn pass(reason: &str) -> Criterion {
    Criterion::passes(reason)
}

fn fail(reason: &str) -> Criterion {
    Criterion::fails(reason)
}

#[allow(clippy::too_many_arguments)]
fn milestone(
    id: &str,
    title: &str,
    kind: Kind,
    goal: &str,
    due: Option<Date>,
    baseline: Window,
    forecast: Window,
    status: Status,
) -> ScheduledMilestone {
    ScheduledMilestone {
        id: id.into(),
        title: title.into(),
        kind,
        goal: Some(goal.into()),
        due,
        baseline,
        forecast,
        late_days: due.map(|d| (forecast.finish - d).get_days().into()),
        status,
        percent: 0.0,
        expected_percent: 0.0,
        critical: false,
        effort_hours: 0.0,
        remaining_hours: 0.0,
        cost: None,
        logged: 0.0,
        unit: "hours".into(),
        renewal: false,
        credential: None,
    }
}

/// The plan above, read by the real reader, with a schedule written out by hand (so these tests
/// don't depend on the planning engine, and every kind of cell is exercised on purpose: negative
/// and positive `late_days`, missing dates and costs, fractions, TRUE and FALSE).
pub fn sample() -> ResolvedPlan {
    let plan = carepath_test_support::checked(PLAN.as_bytes(), Format::Toml, "the sample plan")
        .plan()
        .clone();

    let mut precept = milestone(
        "precept",
        &plan.milestones[0].title,
        Kind::Leadership,
        "cnl",
        Some(date(2026, 3, 31)),
        window(date(2026, 1, 5), date(2026, 2, 27)),
        window(date(2026, 1, 5), date(2026, 3, 20)),
        Status::Done,
    );
    precept.percent = 100.0;
    precept.expected_percent = 100.0;
    precept.effort_hours = 20.0;
    precept.logged = 20.0;

    let mut msn = milestone(
        "msn-core",
        &plan.milestones[1].title,
        Kind::Education,
        "cnl",
        Some(date(2026, 12, 18)),
        window(date(2026, 1, 5), date(2026, 12, 11)),
        window(date(2026, 1, 12), date(2027, 1, 22)),
        Status::Late,
    );
    msn.percent = 18.5;
    msn.expected_percent = 100.0 * 76.0 / 300.0;
    msn.critical = true;
    msn.effort_hours = 180.0;
    msn.remaining_hours = 146.7;
    msn.cost = Some(5400.5);
    msn.logged = 33.3;

    let mut exam = milestone(
        "cnl-exam",
        &plan.milestones[2].title,
        Kind::Exam,
        "cnl",
        Some(date(2027, 3, 31)),
        window(date(2026, 12, 14), date(2027, 3, 5)),
        window(date(2027, 1, 25), date(2027, 4, 16)),
        Status::Late,
    );
    exam.critical = true;
    exam.effort_hours = 60.0;
    exam.remaining_hours = 60.0;
    exam.cost = Some(435.0);

    let mut reflect = milestone(
        "reflect",
        &plan.milestones[3].title,
        Kind::Wellbeing,
        "grow",
        None,
        window(date(2026, 1, 5), date(2026, 1, 5)),
        window(date(2026, 4, 12), date(2026, 4, 15)),
        Status::OnTrack,
    );
    reflect.percent = 100.0 * 15.0 / 52.0;
    reflect.logged = 15.0;
    reflect.unit = "entries".into();

    let milestones = vec![precept, msn, exam, reflect];
    let goals = vec![
        GoalResult {
            id: "cnl".into(),
            title: plan.goals[0].title.clone(),
            due: Some(date(2027, 6, 30)),
            finish: Some(date(2027, 4, 16)),
            status: Status::Late,
            score: 5,
            smart: Smart {
                specific: pass("3 milestones, and the title names what to do"),
                measurable: pass("each milestone has a clear completion"),
                achievable: pass("the forecast finishes 2027-04-16, by the due date 2027-06-30"),
                relevant: pass("serves the value leadership"),
                time_bound: pass("due 2027-06-30, after the start and by the target date"),
            },
            percent: (100.0 + 18.5 + 0.0) / 3.0,
        },
        GoalResult {
            id: "grow".into(),
            title: plan.goals[1].title.clone(),
            due: None,
            finish: Some(date(2026, 4, 15)),
            status: Status::OnTrack,
            score: 2,
            smart: Smart {
                specific: fail("every word of the title is vague: improve, career"),
                measurable: pass("its milestone has a measure (52 entries)"),
                achievable: pass("no due date to miss"),
                relevant: fail("serves none of the person's values"),
                time_bound: fail("it has no due date; add `due = YYYY-MM-DD`"),
            },
            percent: 100.0 * 15.0 / 52.0,
        },
    ];
    let progress = vec![
        progress_row(&plan, 0, "hours", 12.0, 60.0),
        progress_row(&plan, 1, "hours", 33.3, 18.5),
        progress_row(&plan, 2, "hours", 20.0, 100.0),
        progress_row(&plan, 3, "entries", 15.0, 100.0 * 15.0 / 52.0),
    ];
    let weekly_load = vec![
        week(date(2026, 3, 30), 5.0, None),
        week(date(2026, 4, 6), 5.0, None),
        week(date(2026, 4, 13), 5.0, Some(5.0 * 5.0 / 7.0)),
        week(date(2026, 4, 20), 5.0, Some(5.0)),
        week(date(2026, 4, 27), 2.5, Some(5.0)),
    ];
    let renewals = vec![
        Renewal {
            credential: "rn-license".into(),
            name: "Registered nurse license".into(),
            due: date(2026, 10, 31),
            ce_hours: Some(30.0),
            every_months: 24,
            source: "State board of nursing, renewal rules (2025)".into(),
            verified: false,
        },
        Renewal {
            credential: "bls".into(),
            name: "Basic Life Support (BLS)".into(),
            due: date(2027, 2, 28),
            ce_hours: None,
            every_months: 24,
            source: "American Heart Association".into(),
            verified: true,
        },
    ];
    ResolvedPlan {
        carepath: carepath_model::DOCUMENT_VERSION,
        as_of: AS_OF,
        plan_id: plan.effective_id(),
        schedule: Schedule {
            milestones,
            goals,
            weekly_load,
            progress,
            renewals,
            credentials: Vec::new(),
            target: Some(TargetResult {
                role: "clinical-nurse-leader".into(),
                by: date(2027, 12, 31),
                finish: date(2027, 4, 16),
                met: true,
            }),
            finish: window(date(2027, 3, 5), date(2027, 4, 16)),
            totals: Totals {
                effort_hours: 260.0,
                remaining_hours: 206.7,
                cost: 5835.5,
                milestones: 4,
                done: 1,
            },
            explanations: vec![Explanation {
                milestone: "msn-core".into(),
                text: "finishes 35 days after its due date".into(),
            }],
        },
        plan,
        gap: None,
        names: Default::default(),
    }
}

fn progress_row(
    plan: &carepath_model::Plan,
    i: usize,
    unit: &str,
    total: f64,
    percent: f64,
) -> ProgressRow {
    let e = &plan.progress[i];
    ProgressRow {
        date: e.date,
        milestone: e.milestone.clone(),
        amount: e.amount,
        unit: unit.into(),
        total,
        percent,
        note: e.note.clone(),
    }
}

fn week(week: Date, baseline_hours: f64, forecast_hours: Option<f64>) -> WeekLoad {
    WeekLoad {
        week,
        baseline_hours,
        forecast_hours,
    }
}

/// Text that breaks naive exporters, and text a spreadsheet would run as a formula.
pub fn hostile_texts() -> Vec<String> {
    let long =
        "Accumulate 1,750 direct-care ICU hours; \"precept\" new grads — then sit the CCRN. "
            .repeat(4)
            .chars()
            .take(300)
            .collect::<String>();
    assert_eq!(long.chars().count(), 300);
    [
        "Commas, in, the, title",
        "Semicolons; in; the; title",
        "She said \"quotes\" and 'apostrophes'",
        "\"",
        "Line one\nline two",
        "Tab\tseparated\tvalues",
        "Emoji 🩺💉🏥 and a nurse 👩🏽‍⚕️",
        "CJK 看護師のキャリア 护士 간호사",
        "Zoë Nguyễn, Łukasz, Ψυχολόγος, Ирина, ممرضة",
        "=HYPERLINK(\"https://example.invalid\",\"click\")",
        "=1+2",
        "+1 555 0100",
        "-5 hours of overtime",
        "-3",
        "@SUM(A1:A9)",
        "\t=tab first",
        "'=already apostrophed",
        "'apostrophe first",
        "  spaces around  ",
        "a=b, not a formula",
    ]
    .into_iter()
    .map(String::from)
    .chain([long])
    .collect()
}

/// The sample with hostile text in every free-text column, one extra milestone per text.
pub fn hostile() -> ResolvedPlan {
    let mut plan = sample();
    let texts = hostile_texts();
    let template = plan.schedule.milestones[2].clone();
    for (i, t) in texts.iter().enumerate() {
        let mut m = template.clone();
        m.id = format!("hostile-{i}");
        m.title = t.clone();
        m.unit = t.clone();
        m.late_days = Some(-(i as i64));
        plan.schedule.milestones.push(m);
    }
    let mut g = plan.schedule.goals[1].clone();
    for (i, t) in texts.iter().enumerate() {
        g.id = format!("hostile-{i}");
        g.title = t.clone();
        g.smart.specific.reason = t.as_str().into();
        g.smart.time_bound.reason = t.as_str().into();
        plan.schedule.goals.push(g.clone());
    }
    let mut p = plan.schedule.progress[1].clone();
    for t in &texts {
        p.note = Some(t.clone());
        plan.schedule.progress.push(p.clone());
    }
    let mut r = plan.schedule.renewals[0].clone();
    for t in &texts {
        r.name = t.clone();
        r.source = t.clone();
        plan.schedule.renewals.push(r.clone());
    }
    plan
}

/// The options when none is given.
pub fn context() -> CsvOptions {
    CsvOptions::default()
}

/// One table through the exporter (`--table TABLE` with these options): the bytes of its one file.
pub fn try_export(
    plan: &ResolvedPlan,
    options: &CsvOptions,
    table: &str,
) -> Result<Vec<u8>, ExportError> {
    let options = CsvOptions {
        table: Some(table.to_string()),
        ..options.clone()
    };
    let mut exported = CsvExporter::new(options).export(plan)?;
    assert_eq!(exported.files.len(), 1, "--table {table} makes one file");
    let file = exported.files.remove(0);
    assert_eq!(file.part.as_deref(), Some(table));
    Ok(file.bytes)
}

pub fn export(plan: &ResolvedPlan, table: &str) -> Vec<u8> {
    try_export(plan, &context(), table).expect("export succeeds")
}

/// Reads CSV bytes back with a strict RFC 4180 reader: every record, header included.
pub fn read_back(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(bytes)
        .records()
        .map(|r| r.expect("valid CSV").iter().map(String::from).collect())
        .collect()
}

/// The as-of date for the example plans: after every progress entry of theirs, so each counts.
pub const FIXTURE_AS_OF: Date = date(2026, 12, 31);

/// The repository's example plans (not the bad ones), in name order.
pub fn fixtures() -> Vec<PathBuf> {
    carepath_test_support::fixture_paths()
}

/// Reads, checks and resolves plan bytes with the real engine.
pub fn resolve(bytes: &[u8], format: Format, name: &str) -> ResolvedPlan {
    carepath_test_support::resolved(bytes, format, name, FIXTURE_AS_OF)
}

/// An example plan's name and resolved plan.
pub fn resolve_fixture(path: &Path) -> (String, ResolvedPlan) {
    let (stem, format, bytes) = carepath_test_support::fixture(path);
    let plan = resolve(&bytes, format, &stem);
    (stem, plan)
}
