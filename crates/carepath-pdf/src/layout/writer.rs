//! The writer: a cursor that flows rows of items onto pages, breaking pages where needed.

use std::collections::BTreeSet;

use super::*;
use crate::font::{ASCENT, DESCENT, Fonts};

/// A horizontal strip of content; its items are positioned relative to the strip's top.
#[derive(Default)]
pub(super) struct Row {
    pub(super) h: f32,
    pub(super) items: Vec<Item>,
}

impl Row {
    pub(super) fn gap(h: f32) -> Row {
        Row { h, items: vec![] }
    }

    /// Cuts the row in two at the lowest point at or above `limit` that passes between lines
    /// of text; boxes and lines across the cut are cut too. The second part starts at its own
    /// top.
    pub(super) fn split(self, limit: f32) -> (Row, Row) {
        let boxes: Vec<(f32, f32)> = self
            .items
            .iter()
            .filter(|i| matches!(i, Item::Text { .. }))
            .map(|i| {
                let b = i.bounds();
                (b.1, b.3)
            })
            .collect();
        let clear = |c: f32| boxes.iter().all(|&(t, b)| b <= c + 0.01 || t >= c - 0.01);
        let cut = boxes
            .iter()
            .flat_map(|&(t, b)| [t, b])
            .filter(|&c| c > 0.5 && c <= limit && clear(c))
            .fold(0.0f32, f32::max);
        let cut = if cut > 0.0 { cut } else { limit.max(1.0) };
        let (mut head, mut tail) = (Vec::new(), Vec::new());
        for item in self.items {
            match item {
                Item::Rect {
                    x,
                    y,
                    w,
                    h,
                    fill,
                    stroke,
                } if y < cut && y + h > cut => {
                    head.push(Item::Rect {
                        x,
                        y,
                        w,
                        h: cut - y,
                        fill,
                        stroke,
                    });
                    tail.push(Item::Rect {
                        x,
                        y: 0.0,
                        w,
                        h: y + h - cut,
                        fill,
                        stroke,
                    });
                }
                Item::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    color,
                    dashed,
                } if x1 == x2 && y1.min(y2) < cut && y1.max(y2) > cut => {
                    let (a, b) = (y1.min(y2), y1.max(y2));
                    head.push(Item::Line {
                        x1,
                        y1: a,
                        x2,
                        y2: cut,
                        width,
                        color,
                        dashed,
                    });
                    tail.push(Item::Line {
                        x1,
                        y1: 0.0,
                        x2,
                        y2: b - cut,
                        width,
                        color,
                        dashed,
                    });
                }
                mut other => {
                    let (_, top, _, bottom) = other.bounds();
                    if bottom <= cut + 0.01 || (top < cut && !matches!(other, Item::Text { .. })) {
                        head.push(other);
                    } else {
                        other.shift(-cut);
                        tail.push(other);
                    }
                }
            }
        }
        (
            Row {
                h: cut,
                items: head,
            },
            Row {
                h: (self.h - cut).max(0.0),
                items: tail,
            },
        )
    }
}

/// Baseline of a line of `size` centred in a strip `leading` tall.
pub(super) fn baseline(size: f32, leading: f32) -> f32 {
    (leading - size * (ASCENT + DESCENT)) / 2.0 + size * ASCENT
}

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Align {
    Left,
    Right,
    Center,
}

pub(super) struct Writer {
    pub(super) f: &'static Fonts,
    pub(super) width: f32,
    pub(super) height: f32,
    pub(super) pages: Vec<Page>,
    pub(super) y: f32,
    /// Where content starts on the current page once its headings are drawn: a group that does
    /// not fit is only moved to a new page when something already stands above it.
    pub(super) fresh_y: f32,
    pub(super) warnings: BTreeSet<String>,
}

impl Writer {
    pub(super) fn left(&self) -> f32 {
        MARGIN
    }
    pub(super) fn right(&self) -> f32 {
        self.width - MARGIN
    }
    pub(super) fn content_w(&self) -> f32 {
        self.right() - self.left()
    }
    pub(super) fn top(&self) -> f32 {
        MARGIN
    }
    pub(super) fn bottom(&self) -> f32 {
        self.height - MARGIN - FOOTER
    }
    pub(super) fn room(&self) -> f32 {
        self.bottom() - self.y
    }

    pub(super) fn new_page(&mut self) {
        self.pages.push(Page {
            width: self.width,
            height: self.height,
            items: Vec::new(),
        });
        self.y = self.top();
        self.fresh_y = self.y;
    }

    pub(super) fn push(&mut self, item: Item) {
        if matches!(&item, Item::Text { text, .. } if text.trim().is_empty()) {
            return;
        }
        let item = item.rounded();
        self.pages
            .last_mut()
            .expect("a page is started before anything is drawn")
            .items
            .push(item);
    }

    pub(super) fn clean(&mut self, s: &str) -> String {
        self.f.clean(s, &mut self.warnings)
    }

    /// A text run placed in a box `max_w` wide starting at `x`, aligned inside it. Text wider
    /// than the box is cut with an ellipsis (callers wrap first where every word matters).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn text(
        &mut self,
        x: f32,
        y: f32,
        max_w: f32,
        align: Align,
        size: f32,
        bold: bool,
        color: Color,
        s: &str,
    ) -> Item {
        self.run(x, y, max_w, align, size, bold, color, s, false)
    }

    /// Like [`Writer::text`], for labels that may be cut because the full text stands elsewhere
    /// in the document (a Gantt row's title is in the milestone table).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn label(
        &mut self,
        x: f32,
        y: f32,
        max_w: f32,
        align: Align,
        size: f32,
        bold: bool,
        color: Color,
        s: &str,
    ) -> Item {
        self.run(x, y, max_w, align, size, bold, color, s, true)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn run(
        &mut self,
        x: f32,
        y: f32,
        max_w: f32,
        align: Align,
        size: f32,
        bold: bool,
        color: Color,
        s: &str,
        may_cut: bool,
    ) -> Item {
        let clean = self.clean(s);
        // Measured once: most runs fit, and then they are the cleaned text as it is.
        let full = self.f.measure(&clean, size, bold);
        let (text, w) = if full <= max_w {
            (clean, full)
        } else {
            let text = self.f.ellipsize(&clean, size, bold, max_w);
            if !may_cut && text != clean {
                self.warnings.insert(format!(
                    "{clean:?} was too long for its place in the PDF and was shortened"
                ));
            }
            let w = self.f.measure(&text, size, bold);
            (text, w)
        };
        let x = match align {
            Align::Left => x,
            Align::Right => x + max_w - w,
            Align::Center => x + (max_w - w) / 2.0,
        };
        Item::Text {
            x,
            y,
            w,
            max_w,
            size,
            bold,
            color,
            text,
        }
    }

    /// `s` wrapped to `width`, every word kept; a line break in `s` starts a new line.
    pub(super) fn wrap(&mut self, s: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for part in s.split('\n').filter(|p| !p.trim().is_empty()) {
            let clean = self.clean(part);
            lines.extend(self.f.wrap(&clean, size, bold, width));
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines
    }

    pub(super) fn measure(&self, s: &str, size: f32, bold: bool) -> f32 {
        self.f.measure(s, size, bold)
    }

    /// One row per wrapped line of `s`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn para(
        &mut self,
        x: f32,
        width: f32,
        size: f32,
        bold: bool,
        color: Color,
        leading: f32,
        s: &str,
    ) -> Vec<Row> {
        let b = baseline(size, leading);
        self.wrap(s, size, bold, width)
            .into_iter()
            .map(|line| {
                let t = self.text(x, b, width, Align::Left, size, bold, color, &line);
                Row {
                    h: leading,
                    items: vec![t],
                }
            })
            .collect()
    }

    /// Places rows at the cursor, starting new pages as needed; `cont` draws what a
    /// continuation page starts with. With `keep`, a group that fits on a page is not split.
    pub(super) fn place(&mut self, rows: Vec<Row>, keep: bool, cont: &mut dyn FnMut(&mut Writer)) {
        let total: f32 = rows.iter().map(|r| r.h).sum();
        if keep && total > self.room() + 0.01 && self.y > self.fresh_y + 0.5 {
            self.break_page(cont);
        }
        for mut row in rows {
            if row.h > self.room() + 0.01 && self.y > self.fresh_y + 0.5 {
                self.break_page(cont);
            }
            // A row taller than a whole page (a title of thousands of characters) is cut
            // between its lines and continued.
            while row.h > self.room() + 0.01 {
                let (head, tail) = row.split(self.room());
                self.put(head);
                self.break_page(cont);
                row = tail;
            }
            self.put(row);
        }
    }

    pub(super) fn put(&mut self, row: Row) {
        let dy = self.y;
        for mut item in row.items {
            item.shift(dy);
            self.push(item);
        }
        self.y += row.h;
    }

    pub(super) fn break_page(&mut self, cont: &mut dyn FnMut(&mut Writer)) {
        self.new_page();
        cont(self);
        self.fresh_y = self.y;
    }

    /// Starts a page with a section title and a rule under it.
    pub(super) fn section(&mut self, title: &str) {
        self.new_page();
        self.section_title(title);
    }

    /// A section with little to say (a plan without milestones or goals): it follows on the
    /// current page when there is room, instead of leaving a page nearly empty.
    pub(super) fn short_section(&mut self, title: &str) {
        if self.pages.is_empty() || self.room() < 160.0 {
            self.new_page();
        } else {
            self.y += 24.0;
        }
        self.section_title(title);
    }

    pub(super) fn section_title(&mut self, title: &str) {
        let (x, w) = (self.left(), self.content_w());
        let t = self.text(x, self.y + 16.0, w, Align::Left, 16.0, true, ACCENT, title);
        self.push(t);
        self.push(Item::Line {
            x1: x,
            y1: self.y + 24.0,
            x2: x + w,
            y2: self.y + 24.0,
            width: 0.8,
            color: ACCENT,
            dashed: false,
        });
        self.y += 34.0;
        self.fresh_y = self.y;
    }

    /// A heading inside a section, kept on the same page as at least `need` points after it.
    pub(super) fn heading(&mut self, title: &str, need: f32, cont: &mut dyn FnMut(&mut Writer)) {
        if self.room() < 26.0 + need && self.y > self.fresh_y + 0.5 {
            self.break_page(cont);
        }
        let (x, w) = (self.left(), self.content_w());
        let t = self.text(x, self.y + 14.0, w, Align::Left, 11.5, true, INK, title);
        self.push(t);
        self.y += 22.0;
    }
}

/// A continuation page that starts with a section title.
pub(super) fn continued(title: &str) -> impl FnMut(&mut Writer) + '_ {
    move |w: &mut Writer| w.section_title(&format!("{title} (continued)"))
}
