//! Page 1: the summary.

use super::writer::*;
use super::*;
use carepath_model::numbers::plain;

/// The summary page; returns how many notes on the forecast it had room for.
pub(super) fn summary(w: &mut Writer, p: &ResolvedPlan) -> usize {
    let plan = &p.plan;
    let (x, cw) = (w.left(), w.content_w());
    w.new_page();
    let mut cont = continued("Summary");

    let kicker = w.text(
        x,
        w.y + 8.0,
        cw,
        Align::Left,
        8.0,
        true,
        ACCENT,
        "CAREER PLAN",
    );
    w.push(kicker);
    w.y += 14.0;
    let rows = w.para(x, cw, 20.0, true, INK, 25.0, &plan.title);
    w.place(rows, false, &mut cont);
    w.y += 4.0;
    let rows = w.para(x, cw, 13.0, false, INK, 17.0, &plan.person.name);
    w.place(rows, false, &mut cont);

    let current = plan
        .person
        .role
        .as_deref()
        .map(|r| role_name(p, r))
        .unwrap_or_else(|| "Current role not given".into());
    let line = match &plan.target {
        Some(t) => format!("{current} → {}, by {}", role_name(p, &t.role), t.by),
        None => format!("{current} · no target role set"),
    };
    let rows = w.para(x, cw, 10.0, false, MUTED, 14.0, &line);
    w.place(rows, false, &mut cont);
    w.y += 14.0;

    key_figures(w, p, &mut cont);
    w.y += 16.0;
    if let Some((text, heaviest)) = shift_load(p) {
        let rows = w.para(x, cw, 10.0, false, INK, 14.0, &text);
        w.place(rows, true, &mut cont);
        w.y += 4.0;
        let rows = w.para(x, cw, 9.0, true, INK, 13.0, "Heaviest weeks");
        w.place(rows, true, &mut cont);
        for line in heaviest {
            let rows = w.para(x + 10.0, cw - 10.0, 9.0, false, INK, 12.5, &line);
            w.place(rows, true, &mut cont);
        }
        w.y += 14.0;
    }
    if !p.schedule.shift_warnings.is_empty() {
        // The warnings `check` gives about the shifts and the roster file, as notes.
        for sw in &p.schedule.shift_warnings {
            let text = match &sw.hint {
                Some(h) => format!("{} ({}; {h})", sw.text, sw.code),
                None => format!("{} ({})", sw.text, sw.code),
            };
            let rows = note_rows(w, &text);
            w.place(rows, true, &mut cont);
        }
        w.y += 11.0;
    }
    smart_glance(w, p, &mut cont);
    w.y += 14.0;
    next_actions(w, p, &mut cont);
    if p.schedule.explanations.is_empty() {
        return 0;
    }
    w.y += 14.0;
    explanations(w, p, &mut cont)
}

/// For a plan with shifts (a rotation or a roster): what the plan really asks for a week, around
/// the shifts, from the as-of week to its last week of development, and its heaviest weeks, one
/// line per distinct load (a rotation repeats: weeks of the same load are named together, not one
/// line each). `None` for any other plan, whose page stays as it was.
fn shift_load(p: &ResolvedPlan) -> Option<(String, Vec<String>)> {
    let load = &p.schedule.weekly_load;
    load.first()?.shift_hours?;
    let ahead: Vec<_> = load.iter().filter(|w| w.forecast_hours.is_some()).collect();
    let last = ahead
        .iter()
        .rposition(|w| w.forecast_hours.unwrap_or(0.0) > 0.0)?;
    let weeks = &ahead[..=last];
    let n = weeks.len() as f64;
    let study: f64 = weeks.iter().filter_map(|w| w.forecast_hours).sum::<f64>() / n;
    let shifts: f64 = weeks.iter().filter_map(|w| w.shift_hours).sum::<f64>() / n;
    let limit = p
        .plan
        .capacity
        .max_week_hours
        .map(|m| format!(", within your limit of {} h", plain(m)))
        .unwrap_or_default();
    let text = format!(
        "Around your shifts: from {} to {}, the plan asks for about {} h of study a week on top of {} h of shifts, {} h a week in all{limit}.",
        weeks[0].week,
        weeks[last].week.saturating_add(jiff::Span::new().days(6)),
        plain((study * 10.0).round() / 10.0),
        plain((shifts * 10.0).round() / 10.0),
        plain(((study + shifts) * 10.0).round() / 10.0),
    );
    Some((text, heaviest(weeks, (study + shifts) * 1.000_001)))
}

/// The heaviest loads among `weeks` (at most three, heaviest first): each load (its total, shift
/// and study hours) once, with the weeks that have it. After the heaviest, only loads above the
/// `mean`: a lighter week is not "heaviest" just because a rotation has few kinds of week.
fn heaviest(weeks: &[&carepath_model::WeekLoad], mean: f64) -> Vec<String> {
    // Hours to the 1/100 h, as every output rounds them: equal loads compare equal.
    let key = |w: &carepath_model::WeekLoad| {
        let h = |x: Option<f64>| (x.unwrap_or(0.0) * 100.0).round() as i64;
        (h(w.total_hours), h(w.shift_hours), h(w.forecast_hours))
    };
    let mut loads: Vec<((i64, i64, i64), Vec<jiff::civil::Date>)> = Vec::new();
    for w in weeks.iter().filter(|w| w.total_hours.is_some()) {
        let k = key(w);
        match loads.iter_mut().find(|(x, _)| *x == k) {
            Some((_, days)) => days.push(w.week),
            None => loads.push((k, vec![w.week])),
        }
    }
    // Heaviest first; of equal totals, the one that comes first.
    loads.sort_by(|a, b| b.0.0.cmp(&a.0.0).then(a.1[0].cmp(&b.1[0])));
    let mean = (mean * 100.0).round() as i64;
    loads
        .iter()
        .enumerate()
        .filter(|(i, (k, _))| *i == 0 || k.0 > mean)
        .take(3)
        .map(|(_, ((total, shift, study), days))| {
            let h = |x: i64| plain(x as f64 / 100.0);
            let when = match days.as_slice() {
                [one] => format!("the week of {one}"),
                [a, b] => format!("the weeks of {a} and {b}"),
                // Not "from ... to": a rotation's weeks of one load are seldom one after another.
                [first, .., last] => format!(
                    "{} weeks, the first the week of {first}, the last the week of {last}",
                    days.len()
                ),
                [] => String::new(),
            };
            format!(
                "{} h ({} h of shifts, {} h of study): {when}",
                h(*total),
                h(*shift),
                h(*study)
            )
        })
        .collect()
}

fn key_figures(w: &mut Writer, p: &ResolvedPlan, cont: &mut dyn FnMut(&mut Writer)) {
    let s = &p.schedule;
    let (x, cw) = (w.left(), w.content_w());
    let gap = 10.0;
    let tile_w = (cw - 3.0 * gap) / 4.0;
    let tile_h = 58.0;
    if w.room() < tile_h + 30.0 {
        w.break_page(cont);
    }

    let (finish_sub, finish_color) = match &s.target {
        Some(t) => {
            let d = days_between(t.finish, t.by);
            if d >= 0 {
                (
                    format!("{} before the target", plural(d, "day", "days")),
                    GOOD,
                )
            } else {
                (
                    format!("{} after the target", plural(-d, "day", "days")),
                    BAD,
                )
            }
        }
        None => ("no target date set".to_string(), MUTED),
    };
    let (target_value, target_sub) = match &p.plan.target {
        Some(t) => (t.by.to_string(), time_until(p.as_of, t.by)),
        None => ("—".to_string(), "no target role set".to_string()),
    };
    let left = s.totals.remaining_hours;
    let tiles = [
        (
            "FORECAST FINISH",
            s.finish.finish.to_string(),
            finish_sub,
            finish_color,
        ),
        ("TARGET DATE", target_value, target_sub, MUTED),
        (
            "DEVELOPMENT HOURS",
            format!("{} h", grouped(s.totals.effort_hours)),
            if left > 0.0 {
                format!("{} h still to do", grouped(left))
            } else {
                "all worked".to_string()
            },
            MUTED,
        ),
        (
            "COST",
            money(s.totals.cost, p.plan.currency.as_deref()),
            match &p.plan.currency {
                Some(c) => format!("in {c}, all milestones"),
                None => "all milestones".to_string(),
            },
            MUTED,
        ),
    ];
    let top = w.y;
    for (i, (label, value, sub, sub_color)) in tiles.into_iter().enumerate() {
        let tx = x + i as f32 * (tile_w + gap);
        let inner = tile_w - 16.0;
        w.push(Item::Rect {
            x: tx,
            y: top,
            w: tile_w,
            h: tile_h,
            fill: Some(PANEL),
            stroke: None,
        });
        w.push(Item::Rect {
            x: tx,
            y: top,
            w: 3.0,
            h: tile_h,
            fill: Some(ACCENT),
            stroke: None,
        });
        let items = [
            w.text(
                tx + 10.0,
                top + 15.0,
                inner,
                Align::Left,
                6.5,
                true,
                MUTED,
                label,
            ),
            w.label(
                tx + 10.0,
                top + 34.0,
                inner,
                Align::Left,
                13.0,
                true,
                INK,
                &value,
            ),
            w.label(
                tx + 10.0,
                top + 48.0,
                inner,
                Align::Left,
                7.5,
                false,
                sub_color,
                &sub,
            ),
        ];
        for it in items {
            w.push(it);
        }
    }
    w.y = top + tile_h + 14.0;

    // Milestones done, as a bar.
    let done = s.totals.done;
    let total = s.totals.milestones;
    let label = format!("{done} of {total} milestones done");
    let lw = w.measure(&label, 8.5, false).min(cw / 2.0);
    let t = w.text(x, w.y + 8.0, lw, Align::Left, 8.5, false, INK, &label);
    w.push(t);
    let bar_x = x + lw + 12.0;
    let bar_w = x + cw - bar_x;
    progress_bar(
        w,
        bar_x,
        w.y + 2.0,
        bar_w,
        7.0,
        done as f64 / total.max(1) as f64 * 100.0,
    );
    w.y += 12.0;
}

fn progress_bar(w: &mut Writer, x: f32, y: f32, width: f32, h: f32, percent: f64) {
    let frac = (percent.clamp(0.0, 100.0) / 100.0) as f32;
    w.push(Item::Rect {
        x,
        y,
        w: width,
        h,
        fill: Some(Color(0xe1, 0xe7, 0xec)),
        stroke: None,
    });
    if frac > 0.0 {
        w.push(Item::Rect {
            x,
            y,
            w: (width * frac).max(1.0),
            h,
            fill: Some(ACCENT),
            stroke: None,
        });
    }
}

fn smart_glance(w: &mut Writer, p: &ResolvedPlan, cont: &mut dyn FnMut(&mut Writer)) {
    let goals = &p.schedule.goals;
    w.heading("SMART at a glance", 40.0, cont);
    let (x, cw) = (w.left(), w.content_w());
    if goals.is_empty() {
        let rows = w.para(
            x,
            cw,
            8.5,
            false,
            MUTED,
            12.0,
            "No goals yet: add [[goals]] to the plan to have each one checked: specific, \
             measurable, achievable, relevant and time-bound.",
        );
        w.place(rows, false, cont);
        return;
    }
    let mark_w = 22.0;
    let score_w = 34.0;
    let goal_w = cw - 5.0 * mark_w - score_w - 8.0;
    let marks_x = x + goal_w + 8.0;
    let header = |w: &mut Writer| -> Row {
        let mut items = vec![Item::Rect {
            x,
            y: 0.0,
            w: cw,
            h: 15.0,
            fill: Some(HEADER_FILL),
            stroke: None,
        }];
        items.push(w.text(
            x + 4.0,
            10.5,
            goal_w - 4.0,
            Align::Left,
            7.0,
            true,
            MUTED,
            "GOAL",
        ));
        for (i, l) in ["S", "M", "A", "R", "T"].iter().enumerate() {
            let cx = marks_x + i as f32 * mark_w;
            items.push(w.text(cx, 10.5, mark_w, Align::Center, 7.0, true, MUTED, l));
        }
        items.push(w.text(
            marks_x + 5.0 * mark_w,
            10.5,
            score_w - 4.0,
            Align::Right,
            7.0,
            true,
            MUTED,
            "SCORE",
        ));
        Row { h: 15.0, items }
    };
    let row = header(w);
    w.place(vec![row], false, cont);
    let mut cont_with_header = |w: &mut Writer| {
        cont(w);
        let row = header(w);
        w.place(vec![row], false, &mut |_| {});
    };
    const SHOWN: usize = 8;
    for (gi, g) in goals.iter().take(SHOWN).enumerate() {
        let lines = w.wrap(&g.title, 8.5, false, goal_w - 8.0);
        let lead = 11.5;
        let h = lines.len() as f32 * lead + 6.0;
        let mut items = Vec::new();
        if gi % 2 == 1 {
            items.push(Item::Rect {
                x,
                y: 0.0,
                w: cw,
                h,
                fill: Some(STRIPE),
                stroke: None,
            });
        }
        for (i, l) in lines.iter().enumerate() {
            let b = 3.0 + i as f32 * lead + baseline(8.5, lead);
            items.push(w.text(x + 4.0, b, goal_w - 8.0, Align::Left, 8.5, false, INK, l));
        }
        let b = 3.0 + baseline(9.0, lead);
        for (i, (_, c)) in g.smart.criteria().iter().enumerate() {
            let cx = marks_x + i as f32 * mark_w;
            let m = mark(w.f, c.pass);
            let color = if c.pass { GOOD } else { BAD };
            items.push(w.text(cx, b, mark_w, Align::Center, 9.0, true, color, m));
        }
        let score_color = match g.score {
            5 => GOOD,
            3 | 4 => WARN,
            _ => BAD,
        };
        items.push(w.text(
            marks_x + 5.0 * mark_w,
            b,
            score_w - 4.0,
            Align::Right,
            8.5,
            true,
            score_color,
            &format!("{}/5", g.score),
        ));
        w.place(vec![Row { h, items }], true, &mut cont_with_header);
    }
    if goals.len() > SHOWN {
        let more = format!(
            "… and {} more goals: each one is on the Goals pages.",
            goals.len() - SHOWN
        );
        w.y += 3.0;
        let rows = w.para(x, cw, 8.0, false, MUTED, 11.0, &more);
        w.place(rows, false, cont);
    }
}

fn next_actions(w: &mut Writer, p: &ResolvedPlan, cont: &mut dyn FnMut(&mut Writer)) {
    const SHOWN: usize = 10;
    let horizon = add_days(p.as_of, 90);
    let actions = p.next_actions(90);
    w.heading(&format!("The next 90 days (to {horizon})"), 40.0, cont);
    let (x, cw) = (w.left(), w.content_w());
    if actions.is_empty() {
        let rows = w.para(
            x,
            cw,
            8.5,
            false,
            MUTED,
            12.0,
            "Nothing is under way or due to start in the next 90 days.",
        );
        w.place(rows, false, cont);
        return;
    }
    let date_w = 112.0;
    let status_w = 62.0;
    let title_w = cw - date_w - status_w - 8.0;
    let lead = 11.5;
    for (i, m) in actions.iter().take(SHOWN).enumerate() {
        let lines = w.wrap(&m.title, 8.5, false, title_w);
        let h = lines.len() as f32 * lead + 5.0;
        let mut items = Vec::new();
        if i % 2 == 0 {
            items.push(Item::Rect {
                x,
                y: 0.0,
                w: cw,
                h,
                fill: Some(STRIPE),
                stroke: None,
            });
        }
        items.push(Item::Rect {
            x,
            y: 0.0,
            w: 3.0,
            h,
            fill: Some(milestone_color(m)),
            stroke: None,
        });
        let b = 2.5 + baseline(8.5, lead);
        let dates = if m.forecast.start < p.as_of {
            format!("under way → {}", m.forecast.finish)
        } else {
            format!("{} → {}", m.forecast.start, m.forecast.finish)
        };
        items.push(w.text(
            x + 8.0,
            b,
            date_w - 10.0,
            Align::Left,
            7.5,
            false,
            MUTED,
            &dates,
        ));
        for (li, l) in lines.iter().enumerate() {
            let bl = 2.5 + li as f32 * lead + baseline(8.5, lead);
            items.push(w.text(x + date_w, bl, title_w, Align::Left, 8.5, false, INK, l));
        }
        items.push(w.text(
            x + cw - status_w,
            b,
            status_w - 4.0,
            Align::Right,
            7.5,
            true,
            status_color(m.status),
            status_words(m.status),
        ));
        w.place(vec![Row { h, items }], true, cont);
    }
    if actions.len() > SHOWN {
        let more = format!(
            "… and {} more under way or starting by {horizon}: see the milestone table.",
            actions.len() - SHOWN
        );
        w.y += 3.0;
        let rows = w.para(x, cw, 8.0, false, MUTED, 11.0, &more);
        w.place(rows, false, cont);
    }
}

/// As many notes on the forecast as the summary page has room for (at most three); returns how
/// many it showed. The rest follow the milestone table.
fn explanations(w: &mut Writer, p: &ResolvedPlan, cont: &mut dyn FnMut(&mut Writer)) -> usize {
    const SHOWN: usize = 3;
    let ex = &p.schedule.explanations;
    let (x, cw) = (w.left(), w.content_w());
    let page = w.pages.len();
    let blocks: Vec<Vec<Row>> = ex
        .iter()
        .take(SHOWN)
        .map(|e| note_rows(w, &e.text.document()))
        .collect();
    let first_h: f32 = blocks.first().map_or(0.0, |b| b.iter().map(|r| r.h).sum());
    if w.room() < 26.0 + first_h + 14.0 {
        let more = format!(
            "{} on the forecast follow the milestone table.",
            plural(ex.len() as i64, "note", "notes")
        );
        if w.room() >= 14.0 {
            w.y += 3.0;
            let rows = w.para(x, cw, 8.0, false, MUTED, 11.0, &more);
            w.place(rows, false, cont);
        }
        return 0;
    }
    w.heading("What moves the forecast", first_h, cont);
    let mut shown = 0;
    for rows in blocks {
        let h: f32 = rows.iter().map(|r| r.h).sum();
        if h > w.room() - 14.0 || w.pages.len() != page {
            break;
        }
        w.place(rows, true, cont);
        shown += 1;
    }
    if shown < ex.len() {
        let more = format!(
            "{} more: every note on the forecast follows the milestone table.",
            plural((ex.len() - shown) as i64, "note", "notes")
        );
        let rows = w.para(x, cw, 8.0, false, MUTED, 11.0, &more);
        w.place(rows, false, cont);
    }
    shown
}

/// A bulleted note.
fn note_rows(w: &mut Writer, text: &str) -> Vec<Row> {
    let (x, cw) = (w.left(), w.content_w());
    let mut rows = w.para(x + 10.0, cw - 10.0, 8.5, false, INK, 11.5, text);
    if let Some(first) = rows.first_mut() {
        let dot = w.text(
            x,
            baseline(8.5, 11.5),
            8.0,
            Align::Left,
            8.5,
            true,
            WARN,
            "•",
        );
        first.items.insert(0, dot);
    }
    rows.push(Row::gap(3.0));
    rows
}

/// Every note on the forecast, after the milestone table.
pub(super) fn all_notes(w: &mut Writer, p: &ResolvedPlan) {
    let mut cont = continued("Notes on the forecast");
    if w.room() < 120.0 {
        w.section("Notes on the forecast");
    } else {
        w.y += 18.0;
        w.heading("Notes on the forecast", 40.0, &mut cont);
    }
    for e in &p.schedule.explanations {
        let rows = note_rows(w, &e.text.document());
        w.place(rows, true, &mut cont);
    }
}
