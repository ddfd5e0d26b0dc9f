//! What a person lacks for the target role, and which milestones of the plan supply it; and the
//! catalog as the plan model's [`Knowledge`].

use std::collections::BTreeMap;

use carepath_model::{
    ExpiryRule, Gap, GapItem, Knowledge, Milestone, PathStep, Plan, PracticeRecent, RenewalRule,
    RoleOption, RouteMonths,
};

use crate::{Catalog, CredentialKind, Experience, Expiry};

/// A minimums table as the model's list, in key order.
fn pairs(map: &BTreeMap<String, f64>) -> Vec<(String, f64)> {
    map.iter().map(|(k, v)| (k.clone(), *v)).collect()
}

impl Knowledge for Catalog {
    fn has_role(&self, id: &str) -> bool {
        self.role(id).is_some()
    }
    fn has_credential(&self, id: &str) -> bool {
        self.credential(id).is_some()
    }
    fn suggest_role(&self, text: &str) -> Option<String> {
        let ids = self.roles.iter().map(|r| r.id.as_str());
        carepath_model::suggest::did_you_mean(text, ids)
            .map(str::to_string)
            .or_else(|| {
                self.search(text)
                    .into_iter()
                    .find(|h| matches!(h.kind, crate::HitKind::Role))
                    .map(|h| h.id)
            })
    }
    fn suggest_credential(&self, text: &str) -> Option<String> {
        let ids = self.credentials.iter().map(|c| c.id.as_str());
        carepath_model::suggest::did_you_mean(text, ids)
            .map(str::to_string)
            .or_else(|| {
                self.search(text)
                    .into_iter()
                    .find(|h| matches!(h.kind, crate::HitKind::Credential))
                    .map(|h| h.id)
            })
    }
    fn name_of(&self, id: &str) -> Option<String> {
        self.role(id)
            .map(|r| r.name.clone())
            .or_else(|| self.credential(id).map(|c| c.name.clone()))
    }
    fn role_requirements(&self, role: &str) -> Vec<String> {
        self.role(role)
            .map(|r| r.requires.credential_ids().map(str::to_string).collect())
            .unwrap_or_default()
    }
    fn renewal(&self, credential: &str, jurisdiction: Option<&str>) -> Option<RenewalRule> {
        let (r, applied) = self.renewal_in(credential, jurisdiction)?;
        let label = self
            .source(&r.source)
            .map_or(r.source.clone(), |s| s.label.clone());
        let mut rule = RenewalRule::every(r.months, format!("{label} ({})", r.year), r.verified);
        rule.expires = match r.expires.unwrap_or_default() {
            Expiry::Anniversary => ExpiryRule::Anniversary,
            Expiry::EndOfMonth => ExpiryRule::EndOfMonth,
        };
        rule.ce_hours = r.ce_hours;
        if let Some(unit) = &r.ce_unit {
            rule.ce_unit = unit.clone();
        }
        if let Some(hours) = r.hours_per_unit {
            rule.hours_per_unit = hours;
        }
        rule.categories = r.known_categories();
        rule.category_minimums = pairs(&r.category_minimums);
        rule.topic_minimums = pairs(&r.topic_minimums);
        rule.practice_hours = r.practice_hours;
        rule.practice_recent = r.practice_recent.map(|p| PracticeRecent {
            hours: p.hours,
            months: p.months,
        });
        rule.practice_roles = r.practice_roles.clone();
        rule.course_hours = r.course_hours;
        if let Some(days) = r.submit_before_days {
            rule.submit_before_days = days;
        }
        rule.jurisdiction = applied;
        Some(rule)
    }
    fn gap(&self, plan: &Plan) -> Option<Gap> {
        gap(self, plan)
    }
    fn route_months(&self, plan: &Plan, role: &str) -> Option<RouteMonths> {
        route_months_routed(self, plan, role, &|from, to, held, region| {
            self.path_in(from, to, held, region)
        })
    }
}

/// [`Knowledge::route_months`] with the route search given (see [`gap_routed`]).
pub(crate) fn route_months_routed(
    catalog: &Catalog,
    plan: &Plan,
    role: &str,
    route: &RouteFn<'_>,
) -> Option<RouteMonths> {
    let from = plan
        .person
        .role
        .as_deref()
        .filter(|r| *r != role && catalog.role(r).is_some())?;
    let held = held_credentials(catalog, plan);
    let found = route(from, role, &held, plan.person.region.as_deref())?;
    if found.steps.is_empty() {
        return None;
    }
    let mut roles = vec![found.from_name.clone()];
    roles.extend(
        found
            .steps
            .iter()
            .filter(|s| s.from != s.to)
            .map(|s| s.to_name.clone()),
    );
    Some(RouteMonths {
        typical: found.total_months,
        min: found.total_months_min,
        roles,
    })
}

/// Lowercase words of a text, for matching credential names against milestone titles.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `id` contains `part` as whole hyphen-separated parts (`acls` in `renew-acls-2027`,
/// `cen-ccrn` in `cen-ccrn-exam`), without splitting either into a list.
fn has_parts(id: &str, part: &str) -> bool {
    // Every place a part of `id` starts (its start, and after each hyphen), so that runs which
    // overlap are all tried.
    let mut starts = std::iter::once(0).chain(id.match_indices('-').map(|(at, _)| at + 1));
    starts.any(|at| {
        let end = at + part.len();
        id.get(at..).is_some_and(|rest| rest.starts_with(part))
            && (end == id.len() || id.as_bytes().get(end) == Some(&b'-'))
    })
}

/// The plan's milestones as [`Suppliers::of`] reads them: each id, and its title as lowercase words,
/// split once for every credential the gap asks about.
struct Suppliers<'a> {
    milestones: Vec<(&'a Milestone, Vec<String>)>,
}

impl<'a> Suppliers<'a> {
    fn new(milestones: &'a [Milestone]) -> Suppliers<'a> {
        Suppliers {
            milestones: milestones.iter().map(|m| (m, words(&m.title))).collect(),
        }
    }

    /// The ids of the milestones that supply `credential`, in plan order: a milestone whose id
    /// contains the credential id, or whose title names the credential's id, abbreviation or an
    /// alias as whole words.
    fn of(&self, catalog: &Catalog, credential: &str) -> Vec<String> {
        let names: Vec<Vec<String>> = catalog.credential(credential).map_or_else(Vec::new, |c| {
            std::iter::once(c.id.as_str())
                .chain(c.abbreviation.as_deref())
                .chain(c.aliases.iter().map(String::as_str))
                .map(words)
                .filter(|w| !w.is_empty())
                .collect()
        });
        self.milestones
            .iter()
            .filter(|(m, title)| {
                has_parts(&m.id, credential)
                    || names
                        .iter()
                        .any(|w| title.windows(w.len()).any(|t| t == w.as_slice()))
            })
            .map(|(m, _)| m.id.clone())
            .collect()
    }
}

fn experience_text(e: &Experience) -> String {
    let mut parts = Vec::new();
    if let Some(h) = e.hours {
        parts.push(format!("{} hours", crate::number_text(h)));
    }
    if let Some(m) = e.months {
        parts.push(format!("{m} months"));
    }
    let mut s = parts.join(" or ");
    if let Some(s2) = &e.setting {
        s.push_str(&format!(" of {s2}"));
    }
    if let Some(w) = e.within_months {
        s.push_str(&format!(" within {w} months"));
    }
    if let (Some(rh), Some(rm)) = (e.recent_hours, e.recent_months) {
        s.push_str(&format!(
            " ({} in the last {rm} months)",
            crate::number_text(rh)
        ));
    }
    if s.is_empty() { "experience".into() } else { s }
}

fn hours_target(m: &Milestone) -> Option<f64> {
    let ms = m.measure.as_ref()?;
    let unit = ms.unit.as_deref().unwrap_or("hours").to_lowercase();
    if unit.contains("hour") {
        ms.target
    } else {
        None
    }
}

/// The gap between the person and the target role. None when the plan has no target, or the
/// catalog does not know the target role.
pub fn gap(catalog: &Catalog, plan: &Plan) -> Option<Gap> {
    gap_routed(catalog, plan, &|from, to, held, region| {
        catalog.path_in(from, to, held, region)
    })
}

/// A route search: from role, to role, credentials held, region (as [`Catalog::path_in`]).
pub(crate) type RouteFn<'a> =
    dyn Fn(&str, &str, &[&str], Option<&str>) -> Option<crate::Route> + 'a;

/// The credentials a person holds for the catalog: those listed, and those their current role
/// requires in their region (an RN whose list names only her degree holds her RN licence).
pub(crate) fn held_credentials<'a>(catalog: &'a Catalog, plan: &'a Plan) -> Vec<&'a str> {
    let region = plan.person.region.as_deref();
    let mut held: Vec<&str> = plan.person.credential_ids().collect();
    if let Some(role) = plan.person.role.as_deref().and_then(|r| catalog.role(r)) {
        for id in &role.requires_for(region).all_of {
            if !held.contains(&id.as_str()) {
                held.push(id);
            }
        }
    }
    held
}

/// [`gap`] with the route search given: [`crate::Remembered`] passes one that remembers.
pub(crate) fn gap_routed(catalog: &Catalog, plan: &Plan, route: &RouteFn<'_>) -> Option<Gap> {
    let target = plan.target.as_ref()?;
    let role = catalog.role(&target.role)?;
    let region = plan.person.region.as_deref();
    // The current role implies the credentials it requires in the person's region (as `path`
    // assumes): an RN whose list names only her degree holds her RN licence all the same.
    let implied: Vec<&str> = plan
        .person
        .role
        .as_deref()
        .and_then(|r| catalog.role(r))
        .map(|r| {
            r.requires_for(region)
                .all_of
                .iter()
                .map(String::as_str)
                .collect()
        })
        .unwrap_or_default();
    let held = |id: &str| plan.person.holds(id) || implied.contains(&id);
    let suppliers = Suppliers::new(&plan.milestones);
    let covered = |id: &str| suppliers.of(catalog, id);
    let source_of = |key: &str| {
        catalog
            .source(key)
            .map_or(key.to_string(), |s| format!("{} ({})", s.label, s.year))
    };
    let mut items = Vec::new();
    let req = role.requires_for(region);
    let requirement_verified = req.verified.unwrap_or(role.verified);
    let requirement_source = source_of(req.source.as_deref().unwrap_or(&role.source));
    for id in &req.all_of {
        let (name, kind, source, verified) = match catalog.credential(id) {
            Some(c) => (
                c.name.clone(),
                kind_of(c.kind),
                source_of(&c.source),
                c.verified && requirement_verified,
            ),
            None => (id.clone(), "credential", requirement_source.clone(), false),
        };
        items.push(GapItem {
            kind: kind.into(),
            id: id.clone(),
            name: name.clone(),
            requirement: format!("{name} (required)"),
            held: held(id),
            covered_by: covered(id),
            source,
            verified,
        });
    }
    if !req.any_of.is_empty() {
        let names: Vec<String> = req
            .any_of
            .iter()
            .map(|id| {
                catalog
                    .credential(id)
                    .map_or(id.clone(), |c| c.short_name().to_string())
            })
            .collect();
        let kind = req
            .any_of
            .first()
            .and_then(|id| catalog.credential(id))
            .map_or("credential", |c| kind_of(c.kind));
        let mut cov: Vec<String> = req.any_of.iter().flat_map(|id| covered(id)).collect();
        cov.sort();
        cov.dedup();
        items.push(GapItem {
            kind: kind.into(),
            id: req.any_of.join("|"),
            name: format!("one of {}", names.join(", ")),
            requirement: format!("one of: {}", names.join(", ")),
            held: req.any_of.iter().any(|id| held(id)),
            covered_by: cov,
            source: requirement_source.clone(),
            verified: requirement_verified,
        });
    }
    for (i, e) in req.experience.iter().enumerate() {
        let need = e.hours.unwrap_or(0.0);
        let cov: Vec<String> = plan
            .milestones
            .iter()
            .filter(|m| {
                m.kind == carepath_model::Kind::Experience
                    && hours_target(m).is_some_and(|h| h >= need)
            })
            .map(|m| m.id.clone())
            .collect();
        items.push(GapItem {
            kind: "experience".into(),
            id: format!("experience-{}", i + 1),
            name: "Experience".into(),
            requirement: experience_text(e),
            held: false,
            covered_by: cov,
            source: requirement_source.clone(),
            verified: requirement_verified,
        });
    }
    if let Some(h) = req.supervised_hours {
        let cov: Vec<String> = plan
            .milestones
            .iter()
            .filter(|m| {
                let title = words(&m.title);
                let clinical = title.iter().any(|w| {
                    matches!(
                        w.as_str(),
                        "clinical" | "supervised" | "practicum" | "preceptorship"
                    )
                });
                clinical
                    && hours_target(m).is_some_and(|t| t >= h)
                    && matches!(
                        m.kind,
                        carepath_model::Kind::Education
                            | carepath_model::Kind::Experience
                            | carepath_model::Kind::Training
                    )
            })
            .map(|m| m.id.clone())
            .collect();
        items.push(GapItem {
            kind: "clinical-hours".into(),
            id: "supervised-clinical-hours".into(),
            name: "Supervised clinical hours".into(),
            requirement: format!(
                "at least {} supervised clinical hours",
                crate::number_text(h)
            ),
            held: false,
            covered_by: cov,
            source: requirement_source.clone(),
            verified: requirement_verified,
        });
    }
    if let Some(ed) = &req.education {
        let cov: Vec<String> = plan
            .milestones
            .iter()
            .filter(|m| m.kind == carepath_model::Kind::Education)
            .map(|m| m.id.clone())
            .collect();
        items.push(GapItem {
            kind: "education".into(),
            id: "education".into(),
            name: "Education".into(),
            requirement: ed.clone(),
            held: false,
            covered_by: cov,
            source: requirement_source.clone(),
            verified: requirement_verified,
        });
    }
    let held_ids: Vec<&str> = plan.person.credential_ids().collect();
    let path = plan
        .person
        .role
        .as_deref()
        .filter(|r| catalog.role(r).is_some())
        .and_then(|from| route(from, &role.id, &held_ids, region))
        .map(|route| {
            let steps = route
                .steps
                .iter()
                .map(|s| {
                    let mut step = path_step(catalog, &s.to, &s.to_name, region);
                    step.months = Some(f64::from(s.months.typical));
                    step.cost = s.cost.as_ref().map(|c| c.amount);
                    step.cost_currency = s.cost.as_ref().map(|c| c.currency.clone());
                    step.verified = s.verified && s.months.verified && step.verified;
                    step
                })
                .collect();
            (
                path_step(catalog, &route.from, &route.from_name, region),
                steps,
            )
        });
    let (start, path) = match path {
        Some((start, steps)) => (Some(start), steps),
        None => (None, Vec::new()),
    };
    let options = if target.alternatives.is_empty() {
        Vec::new()
    } else {
        options(catalog, plan, role)
    };
    Some(Gap {
        target_role: role.id.clone(),
        target_name: role.name.clone(),
        items,
        path,
        start,
        options,
    })
}

/// A role on the path with its pay for the region (months and cost left to the caller).
fn path_step(catalog: &Catalog, id: &str, name: &str, region: Option<&str>) -> PathStep {
    let pay = catalog.role(id).and_then(|r| r.pay_for(region));
    PathStep {
        role: id.to_owned(),
        name: name.to_owned(),
        months: None,
        cost: None,
        cost_currency: None,
        median_pay: pay.as_ref().map(|p| p.figure.amount),
        pay_currency: pay.as_ref().map(|p| p.figure.currency.clone()),
        pay_region: pay.as_ref().map(|p| p.figure.region.clone()),
        pay_source: pay.as_ref().map(|p| {
            let mut text = crate::pay_basis_text(p.figure, catalog);
            if let Some(note) = p.fallback_note() {
                text.push_str("; ");
                text.push_str(&note);
            }
            text
        }),
        verified: pay.as_ref().is_none_or(|p| p.figure.verified),
    }
}

/// The target and `target.alternatives` as `compare` shows them, from the person's role.
fn options(catalog: &Catalog, plan: &Plan, target: &crate::Role) -> Vec<RoleOption> {
    let mut roles = vec![target];
    if let Some(t) = &plan.target {
        for id in &t.alternatives {
            if let Some(r) = catalog.role(id)
                && !roles.iter().any(|x| x.id == r.id)
            {
                roles.push(r);
            }
        }
    }
    let view = crate::explore::compare::Viewpoint {
        region: plan.person.region.clone(),
        role: plan
            .person
            .role
            .clone()
            .filter(|r| catalog.role(r).is_some()),
        credentials: held_credentials(catalog, plan)
            .into_iter()
            .map(str::to_owned)
            .collect(),
        plan: true,
    };
    crate::explore::compare::compare(catalog, &roles, &view)
        .into_iter()
        .map(|c| RoleOption {
            target: c.id == target.id,
            role: c.id,
            name: c.name,
            pay_text: c.pay_text,
            outlook_text: c.outlook_text,
            entry_education: c.entry_education,
            credentials: c.credentials,
            route_text: c.route_text,
            clinical: c.clinical,
            shift_work: c.shift_work,
            settings: c.settings,
            values: c.values,
            sources: c.sources,
            verified: c.verified,
        })
        .collect()
}

fn kind_of(k: CredentialKind) -> &'static str {
    match k {
        CredentialKind::Degree => "education",
        _ => "credential",
    }
}

#[cfg(test)]
mod tests {
    use super::has_parts;

    /// The definition `has_parts` replaces: the id split at hyphens, and any run of its parts
    /// joined again equal to the credential.
    fn by_splitting(id: &str, credential: &str) -> bool {
        id == credential
            || id
                .split('-')
                .collect::<Vec<_>>()
                .windows(credential.split('-').count())
                .any(|w| w.join("-") == credential)
    }

    #[test]
    fn a_credential_id_is_found_only_as_whole_parts_of_a_milestone_id() {
        let cases = [
            ("acls", "acls"),
            ("renew-acls-2027", "acls"),
            ("renew-acls", "acls"),
            ("acls-renewal", "acls"),
            ("cen-ccrn-exam", "cen-ccrn"),
            ("ccrn-exam", "cen-ccrn"),
            ("pals-acls", "acls"),
            ("bacls-course", "acls"),
            ("aclsx", "acls"),
            ("acls-acls", "acls"),
            ("xacls-acls", "acls"),
            ("msn", "msn-np"),
            ("", "acls"),
            ("a--b", ""),
            ("ab", ""),
            // Runs of a part that overlap (proptest found this one).
            ("a------", "----"),
        ];
        for (id, credential) in cases {
            assert_eq!(
                has_parts(id, credential),
                by_splitting(id, credential),
                "{id:?} / {credential:?}"
            );
        }
        assert!(has_parts("renew-acls-2027", "acls"));
        assert!(!has_parts("bacls-course", "acls"));
    }

    proptest::proptest! {
        #[test]
        fn has_parts_agrees_with_splitting(id in "[ab-]{0,10}", credential in "[ab-]{0,5}") {
            proptest::prop_assert_eq!(has_parts(&id, &credential), by_splitting(&id, &credential));
        }
    }
}
