//! The second encoder of the layout: SVG for `carepath serve`'s page. [`crate::encode`] draws a
//! [`Document`]'s items into a PDF; this draws the same items as SVG elements, so the timeline in
//! the browser and the one on paper are one drawing.
//!
//! The layout's coordinates (points, top-left origin, y down, a text item's `y` its baseline)
//! are SVG's own user units, so every item is written as it is. Text is set in DejaVu Sans, the
//! font the layout measured with; a page that serves that font (as `carepath serve` does) shows
//! every run at exactly the width the layout gave it. Hand-written rather than through an SVG
//! crate: four kinds of item, each one element, and escaping text is all the care SVG needs.

use std::fmt::Write;

use crate::layout::{Color, Document, Item, MARGIN, Page};

/// The font the layout measured with, then what the browser has.
pub const FONT_FAMILY: &str = "'DejaVu Sans', 'DejaVu Sans Fallback', sans-serif";

/// A whole page as one `<svg>` element, `title` read out by screen readers.
pub fn page(page: &Page, title: &str) -> String {
    let all: Vec<&Item> = page.items.iter().collect();
    draw(&all, (0.0, 0.0, page.width, page.height), title)
}

/// The timeline section of the document: one `<svg>` per page it covers, each cropped to the
/// drawing on every side: from below the section's title (the page around it gives its own
/// heading) to its last row, without the page's margins or its footer. Empty when the document
/// has no timeline.
pub fn timeline(doc: &Document, title: &str) -> Vec<String> {
    let mut out = Vec::new();
    for page in &doc.pages {
        // Above the footer's rule, which `layout::footers` draws 13 points above the margin.
        let footer_top = page.height - MARGIN - 14.0;
        let mut inside = false;
        let mut heading_y: Option<f32> = None;
        let mut items: Vec<&Item> = Vec::new();
        for item in &page.items {
            if let Item::Text {
                size,
                bold,
                text,
                y,
                ..
            } = item
                && *bold
                && *size >= 16.0
            {
                inside = text == "Timeline" || text == "Timeline (continued)";
                if inside {
                    heading_y = Some(*y);
                    continue;
                }
            }
            // The section title's underline.
            if let (Item::Line { y1, y2, .. }, Some(h)) = (item, heading_y)
                && y1 == y2
                && *y1 >= h
                && *y1 <= h + 14.0
            {
                continue;
            }
            if inside && item.bounds().3 < footer_top {
                items.push(item);
            }
        }
        if items.is_empty() {
            continue;
        }
        let (mut left, mut top, mut right, mut bottom) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for i in &items {
            let (l, t, r, b) = i.bounds();
            left = left.min(l);
            top = top.min(t);
            right = right.max(r);
            bottom = bottom.max(b);
        }
        let left = (left - 4.0).max(0.0);
        let top = (top - 4.0).max(0.0);
        let right = (right + 4.0).min(page.width);
        let bottom = (bottom + 4.0).min(page.height);
        out.push(draw(&items, (left, top, right - left, bottom - top), title));
    }
    out
}

fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// A number as SVG wants it: at most two decimals, no trailing zeros.
fn n(x: f32) -> String {
    let r = (x * 100.0).round() / 100.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        let s = format!("{r:.2}");
        s.trim_end_matches('0').to_string()
    }
}

/// Text as SVG character data: the five XML specials escaped, controls dropped.
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            c if c.is_control() => {}
            c => s.push(c),
        }
    }
    s
}

fn draw(items: &[&Item], view: (f32, f32, f32, f32), title: &str) -> String {
    let (vx, vy, vw, vh) = view;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {} {}\" width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"{}\" font-family=\"{}\">",
        n(vx),
        n(vy),
        n(vw),
        n(vh),
        n(vw),
        n(vh),
        escape(title),
        escape(FONT_FAMILY)
    );
    let _ = write!(s, "<title>{}</title>", escape(title));
    for item in items {
        match item {
            Item::Text {
                x,
                y,
                size,
                bold,
                color,
                text,
                ..
            } => {
                let weight = if *bold { " font-weight=\"bold\"" } else { "" };
                let _ = write!(
                    s,
                    "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{weight} fill=\"{}\" xml:space=\"preserve\">{}</text>",
                    n(*x),
                    n(*y),
                    n(*size),
                    hex(*color),
                    escape(text)
                );
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
                dashed,
            } => {
                let dash = if *dashed {
                    " stroke-dasharray=\"3 2\""
                } else {
                    ""
                };
                let _ = write!(
                    s,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{dash}/>",
                    n(*x1),
                    n(*y1),
                    n(*x2),
                    n(*y2),
                    hex(*color),
                    n(*width)
                );
            }
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                let _ = write!(
                    s,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"",
                    n(*x),
                    n(*y),
                    n(*w),
                    n(*h),
                    fill.map_or("none".to_string(), hex)
                );
                if let Some(st) = stroke {
                    let _ = write!(
                        s,
                        " stroke=\"{}\" stroke-width=\"{}\"",
                        hex(st.color),
                        n(st.width)
                    );
                }
                s.push_str("/>");
            }
            Item::Polygon {
                points,
                fill,
                stroke,
            } => {
                let pts: Vec<String> = points
                    .iter()
                    .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
                    .collect();
                let _ = write!(
                    s,
                    "<polygon points=\"{}\" fill=\"{}\"",
                    pts.join(" "),
                    hex(*fill)
                );
                if let Some(st) = stroke {
                    let _ = write!(
                        s,
                        " stroke=\"{}\" stroke-width=\"{}\"",
                        hex(st.color),
                        n(st.width)
                    );
                }
                s.push_str("/>");
            }
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Stroke;

    #[test]
    fn each_item_becomes_one_element_at_the_layouts_coordinates() {
        let page = Page {
            width: 200.0,
            height: 100.0,
            items: vec![
                Item::Text {
                    x: 10.0,
                    y: 20.5,
                    w: 30.0,
                    max_w: 40.0,
                    size: 9.0,
                    bold: true,
                    color: Color(1, 2, 3),
                    text: "R&D <care>".into(),
                },
                Item::Line {
                    x1: 0.0,
                    y1: 1.0,
                    x2: 5.0,
                    y2: 1.0,
                    width: 0.5,
                    color: Color(255, 0, 0),
                    dashed: true,
                },
                Item::Rect {
                    x: 1.0,
                    y: 2.0,
                    w: 3.0,
                    h: 4.0,
                    fill: None,
                    stroke: Some(Stroke {
                        color: Color(0, 0, 0),
                        width: 1.25,
                    }),
                },
                Item::Polygon {
                    points: vec![(0.0, 0.0), (1.0, 2.0), (2.0, 0.0)],
                    fill: Color(0, 255, 0),
                    stroke: None,
                },
            ],
        };
        let svg = super::page(&page, "A \"plan\"");
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 100\"")
        );
        assert!(svg.contains("aria-label=\"A &quot;plan&quot;\""));
        assert!(svg.contains("<text x=\"10\" y=\"20.5\" font-size=\"9\" font-weight=\"bold\" fill=\"#010203\" xml:space=\"preserve\">R&amp;D &lt;care&gt;</text>"));
        assert!(svg.contains("<line x1=\"0\" y1=\"1\" x2=\"5\" y2=\"1\" stroke=\"#ff0000\" stroke-width=\"0.5\" stroke-dasharray=\"3 2\"/>"));
        assert!(svg.contains("<rect x=\"1\" y=\"2\" width=\"3\" height=\"4\" fill=\"none\" stroke=\"#000000\" stroke-width=\"1.25\"/>"));
        assert!(svg.contains("<polygon points=\"0,0 1,2 2,0\" fill=\"#00ff00\"/>"));
        assert!(svg.ends_with("</svg>"));
    }
}
