//! `carepath people`: one line per person of the network, overdue contacts first, then the
//! milestones each is part of.

use carepath_model::ResolvedPlan;
use carepath_model::calendar::days_between;

use super::{Paint, RenderOptions, fit};
use crate::session::terminal_safe;

pub fn people(r: &ResolvedPlan, o: &RenderOptions) -> String {
    let paint = Paint::new(o.color);
    let people = &r.schedule.people;
    let mut out = String::new();
    if people.is_empty() {
        out.push_str(&format!(
            "No people in this plan's network as of {}: add them as [[people]] (docs/network.md).\n",
            r.as_of
        ));
        return out;
    }
    let overdue = people.iter().filter(|p| p.overdue).count();
    out.push_str(&format!(
        "{}Your network{} as of {}: {} {}, {} overdue for contact\n\n",
        paint.bold,
        paint.reset,
        r.as_of,
        people.len(),
        if people.len() == 1 {
            "person"
        } else {
            "people"
        },
        overdue
    ));
    let id_w = people
        .iter()
        .map(|p| p.id.chars().count())
        .max()
        .unwrap_or(2)
        .clamp(6, 24);
    let name_w = people
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 28);
    out.push_str(&format!(
        "  {:id_w$}  {:name_w$}  {:10}  {:12}  {:12}  {}\n",
        "person", "name", "relation", "last contact", "next contact", "when"
    ));
    for p in people {
        let date = |d: Option<jiff::civil::Date>| d.map_or("-".to_string(), |d| d.to_string());
        let when = match p.next_contact {
            Some(n) if p.overdue => {
                let d = days_between(n, r.as_of);
                format!(
                    "{}overdue by {d} {}{}",
                    paint.red,
                    if d == 1 { "day" } else { "days" },
                    paint.reset
                )
            }
            Some(n) => {
                let d = days_between(r.as_of, n);
                match d {
                    0 => "today".to_string(),
                    1 => "tomorrow".to_string(),
                    d => format!("in {d} days"),
                }
            }
            None if p.keep_in_touch.is_none() => "no keep_in_touch".to_string(),
            None => "no contact or `met` yet".to_string(),
        };
        out.push_str(&format!(
            "{} {:id_w$}  {:name_w$}  {:10}  {:12}  {:12}  {}\n",
            if p.overdue { "!" } else { " " },
            fit(&terminal_safe(&p.id, false), id_w),
            fit(&terminal_safe(&p.name, false), name_w),
            p.relation.as_str(),
            date(p.last_contact),
            date(p.next_contact),
            when
        ));
        if !p.milestones.is_empty() {
            out.push_str(&format!(
                "  {}{:id_w$}  with: {}{}\n",
                paint.dim,
                "",
                p.milestones.join(", "),
                paint.reset
            ));
        }
    }
    out
}
