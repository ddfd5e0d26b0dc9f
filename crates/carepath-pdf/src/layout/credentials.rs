//! Credentials and renewals: each credential's expiry and status, a bar per requirement of its
//! current cycle, the renewal milestone the plan schedules for it, and its later cycles.

use carepath_model::credentials::{LabelForm, requirement_label};
use carepath_model::{CredentialCycle, CredentialState, CredentialStatus, Requirement};

use super::writer::*;
use super::*;

pub(super) const TITLE: &str = "Credentials and renewals";

/// The colour of a credential's status: the milestones' colours for the same news (on track,
/// at risk, late), so that amber and red mean one thing across the document.
pub(super) fn state_color(s: CredentialState) -> Color {
    match s {
        CredentialState::Current => ACCENT,
        CredentialState::DueSoon | CredentialState::AtRisk => WARN,
        CredentialState::Lapsed => BAD,
        CredentialState::Unknown => MUTED,
    }
}

pub(super) fn state_words(s: CredentialState) -> &'static str {
    match s {
        CredentialState::Current => "current",
        CredentialState::DueSoon => "due soon",
        CredentialState::AtRisk => "at risk",
        CredentialState::Lapsed => "lapsed",
        CredentialState::Unknown => "unknown",
    }
}

/// The section; nothing at all when the plan has no credential with dates or a rule.
pub(super) fn credentials(w: &mut Writer, p: &ResolvedPlan) {
    let creds = &p.schedule.credentials;
    if creds.is_empty() {
        return;
    }
    w.section(TITLE);
    let mut cont = continued(TITLE);
    let (x, cw) = (w.left(), w.content_w());
    let intro = format!(
        "Each credential's expiry and status on {}, what the renewal of its current cycle \
         requires and how much of it the CE log and the experience already count, and the \
         renewal work the plan schedules in the same weekly hours as the career goals.",
        p.as_of
    );
    let mut rows = w.para(x, cw, 8.5, false, MUTED, 12.0, &intro);
    rows.push(Row::gap(10.0));
    w.place(rows, false, &mut cont);
    for c in creds {
        let rows = credential_rows(w, p, c);
        w.place(rows, true, &mut cont);
    }
}

/// A run of text in one style, for [`spans`].
struct Span {
    text: String,
    color: Color,
    bold: bool,
}

fn span(text: impl Into<String>, color: Color, bold: bool) -> Span {
    Span {
        text: text.into(),
        color,
        bold,
    }
}

/// Spans of different colours flowed as one paragraph: words wrap across spans, each span's
/// words on one line are one text run, and a space separates one span from the next.
fn spans(w: &mut Writer, x: f32, width: f32, size: f32, leading: f32, parts: &[Span]) -> Vec<Row> {
    struct Run {
        part: usize,
        x: f32,
        text: String,
    }
    let mut lines: Vec<Vec<Run>> = vec![Vec::new()];
    let mut cx = 0.0f32;
    for (pi, part) in parts.iter().enumerate() {
        let clean = w.clean(&part.text);
        let space = w.measure(" ", size, part.bold);
        for word in clean.split_whitespace() {
            let ww = w.measure(word, size, part.bold);
            if cx > 0.0 && cx + space + ww > width {
                lines.push(Vec::new());
                cx = 0.0;
            }
            let pieces = if ww > width {
                w.f.wrap(word, size, part.bold, width)
            } else {
                vec![word.to_string()]
            };
            let n = pieces.len();
            for (i, piece) in pieces.into_iter().enumerate() {
                let line = lines.last_mut().expect("one line at least");
                let pw = w.measure(&piece, size, part.bold);
                match line.last_mut() {
                    Some(run) if run.part == pi && cx > 0.0 => {
                        run.text.push(' ');
                        run.text.push_str(&piece);
                        cx += space + pw;
                    }
                    _ => {
                        let at = if cx > 0.0 { cx + space } else { 0.0 };
                        line.push(Run {
                            part: pi,
                            x: at,
                            text: piece,
                        });
                        cx = at + pw;
                    }
                }
                if i + 1 < n {
                    lines.push(Vec::new());
                    cx = 0.0;
                }
            }
        }
    }
    let b = baseline(size, leading);
    lines
        .into_iter()
        .filter(|l| !l.is_empty())
        .map(|line| {
            let items = line
                .into_iter()
                .map(|run| {
                    let part = &parts[run.part];
                    w.text(
                        x + run.x,
                        b,
                        width - run.x,
                        Align::Left,
                        size,
                        part.bold,
                        part.color,
                        &run.text,
                    )
                })
                .collect();
            Row { h: leading, items }
        })
        .collect()
}

/// The title of a milestone by its id, in quotes, the way notes name milestones.
fn milestone_title(p: &ResolvedPlan, id: &str) -> Option<String> {
    p.schedule
        .milestones
        .iter()
        .find(|m| m.id == id)
        .map(|m| format!("“{}”", m.title.trim()))
}

/// "Category A", "Pharmacology", "Practice in the last months": a requirement's name for people.
/// "Category A: 38 of 60 CERPs".
fn requirement_row(r: &Requirement) -> String {
    format!(
        "{}: {} of {} {}",
        requirement_label(&r.requirement, LabelForm::Heading),
        grouped(r.counted),
        grouped(r.required),
        r.unit
    )
}

/// Days late (positive) or spare (negative) of a forecast finish against a submission date.
fn late_words(finish: Date, submit_by: Date) -> (String, bool) {
    let d = days_between(submit_by, finish);
    if d > 0 {
        (format!("{} late", plural(d, "day", "days")), true)
    } else {
        (format!("{} spare", plural(-d, "day", "days")), false)
    }
}

fn credential_rows(w: &mut Writer, p: &ResolvedPlan, c: &CredentialStatus) -> Vec<Row> {
    let (x, cw) = (w.left(), w.content_w());
    let mut rows = Vec::new();

    // The name, with the status as a chip on the right of its first line, drawn after the
    // name so that a wrapped name is read (and copied) in one piece.
    let chip_w = 66.0;
    let name_w = cw - chip_w - 12.0;
    let lines = w.wrap(&c.name, 11.0, true, name_w);
    let mut items = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let b = i as f32 * 15.0 + baseline(11.0, 15.0);
        items.push(w.text(x, b, name_w, Align::Left, 11.0, true, INK, l));
    }
    let color = state_color(c.status);
    items.push(Item::Rect {
        x: x + cw - chip_w,
        y: 1.5,
        w: chip_w,
        h: 12.0,
        fill: Some(color.tint(0.85)),
        stroke: None,
    });
    items.push(w.text(
        x + cw - chip_w,
        10.0,
        chip_w,
        Align::Center,
        7.0,
        true,
        color,
        state_words(c.status),
    ));
    rows.push(Row {
        h: lines.len() as f32 * 15.0,
        items,
    });
    rows.push(Row::gap(1.0));

    // Jurisdiction, expiry, earned, cycle.
    let mut facts = Vec::new();
    if let Some(j) = &c.jurisdiction {
        facts.push(span(format!("{j} ·"), INK, true));
    }
    match c.expires {
        Some(e) if e < p.as_of => {
            facts.push(span(
                format!("Expired {e} ({})", time_until(p.as_of, e)),
                BAD,
                true,
            ));
        }
        Some(e) => facts.push(span(
            format!("Expires {e} ({})", time_until(p.as_of, e)),
            INK,
            false,
        )),
        None => facts.push(span(
            "Expiry unknown: write the date it expires (expires = YYYY-MM-DD) with the \
             credential in the plan",
            MUTED,
            false,
        )),
    }
    if let Some(e) = c.earned {
        let by = c.earned_by.as_deref().and_then(|m| milestone_title(p, m));
        facts.push(span(
            match by {
                Some(t) => format!("· earned {e} by {t} (forecast)"),
                None => format!("· earned {e}"),
            },
            MUTED,
            false,
        ));
    }
    if let Some(r) = &c.rule
        && r.months > 0
    {
        facts.push(span(
            format!(
                "· renews every {}",
                plural(i64::from(r.months), "month", "months")
            ),
            MUTED,
            false,
        ));
    }
    rows.extend(spans(w, x, cw, 8.5, 12.0, &facts));

    // Where the rule comes from, and whether anyone checked it.
    let rule = match &c.rule {
        Some(r) => {
            let head = match &r.jurisdiction {
                Some(j) => format!("Renewal rule for {j}:"),
                None => "Renewal rule:".to_string(),
            };
            let mut v = vec![
                span(head, MUTED, false),
                span(r.source.trim(), MUTED, false),
            ];
            if !r.verified {
                v.push(span("· unverified:", WARN, true));
                v.push(span(
                    "check it with the issuer before relying on it",
                    WARN,
                    false,
                ));
            }
            v
        }
        None => vec![span(
            "No renewal rule known: the expiry is tracked, the CE is not.",
            MUTED,
            false,
        )],
    };
    rows.extend(spans(w, x, cw, 7.5, 11.0, &rule));

    let mut cycles = c.cycles.iter();
    if let Some(cy) = cycles.next() {
        rows.push(Row::gap(4.0));
        rows.extend(current_cycle(w, p, cy));
    }
    for cy in cycles {
        rows.extend(later_cycle(w, p, cy));
    }

    rows.push(Row::gap(6.0));
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
    rows
}

fn current_cycle(w: &mut Writer, p: &ResolvedPlan, cy: &CredentialCycle) -> Vec<Row> {
    let (x, cw) = (w.left(), w.content_w());
    let head = [
        span(
            match cy.start {
                Some(start) => format!("This cycle {start} → {}", cy.expires),
                None => format!("This cycle ends {}", cy.expires),
            },
            INK,
            true,
        ),
        span(format!("· submit by {}", cy.submit_by), INK, false),
    ];
    let mut rows = spans(w, x, cw, 8.5, 13.0, &head);

    // One bar per requirement: the label (with its figures) left, the bar, what is left right.
    let label_w = (cw * 0.4).round();
    let right_w = 112.0;
    let bar_x = x + label_w + 8.0;
    let bar_w = cw - label_w - right_w - 16.0;
    let right_x = x + cw - right_w;
    let lead = 11.0;
    for r in &cy.requirements {
        let label = w.wrap(&requirement_row(r), 8.0, false, label_w);
        let (right, right_color, right_bold) = if r.met {
            ("met".to_string(), GOOD, true)
        } else {
            let mut t = format!("{} left", grouped(r.remaining));
            if let Some(f) = r.forecast {
                t.push_str(&format!(", {} by the expiry", grouped(f)));
            }
            (t, MUTED, false)
        };
        let right = w.wrap(&right, 7.5, right_bold, right_w);
        let lines = label.len().max(right.len());
        let h = lines as f32 * lead + 3.0;
        let mut items = Vec::new();
        let bar_y = 1.5 + lead / 2.0 - 3.0;
        items.push(Item::Rect {
            x: bar_x,
            y: bar_y,
            w: bar_w,
            h: 6.0,
            fill: Some(Color(0xe1, 0xe7, 0xec)),
            stroke: None,
        });
        let frac = |v: f64| {
            if r.required > 0.0 {
                (v / r.required).clamp(0.0, 1.0) as f32
            } else {
                1.0
            }
        };
        let fill = if r.met { GOOD } else { ACCENT };
        if let Some(f) = r.forecast
            && frac(f) > frac(r.counted)
        {
            items.push(Item::Rect {
                x: bar_x,
                y: bar_y,
                w: (bar_w * frac(f)).max(1.0),
                h: 6.0,
                fill: Some(fill.tint(0.6)),
                stroke: None,
            });
        }
        if frac(r.counted) > 0.0 {
            items.push(Item::Rect {
                x: bar_x,
                y: bar_y,
                w: (bar_w * frac(r.counted)).max(1.0),
                h: 6.0,
                fill: Some(fill),
                stroke: None,
            });
        }
        for (i, l) in label.iter().enumerate() {
            let b = 1.5 + i as f32 * lead + baseline(8.0, lead);
            items.push(w.text(x, b, label_w, Align::Left, 8.0, false, INK, l));
        }
        for (i, l) in right.iter().enumerate() {
            let b = 1.5 + i as f32 * lead + baseline(7.5, lead);
            items.push(w.text(
                right_x,
                b,
                right_w,
                Align::Left,
                7.5,
                right_bold,
                right_color,
                l,
            ));
        }
        rows.push(Row { h, items });
    }

    // The renewal milestone.
    if let Some(id) = &cy.renewal_milestone {
        rows.push(Row::gap(2.0));
        let title = milestone_title(p, id).unwrap_or_else(|| "the renewal".into());
        let mut parts = vec![
            span("Renewal", INK, true),
            span(title, INK, false),
            span(format!("· due {}", cy.submit_by), INK, false),
        ];
        match cy.forecast_finish {
            Some(f) => {
                let (words, late) = late_words(f, cy.submit_by);
                let color = if late { BAD } else { INK };
                parts.push(span(format!("· forecast finish {f}"), color, late));
                parts.push(span(
                    format!("({words})"),
                    if late { BAD } else { MUTED },
                    late,
                ));
            }
            None => parts.push(span(
                "· cannot be scheduled in the plan's weekly hours",
                BAD,
                true,
            )),
        }
        rows.extend(spans(w, x, cw, 8.5, 12.0, &parts));
    } else if !cy.requirements.is_empty() && cy.requirements.iter().all(|r| r.met) {
        rows.push(Row::gap(2.0));
        let parts = [span(
            "Every requirement of this cycle is met: no renewal work is left to plan.",
            GOOD,
            false,
        )];
        rows.extend(spans(w, x, cw, 8.5, 12.0, &parts));
    }
    rows
}

/// A cycle after the current one, on one line (wrapped only when it must be).
fn later_cycle(w: &mut Writer, p: &ResolvedPlan, cy: &CredentialCycle) -> Vec<Row> {
    let (x, cw) = (w.left(), w.content_w());
    let mut parts = vec![
        span(
            match cy.start {
                Some(start) => format!("Later cycle {start} → {}", cy.expires),
                None => format!("Later cycle ends {}", cy.expires),
            },
            MUTED,
            true,
        ),
        span(format!("· submit by {}", cy.submit_by), MUTED, false),
    ];
    let needs: Vec<String> = cy
        .requirements
        .iter()
        .filter(|r| r.requirement == "total" || r.requirement == "course")
        .map(|r| match r.requirement.as_str() {
            "course" => format!("a course of {} {}", grouped(r.required), r.unit),
            _ => format!("{} {}", grouped(r.required), r.unit),
        })
        .collect();
    if !needs.is_empty() {
        parts.push(span(format!("· {}", needs.join(", ")), MUTED, false));
    }
    if let Some(id) = &cy.renewal_milestone {
        let title = milestone_title(p, id).unwrap_or_else(|| "the renewal".into());
        parts.push(span(format!("· renewal {title}"), MUTED, false));
        if let Some(f) = cy.forecast_finish {
            let (words, late) = late_words(f, cy.submit_by);
            let color = if late { BAD } else { MUTED };
            parts.push(span(format!("forecast {f} ({words})"), color, late));
        }
    }
    let mut rows = vec![Row::gap(2.0)];
    rows.extend(spans(w, x, cw, 7.5, 11.0, &parts));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn writer() -> Writer {
        let (width, height) = paper_size(Paper::Letter);
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

    /// Spans wrap as one paragraph: every word kept in order, no line wider than the column,
    /// and each word in its own span's colour.
    #[test]
    fn spans_wrap_across_colours_keeping_every_word() {
        let mut w = writer();
        let parts = [
            span(
                "Renewal “Renew the RN license: 18 contact hours of CE”",
                INK,
                true,
            ),
            span("· due 2027-05-31 · forecast finish 2027-07-19", BAD, true),
            span(
                "(49 days late) and https://example.org/a-long-address-without-any-space-at-all-in-it",
                MUTED,
                false,
            ),
        ];
        let width = 150.0;
        let rows = spans(&mut w, 10.0, width, 8.5, 12.0, &parts);
        assert!(rows.len() >= 4, "{} rows", rows.len());
        let mut words = Vec::new();
        for r in &rows {
            assert_eq!(r.h, 12.0);
            for it in &r.items {
                let Item::Text {
                    x,
                    w: tw,
                    text,
                    color,
                    ..
                } = it
                else {
                    panic!("{it:?}")
                };
                assert!(
                    *x >= 10.0 && x + tw <= 10.0 + width + 0.01,
                    "{text:?} at {x}+{tw}"
                );
                let part = parts
                    .iter()
                    .find(|p| p.text.contains(text.as_str()))
                    .unwrap_or_else(|| panic!("{text:?} from no span"));
                assert_eq!(*color, part.color, "{text:?}");
                words.extend(text.split_whitespace().map(str::to_string));
            }
        }
        let want: String = parts
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let squash = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(words.concat(), squash(&want));
    }

    #[test]
    fn requirements_read_as_words_with_their_figures() {
        let r = |req: &str, required, counted, unit: &str| Requirement {
            requirement: req.into(),
            required,
            counted,
            remaining: 0.0,
            met: false,
            unit: unit.into(),
            forecast: None,
        };
        assert_eq!(
            requirement_row(&r("category:A", 60.0, 38.0, "CERPs")),
            "Category A: 38 of 60 CERPs"
        );
        assert_eq!(
            requirement_row(&r("topic:pharmacology", 25.0, 12.5, "contact hours")),
            "Pharmacology: 12.5 of 25 contact hours"
        );
        assert_eq!(
            requirement_row(&r("practice", 1000.0, 1234.5, "hours")),
            "Practice: 1,234.5 of 1,000 hours"
        );
        assert_eq!(
            requirement_row(&r("practice-recent", 144.0, 0.0, "hours")),
            "Recent practice: 0 of 144 hours"
        );
        assert_eq!(
            requirement_label("course", LabelForm::Heading),
            "Renewal course"
        );
        assert_eq!(
            requirement_label("total", LabelForm::Heading),
            "CE in total"
        );
    }
}
