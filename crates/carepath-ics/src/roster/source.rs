//! The roster text unfolded (RFC 5545 3.1), with the way back to the bytes of the file.
//!
//! The `icalendar` parser reads unfolded text and hands back slices of it (names and values are
//! borrowed, not copied). [`Unfolded`] makes that text itself and remembers, for every run of
//! bytes it copied unchanged, where the run came from, so a slice the parser returns (or the place
//! it stopped at) maps back to a byte span of the file the person wrote. The crate's own
//! `unfold` does the same unfolding but loses the positions, hence these few lines.

use carepath_model::node::Span;

pub(super) struct Unfolded<'a> {
    /// The file as read.
    pub original: &'a str,
    /// Unfolded, with every line ending a bare LF.
    pub text: String,
    /// `(offset in text, offset in original)` at the start of each run of unchanged bytes.
    runs: Vec<(usize, usize)>,
}

impl<'a> Unfolded<'a> {
    /// Unfolds `original`: a line break (CRLF or LF) followed by one space or tab is removed with
    /// that space or tab; every other CRLF becomes LF; a leading byte-order mark is dropped. One
    /// pass, and the memory of a run per line.
    pub fn new(original: &'a str) -> Self {
        let bytes = original.as_bytes();
        let mut text = String::with_capacity(original.len());
        let mut i = if original.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        let mut runs = vec![(0, i)];
        let mut run_start = i;
        while i < bytes.len() {
            let crlf = bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n');
            let newline = if crlf {
                2
            } else {
                usize::from(bytes[i] == b'\n')
            };
            if newline > 0 && matches!(bytes.get(i + newline), Some(b' ' | b'\t')) {
                // A fold: drop the line break and the one space or tab after it.
                text.push_str(&original[run_start..i]);
                i += newline + 1;
                run_start = i;
                runs.push((text.len(), i));
            } else if crlf {
                // CR LF -> LF: the run goes on from the LF.
                text.push_str(&original[run_start..i]);
                i += 1;
                run_start = i;
                runs.push((text.len(), i));
            } else {
                i += 1;
            }
        }
        text.push_str(&original[run_start..]);
        Unfolded {
            original,
            text,
            runs,
        }
    }

    /// The offset in the file of the byte at `u` in the unfolded text.
    pub fn to_original(&self, u: usize) -> usize {
        let k = self.runs.partition_point(|r| r.0 <= u).saturating_sub(1);
        let (t, o) = self.runs[k];
        (o + (u - t)).min(self.original.len())
    }

    /// Where `s`, a slice of the unfolded text, is in the file; `None` for a string that is not
    /// such a slice (a value the parser had to copy, to unescape it).
    pub fn span_of(&self, s: &str) -> Option<Span> {
        let u = self.offset_of(s)?;
        let start = self.to_original(u);
        let end = if s.is_empty() {
            start
        } else {
            self.to_original(u + s.len() - 1) + 1
        };
        Some(start..end)
    }

    /// The offset of `s` in the unfolded text, when it is a slice of it.
    pub fn offset_of(&self, s: &str) -> Option<usize> {
        let base = self.text.as_ptr() as usize;
        let p = s.as_ptr() as usize;
        (p >= base && p + s.len() <= base + self.text.len()).then(|| p - base)
    }

    /// The physical line of the file around `offset`, without its line ending.
    pub fn line_at(&self, offset: usize) -> Span {
        let b = self.original.as_bytes();
        let offset = offset.min(b.len());
        let start = b[..offset]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1);
        let mut end = b[offset..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(b.len(), |p| offset + p);
        if end > start && b[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_are_removed_and_slices_map_back_to_the_file() {
        let file = "BEGIN:VEVENT\r\nSUMMARY:Day\r\n  shift\r\nUID:x\r\nEND:VEVENT\r\n";
        let u = Unfolded::new(file);
        assert_eq!(
            u.text,
            "BEGIN:VEVENT\nSUMMARY:Day shift\nUID:x\nEND:VEVENT\n"
        );
        let at = u.text.find("shift").unwrap();
        let span = u.span_of(&u.text[at..at + 5]).unwrap();
        assert_eq!(&file[span], "shift");
        let at = u.text.find("UID").unwrap();
        let span = u.span_of(&u.text[at..at + 5]).unwrap();
        assert_eq!(&file[span], "UID:x");
        // A value folded across lines maps to the bytes from its start to its end.
        let at = u.text.find("Day").unwrap();
        let span = u.span_of(&u.text[at..at + 9]).unwrap();
        assert_eq!(&file[span], "Day\r\n  shift");
    }

    #[test]
    fn lf_files_and_a_byte_order_mark() {
        let file = "\u{feff}BEGIN:VCALENDAR\nX:a\n\tb\nEND:VCALENDAR\n";
        let u = Unfolded::new(file);
        assert_eq!(u.text, "BEGIN:VCALENDAR\nX:ab\nEND:VCALENDAR\n");
        let at = u.text.find("\nEND").unwrap() + 1;
        assert_eq!(&file[u.line_at(u.to_original(at))], "END:VCALENDAR");
        assert_eq!(u.span_of("not in the text"), None);
    }
}
