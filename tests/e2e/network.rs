//! The network (docs/network.md): `carepath people`, `log --with` on a series, and `show`'s
//! ticks and keep-in-touch list, on the RN fixture as of 2026-11-22.

use crate::log::{added, copy_fixture};
use crate::*;

#[test]
fn people_names_the_overdue_contact_first_with_the_right_dates() {
    let r = run(carepath().args(["people", "fixtures/rn-to-acnp.toml"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(
        lines[0].contains("as of 2026-11-22: 2 people, 1 overdue"),
        "{}",
        r.stdout
    );
    let mentor = lines.iter().position(|l| l.contains("np-mentor")).unwrap();
    let chapter = lines
        .iter()
        .position(|l| l.contains("chapter-contact"))
        .unwrap();
    assert!(
        mentor < chapter,
        "the overdue mentor comes first:\n{}",
        r.stdout
    );
    // The last mentor meeting was logged on 2026-09-30; a month later is 2026-10-30.
    assert!(
        lines[mentor].starts_with('!')
            && lines[mentor].contains("2026-09-30    2026-10-30    overdue by 23 days"),
        "{}",
        lines[mentor]
    );
    // The chapter meeting of 2026-09-16 and three months.
    assert!(
        lines[chapter].contains("2026-09-16    2026-12-16    in 24 days"),
        "{}",
        lines[chapter]
    );

    let r = run(carepath().args(["--format", "json", "people", "fixtures/rn-to-acnp.toml"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let people = v["people"].as_array().unwrap();
    assert_eq!(people[0]["id"], "np-mentor");
    assert_eq!(people[0]["overdue"], true);
    assert_eq!(people[0]["last_contact"], "2026-09-30");
    assert_eq!(people[0]["next_contact"], "2026-10-30");
    assert_eq!(people[0]["milestones"], serde_json::json!(["find-mentor"]));
    assert_eq!(people[1]["id"], "chapter-contact");
    assert_eq!(people[1]["overdue"], false);
    assert_eq!(people[1]["next_contact"], "2026-12-16");
}

#[test]
fn log_with_a_person_marks_the_occurrence_and_the_contact() {
    let dir = scratch("network-log");
    let plan = copy_fixture("rn-to-acnp.toml", &dir);
    let before = std::fs::read_to_string(&plan).unwrap();
    let r = run(carepath().arg("log").arg(&plan).args([
        "find-mentor",
        "1",
        "--date",
        "2026-11-20",
        "--with",
        "np-mentor",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "logged 1 occurrence for `find-mentor` on 2026-11-20 with np-mentor (total 5 occurrences)"
        ),
        "{}",
        r.stdout
    );
    let after = std::fs::read_to_string(&plan).unwrap();
    assert_eq!(
        added(&before, &after),
        "\n[[progress]]\ndate = 2026-11-20\nmilestone = \"find-mentor\"\namount = 1\nwith = [\"np-mentor\"]\n"
    );
    // The October occurrence (22 October to 21 November) is done now, and Dana is not overdue.
    let r = run(carepath().args(["--format", "json", "people"]).arg(&plan));
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let mentor = v["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "np-mentor")
        .unwrap();
    assert_eq!(mentor["last_contact"], "2026-11-20");
    assert_eq!(mentor["next_contact"], "2026-12-20");
    assert_eq!(mentor["overdue"], false);

    // Someone who is not in [[people]]: refused with the nearest id, nothing written.
    let r = run(carepath()
        .arg("log")
        .arg(&plan)
        .args(["find-mentor", "1", "--with", "np-mentr"]));
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stderr.contains("there is no person `np-mentr`") && r.stderr.contains("`np-mentor`"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), after);
}

#[test]
fn show_draws_series_as_ticks_and_lists_who_is_due_for_contact() {
    let r = run(carepath().args(["show", "fixtures/rn-to-acnp.toml"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let row = |id: &str| {
        r.stdout
            .lines()
            .find(|l| l.starts_with(&format!(" {id} ")))
            .unwrap_or_else(|| panic!("no row {id}:\n{}", r.stdout))
            .to_string()
    };
    // Chapter meetings every other month: done ticks up to September, planned ones after.
    let chapter = row("aacn-chapter");
    assert!(chapter.contains('●') && chapter.contains('○'), "{chapter}");
    assert!(
        !chapter.contains('█'),
        "a series is ticks, not a bar: {chapter}"
    );
    // The mentor meetings of July, August and October were missed.
    let mentor = row("find-mentor");
    assert!(
        mentor.contains('×') && mentor.trim_end().ends_with("late"),
        "{mentor}"
    );
    let keep = r
        .stdout
        .split("Keep in touch (contacts due by 2027-02-20)\n")
        .nth(1)
        .expect("a keep-in-touch section");
    let mut lines = keep.lines();
    let first = lines.next().unwrap();
    assert!(
        first.contains("np-mentor") && first.contains("overdue since 2026-10-30"),
        "{keep}"
    );
    assert!(lines.next().unwrap().contains("chapter-contact"), "{keep}");
    assert!(
        r.stdout
            .contains("`find-mentor` missed 3 occurrences (the last on 2026-10-22"),
        "{}",
        r.stdout
    );
}

/// A plan without `every` or `[[people]]` shows no ticks legend and no keep-in-touch section.
#[test]
fn a_plan_without_the_network_shows_none_of_it() {
    let r = run(carepath().args(["show", "fixtures/cna-to-rn.toml"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains("Keep in touch") && !r.stdout.contains("missed or late"));
    let r = run(carepath().args(["people", "fixtures/cna-to-rn.toml"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("No people in this plan's network"),
        "{}",
        r.stdout
    );
}

/// Exported, a plan without the network has none of its fields or files: the JSON document
/// names no `people`, `every` or `occurrences`, the CSV export is the same eight files, and the
/// calendar has no RRULE and no keep-in-touch event. (Every existing snapshot of these plans is
/// unchanged too.) The RN fixture, which has both, has them all.
#[test]
fn only_a_plan_with_the_network_exports_it() {
    for (plan, has) in [
        ("fixtures/cna-to-rn.toml", false),
        ("fixtures/minimal.toml", false),
        ("fixtures/rn-to-acnp.toml", true),
    ] {
        let r = run(carepath().args(["export", plan, "--to", "json", "-o", "-"]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        for key in ["\"people\"", "\"every\"", "\"occurrences\"", "\"with\""] {
            assert_eq!(r.stdout.contains(key), has, "{plan}: {key}");
        }
        let r = run(carepath().args(["export", plan, "--to", "ics", "-o", "-"]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.stdout.contains("RRULE:"), has, "{plan}");
        assert_eq!(r.stdout.contains("SUMMARY:Keep in touch: "), has, "{plan}");
        let dir = scratch(&format!("network-csv-{}", has));
        let r = run(carepath()
            .args(["export", plan, "--to", "csv", "-o"])
            .arg(&dir));
        assert_eq!(r.code, 0, "{}", r.stderr);
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        assert_eq!(files.len(), if has { 10 } else { 8 }, "{plan}: {files:?}");
        assert_eq!(
            files
                .iter()
                .any(|f| f.ends_with("-occurrences.csv") || f == "occurrences.csv"),
            has,
            "{files:?}"
        );
    }
}
