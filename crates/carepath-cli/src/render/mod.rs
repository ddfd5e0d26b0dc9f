//! Terminal views of a resolved plan: `carepath show` (timeline, goals, next 90 days) and
//! `carepath status` (progress tables). Plain functions from the resolved plan to text; they
//! never recompute the schedule, read the clock or touch the terminal, so the same plan and
//! as-of date give the same text. ANSI colours only when asked for.

mod credentials;
mod people;
mod show;
mod status;

pub use credentials::{attention, credentials};
pub use people::people;
pub use show::show;
pub use status::status;

use carepath_model::{ResolvedPlan, Status};
use jiff::civil::Date;

/// How to render: colours (ANSI) or not, and the terminal's width in columns.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    pub color: bool,
    pub width: usize,
}

/// ANSI styles, all empty when colour is off.
#[derive(Debug, Clone, Copy)]
struct Paint {
    bold: &'static str,
    dim: &'static str,
    red: &'static str,
    green: &'static str,
    yellow: &'static str,
    blue: &'static str,
    magenta: &'static str,
    reset: &'static str,
}

impl Paint {
    fn new(color: bool) -> Paint {
        if color {
            Paint {
                bold: "\x1b[1m",
                dim: "\x1b[2m",
                red: "\x1b[31m",
                green: "\x1b[32m",
                yellow: "\x1b[33m",
                blue: "\x1b[34m",
                magenta: "\x1b[35m",
                reset: "\x1b[0m",
            }
        } else {
            Paint {
                bold: "",
                dim: "",
                red: "",
                green: "",
                yellow: "",
                blue: "",
                magenta: "",
                reset: "",
            }
        }
    }

    fn status(&self, s: Status) -> &'static str {
        match s {
            Status::Done => self.green,
            Status::OnTrack => self.blue,
            Status::AtRisk => self.yellow,
            Status::Late => self.red,
            Status::NotStarted => self.dim,
        }
    }
}

/// `text` cut to `max` characters, with an ellipsis when cut.
fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut s: String = text.chars().take(max - 1).collect();
    s.push('…');
    s
}

/// `text` padded with spaces to `width` characters (cut first if longer).
fn pad(text: &str, width: usize) -> String {
    let t = fit(text, width);
    let n = t.chars().count();
    format!("{t}{}", " ".repeat(width.saturating_sub(n)))
}

/// Days from `a` to `b`.
fn days(a: Date, b: Date) -> i64 {
    a.until(b).map_or(0, |s| i64::from(s.get_days()))
}

fn days_text(n: i64) -> String {
    if n.abs() == 1 {
        "1 day".into()
    } else {
        format!("{} days", n.abs())
    }
}

/// Hours for people: "6 h", "12.5 h", "1,750 h".
fn hours(h: f64) -> String {
    let h = (h * 10.0).round() / 10.0;
    let whole = h.trunc() as i64;
    let mut digits = whole.abs().to_string();
    let mut grouped = String::new();
    while digits.len() > 3 {
        let tail = digits.split_off(digits.len() - 3);
        grouped = format!(",{tail}{grouped}");
    }
    let sign = if h < 0.0 { "-" } else { "" };
    let frac = ((h.abs() - h.abs().trunc()) * 10.0).round() as i64;
    if frac == 0 {
        format!("{sign}{digits}{grouped} h")
    } else {
        format!("{sign}{digits}{grouped}.{frac} h")
    }
}

/// The header shared by both views: who, from where to where, and whether the forecast meets
/// the target.
fn header(r: &ResolvedPlan, p: &Paint, width: usize) -> String {
    use std::fmt::Write;
    let plan = &r.plan;
    let mut out = String::new();
    out.push_str(&show::wrap(
        &format!("{}{}{} — {}", p.bold, plan.person.name, p.reset, plan.title),
        width,
        "",
        "  ",
    ));
    let from = plan
        .person
        .role
        .as_deref()
        .map_or("(current role not set)", |id| r.display_name(id));
    match &r.schedule.target {
        Some(t) => {
            let to = r.display_name(&t.role);
            out.push_str(&show::wrap(
                &format!("{from} -> {to}, target {}", t.by),
                width,
                "",
                "  ",
            ));
            let (color, verdict) = if t.met {
                (
                    p.green,
                    format!(
                        "meets the target ({} to spare)",
                        days_text(days(t.finish, t.by))
                    ),
                )
            } else {
                (
                    p.red,
                    format!("misses the target by {}", days_text(days(t.by, t.finish))),
                )
            };
            out.push_str(&show::wrap(
                &format!(
                    "As of {}, the forecast finishes {}: {color}{verdict}{}",
                    r.as_of, t.finish, p.reset
                ),
                width,
                "",
                "  ",
            ));
        }
        None => {
            let _ = writeln!(out, "{from} (no target role set)");
            let _ = writeln!(
                out,
                "As of {}, the forecast finishes {}",
                r.as_of, r.schedule.finish.finish
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fits_and_pads_by_characters() {
        assert_eq!(fit("Zoë Nguyễn", 20), "Zoë Nguyễn");
        assert_eq!(fit("Zoë Nguyễn", 5), "Zoë …");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("abcdef", 4), "abc…");
        assert_eq!(hours(1750.0), "1,750 h");
        assert_eq!(hours(12.5), "12.5 h");
        assert_eq!(hours(6.0), "6 h");
        assert_eq!(days_text(-1), "1 day");
    }
}

/// Plans for the renderers' tests.
#[cfg(test)]
pub(crate) mod testing {
    use carepath_model::{Format, ResolvedPlan, check, resolve};
    use jiff::civil::{Date, date};

    /// A small RN-to-CCRN plan with a late exam, a done milestone and some progress.
    pub const PLAN: &str = r#"
format = 1
title = "Bedside RN to CCRN"
start = 2026-01-05

[person]
name = "Zoë Nguyễn"
role = "registered-nurse"
values = ["patient-care"]

[capacity]
hours_per_week = 6

[target]
role = "critical-care-nurse"
by = 2028-06-30

[[goals]]
id = "ccrn"
title = "Earn the CCRN certification"
due = 2027-12-31
values = ["patient-care"]
measure = { metric = "certification", target = 1, unit = "exam" }

[[goals]]
id = "network"
title = "Improve my skills"

[[milestones]]
id = "icu-application"
title = "Apply for the MICU transfer"
kind = "application"
goal = "ccrn"
effort_hours = 6
done = 2026-03-13

[[milestones]]
id = "icu-transfer"
title = "Move to the MICU"
kind = "experience"
goal = "ccrn"
after = ["icu-application"]
not_before = 2026-10-05
duration = "4 weeks"

[[milestones]]
id = "icu-hours"
title = "Accumulate 1,750 direct-care ICU hours"
kind = "experience"
goal = "ccrn"
after = ["icu-transfer"]
measure = { target = 1750, unit = "hours", per_week = 36 }

[[milestones]]
id = "ccrn-study"
title = "CCRN review course and 600 practice questions"
kind = "training"
goal = "ccrn"
after = ["icu-transfer"]
effort_hours = 80
due = 2027-08-31

[[milestones]]
id = "ccrn-exam"
title = "Sit the CCRN exam"
kind = "exam"
goal = "ccrn"
after = ["icu-hours", "ccrn-study"]
duration = "5 weeks"
effort_hours = 4
due = 2027-09-30

[[milestones]]
id = "mentor-coffee"
title = "Monthly coffee with Dana"
kind = "mentorship"
goal = "network"
effort_hours = 12
measure = { target = 12, unit = "meetings" }

[[progress]]
date = 2026-11-30
milestone = "icu-hours"
amount = 132

[[progress]]
date = 2026-02-10
milestone = "mentor-coffee"
amount = 3
"#;

    pub const AS_OF: Date = date(2026, 11, 22);

    pub fn resolved(text: &str, as_of: Date) -> ResolvedPlan {
        let c = check(text.as_bytes(), Format::Toml, None);
        let plan = c
            .plan
            .unwrap_or_else(|| panic!("test plan does not check: {:#?}", c.diagnostics));
        resolve(&plan, as_of, None)
    }
}
