//! `carepath log`: appends one entry and keeps every other byte; never leaves a half file.

use crate::*;

pub fn copy_fixture(name: &str, dir: &std::path::Path) -> std::path::PathBuf {
    let to = dir.join(name);
    std::fs::copy(fixture(name), &to).unwrap();
    to
}

/// Splits `after` into (prefix, added, suffix) against `before`.
pub fn added<'a>(before: &str, after: &'a str) -> &'a str {
    let prefix = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = before[prefix..]
        .bytes()
        .rev()
        .zip(after[prefix..].bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    assert_eq!(
        prefix + suffix,
        before.len(),
        "every byte of the old file is kept"
    );
    &after[prefix..after.len() - suffix]
}

#[test]
fn toml_log_adds_only_the_entry() {
    let dir = scratch("log-toml");
    let plan = copy_fixture("rn-to-acnp.toml", &dir);
    let before = std::fs::read_to_string(&plan).unwrap();
    let r = run(carepath().arg("log").arg(&plan).args([
        "icu-hours",
        "36",
        "--date",
        "2026-11-20",
        "--note",
        "Nights, \"busy\"",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("logged 36 hours for `icu-hours` on 2026-11-20"),
        "{}",
        r.stdout
    );
    let after = std::fs::read_to_string(&plan).unwrap();
    assert!(
        after.starts_with(&before),
        "the old text is a prefix of the new one"
    );
    assert_eq!(
        added(&before, &after).trim_start(),
        "[[progress]]\ndate = 2026-11-20\nmilestone = \"icu-hours\"\namount = 36\nnote = \"Nights, \\\"busy\\\"\"\n"
    );
    // The plan still checks, with the entry counted.
    let r = run(carepath().arg("check").arg(&plan));
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn json_log_keeps_layout_and_adds_the_entry() {
    let dir = scratch("log-json");
    let plan = copy_fixture("lab-to-data-analytics.json", &dir);
    let before = std::fs::read_to_string(&plan).unwrap();
    let v: serde_json::Value = serde_json::from_str(&before).unwrap();
    let milestone = v["milestones"][0]["id"].as_str().unwrap().to_string();
    let n = v["progress"].as_array().map_or(0, Vec::len);
    let r = run(carepath()
        .arg("log")
        .arg(&plan)
        .args([&milestone, "2.5", "--date", "2026-11-21"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let after = std::fs::read_to_string(&plan).unwrap();
    let piece = added(&before, &after);
    assert!(
        piece.contains("\"amount\": 2.5") && piece.contains("2026-11-21"),
        "{piece}"
    );
    let v: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(v["progress"].as_array().unwrap().len(), n + 1);
    assert_eq!(v["progress"][n]["milestone"], milestone.as_str());
}

/// `log` takes every plan `check` takes: a JSON plan saved with a byte-order mark whose log is
/// `"progress": null` was checked fine, and then `log` refused it ("this is not valid JSON").
#[test]
fn json_bom_and_null_progress_log() {
    let dir = scratch("log-bom-null");
    let plan = dir.join("plan.json");
    let before = "\u{feff}{\n  \"format\": 1,\n  \"title\": \"T\",\n  \"start\": \"2026-01-05\",\n  \"person\": {\"name\": \"A\"},\n  \"milestones\": [{\"id\": \"a\", \"title\": \"A\", \"kind\": \"other\"}],\n  \"progress\": null\n}\n";
    std::fs::write(&plan, before).unwrap();
    let r = run(carepath().arg("check").arg(&plan));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let r = run(carepath()
        .arg("log")
        .arg(&plan)
        .args(["a", "1.5", "--date", "2026-11-20"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("logged 1.5 hours for `a` on 2026-11-20"),
        "{}",
        r.stdout
    );
    let after = std::fs::read_to_string(&plan).unwrap();
    assert_eq!(
        after,
        before.replace(
            "\"progress\": null",
            "\"progress\": [\n    {\n      \"date\": \"2026-11-20\",\n      \"milestone\": \"a\",\n      \"amount\": 1.5\n    }\n  ]"
        ),
        "the mark and every other byte stay; the null becomes the list"
    );
    let r = run(carepath().arg("check").arg(&plan));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn unknown_milestone_is_refused_with_the_nearest_id() {
    let dir = scratch("log-unknown");
    let plan = copy_fixture("rn-to-acnp.toml", &dir);
    let before = std::fs::read(&plan).unwrap();
    let r = run(carepath().arg("log").arg(&plan).args(["icu-hour", "12"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no milestone `icu-hour`")
            && r.stderr.contains("did you mean `icu-hours`?"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(&plan).unwrap(), before, "nothing was written");
    let r = run(carepath().arg("log").arg(&plan).args(["icu-hours", "-3"]));
    assert_eq!(r.code, 2);
    assert_eq!(std::fs::read(&plan).unwrap(), before, "nothing was written");
}

/// Killed between writing the new file and renaming it, `log` leaves the old file whole.
#[test]
fn killed_mid_write_leaves_the_old_file_intact() {
    let dir = scratch("log-kill");
    let plan = copy_fixture("rn-to-acnp.toml", &dir);
    let before = std::fs::read(&plan).unwrap();
    let mut child = carepath()
        .env("CAREPATH_TEST_PAUSE_MS", "20000")
        .arg("log")
        .arg(&plan)
        .args(["icu-hours", "12"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let tmp_seen = (0..400).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(25));
        std::fs::read_dir(&dir)
            .unwrap()
            .any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".tmp"))
    });
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(tmp_seen, "the new text goes to a temporary file first");
    assert_eq!(
        std::fs::read(&plan).unwrap(),
        before,
        "the plan is exactly as it was"
    );
}
