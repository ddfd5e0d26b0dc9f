use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::ops::Range;

use crate::model::{
    CONDITIONS, Catalog, ENTRY, FORMAT, Months, Renewal, Requirement, Role, SETTINGS, VALUES,
};

/// What kind of catalog entry an [`IntegrityProblem`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntryKind {
    /// The catalog as a whole (its `format`).
    Catalog,
    Role,
    Credential,
    Transition,
    /// A `[sources.KEY]` table; its id is the key.
    Source,
}

impl EntryKind {
    /// The word used in messages and in TOML: `role`, `credential`, ...
    pub fn id(self) -> &'static str {
        match self {
            EntryKind::Catalog => "catalog",
            EntryKind::Role => "role",
            EntryKind::Credential => "credential",
            EntryKind::Transition => "transition",
            EntryKind::Source => "source",
        }
    }
}

/// One integrity problem: where it is (the entry, the field, the offending value) and what is
/// wrong, in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegrityProblem {
    pub kind: EntryKind,
    /// The entry's id (a source's key); empty for [`EntryKind::Catalog`].
    pub id: String,
    /// Where in the entry, as a TOML key path (`requires.all_of`, `eligibility[0].all_of`,
    /// `pay.source`, `to`); empty for the entry as a whole.
    pub field: String,
    /// The offending value when there is one: the unknown credential, role or source id, the
    /// malformed id, the currency.
    pub value: Option<String>,
    /// What is wrong, in one line, naming the entry (`role `x` requires: unknown credential
    /// `ghost``).
    pub message: String,
    /// Byte span of the offending text in a user's catalog, once [`locate_problems`] found it.
    pub span: Option<Range<usize>>,
}

impl IntegrityProblem {
    /// The 1-based line and column (in characters) where the span starts in `text`.
    pub fn line_col(&self, text: &str) -> Option<(usize, usize)> {
        let start = self.span.as_ref()?.start.min(text.len());
        let before = text.get(..start)?;
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Some((line, column))
    }
}

impl fmt::Display for IntegrityProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A problem equals the sentence it says.
impl PartialEq<str> for IntegrityProblem {
    fn eq(&self, other: &str) -> bool {
        self.message == other
    }
}

impl PartialEq<&str> for IntegrityProblem {
    fn eq(&self, other: &&str) -> bool {
        self.message == *other
    }
}

/// Every integrity problem of a catalog, in a stable order; empty when sound.
///
/// Checked: ids are `[a-z0-9-]`, non-empty and unique per kind; every transition names known
/// roles; every credential named by a role, credential or transition exists; every source key
/// exists; every entry has a source and a plausible year; figures from third-party or
/// unverified sources are not marked verified; month ranges are ordered; the credential
/// prerequisite graph has no cycle; every pay and outlook figure has a valid ISO 3166 region
/// (one of the role's `regions` when it names any), a currency that fits it, and no other
/// figure of its kind for that region; an outlook gives a percent or conditions from
/// [`CONDITIONS`]; and a role's `values` and `settings` come from [`VALUES`] and [`SETTINGS`].
/// Whether every role is tagged at all is [`untagged_roles`].
///
/// Spans are not set: for a user catalog, [`locate_problems`] finds them in its text.
pub fn check_integrity(catalog: &Catalog) -> Vec<IntegrityProblem> {
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

/// Where a check is looking: an entry, a field path within it, and the words messages start
/// with (`role `x` pay`).
#[derive(Clone)]
struct At<'c> {
    kind: EntryKind,
    id: &'c str,
    field: String,
    label: String,
}

impl<'c> At<'c> {
    fn entry(kind: EntryKind, id: &'c str) -> Self {
        At {
            kind,
            id,
            field: String::new(),
            label: format!("{} `{id}`", kind.id()),
        }
    }

    /// A table within the entry: `field` is its key, `label` what messages call it.
    fn within(&self, field: &str, label: &str) -> Self {
        At {
            kind: self.kind,
            id: self.id,
            field: self.path(field),
            label: format!("{} {label}", self.label),
        }
    }

    fn path(&self, field: &str) -> String {
        match (self.field.is_empty(), field.is_empty()) {
            (true, _) => field.to_owned(),
            (_, true) => self.field.clone(),
            _ => format!("{}.{field}", self.field),
        }
    }
}

struct Checker<'a> {
    catalog: &'a Catalog,
    problems: Vec<IntegrityProblem>,
}

impl<'a> Checker<'a> {
    /// A problem with `field` (a key of the table `at` is looking at; empty: that table) and
    /// the offending `value`.
    fn problem(&mut self, at: &At<'_>, field: &str, value: Option<&str>, message: String) {
        self.problem_at(at, at.path(field), value, message);
    }

    /// A problem with the entry's field `path` (from the entry's top).
    fn problem_at(&mut self, at: &At<'_>, path: String, value: Option<&str>, message: String) {
        self.problems.push(IntegrityProblem {
            kind: at.kind,
            id: at.id.to_owned(),
            field: path,
            value: value.map(str::to_owned),
            message,
            span: None,
        });
    }

    fn format(&mut self) {
        if let Some(format) = self.catalog.format
            && format != FORMAT
        {
            let at = At {
                kind: EntryKind::Catalog,
                id: "",
                field: String::new(),
                label: String::new(),
            };
            self.problem(
                &at,
                "format",
                None,
                format!("catalog format {format} is not supported (this version reads {FORMAT})"),
            );
        }
    }

    fn ids(&mut self) {
        let catalog = self.catalog;
        let groups: [(EntryKind, Vec<&str>); 3] = [
            (
                EntryKind::Role,
                catalog.roles.iter().map(|r| r.id.as_str()).collect(),
            ),
            (
                EntryKind::Credential,
                catalog.credentials.iter().map(|c| c.id.as_str()).collect(),
            ),
            (
                EntryKind::Transition,
                catalog.transitions.iter().map(|t| t.id.as_str()).collect(),
            ),
        ];
        for (kind, ids) in groups {
            let mut seen = BTreeSet::new();
            for id in ids {
                let at = At::entry(kind, id);
                let kind = kind.id();
                if !is_valid_id(id) {
                    self.problem(
                        &at,
                        "id",
                        Some(id),
                        format!("{kind} id `{id}` must be non-empty and use only a-z, 0-9 and -"),
                    );
                }
                if !seen.insert(id) {
                    self.problem(
                        &at,
                        "id",
                        Some(id),
                        format!("{kind} id `{id}` is used more than once"),
                    );
                }
            }
        }
        if catalog.role(ENTRY).is_some() {
            self.problem(
                &At::entry(EntryKind::Role, ENTRY),
                "id",
                Some(ENTRY),
                format!("role id `{ENTRY}` is reserved for transitions open to newcomers"),
            );
        }
        for key in catalog.sources.keys() {
            if !is_valid_id(key) {
                self.problem(
                    &At::entry(EntryKind::Source, key),
                    "",
                    None,
                    format!("source key `{key}` must be non-empty and use only a-z, 0-9 and -"),
                );
            }
        }
    }

    fn roles(&mut self) {
        for role in &self.catalog.roles {
            let at = At::entry(EntryKind::Role, &role.id);
            self.entry(
                &at,
                &role.source,
                role.year,
                role.verified,
                role.third_party,
            );
            if role.name.trim().is_empty() {
                self.problem(&at, "name", None, format!("{}: name is empty", at.label));
            }
            self.tags(&at, role);
            let several = role.pay.len() > 1;
            let mut seen = BTreeSet::new();
            for (index, pay) in role.pay.iter().enumerate() {
                let field = indexed("pay", index, several);
                let at = at.within(&field, &format!("pay ({})", pay.region));
                self.entry(&at, &pay.source, pay.year, pay.verified, pay.third_party);
                if !(pay.amount.is_finite() && pay.amount > 0.0) {
                    self.problem(
                        &at,
                        "amount",
                        None,
                        format!("{}: amount must be above 0", at.label),
                    );
                }
                self.currency(&at, &pay.currency);
                self.figure_region(&at, role, &pay.region, &mut seen);
                if let Some(expected) = currency_of(&pay.region)
                    && is_iso_currency(&pay.currency)
                    && pay.currency != expected
                {
                    self.problem(
                        &at,
                        "currency",
                        Some(&pay.currency),
                        format!(
                            "{}: currency `{}` does not fit region {}, whose figures are in {expected}",
                            at.label, pay.currency, pay.region
                        ),
                    );
                }
            }
            let several = role.outlook.len() > 1;
            let mut seen = BTreeSet::new();
            for (index, outlook) in role.outlook.iter().enumerate() {
                let field = indexed("outlook", index, several);
                let at = at.within(&field, &format!("outlook ({})", outlook.region));
                self.source_ref(&at, &outlook.source, outlook.verified);
                if outlook.third_party && outlook.verified {
                    self.problem(
                        &at,
                        "verified",
                        None,
                        format!("{}: third-party figures must be verified = false", at.label),
                    );
                }
                self.figure_region(&at, role, &outlook.region, &mut seen);
                match &outlook.conditions {
                    Some(c) if !CONDITIONS.contains(&c.as_str()) => self.problem(
                        &at,
                        "conditions",
                        Some(c),
                        format!(
                            "{}: conditions `{c}` is not one of {}",
                            at.label,
                            CONDITIONS.join(", ")
                        ),
                    ),
                    None if outlook.percent.is_none() => self.problem(
                        &at,
                        "",
                        None,
                        format!("{}: gives neither percent nor conditions", at.label),
                    ),
                    _ => {}
                }
                if outlook.percent.is_some_and(|p| !p.is_finite()) {
                    self.problem(
                        &at,
                        "percent",
                        None,
                        format!("{}: percent must be a number", at.label),
                    );
                }
            }
            self.requirement(
                &at.within("requires", "requires"),
                &role.requires,
                role.verified,
            );
            let mut regions = BTreeSet::new();
            for (index, requirement) in role.requires_in.iter().enumerate() {
                let field = format!("requires_in[{index}]");
                let at = at.within(&field, &field);
                self.requirement(&at, requirement, role.verified);
                match requirement.region.as_deref().map(str::trim) {
                    None | Some("") => self.problem(
                        &at,
                        "region",
                        None,
                        format!("{}: names no region (`region = \"CA-ON\"`)", at.label),
                    ),
                    Some(region) => {
                        if !regions.insert(region.to_ascii_uppercase()) {
                            self.problem(
                                &at,
                                "region",
                                Some(region),
                                format!("{}: a second entry for region {region}", at.label),
                            );
                        }
                    }
                }
            }
        }
    }

    fn credentials(&mut self) {
        for credential in &self.catalog.credentials {
            let at = At::entry(EntryKind::Credential, &credential.id);
            self.entry(
                &at,
                &credential.source,
                credential.year,
                credential.verified,
                credential.third_party,
            );
            if credential.body.trim().is_empty() {
                self.problem(
                    &at,
                    "body",
                    None,
                    format!("{}: body (the issuing organisation) is empty", at.label),
                );
            }
            for (index, pathway) in credential.eligibility.iter().enumerate() {
                let at = at.within(
                    &format!("eligibility[{index}]"),
                    &format!("eligibility[{index}] ({})", pathway.name),
                );
                match &pathway.source {
                    Some(source) => self.source_ref(&at, source, pathway.verified),
                    // The credential's own source, named in its `source`.
                    None => self.source_ref_at(&at, "source", &credential.source, pathway.verified),
                }
                if pathway.third_party && pathway.verified {
                    self.problem(
                        &at,
                        "verified",
                        None,
                        format!("{}: third-party figures must be verified = false", at.label),
                    );
                }
                for (field, ids) in [("all_of", &pathway.all_of), ("any_of", &pathway.any_of)] {
                    for id in ids {
                        self.credential_ref(&at, field, id);
                    }
                }
            }
            if let Some(renewal) = &credential.renewal {
                self.renewal(&at.within("renewal", "renewal"), renewal);
            }
            if let Some(cost) = &credential.cost {
                let at = at.within("cost", "cost");
                self.source_ref(&at, &cost.source, cost.verified);
                self.currency(&at, &cost.currency);
            }
        }
    }

    /// A renewal rule and its jurisdiction overrides. An override is checked as the rule it
    /// makes (its fields over the base's), and a problem it only inherits is left to the base.
    fn renewal(&mut self, at: &At<'_>, renewal: &Renewal) {
        self.entry(
            at,
            &renewal.source,
            renewal.year,
            renewal.verified,
            renewal.third_party,
        );
        let base = self.rule_problems(&renewal.applied(None));
        for problem in &base {
            self.problem(
                at,
                &problem.field,
                problem.value.as_deref(),
                problem.text(at),
            );
        }
        let mut seen: Vec<String> = Vec::new();
        for (index, over) in renewal.jurisdictions.iter().enumerate() {
            let code = over.jurisdiction.as_str();
            let at = at.within(&format!("jurisdictions[{index}]"), &format!("for {code}"));
            self.entry(
                &at,
                &over.source,
                over.year,
                over.verified,
                over.third_party,
            );
            if !is_iso_3166(code) {
                self.problem(
                    &at,
                    "jurisdiction",
                    Some(code),
                    format!(
                        "{}: jurisdiction `{code}` is not an ISO 3166 code (a country such as `GB`, or a subdivision such as `US-CA`, in capitals)",
                        at.label
                    ),
                );
            }
            let key = code.trim().to_ascii_uppercase();
            if seen.contains(&key) {
                self.problem(
                    &at,
                    "jurisdiction",
                    Some(code),
                    format!(
                        "{}: jurisdiction `{code}` has more than one override; merge them into one",
                        at.label
                    ),
                );
            } else {
                seen.push(key);
            }
            let made = renewal.applied(Some(over));
            for problem in self.rule_problems(&made) {
                let inherited = !problem.fields.iter().any(|f| over.sets(f))
                    && base.iter().any(|b| b.message == problem.message);
                if inherited {
                    continue;
                }
                // At the override's own field when the problem's field is inherited from the
                // base (its `ce_hours` under the base's minimums).
                let root = problem.field.split('.').next().unwrap_or_default();
                let field = match problem.fields.iter().find(|f| over.sets(f)) {
                    Some(own) if !over.sets(root) => (*own).to_owned(),
                    _ => problem.field.clone(),
                };
                self.problem(&at, &field, problem.value.as_deref(), problem.text(&at));
            }
        }
    }

    /// What is wrong with a renewal rule's figures, as problems without a location.
    fn rule_problems(&self, rule: &Renewal) -> Vec<RuleProblem> {
        let mut out = Vec::new();
        let mut push =
            |fields: &[&'static str], field: String, value: Option<&str>, message: String| {
                out.push(RuleProblem {
                    fields: fields.to_vec(),
                    field,
                    value: value.map(str::to_owned),
                    message,
                });
            };
        // f64's Display prints 60 as `60` and 12.5 as `12.5`; the build script has no model.
        let number = |n: f64| n.to_string();
        if rule.months == 0 {
            push(
                &["months"],
                "months".into(),
                None,
                "months must be above 0".into(),
            );
        }
        for (name, value) in [
            ("ce_hours", rule.ce_hours),
            ("practice_hours", rule.practice_hours),
            ("course_hours", rule.course_hours),
        ] {
            if value.is_some_and(|v| !(v.is_finite() && v >= 0.0)) {
                push(
                    &[name],
                    name.into(),
                    None,
                    format!("{name} must be 0 or more"),
                );
            }
        }
        if rule
            .hours_per_unit
            .is_some_and(|v| !(v.is_finite() && v > 0.0))
        {
            push(
                &["hours_per_unit"],
                "hours_per_unit".into(),
                None,
                "hours_per_unit must be above 0".into(),
            );
        }
        for (table, what, minimums) in [
            ("category_minimums", "category", &rule.category_minimums),
            ("topic_minimums", "topic", &rule.topic_minimums),
        ] {
            for (key, &minimum) in minimums {
                let field = format!("{table}.{key}");
                if !(minimum.is_finite() && minimum >= 0.0) {
                    push(
                        &[table],
                        field,
                        None,
                        format!("the minimum for {what} `{key}` must be 0 or more"),
                    );
                } else if let Some(total) = rule.ce_hours
                    && minimum > total
                {
                    push(
                        &[table, "ce_hours"],
                        field,
                        None,
                        format!(
                            "the minimum for {what} `{key}` ({}) is more than ce_hours ({})",
                            number(minimum),
                            number(total)
                        ),
                    );
                }
            }
            let sum: f64 = minimums.values().filter(|v| v.is_finite()).sum();
            if let Some(total) = rule.ce_hours
                && minimums.len() > 1
                && sum > total
            {
                push(
                    &[table, "ce_hours"],
                    table.into(),
                    None,
                    format!(
                        "the {what} minimums add up to {}, more than ce_hours ({})",
                        number(sum),
                        number(total)
                    ),
                );
            }
        }
        if let Some(categories) = &rule.categories {
            for key in rule.category_minimums.keys() {
                if !categories
                    .iter()
                    .any(|c| c.trim().eq_ignore_ascii_case(key.trim()))
                {
                    push(
                        &["categories", "category_minimums"],
                        "categories".into(),
                        Some(key),
                        format!("categories does not list `{key}`, which category_minimums names"),
                    );
                }
            }
        }
        if let Some(recent) = rule.practice_recent {
            if !(recent.hours.is_finite() && recent.hours >= 0.0) {
                push(
                    &["practice_recent"],
                    "practice_recent.hours".into(),
                    None,
                    "practice_recent.hours must be 0 or more".into(),
                );
            } else if let Some(total) = rule.practice_hours
                && recent.hours > total
            {
                push(
                    &["practice_recent", "practice_hours"],
                    "practice_recent.hours".into(),
                    None,
                    format!(
                        "practice_recent.hours ({}) is more than practice_hours ({})",
                        number(recent.hours),
                        number(total)
                    ),
                );
            }
            if recent.months == 0 || (rule.months > 0 && recent.months > rule.months) {
                push(
                    &["practice_recent", "months"],
                    "practice_recent.months".into(),
                    None,
                    format!(
                        "practice_recent.months ({}) must be from 1 to the cycle's {} months",
                        recent.months, rule.months
                    ),
                );
            }
        }
        for role in &rule.practice_roles {
            if self.catalog.role(role).is_none() {
                push(
                    &["practice_roles"],
                    "practice_roles".into(),
                    Some(role),
                    format!("practice_roles names unknown role `{role}`"),
                );
            }
        }
        out
    }

    fn transitions(&mut self) {
        let catalog = self.catalog;
        for transition in &catalog.transitions {
            let at = At::entry(EntryKind::Transition, &transition.id);
            self.entry(
                &at,
                &transition.source,
                transition.year,
                transition.verified,
                transition.third_party,
            );
            if transition.from != ENTRY && catalog.role(&transition.from).is_none() {
                self.problem(
                    &at,
                    "from",
                    Some(&transition.from),
                    format!(
                        "{}: `from` names unknown role `{}`",
                        at.label, transition.from
                    ),
                );
            }
            if catalog.role(&transition.to).is_none() {
                self.problem(
                    &at,
                    "to",
                    Some(&transition.to),
                    format!("{}: `to` names unknown role `{}`", at.label, transition.to),
                );
            }
            if transition.from == transition.to
                && transition.needs.all_of.is_empty()
                && transition.needs.any_of.is_empty()
            {
                self.problem(
                    &at,
                    "to",
                    Some(&transition.to),
                    format!(
                        "{}: a step from a role to itself must earn a credential",
                        at.label
                    ),
                );
            }
            for (field, ids) in [
                ("prerequisites", &transition.prerequisites),
                ("prerequisites_any", &transition.prerequisites_any),
            ] {
                for id in ids {
                    self.credential_ref(&at, field, id);
                }
            }
            self.requirement(
                &at.within("needs", "needs"),
                &transition.needs,
                transition.verified,
            );
            self.months(&at.within("months", "months"), &transition.months);
            if let Some(cost) = &transition.cost {
                let at = at.within("cost", "cost");
                self.source_ref(&at, &cost.source, cost.verified);
                self.currency(&at, &cost.currency);
            }
        }
    }

    fn sources(&mut self) {
        let catalog = self.catalog;
        for (key, source) in &catalog.sources {
            let at = At::entry(EntryKind::Source, key);
            if source.label.trim().is_empty() || source.citation.trim().is_empty() {
                let field = if source.label.trim().is_empty() {
                    "label"
                } else {
                    "citation"
                };
                self.problem(
                    &at,
                    field,
                    None,
                    format!("source `{key}`: label and citation must not be empty"),
                );
            }
            if !plausible_year(source.year) {
                self.problem(
                    &at,
                    "year",
                    None,
                    format!("source `{key}`: year {} is implausible", source.year),
                );
            }
        }
    }

    /// Cycles in "credential A's eligibility names credential B".
    fn cycles(&mut self) {
        let catalog = self.catalog;
        // For each credential, the credentials its eligibility names, with where they are.
        let mut edges: BTreeMap<&str, Vec<(&str, String)>> = BTreeMap::new();
        for credential in &catalog.credentials {
            let targets = edges.entry(credential.id.as_str()).or_default();
            for (index, pathway) in credential.eligibility.iter().enumerate() {
                for (field, ids) in [("all_of", &pathway.all_of), ("any_of", &pathway.any_of)] {
                    for id in ids {
                        if catalog.credential(id).is_some() {
                            targets.push((id.as_str(), format!("eligibility[{index}].{field}")));
                        }
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
                if let Some((target, field)) = targets.get(next) {
                    let target = *target;
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
                                // Where the cycle closes: `node` naming `target`.
                                let at = At::entry(EntryKind::Credential, node);
                                self.problem(
                                    &at,
                                    &field.clone(),
                                    Some(target),
                                    format!(
                                        "credential prerequisites form a cycle: {}",
                                        cycle.join(" -> ")
                                    ),
                                );
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
    fn entry(&mut self, at: &At<'_>, source: &str, year: u16, verified: bool, third_party: bool) {
        self.source_ref(at, source, verified);
        if !plausible_year(year) {
            self.problem(
                at,
                "year",
                None,
                format!(
                    "{}: year {year} is implausible (expected 1990-2100)",
                    at.label
                ),
            );
        }
        if third_party && verified {
            self.problem(
                at,
                "verified",
                None,
                format!(
                    "{}: marked third_party, so it must be verified = false",
                    at.label
                ),
            );
        }
    }

    fn source_ref(&mut self, at: &At<'_>, key: &str, verified: bool) {
        self.source_ref_at(at, &at.path("source"), key, verified);
    }

    /// [`Checker::source_ref`] for a source key named at `path` in the entry.
    fn source_ref_at(&mut self, at: &At<'_>, path: &str, key: &str, verified: bool) {
        if key.trim().is_empty() {
            self.problem_at(
                at,
                path.to_owned(),
                None,
                format!("{}: has no source", at.label),
            );
            return;
        }
        match self.catalog.sources.get(key) {
            None => self.problem_at(
                at,
                path.to_owned(),
                Some(key),
                format!("{}: unknown source `{key}`", at.label),
            ),
            Some(source) if verified && (source.third_party || source.unverified) => {
                let why = if source.unverified {
                    "unverified"
                } else {
                    "third-party"
                };
                self.problem(
                    at,
                    "verified",
                    None,
                    format!(
                        "{}: source `{key}` is {why}, so it must be verified = false",
                        at.label
                    ),
                );
            }
            Some(_) => {}
        }
    }

    /// `id`, named in `field` of the table `at` looks at, must be a known credential.
    fn credential_ref(&mut self, at: &At<'_>, field: &str, id: &str) {
        if self.catalog.credential(id).is_none() {
            self.problem(
                at,
                field,
                Some(id),
                format!("{}: unknown credential `{id}`", at.label),
            );
        }
    }

    fn requirement(&mut self, at: &At<'_>, requirement: &Requirement, verified: bool) {
        for (field, ids) in [
            ("all_of", &requirement.all_of),
            ("any_of", &requirement.any_of),
            ("optional", &requirement.optional),
        ] {
            for id in ids {
                self.credential_ref(at, field, id);
            }
        }
        if let Some(source) = &requirement.source {
            self.source_ref(at, source, requirement.verified.unwrap_or(verified));
        }
        if requirement.verified == Some(true) && !verified {
            self.problem(
                at,
                "verified",
                None,
                format!(
                    "{}: cannot be verified when the entry itself is not",
                    at.label
                ),
            );
        }
    }

    fn months(&mut self, at: &At<'_>, months: &Months) {
        let Months {
            typical, min, max, ..
        } = *months;
        if min.is_some_and(|min| min > typical) || max.is_some_and(|max| max < typical) {
            self.problem(
                at,
                "typical",
                None,
                format!(
                    "{}: typical {typical} lies outside min {} / max {}",
                    at.label,
                    min.map_or("-".to_owned(), |m| m.to_string()),
                    max.map_or("-".to_owned(), |m| m.to_string()),
                ),
            );
        }
        if months.third_party && months.verified {
            self.problem(
                at,
                "verified",
                None,
                format!("{}: third-party figures must be verified = false", at.label),
            );
        }
    }

    /// A role's tags: values, settings and regions from their lists, none twice.
    fn tags(&mut self, at: &At<'_>, role: &Role) {
        for (field, items, allowed) in [
            ("values", &role.values, &VALUES[..]),
            ("settings", &role.settings, &SETTINGS[..]),
        ] {
            let mut seen = BTreeSet::new();
            for item in items {
                if !allowed.contains(&item.as_str()) {
                    self.problem(
                        at,
                        field,
                        Some(item),
                        format!(
                            "{}: {field} `{item}` is not one of {}",
                            at.label,
                            allowed.join(", ")
                        ),
                    );
                } else if !seen.insert(item.as_str()) {
                    self.problem(
                        at,
                        field,
                        Some(item),
                        format!("{}: {field} names `{item}` twice", at.label),
                    );
                }
            }
        }
        for skill in &role.skills {
            if skill.trim().is_empty() {
                self.problem(
                    at,
                    "skills",
                    None,
                    format!("{}: a skill is empty", at.label),
                );
            }
        }
        for region in &role.regions {
            if !is_iso_3166(region) {
                self.problem(
                    at,
                    "regions",
                    Some(region),
                    format!(
                        "{}: region `{region}` is not an ISO 3166 code such as US, CA-ON or GB",
                        at.label
                    ),
                );
            }
        }
    }

    /// A figure's region: a valid code, one of the role's regions (when it names any), and not
    /// the region of another figure of the same kind (`seen`).
    fn figure_region<'r>(
        &mut self,
        at: &At<'_>,
        role: &Role,
        region: &'r str,
        seen: &mut BTreeSet<&'r str>,
    ) {
        if !is_iso_3166(region) {
            self.problem(
                at,
                "region",
                Some(region),
                format!(
                    "{}: region `{region}` is not an ISO 3166 code such as US, CA-ON or GB",
                    at.label
                ),
            );
            return;
        }
        if !role.exists_in(region) {
            self.problem(
                at,
                "region",
                Some(region),
                format!(
                    "{}: region {region} is not among the role's regions ({})",
                    at.label,
                    role.regions.join(", ")
                ),
            );
        }
        if !seen.insert(region) {
            self.problem(
                at,
                "region",
                Some(region),
                format!("{}: a second figure for region {region}", at.label),
            );
        }
    }

    fn currency(&mut self, at: &At<'_>, currency: &str) {
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
            self.problem(
                at,
                "currency",
                Some(currency),
                format!(
                    "{}: currency `{currency}` should be a 3-letter ISO code such as USD",
                    at.label
                ),
            );
        }
    }
}

/// A problem with a renewal rule's figures, before it is placed: the rule fields it involves
/// (an override that sets one of them owns the problem), the field path it is reported at, the
/// offending value and the sentence.
struct RuleProblem {
    fields: Vec<&'static str>,
    field: String,
    value: Option<String>,
    message: String,
}

impl RuleProblem {
    fn text(&self, at: &At<'_>) -> String {
        format!("{}: {}", at.label, self.message)
    }
}

/// An ISO 3166-1 alpha-2 country code (`GB`), or an ISO 3166-2 subdivision code: the country,
/// a hyphen and one to three letters or digits (`US-CA`, `CA-ON`, `GB-ENG`).
pub(crate) fn is_iso_3166(code: &str) -> bool {
    let (country, subdivision) = match code.split_once('-') {
        Some((country, subdivision)) => (country, Some(subdivision)),
        None => (code, None),
    };
    country.len() == 2
        && country.bytes().all(|b| b.is_ascii_uppercase())
        && subdivision.is_none_or(|s| {
            (1..=3).contains(&s.len())
                && s.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        })
}

/// The currency a country's figures are in, for the countries the catalog covers.
fn currency_of(region: &str) -> Option<&'static str> {
    match region
        .split_once('-')
        .map_or(region, |(country, _)| country)
    {
        "US" => Some("USD"),
        "CA" => Some("CAD"),
        "GB" => Some("GBP"),
        _ => None,
    }
}

fn is_iso_currency(currency: &str) -> bool {
    currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase())
}

/// `pay` for a role's only figure, `pay[1]` for one of several (so a user's single inline
/// table is located as itself).
fn indexed(field: &str, index: usize, several: bool) -> String {
    if several {
        format!("{field}[{index}]")
    } else {
        field.to_owned()
    }
}

/// Roles that lack tags: every role of the embedded catalog names the `values` it serves, its
/// `settings` and its `skills`, so `explore` can match it. Separate from
/// [`check_integrity`] because a user catalog may add a role without tags (explore then
/// weighs it on pay, outlook and distance alone).
pub fn untagged_roles(catalog: &Catalog) -> Vec<IntegrityProblem> {
    let mut out = Vec::new();
    for role in &catalog.roles {
        let missing: Vec<&str> = [
            ("values", role.values.is_empty()),
            ("settings", role.settings.is_empty()),
            ("skills", role.skills.is_empty()),
        ]
        .into_iter()
        .filter_map(|(name, empty)| empty.then_some(name))
        .collect();
        if let Some(first) = missing.first() {
            out.push(IntegrityProblem {
                kind: EntryKind::Role,
                id: role.id.clone(),
                field: (*first).to_owned(),
                value: None,
                message: format!(
                    "role `{}` is not tagged: no {}",
                    role.id,
                    missing.join(", no ")
                ),
                span: None,
            });
        }
    }
    out
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

/// Sets each problem's [`span`](IntegrityProblem::span) to the offending text in `text`, a
/// user catalog that was merged into the checked one: the dangling id in its list, the
/// field's value, else the entry's `id`. Problems about entries the text does not have (the
/// embedded ones) keep no span; text that does not parse leaves every span as it was.
///
/// An entry is found by its id, the last one with that id (as [`Catalog::merge`] keeps it).
pub fn locate_problems(problems: &mut [IntegrityProblem], text: &str) {
    let Ok(root) = toml::de::DeTable::parse(text) else {
        return;
    };
    for problem in problems {
        if let Some(span) = locate(root.get_ref(), problem, text) {
            problem.span = Some(span);
        }
    }
}

type Value<'i> = toml::Spanned<toml::de::DeValue<'i>>;

fn locate(
    root: &toml::de::DeTable<'_>,
    problem: &IntegrityProblem,
    text: &str,
) -> Option<Range<usize>> {
    let list = match problem.kind {
        EntryKind::Catalog => return root.get("format").map(Value::span),
        EntryKind::Source => {
            let entry = root.get("sources")?.get_ref().get(problem.id.as_str())?;
            return Some(walk(entry, entry.span(), problem, text));
        }
        EntryKind::Role => "roles",
        EntryKind::Credential => "credentials",
        EntryKind::Transition => "transitions",
    };
    let entry = root
        .get(list)?
        .get_ref()
        .as_array()?
        .iter()
        .rev()
        .find(|e| e.get_ref().get("id").and_then(|v| v.get_ref().as_str()) == Some(&problem.id))?;
    let id = entry.get_ref().get("id")?;
    Some(walk(
        entry,
        unquoted(id.span(), &problem.id, text),
        problem,
        text,
    ))
}

/// Follows the problem's field path (`eligibility[0].all_of`) down from `entry`: the span of
/// the value it names, of the dangling id within it, or of the deepest part found (`fallback`
/// when none is).
fn walk(
    entry: &Value<'_>,
    fallback: Range<usize>,
    problem: &IntegrityProblem,
    text: &str,
) -> Range<usize> {
    let mut here = entry;
    let mut found = fallback;
    for segment in problem.field.split('.').filter(|s| !s.is_empty()) {
        let (key, index) = match segment.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        let Some(next) = here.get_ref().get(key) else {
            return found;
        };
        here = next;
        found = here.span();
        if let Some(index) = index {
            let Some(next) = here.get_ref().get(index) else {
                return found;
            };
            here = next;
            found = here.span();
        }
    }
    let Some(value) = &problem.value else {
        return found;
    };
    if let Some(items) = here.get_ref().as_array() {
        return items
            .iter()
            .find(|item| item.get_ref().as_str() == Some(value))
            .map_or(found, |item| unquoted(item.span(), value, text));
    }
    unquoted(found, value, text)
}

/// The span of a string's text inside its quotes, when it is the quoted `value`.
fn unquoted(span: Range<usize>, value: &str, text: &str) -> Range<usize> {
    let inner = span.start + 1..span.end.saturating_sub(1);
    match (text.get(span.clone()), text.get(inner.clone())) {
        (Some(quoted), Some(bare))
            if bare == value && (quoted.starts_with('"') || quoted.starts_with('\'')) =>
        {
            inner
        }
        _ => span,
    }
}
