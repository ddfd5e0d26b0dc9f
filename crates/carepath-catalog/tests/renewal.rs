//! Structured renewal rules as the planning engine and a person see them: the catalog's
//! `Knowledge::renewal`, jurisdiction overrides, a user catalog's own rule, the rendering, and
//! the integrity problems a broken rule gets.

use carepath_catalog::render::render_credential;
use carepath_catalog::{Catalog, IntegrityProblem, check_integrity, locate_problems};
use carepath_model::{ExpiryRule, Knowledge, PracticeRecent, RenewalRule};

fn rule(credential: &str, jurisdiction: Option<&str>) -> RenewalRule {
    Catalog::embedded()
        .renewal(credential, jurisdiction)
        .unwrap_or_else(|| panic!("the catalog has a renewal rule for {credential}"))
}

fn minimum(pairs: &[(String, f64)], key: &str) -> Option<f64> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
}

#[test]
fn ccrn_renews_every_36_months_with_100_cerps_60_of_them_category_a() {
    let ccrn = rule("ccrn", None);
    assert_eq!(ccrn.months, 36);
    assert_eq!(ccrn.expires, ExpiryRule::Anniversary);
    assert_eq!(ccrn.ce_hours, Some(100.0));
    assert_eq!(ccrn.ce_unit, "CERPs");
    assert_eq!(ccrn.hours_per_unit, 1.0);
    assert_eq!(minimum(&ccrn.category_minimums, "A"), Some(60.0));
    assert_eq!(minimum(&ccrn.category_minimums, "B"), Some(10.0));
    assert_eq!(minimum(&ccrn.category_minimums, "C"), Some(10.0));
    // The categories default to the ones the minimums name, so a CE entry in category "D"
    // that counts for CCRN is caught.
    assert_eq!(ccrn.categories, ["A", "B", "C"]);
    assert!(ccrn.knows_category("a") && !ccrn.knows_category("D"));
    assert_eq!(ccrn.practice_hours, Some(432.0));
    assert_eq!(
        ccrn.practice_recent,
        Some(PracticeRecent {
            hours: 144.0,
            months: 12
        })
    );
    assert!(
        ccrn.practice_roles
            .iter()
            .any(|r| r == "critical-care-nurse")
    );
    assert_eq!(ccrn.course_hours, None);
    assert_eq!(ccrn.submit_before_days, 30, "the default margin");
    assert_eq!(ccrn.source, "AACN (2026)");
    assert!(ccrn.verified);
    assert_eq!(ccrn.jurisdiction, None);
    // A jurisdiction the rule has no override for changes nothing.
    assert_eq!(rule("ccrn", Some("US-CA")), ccrn);
}

#[test]
fn the_rn_license_rule_depends_on_the_jurisdiction() {
    let base = rule("rn-license", None);
    assert_eq!((base.months, base.ce_hours), (24, None));
    assert!(
        !base.takes_ce(),
        "no CE is assumed where no board rule is known"
    );
    assert!(!base.verified, "the default cycle is not from a board");
    assert_eq!(base.source, "nursing boards (not retrieved) (2026)");
    assert_eq!(base.jurisdiction, None);

    let california = rule("rn-license", Some("US-CA"));
    assert_eq!((california.months, california.ce_hours), (24, Some(30.0)));
    assert_eq!(california.ce_unit, "contact hours");
    assert_eq!(california.jurisdiction.as_deref(), Some("US-CA"));
    assert_eq!(california.source, "California BRN (not retrieved) (2026)");
    assert!(!california.verified, "not in the research notes");

    // Codes match without regard to case; the rule names the catalog's spelling.
    let texas = rule("rn-license", Some("us-tx"));
    assert_eq!((texas.months, texas.ce_hours), (24, Some(20.0)));
    assert_eq!(
        minimum(&texas.topic_minimums, "jurisprudence-and-ethics"),
        Some(2.0)
    );
    assert_eq!(texas.jurisdiction.as_deref(), Some("US-TX"));
    assert_eq!(texas.source, "Texas BON (not retrieved) (2026)");
    assert!(minimum(&california.topic_minimums, "jurisprudence-and-ethics").is_none());

    let florida = rule("rn-license", Some("US-FL"));
    assert_eq!(florida.ce_hours, Some(24.0));
    assert_eq!(
        florida.topic_minimums.len(),
        4,
        "{:?}",
        florida.topic_minimums
    );

    let new_york = rule("rn-license", Some("US-NY"));
    assert_eq!((new_york.months, new_york.ce_hours), (36, None));
    assert!(!new_york.takes_ce());

    let ontario = rule("rn-license", Some("CA-ON"));
    assert_eq!((ontario.months, ontario.ce_hours), (12, None));
    assert_eq!(ontario.source, "CNO (not retrieved) (2026)");

    // A state with no override, or the country alone: the base rule.
    assert_eq!(rule("rn-license", Some("US-WA")), base);
    assert_eq!(rule("rn-license", Some("US")), base);
}

#[test]
fn aha_cards_expire_at_the_end_of_the_month_and_renew_by_a_course() {
    for (card, hours) in [("bls", 3.0), ("acls", 5.0), ("pals", 5.0)] {
        let r = rule(card, None);
        assert_eq!(r.months, 24, "{card}");
        assert_eq!(r.expires, ExpiryRule::EndOfMonth, "{card}");
        assert_eq!(r.course_hours, Some(hours), "{card}");
        assert!(!r.takes_ce(), "{card}: a course, not CE");
        assert!(!r.verified, "{card}: AHA's pages were not retrieved");
    }
}

#[test]
fn np_certification_counts_pharmacology_inside_100_hours_and_1000_practice_hours() {
    let np = rule("fnp-bc", None);
    assert_eq!((np.months, np.ce_hours), (60, Some(100.0)));
    assert_eq!(minimum(&np.topic_minimums, "pharmacology"), Some(25.0));
    assert_eq!(np.practice_hours, Some(1000.0));
    assert!(np.practice_roles.iter().any(|r| r == "nurse-practitioner"));
    assert!(np.categories.is_empty(), "AANPCB lists no categories");
    assert_eq!(np.source, "AANPCB (2026)");
}

#[test]
fn arrt_plans_its_two_year_ce_biennium() {
    let arrt = rule("arrt-r", None);
    assert_eq!((arrt.months, arrt.ce_hours), (24, Some(24.0)));
    let text = render_credential(
        Catalog::embedded().credential("arrt-r").unwrap(),
        Catalog::embedded(),
    );
    assert!(
        text.contains("Renewal: every 24 months; 24 CE credits (ARRT 2024)"),
        "{text}"
    );
    assert!(
        text.contains("Renew every year"),
        "the yearly registration is told:\n{text}"
    );
}

#[test]
fn every_renewal_rule_in_the_catalog_reaches_the_engine_with_its_source() {
    let catalog = Catalog::embedded();
    for credential in &catalog.credentials {
        let Some(renewal) = &credential.renewal else {
            assert!(catalog.renewal(&credential.id, None).is_none());
            continue;
        };
        let r = catalog.renewal(&credential.id, None).unwrap();
        assert!(r.months > 0, "{}", credential.id);
        let label = &catalog.source(&renewal.source).unwrap().label;
        assert_eq!(
            r.source,
            format!("{label} ({})", renewal.year),
            "{}",
            credential.id
        );
        assert_eq!(r.verified, renewal.verified, "{}", credential.id);
        for over in &renewal.jurisdictions {
            let r = catalog
                .renewal(&credential.id, Some(&over.jurisdiction))
                .unwrap();
            assert_eq!(r.jurisdiction.as_deref(), Some(over.jurisdiction.as_str()));
            assert_eq!(r.verified, over.verified);
        }
    }
}

/// A whole CCRN entry, as a user catalog restates it to change its rule.
const USER_CCRN: &str = r#"
format = 1

[[credentials]]
id = "ccrn"
name = "Critical care registered nurse certification"
abbreviation = "CCRN"
kind = "certification"
body = "AACN Certification Corporation"
source = "aacn-elig"
year = 2026
verified = true
[credentials.renewal]
months = 36
ce_hours = 120
ce_unit = "CERPs"
category_minimums = { A = 70, B = 10, C = 10 }
source = "unit-policy"
year = 2026
verified = false
note = "Our hospital's clinical ladder asks for 120."
[[credentials.renewal.jurisdictions]]
jurisdiction = "US-WA"
ce_hours = 110
source = "unit-policy"
year = 2026
verified = false

[sources.unit-policy]
label = "5 West policy"
citation = "The unit's clinical-ladder policy, 2026."
year = 2026
unverified = true
"#;

#[test]
fn a_user_catalog_changes_the_rule_the_engine_gets() {
    let mut catalog = Catalog::embedded_owned();
    catalog.merge(Catalog::from_toml_str(USER_CCRN).expect("the user catalog parses"));
    assert_eq!(catalog.check_integrity(), Vec::<IntegrityProblem>::new());

    let ccrn = catalog.renewal("ccrn", None).unwrap();
    assert_eq!(ccrn.ce_hours, Some(120.0));
    assert_eq!(minimum(&ccrn.category_minimums, "A"), Some(70.0));
    assert_eq!(ccrn.practice_hours, None, "the entry was replaced whole");
    assert_eq!(ccrn.source, "5 West policy (2026)");
    assert!(!ccrn.verified);

    // The user's own override inherits the user's base rule.
    let washington = catalog.renewal("ccrn", Some("US-WA")).unwrap();
    assert_eq!(washington.ce_hours, Some(110.0));
    assert_eq!(minimum(&washington.category_minimums, "A"), Some(70.0));
    assert_eq!(washington.jurisdiction.as_deref(), Some("US-WA"));

    // The embedded catalog is untouched.
    assert_eq!(rule("ccrn", None).ce_hours, Some(100.0));
}

#[test]
fn a_credential_shows_its_rule_and_each_jurisdiction_in_words() {
    let catalog = Catalog::embedded();
    let rn = render_credential(catalog.credential("rn-license").unwrap(), catalog);
    assert!(
        rn.contains("Renewal: every 24 months (nursing boards (not retrieved) 2026) [unverified]"),
        "{rn}"
    );
    assert!(
        rn.contains(
            "  US-CA: every 24 months; 30 contact hours (California BRN (not retrieved) 2026) [unverified]"
        ),
        "{rn}"
    );
    assert!(
        rn.contains(
            "  US-TX: every 24 months; 20 contact hours; at least 2 on jurisprudence-and-ethics"
        ),
        "{rn}"
    );
    assert!(rn.contains("  US-NY: every 36 months; no CE hours"), "{rn}");
    assert!(rn.contains("  CA-ON: every 12 months; no CE hours"), "{rn}");
    insta::assert_snapshot!("credential_rn_license", rn);

    let bls = render_credential(catalog.credential("bls").unwrap(), catalog);
    assert!(
        bls.contains(
            "Renewal: every 24 months, to the end of the month; a 3-hour renewal course (AHA (not retrieved) 2026) [unverified]"
        ),
        "{bls}"
    );
    let np = render_credential(catalog.credential("fnp-bc").unwrap(), catalog);
    assert!(
        np.contains("100 contact hours; at least 25 on pharmacology; 1,000 practice hours"),
        "{np}"
    );
}

// ---------------------------------------------------------------------------------------------
// Integrity: each broken rule is a problem of its own, at the offending text.

fn with_credential(renewal: &str) -> String {
    format!(
        r#"
[[roles]]
id = "unit-nurse"
name = "Unit nurse"
track = "nursing"
source = "policy"
year = 2026
verified = false

[[credentials]]
id = "ladder"
name = "Clinical ladder level III"
kind = "certification"
body = "Hospital"
source = "policy"
year = 2026
verified = false
{renewal}
[sources.policy]
label = "policy"
citation = "A unit policy."
year = 2026

[sources.other]
label = "other"
citation = "Another policy."
year = 2026
"#
    )
}

fn problems(text: &str) -> Vec<IntegrityProblem> {
    let catalog = Catalog::from_toml_str(text).expect("it parses");
    let mut problems = check_integrity(&catalog);
    locate_problems(&mut problems, text);
    problems
}

/// The one problem whose message is `message`, and the text it points at.
fn only<'t>(text: &'t str, message: &str) -> (IntegrityProblem, &'t str) {
    let found = problems(text);
    let matching: Vec<&IntegrityProblem> = found.iter().filter(|p| p.message == message).collect();
    assert_eq!(matching.len(), 1, "one {message:?} in {found:#?}");
    let problem = matching[0].clone();
    let span = problem.span.clone().expect("located");
    (problem, &text[span])
}

#[test]
fn a_sound_rule_has_no_problems() {
    let text = with_credential(
        r#"[credentials.renewal]
months = 24
expires = "end-of-month"
ce_hours = 30
categories = ["A", "B", "C"]
category_minimums = { A = 20, B = 10 }
topic_minimums = { ethics = 2 }
practice_hours = 400
practice_recent = { hours = 100, months = 12 }
practice_roles = ["unit-nurse"]
submit_before_days = 45
source = "policy"
year = 2026
verified = false
[[credentials.renewal.jurisdictions]]
jurisdiction = "US-CA"
ce_hours = 40
source = "other"
year = 2026
verified = false
"#,
    );
    assert_eq!(problems(&text), Vec::<IntegrityProblem>::new());
}

#[test]
fn a_rule_needs_a_cycle() {
    let text = with_credential(
        "[credentials.renewal]\nmonths = 0\nsource = \"policy\"\nyear = 2026\nverified = false\n",
    );
    let (problem, at) = only(&text, "credential `ladder` renewal: months must be above 0");
    assert_eq!(problem.field, "renewal.months");
    assert_eq!(at, "0");
}

#[test]
fn minimums_are_not_negative_nor_over_the_total() {
    let text = with_credential(
        r#"[credentials.renewal]
months = 24
ce_hours = 30
category_minimums = { A = -5, B = 40 }
topic_minimums = { ethics = 31 }
source = "policy"
year = 2026
verified = false
"#,
    );
    let (negative, at) = only(
        &text,
        "credential `ladder` renewal: the minimum for category `A` must be 0 or more",
    );
    assert_eq!(
        (negative.field.as_str(), at),
        ("renewal.category_minimums.A", "-5")
    );
    let (over, at) = only(
        &text,
        "credential `ladder` renewal: the minimum for category `B` (40) is more than ce_hours (30)",
    );
    assert_eq!(
        (over.field.as_str(), at),
        ("renewal.category_minimums.B", "40")
    );
    let (topic, at) = only(
        &text,
        "credential `ladder` renewal: the minimum for topic `ethics` (31) is more than ce_hours (30)",
    );
    assert_eq!(
        (topic.field.as_str(), at),
        ("renewal.topic_minimums.ethics", "31")
    );
    let (line, _) = topic.line_col(&text).unwrap();
    assert_eq!(
        text.lines().nth(line - 1),
        Some("topic_minimums = { ethics = 31 }")
    );
}

#[test]
fn category_minimums_may_not_add_up_to_more_than_the_total() {
    let text = with_credential(
        r#"[credentials.renewal]
months = 36
ce_hours = 100
category_minimums = { A = 60, B = 30, C = 20 }
source = "policy"
year = 2026
verified = false
"#,
    );
    let (problem, at) = only(
        &text,
        "credential `ladder` renewal: the category minimums add up to 110, more than ce_hours (100)",
    );
    assert_eq!(problem.field, "renewal.category_minimums");
    assert_eq!(at, "{ A = 60, B = 30, C = 20 }");
}

#[test]
fn listed_categories_include_every_category_with_a_minimum() {
    let text = with_credential(
        r#"[credentials.renewal]
months = 36
ce_hours = 100
categories = ["A", "B"]
category_minimums = { A = 60, C = 10 }
source = "policy"
year = 2026
verified = false
"#,
    );
    let (problem, at) = only(
        &text,
        "credential `ladder` renewal: categories does not list `C`, which category_minimums names",
    );
    assert_eq!(
        (problem.field.as_str(), problem.value.as_deref()),
        ("renewal.categories", Some("C"))
    );
    assert_eq!(at, r#"["A", "B"]"#);
}

#[test]
fn recent_practice_is_part_of_the_practice_hours() {
    let text = with_credential(
        r#"[credentials.renewal]
months = 36
practice_hours = 100
practice_recent = { hours = 144, months = 12 }
practice_roles = ["unit-nurse", "no-such-role"]
source = "policy"
year = 2026
verified = false
"#,
    );
    let (problem, at) = only(
        &text,
        "credential `ladder` renewal: practice_recent.hours (144) is more than practice_hours (100)",
    );
    assert_eq!(
        (problem.field.as_str(), at),
        ("renewal.practice_recent.hours", "144")
    );
    let (role, at) = only(
        &text,
        "credential `ladder` renewal: practice_roles names unknown role `no-such-role`",
    );
    assert_eq!(
        (role.field.as_str(), at),
        ("renewal.practice_roles", "no-such-role")
    );
}

const OVERRIDES: &str = r#"[credentials.renewal]
months = 24
ce_hours = 30
category_minimums = { A = 20 }
source = "policy"
year = 2026
verified = false
[[credentials.renewal.jurisdictions]]
jurisdiction = "California"
source = "policy"
year = 2026
verified = false
[[credentials.renewal.jurisdictions]]
jurisdiction = "US-TX"
ce_hours = 10
source = "nowhere"
year = 2026
verified = false
[[credentials.renewal.jurisdictions]]
jurisdiction = "us-tx"
source = "policy"
year = 2026
verified = false
"#;

#[test]
fn an_override_has_an_iso_code_a_known_source_and_its_own_jurisdiction() {
    let text = with_credential(OVERRIDES);
    let (code, at) = only(
        &text,
        "credential `ladder` renewal for California: jurisdiction `California` is not an ISO 3166 code (a country such as `GB`, or a subdivision such as `US-CA`, in capitals)",
    );
    assert_eq!(
        (code.field.as_str(), at),
        ("renewal.jurisdictions[0].jurisdiction", "California")
    );
    let (source, at) = only(
        &text,
        "credential `ladder` renewal for US-TX: unknown source `nowhere`",
    );
    assert_eq!(
        (source.field.as_str(), at),
        ("renewal.jurisdictions[1].source", "nowhere")
    );
    let (twice, at) = only(
        &text,
        "credential `ladder` renewal for us-tx: jurisdiction `us-tx` has more than one override; merge them into one",
    );
    assert_eq!(
        (twice.field.as_str(), at),
        ("renewal.jurisdictions[2].jurisdiction", "us-tx")
    );
}

#[test]
fn an_override_is_checked_as_the_rule_it_makes() {
    let text = with_credential(OVERRIDES);
    // Texas lowers the total under the base's Category A minimum: its own ce_hours is blamed.
    let (lowered, at) = only(
        &text,
        "credential `ladder` renewal for US-TX: the minimum for category `A` (20) is more than ce_hours (10)",
    );
    assert_eq!(
        (lowered.field.as_str(), at),
        ("renewal.jurisdictions[1].ce_hours", "10")
    );
    // A problem of the base alone is reported once, at the base.
    let text = with_credential(
        r#"[credentials.renewal]
months = 0
source = "policy"
year = 2026
verified = false
[[credentials.renewal.jurisdictions]]
jurisdiction = "GB"
source = "policy"
year = 2026
verified = false
"#,
    );
    let found = problems(&text);
    assert_eq!(
        found.iter().map(|p| p.message.as_str()).collect::<Vec<_>>(),
        ["credential `ladder` renewal: months must be above 0"]
    );
}

#[test]
fn iso_codes_that_pass_and_that_do_not() {
    for (code, ok) in [
        ("GB", true),
        ("US-CA", true),
        ("CA-ON", true),
        ("GB-ENG", true),
        ("us-ca", false),
        ("USA", false),
        ("US-", false),
        ("US-CALI", false),
        ("U", false),
        ("", false),
    ] {
        let text = with_credential(&format!(
            "[credentials.renewal]\nmonths = 12\nsource = \"policy\"\nyear = 2026\nverified = false\n\
             [[credentials.renewal.jurisdictions]]\njurisdiction = \"{code}\"\nsource = \"policy\"\nyear = 2026\nverified = false\n"
        ));
        let bad = problems(&text)
            .iter()
            .any(|p| p.message.contains("is not an ISO 3166 code"));
        assert_eq!(!bad, ok, "{code:?}");
    }
}

#[test]
fn an_unverified_source_cannot_back_a_verified_override() {
    let text = with_credential(
        r#"[credentials.renewal]
months = 12
source = "policy"
year = 2026
verified = false
[[credentials.renewal.jurisdictions]]
jurisdiction = "US-CA"
source = "recalled"
year = 2026
verified = true

[sources.recalled]
label = "recalled"
citation = "From memory."
year = 2026
unverified = true
"#,
    );
    let (problem, _) = only(
        &text,
        "credential `ladder` renewal for US-CA: source `recalled` is unverified, so it must be verified = false",
    );
    assert_eq!(problem.field, "renewal.jurisdictions[0].verified");
}

/// Format 1 is additive: a user catalog written before the structured rules, with the
/// superseded `ce_period_months`, still reads, and its CE period is the cycle carepath plans.
#[test]
fn a_rule_with_the_old_ce_period_months_still_reads_as_its_ce_cycle() {
    let text = with_credential(
        "[credentials.renewal]\nmonths = 12\nce_hours = 24\nce_period_months = 24\nsource = \"policy\"\nyear = 2026\nverified = false\n",
    );
    let catalog = Catalog::from_toml_str(&text).expect("it parses");
    assert_eq!(check_integrity(&catalog), Vec::<IntegrityProblem>::new());
    let r = catalog.renewal("ladder", None).unwrap();
    assert_eq!((r.months, r.ce_hours), (24, Some(24.0)));
    let shown = render_credential(catalog.credential("ladder").unwrap(), &catalog);
    assert!(
        shown.contains("Renewal: every 24 months; 24 contact hours (policy 2026) [unverified]"),
        "{shown}"
    );
}
