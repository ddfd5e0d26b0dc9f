use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{Catalog, ENTRY, FORMAT, Months, Requirement};

/// Every integrity problem of a catalog, one line each, in a stable order; empty when sound.
///
/// Checked: ids are `[a-z0-9-]`, non-empty and unique per kind; every transition names known
/// roles; every credential named by a role, credential or transition exists; every source key
/// exists; every entry has a source and a plausible year; figures from third-party or
/// unverified sources are not marked verified; month ranges are ordered; and the credential
/// prerequisite graph has no cycle.
pub fn check_integrity(catalog: &Catalog) -> Vec<String> {
    let mut check = Checker {
        catalog,
        problems: Vec::new(),
    };
    check.format();
    check.ids();
    check.roles();
    check.credentials();
    check.transitions();
    check.sources();
    check.cycles();
    check.problems
}

struct Checker<'a> {
    catalog: &'a Catalog,
    problems: Vec<String>,
}

impl Checker<'_> {
    fn problem(&mut self, message: String) {
        self.problems.push(message);
    }

    fn format(&mut self) {
        if let Some(format) = self.catalog.format
            && format != FORMAT
        {
            self.problem(format!(
                "catalog format {format} is not supported (this version reads {FORMAT})"
            ));
        }
    }

    fn ids(&mut self) {
        let catalog = self.catalog;
        let groups: [(&str, Vec<&str>); 3] = [
            (
                "role",
                catalog.roles.iter().map(|r| r.id.as_str()).collect(),
            ),
            (
                "credential",
                catalog.credentials.iter().map(|c| c.id.as_str()).collect(),
            ),
            (
                "transition",
                catalog.transitions.iter().map(|t| t.id.as_str()).collect(),
            ),
        ];
        for (kind, ids) in groups {
            let mut seen = BTreeSet::new();
            for id in ids {
                if !is_valid_id(id) {
                    self.problem(format!(
                        "{kind} id `{id}` must be non-empty and use only a-z, 0-9 and -"
                    ));
                }
                if !seen.insert(id) {
                    self.problem(format!("{kind} id `{id}` is used more than once"));
                }
            }
        }
        if catalog.role(ENTRY).is_some() {
            self.problem(format!(
                "role id `{ENTRY}` is reserved for transitions open to newcomers"
            ));
        }
        for key in catalog.sources.keys() {
            if !is_valid_id(key) {
                self.problem(format!(
                    "source key `{key}` must be non-empty and use only a-z, 0-9 and -"
                ));
            }
        }
    }

    fn roles(&mut self) {
        for role in &self.catalog.roles {
            let at = format!("role `{}`", role.id);
            self.entry(
                &at,
                &role.source,
                role.year,
                role.verified,
                role.third_party,
            );
            if role.name.trim().is_empty() {
                self.problem(format!("{at}: name is empty"));
            }
            if let Some(pay) = &role.pay {
                let at = format!("{at} pay");
                self.entry(&at, &pay.source, pay.year, pay.verified, pay.third_party);
                if !(pay.amount.is_finite() && pay.amount > 0.0) {
                    self.problem(format!("{at}: amount must be above 0"));
                }
                self.currency(&at, &pay.currency);
            }
            if let Some(outlook) = &role.outlook {
                let at = format!("{at} outlook");
                self.source_ref(&at, &outlook.source, outlook.verified);
                if outlook.third_party && outlook.verified {
                    self.problem(format!(
                        "{at}: third-party figures must be verified = false"
                    ));
                }
            }
            self.requirement(&at, "requires", &role.requires, role.verified);
        }
    }

    fn credentials(&mut self) {
        for credential in &self.catalog.credentials {
            let at = format!("credential `{}`", credential.id);
            self.entry(
                &at,
                &credential.source,
                credential.year,
                credential.verified,
                credential.third_party,
            );
            if credential.body.trim().is_empty() {
                self.problem(format!("{at}: body (the issuing organisation) is empty"));
            }
            for (index, pathway) in credential.eligibility.iter().enumerate() {
                let at = format!("{at} eligibility[{index}] ({})", pathway.name);
                let source = pathway.source.as_deref().unwrap_or(&credential.source);
                self.source_ref(&at, source, pathway.verified);
                if pathway.third_party && pathway.verified {
                    self.problem(format!(
                        "{at}: third-party figures must be verified = false"
                    ));
                }
                for id in pathway.all_of.iter().chain(&pathway.any_of) {
                    self.credential_ref(&at, id);
                }
            }
            if let Some(renewal) = &credential.renewal {
                let at = format!("{at} renewal");
                self.entry(
                    &at,
                    &renewal.source,
                    renewal.year,
                    renewal.verified,
                    renewal.third_party,
                );
                if renewal.months == 0 {
                    self.problem(format!("{at}: months must be above 0"));
                }
            }
            if let Some(cost) = &credential.cost {
                let at = format!("{at} cost");
                self.source_ref(&at, &cost.source, cost.verified);
                self.currency(&at, &cost.currency);
            }
        }
    }

    fn transitions(&mut self) {
        let catalog = self.catalog;
        for transition in &catalog.transitions {
            let at = format!("transition `{}`", transition.id);
            self.entry(
                &at,
                &transition.source,
                transition.year,
                transition.verified,
                transition.third_party,
            );
            if transition.from != ENTRY && catalog.role(&transition.from).is_none() {
                self.problem(format!(
                    "{at}: `from` names unknown role `{}`",
                    transition.from
                ));
            }
            if catalog.role(&transition.to).is_none() {
                self.problem(format!("{at}: `to` names unknown role `{}`", transition.to));
            }
            if transition.from == transition.to
                && transition.needs.all_of.is_empty()
                && transition.needs.any_of.is_empty()
            {
                self.problem(format!(
                    "{at}: a step from a role to itself must earn a credential"
                ));
            }
            for id in transition
                .prerequisites
                .iter()
                .chain(&transition.prerequisites_any)
            {
                self.credential_ref(&at, id);
            }
            self.requirement(&at, "needs", &transition.needs, transition.verified);
            self.months(&at, &transition.months);
            if let Some(cost) = &transition.cost {
                let at = format!("{at} cost");
                self.source_ref(&at, &cost.source, cost.verified);
                self.currency(&at, &cost.currency);
            }
        }
    }

    fn sources(&mut self) {
        let problems: Vec<String> = self
            .catalog
            .sources
            .iter()
            .flat_map(|(key, source)| {
                let mut found = Vec::new();
                if source.label.trim().is_empty() || source.citation.trim().is_empty() {
                    found.push(format!(
                        "source `{key}`: label and citation must not be empty"
                    ));
                }
                if !plausible_year(source.year) {
                    found.push(format!(
                        "source `{key}`: year {} is implausible",
                        source.year
                    ));
                }
                found
            })
            .collect();
        self.problems.extend(problems);
    }

    /// Cycles in "credential A's eligibility names credential B".
    fn cycles(&mut self) {
        let catalog = self.catalog;
        let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for credential in &catalog.credentials {
            let targets = edges.entry(credential.id.as_str()).or_default();
            for pathway in &credential.eligibility {
                for id in pathway.all_of.iter().chain(&pathway.any_of) {
                    if catalog.credential(id).is_some() {
                        targets.push(id.as_str());
                    }
                }
            }
        }
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            Open,
            Done,
        }
        let mut marks: HashMap<&str, Mark> = HashMap::new();
        let mut reported: BTreeSet<Vec<&str>> = BTreeSet::new();
        for start in catalog.credentials.iter().map(|c| c.id.as_str()) {
            if marks.contains_key(start) {
                continue;
            }
            // Iterative depth-first search; `stack` holds (node, index of next edge).
            let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
            marks.insert(start, Mark::Open);
            while let Some((node, next)) = stack.last().copied() {
                let targets = edges.get(node).map_or(&[][..], Vec::as_slice);
                if let Some(&target) = targets.get(next) {
                    if let Some(top) = stack.last_mut() {
                        top.1 += 1;
                    }
                    match marks.get(target) {
                        None => {
                            marks.insert(target, Mark::Open);
                            stack.push((target, 0));
                        }
                        Some(Mark::Open) => {
                            let from = stack.iter().position(|(n, _)| *n == target).unwrap_or(0);
                            let mut cycle: Vec<&str> =
                                stack[from..].iter().map(|(n, _)| *n).collect();
                            let mut key = cycle.clone();
                            key.sort_unstable();
                            if reported.insert(key) {
                                cycle.push(target);
                                self.problem(format!(
                                    "credential prerequisites form a cycle: {}",
                                    cycle.join(" -> ")
                                ));
                            }
                        }
                        Some(Mark::Done) => {}
                    }
                } else {
                    marks.insert(node, Mark::Done);
                    stack.pop();
                }
            }
        }
    }

    /// The checks every role, credential and transition (and dated sub-figure) shares.
    fn entry(&mut self, at: &str, source: &str, year: u16, verified: bool, third_party: bool) {
        self.source_ref(at, source, verified);
        if !plausible_year(year) {
            self.problem(format!(
                "{at}: year {year} is implausible (expected 1990-2100)"
            ));
        }
        if third_party && verified {
            self.problem(format!(
                "{at}: marked third_party, so it must be verified = false"
            ));
        }
    }

    fn source_ref(&mut self, at: &str, key: &str, verified: bool) {
        if key.trim().is_empty() {
            self.problem(format!("{at}: has no source"));
            return;
        }
        match self.catalog.sources.get(key) {
            None => self.problem(format!("{at}: unknown source `{key}`")),
            Some(source) if verified && (source.third_party || source.unverified) => {
                let why = if source.unverified {
                    "unverified"
                } else {
                    "third-party"
                };
                self.problem(format!(
                    "{at}: source `{key}` is {why}, so it must be verified = false"
                ));
            }
            Some(_) => {}
        }
    }

    fn credential_ref(&mut self, at: &str, id: &str) {
        if self.catalog.credential(id).is_none() {
            self.problem(format!("{at}: unknown credential `{id}`"));
        }
    }

    fn requirement(&mut self, at: &str, field: &str, requirement: &Requirement, verified: bool) {
        for id in requirement.credential_ids() {
            self.credential_ref(&format!("{at} {field}"), id);
        }
        if requirement.verified == Some(true) && !verified {
            self.problem(format!(
                "{at} {field}: cannot be verified when the entry itself is not"
            ));
        }
    }

    fn months(&mut self, at: &str, months: &Months) {
        let Months {
            typical, min, max, ..
        } = *months;
        if min.is_some_and(|min| min > typical) || max.is_some_and(|max| max < typical) {
            self.problem(format!(
                "{at} months: typical {typical} lies outside min {} / max {}",
                min.map_or("-".to_owned(), |m| m.to_string()),
                max.map_or("-".to_owned(), |m| m.to_string()),
            ));
        }
        if months.third_party && months.verified {
            self.problem(format!(
                "{at} months: third-party figures must be verified = false"
            ));
        }
    }

    fn currency(&mut self, at: &str, currency: &str) {
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
            self.problem(format!(
                "{at}: currency `{currency}` should be a 3-letter ISO code such as USD"
            ));
        }
    }
}

pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn plausible_year(year: u16) -> bool {
    (1990..=2100).contains(&year)
}
