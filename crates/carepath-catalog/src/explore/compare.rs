//! `compare`: two to four roles side by side, every field for the person's region.

use serde::Serialize;

use crate::model::{Catalog, ENTRY, Role};
use crate::render::{money_text, outlook_text, pay_text};

/// One role, as compared. Every field is always present in JSON (`null` when unknown), so a
/// program reading it need not guess which are optional.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compared {
    pub id: String,
    pub name: String,
    pub track: String,
    /// Where the role exists; empty: everywhere the catalog covers.
    pub regions: Vec<String>,
    pub pay: Option<super::PayFigure>,
    /// "US$93,600 a year, US median, BLS May 2024", with the fall-back note when the figure is
    /// another region's.
    pub pay_text: Option<String>,
    pub outlook_text: Option<String>,
    pub entry_education: Option<String>,
    /// Names of the credentials the role requires (all of them; of a one-of list, "A or B").
    pub credentials: Vec<String>,
    /// From the person's role along the fastest route, when a plan is given.
    pub route_months: Option<u32>,
    pub route_cost: Option<crate::path::Money>,
    /// "24 months, US$1,200 known costs", "no route from Registered nurse", `None` without a
    /// plan.
    pub route_text: Option<String>,
    pub clinical: bool,
    pub settings: Vec<String>,
    pub shift_work: bool,
    pub values: Vec<String>,
    pub skills: Vec<String>,
    /// Labels of the sources cited by the role and its figures.
    pub sources: Vec<String>,
    pub verified: bool,
}

/// Where a comparison starts from: the person's region, role and credentials.
#[derive(Debug, Clone, Default)]
pub struct Viewpoint {
    pub region: Option<String>,
    /// A role id; `None` with a plan that names none: routes from [`ENTRY`]. Routes are
    /// left out when `plan` is false.
    pub role: Option<String>,
    pub credentials: Vec<String>,
    pub plan: bool,
}

/// The roles `ids`, in order; an unknown id is the caller's to report first.
pub fn compare(catalog: &Catalog, roles: &[&Role], view: &Viewpoint) -> Vec<Compared> {
    roles.iter().map(|r| one(catalog, r, view)).collect()
}

fn one(catalog: &Catalog, role: &Role, view: &Viewpoint) -> Compared {
    let region = view.region.as_deref();
    let pay = role.pay_for(region);
    let pay_text_value = pay.as_ref().map(|p| {
        let mut text = pay_text(p.figure, catalog);
        if let Some(note) = p.fallback_note() {
            text.push_str(&format!(" ({note})"));
        }
        text
    });
    let outlook = role.outlook_for(region);
    let outlook_text_value = outlook.as_ref().map(|o| {
        let mut text = outlook_text(o.figure, catalog);
        if let Some(note) = o.fallback_note() {
            text.push_str(&format!(" ({note})"));
        }
        text
    });
    let name_of = |id: &String| {
        catalog.credential(id).map_or(id.clone(), |c| {
            c.abbreviation.clone().unwrap_or_else(|| c.name.clone())
        })
    };
    let requires = role.requires_for(region);
    let mut credentials: Vec<String> = requires.all_of.iter().map(name_of).collect();
    if !requires.any_of.is_empty() {
        let names: Vec<String> = requires.any_of.iter().map(name_of).collect();
        credentials.push(names.join(" or "));
    }
    let (route_months, route_cost, route_text) = if view.plan {
        let from = view.role.as_deref().unwrap_or(ENTRY);
        let held: Vec<&str> = view.credentials.iter().map(String::as_str).collect();
        if from == role.id {
            (Some(0), None, Some("your current role".to_string()))
        } else {
            match catalog.path_in(from, &role.id, &held, region) {
                Some(route) => {
                    let cost = route.total_cost.first().cloned();
                    let mut text = format!("{} months", route.total_months);
                    if let Some(c) = &cost {
                        text.push_str(&format!(
                            ", {} known costs",
                            money_text(c.amount, &c.currency)
                        ));
                    }
                    if route.steps.len() > 1 {
                        text.push_str(&format!(", {} steps", route.steps.len()));
                    }
                    (Some(route.total_months), cost, Some(text))
                }
                None => (
                    None,
                    None,
                    Some(format!("no route from {}", route_from_name(catalog, from))),
                ),
            }
        }
    } else {
        (None, None, None)
    };
    let mut sources: Vec<String> = std::iter::once(&role.source)
        .chain(role.pay.iter().map(|p| &p.source))
        .chain(role.outlook.iter().map(|o| &o.source))
        .chain(requires.source.as_ref())
        .map(|key| catalog.source(key).map_or(key.clone(), |s| s.label.clone()))
        .collect();
    sources.sort();
    sources.dedup();
    Compared {
        id: role.id.clone(),
        name: role.name.clone(),
        track: role.track.title().to_string(),
        regions: role.regions.clone(),
        pay: pay.as_ref().map(|p| super::PayFigure {
            amount: p.figure.amount,
            currency: p.figure.currency.clone(),
            region: p.figure.region.clone(),
            text: crate::render::pay_basis_text(p.figure, catalog),
            fallback: p.fallback,
            proxy: p.figure.proxy,
        }),
        pay_text: pay_text_value,
        outlook_text: outlook_text_value,
        entry_education: role.entry_education.map(|e| e.title().to_string()),
        credentials,
        route_months,
        route_cost,
        route_text,
        clinical: role.clinical,
        settings: role.settings.clone(),
        shift_work: role.shift_work,
        values: role.values.clone(),
        skills: role.skills.clone(),
        sources,
        verified: role.verified,
    }
}

fn route_from_name(catalog: &Catalog, from: &str) -> String {
    catalog
        .role(from)
        .map_or_else(|| "a newcomer's start".to_string(), |r| r.name.clone())
}

/// One row of a comparison as words: a cell per role, under a short label (the terminal's
/// table) and a title (the page's).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: &'static str,
    pub title: &'static str,
    pub cells: Vec<String>,
}

/// The rows every view of a comparison shows, in order, from the track to the sources; "from
/// you" (the route from the person's role) only when the comparison is for a plan. What the
/// terminal and the page show is the same words.
pub fn rows(roles: &[Compared], for_plan: bool) -> Vec<Row> {
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    let list = |v: &[String]| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.join(", ")
        }
    };
    let row = |label, title, cells| Row {
        label,
        title,
        cells,
    };
    let each = |f: &dyn Fn(&Compared) -> String| roles.iter().map(f).collect::<Vec<_>>();
    let mut rows = vec![
        row("track", "Track", each(&|r| r.track.clone())),
        row(
            "pay",
            "Pay",
            each(&|r| r.pay_text.clone().unwrap_or_else(|| "no pay figure".into())),
        ),
        row(
            "outlook",
            "Outlook",
            each(&|r| {
                r.outlook_text
                    .clone()
                    .unwrap_or_else(|| "no outlook figure".into())
            }),
        ),
        row(
            "entry",
            "Entry education",
            each(&|r| r.entry_education.clone().unwrap_or_else(|| "-".into())),
        ),
        row(
            "credentials",
            "Credentials",
            each(&|r| list(&r.credentials)),
        ),
    ];
    if for_plan {
        rows.push(row(
            "from you",
            "From you",
            each(&|r| r.route_text.clone().unwrap_or_default()),
        ));
    }
    rows.extend([
        row("clinical", "Clinical", each(&|r| yes_no(r.clinical))),
        row("settings", "Settings", each(&|r| list(&r.settings))),
        row("shift work", "Shift work", each(&|r| yes_no(r.shift_work))),
        row("values", "Values", each(&|r| list(&r.values))),
        row(
            "regions",
            "Regions",
            each(&|r| {
                if r.regions.is_empty() {
                    "all covered".to_string()
                } else {
                    r.regions.join(", ")
                }
            }),
        ),
        row("sources", "Sources", each(&|r| list(&r.sources))),
    ]);
    rows
}
