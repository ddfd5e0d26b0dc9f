//! The embedded font: DejaVu Sans (regular and bold) from the `dejavu` crate, its real advance
//! widths for measuring and wrapping, and glyph coverage.
//!
//! A PDF viewer draws a character the font lacks as an empty box and says nothing, so every string
//! goes through [`Fonts::clean`] before it reaches a page: characters the font cannot draw are
//! replaced by a visible stand-in and reported, never dropped.
//!
//! Measuring reads the font in place: the character map (`cmap`), the advance widths (`hmtx`)
//! and the few numbers a PDF font descriptor needs (`head`, `hhea`, `OS/2`) are looked up in the
//! embedded bytes, so neither laying out nor encoding a document parses a whole font. (A
//! general font parser such as `ttf-parser` would do the same lookups; the tests check this
//! reader against it on every character.) The embedded subset is cut by `subsetter` in
//! [`crate::encode`].

use std::collections::BTreeSet;
use std::sync::OnceLock;

/// A big-endian `u16` at `at`; 0 past the end, so a damaged font measures as empty, never panics.
fn u16_at(d: &[u8], at: usize) -> u16 {
    d.get(at..at + 2)
        .map_or(0, |b| u16::from_be_bytes([b[0], b[1]]))
}

fn u32_at(d: &[u8], at: usize) -> u32 {
    d.get(at..at + 4)
        .map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

/// The tables of a TrueType font, as `(tag, bytes)` in the order of its table directory.
fn tables(font: &[u8]) -> Vec<([u8; 4], &[u8])> {
    (0..usize::from(u16_at(font, 4)))
        .filter_map(|i| {
            let rec = font.get(12 + 16 * i..28 + 16 * i)?;
            let tag = [rec[0], rec[1], rec[2], rec[3]];
            let (off, len) = (u32_at(rec, 8) as usize, u32_at(rec, 12) as usize);
            Some((tag, font.get(off..off.checked_add(len)?)?))
        })
        .collect()
}

fn table<'a>(tables: &[([u8; 4], &'a [u8])], tag: &[u8; 4]) -> &'a [u8] {
    tables.iter().find(|t| &t.0 == tag).map_or(&[], |t| t.1)
}

/// The Unicode character map of a face, read in place: a format 12 (all of Unicode) or format 4
/// (the BMP) subtable, chosen the way common font parsers choose it.
#[derive(Clone, Copy)]
enum Cmap {
    Groups(&'static [u8]),
    Segments(&'static [u8]),
    None,
}

impl Cmap {
    fn read(cmap: &'static [u8]) -> Cmap {
        let records: Vec<(u16, u16, usize)> = (0..usize::from(u16_at(cmap, 2)))
            .map(|i| {
                let at = 4 + 8 * i;
                (
                    u16_at(cmap, at),
                    u16_at(cmap, at + 2),
                    u32_at(cmap, at + 4) as usize,
                )
            })
            .collect();
        // Windows UCS-4, Windows BMP, Unicode UCS-4, then any Unicode subtable (allsorts'
        // `find_good_cmap_subtable`).
        let pick = records
            .iter()
            .find(|r| (r.0, r.1) == (3, 10))
            .or_else(|| records.iter().find(|r| (r.0, r.1) == (3, 1)))
            .or_else(|| records.iter().find(|r| (r.0, r.1) == (0, 4)))
            .or_else(|| records.iter().find(|r| r.0 == 0));
        let Some(sub) = pick.and_then(|r| cmap.get(r.2..)) else {
            return Cmap::None;
        };
        match u16_at(sub, 0) {
            12 => Cmap::Groups(sub),
            4 => Cmap::Segments(sub),
            _ => Cmap::None,
        }
    }

    /// The glyph of `cp`; 0 (the "missing" glyph) for a character the face lacks.
    fn glyph(self, cp: u32) -> u16 {
        match self {
            Cmap::Groups(t) => {
                let n = u32_at(t, 12) as usize;
                let group = |i: usize| {
                    let at = 16 + 12 * i;
                    (u32_at(t, at), u32_at(t, at + 4), u32_at(t, at + 8))
                };
                // The first group that ends at or after `cp`.
                let (mut lo, mut hi) = (0, n);
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    if group(mid).1 < cp {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                match (lo < n).then(|| group(lo)) {
                    Some((start, _, first)) if start <= cp => {
                        u16::try_from(first.saturating_add(cp - start)).unwrap_or(0)
                    }
                    _ => 0,
                }
            }
            Cmap::Segments(t) => {
                let Ok(c) = u16::try_from(cp) else {
                    return 0;
                };
                let seg_x2 = usize::from(u16_at(t, 6));
                let n = seg_x2 / 2;
                let (ends, starts) = (14, 16 + seg_x2);
                let (deltas, ranges) = (starts + seg_x2, starts + 2 * seg_x2);
                let (mut lo, mut hi) = (0, n);
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    if u16_at(t, ends + 2 * mid) < c {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                if lo >= n || u16_at(t, starts + 2 * lo) > c {
                    return 0;
                }
                let start = u16_at(t, starts + 2 * lo);
                let delta = u16_at(t, deltas + 2 * lo);
                let range = usize::from(u16_at(t, ranges + 2 * lo));
                if range == 0 {
                    return c.wrapping_add(delta);
                }
                let at = ranges + 2 * lo + range + 2 * usize::from(c - start);
                match u16_at(t, at) {
                    0 => 0,
                    g => g.wrapping_add(delta),
                }
            }
            Cmap::None => 0,
        }
    }
}

/// The numbers of a face that a PDF font descriptor carries, in font units.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Metrics {
    /// `head`: xMin, yMin, xMax, yMax.
    pub bbox: [i16; 4],
    /// `hhea`: ascender and descender (negative).
    pub ascender: i16,
    pub descender: i16,
    /// `OS/2` (version 2 and later): the height of a capital letter; the ascender otherwise.
    pub cap_height: i16,
    /// `post`: the italic angle, 16.16 fixed point as degrees.
    pub italic_angle: f32,
}

/// One face: its bytes, read in place for measuring and for encoding.
pub(crate) struct Face {
    what: &'static str,
    /// The PostScript name the PDF names the face by (before its subset tag).
    ps_name: &'static str,
    bytes: &'static [u8],
    cmap: Cmap,
    hmtx: &'static [u8],
    h_metrics: usize,
    units_per_em: f32,
    metrics: Metrics,
    /// Advance widths of U+0020..U+007E in font units, the bulk of every plan.
    ascii: [u16; 95],
    /// Which of U+0020..U+007E the face draws, one bit each.
    ascii_drawn: u128,
    /// Glyphs of U+0020..U+007E (0 where the face has none), so that the bulk of the text
    /// needs no cmap search.
    ascii_glyph: [u16; 95],
}

impl Face {
    fn load(bytes: &'static [u8], what: &'static str, ps_name: &'static str) -> Face {
        let t = tables(bytes);
        let hhea = table(&t, b"hhea");
        let head = table(&t, b"head");
        let os2 = table(&t, b"OS/2");
        let i16_at = |d: &[u8], at: usize| u16_at(d, at) as i16;
        let ascender = i16_at(hhea, 4);
        let metrics = Metrics {
            bbox: [
                i16_at(head, 36),
                i16_at(head, 38),
                i16_at(head, 40),
                i16_at(head, 42),
            ],
            ascender,
            descender: i16_at(hhea, 6),
            cap_height: if u16_at(os2, 0) >= 2 {
                i16_at(os2, 88)
            } else {
                ascender
            },
            italic_angle: u32_at(table(&t, b"post"), 4) as i32 as f32 / 65536.0,
        };
        let mut face = Face {
            what,
            ps_name,
            bytes,
            cmap: Cmap::read(table(&t, b"cmap")),
            hmtx: table(&t, b"hmtx"),
            h_metrics: usize::from(u16_at(hhea, 34)),
            units_per_em: f32::from(u16_at(head, 18).max(1)),
            metrics,
            ascii: [0; 95],
            ascii_drawn: 0,
            ascii_glyph: [0; 95],
        };
        for (i, cp) in (0x20u32..0x7f).enumerate() {
            let g = face.cmap.glyph(cp);
            face.ascii_glyph[i] = g;
            if g != 0 {
                face.ascii[i] = face.glyph_advance(g);
                face.ascii_drawn |= 1 << i;
            }
        }
        face
    }

    /// Advance width of a glyph in font units (fonts may list the last width once for a run of
    /// glyphs at the end).
    pub(crate) fn glyph_advance(&self, g: u16) -> u16 {
        let i = usize::from(g).min(self.h_metrics.saturating_sub(1));
        u16_at(self.hmtx, 4 * i)
    }

    fn has(&self, c: char) -> bool {
        let cp = c as u32;
        if (0x20..0x7f).contains(&cp) {
            return self.ascii_drawn & (1 << (cp - 0x20)) != 0;
        }
        self.cmap.glyph(cp) != 0
    }

    /// Advance of one character in font units; 0 for characters the font lacks.
    fn advance(&self, c: char) -> u32 {
        let cp = c as u32;
        if (0x20..0x7f).contains(&cp) {
            return u32::from(self.ascii[(cp - 0x20) as usize]);
        }
        match self.cmap.glyph(cp) {
            0 => 0,
            g => u32::from(self.glyph_advance(g)),
        }
    }

    /// The glyph that draws `c`; 0 (the "missing" glyph) for a character the face lacks.
    pub(crate) fn glyph(&self, c: char) -> u16 {
        let cp = c as u32;
        if (0x20..0x7f).contains(&cp) {
            return self.ascii_glyph[(cp - 0x20) as usize];
        }
        self.cmap.glyph(cp)
    }

    /// The face's font file, as embedded in the binary.
    pub(crate) fn bytes(&self) -> &'static [u8] {
        self.bytes
    }

    pub(crate) fn units_per_em(&self) -> f32 {
        self.units_per_em
    }

    pub(crate) fn metrics(&self) -> Metrics {
        self.metrics
    }

    /// The face's PostScript name, as the PDF names it (after the subset tag).
    pub(crate) fn ps_name(&self) -> &'static str {
        self.ps_name
    }

    /// The name of the face, for messages.
    pub(crate) fn name(&self) -> &'static str {
        self.what
    }
}

/// The two faces the document uses.
pub struct Fonts {
    pub(crate) regular: Face,
    pub(crate) bold: Face,
    /// What stands in for a character the font cannot draw.
    fallback: char,
}

/// The fonts, read once per process (the bytes never change, so sharing them keeps every export
/// identical).
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(Fonts::load)
}

/// Ascent and descent of DejaVu Sans as a fraction of the font size (hhea: 1901 and 483 of
/// 2048 units), for the boxes that text occupies on the page.
pub const ASCENT: f32 = 0.93;
pub const DESCENT: f32 = 0.24;

impl Fonts {
    /// Reads the embedded faces' tables (use [`fonts`], which does it once).
    pub fn load() -> Fonts {
        let regular = Face::load(dejavu::sans::regular(), "DejaVu Sans", "DejaVuSans");
        let bold = Face::load(dejavu::sans::bold(), "DejaVu Sans Bold", "DejaVuSans-Bold");
        // U+FFFD is the character every reader recognises as "something was replaced here".
        let fallback = if regular.has('\u{FFFD}') && bold.has('\u{FFFD}') {
            '\u{FFFD}'
        } else {
            '?'
        };
        Fonts {
            regular,
            bold,
            fallback,
        }
    }

    pub(crate) fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }

    /// Width of `text` at `size` points, from the font's advance widths (the same numbers the PDF
    /// viewer uses to place the glyphs, since text is drawn unkerned).
    pub fn measure(&self, text: &str, size: f32, bold: bool) -> f32 {
        let face = self.face(bold);
        let units: u32 = text.chars().map(|c| face.advance(c)).sum();
        units as f32 * size / face.units_per_em
    }

    /// Whether both faces can draw `c`.
    pub fn covers(&self, c: char) -> bool {
        self.regular.has(c) && self.bold.has(c)
    }

    /// The character drawn instead of one the font lacks.
    pub fn fallback(&self) -> char {
        self.fallback
    }

    /// `text` made drawable on one line: line breaks and tabs become spaces, other control
    /// characters go, and each character the font cannot draw becomes the fallback, with a
    /// warning in `warnings` (one per character).
    pub fn clean(&self, text: &str, warnings: &mut BTreeSet<String>) -> String {
        // Most text is printable ASCII that both faces draw: such runs are copied whole, and
        // only the characters between them are looked at one by one.
        let drawn = self.regular.ascii_drawn & self.bold.ascii_drawn;
        let plain = |b: u8| (0x20..0x7f).contains(&b) && drawn & (1 << (b - 0x20)) != 0;
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        loop {
            let run = rest.bytes().position(|b| !plain(b)).unwrap_or(rest.len());
            out.push_str(&rest[..run]);
            rest = &rest[run..];
            let Some(c) = rest.chars().next() else {
                return out;
            };
            rest = &rest[c.len_utf8()..];
            self.clean_one(c, &mut out, warnings);
        }
    }

    /// One character of [`Fonts::clean`], onto `out`.
    fn clean_one(&self, c: char, out: &mut String, warnings: &mut BTreeSet<String>) {
        match c {
            '\n' | '\r' | '\t' | '\u{a0}' | '\u{2028}' | '\u{2029}' => out.push(' '),
            // Invisible formatting characters (zero-width space and joiners, marks, BOM) carry
            // no text of their own.
            '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}' => {}
            c if c.is_control() => {}
            c if self.covers(c) => out.push(c),
            c => {
                warnings.insert(format!(
                    "the PDF font (DejaVu Sans) has no glyph for {c:?} (U+{:04X}); it is printed \
                     as {:?}",
                    c as u32, self.fallback
                ));
                out.push(self.fallback);
            }
        }
    }

    /// `text` cut to fit `width`, ending in an ellipsis when it had to be cut.
    pub fn ellipsize(&self, text: &str, size: f32, bold: bool, width: f32) -> String {
        if self.measure(text, size, bold) <= width {
            return text.to_string();
        }
        let ell = self.measure("…", size, bold);
        let mut used = 0.0;
        let mut out = String::new();
        for c in text.chars() {
            let w = self.measure(c.encode_utf8(&mut [0; 4]), size, bold);
            if used + w + ell > width {
                break;
            }
            used += w;
            out.push(c);
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('…');
        out
    }

    /// Greedy word wrap into lines no wider than `width`. A word wider than a whole line is broken
    /// between characters. Never returns an empty list, and never loses a character: joining the
    /// lines with spaces gives back the words of `text`.
    pub fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let space = self.measure(" ", size, bold);
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut line_w = 0.0;
        for word in text.split_whitespace() {
            let word_w = self.measure(word, size, bold);
            if !line.is_empty() && line_w + space + word_w <= width {
                line.push(' ');
                line.push_str(word);
                line_w += space + word_w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
            }
            if word_w <= width {
                line.push_str(word);
                line_w = word_w;
                continue;
            }
            // A word longer than the line (a URL, a run of digits): break it between
            // characters, after a hyphen, slash, dot or the like when the line has one.
            for c in word.chars() {
                let cw = self.measure(c.encode_utf8(&mut [0; 4]), size, bold);
                if !line.is_empty() && line_w + cw > width {
                    let cut = line
                        .char_indices()
                        .filter(|&(_, ch)| matches!(ch, '-' | '/' | '.' | '_' | '?' | '&' | '='))
                        .map(|(i, ch)| i + ch.len_utf8())
                        .rfind(|&i| i < line.len() && i * 2 >= line.len());
                    match cut {
                        Some(i) => {
                            let rest = line.split_off(i);
                            lines.push(std::mem::replace(&mut line, rest));
                            line_w = self.measure(&line, size, bold);
                        }
                        None => {
                            lines.push(std::mem::take(&mut line));
                            line_w = 0.0;
                        }
                    }
                }
                line.push(c);
                line_w += cw;
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_the_names_of_the_people_we_plan_for() {
        let f = fonts();
        for name in [
            "Zoë Nguyễn",
            "Łukasz Żółć",
            "Ψυχολόγος",
            "Ирина",
            "→ ✓ ✗ ★ … – ·",
        ] {
            for c in name.chars() {
                assert!(f.covers(c), "{c:?} in {name:?}");
            }
        }
        assert!(!f.covers('🎓'));
    }

    /// The in-place reader and `ttf-parser` agree on every character: which ones the face
    /// draws (so nothing measured is drawn as an empty box), with which glyph, and how wide; and
    /// on the numbers the PDF's font descriptor carries.
    #[test]
    fn the_font_read_in_place_agrees_with_ttf_parser_on_every_character() {
        let f = fonts();
        for face in [&f.regular, &f.bold] {
            let parsed = ttf_parser::Face::parse(face.bytes, 0).expect("the embedded font parses");
            let mut drawn = 0;
            for cp in (0..0x3_0000u32).filter(|cp| char::from_u32(*cp).is_some()) {
                let c = char::from_u32(cp).unwrap_or_default();
                let g = parsed.glyph_index(c).filter(|g| g.0 != 0);
                assert_eq!(face.has(c), g.is_some(), "{} U+{cp:04X}", face.name());
                if let Some(g) = g {
                    drawn += 1;
                    assert_eq!(face.glyph(c), g.0, "{} U+{cp:04X}", face.name());
                    let w = u32::from(parsed.glyph_hor_advance(g).unwrap_or(0));
                    assert_eq!(face.advance(c), w, "{} U+{cp:04X}", face.name());
                }
            }
            assert!(drawn > 5000, "{drawn}");
            let m = face.metrics();
            let b = parsed.global_bounding_box();
            assert_eq!(m.bbox, [b.x_min, b.y_min, b.x_max, b.y_max]);
            assert_eq!(m.ascender, parsed.ascender());
            assert_eq!(m.descender, parsed.descender());
            // DejaVu's OS/2 table (version 1) has no cap height: the ascender stands in.
            assert_eq!(
                m.cap_height,
                parsed.capital_height().unwrap_or(parsed.ascender())
            );
            assert_eq!(Some(m.italic_angle), parsed.italic_angle().into());
            assert_eq!(face.units_per_em(), f32::from(parsed.units_per_em()));
        }
    }

    #[test]
    fn measures_with_real_advance_widths() {
        let f = fonts();
        // DejaVu Sans: "i" is 569 units of 2048, "W" is 2025: not a monospace guess.
        let i = f.measure("i", 2048.0, false);
        let w = f.measure("W", 2048.0, false);
        assert!((i - 569.0).abs() < 0.01, "{i}");
        assert!((w - 2025.0).abs() < 0.01, "{w}");
        assert!(f.measure("Ирина", 10.0, true) > f.measure("Ирина", 10.0, false));
    }

    #[test]
    fn uncovered_characters_are_replaced_visibly_and_reported() {
        let f = fonts();
        let mut warnings = BTreeSet::new();
        let out = f.clean("Graduation 🎓\tparty\u{200b}!", &mut warnings);
        assert_eq!(out, format!("Graduation {} party!", f.fallback()));
        assert_eq!(warnings.len(), 1);
        assert!(warnings.iter().next().unwrap().contains("U+1F393"));
    }

    /// What `clean` does, one character at a time: the definition its fast runs must keep.
    fn clean_by_char(f: &Fonts, text: &str, warnings: &mut BTreeSet<String>) -> String {
        let mut out = String::new();
        for c in text.chars() {
            f.clean_one(c, &mut out, warnings);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn cleaning_in_runs_gives_what_cleaning_each_character_gives(
            text in "[ -~\t\n\r\u{0}-\u{1f}\u{7f}\u{a0}\u{e9}\u{2014}\u{2192}\u{200b}\u{feff}\u{1f393}\u{4e2d}]{0,40}"
        ) {
            let f = fonts();
            let (mut fast, mut slow) = (BTreeSet::new(), BTreeSet::new());
            proptest::prop_assert_eq!(f.clean(&text, &mut fast), clean_by_char(f, &text, &mut slow));
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn wrapping_keeps_every_word_and_respects_the_width() {
        let f = fonts();
        let text = "Complete 600 faculty-supervised ACNP clinical hours (ICU, hospitalist and \
                    cardiology rotations) https://example.org/a-very-long-address-without-spaces";
        let lines = f.wrap(text, 8.0, false, 120.0);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(f.measure(l, 8.0, false) <= 120.0 + 0.01, "{l}");
        }
        let squash = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(squash(&lines.join(" ")), squash(text));
    }

    #[test]
    fn ellipsis_fits() {
        let f = fonts();
        let s = f.ellipsize("Accumulate 1,750 direct-care ICU hours", 8.0, false, 80.0);
        assert!(s.ends_with('…'));
        assert!(f.measure(&s, 8.0, false) <= 80.0);
        assert_eq!(f.ellipsize("short", 8.0, false, 80.0), "short");
    }
}
