//! The embedded font: DejaVu Sans (regular and bold) from the `dejavu` crate, its real advance
//! widths for measuring and wrapping, and glyph coverage.
//!
//! printpdf draws a character the font lacks as an empty box and says nothing, so every string
//! goes through [`Fonts::clean`] before it reaches a page: characters the font cannot draw are
//! replaced by a visible stand-in and reported, never dropped.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use printpdf::ParsedFont;

/// One face: the parsed font plus the numbers measuring needs.
pub(crate) struct Face {
    pub(crate) parsed: ParsedFont,
    units_per_em: f32,
    /// Advance widths of U+0020..U+007E in font units, the bulk of every plan.
    ascii: [u16; 95],
}

impl Face {
    fn load(bytes: &[u8], what: &str) -> Face {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .unwrap_or_else(|| panic!("the embedded {what} font does not parse: {warnings:?}"));
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        let mut ascii = [0u16; 95];
        for (slot, cp) in ascii.iter_mut().zip(0x20u32..0x7f) {
            *slot = parsed
                .lookup_glyph_index(cp)
                .map_or(0, |g| parsed.get_horizontal_advance(g));
        }
        Face {
            parsed,
            units_per_em,
            ascii,
        }
    }

    fn has(&self, c: char) -> bool {
        self.parsed
            .lookup_glyph_index(c as u32)
            .is_some_and(|g| g != 0)
    }

    /// Advance of one character in font units; 0 for characters the font lacks.
    fn advance(&self, c: char) -> u32 {
        let cp = c as u32;
        if (0x20..0x7f).contains(&cp) {
            return u32::from(self.ascii[(cp - 0x20) as usize]);
        }
        self.parsed
            .lookup_glyph_index(cp)
            .map_or(0, |g| u32::from(self.parsed.get_horizontal_advance(g)))
    }
}

/// The two faces the document uses.
pub struct Fonts {
    pub(crate) regular: Face,
    pub(crate) bold: Face,
    /// What stands in for a character the font cannot draw.
    fallback: char,
}

/// The fonts, parsed once per process (parsing DejaVu Sans takes a few milliseconds; the bytes
/// and the result never change, so sharing them keeps every export identical).
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(Fonts::load)
}

/// Ascent and descent of DejaVu Sans as a fraction of the font size (hhea: 1901 and 483 of
/// 2048 units), for the boxes that text occupies on the page.
pub const ASCENT: f32 = 0.93;
pub const DESCENT: f32 = 0.24;

impl Fonts {
    /// Parses the embedded faces (use [`fonts`], which does it once).
    pub fn load() -> Fonts {
        let regular = Face::load(dejavu::sans::regular(), "DejaVu Sans");
        let bold = Face::load(dejavu::sans::bold(), "DejaVu Sans Bold");
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

    fn face(&self, bold: bool) -> &Face {
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
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '\n' | '\r' | '\t' | '\u{a0}' | '\u{2028}' | '\u{2029}' => out.push(' '),
                // Invisible formatting characters (zero-width space and joiners, marks, BOM)
                // carry no text of their own.
                '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}' => {}
                c if c.is_control() => {}
                c if self.covers(c) => out.push(c),
                c => {
                    warnings.insert(format!(
                        "the PDF font (DejaVu Sans) has no glyph for {c:?} (U+{:04X}); it is \
                         printed as {:?}",
                        c as u32, self.fallback
                    ));
                    out.push(self.fallback);
                }
            }
        }
        out
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
