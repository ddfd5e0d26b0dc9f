//! The credentials engine (docs/plan-format.md, "Credentials and renewals"): cycles, what the CE
//! log and the experience count toward each requirement, the renewal milestones planned
//! backwards from each expiry, statuses and the warnings that say what would fix them.

use carepath_model::*;
use jiff::civil::{Date, date};
use proptest::prelude::*;

/// A catalog with the renewal rules of the spec's examples.
struct Rules;

impl Knowledge for Rules {
    fn has_role(&self, _id: &str) -> bool {
        true
    }
    fn has_credential(&self, _id: &str) -> bool {
        true
    }
    fn name_of(&self, id: &str) -> Option<String> {
        Some(
            match id {
                "ccrn" => "CCRN",
                "bls" => "Basic Life Support",
                "rn-license" => "Registered nurse license",
                "cert-x" => "Certificate X",
                "fnp" => "Family nurse practitioner (AANPCB)",
                _ => return None,
            }
            .into(),
        )
    }
    fn renewal(&self, id: &str, jurisdiction: Option<&str>) -> Option<RenewalRule> {
        match id {
            "ccrn" => {
                let mut r = RenewalRule::every(36, "AACN (2025)", true);
                r.ce_hours = Some(100.0);
                r.ce_unit = "CERPs".into();
                r.categories = vec!["A".into(), "B".into(), "C".into()];
                r.category_minimums =
                    vec![("A".into(), 60.0), ("B".into(), 10.0), ("C".into(), 10.0)];
                r.practice_hours = Some(432.0);
                r.practice_recent = Some(PracticeRecent {
                    hours: 144.0,
                    months: 12,
                });
                Some(r)
            }
            "bls" => {
                let mut r = RenewalRule::every(24, "AHA (2025)", true);
                r.expires = ExpiryRule::EndOfMonth;
                r.course_hours = Some(4.0);
                Some(r)
            }
            "rn-license" => {
                let mut r = RenewalRule::every(24, "State boards (2025)", false);
                match jurisdiction {
                    Some("US-CA") => {
                        r.ce_hours = Some(30.0);
                        r.jurisdiction = Some("US-CA".into());
                    }
                    Some("US-TX") => {
                        r.ce_hours = Some(20.0);
                        r.topic_minimums = vec![("jurisprudence".into(), 2.0)];
                        r.jurisdiction = Some("US-TX".into());
                    }
                    _ => {}
                }
                Some(r)
            }
            "cert-x" => {
                let mut r = RenewalRule::every(12, "X board (2025)", true);
                r.ce_hours = Some(10.0);
                Some(r)
            }
            "fnp" => {
                let mut r = RenewalRule::every(60, "AANPCB (2025)", true);
                r.ce_hours = Some(100.0);
                r.topic_minimums = vec![("pharmacology".into(), 25.0)];
                r.practice_hours = Some(1000.0);
                r.practice_roles = vec!["family-np".into()];
                Some(r)
            }
            _ => None,
        }
    }
}

const AS_OF: Date = date(2026, 11, 22);

fn plan(toml: &str) -> CheckedPlan {
    let c = check(toml.as_bytes(), Format::Toml, Some(&Rules));
    match c.plan {
        Some(p) => p,
        None => panic!("plan did not check: {:#?}\n{toml}", c.diagnostics),
    }
}

fn head(hours: f64, credentials: &str) -> String {
    format!(
        "format = 1\ntitle = \"T\"\nstart = 2026-01-05\n\n[person]\nname = \"Sam\"\n\
         credentials = [{credentials}]\n\
         experience = [{{ role = \"staff-nurse\", from = 2020-01-01, hours_per_week = 36 }}]\n\n\
         [capacity]\nhours_per_week = {hours}\n\n"
    )
}

const CCRN_LOG: &str = "\
[[ce]]\ndate = 2024-06-15\ntitle = \"Before the cycle\"\nhours = 10\ncategory = \"A\"\n\n\
[[ce]]\ndate = 2024-09-10\ntitle = \"Sepsis\"\nhours = 20\ncategory = \"A\"\ncounts_for = [\"ccrn\"]\n\n\
[[ce]]\ndate = 2025-05-01\ntitle = \"Ethics\"\nhours = 8\ncategory = \"b\"\n\n\
[[ce]]\ndate = 2026-02-10\ntitle = \"Sepsis bundle update\"\nhours = 2\ncategory = \"A\"\ntopics = { pharmacology = 0.5 }\n\n\
[[ce]]\ndate = 2026-03-01\ntitle = \"BLS course\"\nhours = 6\ncategory = \"C\"\ncounts_for = [\"bls\"]\n";

fn ccrn_plan(hours: f64) -> CheckedPlan {
    plan(&format!(
        "{}{CCRN_LOG}",
        head(
            hours,
            "{ id = \"ccrn\", earned = 2024-07-01, expires = 2027-06-30 }, { id = \"bls\", earned = 2025-03-14 }"
        )
    ))
}

fn req(c: &CredentialCycle) -> Vec<(&str, f64, f64, f64, bool)> {
    c.requirements
        .iter()
        .map(|r| {
            (
                r.requirement.as_str(),
                r.required,
                r.counted,
                r.remaining,
                r.met,
            )
        })
        .collect()
}

/// CCRN: what counts is inside the cycle and for CCRN (by `counts_for`, or by default); the
/// categories match whatever their case; the topic's half hour is inside the total, not extra;
/// practice comes from the experience.
#[test]
fn ccrn_cycle_counts_what_the_log_gives_it() {
    let r = resolve(&ccrn_plan(5.0), AS_OF, Some(&Rules));
    let ccrn = &r.schedule.credentials[0];
    assert_eq!(ccrn.id, "ccrn");
    assert_eq!(ccrn.status, CredentialState::Current);
    assert_eq!(
        ccrn.cycles.len(),
        1,
        "the next cycle ends after the horizon"
    );
    let c = &ccrn.cycles[0];
    assert_eq!(
        (c.start, c.expires, c.submit_by),
        (Some(date(2024, 7, 1)), date(2027, 6, 30), date(2027, 5, 31))
    );
    assert_eq!(
        req(c),
        [
            ("total", 100.0, 30.0, 70.0, false),
            ("category:A", 60.0, 22.0, 38.0, false),
            ("category:B", 10.0, 8.0, 2.0, false),
            ("category:C", 10.0, 0.0, 10.0, false),
            ("practice", 432.0, 4500.0, 0.0, true),
            ("practice-recent", 144.0, 745.71, 0.0, true),
        ]
    );
    assert_eq!(c.requirements[4].forecast, Some(5631.43));
    assert_eq!(c.requirements[5].forecast, Some(1877.14));
    assert_eq!(c.requirements[0].unit, "CERPs");
    assert_eq!(c.requirements[4].unit, "hours");
    let rule = ccrn.rule.as_ref().unwrap();
    assert_eq!(
        (rule.source.as_str(), rule.verified, rule.months),
        ("AACN (2025)", true, 36)
    );
}

/// The renewal milestone holds what is missing (the larger of the 70 CERPs left and the 50 of
/// the minimums), from the cycle's start to 30 days before the expiry, in the plan's own hours:
/// 70 hours at 5 hours a week from the as-of date take 98 days.
#[test]
fn the_renewal_milestone_is_planned_backwards_from_the_expiry() {
    let r = resolve(&ccrn_plan(5.0), AS_OF, Some(&Rules));
    let m = r
        .schedule
        .milestones
        .iter()
        .find(|m| m.id == "renew-ccrn-2027-06-30")
        .expect("a renewal milestone");
    assert!(m.renewal);
    assert_eq!(m.credential.as_deref(), Some("ccrn"));
    assert_eq!(m.kind, Kind::ContinuingEducation);
    assert_eq!(m.title, "Renew CCRN");
    assert_eq!(m.due, Some(date(2027, 5, 31)));
    assert_eq!(m.effort_hours, 70.0);
    // The cycle began long ago, but renewal work is still to do: it starts on the as-of date.
    // Renewals are not in the baseline (the plan as written): their forecast stands in for it.
    assert_eq!(m.forecast.start, AS_OF);
    assert_eq!(m.forecast.finish, date(2027, 2, 27));
    assert_eq!(m.baseline, m.forecast);
    assert_eq!(m.status, Status::OnTrack);
    let c = &r.schedule.credentials[0].cycles[0];
    assert_eq!(
        c.renewal_milestone.as_deref(),
        Some("renew-ccrn-2027-06-30")
    );
    assert_eq!(c.forecast_finish, Some(date(2027, 2, 27)));
    // It is in the JSON document like any milestone, marked as a renewal.
    let v = serde_json::to_value(&r).unwrap();
    let doc = v["schedule"]["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "renew-ccrn-2027-06-30")
        .unwrap()
        .clone();
    assert_eq!(doc["renewal"], true);
    assert_eq!(doc["credential"], "ccrn");
    // ... but not in the plan as read.
    assert!(v["plan"]["milestones"].as_array().unwrap().is_empty());
}

/// BLS: the card expires at the end of the month, two years after it was earned; the renewal
/// is a 4-hour course (kind training), and the BLS course logged for it counts toward it.
#[test]
fn an_aha_card_expires_at_the_end_of_the_month_and_renews_by_course() {
    let r = resolve(&ccrn_plan(5.0), AS_OF, Some(&Rules));
    let bls = &r.schedule.credentials[1];
    assert_eq!(bls.expires, Some(date(2027, 3, 31)));
    let c = &bls.cycles[0];
    assert_eq!(c.start, Some(date(2025, 3, 14)));
    assert_eq!(c.submit_by, date(2027, 3, 1));
    assert_eq!(req(c), [("course", 4.0, 6.0, 0.0, true)]);
    let m = r
        .schedule
        .milestones
        .iter()
        .find(|m| m.id == "renew-bls-2027-03-31")
        .unwrap();
    assert_eq!((m.kind, m.effort_hours), (Kind::Training, 0.0));
}

/// With one hour a week the 70 hours land after the submission date: `at-risk`, and the warning
/// says what is missing, when the plan places it, and that 2 more hours a week would do.
#[test]
fn ce_that_does_not_fit_puts_the_credential_at_risk() {
    let cp = ccrn_plan(1.0);
    let r = resolve(&cp, AS_OF, Some(&Rules));
    let ccrn = &r.schedule.credentials[0];
    assert_eq!(ccrn.status, CredentialState::AtRisk);
    assert_eq!(ccrn.cycles[0].forecast_finish, Some(date(2028, 3, 25)));
    let w: Vec<(String, String, String)> = findings(&cp, &r)
        .into_iter()
        .filter(|d| d.code == codes::RENEWAL_AT_RISK)
        .map(|d| (d.path, d.message, d.hint.unwrap_or_default()))
        .collect();
    assert_eq!(
        w,
        [(
            "person.credentials[0]".to_string(),
            "`ccrn` expires 2027-06-30; 70 CERPs of CE (Category A: 38, Category B: 2, Category C: 10) are missing and the plan places them by 2028-03-25, after the 2027-05-31 submission date: give the plan 2 more hours a week or start the CE earlier".to_string(),
            "log CE as you do it (`carepath ce PLAN HOURS --title …`); the renewal milestone `renew-ccrn-2027-06-30` holds what is missing".to_string()
        )]
    );
}

/// A credential earned by a milestone is held from that milestone's forecast finish; its first
/// renewal comes after it. The second cycle ends 2028-12-05, after the horizon (two years after
/// the as-of date, 2028-11-22): it is not listed.
#[test]
fn a_credential_earned_by_a_milestone_renews_after_it() {
    let cp = plan(&format!(
        "{}[[milestones]]\nid = \"exam\"\ntitle = \"Sit the exam\"\nkind = \"exam\"\neffort_hours = 10\nearns = \"cert-x\"\n",
        head(5.0, "")
    ));
    let r = resolve(&cp, AS_OF, Some(&Rules));
    let exam = &r.schedule.milestones[0];
    let finish = exam.forecast.finish;
    assert_eq!(finish, date(2026, 12, 5));
    let x = &r.schedule.credentials[0];
    assert_eq!(x.earned_by.as_deref(), Some("exam"));
    assert_eq!(x.earned, Some(finish));
    assert_eq!(x.expires, Some(date(2027, 12, 5)));
    let ids: Vec<&str> = x
        .cycles
        .iter()
        .map(|c| c.renewal_milestone.as_deref().unwrap())
        .collect();
    assert_eq!(ids, ["renew-cert-x-2027-12-05"]);
    let first = r
        .schedule
        .milestones
        .iter()
        .find(|m| m.id == "renew-cert-x-2027-12-05")
        .unwrap();
    assert!(first.forecast.start > finish, "{:?}", first.forecast);
    assert_eq!(first.effort_hours, 10.0);
}

/// The license's CE depends on where it is held: the credential's own jurisdiction, else the
/// person's region; with neither, the rule counts no CE.
#[test]
fn the_jurisdiction_picks_the_rule() {
    let for_region = |region: &str, cred: &str| {
        let text = head(5.0, cred).replace(
            "name = \"Sam\"\n",
            &format!("name = \"Sam\"\nregion = \"{region}\"\n"),
        );
        let r = resolve(&plan(&text), AS_OF, Some(&Rules));
        let c = r.schedule.credentials[0].clone();
        (
            c.jurisdiction,
            c.cycles[0]
                .requirements
                .iter()
                .map(|r| (r.requirement.clone(), r.required))
                .collect::<Vec<_>>(),
        )
    };
    let own = "{ id = \"rn-license\", expires = 2027-06-30, jurisdiction = \"US-CA\" }";
    let none = "{ id = \"rn-license\", expires = 2027-06-30 }";
    assert_eq!(
        for_region("US-TX", own),
        (Some("US-CA".into()), vec![("total".into(), 30.0)])
    );
    assert_eq!(
        for_region("US-TX", none),
        (
            Some("US-TX".into()),
            vec![("total".into(), 20.0), ("topic:jurisprudence".into(), 2.0)]
        )
    );
    assert_eq!(for_region("US", none), (None, vec![]));
}

/// An expired license is `lapsed`, with a warning that says since when and what to do; no
/// renewal is planned for a cycle that is over.
#[test]
fn an_expired_credential_is_lapsed() {
    let cp = plan(&head(
        5.0,
        "{ id = \"rn-license\", expires = 2026-06-30, jurisdiction = \"US-CA\" }",
    ));
    let r = resolve(&cp, AS_OF, Some(&Rules));
    let c = &r.schedule.credentials[0];
    assert_eq!(c.status, CredentialState::Lapsed);
    assert!(r.schedule.milestones.iter().all(|m| !m.renewal));
    let w: Vec<(String, String)> = findings(&cp, &r)
        .into_iter()
        .filter(|d| d.code == codes::CREDENTIAL_LAPSED)
        .map(|d| (d.path, d.message))
        .collect();
    assert_eq!(
        w,
        [(
            "person.credentials[0]".to_string(),
            "`rn-license` expired on 2026-06-30, 145 days before the as-of date 2026-11-22"
                .to_string()
        )]
    );
}

/// Expiring within 90 days is `due-soon`, and the warning names the renewal and its forecast.
#[test]
fn expiring_within_90_days_is_due_soon() {
    let cp = plan(&head(5.0, "{ id = \"cert-x\", expires = 2027-01-31 }"));
    let r = resolve(&cp, AS_OF, Some(&Rules));
    assert_eq!(r.schedule.credentials[0].status, CredentialState::DueSoon);
    let w: Vec<String> = findings(&cp, &r)
        .into_iter()
        .filter(|d| d.code == codes::CREDENTIAL_DUE_SOON)
        .map(|d| d.message)
        .collect();
    assert_eq!(
        w,
        [
            "`cert-x` expires on 2027-01-31, in 70 days; the plan renews it with `renew-cert-x-2027-01-31`, forecast to finish 2026-12-05"
        ]
    );
}

/// Practice hours counted only in the rule's roles: a nurse practitioner who has worked 16 hours
/// a week as an FNP since 2025 will not reach 1,000 hours by the expiry.
#[test]
fn practice_hours_short_put_the_credential_at_risk() {
    let text = head(
        5.0,
        "{ id = \"fnp\", earned = 2023-07-01, expires = 2028-06-30 }",
    )
    .replace(
        "experience = [",
        "experience = [{ role = \"family-np\", from = 2025-07-01, hours_per_week = 5 }, ",
    );
    let cp = plan(
        &(text
            + "[[ce]]\ndate = 2025-01-10\ntitle = \"Pharm\"\nhours = 30\ntopics = { pharmacology = 30 }\n"),
    );
    let r = resolve(&cp, AS_OF, Some(&Rules));
    let c = &r.schedule.credentials[0];
    assert_eq!(c.status, CredentialState::AtRisk);
    let cyc = &c.cycles[0];
    assert_eq!(
        req(cyc),
        [
            ("total", 100.0, 30.0, 70.0, false),
            ("topic:pharmacology", 25.0, 30.0, 0.0, true),
            ("practice", 1000.0, 364.29, 635.71, false),
        ]
    );
    assert_eq!(cyc.requirements[2].forecast, Some(782.86));
    let w: Vec<String> = findings(&cp, &r)
        .into_iter()
        .filter(|d| d.code == codes::PRACTICE_SHORT)
        .map(|d| d.message)
        .collect();
    assert_eq!(
        w,
        [
            "`fnp` needs 1,000 practice hours in the cycle ending 2028-06-30; the experience gives 782.86 by then"
        ]
    );
}

/// A category the rule does not list is an error at the category, with a suggestion.
#[test]
fn an_unknown_category_is_located() {
    let text = head(
        5.0,
        "{ id = \"ccrn\", expires = 2027-06-30 }, \"rn-license\"",
    ) + "[[ce]]\ndate = 2025-01-10\ntitle = \"Pharm\"\nhours = 3\ncategory = \"AB\"\ncounts_for = [\"ccrn\"]\n\n\
           [[ce]]\ndate = 2025-01-11\ntitle = \"Any\"\nhours = 1\ncategory = \"a\"\n\n\
           [[ce]]\ndate = 2025-01-12\ntitle = \"Topic\"\nhours = 1\ncategory = \"pharmacology\"\n";
    let c = check(text.as_bytes(), Format::Toml, Some(&Rules));
    let e: Vec<(&str, &str, &str, Option<&str>)> = c
        .diagnostics
        .iter()
        .filter(|d| d.code == codes::UNKNOWN_CE_CATEGORY)
        .map(|d| {
            (
                d.path.as_str(),
                d.message.as_str(),
                d.label.as_deref().unwrap_or(""),
                d.hint.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        e,
        [
            (
                "ce[0].category",
                "this CE activity is in category `AB`, which the renewal rule of `ccrn` does not list",
                "unknown category",
                // Two letters are as near to B as to A: no guess.
                Some("CCRN counts categories A, B, C; a topic goes in `topics = { NAME = HOURS }`")
            ),
            (
                "ce[2].category",
                "this CE activity is in category `pharmacology`, which the renewal rule of `ccrn` does not list",
                "unknown category",
                Some("CCRN counts categories A, B, C; a topic goes in `topics = { NAME = HOURS }`")
            ),
        ]
    );
}

/// The horizon is the later of `target.by`, the plan's own finish and two years after the as-of
/// date: a yearly credential gets a renewal each year up to it, and none after.
#[test]
fn cycles_run_to_the_horizon() {
    let text = head(5.0, "{ id = \"cert-x\", expires = 2027-01-31 }")
        + "[target]\nrole = \"nurse-practitioner\"\nby = 2030-03-01\n";
    let r = resolve(&plan(&text), AS_OF, Some(&Rules));
    let ends: Vec<Date> = r.schedule.credentials[0]
        .cycles
        .iter()
        .map(|c| c.expires)
        .collect();
    assert_eq!(
        ends,
        [
            date(2027, 1, 31),
            date(2028, 1, 31),
            date(2029, 1, 31),
            date(2030, 1, 31)
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Properties over generated plans.

/// A plan with generated credentials (random dates, some without), a random CE log, and a few
/// milestones, as TOML.
fn generated(seed: u64, dated: bool) -> String {
    let mut rnd = carepath_model::generate::Rng(seed);
    let mut creds = Vec::new();
    for id in ["ccrn", "bls", "rn-license", "cert-x", "fnp"] {
        if rnd.chance(0.3) {
            continue;
        }
        let earned = date(
            2019 + rnd.range(0, 7) as i16,
            1 + rnd.range(0, 12) as i8,
            1 + rnd.range(0, 28) as i8,
        );
        creds.push(if !dated {
            format!("\"{id}\"")
        } else if rnd.chance(0.5) {
            format!("{{ id = \"{id}\", earned = {earned} }}")
        } else {
            let exp = date(
                2026 + rnd.range(0, 4) as i16,
                1 + rnd.range(0, 12) as i8,
                1 + rnd.range(0, 28) as i8,
            );
            format!(
                "{{ id = \"{id}\", earned = {earned}, expires = {} }}",
                exp.max(earned)
            )
        });
    }
    let ids: Vec<String> = creds
        .iter()
        .map(|c| c.split('"').nth(1).unwrap().to_string())
        .collect();
    let mut s = head(1.0 + rnd.range(0, 20) as f64, &creds.join(", "));
    for i in 0..rnd.range(0, 6) {
        s.push_str(&format!(
            "[[milestones]]\nid = \"m{i}\"\ntitle = \"M{i}\"\nkind = \"education\"\neffort_hours = {}\n{}\n",
            rnd.range(1, 200),
            if i > 0 && rnd.chance(0.5) { format!("after = [\"m{}\"]\n", i - 1) } else { String::new() }
        ));
    }
    for i in 0..rnd.range(0, 40) {
        let hours = 1 + rnd.range(0, 10);
        let d = date(
            2022 + rnd.range(0, 5) as i16,
            1 + rnd.range(0, 12) as i8,
            1 + rnd.range(0, 28) as i8,
        );
        s.push_str(&format!(
            "[[ce]]\ndate = {d}\ntitle = \"CE {i}\"\nhours = {hours}\n"
        ));
        if rnd.chance(0.5) {
            s.push_str(&format!(
                "category = \"{}\"\n",
                ["A", "B", "C"][rnd.range(0, 3) as usize]
            ));
        }
        if rnd.chance(0.3) {
            s.push_str(&format!(
                "topics = {{ pharmacology = {} }}\n",
                rnd.range(0, hours + 1)
            ));
        }
        if !ids.is_empty() && rnd.chance(0.3) {
            s.push_str(&format!(
                "counts_for = [\"{}\"]\n",
                ids[rnd.range(0, ids.len() as u64) as usize]
            ));
        }
        s.push('\n');
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A renewal milestone never starts before its cycle and is never due after its expiry; the
    /// CE counted for a credential never exceeds what was logged; topic hours never add to the
    /// total.
    #[test]
    fn renewals_stay_inside_their_cycles(seed in any::<u64>()) {
        let text = generated(seed, true);
        let c = check(text.as_bytes(), Format::Toml, Some(&Rules));
        let Some(cp) = c.plan else { return Ok(()) };
        let r = resolve(&cp, AS_OF, Some(&Rules));
        let logged: f64 = cp.plan().ce.iter().map(|c| c.hours).sum();
        for cs in &r.schedule.credentials {
            let mut counted = 0.0;
            for cyc in &cs.cycles {
                if let Some(id) = &cyc.renewal_milestone {
                    let m = r.schedule.milestones.iter().find(|m| &m.id == id).unwrap();
                    prop_assert!(m.renewal);
                    prop_assert!(m.forecast.start >= cyc.start.unwrap(), "{id} starts {} before {:?}", m.forecast.start, cyc.start);
                    prop_assert!(m.baseline.start >= cyc.start.unwrap());
                    prop_assert!(m.due.unwrap() <= cyc.expires);
                }
                if let Some(total) = cyc.requirements.iter().find(|q| q.requirement == "total") {
                    // Exactly the hours of the activities in the cycle that count, topics or not.
                    let start = cyc.start.unwrap();
                    let expect: f64 = cp.plan().ce.iter()
                        .filter(|e| e.date >= start && e.date <= cyc.expires)
                        .filter(|e| e.counts_for.is_empty() || e.counts_for.contains(&cs.id))
                        .map(|e| e.hours)
                        .sum();
                    prop_assert!((total.counted - expect).abs() < 1e-6, "{} counted {} expected {expect}", cs.id, total.counted);
                    counted += total.counted;
                    for q in &cyc.requirements {
                        if q.requirement.starts_with("topic:") || q.requirement.starts_with("category:") {
                            prop_assert!(q.counted <= total.counted + 1e-9);
                        }
                    }
                }
            }
            prop_assert!(counted <= logged + 1e-9);
        }
    }

    /// Credentials without dates change no milestone of the plan: the schedule is the one the
    /// same plan has with no credentials at all, and there are no renewals.
    #[test]
    fn undated_credentials_leave_the_schedule_alone(seed in any::<u64>()) {
        let text = generated(seed, false);
        let without = text.replace(&text[text.find("credentials = [").unwrap()..text.find("]\nexperience").unwrap() + 1], "credentials = []");
        let (Some(a), Some(b)) = (
            check(text.as_bytes(), Format::Toml, Some(&Rules)).plan,
            check(without.as_bytes(), Format::Toml, Some(&Rules)).plan,
        ) else { return Ok(()) };
        let ra = resolve(&a, AS_OF, Some(&Rules));
        let rb = resolve(&b, AS_OF, Some(&Rules));
        prop_assert!(ra.schedule.renewals.is_empty());
        let win = |r: &ResolvedPlan| r.schedule.milestones.iter().map(|m| (m.id.clone(), m.baseline, m.forecast, m.status)).collect::<Vec<_>>();
        prop_assert_eq!(win(&ra), win(&rb));
    }
}
