//! The milestone table, continued across pages with its header repeated.

use super::writer::*;
use super::*;

struct Col {
    title: &'static str,
    x: f32,
    w: f32,
    align: Align,
}

/// One line of a cell.
struct Cell {
    text: String,
    size: f32,
    bold: bool,
    color: Color,
}

fn cell(text: impl Into<String>, size: f32, bold: bool, color: Color) -> Cell {
    Cell {
        text: text.into(),
        size,
        bold,
        color,
    }
}

fn table_columns(x: f32, cw: f32, num_w: f32) -> Vec<Col> {
    let fixed = [
        ("#", num_w.max(12.0) + 2.0 * PAD, Align::Right),
        ("MILESTONE", 0.0, Align::Left),
        ("FORECAST", 64.0, Align::Left),
        ("DUE", 60.0, Align::Left),
        ("STATUS", 56.0, Align::Left),
        ("DONE", 32.0, Align::Right),
        ("HOURS", 36.0, Align::Right),
        ("COST", 50.0, Align::Right),
    ];
    let used: f32 = fixed.iter().map(|c| c.1).sum();
    let mut cx = x;
    fixed
        .iter()
        .map(|&(title, width, align)| {
            let width = if width == 0.0 { cw - used } else { width };
            let c = Col {
                title,
                x: cx,
                w: width,
                align,
            };
            cx += width;
            c
        })
        .collect()
}

const PAD: f32 = 4.0;

fn table_header(w: &mut Writer, cols: &[Col]) {
    let (x, cw) = (w.left(), w.content_w());
    let mut items = vec![Item::Rect {
        x,
        y: 0.0,
        w: cw,
        h: 16.0,
        fill: Some(HEADER_FILL),
        stroke: None,
    }];
    for c in cols {
        items.push(w.text(
            c.x + PAD,
            11.0,
            c.w - 2.0 * PAD,
            c.align,
            6.5,
            true,
            MUTED,
            c.title,
        ));
    }
    w.place(vec![Row { h: 16.0, items }], false, &mut |_| {});
}

pub(super) fn milestone_table(w: &mut Writer, p: &ResolvedPlan) {
    let ms = &p.schedule.milestones;
    if ms.is_empty() {
        w.short_section("Milestones");
    } else {
        w.section("Milestones");
    }
    let (x, cw) = (w.left(), w.content_w());
    let num_w = w.measure(&ms.len().to_string(), 7.0, false);
    let cols = table_columns(x, cw, num_w);
    if ms.is_empty() {
        let rows = w.para(
            x,
            cw,
            9.0,
            false,
            MUTED,
            13.0,
            "No milestones yet: add [[milestones]] to the plan, each with a title and a kind; \
             each one becomes a row of this table and a bar on the timeline.",
        );
        w.place(rows, false, &mut |_| {});
        return;
    }
    table_header(w, &cols);
    w.fresh_y = w.y;
    let mut cont = |w: &mut Writer| {
        w.section_title("Milestones (continued)");
        let cols = table_columns(w.left(), w.content_w(), num_w);
        table_header(w, &cols);
    };
    let star = if w.f.covers('★') { "★ " } else { "" };
    for (i, m) in ms.iter().enumerate() {
        let cells = milestone_cells(w, p, i, m, &cols, star);
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1);
        let lead = 10.5;
        // One strip per line of the row, so a row taller than a page could still be split;
        // the text goes in afterwards, a cell at a time, so that text extraction reads each
        // cell (a wrapped title) in one piece.
        let mut rows = Vec::new();
        let mut texts: Vec<(usize, usize, Item)> = Vec::new();
        for li in 0..lines {
            let top_pad = if li == 0 { 3.0 } else { 0.0 };
            let bottom_pad = if li + 1 == lines { 3.0 } else { 0.0 };
            let h = top_pad + lead + bottom_pad;
            let mut items = Vec::new();
            if li == 0 {
                items.push(Item::Line {
                    x1: x,
                    y1: 0.0,
                    x2: x + cw,
                    y2: 0.0,
                    width: 0.3,
                    color: RULE,
                    dashed: false,
                });
            }
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
            if li == 0 && m.critical {
                items.push(Item::Rect {
                    x,
                    y: 0.0,
                    w: 2.0,
                    h,
                    fill: Some(CRITICAL),
                    stroke: None,
                });
            }
            for (ci, (c, col)) in cells.iter().zip(&cols).enumerate() {
                if let Some(cl) = c.get(li) {
                    let b = top_pad + baseline(cl.size, lead);
                    let t = w.text(
                        col.x + PAD,
                        b,
                        col.w - 2.0 * PAD,
                        col.align,
                        cl.size,
                        cl.bold,
                        cl.color,
                        &cl.text,
                    );
                    texts.push((ci, li, t));
                }
            }
            rows.push(Row { h, items });
        }
        texts.sort_by_key(|&(ci, li, _)| (ci, li));
        let total: f32 = rows.iter().map(|r| r.h).sum();
        if total <= w.bottom() - w.top() - 80.0 {
            let mut merged = Row {
                h: total,
                items: Vec::new(),
            };
            let mut offsets = Vec::with_capacity(rows.len());
            let mut at = 0.0;
            for r in rows {
                offsets.push(at);
                for mut it in r.items {
                    it.shift(at);
                    merged.items.push(it);
                }
                at += r.h;
            }
            for (_, li, mut t) in texts {
                t.shift(offsets[li]);
                merged.items.push(t);
            }
            rows = vec![merged];
        } else {
            for (_, li, t) in texts {
                rows[li].items.push(t);
            }
        }
        w.place(rows, true, &mut cont);
    }
}

fn milestone_cells(
    w: &mut Writer,
    p: &ResolvedPlan,
    i: usize,
    m: &ScheduledMilestone,
    cols: &[Col],
    star: &str,
) -> Vec<Vec<Cell>> {
    let tw = cols[1].w - 2.0 * PAD;
    let mut title: Vec<Cell> = w
        .wrap(&m.title, 8.0, false, tw)
        .into_iter()
        .map(|l| cell(l, 8.0, false, INK))
        .collect();
    let mut meta = humanize(m.kind.as_str());
    if let Some(g) = &m.goal {
        meta.push_str(&format!(" · goal {g}"));
    }
    if m.renewal {
        match &m.credential {
            Some(c) => meta.push_str(&format!(" · renewal of {}", credential_name(p, c))),
            None => meta.push_str(" · renewal"),
        }
    }
    if m.critical {
        meta.push_str(&format!(" · {star}critical chain"));
    }
    for l in w.wrap(&meta, 6.5, false, tw) {
        let color = if m.critical { CRITICAL } else { MUTED };
        title.push(cell(l, 6.5, false, color));
    }
    if let Some(notes) = p.milestone_notes(i).filter(|n| !n.trim().is_empty()) {
        for l in w.wrap(notes, 6.5, false, tw) {
            title.push(cell(l, 6.5, false, MUTED));
        }
    }
    let mut forecast = vec![cell(m.forecast.start.to_string(), 7.0, false, INK)];
    if m.forecast.finish != m.forecast.start {
        forecast.push(cell(format!("→ {}", m.forecast.finish), 7.0, false, INK));
    }
    let mut due = vec![cell(
        m.due.map_or("—".to_string(), |d| d.to_string()),
        7.0,
        false,
        INK,
    )];
    let room = cols[3].w - 2.0 * PAD;
    let fit = |long: String, short: String, bold: bool| {
        if w.measure(&long, 6.5, bold) <= room {
            long
        } else {
            short
        }
    };
    match m.late_days {
        Some(d) if d > 0 => {
            let t = fit(
                format!("{} late", plural(d, "day", "days")),
                format!("{} d late", grouped(d as f64)),
                true,
            );
            due.push(cell(t, 6.5, true, BAD));
        }
        Some(d) if d < 0 && m.status != Status::Done => {
            let t = fit(
                format!("{} spare", plural(-d, "day", "days")),
                format!("{} d spare", grouped(-d as f64)),
                false,
            );
            due.push(cell(t, 6.5, false, MUTED));
        }
        _ => {}
    }
    let status = vec![cell(
        status_words(m.status),
        7.0,
        true,
        status_color(m.status),
    )];
    let done = vec![cell(
        format!("{:.0}%", m.percent.clamp(0.0, 100.0)),
        7.0,
        false,
        INK,
    )];
    // Hours as every output writes them (two decimals at most); in whole hours where the
    // column is too narrow for the decimals, with "left" on a line of its own where the
    // phrase does not fit on one.
    let hours_room = cols[6].w - 2.0 * PAD;
    let hours_text = |h: f64, size: f32| {
        let exact = grouped(h);
        if w.measure(&exact, size, false) <= hours_room {
            exact
        } else {
            grouped(h.round())
        }
    };
    let mut hours = vec![cell(
        if m.effort_hours > 0.0 {
            hours_text(m.effort_hours, 7.0)
        } else {
            "—".into()
        },
        7.0,
        false,
        INK,
    )];
    if m.remaining_hours > 0.0 && m.remaining_hours < m.effort_hours {
        let left = hours_text(m.remaining_hours, 6.5);
        let phrase = format!("{left} left");
        if w.measure(&phrase, 6.5, false) <= hours_room {
            hours.push(cell(phrase, 6.5, false, MUTED));
        } else {
            hours.push(cell(left, 6.5, false, MUTED));
            hours.push(cell("left", 6.5, false, MUTED));
        }
    }
    let cost = vec![cell(
        m.cost
            .map_or("—".to_string(), |c| money(c, p.plan.currency.as_deref())),
        7.0,
        false,
        INK,
    )];
    vec![
        vec![cell((i + 1).to_string(), 7.0, false, MUTED)],
        title,
        forecast,
        due,
        status,
        done,
        hours,
        cost,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use carepath_model::numbers::grouped;
    use jiff::civil::date;

    const PLAN: &str = r#"
format = 1
title = "Hours to the hundredth"
start = 2026-01-05
currency = "usd"

[person]
name = "Alex Kim"

[capacity]
hours_per_week = 7.5

[[milestones]]
id = "ccrn-review"
title = "CCRN review course"
kind = "certification"
effort_hours = 12.25
cost = 1234.5

[[milestones]]
id = "icu-hours"
title = "Precepted ICU hours"
kind = "experience"
effort_hours = 1234.56

[[milestones]]
id = "sepsis-module"
title = "Sepsis module"
kind = "training"
effort_hours = 40

[[progress]]
date = 2026-01-10
milestone = "ccrn-review"
amount = 0.5

[[progress]]
date = 2026-01-10
milestone = "sepsis-module"
amount = 0.5
"#;

    fn writer() -> Writer {
        let (width, height) = paper_size(Paper::A4);
        let mut w = Writer {
            f: fonts(),
            width,
            height,
            pages: Vec::new(),
            y: MARGIN,
            fresh_y: MARGIN,
            warnings: BTreeSet::new(),
        };
        w.new_page();
        w
    }

    fn cells(plan: &ResolvedPlan, i: usize) -> (Vec<Vec<String>>, bool) {
        let mut w = writer();
        let cols = table_columns(w.left(), w.content_w(), 10.0);
        let m = &plan.schedule.milestones[i];
        let cells = milestone_cells(&mut w, plan, i, m, &cols, "");
        let fits = cells.iter().zip(&cols).all(|(c, col)| {
            c.iter()
                .all(|l| w.measure(&l.text, l.size, l.bold) <= col.w - 2.0 * PAD)
        });
        let text = cells
            .into_iter()
            .map(|c| c.into_iter().map(|l| l.text).collect())
            .collect();
        (text, fits)
    }

    /// The table's hours and cost are written the way the terminal and CSV write them (two
    /// decimals at most, thousands grouped; money in whole units with its sign), and always fit
    /// their narrow columns: nothing is cut short with an ellipsis.
    #[test]
    fn hours_and_cost_agree_with_the_other_outputs_and_fit() {
        let checked = carepath_model::check(PLAN.as_bytes(), carepath_model::Format::Toml, None);
        let plan = carepath_model::resolve(&checked.plan.expect("checks"), date(2026, 1, 12), None);
        let (text, fits) = cells(&plan, 0);
        assert!(fits, "{text:?}");
        assert_eq!(text[6], ["12.25", "11.75", "left"]);
        assert_eq!(
            text[6][0],
            grouped(plan.schedule.milestones[0].effort_hours)
        );
        assert_eq!(text[7], ["$1,235"]);
        // Too wide with its decimals: whole hours.
        let (text, fits) = cells(&plan, 1);
        assert!(fits, "{text:?}");
        assert_eq!(text[6], ["1,235"]);
        let (text, _) = cells(&plan, 2);
        assert_eq!(text[6], ["40", "39.5 left"]);
    }
}
