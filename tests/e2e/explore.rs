//! `explore` and `compare` through the CLI.

use crate::*;

/// The ids of the roles `explore --format json` ranks, best first.
fn ranked(plan: &str, extra: &[&str]) -> Vec<String> {
    let r = run(carepath()
        .args(["--format", "json", "explore", plan])
        .args(extra));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    for role in v["roles"].as_array().unwrap() {
        let parts: u64 = role["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["points"].as_u64().unwrap())
            .sum();
        assert_eq!(
            parts,
            role["score"].as_u64().unwrap(),
            "parts add up: {role}"
        );
    }
    v["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn explore_ranks_teaching_and_leadership_roles_high_for_a_teaching_rn() {
    let ids = ranked("fixtures/rn-ontario-to-np.toml", &[]);
    let top: Vec<&str> = ids.iter().take(5).map(String::as_str).collect();
    assert!(top.contains(&"nurse-educator"), "top five of 35: {top:?}");
    assert!(top.contains(&"nurse-manager"), "top five of 35: {top:?}");
    let r = run(carepath().args(["explore", "fixtures/rn-ontario-to-np.toml"]));
    assert!(
        r.stdout.contains("CA$"),
        "Ontario figures in CAD:\n{}",
        r.stdout
    );
    insta::assert_snapshot!("explore_rn_ontario", r.stdout);
}

#[test]
fn explore_puts_data_and_informatics_first_for_the_lab_technician() {
    let ids = ranked("fixtures/lab-to-data-analytics.json", &[]);
    assert_eq!(
        ids[..2],
        ["healthcare-data-analyst", "health-informatics-specialist"],
        "data and informatics lead"
    );
    let r = run(carepath().args(["explore", "fixtures/lab-to-data-analytics.json"]));
    insta::assert_snapshot!("explore_lab_to_data", r.stdout);
}

#[test]
fn explore_on_every_fixture_gives_a_ranking() {
    for plan in [
        "fixtures/rn-to-acnp.toml",
        "fixtures/cna-to-rn.toml",
        "fixtures/sonography-student-to-cardiac.toml",
    ] {
        let ids = ranked(plan, &[]);
        assert!(!ids.is_empty(), "{plan} gives roles");
        let r = run(carepath().args(["explore", plan]));
        for line in r.stdout.lines() {
            assert!(line.chars().count() <= 100, "too wide: {line:?}");
        }
        let name = std::path::Path::new(plan)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        insta::assert_snapshot!(format!("explore_{name}"), r.stdout);
    }
}

#[test]
fn explore_from_the_top_of_a_ladder_says_there_is_no_route() {
    let r = run(carepath().args(["explore", "fixtures/fnp-renewal.toml"]));
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("the catalog knows no route from Nurse practitioner"),
        "{}",
        r.stderr
    );
}

#[test]
fn explore_filters_and_weights_change_the_answer() {
    let all = ranked("fixtures/rn-ontario-to-np.toml", &["--limit", "50"]);
    let non_clinical = ranked(
        "fixtures/rn-ontario-to-np.toml",
        &["--non-clinical", "--limit", "50"],
    );
    assert!(non_clinical.len() < all.len());
    assert!(!non_clinical.contains(&"nurse-practitioner".to_string()));
    let short = ranked(
        "fixtures/rn-ontario-to-np.toml",
        &["--max-months", "12", "--limit", "50"],
    );
    assert!(
        !short.contains(&"nurse-manager".to_string()),
        "24 months away: {short:?}"
    );
    assert_eq!(
        ranked("fixtures/rn-ontario-to-np.toml", &["--limit", "3"]).len(),
        3
    );
    let pay_only = ranked(
        "fixtures/lab-to-data-analytics.json",
        &[
            "--weight",
            "values=0,interests=0,skills=0,outlook=0,distance=0",
        ],
    );
    let pay_first = ranked("fixtures/lab-to-data-analytics.json", &[]);
    assert_ne!(pay_only, pay_first, "weights change the ranking");
    let r = run(carepath().args([
        "explore",
        "fixtures/rn-ontario-to-np.toml",
        "--max-months",
        "1",
    ]));
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("--max-months removed the most"),
        "{}",
        r.stderr
    );
    let r = run(carepath().args([
        "explore",
        "fixtures/rn-to-acnp.toml",
        "--weight",
        "vaules=2",
    ]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `values`"), "{}", r.stderr);
    let r = run(carepath().args(["explore", "fixtures/rn-to-acnp.toml", "--region", "FR"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("it has CA"), "{}", r.stderr);
}

#[test]
fn compare_three_roles_fits_100_columns() {
    let r = run(carepath().args([
        "compare",
        "nurse-educator",
        "nurse-manager",
        "nurse-practitioner",
        "--plan",
        "fixtures/rn-ontario-to-np.toml",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    for line in r.stdout.lines() {
        assert!(line.chars().count() <= 100, "too wide: {line:?}");
    }
    assert!(r.stdout.contains("CA$"), "{}", r.stdout);
    assert!(
        r.stdout.contains("CA$78,000"),
        "the manager's Ontario pay:\n{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("figure for CA-ON; the US"),
        "a US figure says so:\n{}",
        r.stdout
    );
    insta::assert_snapshot!("compare_three_for_ontario", r.stdout);
    let r = run(carepath().args(["compare", "nurse-educator", "nurse-mangaer"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("nurse-manager"), "{}", r.stderr);
}

#[test]
fn compare_json_has_every_field() {
    let r = run(carepath().args([
        "--format",
        "json",
        "compare",
        "healthcare-data-analyst",
        "health-informatics-specialist",
        "--plan",
        "fixtures/lab-to-data-analytics.json",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let roles = v["roles"].as_array().unwrap();
    assert_eq!(roles.len(), 2);
    let fields = [
        "id",
        "name",
        "track",
        "regions",
        "pay",
        "pay_text",
        "outlook_text",
        "entry_education",
        "credentials",
        "route_months",
        "route_cost",
        "route_text",
        "clinical",
        "settings",
        "shift_work",
        "values",
        "skills",
        "sources",
        "verified",
    ];
    for role in roles {
        let keys: Vec<&str> = role
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for f in fields {
            assert!(keys.contains(&f), "{f} missing in {role}");
        }
    }
    assert_eq!(roles[0]["route_months"], 36);
    assert_eq!(v["region"], "US");
}

#[test]
fn gap_for_an_ontario_rn_counts_her_licence_as_held() {
    let r = run(carepath().args(["--format", "json", "gap", "fixtures/rn-ontario-to-np.toml"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let licence = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "rn-license")
        .expect("the NP role requires the RN licence");
    assert_eq!(licence["held"], true, "her role implies it: {licence}");
    let r = run(carepath().args(["gap", "fixtures/rn-ontario-to-np.toml"]));
    assert!(
        !r.stdout.contains("→ Registered nurse ("),
        "her route does not start by becoming what she is:\n{}",
        r.stdout
    );
}
