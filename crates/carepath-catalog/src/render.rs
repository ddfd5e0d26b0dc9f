//! Plain-text renderings of catalog entries and routes, for the terminal.
//!
//! Pay carries its currency, region, source and period, as in `US$93,600 a year, US median,
//! BLS May 2024`, with `(proxy)` for a neighbouring occupation's figure and `(unverified)` for
//! one not confirmed; other entries not confirmed say `[unverified]` (or
//! `[unverified, third-party]`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::{
    Catalog, Cost, Credential, ENTRY, Experience, Expiry, Months, Outlook, Pay, Renewal,
    Requirement, Role, Source, Track,
};
use crate::path::{Route, StepCost, number_text};
use crate::search::SearchHit;

/// One role in full: names, codes, pay and outlook, requirements, ways in and out, sources.
pub fn render_role(role: &Role, catalog: &Catalog) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", role.name, role.id);
    let _ = write!(out, "Track: {}", role.track.title());
    if !role.aliases.is_empty() {
        let _ = write!(out, "; also known as {}", role.aliases.join(", "));
    }
    out.push('\n');
    if let Some(soc) = &role.soc {
        let _ = write!(out, "SOC {soc}");
        if let Some(title) = &role.soc_title {
            let _ = write!(out, " {title}");
        }
        if let Some(onet) = &role.onet {
            let _ = write!(out, "; O*NET {onet}");
        }
        out.push('\n');
    } else if let Some(onet) = &role.onet {
        let _ = writeln!(out, "O*NET {onet}");
    }
    match role.pay.as_slice() {
        [] => {
            let _ = writeln!(out, "Pay: none published for this role");
        }
        [pay] => {
            let _ = writeln!(out, "Pay: {}", pay_text(pay, catalog));
            if let Some(note) = &pay.note {
                let _ = writeln!(out, "  {note}");
            }
        }
        figures => {
            let _ = writeln!(out, "Pay:");
            for pay in figures {
                let _ = writeln!(out, "  {}", pay_text(pay, catalog));
                if let Some(note) = &pay.note {
                    let _ = writeln!(out, "    {note}");
                }
            }
        }
    }
    match role.outlook.as_slice() {
        [] => {}
        [outlook] => {
            let _ = writeln!(out, "Outlook: {}", outlook_text(outlook, catalog));
            if let Some(note) = &outlook.note {
                let _ = writeln!(out, "  {note}");
            }
        }
        figures => {
            let _ = writeln!(out, "Outlook:");
            for outlook in figures {
                let _ = writeln!(out, "  {}", outlook_text(outlook, catalog));
                if let Some(note) = &outlook.note {
                    let _ = writeln!(out, "    {note}");
                }
            }
        }
    }
    if !role.regions.is_empty() {
        let _ = writeln!(out, "Exists in: {} only", role.regions.join(", "));
    }
    if !role.values.is_empty() {
        let _ = writeln!(out, "Serves: {}", role.values.join(", "));
    }
    let mut work = vec![
        if role.clinical {
            "clinical"
        } else {
            "non-clinical"
        }
        .to_owned(),
    ];
    if !role.settings.is_empty() {
        work.push(role.settings.join(", "));
    }
    work.push(
        if role.shift_work {
            "shift work"
        } else {
            "no shift work"
        }
        .to_owned(),
    );
    let _ = writeln!(out, "Work: {}", work.join("; "));
    if !role.skills.is_empty() {
        let _ = writeln!(out, "Skills: {}", role.skills.join(", "));
    }
    if let Some(education) = role.entry_education {
        let _ = write!(out, "Typical entry education: {}", education.title());
        if let Some(experience) = &role.work_experience {
            let _ = write!(out, "; related experience: {experience}");
        }
        out.push('\n');
    }
    if !role.requires.is_empty() {
        let verified = role.requires.verified.unwrap_or(role.verified);
        let _ = writeln!(out, "Requires:{}", flag(verified, false));
        requirement_lines(&mut out, &role.requires, catalog, "  ");
    }
    for requirement in &role.requires_in {
        let verified = requirement.verified.unwrap_or(role.verified);
        let region = requirement.region.as_deref().unwrap_or("?");
        let _ = writeln!(out, "Requires in {region}:{}", flag(verified, false));
        requirement_lines(&mut out, requirement, catalog, "  ");
        if let Some(source) = &requirement.source {
            let _ = writeln!(out, "  source: {}", source_label(catalog, source));
        }
    }
    let sections = [
        (
            "Ways in:",
            catalog
                .transitions_to(&role.id)
                .filter(|t| t.from != t.to)
                .map(|t| format!("from {}", role_label(catalog, &t.from)))
                .zip(catalog.transitions_to(&role.id).filter(|t| t.from != t.to))
                .collect::<Vec<_>>(),
        ),
        (
            "Within the role:",
            catalog
                .transitions_from(&role.id)
                .filter(|t| t.from == t.to)
                .map(|t| (String::new(), t))
                .collect(),
        ),
        (
            "Next steps:",
            catalog
                .transitions_from(&role.id)
                .filter(|t| t.from != t.to)
                .map(|t| format!("to {}", role_label(catalog, &t.to)))
                .zip(
                    catalog
                        .transitions_from(&role.id)
                        .filter(|t| t.from != t.to),
                )
                .collect(),
        ),
    ];
    for (heading, lines) in sections {
        if lines.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{heading}");
        for (label, t) in lines {
            // A step open in some regions only says where.
            let place = if t.regions.is_empty() {
                String::new()
            } else {
                format!("in {}", t.regions.join(", "))
            };
            let label = match (label.is_empty(), place.is_empty()) {
                (true, true) => String::new(),
                (true, false) => format!("{place}: "),
                (false, true) => format!("{label}: "),
                (false, false) => format!("{label}, {place}: "),
            };
            let _ = writeln!(
                out,
                "  {label}{} ({}){}",
                t.via,
                months_brief(&t.months),
                flag(
                    t.verified && t.months.verified,
                    t.third_party || t.months.third_party
                )
            );
        }
    }
    if let Some(note) = &role.note {
        let _ = writeln!(out, "Note: {note}");
    }
    let _ = writeln!(
        out,
        "Source: {}{}",
        source_text(catalog, &role.source, role.year),
        flag(role.verified, role.third_party)
    );
    out
}

/// One credential in full: body, eligibility routes, renewal, cost, source.
pub fn render_credential(credential: &Credential, catalog: &Catalog) -> String {
    let mut out = String::new();
    match &credential.abbreviation {
        Some(abbreviation) => {
            let _ = writeln!(
                out,
                "{abbreviation}: {} ({})",
                credential.name, credential.id
            );
        }
        None => {
            let _ = writeln!(out, "{} ({})", credential.name, credential.id);
        }
    }
    let _ = writeln!(
        out,
        "Kind: {}; issued by {}",
        credential.kind, credential.body
    );
    if !credential.aliases.is_empty() {
        let _ = writeln!(out, "Also known as: {}", credential.aliases.join(", "));
    }
    if credential.eligibility.is_empty() {
        let _ = writeln!(out, "Eligibility: not recorded");
    } else {
        let heading = if credential.eligibility.len() > 1 {
            "Eligibility (any one route):"
        } else {
            "Eligibility:"
        };
        let _ = writeln!(out, "{heading}");
        for pathway in &credential.eligibility {
            let _ = writeln!(
                out,
                "  {}{}",
                pathway.name,
                flag(pathway.verified, pathway.third_party)
            );
            let requirement = Requirement {
                all_of: pathway.all_of.clone(),
                any_of: pathway.any_of.clone(),
                experience: pathway.experience.clone(),
                supervised_hours: pathway.supervised_hours,
                education: pathway.education.clone(),
                ..Requirement::default()
            };
            requirement_lines(&mut out, &requirement, catalog, "    ");
            if let Some(source) = &pathway.source {
                let _ = writeln!(out, "    source: {}", source_label(catalog, source));
            }
            if let Some(note) = &pathway.note {
                let _ = writeln!(out, "    note: {note}");
            }
        }
    }
    match &credential.renewal {
        Some(renewal) => {
            let _ = writeln!(
                out,
                "Renewal: {} ({}){}",
                renewal_terms(&renewal.applied(None), false),
                source_label_year(catalog, &renewal.source, renewal.year),
                flag(renewal.verified, renewal.third_party)
            );
            if let Some(details) = &renewal.details {
                let _ = writeln!(out, "  {details}");
            }
            if let Some(note) = &renewal.note {
                let _ = writeln!(out, "  note: {note}");
            }
            for over in &renewal.jurisdictions {
                let rule = renewal.applied(Some(over));
                let _ = writeln!(
                    out,
                    "  {}: {} ({}){}",
                    over.jurisdiction,
                    renewal_terms(&rule, true),
                    source_label_year(catalog, &over.source, over.year),
                    flag(over.verified, over.third_party)
                );
                if let Some(details) = &over.details {
                    let _ = writeln!(out, "    {details}");
                }
                if let Some(note) = &over.note {
                    let _ = writeln!(out, "    note: {note}");
                }
            }
        }
        None => {
            let _ = writeln!(out, "Renewal: not recorded");
        }
    }
    if let Some(cost) = &credential.cost {
        let _ = writeln!(out, "Typical cost: {}", cost_text(cost, catalog));
    }
    if let Some(note) = &credential.note {
        let _ = writeln!(out, "Note: {note}");
    }
    let _ = writeln!(
        out,
        "Source: {}{}",
        source_text(catalog, &credential.source, credential.year),
        flag(credential.verified, credential.third_party)
    );
    out
}

/// Every role by track, with its median pay, then every credential by kind.
pub fn render_list(catalog: &Catalog) -> String {
    let mut out = String::new();
    let width = catalog
        .roles
        .iter()
        .map(|r| r.id.len())
        .chain(catalog.credentials.iter().map(|c| c.id.len()))
        .max()
        .unwrap_or(0);
    let _ = writeln!(out, "Roles ({})", catalog.roles.len());
    for track in Track::ALL {
        let roles: Vec<&Role> = catalog.roles_in(track).collect();
        if roles.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{} ({})", track.title(), roles.len());
        for role in roles {
            let mut pay = role.pay_for(None).map_or_else(
                || "no pay figure".to_owned(),
                |p| pay_text(p.figure, catalog),
            );
            let others: Vec<&str> = role
                .pay
                .iter()
                .map(|p| p.region.as_str())
                .filter(|r| role.pay_for(None).is_some_and(|p| p.figure.region != *r))
                .collect();
            if !others.is_empty() {
                let _ = write!(pay, "; also {}", others.join(", "));
            }
            let _ = writeln!(out, "  {:<width$}  {}; {pay}", role.id, role.name);
        }
    }
    let _ = writeln!(out, "\nCredentials ({})", catalog.credentials.len());
    for kind in [
        crate::CredentialKind::License,
        crate::CredentialKind::Certification,
        crate::CredentialKind::Degree,
        crate::CredentialKind::Training,
    ] {
        let credentials: Vec<&Credential> = catalog
            .credentials
            .iter()
            .filter(|c| c.kind == kind)
            .collect();
        if credentials.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{} ({})", kind_title(kind), credentials.len());
        for credential in credentials {
            let _ = writeln!(
                out,
                "  {:<width$}  {}{}",
                credential.id,
                credential.name,
                flag(credential.verified, credential.third_party)
            );
        }
    }
    out
}

/// Search hits, one a line.
pub fn render_search(hits: &[SearchHit]) -> String {
    let mut out = String::new();
    if hits.is_empty() {
        out.push_str("No matches.\n");
        return out;
    }
    let width = hits.iter().map(|h| h.id.len()).max().unwrap_or(0);
    for hit in hits {
        let kind = match hit.kind {
            crate::HitKind::Role => "role",
            crate::HitKind::Credential => "credential",
        };
        let _ = writeln!(out, "{kind:<10}  {:<width$}  {}", hit.id, hit.name);
    }
    out
}

/// A route step by step: months, what each step earns and takes, its cost and the pay of the
/// role it reaches; then the totals.
pub fn render_route(route: &Route) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Route: {} -> {}", route.from_name, route.to_name);
    if let Some(region) = &route.region {
        let _ = writeln!(out, "Region: {region} (its steps and pay figures)");
    }
    // A figure of another region than the route's says so.
    let pay_line = |pay: &Pay| {
        let mut text = pay_text_in(pay, &route.sources);
        if let Some(region) = &route.region
            && !pay.region.trim().eq_ignore_ascii_case(region)
        {
            let _ = write!(
                text,
                " (no figure for {region}; the {} figure is shown)",
                pay.region
            );
        }
        text
    };
    match &route.start_pay {
        Some(pay) => {
            let _ = writeln!(out, "Start: {}, pay {}", route.from_name, pay_line(pay));
        }
        None if route.from == ENTRY => {
            let _ = writeln!(out, "Start: a newcomer to health care");
        }
        None => match &route.region {
            Some(region) => {
                let _ = writeln!(
                    out,
                    "Start: {} (no pay known for {region})",
                    route.from_name
                );
            }
            None => {
                let _ = writeln!(out, "Start: {} (no pay figure)", route.from_name);
            }
        },
    }
    if !route.held_at_start.is_empty() {
        let _ = writeln!(
            out,
            "Assumed held at the start: {}",
            route.held_at_start.join(", ")
        );
    }
    if route.steps.is_empty() {
        let _ = writeln!(out, "\nAlready there: no steps needed.");
        return out;
    }
    for (index, step) in route.steps.iter().enumerate() {
        let change = if step.from == step.to {
            format!("{} (same role)", step.to_name)
        } else {
            format!("{} -> {}", step.from_name, step.to_name)
        };
        let _ = writeln!(
            out,
            "\n{}. {change}: {}{}",
            index + 1,
            months_text(&step.months),
            flag(step.months.verified, step.months.third_party)
        );
        let _ = writeln!(out, "   via: {}", step.via);
        if !step.prerequisites.is_empty() {
            let names: Vec<&str> = step
                .prerequisites
                .iter()
                .map(|c| c.short_name.as_str())
                .collect();
            let _ = writeln!(out, "   needs first: {}", names.join(", "));
        }
        if !step.earns.is_empty() {
            let names: Vec<String> = step
                .earns
                .iter()
                .map(|c| {
                    let mut name = c.short_name.clone();
                    if step.alternatives_for.as_deref() == Some(c.id.as_str()) {
                        for other in &step.alternatives {
                            name.push_str(" or ");
                            name.push_str(&other.short_name);
                        }
                    }
                    name
                })
                .collect();
            let _ = writeln!(out, "   earns: {}", names.join(", "));
        }
        if !step.optional.is_empty() {
            let names: Vec<&str> = step
                .optional
                .iter()
                .map(|c| c.short_name.as_str())
                .collect();
            let _ = writeln!(out, "   optional: {}", names.join(", "));
        }
        for item in &step.experience {
            let _ = writeln!(out, "   experience: {}", experience_text(item));
        }
        if let Some(hours) = step.supervised_hours {
            let _ = writeln!(
                out,
                "   supervised clinical hours: at least {}",
                number_text(hours)
            );
        }
        if let Some(education) = &step.education {
            let _ = writeln!(out, "   education: {education}");
        }
        let _ = writeln!(
            out,
            "   cost: {}",
            step.cost
                .as_ref()
                .map_or_else(|| "unknown".to_owned(), step_cost_text)
        );
        match &step.pay {
            Some(pay) => {
                let _ = writeln!(out, "   pay as {}: {}", step.to_name, pay_line(pay));
            }
            None => match &route.region {
                Some(region) => {
                    let _ = writeln!(out, "   pay as {}: no pay known for {region}", step.to_name);
                }
                None => {
                    let _ = writeln!(out, "   pay as {}: no figure", step.to_name);
                }
            },
        }
        let label = route
            .sources
            .get(&step.source)
            .map_or(step.source.as_str(), |s| s.label.as_str());
        let _ = writeln!(
            out,
            "   source: {label}, {}{}",
            step.year,
            flag(step.verified, step.third_party)
        );
        if let Some(note) = &step.months.note {
            let _ = writeln!(out, "   note: {note}");
        }
        if let Some(note) = &step.note {
            let _ = writeln!(out, "   note: {note}");
        }
    }
    let _ = write!(out, "\nTotal: about {} months", route.total_months);
    if route.total_months_min != route.total_months || route.total_months_max != route.total_months
    {
        let _ = write!(
            out,
            " ({}-{})",
            route.total_months_min, route.total_months_max
        );
    }
    out.push('\n');
    let costs: Vec<String> = route
        .total_cost
        .iter()
        .map(|m| money_text(m.amount, &m.currency))
        .collect();
    match (costs.is_empty(), route.cost_complete) {
        (true, _) => {
            let _ = writeln!(out, "Cost: unknown");
        }
        (false, true) => {
            let _ = writeln!(out, "Cost: {}", costs.join(" + "));
        }
        (false, false) => {
            let _ = writeln!(
                out,
                "Cost: at least {} in known fees (tuition and other costs not included)",
                costs.join(" + ")
            );
        }
    }
    if !route.fully_verified() {
        let _ = writeln!(
            out,
            "Some figures are unverified or third-party: check them with the bodies named."
        );
    }
    out
}

fn requirement_lines(out: &mut String, requirement: &Requirement, catalog: &Catalog, indent: &str) {
    let names = |ids: &[String]| -> String {
        ids.iter()
            .map(|id| credential_label(catalog, id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !requirement.all_of.is_empty() {
        let _ = writeln!(out, "{indent}all of: {}", names(&requirement.all_of));
    }
    if !requirement.any_of.is_empty() {
        let _ = writeln!(out, "{indent}one of: {}", names(&requirement.any_of));
    }
    if !requirement.optional.is_empty() {
        let _ = writeln!(out, "{indent}helpful: {}", names(&requirement.optional));
    }
    for item in &requirement.experience {
        let _ = writeln!(out, "{indent}experience: {}", experience_text(item));
    }
    if let Some(hours) = requirement.supervised_hours {
        let _ = writeln!(
            out,
            "{indent}supervised clinical hours: at least {}",
            number_text(hours)
        );
    }
    if let Some(education) = &requirement.education {
        let _ = writeln!(out, "{indent}education: {education}");
    }
    if let Some(note) = &requirement.note {
        let _ = writeln!(out, "{indent}note: {note}");
    }
}

fn experience_text(item: &Experience) -> String {
    let mut parts = Vec::new();
    if let Some(hours) = item.hours {
        parts.push(format!("{} hours", number_text(hours)));
    }
    if let Some(months) = item.months {
        parts.push(format!("{months} months"));
    }
    let mut text = if parts.is_empty() {
        "some".to_owned()
    } else {
        parts.join(" / ")
    };
    if let Some(within) = item.within_months {
        let _ = write!(text, " within {within} months");
    }
    if let (Some(recent), Some(months)) = (item.recent_hours, item.recent_months) {
        let _ = write!(
            text,
            " ({} in the last {months} months)",
            number_text(recent)
        );
    }
    if let Some(setting) = &item.setting {
        let _ = write!(text, ": {setting}");
    }
    text
}

/// A pay figure in a line: "US$93,600 a year, US median, BLS May 2024", with " (proxy)" when
/// the figure is a neighbouring occupation's and " (unverified)" when it is not confirmed.
pub fn pay_text(pay: &Pay, catalog: &Catalog) -> String {
    pay_text_in(pay, &catalog.sources)
}

/// What a pay figure is, without the amount: "US median, BLS May 2024 (proxy)".
pub fn pay_basis_text(pay: &Pay, catalog: &Catalog) -> String {
    pay_basis_in(pay, &catalog.sources)
}

fn pay_text_in(pay: &Pay, sources: &BTreeMap<String, Source>) -> String {
    format!(
        "{} a year, {}",
        money_text(pay.amount, &pay.currency),
        pay_basis_in(pay, sources)
    )
}

fn pay_basis_in(pay: &Pay, sources: &BTreeMap<String, Source>) -> String {
    let label = sources
        .get(&pay.source)
        .map_or(pay.source.as_str(), |s| s.label.as_str());
    let basis = pay.basis.as_deref().unwrap_or("median");
    let mut text = format!("{} {basis}, {label} {}", pay.region, pay.period);
    marks(&mut text, pay.proxy, pay.verified && !pay.third_party);
    text
}

/// An outlook figure in a line: "+4.9% over 2024-34, about 189,100 openings a year, US, BLS",
/// "shortage over 2024-33, CA, COPS", marked as [`pay_text`] marks.
pub fn outlook_text(outlook: &Outlook, catalog: &Catalog) -> String {
    outlook_text_in(outlook, &catalog.sources)
}

fn outlook_text_in(outlook: &Outlook, sources: &BTreeMap<String, Source>) -> String {
    let label = sources
        .get(&outlook.source)
        .map_or(outlook.source.as_str(), |s| s.label.as_str());
    let mut text = match (outlook.percent, &outlook.conditions) {
        (Some(percent), Some(conditions)) => {
            format!("{percent:+.1}% over {}, {conditions}", outlook.period)
        }
        (Some(percent), None) => format!("{percent:+.1}% over {}", outlook.period),
        (None, Some(conditions)) => format!("{conditions} over {}", outlook.period),
        (None, None) => format!("over {}", outlook.period),
    };
    if let Some(openings) = outlook.openings_per_year {
        let _ = write!(
            text,
            ", about {} openings a year",
            number_text(f64::from(openings))
        );
    }
    let _ = write!(text, ", {}, {label}", outlook.region);
    marks(
        &mut text,
        outlook.proxy,
        outlook.verified && !outlook.third_party,
    );
    text
}

fn marks(text: &mut String, proxy: bool, verified: bool) {
    if proxy {
        text.push_str(" (proxy)");
    }
    if !verified {
        text.push_str(" (unverified)");
    }
}

fn cost_text(cost: &Cost, catalog: &Catalog) -> String {
    let mut text = money_text(cost.amount, &cost.currency);
    if let Some(what) = &cost.what {
        let _ = write!(text, " for the {what}");
    }
    text.push_str(&flag(cost.verified, false));
    let _ = write!(text, "\n  source: {}", source_label(catalog, &cost.source));
    if let Some(note) = &cost.note {
        let _ = write!(text, "\n  note: {note}");
    }
    text
}

fn step_cost_text(cost: &StepCost) -> String {
    let mut text = money_text(cost.amount, &cost.currency);
    if cost.basis != "transition" {
        let _ = write!(text, " in {} (tuition not included)", cost.basis);
    }
    text.push_str(&flag(cost.verified, false));
    text
}

/// "18 months, 12-24": for use inside parentheses.
fn months_brief(months: &Months) -> String {
    let mut text = format!("{} months", months.typical);
    match (months.min, months.max) {
        (Some(min), Some(max)) => {
            let _ = write!(text, ", {min}-{max}");
        }
        (Some(min), None) => {
            let _ = write!(text, ", at least {min}");
        }
        (None, Some(max)) => {
            let _ = write!(text, ", at most {max}");
        }
        (None, None) => {}
    }
    text
}

fn months_text(months: &Months) -> String {
    let mut text = format!("{} months", months.typical);
    match (months.min, months.max) {
        (Some(min), Some(max)) => {
            let _ = write!(text, " ({min}-{max})");
        }
        (Some(min), None) => {
            let _ = write!(text, " (at least {min})");
        }
        (None, Some(max)) => {
            let _ = write!(text, " (at most {max})");
        }
        (None, None) => {}
    }
    text
}

/// "US$93,600", "CA$101,000", "£31,049"; another currency by its code ("EUR 1,000").
pub fn money_text(amount: f64, currency: &str) -> String {
    match currency_symbol(currency) {
        Some(symbol) => format!("{symbol}{}", number_text(amount)),
        None => format!("{currency} {}", number_text(amount)),
    }
}

/// The symbol carepath prints for a currency the catalog uses: US$, CA$, £.
pub fn currency_symbol(currency: &str) -> Option<&'static str> {
    match currency {
        "USD" => Some("US$"),
        "CAD" => Some("CA$"),
        "GBP" => Some("£"),
        _ => None,
    }
}

/// A renewal rule's terms in words, `; `-separated: "every 36 months; 100 CERPs; at least 60
/// in category A, 10 in B, 10 in C; 432 practice hours, 144 of them in the last 12 months".
/// `say_no_ce`: say so when the rule takes neither CE nor a course (an override that differs
/// from its base by having none).
pub fn renewal_terms(rule: &Renewal, say_no_ce: bool) -> String {
    let mut terms = Vec::new();
    let mut cycle = format!("every {} months", rule.months);
    if rule.expires == Some(Expiry::EndOfMonth) {
        cycle.push_str(", to the end of the month");
    }
    terms.push(cycle);
    if let Some(ce) = rule.ce_hours {
        let unit = rule.ce_unit.as_deref().unwrap_or("contact hours");
        let mut text = format!("{} {unit}", number_text(ce));
        if let Some(hours) = rule.hours_per_unit.filter(|h| *h != 1.0) {
            let _ = write!(text, " (each {} hours of work)", number_text(hours));
        }
        terms.push(text);
    }
    for (what, minimums) in [
        ("category", &rule.category_minimums),
        ("topic", &rule.topic_minimums),
    ] {
        let parts: Vec<String> = minimums
            .iter()
            .enumerate()
            .map(|(i, (key, minimum))| {
                let word = match (what, i) {
                    ("category", 0) => "in category ",
                    ("category", _) => "in ",
                    _ => "on ",
                };
                format!("{} {word}{key}", number_text(*minimum))
            })
            .collect();
        if !parts.is_empty() {
            terms.push(format!("at least {}", parts.join(", ")));
        }
    }
    if let Some(categories) = &rule.categories {
        let named: Vec<&String> = rule.category_minimums.keys().collect();
        if categories.iter().collect::<Vec<_>>() != named {
            terms.push(format!("categories {}", categories.join(", ")));
        }
    }
    match (rule.practice_hours, rule.practice_recent) {
        (Some(hours), Some(recent)) => terms.push(format!(
            "{} practice hours, {} of them in the last {} months",
            number_text(hours),
            number_text(recent.hours),
            recent.months
        )),
        (Some(hours), None) => terms.push(format!("{} practice hours", number_text(hours))),
        (None, Some(recent)) => terms.push(format!(
            "{} practice hours in the last {} months",
            number_text(recent.hours),
            recent.months
        )),
        (None, None) => {}
    }
    if !rule.practice_roles.is_empty()
        && (rule.practice_hours.is_some() || rule.practice_recent.is_some())
    {
        terms.push(format!("practice as {}", or_list(&rule.practice_roles)));
    }
    if let Some(hours) = rule.course_hours {
        terms.push(format!("a {}-hour renewal course", number_text(hours)));
    }
    if say_no_ce && rule.ce_hours.is_none() && rule.course_hours.is_none() {
        terms.push("no CE hours".to_owned());
    }
    if let Some(days) = rule.submit_before_days {
        terms.push(format!("finish {days} days before the expiry"));
    }
    terms.join("; ")
}

/// "a", "a or b", "a, b or c".
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn flag(verified: bool, third_party: bool) -> String {
    match (verified, third_party) {
        (true, false) => String::new(),
        (_, true) => " [unverified, third-party]".to_owned(),
        (false, false) => " [unverified]".to_owned(),
    }
}

fn role_label(catalog: &Catalog, id: &str) -> String {
    if id == ENTRY {
        return "a new start".to_owned();
    }
    catalog
        .role(id)
        .map_or_else(|| id.to_owned(), |r| r.name.clone())
}

fn credential_label(catalog: &Catalog, id: &str) -> String {
    match catalog.credential(id) {
        Some(c) => match &c.abbreviation {
            Some(abbreviation) => format!("{abbreviation} ({id})"),
            None => format!("{} ({id})", c.name),
        },
        None => format!("{id} (unknown)"),
    }
}

fn source_label(catalog: &Catalog, key: &str) -> String {
    catalog
        .sources
        .get(key)
        .map_or_else(|| key.to_owned(), |s| s.label.clone())
}

fn source_label_year(catalog: &Catalog, key: &str, year: u16) -> String {
    format!("{} {year}", source_label(catalog, key))
}

fn source_text(catalog: &Catalog, key: &str, year: u16) -> String {
    match catalog.sources.get(key) {
        Some(source) => format!("{} ({year}): {}", source.label, source.citation),
        None => format!("{key} ({year})"),
    }
}

fn kind_title(kind: crate::CredentialKind) -> &'static str {
    match kind {
        crate::CredentialKind::License => "Licenses",
        crate::CredentialKind::Certification => "Certifications",
        crate::CredentialKind::Degree => "Degrees",
        crate::CredentialKind::Training => "Training",
    }
}
