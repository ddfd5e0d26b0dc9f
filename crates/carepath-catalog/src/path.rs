//! The fastest route between two roles, and its rendering as plan milestones.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::model::{
    Catalog, Cost, CredentialKind, ENTRY, Experience, Months, Pay, Source, Transition,
};
use crate::route_search;
pub use crate::route_search::{RouteSearch, SearchBudget, SearchStats};

/// An amount of money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Money {
    pub amount: f64,
    pub currency: String,
}

/// A credential as a route mentions it, resolved from the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialRef {
    pub id: String,
    pub name: String,
    /// The abbreviation, else the name.
    pub short_name: String,
    pub kind: CredentialKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Cost>,
    pub verified: bool,
}

/// What a step costs, as far as the catalog knows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepCost {
    pub amount: f64,
    pub currency: String,
    /// `transition` when the step's cost is known as a whole; `credential fees` when it is the
    /// sum of the known fees of the credentials earned (tuition not included).
    pub basis: String,
    pub verified: bool,
}

/// One step of a [`Route`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteStep {
    /// The catalog transition this step takes.
    pub transition: String,
    pub from: String,
    pub from_name: String,
    pub to: String,
    pub to_name: String,
    pub via: String,
    pub months: Months,
    /// Credentials that had to be held before the step (held by then on this route).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prerequisites: Vec<CredentialRef>,
    /// Credentials earned in this step (those already held are left out).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earns: Vec<CredentialRef>,
    /// The other choices for a one-of credential the step earns (the route assumes the
    /// first: an MSN, where a DNP would also do).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<CredentialRef>,
    /// The id in `earns` that `alternatives` could replace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternatives_for: Option<String>,
    /// Credentials that help but are not required.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub optional: Vec<CredentialRef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experience: Vec<Experience>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervised_hours: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<StepCost>,
    /// Median pay of the role reached, when the catalog has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay: Option<Pay>,
    pub source: String,
    pub year: u16,
    pub verified: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub third_party: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl RouteStep {
    /// Whether every figure of the step is confirmed: the step, its months and its cost.
    pub fn fully_verified(&self) -> bool {
        self.verified && self.months.verified && self.cost.as_ref().is_none_or(|c| c.verified)
    }
}

/// The fastest route from one role to another, by typical months.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// The region the route was searched for (its steps open there, its pay figures picked
    /// for it); absent: the US.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// A role id, or [`ENTRY`].
    pub from: String,
    pub from_name: String,
    pub to: String,
    pub to_name: String,
    /// Median pay of the starting role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_pay: Option<Pay>,
    /// Credentials the route assumes are held at the start.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub held_at_start: Vec<String>,
    pub steps: Vec<RouteStep>,
    /// Sum of the steps' typical months.
    pub total_months: u32,
    /// Sum of the steps' minimum months (typical where no minimum is given).
    pub total_months_min: u32,
    /// Sum of the steps' maximum months (typical where no maximum is given).
    pub total_months_max: u32,
    /// Known costs added up, one entry per currency.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub total_cost: Vec<Money>,
    /// Whether every step's cost is known (it rarely is: tuition is not in the catalog).
    pub cost_complete: bool,
    /// The sources the route cites, by key.
    pub sources: BTreeMap<String, Source>,
}

impl Route {
    /// Whether every step's figures are confirmed.
    pub fn fully_verified(&self) -> bool {
        self.steps.iter().all(RouteStep::fully_verified)
    }

    /// The ids of the roles along the route, start included.
    pub fn role_ids(&self) -> Vec<&str> {
        std::iter::once(self.from.as_str())
            .chain(self.steps.iter().map(|s| s.to.as_str()))
            .collect()
    }
}

impl Catalog {
    /// The fastest route from role `from` (or [`ENTRY`]) to role `to`, by typical months; ties
    /// go to the cheaper route, then to the one whose transition ids sort first.
    ///
    /// The route assumes the start role's required credentials are held (of a one-of list,
    /// the first), and that nothing else is: use [`Catalog::path_holding`] to say what the
    /// person already holds. A step whose prerequisites are not held by then cannot be taken,
    /// so a route may include a step within one role (RN: ADN to BSN). `None` when either id
    /// is unknown, no route exists, or the search gave up at its budget: use
    /// [`Catalog::find_route`] to tell these apart.
    pub fn path(&self, from: &str, to: &str) -> Option<Route> {
        self.path_holding(from, to, &[])
    }

    /// [`Catalog::path`] for someone who also holds the credentials `held`.
    pub fn path_holding(&self, from: &str, to: &str, held: &[&str]) -> Option<Route> {
        self.find_route(from, to, held).into_route()
    }

    /// [`Catalog::path_holding`] in a region: only the steps open there
    /// ([`Transition::open_in`]), the start role's requirements there
    /// ([`crate::Role::requires_for`]) and the region's pay figures. `None`: the US.
    pub fn path_in(
        &self,
        from: &str,
        to: &str,
        held: &[&str],
        region: Option<&str>,
    ) -> Option<Route> {
        self.find_route_in(from, to, held, region, SearchBudget::DEFAULT)
            .into_route()
    }

    /// The route search behind [`Catalog::path_holding`], within [`SearchBudget::DEFAULT`]:
    /// a route, the certainty that there is none, or the admission that the search gave up.
    pub fn find_route(&self, from: &str, to: &str, held: &[&str]) -> RouteSearch {
        self.find_route_within(from, to, held, SearchBudget::DEFAULT)
    }

    /// [`Catalog::find_route`] within another budget.
    pub fn find_route_within(
        &self,
        from: &str,
        to: &str,
        held: &[&str],
        budget: SearchBudget,
    ) -> RouteSearch {
        self.find_route_in(from, to, held, None, budget)
    }

    /// [`Catalog::find_route_within`] in a region (see [`Catalog::path_in`]).
    pub fn find_route_in(
        &self,
        from: &str,
        to: &str,
        held: &[&str],
        region: Option<&str>,
        budget: SearchBudget,
    ) -> RouteSearch {
        let unknown = RouteSearch::NoRoute {
            stats: SearchStats::new(budget),
        };
        if from != ENTRY && self.role(from).is_none() {
            return unknown;
        }
        if self.role(to).is_none() {
            return unknown;
        }
        let Some(from_id) = self.catalog_str(from) else {
            return unknown;
        };
        let region = region.map(str::trim).filter(|r| !r.is_empty());
        let start = self.starting_credentials(from, held, region);
        let held_at_start: Vec<String> = start.iter().map(|s| (*s).to_owned()).collect();
        match route_search::search(self, from_id, to, &start, region, budget) {
            route_search::Outcome::Found(taken, stats) => RouteSearch::Found {
                route: self.build_route(from, to, held_at_start, &taken, region),
                stats,
            },
            route_search::Outcome::NoRoute(stats) => RouteSearch::NoRoute { stats },
            route_search::Outcome::GaveUp(stats) => RouteSearch::GaveUp { stats },
        }
    }

    /// `id` borrowed from the catalog (or the `ENTRY` constant), so states can borrow it.
    fn catalog_str(&self, id: &str) -> Option<&str> {
        if id == ENTRY {
            Some(ENTRY)
        } else {
            self.role(id).map(|r| r.id.as_str())
        }
    }

    fn starting_credentials<'a>(
        &'a self,
        from: &str,
        extra: &[&str],
        region: Option<&str>,
    ) -> BTreeSet<&'a str> {
        let mut held: BTreeSet<&'a str> = extra
            .iter()
            .filter_map(|id| self.credential(id).map(|c| c.id.as_str()))
            .collect();
        if let Some(role) = self.role(from) {
            let requires = role.requires_for(region);
            held.extend(requires.all_of.iter().map(String::as_str));
            let any = &requires.any_of;
            if !any.iter().any(|id| held.contains(id.as_str()))
                && let Some(first) = any.first()
            {
                held.insert(first.as_str());
            }
        }
        held
    }

    /// The step's cost: the transition's own when given, else the known fees of the
    /// credentials it earns.
    fn step_cost(&self, transition: &Transition, held: &BTreeSet<&str>) -> Option<StepCost> {
        if let Some(cost) = &transition.cost {
            return Some(StepCost {
                amount: cost.amount,
                currency: cost.currency.clone(),
                basis: "transition".to_owned(),
                verified: cost.verified,
            });
        }
        credential_fees(
            earned_credentials(transition, held)
                .into_iter()
                .map(|id| self.credential(id).and_then(|c| c.cost.as_ref())),
        )
    }

    fn credential_ref(&self, id: &str) -> CredentialRef {
        match self.credential(id) {
            Some(c) => CredentialRef {
                id: c.id.clone(),
                name: c.name.clone(),
                short_name: c.short_name().to_owned(),
                kind: c.kind,
                cost: c.cost.clone(),
                verified: c.verified,
            },
            // Integrity checks report unknown ids; a route still shows them.
            None => CredentialRef {
                id: id.to_owned(),
                name: id.to_owned(),
                short_name: id.to_owned(),
                kind: CredentialKind::Certification,
                cost: None,
                verified: false,
            },
        }
    }

    fn role_name(&self, id: &str) -> String {
        if id == ENTRY {
            return "Newcomer".to_owned();
        }
        self.role(id)
            .map_or_else(|| id.to_owned(), |r| r.name.clone())
    }

    fn build_route(
        &self,
        from: &str,
        to: &str,
        held_at_start: Vec<String>,
        taken: &[&Transition],
        region: Option<&str>,
    ) -> Route {
        let mut held: BTreeSet<&str> = held_at_start.iter().map(String::as_str).collect();
        let mut steps = Vec::new();
        let mut sources = BTreeMap::new();
        let mut totals: Vec<Money> = Vec::new();
        let mut cost_complete = true;
        let (mut months, mut months_min, mut months_max) = (0u32, 0u32, 0u32);
        let mut cite = |key: &str| {
            if let Some(source) = self.source(key) {
                sources.insert(key.to_owned(), source.clone());
            }
        };
        for &transition in taken {
            let mut earned = earned_credentials(transition, &held);
            // In the order they are usually done: study, then exams, then licenses.
            earned.sort_by_key(|id| {
                self.credential(id).map_or(1, |c| match c.kind {
                    CredentialKind::Degree | CredentialKind::Training => 0,
                    CredentialKind::Certification => 1,
                    CredentialKind::License => 2,
                })
            });
            let cost = self.step_cost(transition, &held);
            match &cost {
                Some(cost) => match totals.iter_mut().find(|m| m.currency == cost.currency) {
                    Some(total) => total.amount += cost.amount,
                    None => totals.push(Money {
                        amount: cost.amount,
                        currency: cost.currency.clone(),
                    }),
                },
                None => cost_complete = false,
            }
            if cost.as_ref().is_some_and(|c| c.basis != "transition") {
                // Credential fees never cover tuition.
                cost_complete = false;
            }
            let typical = transition.months.typical;
            months += typical;
            months_min += transition.months.min.unwrap_or(typical);
            months_max += transition.months.max.unwrap_or(typical);

            let mut prerequisites: Vec<&str> = transition
                .prerequisites
                .iter()
                .map(String::as_str)
                .collect();
            if let Some(any) = transition
                .prerequisites_any
                .iter()
                .find(|id| held.contains(id.as_str()))
            {
                prerequisites.push(any);
            }
            let pay = self
                .role(&transition.to)
                .and_then(|r| r.pay_for(region))
                .map(|p| p.figure.clone());
            cite(&transition.source);
            if let Some(pay) = &pay {
                cite(&pay.source);
            }
            for id in &earned {
                if let Some(cost) = self.credential(id).and_then(|c| c.cost.as_ref()) {
                    cite(&cost.source);
                }
            }
            if let Some(cost) = &transition.cost {
                cite(&cost.source);
            }
            steps.push(RouteStep {
                transition: transition.id.clone(),
                from: transition.from.clone(),
                from_name: self.role_name(&transition.from),
                to: transition.to.clone(),
                to_name: self.role_name(&transition.to),
                via: transition.via.clone(),
                months: transition.months.clone(),
                prerequisites: prerequisites
                    .iter()
                    .map(|id| self.credential_ref(id))
                    .collect(),
                earns: earned.iter().map(|id| self.credential_ref(id)).collect(),
                alternatives: match transition.needs.any_of.split_first() {
                    Some((first, rest)) if earned.contains(&first.as_str()) => {
                        rest.iter().map(|id| self.credential_ref(id)).collect()
                    }
                    _ => Vec::new(),
                },
                alternatives_for: transition
                    .needs
                    .any_of
                    .first()
                    .filter(|first| {
                        transition.needs.any_of.len() > 1 && earned.contains(&first.as_str())
                    })
                    .cloned(),
                optional: transition
                    .needs
                    .optional
                    .iter()
                    .filter(|id| !held.contains(id.as_str()))
                    .map(|id| self.credential_ref(id))
                    .collect(),
                experience: transition.needs.experience.clone(),
                supervised_hours: transition.needs.supervised_hours,
                education: transition.needs.education.clone(),
                cost,
                pay,
                source: transition.source.clone(),
                year: transition.year,
                verified: transition.verified,
                third_party: transition.third_party,
                note: transition.note.clone(),
            });
            held.extend(earned);
        }
        let start_pay = self
            .role(from)
            .and_then(|r| r.pay_for(region))
            .map(|p| p.figure.clone());
        if let Some(pay) = &start_pay {
            cite(&pay.source);
        }
        Route {
            region: region.map(str::to_owned),
            from: from.to_owned(),
            from_name: self.role_name(from),
            to: to.to_owned(),
            to_name: self.role_name(to),
            start_pay,
            held_at_start,
            steps,
            total_months: months,
            total_months_min: months_min,
            total_months_max: months_max,
            total_cost: totals,
            cost_complete,
            sources,
        }
    }
}

/// What a step adds: its `all_of` credentials not yet held, and the first of its `any_of`
/// unless one is held already.
fn earned_credentials<'a>(transition: &'a Transition, held: &BTreeSet<&str>) -> Vec<&'a str> {
    let mut earned: Vec<&'a str> = transition
        .needs
        .all_of
        .iter()
        .map(String::as_str)
        .filter(|id| !held.contains(id))
        .collect();
    let any = &transition.needs.any_of;
    if !any.iter().any(|id| held.contains(id.as_str()))
        && let Some(first) = any.first()
        && !earned.contains(&first.as_str())
    {
        earned.push(first);
    }
    earned
}

/// The known fees of the credentials a step earns, added up in the currency of the first one;
/// fees in a second currency are not added into the first.
pub(crate) fn credential_fees<'c>(
    costs: impl Iterator<Item = Option<&'c Cost>>,
) -> Option<StepCost> {
    let mut total: Option<StepCost> = None;
    for cost in costs.flatten() {
        match &mut total {
            Some(sum) if sum.currency == cost.currency => {
                sum.amount += cost.amount;
                sum.verified &= cost.verified;
            }
            Some(_) => {}
            None => {
                total = Some(StepCost {
                    amount: cost.amount,
                    currency: cost.currency.clone(),
                    basis: "credential fees".to_owned(),
                    verified: cost.verified,
                });
            }
        }
    }
    total
}

pub(crate) fn cents_of(amount: f64) -> u64 {
    if amount.is_finite() && amount > 0.0 {
        // Fees are far below u64::MAX cents; the cast saturates anyway.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let cents = (amount * 100.0).round() as u64;
        cents
    } else {
        0
    }
}

// ------------------------------------------------------------------------------------------
// Plan milestones
// ------------------------------------------------------------------------------------------

/// One milestone before it is written as TOML.
struct Milestone {
    id: String,
    title: String,
    kind: &'static str,
    after: Vec<String>,
    duration: Option<u32>,
    cost: Option<f64>,
    notes: String,
}

impl Route {
    /// The route as `[[milestones]]` blocks of the carepath plan format, to paste into a
    /// plan. Ids are `PREFIX-N-WHAT` (N is the step number; the prefix is reduced to
    /// `[a-z0-9-]`, `path` when nothing is left); each step's milestones come after the
    /// previous step's. The first milestones of a step carry its typical months as
    /// `duration`; costs are the known fees; notes cite the source and say what is
    /// unverified.
    pub fn to_milestones_toml(&self, id_prefix: &str) -> String {
        let prefix = slug(id_prefix).unwrap_or_else(|| "path".to_owned());
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Milestones for the route {} -> {} from the carepath catalog:",
            self.from_name, self.to_name
        );
        let _ = writeln!(
            out,
            "# {} step(s), about {} months. Figures marked unverified need checking.",
            self.steps.len(),
            self.total_months
        );
        let mut used: HashSet<String> = HashSet::new();
        let mut previous: Vec<String> = Vec::new();
        for (index, step) in self.steps.iter().enumerate() {
            let milestones = self.step_milestones(index, step, &prefix, &previous, &mut used);
            if let Some(last) = milestones.last() {
                previous = vec![last.id.clone()];
            }
            for milestone in &milestones {
                out.push('\n');
                write_milestone(&mut out, milestone);
            }
        }
        out
    }

    fn step_milestones(
        &self,
        index: usize,
        step: &RouteStep,
        prefix: &str,
        previous: &[String],
        used: &mut HashSet<String>,
    ) -> Vec<Milestone> {
        let number = index + 1;
        let mut id = |what: &str| unique_id(&format!("{prefix}-{number}-{what}"), used);
        let typical = step.months.typical;
        let step_note = self.step_note(number, step);

        let mut program: Vec<Milestone> = Vec::new();
        for credential in step
            .earns
            .iter()
            .filter(|c| matches!(c.kind, CredentialKind::Degree | CredentialKind::Training))
        {
            let kind = if credential.kind == CredentialKind::Degree {
                "education"
            } else {
                "training"
            };
            program.push(Milestone {
                id: id(&credential.id),
                title: format!("Complete the {}", credential.name),
                kind,
                after: previous.to_vec(),
                duration: None,
                cost: credential.cost.as_ref().map(|c| c.amount),
                notes: credential_note(credential),
            });
        }
        if program.is_empty()
            && let Some(education) = &step.education
        {
            program.push(Milestone {
                id: id("program"),
                title: education.clone(),
                kind: "education",
                after: previous.to_vec(),
                duration: None,
                cost: None,
                notes: String::new(),
            });
        }
        let mut experience: Vec<Milestone> = Vec::new();
        for (n, item) in step.experience.iter().enumerate() {
            let what = if step.experience.len() > 1 {
                format!("experience-{}", n + 1)
            } else {
                "experience".to_owned()
            };
            experience.push(Milestone {
                id: id(&what),
                title: experience_title(item),
                kind: "experience",
                after: previous.to_vec(),
                duration: item.months,
                cost: None,
                notes: String::new(),
            });
        }
        // The step's typical time goes on its education; experience keeps its own stated
        // months, and takes the step's time when there is no education to carry it.
        for m in &mut program {
            m.duration = Some(typical);
        }
        let has_program = !program.is_empty();
        for (m, item) in experience.iter_mut().zip(&step.experience) {
            m.duration = item.months.or((!has_program).then_some(typical));
        }

        let mut chain: Vec<String> = program
            .iter()
            .chain(&experience)
            .map(|m| m.id.clone())
            .collect();
        if chain.is_empty() {
            chain = previous.to_vec();
        }
        let mut timed = !(program.is_empty() && experience.is_empty());
        let mut exams: Vec<Milestone> = Vec::new();
        for kind in [CredentialKind::Certification, CredentialKind::License] {
            for credential in step.earns.iter().filter(|c| c.kind == kind) {
                let milestone_id = id(&credential.id);
                let (title, milestone_kind) = if kind == CredentialKind::License {
                    (
                        format!("Get the {}", credential.name.to_lowercase_first()),
                        "license",
                    )
                } else {
                    (
                        format!("Earn {}: {}", credential.short_name, credential.name),
                        "certification",
                    )
                };
                exams.push(Milestone {
                    id: milestone_id.clone(),
                    title: if credential.short_name == credential.name
                        && kind == CredentialKind::Certification
                    {
                        format!("Earn the {}", credential.name)
                    } else {
                        title
                    },
                    kind: milestone_kind,
                    after: std::mem::take(&mut chain),
                    duration: (!timed).then_some(typical),
                    cost: credential.cost.as_ref().map(|c| c.amount),
                    notes: credential_note(credential),
                });
                timed = true;
                chain = vec![milestone_id];
            }
        }
        let apply = Milestone {
            id: id("apply"),
            title: format!("Apply for {} roles", step.to_name.to_lowercase_first()),
            kind: "application",
            after: chain,
            duration: (!timed).then_some(typical),
            cost: None,
            notes: String::new(),
        };

        let mut all: Vec<Milestone> = program.into_iter().chain(experience).chain(exams).collect();
        all.push(apply);
        if let Some(first) = all.first_mut() {
            first.notes = join_notes(&step_note, &first.notes);
            if let Some(cost) = step.cost.as_ref().filter(|c| c.basis == "transition") {
                first.cost = Some(first.cost.unwrap_or(0.0) + cost.amount);
            }
        }
        all
    }

    fn step_note(&self, number: usize, step: &RouteStep) -> String {
        let mut note = format!(
            "Step {number} of {}: {} -> {}, via {}. Typical {} months{}.",
            self.steps.len(),
            step.from_name,
            step.to_name,
            trim_period(&step.via),
            step.months.typical,
            range_text(&step.months),
        );
        if let Some(hours) = step.supervised_hours {
            let _ = write!(
                note,
                " At least {} supervised clinical hours.",
                number_text(hours)
            );
        }
        let mut unverified = Vec::new();
        if !step.verified {
            unverified.push("requirements");
        }
        if !step.months.verified {
            unverified.push("months");
        }
        if step.cost.as_ref().is_some_and(|c| !c.verified) {
            unverified.push("cost");
        }
        if !unverified.is_empty() {
            let _ = write!(note, " Unverified: {}.", unverified.join(", "));
        }
        if let Some(extra) = &step.months.note {
            let _ = write!(note, " {}", ensure_period(extra));
        }
        let _ = write!(note, " Source: {}.", self.citation(&step.source, step.year));
        note
    }

    fn citation(&self, key: &str, year: u16) -> String {
        match self.sources.get(key) {
            Some(source) => format!("{}, {year}", source.label),
            None => format!("{key}, {year}"),
        }
    }
}

fn credential_note(credential: &CredentialRef) -> String {
    match &credential.cost {
        Some(cost) => {
            let what = cost.what.as_deref().unwrap_or("fee");
            let flag = if cost.verified { "" } else { ", unverified" };
            format!("Cost: the {what}, in {}{flag}.", cost.currency)
        }
        None => String::new(),
    }
}

fn experience_title(item: &Experience) -> String {
    let mut title = match (item.hours, item.months) {
        (Some(hours), _) => format!("Accumulate {} hours", number_text(hours)),
        (None, Some(months)) => format!("Work {months} months"),
        (None, None) => "Gain experience".to_owned(),
    };
    if let Some(setting) = &item.setting {
        let _ = write!(title, ": {setting}");
    }
    if let Some(within) = item.within_months {
        let _ = write!(title, " (within {within} months");
        if let (Some(recent), Some(recent_months)) = (item.recent_hours, item.recent_months) {
            let _ = write!(
                title,
                ", {} in the last {recent_months}",
                number_text(recent)
            );
        }
        title.push(')');
    }
    title
}

fn write_milestone(out: &mut String, m: &Milestone) {
    let _ = writeln!(out, "[[milestones]]");
    let _ = writeln!(out, "id = {}", toml_string(&m.id));
    let _ = writeln!(out, "title = {}", toml_string(&m.title));
    let _ = writeln!(out, "kind = {}", toml_string(m.kind));
    if !m.after.is_empty() {
        let after: Vec<String> = m.after.iter().map(|a| toml_string(a)).collect();
        let _ = writeln!(out, "after = [{}]", after.join(", "));
    }
    if let Some(months) = m.duration.filter(|d| *d > 0) {
        let unit = if months == 1 { "month" } else { "months" };
        let _ = writeln!(out, "duration = \"{months} {unit}\"");
    }
    if let Some(cost) = m.cost {
        let _ = writeln!(out, "cost = {}", number_text_plain(cost));
    }
    if !m.notes.is_empty() {
        let _ = writeln!(out, "notes = {}", toml_string(&m.notes));
    }
}

fn unique_id(candidate: &str, used: &mut HashSet<String>) -> String {
    let base = slug(candidate).unwrap_or_else(|| "milestone".to_owned());
    let mut id = base.clone();
    let mut n = 2;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// `[a-z0-9-]` only, runs of anything else made one dash; `None` when nothing is left.
fn slug(text: &str) -> Option<String> {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    (!out.is_empty()).then_some(out)
}

use carepath_model::edit::toml_string;

fn join_notes(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_owned(),
        (_, true) => a.to_owned(),
        _ => format!("{a} {b}"),
    }
}

fn range_text(months: &Months) -> String {
    match (months.min, months.max) {
        (Some(min), Some(max)) => format!(" ({min}-{max})"),
        (Some(min), None) => format!(" (at least {min})"),
        (None, Some(max)) => format!(" (at most {max})"),
        (None, None) => String::new(),
    }
}

fn trim_period(text: &str) -> &str {
    text.trim_end_matches('.')
}

fn ensure_period(text: &str) -> String {
    if text.ends_with('.') {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// 1750 -> "1,750"; decimals kept when present.
pub fn number_text(value: f64) -> String {
    carepath_model::numbers::grouped(value)
}

/// 200.0 -> "200", 480.5 -> "480.5": a number TOML reads back.
pub(crate) fn number_text_plain(value: f64) -> String {
    carepath_model::numbers::plain(value)
}

trait LowercaseFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowercaseFirst for str {
    /// "Registered nurse" -> "registered nurse", but "MRI technologist" stays.
    fn to_lowercase_first(&self) -> String {
        let mut chars = self.chars();
        match (chars.next(), chars.next()) {
            (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
                first.to_lowercase().chain(self.chars().skip(1)).collect()
            }
            _ => self.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_and_plain() {
        assert_eq!(number_text(1750.0), "1,750");
        assert_eq!(number_text(223_210.0), "223,210");
        assert_eq!(number_text(480.5), "480.5");
        assert_eq!(number_text_plain(200.0), "200");
        assert_eq!(number_text_plain(129.99), "129.99");
    }

    #[test]
    fn slugs_keep_only_id_characters() {
        assert_eq!(slug("Zoë's ACNP plan!").as_deref(), Some("zo-s-acnp-plan"));
        assert_eq!(slug("---"), None);
    }

    #[test]
    fn toml_strings_escape_quotes_and_controls() {
        assert_eq!(toml_string("a \"b\" \\ c\n"), "\"a \\\"b\\\" \\\\ c\\n\"");
    }

    #[test]
    fn lowercase_first_keeps_acronyms() {
        assert_eq!("Registered nurse".to_lowercase_first(), "registered nurse");
        assert_eq!("MRI technologist".to_lowercase_first(), "MRI technologist");
    }
}
