//! `carepath show`: the plan in the terminal. A header, a text Gantt chart (by month, by quarter
//! when the plan spans more than three years, by year when even that does not fit), the goals
//! with their SMART marks, and what to do in the next 90 days.

use std::fmt::Write;

use carepath_model::{ResolvedPlan, ScheduledMilestone, Status, schedule};
use jiff::civil::Date;

use super::{Paint, RenderOptions, days, header, hours, pad};

/// Months since year 0, for placing dates in chart cells.
fn month_index(d: Date) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month()) - 1
}

/// The chart's time axis: `cells` cells of `unit` months each from month `first`, each drawn
/// `cell_width` characters wide.
#[derive(Debug, Clone, Copy)]
struct Axis {
    first: i64,
    unit: i64,
    cells: usize,
    cell_width: usize,
}

impl Axis {
    fn new(from: Date, to: Date, room: usize) -> Axis {
        let (a, b) = (month_index(from), month_index(to).max(month_index(from)));
        let span = b - a + 1;
        let room = room.max(8) as i64;
        // Months up to three years, else quarters; years (or several) when that does not fit.
        let mut unit = if span <= 36 { 1 } else { 3 };
        let cells_for = |unit: i64| (b - a.div_euclid(unit) * unit) / unit + 1;
        if cells_for(unit) > room {
            unit = 12;
            while cells_for(unit) > room {
                unit += 12;
            }
        }
        let first = a.div_euclid(unit) * unit;
        let cells = cells_for(unit) as usize;
        let cell_width = (room as usize / cells).clamp(1, 3);
        Axis {
            first,
            unit,
            cells,
            cell_width,
        }
    }

    /// The cell a date falls in (may be outside `0..cells`).
    fn cell(&self, d: Date) -> i64 {
        (month_index(d) - self.first).div_euclid(self.unit)
    }

    fn width(&self) -> usize {
        self.cells * self.cell_width
    }

    /// The two header lines: years, then months (initials), quarters (1-4) or nothing.
    fn labels(&self) -> (String, String) {
        let mut years = vec![' '; self.width()];
        let mut ticks = vec![' '; self.width()];
        let mut last_year = None;
        for c in 0..self.cells {
            let m = self.first + c as i64 * self.unit;
            let (year, month) = (m.div_euclid(12), m.rem_euclid(12));
            let x = c * self.cell_width;
            // A partial first year whose label would hide the next year's is left unlabelled.
            let next_year_x = ((12 - month + self.unit - 1) / self.unit) as usize * self.cell_width;
            let crowded = c == 0 && month >= self.unit && next_year_x < 5;
            if last_year != Some(year) && (month < self.unit || c == 0) && !crowded {
                let label = year.to_string();
                // Only where it fits without running into the next year's label.
                if x + label.len() <= years.len()
                    && years[x..x + label.len()].iter().all(|&ch| ch == ' ')
                    && (x == 0 || years[x - 1] == ' ')
                {
                    for (k, ch) in label.chars().enumerate() {
                        years[x + k] = ch;
                    }
                }
                last_year = Some(year);
            }
            ticks[x] = match self.unit {
                1 => ['J', 'F', 'M', 'A', 'M', 'J', 'J', 'A', 'S', 'O', 'N', 'D'][month as usize],
                3 => char::from(b'1' + (month / 3) as u8),
                _ if month == 0 => '\'',
                _ => ' ',
            };
        }
        (years.into_iter().collect(), ticks.into_iter().collect())
    }
}

/// What a chart cell shows under its marker: nothing, the baseline, or the forecast (strongest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Bar {
    Empty,
    Baseline,
    Forecast,
}

/// A marker drawn over a cell's first character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    None,
    Today,
    Due,
}

fn bar(m: &ScheduledMilestone, axis: &Axis, today: i64, end: Date) -> Vec<(Bar, Marker)> {
    let mut cells = vec![(Bar::Empty, Marker::None); axis.cells];
    if (0..axis.cells as i64).contains(&today) {
        cells[today as usize].1 = Marker::Today;
    }
    for (from, to, mark) in [
        (m.baseline.start, m.baseline.finish, Bar::Baseline),
        (m.forecast.start, m.forecast.finish, Bar::Forecast),
    ] {
        let (a, b) = (axis.cell(from).max(0), axis.cell(to.min(end)));
        for c in a..=b.min(axis.cells as i64 - 1) {
            let cell = &mut cells[c as usize].0;
            *cell = (*cell).max(mark);
        }
    }
    if let Some(due) = m.due {
        let c = axis.cell(due);
        if (0..axis.cells as i64).contains(&c) {
            cells[c as usize].1 = Marker::Due;
        }
    }
    cells
}

/// Words of `text` in lines of at most `width` characters, the first after `first`, the rest
/// after `rest`.
pub(super) fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if !empty && len + 1 + word.chars().count() > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = rest.to_string();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

/// Items joined by two spaces, in as many lines as the width needs; `visible` is each item's
/// length without colour codes.
fn flow(items: &[(String, usize)], width: usize, lead: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for (k, (item, visible)) in items.iter().enumerate() {
        if k > 0 && len + 2 + visible > width {
            out.push('\n');
            len = 0;
        }
        if len == 0 {
            out.push_str(lead);
            len = lead.chars().count();
        } else {
            out.push_str("  ");
            len += 2;
        }
        out.push_str(item);
        len += visible;
    }
    out.push('\n');
    out
}

fn status_word(m: &ScheduledMilestone) -> String {
    match (m.status, m.late_days) {
        (Status::Late, Some(d)) => format!("late {d}d"),
        (s, _) => s.as_str().to_string(),
    }
}

/// The plan in the terminal: header, timeline, goals with SMART marks, the next 90 days.
pub fn show(r: &ResolvedPlan, o: &RenderOptions) -> String {
    let p = Paint::new(o.color);
    let mut out = header(r, &p, o.width);
    let ms = &r.schedule.milestones;
    if ms.is_empty() {
        out.push_str("\nNo milestones yet: add [[milestones]] to the plan.\n");
        goals(&mut out, r, &p, o);
        return out;
    }

    // The chart spans the plan; a milestone that cannot be scheduled runs off its end.
    let horizon = schedule::horizon(r.as_of.max(r.plan.start));
    let schedulable = |m: &&ScheduledMilestone| m.forecast.finish < horizon;
    let from = ms
        .iter()
        .flat_map(|m| [m.baseline.start, m.forecast.start])
        .chain([r.plan.start])
        .min()
        .unwrap_or(r.plan.start);
    let to = ms
        .iter()
        .filter(schedulable)
        .flat_map(|m| [m.baseline.finish.min(horizon), m.forecast.finish])
        .chain(ms.iter().filter_map(|m| m.due))
        .chain([from])
        .max()
        .unwrap_or(from);

    let id_width = ms
        .iter()
        .map(|m| m.id.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(6, 24)
        .min(o.width / 4);
    let status_width = 11;
    let room = o.width.saturating_sub(id_width + status_width + 5);
    let axis = Axis::new(from, to, room);
    let today = axis.cell(r.as_of);

    let unit = match axis.unit {
        1 => "month".to_string(),
        3 => "quarter".to_string(),
        12 => "year".to_string(),
        n => format!("{} years", n / 12),
    };
    let _ = writeln!(out, "\n{}Timeline{} (one column a {unit})", p.bold, p.reset);
    let (years, ticks) = axis.labels();
    let lead = " ".repeat(id_width + 2);
    let _ = writeln!(out, "{lead}{}", years.trim_end());
    let _ = writeln!(out, "{lead}{}", ticks.trim_end());
    for m in ms {
        if !m.occurrences.is_empty() {
            out.push_str(&tick_row(m, &axis, today, id_width, &p));
            continue;
        }
        let cells = bar(m, &axis, today, to);
        let mut line = String::new();
        let star = if m.critical {
            format!("{}*{}", p.magenta, p.reset)
        } else {
            " ".to_string()
        };
        let _ = write!(line, "{star}{} ", pad(&m.id, id_width));
        let color = p.status(m.status);
        for (under, marker) in cells {
            let (fill, c) = match under {
                Bar::Empty => (' ', ""),
                Bar::Baseline => ('·', p.dim),
                Bar::Forecast => ('█', color),
            };
            let (head, hc) = match marker {
                Marker::None => (fill, c),
                Marker::Today => (if under == Bar::Empty { '┆' } else { fill }, p.dim),
                Marker::Due => ('|', p.bold),
            };
            let rest: String = std::iter::repeat_n(fill, axis.cell_width - 1).collect();
            if hc.is_empty() {
                line.push(head);
            } else {
                let _ = write!(line, "{hc}{head}{}", p.reset);
            }
            if c.is_empty() || rest.is_empty() {
                line.push_str(&rest);
            } else {
                let _ = write!(line, "{c}{rest}{}", p.reset);
            }
        }
        let more = if m.forecast.finish >= horizon {
            "→"
        } else {
            " "
        };
        let _ = writeln!(out, "{line}{more} {color}{}{}", status_word(m), p.reset);
    }
    let today_text = format!("today {}", r.as_of);
    let legend = [
        (format!("{}█{} forecast", p.blue, p.reset), 10),
        (format!("{}·{} baseline", p.dim, p.reset), 10),
        ("| due".to_string(), 5),
        (
            format!("{}┆{} {today_text}", p.dim, p.reset),
            2 + today_text.len(),
        ),
        (format!("{}*{} critical chain", p.magenta, p.reset), 16),
    ];
    let mut legend = legend.to_vec();
    if ms.iter().any(|m| !m.occurrences.is_empty()) {
        legend.push((
            format!(
                "{}●{} done {}○{} planned {}×{} missed or late",
                p.green, p.reset, p.blue, p.reset, p.red, p.reset
            ),
            36,
        ));
    }
    out.push_str(&flow(&legend, o.width, &lead));

    if !r.schedule.explanations.is_empty() {
        let _ = writeln!(out, "\n{}Why it is late{}", p.bold, p.reset);
        for e in &r.schedule.explanations {
            out.push_str(&wrap(&e.text.terminal(), o.width, "  - ", "    "));
        }
    }

    goals(&mut out, r, &p, o);
    next_days(&mut out, r, &p, o);
    keep_in_touch(&mut out, r, &p);
    let strip = your_weeks(&mut out, r, &p);
    shift_warnings(&mut out, r, &p, o, strip);
    out
}

/// The warnings about the plan's shifts and its roster file (W021, W022, W030-W032), as `check`
/// words them, under the "Your weeks" strip (or a heading of their own for a plan without one).
fn shift_warnings(out: &mut String, r: &ResolvedPlan, p: &Paint, o: &RenderOptions, strip: bool) {
    let warnings = &r.schedule.shift_warnings;
    if warnings.is_empty() {
        return;
    }
    if !strip {
        let _ = writeln!(out, "\n{}Your shifts{}", p.bold, p.reset);
    }
    for w in warnings {
        out.push_str(&wrap(
            &format!("{}warning[{}]{}: {}", p.yellow, w.code, p.reset, w.text),
            o.width,
            "  ",
            "    ",
        ));
        if let Some(h) = &w.hint {
            out.push_str(&wrap(&format!("hint: {h}"), o.width, "    ", "    "));
        }
    }
}

/// A recurring milestone as a row of ticks, one per occurrence in the cell of its day: the
/// strongest of the cell's occurrences shows (missed or late, then planned, then done).
fn tick_row(m: &ScheduledMilestone, axis: &Axis, today: i64, id_width: usize, p: &Paint) -> String {
    // 0 nothing, 1 done, 2 planned, 3 missed or late.
    let mut cells = vec![0u8; axis.cells];
    for o in &m.occurrences {
        let c = axis.cell(o.date);
        if !(0..axis.cells as i64).contains(&c) {
            continue;
        }
        let k = if o.missed() || o.late() {
            3
        } else if o.done.is_some() {
            1
        } else {
            2
        };
        let cell = &mut cells[c as usize];
        *cell = (*cell).max(k);
    }
    let mut line = format!(" {} ", pad(&m.id, id_width));
    for (c, k) in cells.iter().enumerate() {
        let (ch, color) = match k {
            1 => ('●', p.green),
            2 => ('○', p.blue),
            3 => ('×', p.red),
            _ if c as i64 == today => ('┆', p.dim),
            _ => (' ', ""),
        };
        if color.is_empty() {
            line.push(ch);
        } else {
            let _ = write!(line, "{color}{ch}{}", p.reset);
        }
        line.push_str(&" ".repeat(axis.cell_width - 1));
    }
    let color = p.status(m.status);
    let _ = writeln!(line, "  {color}{}{}", status_word(m), p.reset);
    line
}

/// The people whose next contact is due within 90 days of the as-of date (or overdue); nothing
/// for a plan without people.
fn keep_in_touch(out: &mut String, r: &ResolvedPlan, p: &Paint) {
    if r.schedule.people.is_empty() {
        return;
    }
    let horizon = r.as_of.saturating_add(jiff::Span::new().days(90));
    let due: Vec<_> = r
        .schedule
        .people
        .iter()
        .filter(|c| c.next_contact.is_some_and(|n| n <= horizon))
        .collect();
    let _ = writeln!(
        out,
        "\n{}Keep in touch{} (contacts due by {horizon})",
        p.bold, p.reset
    );
    if due.is_empty() {
        let _ = writeln!(out, "  Nobody is due for contact.");
        return;
    }
    let id_width = due
        .iter()
        .map(|c| c.id.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(6, 24);
    for c in due {
        let next = c.next_contact.unwrap_or(horizon);
        let last = c
            .last_contact
            .map_or("no contact logged".to_string(), |d| format!("last {d}"));
        let when = if c.overdue {
            format!("{}overdue since {next}{}", p.red, p.reset)
        } else {
            format!("due {next}")
        };
        let _ = writeln!(
            out,
            "  {} {:10} {when}  ({last})",
            pad(&c.id, id_width),
            c.relation.as_str()
        );
    }
}

/// For a plan with shifts (a rotation or a roster): the next 8 weeks, from the as-of week, with
/// their shift hours, study hours, total, and which days are free for study; then the weeks over
/// `max_week_hours`. Nothing for any other plan; returns whether it wrote the strip.
fn your_weeks(out: &mut String, r: &ResolvedPlan, p: &Paint) -> bool {
    let load = &r.schedule.weekly_load;
    if load.first().is_none_or(|w| w.shift_hours.is_none()) {
        return false;
    }
    let from = r.as_of.saturating_sub(jiff::Span::new().days(6));
    let weeks: Vec<_> = load.iter().filter(|w| w.week > from).take(8).collect();
    let limit = r.plan.capacity.max_week_hours;
    let limit_text = limit
        .map(|l| format!("; at most {} a week, shifts included", hours(l)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "\n{}Your weeks{} (shifts and study, the next 8 weeks{limit_text})",
        p.bold, p.reset
    );
    if weeks.is_empty() {
        let _ = writeln!(out, "  No study is planned from {} on.", r.as_of);
        return true;
    }
    let _ = writeln!(
        out,
        "  {:<10}  {:>7}  {:>6}  {:>6}  free for study",
        "week of", "shifts", "study", "total"
    );
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let mut over = Vec::new();
    for w in &weeks {
        let shift = w.shift_hours.unwrap_or(0.0);
        let study = w.forecast_hours.unwrap_or(w.baseline_hours);
        let total = w.total_hours.unwrap_or(shift + study);
        let free: Vec<&str> = (0..7)
            .filter(|k| w.free_mask & (1 << k) != 0)
            .map(|k| DAYS[k])
            .collect();
        let free = if free.is_empty() {
            "none".to_string()
        } else {
            free.join(" ")
        };
        let is_over = limit.is_some_and(|l| total > l + 1e-9);
        if is_over {
            over.push((w.week, shift));
        }
        let (c, e) = if is_over { (p.red, p.reset) } else { ("", "") };
        let _ = writeln!(
            out,
            "  {:<10}  {:>7}  {:>6}  {c}{:>6}{e}  {free}",
            w.week.to_string(),
            hours(shift),
            hours(study),
            hours(total),
        );
    }
    if let Some(l) = limit {
        if over.is_empty() {
            let _ = writeln!(out, "  No week over {}.", hours(l));
        } else {
            // A rotation repeats: the shift hours are said once when the weeks share them.
            let same = over.iter().all(|(_, s)| (s - over[0].1).abs() < 1e-9);
            let list = if same && over.len() == weeks.len() {
                format!(
                    "all {} weeks ({} of shifts alone)",
                    weeks.len(),
                    hours(over[0].1)
                )
            } else if same {
                let days: Vec<String> = over.iter().map(|(d, _)| d.to_string()).collect();
                format!("{} ({} of shifts alone)", days.join(", "), hours(over[0].1))
            } else {
                let days: Vec<String> = over
                    .iter()
                    .map(|(d, s)| format!("{d} ({} of shifts alone)", hours(*s)))
                    .collect();
                days.join(", ")
            };
            let _ = writeln!(
                out,
                "  Over {}: {list}; no study is planned in those weeks.",
                hours(l)
            );
        }
    }
    true
}

fn goals(out: &mut String, r: &ResolvedPlan, p: &Paint, o: &RenderOptions) {
    if r.schedule.goals.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}Goals{}", p.bold, p.reset);
    let id_width = r
        .schedule
        .goals
        .iter()
        .map(|g| g.id.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(4, 20);
    for g in &r.schedule.goals {
        let marks: Vec<String> = g
            .smart
            .criteria()
            .iter()
            .map(|(name, c)| {
                let letter = name[..1].to_uppercase();
                if c.pass {
                    format!("{letter}{}✓{}", p.green, p.reset)
                } else {
                    format!("{letter}{}✗{}", p.red, p.reset)
                }
            })
            .collect();
        let finish = match (g.finish, g.due) {
            (Some(f), Some(d)) => format!("finish {f}, due {d}"),
            (Some(f), None) => format!("finish {f}"),
            (None, Some(d)) => format!("due {d}"),
            (None, None) => String::new(),
        };
        // "  id S✓ M✓ A✓ R✓ T✓ 5/5  status  finish …", the finish left out when it does not fit.
        let visible = 2 + id_width + 1 + 14 + 5 + 2 + g.status.as_str().len() + 2;
        let finish = if visible + finish.chars().count() <= o.width {
            finish
        } else {
            String::new()
        };
        let line = format!(
            "  {} {} {}/5  {}{}{}  {finish}",
            pad(&g.id, id_width),
            marks.join(" "),
            g.score,
            p.status(g.status),
            g.status.as_str(),
            p.reset,
        );
        let _ = writeln!(out, "{}", line.trim_end());
        for (name, c) in g.smart.criteria() {
            if !c.pass {
                let label = name.replace('_', "-");
                let lead = " ".repeat(id_width + 3);
                let text = wrap(
                    &format!("{label}: {}", c.terminal()),
                    o.width.max(id_width + 23),
                    &lead,
                    &format!("{lead}  "),
                );
                let _ = write!(out, "{}{text}{}", p.dim, p.reset);
            }
        }
    }
}

fn next_days(out: &mut String, r: &ResolvedPlan, p: &Paint, o: &RenderOptions) {
    let horizon = r.as_of.saturating_add(jiff::Span::new().days(90));
    let _ = writeln!(
        out,
        "\n{}Next 90 days{} ({} to {})",
        p.bold, p.reset, r.as_of, horizon
    );
    let next = r.next_actions(90);
    if next.is_empty() {
        let _ = writeln!(out, "  Nothing scheduled.");
        return;
    }
    let planned: f64 = r
        .schedule
        .weekly_load
        .iter()
        .filter(|w| w.week <= horizon && days(w.week, r.as_of) < 7)
        .filter_map(|w| w.forecast_hours)
        .sum();
    let id_width = next
        .iter()
        .map(|m| m.id.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(6, 24);
    // id, title, start → finish, hours left, status; the title and the start go when narrow.
    let title_width = o.width.saturating_sub(id_width + 55).min(60);
    let wide = title_width >= 10;
    for m in next {
        let left = if m.remaining_hours > 0.0 {
            format!("{} left", hours(m.remaining_hours))
        } else {
            "no hours".to_string()
        };
        let when = if wide {
            format!(
                "{} {} → {}",
                pad(&m.title, title_width),
                m.forecast.start,
                m.forecast.finish
            )
        } else {
            format!("→ {}", m.forecast.finish)
        };
        let _ = writeln!(
            out,
            "  {} {when}  {}  {}{}{}",
            pad(&m.id, id_width),
            pad(&left, 11),
            p.status(m.status),
            m.status.as_str(),
            p.reset
        );
    }
    out.push_str(&wrap(
        &format!(
            "About {} of development planned in these weeks ({} a week at most).",
            hours(planned),
            hours(r.plan.capacity.hours_per_week)
        ),
        o.width,
        "  ",
        "  ",
    ));
}

#[cfg(test)]
mod tests {
    use super::super::testing::{AS_OF, PLAN, resolved};
    use super::*;
    use jiff::civil::date;

    fn plain(width: usize) -> RenderOptions {
        RenderOptions {
            color: false,
            width,
        }
    }

    #[test]
    fn show_has_header_timeline_goals_and_next_days() {
        let r = resolved(PLAN, AS_OF);
        let text = show(&r, &plain(100));
        assert!(!text.contains('\x1b'), "no colour when color is false");
        assert!(text.starts_with("Zoë Nguyễn — Bedside RN to CCRN\n"));
        assert!(text.contains("registered-nurse -> critical-care-nurse, target 2028-06-30"));
        assert!(
            text.contains("As of 2026-11-22, the forecast finishes 2027-11-12: meets the target")
        );
        // 2026 to 2027: by month.
        assert!(text.contains("Timeline (one column a month)"));
        let exam = text.lines().find(|l| l.contains("ccrn-exam")).unwrap();
        assert!(
            exam.starts_with('*'),
            "the exam is on the critical chain: {exam}"
        );
        assert!(exam.contains('|'), "its due date is marked: {exam}");
        assert!(exam.contains('█'));
        assert!(exam.trim_end().ends_with("late 43d"), "{exam}");
        let done = text
            .lines()
            .find(|l| l.contains("icu-application"))
            .unwrap();
        assert!(done.trim_end().ends_with("done"));
        // Goals with their marks, and the reasons of the failures.
        let ccrn = text.lines().find(|l| l.starts_with("  ccrn ")).unwrap();
        assert!(ccrn.contains("S✓ M✓ A✗ R✓ T✓ 4/5"), "{ccrn}");
        assert!(
            text.contains("specific: fails: every word in the title is vague (improve, skills)")
        );
        // The terminal names milestones by their ids (the PDF and the calendar by their titles).
        assert!(
            text.contains("achievable: fails: `ccrn-exam` would finish after its own due date"),
            "{text}"
        );
        assert!(text.contains("Why it is late"));
        assert!(text.contains("  - ccrn-exam is due "));
        assert!(text.contains("icu-hours (1,750 h at 36 h a week)"));
        let next = text.split("Next 90 days").nth(1).unwrap();
        assert!(next.contains("ccrn-study"));
        assert!(next.contains("80 h left"));
        assert!(
            !next.contains("icu-application"),
            "done work is not a next action"
        );
        // Every line fits the width.
        for line in text.lines() {
            assert!(line.chars().count() <= 100, "too wide: {line}");
        }
    }

    #[test]
    fn show_in_colour_and_narrow() {
        let r = resolved(PLAN, AS_OF);
        let text = show(
            &r,
            &RenderOptions {
                color: true,
                width: 60,
            },
        );
        assert!(text.contains("\x1b[31m"), "late work in red");
        assert!(text.contains("\x1b[0m"));
        let plain_text = show(&r, &plain(60));
        for line in plain_text.lines() {
            assert!(line.chars().count() <= 60, "too wide: {line}");
        }
        assert!(plain_text.contains("  ccrn-study"));
    }

    #[test]
    fn long_plans_are_drawn_by_quarter_or_year() {
        let r = resolved(PLAN, AS_OF);
        let mut r = r;
        // Stretch one milestone over eight years.
        r.schedule.milestones[5].forecast.finish = date(2034, 1, 1);
        let text = show(&r, &plain(100));
        assert!(text.contains("Timeline (one column a quarter)"), "{text}");
        let text = show(&r, &plain(60));
        assert!(text.contains("Timeline (one column a year)"), "{text}");
    }

    #[test]
    fn a_plan_without_milestones() {
        let text = "format = 1\ntitle = \"Just started\"\nstart = 2026-01-05\n[person]\nname = \"Alex Kim\"\n";
        let r = resolved(text, date(2026, 1, 5));
        let out = show(&r, &plain(80));
        assert!(out.contains("No milestones yet"));
        assert!(out.contains("(no target role set)"));
    }

    #[test]
    fn axis_labels_months_and_quarters() {
        let a = Axis::new(date(2026, 11, 1), date(2027, 2, 1), 40);
        assert_eq!(a.unit, 1);
        assert_eq!(a.cells, 4);
        let (years, ticks) = a.labels();
        assert_eq!(ticks.replace(' ', ""), "NDJF");
        assert!(years.starts_with("2026"));
        let q = Axis::new(date(2026, 1, 5), date(2031, 6, 30), 80);
        assert_eq!(q.unit, 3);
        assert_eq!(q.cells, 22);
        assert_eq!(q.cell(date(2026, 4, 1)), 1);
    }
}
