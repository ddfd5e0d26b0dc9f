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
