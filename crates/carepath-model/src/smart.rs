//! SMART checks of goals, as `docs/plan-format.md` defines them. Each criterion passes or fails
//! with a one-line reason that starts with "passes:" or "fails:".
//!
//! - *Specific*: at least one milestone serves the goal, and its title is not only vague words
//!   (after leaving out [`SMALL_WORDS`], a title fails when every word left is in [`VAGUE_WORDS`]).
//! - *Measurable*: the goal has a numeric measure, or every milestone of it has a clear completion
//!   (a measure, or a kind among exam, certification, license, education).
//! - *Achievable*: the forecast finishes its milestones by the goal's due date (and each by its
//!   own), within the capacity.
//! - *Relevant*: it serves one of `person.values`, or one of its milestones supplies a credential
//!   the target role requires (when the catalog knows the role): a milestone supplies a
//!   requirement when the requirement's id is a part of the milestone's id (`ccrn-exam` supplies
//!   `ccrn`), or the requirement's name or id appears in its title.
//! - *Time-bound*: it has a due date after the plan's start and not after `target.by`.

use jiff::civil::Date;

use crate::Knowledge;
use crate::plan::{Goal, Milestone, Plan};
use crate::read::fmt_num;
use crate::resolved::{Criterion, ScheduledMilestone, Smart, Status};

/// Words left out before judging a title.
pub const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "or", "the", "to", "of", "in", "on", "for", "my", "more", "be", "get",
];

/// Words that say nothing specific on their own.
pub const VAGUE_WORDS: &[&str] = &[
    "improve", "better", "grow", "develop", "learn", "enhance", "increase", "advance", "progress",
    "succeed", "good", "great", "career", "skills", "work", "things",
];

fn pass(reason: impl Into<String>) -> Criterion {
    Criterion {
        pass: true,
        reason: format!("passes: {}", reason.into()),
    }
}

fn fail(reason: impl Into<String>) -> Criterion {
    Criterion {
        pass: false,
        reason: format!("fails: {}", reason.into()),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The words of a title, lowercased, small words left out.
fn title_words(title: &str) -> Vec<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !SMALL_WORDS.contains(&w.as_str()))
        .collect()
}

/// Specific: at least one milestone, and a title that is not only vague words.
pub fn specific(title: &str, milestones: usize) -> Criterion {
    let words = title_words(title);
    if words.is_empty() {
        return fail("the title says nothing beyond small words; name the outcome");
    }
    if words.iter().all(|w| VAGUE_WORDS.contains(&w.as_str())) {
        let mut vague: Vec<&str> = Vec::new();
        for w in &words {
            if !vague.contains(&w.as_str()) {
                vague.push(w);
            }
        }
        return fail(format!(
            "every word in the title is vague ({}); name the credential, role or number",
            vague.join(", ")
        ));
    }
    if milestones == 0 {
        return fail("no milestone serves it yet");
    }
    pass(format!(
        "{} and a clear title",
        plural(milestones, "milestone", "milestones")
    ))
}

/// Measurable: a numeric measure, or milestones that each have a clear completion.
pub fn measurable(goal: &Goal, milestones: &[&Milestone]) -> Criterion {
    if let Some(t) = goal.measure.as_ref().and_then(|m| m.target) {
        let what = goal
            .measure
            .as_ref()
            .and_then(|m| m.unit.clone().or_else(|| m.metric.clone()))
            .unwrap_or_default();
        let what = if what.is_empty() {
            String::new()
        } else {
            format!(" {what}")
        };
        return pass(format!("measured by a target of {}{what}", fmt_num(t)));
    }
    if milestones.is_empty() {
        return fail("no numeric measure and no milestones to show completion");
    }
    let unclear: Vec<&str> = milestones
        .iter()
        .filter(|m| {
            m.measure.as_ref().and_then(|x| x.target).is_none() && !m.kind.has_clear_completion()
        })
        .map(|m| m.id.as_str())
        .collect();
    if unclear.is_empty() {
        pass(format!(
            "each of its {} has a clear completion",
            plural(milestones.len(), "milestone", "milestones")
        ))
    } else {
        fail(format!(
            "no numeric measure, and {} no clear completion (add a measure)",
            match unclear.len() {
                1 => format!("`{}` has", unclear[0]),
                n => format!("{n} milestones ({}) have", list(&unclear, 3)),
            }
        ))
    }
}

fn list(items: &[&str], max: usize) -> String {
    let shown: Vec<String> = items.iter().take(max).map(|s| format!("`{s}`")).collect();
    if items.len() > max {
        format!("{}, …", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// Achievable: the forecast finishes its milestones by the goal's due date and each by its own.
pub fn achievable(
    goal: &Goal,
    milestones: &[&ScheduledMilestone],
    unschedulable: &[&str],
    hours_per_week: f64,
) -> Criterion {
    if milestones.is_empty() {
        return fail("no milestones to schedule");
    }
    if !unschedulable.is_empty() {
        return fail(format!(
            "{} cannot be scheduled at {} h a week",
            list(unschedulable, 3),
            fmt_num(hours_per_week)
        ));
    }
    if milestones.iter().all(|m| m.status == Status::Done) {
        return pass("all its milestones are done");
    }
    let finish = milestones
        .iter()
        .map(|m| m.forecast.finish)
        .max()
        .unwrap_or(Date::MIN);
    if let Some(due) = goal.due
        && finish > due
    {
        return fail(format!(
            "the forecast finishes {finish}, {} after the due date {due}",
            days(due.until(finish).map_or(0, |s| i64::from(s.get_days())))
        ));
    }
    let late: Vec<&str> = milestones
        .iter()
        .filter(|m| m.late_days.is_some_and(|d| d > 0))
        .map(|m| m.id.as_str())
        .collect();
    if !late.is_empty() {
        return fail(format!(
            "{} would finish after {} own due date",
            list(&late, 3),
            if late.len() == 1 { "its" } else { "their" }
        ));
    }
    match goal.due {
        Some(due) => {
            let slack = finish.until(due).map_or(0, |s| i64::from(s.get_days()));
            pass(format!(
                "the forecast finishes {finish} at {} h a week, {} before the due date",
                fmt_num(hours_per_week),
                days(slack)
            ))
        }
        None => pass(format!(
            "the forecast finishes {finish} at {} h a week, with every milestone by its due date",
            fmt_num(hours_per_week)
        )),
    }
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

/// Whether a milestone supplies a requirement: the requirement id is a hyphen-separated part of
/// the milestone's id, or its id or catalog name appears in the title.
pub fn supplies(m: &Milestone, requirement: &str, name: Option<&str>) -> bool {
    let req = requirement.to_lowercase();
    if req.is_empty() {
        return false;
    }
    let id = m.id.to_lowercase();
    let id_parts: Vec<&str> = id.split('-').collect();
    let req_parts: Vec<&str> = req.split('-').collect();
    if id_parts
        .windows(req_parts.len())
        .any(|w| w == req_parts.as_slice())
    {
        return true;
    }
    let title_words: Vec<String> = m
        .title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if title_words
        .windows(req_parts.len())
        .any(|w| w.iter().zip(&req_parts).all(|(a, b)| a == b))
    {
        return true;
    }
    match name {
        Some(n) if !n.trim().is_empty() => m.title.to_lowercase().contains(&n.to_lowercase()),
        _ => false,
    }
}

/// Relevant: it serves one of the person's values, or supplies a requirement of the target role.
pub fn relevant(
    plan: &Plan,
    goal: &Goal,
    milestones: &[&Milestone],
    knowledge: Option<&dyn Knowledge>,
) -> Criterion {
    let served: Vec<&str> = goal
        .values
        .iter()
        .filter(|v| plan.person.values.contains(v))
        .map(String::as_str)
        .collect();
    if !served.is_empty() {
        return pass(format!("serves {}", served.join(", ")));
    }
    if let (Some(k), Some(target)) = (knowledge, &plan.target) {
        for req in k.role_requirements(&target.role) {
            let name = k.name_of(&req);
            if let Some(m) = milestones
                .iter()
                .find(|m| supplies(m, &req, name.as_deref()))
            {
                return pass(format!(
                    "`{}` supplies {} for {}",
                    m.id,
                    name.as_deref().unwrap_or(&req),
                    k.name_of(&target.role)
                        .unwrap_or_else(|| target.role.clone())
                ));
            }
        }
    }
    if goal.values.is_empty() {
        if plan.person.values.is_empty() {
            fail("it names no value, and person.values is empty (what drives you?)")
        } else {
            fail(format!(
                "it serves none of person.values ({}); add `values` to the goal",
                plan.person.values.join(", ")
            ))
        }
    } else {
        fail(format!(
            "its values ({}) are not among person.values",
            goal.values.join(", ")
        ))
    }
}

/// Time-bound: a due date after the plan's start and not after `target.by`.
pub fn time_bound(plan: &Plan, goal: &Goal) -> Criterion {
    let Some(due) = goal.due else {
        return fail("no due date; add `due = YYYY-MM-DD`");
    };
    if due <= plan.start {
        return fail(format!(
            "the due date {due} is not after the plan start {}",
            plan.start
        ));
    }
    if let Some(t) = &plan.target
        && due > t.by
    {
        return fail(format!(
            "the due date {due} is after the target date {}",
            t.by
        ));
    }
    match &plan.target {
        Some(t) => pass(format!("due {due}, within the target date {}", t.by)),
        None => pass(format!("due {due}")),
    }
}

/// All five criteria of one goal.
pub fn check(
    plan: &Plan,
    goal: &Goal,
    milestones: &[&Milestone],
    scheduled: &[&ScheduledMilestone],
    unschedulable: &[&str],
    knowledge: Option<&dyn Knowledge>,
) -> Smart {
    Smart {
        specific: specific(&goal.title, milestones.len()),
        measurable: measurable(goal, milestones),
        achievable: achievable(goal, scheduled, unschedulable, plan.capacity.hours_per_week),
        relevant: relevant(plan, goal, milestones, knowledge),
        time_bound: time_bound(plan, goal),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vague_titles_fail_and_name_their_words() {
        let c = specific("Improve my skills", 2);
        assert!(!c.pass);
        assert_eq!(
            c.reason,
            "fails: every word in the title is vague (improve, skills); name the credential, role or number"
        );
        assert!(!specific("Get a better career", 1).pass);
        assert!(!specific("The, and of", 1).pass);
        let ok = specific("Earn the CCRN certification", 4);
        assert!(ok.pass);
        assert_eq!(ok.reason, "passes: 4 milestones and a clear title");
        assert_eq!(
            specific("Earn the CCRN", 0).reason,
            "fails: no milestone serves it yet"
        );
    }
}
