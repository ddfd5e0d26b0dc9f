//! The gap to the target role, and the pay along the path.

use carepath_model::PathStep;

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
        options(w, p);
        return;
    }
    w.y += 14.0;
    w.heading("The path and the pay along it", 60.0, &mut cont);
    let currency = p.plan.currency.as_deref();
    let region = p
        .plan
        .person
        .region
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    // Every step from the current role (numbered "now") to the target.
    let steps: Vec<(String, &PathStep)> = g
        .start
        .iter()
        .map(|s| ("now".to_string(), s))
        .chain(
            g.path
                .iter()
                .enumerate()
                .map(|(i, s)| ((i + 1).to_string(), s)),
        )
        .collect();
    let max_pay = steps
        .iter()
        .filter_map(|(_, s)| s.median_pay)
        .fold(0.0f64, f64::max);
    let role_w = cw * 0.34;
    let meta_w = 110.0;
    let bar_x = x + role_w + 8.0;
    let bar_full = cw - role_w - meta_w - 16.0;
    let labels = [
        (x + 22.0, role_w - 22.0, Align::Left, "ROLE"),
        (bar_x, bar_full, Align::Left, "PAY (REGION, CURRENCY)"),
        (x + cw - meta_w, meta_w, Align::Right, "TIME AND COST"),
    ];
    let items = labels
        .iter()
        .map(|&(lx, lw, align, text)| w.text(lx, 8.0, lw, align, 6.5, true, MUTED, text))
        .collect();
    w.place(vec![Row { h: 13.0, items }], false, &mut cont);
    for (number, s) in steps {
        let mut rows = w.para(x + 22.0, role_w - 22.0, 8.5, true, INK, 12.0, &s.name);
        let n = w.text(
            x,
            baseline(8.5, 12.0),
            20.0,
            Align::Left,
            if number == "now" { 7.0 } else { 8.5 },
            true,
            ACCENT,
            &number,
        );
        rows[0].items.insert(0, n);
        let mut meta = Vec::new();
        if let Some(m) = s.months {
            meta.push(format!("{} months", grouped(m)));
        }
        if let Some(c) = s.cost {
            meta.push(money_label(c, s.cost_currency.as_deref().or(currency)));
        }
        let meta = if number == "now" {
            "where you are".to_string()
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
                let bw = (bar_full * 0.5 * (pay / max_pay) as f32).max(2.0);
                rows[0].items.push(Item::Rect {
                    x: bar_x,
                    y: 2.5,
                    w: bw,
                    h: 7.0,
                    fill: Some(ACCENT.tint(0.35)),
                    stroke: None,
                });
                // The figure's own currency and region: a region's pay is not in the plan's
                // currency, and a fall-back figure is another region's.
                let mut label = money_label(pay, s.pay_currency.as_deref().or(currency));
                if let Some(r) = &s.pay_region {
                    label.push_str(&format!(" · {r}"));
                }
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
                let none = match region {
                    Some(r) => format!("no pay known for {r}"),
                    None => "no pay known".to_string(),
                };
                let t = w.text(
                    bar_x,
                    baseline(8.0, 12.0),
                    bar_full,
                    Align::Left,
                    7.5,
                    false,
                    MUTED,
                    &none,
                );
                rows[0].items.push(t);
            }
        }
        if let Some(src) = &s.pay_source {
            let mut text = format!("Pay: {src}");
            if !s.verified && !src.contains("(unverified)") {
                text.push_str(" (not verified)");
            }
            rows.extend(w.para(x + 22.0, cw - 22.0, 6.5, false, MUTED, 9.5, &text));
        }
        rows.push(Row::gap(5.0));
        w.place(rows, true, &mut cont);
    }
    options(w, p);
}

/// An amount with a currency no reader can take for another: US dollars as "US$", so that a
/// Canadian reader does not read a US figure as CA$.
fn money_label(amount: f64, currency: Option<&str>) -> String {
    match currency {
        Some(c) if c.eq_ignore_ascii_case("USD") => format!("US{}", money(amount, Some(c))),
        _ => money(amount, currency),
    }
}

/// "Options considered": the target and `target.alternatives` side by side, one block per
/// role with its pay, outlook, route from the current role, entry and credentials.
fn options(w: &mut Writer, p: &ResolvedPlan) {
    let Some(g) = &p.gap else { return };
    if g.options.is_empty() {
        return;
    }
    w.section("Options considered");
    let mut cont = continued("Options considered");
    let (x, cw) = (w.left(), w.content_w());
    let region = p
        .plan
        .person
        .region
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let intro = match region {
        Some(r) => format!(
            "The target role and the alternatives the plan weighs, with the catalog's figures for {r}. A figure from another region says so."
        ),
        None => {
            "The target role and the alternatives the plan weighs, with the catalog's US figures."
                .to_string()
        }
    };
    let rows = w.para(x, cw, 8.5, false, MUTED, 12.0, &intro);
    w.place(rows, false, &mut cont);
    w.y += 6.0;
    let label_w = 92.0;
    for (i, o) in g.options.iter().enumerate() {
        let mut rows = Vec::new();
        let head = if o.target {
            format!("{} (target)", o.name)
        } else {
            o.name.clone()
        };
        rows.extend(w.para(x + 4.0, cw - 8.0, 10.0, true, INK, 14.0, &head));
        let none = match region {
            Some(r) => format!("no pay known for {r}"),
            None => "no pay known".to_string(),
        };
        let yes_no = |b: bool| if b { "yes" } else { "no" };
        let fields: Vec<(&str, String)> = vec![
            ("Pay", o.pay_text.clone().unwrap_or(none)),
            (
                "Outlook",
                o.outlook_text.clone().unwrap_or_else(|| "not known".into()),
            ),
            (
                "From you",
                o.route_text
                    .clone()
                    .unwrap_or_else(|| "no route known".into()),
            ),
            (
                "Entry",
                o.entry_education
                    .clone()
                    .unwrap_or_else(|| "not known".into()),
            ),
            (
                "Credentials",
                if o.credentials.is_empty() {
                    "none listed".into()
                } else {
                    o.credentials.join(", ")
                },
            ),
            (
                "Work",
                format!(
                    "clinical: {}; shift work: {}; {}",
                    yes_no(o.clinical),
                    yes_no(o.shift_work),
                    o.settings.join(", ")
                ),
            ),
            ("Values", o.values.join(", ")),
            (
                "Sources",
                if o.verified {
                    o.sources.join(", ")
                } else {
                    format!("{} (some figures not verified)", o.sources.join(", "))
                },
            ),
        ];
        for (label, value) in fields {
            let lines = w.wrap(&value, 8.0, false, cw - label_w - 12.0);
            for (li, line) in lines.iter().enumerate() {
                let mut items = Vec::new();
                if li == 0 {
                    items.push(w.text(
                        x + 4.0,
                        baseline(8.0, 11.0),
                        label_w,
                        Align::Left,
                        7.0,
                        true,
                        MUTED,
                        label,
                    ));
                }
                items.push(w.text(
                    x + label_w,
                    baseline(8.0, 11.0),
                    cw - label_w - 8.0,
                    Align::Left,
                    8.0,
                    false,
                    INK,
                    line,
                ));
                rows.push(Row { h: 11.0, items });
            }
        }
        rows.push(Row::gap(6.0));
        if i % 2 == 0 {
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
            }
        }
        w.place(rows, true, &mut cont);
    }
}
