//! SMART checks of goals, as `docs/plan-format.md` defines them. Each criterion passes or fails
//! with a one-line reason, a [`Message`] that names milestones by reference so that each output
//! can name them its own way; [`Criterion::terminal`] puts "passes:" or "fails:" in front.
//!
//! - *Specific*: at least one milestone serves the goal, and its title is not only vague words
//!   (after leaving out [`SMALL_WORDS`], a title fails when every word left is in [`VAGUE_WORDS`]).
//! - *Measurable*: the goal has a numeric measure, or every milestone of it has a clear completion
//!   (a measure, or a kind among exam, certification, license, education).
//! - *Achievable*: the forecast finishes its milestones by the goal's due date (and each by its
//!   own), within the capacity; and a goal that reaches the target role (its measure counts a
//!   `role`, or its title names the role) is not due sooner after the plan's start than the
//!   catalog's fastest route there can take at its quickest (the sum of its steps' minimum
//!   months).
//! - *Relevant*: it serves one of `person.values`, or one of its milestones supplies a credential
//!   the target role requires (when the catalog knows the role): a milestone supplies a
//!   requirement when the requirement's id is a part of the milestone's id (`ccrn-exam` supplies
//!   `ccrn`), or the requirement's name or id appears in its title.
//! - *Time-bound*: it has a due date after the plan's start and not after `target.by`.

use jiff::civil::Date;

use crate::Knowledge;
use crate::message::{Message, Part};
use crate::plan::{Goal, Milestone, Plan};
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

fn pass(reason: impl Into<Message>) -> Criterion {
    Criterion::passes(reason)
}

fn fail(reason: impl Into<Message>) -> Criterion {
    Criterion::fails(reason)
}

fn text(t: &str) -> Message {
    Message::plain(t)
}

/// "3 milestones" ([`crate::words::plural`]).
fn milestones_count(m: Message, n: usize) -> Message {
    m.count(n as i64, "milestone", "milestones")
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
        return fail(
            text("every word in the title is vague (")
                .list(vague, |w| Part::Quoted(w.to_string()))
                .text("); name the credential, role or number"),
        );
    }
    if milestones == 0 {
        return fail("no milestone serves it yet");
    }
    pass(milestones_count(Message::new(), milestones).text(" and a clear title"))
}

/// Measurable: a numeric measure, or milestones that each have a clear completion.
pub fn measurable(goal: &Goal, milestones: &[&Milestone]) -> Criterion {
    if let Some(t) = goal.measure.as_ref().and_then(|m| m.target) {
        let what = goal
            .measure
            .as_ref()
            .and_then(|m| m.unit.clone().or_else(|| m.metric.clone()))
            .unwrap_or_default();
        let mut m = text("measured by a target of ").exact(t);
        if !what.is_empty() {
            m = m.text(" ").text(&what);
        }
        return pass(m);
    }
    if milestones.is_empty() {
        return fail("no numeric measure and no milestones to show completion");
    }
    let unclear: Vec<(&str, &str)> = milestones
        .iter()
        .filter(|m| {
            // A series is complete occurrence by occurrence, each one logged.
            m.measure.as_ref().and_then(|x| x.target).is_none()
                && !m.kind.has_clear_completion()
                && m.every.is_none()
        })
        .map(|m| (m.id.as_str(), m.title.as_str()))
        .collect();
    if unclear.is_empty() {
        pass(
            milestones_count(text("each of its "), milestones.len())
                .text(" has a clear completion"),
        )
    } else {
        let m = text("no numeric measure, and ");
        let m = match unclear.len() {
            1 => m.milestone(unclear[0].0, unclear[0].1).text(" has"),
            n => list(milestones_count(m, n).text(" ("), &unclear, 3).text(") have"),
        };
        fail(m.text(" no clear completion (add a measure)"))
    }
}

/// At most `max` milestones, in backticks on the terminal, and "…" when there are more.
fn list(m: Message, items: &[(&str, &str)], max: usize) -> Message {
    let m = m.list(items.iter().take(max), |(id, title)| Part::Milestone {
        id: id.to_string(),
        title: title.to_string(),
        ticked: true,
    });
    if items.len() > max {
        m.text(", …")
    } else {
        m
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
        let named: Vec<(&str, &str)> = unschedulable
            .iter()
            .map(|&id| {
                let title = milestones
                    .iter()
                    .find(|m| m.id == id)
                    .map_or("", |m| &m.title);
                (id, title)
            })
            .collect();
        return fail(
            list(Message::new(), &named, 3)
                .text(" cannot be scheduled at ")
                .exact(hours_per_week)
                .text(" h a week"),
        );
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
        return fail(
            text("the forecast finishes ")
                .date(finish)
                .text(", ")
                .days(due.until(finish).map_or(0, |s| i64::from(s.get_days())))
                .text(" after the due date ")
                .date(due),
        );
    }
    let late: Vec<(&str, &str)> = milestones
        .iter()
        .filter(|m| m.late_days.is_some_and(|d| d > 0))
        .map(|m| (m.id.as_str(), m.title.as_str()))
        .collect();
    if !late.is_empty() {
        return fail(list(Message::new(), &late, 3).text(if late.len() == 1 {
            " would finish after its own due date"
        } else {
            " would finish after their own due date"
        }));
    }
    let m = text("the forecast finishes ")
        .date(finish)
        .text(" at ")
        .exact(hours_per_week)
        .text(" h a week, ");
    match goal.due {
        Some(due) => {
            let slack = finish.until(due).map_or(0, |s| i64::from(s.get_days()));
            pass(m.days(slack).text(" before the due date"))
        }
        None => pass(m.text("with every milestone by its due date")),
    }
}

/// Whether a goal is about reaching the target role: its measure counts a role ("role
/// reached", unit "role"), or its title names the role by name or id.
fn reaches_target(plan: &Plan, goal: &Goal, knowledge: &dyn Knowledge) -> bool {
    let Some(target) = &plan.target else {
        return false;
    };
    let counts_role = goal.measure.as_ref().is_some_and(|m| {
        m.unit
            .as_deref()
            .is_some_and(|u| matches!(u.trim().to_lowercase().as_str(), "role" | "roles"))
            || m.metric
                .as_deref()
                .is_some_and(|x| x.to_lowercase().contains("role reached"))
    });
    let title = goal.title.to_lowercase();
    let named = knowledge
        .name_of(&target.role)
        .is_some_and(|n| !n.trim().is_empty() && title.contains(&n.to_lowercase()))
        || title.contains(&target.role.to_lowercase());
    counts_role || named
}

/// Achievable's catalog check: a goal that reaches the target role fails when its due date
/// comes sooner after the plan's start than the fastest route's minimum months.
pub fn sooner_than_route(
    plan: &Plan,
    goal: &Goal,
    knowledge: Option<&dyn Knowledge>,
) -> Option<Criterion> {
    let k = knowledge?;
    let target = plan.target.as_ref()?;
    let due = goal.due?;
    if due <= plan.start || !reaches_target(plan, goal, k) {
        return None;
    }
    let route = k.route_months(plan, &target.role)?;
    let given = plan
        .start
        .until((jiff::Unit::Month, due))
        .map_or(0, |s| i64::from(s.get_months()));
    if given >= i64::from(route.min) {
        return None;
    }
    let mut m = text("the catalog's fastest route (")
        .text(&route.roles.join(" → "))
        .text(") takes ");
    m = if route.min == route.typical {
        m.text(&format!("about {} months", route.typical))
    } else {
        m.text(&format!(
            "at least {} months (typically {})",
            route.min, route.typical
        ))
    };
    Some(fail(
        m.text(&format!(
            ", but the goal is due {given} months after the plan's start ("
        ))
        .date(due)
        .text(")"),
    ))
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
                return pass(
                    Message::new()
                        .milestone(&m.id, &m.title)
                        .text(" supplies ")
                        .named(&req, name.as_deref())
                        .text(" for ")
                        .named(&target.role, k.name_of(&target.role).as_deref()),
                );
            }
        }
    }
    if goal.values.is_empty() {
        if plan.person.values.is_empty() {
            fail("it names no value, and person.values is empty (what drives you?)")
        } else {
            fail(
                text(&format!(
                    "it serves none of person.values ({}); add ",
                    plan.person.values.join(", ")
                ))
                .code("values")
                .text(" to the goal"),
            )
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
        return fail(text("no due date; add ").code("due = YYYY-MM-DD"));
    };
    if due <= plan.start {
        return fail(
            text("the due date ")
                .date(due)
                .text(" is not after the plan start ")
                .date(plan.start),
        );
    }
    if let Some(t) = &plan.target
        && due > t.by
    {
        return fail(
            text("the due date ")
                .date(due)
                .text(" is after the target date ")
                .date(t.by),
        );
    }
    let m = text("due ").date(due);
    match &plan.target {
        Some(t) => pass(m.text(", within the target date ").date(t.by)),
        None => pass(m),
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
        achievable: sooner_than_route(plan, goal, knowledge).unwrap_or_else(|| {
            achievable(goal, scheduled, unschedulable, plan.capacity.hours_per_week)
        }),
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
            c.terminal(),
            "fails: every word in the title is vague (improve, skills); name the credential, role or number"
        );
        assert_eq!(
            c.document(),
            "fails: every word in the title is vague (“improve”, “skills”); name the credential, role or number"
        );
        assert!(!specific("Get a better career", 1).pass);
        assert!(!specific("The, and of", 1).pass);
        let ok = specific("Earn the CCRN certification", 4);
        assert!(ok.pass);
        assert_eq!(ok.terminal(), "passes: 4 milestones and a clear title");
        assert_eq!(
            specific("Earn the CCRN", 0).terminal(),
            "fails: no milestone serves it yet"
        );
    }

    /// A catalog that knows one route, RT to NP: 72 months typically, 48 at the quickest.
    struct Ladder;

    impl Knowledge for Ladder {
        fn has_role(&self, id: &str) -> bool {
            matches!(id, "respiratory-therapist" | "nurse-practitioner")
        }
        fn has_credential(&self, _id: &str) -> bool {
            false
        }
        fn name_of(&self, id: &str) -> Option<String> {
            (id == "nurse-practitioner").then(|| "Nurse practitioner".to_string())
        }
        fn route_months(&self, plan: &Plan, role: &str) -> Option<crate::RouteMonths> {
            (plan.person.role.as_deref() == Some("respiratory-therapist")
                && role == "nurse-practitioner")
                .then(|| crate::RouteMonths {
                    typical: 72,
                    min: 48,
                    roles: vec!["RT".into(), "RN".into(), "NP".into()],
                })
        }
    }

    fn rt_plan(by: &str, title: &str, unit: &str) -> Plan {
        let text = format!(
            "format = 1\ntitle = \"RT to NP\"\nstart = 2026-11-22\n[person]\nname = \"R\"\nrole = \"respiratory-therapist\"\n[target]\nrole = \"nurse-practitioner\"\nby = {by}\n[[goals]]\nid = \"np\"\ntitle = \"{title}\"\ndue = {by}\nmeasure = {{ metric = \"progress\", target = 1, unit = \"{unit}\" }}\n"
        );
        let checked = crate::check(text.as_bytes(), crate::Format::Toml, Some(&Ladder));
        checked.plan.expect("the plan checks").plan().clone()
    }

    #[test]
    fn a_goal_that_reaches_the_target_sooner_than_its_route_fails_achievable() {
        let plan = rt_plan("2028-05-22", "Work as a Nurse practitioner", "role");
        let c = sooner_than_route(&plan, &plan.goals[0], Some(&Ladder)).expect("a finding");
        assert!(!c.pass);
        assert_eq!(
            c.terminal(),
            "fails: the catalog's fastest route (RT → RN → NP) takes at least 48 months (typically 72), but the goal is due 18 months after the plan's start (2028-05-22)"
        );
        // At the quickest route's months it is left to the forecast.
        let plan = rt_plan("2030-11-22", "Work as a Nurse practitioner", "role");
        assert!(sooner_than_route(&plan, &plan.goals[0], Some(&Ladder)).is_none());
        // A goal that names the role in its title counts too; one that does neither does not.
        let plan = rt_plan("2028-05-22", "Become a nurse practitioner", "steps");
        assert!(sooner_than_route(&plan, &plan.goals[0], Some(&Ladder)).is_some());
        let plan = rt_plan("2028-05-22", "Apply to an NP program", "applications");
        assert!(sooner_than_route(&plan, &plan.goals[0], Some(&Ladder)).is_none());
        // Without a catalog there is nothing to compare with.
        assert!(sooner_than_route(&plan, &plan.goals[0], None).is_none());
    }
}
