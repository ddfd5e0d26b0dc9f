//! `carepath ce`: `carepath_model::edit::append_ce` on any plan text with any CE activity.
//!
//! The input is the plan text, optionally followed by a 0xFF byte (which UTF-8 text never holds)
//! and the bytes the activity is made of; a plain plan file is a valid input (its activity is the
//! default one: 2026-06-30, an empty title, 0.25 hours, nothing else). The format is JSON when
//! the text starts with `{`, else TOML, unless the activity says to swap them.
//!
//! What must hold, as edit/ce.rs promises:
//! - never a panic;
//! - when it succeeds, every byte of the original is kept: the output is the input with one
//!   run of bytes inserted (in a JSON plan whose log is `"ce": null`, that `null` is replaced by
//!   the list, and is all that goes);
//! - when the original is a valid plan and the activity is one `carepath ce` accepts and the plan
//!   can take (a day from 1900 to 2200, 0 < hours ≤ 1e9, topics of distinct names with
//!   0 < hours each within the activity's and a sum within it too, `counts_for` naming held or
//!   earned credentials, any text), the output checks as a plan, equal to the original with
//!   exactly this activity added at the end of its CE log.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use carepath_model::edit::{NewCe, append_ce};
use carepath_model::{CeEntry, Format};
use jiff::civil::Date;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum HoursChoice {
    /// (n + 1) / 4: always positive.
    Quarters(u32),
    Raw(f64),
}

impl HoursChoice {
    fn value(&self) -> f64 {
        match self {
            HoursChoice::Quarters(n) => (f64::from(*n) + 1.0) / 4.0,
            HoursChoice::Raw(x) => *x,
        }
    }
}

#[derive(Arbitrary, Debug)]
enum CredentialChoice {
    /// One of the credentials the plan holds or earns (by index, wrapping).
    Known(u8),
    Other(String),
}

#[derive(Arbitrary, Debug)]
struct Activity {
    year: u16,
    month: u8,
    day: u8,
    title: String,
    hours: HoursChoice,
    category: Option<String>,
    topics: Vec<(String, HoursChoice)>,
    counts_for: Vec<CredentialChoice>,
    provider: Option<String>,
    note: Option<String>,
    swap_format: bool,
}

impl Activity {
    /// A day from 1900 to 2200; all-zero bytes give 2026-06-30.
    fn date(&self) -> Date {
        let year = 1900 + ((u32::from(self.year) + 126) % 301) as i16;
        let month = 1 + ((u32::from(self.month) + 5) % 12) as i8;
        let last = Date::new(year, month, 1)
            .expect("the first of a month exists")
            .days_in_month();
        let day = (1 + ((u32::from(self.day) + 29) % 31) as i8).min(last);
        Date::new(year, month, day).expect("a day within the month exists")
    }
}

/// Where `out` holds bytes that `text` does not, asserting that those are one contiguous run and
/// everything else is `text`, byte for byte; in JSON, the run may take the place of a `null`.
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
        "append_ce did not keep every byte: of the {} bytes of the plan, the output keeps \
         a prefix of {prefix} and a suffix of {suffix}\n--- plan\n{text:?}\n--- output\n{out:?}",
        a.len()
    );
    prefix..b.len() - suffix
}

/// The sum of the topics' hours within the activity's, in the order given and by name (the
/// orders the reader may add them in), as the reader's check has it.
fn topics_fit(hours: f64, topics: &[(String, f64)]) -> bool {
    let mut by_name: Vec<&(String, f64)> = topics.iter().collect();
    by_name.sort_by(|a, b| a.0.cmp(&b.0));
    let given: f64 = topics.iter().map(|t| t.1).sum();
    let sorted: f64 = by_name.iter().map(|t| t.1).sum();
    topics.iter().all(|(_, h)| *h <= hours) && given <= hours + 1e-9 && sorted <= hours + 1e-9
}

fn sorted_topics(mut t: Vec<(String, f64)>) -> Vec<(String, f64)> {
    t.sort_by(|a, b| a.0.cmp(&b.0));
    t
}

fuzz_target!(|data: &[u8]| {
    let (text, entry_bytes) = match data.iter().rposition(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let Ok(a) = Activity::arbitrary_take_rest(Unstructured::new(entry_bytes)) else {
        return;
    };
    let looks_json = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{');
    let format = if looks_json != a.swap_format {
        Format::Json
    } else {
        Format::Toml
    };

    let before = carepath_model::check(text.as_bytes(), format, None);
    let before_plan = before.plan.as_ref().map(|p| p.plan());
    let known: Vec<String> = before_plan
        .map(|p| {
            let mut k: Vec<String> = p
                .person
                .credential_ids()
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect();
            k.extend(p.milestones.iter().filter_map(|m| m.earns.clone()));
            k
        })
        .unwrap_or_default();
    let counts_for: Vec<String> = a
        .counts_for
        .iter()
        .map(|c| match c {
            CredentialChoice::Known(i) if !known.is_empty() => {
                known[usize::from(*i) % known.len()].clone()
            }
            CredentialChoice::Known(i) => format!("c{i}"),
            CredentialChoice::Other(s) => s.clone(),
        })
        .collect();
    let entry = NewCe {
        date: a.date(),
        title: a.title.clone(),
        hours: a.hours.value(),
        category: a.category.clone(),
        topics: a
            .topics
            .iter()
            .map(|(k, h)| (k.clone(), h.value()))
            .collect(),
        counts_for,
        provider: a.provider.clone(),
        note: a.note.clone(),
    };
    let distinct = entry
        .topics
        .iter()
        .enumerate()
        .all(|(i, (k, _))| entry.topics[..i].iter().all(|(o, _)| o != k));
    // What `carepath ce` accepts and the plan can take.
    let acceptable = before_plan.is_some()
        && entry.hours.is_finite()
        && entry.hours > 0.0
        && entry.hours <= 1e9
        && distinct
        && entry
            .topics
            .iter()
            .all(|(_, h)| h.is_finite() && *h > 0.0 && *h <= 1e9)
        && topics_fit(entry.hours, &entry.topics)
        && entry.counts_for.iter().all(|c| known.contains(c));

    let out = match append_ce(text, format, &entry) {
        Ok(out) => out,
        Err(why) => {
            // A valid plan refuses a valid activity only when its CE log is not a list.
            let not_a_list = why.contains("is not a list");
            assert!(
                !acceptable || not_a_list,
                "a valid plan refused a valid activity: {why}\n--- plan\n{text:?}\n--- entry\n{entry:?}"
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
            "the plan does not read back after the activity was added (inserted at {run:?}: {:?}): \
             {:#?}\n--- plan\n{text:?}\n--- output\n{out:?}",
            &out[run.clone()],
            after.diagnostics
        );
    };
    let mut got = after_plan.plan().clone();
    let added = got.ce.pop().expect("the output has a CE entry");
    assert_eq!(
        got.ce.len(),
        plan.ce.len(),
        "exactly one CE entry is added\n--- output\n{out:?}"
    );
    let want = CeEntry {
        date: entry.date,
        title: entry.title.clone(),
        hours: entry.hours,
        category: entry.category.clone(),
        topics: sorted_topics(entry.topics.clone()),
        counts_for: entry.counts_for.clone(),
        provider: entry.provider.clone(),
        note: entry.note.clone(),
    };
    let added = CeEntry {
        topics: sorted_topics(added.topics.clone()),
        ..added
    };
    assert_eq!(
        added, want,
        "the last CE entry is the new one, exactly\n--- output\n{out:?}"
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
