//! `carepath check`: every bad plan gets its own clear message; good plans pass.

use crate::*;

/// Each bad fixture, the code it must report, and the exit code.
const BAD: &[(&str, &str, i32)] = &[
    ("after-unknown.toml", "E021", 1),
    ("bad-date-literal.toml", "E003", 1),
    ("bad-date.toml", "E007", 1),
    ("bad-duration.toml", "E011", 1),
    ("bad-id.toml", "E010", 1),
    ("bad-jurisdiction.toml", "E032", 1),
    ("break-reversed.toml", "E025", 1),
    ("ce-topic-hours.toml", "E030", 1),
    ("ce-topics-sum.toml", "E030", 1),
    ("ce-zero-hours.toml", "E029", 1),
    ("counts-for-unknown.toml", "E031", 1),
    ("cycle.toml", "E023", 1),
    ("done-before-start.toml", "E024", 1),
    ("duplicate-id.toml", "E020", 1),
    ("empty.toml", "E002", 1),
    ("expires-before-earned.toml", "E028", 1),
    ("format-2.toml", "E008", 1),
    ("goal-unknown.toml", "E022", 1),
    ("many-errors.toml", "E004", 1),
    ("missing-field.toml", "E006", 1),
    ("negative-amount.toml", "E012", 1),
    ("negative-cost.toml", "E012", 1),
    ("negative-effort.toml", "E012", 1),
    ("progress-unknown.toml", "E026", 1),
    ("skill-level.toml", "E013", 1),
    ("syntax.json", "E003", 1),
    ("syntax.toml", "E003", 1),
    ("unknown-field.toml", "E004", 1),
    ("unknown-kind.toml", "E009", 1),
    ("wrong-type.json", "E005", 1),
    ("wrong-type.toml", "E005", 1),
    ("zero-capacity.toml", "E027", 1),
    ("ce-unknown-category.toml", "E033", 1),
    ("alternative-unknown.toml", "E041", 1),
    ("rotation-unknown-shift.toml", "E034", 1),
    ("shift-start.toml", "E035", 1),
    ("shift-hours.toml", "E036", 1),
    ("roster-missing.toml", "E037", 1),
    ("week-limit-low.toml", "E039", 1),
    ("roster-accrual-no-shifts.toml", "E040", 1),
    ("every-not-duration.toml", "E050", 1),
    ("every-with-duration.toml", "E051", 1),
    ("until-before-first.toml", "E052", 1),
    ("with-unknown.toml", "E053", 1),
    ("person-duplicate.toml", "E054", 1),
    ("keep-in-touch-bad.toml", "E055", 1),
    ("relation-unknown.toml", "E056", 1),
];

#[test]
fn every_bad_plan_gets_its_own_message() {
    let mut all = String::new();
    for (file, code, exit) in BAD {
        let path = format!("fixtures/bad/{file}");
        let r = run(carepath().arg("check").arg(&path));
        assert_eq!(r.code, *exit, "{file}: exit code\n{}{}", r.stdout, r.stderr);
        assert!(
            r.stdout.contains(&format!("error[{code}]")),
            "{file} should report {code}:\n{}",
            r.stdout
        );
        assert!(
            r.stdout.contains(&format!("--> {path}:")),
            "{file}: the message names the file:\n{}",
            r.stdout
        );
        all.push_str(&format!("==== {file}\n{}\n", r.stdout));
    }
    insta::assert_snapshot!("bad_plans", all);
}

/// The credential warnings from scheduling each point at the credential, and the plan stays
/// valid; a lapsed credential is an error under `--strict`.
#[test]
fn credential_warnings_point_at_the_credential() {
    for (file, code, at) in [
        ("credential-lapsed.toml", "W017", "11:55"),
        ("renewal-at-risk.toml", "W018", "11:49"),
        ("credential-due-soon.toml", "W019", "11:10"),
        ("practice-short.toml", "W020", "11:49"),
    ] {
        let path = format!("fixtures/bad/{file}");
        let r = run(carepath().arg("check").arg(&path));
        assert_eq!(r.code, 0, "{file}\n{}{}", r.stdout, r.stderr);
        assert!(
            r.stdout.contains(&format!("warning[{code}]"))
                && r.stdout.contains(&format!("--> {path}:{at}\n")),
            "{file}: {code} at {at}:\n{}",
            r.stdout
        );
        assert!(
            r.stdout.contains("(0 errors, 1 warning)"),
            "{file}:\n{}",
            r.stdout
        );
    }
    let r = run(carepath().args(["check", "--strict", "fixtures/bad/credential-lapsed.toml"]));
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("error[W017]: `rn-license` expired on 2026-06-30"),
        "{}",
        r.stdout
    );
}

/// Two milestones earning one credential is a warning at the second `earns`: the plan stays valid.
#[test]
fn two_milestones_earning_one_credential_is_a_warning() {
    let r = run(carepath().args(["check", "fixtures/bad/earned-twice.toml"]));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains(
            "warning[W014]: milestones `ccrn-study` and `ccrn-exam` both earn `ccrn`\n  --> fixtures/bad/earned-twice.toml:45:9\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("= field: milestones[2].earns"),
        "{}",
        r.stdout
    );
}

/// Every new credential and CE field is read from JSON as from TOML, with its own located
/// messages, and the list form and the table form mix.
#[test]
fn credentials_and_ce_read_from_json() {
    let dir = scratch("cred-json");
    let path = dir.join("plan.json");
    std::fs::write(
        &path,
        r#"{
  "format": 1,
  "title": "CE log",
  "start": "2026-01-05",
  "person": {
    "name": "Sam Rivera",
    "credentials": ["bsn", {"id": "rn-license", "earned": "2024-06-15", "expires": "2026-06-30", "jurisdiction": "us-ca"}]
  },
  "milestones": [{"id": "ccrn-exam", "title": "Sit the CCRN exam", "kind": "exam", "earns": "ccrn"}],
  "ce": [
    {"date": "2026-02-10", "title": "Sepsis bundle update", "hours": -1, "counts_for": ["ccrn"]},
    {"date": "2026-02-11", "title": "Pharmacology", "hours": 2, "topcs": {"pharmacology": 1}, "counts_for": ["rn-licence"]}
  ]
}
"#,
    )
    .unwrap();
    let r = run(carepath()
        .arg("check")
        .arg(&path)
        .args(["--format", "json"]));
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let found: Vec<(String, String, u64, u64, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["hint"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let expect = |code: &str, path: &str, line: u64, col: u64, hint: &str| {
        assert!(
            found.iter().any(|f| f.0 == code
                && f.1 == path
                && f.2 == line
                && f.3 == col
                && f.4.contains(hint)),
            "{code} at {path} {line}:{col} ({hint}) in {found:#?}"
        );
    };
    expect(
        "E032",
        "person.credentials[1].jurisdiction",
        7,
        114,
        "did you mean \"US-CA\"?",
    );
    expect("E029", "ce[0].hours", 11, 70, "");
    expect("E004", "ce[1].topcs", 12, 65, "did you mean `topics`?");
    expect(
        "E031",
        "ce[1].counts_for[0]",
        12,
        110,
        "did you mean `rn-license`?",
    );
    assert_eq!(found.len(), 4, "{found:#?}");
}

#[test]
fn many_errors_are_reported_together() {
    let r = run(carepath().args(["check", "fixtures/bad/many-errors.toml"]));
    let codes: Vec<&str> = r
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("error["))
        .map(|l| &l[..4])
        .collect();
    assert!(codes.len() >= 4, "{}", r.stdout);
    assert!(
        r.stdout.contains("the plan has errors (5 errors"),
        "{}",
        r.stdout
    );
}

#[test]
fn messages_show_the_line_and_a_hint() {
    let r = run(carepath().args(["check", "fixtures/bad/unknown-field.toml"]));
    assert!(
        r.stdout.contains("unknown field `efort_hours`"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("did you mean `effort_hours`?"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("efort_hours ="),
        "the line itself is shown:\n{}",
        r.stdout
    );
    let r = run(carepath().args(["check", "fixtures/bad/cycle.toml"]));
    assert!(
        r.stdout.contains(" -> "),
        "the cycle is named in order:\n{}",
        r.stdout
    );
}

#[test]
fn json_findings_have_file_line_and_column() {
    let r = run(carepath().args([
        "--format",
        "json",
        "check",
        "fixtures/bad/after-unknown.toml",
    ]));
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "E021");
    assert_eq!(d["file"], "fixtures/bad/after-unknown.toml");
    assert!(d["line"].as_u64().unwrap() > 1);
    assert!(d["column"].as_u64().unwrap() >= 1);
    assert!(d["path"].as_str().unwrap().contains(".after["));
    assert_eq!(v["valid"], false);
}

#[test]
fn good_fixtures_pass() {
    for f in [
        "rn-to-acnp.toml",
        "lab-to-data-analytics.json",
        "sonography-student-to-cardiac.toml",
        "cna-to-rn.toml",
        "minimal.toml",
    ] {
        let r = run(carepath().arg("check").arg(fixture(f)));
        assert_eq!(r.code, 0, "{f}:\n{}{}", r.stdout, r.stderr);
        assert!(r.stdout.contains("the plan is valid"), "{f}:\n{}", r.stdout);
        assert!(!r.stdout.contains("error["), "{f}:\n{}", r.stdout);
    }
}

/// Hostile input never panics, and exits 1 or 2 with a located message.
#[test]
fn hostile_files_get_messages_not_panics() {
    let dir = scratch("hostile");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.toml", Vec::new(), "E002"),
        (
            "binary.toml",
            vec![0x00, 0xff, 0xfe, 0x89, b'P', b'N', b'G', 0x0d, 0x0a],
            "E001",
        ),
        (
            "deep.json",
            "[".repeat(200_000).into_bytes(),
            "nested more than",
        ),
        (
            "deep.toml",
            format!("a = {}", "[".repeat(100_000)).into_bytes(),
            "E003",
        ),
        (
            "big.toml",
            {
                let mut v = b"title = \"".to_vec();
                v.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
                v
            },
            "E003",
        ),
        (
            "big.json",
            {
                let mut v = b"{\"title\": \"".to_vec();
                v.extend(std::iter::repeat_n(b'y', 10 * 1024 * 1024));
                v.extend(b"\"}");
                v
            },
            "E006",
        ),
        (
            "feb30.json",
            br#"{"format": 1, "title": "t", "start": "2026-02-30", "person": {"name": "A"}}"#
                .to_vec(),
            "February 2026 has 28 days",
        ),
        (
            "type.json",
            br#"{"format": "1", "title": 5, "start": "2026-01-05", "person": {"name": "A"}}"#
                .to_vec(),
            "E005",
        ),
    ];
    for (name, bytes, expect) in cases {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        let r = run(carepath().arg("check").arg(&path));
        assert!(r.code == 1 || r.code == 2, "{name}: exit {}", r.code);
        assert!(
            r.stdout.contains(expect),
            "{name}: expected {expect}:\n{}",
            &r.stdout[..r.stdout.len().min(2000)]
        );
        assert!(
            r.stdout.len() < 4000,
            "{name}: the message stays short ({} bytes)",
            r.stdout.len()
        );
        assert!(
            r.stdout.contains(":1:") || !expect.starts_with("E00"),
            "{name}: points at a line:\n{}",
            r.stdout
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    let r = run(carepath().args(["check", "no-such-plan.toml"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no-such-plan.toml: no such file")
            || r.stderr.contains("cannot read no-such-plan.toml"),
        "{}",
        r.stderr
    );
    let r = run(carepath().args(["check", "README.md"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains(".toml or .json"), "{}", r.stderr);
    let mut bad_date = std::process::Command::new(env!("CARGO_BIN_EXE_carepath"));
    bad_date
        .current_dir(repo())
        .args(["--as-of", "2026-02-30", "check", "fixtures/minimal.toml"]);
    let r = run(&mut bad_date);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("February 2026 has 28 days"),
        "{}",
        r.stderr
    );
}

/// The published schema accepts every good fixture and says what is wrong with bad ones.
#[test]
fn fixtures_validate_against_the_schema() {
    let Some(py) = python() else {
        skip_or_fail("python jsonschema", "scripts/test creates .venv with it");
        return;
    };
    let dir = scratch("schema");
    let schema = dir.join("plan.schema.json");
    let r = run(carepath().arg("schema"));
    assert_eq!(r.code, 0);
    std::fs::write(&schema, &r.stdout).unwrap();
    let script = repo().join("tests/tools/validate_schema.py");
    let good = [
        "rn-to-acnp.toml",
        "lab-to-data-analytics.json",
        "sonography-student-to-cardiac.toml",
        "cna-to-rn.toml",
        "minimal.toml",
    ];
    for f in good {
        let out = std::process::Command::new(&py)
            .arg(&script)
            .arg(&schema)
            .arg(fixture(f))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{f}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for f in [
        "bad/unknown-field.toml",
        "bad/unknown-kind.toml",
        "bad/wrong-type.json",
    ] {
        let out = std::process::Command::new(&py)
            .arg(&script)
            .arg(&schema)
            .arg(fixture(f))
            .output()
            .unwrap();
        assert!(!out.status.success(), "{f} should not validate");
    }
}

/// `--strict` turns late milestones and failed SMART criteria into errors.
#[test]
fn strict_fails_on_late_milestones() {
    let r = run(carepath().args(["check", "fixtures/rn-to-acnp.toml"]));
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("warning[W010]")
            && r.stdout
                .contains("icu-hours (1,750 h at 36 h a week) decides it"),
        "{}",
        r.stdout
    );
    let r = run(carepath().args(["check", "--strict", "fixtures/rn-to-acnp.toml"]));
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("error[W010]"), "{}", r.stdout);
}

#[test]
fn completions_are_printed() {
    let r = run(carepath().args(["completions", "bash"]));
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("_carepath()") && r.stdout.contains("export"),
        "{}",
        &r.stdout[..200.min(r.stdout.len())]
    );
}
