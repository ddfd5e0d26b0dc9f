//! A hand-built resolved plan, hostile text, and helpers to export it.
#![allow(dead_code)] // each test binary uses its own subset

use carepath_csv::{CsvExporter, CsvOptions};
use carepath_export::{ExportError, Exporter};
use carepath_model::{
    CredentialCycle, CredentialState, CredentialStatus, Criterion, Explanation, Format, GoalResult,
    Kind, ProgressRow, Renewal, Requirement, ResolvedPlan, RuleSource, Schedule,
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
credentials = [
  { id = "rn-license", earned = 2021-06-15, expires = 2027-06-30, jurisdiction = "US-CA", number = "RN 95123456" },
  { id = "bls", earned = 2025-03-14 },
  { id = "ccrn", earned = 2024-07-01, expires = 2027-06-30 },
]
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

# Before every cycle in the export: counted for nothing.
[[ce]]
date = 2024-05-20
title = "ACLS skills refresher"
hours = 4

[[ce]]
date = 2025-02-11
title = "NTI 2025: hemodynamics, from the monitor to the bedside"
hours = 30
category = "A"
counts_for = ["ccrn"]
provider = "AACN"

[[ce]]
date = 2025-09-16
title = "Sepsis bundle update"
hours = 2.0
category = "A"
topics = { pharmacology = 0.5 }
note = "Certificate in the CE folder"

[[ce]]
date = 2026-01-20
title = "Ethics in end-of-life care, part 1"
hours = 1.5
category = "B"
topics = { ethics = 1, "end-of-life" = 0.25 }
counts_for = ["rn-license"]
provider = "CA BRN provider CEP 12345"

[[ce]]
date = 2026-02-02
title = "BLS HeartCode, online part"
hours = 2
counts_for = ["bls"]
provider = "American Heart Association"

[[ce]]
date = 2026-03-03
title = "=Vasopressors: what changed"
hours = 3
category = "C"
topics = { pharmacology = 3 }
provider = "-unit educator"
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
        every: None,
        until: None,
        occurrences: Vec::new(),
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

    // The renewal milestone the engine appends for the CCRN cycle: what is still missing, placed
    // in the same weekly hours as the career goals, and forecast after its due date.
    let mut renew_ccrn = milestone(
        "renew-ccrn-2027-06-30",
        "Renewal of CCRN: 46 CERPs of CE (Category A: 22)",
        Kind::ContinuingEducation,
        "",
        Some(date(2027, 5, 31)),
        window(date(2026, 4, 20), date(2027, 5, 10)),
        window(date(2026, 4, 20), date(2027, 7, 19)),
        Status::Late,
    );
    renew_ccrn.goal = None;
    renew_ccrn.effort_hours = 46.0;
    renew_ccrn.remaining_hours = 46.0;
    renew_ccrn.unit = "CERPs".into();
    renew_ccrn.renewal = true;
    renew_ccrn.credential = Some("ccrn".into());

    let milestones = vec![precept, msn, exam, reflect, renew_ccrn];
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
            credentials: credentials(),
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
            shift_warnings: Vec::new(),
            people: Vec::new(),
        },
        plan,
        gap: None,
        names: Default::default(),
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

/// The credentials of the sample plan as the engine would resolve them on 2026-04-15: the RN
/// license of California (30 contact hours every 2 years), BLS (a 4-hour course, its card valid
/// to the end of the month 24 months after it was earned) and CCRN (100 CERPs in 3 years, with
/// category minimums and 432 practice hours), at risk because its renewal is forecast after the
/// submission date. The counted amounts include CE logged before the part of the log the plan
/// shows.
pub fn credentials() -> Vec<CredentialStatus> {
    vec![
        CredentialStatus {
            id: "rn-license".into(),
            name: "Registered nurse license (NCLEX-RN)".into(),
            jurisdiction: Some("US-CA".into()),
            earned: Some(date(2021, 6, 15)),
            expires: Some(date(2027, 6, 30)),
            status: CredentialState::Current,
            earned_by: None,
            attention: None,
            rule: Some(RuleSource {
                source: "California Board of Registered Nursing: continuing education (2025)"
                    .into(),
                verified: false,
                jurisdiction: Some("US-CA".into()),
                months: 24,
                unit: "contact hours".into(),
            }),
            cycles: vec![CredentialCycle {
                start: Some(date(2025, 7, 1)),
                expires: date(2027, 6, 30),
                submit_by: date(2027, 5, 31),
                requirements: vec![req("total", 30.0, 6.5, "contact hours")],
                renewal_milestone: Some("renew-rn-license-2027-06-30".into()),
                forecast_finish: Some(date(2027, 3, 12)),
            }],
        },
        CredentialStatus {
            id: "bls".into(),
            name: "Basic Life Support provider course".into(),
            jurisdiction: None,
            earned: Some(date(2025, 3, 14)),
            expires: Some(date(2027, 3, 31)),
            status: CredentialState::Current,
            earned_by: None,
            attention: None,
            rule: Some(RuleSource {
                source: "American Heart Association: BLS provider course (2025)".into(),
                verified: true,
                jurisdiction: None,
                months: 24,
                unit: "hours".into(),
            }),
            cycles: vec![CredentialCycle {
                start: Some(date(2025, 3, 14)),
                expires: date(2027, 3, 31),
                submit_by: date(2027, 3, 1),
                requirements: vec![req("course", 4.0, 0.0, "hours")],
                renewal_milestone: Some("renew-bls-2027-03-31".into()),
                forecast_finish: Some(date(2027, 2, 19)),
            }],
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
                verified: true,
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
        shift_hours: None,
        free_days: None,
        total_hours: None,
        free_mask: 0,
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
    let mut c = plan.schedule.credentials[2].clone();
    let mut ce = plan.plan.ce[2].clone();
    for (i, t) in texts.iter().enumerate() {
        c.id = format!("hostile-{i}");
        c.name = t.clone();
        c.jurisdiction = Some(t.clone());
        if let Some(rule) = c.rule.as_mut() {
            rule.source = t.clone();
            rule.unit = t.clone();
        }
        for r in &mut c.cycles[0].requirements {
            r.unit = t.clone();
        }
        c.cycles[0].requirements[1].requirement = format!("category:{t}");
        plan.schedule.credentials.push(c.clone());
        ce.title = t.clone();
        ce.category = Some(t.clone());
        ce.provider = Some(t.clone());
        ce.topics = vec![(t.clone(), 0.5)];
        plan.plan.ce.push(ce.clone());
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
    carepath_test_support::resolved_fixture(path, FIXTURE_AS_OF)
}
