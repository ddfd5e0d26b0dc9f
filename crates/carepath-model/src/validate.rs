//! Checks that need the whole plan: references, cycles, duplicates, dates that contradict each
//! other. A plan that passes becomes a [`CheckedPlan`] that the scheduler can trust.

use std::collections::HashMap;
use std::sync::Arc;

use crate::Knowledge;
use crate::codes;
use crate::diag::{Collector, Diagnostic, Severity};
use crate::plan::Plan;
use crate::suggest::did_you_mean;

/// A plan whose references all resolve and whose `after` graph is acyclic.
#[derive(Debug, Clone)]
pub struct CheckedPlan {
    plan: Plan,
    /// The plan's own milestones by id (shared with a copy extended by renewals, which are not
    /// in it).
    milestone_index: Arc<HashMap<String, usize>>,
    goal_index: Arc<HashMap<String, usize>>,
    /// Milestone indices with every milestone after all of its `after` milestones.
    topo: Vec<usize>,
    /// The `after` links of the plan's own milestones; an extra milestone (after them) has none.
    preds: Arc<Vec<Vec<usize>>>,
    succs: Arc<Vec<Vec<usize>>>,
    /// The shifts of the roster file (`capacity.roster`), once the caller has read it.
    roster: Option<Arc<crate::roster::Roster>>,
}

impl CheckedPlan {
    pub fn plan(&self) -> &Plan {
        &self.plan
    }
    pub fn milestone(&self, id: &str) -> Option<usize> {
        self.milestone_index.get(id).copied()
    }
    pub fn goal(&self, id: &str) -> Option<usize> {
        self.goal_index.get(id).copied()
    }
    pub fn topo_order(&self) -> &[usize] {
        &self.topo
    }
    pub fn preds(&self, i: usize) -> &[usize] {
        self.preds.get(i).map_or(&[], Vec::as_slice)
    }
    pub fn succs(&self, i: usize) -> &[usize] {
        self.succs.get(i).map_or(&[], Vec::as_slice)
    }
    /// This plan with the shifts of its roster file (`capacity.roster.file`), which the caller
    /// read: the core reads no file. Without it, a plan with a roster file schedules as though
    /// the roster had no shifts (the rotation, if any, or every day free).
    pub fn with_roster(mut self, roster: crate::roster::Roster) -> CheckedPlan {
        self.roster = Some(Arc::new(roster));
        self
    }
    /// The roster given by [`CheckedPlan::with_roster`].
    pub fn roster(&self) -> Option<&crate::roster::Roster> {
        self.roster.as_deref()
    }
    /// This plan with `extra` milestones after its own (renewal milestones: no `after` links, no
    /// goal), on `plan`, which must be this plan's (a copy without source spans, say). An extra
    /// milestone's id must not be in use; [`CheckedPlan::milestone`] finds only the plan's own.
    pub(crate) fn extended(
        &self,
        mut plan: Plan,
        extra: Vec<crate::plan::Milestone>,
    ) -> CheckedPlan {
        debug_assert_eq!(plan.milestones.len(), self.plan.milestones.len());
        let n = plan.milestones.len();
        // The indexes and links are shared, not copied: the extra milestones have no links and
        // are found by position, not by id.
        let mut topo = self.topo.clone();
        topo.extend(n..n + extra.len());
        plan.milestones.extend(extra);
        CheckedPlan {
            plan,
            milestone_index: Arc::clone(&self.milestone_index),
            goal_index: Arc::clone(&self.goal_index),
            topo,
            preds: Arc::clone(&self.preds),
            succs: Arc::clone(&self.succs),
            roster: self.roster.clone(),
        }
    }

    /// The plan, given up.
    pub(crate) fn into_plan(self) -> Plan {
        self.plan
    }

    /// The milestones that serve a goal, in file order.
    pub fn milestones_of_goal(&self, goal_id: &str) -> Vec<usize> {
        self.plan
            .milestones
            .iter()
            .enumerate()
            .filter(|(_, m)| m.goal.as_deref() == Some(goal_id))
            .map(|(i, _)| i)
            .collect()
    }
}

pub(crate) fn validate(
    plan: Plan,
    knowledge: Option<&dyn Knowledge>,
    diags: &mut Collector,
) -> Option<CheckedPlan> {
    let sp = |p: &str| plan.spans.get(p);

    // Duplicated ids.
    let mut milestone_index: HashMap<String, usize> = HashMap::with_capacity(plan.milestones.len());
    for (i, m) in plan.milestones.iter().enumerate() {
        if let Some(&first) = milestone_index.get(&m.id) {
            diags.push(
                Diagnostic::error(
                    codes::DUPLICATE_ID,
                    format!("two milestones have the id `{}`", m.id),
                )
                .at(
                    sp(&format!("milestones[{i}].id")),
                    format!("milestones[{i}].id"),
                )
                .label(format!(
                    "already used by milestones[{first}] (`{}`)",
                    plan.milestones[first].title
                ))
                .hint("every milestone needs its own id; rename one of them"),
            );
        } else {
            milestone_index.insert(m.id.clone(), i);
        }
    }
    let mut goal_index: HashMap<String, usize> = HashMap::new();
    for (i, g) in plan.goals.iter().enumerate() {
        if let Some(&first) = goal_index.get(&g.id) {
            diags.push(
                Diagnostic::error(
                    codes::DUPLICATE_ID,
                    format!("two goals have the id `{}`", g.id),
                )
                .at(sp(&format!("goals[{i}].id")), format!("goals[{i}].id"))
                .label(format!("already used by goals[{first}]"))
                .hint("every goal needs its own id; rename one of them"),
            );
        } else {
            goal_index.insert(g.id.clone(), i);
        }
    }
    let ids: Vec<&str> = plan.milestones.iter().map(|m| m.id.as_str()).collect();
    let goal_ids: Vec<&str> = plan.goals.iter().map(|g| g.id.as_str()).collect();

    // References.
    let n = plan.milestones.len();
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, m) in plan.milestones.iter().enumerate() {
        for (j, a) in m.after.iter().enumerate() {
            match milestone_index.get(a) {
                Some(&p) => {
                    if !preds[i].contains(&p) {
                        preds[i].push(p);
                        succs[p].push(i);
                    }
                }
                None if diags.is_full() => diags.count(codes::UNKNOWN_AFTER, Severity::Error),
                None => {
                    let path = format!("milestones[{i}].after[{j}]");
                    let hint = match did_you_mean(a, ids.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "`after` lists the ids of milestones in this plan".to_string(),
                    };
                    diags.push(
                        Diagnostic::error(
                            codes::UNKNOWN_AFTER,
                            format!(
                                "milestone `{}` comes after `{a}`, but no milestone has that id",
                                m.id
                            ),
                        )
                        .at(sp(&path), path)
                        .label("unknown milestone")
                        .hint(hint),
                    );
                }
            }
        }
        if let Some(g) = &m.goal
            && !goal_index.contains_key(g)
            && diags.is_full()
        {
            diags.count(codes::UNKNOWN_GOAL, Severity::Error);
        } else if let Some(g) = &m.goal
            && !goal_index.contains_key(g)
        {
            let path = format!("milestones[{i}].goal");
            let hint = match did_you_mean(g, goal_ids.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None if goal_ids.is_empty() => {
                    "the plan has no goals yet; add a [[goals]] table with this id".to_string()
                }
                None => format!("the goals are: {}", goal_ids.join(", ")),
            };
            diags.push(
                Diagnostic::error(
                    codes::UNKNOWN_GOAL,
                    format!(
                        "milestone `{}` serves the goal `{g}`, but there is no such goal",
                        m.id
                    ),
                )
                .at(sp(&path), path)
                .label("unknown goal")
                .hint(hint),
            );
        }
        if let Some(done) = m.done
            && done < plan.start
        {
            let path = format!("milestones[{i}].done");
            diags.push(
                Diagnostic::error(codes::DONE_BEFORE_START, format!("milestone `{}` is marked done on {done}, before the plan starts on {}", m.id, plan.start))
                    .at(sp(&path), path)
                    .label("before the plan start")
                    .hint("work finished before the plan belongs in [person] (credentials, experience); or move `start` earlier"),
            );
        }
    }

    // Cycles, found with an iterative depth-first search so a 10,000-step chain cannot overflow.
    let topo = match topo_sort(&preds) {
        Ok(order) => order,
        Err(cycle) => {
            let names: Vec<&str> = cycle
                .iter()
                .map(|&i| plan.milestones[i].id.as_str())
                .collect();
            // Point at the `after` entry that closes the loop: the first milestone names the last.
            let first = cycle[0];
            let closing = cycle[cycle.len() - 2];
            let j = plan.milestones[first]
                .after
                .iter()
                .position(|a| *a == plan.milestones[closing].id)
                .unwrap_or(0);
            let path = format!("milestones[{first}].after[{j}]");
            diags.push(
                Diagnostic::error(
                    codes::CYCLE,
                    format!(
                        "these milestones wait for each other in a circle: {}",
                        names.join(" -> ")
                    ),
                )
                .at(sp(&path), path)
                .label("this closes the circle")
                .hint("a milestone cannot wait for itself; remove one `after` link in the circle"),
            );
            Vec::new()
        }
    };

    for (i, b) in plan.capacity.breaks.iter().enumerate() {
        if b.to < b.from {
            let path = format!("capacity.breaks[{i}].to");
            diags.push(
                Diagnostic::error(
                    codes::BREAK_REVERSED,
                    format!("this break ends on {} before it begins on {}", b.to, b.from),
                )
                .at(sp(&path), path)
                .label("before `from`")
                .hint("`from` is the first day of the break and `to` the last; swap them?"),
            );
        }
    }

    for (i, e) in plan.progress.iter().enumerate() {
        if !milestone_index.contains_key(&e.milestone) && diags.is_full() {
            diags.count(codes::UNKNOWN_PROGRESS_MILESTONE, Severity::Error);
        } else if !milestone_index.contains_key(&e.milestone) {
            let path = format!("progress[{i}].milestone");
            let hint = match did_you_mean(&e.milestone, ids.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "progress counts for a milestone of this plan; use its id".to_string(),
            };
            diags.push(
                Diagnostic::error(
                    codes::UNKNOWN_PROGRESS_MILESTONE,
                    format!(
                        "this progress entry is for `{}`, but no milestone has that id",
                        e.milestone
                    ),
                )
                .at(sp(&path), path)
                .label("unknown milestone")
                .hint(hint),
            );
        } else if e.date < plan.start {
            let path = format!("progress[{i}].date");
            diags.push(
                Diagnostic::warning(
                    codes::PROGRESS_BEFORE_START,
                    format!(
                        "progress on {} is before the plan starts ({})",
                        e.date, plan.start
                    ),
                )
                .at(sp(&path), path)
                .hint("it still counts; check the date"),
            );
        }
    }

    network_checks(&plan, diags);

    credential_checks(&plan, knowledge, diags);

    if plan.capacity.hours_per_week <= 0.0
        && let Some((i, m)) = plan
            .milestones
            .iter()
            .enumerate()
            .find(|(_, m)| m.effort_hours > 0.0)
    {
        let path = format!("milestones[{i}].effort_hours");
        let cap_span = sp("capacity.hours_per_week").or_else(|| sp(&path));
        let total: f64 = plan.milestones.iter().map(|m| m.effort_hours).sum();
        diags.push(
            Diagnostic::error(
                codes::NO_CAPACITY,
                format!(
                    "the plan can never finish: milestones need {} hours of effort (`{}` needs {}), but capacity.hours_per_week is 0",
                    crate::read::fmt_num(total),
                    m.id,
                    crate::read::fmt_num(m.effort_hours)
                ),
            )
            .at(cap_span, "capacity.hours_per_week")
            .label("no hours for development")
            .hint("set [capacity] hours_per_week to the hours you can give each week, for example 6"),
        );
    }

    shift_checks(&plan, diags);

    // Warnings: things that are allowed but probably not meant.
    if let Some(k) = knowledge {
        let mut role_warn = |role: &str, path: &str| {
            if !k.has_role(role) {
                let hint = match k.suggest_role(role) {
                    Some(s) => format!("did you mean the catalog role `{s}`? (`carepath catalog search` lists roles)"),
                    None => "free text is fine, but carepath can compare you only with catalog roles (`carepath catalog search WORDS`)".into(),
                };
                diags.push(
                    Diagnostic::warning(
                        codes::ROLE_NOT_IN_CATALOG,
                        format!("the role \"{role}\" is not in the catalog"),
                    )
                    .at(sp(path), path)
                    .label("free-text role")
                    .hint(hint),
                );
            }
        };
        if let Some(r) = &plan.person.role {
            role_warn(r, "person.role");
        }
        if let Some(t) = &plan.target {
            role_warn(&t.role, "target.role");
        }
        // An alternative is there to be compared with the target, which takes a catalog role:
        // free text cannot be compared, so it is an error, not a warning.
        if let Some(t) = &plan.target {
            for (i, alt) in t.alternatives.iter().enumerate() {
                if k.has_role(alt) {
                    continue;
                }
                let path = format!("target.alternatives[{i}]");
                let hint = match k.suggest_role(alt) {
                    Some(s) => {
                        format!("did you mean `{s}`? (`carepath catalog search WORDS` finds roles)")
                    }
                    None => {
                        "use a catalog role's id; `carepath catalog search WORDS` finds one".into()
                    }
                };
                diags.push(
                    Diagnostic::error(
                        codes::UNKNOWN_ALTERNATIVE,
                        format!("the alternative \"{alt}\" is not a catalog role"),
                    )
                    .at(sp(&path), path)
                    .label("not a catalog role")
                    .hint(hint),
                );
            }
        }
        for (i, c) in plan.person.credential_ids().enumerate() {
            if !c.is_empty() && !k.has_credential(c) {
                let path = format!("person.credentials[{i}]");
                let span = sp(&format!("{path}.id")).or_else(|| sp(&path));
                let mut d = Diagnostic::warning(
                    codes::CREDENTIAL_NOT_IN_CATALOG,
                    format!("the credential \"{c}\" is not in the catalog"),
                )
                .at(span, path)
                .label("free-text credential");
                d = match k.suggest_credential(c) {
                    Some(s) => d.hint(format!("did you mean `{s}`?")),
                    None => d.hint("free text is fine; carepath cannot plan its renewals"),
                };
                diags.push(d);
            }
        }
    }
    let served: std::collections::HashSet<&str> = plan
        .milestones
        .iter()
        .filter_map(|m| m.goal.as_deref())
        .collect();
    for (i, g) in plan.goals.iter().enumerate() {
        if !served.contains(g.id.as_str()) {
            let path = format!("goals[{i}]");
            diags.push(
                Diagnostic::warning(
                    codes::GOAL_WITHOUT_MILESTONES,
                    format!("the goal `{}` has no milestones", g.id),
                )
                .at(sp(&format!("goals[{i}].id")), path)
                .label("nothing serves this goal yet")
                .hint(format!(
                    "add `goal = \"{}\"` to the milestones that lead to it",
                    g.id
                )),
            );
        }
        for (j, v) in g.values.iter().enumerate() {
            if !plan.person.values.contains(v) {
                let path = format!("goals[{i}].values[{j}]");
                diags.push(
                    Diagnostic::warning(codes::VALUE_NOT_IN_PERSON, format!("the goal `{}` serves the value \"{v}\", which is not among person.values", g.id))
                        .at(sp(&path), path)
                        .hint("add it to [person] values, or use one that is there"),
                );
            }
        }
    }
    if let Some(t) = &plan.target
        && t.by <= plan.start
    {
        diags.push(
            Diagnostic::warning(
                codes::TARGET_NOT_AFTER_START,
                format!(
                    "the target date {} is not after the plan start {}",
                    t.by, plan.start
                ),
            )
            .at(sp("target.by"), "target.by")
            .hint("set target.by to when you want to be in the new role"),
        );
    }

    if diags.has_errors() {
        return None;
    }
    Some(CheckedPlan {
        plan,
        milestone_index: Arc::new(milestone_index),
        goal_index: Arc::new(goal_index),
        topo,
        preds: Arc::new(preds),
        succs: Arc::new(succs),
        roster: None,
    })
}

/// The weekly limit against the weekly hours (E039), and accrual from shifts a plan has none of
/// (E040).
fn shift_checks(plan: &Plan, diags: &mut Collector) {
    let sp = |p: &str| plan.spans.get(p);
    let c = &plan.capacity;
    if let Some(max) = c.max_week_hours
        && max < c.hours_per_week
    {
        diags.push(
            Diagnostic::error(
                codes::WEEK_LIMIT_BELOW_HOURS,
                format!(
                    "`max_week_hours` is {}, lower than the {} development hours a week of `hours_per_week`",
                    crate::read::fmt_num(max),
                    crate::read::fmt_num(c.hours_per_week)
                ),
            )
            .at(sp("capacity.max_week_hours"), "capacity.max_week_hours")
            .label("below hours_per_week")
            .hint("max_week_hours counts shifts and development together: a full-time nurse on 36 h of shifts and 6 h of study writes 42 or more"),
        );
    }
    if c.has_shifts() {
        return;
    }
    for (i, m) in plan.milestones.iter().enumerate() {
        if m.measure.as_ref().is_some_and(|x| x.per_week_roster) {
            let path = format!("milestones[{i}].measure.per_week");
            diags.push(
                Diagnostic::error(
                    codes::ROSTER_ACCRUAL_WITHOUT_SHIFTS,
                    format!(
                        "`{}` accrues the shift hours worked (per_week = \"roster\"), but the plan has no roster and no rotation",
                        m.id
                    ),
                )
                .at(sp(&path), path)
                .label("no shifts to count")
                .hint("add [capacity.rotation] or [capacity.roster] (docs/plan-format.md), or write the hours a week, for example per_week = 36"),
            );
        }
    }
}

/// The held credentials' dates, the milestones that earn credentials, and what the CE log
/// counts for.
fn credential_checks(plan: &Plan, knowledge: Option<&dyn Knowledge>, diags: &mut Collector) {
    let sp = |p: &str| plan.spans.get(p);
    for (i, c) in plan.person.credentials.iter().enumerate() {
        if let (Some(earned), Some(expires)) = (c.earned, c.expires)
            && expires < earned
        {
            let path = format!("person.credentials[{i}].expires");
            diags.push(
                Diagnostic::error(
                    codes::EXPIRES_BEFORE_EARNED,
                    format!(
                        "the credential `{}` expires on {expires}, before it was earned on {earned}",
                        c.id
                    ),
                )
                .at(sp(&path), path)
                .label("before `earned`")
                .hint("`earned` is the day it was granted and `expires` the last day it is valid; swap them?"),
            );
        }
    }
    // Which milestone earns each credential: the first one; a second is a warning.
    let mut earners: HashMap<&str, usize> = HashMap::new();
    for (i, m) in plan.milestones.iter().enumerate() {
        let Some(e) = m.earns.as_deref() else {
            continue;
        };
        match earners.get(e) {
            None => {
                earners.insert(e, i);
            }
            Some(&first) => {
                let path = format!("milestones[{i}].earns");
                diags.push(
                    Diagnostic::warning(
                        codes::EARNED_TWICE,
                        format!(
                            "milestones `{}` and `{}` both earn `{e}`",
                            plan.milestones[first].id, m.id
                        ),
                    )
                    .at(sp(&path), path)
                    .label(format!("`{}` earns it already", plan.milestones[first].id))
                    .hint("which one earns it? Keep `earns` on that milestone and remove it from the other"),
                );
            }
        }
    }
    let mut known: Vec<&str> = plan
        .person
        .credential_ids()
        .filter(|c| !c.is_empty())
        .collect();
    for m in &plan.milestones {
        if let Some(e) = m.earns.as_deref()
            && !known.contains(&e)
        {
            known.push(e);
        }
    }
    for (i, ce) in plan.ce.iter().enumerate() {
        for (j, c) in ce.counts_for.iter().enumerate() {
            if known.contains(&c.as_str()) {
                continue;
            }
            if diags.is_full() {
                diags.count(codes::UNKNOWN_COUNTS_FOR, Severity::Error);
                continue;
            }
            let path = format!("ce[{i}].counts_for[{j}]");
            let hint = match did_you_mean(c, known.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None if known.is_empty() => "the plan holds no credentials and no milestone earns one; add it to [person] credentials, or leave `counts_for` out".to_string(),
                None => format!("the credentials held or earned are: {}", known.join(", ")),
            };
            diags.push(
                Diagnostic::error(
                    codes::UNKNOWN_COUNTS_FOR,
                    format!(
                        "this CE activity counts for `{c}`, but the person neither holds it nor earns it by a milestone"
                    ),
                )
                .at(sp(&path), path)
                .label("not held or earned")
                .hint(hint),
            );
        }
    }
    category_checks(plan, knowledge, &known, diags);
}

/// E033: a CE activity's category that no rule it counts toward knows. With `counts_for`, each
/// named credential whose rule lists its categories must know it; without, at least one of the
/// rules that take CE and list categories must (when there are such rules). Each credential's
/// rule is looked up once.
fn category_checks(
    plan: &Plan,
    knowledge: Option<&dyn Knowledge>,
    known: &[&str],
    diags: &mut Collector,
) {
    let Some(k) = knowledge else { return };
    if plan.ce.iter().all(|c| c.category.is_none()) {
        return;
    }
    let region = plan.person.region.as_deref();
    let rules: Vec<(&str, crate::RenewalRule)> = known
        .iter()
        .filter_map(|&id| {
            let juris = plan
                .person
                .credentials
                .iter()
                .find(|c| c.id == id)
                .and_then(|c| c.jurisdiction.as_deref())
                .or(region);
            Some((id, k.renewal(id, juris)?))
        })
        .filter(|(_, r)| !r.categories.is_empty())
        .collect();
    if rules.is_empty() {
        return;
    }
    let sp = |p: &str| plan.spans.get(p);
    for (i, ce) in plan.ce.iter().enumerate() {
        let Some(category) = ce.category.as_deref() else {
            continue;
        };
        let relevant: Vec<&(&str, crate::RenewalRule)> = if ce.counts_for.is_empty() {
            rules.iter().filter(|(_, r)| r.takes_ce()).collect()
        } else {
            rules
                .iter()
                .filter(|(id, _)| ce.counts_for.iter().any(|c| c == id))
                .collect()
        };
        let offending = if ce.counts_for.is_empty() {
            (!relevant.is_empty() && relevant.iter().all(|(_, r)| !r.knows_category(category)))
                .then(|| relevant[0])
        } else {
            relevant
                .into_iter()
                .find(|(_, r)| !r.knows_category(category))
        };
        let Some((id, rule)) = offending else {
            continue;
        };
        if diags.is_full() {
            diags.count(codes::UNKNOWN_CE_CATEGORY, Severity::Error);
            continue;
        }
        let name = k.name_of(id).unwrap_or_else(|| id.to_string());
        let path = format!("ce[{i}].category");
        // A one- or two-letter category is as near to every other as to the one meant.
        let near = (category.trim().chars().count() > 2)
            .then(|| did_you_mean(category, rule.categories.iter().map(String::as_str)))
            .flatten();
        let hint = match near {
            Some(s) => format!(
                "did you mean `{s}`? {name} counts categories {}",
                rule.categories.join(", ")
            ),
            None => format!(
                "{name} counts categories {}; a topic goes in `topics = {{ NAME = HOURS }}`",
                rule.categories.join(", ")
            ),
        };
        diags.push(
            Diagnostic::error(
                codes::UNKNOWN_CE_CATEGORY,
                format!(
                    "this CE activity is in category `{category}`, which the renewal rule of `{id}` does not list"
                ),
            )
            .at(sp(&path), path)
            .label("unknown category")
            .hint(hint),
        );
    }
}

/// Kahn's algorithm, taking ready milestones in file order; on a cycle, returns one cycle in
/// order, first element repeated at the end.
fn topo_sort(preds: &[Vec<usize>]) -> Result<Vec<usize>, Vec<usize>> {
    let n = preds.len();
    let mut indeg: Vec<usize> = preds.iter().map(Vec::len).collect();
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, ps) in preds.iter().enumerate() {
        for &p in ps {
            succs[p].push(i);
        }
    }
    let mut ready: std::collections::BinaryHeap<std::cmp::Reverse<usize>> = (0..n)
        .filter(|&i| indeg[i] == 0)
        .map(std::cmp::Reverse)
        .collect();
    let mut order = Vec::with_capacity(n);
    while let Some(std::cmp::Reverse(i)) = ready.pop() {
        order.push(i);
        for &s in &succs[i] {
            indeg[s] -= 1;
            if indeg[s] == 0 {
                ready.push(std::cmp::Reverse(s));
            }
        }
    }
    if order.len() == n {
        return Ok(order);
    }
    // Every node left has a predecessor left: walk predecessors until one repeats.
    let start = (0..n).find(|&i| indeg[i] > 0).unwrap_or(0);
    let mut seen = vec![usize::MAX; n];
    let mut walk = Vec::new();
    let mut cur = start;
    while seen[cur] == usize::MAX {
        seen[cur] = walk.len();
        walk.push(cur);
        cur = preds[cur]
            .iter()
            .copied()
            .find(|&p| indeg[p] > 0)
            .unwrap_or(cur);
    }
    // walk[seen[cur]..] follows predecessors; reverse it to read in the order work would flow.
    let mut cycle: Vec<usize> = walk[seen[cur]..].to_vec();
    cycle.reverse();
    // Start the cycle at its earliest milestone in file order, for a stable message.
    let min_pos = cycle
        .iter()
        .enumerate()
        .min_by_key(|&(_, &v)| v)
        .map_or(0, |(i, _)| i);
    cycle.rotate_left(min_pos);
    cycle.push(cycle[0]);
    Err(cycle)
}

/// The network's checks (docs/network.md): people ids unique, `with` naming people of the plan,
/// `until` not before the first occurrence.
fn network_checks(plan: &Plan, diags: &mut Collector) {
    let sp = |p: &str| plan.spans.get(p);
    let mut people: HashMap<&str, usize> = HashMap::with_capacity(plan.people.len());
    for (i, c) in plan.people.iter().enumerate() {
        if let Some(&first) = people.get(c.id.as_str()) {
            let path = format!("people[{i}].id");
            diags.push(
                Diagnostic::error(
                    codes::DUPLICATE_PERSON,
                    format!("two people have the id `{}`", c.id),
                )
                .at(sp(&path), path)
                .label(format!("already used by people[{first}]"))
                .hint("every person needs their own id; rename one of them"),
            );
        } else {
            people.insert(&c.id, i);
        }
    }
    let ids: Vec<&str> = plan.people.iter().map(|c| c.id.as_str()).collect();
    let check_with = |with: &[String], at: &str, diags: &mut Collector| {
        for (j, w) in with.iter().enumerate() {
            if people.contains_key(w.as_str()) {
                continue;
            }
            if diags.is_full() {
                diags.count(codes::UNKNOWN_PERSON, Severity::Error);
                continue;
            }
            let path = format!("{at}.with[{j}]");
            let hint = match did_you_mean(w, ids.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None if ids.is_empty() => {
                    "the plan has no people yet; add a [[people]] table with this id".to_string()
                }
                None => format!("the people are: {}", ids.join(", ")),
            };
            diags.push(
                Diagnostic::error(
                    codes::UNKNOWN_PERSON,
                    format!("`with` names `{w}`, but no person of [[people]] has that id"),
                )
                .at(sp(&path), path)
                .label("unknown person")
                .hint(hint),
            );
        }
    };
    for (i, m) in plan.milestones.iter().enumerate() {
        check_with(&m.with, &format!("milestones[{i}]"), diags);
        if m.every.is_none() {
            continue;
        }
        // The first occurrence is on or after `not_before` and the plan start (later still
        // when `after` decides it).
        let first = m.not_before.map_or(plan.start, |nb| nb.max(plan.start));
        if let Some(until) = m.until
            && until < first
        {
            let path = format!("milestones[{i}].until");
            diags.push(
                Diagnostic::error(
                    codes::UNTIL_BEFORE_FIRST,
                    format!(
                        "milestone `{}` repeats until {until}, before its first occurrence on {first}",
                        m.id
                    ),
                )
                .at(sp(&path), path)
                .label("before the first occurrence")
                .hint("`until` is the last day an occurrence may fall on: move it later, or `not_before` earlier"),
            );
        }
    }
    for (i, e) in plan.progress.iter().enumerate() {
        check_with(&e.with, &format!("progress[{i}]"), diags);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_come_back_in_order() {
        // a(0) after c(2); b(1) after a; c after b: a -> b -> c -> a
        let preds = vec![vec![2], vec![0], vec![1], vec![]];
        assert_eq!(topo_sort(&preds), Err(vec![0, 1, 2, 0]));
        let preds = vec![vec![], vec![0], vec![0, 1]];
        assert_eq!(topo_sort(&preds), Ok(vec![0, 1, 2]));
        assert_eq!(topo_sort(&[vec![0]]), Err(vec![0, 0]));
    }
}
