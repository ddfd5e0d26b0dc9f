//! The embedded catalog's data, and the behaviour built on it.

use carepath_catalog::render::{render_credential, render_list, render_role, render_route};
use carepath_catalog::{Catalog, EMBEDDED_TOML, ENTRY, HitKind, Track, check_integrity};

fn catalog() -> &'static Catalog {
    Catalog::embedded()
}

const REQUIRED_ROLES: [&str; 20] = [
    "certified-nursing-assistant",
    "licensed-practical-nurse",
    "registered-nurse",
    "critical-care-nurse",
    "emergency-nurse",
    "nurse-manager",
    "nurse-practitioner",
    "acute-care-np",
    "nurse-anesthetist",
    "nurse-educator",
    "clinical-nurse-specialist",
    "medical-laboratory-technician",
    "medical-laboratory-scientist",
    "healthcare-data-analyst",
    "health-informatics-specialist",
    "diagnostic-medical-sonographer",
    "sonography-student",
    "cardiac-sonographer",
    "pharmacy-technician",
    "pharmacist",
];

const REQUIRED_CREDENTIALS: [&str; 32] = [
    "rn-license",
    "lpn-license",
    "cna-certification",
    "bsn",
    "adn",
    "msn",
    "dnp",
    "associate-degree",
    "bachelors-degree",
    "masters-degree",
    "bls",
    "acls",
    "pals",
    "ccrn",
    "cen",
    "agacnp-bc",
    "fnp-bc",
    "aprn-license",
    "mlt-ascp",
    "mls-ascp",
    "chda",
    "rhit",
    "rhia",
    "cpc",
    "rdms",
    "rdcs",
    "spi",
    "rcs",
    "cpht",
    "pharmd",
    "cnml",
    "cne",
];

/// (from, to) pairs that must each have a direct transition.
const REQUIRED_TRANSITIONS: [(&str, &str); 22] = [
    (ENTRY, "certified-nursing-assistant"),
    ("certified-nursing-assistant", "licensed-practical-nurse"),
    ("licensed-practical-nurse", "registered-nurse"),
    (ENTRY, "registered-nurse"),
    ("registered-nurse", "critical-care-nurse"),
    ("registered-nurse", "emergency-nurse"),
    ("registered-nurse", "nurse-practitioner"),
    ("registered-nurse", "acute-care-np"),
    ("critical-care-nurse", "acute-care-np"),
    ("critical-care-nurse", "nurse-anesthetist"),
    ("registered-nurse", "nurse-manager"),
    ("registered-nurse", "nurse-educator"),
    ("sonography-student", "diagnostic-medical-sonographer"),
    ("sonography-student", "cardiac-sonographer"),
    ("diagnostic-medical-sonographer", "cardiac-sonographer"),
    (
        "medical-laboratory-technician",
        "medical-laboratory-scientist",
    ),
    ("medical-laboratory-scientist", "healthcare-data-analyst"),
    ("medical-laboratory-technician", "healthcare-data-analyst"),
    ("health-information-technician", "healthcare-data-analyst"),
    ("pharmacy-technician", "pharmacist"),
    ("emt", "paramedic"),
    ("radiologic-technologist", "mri-technologist"),
];

#[test]
fn embedded_catalog_parses_and_has_no_integrity_problems() {
    let parsed = Catalog::from_toml_str(EMBEDDED_TOML).expect("embedded catalog parses");
    assert_eq!(&parsed, catalog());
    let problems = check_integrity(&parsed);
    assert!(
        problems.is_empty(),
        "integrity problems:\n{}",
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_required_id_exists() {
    let catalog = catalog();
    for id in REQUIRED_ROLES {
        assert!(catalog.role(id).is_some(), "missing role {id}");
    }
    for id in REQUIRED_CREDENTIALS {
        assert!(catalog.credential(id).is_some(), "missing credential {id}");
    }
    for (from, to) in REQUIRED_TRANSITIONS {
        assert!(
            catalog.transitions_from(from).any(|t| t.to == to),
            "missing transition {from} -> {to}"
        );
    }
}

#[test]
fn at_least_forty_roles_cover_all_seven_tracks() {
    let catalog = catalog();
    assert!(
        catalog.roles.len() >= 40,
        "only {} roles",
        catalog.roles.len()
    );
    for track in Track::ALL {
        assert!(
            catalog.roles_in(track).count() >= 2,
            "track {track} has fewer than 2 roles"
        );
    }
}

#[test]
fn ccrn_experience_rule_is_verified_with_both_options() {
    let ccrn = catalog().credential("ccrn").unwrap();
    assert!(ccrn.verified);
    let two_year = &ccrn.eligibility[0];
    assert!(two_year.verified);
    let rule = &two_year.experience[0];
    assert_eq!(rule.hours, Some(1750.0));
    assert_eq!(rule.within_months, Some(24));
    assert_eq!(
        (rule.recent_hours, rule.recent_months),
        (Some(875.0), Some(12))
    );
    let five_year = &ccrn.eligibility[1];
    assert!(five_year.verified);
    assert_eq!(five_year.experience[0].hours, Some(2000.0));
    assert_eq!(five_year.experience[0].within_months, Some(60));
    let renewal = catalog().renewal_of("ccrn").unwrap();
    assert_eq!((renewal.months, renewal.ce_hours), (36, Some(100.0)));
    assert!(renewal.verified);
}

#[test]
fn unverified_and_third_party_figures_are_flagged() {
    let catalog = catalog();
    let chda = catalog.credential("chda").unwrap();
    assert!(!chda.eligibility.is_empty());
    assert!(
        chda.eligibility.iter().all(|p| !p.verified),
        "CHDA eligibility is unverified"
    );

    // Things the research marks UNVERIFIED or third-party.
    assert!(
        !catalog.renewal_of("cne").unwrap().verified,
        "CNE 5-year cycle"
    );
    assert!(!catalog.credential("agacnp-bc").unwrap().verified);
    assert!(!catalog.credential("amb-bc").unwrap().verified);
    let cen = catalog.credential("cen").unwrap();
    assert!(!cen.verified && cen.third_party);
    let fnp = catalog.credential("fnp-bc").unwrap();
    assert!(
        !fnp.eligibility[0].verified && fnp.eligibility[0].third_party,
        "500 h rule is 3rd-party"
    );
    let crna_step = catalog
        .transition("critical-care-nurse-to-nurse-anesthetist")
        .unwrap();
    assert!(!crna_step.months.verified, "CRNA program length");
    let mlt_analyst = catalog
        .transition("medical-laboratory-technician-to-healthcare-data-analyst")
        .unwrap();
    assert!(!mlt_analyst.verified && !mlt_analyst.months.verified);

    // No fee in the catalog is confirmed.
    for credential in &catalog.credentials {
        if let Some(cost) = &credential.cost {
            assert!(!cost.verified, "{} cost", credential.id);
        }
    }
    // Anything third-party is unverified, everywhere.
    for role in &catalog.roles {
        assert!(!(role.third_party && role.verified), "role {}", role.id);
    }
    for transition in &catalog.transitions {
        assert!(
            !(transition.third_party && transition.verified),
            "{}",
            transition.id
        );
        assert!(
            !(transition.months.third_party && transition.months.verified),
            "{} months",
            transition.id
        );
    }
}

#[test]
fn borrowed_pay_figures_say_whose_they_are() {
    let catalog = catalog();
    for id in [
        "critical-care-nurse",
        "emergency-nurse",
        "clinical-nurse-specialist",
    ] {
        let pay = catalog
            .role(id)
            .unwrap()
            .pay_for(Some("US"))
            .unwrap()
            .figure;
        assert_eq!(pay.amount, 93_600.0);
        assert!(pay.proxy, "{id}: the RN figure stands in, so it is a proxy");
        assert!(pay.note.as_deref().unwrap().contains("29-1141"), "{id}");
    }
    let acnp = catalog
        .role("acute-care-np")
        .unwrap()
        .pay_for(None)
        .unwrap()
        .figure;
    assert_eq!(acnp.amount, 129_210.0);
    assert!(acnp.proxy);
    assert!(acnp.note.as_deref().unwrap().contains("29-1171"));
    for id in [
        "sonography-student",
        "nursing-student",
        "clinical-research-coordinator",
    ] {
        assert!(catalog.role(id).unwrap().pay.is_empty(), "{id} has no pay");
    }
    let rn = catalog.role("registered-nurse").unwrap();
    let pay = rn.pay_for(Some("US")).unwrap();
    assert!(!pay.fallback);
    assert!(!pay.figure.proxy);
    assert_eq!(
        (
            pay.figure.currency.as_str(),
            pay.figure.period.as_str(),
            pay.figure.year
        ),
        ("USD", "May 2024", 2024)
    );
    assert_eq!(rn.outlook_for(Some("US")).unwrap().figure.period, "2024-34");
}

#[test]
fn acute_care_np_step_needs_graduate_degree_board_exam_and_license() {
    let step = catalog().transition("rn-to-acute-care-np").unwrap();
    assert_eq!(step.needs.any_of, ["msn", "dnp"]);
    assert_eq!(step.needs.all_of, ["agacnp-bc", "aprn-license"]);
    assert_eq!(step.needs.supervised_hours, Some(500.0));
}

#[test]
fn cna_to_nurse_practitioner_goes_through_lpn_and_rn() {
    let route = catalog()
        .path("certified-nursing-assistant", "nurse-practitioner")
        .expect("a route exists");
    assert_eq!(
        route.role_ids(),
        [
            "certified-nursing-assistant",
            "licensed-practical-nurse",
            "registered-nurse",
            "nurse-practitioner"
        ]
    );
    assert!(route.steps.iter().all(|s| s.months.typical > 0));
    assert!(
        route.steps.iter().all(|s| s.pay.is_some()),
        "pay at every step"
    );
    assert!(route.start_pay.is_some());
    assert_eq!(
        route.total_months,
        route.steps.iter().map(|s| s.months.typical).sum::<u32>()
    );
    // The NP step needs a BSN, so the LPN-to-BSN bridge wins over ADN plus RN-to-BSN.
    assert_eq!(route.steps[1].transition, "lpn-to-rn-bsn");
    insta::assert_snapshot!("cna_to_np_route", render_route(&route));
}

#[test]
fn what_is_already_held_shortens_the_route() {
    let catalog = catalog();
    let assumed_adn = catalog
        .path("registered-nurse", "nurse-practitioner")
        .unwrap();
    assert_eq!(assumed_adn.steps[0].transition, "rn-adn-to-bsn");
    let with_bsn = catalog
        .path_holding("registered-nurse", "nurse-practitioner", &["bsn"])
        .unwrap();
    assert_eq!(with_bsn.steps.len(), 1);
    assert!(with_bsn.total_months < assumed_adn.total_months);
}

#[test]
fn lab_technician_reaches_data_analyst() {
    let route = catalog()
        .path("medical-laboratory-technician", "healthcare-data-analyst")
        .expect("a route exists");
    assert_eq!(route.to, "healthcare-data-analyst");
    assert!(!route.steps.is_empty());
    assert!(!route.fully_verified(), "these months are unverified");
}

#[test]
fn newcomer_routes_start_from_entry() {
    let route = catalog().path(ENTRY, "registered-nurse").unwrap();
    assert_eq!(route.steps.len(), 1);
    assert_eq!(route.steps[0].from, ENTRY);
    assert!(route.start_pay.is_none());
}

#[test]
fn unknown_or_unreachable_ids_give_none() {
    let catalog = catalog();
    assert!(catalog.path("no-such-role", "registered-nurse").is_none());
    assert!(catalog.path("registered-nurse", "no-such-role").is_none());
    assert!(catalog.path("", "").is_none());
    assert!(catalog.path(ENTRY, ENTRY).is_none());
    assert!(
        catalog
            .path("pharmacist", "certified-nursing-assistant")
            .is_none()
    );
    let same = catalog.path("pharmacist", "pharmacist").unwrap();
    assert!(same.steps.is_empty());
}

#[test]
fn every_route_is_connected_and_respects_prerequisites() {
    let catalog = catalog();
    let starts = std::iter::once(ENTRY).chain(catalog.roles.iter().map(|r| r.id.as_str()));
    let mut found = 0;
    for from in starts {
        for to in &catalog.roles {
            let Some(route) = catalog.path(from, &to.id) else {
                continue;
            };
            found += 1;
            let mut at = route.from.as_str();
            let mut held: Vec<String> = route.held_at_start.clone();
            for step in &route.steps {
                assert_eq!(step.from, at, "{from} -> {}", to.id);
                let transition = catalog.transition(&step.transition).unwrap();
                for prerequisite in &transition.prerequisites {
                    assert!(
                        held.contains(prerequisite),
                        "{} needs {prerequisite}",
                        step.transition
                    );
                }
                held.extend(step.earns.iter().map(|c| c.id.clone()));
                at = &step.to;
            }
            assert_eq!(at, to.id);
            assert_eq!(
                route.total_months,
                route.steps.iter().map(|s| s.months.typical).sum::<u32>()
            );
        }
    }
    assert!(found > 100, "only {found} routes");
}

#[test]
fn a_user_catalog_overrides_and_extends() {
    let user = r#"
[[roles]]
id = "registered-nurse"
name = "Registered nurse (Ontario)"
track = "nursing"
aliases = ["RN"]
pay = { amount = 101000, currency = "CAD", region = "CA-ON", period = "2025", year = 2025, source = "my-union", verified = false, note = "Example figure from a collective agreement." }
source = "my-union"
year = 2025
verified = false
[roles.requires]
all_of = ["rn-license"]

[[roles]]
id = "wound-care-nurse"
name = "Wound care nurse"
track = "nursing"
source = "my-union"
year = 2025
verified = false

[[transitions]]
id = "rn-to-wound-care"
from = "registered-nurse"
to = "wound-care-nurse"
via = "Wound care course on the job"
months = { typical = 6, verified = false }
source = "my-union"
year = 2025
verified = false

[sources.my-union]
label = "ONA"
citation = "An example collective agreement."
year = 2025
unverified = true
"#;
    let user = Catalog::from_toml_str(user).expect("user catalog parses");
    let mut merged = catalog().clone();
    let roles_before = merged.roles.len();
    let rn_index = merged.roles.iter().position(|r| r.id == "registered-nurse");
    merged.merge(user);

    assert_eq!(merged.roles.len(), roles_before + 1);
    assert_eq!(
        merged.roles.iter().position(|r| r.id == "registered-nurse"),
        rn_index,
        "an override keeps its place"
    );
    let rn = merged.role("registered-nurse").unwrap();
    assert_eq!(rn.name, "Registered nurse (Ontario)");
    let pay = rn.pay_for(Some("CA-ON")).unwrap();
    assert!(!pay.fallback);
    assert_eq!(
        (pay.figure.amount, pay.figure.currency.as_str()),
        (101_000.0, "CAD")
    );
    assert!(merged.role("wound-care-nurse").is_some());
    assert!(merged.source("my-union").is_some());
    // The embedded entries around it are untouched.
    assert_eq!(
        merged.role("licensed-practical-nurse"),
        catalog().role("licensed-practical-nurse")
    );
    let problems = check_integrity(&merged);
    assert!(problems.is_empty(), "{problems:?}");
    let route = merged
        .path("licensed-practical-nurse", "wound-care-nurse")
        .unwrap();
    assert_eq!(route.steps.last().unwrap().transition, "rn-to-wound-care");
    assert!(
        render_route(&route).contains("CA$101,000 a year, CA-ON median, ONA 2025 (unverified)")
    );
}

#[test]
fn an_unknown_field_is_an_error_with_a_span() {
    let text = "[[roles]]\nid = \"x\"\nname = \"X\"\ntrack = \"nursing\"\nsalary = 5\n";
    let error = Catalog::from_toml_str(text).unwrap_err();
    assert!(error.message().contains("salary"), "{}", error.message());
    let span = error.span().expect("a span");
    assert_eq!(&text[span], "salary");
    assert_eq!(error.line_col(text), Some((5, 1)));
}

#[test]
fn a_wrong_track_or_format_is_an_error_with_a_span() {
    let text = "[[roles]]\nid = \"x\"\nname = \"X\"\ntrack = \"surgery\"\n";
    let error = Catalog::from_toml_str(text).unwrap_err();
    assert!(error.message().contains("surgery"));
    assert_eq!(error.line_col(text).map(|(line, _)| line), Some(4));

    let text = "# mine\nformat = 2\n";
    let error = Catalog::from_toml_str(text).unwrap_err();
    assert!(error.message().contains("format 2"), "{}", error.message());
    assert_eq!(&text[error.span().unwrap()], "format = 2");
}

#[test]
fn integrity_check_reports_broken_entries() {
    let text = r#"
[[roles]]
id = "Bad_Id"
name = "Bad"
track = "nursing"
source = "nowhere"
year = 2024
verified = true
[roles.requires]
all_of = ["ghost"]

[[roles]]
id = "rumour-role"
name = "Rumour"
track = "therapy"
source = "blog"
year = 1850
verified = true

[[credentials]]
id = "a"
name = "A"
kind = "certification"
body = "X"
source = "blog"
year = 2024
verified = false
[[credentials.eligibility]]
name = "needs b"
all_of = ["b"]
verified = false

[[credentials]]
id = "b"
name = "B"
kind = "certification"
body = "X"
source = "blog"
year = 2024
verified = false
[[credentials.eligibility]]
name = "needs a"
all_of = ["a"]
verified = false

[[transitions]]
id = "t"
from = "rumour-role"
to = "missing-role"
via = "?"
months = { typical = 30, min = 36, verified = false }
source = "blog"
year = 2024
verified = false

[sources.blog]
label = "blog"
citation = "Someone's blog."
year = 2024
third_party = true
"#;
    let catalog = Catalog::from_toml_str(text).unwrap();
    let problems = check_integrity(&catalog);
    let expect = [
        "role id `Bad_Id` must be non-empty and use only a-z, 0-9 and -",
        "role `Bad_Id`: unknown source `nowhere`",
        "role `Bad_Id` requires: unknown credential `ghost`",
        "role `rumour-role`: source `blog` is third-party, so it must be verified = false",
        "role `rumour-role`: year 1850 is implausible (expected 1990-2100)",
        "transition `t`: `to` names unknown role `missing-role`",
        "transition `t` months: typical 30 lies outside min 36 / max -",
        "credential prerequisites form a cycle: a -> b -> a",
    ];
    for message in expect {
        assert!(
            problems.iter().any(|p| p == message),
            "missing {message:?} in {problems:#?}"
        );
    }
    assert_eq!(problems.len(), expect.len(), "{problems:#?}");
}

#[test]
fn search_ranks_exact_abbreviations_first() {
    let catalog = catalog();
    let hits = catalog.search("ccrn");
    let mut top: Vec<(HitKind, &str)> = hits
        .iter()
        .take(2)
        .map(|h| (h.kind, h.id.as_str()))
        .collect();
    top.sort();
    assert_eq!(
        top,
        [
            (HitKind::Role, "critical-care-nurse"),
            (HitKind::Credential, "ccrn")
        ]
    );
    assert_eq!(
        hits,
        catalog.search("CCRN"),
        "case-insensitive and deterministic"
    );

    let first_role = |query: &str| {
        catalog
            .search(query)
            .into_iter()
            .find(|h| h.kind == HitKind::Role)
            .map(|h| h.id)
    };
    assert_eq!(first_role("RN").as_deref(), Some("registered-nurse"));
    assert_eq!(first_role("np").as_deref(), Some("nurse-practitioner"));
    assert_eq!(
        first_role("MLT").as_deref(),
        Some("medical-laboratory-technician")
    );
    assert_eq!(
        first_role("nurse practitioner").as_deref(),
        Some("nurse-practitioner")
    );
    assert_eq!(
        first_role("sonographer").as_deref(),
        Some("diagnostic-medical-sonographer")
    );
    assert!(
        catalog
            .search("pharmacy")
            .iter()
            .any(|h| h.id == "pharmacy-technician")
    );
    assert!(catalog.search("").is_empty());
    assert!(catalog.search("zzzz qqqq").is_empty());
}

#[test]
fn milestones_are_valid_plan_toml() {
    let route = catalog()
        .path("certified-nursing-assistant", "nurse-practitioner")
        .unwrap();
    let text = route.to_milestones_toml("cna-np");
    let parsed: toml::Table = toml::from_str(&text).expect("milestones parse as TOML");
    let milestones = parsed["milestones"].as_array().expect("a milestones array");
    assert!(milestones.len() >= route.steps.len() * 2);
    let kinds = [
        "education",
        "certification",
        "exam",
        "license",
        "experience",
        "training",
        "application",
    ];
    let mut seen: Vec<&str> = Vec::new();
    for milestone in milestones {
        let table = milestone.as_table().unwrap();
        for key in table.keys() {
            assert!(
                ["id", "title", "kind", "after", "duration", "cost", "notes"]
                    .contains(&key.as_str()),
                "unexpected field {key}"
            );
        }
        let id = table["id"].as_str().unwrap();
        assert!(id.starts_with("cna-np-"));
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        );
        assert!(!seen.contains(&id), "duplicate id {id}");
        assert!(!table["title"].as_str().unwrap().is_empty());
        assert!(kinds.contains(&table["kind"].as_str().unwrap()));
        for after in table
            .get("after")
            .and_then(|a| a.as_array())
            .into_iter()
            .flatten()
        {
            assert!(
                seen.contains(&after.as_str().unwrap()),
                "{id} after an unknown or later id"
            );
        }
        if let Some(duration) = table.get("duration") {
            let duration = duration.as_str().unwrap();
            let (number, unit) = duration.split_once(' ').unwrap();
            assert!(number.parse::<u32>().unwrap() > 0);
            assert!(unit == "months" || unit == "month");
        }
        if let Some(cost) = table.get("cost") {
            assert!(
                cost.as_integer()
                    .map(|c| c as f64)
                    .or(cost.as_float())
                    .unwrap()
                    >= 0.0
            );
        }
        seen.push(id);
    }
    insta::assert_snapshot!("cna_to_np_milestones", text);
}

#[test]
fn milestone_ids_survive_an_awkward_prefix() {
    let route = catalog()
        .path("registered-nurse", "critical-care-nurse")
        .unwrap();
    let text = route.to_milestones_toml("  Zoë's \"plan\" ");
    let parsed: toml::Table = toml::from_str(&text).unwrap();
    let first = &parsed["milestones"].as_array().unwrap()[0];
    assert!(first["id"].as_str().unwrap().starts_with("zo-s-plan-1-"));
    let empty = route.to_milestones_toml("!!!");
    assert!(empty.contains("id = \"path-1-"));
}

#[test]
fn renewals_are_known_for_held_credentials() {
    let catalog = catalog();
    let cpht = catalog.renewal_of("cpht").unwrap();
    assert_eq!((cpht.months, cpht.ce_hours), (24, Some(20.0)));
    assert_eq!(cpht.source, "ptcb");
    // One cycle per credential: ARRT's is the 2-year CE biennium, not the yearly registration.
    let arrt = catalog.renewal_of("arrt-r").unwrap();
    assert_eq!((arrt.months, arrt.ce_hours), (24, Some(24.0)));
    assert!(catalog.renewal_of("bachelors-degree").is_none());
    assert!(catalog.renewal_of("no-such-credential").is_none());
}

#[test]
fn renderings_show_sources_and_flags() {
    let catalog = catalog();
    let rn = render_role(catalog.role("registered-nurse").unwrap(), catalog);
    assert!(
        rn.contains("US$93,600 a year, US median, BLS May 2024\n"),
        "{rn}"
    );
    assert!(rn.contains("+4.9% over 2024-34"), "{rn}");
    let analyst = render_role(catalog.role("healthcare-data-analyst").unwrap(), catalog);
    assert!(
        analyst.contains("US median, BLS May 2024 (proxy) (unverified)"),
        "{analyst}"
    );
    let chda = render_credential(catalog.credential("chda").unwrap(), catalog);
    assert!(
        chda.contains("Initial eligibility (unverified) [unverified]"),
        "{chda}"
    );
    let list = render_list(catalog);
    for track in Track::ALL {
        assert!(list.contains(track.title()), "{track}");
    }
    insta::assert_snapshot!(
        "role_critical_care_nurse",
        render_role(catalog.role("critical-care-nurse").unwrap(), catalog)
    );
    insta::assert_snapshot!(
        "credential_ccrn",
        render_credential(catalog.credential("ccrn").unwrap(), catalog)
    );
}

#[test]
fn catalog_and_route_round_trip_through_json() {
    let catalog = catalog();
    let json = serde_json::to_string(catalog).unwrap();
    let back: Catalog = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, catalog);
    let route = catalog.path("emt", "paramedic").unwrap();
    let json = serde_json::to_string(&route).unwrap();
    let back: carepath_catalog::Route = serde_json::from_str(&json).unwrap();
    assert_eq!(back, route);
}
