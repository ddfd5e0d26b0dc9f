//! `carepath cohort` on the fixture roster (`fixtures/cohort/roster.csv`): eleven nurses on three
//! units, one broken plan and one row whose plan is missing, as of 2026-11-22.

use std::path::Path;

use crate::{carepath, repo, run, scratch};

const ROSTER: &str = "fixtures/cohort/roster.csv";

fn cohort(dir: &Path, extra: &[&str]) -> crate::Run {
    run(carepath()
        .args(["cohort", ROSTER, "-o"])
        .arg(dir)
        .args(extra))
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn the_fixture_roster_reads_right_and_exits_1_for_the_broken_plan() {
    let dir = scratch("cohort-fixture");
    let r = cohort(&dir, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    // The broken plan is reported as `check` reports it: file, line and column, and the hint.
    assert!(
        r.stderr.contains("--> plans/lucy-brandt.toml:20:16"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("did you mean `orientation`?"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("error[K001]: plans/moved-away.toml"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("2 of 13 plans have errors"),
        "{}",
        r.stderr
    );
    assert!(
        r.stdout.contains("13 plans processed, 2 with errors"),
        "{}",
        r.stdout
    );
    insta::assert_snapshot!("cohort_csv", read(&dir, "cohort.csv"));
    insta::assert_snapshot!("cohort_expiries_csv", read(&dir, "expiries.csv"));
    insta::assert_snapshot!("cohort_problems_csv", read(&dir, "problems.csv"));
    // Every other plan is there, in roster order.
    let cohort = read(&dir, "cohort.csv");
    assert_eq!(cohort.lines().count(), 14);
    let jsonl = read(&dir, "cohort.jsonl");
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 13);
    assert_eq!(lines[0]["person"], "Ana Torres");
    assert_eq!(lines[0]["manager"], "Sam Rivera");
    assert_eq!(lines[7]["status"], "invalid");
    // The credentials that expire: the license and the BLS card (a degree does not).
    let ids: Vec<&str> = lines[0]["credentials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["rn-license", "bls"]);
    assert!(
        !jsonl.contains("\"number\""),
        "credential numbers never leave the plan"
    );
}

#[test]
fn the_same_bytes_for_any_jobs_and_on_a_second_run() {
    let one = scratch("cohort-jobs-1");
    let two = scratch("cohort-jobs-2");
    assert_eq!(cohort(&one, &["--jobs", "1"]).code, 1);
    assert_eq!(cohort(&two, &["--jobs", "2"]).code, 1);
    for name in ["cohort.csv", "expiries.csv", "problems.csv", "cohort.jsonl"] {
        assert_eq!(read(&one, name), read(&two, name), "{name}");
    }
    let again = cohort(&two, &["--jobs", "2"]);
    assert_eq!(again.code, 1);
    for name in ["cohort.csv", "expiries.csv", "problems.csv", "cohort.jsonl"] {
        assert_eq!(read(&one, name), read(&two, name), "{name}, second run");
    }
}

#[test]
fn expiring_within_narrows_the_window_to_lapsed_and_near_ones() {
    let dir = scratch("cohort-window");
    assert_eq!(cohort(&dir, &["--expiring-within", "30"]).code, 1);
    let e = read(&dir, "expiries.csv");
    // ACLS lapsed 22 days ago and a BLS card in 8 days; nothing 39 days out.
    assert_eq!(e.lines().count(), 3, "{e}");
    assert!(e.contains(",-22,lapsed,"), "{e}");
    assert!(!e.contains(",39,"), "{e}");
}

#[test]
fn each_persons_own_exports_with_to() {
    let dir = scratch("cohort-to");
    let r = cohort(&dir, &["--to", "ics,json"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(dir.join("people/ana-torres/ana-torres.ics").is_file());
    assert!(dir.join("people/kofi-mensah/kofi-mensah.json").is_file());
    assert!(
        !dir.join("people/lucy-brandt").exists(),
        "no exports of an invalid plan"
    );
    assert!(
        r.stdout.contains("wrote 22 files of people's own exports"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_folder_of_plans_is_a_roster_in_path_order() {
    let dir = scratch("cohort-folder");
    let r = run(carepath()
        .args(["cohort", "fixtures/cohort/plans", "-o"])
        .arg(&dir));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let c = read(&dir, "cohort.csv");
    let plans: Vec<&str> = c
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(plans.len(), 12);
    assert_eq!(plans[0], "ana-torres.toml");
    assert_eq!(plans[11], "lucy-brandt.toml");
    let mut sorted = plans.clone();
    sorted.sort();
    assert_eq!(plans, sorted);
}

#[test]
fn bad_rosters_say_what_is_wrong() {
    let dir = scratch("cohort-bad");
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let r = run(carepath()
        .arg("cohort")
        .arg(&empty)
        .arg("-o")
        .arg(dir.join("out")));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("has no plans"), "{}", r.stderr);

    let no_plan = dir.join("roster.csv");
    std::fs::write(&no_plan, "file,unit\nplans/a.toml,ICU\n").unwrap();
    let r = run(carepath()
        .arg("cohort")
        .arg(&no_plan)
        .arg("-o")
        .arg(dir.join("out")));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("no `plan` column; its columns are `file`, `unit`"),
        "{}",
        r.stderr
    );

    let missing = run(carepath()
        .args(["cohort", "fixtures/cohort/nope.csv", "-o"])
        .arg(dir.join("out")));
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("cannot read the roster"),
        "{}",
        missing.stderr
    );

    let twice = dir.join("twice.csv");
    let plan = repo().join("fixtures/minimal.toml");
    std::fs::write(&twice, format!("plan\n{0}\n{0}\n", plan.display())).unwrap();
    let r = run(carepath()
        .arg("cohort")
        .arg(&twice)
        .arg("-o")
        .arg(dir.join("out")));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("[W033]"), "{}", r.stderr);
    assert!(
        r.stderr.contains("on the roster twice (lines 2 and 3)"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_dashboard_pdf_has_extractable_text() {
    let dir = scratch("cohort-pdf");
    assert_eq!(cohort(&dir, &[]).code, 1);
    let pdf = dir.join("cohort.pdf");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let Ok(o) = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
    else {
        crate::skip_or_fail("pdftotext", "apt install poppler-utils");
        return;
    };
    let text = String::from_utf8_lossy(&o.stdout);
    for want in [
        "Cohort dashboard",
        "13 people as of 2026-11-22; 2 with errors",
        "Status by unit",
        "4 West Med-Surg",
        "Credential expiries",
        "next 30 days",
        "-22 lapsed",
        "SMART average of the goals",
        "People",
        "Kofi Mensah",
        "page 2 of 2",
    ] {
        assert!(text.contains(want), "{want} in:\n{text}");
    }
}
