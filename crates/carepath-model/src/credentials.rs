//! Credentials that expire, and the CE that keeps them: each credential's cycles, what the CE log
//! and the experience count toward each cycle's requirements, the renewal milestones planned
//! backwards from each expiry, and each credential's status on the as-of date.
//!
//! Rules (the contract is the plan format's "Credentials" section):
//! - **Tracked credentials**: every held credential written with `earned`, `expires` or a
//!   `jurisdiction`, every held credential the catalog has a renewal rule for, and every
//!   credential a milestone `earns` that the catalog has a rule for (the first milestone that
//!   earns it; a held credential is never also "earned").
//! - **The rule** is the catalog's for the credential, with the override for the credential's
//!   `jurisdiction` (else `person.region`) applied.
//! - **The current cycle** ends on `expires`, else on `earned` plus the rule's cycle (by its
//!   [`ExpiryRule`]); a credential earned by a milestone is earned on that milestone's forecast
//!   finish (its `done` date when done). It begins the day after the expiry one cycle earlier
//!   (end-of-month rules: the first of that month), or on `earned` when that is later. Neither
//!   date known: status `unknown`, and no cycle.
//! - **Later cycles** follow one after the other (the day after an expiry, to the next) while they
//!   end inside the horizon: the later of `target.by`, the last milestone's forecast finish
//!   without renewals, and two years after the as-of date. Renewals never extend the horizon they
//!   are planned in.
//! - **Counting**: a CE activity counts toward a cycle when its date is inside it
//!   (`start..=expires`) and the credential is in its `counts_for`, or it has none and the rule
//!   takes CE. A course requirement counts only activities that name the credential. Category
//!   minimums count the activity's hours when its category matches (ASCII case-insensitive);
//!   topic minimums count the topic's hours, which are part of the total, never extra. Practice
//!   hours are `hours_per_week / 7` per day of each `person.experience` entry (in the rule's
//!   roles, when it names any) inside the cycle: counted up to the as-of date, forecast to the
//!   expiry.
//! - **Renewal milestones**: one per cycle that ends inside the horizon and not before the as-of
//!   date, id `renew-CREDENTIAL-YYYY-MM-DD` (the expiry), kind `continuing-education` (a course
//!   rule: `training`), `not_before` the cycle's start (the day after the earning milestone's
//!   finish for a credential not held yet), `due` the submission date (`expires` minus the rule's
//!   `submit_before_days`), effort = the larger of the CE total left and the sum of the category
//!   and topic minimums left, times the rule's hours per unit, plus the course's hours left.
//!   They are scheduled with the plan's own milestones, in the same weekly hours.
//! - **Status**, first match wins: `unknown` (no expiry), `lapsed` (expired before the as-of
//!   date), `at-risk` (the current cycle's renewal milestone finishes after the submission date
//!   or cannot be scheduled, or its practice hours fall short by the expiry), `due-soon` (expires
//!   within [`DUE_SOON_DAYS`] days), `current`.
//!
//! The cost is linear in the credentials' cycles, the CE log (sorted by date once, each cycle a
//! binary search) and the experience entries.

use jiff::civil::Date;

use crate::calendar::{add_days, add_months, add_years, day_number};
use crate::message::Message;
use crate::plan::{CeEntry, Kind, Milestone, Plan};
use crate::resolve::round2;
use crate::resolved::*;
use crate::{ExpiryRule, Knowledge, RenewalRule};

/// How many days before its expiry a credential is `due-soon`.
pub const DUE_SOON_DAYS: i64 = 90;

/// The horizon is at least this many years after the as-of date.
pub const MIN_HORIZON_YEARS: i64 = 2;

/// The most cycles listed for one credential.
const MAX_CYCLES: usize = 200;

/// One credential the engine follows.
#[derive(Debug, Clone)]
pub(crate) struct Track {
    /// The milestone that earns it, when not held.
    pub earned_by: Option<usize>,
    pub id: String,
    pub name: Option<String>,
    pub jurisdiction: Option<String>,
    pub earned: Option<Date>,
    pub expires: Option<Date>,
    pub rule: Option<RenewalRule>,
}

impl Track {
    fn name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// The credentials to follow, held ones first in file order, then earned ones in milestone order.
pub(crate) fn tracks(p: &Plan, knowledge: Option<&dyn Knowledge>) -> Vec<Track> {
    let region = p.person.region.as_deref();
    let mut out: Vec<Track> = Vec::new();
    for c in &p.person.credentials {
        if c.id.is_empty() || out.iter().any(|t| t.id == c.id) {
            continue;
        }
        let rule = rule_of(knowledge, &c.id, c.jurisdiction.as_deref().or(region));
        if rule.is_none() && c.earned.is_none() && c.expires.is_none() && c.jurisdiction.is_none() {
            continue;
        }
        out.push(Track {
            earned_by: None,
            id: c.id.clone(),
            name: knowledge.and_then(|k| k.name_of(&c.id)),
            jurisdiction: c
                .jurisdiction
                .clone()
                .or_else(|| rule.as_ref().and_then(|r| r.jurisdiction.clone())),
            earned: c.earned,
            expires: c.expires,
            rule,
        });
    }
    for (i, m) in p.milestones.iter().enumerate() {
        let Some(id) = m.earns.as_deref() else {
            continue;
        };
        if id.is_empty() || out.iter().any(|t| t.id == id) {
            continue;
        }
        let Some(rule) = rule_of(knowledge, id, region) else {
            continue;
        };
        out.push(Track {
            earned_by: Some(i),
            id: id.to_string(),
            name: knowledge.and_then(|k| k.name_of(id)),
            jurisdiction: rule.jurisdiction.clone(),
            earned: None,
            expires: None,
            rule: Some(rule),
        });
    }
    out
}

fn rule_of(
    knowledge: Option<&dyn Knowledge>,
    id: &str,
    jurisdiction: Option<&str>,
) -> Option<RenewalRule> {
    knowledge?
        .renewal(id, jurisdiction)
        .filter(|r| r.months > 0)
}

/// The later of `target.by`, the plan's own forecast finish and two years after the as-of date.
pub(crate) fn horizon(p: &Plan, as_of: Date, own_finish: Date) -> Date {
    let mut h = add_years(as_of, MIN_HORIZON_YEARS).max(own_finish);
    if let Some(t) = &p.target {
        h = h.max(t.by);
    }
    h
}

/// The expiry one cycle after `from`.
fn next_expiry(rule: &RenewalRule, from: Date) -> Date {
    let d = add_months(from, i64::from(rule.months));
    match rule.expires {
        ExpiryRule::Anniversary => d,
        ExpiryRule::EndOfMonth => d.last_of_month(),
    }
}

/// The first day of the cycle that ends on `expires`.
fn cycle_start(rule: &RenewalRule, expires: Date) -> Date {
    let back = add_months(expires, -i64::from(rule.months));
    match rule.expires {
        ExpiryRule::Anniversary => add_days(back, 1),
        ExpiryRule::EndOfMonth => back.first_of_month(),
    }
}

/// One cycle before it is scheduled.
#[derive(Debug, Clone)]
pub(crate) struct CycleDraft {
    pub start: Option<Date>,
    pub expires: Date,
    pub submit_by: Date,
    pub requirements: Vec<Requirement>,
    /// The place of its renewal milestone among the renewal milestones.
    pub renewal: Option<usize>,
}

/// Every tracked credential's cycles, and the renewal milestones they need.
#[derive(Debug, Clone, Default)]
pub(crate) struct Drafts {
    /// Per track, in track order.
    pub cycles: Vec<Vec<CycleDraft>>,
    /// The renewal milestones, in order of expiry (then credential).
    pub milestones: Vec<Milestone>,
    /// The track each renewal milestone renews.
    pub owner: Vec<usize>,
    /// The day each track is earned on when a milestone earns it.
    pub earned: Vec<Option<Date>>,
}

/// The CE log's entries by date, for counting a cycle with two binary searches.
pub(crate) struct CeIndex<'a> {
    by_date: Vec<&'a CeEntry>,
}

impl<'a> CeIndex<'a> {
    pub fn new(ce: &'a [CeEntry]) -> Self {
        let mut by_date: Vec<&CeEntry> = ce.iter().collect();
        by_date.sort_by_key(|c| c.date);
        CeIndex { by_date }
    }

    /// The entries dated `from..=to`, in date order (file order on a tie).
    fn within(&self, from: Date, to: Date) -> &[&'a CeEntry] {
        let a = self.by_date.partition_point(|c| c.date < from);
        let b = self.by_date.partition_point(|c| c.date <= to);
        &self.by_date[a..b.max(a)]
    }
}

/// Whether a CE activity counts toward a credential with this rule.
pub(crate) fn counts_toward(ce: &CeEntry, id: &str, rule: &RenewalRule) -> bool {
    if ce.counts_for.is_empty() {
        rule.takes_ce()
    } else {
        ce.counts_for.iter().any(|c| c == id)
    }
}

/// Lays out every tracked credential's cycles up to `horizon`. `earned[t]` is the day a
/// milestone earns track `t` (its forecast finish), for tracks that are not held.
/// `taken(id)` says whether a milestone id is in use already.
pub(crate) fn draft(
    p: &Plan,
    tracks: &[Track],
    as_of: Date,
    horizon: Date,
    earned: Vec<Option<Date>>,
    taken: &dyn Fn(&str) -> bool,
) -> Drafts {
    let ce = CeIndex::new(&p.ce);
    let mut cycles = Vec::with_capacity(tracks.len());
    // (expiry, track, cycle, milestone) before they are put in order.
    let mut renewals: Vec<(Date, usize, usize, Milestone)> = Vec::new();
    for (t, tr) in tracks.iter().enumerate() {
        let mut list = Vec::new();
        let earned_on = tr.earned.or(earned[t]);
        let Some(rule) = &tr.rule else {
            // No rule: the expiry as written is still followed; the CE is not.
            if let Some(expires) = tr.expires {
                list.push(CycleDraft {
                    start: tr.earned,
                    expires,
                    submit_by: expires,
                    requirements: Vec::new(),
                    renewal: None,
                });
            }
            cycles.push(list);
            continue;
        };
        let (mut start, mut expires) = match (tr.expires, earned_on) {
            (Some(e), Some(d)) => (cycle_start(rule, e).max(d).min(e), e),
            (Some(e), None) => (cycle_start(rule, e), e),
            (None, Some(d)) => (d, next_expiry(rule, d)),
            (None, None) => {
                cycles.push(list);
                continue;
            }
        };
        for k in 0..MAX_CYCLES {
            if k > 0 && expires > horizon {
                break;
            }
            let submit_by =
                add_days(expires, -i64::from(rule.submit_before_days)).max(start.min(expires));
            let requirements = requirements(p, tr, rule, &ce, start, expires, as_of);
            let mut c = CycleDraft {
                start: Some(start),
                expires,
                submit_by,
                requirements,
                renewal: None,
            };
            let lapsed = expires < as_of;
            if !lapsed && expires <= horizon {
                // Not before the cycle (the day after the earning milestone, for a credential
                // not held yet), nor before the as-of date: renewal work is still to do.
                let not_before = match tr.earned_by {
                    Some(_) if k == 0 => add_days(start, 1),
                    _ => start,
                }
                .max(as_of);
                let m = renewal_milestone(tr, rule, &c, not_before, taken);
                renewals.push((expires, t, k, m));
                c.renewal = Some(usize::MAX);
            }
            list.push(c);
            if lapsed || expires >= Date::MAX || next_expiry(rule, expires) <= expires {
                break;
            }
            start = add_days(expires, 1);
            expires = next_expiry(rule, expires);
        }
        cycles.push(list);
    }
    renewals.sort_by(|a, b| (a.0, &tracks[a.1].id).cmp(&(b.0, &tracks[b.1].id)));
    let mut milestones = Vec::with_capacity(renewals.len());
    let mut owner = Vec::with_capacity(renewals.len());
    for (j, (_, t, k, m)) in renewals.into_iter().enumerate() {
        cycles[t][k].renewal = Some(j);
        milestones.push(m);
        owner.push(t);
    }
    Drafts {
        cycles,
        milestones,
        owner,
        earned,
    }
}

/// What a cycle requires, counted on the as-of date.
fn requirements(
    p: &Plan,
    tr: &Track,
    rule: &RenewalRule,
    ce: &CeIndex,
    start: Date,
    expires: Date,
    as_of: Date,
) -> Vec<Requirement> {
    let entries = ce.within(start, expires);
    let unit = rule.ce_unit.as_str();
    let mut out = Vec::new();
    if let Some(hours) = rule.course_hours {
        let counted: f64 = entries
            .iter()
            .filter(|c| c.counts_for.contains(&tr.id))
            .map(|c| c.hours)
            .sum();
        out.push(requirement("course".into(), hours, counted, "hours", None));
    }
    let counting: Vec<&&CeEntry> = entries
        .iter()
        .filter(|c| counts_toward(c, &tr.id, rule))
        .collect();
    if let Some(total) = rule.ce_hours {
        let counted = counting.iter().map(|c| c.hours).sum();
        out.push(requirement("total".into(), total, counted, unit, None));
    }
    for (category, min) in &rule.category_minimums {
        let counted = counting
            .iter()
            .filter(|c| {
                c.category
                    .as_deref()
                    .is_some_and(|x| x.trim().eq_ignore_ascii_case(category.trim()))
            })
            .map(|c| c.hours)
            .sum();
        out.push(requirement(
            format!("category:{category}"),
            *min,
            counted,
            unit,
            None,
        ));
    }
    for (topic, min) in &rule.topic_minimums {
        let counted = counting
            .iter()
            .flat_map(|c| c.topics.iter())
            .filter(|(name, _)| name.trim().eq_ignore_ascii_case(topic.trim()))
            .map(|(_, h)| *h)
            .sum();
        out.push(requirement(
            format!("topic:{topic}"),
            *min,
            counted,
            unit,
            None,
        ));
    }
    if let Some(hours) = rule.practice_hours {
        let (counted, forecast) = practice(p, rule, start, expires, as_of);
        out.push(requirement(
            "practice".into(),
            hours,
            counted,
            "hours",
            Some(forecast),
        ));
    }
    if let Some(recent) = rule.practice_recent {
        let from = add_days(add_months(expires, -i64::from(recent.months)), 1).max(start);
        let (counted, forecast) = practice(p, rule, from, expires, as_of);
        out.push(requirement(
            "practice-recent".into(),
            recent.hours,
            counted,
            "hours",
            Some(forecast),
        ));
    }
    out
}

fn requirement(
    name: String,
    required: f64,
    counted: f64,
    unit: &str,
    forecast: Option<f64>,
) -> Requirement {
    let counted = round2(counted);
    Requirement {
        requirement: name,
        required: round2(required),
        counted,
        remaining: round2((required - counted).max(0.0)),
        met: counted + 1e-9 >= required,
        unit: unit.to_string(),
        forecast: forecast.map(round2),
    }
}

/// Practice hours in `from..=to`: up to the as-of date, and up to `to`.
fn practice(p: &Plan, rule: &RenewalRule, from: Date, to: Date, as_of: Date) -> (f64, f64) {
    let days = |a: Date, b: Date, e_from: Date, e_to: Option<Date>| -> f64 {
        let lo = day_number(a).max(day_number(e_from));
        let hi = day_number(b).min(e_to.map_or(i64::MAX, day_number));
        (hi - lo + 1).max(0) as f64
    };
    let mut counted = 0.0;
    let mut forecast = 0.0;
    for e in &p.person.experience {
        let Some(h) = e.hours_per_week.filter(|h| h.is_finite() && *h > 0.0) else {
            continue;
        };
        if !rule.practice_roles.is_empty() && !rule.practice_roles.contains(&e.role) {
            continue;
        }
        counted += days(from, to.min(as_of), e.from, e.to) * h / 7.0;
        forecast += days(from, to, e.from, e.to) * h / 7.0;
    }
    (counted, forecast)
}

/// The CE (in the rule's unit) a cycle still needs: the larger of the total left and the sum of
/// the category and topic minimums left.
pub(crate) fn ce_missing(requirements: &[Requirement]) -> f64 {
    let left = |prefix: &str| -> f64 {
        requirements
            .iter()
            .filter(|r| r.requirement.starts_with(prefix))
            .map(|r| r.remaining)
            .sum()
    };
    let total = requirements
        .iter()
        .find(|r| r.requirement == "total")
        .map_or(0.0, |r| r.remaining);
    total.max(left("category:") + left("topic:"))
}

fn course_missing(requirements: &[Requirement]) -> f64 {
    requirements
        .iter()
        .find(|r| r.requirement == "course")
        .map_or(0.0, |r| r.remaining)
}

fn renewal_milestone(
    tr: &Track,
    rule: &RenewalRule,
    c: &CycleDraft,
    not_before: Date,
    taken: &dyn Fn(&str) -> bool,
) -> Milestone {
    let mut id = format!("renew-{}-{}", tr.id, c.expires);
    while taken(&id) {
        id.push_str("-renewal");
    }
    let ce = ce_missing(&c.requirements);
    let course = course_missing(&c.requirements);
    let effort = round2(ce * rule.hours_per_unit + course);
    let course_only = rule.course_hours.is_some() && !rule.takes_ce();
    Milestone {
        id,
        title: format!("Renew {}", tr.name()),
        kind: if course_only {
            Kind::Training
        } else {
            Kind::ContinuingEducation
        },
        goal: None,
        after: Vec::new(),
        not_before: Some(not_before),
        duration: None,
        effort_hours: effort,
        due: Some(c.submit_by),
        cost: None,
        measure: None,
        done: None,
        notes: Some(format!(
            "Planned by carepath for the cycle ending {}: {}",
            c.expires,
            missing_text(&c.requirements, rule)
        )),
        earns: None,
        every: None,
        until: None,
        with: Vec::new(),
    }
}

/// "46 CERPs of CE (Category A: 22)", "the 4-hour course", "nothing: the CE is done".
fn missing_text(requirements: &[Requirement], rule: &RenewalRule) -> String {
    let mut parts = Vec::new();
    let ce = ce_missing(requirements);
    if ce > 0.0 {
        let mut s = format!("{} {} of CE", crate::numbers::Th(ce), rule.ce_unit);
        let mins: Vec<String> = requirements
            .iter()
            .filter(|r| {
                (r.requirement.starts_with("category:") || r.requirement.starts_with("topic:"))
                    && r.remaining > 0.0
            })
            .map(|r| {
                format!(
                    "{}: {}",
                    requirement_label(&r.requirement, LabelForm::Phrase),
                    crate::numbers::Th(r.remaining)
                )
            })
            .collect();
        if !mins.is_empty() {
            s.push_str(&format!(" ({})", mins.join(", ")));
        }
        parts.push(s);
    }
    let course = course_missing(requirements);
    if course > 0.0 {
        parts.push(format!(
            "the {}-hour renewal course",
            crate::numbers::Th(course)
        ));
    }
    if parts.is_empty() {
        "nothing is missing; submit the renewal".to_string()
    } else {
        parts.join(" and ")
    }
}

/// How an output names a requirement: inside a sentence, or as the label of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelForm {
    /// Inside a sentence, as the terminal and the findings say it: "Category A", "pharmacology",
    /// "total", "practice hours", "recent practice hours", "course".
    Phrase,
    /// A row's label in a document or a calendar: "Category A", "Pharmacology",
    /// "Practice", "Recent practice", "Renewal course", "CE in total".
    Heading,
}

/// A requirement (`total`, `category:X`, `topic:T`, `practice`, `practice-recent`, `course`) as
/// a person reads it. Every output names requirements through this one function.
pub fn requirement_label(requirement: &str, form: LabelForm) -> String {
    let heading = form == LabelForm::Heading;
    if let Some(c) = requirement.strip_prefix("category:") {
        return format!("Category {c}");
    }
    if let Some(t) = requirement.strip_prefix("topic:") {
        return if heading {
            crate::words::humanize(t)
        } else {
            t.to_string()
        };
    }
    match (requirement, heading) {
        ("practice", false) => "practice hours".into(),
        ("practice-recent", false) => "recent practice hours".into(),
        ("total", true) => "CE in total".into(),
        ("practice", true) => "Practice".into(),
        ("practice-recent", true) => "Recent practice".into(),
        ("course", true) => "Renewal course".into(),
        (other, true) => crate::words::humanize(other),
        (other, false) => other.to_string(),
    }
}

/// What the schedule says about the renewal milestones, for the statuses.
pub(crate) struct Placed<'a> {
    /// The resolved milestones (the plan's, then the renewals).
    pub milestones: &'a [ScheduledMilestone],
    /// How many of them are the plan's own.
    pub own: usize,
    pub unschedulable: &'a [bool],
    /// The forecast with more hours a week, when it was made: each milestone's finish.
    pub more: Option<(&'a [Date], f64)>,
}

/// Each tracked credential with its cycles, status and what needs attention.
pub(crate) fn statuses(
    p: &Plan,
    tracks: &[Track],
    drafts: &Drafts,
    as_of: Date,
    placed: &Placed,
) -> Vec<CredentialStatus> {
    tracks
        .iter()
        .enumerate()
        .map(|(t, tr)| {
            let list = &drafts.cycles[t];
            let cycles: Vec<CredentialCycle> = list
                .iter()
                .map(|c| {
                    let at = c.renewal.map(|j| placed.own + j);
                    CredentialCycle {
                        start: c.start,
                        expires: c.expires,
                        submit_by: c.submit_by,
                        requirements: c.requirements.clone(),
                        renewal_milestone: at.map(|i| placed.milestones[i].id.clone()),
                        forecast_finish: at.map(|i| placed.milestones[i].forecast.finish),
                    }
                })
                .collect();
            let earned = tr.earned.or(drafts.earned[t]);
            let expires = list.first().map(|c| c.expires);
            let (status, attention) = status_of(tr, list, &cycles, expires, as_of, placed);
            CredentialStatus {
                id: tr.id.clone(),
                name: tr.name().to_string(),
                jurisdiction: tr.jurisdiction.clone(),
                earned,
                expires,
                status,
                earned_by: tr.earned_by.map(|m| p.milestones[m].id.clone()),
                rule: tr.rule.as_ref().map(|r| RuleSource {
                    source: r.source.clone(),
                    verified: r.verified,
                    jurisdiction: r.jurisdiction.clone(),
                    months: r.months,
                    unit: r.ce_unit.clone(),
                }),
                cycles,
                attention,
            }
        })
        .collect()
}

fn status_of(
    tr: &Track,
    drafts: &[CycleDraft],
    cycles: &[CredentialCycle],
    expires: Option<Date>,
    as_of: Date,
    placed: &Placed,
) -> (CredentialState, Option<Message>) {
    let id = tr.id.as_str();
    let Some(expires) = expires else {
        return (CredentialState::Unknown, None);
    };
    if expires < as_of {
        let days = day_number(as_of) - day_number(expires);
        let m = Message::new()
            .code(id)
            .text(" expired on ")
            .date(expires)
            .text(", ")
            .days(days)
            .text(" before the as-of date ")
            .date(as_of);
        return (CredentialState::Lapsed, Some(m));
    }
    let current = &cycles[0];
    let draft = &drafts[0];
    let rule = tr.rule.as_ref();
    // The renewal work placed after the submission date (or never).
    if let (Some(i), Some(finish), Some(rule)) = (
        drafts[0].renewal.map(|j| placed.own + j),
        current.forecast_finish,
        rule,
    ) && (finish > current.submit_by || placed.unschedulable[i])
    {
        if current.submit_by < as_of {
            // Too late to finish early: the margin the rule asks for has already passed.
            let mut m = Message::new()
                .code(id)
                .text(" expires ")
                .date(expires)
                .text(" and its renewal was due by ")
                .date(current.submit_by)
                .text(": ");
            let missing = missing_text(&draft.requirements, rule);
            m = if ce_missing(&draft.requirements) > 0.0
                || course_missing(&draft.requirements) > 0.0
            {
                m.text(&missing)
                    .text(" still to do, then renew it before it expires")
            } else {
                m.text("renew it before it expires")
            };
            return (CredentialState::AtRisk, Some(m));
        }
        let mut m = Message::new()
            .code(id)
            .text(" expires ")
            .date(expires)
            .text("; ");
        let missing = missing_text(&draft.requirements, rule);
        // CE amounts are plural; the course alone is one thing.
        let (are, them) = if ce_missing(&draft.requirements) > 0.0 {
            ("are", "them")
        } else {
            ("is", "it")
        };
        m = m.text(&missing).text(" ").text(are).text(" missing");
        m = if placed.unschedulable[i] {
            m.text(" and the plan cannot place ")
                .text(them)
                .text(": start the CE earlier, or give the plan more hours a week")
        } else {
            let fits = placed
                .more
                .is_some_and(|(finish, _)| finish[i] <= current.submit_by);
            let extra = placed.more.map_or(2.0, |(_, h)| h);
            let m = m
                .text(" and the plan places ")
                .text(them)
                .text(" by ")
                .date(finish)
                .text(", after the ")
                .date(current.submit_by)
                .text(" submission date: ");
            if fits {
                m.text("give the plan ")
                    .exact(extra)
                    .text(" more hours a week or start the CE earlier")
            } else {
                m.text("start the CE earlier, or give the plan more hours a week (")
                    .exact(extra)
                    .text(" more are not enough)")
            }
        };
        return (CredentialState::AtRisk, Some(m));
    }
    // Practice hours short by the expiry.
    if let Some(short) = current
        .requirements
        .iter()
        .find(|r| r.forecast.is_some_and(|f| f + 1e-9 < r.required))
    {
        let m = Message::new()
            .code(id)
            .text(" needs ")
            .grouped(short.required)
            .text(" ")
            .text(&requirement_label(&short.requirement, LabelForm::Phrase))
            .text(" in the cycle ending ")
            .date(expires)
            .text("; the experience gives ")
            .grouped(short.forecast.unwrap_or(0.0))
            .text(" by then");
        return (CredentialState::AtRisk, Some(m));
    }
    let left = day_number(expires) - day_number(as_of);
    if left <= DUE_SOON_DAYS {
        let mut m = Message::new()
            .code(id)
            .text(" expires on ")
            .date(expires)
            .text(", in ")
            .days(left);
        m = match (&current.renewal_milestone, current.forecast_finish) {
            (Some(r), Some(f)) => m
                .text("; the plan renews it with ")
                .code(r)
                .text(", forecast to finish ")
                .date(f),
            _ if rule.is_none() => {
                m.text("; the catalog has no renewal rule for it, so nothing is planned")
            }
            _ => m,
        };
        return (CredentialState::DueSoon, Some(m));
    }
    (CredentialState::Current, None)
}

/// The old `schedule.renewals` list, kept as an alias: one row per cycle of a credential with a
/// rule, by due date (the expiry).
pub(crate) fn renewal_rows(tracks: &[Track], drafts: &Drafts) -> Vec<Renewal> {
    let mut out = Vec::new();
    for (t, tr) in tracks.iter().enumerate() {
        let Some(rule) = &tr.rule else { continue };
        for c in &drafts.cycles[t] {
            out.push(Renewal {
                credential: tr.id.clone(),
                name: tr.name().to_string(),
                due: c.expires,
                ce_hours: rule.ce_hours,
                every_months: rule.months,
                source: rule.source.clone(),
                verified: rule.verified,
            });
        }
    }
    out.sort_by(|a, b| (a.due, &a.credential).cmp(&(b.due, &b.credential)));
    out
}
