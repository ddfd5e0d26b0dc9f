//! The pure layout step: the resolved plan becomes pages of positioned text runs, lines, boxes and
//! polygons. Nothing here knows about PDF; [`crate::encode`] draws the result.
//!
//! Coordinates are PostScript points (1/72 inch) with the origin at the **top-left** corner of
//! the page and y growing **downwards**, the way a reader reads; a text item's `y` is its
//! baseline. Every item lies inside the printable area (the page less [`MARGIN`] on each side),
//! and every text run is no wider than the space it was laid into (`max_w`).

use std::collections::BTreeSet;

use carepath_export::Paper;
use carepath_model::calendar::{self, add_days, days_between};
use carepath_model::money::money;
use carepath_model::numbers::grouped;
use carepath_model::words::{humanize, plural};
use carepath_model::{Kind, ResolvedPlan, ScheduledMilestone, Status};
use jiff::civil::Date;
use serde::{Serialize, Serializer};

use crate::PdfOptions;
use crate::font::{ASCENT, DESCENT, Fonts, fonts};

mod credentials;
mod gap;
mod goals;
mod network;
mod profile;
mod summary;
mod table;
mod timeline;
mod writer;

use writer::{Align, Writer};

/// Space left blank on every side of the page, in points (about 17 mm).
pub const MARGIN: f32 = 48.0;
/// Height kept at the bottom of the printable area for the footer.
const FOOTER: f32 = 24.0;

/// The result of laying out a plan: the pages, and what could not be drawn as written.
#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    pub document: Document,
    /// Things the reader should know (characters the font lacks), sorted, one per line.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub pages: Vec<Page>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    /// In painting order: later items are drawn over earlier ones.
    pub items: Vec<Item>,
}

/// An sRGB colour; serialised as `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color(pub u8, pub u8, pub u8);

impl Serialize for Color {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2))
    }
}

impl Color {
    /// This colour mixed with white: `amount` 0 is the colour, 1 is white.
    fn tint(self, amount: f32) -> Color {
        let mix = |c: u8| (f32::from(c) + (255.0 - f32::from(c)) * amount).round() as u8;
        Color(mix(self.0), mix(self.1), mix(self.2))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Stroke {
    pub color: Color,
    pub width: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Item {
    /// One run of text on one line. `w` is its measured width, `max_w` the width it was given.
    Text {
        x: f32,
        y: f32,
        w: f32,
        max_w: f32,
        size: f32,
        bold: bool,
        color: Color,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Color,
        dashed: bool,
    },
    /// `(x, y)` is the top-left corner.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    Polygon {
        points: Vec<(f32, f32)>,
        fill: Color,
        stroke: Option<Stroke>,
    },
}

impl Item {
    /// The box the item covers: `(left, top, right, bottom)`. Text covers its ascent and
    /// descent; strokes cover half their width on each side.
    pub fn bounds(&self) -> (f32, f32, f32, f32) {
        match self {
            Item::Text { x, y, w, size, .. } => (*x, y - size * ASCENT, x + w, y + size * DESCENT),
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                ..
            } => {
                // Butt caps: a stroke widens a line across its direction, not along it.
                let h = width / 2.0;
                let (hx, hy) = if y1 == y2 {
                    (0.0, h)
                } else if x1 == x2 {
                    (h, 0.0)
                } else {
                    (h, h)
                };
                (
                    x1.min(*x2) - hx,
                    y1.min(*y2) - hy,
                    x1.max(*x2) + hx,
                    y1.max(*y2) + hy,
                )
            }
            Item::Rect {
                x, y, w, h, stroke, ..
            } => {
                let s = stroke.map_or(0.0, |s| s.width / 2.0);
                (x - s, y - s, x + w + s, y + h + s)
            }
            Item::Polygon { points, stroke, .. } => {
                let s = stroke.map_or(0.0, |s| s.width / 2.0);
                let mut b = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
                for (x, y) in points {
                    b = (b.0.min(*x), b.1.min(*y), b.2.max(*x), b.3.max(*y));
                }
                (b.0 - s, b.1 - s, b.2 + s, b.3 + s)
            }
        }
    }

    fn shift(&mut self, dy: f32) {
        match self {
            Item::Text { y, .. } | Item::Rect { y, .. } => *y += dy,
            Item::Line { y1, y2, .. } => {
                *y1 += dy;
                *y2 += dy;
            }
            Item::Polygon { points, .. } => points.iter_mut().for_each(|p| p.1 += dy),
        }
    }

    /// Coordinates to a hundredth of a point, so snapshots do not depend on float noise.
    fn rounded(mut self) -> Item {
        let r = |v: &mut f32| *v = (*v * 100.0).round() / 100.0;
        match &mut self {
            Item::Text { x, y, w, max_w, .. } => {
                r(x);
                r(y);
                r(w);
                r(max_w);
            }
            Item::Line { x1, y1, x2, y2, .. } => {
                r(x1);
                r(y1);
                r(x2);
                r(y2);
            }
            Item::Rect { x, y, w, h, .. } => {
                r(x);
                r(y);
                r(w);
                r(h);
            }
            Item::Polygon { points, .. } => points.iter_mut().for_each(|(x, y)| {
                r(x);
                r(y);
            }),
        }
        self
    }
}

// ── Colours: calm, print-friendly, readable in greyscale ────────────────────────────────────

const INK: Color = Color(0x1f, 0x29, 0x33);
const MUTED: Color = Color(0x61, 0x6e, 0x7c);
const ACCENT: Color = Color(0x0b, 0x6e, 0x79);
const RULE: Color = Color(0xcb, 0xd2, 0xd9);
const PANEL: Color = Color(0xf0, 0xf4, 0xf8);
const STRIPE: Color = Color(0xf7, 0xf9, 0xfb);
const HEADER_FILL: Color = Color(0xe4, 0xeb, 0xf1);
const GOOD: Color = Color(0x2f, 0x85, 0x5a);
const WARN: Color = Color(0xb7, 0x79, 0x1f);
const BAD: Color = Color(0xc5, 0x30, 0x30);
const BASELINE: Color = Color(0x9a, 0xa5, 0xb1);
const TODAY: Color = Color(0x1c, 0x64, 0xd6);
const CRITICAL: Color = Color(0xc9, 0x2a, 0x2a);
const WHITE: Color = Color(0xff, 0xff, 0xff);
/// Renewal milestones on the timeline: a colour no kind of milestone has, so the CE that keeps a
/// credential stands apart from the career goals it competes with for the same hours.
const RENEWAL: Color = Color(0x7a, 0x8b, 0x1e);

/// The colour of a milestone's bar: its kind's, or the renewal colour for a renewal milestone.
fn milestone_color(m: &ScheduledMilestone) -> Color {
    if m.renewal {
        RENEWAL
    } else {
        kind_color(m.kind)
    }
}

/// A credential's name for people: the one its status carries, else the catalog's, else the id
/// made readable.
fn credential_name(plan: &ResolvedPlan, id: &str) -> String {
    plan.schedule
        .credentials
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.name.clone())
        .or_else(|| plan.names.get(id).cloned())
        .unwrap_or_else(|| humanize(id))
}

/// The fixed colour of each kind of milestone (the Gantt bars and the legend).
pub fn kind_color(kind: Kind) -> Color {
    match kind {
        Kind::Education => Color(0x3b, 0x6e, 0xa8),
        Kind::Certification => Color(0x7b, 0x5e, 0xa7),
        Kind::Exam => Color(0xa0, 0x51, 0x95),
        Kind::License => Color(0x4c, 0x4f, 0xb0),
        Kind::Experience => Color(0x2a, 0x9d, 0x8f),
        Kind::Training => Color(0x4f, 0x9f, 0xd1),
        Kind::ContinuingEducation => Color(0x6a, 0x8c, 0xaf),
        Kind::Networking => Color(0xe0, 0x9a, 0x3a),
        Kind::Mentorship => Color(0xd0, 0x7a, 0x45),
        Kind::Shadowing => Color(0xc2, 0xa0, 0x2f),
        Kind::Volunteering => Color(0x8a, 0xb1, 0x7d),
        Kind::Leadership => Color(0xb5, 0x65, 0x4a),
        Kind::Research => Color(0x58, 0x7b, 0x7f),
        Kind::Application => Color(0x9c, 0x66, 0x44),
        Kind::Wellbeing => Color(0x5f, 0xa8, 0x6f),
        Kind::Other => Color(0x8d, 0x99, 0xae),
    }
}

fn status_color(s: Status) -> Color {
    match s {
        Status::Done => GOOD,
        Status::OnTrack => ACCENT,
        Status::AtRisk => WARN,
        Status::Late => BAD,
        Status::NotStarted => MUTED,
    }
}

fn status_words(s: Status) -> &'static str {
    match s {
        Status::Done => "done",
        Status::OnTrack => "on track",
        Status::AtRisk => "at risk",
        Status::Late => "late",
        Status::NotStarted => "not started",
    }
}

// ── Page geometry ───────────────────────────────────────────────────────────────────────────

/// The paper for this export: the option if given, else Letter in the US and A4 elsewhere.
pub fn paper(plan: &ResolvedPlan, options: &PdfOptions) -> Paper {
    options
        .paper
        .unwrap_or_else(|| match plan.plan.person.region.as_deref().map(str::trim) {
            Some(r) if r.eq_ignore_ascii_case("us") || r.eq_ignore_ascii_case("usa") => {
                Paper::Letter
            }
            _ => Paper::A4,
        })
}

/// Width and height in points.
pub fn paper_size(p: Paper) -> (f32, f32) {
    match p {
        Paper::Letter => (612.0, 792.0),
        Paper::A4 => (595.28, 841.89),
    }
}

// ── Small formatting helpers ────────────────────────────────────────────────────────────────

/// "4 years 6 months away", "3 months ago": whole months from `from` to `to`.
fn time_until(from: Date, to: Date) -> String {
    let months = calendar::whole_months(from, to);
    let (n, when) = if months >= 0 {
        (months, "away")
    } else {
        (-months, "ago")
    };
    let (y, m) = (n / 12, n % 12);
    let span = match (y, m) {
        (0, 0) => return "this month".to_string(),
        (0, m) => plural(m, "month", "months"),
        (y, 0) => plural(y, "year", "years"),
        (y, m) => format!(
            "{} {}",
            plural(y, "year", "years"),
            plural(m, "month", "months")
        ),
    };
    format!("{span} {when}")
}

fn role_name(plan: &ResolvedPlan, role: &str) -> String {
    if let Some(name) = plan.names.get(role) {
        return name.clone();
    }
    if let Some(g) = &plan.gap {
        if g.target_role == role {
            return g.target_name.clone();
        }
        if let Some(step) = g.path.iter().find(|s| s.role == role) {
            return step.name.clone();
        }
    }
    humanize(role)
}

/// Mark for a passed or failed check: ✓ and ✗ where the font has them.
fn mark(f: &Fonts, pass: bool) -> &'static str {
    match pass {
        true if f.covers('✓') => "✓",
        false if f.covers('✗') => "✗",
        true => "yes",
        false => "no",
    }
}

fn criterion_name(key: &str) -> &'static str {
    match key {
        "specific" => "Specific",
        "measurable" => "Measurable",
        "achievable" => "Achievable",
        "relevant" => "Relevant",
        _ => "Time-bound",
    }
}

// ── The document ────────────────────────────────────────────────────────────────────────────

/// Lays out the whole document: summary, timeline, goals, milestones, profile, credentials and
/// renewals when the plan has credentials with dates or a rule, and the gap and pay along the
/// path when the catalog knows them. The as-of date is the plan's (`plan.as_of`).
pub fn layout(plan: &ResolvedPlan, options: &PdfOptions) -> Layout {
    let (width, height) = paper_size(paper(plan, options));
    let mut w = Writer {
        f: fonts(),
        width,
        height,
        pages: Vec::new(),
        y: MARGIN,
        fresh_y: MARGIN,
        warnings: BTreeSet::new(),
    };
    let notes_shown = summary::summary(&mut w, plan);
    timeline::timeline(&mut w, plan);
    goals::goals(&mut w, plan);
    table::milestone_table(&mut w, plan);
    if notes_shown < plan.schedule.explanations.len() {
        summary::all_notes(&mut w, plan);
    }
    profile::profile(&mut w, plan);
    network::network(&mut w, plan);
    credentials::credentials(&mut w, plan);
    if plan.gap.is_some() {
        gap::gap(&mut w, plan);
    }
    footers(&mut w, plan);
    Layout {
        document: Document { pages: w.pages },
        warnings: w.warnings.into_iter().collect(),
    }
}

fn footers(w: &mut Writer, plan: &ResolvedPlan) {
    let n = w.pages.len();
    let (x, cw) = (w.left(), w.content_w());
    let rule_y = w.height - MARGIN - 13.0;
    let base = w.height - MARGIN - 3.0;
    let who = format!(
        "{} · {}",
        plan.plan.person.name.trim(),
        plan.plan.title.trim()
    );
    for i in 0..n {
        let right = format!("As of {} · Page {} of {}", plan.as_of, i + 1, n);
        let rw = w.measure(&right, 7.5, false);
        let items = vec![
            Item::Line {
                x1: x,
                y1: rule_y,
                x2: x + cw,
                y2: rule_y,
                width: 0.5,
                color: RULE,
                dashed: false,
            },
            w.label(
                x,
                base,
                cw - rw - 16.0,
                Align::Left,
                7.5,
                false,
                MUTED,
                &who,
            ),
            w.text(x, base, cw, Align::Right, 7.5, false, MUTED, &right),
        ];
        for item in items {
            w.pages[i].items.push(item.rounded());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn time_to_the_target_in_months_and_years() {
        let asof = date(2026, 12, 31);
        assert_eq!(time_until(asof, date(2031, 6, 30)), "4 years 5 months away");
        assert_eq!(time_until(asof, date(2027, 3, 31)), "3 months away");
        assert_eq!(time_until(asof, date(2027, 12, 31)), "1 year away");
        assert_eq!(time_until(asof, date(2026, 10, 31)), "2 months ago");
        assert_eq!(time_until(asof, date(2026, 12, 1)), "this month");
    }
}
