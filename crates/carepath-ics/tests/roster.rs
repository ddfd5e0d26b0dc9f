//! The roster reader on the repository's roster files: the bad ones in `fixtures/bad/roster/`
//! give a located message (file, line, the line itself, a hint), and the ICU nurse's roster
//! `fixtures/roster/shifts.ics` reads back exactly as khal, a real calendar client, shows it.
//!
//! khal missing makes the khal test fail when `CI=true`, and skip with a visible `SKIPPED:` line
//! otherwise (`apt-get install -y khal`; `scripts/test` installs it).

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use carepath_ics::roster;
use carepath_model::codes;
use carepath_model::diag::{self, Source, Style};
use jiff::civil::Date;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

fn read_fixture(rel: &str) -> String {
    let path = fixtures().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Each bad roster: its one error, with the code, the line and column it points at and the
/// text of that line, rendered as `carepath` shows it.
#[test]
fn bad_rosters_are_located_errors() {
    let cases = [
        (
            "not-icalendar.ics",
            codes::ROSTER_NOT_ICALENDAR,
            "1:1",
            "Employee,Unit,Date,Start,End,Shift",
        ),
        (
            "broken-line.ics",
            codes::ROSTER_NOT_ICALENDAR,
            "12:1",
            "DTSTART 20260105T070000",
        ),
        (
            "bad-time.ics",
            codes::ROSTER_BAD_TIME,
            "12:30",
            "DTSTART;TZID=America/Chicago:20260231T070000",
        ),
        (
            "bad-rrule.ics",
            codes::ROSTER_BAD_RECURRENCE,
            "14:7",
            "RRULE:FREQ=FORTNIGHTLY;BYDAY=MO,TU,WE",
        ),
    ];
    for (file, code, place, line) in cases {
        let name = format!("fixtures/bad/roster/{file}");
        let text = read_fixture(&format!("bad/roster/{file}"));
        let err = roster::read(&text, Some("Shift")).expect_err(file);
        let errors: Vec<_> = err.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert_eq!(errors.len(), 1, "{file}: {errors:#?}");
        let d = errors[0];
        assert_eq!(d.code, code, "{file}: {}", d.message);
        assert!(d.hint.is_some(), "{file} has no hint");
        let shown = diag::render(
            Source {
                name: &name,
                text: &text,
            },
            d,
            Style::PLAIN,
        );
        assert!(
            shown.contains(&format!("{name}:{place}")),
            "{file}: not at {place}:\n{shown}"
        );
        assert!(
            shown.contains(line),
            "{file}: the line is not shown:\n{shown}"
        );
        assert!(shown.contains("hint:"), "{file}:\n{shown}");
    }
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Fails in CI, skips visibly elsewhere.
fn missing(what: &str, install: &str) {
    assert!(!in_ci(), "{what}; CI must have it: {install}");
    // Straight to stderr: the test harness captures `eprintln!` of a passing test.
    let _ = writeln!(std::io::stderr(), "SKIPPED: {what} ({install})");
}

/// khal with a config of its own: one vdir calendar, its database, the ward's zone as its local
/// zone, ISO dates and 24-hour times.
fn khal(dir: &Path, zone: &str, args: &[&str]) -> String {
    let config = dir.join("khal.conf");
    if !config.exists() {
        std::fs::create_dir_all(dir.join("vdir/roster")).unwrap();
        std::fs::write(
            &config,
            format!(
                "[calendars]\n[[roster]]\npath = {}\ntype = calendar\n\n\
                 [locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n\
                 longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n\
                 longdatetimeformat = %Y-%m-%d %H:%M\n\
                 local_timezone = {zone}\ndefault_timezone = {zone}\n\n\
                 [sqlite]\npath = {}\n",
                dir.join("vdir/roster").display(),
                dir.join("khal.db").display()
            ),
        )
        .unwrap();
    }
    let out = Command::new("khal")
        .arg("--config")
        .arg(&config)
        .args(args)
        // Keep the user's own khal and its caches out of it.
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .output()
        .expect("khal runs");
    let stdout = String::from_utf8(out.stdout).expect("khal writes UTF-8");
    assert!(
        out.status.success(),
        "khal {args:?} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// (start, end, title) of a shift as `YYYY-MM-DD HH:MM` in the roster's zone.
type Row = (String, String, String);

/// The fixture's shifts as khal shows them: every instance it lists over the roster's range and
/// a year either side (a night is listed under both its days: once here), less the all-day
/// events, the ones khal marks CANCELLED (carepath drops them; khal lists them struck out) and
/// the ones whose title lacks "shift" (the plan's `match`, ignoring case as carepath does).
fn khal_shifts(dir: &Path, ics: &Path, zone: &str, from: Date, to: Date) -> Vec<Row> {
    khal(
        dir,
        zone,
        &["import", "--batch", "-a", "roster", ics.to_str().unwrap()],
    );
    let out = khal(
        dir,
        zone,
        &[
            "list",
            "--day-format",
            "",
            "--format",
            "\u{27ea}{start}\u{27eb}{end}\u{27eb}{title}\u{27eb}{status}\u{27eb}{all-day}\u{27ea}end\u{27eb}",
            &from.to_string(),
            &to.to_string(),
        ],
    );
    let mut rows = BTreeSet::new();
    for chunk in out.split("\u{27ea}end\u{27eb}") {
        let Some(at) = chunk.find('\u{27ea}') else {
            continue;
        };
        let f: Vec<&str> = chunk[at + '\u{27ea}'.len_utf8()..]
            .split('\u{27eb}')
            .collect();
        assert_eq!(f.len(), 5, "khal's line: {chunk:?}");
        let (start, end, title, status, all_day) = (f[0], f[1], f[2], f[3].trim(), f[4]);
        if all_day == "True" || status == "CANCELLED" || !title.to_lowercase().contains("shift") {
            continue;
        }
        rows.insert((start.to_string(), end.to_string(), title.to_string()));
    }
    rows.into_iter().collect()
}

/// The fixture's shifts read by carepath are the ones khal shows: the same instances (start, end,
/// title), the same count, and hours that are the real time between start and end in the ward's
/// zone, recurring events, EXDATEs, the moved and the cancelled shift and both clock changes
/// included.
#[test]
fn the_roster_fixture_reads_as_khal_shows_it() {
    let text = read_fixture("roster/shifts.ics");
    let read = roster::read_detailed(&text, Some("Shift")).expect("the fixture reads");
    assert!(read.warnings.is_empty(), "{:#?}", read.warnings);
    assert_eq!(read.zone, "America/Chicago");
    let r = &read.roster;
    let ours: Vec<Row> = r
        .shifts
        .iter()
        .map(|s| {
            (
                s.start.strftime("%Y-%m-%d %H:%M").to_string(),
                s.end.strftime("%Y-%m-%d %H:%M").to_string(),
                s.label.clone(),
            )
        })
        .collect();
    // What the fixture is there to exercise: 150 shifts of a 2-week rotation (12.5 h each but
    // the two nights of the clock changes), read the same whether khal is installed or not.
    assert_eq!(r.shifts.len(), 150);
    let hours: Vec<f64> = r.shifts.iter().map(|s| s.hours).collect();
    assert!(hours.contains(&11.5) && hours.contains(&13.5), "{hours:?}");
    assert!(r.shifts.iter().all(|s| !s.label.contains("meeting")));
    assert!(r.shifts.iter().any(|s| s.label.contains("swap")));
    assert!(r.shifts.iter().all(|s| !s.label.contains("cancelled")));

    if Command::new("khal").arg("--version").output().is_err() {
        missing("khal not installed", "apt-get install -y khal");
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("roster-khal");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (first, last) = r.covers.expect("the fixture has shifts");
    let year = jiff::Span::new().years(1);
    let theirs = khal_shifts(
        &dir,
        &fixtures().join("roster/shifts.ics"),
        &read.zone,
        first.checked_sub(year).unwrap(),
        last.checked_add(year).unwrap(),
    );
    assert_eq!(
        ours.len(),
        theirs.len(),
        "carepath reads {} shifts, khal shows {}",
        ours.len(),
        theirs.len()
    );
    for (a, b) in ours.iter().zip(&theirs) {
        assert_eq!(a, b, "carepath's shift, then khal's");
    }
    // Hours: the elapsed time between khal's start and end, placed in the zone by jiff.
    let tz = jiff::tz::TimeZone::get(&read.zone).unwrap();
    for (s, (start, end, _)) in r.shifts.iter().zip(&theirs) {
        let at = |t: &str| {
            let civil: jiff::civil::DateTime = t.parse().unwrap();
            tz.to_ambiguous_timestamp(civil).compatible().unwrap()
        };
        let elapsed = at(end).duration_since(at(start)).as_secs_f64() / 3600.0;
        assert_eq!(s.hours, elapsed, "hours of the shift starting {start}");
    }
    let total: f64 = hours.iter().sum();
    assert_eq!(
        total,
        150.0 * 12.5,
        "the lost and the gained hour cancel out over the year"
    );
}
