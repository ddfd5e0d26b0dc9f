//! `carepath log`: one progress entry appended to the plan, under the plan's lock, keeping every
//! other byte.

use std::io::Write;
use std::path::Path;

use carepath_model::text::visible_line;
use jiff::civil::Date;

use crate::args::Amount;
use crate::files;
use crate::session::{
    Env, Failure, Outcome, checked_for_edit, edited_format, emit, errors_of, num,
};

pub fn log(
    env: &Env,
    path: &Path,
    milestone: &str,
    amount: Amount,
    date: Option<Date>,
    (note, with): (Option<String>, Vec<String>),
    out: &mut dyn Write,
) -> Outcome {
    let Amount(amount) = amount;
    let date = date.unwrap_or(env.as_of);
    let name = files::shown(path);
    let format = edited_format(path)?;
    let entry = carepath_model::edit::NewEntry {
        date,
        milestone: milestone.to_string(),
        amount,
        note,
        with: with.clone(),
    };
    // What the message says, from the plan as it was when the entry landed.
    let mut logged: Option<(String, f64)> = None;
    let edited = files::edit_locked(path, files::MAX_PLAN_BYTES, &mut |bytes| {
        let checked = &checked_for_edit(env, &name, bytes, format)?;
        let text = String::from_utf8_lossy(bytes);
        let plan = checked.plan();
        let Some(index) = checked.milestone(milestone) else {
            let ids = plan.milestones.iter().map(|m| m.id.as_str());
            let hint = match carepath_model::suggest::did_you_mean(milestone, ids) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("`carepath status {name}` lists the milestones"),
            };
            return Err(Failure::usage(format!(
                "{name}: there is no milestone `{}`; nothing was written\n  hint: {hint}",
                visible_line(milestone)
            )));
        };
        for w in &with {
            if plan.people.iter().any(|c| c.id == *w) {
                continue;
            }
            let ids = plan.people.iter().map(|c| c.id.as_str());
            let hint = match carepath_model::suggest::did_you_mean(w, ids) {
                Some(s) => format!("did you mean `{s}`?"),
                None if plan.people.is_empty() => {
                    "the plan has no [[people]] yet; add the person there first".to_string()
                }
                None => format!("`carepath people {name}` lists the people"),
            };
            return Err(Failure::usage(format!(
                "{name}: there is no person `{}` in [[people]]; nothing was written\n  hint: {hint}",
                visible_line(w)
            )));
        }
        let new_text =
            carepath_model::edit::append_progress(&text, format, &entry).map_err(|e| {
                Failure::usage(format!(
                    "{name}: cannot add the entry: {e}; nothing was written"
                ))
            })?;
        // Never write a file that would not read back.
        let again = carepath_model::check(new_text.as_bytes(), format, env.knowledge());
        if let Some(again) = &again.plan {
            if again.plan().progress.len() != plan.progress.len() + 1 {
                return Err(Failure::usage(format!(
                    "{name}: the entry could not be added cleanly; nothing was written (please report this)"
                )));
            }
        } else {
            let why: Vec<String> = errors_of(&again.diagnostics)
                .into_iter()
                .map(|d| d.message)
                .collect();
            return Err(Failure::usage(format!(
                "{name}: with this entry the plan would not read back ({}); nothing was written",
                why.join("; ")
            )));
        }
        let m = &plan.milestones[index];
        // A series' amount counts occurrences (docs/network.md).
        let unit = if m.every.is_some() {
            "occurrences".into()
        } else {
            m.measure
                .as_ref()
                .and_then(|x| x.unit.clone())
                .unwrap_or_else(|| "hours".into())
        };
        let total: f64 = plan
            .progress
            .iter()
            .filter(|p| p.milestone == milestone)
            .map(|p| p.amount)
            .sum::<f64>()
            + amount;
        logged = Some((unit, total));
        Ok(new_text.into_bytes())
    })?;
    let (unit, total) = logged.unwrap_or_else(|| ("hours".into(), amount));
    let with_text = if with.is_empty() {
        String::new()
    } else {
        format!(" with {}", with.join(", "))
    };
    let mut text = format!(
        "logged {} {} for `{milestone}` on {date}{with_text} (total {} {})\n",
        num(amount),
        unit_for(&unit, amount),
        num(total),
        unit_for(&unit, total),
    );
    if edited.reapplied > 0 {
        text.push_str(&format!(
            "note: {name} changed while carepath was writing it; the entry was added to the new version\n"
        ));
    }
    emit(out, &text)
}

/// "1 hour", "2 hours": the default unit agrees with its number; a unit the plan names is shown
/// as written.
fn unit_for(unit: &str, amount: f64) -> &str {
    match unit {
        "hours" if amount == 1.0 => "hour",
        "occurrences" if amount == 1.0 => "occurrence",
        u => u,
    }
}
