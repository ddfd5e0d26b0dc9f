//! Any bytes as a roster file (`capacity.roster.file`), optionally followed by a `0xFF` byte and
//! the bytes of `match`: `carepath_ics::roster::read_detailed` never panics, and
//! - an error is at least one error finding, every finding's span inside the text and rendered
//!   (plain, colour, located) as the CLI shows it against the roster file;
//! - a roster's shifts are sorted by start, each ends after it starts with `hours` above 0 and
//!   within a day of the clock time between start and end (a clock change moves it by an hour
//!   or so; Samoa skipped a whole day in 2011), `covers` runs from the first shift's day to the last
//!   day a shift touches, there are at most `MAX_SHIFTS`, and with `match` every label contains
//!   it, ignoring case; its warnings render too;
//! - reading is deterministic, and a `match` never gives more shifts than no `match`.
#![no_main]

use carepath_fuzz::render_all;
use carepath_ics::roster::{self, MAX_SHIFTS};
use carepath_model::diag::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (file, needle) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (
            &data[..i],
            Some(String::from_utf8_lossy(&data[i + 1..]).into_owned()),
        ),
        None => (data, None),
    };
    let text = String::from_utf8_lossy(file);
    let src = Source {
        name: "shifts.ics",
        text: &text,
    };
    let first = roster::read_detailed(&text, needle.as_deref());
    let again = roster::read_detailed(&text, needle.as_deref());
    assert_eq!(first, again, "the same roster reads the same twice");
    match first {
        Err(e) => {
            assert!(
                e.diagnostics.iter().any(|d| d.is_error()),
                "an error without an error finding: {:#?}",
                e.diagnostics
            );
            render_all(src, text.len(), &e.diagnostics);
        }
        Ok(read) => {
            render_all(src, text.len(), &read.warnings);
            let r = &read.roster;
            assert!(r.shifts.len() <= MAX_SHIFTS);
            for w in r.shifts.windows(2) {
                assert!(w[0].start <= w[1].start, "not sorted: {w:?}");
            }
            for s in &r.shifts {
                assert!(s.hours > 0.0 && s.hours.is_finite(), "{s:?}");
                assert!(s.end > s.start, "ends before it starts: {s:?}");
                let civil = s.start.duration_until(s.end).as_secs_f64() / 3600.0;
                assert!(
                    (s.hours - civil).abs() <= 26.0,
                    "hours far from the clock: {s:?}"
                );
                if let Some(n) = &needle {
                    assert!(
                        s.label.to_lowercase().contains(&n.to_lowercase()),
                        "{s:?} does not match {n:?}"
                    );
                }
            }
            match (r.shifts.first(), r.covers) {
                (None, None) => {}
                (Some(f), Some((from, to))) => {
                    assert_eq!(from, f.start.date());
                    assert!(from <= to);
                    let last = r.shifts.iter().map(|s| s.end.date()).max().unwrap();
                    assert!(
                        to == last || to.tomorrow().ok() == Some(last),
                        "{to} {last}"
                    );
                }
                other => panic!("covers does not fit the shifts: {other:?}"),
            }
            if needle.is_some() {
                let all = roster::read(&text, None).expect("without match it reads too");
                assert!(all.shifts.len() >= r.shifts.len());
            }
        }
    }
});
