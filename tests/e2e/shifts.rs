//! Plans around shifts: the roster file read by the CLI, the "Your weeks" strip, the weekly load.

use crate::{carepath, fixture, run};

/// What a charge nurse reads for the ICU rotation fixture: study only on the days off, never on
/// a shift day or the day a night ends, and the 54-hour limit kept.
#[test]
fn show_icu_rotation() {
    let r = run(carepath().args(["show", "fixtures/icu-rotation.toml"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Week A (from 2026-11-30): days Mon Tue, nights Fri Sat, Sunday the night's end.
    assert!(
        r.stdout
            .contains("  2026-11-30     50 h     4 h    54 h  Wed Thu\n"),
        "{}",
        r.stdout
    );
    // Week B: nights Tue Wed, Thursday the night's end.
    assert!(
        r.stdout
            .contains("  2026-12-07     25 h     6 h    31 h  Mon Fri Sat Sun\n")
    );
    insta::assert_snapshot!("show_icu_rotation", r.stdout);
}

/// The roster fixture: its shifts come from the .ics file next to the plan.
#[test]
fn show_icu_roster() {
    let r = run(carepath().args(["show", "fixtures/icu-roster.toml"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Your weeks"), "{}", r.stdout);
    insta::assert_snapshot!("show_icu_roster", r.stdout);
}

/// JSON and CSV weekly load carry the shift columns for a plan with shifts only.
#[test]
fn weekly_load_has_shift_hours_only_with_shifts() {
    let r = run(carepath().args([
        "export",
        "fixtures/icu-rotation.toml",
        "--to",
        "json",
        "-o",
        "-",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let weeks = doc["schedule"]["weekly_load"].as_array().unwrap();
    let week = weeks
        .iter()
        .find(|w| w["week"] == "2026-11-30")
        .expect("the as-of week");
    assert_eq!(week["shift_hours"], 50.0);
    assert_eq!(week["free_days"], 2);
    assert_eq!(week["forecast_hours"], 4.0);
    assert_eq!(week["total_hours"], 54.0);
    let christmas = weeks.iter().find(|w| w["week"] == "2026-12-21").unwrap();
    assert_eq!(christmas["free_days"], 0, "a break week has no free day");

    let r = run(carepath().args([
        "export",
        "fixtures/rn-to-acnp.toml",
        "--to",
        "json",
        "-o",
        "-",
    ]));
    assert!(!r.stdout.contains("shift_hours"));

    let r = run(carepath().args([
        "export",
        "fixtures/icu-roster.toml",
        "--to",
        "csv",
        "--table",
        "weekly-load",
        "-o",
        "-",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with(
            "week,baseline_hours,forecast_hours,shift_hours,free_days,total_hours\r\n"
        ),
        "{}",
        r.stdout
    );
    // The week of the spring clock change: a night loses an hour.
    assert!(
        r.stdout.contains("\r\n2026-03-02,5,,36.5,3,41.5\r\n"),
        "{}",
        r.stdout
    );
}

/// A roster file that is not iCalendar: the finding is located in the roster file (its name, line
/// and column, the line itself), and no command runs on the plan.
#[test]
fn a_bad_roster_file_is_located_in_that_file() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("roster-not-icalendar");
    std::fs::create_dir_all(&dir).unwrap();
    let plan = std::fs::read_to_string(fixture("icu-roster.toml"))
        .unwrap()
        .replace("roster/shifts.ics", "shifts.csv");
    std::fs::write(dir.join("plan.toml"), plan).unwrap();
    std::fs::copy(
        fixture("bad/roster/not-icalendar.ics"),
        dir.join("shifts.csv"),
    )
    .unwrap();
    let plan = dir.join("plan.toml");
    let r = run(carepath().arg("show").arg(&plan));
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let roster = dir.join("shifts.csv").display().to_string();
    assert!(r.stderr.contains("error[R001]"), "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("--> {roster}:1:")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("= hint:"), "{}", r.stderr);
    assert!(r.stderr.contains("1 error"), "{}", r.stderr);
    let r = run(carepath().arg("check").arg(&plan));
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("error[R001]") && r.stdout.contains("(1 error,"),
        "{}",
        r.stdout
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A missing roster file is E037 at the plan's `file = ...`, for every command.
#[test]
fn a_missing_roster_file_is_e037_at_its_name() {
    for args in [
        vec!["check", "fixtures/bad/roster-missing.toml"],
        vec!["show", "fixtures/bad/roster-missing.toml"],
        vec![
            "export",
            "fixtures/bad/roster-missing.toml",
            "--to",
            "json",
            "-o",
            "-",
        ],
    ] {
        let r = run(carepath().args(&args));
        assert_eq!(r.code, 1, "{args:?}");
        let text = format!("{}{}", r.stdout, r.stderr);
        assert!(text.contains("error[E037]"), "{args:?}: {text}");
        assert!(
            text.contains("--> fixtures/bad/roster-missing.toml:16:8\n"),
            "{args:?}: {text}"
        );
        assert!(text.contains("roster-missing.ics: no such file"), "{text}");
    }
}

/// Weeks whose shifts alone pass `max_week_hours`: one warning, at the limit, counting the weeks
/// up to the plan's last finish; the plan stays valid.
#[test]
fn shifts_over_the_limit_are_one_warning_at_the_limit() {
    let r = run(carepath().args(["check", "fixtures/bad/shifts-over-limit.toml"]));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.stdout.matches("warning[W021]").count(), 1, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("the first the week of 2026-01-05 with 50 h of shifts")
            && r.stdout
                .contains("--> fixtures/bad/shifts-over-limit.toml:14:18\n"),
        "{}",
        r.stdout
    );
}

/// The warnings about shifts reach every output that shows findings, not only `check`: `show`
/// (under "Your weeks"), `export` (stderr) and the JSON document (`schedule.shift_warnings`).
/// W021 from the over-the-limit fixture; W022 and the roster file's W031 from a roster in UTC
/// that ends before the plan does.
#[test]
fn shift_warnings_reach_show_export_and_json() {
    let plan = "fixtures/bad/shifts-over-limit.toml";
    let r = run(carepath().env("COLUMNS", "200").args(["show", plan]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let weeks = r.stdout.find("Your weeks").expect("the strip");
    let w021 = r.stdout.find("  warning[W021]: ").expect("W021 in show");
    assert!(w021 > weeks, "{}", r.stdout);
    // Why the study can never be placed: the rotation, not the 5 h a week.
    assert!(
        r.stdout
            .contains("60 h of work at 5 h a week, but the rotation leaves no time for it"),
        "{}",
        r.stdout
    );
    // Every week of the strip is over the limit by its shifts: said once, not eight times.
    assert!(
        r.stdout.contains(
            "  Over 45 h: all 8 weeks (50 h of shifts alone); no study is planned in those weeks.\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("the first the week of 2026-01-05 with 50 h of shifts")
            && r.stdout.contains("    hint: raise max_week_hours"),
        "{}",
        r.stdout
    );
    let r = run(carepath().args(["export", plan, "--to", "json", "-o", "-"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr.matches("warning[W021]: ").count(),
        1,
        "{}",
        r.stderr
    );
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let found = &doc["schedule"]["shift_warnings"];
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");
    assert_eq!(found[0]["code"], "W021");
    assert!(
        found[0]["hint"]
            .as_str()
            .unwrap()
            .contains("max_week_hours")
    );

    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("roster-in-utc");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("plan.toml"),
        "format = 1\ntitle = \"Study around a short roster\"\nstart = 2026-11-02\n\n\
         [person]\nname = \"Lee\"\n\n[capacity]\nhours_per_week = 5\n\n\
         [capacity.roster]\nfile = \"shifts.ics\"\n\n\
         [[milestones]]\nid = \"course\"\ntitle = \"Course\"\nkind = \"training\"\neffort_hours = 40\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("shifts.ics"),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n\
         BEGIN:VEVENT\r\nUID:a@test\r\nDTSTAMP:20261001T000000Z\r\n\
         DTSTART:20261124T070000Z\r\nDTEND:20261124T193000Z\r\nSUMMARY:Day shift\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:b@test\r\nDTSTAMP:20261001T000000Z\r\n\
         DTSTART:20261125T070000Z\r\nDTEND:20261125T193000Z\r\nSUMMARY:Day shift\r\nEND:VEVENT\r\n\
         END:VCALENDAR\r\n",
    )
    .unwrap();
    let plan = dir.join("plan.toml");
    let r = run(carepath().env("COLUMNS", "200").arg("show").arg(&plan));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("  warning[W022]: the roster file ends on 2026-11-25")
            && r.stdout
                .contains("  warning[W031]: the roster gives its times in UTC"),
        "{}",
        r.stdout
    );
    let r = run(carepath()
        .arg("export")
        .arg(&plan)
        .args(["--to", "json", "-o", "-"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning[W022]: ") && r.stderr.contains("warning[W031]: "),
        "{}",
        r.stderr
    );
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let codes: Vec<&str> = doc["schedule"]["shift_warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["W022", "W031"]);
    // `check` still locates them: W022 at the plan's `file = ...`, W031 in the roster file.
    let r = run(carepath().arg("check").arg(&plan));
    assert!(
        r.stdout.contains("warning[W022]") && r.stdout.contains("warning[W031]"),
        "{}",
        r.stdout
    );
    std::fs::remove_dir_all(&dir).unwrap();

    // A plan without shifts: no such field, nothing on stderr.
    let r = run(carepath().args([
        "export",
        "fixtures/rn-to-acnp.toml",
        "--to",
        "json",
        "-o",
        "-",
    ]));
    assert!(!r.stdout.contains("shift_warnings") && !r.stderr.contains("warning["));
}
