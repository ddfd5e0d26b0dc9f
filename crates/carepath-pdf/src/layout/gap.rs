//! The gap to the target role, and the pay along the path.

use super::writer::*;
use super::*;

pub(super) fn gap(w: &mut Writer, p: &ResolvedPlan) {
    let Some(g) = &p.gap else { return };
    // Role names can be long ("Acute care nurse practitioner (adult-gerontology)"): the
    // section title stays short and the name wraps on its own line.
    w.section("The gap to the target role");
    let mut cont = continued("The gap");
    let (x, cw) = (w.left(), w.content_w());
    let name = w.para(x, cw, 12.0, true, INK, 16.0, &g.target_name);
    w.place(name, false, &mut cont);
    let intro = "What the target role asks for, what is already held, and which milestones of \
                 this plan supply the rest.";
    let rows = w.para(x, cw, 8.5, false, MUTED, 12.0, intro);
    w.place(rows, false, &mut cont);
    w.y += 6.0;
    let state_w = 140.0;
    let what_w = cw - state_w - 12.0;
    for (i, item) in g.items.iter().enumerate() {
        let mut rows = Vec::new();
        let head = format!("{} ({})", item.name, item.kind);
        rows.extend(w.para(x + 4.0, what_w, 8.5, true, INK, 12.0, &head));
        rows.extend(w.para(x + 4.0, what_w, 8.0, false, INK, 11.0, &item.requirement));
        let mut src = format!("Source: {}", item.source);
        if !item.verified {
            src.push_str(" (not verified)");
        }
        rows.extend(w.para(x + 4.0, what_w, 6.5, false, MUTED, 9.5, &src));
        let (state, color) = if item.held {
            ("held now".to_string(), GOOD)
        } else if item.covered_by.is_empty() {
            ("missing: no milestone yet".to_string(), BAD)
        } else {
            // Named by title, as everywhere in the document; an id the plan does not hold
            // (it cannot happen through resolve) is shown as it is.
            let titles: Vec<String> = item
                .covered_by
                .iter()
                .map(|id| {
                    let title = p
                        .plan
                        .milestones
                        .iter()
                        .find(|m| &m.id == id)
                        .map_or(id.as_str(), |m| m.title.as_str());
                    format!("“{title}”")
                })
                .collect();
            (format!("planned: {}", titles.join(", ")), ACCENT)
        };
        let state_lines = w.wrap(&state, 8.0, true, state_w - 4.0);
        for (li, l) in state_lines.iter().enumerate() {
            while rows.len() <= li {
                rows.push(Row {
                    h: 11.0,
                    items: vec![],
                });
            }
            let b = baseline(8.0, rows[li].h);
            let t = w.text(
                x + cw - state_w,
                b,
                state_w - 4.0,
                Align::Left,
                8.0,
                true,
                color,
                l,
            );
            rows[li].items.push(t);
        }
        rows.push(Row::gap(4.0));
        let total: f32 = rows.iter().map(|r| r.h).sum();
        if i % 2 == 0 {
            // One stripe per row strip keeps the background right if the item is split.
            let mut acc = 0.0;
            for r in &mut rows {
                r.items.insert(
                    0,
                    Item::Rect {
                        x,
                        y: 0.0,
                        w: cw,
                        h: r.h,
                        fill: Some(STRIPE),
                        stroke: None,
                    },
                );
                acc += r.h;
            }
            debug_assert!((acc - total).abs() < 0.01);
        }
        w.place(rows, true, &mut cont);
    }

    if g.path.is_empty() {
        return;
    }
    w.y += 14.0;
    w.heading("The path and the pay along it", 60.0, &mut cont);
    let currency = p.plan.currency.as_deref();
    let max_pay = g
        .path
        .iter()
        .filter_map(|s| s.median_pay)
        .fold(0.0f64, f64::max);
    let role_w = cw * 0.34;
    let meta_w = 110.0;
    let bar_x = x + role_w + 8.0;
    let bar_full = cw - role_w - meta_w - 16.0;
    let labels = [
        (x + 14.0, role_w - 14.0, Align::Left, "ROLE"),
        (bar_x, bar_full, Align::Left, "MEDIAN PAY"),
        (x + cw - meta_w, meta_w, Align::Right, "TIME AND COST"),
    ];
    let items = labels
        .iter()
        .map(|&(lx, lw, align, text)| w.text(lx, 8.0, lw, align, 6.5, true, MUTED, text))
        .collect();
    w.place(vec![Row { h: 13.0, items }], false, &mut cont);
    for (i, s) in g.path.iter().enumerate() {
        let mut rows = w.para(x + 14.0, role_w - 14.0, 8.5, true, INK, 12.0, &s.name);
        let n = w.text(
            x,
            baseline(8.5, 12.0),
            12.0,
            Align::Left,
            8.5,
            true,
            ACCENT,
            &(i + 1).to_string(),
        );
        rows[0].items.insert(0, n);
        let mut meta = Vec::new();
        if let Some(m) = s.months {
            meta.push(format!("{} months", grouped(m)));
        }
        if let Some(c) = s.cost {
            meta.push(money(c, currency));
        }
        let meta = if meta.is_empty() {
            String::new()
        } else {
            meta.join(" · ")
        };
        if !meta.is_empty() {
            let t = w.text(
                x + cw - meta_w,
                baseline(8.0, 12.0),
                meta_w,
                Align::Right,
                8.0,
                false,
                MUTED,
                &meta,
            );
            rows[0].items.push(t);
        }
        match s.median_pay {
            Some(pay) if max_pay > 0.0 => {
                let bw = (bar_full * 0.62 * (pay / max_pay) as f32).max(2.0);
                rows[0].items.push(Item::Rect {
                    x: bar_x,
                    y: 2.5,
                    w: bw,
                    h: 7.0,
                    fill: Some(ACCENT.tint(0.35)),
                    stroke: None,
                });
                // The figure's own currency: a region's pay is not in the plan's currency.
                let label = money(pay, s.pay_currency.as_deref().or(currency));
                let lw = bar_full - bw - 6.0;
                let t = w.text(
                    bar_x + bw + 4.0,
                    baseline(8.0, 12.0),
                    lw,
                    Align::Left,
                    8.0,
                    true,
                    INK,
                    &label,
                );
                rows[0].items.push(t);
            }
            _ => {
                let t = w.text(
                    bar_x,
                    baseline(8.0, 12.0),
                    bar_full,
                    Align::Left,
                    7.5,
                    false,
                    MUTED,
                    "pay not known",
                );
                rows[0].items.push(t);
            }
        }
        if let Some(src) = &s.pay_source {
            let mut text = format!("Pay: {src}");
            if !s.verified {
                text.push_str(" (not verified)");
            }
            rows.extend(w.para(x + 14.0, cw - 14.0, 6.5, false, MUTED, 9.5, &text));
        }
        rows.push(Row::gap(5.0));
        w.place(rows, true, &mut cont);
    }
}
