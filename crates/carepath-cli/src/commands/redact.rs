//! `carepath redact PLAN -o SHARE.toml`: the plan's file without its private fields
//! (docs/privacy.md), for sharing with a mentor or an educator. The cutting is the model's
//! ([`carepath_model::redact::redact_file`]); here the original is checked, the copy is checked
//! again and must schedule exactly like the original, and only then is it written.

use std::io::Write;
use std::path::Path;

use carepath_model::redact::{initials, redact_file};
use carepath_model::words::plural;
use carepath_model::{Format, ResolvedPlan};

use crate::files;
use crate::session::{Env, Failure, Outcome, emit, load_resolved, resolve};

pub fn redact(
    env: &Env,
    path: &Path,
    output: &Path,
    pseudonym: Option<&str>,
    keep_comments: bool,
    out: &mut dyn Write,
) -> Outcome {
    let (checked, original) = load_resolved(env, path)?;
    let name = path.display().to_string();
    let format = Format::from_path(&name).unwrap_or(Format::Toml);
    let out_format = Format::from_path(&output.display().to_string());
    if out_format.is_some_and(|f| f != format) {
        return Err(Failure::usage(format!(
            "{} would hold a {} plan under another extension; give the copy the plan's extension",
            files::shown(output),
            match format {
                Format::Toml => "TOML",
                Format::Json => "JSON",
            }
        )));
    }
    let pseudonym = pseudonym
        .map(str::to_string)
        .unwrap_or_else(|| initials(&checked.plan().person.name));
    let bytes = files::read_bounded(path, files::MAX_PLAN_BYTES, "plans")?;
    let text = String::from_utf8_lossy(&bytes);
    let redacted = redact_file(&text, format, &pseudonym, keep_comments)
        .map_err(|e| Failure::usage(format!("{name}: {e}")))?;

    // The copy must check and schedule as the original does; if it did not, that is carepath's
    // fault, and nothing is written.
    let again = carepath_model::check(redacted.text.as_bytes(), format, env.knowledge());
    let Some(copy) = again.plan else {
        return Err(Failure::usage(format!(
            "{name}: the redacted copy does not check ({}); nothing was written. Please report this.",
            again
                .diagnostics
                .iter()
                .find(|d| d.is_error())
                .map_or_else(String::new, |d| d.message.clone())
        )));
    };
    let copy = resolve(env, &copy);
    if let Some(what) = schedule_difference(&original, &copy) {
        return Err(Failure::usage(format!(
            "{name}: the redacted copy schedules differently ({what}); nothing was written. Please report this."
        )));
    }
    let mut batch = files::Batch::derived();
    batch.protect(path);
    batch.add(output, redacted.text.into_bytes())?;
    let written = batch.commit()?;
    let mut text = String::new();
    for w in written {
        text.push_str(&format!(
            "wrote {w}: {} left out or replaced{}\n",
            plural(
                redacted.fields.len() as i64,
                "private field",
                "private fields"
            ),
            if redacted.comments > 0 {
                format!(
                    ", {} removed",
                    plural(redacted.comments as i64, "comment", "comments")
                )
            } else {
                String::new()
            }
        ));
    }
    for f in &redacted.fields {
        text.push_str(&format!("  {f}\n"));
    }
    emit(out, &text)
}

/// What differs between the two schedules, if anything: each milestone's dates and status, the
/// plan's finish, and each credential's cycles.
fn schedule_difference(a: &ResolvedPlan, b: &ResolvedPlan) -> Option<String> {
    let (sa, sb) = (&a.schedule, &b.schedule);
    if sa.milestones.len() != sb.milestones.len() {
        return Some("the number of milestones".into());
    }
    for (x, y) in sa.milestones.iter().zip(&sb.milestones) {
        if x.id != y.id
            || x.baseline != y.baseline
            || x.forecast != y.forecast
            || x.status != y.status
        {
            return Some(format!("milestone {}", x.id));
        }
    }
    if sa.finish.finish != sb.finish.finish {
        return Some("the finish".into());
    }
    for (x, y) in sa.credentials.iter().zip(&sb.credentials) {
        if x.expires != y.expires || x.status != y.status {
            return Some(format!("credential {}", x.id));
        }
    }
    None
}
