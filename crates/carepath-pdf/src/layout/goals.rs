//! The goals, with their SMART marks, reasons and progress.

use super::writer::*;
use super::*;

pub(super) fn goals(w: &mut Writer, p: &ResolvedPlan) {
    let goals = &p.schedule.goals;
    if goals.is_empty() {
        w.short_section("Goals");
    } else {
        w.section("Goals");
    }
    let mut cont = continued("Goals");
    let (x, cw) = (w.left(), w.content_w());
    if goals.is_empty() {
        let rows = w.para(
            x,
            cw,
            9.0,
            false,
            MUTED,
            13.0,
            "No goals yet. A goal ties milestones together and says why they matter: add \
             [[goals]] with a title, a due date and the values it serves.",
        );
        w.place(rows, false, &mut cont);
        return;
    }
    for g in goals {
        let spec = p.plan.goals.iter().find(|x| x.id == g.id);
        let count = p
            .schedule
            .milestones
            .iter()
            .filter(|m| m.goal.as_deref() == Some(g.id.as_str()))
            .count();
        let mut rows = Vec::new();
        let chip_w = 66.0;
        // Title, with the status on the right of its first line.
        let lines = w.wrap(&g.title, 10.5, true, cw - chip_w - 12.0);
        for (i, l) in lines.iter().enumerate() {
            let mut items = vec![w.text(
                x,
                baseline(10.5, 14.0),
                cw - chip_w - 12.0,
                Align::Left,
                10.5,
                true,
                INK,
                l,
            )];
            if i == 0 {
                let c = status_color(g.status);
                items.push(Item::Rect {
                    x: x + cw - chip_w,
                    y: 1.5,
                    w: chip_w,
                    h: 12.0,
                    fill: Some(c.tint(0.85)),
                    stroke: None,
                });
                items.push(w.text(
                    x + cw - chip_w,
                    10.0,
                    chip_w,
                    Align::Center,
                    7.0,
                    true,
                    c,
                    status_words(g.status),
                ));
            }
            rows.push(Row { h: 14.0, items });
        }
        let mut facts = vec![match g.due {
            Some(d) => format!("Due {d}"),
            None => "No due date".to_string(),
        }];
        facts.push(match g.finish {
            Some(d) => format!("forecast finish {d}"),
            None => "no milestones yet".to_string(),
        });
        facts.push(plural(count as i64, "milestone", "milestones"));
        if let Some(s) = spec {
            if let Some(m) = &s.measure {
                let mut t = String::from("measure: ");
                if let Some(v) = m.target {
                    t.push_str(&grouped(v));
                    if let Some(u) = &m.unit {
                        t.push(' ');
                        t.push_str(u);
                    }
                }
                if let Some(metric) = &m.metric {
                    t.push_str(&format!(" ({metric})"));
                }
                facts.push(t);
            }
            if !s.values.is_empty() {
                facts.push(format!("serves {}", s.values.join(", ")));
            }
        }
        rows.push(Row::gap(2.0));
        rows.extend(w.para(x, cw, 8.0, false, MUTED, 11.0, &facts.join(" · ")));
        rows.push(Row::gap(3.0));
        // Progress.
        let pct = format!("{:.0}% done", g.percent.clamp(0.0, 100.0));
        let bar_w = cw * 0.5;
        let mut pr = Row {
            h: 12.0,
            items: vec![],
        };
        let frac = (g.percent.clamp(0.0, 100.0) / 100.0) as f32;
        pr.items.push(Item::Rect {
            x,
            y: 2.5,
            w: bar_w,
            h: 6.0,
            fill: Some(Color(0xe1, 0xe7, 0xec)),
            stroke: None,
        });
        if frac > 0.0 {
            pr.items.push(Item::Rect {
                x,
                y: 2.5,
                w: (bar_w * frac).max(1.0),
                h: 6.0,
                fill: Some(ACCENT),
                stroke: None,
            });
        }
        pr.items.push(w.text(
            x + bar_w + 8.0,
            8.5,
            80.0,
            Align::Left,
            8.0,
            true,
            INK,
            &pct,
        ));
        rows.push(pr);
        rows.push(Row::gap(4.0));
        // SMART, one line each with its reason.
        let name_w = 66.0;
        let reason_x = x + 14.0 + name_w;
        let reason_w = x + cw - reason_x;
        for (key, c) in g.smart.criteria() {
            let lines = w.wrap(&c.document(), 8.0, false, reason_w);
            for (i, l) in lines.iter().enumerate() {
                let b = baseline(8.0, 11.0);
                let mut items = Vec::new();
                if i == 0 {
                    let color = if c.pass { GOOD } else { BAD };
                    items.push(w.text(
                        x,
                        b,
                        12.0,
                        Align::Left,
                        9.0,
                        true,
                        color,
                        mark(w.f, c.pass),
                    ));
                    items.push(w.text(
                        x + 14.0,
                        b,
                        name_w - 4.0,
                        Align::Left,
                        8.0,
                        true,
                        INK,
                        criterion_name(key),
                    ));
                }
                items.push(w.text(reason_x, b, reason_w, Align::Left, 8.0, false, INK, l));
                rows.push(Row { h: 11.0, items });
            }
        }
        rows.push(Row::gap(8.0));
        rows.push(Row {
            h: 12.0,
            items: vec![Item::Line {
                x1: x,
                y1: 0.0,
                x2: x + cw,
                y2: 0.0,
                width: 0.5,
                color: RULE,
                dashed: false,
            }],
        });
        w.place(rows, true, &mut cont);
    }
}
