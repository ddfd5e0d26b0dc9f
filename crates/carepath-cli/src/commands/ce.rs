//! `carepath ce`: one CE activity appended to the plan's CE log, under the plan's lock, keeping
//! every other byte, the way `carepath log` appends progress. The plan is checked with the new
//! entry before anything is written: an entry that would make it invalid (a `--for` naming a
//! credential the person neither holds nor earns, topic hours over the total) is shown at its
//! place, and the file stays as it was.

use std::io::Write;
use std::path::Path;

use carepath_model::edit::NewCe;
use carepath_model::resolved::CredentialStatus;
use carepath_model::text::visible_line;
use carepath_model::{CeEntry, CheckedPlan, Diagnostic};
use jiff::civil::Date;

use crate::args::{Amount, Topic};
use crate::files;
use crate::session::{
    Env, Failure, Outcome, checked_for_edit, edited_format, emit, errors_of, num,
    render_diagnostics, resolve,
};

/// The activity as the command line gives it (every value checked by clap already).
pub struct Activity {
    pub hours: Amount,
    pub title: String,
    pub date: Option<Date>,
    pub category: Option<String>,
    pub topics: Vec<Topic>,
    pub counts_for: Vec<String>,
    pub provider: Option<String>,
    pub note: Option<String>,
}

/// What the message says, from the plan as it was when the entry landed.
struct Logged {
    /// One line per credential cycle the entry counts toward, from the engine.
    counts: Vec<String>,
    /// Warnings about the new entry (a date after the as-of date).
    warnings: Vec<Diagnostic>,
    /// The new text, to show the warnings at their line.
    text: String,
}

pub fn ce(env: &Env, path: &Path, activity: Activity, out: &mut dyn Write) -> Outcome {
    let Amount(hours) = activity.hours;
    let date = activity.date.unwrap_or(env.as_of);
    let name = files::shown(path);
    let format = edited_format(path)?;
    let mut counts_for: Vec<String> = Vec::new();
    for id in activity.counts_for {
        // `--for ccrn,ccrn` names one credential.
        if !counts_for.contains(&id) {
            counts_for.push(id);
        }
    }
    let entry = NewCe {
        date,
        title: activity.title,
        hours,
        category: activity.category,
        topics: activity
            .topics
            .into_iter()
            .map(|t| (t.name, t.hours))
            .collect(),
        counts_for,
        provider: activity.provider,
        note: activity.note,
    };
    let mut logged: Option<Logged> = None;
    let edited = files::edit_locked(path, files::MAX_PLAN_BYTES, &mut |bytes| {
        let before = &checked_for_edit(env, &name, bytes, format)?;
        let text = String::from_utf8_lossy(bytes);
        let n = before.plan().ce.len();
        let new_text = carepath_model::edit::append_ce(&text, format, &entry).map_err(|e| {
            Failure::usage(format!(
                "{name}: cannot add the entry: {e}; nothing was written"
            ))
        })?;
        let again = carepath_model::check(new_text.as_bytes(), format, env.knowledge());
        let Some(after) = &again.plan else {
            let errors = errors_of(&again.diagnostics);
            // The plan was valid: errors at the new entry are the entry's; any other would be
            // carepath's own mistake.
            if errors.iter().all(|d| at_entry(d, n)) {
                eprint!("{}", render_diagnostics(env, &name, &new_text, &errors));
                return Err(Failure::plan(format!(
                    "{name}: with this entry the plan would have errors (shown above at the new entry, as it would be written); nothing was written"
                )));
            }
            let why: Vec<String> = errors.iter().map(|d| d.message.clone()).collect();
            return Err(Failure::usage(format!(
                "{name}: with this entry the plan would not read back ({}); nothing was written (please report this)",
                why.join("; ")
            )));
        };
        // Never write a file whose log is not the old one plus exactly this entry.
        if !reads_back(before, after, &entry) {
            return Err(Failure::usage(format!(
                "{name}: the entry could not be added cleanly; nothing was written (please report this)"
            )));
        }
        let old = resolve(env, before);
        let new = resolve(env, after);
        let mut warnings: Vec<Diagnostic> = again
            .diagnostics
            .iter()
            .cloned()
            .chain(carepath_model::findings(after, &new))
            .filter(|d| !d.is_error() && at_entry(d, n))
            .collect();
        warnings.dedup_by(|a, b| a.code == b.code && a.path == b.path);
        logged = Some(Logged {
            counts: counted_toward(&old.schedule.credentials, &new.schedule.credentials),
            warnings,
            text: new_text.clone(),
        });
        Ok(new_text.into_bytes())
    })?;
    let mut text = format!(
        "logged {} CE {} for \"{}\" on {date}",
        num(hours),
        if hours == 1.0 { "hour" } else { "hours" },
        visible_line(&entry.title)
    );
    if !entry.counts_for.is_empty() {
        let ids: Vec<String> = entry
            .counts_for
            .iter()
            .map(|c| format!("`{}`", visible_line(c)))
            .collect();
        text.push_str(&format!(", for {}", ids.join(", ")));
    }
    text.push('\n');
    if let Some(logged) = &logged {
        for line in &logged.counts {
            text.push_str(&format!("  counts toward {line}\n"));
        }
        if !logged.warnings.is_empty() {
            eprint!(
                "{}",
                render_diagnostics(env, &name, &logged.text, &logged.warnings)
            );
        }
    }
    if edited.reapplied > 0 {
        text.push_str(&format!(
            "note: {name} changed while carepath was writing it; the entry was added to the new version\n"
        ));
    }
    emit(out, &text)
}

/// Whether a finding is about the CE entry at index `n` (`ce[3]`, `ce[3].date`, not `ce[30]`).
fn at_entry(d: &Diagnostic, n: usize) -> bool {
    let here = format!("ce[{n}]");
    d.path
        .strip_prefix(&here)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

/// Whether `after` reads as `before` with `entry` added at the end of its CE log.
fn reads_back(before: &CheckedPlan, after: &CheckedPlan, entry: &NewCe) -> bool {
    let (old, new) = (&before.plan().ce, &after.plan().ce);
    let Some((added, rest)) = new.split_last() else {
        return false;
    };
    let sorted = |mut t: Vec<(String, f64)>| {
        t.sort_by(|a, b| a.0.cmp(&b.0));
        t
    };
    let want = CeEntry {
        date: entry.date,
        title: entry.title.clone(),
        hours: entry.hours,
        category: entry.category.clone(),
        topics: sorted(entry.topics.clone()),
        counts_for: entry.counts_for.clone(),
        provider: entry.provider.clone(),
        note: entry.note.clone(),
    };
    // The reader may give a table's keys in another order than the file's.
    let got = CeEntry {
        topics: sorted(added.topics.clone()),
        ..added.clone()
    };
    rest == old.as_slice() && got == want
}

/// The credential cycles whose counted CE the new entry raised, as the engine counts them: one
/// line each, "`ccrn` (cycle ending 2027-06-30): total 42 of 100 CERPs, 58 to go; category:A 22
/// of 60 CERPs". Empty when the engine counts it toward nothing (or tracks no CE).
fn counted_toward(old: &[CredentialStatus], new: &[CredentialStatus]) -> Vec<String> {
    let mut lines = Vec::new();
    for cred in new {
        for cycle in &cred.cycles {
            let before = old
                .iter()
                .find(|c| c.id == cred.id)
                .and_then(|c| c.cycles.iter().find(|k| k.expires == cycle.expires));
            let raised: Vec<String> = cycle
                .requirements
                .iter()
                .filter(|r| r.requirement != "practice" && r.requirement != "practice-recent")
                .filter(|r| {
                    let was = before
                        .and_then(|b| {
                            b.requirements
                                .iter()
                                .find(|x| x.requirement == r.requirement)
                        })
                        .map_or(0.0, |x| x.counted);
                    r.counted > was + 1e-9
                })
                .map(|r| {
                    let mut s = format!(
                        "{} {} of {} {}",
                        r.requirement,
                        num(r.counted),
                        num(r.required),
                        r.unit
                    );
                    if r.remaining > 0.0 {
                        s.push_str(&format!(", {} to go", num(r.remaining)));
                    } else {
                        s.push_str(", met");
                    }
                    s
                })
                .collect();
            if !raised.is_empty() {
                lines.push(format!(
                    "`{}` (cycle ending {}): {}",
                    visible_line(&cred.id),
                    cycle.expires,
                    raised.join("; ")
                ));
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use carepath_model::resolved::{CredentialCycle, CredentialState, Requirement};
    use jiff::civil::date;

    fn req(requirement: &str, required: f64, counted: f64) -> Requirement {
        Requirement {
            requirement: requirement.into(),
            required,
            counted,
            remaining: (required - counted).max(0.0),
            met: counted >= required,
            unit: "CERPs".into(),
            forecast: None,
        }
    }

    fn ccrn(total: f64, category_a: f64, practice: f64) -> CredentialStatus {
        CredentialStatus {
            id: "ccrn".into(),
            name: "CCRN".into(),
            jurisdiction: None,
            earned: Some(date(2024, 7, 1)),
            expires: Some(date(2027, 6, 30)),
            status: CredentialState::Current,
            earned_by: None,
            attention: None,
            rule: None,
            cycles: vec![CredentialCycle {
                start: Some(date(2024, 7, 1)),
                expires: date(2027, 6, 30),
                submit_by: date(2027, 5, 31),
                requirements: vec![
                    req("total", 100.0, total),
                    req("category:A", 60.0, category_a),
                    req("practice", 432.0, practice),
                ],
                renewal_milestone: None,
                forecast_finish: None,
            }],
        }
    }

    /// The engine's counts before and after the entry: only what the entry raised is named.
    #[test]
    fn counts_toward_names_the_requirements_the_entry_raised() {
        let old = [ccrn(40.0, 20.0, 100.0)];
        let new = [ccrn(42.0, 22.0, 100.0)];
        assert_eq!(
            counted_toward(&old, &new),
            [
                "`ccrn` (cycle ending 2027-06-30): total 42 of 100 CERPs, 58 to go; category:A 22 of 60 CERPs, 38 to go"
            ]
        );
        // A requirement met by the entry says so.
        let new = [ccrn(100.0, 22.0, 100.0)];
        assert_eq!(
            counted_toward(&old, &new),
            [
                "`ccrn` (cycle ending 2027-06-30): total 100 of 100 CERPs, met; category:A 22 of 60 CERPs, 38 to go"
            ]
        );
        // An entry the engine counts toward nothing (or no engine output at all) adds no line.
        assert!(counted_toward(&old, &old).is_empty());
        assert!(counted_toward(&[], &[]).is_empty());
    }
}
