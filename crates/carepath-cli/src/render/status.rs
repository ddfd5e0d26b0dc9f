//! `carepath status`: progress as of the as-of date. One table of milestones (status, percent
//! done against what the baseline expects by now, forecast finish, days late), one of goals, and
//! the target line.

use std::fmt::Write;

use carepath_model::{ResolvedPlan, Status};

use super::show::wrap;
use super::{Paint, RenderOptions, days, days_text, header, pad};

/// A small progress bar: `done` filled, up to the `expected` mark.
fn meter(done: f64, expected: f64, width: usize) -> String {
    let cell = |x: f64| ((x.clamp(0.0, 100.0) / 100.0) * width as f64).round() as usize;
    let (d, e) = (cell(done), cell(expected));
    (0..width)
        .map(|k| {
            if k < d {
                '█'
            } else if k < e {
                '░'
            } else {
                '·'
            }
        })
        .collect()
}

fn pct(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}%")
    } else {
        format!("{x:.1}%")
    }
}

/// Progress per milestone and goal, and the target line.
pub fn status(r: &ResolvedPlan, o: &RenderOptions) -> String {
    let p = Paint::new(o.color);
    let mut out = header(r, &p, o.width);
    let ms = &r.schedule.milestones;
    let id_width = ms
        .iter()
        .map(|m| m.id.chars().count())
        .chain(r.schedule.goals.iter().map(|g| g.id.chars().count()))
        .max()
        .unwrap_or(0)
        .clamp(9, 24)
        .min(o.width / 4);
    // id, status, done, expected, meter, finish, late
    let fixed = id_width + 2 + 12 + 7 + 9 + 11 + 6;
    let meter_width = o.width.saturating_sub(fixed + 2).clamp(0, 20);

    let _ = writeln!(
        out,
        "\n{} {} {} {:>6} {:>8} {}{} {:<10} {:>5}{}",
        p.bold,
        pad("Milestone", id_width),
        pad("Status", 11),
        "Done",
        "Expected",
        " ".repeat(meter_width),
        if meter_width > 0 { " " } else { "" },
        "Finish",
        "Late",
        p.reset
    );
    if ms.is_empty() {
        let _ = writeln!(out, "  (no milestones)");
    }
    for m in ms {
        let late = match (m.status, m.late_days) {
            (Status::Done, _) | (_, None) => String::new(),
            (_, Some(d)) if d > 0 => format!("+{d}"),
            (_, Some(d)) => d.to_string(),
        };
        let bar = if meter_width > 0 {
            format!("{} ", meter(m.percent, m.expected_percent, meter_width))
        } else {
            String::new()
        };
        let row = format!(
            "{}{} {}{}{} {:>6} {:>8} {bar}{:<10} {:>5}",
            if m.critical { "*" } else { " " },
            pad(&m.id, id_width),
            p.status(m.status),
            pad(m.status.as_str(), 11),
            p.reset,
            pct(m.percent),
            pct(m.expected_percent),
            m.forecast.finish,
            late
        );
        let _ = writeln!(out, "{}", row.trim_end());
    }
    if !r.schedule.goals.is_empty() {
        let _ = writeln!(
            out,
            "\n{}{} {} {:>6} {:>5} {:<10} Due{}",
            p.bold,
            pad("Goal", id_width + 1),
            pad("Status", 11),
            "Done",
            "SMART",
            "Finish",
            p.reset
        );
        for g in &r.schedule.goals {
            let row = format!(
                "{} {}{}{} {:>6} {:>5} {:<10} {:<10}",
                pad(&g.id, id_width + 1),
                p.status(g.status),
                pad(g.status.as_str(), 11),
                p.reset,
                pct(g.percent),
                format!("{}/5", g.score),
                g.finish.map_or("-".to_string(), |d| d.to_string()),
                g.due.map_or("-".to_string(), |d| d.to_string()),
            );
            let _ = writeln!(out, "{}", row.trim_end());
        }
    }
    let t = &r.schedule.totals;
    out.push('\n');
    out.push_str(&wrap(
        &format!(
            "{} of {} milestones done; {} of {} of effort left.",
            t.done,
            t.milestones,
            super::hours(t.remaining_hours),
            super::hours(t.effort_hours),
        ),
        o.width,
        "",
        "  ",
    ));
    match &r.schedule.target {
        Some(tg) => {
            let (c, verdict) = if tg.met {
                (
                    p.green,
                    format!("met, {} to spare", days_text(days(tg.finish, tg.by))),
                )
            } else {
                (
                    p.red,
                    format!("missed by {}", days_text(days(tg.by, tg.finish))),
                )
            };
            out.push_str(&wrap(
                &format!(
                    "Target: {} by {}; forecast {}: {c}{verdict}{}",
                    tg.role, tg.by, tg.finish, p.reset
                ),
                o.width,
                "",
                "  ",
            ));
        }
        None => {
            let _ = writeln!(
                out,
                "No target set; the plan finishes {}.",
                r.schedule.finish.finish
            );
        }
    }
    if ms.iter().any(|m| m.critical) {
        let _ = writeln!(out, "* on the critical chain");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::{AS_OF, PLAN, resolved};
    use super::*;

    #[test]
    fn status_lists_milestones_goals_and_the_target() {
        let r = resolved(PLAN, AS_OF);
        let text = status(
            &r,
            &RenderOptions {
                color: false,
                width: 100,
            },
        );
        assert!(!text.contains('\x1b'));
        let row = |id: &str| {
            text.lines()
                .find(|l| l.get(1..).is_some_and(|l| l.starts_with(&format!("{id} "))))
                .unwrap_or_else(|| panic!("no row for {id}:\n{text}"))
                .to_string()
        };
        let done = row("icu-application");
        assert!(done.contains("done") && done.contains("100%"), "{done}");
        let coffee = row("mentor-coffee");
        assert!(coffee.contains("25%"), "3 of 12 meetings: {coffee}");
        let exam = row("ccrn-exam");
        assert!(exam.starts_with('*'));
        assert!(exam.contains("late"));
        assert!(exam.trim_end().ends_with("+43"), "{exam}");
        let goal = text
            .lines()
            .find(|l| l.starts_with("network "))
            .expect("goal row");
        assert!(goal.contains("2/5") || goal.contains("/5"), "{goal}");
        assert!(text.contains("Target: critical-care-nurse by 2028-06-30; forecast"));
        assert!(text.contains("met, "));
        for line in text.lines() {
            assert!(line.chars().count() <= 100, "too wide: {line}");
        }
    }

    #[test]
    fn meters_show_done_against_expected() {
        assert_eq!(meter(25.0, 50.0, 8), "██░░····");
        assert_eq!(meter(100.0, 10.0, 4), "████");
        assert_eq!(meter(0.0, 0.0, 3), "···");
        assert_eq!(pct(33.3), "33.3%");
        assert_eq!(pct(100.0), "100%");
    }

    #[test]
    fn colour_only_when_asked() {
        let r = resolved(PLAN, AS_OF);
        let text = status(
            &r,
            &RenderOptions {
                color: true,
                width: 80,
            },
        );
        assert!(text.contains("\x1b[32mdone"));
    }
}
