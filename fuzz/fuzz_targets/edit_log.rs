//! `carepath log`: `carepath_model::edit::append_progress` on any plan text with any entry.
//!
//! The input is the plan text, optionally followed by a 0xFF byte (which UTF-8 text never holds)
//! and the bytes the entry is made of; a plain plan file is a valid input (its entry is the
//! default one: 2026-06-30, the plan's first milestone, 0.25, no note). The format is JSON when
//! the text starts with `{`, else TOML, unless the entry says to swap them.
//!
//! What must hold, as edit.rs promises:
//! - never a panic;
//! - when it succeeds, every byte of the original is kept: the output is the input with one
//!   run of bytes inserted (in a JSON plan whose log is `"progress": null`, that `null` is
//!   replaced by the list, and is all that goes);
//! - when the original is a valid plan and the entry is one `carepath log` accepts and the plan
//!   format can hold (a milestone of the plan, a positive amount of at most 1e9, a day from 1900
//!   to 2200, any note), the output checks as a plan, equal to the original with exactly this
//!   entry added at the end of its progress log.
//!
//! With `CAREPATH_FUZZ_STRICT_LOG=1`, that a valid plan and entry must also be accepted (the
//! CLI says "cannot add the entry" otherwise) is checked too.
#![no_main]

use std::sync::OnceLock;

use arbitrary::{Arbitrary, Unstructured};
use carepath_model::Format;
use carepath_model::edit::{NewEntry, append_progress};
use jiff::civil::Date;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum MilestoneChoice {
    /// The id of one of the plan's milestones (by index, wrapping).
    Existing(u8),
    Other(String),
}

#[derive(Arbitrary, Debug)]
enum AmountChoice {
    /// (n + 1) / 4: always positive.
    Quarters(u32),
    Raw(f64),
}

#[derive(Arbitrary, Debug)]
struct Entry {
    year: u16,
    month: u8,
    day: u8,
    milestone: MilestoneChoice,
    amount: AmountChoice,
    note: Option<String>,
    swap_format: bool,
}

impl Entry {
    /// A day from 1900 to 2200 (the years `parse_date` and so `--date` accept); all-zero bytes
    /// give 2026-06-30.
    fn date(&self) -> Date {
        let year = 1900 + ((u32::from(self.year) + 126) % 301) as i16;
        let month = 1 + ((u32::from(self.month) + 5) % 12) as i8;
        let last = Date::new(year, month, 1)
            .expect("the first of a month exists")
            .days_in_month();
        let day = (1 + ((u32::from(self.day) + 29) % 31) as i8).min(last);
        Date::new(year, month, day).expect("a day within the month exists")
    }

    fn amount(&self) -> f64 {
        match self.amount {
            AmountChoice::Quarters(n) => (f64::from(n) + 1.0) / 4.0,
            AmountChoice::Raw(x) => x,
        }
    }
}

fn strict() -> bool {
    static STRICT: OnceLock<bool> = OnceLock::new();
    *STRICT.get_or_init(|| std::env::var_os("CAREPATH_FUZZ_STRICT_LOG").is_some_and(|v| v == "1"))
}

/// Where `out` holds bytes that `text` does not, asserting that those are one contiguous run and
/// everything else is `text`, byte for byte; in JSON, the run may take the place of a `null`
/// (the `"progress": null` that becomes the list), and of nothing else.
fn inserted_run(text: &str, out: &str, format: Format) -> std::ops::Range<usize> {
    let (a, b) = (text.as_bytes(), out.as_bytes());
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let replaced = &a[prefix..a.len() - suffix];
    assert!(
        (replaced.is_empty() || (format == Format::Json && replaced == b"null"))
            && b.len() > a.len(),
        "append_progress did not keep every byte: of the {} bytes of the plan, the output keeps \
         a prefix of {prefix} and a suffix of {suffix}\n--- plan\n{text:?}\n--- output\n{out:?}",
        a.len()
    );
    prefix..b.len() - suffix
}

fuzz_target!(|data: &[u8]| {
    let (text, entry_bytes) = match data.iter().rposition(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let Ok(e) = Entry::arbitrary_take_rest(Unstructured::new(entry_bytes)) else {
        return;
    };
    let looks_json = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{');
    let format = if looks_json != e.swap_format {
        Format::Json
    } else {
        Format::Toml
    };

    let before = carepath_model::check(text.as_bytes(), format, None);
    let before_plan = before.plan.as_ref().map(|p| p.plan());
    let milestone = match (&e.milestone, before_plan) {
        (MilestoneChoice::Existing(i), Some(p)) if !p.milestones.is_empty() => p.milestones
            [usize::from(*i) % p.milestones.len()]
        .id
        .clone(),
        (MilestoneChoice::Existing(i), _) => format!("m{i}"),
        (MilestoneChoice::Other(s), _) => s.clone(),
    };
    let entry = NewEntry {
        date: e.date(),
        milestone,
        amount: e.amount(),
        note: e.note.clone(),
        with: Vec::new(),
    };
    // What `carepath log` checks before it calls append_progress, and what the reader accepts.
    let acceptable = before_plan.is_some_and(|p| {
        p.milestones.iter().any(|m| m.id == entry.milestone)
            && entry.amount.is_finite()
            && entry.amount > 0.0
            && entry.amount <= 1e9
    });

    let out = match append_progress(text, format, &entry) {
        Ok(out) => out,
        Err(why) => {
            assert!(
                !(strict() && acceptable),
                "a valid plan refused a valid entry: {why}\n--- plan\n{text:?}\n--- entry\n{entry:?}"
            );
            return;
        }
    };
    let run = inserted_run(text, &out, format);
    if !acceptable {
        return;
    }
    let plan = before_plan.expect("acceptable implies a plan");

    let after = carepath_model::check(out.as_bytes(), format, None);
    let Some(after_plan) = &after.plan else {
        panic!(
            "the plan does not read back after the entry was added (inserted at {run:?}: {:?}): \
             {:#?}\n--- plan\n{text:?}\n--- output\n{out:?}",
            &out[run.clone()],
            after.diagnostics
        );
    };
    let mut got = after_plan.plan().clone();
    let added = got.progress.pop().expect("the output has a progress entry");
    assert_eq!(
        got.progress.len(),
        plan.progress.len(),
        "exactly one progress entry is added\n--- output\n{out:?}"
    );
    assert_eq!(
        (
            added.date,
            added.milestone.as_str(),
            added.amount,
            added.note.as_deref()
        ),
        (
            entry.date,
            entry.milestone.as_str(),
            entry.amount,
            entry.note.as_deref()
        ),
        "the last progress entry is the new one, exactly\n--- output\n{out:?}"
    );
    // Everything else reads as before. Spans move, and a NaN is not equal to itself, so compare
    // the debug forms without spans.
    let mut want = plan.clone();
    want.spans = Default::default();
    got.spans = Default::default();
    assert_eq!(
        format!("{want:?}"),
        format!("{got:?}"),
        "the rest of the plan reads as before\n--- output\n{out:?}"
    );
});
