//! Plans for the tests: the fixtures of the repository, nasty hand-made ones and generated big
//! ones, read with `carepath_model::check` and resolved with `carepath_model::resolve`. The gap
//! to the target role comes from the catalog in the CLI; here the realistic plan gets one written
//! by hand, so the gap and pay page is drawn and tested.
#![allow(dead_code)]

use carepath_model::{
    CheckedPlan, CredentialCycle, CredentialState, CredentialStatus, Format, Gap, GapItem, Kind,
    PathStep, Requirement, ResolvedPlan, RuleSource, ScheduledMilestone, Status, Window,
};
use jiff::civil::{Date, date};

pub const AS_OF: Date = date(2026, 12, 31);

pub fn fixture(name: &str) -> String {
    let path = format!("{}/../../fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn read(src: &str, format: Format) -> CheckedPlan {
    let checked = carepath_model::check(src.as_bytes(), format, None);
    assert!(
        !checked.has_errors(),
        "the test plan does not check: {:#?}",
        checked.diagnostics
    );
    checked.plan.expect("checked plan")
}

pub fn resolve_toml(src: &str, as_of: Date) -> ResolvedPlan {
    resolve(&read(src, Format::Toml), as_of)
}

/// The resolved plan, from the model's engine (no catalog: the gap is added by hand below).
pub fn resolve(cp: &CheckedPlan, as_of: Date) -> ResolvedPlan {
    carepath_model::resolve(cp, as_of, None)
}

/// A gap from RN to ACNP shaped like the catalog's. The figures are made up for the test and
/// say so in their sources, so no test PDF passes them off as facts.
pub fn acnp_gap() -> Gap {
    let item = |kind: &str, id: &str, name: &str, req: &str, held: bool, by: &[&str]| GapItem {
        kind: kind.into(),
        id: id.into(),
        name: name.into(),
        requirement: req.into(),
        held,
        covered_by: by.iter().map(|s| s.to_string()).collect(),
        source: "test data, not the catalog".into(),
        verified: held,
    };
    let step = |role: &str, name: &str, months, cost, pay| PathStep {
        role: role.into(),
        name: name.into(),
        months,
        cost,
        cost_currency: None,
        median_pay: pay,
        pay_currency: pay.map(|_| "USD".into()),
        pay_region: pay.map(|_| "US".into()),
        pay_source: pay.map(|_| "test data, not the catalog".into()),
        verified: true,
    };
    Gap {
        start: None,
        options: Vec::new(),
        target_role: "acute-care-np".into(),
        target_name: "Acute care nurse practitioner (AG-ACNP)".into(),
        items: vec![
            item(
                "credential",
                "rn-license",
                "RN license",
                "an active, unencumbered RN license",
                true,
                &[],
            ),
            item(
                "experience",
                "icu-experience",
                "Critical care experience",
                "1,750 direct-care hours within 24 months",
                false,
                &["icu-hours"],
            ),
            item(
                "education",
                "msn-acnp",
                "MSN, AG-ACNP track",
                "a graduate degree from a CCNE- or ACEN-accredited program, with at least 500 supervised clinical hours",
                false,
                &["acnp-coursework", "clinical-hours"],
            ),
            item(
                "credential",
                "agacnp-bc",
                "AGACNP-BC",
                "board certification by ANCC or AACN",
                false,
                &["agacnp-exam"],
            ),
            item(
                "credential",
                "dea",
                "DEA registration",
                "to prescribe controlled substances",
                false,
                &[],
            ),
        ],
        path: vec![
            step(
                "registered-nurse",
                "Registered nurse",
                None,
                None,
                Some(93600.0),
            ),
            step(
                "critical-care-nurse",
                "Critical care nurse (CCRN)",
                Some(22.0),
                Some(560.0),
                Some(98000.0),
            ),
            step(
                "acute-care-np",
                "Acute care nurse practitioner",
                Some(42.0),
                Some(41320.0),
                Some(129480.0),
            ),
        ],
    }
}

/// The realistic fixture, with the gap the catalog would give it.
pub fn realistic() -> ResolvedPlan {
    let mut p = resolve_toml(&fixture("rn-to-acnp.toml"), AS_OF);
    if p.gap.is_none() {
        p.gap = Some(acnp_gap());
    }
    p
}

/// Every fixture of the repository, by file name.
pub fn fixtures() -> Vec<(String, ResolvedPlan)> {
    let mut out = Vec::new();
    for name in [
        "minimal.toml",
        "cna-to-rn.toml",
        "rn-to-acnp.toml",
        "sonography-student-to-cardiac.toml",
        "lab-to-data-analytics.json",
        "icu-rotation.toml",
    ] {
        let format = Format::from_path(name).expect("known extension");
        out.push((
            name.to_string(),
            resolve(&read(&fixture(name), format), AS_OF),
        ));
    }
    out
}

/// Names from four scripts, long titles, characters the font lacks, control characters.
pub const NASTY: &str = r#"
format = 1
id = "nasty"
title = "Ψυχολόγος → Клинический психолог: a plan whose title is long enough to need at least two lines on the summary page, and then some more words to be sure"
start = 2026-01-05
currency = "EUR"

[person]
name = "Zoë Nguyễn-Żółć"
role = "psychologist in training (free text, not a catalog id)"
region = "PL"
credentials = ["mgr psychologii", "certyfikat ✓"]
values = ["patients first", "a value with a very long name that must wrap inside its own chip because it is far too long for one line of the page, really, far too long"]
interests = ["CBT", "ДБТ", "ψυχοθεραπεία", "🧠 neuroscience"]

[[person.skills]]
name = "Motivational interviewing"
level = 5

[[person.skills]]
name = "A skill with a name so long that it wraps in the skills table: cognitive behavioural therapy for insomnia (CBT-I) in shift workers"
level = 1
target = 5

[capacity]
hours_per_week = 5
max_parallel = 2

[[capacity.breaks]]
from = 2026-07-01
to = 2026-07-31
reason = "Urlop — wakacje nad morzem"

[target]
role = "clinical-psychologist"
by = 2027-06-30

[[goals]]
id = "license"
title = "Zoë Nguyễn earns the license"
due = 2027-03-31
values = ["patients first"]
measure = { metric = "license", target = 1, unit = "license" }

[[goals]]
id = "vague"
title = "Improve my skills"

[[milestones]]
id = "zoe"
title = "Zoë Nguyễn: supervision hours"
kind = "experience"
goal = "license"
effort_hours = 40
due = 2026-03-01
notes = "Line one\nline two\twith a tab"

[[milestones]]
id = "lukasz"
title = "Łukasz Żółć mentors me"
kind = "mentorship"
goal = "license"
after = ["zoe"]
effort_hours = 12
cost = 1234.5

[[milestones]]
id = "psy"
title = "Ψυχολόγος exam"
kind = "exam"
goal = "license"
after = ["lukasz"]
effort_hours = 60
due = 2027-02-28
cost = 300

[[milestones]]
id = "irina"
title = "Ирина: clinical rotation in the day hospital"
kind = "training"
goal = "vague"
duration = "6 months"
not_before = 2026-09-01

[[milestones]]
id = "long"
title = "A milestone with a three-hundred-character title, because people paste whole course descriptions into the title field: Advanced Pharmacology for Advanced Practice, covering pharmacokinetics, pharmacodynamics, prescribing for special populations, polypharmacy in older adults, antimicrobial stewardship and controlled substances"
kind = "education"
effort_hours = 30
done = 2026-03-20

[[milestones]]
id = "word"
title = "Register at https://example.org/an-address-with-no-spaces-at-all-that-is-wider-than-any-column-of-the-table-or-the-chart"
kind = "application"
effort_hours = 1

[[milestones]]
id = "emoji"
title = "Celebrate 🎉 with the team"
kind = "wellbeing"
after = ["psy"]
duration = "1 day"

[[progress]]
date = 2026-02-01
milestone = "zoe"
amount = 10
"#;

/// A plan of `n` milestones in a random DAG (fixed seed), like tools/gen-big-plan.py.
pub fn big(n: usize) -> String {
    carepath_model::generate::big_plan(n)
}

/// A plan whose texts are thousands of characters long: nothing may run off a page.
pub fn huge() -> String {
    let words = |n: usize| {
        (0..n)
            .map(|i| {
                [
                    "clinical",
                    "supervised",
                    "Ψυχολόγος",
                    "Ирина",
                    "Żółć",
                    "hours",
                ][i % 6]
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let long = words(600);
    format!(
        r#"
format = 1
title = "{long}"
start = 2026-01-05

[person]
name = "Zoë {short}"
values = ["{long}"]
interests = ["{long}"]

[[person.skills]]
name = "{long}"
level = 2
target = 4

[capacity]
hours_per_week = 4

[[goals]]
id = "g"
title = "{long}"
due = 2027-12-31
values = ["{long}"]

[[milestones]]
id = "m"
title = "{long}"
kind = "education"
goal = "g"
effort_hours = 10
due = 2026-02-01
notes = "{long}"

[[milestones]]
id = "n"
title = "{long}"
kind = "exam"
goal = "g"
after = ["m"]
effort_hours = 10
"#,
        short = words(40)
    )
}

/// The as-of date of [`credentials_plan`].
pub const CRED_AS_OF: Date = date(2026, 9, 15);

/// An ICU nurse's plan with four credentials. The engine that counts CE and plans renewals is
/// not what these tests are about, so the credentials' cycles, requirements and renewal
/// milestones are written here by hand, with the figures a real ICU nurse would see: CCRN at
/// risk (54 of 100 CERPs, its renewal forecast after the submission date), BLS current (a
/// four-hour course), the California RN license (12 of 30 contact hours, an unverified rule) and
/// a TNCC card with no known expiry. The rules' sources say they are test data.
pub fn credentials_plan() -> ResolvedPlan {
    let src = r#"
format = 1
title = "ICU to CCRN and beyond"
start = 2026-01-05

[person]
name = "Maya Okafor"
role = "registered-nurse"
region = "US"
credentials = [
  "bsn",
  { id = "ccrn", earned = 2024-07-01, expires = 2027-06-30 },
  { id = "bls", earned = 2025-03-14, expires = 2027-03-31 },
  { id = "rn-license", earned = 2021-06-15, expires = 2027-06-30, jurisdiction = "US-CA", number = "RN 95123456" },
  { id = "tncc", earned = 2022-05-01 },
]

[capacity]
hours_per_week = 3

[target]
role = "clinical-nurse-specialist"
by = 2029-12-31

[[milestones]]
id = "precepting"
title = "Precept two new graduates on the unit"
kind = "leadership"
effort_hours = 40
due = 2027-03-31

[[milestones]]
id = "cns-application"
title = "Apply to the CNS graduate program"
kind = "application"
effort_hours = 20
after = ["precepting"]
"#;
    let mut p = resolve_toml(src, CRED_AS_OF);
    let rule = |source: &str, verified: bool, jurisdiction: Option<&str>, months, unit: &str| {
        Some(RuleSource {
            source: source.into(),
            verified,
            jurisdiction: jurisdiction.map(Into::into),
            months,
            unit: unit.into(),
        })
    };
    let req = |requirement: &str, required: f64, counted: f64, unit: &str| Requirement {
        requirement: requirement.into(),
        required,
        counted,
        remaining: (required - counted).max(0.0),
        met: counted >= required,
        unit: unit.into(),
        forecast: None,
    };
    let cycle =
        |start, expires, submit_by, requirements, renewal: Option<&str>, finish| CredentialCycle {
            start: Some(start),
            expires,
            submit_by,
            requirements,
            renewal_milestone: renewal.map(Into::into),
            forecast_finish: finish,
        };
    let mut practice = req("practice", 432.0, 380.0, "hours");
    practice.forecast = Some(470.0);
    p.schedule.credentials = vec![
        CredentialStatus {
            id: "ccrn".into(),
            name: "CCRN (Adult): acute/critical care nursing certification".into(),
            jurisdiction: None,
            earned: Some(date(2024, 7, 1)),
            expires: Some(date(2027, 6, 30)),
            status: CredentialState::AtRisk,
            earned_by: None,
            attention: None,
            rule: rule(
                "AACN: CCRN renewal by CERPs (test data)",
                true,
                None,
                36,
                "CERPs",
            ),
            cycles: vec![cycle(
                date(2024, 7, 1),
                date(2027, 6, 30),
                date(2027, 5, 31),
                vec![
                    req("total", 100.0, 54.0, "CERPs"),
                    req("category:A", 60.0, 38.0, "CERPs"),
                    req("category:B", 10.0, 10.0, "CERPs"),
                    req("category:C", 10.0, 6.0, "CERPs"),
                    practice,
                ],
                Some("renew-ccrn-2027-06-30"),
                Some(date(2027, 7, 19)),
            )],
        },
        CredentialStatus {
            id: "bls".into(),
            name: "BLS Provider".into(),
            jurisdiction: None,
            earned: Some(date(2025, 3, 14)),
            expires: Some(date(2027, 3, 31)),
            status: CredentialState::Current,
            earned_by: None,
            attention: None,
            rule: rule(
                "AHA: BLS Provider card (test data)",
                true,
                None,
                24,
                "hours",
            ),
            cycles: vec![
                cycle(
                    date(2025, 3, 14),
                    date(2027, 3, 31),
                    date(2027, 3, 1),
                    vec![req("course", 4.0, 0.0, "hours")],
                    Some("renew-bls-2027-03-31"),
                    Some(date(2027, 2, 19)),
                ),
                cycle(
                    date(2027, 4, 1),
                    date(2029, 3, 31),
                    date(2029, 3, 1),
                    vec![req("course", 4.0, 0.0, "hours")],
                    Some("renew-bls-2029-03-31"),
                    Some(date(2029, 2, 9)),
                ),
            ],
        },
        CredentialStatus {
            id: "rn-license".into(),
            name: "Registered nurse license".into(),
            jurisdiction: Some("US-CA".into()),
            earned: Some(date(2021, 6, 15)),
            expires: Some(date(2027, 6, 30)),
            status: CredentialState::Current,
            earned_by: None,
            attention: None,
            rule: rule(
                "California BRN: RN license renewal (test data)",
                false,
                Some("US-CA"),
                24,
                "contact hours",
            ),
            cycles: vec![
                cycle(
                    date(2025, 7, 1),
                    date(2027, 6, 30),
                    date(2027, 5, 31),
                    vec![req("total", 30.0, 12.0, "contact hours")],
                    Some("renew-rn-license-2027-06-30"),
                    Some(date(2027, 4, 20)),
                ),
                cycle(
                    date(2027, 7, 1),
                    date(2029, 6, 30),
                    date(2029, 5, 31),
                    vec![req("total", 30.0, 0.0, "contact hours")],
                    Some("renew-rn-license-2029-06-30"),
                    Some(date(2029, 5, 2)),
                ),
            ],
        },
        CredentialStatus {
            id: "tncc".into(),
            name: "TNCC (Trauma Nursing Core Course)".into(),
            jurisdiction: None,
            earned: Some(date(2022, 5, 1)),
            expires: None,
            status: CredentialState::Unknown,
            earned_by: None,
            attention: None,
            rule: None,
            cycles: vec![],
        },
    ];
    // Whatever the engine planned itself gives way to the renewals written here.
    p.schedule.milestones.retain(|m| !m.renewal);
    let renewal =
        |id: &str, title: &str, credential: &str, kind: Kind, start, finish, due, hours: f64| {
            let late = carepath_model::calendar::days_between(due, finish);
            ScheduledMilestone {
                id: id.into(),
                title: title.into(),
                kind,
                goal: None,
                due: Some(due),
                baseline: Window { start, finish },
                forecast: Window { start, finish },
                late_days: Some(late),
                status: if late > 0 {
                    Status::Late
                } else {
                    Status::NotStarted
                },
                percent: 0.0,
                expected_percent: 0.0,
                critical: false,
                effort_hours: hours,
                remaining_hours: hours,
                cost: None,
                logged: 0.0,
                unit: "hours".into(),
                renewal: true,
                credential: Some(credential.into()),
                every: None,
                until: None,
                occurrences: Vec::new(),
            }
        };
    let ce = Kind::ContinuingEducation;
    p.schedule.milestones.extend([
        renewal(
            "renew-ccrn-2027-06-30",
            "Renew CCRN: 46 CERPs of CE",
            "ccrn",
            ce,
            date(2026, 9, 15),
            date(2027, 7, 19),
            date(2027, 5, 31),
            46.0,
        ),
        renewal(
            "renew-bls-2027-03-31",
            "Renew BLS Provider: the renewal course",
            "bls",
            Kind::Training,
            date(2027, 2, 16),
            date(2027, 2, 19),
            date(2027, 3, 1),
            4.0,
        ),
        renewal(
            "renew-rn-license-2027-06-30",
            "Renew the RN license: 18 contact hours of CE",
            "rn-license",
            ce,
            date(2026, 10, 1),
            date(2027, 4, 20),
            date(2027, 5, 31),
            18.0,
        ),
        renewal(
            "renew-bls-2029-03-31",
            "Renew BLS Provider: the renewal course",
            "bls",
            Kind::Training,
            date(2029, 2, 6),
            date(2029, 2, 9),
            date(2029, 3, 1),
            4.0,
        ),
        renewal(
            "renew-rn-license-2029-06-30",
            "Renew the RN license: 30 contact hours of CE",
            "rn-license",
            ce,
            date(2027, 7, 1),
            date(2029, 5, 2),
            date(2029, 5, 31),
            30.0,
        ),
    ]);
    p
}

/// [`credentials_plan`] with `n` credentials, names long and short, each with a current cycle
/// of three requirements: enough to need more than one page.
pub fn many_credentials(n: usize) -> ResolvedPlan {
    let mut p = credentials_plan();
    let template = p.schedule.credentials[0].clone();
    p.schedule.credentials = (0..n)
        .map(|i| {
            let mut c = template.clone();
            c.id = format!("cert-{i}");
            c.name = match i % 3 {
                0 => format!("Certification {i}"),
                1 => format!("Specialty certification number {i} in progressive care nursing"),
                _ => format!(
                    "Certification {i} with a name so long that it cannot fit on one line of \
                     the page: advanced cardiovascular life support for the progressive and \
                     intensive care units of a teaching hospital"
                ),
            };
            c.cycles[0].requirements.truncate(3);
            c.cycles[0].renewal_milestone = None;
            c
        })
        .collect();
    p
}
