//! `cohort.pdf`: the dashboard of a roster for a manager or an educator (docs/cohort.md). It is
//! laid out with the same items, font and encoder as a plan's document: counts by status per unit
//! (green, amber, red), the credential expiries of the next 30, 60 and 90 days and the lapsed
//! ones, the distribution of SMART averages, and a table of people, continued across pages.

use std::collections::BTreeSet;

use carepath_model::cohort::{Cohort, PlanStatus};
use jiff::civil::Date;

use crate::layout::{Color, Document, Item, MARGIN, Page, Stroke, paper_size};
use crate::{Paper, Rendered, encode, font};

const GREEN: Color = Color(46, 125, 50);
const AMBER: Color = Color(230, 145, 0);
const RED: Color = Color(198, 40, 40);
const GREY: Color = Color(117, 117, 117);
const INK: Color = Color(33, 33, 33);
const RULE: Color = Color(200, 200, 200);

fn status_color(s: PlanStatus) -> Color {
    match s {
        PlanStatus::OnTrack | PlanStatus::Done => GREEN,
        PlanStatus::AtRisk => AMBER,
        PlanStatus::Late => RED,
        PlanStatus::Invalid => GREY,
    }
}

/// A cursor that flows rows down the pages.
struct Pages {
    width: f32,
    height: f32,
    pages: Vec<Page>,
    y: f32,
    warnings: BTreeSet<String>,
}

impl Pages {
    fn new(paper: Paper) -> Pages {
        let (width, height) = paper_size(paper);
        let mut p = Pages {
            width,
            height,
            pages: Vec::new(),
            y: 0.0,
            warnings: BTreeSet::new(),
        };
        p.page();
        p
    }
    fn page(&mut self) {
        self.pages.push(Page {
            width: self.width,
            height: self.height,
            items: Vec::new(),
        });
        self.y = MARGIN;
    }
    /// Room for `h` more points on this page, or a new page.
    fn room(&mut self, h: f32) -> bool {
        if self.y + h > self.height - MARGIN - 24.0 {
            self.page();
            return true;
        }
        false
    }
    fn push(&mut self, item: Item) {
        if let Some(p) = self.pages.last_mut() {
            p.items.push(item);
        }
    }
    /// Text at `x` on the baseline `y`, cut to `max_w`: the fields of [`Item::Text`], one each.
    #[allow(clippy::too_many_arguments)]
    fn text(&mut self, x: f32, y: f32, max_w: f32, size: f32, bold: bool, color: Color, s: &str) {
        let f = font::fonts();
        let clean = f.clean(s, &mut self.warnings);
        let text = f.ellipsize(&clean, size, bold, max_w);
        let w = f.measure(&text, size, bold);
        self.push(Item::Text {
            x,
            y,
            w,
            max_w,
            size,
            bold,
            color,
            text,
        });
    }
    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Color) {
        self.push(Item::Rect {
            x,
            y,
            w,
            h,
            fill: Some(fill),
            stroke: None,
        });
    }
    fn rule(&mut self) {
        let y = self.y;
        self.push(Item::Line {
            x1: MARGIN,
            y1: y,
            x2: self.width - MARGIN,
            y2: y,
            width: 0.5,
            color: RULE,
            dashed: false,
        });
    }
    fn heading(&mut self, s: &str) {
        self.room(60.0);
        self.y += 22.0;
        let w = self.width - 2.0 * MARGIN;
        let y = self.y;
        self.text(MARGIN, y, w, 13.0, true, INK, s);
        self.y += 8.0;
        self.rule();
        self.y += 6.0;
    }
    /// One row of cells: `(x offset, width, text, bold, colour)`.
    fn row(&mut self, cells: &[(f32, f32, String, bool, Color)], size: f32) {
        self.y += size + 4.0;
        let y = self.y;
        for (x, w, s, bold, c) in cells {
            self.text(MARGIN + x, y, *w - 4.0, size, *bold, *c, s);
        }
    }
}

/// The dashboard of a cohort as of `as_of`, as PDF bytes and the warnings of the font.
pub fn dashboard(cohort: &Cohort, as_of: Date, paper: Paper, generator: &str) -> Rendered {
    let mut p = Pages::new(paper);
    let full = p.width - 2.0 * MARGIN;
    let n = cohort.members.len();
    p.y += 18.0;
    let y = p.y;
    p.text(MARGIN, y, full, 20.0, true, INK, "Cohort dashboard");
    p.y += 18.0;
    let y = p.y;
    let invalid = cohort
        .members
        .iter()
        .filter(|m| m.status() == PlanStatus::Invalid)
        .count();
    p.text(
        MARGIN,
        y,
        full,
        10.0,
        false,
        GREY,
        &format!(
            "{n} {} as of {as_of}; {invalid} with errors (see problems.csv)",
            if n == 1 { "person" } else { "people" }
        ),
    );

    // ── Status by unit ──
    p.heading("Status by unit");
    let cols = [
        "Unit", "on-track", "done", "at-risk", "late", "invalid", "people",
    ];
    let unit_w = full * 0.34;
    let cell_w = (full - unit_w) / 6.0;
    let header: Vec<(f32, f32, String, bool, Color)> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let x = if i == 0 {
                0.0
            } else {
                unit_w + cell_w * (i - 1) as f32
            };
            let w = if i == 0 { unit_w } else { cell_w };
            (x, w, c.to_string(), true, INK)
        })
        .collect();
    p.row(&header, 9.0);
    for (unit, counts) in cohort.by_unit() {
        p.room(20.0);
        p.y += 4.0;
        let top = p.y;
        for (i, s) in PlanStatus::ALL.iter().enumerate() {
            if counts[i] > 0 {
                let x = MARGIN + unit_w + cell_w * i as f32;
                p.rect(x, top, cell_w - 4.0, 14.0, status_color(*s));
            }
        }
        p.y -= 4.0;
        let mut cells = vec![(
            0.0,
            unit_w,
            if unit.is_empty() {
                "(no unit)".to_string()
            } else {
                unit
            },
            false,
            INK,
        )];
        for (i, c) in counts.iter().enumerate() {
            let color = if *c > 0 { Color(255, 255, 255) } else { GREY };
            cells.push((
                unit_w + cell_w * i as f32 + 4.0,
                cell_w,
                c.to_string(),
                *c > 0,
                color,
            ));
        }
        cells.push((
            unit_w + cell_w * 5.0,
            cell_w,
            counts.iter().sum::<usize>().to_string(),
            true,
            INK,
        ));
        p.row(&cells, 9.0);
        p.y += 2.0;
    }
    p.y += 6.0;
    let y = p.y + 8.0;
    p.text(
        MARGIN,
        y,
        full,
        8.0,
        false,
        GREY,
        "Green: on track or done. Amber: at risk (a milestone, goal or credential). Red: late for the target. Grey: the plan has errors.",
    );
    p.y += 10.0;

    // ── Expiries ──
    p.heading("Credential expiries");
    let expiries = cohort.expiries();
    let within = |lo: i64, hi: i64| {
        expiries
            .iter()
            .filter(|e| e.expiry.days_left >= lo && e.expiry.days_left <= hi)
            .count()
    };
    let boxes = [
        (
            "lapsed",
            expiries.iter().filter(|e| e.expiry.days_left < 0).count(),
            RED,
        ),
        ("next 30 days", within(0, 30), RED),
        ("31 to 60 days", within(31, 60), AMBER),
        ("61 to 90 days", within(61, 90), AMBER),
    ];
    p.room(50.0);
    let top = p.y + 4.0;
    let bw = full / 4.0;
    for (i, (label, count, color)) in boxes.iter().enumerate() {
        let x = MARGIN + bw * i as f32;
        let c = if *count > 0 { *color } else { GREY };
        p.push(Item::Rect {
            x,
            y: top,
            w: bw - 8.0,
            h: 40.0,
            fill: None,
            stroke: Some(Stroke {
                color: c,
                width: 1.5,
            }),
        });
        p.text(
            x + 8.0,
            top + 20.0,
            bw - 16.0,
            16.0,
            true,
            c,
            &count.to_string(),
        );
        p.text(x + 8.0, top + 33.0, bw - 16.0, 8.0, false, INK, label);
    }
    p.y = top + 46.0;
    let ecols = [0.0, 0.14, 0.36, 0.56, 0.86];
    let x = |i: usize| full * ecols[i];
    let w = |i: usize| full * (ecols.get(i + 1).copied().unwrap_or(1.0) - ecols[i]);
    let eh: Vec<(f32, f32, String, bool, Color)> =
        ["Expires", "Person", "Unit", "Credential", "Days left"]
            .iter()
            .enumerate()
            .map(|(i, s)| (x(i), w(i), s.to_string(), true, INK))
            .collect();
    p.row(&eh, 9.0);
    for e in expiries.iter().filter(|e| e.expiry.days_left <= 90) {
        if p.room(14.0) {
            p.row(&eh, 9.0);
        }
        let d = e.expiry.days_left;
        let color = if d < 0 || d <= 30 {
            RED
        } else if d <= 90 {
            AMBER
        } else {
            INK
        };
        p.row(
            &[
                (x(0), w(0), e.expiry.expires.to_string(), false, INK),
                (x(1), w(1), e.member.person.clone(), false, INK),
                (x(2), w(2), e.member.unit.clone(), false, INK),
                (x(3), w(3), e.expiry.credential.clone(), false, INK),
                (
                    x(4),
                    w(4),
                    if d < 0 {
                        format!("{d} lapsed")
                    } else {
                        d.to_string()
                    },
                    true,
                    color,
                ),
            ],
            9.0,
        );
    }

    // ── SMART ──
    p.heading("SMART average of the goals");
    let buckets = ["0 to 1", "1 to 2", "2 to 3", "3 to 4", "4 to 5", "no goals"];
    let mut counts = [0usize; 6];
    for m in &cohort.members {
        let Some(s) = &m.summary else { continue };
        let k = match s.smart_average {
            None => 5,
            Some(a) => (a.max(0.0).floor() as usize).min(4),
        };
        counts[k] += 1;
    }
    let most = counts.iter().copied().max().unwrap_or(0).max(1);
    let bar_x = full * 0.18;
    let bar_w = full * 0.62;
    for (label, c) in buckets.iter().zip(counts) {
        p.room(16.0);
        p.y += 4.0;
        let top = p.y;
        if c > 0 {
            p.rect(
                MARGIN + bar_x,
                top,
                bar_w * c as f32 / most as f32,
                10.0,
                Color(66, 103, 178),
            );
        }
        p.y -= 3.0;
        p.row(
            &[
                (0.0, bar_x, label.to_string(), false, INK),
                (
                    bar_x + bar_w + 6.0,
                    full - bar_x - bar_w - 6.0,
                    c.to_string(),
                    true,
                    INK,
                ),
            ],
            9.0,
        );
        p.y += 3.0;
    }

    // ── People ──
    p.heading("People");
    let pcols = [0.0, 0.2, 0.38, 0.5, 0.6, 0.74, 0.86];
    let px = |i: usize| full * pcols[i];
    let pw = |i: usize| full * (pcols.get(i + 1).copied().unwrap_or(1.0) - pcols[i]);
    let ph: Vec<(f32, f32, String, bool, Color)> = [
        "Person",
        "Unit",
        "Status",
        "Done",
        "Forecast",
        "Target",
        "Next expiry",
    ]
    .iter()
    .enumerate()
    .map(|(i, s)| (px(i), pw(i), s.to_string(), true, INK))
    .collect();
    p.row(&ph, 9.0);
    for m in &cohort.members {
        if p.room(14.0) {
            p.row(&ph, 9.0);
        }
        let s = m.summary.as_ref();
        // A plan with errors has no name: its file's name (the folders cut the column short).
        let person = if m.person.is_empty() {
            m.plan.rsplit('/').next().unwrap_or(&m.plan).to_string()
        } else {
            m.person.clone()
        };
        p.row(
            &[
                (px(0), pw(0), person, false, INK),
                (px(1), pw(1), m.unit.clone(), false, INK),
                (
                    px(2),
                    pw(2),
                    m.status().as_str().to_string(),
                    true,
                    status_color(m.status()),
                ),
                (
                    px(3),
                    pw(3),
                    // Whole percent: a manager scans the column, 18.46% only slows that.
                    s.map(|s| format!("{}%", s.percent.round()))
                        .unwrap_or_default(),
                    false,
                    INK,
                ),
                (
                    px(4),
                    pw(4),
                    s.map(|s| s.forecast_finish.to_string()).unwrap_or_default(),
                    false,
                    INK,
                ),
                (
                    px(5),
                    pw(5),
                    // Words, not a signed number: "-30 days late" reads as a mistake.
                    s.and_then(|s| s.days_late)
                        .map(|d| match d {
                            0 => "on time".to_string(),
                            d if d > 0 => format!("{d} d late"),
                            d => format!("{} d spare", -d),
                        })
                        .unwrap_or_default(),
                    false,
                    INK,
                ),
                (
                    px(6),
                    pw(6),
                    s.and_then(|s| s.next_expiry_date)
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    false,
                    INK,
                ),
            ],
            9.0,
        );
    }

    // Page numbers.
    let total = p.pages.len();
    for i in 0..total {
        let (w, h) = (p.width, p.height);
        let f = font::fonts();
        let text = format!("Cohort dashboard as of {as_of} · page {} of {total}", i + 1);
        let tw = f.measure(&text, 8.0, false);
        p.pages[i].items.push(Item::Text {
            x: MARGIN,
            y: h - MARGIN + 4.0,
            w: tw,
            max_w: w - 2.0 * MARGIN,
            size: 8.0,
            bold: false,
            color: GREY,
            text,
        });
    }
    let document = Document { pages: p.pages };
    let meta = encode::Meta {
        title: format!("Cohort dashboard as of {as_of}"),
        author: String::new(),
        subject: format!("{n} career plans as of {as_of}"),
        generator: generator.to_string(),
        plan_id: "cohort".into(),
        as_of,
    };
    let (bytes, more) = encode::encode(&document, &meta);
    let mut warnings: Vec<String> = p.warnings.into_iter().collect();
    warnings.extend(more);
    Rendered {
        bytes,
        warnings,
        pages: document.pages.len(),
    }
}
