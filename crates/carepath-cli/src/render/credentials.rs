//! `carepath credentials`: every credential the plan follows, with its expiry and status, each
//! requirement of its current cycle (required, counted, remaining), the renewal milestone and
//! its forecast, and the later cycles inside the horizon. Also the short "needs attention" block
//! that `show` and `status` end with.

use std::fmt::Write;

use carepath_model::credentials::{LabelForm, requirement_label};
use carepath_model::numbers::Th;
use carepath_model::{CredentialState, CredentialStatus, Requirement, ResolvedPlan};

use super::show::wrap;
use super::{Paint, RenderOptions, header, pad};

impl Paint {
    fn credential(&self, s: CredentialState) -> &'static str {
        match s {
            CredentialState::Current => self.green,
            CredentialState::DueSoon => self.yellow,
            CredentialState::AtRisk => self.yellow,
            CredentialState::Lapsed => self.red,
            CredentialState::Unknown => self.dim,
        }
    }
}

/// "CCRN (ccrn)", or the id alone when the catalog has no name for it.
fn title(c: &CredentialStatus) -> String {
    if c.name == c.id {
        c.id.clone()
    } else {
        format!("{} ({})", c.name, c.id)
    }
}

fn unit_short(unit: &str) -> &str {
    match unit {
        "hours" | "contact hours" => "h",
        u => u,
    }
}

/// The whole view.
pub fn credentials(r: &ResolvedPlan, o: &RenderOptions) -> String {
    let p = Paint::new(o.color);
    let mut out = header(r, &p, o.width);
    let list = &r.schedule.credentials;
    if list.is_empty() {
        out.push('\n');
        out.push_str(&wrap(
            "No credentials to follow: none is written with `earned` or `expires`, and the catalog knows no renewal rule for those listed.",
            o.width,
            "",
            "  ",
        ));
        return out;
    }
    for c in list {
        out.push('\n');
        let _ = writeln!(
            out,
            "{}{}{}  {}{}{}",
            p.bold,
            title(c),
            p.reset,
            p.credential(c.status),
            c.status.as_str(),
            p.reset
        );
        let mut facts = Vec::new();
        match c.expires {
            Some(e) => facts.push(format!("expires {e}")),
            None => facts.push("expiry unknown".to_string()),
        }
        if let Some(j) = &c.jurisdiction {
            facts.push(j.clone());
        }
        match (&c.earned_by, c.earned) {
            (Some(m), Some(d)) => facts.push(format!("earned by {m}, forecast {d}")),
            (None, Some(d)) => facts.push(format!("earned {d}")),
            _ => {}
        }
        out.push_str(&wrap(&facts.join(" · "), o.width, "  ", "    "));
        if let Some(rule) = &c.rule {
            out.push_str(&wrap(
                &format!(
                    "rule: every {} months; source: {}{}",
                    rule.months,
                    rule.source,
                    if rule.verified {
                        ""
                    } else {
                        "; not verified against the source"
                    }
                ),
                o.width,
                "  ",
                "    ",
            ));
        } else if c.expires.is_some() {
            out.push_str(&wrap(
                "rule: none in the catalog, so carepath follows the expiry but counts no CE",
                o.width,
                "  ",
                "    ",
            ));
        }
        if let Some(cycle) = c.cycles.first() {
            let from = cycle.start.map_or(String::new(), |s| format!("{s} to "));
            let _ = writeln!(
                out,
                "  cycle {from}{}, renewal work due {}",
                cycle.expires, cycle.submit_by
            );
            requirements(&mut out, &cycle.requirements, &p);
            if let (Some(m), Some(f)) = (&cycle.renewal_milestone, cycle.forecast_finish) {
                let late = f > cycle.submit_by;
                out.push_str(&wrap(
                    &format!(
                        "renewal: {m}, forecast to finish {}{f}{}{}",
                        if late { p.red } else { "" },
                        if late { p.reset } else { "" },
                        if late {
                            format!(", after {}", cycle.submit_by)
                        } else {
                            String::new()
                        }
                    ),
                    o.width,
                    "  ",
                    "    ",
                ));
            }
        }
        if let Some(a) = &c.attention {
            out.push_str(&wrap(
                &format!("{}!{} {}", p.yellow, p.reset, a.terminal()),
                o.width,
                "  ",
                "    ",
            ));
        }
        let later: Vec<String> = c
            .cycles
            .iter()
            .skip(1)
            .map(|cy| match (&cy.renewal_milestone, cy.forecast_finish) {
                (Some(_), Some(f)) => format!("{} (renewal forecast {f})", cy.expires),
                _ => cy.expires.to_string(),
            })
            .collect();
        if !later.is_empty() {
            out.push_str(&wrap(
                &format!("later cycles end {}", later.join(", ")),
                o.width,
                "  ",
                "    ",
            ));
        }
    }
    out
}

/// One row per requirement: what it is, required, counted, remaining, met.
fn requirements(out: &mut String, reqs: &[Requirement], p: &Paint) {
    if reqs.is_empty() {
        return;
    }
    let label_width = reqs
        .iter()
        .map(|r| {
            requirement_label(&r.requirement, LabelForm::Phrase)
                .chars()
                .count()
        })
        .max()
        .unwrap_or(0)
        .clamp(11, 28);
    let _ = writeln!(
        out,
        "  {}{} {:>9} {:>9} {:>9}{}",
        p.bold,
        pad("Requirement", label_width),
        "Required",
        "Counted",
        "Remaining",
        p.reset
    );
    for r in reqs {
        let unit = unit_short(&r.unit);
        let mark = if r.met {
            format!("{}met{}", p.green, p.reset)
        } else {
            String::new()
        };
        let forecast = r.forecast.map_or(String::new(), |f| {
            format!(" forecast {} by the expiry", Th(f))
        });
        let row = format!(
            "  {} {:>9} {:>9} {:>9}  {unit} {mark}{forecast}",
            pad(
                &requirement_label(&r.requirement, LabelForm::Phrase),
                label_width
            ),
            Th(r.required).to_string(),
            Th(r.counted).to_string(),
            Th(r.remaining).to_string(),
        );
        let _ = writeln!(out, "{}", row.trim_end());
    }
}

/// The credentials that need attention, one wrapped line each, under a heading; empty when
/// none does.
pub fn attention(r: &ResolvedPlan, o: &RenderOptions) -> String {
    let p = Paint::new(o.color);
    let needs: Vec<&CredentialStatus> = r
        .schedule
        .credentials
        .iter()
        .filter(|c| c.status.needs_attention())
        .collect();
    if needs.is_empty() {
        return String::new();
    }
    let mut out = format!("\n{}Credentials that need attention{}\n", p.bold, p.reset);
    for c in needs {
        let what = match &c.attention {
            Some(a) => a.terminal(),
            None => format!(
                "`{}`: the expiry is unknown; write `expires` (or `earned`)",
                c.id
            ),
        };
        out.push_str(&wrap(
            &format!(
                "{}{}{} {what}",
                p.credential(c.status),
                pad(c.status.as_str(), 8),
                p.reset
            ),
            o.width,
            "  ",
            "           ",
        ));
    }
    let _ = writeln!(
        out,
        "  `carepath credentials PLAN` shows what each one requires."
    );
    out
}
