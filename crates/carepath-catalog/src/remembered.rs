//! The catalog as [`Knowledge`] for many plans at once (`carepath cohort`): the same answers as
//! the [`Catalog`] itself, with each route search done once. A cohort's plans share a few
//! (current role, target role, credentials held) triples, and the route search is a third of
//! what one plan costs to resolve.
//!
//! Hand-written: a mutex around a `HashMap` is all it takes, and a caching crate would add a
//! dependency (and eviction the cohort does not need: a roster has few distinct triples).

use std::collections::HashMap;
use std::sync::Mutex;

use carepath_model::{Gap, Knowledge, Plan, RenewalRule, RouteMonths};

use crate::{Catalog, Route};

/// (from role, target role, credentials held (sorted and deduplicated), region).
type Key = (String, String, Vec<String>, Option<String>);

/// A catalog that remembers its route searches; share one across threads.
pub struct Remembered<'a> {
    catalog: &'a Catalog,
    routes: Mutex<HashMap<Key, Option<Route>>>,
}

impl<'a> Remembered<'a> {
    pub fn new(catalog: &'a Catalog) -> Self {
        Remembered {
            catalog,
            routes: Mutex::new(HashMap::new()),
        }
    }

    /// The catalog itself.
    pub fn catalog(&self) -> &'a Catalog {
        self.catalog
    }

    /// [`Catalog::path_in`], searched once per distinct question. The search treats
    /// `held` as a set, so the key does too.
    fn route(&self, from: &str, to: &str, held: &[&str], region: Option<&str>) -> Option<Route> {
        let mut set: Vec<String> = held.iter().map(|s| (*s).to_owned()).collect();
        set.sort_unstable();
        set.dedup();
        let key = (
            from.to_owned(),
            to.to_owned(),
            set,
            region.map(str::to_owned),
        );
        if let Ok(map) = self.routes.lock()
            && let Some(found) = map.get(&key)
        {
            return found.clone();
        }
        // Searched outside the lock: two threads may both search the same key once, and
        // agree, as the search is a function of the catalog and the key.
        let found = self.catalog.path_in(from, to, held, region);
        if let Ok(mut map) = self.routes.lock() {
            map.insert(key, found.clone());
        }
        found
    }
}

impl Knowledge for Remembered<'_> {
    fn has_role(&self, id: &str) -> bool {
        self.catalog.has_role(id)
    }
    fn has_credential(&self, id: &str) -> bool {
        self.catalog.has_credential(id)
    }
    fn suggest_role(&self, text: &str) -> Option<String> {
        self.catalog.suggest_role(text)
    }
    fn suggest_credential(&self, text: &str) -> Option<String> {
        self.catalog.suggest_credential(text)
    }
    fn name_of(&self, id: &str) -> Option<String> {
        self.catalog.name_of(id)
    }
    fn role_requirements(&self, role: &str) -> Vec<String> {
        self.catalog.role_requirements(role)
    }
    fn renewal(&self, credential: &str, jurisdiction: Option<&str>) -> Option<RenewalRule> {
        self.catalog.renewal(credential, jurisdiction)
    }
    fn gap(&self, plan: &Plan) -> Option<Gap> {
        crate::gap::gap_routed(self.catalog, plan, &|from, to, held, region| {
            self.route(from, to, held, region)
        })
    }
    fn route_months(&self, plan: &Plan, role: &str) -> Option<RouteMonths> {
        crate::gap::route_months_routed(self.catalog, plan, role, &|from, to, held, region| {
            self.route(from, to, held, region)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every generated cohort plan resolves to the same schedule and gap through the
    /// remembering catalog as through the catalog, the second time too (from memory).
    #[test]
    fn remembers_without_changing_an_answer() {
        let catalog = Catalog::embedded();
        let remembered = Remembered::new(catalog);
        let as_of = jiff::civil::date(2026, 11, 22);
        for round in 0..2 {
            for i in 0..12 {
                let (text, _, _) = carepath_model::generate::cohort_plan(i);
                let checked =
                    carepath_model::check(text.as_bytes(), carepath_model::Format::Toml, None);
                let plan = checked.plan.expect("a generated plan checks");
                let plain = carepath_model::resolve(&plan, as_of, Some(catalog));
                let fast = carepath_model::resolve(&plan, as_of, Some(&remembered));
                assert!(
                    plain.gap.as_ref().is_some_and(|g| !g.path.is_empty()),
                    "plan {i} has a gap with a route"
                );
                let json = |r: &carepath_model::ResolvedPlan| serde_json::to_string(r).ok();
                assert_eq!(json(&plain), json(&fast), "plan {i}, round {round}");
            }
        }
        let map = remembered.routes.lock().expect("the lock");
        assert!(
            !map.is_empty() && map.len() < 12,
            "{} searches remembered",
            map.len()
        );
    }
}
