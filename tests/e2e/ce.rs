//! `carepath ce`: appends one CE activity, keeping every other byte; checks the plan with it
//! first and writes nothing when it would be invalid.

use std::os::unix::fs::PermissionsExt;

use crate::log::{added, copy_fixture};
use crate::*;

const SEPSIS: [&str; 14] = [
    "2",
    "--title",
    "Sepsis bundle update",
    "--date",
    "2026-11-20",
    "--category",
    "A",
    "--topic",
    "pharmacology=0.5",
    "--for",
    "rn-license,bls",
    "--provider",
    "AACN",
    "--note",
];

/// The RN fixture's text without its CE log (the section from "# ── CE log" to the progress
/// log), so a first entry has nowhere to go but the end.
fn without_ce_log(text: &str) -> String {
    let from = text.find("# ── CE log").expect("the fixture has a CE log");
    let to = text.find("# ── Progress log").expect("and a progress log");
    format!("{}{}", &text[..from], &text[to..])
}

/// A copy of the RN fixture without its CE log, in `dir`.
fn rn_plan_without_ce_log(dir: &std::path::Path) -> std::path::PathBuf {
    let to = dir.join("rn-to-acnp.toml");
    let text = std::fs::read_to_string(fixture("rn-to-acnp.toml")).unwrap();
    std::fs::write(&to, without_ce_log(&text)).unwrap();
    to
}

#[test]
fn toml_ce_adds_only_the_entry_and_the_plan_checks() {
    let dir = scratch("ce-toml");
    let plan = rn_plan_without_ce_log(&dir);
    let before = std::fs::read_to_string(&plan).unwrap();
    let r = run(carepath()
        .arg("ce")
        .arg(&plan)
        .args(SEPSIS)
        .arg("In the \"CE\" folder"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with(
            "logged 2 CE hours for \"Sepsis bundle update\" on 2026-11-20, for `rn-license`, `bls`\n"
        ),
        "{}",
        r.stdout
    );
    let after = std::fs::read_to_string(&plan).unwrap();
    assert!(
        after.starts_with(&before),
        "the plan had no CE log: the entry goes at the end"
    );
    assert_eq!(
        added(&before, &after),
        "\n[[ce]]\ndate = 2026-11-20\ntitle = \"Sepsis bundle update\"\nhours = 2\ncategory = \"A\"\ntopics = { pharmacology = 0.5 }\ncounts_for = [\"rn-license\", \"bls\"]\nprovider = \"AACN\"\nnote = \"In the \\\"CE\\\" folder\"\n"
    );
    let r = run(carepath().arg("check").arg(&plan));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);

    // The next one goes after it, the date defaulting to the as-of date.
    let before = after;
    let r = run(carepath()
        .arg("ce")
        .arg(&plan)
        .args(["1", "--title", "Fall prevention"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("logged 1 CE hour for \"Fall prevention\" on 2026-11-22\n"),
        "{}",
        r.stdout
    );
    let after = std::fs::read_to_string(&plan).unwrap();
    assert_eq!(
        added(&before, &after),
        "\n[[ce]]\ndate = 2026-11-22\ntitle = \"Fall prevention\"\nhours = 1\n"
    );
}

/// A CE log in the middle of the file grows where it is; what follows it keeps its place and
/// every byte.
#[test]
fn toml_ce_log_in_the_middle_grows_in_place() {
    let dir = scratch("ce-middle");
    let plan = dir.join("plan.toml");
    let fixture = without_ce_log(&std::fs::read_to_string(fixture("rn-to-acnp.toml")).unwrap());
    let goals = fixture.find("# ── Goals").unwrap();
    let log = "[[ce]]\ndate = 2026-03-01\ntitle = \"ACLS update\"\nhours = 4 # renewal course\n\n";
    let before = format!("{}{log}{}", &fixture[..goals], &fixture[goals..]);
    std::fs::write(&plan, &before).unwrap();
    let r = run(carepath().arg("ce").arg(&plan).args([
        "1.5",
        "--title",
        "Stroke scale",
        "--date",
        "2026-04-02",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let after = std::fs::read_to_string(&plan).unwrap();
    let at = goals + log.len() - 1;
    assert_eq!(
        after,
        format!(
            "{}\n[[ce]]\ndate = 2026-04-02\ntitle = \"Stroke scale\"\nhours = 1.5\n{}",
            &before[..at],
            &before[at..]
        ),
        "the entry goes right after the last CE block, the goals after it as they were"
    );
    let r = run(carepath().arg("check").arg(&plan));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn json_ce_keeps_layout_and_adds_the_entry() {
    let dir = scratch("ce-json");
    let plan = copy_fixture("lab-to-data-analytics.json", &dir);
    let before = std::fs::read_to_string(&plan).unwrap();
    let r = run(carepath().arg("ce").arg(&plan).args([
        "3",
        "--title",
        "Lab safety",
        "--date",
        "2026-10-01",
        "--topic",
        "biosafety=1",
        "--for",
        "mlt-ascp",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let after = std::fs::read_to_string(&plan).unwrap();
    let piece = added(&before, &after);
    assert_eq!(
        piece,
        ",\n  \"ce\": [\n    {\n      \"date\": \"2026-10-01\",\n      \"title\": \"Lab safety\",\n      \"hours\": 3,\n      \"topics\": {\"biosafety\": 1},\n      \"counts_for\": [\"mlt-ascp\"]\n    }\n  ]"
    );
    let v: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(v["ce"][0]["title"], "Lab safety");
    let r = run(carepath().arg("check").arg(&plan));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

/// `--for` naming a credential the person neither holds nor earns: the finding at the new
/// entry, with the nearest id, exit 1, and the file as it was.
#[test]
fn unknown_for_is_refused_with_the_located_finding_and_nothing_written() {
    let dir = scratch("ce-unknown-for");
    let plan = rn_plan_without_ce_log(&dir);
    let before = std::fs::read(&plan).unwrap();
    let r = run(carepath().arg("ce").arg(&plan).args([
        "2",
        "--title",
        "Sepsis",
        "--for",
        "rn-licence",
    ]));
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("error[E031]"), "{}", r.stderr);
    assert!(
        r.stderr.contains("counts_for = [\"rn-licence\"]"),
        "the line of the new entry is shown: {}",
        r.stderr
    );
    assert!(
        r.stderr.contains("did you mean `rn-license`?"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);
    assert_eq!(std::fs::read(&plan).unwrap(), before, "byte-identical");

    // Topic hours over the activity's: E030, nothing written.
    let r = run(carepath().arg("ce").arg(&plan).args([
        "1",
        "--title",
        "Pharm",
        "--topic",
        "pharmacology=2",
    ]));
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("error[E030]"), "{}", r.stderr);
    assert_eq!(std::fs::read(&plan).unwrap(), before, "byte-identical");
}

/// Values are checked where they are parsed: nothing is read or written for a bad one.
#[test]
fn bad_values_are_usage_errors() {
    let dir = scratch("ce-bad-values");
    let plan = rn_plan_without_ce_log(&dir);
    let before = std::fs::read(&plan).unwrap();
    for (args, says) in [
        (
            &["0", "--title", "x"][..],
            "the hours must be a number above 0",
        ),
        (
            &["nan", "--title", "x"][..],
            "the hours must be a number above 0",
        ),
        (&["1", "--title", " "][..], "give the activity's title"),
        (
            &["1", "--title", "x", "--topic", "pharmacology"][..],
            "write a topic as NAME=HOURS",
        ),
        (
            &["1", "--title", "x", "--topic", "pharmacology=0"][..],
            "the hours of the topic `pharmacology` must be a number above 0",
        ),
        (
            &["1", "--title", "x", "--for", "ccrn,"][..],
            "--for takes the ids",
        ),
        (&["1", "--title", "x", "--date", "2026-02-30"][..], "--date"),
    ] {
        let r = run(carepath().arg("ce").arg(&plan).args(args));
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
    }
    // A topic named twice cannot be written (a TOML table holds each key once).
    let r = run(carepath()
        .arg("ce")
        .arg(&plan)
        .args(["2", "--title", "x", "--topic", "a=1", "--topic", "a=0.5"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("the topic `a` is given twice"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(&plan).unwrap(), before);
}

/// A CE activity dated after the as-of date is written, with the warning at its line.
#[test]
fn a_future_date_is_written_with_a_warning() {
    let dir = scratch("ce-future");
    let plan = rn_plan_without_ce_log(&dir);
    let r = run(carepath().arg("ce").arg(&plan).args([
        "2",
        "--title",
        "Sepsis",
        "--date",
        "2027-01-05",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("warning[W015]"), "{}", r.stderr);
    assert!(r.stderr.contains("date = 2027-01-05"), "{}", r.stderr);
    assert!(
        std::fs::read_to_string(&plan)
            .unwrap()
            .ends_with("[[ce]]\ndate = 2027-01-05\ntitle = \"Sepsis\"\nhours = 2\n")
    );
}

#[test]
fn a_read_only_plan_is_refused_unchanged() {
    let dir = scratch("ce-readonly");
    let plan = rn_plan_without_ce_log(&dir);
    std::fs::set_permissions(&plan, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let r = run(carepath()
        .arg("ce")
        .arg(&plan)
        .args(["2", "--title", "Sepsis"]));
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stderr.contains("is read-only (mode 0444)"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("chmod u+w"), "{}", r.stderr);
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    let mode = std::fs::metadata(&plan).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o444);
}

/// A plan with errors is not edited: they are shown, exit 1.
#[test]
fn a_plan_with_errors_is_not_edited() {
    let dir = scratch("ce-plan-errors");
    let plan = dir.join("plan.toml");
    std::fs::copy(fixture("bad/counts-for-unknown.toml"), &plan).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let r = run(carepath()
        .arg("ce")
        .arg(&plan)
        .args(["2", "--title", "Sepsis"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("error[E031]"), "{}", r.stderr);
    assert!(
        r.stderr.contains("fix the errors above first"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(&plan).unwrap(), before);
}
