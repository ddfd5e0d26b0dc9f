//! Findings about a plan: a stable code, a severity, where (byte span and field path), a message
//! and a hint. They are collected, never thrown one at a time, and rendered with the source line
//! by `annotate-snippets` (the renderer cargo uses), which lines up carets by display width.
//!
//! Cost stays linear in the size of the input: a [`LineIndex`] of line starts is built once per
//! file and answers "which line and column" by binary search; a [`Collector`] keeps the first
//! [`MAX_KEPT`] findings and only counts the rest; [`render_all`] shows the first
//! [`MAX_RENDERED`] and sums up the others in one line.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use annotate_snippets::renderer::{AnsiColor, Effects, Style as AnsiStyle};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;
use unicode_width::UnicodeWidthChar;

use crate::node::Span;
use crate::text::visible;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// One of [`crate::codes`].
    pub code: &'static str,
    pub severity: Severity,
    #[serde(skip)]
    pub span: Option<Span>,
    /// The field path, such as `milestones[3].after[0]`; empty for the file as a whole.
    pub path: String,
    pub message: String,
    /// A short note under the underlined text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            span: None,
            path: String::new(),
            message: message.into(),
            label: None,
            hint: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, span: Option<Span>, path: impl Into<String>) -> Self {
        self.span = span;
        self.path = path.into();
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// How many findings a check keeps in full; the rest are only counted (in [`Omitted`]), so a
/// hostile file with millions of problems costs no more memory than one with a thousand.
pub const MAX_KEPT: usize = 1000;

/// How many findings [`render_all`] shows before it sums up the rest in one line.
pub const MAX_RENDERED: usize = 200;

/// Findings that were counted but not kept or not shown: how many of each code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Omitted {
    /// Code -> (severity, count); ordered by code, so the summary line is stable.
    pub by_code: BTreeMap<&'static str, (Severity, usize)>,
}

impl Omitted {
    pub fn add(&mut self, code: &'static str, severity: Severity, n: usize) {
        if n > 0 {
            self.by_code.entry(code).or_insert((severity, 0)).1 += n;
        }
    }

    pub fn count(&self) -> usize {
        self.by_code.values().map(|&(_, n)| n).sum()
    }

    pub fn errors(&self) -> usize {
        self.by_code
            .values()
            .filter(|(s, _)| *s == Severity::Error)
            .map(|&(_, n)| n)
            .sum()
    }

    pub fn warnings(&self) -> usize {
        self.count() - self.errors()
    }

    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }

    /// Adds all of `other`'s counts.
    pub fn merge(&mut self, other: &Omitted) {
        for (&code, &(sev, n)) in &other.by_code {
            self.add(code, sev, n);
        }
    }
}

/// Collects findings: keeps the first `limit` and counts the others by code.
#[derive(Debug, Clone)]
pub struct Collector {
    pub kept: Vec<Diagnostic>,
    pub omitted: Omitted,
    limit: usize,
    errors: usize,
}

impl Default for Collector {
    fn default() -> Self {
        Collector::new(MAX_KEPT)
    }
}

impl Collector {
    pub fn new(limit: usize) -> Self {
        Collector {
            kept: Vec::new(),
            omitted: Omitted::default(),
            limit,
            errors: 0,
        }
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.errors += usize::from(d.is_error());
        if self.kept.len() < self.limit {
            self.kept.push(d);
        } else {
            self.omitted.add(d.code, d.severity, 1);
        }
    }

    /// Counts a finding that is not kept, without building it (for when [`Collector::is_full`]).
    pub fn count(&mut self, code: &'static str, severity: Severity) {
        if self.is_full() {
            self.errors += usize::from(severity == Severity::Error);
            self.omitted.add(code, severity, 1);
        }
    }

    /// Whether a further finding would only be counted; callers skip expensive work (such as
    /// "did you mean") for findings nobody will read.
    pub fn is_full(&self) -> bool {
        self.kept.len() >= self.limit
    }

    /// Whether any finding so far, kept or counted, is an error.
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }
}

/// A source file as the CLI read it: its display name and its text.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// The start of every line of a text, built in one pass, so that finding the line and column of
/// an offset is a binary search instead of a rescan of the file.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the first byte of each line.
    starts: Vec<usize>,
    /// Whether each line is ASCII (then a column is a subtraction).
    ascii: Vec<bool>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        let mut ascii = Vec::new();
        let mut line_ascii = true;
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
                ascii.push(line_ascii);
                line_ascii = true;
            } else if b >= 0x80 {
                line_ascii = false;
            }
        }
        ascii.push(line_ascii);
        LineIndex {
            starts,
            ascii,
            len: text.len(),
        }
    }

    /// The 0-based line holding byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Bytes of 0-based `line`, without its line break.
    pub fn line_range(&self, line: usize) -> Span {
        let start = self.starts[line];
        let end = self.starts.get(line + 1).map_or(self.len, |&s| s - 1);
        start..end
    }

    /// 1-based line and column (in characters) of a byte offset in `text`, the text this index
    /// was built from.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        let col = if self.ascii[line] {
            offset - start
        } else {
            text[start..offset].chars().count()
        };
        (line + 1, col + 1)
    }
}

/// 1-based line and column (in characters) of a byte offset. Scans the text: for more than one
/// offset in the same text, build a [`LineIndex`] once.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A diagnostic located in a file, as `--format json` reports it.
#[derive(Debug, Clone, Serialize)]
pub struct Located<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    #[serde(flatten)]
    pub diagnostic: &'a Diagnostic,
}

/// Locates one finding. Scans the text: for a list of findings use [`locate_all`].
pub fn locate<'a>(src: Source<'a>, d: &'a Diagnostic) -> Located<'a> {
    let (line, column) = line_col(src.text, d.span.as_ref().map_or(0, |s| s.start));
    Located {
        file: src.name,
        line,
        column,
        diagnostic: d,
    }
}

/// Locates one finding with a prebuilt index of `src.text`.
pub fn locate_with<'a>(index: &LineIndex, src: Source<'a>, d: &'a Diagnostic) -> Located<'a> {
    let (line, column) = index.line_col(src.text, d.span.as_ref().map_or(0, |s| s.start));
    Located {
        file: src.name,
        line,
        column,
        diagnostic: d,
    }
}

/// Locates every finding, building the line index once.
pub fn locate_all<'a>(src: Source<'a>, diags: &'a [Diagnostic]) -> Vec<Located<'a>> {
    let index = LineIndex::new(src.text);
    diags.iter().map(|d| locate_with(&index, src, d)).collect()
}

/// Plain text, or colours for a terminal. The fields are the ANSI sequences of the choice; the
/// renderer only asks whether colour is on ([`Style::is_plain`]).
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub error: &'static str,
    pub warning: &'static str,
    pub accent: &'static str,
    pub bold: &'static str,
    pub reset: &'static str,
}

impl Style {
    pub const PLAIN: Style = Style {
        error: "",
        warning: "",
        accent: "",
        bold: "",
        reset: "",
    };
    pub const ANSI: Style = Style {
        error: "\x1b[1;31m",
        warning: "\x1b[1;33m",
        accent: "\x1b[1;34m",
        bold: "\x1b[1m",
        reset: "\x1b[0m",
    };

    /// Whether this style has no colour at all.
    pub fn is_plain(&self) -> bool {
        [self.error, self.warning, self.accent, self.bold, self.reset]
            .iter()
            .all(|s| s.is_empty())
    }

    fn renderer(&self) -> Renderer {
        // Wider than any line we show, so annotate-snippets never cuts a second time.
        let r = if self.is_plain() {
            Renderer::plain()
        } else {
            let bold = |c: AnsiColor| c.on_default().effects(Effects::BOLD);
            Renderer::styled()
                .error(bold(AnsiColor::Red))
                .warning(bold(AnsiColor::Yellow))
                .line_num(bold(AnsiColor::Blue))
                .note(bold(AnsiColor::Blue))
                .help(bold(AnsiColor::Blue))
                .emphasis(AnsiStyle::new().effects(Effects::BOLD))
        };
        r.term_width(MAX_SHOWN_COLUMNS * 4)
    }
}

/// The widest part of a line shown around the underlined place, in terminal columns; a 10 MB
/// one-line file must not be echoed whole.
const MAX_SHOWN_COLUMNS: usize = 100;

/// The line to quote for a finding: the visible form of (a window of) its source line, and
/// where the underline goes in it.
struct Quote {
    line: usize,
    text: String,
    underline: Span,
}

fn char_columns(c: char) -> usize {
    if c == '\t' { 1 } else { c.width().unwrap_or(0) }
}

/// The text shown for one source character: control characters as visible escapes, a tab as a
/// space (so the underline stays where the column says).
fn shown(c: char, out: &mut String) {
    if c == '\t' {
        out.push(' ');
    } else {
        let mut buf = [0u8; 4];
        out.push_str(&visible(c.encode_utf8(&mut buf)));
    }
}

fn quote(index: &LineIndex, text: &str, span: &Span) -> Quote {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let line = index.line_of(start);
    let range = index.line_range(line);
    let full = text[range.clone()].trim_end_matches('\r');
    // A place among the carriage returns that end the line, or just after them at the end of the
    // file, is shown at the end of the line.
    let start = start.min(range.start + full.len());
    let rel_start = start - range.start;
    let rel_end = floor_char_boundary(text, span.end.clamp(start, range.start + full.len()))
        .saturating_sub(range.start)
        .max(rel_start);
    // Choose a window of at most MAX_SHOWN_COLUMNS columns that keeps the underlined place in
    // view: half of the window before it when the line is long.
    let before = &full[..rel_start];
    let mut from = rel_start;
    let mut cols = 0;
    for (i, c) in before.char_indices().rev() {
        let w = char_columns(c);
        if cols + w > MAX_SHOWN_COLUMNS / 2 {
            break;
        }
        cols += w;
        from = i;
    }
    let mut to = rel_start;
    for (i, c) in full[rel_start..].char_indices() {
        let w = char_columns(c);
        if cols + w > MAX_SHOWN_COLUMNS {
            break;
        }
        cols += w;
        to = rel_start + i + c.len_utf8();
    }
    // Room left at the end goes to the front, so a place near the end of a long line still gets
    // a full window.
    if to == full.len() {
        for (i, c) in full[..from].char_indices().rev() {
            let w = char_columns(c);
            if cols + w > MAX_SHOWN_COLUMNS {
                break;
            }
            cols += w;
            from = i;
        }
    }
    let mut out = String::with_capacity(to - from + 8);
    if from > 0 {
        out.push('…');
    }
    let mut under = 0..0;
    for (i, c) in full[from..to].char_indices() {
        let at = from + i;
        if at == rel_start {
            under.start = out.len();
        }
        if at == rel_end {
            under.end = out.len();
        }
        shown(c, &mut out);
    }
    if rel_start >= to {
        under.start = out.len();
    }
    if rel_end >= to {
        under.end = out.len();
    }
    if to < full.len() {
        out.push('…');
    }
    Quote {
        line: line + 1,
        text: out,
        underline: under,
    }
}

/// Renders one finding the way compilers do:
///
/// ```text
/// error[E021]: milestone `ccrn-exam` comes after `icu-hour`, but no milestone has that id
///   --> plan.toml:42:10
///    |
/// 42 | after = ["icu-hour"]
///    |          ^^^^^^^^^^ no milestone has this id
///    |
///    = field: milestones[3].after[0]
///    = hint: did you mean `icu-hours`?
/// ```
///
/// Builds a line index of the whole text; for a list of findings use [`render_all`].
pub fn render(src: Source<'_>, d: &Diagnostic, st: Style) -> String {
    render_with(&LineIndex::new(src.text), src, d, st)
}

/// [`render`] with a prebuilt index of `src.text`.
pub fn render_with(index: &LineIndex, src: Source<'_>, d: &Diagnostic, st: Style) -> String {
    let mut out = render_one(index, src, d, &st.renderer());
    out.push('\n');
    out
}

fn render_one(index: &LineIndex, src: Source<'_>, d: &Diagnostic, renderer: &Renderer) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let span = d.span.clone().unwrap_or(0..0);
    let (line, col) = index.line_col(src.text, span.start);
    let message = visible(&d.message);
    let name = visible(src.name);
    let mut group: Group<'_> = Group::with_title(level.primary_title(message).id(d.code));
    // annotate-snippets writes the place of the first snippet itself, counting columns in the
    // text it was given; when the quoted line is a window or has escapes, that is not the
    // column in the file, so the header is corrected after rendering.
    let mut header_fix = None;
    let label = d.label.as_deref().map(visible);
    let has_line = !text_of_line(index, src.text, span.start).is_empty()
        || d.span.is_some() && !src.text.is_empty();
    if has_line {
        let q = quote(index, src.text, &span);
        let mut ann = AnnotationKind::Primary.span(q.underline.clone());
        if let Some(l) = label {
            ann = ann.label(l);
        }
        let shown_col = q.text[..q.underline.start].chars().count() + 1;
        if shown_col != col {
            header_fix = Some((
                format!("{name}:{line}:{shown_col}"),
                format!("{name}:{line}:{col}"),
            ));
        }
        group = group.element(
            Snippet::source(q.text)
                .path(name.clone())
                .line_start(q.line)
                .fold(false)
                .annotation(ann),
        );
    } else {
        group = group.element(Origin::path(name.clone()).line(line).char_column(col));
    }
    if !d.path.is_empty() {
        group = group.element(
            Level::NOTE
                .with_name(Some("field"))
                .message(visible(&d.path).into_owned()),
        );
    }
    if let Some(h) = &d.hint {
        group = group.element(
            Level::HELP
                .with_name(Some("hint"))
                .message(visible(h).into_owned()),
        );
    }
    let out = renderer.render(&[group]);
    match header_fix {
        Some((wrong, right)) => out.replacen(&wrong, &right, 1),
        None => out,
    }
}

fn text_of_line<'t>(index: &LineIndex, text: &'t str, offset: usize) -> &'t str {
    let r = index.line_range(index.line_of(offset));
    text[r].trim_end_matches('\r')
}

/// Renders a whole list of findings for one source, each followed by a blank line: the first
/// [`MAX_RENDERED`], then one line that counts the rest by code ("and 79,800 more findings of the
/// same kinds (E004)"). The line index is built once, so the cost is linear in the text and the
/// number of findings shown.
pub fn render_all(src: Source<'_>, diags: &[Diagnostic], st: Style) -> String {
    render_all_with_omitted(src, diags, &Omitted::default(), st)
}

/// [`render_all`], also counting findings that were never kept (`Checked::omitted`).
pub fn render_all_with_omitted(
    src: Source<'_>,
    diags: &[Diagnostic],
    omitted: &Omitted,
    st: Style,
) -> String {
    let index = LineIndex::new(src.text);
    let renderer = st.renderer();
    let mut out = String::new();
    for d in diags.iter().take(MAX_RENDERED) {
        out.push_str(&render_one(&index, src, d, &renderer));
        out.push_str("\n\n");
    }
    let mut rest = omitted.clone();
    for d in diags.iter().skip(MAX_RENDERED) {
        rest.add(d.code, d.severity, 1);
    }
    if let Some(line) = more_line(&rest) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// "and 79,800 more findings of the same kinds (E004)", or nothing when nothing is left out.
pub fn more_line(rest: &Omitted) -> Option<String> {
    let n = rest.count();
    if n == 0 {
        return None;
    }
    let codes: Vec<&str> = rest.by_code.keys().copied().collect();
    let mut s = String::new();
    let _ = write!(
        s,
        "and {} more {} of the same {} ({})",
        crate::numbers::grouped(n as f64),
        if n == 1 { "finding" } else { "findings" },
        if codes.len() == 1 { "kind" } else { "kinds" },
        codes.join(", ")
    );
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str, d: &Diagnostic) -> String {
        render(
            Source {
                name: "plan.toml",
                text,
            },
            d,
            Style::PLAIN,
        )
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nname = \"Zoë\" x\n";
        let off = text.find('x').unwrap();
        assert_eq!(line_col(text, off), (2, 14));
        assert_eq!(line_col(text, 0), (1, 1));
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, off), (2, 14));
        assert_eq!(index.line_col(text, 0), (1, 1));
        assert_eq!(index.line_col(text, text.len()), (3, 1));
        assert_eq!(index.line_col(text, 10_000), (3, 1));
    }

    #[test]
    fn line_index_agrees_with_a_rescan_everywhere() {
        let text = "é\r\nab\n\n日本語 x\nlast";
        let index = LineIndex::new(text);
        for off in 0..=text.len() + 2 {
            assert_eq!(
                index.line_col(text, off),
                line_col(text, off),
                "offset {off}"
            );
        }
    }

    #[test]
    fn long_lines_are_cut_around_the_place() {
        let text = format!("{}BAD{}", "a".repeat(5000), "b".repeat(5000));
        let d = Diagnostic::error("E003", "bad").at(Some(5000..5003), "");
        let out = plain(&text, &d);
        assert!(out.len() < 600, "{out}");
        assert!(
            out.contains("1 | …aaaa") && out.contains("aaaaBADbbbb"),
            "{out}"
        );
        assert!(out.contains("bbbb…\n"), "{out}");
        assert!(out.contains("--> plan.toml:1:5001"), "{out}");
    }

    #[test]
    fn the_shape_stays_the_compiler_shape() {
        let text = "format = 1\nafter = [\"icu-hour\"]\n";
        let d = Diagnostic::error("E021", "no such milestone")
            .at(Some(9 + 11..19 + 11), "milestones[3].after[0]")
            .label("unknown milestone")
            .hint("did you mean `icu-hours`?");
        assert_eq!(
            plain(text, &d),
            "error[E021]: no such milestone\n --> plan.toml:2:10\n  |\n2 | after = [\"icu-hour\"]\n  |          ^^^^^^^^^^ unknown milestone\n  |\n  = field: milestones[3].after[0]\n  = hint: did you mean `icu-hours`?\n"
        );
    }

    #[test]
    fn colour_only_when_asked() {
        let d = Diagnostic::warning("W002", "w").at(Some(0..1), "goals[0]");
        let src = Source {
            name: "p.toml",
            text: "x = 1\n",
        };
        assert!(!render(src, &d, Style::PLAIN).contains('\x1b'));
        assert!(render(src, &d, Style::ANSI).contains("\x1b["));
    }

    #[test]
    fn collector_keeps_the_first_and_counts_the_rest() {
        let mut c = Collector::new(2);
        for _ in 0..5 {
            c.push(Diagnostic::error("E004", "x"));
        }
        c.push(Diagnostic::warning("W002", "y"));
        assert_eq!(c.kept.len(), 2);
        assert_eq!(c.omitted.count(), 4);
        assert_eq!(c.omitted.errors(), 3);
        assert!(c.has_errors() && c.is_full());
        assert_eq!(
            more_line(&c.omitted).unwrap(),
            "and 4 more findings of the same kinds (E004, W002)"
        );
    }
}
