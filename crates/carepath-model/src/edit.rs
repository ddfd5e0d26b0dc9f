//! Appending a progress entry (and, in the `ce` submodule, a CE activity) to a plan's text while keeping every other byte as it was: comments,
//! layout, key order, a byte-order mark, everything. Only the new entry (and the separators and
//! line breaks around it) is added; the one exception is a JSON `"progress": null`, which reads
//! as no log at all, and whose `null` becomes the list holding the entry.

use jiff::civil::Date;
use toml_parser::Source;
use toml_parser::lexer::TokenKind;

mod ce;
pub mod fields;

pub use ce::{NewCe, append_ce};

use crate::Format;
use crate::node::{Node, NodeKind, parse_json, parse_toml};
use crate::numbers::{exact, grouped};
use crate::read::{MAX_AMOUNT, fmt_num};

#[derive(Debug, Clone, PartialEq)]
pub struct NewEntry {
    pub date: Date,
    pub milestone: String,
    pub amount: f64,
    pub note: Option<String>,
    /// Ids of the people of `[[people]]` the work was with (written only when not empty).
    pub with: Vec<String>,
}

fn toml_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
    format!("[{}]", items.join(", "))
}

/// Returns the new text with the entry appended to the plan's progress log. The added lines use
/// the file's own line ending (CRLF when its first line ends so). A byte-order mark at the start
/// is kept, as [`crate::check`] accepts one. An entry that would not read back (an amount that is
/// negative, not a number, or above [`MAX_AMOUNT`]) is refused with a message for the person, and
/// nothing is changed.
pub fn append_progress(text: &str, format: Format, entry: &NewEntry) -> Result<String, String> {
    check_amount(entry.amount)?;
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let nl = line_ending(body);
    let edited = match format {
        Format::Toml => append_toml(body, entry, nl),
        Format::Json => append_json(body, entry, nl),
    }?;
    Ok(if bom.is_empty() {
        edited
    } else {
        format!("{bom}{edited}")
    })
}

fn check_amount(amount: f64) -> Result<(), String> {
    if !amount.is_finite() {
        return Err("the amount is not a number".into());
    }
    if amount < 0.0 {
        return Err(format!(
            "the amount {} is negative; log what was done, 0 or more",
            exact(amount)
        ));
    }
    if amount > MAX_AMOUNT {
        return Err(format!(
            "the amount {} is larger than carepath accepts: at most {}",
            exact(amount),
            grouped(MAX_AMOUNT)
        ));
    }
    Ok(())
}

/// The line ending a text uses: that of its first line; LF when it has none.
fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if text[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

/// Appends a generated piece, its line breaks written as `nl`. Generated pieces hold no other
/// line break: text values inside them are escaped.
fn add(out: &mut String, piece: &str, nl: &str) {
    if nl == "\n" {
        out.push_str(piece);
    } else {
        out.push_str(&piece.replace('\n', nl));
    }
}

/// `text` as a TOML basic string, quotes included; control characters are escaped, so any text
/// reads back exactly.
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn append_toml(text: &str, e: &NewEntry, nl: &str) -> Result<String, String> {
    let root = parse_toml(text).map_err(|e| e.message)?;
    match root.get("progress") {
        // `progress = [ { … }, … ]` written inline: add one more inline table inside the brackets.
        Some(Node {
            kind: NodeKind::Array(items),
            span,
        }) if is_inline_array(text, span) => {
            let inline = format!(
                "{{ date = {}, milestone = {}, amount = {}{} }}",
                e.date,
                toml_string(&e.milestone),
                fmt_num(e.amount),
                e.note
                    .as_ref()
                    .map(|n| format!(", note = {}", toml_string(n)))
                    .unwrap_or_default()
            );
            let inline = if e.with.is_empty() {
                inline
            } else {
                format!(
                    "{}, with = {} }}",
                    inline.trim_end_matches(" }"),
                    toml_list(&e.with)
                )
            };
            insert_inline(text, items, span, &inline, nl, "progress")
        }
        Some(Node {
            kind: NodeKind::Array(_),
            ..
        })
        | None => {
            let mut piece = String::from("[[progress]]\n");
            piece.push_str(&format!("date = {}\n", e.date));
            piece.push_str(&format!("milestone = {}\n", toml_string(&e.milestone)));
            piece.push_str(&format!("amount = {}\n", fmt_num(e.amount)));
            if let Some(n) = &e.note {
                piece.push_str(&format!("note = {}\n", toml_string(n)));
            }
            if !e.with.is_empty() {
                piece.push_str(&format!("with = {}\n", toml_list(&e.with)));
            }
            Ok(append_block(text, text.len(), &piece, nl))
        }
        Some(_) => Err("`progress` is not a list, so carepath cannot add to it".into()),
    }
}

/// Adds `inline` (one inline table) as the last item of the inline array at `span`, whose items
/// are `items`: after the trailing comma when there is one, else after a new comma.
fn insert_inline(
    text: &str,
    items: &[Node],
    span: &std::ops::Range<usize>,
    inline: &str,
    nl: &str,
    key: &str,
) -> Result<String, String> {
    let tail = match items.last() {
        Some(last) => inline_array_tail(text, last.span.end..span.end, false),
        None => inline_array_tail(text, span.clone(), true),
    };
    let (comma, close) = tail.ok_or_else(|| format!("cannot find the end of the {key} list"))?;
    let (insert_at, piece) = match (items.last(), comma) {
        (None, _) => (close, inline.to_string()),
        // A trailing comma is already there: add after it.
        (Some(_), Some(comma)) => (comma + 1, format!(" {inline},")),
        (Some(last), None) => (last.span.end, format!(", {inline}")),
    };
    let mut out = String::with_capacity(text.len() + piece.len() + 8);
    out.push_str(&text[..insert_at]);
    add(&mut out, &piece, nl);
    out.push_str(&text[insert_at..]);
    Ok(out)
}

/// Inserts a block of lines (`block`, a table header and its fields, ending in a line break) at
/// `at`, the start of a line or the end of the text, after an empty line (and, when the text
/// before it does not end in a line break, after one more).
fn append_block(text: &str, at: usize, block: &str, nl: &str) -> String {
    let mut out = String::with_capacity(text.len() + block.len() + 4);
    out.push_str(&text[..at]);
    let mut piece = String::new();
    if at > 0 && !text[..at].ends_with('\n') {
        piece.push('\n');
    }
    piece.push('\n');
    piece.push_str(block);
    add(&mut out, &piece, nl);
    out.push_str(&text[at..]);
    out
}

fn is_inline_array(text: &str, span: &std::ops::Range<usize>) -> bool {
    text[span.clone()].trim_start().starts_with('[')
        && !text[span.clone()].trim_start().starts_with("[[")
}

/// The end of an inline TOML array, read with TOML's own lexer from `range.start` (the end of
/// its last item; its opening `[` when `open`, for an empty one) to the end of the array:
/// the offset of the comma after the last item, if there is one, and of the closing `]`.
/// Whitespace, line breaks and comments (which may hold commas and brackets) are skipped;
/// anything else there means the spans are not what they should be, and gives `None`.
fn inline_array_tail(
    text: &str,
    range: std::ops::Range<usize>,
    open: bool,
) -> Option<(Option<usize>, usize)> {
    let from = range.start;
    let mut opened = !open;
    let mut comma = None;
    for token in Source::new(text.get(range)?).lex() {
        let at = from + token.span().start();
        match token.kind() {
            TokenKind::Whitespace | TokenKind::Newline | TokenKind::Comment => {}
            TokenKind::LeftSquareBracket if !opened => opened = true,
            TokenKind::Comma if opened && !open && comma.is_none() => comma = Some(at),
            TokenKind::RightSquareBracket if opened => return Some((comma, at)),
            _ => return None,
        }
    }
    None
}

fn json_entry(e: &NewEntry, indent: &str, step: &str) -> String {
    let mut fields = vec![
        format!("\"date\": \"{}\"", e.date),
        format!("\"milestone\": {}", json_string(&e.milestone)),
        format!("\"amount\": {}", fmt_num(e.amount)),
    ];
    if let Some(n) = &e.note {
        fields.push(format!("\"note\": {}", json_string(n)));
    }
    if !e.with.is_empty() {
        let items: Vec<String> = e.with.iter().map(|w| json_string(w)).collect();
        fields.push(format!("\"with\": [{}]", items.join(", ")));
    }
    json_object(&fields, indent, step)
}

/// `text` as a JSON string, quotes included.
fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// An object of `"key": value` fields, one a line, indented `step` more than `indent`; its
/// braces at `indent` (the opening one where the caller puts it).
fn json_object(fields: &[String], indent: &str, step: &str) -> String {
    let inner = format!("{indent}{step}");
    format!(
        "{{\n{inner}{}\n{indent}}}",
        fields.join(&format!(",\n{inner}"))
    )
}

/// The whitespace at the start of the line holding `pos`.
fn indent_at(text: &str, pos: usize) -> &str {
    let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let rest = &text[line_start..];
    &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()]
}

fn append_json(text: &str, e: &NewEntry, nl: &str) -> Result<String, String> {
    append_json_item(
        text,
        "progress",
        &|indent, step| json_entry(e, indent, step),
        nl,
    )
}

/// Adds one object, made by `entry(indent, step)`, at the end of the top-level list `key`: into
/// the list, or into a new member when there is none, or in place of a `null`.
fn append_json_item(
    text: &str,
    key: &str,
    entry: &dyn Fn(&str, &str) -> String,
    nl: &str,
) -> Result<String, String> {
    let root = parse_json(text).map_err(|e| e.message)?;
    let NodeKind::Table(entries) = &root.kind else {
        return Err("the plan is not a JSON object".into());
    };
    let mut out = String::with_capacity(text.len() + 128);
    // The indentation step the file uses, from its first field.
    let step = entries
        .first()
        .map(|(k, _)| indent_at(text, k.span.start).to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "  ".into());
    match root.get(key) {
        Some(Node {
            kind: NodeKind::Array(items),
            span,
        }) => match items.last() {
            Some(last) => {
                let indent = indent_at(text, last.span.start).to_string();
                let entry = entry(&indent, &step);
                out.push_str(&text[..last.span.end]);
                add(&mut out, &format!(",\n{indent}{entry}"), nl);
                out.push_str(&text[last.span.end..]);
            }
            None => {
                // `[`, whitespace, `]`: the whitespace stays, and the entry gets lines of its own.
                let key_indent = indent_at(text, span.start).to_string();
                let indent = format!("{key_indent}{step}");
                let entry = entry(&indent, &step);
                let close = span.end - 1;
                let (insert_at, piece) = match text[span.start + 1..close].rfind('\n') {
                    // The list already spans lines: the entry goes on the line before the `]`.
                    Some(i) => (span.start + 1 + i + 1, format!("{indent}{entry}\n")),
                    None => (close, format!("\n{indent}{entry}\n{key_indent}")),
                };
                out.push_str(&text[..insert_at]);
                add(&mut out, &piece, nl);
                out.push_str(&text[insert_at..]);
            }
        },
        // `null` counts as left out (docs/plan-format.md): it becomes the list.
        Some(Node {
            kind: NodeKind::Null,
            span,
        }) => {
            let key_indent = indent_at(text, span.start).to_string();
            let indent = format!("{key_indent}{step}");
            let entry = entry(&indent, &step);
            out.push_str(&text[..span.start]);
            add(&mut out, &format!("[\n{indent}{entry}\n{key_indent}]"), nl);
            out.push_str(&text[span.end..]);
        }
        Some(_) => {
            return Err(format!(
                "`{key}` is not a list, so carepath cannot add to it"
            ));
        }
        None => {
            let entry_indent = format!("{step}{step}");
            let entry = entry(&entry_indent, &step);
            match entries.last() {
                Some((_, last)) => {
                    out.push_str(&text[..last.span.end]);
                    add(
                        &mut out,
                        &format!(",\n{step}\"{key}\": [\n{entry_indent}{entry}\n{step}]"),
                        nl,
                    );
                    out.push_str(&text[last.span.end..]);
                }
                None => {
                    let close = root.span.end - 1;
                    out.push_str(&text[..close]);
                    add(
                        &mut out,
                        &format!("\n{step}\"{key}\": [\n{entry_indent}{entry}\n{step}]\n"),
                        nl,
                    );
                    out.push_str(&text[close..]);
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn entry() -> NewEntry {
        NewEntry {
            date: date(2026, 6, 30),
            milestone: "icu-hours".into(),
            amount: 144.5,
            note: Some("June \"nights\"".into()),
            with: Vec::new(),
        }
    }

    #[test]
    fn toml_appends_a_table_and_keeps_the_rest() {
        let text = "format = 1 # the version\n[[milestones]]\nid = \"icu-hours\" # keep me";
        let out = append_progress(text, Format::Toml, &entry()).unwrap();
        assert!(out.starts_with(text));
        assert_eq!(
            &out[text.len()..],
            "\n\n[[progress]]\ndate = 2026-06-30\nmilestone = \"icu-hours\"\namount = 144.5\nnote = \"June \\\"nights\\\"\"\n"
        );
        let node = parse_toml(&out).unwrap();
        assert!(matches!(&node.get("progress").unwrap().kind, NodeKind::Array(v) if v.len() == 1));
    }

    #[test]
    fn toml_inline_progress_list_grows_in_place() {
        let text = "progress = [\n  { date = 2026-05-31, milestone = \"a\", amount = 1 },\n]\ntitle = \"x\"\n";
        let out = append_progress(text, Format::Toml, &entry()).unwrap();
        let node = parse_toml(&out).unwrap();
        assert!(matches!(&node.get("progress").unwrap().kind, NodeKind::Array(v) if v.len() == 2));
        assert!(out.ends_with("]\ntitle = \"x\"\n"));
    }

    /// Regression: `log` on a CRLF file appended LF-only lines.
    #[test]
    fn log_on_a_crlf_file_appends_crlf_lines() {
        let toml = "format = 1\r\n[[milestones]]\r\nid = \"icu-hours\"\r\n";
        let inline = "format = 1\r\nprogress = [\r\n  { date = 2026-05-31, milestone = \"a\", amount = 1 },\r\n]\r\n";
        let json = "{\r\n  \"format\": 1,\r\n  \"progress\": []\r\n}\r\n";
        let json2 = "{\r\n  \"format\": 1\r\n}\r\n";
        let json3 = "{\r\n  \"progress\": [\r\n    {\"date\": \"2026-05-31\", \"milestone\": \"a\", \"amount\": 1}\r\n  ]\r\n}\r\n";
        for (text, format) in [
            (toml, Format::Toml),
            ("format = 1\r\nid = \"x\"", Format::Toml),
            (inline, Format::Toml),
            (json, Format::Json),
            (json2, Format::Json),
            (json3, Format::Json),
        ] {
            let out = append_progress(text, format, &entry()).unwrap();
            let lone_lf = out
                .bytes()
                .enumerate()
                .filter(|&(i, b)| b == b'\n' && (i == 0 || out.as_bytes()[i - 1] != b'\r'))
                .count();
            assert_eq!(lone_lf, 0, "{out:?}");
            assert!(out.len() > text.len());
        }
        // An LF file stays LF.
        let out = append_progress("format = 1\n", Format::Toml, &entry()).unwrap();
        assert!(!out.contains('\r'));
    }

    /// Regression: `carepath log plan.toml ms 1000000001` wrote an amount that did not read back
    /// and said "could not be added cleanly (please report this)".
    #[test]
    fn log_amount_1000000001_is_refused_with_the_limit() {
        let mut e = entry();
        e.amount = 1_000_000_001.0;
        let err = append_progress("format = 1\n", Format::Toml, &e).unwrap_err();
        assert_eq!(
            err,
            "the amount 1000000001 is larger than carepath accepts: at most 1,000,000,000"
        );
        e.amount = -1.0;
        assert!(append_progress("format = 1\n", Format::Json, &e).is_err());
        e.amount = f64::NAN;
        assert!(append_progress("format = 1\n", Format::Toml, &e).is_err());
        // The limit itself is accepted.
        e.amount = 1_000_000_000.0;
        let out = append_progress("format = 1\n", Format::Toml, &e).unwrap();
        assert!(out.contains("amount = 1000000000\n"), "{out}");
    }

    /// Amounts are written so that they read back exactly, tiny ones too.
    #[test]
    fn log_writes_amounts_that_read_back() {
        for amount in [0.0, 0.1 + 0.2, 1e-7, 144.5, 999_999_999.99] {
            let mut e = entry();
            e.amount = amount;
            for (text, format) in [
                ("format = 1\n", Format::Toml),
                ("{\"format\": 1}", Format::Json),
            ] {
                let out = append_progress(text, format, &e).unwrap();
                let node = match format {
                    Format::Toml => parse_toml(&out).unwrap(),
                    Format::Json => parse_json(&out).unwrap(),
                };
                let NodeKind::Array(items) = &node.get("progress").unwrap().kind else {
                    panic!("progress is a list")
                };
                let back = match items[0].get("amount").unwrap().kind {
                    NodeKind::Int(i) => i as f64,
                    NodeKind::Float(f) => f,
                    ref k => panic!("{k:?}"),
                };
                assert_eq!(back, amount, "{out}");
            }
        }
    }

    #[test]
    fn json_appends_into_existing_or_new_list() {
        let text = "{\n  \"format\": 1,\n  \"progress\": [\n    {\"date\": \"2026-05-31\", \"milestone\": \"a\", \"amount\": 1}\n  ]\n}\n";
        let out = append_progress(text, Format::Json, &entry()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["progress"][1]["amount"], 144.5);
        assert!(out.starts_with("{\n  \"format\": 1,\n  \"progress\": [\n    {\"date\": \"2026-05-31\", \"milestone\": \"a\", \"amount\": 1},\n    {"));

        let text = "{\n  \"format\": 1\n}";
        let out = append_progress(text, Format::Json, &entry()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["progress"][0]["milestone"], "icu-hours");
        assert!(out.starts_with("{\n  \"format\": 1,\n  \"progress\": ["));

        let text = "{\"format\": 1, \"progress\": []}";
        let out = append_progress(text, Format::Json, &entry()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["progress"][0]["date"], "2026-06-30");
    }
}
