//! `explore`: the roles a person could move to, ranked against their own plan.
//!
//! Candidates are the roles the catalog can route to from the person's role (every role, from
//! [`ENTRY`], for someone without one), that exist in the person's region, and are not a
//! student's stage. Each gets points per [`Part`] (see [`score`]); the score is the weighted
//! sum over the weighted maximum, scaled to 0-100 and shown as whole points per part, so the
//! parts a reader sees add up to the score. Pure: the person, the catalog and the options in,
//! a ranking out.

pub mod compare;
pub mod score;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::model::{Catalog, ENTRY, Role};
use crate::path::Route;
use crate::render::money_text;
pub use score::Part;

/// What the person brings: from the plan's `person`.
#[derive(Debug, Clone, Default)]
pub struct Seeker {
    /// A catalog role id; `None` starts from [`ENTRY`].
    pub role: Option<String>,
    pub region: Option<String>,
    pub credentials: Vec<String>,
    pub values: Vec<String>,
    pub interests: Vec<String>,
    /// Name and level (0-5): the target level when higher, a skill being built.
    pub skills: Vec<(String, u8)>,
}

impl Seeker {
    pub fn from_person(person: &carepath_model::Person) -> Seeker {
        Seeker {
            role: person.role.clone(),
            region: person.region.clone(),
            credentials: person.credential_ids().map(str::to_owned).collect(),
            values: person.values.clone(),
            interests: person.interests.clone(),
            skills: person
                .skills
                .iter()
                .map(|s| (s.name.clone(), s.target.map_or(s.level, |t| t.max(s.level))))
                .collect(),
        }
    }
}

/// Filters and weights.
#[derive(Debug, Clone)]
pub struct Options {
    pub weights: BTreeMap<Part, f64>,
    pub max_months: Option<u32>,
    /// In the route's currency.
    pub max_cost: Option<f64>,
    /// In the role's pay currency, for the person's region.
    pub min_pay: Option<f64>,
    /// `Some(true)`: clinical roles only; `Some(false)`: non-clinical only.
    pub clinical: Option<bool>,
    pub no_shifts: bool,
    pub limit: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            weights: Part::ALL.into_iter().map(|p| (p, 1.0)).collect(),
            max_months: None,
            max_cost: None,
            min_pay: None,
            clinical: None,
            no_shifts: false,
            limit: 10,
        }
    }
}

impl Options {
    pub fn weight(&self, part: Part) -> f64 {
        self.weights.get(&part).copied().unwrap_or(1.0)
    }
}

/// One part of a role's score, as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartScore {
    pub part: Part,
    /// Whole points of the 0-100 score; the parts of a role add up to its score (shared out by
    /// largest remainders).
    pub points: u32,
    /// The points before weights and scaling, out of `max`.
    pub raw: f64,
    pub max: f64,
    pub weight: f64,
}

/// Pay of a role for the person's region, and its change against the current role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PayFigure {
    pub amount: f64,
    pub currency: String,
    pub region: String,
    /// "CA-ON median, BLS May 2024 (proxy)".
    pub text: String,
    /// True when the figure is another region's than the person's.
    pub fallback: bool,
    pub proxy: bool,
}

/// One ranked role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub rank: usize,
    pub id: String,
    pub name: String,
    pub score: u32,
    pub parts: Vec<PartScore>,
    /// "serves teaching and leadership; +US$14,300 a year; 24 months, about US$9,000".
    pub reason: String,
    pub values_matched: Vec<String>,
    pub interests_matched: Vec<String>,
    pub skills_matched: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pay: Option<PayFigure>,
    /// Against the current role's pay, in the same region and currency; `None` when the two
    /// cannot be compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pay_change: Option<f64>,
    pub months: u32,
    /// Known costs along the route, in its first currency (tuition mostly not included).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<crate::path::Money>,
    pub clinical: bool,
    pub shift_work: bool,
    /// The roles along the fastest route, the current one first.
    pub route: Vec<String>,
}

/// The answer of [`explore`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exploration {
    pub from: String,
    pub from_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub weights: BTreeMap<String, f64>,
    /// Roles reachable in the region, before filters.
    pub candidates: usize,
    /// Roles each filter removed (a role removed by several counts for each).
    pub removed_by: BTreeMap<String, usize>,
    /// Roles left after the filters, before `limit`.
    pub matched: usize,
    pub roles: Vec<Ranked>,
}

impl Exploration {
    /// The filter that removed the most roles, with its count, for an empty answer.
    pub fn main_filter(&self) -> Option<(&str, usize)> {
        self.removed_by
            .iter()
            .max_by_key(|(name, n)| (**n, std::cmp::Reverse(name.as_str())))
            .map(|(name, n)| (name.as_str(), *n))
    }
}

/// Ranks the roles `seeker` could move to. `None` when the seeker's role is not in the
/// catalog.
pub fn explore(catalog: &Catalog, seeker: &Seeker, options: &Options) -> Option<Exploration> {
    let from = seeker.role.as_deref().unwrap_or(ENTRY);
    let from_role = catalog.role(from);
    if from != ENTRY && from_role.is_none() {
        return None;
    }
    let region = seeker.region.as_deref();
    let held: Vec<&str> = seeker.credentials.iter().map(String::as_str).collect();
    let current_pay = from_role.and_then(|r| r.pay_for(region));
    let total_weight: f64 = Part::ALL
        .iter()
        .map(|p| options.weight(*p) * p.max_points())
        .sum();
    let mut removed_by: BTreeMap<String, usize> = BTreeMap::new();
    let mut kept = Vec::new();
    let mut candidates = 0;
    for role in &catalog.roles {
        if role.id == from || role.id.ends_with("-student") {
            continue;
        }
        if region.is_some_and(|r| !role.exists_in(r)) {
            continue;
        }
        let Some(route) = catalog.path_in(from, &role.id, &held, region) else {
            continue;
        };
        candidates += 1;
        let pay = role.pay_for(region);
        let cost = route.total_cost.first().cloned();
        let mut removed = Vec::new();
        if options.max_months.is_some_and(|m| route.total_months > m) {
            removed.push("--max-months");
        }
        if let Some(max) = options.max_cost
            && cost.as_ref().is_some_and(|c| c.amount > max)
        {
            removed.push("--max-cost");
        }
        if let Some(min) = options.min_pay
            && pay.as_ref().is_none_or(|p| p.figure.amount < min)
        {
            removed.push("--min-pay");
        }
        match options.clinical {
            Some(true) if !role.clinical => removed.push("--clinical"),
            Some(false) if role.clinical => removed.push("--non-clinical"),
            _ => {}
        }
        if options.no_shifts && role.shift_work {
            removed.push("--no-shifts");
        }
        if !removed.is_empty() {
            for name in removed {
                *removed_by.entry(name.to_string()).or_default() += 1;
            }
            continue;
        }
        kept.push(rank_one(
            catalog,
            seeker,
            options,
            total_weight,
            role,
            &route,
            current_pay.as_ref().map(|p| p.figure),
        ));
    }
    kept.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.months.cmp(&b.months))
            .then(a.id.cmp(&b.id))
    });
    let matched = kept.len();
    kept.truncate(options.limit);
    for (i, r) in kept.iter_mut().enumerate() {
        r.rank = i + 1;
    }
    Some(Exploration {
        from: from.to_string(),
        from_name: from_role.map_or("a newcomer".to_string(), |r| r.name.clone()),
        region: seeker.region.clone(),
        weights: Part::ALL
            .iter()
            .map(|p| (p.name().to_string(), options.weight(*p)))
            .collect(),
        candidates,
        removed_by,
        matched,
        roles: kept,
    })
}

/// The words a role is known by, for interests.
fn role_words(role: &Role) -> BTreeSet<String> {
    let mut text = role.name.clone();
    for part in role
        .aliases
        .iter()
        .chain(&role.values)
        .chain(&role.settings)
        .chain(&role.skills)
        .chain(role.soc_title.iter())
    {
        text.push(' ');
        text.push_str(part);
    }
    score::words(&text)
}

fn rank_one(
    catalog: &Catalog,
    seeker: &Seeker,
    options: &Options,
    total_weight: f64,
    role: &Role,
    route: &Route,
    current: Option<&crate::model::Pay>,
) -> Ranked {
    let region = seeker.region.as_deref();
    let (values, values_matched) = score::values(&seeker.values, &role.values);
    let (interests, interests_matched) = score::interests(&seeker.interests, &role_words(role));
    let (skills, skills_matched) = score::skills(&seeker.skills, &role.skills);
    let pay = role.pay_for(region);
    let pay_change = match (current, &pay) {
        (Some(now), Some(next))
            if !next.fallback
                && now.currency == next.figure.currency
                && now.region.eq_ignore_ascii_case(&next.figure.region) =>
        {
            Some(next.figure.amount - now.amount)
        }
        _ => None,
    };
    let pay_points = score::pay(pay_change, current.map_or(0.0, |p| p.amount));
    let outlook = role.outlook_for(region).filter(|o| !o.fallback);
    let outlook_points = score::outlook(
        outlook.as_ref().and_then(|o| o.figure.percent),
        outlook
            .as_ref()
            .and_then(|o| o.figure.conditions.as_deref()),
    );
    let cost = route.total_cost.first().cloned();
    let distance = score::distance(route.total_months, cost.as_ref().map_or(0.0, |c| c.amount));
    let raws = [
        (Part::Values, values),
        (Part::Interests, interests),
        (Part::Skills, skills),
        (Part::Pay, pay_points),
        (Part::Outlook, outlook_points),
        (Part::Distance, distance),
    ];
    let scaled: Vec<f64> = raws
        .iter()
        .map(|&(part, raw)| {
            if total_weight > 0.0 {
                options.weight(part) * raw * 100.0 / total_weight
            } else {
                0.0
            }
        })
        .collect();
    let points = whole_points(&scaled);
    let parts: Vec<PartScore> = raws
        .iter()
        .zip(&points)
        .map(|(&(part, raw), &points)| PartScore {
            part,
            points,
            raw: (raw * 10.0).round() / 10.0,
            max: part.max_points(),
            weight: options.weight(part),
        })
        .collect();
    let score = points.iter().sum::<u32>();
    let pay_figure = pay.as_ref().map(|p| PayFigure {
        amount: p.figure.amount,
        currency: p.figure.currency.clone(),
        region: p.figure.region.clone(),
        text: crate::render::pay_basis_text(p.figure, catalog),
        fallback: p.fallback,
        proxy: p.figure.proxy,
    });
    let reason = reason(
        &values_matched,
        &interests_matched,
        pay_figure.as_ref(),
        pay_change,
        route,
        cost.as_ref(),
    );
    Ranked {
        rank: 0,
        id: role.id.clone(),
        name: role.name.clone(),
        score,
        parts,
        reason,
        values_matched,
        interests_matched,
        skills_matched,
        pay: pay_figure,
        pay_change,
        months: route.total_months,
        cost,
        clinical: role.clinical,
        shift_work: role.shift_work,
        route: route.role_ids().into_iter().map(str::to_owned).collect(),
    }
}

/// Whole points per part that add up to the rounded total: each part's floor, then one more
/// to the parts with the largest remainders (the earlier part on a tie), as seats are shared
/// by the largest-remainder method. Rounding each part on its own could add up to 101.
fn whole_points(scaled: &[f64]) -> Vec<u32> {
    let total = scaled.iter().sum::<f64>().round().clamp(0.0, 100.0) as u32;
    let mut points: Vec<u32> = scaled.iter().map(|v| v.max(0.0).floor() as u32).collect();
    let mut order: Vec<usize> = (0..scaled.len()).collect();
    order.sort_by(|&a, &b| {
        let rest = |i: usize| scaled[i].max(0.0) - scaled[i].max(0.0).floor();
        rest(b).total_cmp(&rest(a)).then(a.cmp(&b))
    });
    let missing = total.saturating_sub(points.iter().sum());
    for &i in order.iter().take(missing as usize) {
        points[i] += 1;
    }
    points
}

/// "serves teaching and leadership; +US$14,300 a year; 24 months, about US$9,000".
fn reason(
    values: &[String],
    interests: &[String],
    pay: Option<&PayFigure>,
    change: Option<f64>,
    route: &Route,
    cost: Option<&crate::path::Money>,
) -> String {
    let mut parts = Vec::new();
    if !values.is_empty() {
        parts.push(format!("serves {}", and_list(values)));
    }
    if !interests.is_empty() {
        parts.push(format!("touches {}", and_list(interests)));
    }
    match (change, pay) {
        (Some(delta), Some(p)) if delta.abs() >= 1.0 => {
            let sign = if delta > 0.0 { "+" } else { "-" };
            let mut text = format!("{sign}{} a year", money_text(delta.abs(), &p.currency));
            if p.proxy {
                text.push_str(" (proxy pay)");
            }
            parts.push(text);
        }
        (Some(_), Some(_)) => parts.push("same pay".to_string()),
        (None, Some(p)) if p.fallback => parts.push(format!(
            "only a {} figure: {} a year (not compared)",
            p.region,
            money_text(p.amount, &p.currency)
        )),
        (None, Some(p)) => parts.push(format!(
            "{} a year, {}",
            money_text(p.amount, &p.currency),
            p.region
        )),
        (_, None) => parts.push("no pay figure".to_string()),
    }
    let mut distance = format!("{} months", route.total_months);
    if let Some(c) = cost {
        let _ = write!(
            distance,
            ", about {} known costs",
            money_text(c.amount, &c.currency)
        );
    }
    parts.push(distance);
    parts.join("; ")
}

fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_points_add_up_to_the_rounded_total() {
        // Each rounded alone: 1 + 1 + 1 = 3, though the total is 2.
        assert_eq!(whole_points(&[0.6, 0.7, 0.7]), [0, 1, 1]);
        assert_eq!(
            whole_points(&[24.5, 20.0, 15.0, 10.0, 10.0, 20.0])
                .iter()
                .sum::<u32>(),
            100
        );
        assert_eq!(whole_points(&[0.0; 6]), [0; 6]);
    }

    #[test]
    fn the_lab_technician_sees_data_roles_first_and_parts_add_up() {
        let catalog = Catalog::embedded();
        let who = Seeker {
            role: Some("medical-laboratory-technician".into()),
            region: Some("US".into()),
            credentials: vec!["mlt-ascp".into(), "associate-degree".into()],
            interests: vec!["data visualization".into(), "laboratory informatics".into()],
            ..Seeker::default()
        };
        let found = explore(catalog, &who, &Options::default()).unwrap();
        let mut top: Vec<&str> = found.roles[..2].iter().map(|r| r.id.as_str()).collect();
        top.sort_unstable();
        assert_eq!(
            top,
            ["health-informatics-specialist", "healthcare-data-analyst"]
        );
        for r in &found.roles {
            assert_eq!(
                r.parts.iter().map(|p| p.points).sum::<u32>(),
                r.score,
                "{}",
                r.id
            );
        }
        let none = Options {
            max_months: Some(1),
            ..Options::default()
        };
        let empty = explore(catalog, &who, &none).unwrap();
        assert!(empty.roles.is_empty());
        assert_eq!(empty.main_filter().map(|(f, _)| f), Some("--max-months"));
    }
}
