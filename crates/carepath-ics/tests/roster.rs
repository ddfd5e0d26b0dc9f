//! The roster reader on the repository's roster files: the bad ones in `fixtures/bad/roster/`
//! give a located message (file, line, the line itself, a hint), and the ICU nurse's roster
//! `fixtures/roster/shifts.ics` reads back exactly as khal, a real calendar client, shows it.
//!
//! khal missing makes the khal test fail when `CI=true`, and skip with a visible `SKIPPED:` line
//! otherwise (`apt-get install -y khal`; `scripts/test` installs it).

use std::path::{Path, PathBuf};

use carepath_ics::roster;
use carepath_model::codes;
use carepath_model::diag::{self, Source, Style};

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
