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
    for item in v["items"].as_array().unwrap() {
        assert!(
            !["rn-license", "aprn-license", "fnp-bc"].contains(&item["id"].as_str().unwrap()),
            "no US licence asked of an Ontario RN: {item}"
        );
    }
    // Aiming at a role that asks for the RN licence, her role implies it.
    let dir = scratch("ontario-rn-to-manager");
    let plan = dir.join("plan.toml");
    let text = std::fs::read_to_string(fixture("rn-ontario-to-np.toml")).unwrap();
    std::fs::write(
        &plan,
        text.replace("role = \"nurse-practitioner\"", "role = \"nurse-manager\""),
    )
    .unwrap();
    let r = run(carepath().args(["--format", "json", "gap"]).arg(&plan));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let licence = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "rn-license")
        .expect("the manager role requires the RN licence");
    assert_eq!(licence["held"], true, "her role implies it: {licence}");
    let r = run(carepath().args(["gap", "fixtures/rn-ontario-to-np.toml"]));
    assert!(
        !r.stdout.contains("→ Registered nurse ("),
        "her route does not start by becoming what she is:\n{}",
        r.stdout
    );
}

/// The text with its whitespace collapsed, so a figure and its note wrapped over lines (or
/// laid out by pdftotext) read as one sentence.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every dollar figure in `text` names its currency (US$ or CA$), and every US figure is
/// followed within its sentence by the note that says it is another region's.
fn us_figures_say_so(text: &str, region: &str, what: &str) {
    let flat = one_line(text);
    for (at, _) in flat.match_indices('$') {
        let before = &flat[..at];
        assert!(
            before.ends_with("US") || before.ends_with("CA"),
            "{what}: a dollar figure without its currency at {:?}",
            &flat[at.saturating_sub(40)..(at + 40).min(flat.len())]
        );
        // A table's columns interleave their notes: `compare` is checked in its JSON.
        if before.ends_with("US") && what != "compare" {
            let window = &flat[at..(at + 260).min(flat.len())];
            assert!(
                window.contains(&format!("no figure for {region}"))
                    || window.contains("not compared"),
                "{what}: a US figure for a {region} plan that does not say so: {window:?}"
            );
        }
    }
}

fn pdf_text(plan: &str, name: &str) -> Option<String> {
    let dir = scratch(name);
    let pdf = dir.join("plan.pdf");
    let r = run(carepath()
        .args(["export", plan, "--to", "pdf", "-o"])
        .arg(&pdf));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let Ok(o) = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
    else {
        crate::skip_or_fail("pdftotext", "apt install poppler-utils");
        return None;
    };
    Some(String::from_utf8_lossy(&o.stdout).into_owned())
}

/// The outputs of every format for a plan, by name: text of show, gap, path, explore and
/// compare; JSON of gap, explore, compare and the export; CSV and ICS; the PDF's text.
fn every_output(plan: &str, region: &str, name: &str) -> Vec<(String, String)> {
    let text = |args: &[&str]| {
        let r = run(carepath().args(args));
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        r.stdout
    };
    let v: serde_json::Value =
        serde_json::from_str(&text(&["--format", "json", "gap", plan])).unwrap();
    let from = "registered-nurse";
    let to = v["target_role"].as_str().unwrap().to_string();
    let mut alternatives: Vec<String> = v["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["role"].as_str().unwrap().to_string())
        .collect();
    alternatives.truncate(3);
    let mut compare = vec!["compare".to_string()];
    compare.extend(alternatives);
    compare.extend(["--plan".to_string(), plan.to_string()]);
    let compare: Vec<&str> = compare.iter().map(String::as_str).collect();
    let mut json_compare = vec!["--format", "json"];
    json_compare.extend(&compare);
    let dir = scratch(name);
    let r = run(carepath()
        .args(["export", plan, "--to", "csv,ics,json", "-o"])
        .arg(format!("{}/", dir.display())));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut outputs = vec![
        ("show".to_string(), text(&["show", plan])),
        ("gap".to_string(), text(&["gap", plan])),
        (
            "gap json".to_string(),
            text(&["--format", "json", "gap", plan]),
        ),
        (
            "path".to_string(),
            text(&["path", "--from", from, "--to", &to, "--region", region]),
        ),
        ("explore".to_string(), text(&["explore", plan])),
        (
            "explore json".to_string(),
            text(&["--format", "json", "explore", plan]),
        ),
        ("compare".to_string(), text(&compare)),
        ("compare json".to_string(), text(&json_compare)),
    ];
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        outputs.push((name, std::fs::read_to_string(&f).unwrap()));
    }
    if let Some(pdf) = pdf_text(plan, &format!("{name}-pdf")) {
        outputs.push(("pdf".to_string(), pdf));
    }
    outputs
}

/// A JSON pay figure of another region than the plan's says so.
fn json_figures_say_so(v: &serde_json::Value, region: &str, what: &str) {
    match v {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(r)) = map.get("pay_region")
                && r != region
            {
                let source = map["pay_source"].as_str().unwrap_or("");
                assert!(
                    source.contains(&format!("no figure for {region}")),
                    "{what}: {r} pay without the note: {v}"
                );
            }
            if let (Some(serde_json::Value::String(r)), Some(fallback)) =
                (map.get("region"), map.get("fallback"))
                && map.contains_key("currency")
            {
                assert_eq!(
                    fallback.as_bool(),
                    Some(r != region),
                    "{what}: fallback flag of a {r} figure: {v}"
                );
            }
            if let Some(serde_json::Value::String(text)) = map.get("pay_text")
                && text.contains("US$")
            {
                assert!(
                    text.contains(&format!("no figure for {region}")),
                    "{what}: {text}"
                );
            }
            for value in map.values() {
                json_figures_say_so(value, region, what);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                json_figures_say_so(item, region, what);
            }
        }
        _ => {}
    }
}

#[test]
fn an_ontario_plan_shows_cad_and_says_so_of_every_us_figure_in_every_output() {
    let outputs = every_output("fixtures/rn-ontario-to-np.toml", "CA-ON", "every-output-on");
    let names: Vec<&str> = outputs.iter().map(|(n, _)| n.as_str()).collect();
    for want in [
        "milestones.csv",
        "rn-ontario-to-np.ics",
        "rn-ontario-to-np.json",
    ] {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
    for (name, text) in &outputs {
        us_figures_say_so(text, "CA-ON", name);
        if name.contains("json") {
            let v: serde_json::Value = serde_json::from_str(text).unwrap();
            json_figures_say_so(&v, "CA-ON", name);
        }
    }
    let get = |n: &str| &outputs.iter().find(|(name, _)| name == n).unwrap().1;
    for n in ["gap", "path", "explore", "compare"] {
        assert!(
            get(n).contains("CA$"),
            "{n} shows Canadian pay:\n{}",
            get(n)
        );
    }
    assert!(get("path").contains("Start: Registered nurse, pay CA$76,050 a year, CA-ON"));
    if names.contains(&"pdf") {
        let pdf = one_line(get("pdf"));
        assert!(
            pdf.contains("CA$76,050 · CA-ON"),
            "the RN's Ontario pay in the PDF"
        );
        assert!(pdf.contains("Options considered"), "the alternatives' page");
    }
}

#[test]
fn a_uk_plan_shows_nhs_bands_in_gbp_and_says_so_of_every_us_figure_in_every_output() {
    let outputs = every_output("fixtures/uk-rn-to-acp.toml", "GB", "every-output-gb");
    for (name, text) in &outputs {
        us_figures_say_so(text, "GB", name);
        assert!(
            !text.contains("CA$"),
            "{name}: no Canadian figure for a UK plan"
        );
        if name.contains("json") {
            let v: serde_json::Value = serde_json::from_str(text).unwrap();
            json_figures_say_so(&v, "GB", name);
        }
    }
    let get = |n: &str| &outputs.iter().find(|(name, _)| name == n).unwrap().1;
    for n in ["gap", "path", "compare"] {
        assert!(
            get(n).contains("£55,690") && get(n).contains("band 8a"),
            "{n} shows the ACP's NHS band in GBP:\n{}",
            get(n)
        );
    }
    let flat = one_line(get("gap"));
    assert!(!flat.contains("NCLEX") && !flat.contains("APRN"), "{flat}");
    assert!(flat.contains("framework"), "the ACP framework: {flat}");
    if let Some(pdf) = outputs.iter().find(|(n, _)| n == "pdf") {
        let pdf = one_line(&pdf.1);
        assert!(pdf.contains("£31,049 · GB"), "the band 5 start in the PDF");
        assert!(
            pdf.contains("£55,690 · GB"),
            "the band 8a target in the PDF"
        );
        assert!(
            pdf.contains("Options considered") && pdf.contains("District nurse"),
            "the alternatives' page"
        );
    }
}

#[test]
fn an_ontario_np_registers_with_cno_and_needs_no_us_licence() {
    let r = run(carepath().args(["gap", "fixtures/rn-ontario-to-np.toml"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    for absent in [
        "NCLEX",
        "APRN",
        "State board",
        "FNP-BC",
        "→ Registered nurse (",
    ] {
        assert!(!r.stdout.contains(absent), "{absent}:\n{}", r.stdout);
    }
    assert!(
        r.stdout
            .contains("CNO registration in the Extended Class (nurse practitioner)"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("source: CNO (2019)"), "{}", r.stdout);
    // The same role in the US still takes the US route.
    let us = run(carepath().args(["catalog", "show", "nurse-practitioner"]));
    assert!(
        us.stdout
            .contains("all of: RN (rn-license), FNP-BC (fnp-bc), APRN (aprn-license)"),
        "{}",
        us.stdout
    );
    assert!(us.stdout.contains("Requires in CA-ON:"), "{}", us.stdout);
    let r = run(carepath().args([
        "path",
        "--from",
        "registered-nurse",
        "--to",
        "nurse-practitioner",
        "--region",
        "CA-ON",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("earns: MSN, NP (CNO)"), "{}", r.stdout);
    assert!(!r.stdout.contains("APRN"), "{}", r.stdout);
    let r = run(carepath().args([
        "path",
        "--from",
        "registered-nurse",
        "--to",
        "nurse-practitioner",
        "--region",
        "GB",
    ]));
    assert_eq!(r.code, 1, "no US APRN route for a UK nurse: {}", r.stdout);
    assert!(
        r.stderr
            .contains("no route from registered-nurse to nurse-practitioner in GB")
    );
}

#[test]
fn path_from_respiratory_therapist_to_nurse_practitioner_goes_through_the_rn_licence() {
    let r = run(carepath().args([
        "--format",
        "json",
        "path",
        "--from",
        "respiratory-therapist",
        "--to",
        "nurse-practitioner",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let steps = v["steps"].as_array().unwrap();
    let first = &steps[0];
    assert_eq!(first["to"], "registered-nurse");
    assert!(
        first["earns"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "rn-license"),
        "the bridge earns the RN licence: {first}"
    );
    assert_eq!(steps.last().unwrap()["to"], "nurse-practitioner");
    assert!(
        v["total_months"].as_u64().unwrap() >= 48,
        "{}",
        v["total_months"]
    );
}

#[test]
fn an_rt_goal_to_be_an_np_within_18_months_fails_achievable_with_the_routes_months() {
    let dir = scratch("rt-to-np");
    let plan = dir.join("plan.toml");
    let r = run(carepath()
        .args([
            "init",
            "--role",
            "respiratory-therapist",
            "--target",
            "nurse-practitioner",
            "-o",
        ])
        .arg(&plan));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&plan).unwrap();
    // init proposes the route's typical 72 months and half a year of slack.
    assert!(text.contains("by = 2033-05-22"), "{text}");
    let r = run(carepath().arg("check").arg(&plan));
    assert!(
        r.stdout.contains("S✓ M✓ A✓"),
        "the proposed date is achievable:\n{}",
        r.stdout
    );
    let soon = text.replace("by = 2033-05-22", "by = 2028-05-22").replacen(
        "due = 2033-05-22",
        "due = 2028-05-22",
        1,
    );
    std::fs::write(&plan, soon).unwrap();
    let r = run(carepath().arg("check").arg(&plan));
    assert!(r.stdout.contains("A✗"), "{}", r.stdout);
    assert!(
        one_line(&r.stdout).contains(
            "achievable: fails: the catalog's fastest route (Registered respiratory therapist → Registered nurse → Nurse practitioner (family / primary care)) takes at least 48 months (typically 72), but the goal is due 18 months after the plan's start (2028-05-22)"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn the_pdf_path_shows_every_step_from_the_current_role_to_the_target() {
    let Some(pdf) = pdf_text("fixtures/cna-to-rn.toml", "pdf-path-cna") else {
        return;
    };
    let page = pdf
        .split("The path and the pay along it")
        .nth(1)
        .expect("the path page");
    let flat = one_line(page);
    let now = flat.find("now Certified nursing assistant").expect(&flat);
    let lpn = flat.find("1 Licensed practical").expect(&flat);
    let rn = flat.find("2 Registered nurse").expect(&flat);
    assert!(now < lpn && lpn < rn, "in order: {flat}");
    assert!(
        flat.contains("US$39,530 · US"),
        "the start's pay, labelled: {flat}"
    );
}
