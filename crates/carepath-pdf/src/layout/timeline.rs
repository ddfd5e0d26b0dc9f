//! The timeline: a Gantt chart, continued across pages.

use carepath_model::calendar::{next_quarter, quarter_start};

use super::writer::*;
use super::*;

/// Row height of the Gantt chart: compact for long plans, roomier (with titles on two lines)
/// when the whole plan fits on one page anyway.
const ROW_H: f32 = 14.0;
const ROW_H_ROOMY: f32 = 22.0;

/// Maps dates to x positions over whole quarters.
struct Axis {
    start: Date,
    end: Date,
    x0: f32,
    x1: f32,
}

impl Axis {
    /// Days from the start to the end, at least 1.
    fn days(&self) -> i64 {
        days_between(self.start, self.end).max(1)
    }

    fn x(&self, d: Date) -> f32 {
        let t = days_between(self.start, d) as f32 / self.days() as f32;
        self.x0 + t.clamp(0.0, 1.0) * (self.x1 - self.x0)
    }
}

pub(super) fn timeline(w: &mut Writer, p: &ResolvedPlan) {
    let ms = &p.schedule.milestones;
    if ms.is_empty() {
        w.short_section("Timeline");
        let (x, cw) = (w.left(), w.content_w());
        let rows = w.para(
            x,
            cw,
            9.0,
            false,
            MUTED,
            13.0,
            "Nothing to draw yet: the timeline shows each milestone as a bar once the plan has some.",
        );
        w.place(rows, false, &mut |_| {});
        return;
    }
    let mut lo = p.plan.start.min(p.as_of);
    let mut hi = p.as_of;
    for m in ms {
        lo = lo.min(m.baseline.start).min(m.forecast.start);
        hi = hi.max(m.baseline.finish).max(m.forecast.finish);
        if let Some(d) = m.due {
            lo = lo.min(d);
            hi = hi.max(d);
        }
    }
    if let Some(t) = &p.plan.target {
        hi = hi.max(t.by);
    }
    let (x, cw) = (w.left(), w.content_w());
    let label_w = (cw * 0.34).round();
    let axis = Axis {
        start: quarter_start(lo),
        // The day after the last one drawn, rounded up to a whole quarter.
        end: next_quarter(add_days(hi, 1).max(add_days(lo, 1))),
        // A little air so due-date marks at either end stay inside the page.
        x0: x + label_w + 6.0,
        x1: x + cw - 4.0,
    };

    let mut order: Vec<usize> = (0..ms.len()).collect();
    order.sort_by_key(|&i| (ms[i].forecast.start, ms[i].forecast.finish, i));
    // Renewal milestones have a colour of their own, not their kind's.
    let mut kinds: Vec<Kind> = ms.iter().filter(|m| !m.renewal).map(|m| m.kind).collect();
    kinds.sort();
    kinds.dedup();
    let renewals = ms.iter().any(|m| m.renewal);

    let mut first = true;
    let mut rest = &order[..];
    let mut row_h = ROW_H;
    while !rest.is_empty() {
        w.section(if first {
            "Timeline"
        } else {
            "Timeline (continued)"
        });
        legend(w, &kinds, renewals);
        w.y += 6.0;
        let rows_top = axis_header(w, &axis, p);
        if first && rest.len() as f32 * ROW_H_ROOMY <= w.bottom() - rows_top {
            row_h = ROW_H_ROOMY;
        }
        first = false;
        let fit = (((w.bottom() - rows_top) / row_h).floor() as usize).max(1);
        let (chunk, tail) = rest.split_at(fit.min(rest.len()));
        rest = tail;
        gantt_rows(w, &axis, p, chunk, rows_top, label_w, row_h);
        w.y = rows_top + chunk.len() as f32 * row_h;
    }
}

fn legend(w: &mut Writer, kinds: &[Kind], renewals: bool) {
    let (x, cw) = (w.left(), w.content_w());
    let size = 7.0;
    let line_h = 12.0;
    // Each entry: its swatch drawn at (sx, top of line) and its label.
    enum Swatch {
        Kind(Color),
        Baseline,
        Due,
        Today,
        Target,
        Critical,
    }
    let mut entries: Vec<(Swatch, String)> = kinds
        .iter()
        .map(|k| (Swatch::Kind(kind_color(*k)), humanize(k.as_str())))
        .collect();
    if renewals {
        entries.push((Swatch::Kind(RENEWAL), renewal_label(w).into()));
    }
    entries.push((Swatch::Baseline, "baseline (plan as written)".into()));
    entries.push((Swatch::Due, "due date".into()));
    entries.push((Swatch::Today, "today (as of)".into()));
    entries.push((Swatch::Target, "target date".into()));
    entries.push((Swatch::Critical, "critical chain".into()));
    let sw = 12.0;
    let mut cx = x;
    let mut top = w.y;
    for (swatch, label) in entries {
        let lw = w.measure(&label, size, false).min(cw - sw - 4.0);
        let need = sw + 4.0 + lw;
        if cx > x && cx + need > x + cw {
            cx = x;
            top += line_h;
        }
        let mid = top + line_h / 2.0;
        match swatch {
            Swatch::Kind(c) => w.push(Item::Rect {
                x: cx,
                y: mid - 4.0,
                w: sw,
                h: 7.0,
                fill: Some(c),
                stroke: None,
            }),
            Swatch::Baseline => w.push(Item::Rect {
                x: cx,
                y: mid - 1.0,
                w: sw,
                h: 2.2,
                fill: Some(BASELINE),
                stroke: None,
            }),
            Swatch::Due => w.push(diamond(cx + sw / 2.0, mid - 0.5, 3.2)),
            Swatch::Today | Swatch::Target => w.push(Item::Line {
                x1: cx + sw / 2.0,
                y1: mid - 5.0,
                x2: cx + sw / 2.0,
                y2: mid + 4.0,
                width: 1.0,
                color: if matches!(swatch, Swatch::Today) {
                    TODAY
                } else {
                    INK
                },
                dashed: true,
            }),
            Swatch::Critical => w.push(Item::Rect {
                x: cx + 0.6,
                y: mid - 4.0,
                w: sw - 1.2,
                h: 7.0,
                fill: Some(PANEL),
                stroke: Some(Stroke {
                    color: CRITICAL,
                    width: 1.2,
                }),
            }),
        }
        let t = w.text(
            cx + sw + 4.0,
            mid + 2.5,
            lw,
            Align::Left,
            size,
            false,
            INK,
            &label,
        );
        w.push(t);
        cx += need + 12.0;
    }
    w.y = top + line_h;
}

/// The legend's word for a renewal milestone, with the mark its rows carry.
fn renewal_label(w: &Writer) -> &'static str {
    if w.f.covers(RENEWAL_MARK) {
        "↻ renewal of a credential"
    } else {
        "renewal of a credential"
    }
}

/// Put before a renewal milestone's title in its row, so it reads as one in greyscale too.
const RENEWAL_MARK: char = '↻';

fn diamond(cx: f32, cy: f32, r: f32) -> Item {
    Item::Polygon {
        points: vec![(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)],
        fill: INK,
        stroke: Some(Stroke {
            color: WHITE,
            width: 0.5,
        }),
    }
}

/// Draws the today label, years and quarters; returns where the rows begin.
fn axis_header(w: &mut Writer, axis: &Axis, p: &ResolvedPlan) -> f32 {
    let top = w.y;
    let (x0, x1) = (axis.x0, axis.x1);
    // Row 1: the as-of label over the today line.
    if p.as_of >= axis.start && p.as_of < axis.end {
        let label = format!("today {}", p.as_of);
        let lw = w.measure(&label, 6.5, true);
        let tx = (axis.x(p.as_of) - lw / 2.0).clamp(x0, x1 - lw);
        let t = w.text(
            tx,
            top + 7.0,
            lw + 0.5,
            Align::Left,
            6.5,
            true,
            TODAY,
            &label,
        );
        w.push(t);
    }
    let years_top = top + 10.0;
    let quarters_top = years_top + 12.0;
    let rows_top = quarters_top + 11.0;
    w.push(Item::Rect {
        x: x0,
        y: years_top,
        w: x1 - x0,
        h: rows_top - years_top,
        fill: Some(HEADER_FILL),
        stroke: None,
    });
    // Years: label every year that has room, else every k-th year.
    let year_w = (x1 - x0) * 365.25 / axis.days() as f32;
    let label_w = w.measure("2026", 7.0, true) + 6.0;
    let step = ((label_w / year_w).ceil() as i16).max(1);
    let (y_first, y_last) = (axis.start.year(), add_days(axis.end, -1).year());
    for year in y_first..=y_last {
        let ys = Date::new(year, 1, 1).unwrap_or(axis.start).max(axis.start);
        let ye = Date::new(year.saturating_add(1), 1, 1)
            .unwrap_or(axis.end)
            .min(axis.end);
        let (sx, ex) = (axis.x(ys), axis.x(ye));
        if year > y_first {
            w.push(Item::Line {
                x1: sx,
                y1: years_top,
                x2: sx,
                y2: rows_top,
                width: 0.6,
                color: WHITE,
                dashed: false,
            });
        }
        if (year - y_first) % step == 0 {
            let seg = ex - sx;
            let text = year.to_string();
            let tw = w.measure(&text, 7.0, true);
            if seg >= tw + 4.0 {
                let t = w.text(
                    sx,
                    years_top + 8.5,
                    seg,
                    Align::Center,
                    7.0,
                    true,
                    INK,
                    &text,
                );
                w.push(t);
            } else if sx + tw + 2.0 <= x1 {
                let t = w.text(
                    sx + 2.0,
                    years_top + 8.5,
                    tw,
                    Align::Left,
                    7.0,
                    true,
                    INK,
                    &text,
                );
                w.push(t);
            }
        }
    }
    // Quarters: labelled when there is room for "Q4".
    let q_w = year_w / 4.0;
    let q_label = w.measure("Q4", 6.0, false) + 3.0;
    let mut q = axis.start;
    while q < axis.end {
        let nq = next_quarter(q);
        let (sx, ex) = (axis.x(q), axis.x(nq));
        if q_w >= q_label {
            let text = format!("Q{}", (q.month() - 1) / 3 + 1);
            let t = w.text(
                sx,
                quarters_top + 7.5,
                ex - sx,
                Align::Center,
                6.0,
                false,
                MUTED,
                &text,
            );
            w.push(t);
        }
        q = nq;
    }
    rows_top
}

fn gantt_rows(
    w: &mut Writer,
    axis: &Axis,
    p: &ResolvedPlan,
    chunk: &[usize],
    rows_top: f32,
    label_w: f32,
    row_h: f32,
) {
    let ms = &p.schedule.milestones;
    let x = w.left();
    let cw = w.content_w();
    let bottom = rows_top + chunk.len() as f32 * row_h;
    // Stripes first, then grid lines, then bars, then the lines over them.
    for (r, _) in chunk.iter().enumerate() {
        if r % 2 == 1 {
            w.push(Item::Rect {
                x,
                y: rows_top + r as f32 * row_h,
                w: cw,
                h: row_h,
                fill: Some(STRIPE),
                stroke: None,
            });
        }
    }
    let year_w = (axis.x1 - axis.x0) * 365.25 / axis.days() as f32;
    let mut q = axis.start;
    while q <= axis.end {
        let qx = axis.x(q);
        let is_year = q.month() == 1;
        if is_year || year_w / 4.0 >= 4.0 {
            w.push(Item::Line {
                x1: qx,
                y1: rows_top,
                x2: qx,
                y2: bottom,
                width: if is_year { 0.6 } else { 0.3 },
                color: if is_year {
                    RULE
                } else {
                    Color(0xe4, 0xe7, 0xeb)
                },
                dashed: false,
            });
        }
        q = next_quarter(q);
    }
    let num_w = w.measure(&ms.len().to_string(), 6.5, false) + 4.0;
    for (r, &i) in chunk.iter().enumerate() {
        let m = &ms[i];
        let top = rows_top + r as f32 * row_h;
        let mid = top + row_h / 2.0;
        if m.critical {
            w.push(Item::Rect {
                x,
                y: top + 2.0,
                w: 2.0,
                h: row_h - 4.0,
                fill: Some(CRITICAL),
                stroke: None,
            });
        }
        let tx = x + 4.0 + num_w + 4.0;
        let title_w = x + label_w - tx;
        let title = if m.renewal && w.f.covers(RENEWAL_MARK) {
            format!("{RENEWAL_MARK} {}", m.title)
        } else {
            m.title.clone()
        };
        // One line in compact rows; two in roomy ones, the second cut if it must be.
        let mut lines = if row_h >= ROW_H_ROOMY {
            w.wrap(&title, 7.5, m.critical, title_w)
        } else {
            vec![title.clone()]
        };
        if lines.len() > 2 {
            // The rest of the title after the first line, as written (a word broken at the
            // end of the first line continues without a space).
            let whole = w
                .clean(&title)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let tail = whole
                .strip_prefix(lines[0].as_str())
                .map_or_else(|| lines[1..].join(" "), |t| t.trim_start().to_string());
            lines.truncate(1);
            lines.push(tail);
        }
        let first_b = if lines.len() == 2 {
            mid - 1.5
        } else {
            mid + 2.5
        };
        let n = w.text(
            x + 4.0,
            first_b,
            num_w,
            Align::Right,
            6.5,
            false,
            MUTED,
            &(i + 1).to_string(),
        );
        w.push(n);
        for (li, l) in lines.iter().enumerate() {
            let b = first_b + li as f32 * 8.5;
            let t = w.label(tx, b, title_w, Align::Left, 7.5, m.critical, INK, l);
            w.push(t);
        }

        // A recurring milestone: a row of ticks, one per occurrence (solid when done, light
        // when planned, red when missed or late).
        if !m.occurrences.is_empty() {
            let color = milestone_color(m);
            for o in &m.occurrences {
                let fill = if o.missed() || o.late() {
                    BAD
                } else if o.done.is_some() {
                    color
                } else {
                    color.tint(0.45)
                };
                w.push(Item::Rect {
                    x: axis.x(o.date) - 0.8,
                    y: mid - 5.0,
                    w: 1.6,
                    h: 10.0,
                    fill: Some(fill),
                    stroke: None,
                });
            }
            continue;
        }
        // Baseline: a thin grey bar under the forecast.
        let bx0 = axis.x(m.baseline.start);
        let bx1 = axis.x(add_days(m.baseline.finish, 1)).max(bx0 + 1.5);
        let (bar_y, bar_h) = (mid - 4.5, 7.0);
        w.push(Item::Rect {
            x: bx0,
            y: bar_y + 8.0,
            w: bx1 - bx0,
            h: 2.2,
            fill: Some(BASELINE),
            stroke: None,
        });
        // Forecast: the kind's colour, solid for the part done, light for the rest.
        let fx0 = axis.x(m.forecast.start);
        let fx1 = axis.x(add_days(m.forecast.finish, 1)).max(fx0 + 1.5);
        let color = milestone_color(m);
        w.push(Item::Rect {
            x: fx0,
            y: bar_y,
            w: fx1 - fx0,
            h: bar_h,
            fill: Some(color.tint(0.55)),
            stroke: None,
        });
        let done = (m.percent.clamp(0.0, 100.0) / 100.0) as f32;
        if done > 0.0 {
            w.push(Item::Rect {
                x: fx0,
                y: bar_y,
                w: ((fx1 - fx0) * done).max(0.5),
                h: bar_h,
                fill: Some(color),
                stroke: None,
            });
        }
        if m.critical {
            w.push(Item::Rect {
                x: fx0,
                y: bar_y,
                w: fx1 - fx0,
                h: bar_h,
                fill: None,
                stroke: Some(Stroke {
                    color: CRITICAL,
                    width: 1.0,
                }),
            });
        }
        if let Some(due) = m.due {
            w.push(diamond(axis.x(add_days(due, 1)), bar_y + bar_h / 2.0, 3.2));
        }
    }
    if let Some(t) = &p.plan.target {
        let tx = axis.x(add_days(t.by, 1));
        w.push(Item::Line {
            x1: tx,
            y1: rows_top,
            x2: tx,
            y2: bottom,
            width: 0.9,
            color: INK,
            dashed: true,
        });
    }
    if p.as_of >= axis.start && p.as_of < axis.end {
        let tx = axis.x(p.as_of);
        w.push(Item::Line {
            x1: tx,
            y1: rows_top - 23.0,
            x2: tx,
            y2: bottom,
            width: 1.0,
            color: TODAY,
            dashed: true,
        });
    }
}
