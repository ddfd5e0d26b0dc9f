//! The catalog through the CLI: gap, path, init, and user catalogs.

use crate::*;

#[test]
fn gap_names_degree_clinical_hours_and_board_certification() {
    let r = run(carepath().args(["gap", "fixtures/rn-to-acnp.toml"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("one of: MSN, DNP"),
        "the graduate degree:\n{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("at least 750 supervised clinical hours"),
        "the clinical hours:\n{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("board certification"),
        "the board certification:\n{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("[unverified]"),
        "unverified facts are marked:\n{}",
        r.stdout
    );
    insta::assert_snapshot!("gap_rn_to_acnp", r.stdout);
    let r = run(carepath().args(["--format", "json", "gap", "fixtures/rn-to-acnp.toml"]));
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["target_role"], "acute-care-np");
}

#[test]
fn path_from_cna_to_np_goes_through_lpn_and_rn() {
    let r = run(carepath().args([
        "--format",
        "json",
        "path",
        "--from",
        "certified-nursing-assistant",
        "--to",
        "nurse-practitioner",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let roles: Vec<&str> = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["to"].as_str().unwrap())
        .collect();
    assert_eq!(
        roles,
        [
            "licensed-practical-nurse",
            "registered-nurse",
            "nurse-practitioner"
        ]
    );
    let r = run(carepath().args([
        "path",
        "--from",
        "certified-nursing-assistant",
        "--to",
        "nurse-practitioner",
    ]));
    assert!(
        r.stdout.contains("$62,340")
            && r.stdout.contains("$93,600")
            && r.stdout.contains("$129,210"),
        "pay at each step:\n{}",
        r.stdout
    );
    insta::assert_snapshot!("path_cna_np", r.stdout);
    let r = run(carepath().args([
        "path",
        "--from",
        "registered-nurs",
        "--to",
        "nurse-practitioner",
    ]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean `registered-nurse`?"),
        "{}",
        r.stderr
    );
}

#[test]
fn emitted_milestones_paste_into_a_plan() {
    let r = run(carepath().args([
        "path",
        "--from",
        "medical-laboratory-technician",
        "--to",
        "healthcare-data-analyst",
        "--emit-milestones",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let dir = scratch("emit");
    let plan = dir.join("plan.toml");
    let text = format!(
        "format = 1\ntitle = \"Lab to data\"\nstart = 2026-01-05\n[person]\nname = \"Ł\"\n\n{}",
        r.stdout
    );
    std::fs::write(&plan, text).unwrap();
    let r = run(carepath().arg("check").arg(&plan));
    assert_eq!(r.code, 0, "{}", r.stdout);
}

/// `init` with flags asks nothing and writes a plan that passes `check` and exports.
#[test]
fn init_writes_a_plan_that_checks_and_exports() {
    for (role, target) in [
        ("certified-nursing-assistant", "registered-nurse"),
        ("medical-laboratory-technician", "healthcare-data-analyst"),
    ] {
        let dir = scratch(&format!("init-{target}"));
        let plan = dir.join("plan.toml");
        let r = run(carepath()
            .args([
                "init",
                "--name",
                "Maria Santos",
                "--role",
                role,
                "--target",
                target,
                "--hours",
                "8",
                "-o",
            ])
            .arg(&plan)
            .stdin(std::process::Stdio::null()));
        assert_eq!(r.code, 0, "{}", r.stderr);
        let text = std::fs::read_to_string(&plan).unwrap();
        assert!(text.contains(&format!("role = \"{target}\"")), "{text}");
        assert!(
            text.matches("[[milestones]]").count() >= 3,
            "the route's milestones are in:\n{text}"
        );
        let r = run(carepath().arg("check").arg(&plan));
        assert_eq!(r.code, 0, "{}", r.stdout);
        assert!(
            !r.stdout.contains("warning["),
            "a fresh plan has no warnings:\n{}",
            r.stdout
        );
        let r = run(carepath()
            .arg("export")
            .arg(&plan)
            .args(["--to", "json", "-o", "-"]));
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        assert!(
            !v["gap"]["path"].as_array().unwrap().is_empty(),
            "the pay along the path is known"
        );
        // Never overwrites without --force.
        let r = run(carepath()
            .args(["init", "--role", role, "-o"])
            .arg(&plan)
            .stdin(std::process::Stdio::null()));
        assert_eq!(r.code, 2);
        assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    }
}

#[test]
fn a_user_catalog_overrides_and_is_checked() {
    let dir = scratch("user-catalog");
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "format = 1\n\n[[roles]]\nid = \"x\"\nnmae = \"X\"\n").unwrap();
    let r =
        run(carepath()
            .arg("--catalog")
            .arg(&bad)
            .args(["catalog", "show", "registered-nurse"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("nmae"), "{}", r.stderr);
    assert!(
        r.stderr.contains("bad.toml:5:1") || r.stderr.contains("bad.toml:"),
        "located:\n{}",
        r.stderr
    );
}

#[test]
fn catalog_search_and_show() {
    let r = run(carepath().args(["catalog", "search", "ccrn"]));
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("critical-care-nurse") && r.stdout.contains("ccrn"),
        "{}",
        r.stdout
    );
    let r = run(carepath().args(["catalog", "show", "ccrn"]));
    assert!(
        r.stdout.contains("1,750"),
        "the CCRN hours rule:\n{}",
        r.stdout
    );
    let r = run(carepath().args(["catalog", "show", "healthcare-data-analyst"]));
    assert!(
        r.stdout.to_lowercase().contains("unverified"),
        "unverified pay is marked:\n{}",
        r.stdout
    );
}

/// In a terminal and without flags, `init` asks its questions and offers catalog roles by
/// words. `script` (util-linux) gives it a real terminal.
#[test]
fn init_asks_in_a_terminal() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        skip_or_fail("script (util-linux)", "apt-get install bsdutils");
        return;
    }
    let dir = scratch("init-tty");
    let cmd = format!(
        "{} --as-of 2026-11-22 init -o plan.toml",
        env!("CARGO_BIN_EXE_carepath")
    );
    let mut child = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            "Maria Santos\ncna\n1\nregistered nurse\n1\n8\npatient-care, family\n".as_bytes(),
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(screen.contains("Your name"), "{screen}");
    assert!(
        screen.contains("1. Certified nursing assistant (certified-nursing-assistant)"),
        "{screen}"
    );
    let text = std::fs::read_to_string(dir.join("plan.toml")).expect("init wrote the plan");
    assert!(text.contains("name = \"Maria Santos\""), "{text}");
    assert!(
        text.contains("role = \"certified-nursing-assistant\""),
        "{text}"
    );
    assert!(text.contains("hours_per_week = 8"), "{text}");
    assert!(
        text.contains("values = [\"patient-care\", \"family\"]"),
        "{text}"
    );
    let r = run(carepath().arg("check").arg(dir.join("plan.toml")));
    assert_eq!(r.code, 0, "{}", r.stdout);
}

/// A user catalog whose credentials can each be earned on its own makes 2^n search states;
/// `path` says the search gave up (exit 2) instead of claiming there is no route.
#[test]
fn path_over_a_hostile_catalog_says_it_gave_up() {
    let toml = carepath_catalog::generate::independent_credentials(120);
    let dir = scratch("hostile-catalog");
    let file = dir.join("hostile.toml");
    std::fs::write(&file, toml).unwrap();
    let r = run(carepath()
        .arg("--catalog")
        .arg(&file)
        .args(["path", "--from", "start", "--to", "goal"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("gave up after 100,000 routes")
            && r.stderr.contains("a route may still exist"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("knows no route"), "{}", r.stderr);
}

/// A user catalog entry that names an id nobody defines is shown at that value, with its line
/// and the code from the table (C002).
#[test]
fn a_user_catalog_unknown_id_is_located() {
    let dir = scratch("user-catalog-unknown-id");
    let file = dir.join("mine.toml");
    std::fs::write(
        &file,
        "format = 1\n\n[sources.mine]\nlabel = \"Mine\"\ncitation = \"Mine.\"\nyear = 2025\nunverified = true\n\n\
         [[roles]]\nid = \"wound-nurse\"\nname = \"Wound care nurse\"\ntrack = \"nursing\"\nsource = \"mine\"\nyear = 2025\nverified = false\n\n[roles.requires]\nall_of = [\"no-such-cert\"]\n",
    )
    .unwrap();
    let r = run(carepath()
        .arg("--catalog")
        .arg(&file)
        .args(["catalog", "show", "wound-nurse"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("C002"), "{}", r.stderr);
    assert!(
        r.stderr.contains("mine.toml:18:"),
        "located at the all_of line:\n{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("all_of = [\"no-such-cert\"]"),
        "the line itself:\n{}",
        r.stderr
    );
}

/// `catalog show` tells a credential's renewal rule in words, with each jurisdiction's
/// override and its source, and a user catalog's own rule replaces the built-in one.
#[test]
fn catalog_show_tells_renewal_rules_and_a_user_catalog_changes_them() {
    let r = run(carepath().args(["catalog", "show", "rn-license"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "  US-CA: every 24 months; 30 contact hours (California BRN (not retrieved) 2026) [unverified]"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("  US-NY: every 36 months; no CE hours"),
        "{}",
        r.stdout
    );

    let dir = scratch("user-catalog-renewal");
    let file = dir.join("ladder.toml");
    std::fs::write(
        &file,
        "format = 1\n\n[[credentials]]\nid = \"ccrn\"\nname = \"CCRN\"\nkind = \"certification\"\nbody = \"AACN\"\nsource = \"aacn-elig\"\nyear = 2026\nverified = true\n\
         [credentials.renewal]\nmonths = 36\nce_hours = 120\nce_unit = \"CERPs\"\ncategory_minimums = { A = 70 }\nsource = \"aacn-renew\"\nyear = 2026\nverified = false\n",
    )
    .unwrap();
    let r = run(carepath()
        .arg("--catalog")
        .arg(&file)
        .args(["catalog", "show", "ccrn"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("Renewal: every 36 months; 120 CERPs; at least 70 in category A (AACN 2026) [unverified]"),
        "{}",
        r.stdout
    );

    // A broken rule in the user's file is shown at its line.
    std::fs::write(
        &file,
        "format = 1\n\n[[credentials]]\nid = \"ccrn\"\nname = \"CCRN\"\nkind = \"certification\"\nbody = \"AACN\"\nsource = \"aacn-elig\"\nyear = 2026\nverified = true\n\
         [credentials.renewal]\nmonths = 36\nce_hours = 50\ncategory_minimums = { A = 70 }\nsource = \"aacn-renew\"\nyear = 2026\nverified = false\n",
    )
    .unwrap();
    let r = run(carepath()
        .arg("--catalog")
        .arg(&file)
        .args(["catalog", "show", "ccrn"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("the minimum for category `A` (70) is more than ce_hours (50)"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("ladder.toml:14:"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("see the catalog README's \"Renewal rules\""),
        "the hint is about the rule, not a missing id:\n{}",
        r.stderr
    );
}
