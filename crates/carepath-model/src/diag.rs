//! Findings about a plan: a stable code, a severity, where (byte span and field path), a message
//! and a hint. They are collected, never thrown one at a time, and rendered with the source line.

use serde::Serialize;

use crate::node::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
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

/// A source file as the CLI read it: its display name and its text.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// 1-based line and column (in characters) of a byte offset.
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

pub fn locate<'a>(src: Source<'a>, d: &'a Diagnostic) -> Located<'a> {
    let (line, column) = line_col(src.text, d.span.as_ref().map_or(0, |s| s.start));
    Located {
        file: src.name,
        line,
        column,
        diagnostic: d,
    }
}

/// Colours for the terminal; all empty when colour is off.
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
}

/// The widest part of a line shown around the underlined place; a 10 MB one-line file must not
/// be echoed whole.
const MAX_SHOWN: usize = 100;

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
pub fn render(src: Source<'_>, d: &Diagnostic, st: Style) -> String {
    use std::fmt::Write;
    let (sev, color) = match d.severity {
        Severity::Error => ("error", st.error),
        Severity::Warning => ("warning", st.warning),
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{color}{sev}[{}]{}{}: {}{}",
        d.code, st.reset, st.bold, d.message, st.reset
    );
    let span = d.span.clone().unwrap_or(0..0);
    let (line, col) = line_col(src.text, span.start);
    let gutter = line.to_string().len();
    let pad = " ".repeat(gutter);
    let _ = writeln!(
        out,
        "{pad}{}-->{} {}:{line}:{col}",
        st.accent, st.reset, src.name
    );
    let start = floor_char_boundary(src.text, span.start.min(src.text.len()));
    let line_start = src.text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src.text[start..]
        .find('\n')
        .map_or(src.text.len(), |i| start + i);
    let full_line = src.text[line_start..line_end].trim_end_matches('\r');
    if !full_line.is_empty() || d.span.is_some() && !src.text.is_empty() {
        // Show at most MAX_SHOWN characters, keeping the underlined place in view.
        let chars: Vec<char> = full_line.chars().collect();
        let col0 = col - 1;
        let underline_len = {
            let end = floor_char_boundary(src.text, span.end.min(line_end).max(start));
            src.text[start..end].chars().count().max(1)
        };
        let (skip, ellipsis_front) = if chars.len() > MAX_SHOWN && col0 > MAX_SHOWN / 2 {
            (col0 - MAX_SHOWN / 2, true)
        } else {
            (0, false)
        };
        let shown: String = chars
            .iter()
            .skip(skip)
            .take(MAX_SHOWN)
            .map(|&c| if c == '\t' { ' ' } else { c })
            .collect();
        let ellipsis_back = chars.len() > skip + MAX_SHOWN;
        let front = if ellipsis_front { "…" } else { "" };
        let back = if ellipsis_back { "…" } else { "" };
        let _ = writeln!(out, "{pad} {}|{}", st.accent, st.reset);
        let _ = writeln!(
            out,
            "{}{line} |{} {front}{shown}{back}",
            st.accent, st.reset
        );
        let under_start = col0 - skip + usize::from(ellipsis_front);
        let max_len = (MAX_SHOWN + usize::from(ellipsis_front))
            .saturating_sub(under_start)
            .max(1);
        let carets = "^".repeat(underline_len.min(max_len));
        let label = d
            .label
            .as_deref()
            .map(|l| format!(" {l}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{pad} {}|{} {}{color}{carets}{label}{}",
            st.accent,
            st.reset,
            " ".repeat(under_start),
            st.reset
        );
    }
    if !d.path.is_empty() || d.hint.is_some() {
        let _ = writeln!(out, "{pad} {}|{}", st.accent, st.reset);
    }
    if !d.path.is_empty() {
        let _ = writeln!(out, "{pad} {}={} field: {}", st.accent, st.reset, d.path);
    }
    if let Some(h) = &d.hint {
        let _ = writeln!(out, "{pad} {}={} hint: {h}", st.accent, st.reset);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nname = \"Zoë\" x\n";
        let off = text.find('x').unwrap();
        assert_eq!(line_col(text, off), (2, 14));
        assert_eq!(line_col(text, 0), (1, 1));
    }

    #[test]
    fn long_lines_are_cut_around_the_place() {
        let text = format!("{}BAD{}", "a".repeat(5000), "b".repeat(5000));
        let d = Diagnostic::error("E003", "bad").at(Some(5000..5003), "");
        let out = render(
            Source {
                name: "big.toml",
                text: &text,
            },
            &d,
            Style::PLAIN,
        );
        assert!(out.len() < 600, "{out}");
        assert!(out.contains("BAD"));
        assert!(out.contains("--> big.toml:1:5001"));
    }
}
