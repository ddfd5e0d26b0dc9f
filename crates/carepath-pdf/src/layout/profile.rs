//! The profile: who the person is, values, interests, skills, experience.

use super::writer::*;
use super::*;

pub(super) fn profile(w: &mut Writer, p: &ResolvedPlan) {
    let person = &p.plan.person;
    w.section("Profile");
    let mut cont = continued("Profile");
    let (x, cw) = (w.left(), w.content_w());
    let label_w = 112.0;

    // Who, in label/value rows.
    let mut facts: Vec<(&str, String)> = vec![("Name", person.name.clone())];
    if let Some(r) = &person.role {
        facts.push(("Current role", role_name(p, r)));
    }
    if let Some(r) = &person.region {
        facts.push(("Region", r.clone()));
    }
    if !person.credentials.is_empty() {
        facts.push((
            "Credentials held",
            person.credential_ids().collect::<Vec<_>>().join(", "),
        ));
    }
    let c = &p.plan.capacity;
    facts.push((
        "Time for development",
        format!(
            "{} h a week, at most {} at once",
            grouped(c.hours_per_week),
            plural(i64::from(c.max_parallel), "milestone", "milestones")
        ),
    ));
    for b in &c.breaks {
        let reason = b.reason.as_deref().unwrap_or("no development work");
        facts.push(("Break", format!("{} → {}: {reason}", b.from, b.to)));
    }
    for (label, value) in facts {
        let mut rows = w.para(x + label_w, cw - label_w, 9.0, false, INK, 13.0, &value);
        let l = w.text(
            x,
            baseline(8.0, 13.0),
            label_w - 8.0,
            Align::Left,
            8.0,
            true,
            MUTED,
            label,
        );
        rows[0].items.insert(0, l);
        w.place(rows, true, &mut cont);
    }
    w.y += 10.0;

    chips_block(
        w,
        "Values",
        &person.values,
        "No values written down yet.",
        &mut cont,
    );
    chips_block(
        w,
        "Interests",
        &person.interests,
        "No interests written down yet.",
        &mut cont,
    );

    // Skills, with level and target as five boxes.
    w.heading("Skills", 40.0, &mut cont);
    if person.skills.is_empty() {
        let rows = w.para(x, cw, 8.5, false, MUTED, 12.0, "No skills rated yet.");
        w.place(rows, false, &mut cont);
    }
    let boxes_w = 5.0 * 12.0;
    let words_w = 92.0;
    let name_w = cw - boxes_w - words_w - 16.0;
    for (si, s) in person.skills.iter().enumerate() {
        let lines = w.wrap(&s.name, 8.5, false, name_w);
        let h = lines.len() as f32 * 12.0 + 4.0;
        let mut items = Vec::new();
        if si % 2 == 0 {
            items.push(Item::Rect {
                x,
                y: 0.0,
                w: cw,
                h,
                fill: Some(STRIPE),
                stroke: None,
            });
        }
        for (li, l) in lines.iter().enumerate() {
            let b = 2.0 + li as f32 * 12.0 + baseline(8.5, 12.0);
            items.push(w.text(x + 4.0, b, name_w, Align::Left, 8.5, false, INK, l));
        }
        let bx = x + name_w + 8.0;
        for lvl in 1..=5u8 {
            let filled = lvl <= s.level;
            let wanted = s.target.is_some_and(|t| lvl <= t) && !filled;
            items.push(Item::Rect {
                x: bx + f32::from(lvl - 1) * 12.0,
                y: 3.5,
                w: 9.0,
                h: 7.0,
                fill: Some(if filled { ACCENT } else { WHITE }),
                stroke: Some(Stroke {
                    color: if wanted { ACCENT } else { RULE },
                    width: if wanted { 1.0 } else { 0.6 },
                }),
            });
        }
        let words = match s.target {
            Some(t) if t > s.level => format!("level {} → target {t}", s.level),
            Some(_) => format!("level {}, target met", s.level),
            None => format!("level {}", s.level),
        };
        let b = 2.0 + baseline(8.0, 12.0);
        items.push(w.text(
            x + cw - words_w,
            b,
            words_w - 4.0,
            Align::Left,
            7.5,
            false,
            MUTED,
            &words,
        ));
        w.place(vec![Row { h, items }], true, &mut cont);
    }
    if !person.skills.is_empty() {
        let note = w.text(
            x,
            w.y + 10.0,
            cw,
            Align::Left,
            7.0,
            false,
            MUTED,
            "Filled boxes: the level now (1 beginner to 5 expert). Outlined boxes: the level wanted.",
        );
        if w.room() >= 14.0 {
            w.push(note);
            w.y += 14.0;
        }
    }
    w.y += 10.0;

    // Experience.
    if !person.experience.is_empty() {
        w.heading("Experience", 30.0, &mut cont);
        let when_w = 140.0;
        let hours_w = 60.0;
        let what_w = cw - when_w - hours_w;
        for e in &person.experience {
            let mut what = role_name(p, &e.role);
            if let Some(s) = &e.setting {
                what.push_str(&format!(", {s}"));
            }
            let mut rows = w.para(x + when_w, what_w - 8.0, 8.5, false, INK, 12.0, &what);
            let when = match e.to {
                Some(to) => format!("{} → {to}", e.from),
                None => format!("{} → now", e.from),
            };
            let b = baseline(8.0, 12.0);
            let t = w.text(x, b, when_w - 8.0, Align::Left, 8.0, false, MUTED, &when);
            rows[0].items.insert(0, t);
            if let Some(h) = e.hours_per_week {
                let t = w.text(
                    x + cw - hours_w,
                    b,
                    hours_w,
                    Align::Right,
                    8.0,
                    false,
                    MUTED,
                    &format!("{} h/week", grouped(h)),
                );
                rows[0].items.push(t);
            }
            rows.push(Row::gap(3.0));
            w.place(rows, true, &mut cont);
        }
        w.y += 10.0;
    }

    // The renewals have a section of their own; the profile points to it.
    if !p.schedule.credentials.is_empty() {
        w.heading("Credential renewals", 30.0, &mut cont);
        let rows = w.para(
            x,
            cw,
            8.5,
            false,
            MUTED,
            12.0,
            &format!(
                "The expiry, status and CE of each credential, and the renewal work the plan \
                 schedules for it: see “{}”, the next section.",
                super::credentials::TITLE
            ),
        );
        w.place(rows, false, &mut cont);
    }
}

/// A heading and a flow of rounded-looking chips, one per entry.
fn chips_block(
    w: &mut Writer,
    title: &str,
    entries: &[String],
    empty: &str,
    cont: &mut dyn FnMut(&mut Writer),
) {
    w.heading(title, 20.0, cont);
    let (x, cw) = (w.left(), w.content_w());
    if entries.is_empty() {
        let rows = w.para(x, cw, 8.5, false, MUTED, 12.0, empty);
        w.place(rows, false, cont);
        w.y += 8.0;
        return;
    }
    let size = 8.5;
    let (pad, gap, h) = (7.0, 6.0, 16.0);
    let mut row = Row {
        h: h + 5.0,
        items: vec![],
    };
    // Chip outlines stay inside the margins.
    let (x, cw) = (x + 0.5, cw - 1.0);
    let mut cx = x;
    let mut rows = Vec::new();
    for e in entries {
        // A long entry wraps inside its own chip row by row.
        let lines = w.wrap(&humanize(e), size, false, cw - 2.0 * pad);
        for line in lines {
            let tw = w.measure(&line, size, false);
            let cw_needed = tw + 2.0 * pad;
            if cx > x && cx + cw_needed > x + cw {
                rows.push(std::mem::replace(
                    &mut row,
                    Row {
                        h: h + 5.0,
                        items: vec![],
                    },
                ));
                cx = x;
            }
            row.items.push(Item::Rect {
                x: cx,
                y: 0.0,
                w: cw_needed,
                h,
                fill: Some(PANEL),
                stroke: Some(Stroke {
                    color: RULE,
                    width: 0.5,
                }),
            });
            row.items.push(w.text(
                cx + pad,
                baseline(size, h),
                tw + 0.5,
                Align::Left,
                size,
                false,
                INK,
                &line,
            ));
            cx += cw_needed + gap;
        }
    }
    rows.push(row);
    w.place(rows, false, cont);
    w.y += 8.0;
}
