//! "Your network": the people of the plan, their relation, last and next contact, overdue ones
//! marked (docs/network.md). Only for a plan with people.

use super::writer::*;
use super::*;

pub(super) fn network(w: &mut Writer, p: &ResolvedPlan) {
    let people = &p.schedule.people;
    if people.is_empty() {
        return;
    }
    w.section("Your network");
    let mut cont = continued("Your network");
    let (x, cw) = (w.left(), w.content_w());
    let overdue = people.iter().filter(|c| c.overdue).count();
    let intro = format!(
        "{} as of {}; {} overdue for contact. The next contact is the last one (or the day you \
         met) plus how often you want to keep in touch.",
        plural(people.len() as i64, "person", "people"),
        p.as_of,
        overdue
    );
    let rows = w.para(x, cw, 9.0, false, MUTED, 13.0, &intro);
    w.place(rows, true, &mut cont);
    w.y += 8.0;
    // Columns: name, relation, last contact, next contact, state.
    let cols = [0.0, 0.34, 0.5, 0.66, 0.82].map(|f: f32| x + f * cw);
    let widths = [0.33, 0.15, 0.15, 0.15, 0.18].map(|f: f32| f * cw);
    let header = ["Person", "Relation", "Last contact", "Next contact", ""];
    let mut items = vec![Item::Rect {
        x,
        y: 0.0,
        w: cw,
        h: 16.0,
        fill: Some(HEADER_FILL),
        stroke: None,
    }];
    for (k, h) in header.iter().enumerate() {
        items.push(w.text(
            cols[k] + 4.0,
            11.0,
            widths[k] - 6.0,
            Align::Left,
            8.0,
            true,
            INK,
            h,
        ));
    }
    w.place(vec![Row { h: 16.0, items }], true, &mut cont);
    for (i, c) in people.iter().enumerate() {
        // Who they are and what you do together, under the name, wrapped to the full width.
        let mut details = Vec::new();
        if let Some(r) = &c.role {
            details.push(role_name(p, r));
        }
        if let Some(k) = c.keep_in_touch {
            details.push(format!("keep in touch every {k}"));
        }
        if !c.milestones.is_empty() {
            let titles: Vec<&str> = c
                .milestones
                .iter()
                .map(|id| {
                    p.schedule
                        .milestones
                        .iter()
                        .find(|m| &m.id == id)
                        .map_or(id.as_str(), |m| m.title.as_str())
                })
                .collect();
            details.push(format!("together: {}", titles.join("; ")));
        }
        let lines = if details.is_empty() {
            Vec::new()
        } else {
            w.wrap(&details.join(" · "), 7.0, false, cw - 8.0)
        };
        let h = 16.0 + 9.0 * lines.len() as f32 + 2.0;
        let mut items = Vec::new();
        if i % 2 == 1 {
            items.push(Item::Rect {
                x,
                y: 0.0,
                w: cw,
                h,
                fill: Some(STRIPE),
                stroke: None,
            });
        }
        let name = if c.name.trim().is_empty() {
            c.id.clone()
        } else {
            c.name.clone()
        };
        items.push(w.text(
            cols[0] + 4.0,
            11.0,
            widths[0] - 6.0,
            Align::Left,
            9.0,
            true,
            INK,
            &name,
        ));
        let day = |d: Option<Date>| d.map_or("none yet".to_string(), |d| d.to_string());
        let cells = [
            (c.relation.as_str().to_string(), INK),
            (day(c.last_contact), INK),
            (day(c.next_contact), if c.overdue { BAD } else { INK }),
        ];
        for (k, (t, color)) in cells.iter().enumerate() {
            items.push(w.text(
                cols[k + 1] + 4.0,
                11.0,
                widths[k + 1] - 6.0,
                Align::Left,
                9.0,
                false,
                *color,
                t,
            ));
        }
        let (state, color) = match c.next_contact {
            Some(_) if c.overdue => ("Overdue", BAD),
            Some(n) if days_between(p.as_of, n) <= 90 => ("Due soon", WARN),
            Some(_) => ("", MUTED),
            None => ("No reminder", MUTED),
        };
        items.push(w.text(
            cols[4] + 4.0,
            11.0,
            widths[4] - 6.0,
            Align::Left,
            8.0,
            c.overdue,
            color,
            state,
        ));
        for (k, l) in lines.iter().enumerate() {
            items.push(w.text(
                cols[0] + 4.0,
                21.0 + 9.0 * k as f32,
                cw - 8.0,
                Align::Left,
                7.0,
                false,
                MUTED,
                l,
            ));
        }
        w.place(vec![Row { h, items }], true, &mut cont);
    }
}
