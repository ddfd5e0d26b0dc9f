//! A small RFC 5545 content-line writer: TEXT escaping, folding at 75 octets, CRLF line ends.
//!
//! We write our own instead of using a calendar library because the details are where importers
//! break: an unescaped carriage return, a line of 76 octets or a UTF-8 character cut in half is
//! enough for some clients to refuse a whole file. Everything here is linear in its input.
//!
//! [`unfold`] and [`unescape`] read the format back; they exist for tests and are deliberately
//! lenient.

use std::fmt::Write as _;

use jiff::civil::Date;

/// The longest physical line, in octets, not counting its CRLF (RFC 5545 §3.1).
pub const MAX_LINE_OCTETS: usize = 75;

/// Appends `text` as an iCalendar TEXT value (RFC 5545 §3.3.11): `\` `;` `,` are escaped, every
/// line break (LF, CRLF or a lone CR) becomes `\n`, a tab stays a tab, and the other control
/// characters, which TEXT cannot hold at all, are dropped.
pub fn escape_text_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(needs_care) {
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().unwrap_or_default();
        let mut skip = c.len_utf8();
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if rest[at + 1..].starts_with('\n') {
                    skip += 1;
                }
                out.push_str("\\n");
            }
            _ => {} // a control character TEXT cannot carry
        }
        rest = &rest[at + skip..];
    }
    out.push_str(rest);
}

/// [`escape_text_into`] into a new string.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_text_into(&mut out, text);
    out
}

fn needs_care(c: char) -> bool {
    matches!(c, '\\' | ';' | ',') || (c.is_ascii_control() && c != '\t')
}

/// What a TEXT value reads back as after [`escape_text`]: line breaks as LF, and no control
/// characters other than tab and LF.
pub fn normalize_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\t' | '\n' => out.push(c),
            c if c.is_ascii_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded, with CRLF line ends. A physical line holds at most
/// [`MAX_LINE_OCTETS`] octets, the leading space of a continuation line included. A fold never
/// splits a UTF-8 character, nor an escape such as `\,` (some importers unescape each physical
/// line on its own). `line` must not contain CR or LF.
pub fn fold_line_into(out: &mut String, line: &str) {
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut room = MAX_LINE_OCTETS;
    while line.len() - start > room {
        let mut end = start;
        loop {
            let next = end + unit_len(bytes, end);
            if next - start > room {
                break;
            }
            end = next;
        }
        out.push_str(&line[start..end]);
        out.push_str("\r\n ");
        start = end;
        room = MAX_LINE_OCTETS - 1;
    }
    out.push_str(&line[start..]);
    out.push_str("\r\n");
}

/// [`fold_line_into`] into a new string.
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 24 + 2);
    fold_line_into(&mut out, line);
    out
}

/// The length of the piece of `bytes` at `i` that must stay on one physical line: one UTF-8
/// character, or a backslash and the character it escapes. `i` is on a character boundary.
fn unit_len(bytes: &[u8], i: usize) -> usize {
    let len = utf8_len(bytes[i]);
    if bytes[i] == b'\\' && i + 1 < bytes.len() {
        len + utf8_len(bytes[i + 1])
    } else {
        len
    }
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// Builds an iCalendar stream one content line at a time.
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
    line: String,
}

impl Writer {
    pub fn new() -> Self {
        Writer::default()
    }

    pub fn with_capacity(bytes: usize) -> Self {
        Writer {
            out: String::with_capacity(bytes),
            line: String::with_capacity(256),
        }
    }

    pub fn begin(&mut self, component: &str) {
        self.raw("BEGIN", component);
    }

    pub fn end(&mut self, component: &str) {
        self.raw("END", component);
    }

    /// A property whose value is already valid iCalendar (an enumerated word, an integer, a
    /// duration, an id made of safe characters); it is written as is.
    pub fn raw(&mut self, name: &str, value: &str) {
        self.start(name);
        self.line.push_str(value);
        self.flush();
    }

    /// A TEXT property, escaped.
    pub fn text(&mut self, name: &str, value: &str) {
        self.start(name);
        escape_text_into(&mut self.line, value);
        self.flush();
    }

    /// A property that is a list of TEXT values (such as CATEGORIES), each escaped.
    pub fn text_list<'a>(&mut self, name: &str, values: impl IntoIterator<Item = &'a str>) {
        self.start(name);
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.line.push(',');
            }
            escape_text_into(&mut self.line, v);
        }
        self.flush();
    }

    /// An all-day DATE property: `NAME;VALUE=DATE:YYYYMMDD`.
    pub fn date(&mut self, name: &str, day: Date) {
        self.line.clear();
        self.line.push_str(name);
        self.line.push_str(";VALUE=DATE:");
        push_date(&mut self.line, day);
        self.flush();
    }

    /// A UTC DATE-TIME property at midnight of `day`: `NAME:YYYYMMDDT000000Z`.
    pub fn midnight_utc(&mut self, name: &str, day: Date) {
        self.utc(name, day, "T000000Z");
    }

    /// A UTC DATE-TIME property at noon of `day`: `NAME:YYYYMMDDT120000Z`.
    pub fn noon_utc(&mut self, name: &str, day: Date) {
        self.utc(name, day, "T120000Z");
    }

    fn utc(&mut self, name: &str, day: Date, time: &str) {
        self.start(name);
        push_date(&mut self.line, day);
        self.line.push_str(time);
        self.flush();
    }

    pub fn integer(&mut self, name: &str, value: i64) {
        self.start(name);
        let _ = write!(self.line, "{value}");
        self.flush();
    }

    /// The stream so far, every line ending in CRLF.
    pub fn finish(self) -> String {
        self.out
    }

    fn start(&mut self, name: &str) {
        self.line.clear();
        self.line.push_str(name);
        self.line.push(':');
    }

    fn flush(&mut self) {
        fold_line_into(&mut self.out, &self.line);
    }
}

/// `YYYYMMDD`, the iCalendar form of a date.
fn push_date(out: &mut String, day: Date) {
    let _ = write!(out, "{:04}{:02}{:02}", day.year(), day.month(), day.day());
}

/// Undoes the folding: the logical content lines of an iCalendar stream. A physical line that
/// starts with a space or a tab continues the one before (RFC 5545 §3.1).
pub fn unfold(ics: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for physical in ics.split("\r\n") {
        match (physical.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ if physical.is_empty() => {}
            _ => lines.push(physical.to_string()),
        }
    }
    lines
}

/// Reads a TEXT value back: `\\` `\;` `\,` give the character, `\n` and `\N` a line feed. An
/// unknown escape is kept as written.
pub fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(e @ ('\\' | ';' | ',')) => out.push(e),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every physical line of `ics` (without its CRLF), checked for the rules a strict importer
    /// applies.
    fn physical_lines(ics: &str) -> Vec<&str> {
        assert!(
            ics.ends_with("\r\n"),
            "the stream must end with CRLF: {ics:?}"
        );
        let lines: Vec<&str> = ics[..ics.len() - 2].split("\r\n").collect();
        for l in &lines {
            assert!(
                l.len() <= MAX_LINE_OCTETS,
                "a line of {} octets: {l:?}",
                l.len()
            );
            assert!(
                !l.contains(['\r', '\n']),
                "a bare CR or LF in a line: {l:?}"
            );
        }
        lines
    }

    fn round_trip(name: &str, text: &str) -> String {
        let folded = fold_line(&format!("{name}:{}", escape_text(text)));
        physical_lines(&folded);
        let logical = unfold(&folded);
        assert_eq!(logical.len(), 1, "{folded:?}");
        let value = logical[0]
            .strip_prefix(&format!("{name}:"))
            .expect("the property name survives");
        unescape(value)
    }

    #[test]
    fn escapes_the_four_specials() {
        assert_eq!(
            escape_text(r"a,b;c\d"),
            r"a\,b\;c\\d",
            "comma, semicolon and backslash are escaped"
        );
        assert_eq!(escape_text("one\ntwo"), r"one\ntwo");
        assert_eq!(escape_text("\\n is not a newline"), r"\\n is not a newline");
        assert_eq!(
            escape_text("colon: and \"quotes\""),
            "colon: and \"quotes\""
        );
    }

    #[test]
    fn every_line_break_becomes_one_newline() {
        assert_eq!(escape_text("a\r\nb\rc\nd"), r"a\nb\nc\nd");
        assert_eq!(escape_text("\r\r\n\n"), r"\n\n\n");
        assert_eq!(escape_text("ends with CR\r"), r"ends with CR\n");
    }

    #[test]
    fn keeps_tabs_and_drops_other_control_characters() {
        assert_eq!(escape_text("a\tb"), "a\tb");
        assert_eq!(
            escape_text("bell\u{7}nul\0esc\u{1b}del\u{7f}"),
            "bellnulescdel"
        );
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(fold_line("SUMMARY:hello"), "SUMMARY:hello\r\n");
        let exactly = format!("SUMMARY:{}", "x".repeat(75 - 8));
        assert_eq!(fold_line(&exactly), format!("{exactly}\r\n"));
    }

    #[test]
    fn folds_at_75_octets_counting_the_leading_space() {
        let line = format!("SUMMARY:{}", "x".repeat(200));
        let folded = fold_line(&line);
        let lines = physical_lines(&folded);
        assert_eq!(lines[0].len(), 75);
        assert_eq!(lines[1].len(), 75);
        assert!(lines[1].starts_with(" x"));
        assert_eq!(lines.len(), 3);
        assert_eq!(unfold(&folded), vec![line]);
    }

    #[test]
    fn never_splits_a_character() {
        // 2-, 3- and 4-octet characters at every offset against the fold.
        for pad in 0..4 {
            for sample in ["é", "护", "🩺", "👩🏽‍⚕️"] {
                let line = format!("SUMMARY:{}{}", "x".repeat(pad), sample.repeat(60));
                let folded = fold_line(&line);
                for l in physical_lines(&folded) {
                    // Each physical line is a &str slice, so a split character would have
                    // panicked already; check the lengths are as full as possible too.
                    assert!(l.len() > 75 - 4 - 1 || folded.ends_with(&format!("{l}\r\n")));
                }
                assert_eq!(unfold(&folded), vec![line]);
            }
        }
    }

    #[test]
    fn never_splits_an_escape() {
        for pad in 0..3 {
            let text = format!("{}{}", "x".repeat(pad), ",;\\\n".repeat(40));
            let folded = fold_line(&format!("DESCRIPTION:{}", escape_text(&text)));
            for l in physical_lines(&folded) {
                let body = l.strip_prefix(' ').unwrap_or(l);
                let trailing = body.bytes().rev().take_while(|&b| b == b'\\').count();
                assert_eq!(trailing % 2, 0, "a line ends inside an escape: {l:?}");
            }
        }
    }

    #[test]
    fn nasty_titles_round_trip() {
        let nasty = [
            "Commas, semicolons; and \\backslashes\\",
            "\"Quoted\" and 'single' and `back`",
            "Line one\nline two\r\nline three\rline four",
            "Tabs\tbetween\twords",
            "Emoji 🩺💉🏥 and a family 👩‍👩‍👧‍👦 and a flag 🇻🇳",
            "中文标题：重症监护认证考试，日本語のタイトル、한국어 제목",
            "=HYPERLINK(\"http://x\")",
            "+1 ACLS",
            "-2 days",
            "@mention",
            "trailing backslash \\",
            " leading and trailing spaces ",
            "Zoë Nguyễn — Đà Nẵng",
        ];
        for text in nasty {
            assert_eq!(
                round_trip("SUMMARY", text),
                normalize_text(text),
                "{text:?}"
            );
        }
        assert_eq!(round_trip("SUMMARY", "a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn a_300_character_title_round_trips() {
        let title: String = "Ψυχολόγος 護理師 🩺 ICU, PACU; ED\\ "
            .chars()
            .cycle()
            .take(300)
            .collect();
        assert_eq!(title.chars().count(), 300);
        assert_eq!(round_trip("SUMMARY", &title), title);
    }

    #[test]
    fn unfold_accepts_tab_continuations() {
        assert_eq!(unfold("A:b\r\n\tc\r\nB:d\r\n"), vec!["A:bc", "B:d"]);
    }

    #[test]
    fn writer_writes_dates_and_lists() {
        let mut w = Writer::new();
        w.date("DTSTART", jiff::civil::date(2026, 3, 9));
        w.midnight_utc("DTSTAMP", jiff::civil::date(2026, 3, 1));
        w.text_list("CATEGORIES", ["continuing-education", "a,b"]);
        w.integer("PERCENT-COMPLETE", 40);
        assert_eq!(
            w.finish(),
            "DTSTART;VALUE=DATE:20260309\r\nDTSTAMP:20260301T000000Z\r\n\
             CATEGORIES:continuing-education,a\\,b\r\nPERCENT-COMPLETE:40\r\n"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn any_text_folds_within_75_octets_and_round_trips(
            text in any::<String>(),
            name_len in 1usize..40,
        ) {
            let name = "X".repeat(name_len);
            let folded = fold_line(&format!("{name}:{}", escape_text(&text)));
            let bytes = folded.as_bytes();
            prop_assert!(folded.ends_with("\r\n"));
            for line in bytes[..bytes.len() - 2].split(|&b| b == b'\n') {
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                prop_assert!(line.len() <= MAX_LINE_OCTETS, "{} octets", line.len());
                prop_assert!(std::str::from_utf8(line).is_ok(), "a line splits a character");
                prop_assert!(!line.contains(&b'\r'), "a bare CR");
            }
            let logical = unfold(&folded);
            prop_assert_eq!(logical.len(), 1);
            let value = &logical[0][name_len + 1..];
            prop_assert_eq!(unescape(value), normalize_text(&text));
        }

        #[test]
        fn any_text_with_many_specials_round_trips(
            text in "[,;\\\\\r\n\t\"a-z é护🩺]{0,400}",
        ) {
            let folded = fold_line(&format!("SUMMARY:{}", escape_text(&text)));
            for line in folded[..folded.len() - 2].split("\r\n") {
                prop_assert!(line.len() <= MAX_LINE_OCTETS);
            }
            let logical = unfold(&folded);
            prop_assert_eq!(unescape(&logical[0]["SUMMARY:".len()..]), normalize_text(&text));
        }
    }
}
