//! Regions: figures per region, the fall-back a reader is told about, the one pay formatter,
//! and the integrity checks on regions, currencies and tags.

use carepath_catalog::{
    Catalog, IntegrityProblem, check_integrity, locate_problems, outlook_text, pay_text,
    untagged_roles,
};

/// A role with figures for the US, Canada and Ontario, and one for GB only.
const REGIONS: &str = r#"
[[roles]]
id = "nurse"
name = "Nurse"
track = "nursing"
values = ["patient-care"]
settings = ["hospital"]
skills = ["patient assessment"]
source = "mine"
year = 2025
verified = true

[[roles.pay]]
amount = 93600
currency = "USD"
region = "US"
period = "May 2024"
year = 2024
source = "bls"
verified = true

[[roles.pay]]
amount = 85000
currency = "CAD"
region = "CA"
period = "2023-2024"
year = 2024
source = "jobbank"
verified = false

[[roles.pay]]
amount = 90000
currency = "CAD"
region = "CA-ON"
period = "2023-2024"
year = 2024
source = "jobbank"
proxy = true
verified = true

[[roles.outlook]]
region = "CA"
conditions = "shortage"
period = "2024-33"
source = "jobbank"
verified = true

[[roles]]
id = "associate"
name = "Nursing associate"
track = "nursing"
regions = ["GB"]
values = ["patient-care"]
settings = ["hospital"]
skills = ["care"]
pay = { amount = 27485, currency = "GBP", region = "GB", basis = "Agenda for Change band 4, entry point", period = "2025/26", year = 2025, source = "nhs", verified = true }
source = "mine"
year = 2025
verified = true

[sources.mine]
label = "Mine"
citation = "Mine."
year = 2025

[sources.bls]
label = "BLS"
citation = "BLS."
year = 2024

[sources.jobbank]
label = "Job Bank"
citation = "Job Bank."
year = 2024

[sources.nhs]
label = "NHS Employers"
citation = "NHS Employers."
year = 2025
"#;

fn regions() -> Catalog {
    let catalog = Catalog::from_toml_str(REGIONS).expect("it parses");
    assert_eq!(check_integrity(&catalog), Vec::<IntegrityProblem>::new());
    catalog
}

#[test]
fn the_asked_region_then_its_country_then_the_us_then_the_first() {
    let catalog = regions();
    let nurse = catalog.role("nurse").unwrap();
    let amount_of = |region: Option<&str>| {
        let pay = nurse.pay_for(region).unwrap();
        (pay.figure.amount, pay.figure.region.clone(), pay.fallback)
    };
    assert_eq!(amount_of(Some("CA-ON")), (90_000.0, "CA-ON".into(), false));
    assert_eq!(amount_of(Some("ca-on")), (90_000.0, "CA-ON".into(), false));
    // Another province: the Canadian figure, said to be a fall-back.
    assert_eq!(amount_of(Some("CA-BC")), (85_000.0, "CA".into(), true));
    // A country the role has no figure for: the US figure.
    assert_eq!(amount_of(Some("GB")), (93_600.0, "US".into(), true));
    // None asked: the US figure, and nothing to tell.
    assert_eq!(amount_of(None), (93_600.0, "US".into(), false));
    let bc = nurse.pay_for(Some("CA-BC")).unwrap();
    assert_eq!(
        bc.fallback_note().as_deref(),
        Some("no figure for CA-BC; the CA figure is shown")
    );
    assert_eq!(nurse.pay_for(Some("CA-ON")).unwrap().fallback_note(), None);
    // No US figure: the first one.
    let associate = catalog.role("associate").unwrap();
    let pay = associate.pay_for(Some("US")).unwrap();
    assert_eq!((pay.figure.region.as_str(), pay.fallback), ("GB", true));
    assert_eq!(
        pay.fallback_note().as_deref(),
        Some("no figure for US; the GB figure is shown")
    );
    // Outlook picks the same way.
    let outlook = nurse.outlook_for(Some("CA-ON")).unwrap();
    assert_eq!(
        (outlook.figure.region.as_str(), outlook.fallback),
        ("CA", true)
    );
}

#[test]
fn pay_text_names_currency_region_source_and_marks() {
    let catalog = regions();
    let nurse = catalog.role("nurse").unwrap();
    let text = |region: &str| pay_text(nurse.pay_for(Some(region)).unwrap().figure, &catalog);
    assert_eq!(text("US"), "US$93,600 a year, US median, BLS May 2024");
    assert_eq!(
        text("CA"),
        "CA$85,000 a year, CA median, Job Bank 2023-2024 (unverified)"
    );
    assert_eq!(
        text("CA-ON"),
        "CA$90,000 a year, CA-ON median, Job Bank 2023-2024 (proxy)"
    );
    let associate = catalog.role("associate").unwrap();
    assert_eq!(
        pay_text(&associate.pay[0], &catalog),
        "£27,485 a year, GB Agenda for Change band 4, entry point, NHS Employers 2025/26"
    );
    assert_eq!(
        outlook_text(&nurse.outlook[0], &catalog),
        "shortage over 2024-33, CA, Job Bank"
    );
}

#[test]
fn regions_lists_every_region_with_a_figure_and_roles_name_where_they_exist() {
    let catalog = regions();
    assert_eq!(catalog.regions(), ["CA", "CA-ON", "GB", "US"]);
    let associate = catalog.role("associate").unwrap();
    assert!(associate.exists_in("GB"));
    assert!(associate.exists_in("GB-SCT"));
    assert!(!associate.exists_in("US"));
    assert!(catalog.role("nurse").unwrap().exists_in("CA-ON"));
}

#[test]
fn one_table_and_an_array_of_tables_read_alike() {
    let catalog = regions();
    assert_eq!(catalog.role("nurse").unwrap().pay.len(), 3);
    assert_eq!(catalog.role("associate").unwrap().pay.len(), 1);
    // An unknown key inside one figure of an array is still an error, at its place.
    let text = REGIONS.replace("proxy = true", "proxxy = true");
    let error = Catalog::from_toml_str(&text).unwrap_err();
    assert!(error.to_string().contains("proxxy"), "{error}");
}

fn problems(text: &str) -> Vec<IntegrityProblem> {
    let catalog = Catalog::from_toml_str(text).expect("it parses");
    let mut problems = check_integrity(&catalog);
    locate_problems(&mut problems, text);
    problems
}

#[test]
fn bad_regions_currencies_tags_and_doubled_figures_are_problems_at_their_place() {
    let text = REGIONS
        .replace(
            "currency = \"CAD\"\nregion = \"CA\"\n",
            "currency = \"USD\"\nregion = \"CA\"\n",
        )
        .replace("region = \"CA-ON\"", "region = \"CA\"")
        .replace(
            "values = [\"patient-care\"]\nsettings",
            "values = [\"fame\"]\nsettings",
        )
        .replace("regions = [\"GB\"]", "regions = [\"UK-\"]")
        .replace("conditions = \"shortage\"", "conditions = \"booming\"");
    let found = problems(&text);
    let messages: Vec<&str> = found.iter().map(|p| p.message.as_str()).collect();
    let expect = [
        "role `nurse`: values `fame` is not one of patient-care, research, innovation, advocacy, leadership, teaching, technology, public-health, autonomy, teamwork, precision, stability, lifelong-learning, flexibility",
        "role `nurse` pay (CA): currency `USD` does not fit region CA, whose figures are in CAD",
        "role `nurse` pay (CA): a second figure for region CA",
        "role `nurse` outlook (CA): conditions `booming` is not one of shortage, balance, surplus",
        "role `associate`: region `UK-` is not an ISO 3166 code such as US, CA-ON or GB",
        "role `associate` pay (GB): region GB is not among the role's regions (UK-)",
    ];
    for message in expect {
        assert!(
            messages.contains(&message),
            "{message}\nnot in {messages:#?}"
        );
    }
    // Each at its offending value in the text.
    let fame = found.iter().find(|p| p.message.contains("fame")).unwrap();
    assert_eq!(&text[fame.span.clone().unwrap()], "fame");
    let usd = found
        .iter()
        .find(|p| p.message.contains("does not fit"))
        .unwrap();
    assert_eq!(&text[usd.span.clone().unwrap()], "USD");
}

#[test]
fn an_outlook_needs_a_percent_or_conditions() {
    let text = REGIONS.replace("conditions = \"shortage\"\n", "");
    let messages: Vec<String> = problems(&text).into_iter().map(|p| p.message).collect();
    assert_eq!(
        messages,
        ["role `nurse` outlook (CA): gives neither percent nor conditions"]
    );
}

#[test]
fn untagged_roles_are_named_with_what_they_lack() {
    let text = REGIONS.replace("skills = [\"care\"]\n", "").replace(
        "values = [\"patient-care\"]\nsettings = [\"hospital\"]\nskills = [\"patient assessment\"]\n",
        "",
    );
    let catalog = Catalog::from_toml_str(&text).unwrap();
    let messages: Vec<String> = untagged_roles(&catalog)
        .into_iter()
        .map(|p| p.message)
        .collect();
    assert_eq!(
        messages,
        [
            "role `nurse` is not tagged: no values, no settings, no skills",
            "role `associate` is not tagged: no skills",
        ]
    );
    assert!(untagged_roles(Catalog::embedded()).is_empty());
}

#[test]
fn the_embedded_catalog_covers_the_us_canada_and_the_uk() {
    let catalog = Catalog::embedded();
    assert!(catalog.roles.len() >= 100, "{} roles", catalog.roles.len());
    let regions = catalog.regions();
    for country in ["US", "CA", "GB"] {
        assert!(
            catalog
                .roles
                .iter()
                .flat_map(|r| &r.pay)
                .any(|p| p.region.split('-').next() == Some(country)),
            "no pay figure for {country} in {regions:?}"
        );
    }
    assert!(regions.contains(&"CA-ON".to_owned()), "{regions:?}");
    // Roles of one system name their region, and only its figures.
    for (id, region) in [
        ("nursing-associate", "GB"),
        ("healthcare-assistant", "GB"),
        ("registered-practical-nurse", "CA-ON"),
        ("personal-support-worker", "CA-ON"),
    ] {
        let role = catalog.role(id).unwrap();
        assert_eq!(role.regions, [region], "{id}");
        assert!(!role.exists_in("US"), "{id}");
    }
    // An Ontario RN sees the Ontario figure in CAD; a UK RN the NHS band in GBP.
    let rn = catalog.role("registered-nurse").unwrap();
    let on = rn.pay_for(Some("CA-ON")).unwrap();
    assert_eq!((on.figure.currency.as_str(), on.fallback), ("CAD", false));
    let gb = rn.pay_for(Some("GB")).unwrap();
    assert!(
        pay_text(gb.figure, catalog).starts_with("£31,049 a year, GB Agenda for Change band 5")
    );
    // A province without its own figure falls back to the country's outlook, and says so.
    let bc = rn.outlook_for(Some("CA-BC")).unwrap();
    assert_eq!(bc.figure.conditions.as_deref(), Some("shortage"));
    assert_eq!(
        bc.fallback_note().as_deref(),
        Some("no figure for CA-BC; the CA figure is shown")
    );
}

#[test]
fn every_figure_is_cited_and_proxies_say_whose_figure_they_are() {
    let catalog = Catalog::embedded();
    let mut verified = 0;
    let mut unverified = 0;
    for role in &catalog.roles {
        for pay in &role.pay {
            assert!(catalog.source(&pay.source).is_some(), "{}", role.id);
            assert!(pay.year >= 2024, "{}: {}", role.id, pay.year);
            if pay.proxy {
                assert!(pay.note.is_some(), "{}: a proxy says whose figure", role.id);
                assert!(pay_text(pay, catalog).contains("(proxy)"), "{}", role.id);
            }
            if pay.verified {
                verified += 1;
            } else {
                unverified += 1;
                assert!(
                    pay_text(pay, catalog).ends_with("(unverified)"),
                    "{}",
                    role.id
                );
            }
        }
    }
    assert!(
        verified > 50 && unverified > 20,
        "{verified} / {unverified}"
    );
}

#[test]
fn the_known_errors_are_corrected() {
    let catalog = Catalog::embedded();
    let months = |id: &str| catalog.transition(id).unwrap().months.typical;
    assert_eq!(months("pta-to-pt"), 60, "a DPT needs a bachelor's first");
    assert_eq!(months("radiologic-technologist-to-cardiac-sonographer"), 18);
    assert_eq!(months("rn-to-clinical-research-coordinator"), 24);
    for id in [
        "nurse-practitioner",
        "acute-care-np",
        "psychiatric-np",
        "neonatal-np",
    ] {
        assert_eq!(
            catalog.role(id).unwrap().requires.supervised_hours,
            Some(750.0),
            "{id}"
        );
    }
    let rrt = catalog.credential("rrt").unwrap();
    assert!(
        rrt.eligibility
            .iter()
            .any(|p| p.name.contains("Respiratory Therapy Examination") && !p.verified),
        "the 2027 single exam is a route, marked as third-party"
    );
    let ccrp = catalog.credential("ccrp").unwrap();
    let category_3 = ccrp
        .eligibility
        .iter()
        .find(|p| p.name.starts_with("Category 3"))
        .unwrap();
    assert_eq!(category_3.experience[0].hours, Some(1750.0));
    assert_eq!(category_3.experience[0].within_months, Some(24));
    let informatics = catalog.role("health-informatics-specialist").unwrap();
    assert_eq!(informatics.pay[0].amount, 67_310.0);
    let pa = catalog.role("physician-assistant").unwrap();
    assert!(!pa.aliases.iter().any(|a| a == "physician associate"));
}

#[test]
fn a_role_with_several_regions_shows_each_figure() {
    let catalog = Catalog::embedded();
    insta::assert_snapshot!(
        "role_registered_nurse_regions",
        carepath_catalog::render::render_role(catalog.role("registered-nurse").unwrap(), catalog)
    );
}

/// A ladder whose last step differs by region: a US route through a state licence, an
/// Ontario one through the regulator's class, and none in GB.
const LADDER: &str = r#"
[[roles]]
id = "nurse"
name = "Nurse"
track = "nursing"
source = "mine"
year = 2025
verified = true
[roles.requires]
all_of = ["licence"]
[[roles.requires_in]]
region = "CA-ON"
all_of = ["college"]
source = "mine"

[[roles]]
id = "np"
name = "NP"
track = "nursing"
source = "mine"
year = 2025
verified = true
[roles.requires]
all_of = ["licence", "state-aprn"]
[[roles.requires_in]]
region = "CA"
all_of = ["college", "extended-class"]

[[credentials]]
id = "licence"
name = "US licence"
kind = "license"
body = "Board"
source = "mine"
year = 2025
verified = true

[[credentials]]
id = "state-aprn"
name = "State APRN licence"
kind = "license"
body = "Board"
source = "mine"
year = 2025
verified = true

[[credentials]]
id = "college"
name = "College registration"
kind = "license"
body = "College"
source = "mine"
year = 2025
verified = true

[[credentials]]
id = "extended-class"
name = "Extended class"
kind = "license"
body = "College"
source = "mine"
year = 2025
verified = true

[[transitions]]
id = "us-np"
from = "nurse"
to = "np"
regions = ["US"]
via = "US program"
prerequisites = ["licence"]
needs = { all_of = ["state-aprn"] }
months = { typical = 36, verified = true }
source = "mine"
year = 2025
verified = true

[[transitions]]
id = "ontario-np"
from = "nurse"
to = "np"
regions = ["CA-ON"]
via = "Ontario program"
prerequisites = ["college"]
needs = { all_of = ["extended-class"] }
months = { typical = 24, verified = true }
source = "mine"
year = 2025
verified = true

[sources.mine]
label = "mine"
citation = "Test data."
year = 2025
"#;

#[test]
fn requirements_and_steps_follow_the_region() {
    let catalog = Catalog::from_toml_str(LADDER).expect("it parses");
    assert!(
        check_integrity(&catalog).is_empty(),
        "{:?}",
        check_integrity(&catalog)
    );
    let np = catalog.role("np").unwrap();
    // The region's own, else its country's, else the default; none asked: the default.
    assert_eq!(
        np.requires_for(Some("CA-ON")).all_of,
        ["college", "extended-class"]
    );
    assert_eq!(
        np.requires_for(Some("ca")).all_of,
        ["college", "extended-class"]
    );
    assert_eq!(
        np.requires_for(Some("GB")).all_of,
        ["licence", "state-aprn"]
    );
    assert_eq!(np.requires_for(None).all_of, ["licence", "state-aprn"]);

    let step = |region| {
        catalog
            .path_in("nurse", "np", &[], region)
            .map(|r| (r.steps[0].transition.clone(), r.held_at_start.clone()))
    };
    // No region is the US; Ontario starts from the college registration its nurse holds.
    assert_eq!(step(None), Some(("us-np".into(), vec!["licence".into()])));
    assert_eq!(step(Some("US")), step(None));
    assert_eq!(
        step(Some("CA-ON")),
        Some(("ontario-np".into(), vec!["college".into()]))
    );
    assert_eq!(step(Some("GB")), None, "no step is open in GB");
    let route = catalog.path_in("nurse", "np", &[], Some("CA-ON")).unwrap();
    assert_eq!(route.region.as_deref(), Some("CA-ON"));
}

#[test]
fn a_regional_requirement_names_its_region_once_and_known_credentials() {
    let text = LADDER.replace(
        "region = \"CA-ON\"\nall_of = [\"college\"]",
        "all_of = [\"college\", \"ghost\"]",
    );
    let text = format!(
        "{text}\n[[roles.requires_in]]\nregion = \"GB\"\nall_of = [\"licence\"]\n[[roles.requires_in]]\nregion = \"gb\"\nall_of = [\"licence\"]\n"
    );
    // The two GB entries land on the last role (np), after its CA one.
    let found = problems(&text);
    let messages: Vec<&str> = found.iter().map(|p| p.message.as_str()).collect();
    for want in [
        "names no region",
        "unknown credential `ghost`",
        "a second entry for region gb",
    ] {
        assert!(
            messages.iter().any(|m| m.contains(want)),
            "{want}\nnot in {messages:#?}"
        );
    }
}

#[test]
fn an_ontario_np_and_a_uk_acp_need_no_us_licence_or_nclex() {
    let catalog = Catalog::embedded();
    let us_only = ["rn-license", "aprn-license", "fnp-bc"];
    let np = catalog.role("nurse-practitioner").unwrap();
    let ontario = np.requires_for(Some("CA-ON"));
    assert!(
        ontario.all_of.contains(&"cno-np".to_string()),
        "{ontario:?}"
    );
    let cno = catalog.credential("cno-np").unwrap();
    assert_eq!(cno.body, "College of Nurses of Ontario");
    assert!(catalog.source(&cno.source).is_some(), "cited");
    let acp = catalog.role("advanced-clinical-practitioner").unwrap();
    for req in [ontario, acp.requires_for(Some("GB"))] {
        for id in req.credential_ids() {
            assert!(!us_only.contains(&id), "{id} in {req:?}");
        }
        let education = req.education.as_deref().unwrap_or("");
        assert!(!education.contains("NCLEX"), "{education}");
    }
    assert!(
        acp.requires
            .education
            .as_deref()
            .unwrap_or("")
            .contains("framework"),
        "the NHS framework"
    );
    // Their routes from an RN in the region take no US step.
    for (to, region) in [
        ("nurse-practitioner", "CA-ON"),
        ("advanced-clinical-practitioner", "GB"),
    ] {
        let route = catalog
            .path_in("registered-nurse", to, &[], Some(region))
            .unwrap_or_else(|| panic!("a route to {to} in {region}"));
        for step in &route.steps {
            for c in &step.earns {
                assert!(!us_only.contains(&c.id.as_str()), "{to}: earns {}", c.id);
            }
        }
    }
}
