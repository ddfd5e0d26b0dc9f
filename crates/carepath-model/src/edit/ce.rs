//! Appending one CE activity (`carepath ce`) to a plan's text, keeping every other byte, as
//! [`super::append_progress`] does for progress.
//!
//! In TOML the new `[[ce]]` block goes after the last `[[ce]]` block (and the sub-tables that
//! belong to it, like `[ce.topics]`), so the log stays together, and a table that follows it
//! stays where it is; without a CE log it goes at the end of the file. A log written as an inline
//! array (`ce = [ { … }, ]`) gets one more inline table inside the brackets. In JSON the entry
//! goes into the top-level `"ce"` list, or a new `"ce"` member.

use jiff::civil::Date;
use toml_parser::Source;
use toml_parser::parser::{Event, EventKind, parse_document};

use super::{
    append_block, append_json_item, insert_inline, is_inline_array, json_object, json_string,
    line_ending, toml_string,
};
use crate::Format;
use crate::node::{Node, NodeKind, parse_toml};
use crate::numbers::{exact, grouped};
use crate::read::{MAX_AMOUNT, fmt_num};

/// One CE activity to add: the fields of a `[[ce]]` entry (see [`crate::CeEntry`]).
#[derive(Debug, Clone, PartialEq)]
pub struct NewCe {
    pub date: Date,
    pub title: String,
    pub hours: f64,
    pub category: Option<String>,
    /// Hours of `hours` spent on a named topic, written in this order.
    pub topics: Vec<(String, f64)>,
    pub counts_for: Vec<String>,
    pub provider: Option<String>,
    pub note: Option<String>,
}

/// Returns the new text with the activity appended to the plan's CE log. Line endings follow
/// the file's (CRLF when its first line ends so); a byte-order mark stays. Whether the entry
/// makes sense for the plan (its hours more than 0, topics within the hours, `counts_for` naming
/// held credentials) is for [`crate::check`] to say, on the edited text; refused here, and
/// nothing changed, is only what the plan format cannot hold: a number that is not finite, is
/// negative or is above [`MAX_AMOUNT`], and a topic named twice.
pub fn append_ce(text: &str, format: Format, entry: &NewCe) -> Result<String, String> {
    check_hours("the hours", entry.hours)?;
    for (i, (name, hours)) in entry.topics.iter().enumerate() {
        check_hours(&format!("the hours of the topic `{name}`"), *hours)?;
        if entry.topics[..i].iter().any(|(n, _)| n == name) {
            return Err(format!(
                "the topic `{name}` is given twice; give each topic once, with all its hours"
            ));
        }
    }
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let nl = line_ending(body);
    let edited = match format {
        Format::Toml => append_toml(body, entry, nl),
        Format::Json => append_item_json(body, entry, nl),
    }?;
    Ok(format!("{bom}{edited}"))
}

fn check_hours(what: &str, x: f64) -> Result<(), String> {
    if !x.is_finite() {
        return Err(format!("{what} are not a number"));
    }
    if x < 0.0 {
        return Err(format!("{what} ({}) are negative", exact(x)));
    }
    if x > MAX_AMOUNT {
        return Err(format!(
            "{what} ({}) are more than carepath accepts: at most {}",
            exact(x),
            grouped(MAX_AMOUNT)
        ));
    }
    Ok(())
}

/// A TOML key: bare when it can be, else quoted.
fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        key.to_string()
    } else {
        toml_string(key)
    }
}

/// The fields of the entry as TOML `key = value` pairs, in the order of the plan format.
fn toml_fields(e: &NewCe) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("date", e.date.to_string()),
        ("title", toml_string(&e.title)),
        ("hours", fmt_num(e.hours)),
    ];
    if let Some(c) = &e.category {
        fields.push(("category", toml_string(c)));
    }
    if !e.topics.is_empty() {
        let topics: Vec<String> = e
            .topics
            .iter()
            .map(|(k, h)| format!("{} = {}", toml_key(k), fmt_num(*h)))
            .collect();
        fields.push(("topics", format!("{{ {} }}", topics.join(", "))));
    }
    if !e.counts_for.is_empty() {
        let ids: Vec<String> = e.counts_for.iter().map(|c| toml_string(c)).collect();
        fields.push(("counts_for", format!("[{}]", ids.join(", "))));
    }
    if let Some(p) = &e.provider {
        fields.push(("provider", toml_string(p)));
    }
    if let Some(n) = &e.note {
        fields.push(("note", toml_string(n)));
    }
    fields
}

fn append_toml(text: &str, e: &NewCe, nl: &str) -> Result<String, String> {
    let root = parse_toml(text).map_err(|e| e.message)?;
    let fields = toml_fields(e);
    match root.get("ce") {
        Some(Node {
            kind: NodeKind::Array(items),
            span,
        }) if is_inline_array(text, span) => {
            let pairs: Vec<String> = fields.iter().map(|(k, v)| format!("{k} = {v}")).collect();
            let inline = format!("{{ {} }}", pairs.join(", "));
            insert_inline(text, items, span, &inline, nl, "ce")
        }
        Some(Node {
            kind: NodeKind::Array(_),
            ..
        })
        | None => {
            let mut block = String::from("[[ce]]\n");
            for (k, v) in &fields {
                block.push_str(&format!("{k} = {v}\n"));
            }
            let at = after_last_ce_block(text).unwrap_or(text.len());
            Ok(append_block(text, at, &block, nl))
        }
        Some(_) => Err("`ce` is not a list, so carepath cannot add to it".into()),
    }
}

/// Where a new `[[ce]]` block goes in a valid TOML text: the start of the line after the last
/// thing that belongs to the CE log (the last value, or header, of the last table whose header
/// starts with `ce`), so comments and blank lines before the next table stay with it. `None`
/// when no table header names `ce`.
fn after_last_ce_block(text: &str) -> Option<usize> {
    let tokens = Source::new(text).lex().into_vec();
    let mut events: Vec<Event> = Vec::new();
    let mut receiver = |e: Event| events.push(e);
    parse_document(&tokens, &mut receiver, &mut ());

    // For each table header, in order: whether its first key is `ce`, and where the last
    // non-blank thing of its table ends.
    let mut in_header = false;
    let mut first_key: Option<bool> = None;
    let mut current_is_ce = false;
    let mut last_end: Option<usize> = None;
    let mut ce_end: Option<usize> = None;
    for ev in &events {
        let span = ev.span();
        match ev.kind() {
            EventKind::StdTableOpen | EventKind::ArrayTableOpen => {
                if current_is_ce {
                    ce_end = last_end.or(ce_end);
                }
                in_header = true;
                first_key = None;
                current_is_ce = false;
            }
            EventKind::SimpleKey if in_header && first_key.is_none() => {
                let raw = toml_parser::Raw::new_unchecked(
                    &text[span.start()..span.end()],
                    ev.encoding(),
                    span,
                );
                let mut key = String::new();
                raw.decode_key(&mut key, &mut ());
                first_key = Some(key == "ce");
            }
            EventKind::StdTableClose | EventKind::ArrayTableClose => {
                in_header = false;
                current_is_ce = first_key == Some(true);
            }
            EventKind::Whitespace | EventKind::Comment | EventKind::Newline => continue,
            _ => {}
        }
        last_end = Some(span.end());
    }
    if current_is_ce {
        ce_end = last_end.or(ce_end);
    }
    let end = ce_end?;
    // The rest of that line is blanks and perhaps a comment; the block goes after its break.
    Some(match text[end..].find('\n') {
        Some(i) => end + i + 1,
        None => text.len(),
    })
}

fn json_entry(e: &NewCe, indent: &str, step: &str) -> String {
    let mut fields = vec![
        format!("\"date\": \"{}\"", e.date),
        format!("\"title\": {}", json_string(&e.title)),
        format!("\"hours\": {}", fmt_num(e.hours)),
    ];
    if let Some(c) = &e.category {
        fields.push(format!("\"category\": {}", json_string(c)));
    }
    if !e.topics.is_empty() {
        let topics: Vec<String> = e
            .topics
            .iter()
            .map(|(k, h)| format!("{}: {}", json_string(k), fmt_num(*h)))
            .collect();
        fields.push(format!("\"topics\": {{{}}}", topics.join(", ")));
    }
    if !e.counts_for.is_empty() {
        let ids: Vec<String> = e.counts_for.iter().map(|c| json_string(c)).collect();
        fields.push(format!("\"counts_for\": [{}]", ids.join(", ")));
    }
    if let Some(p) = &e.provider {
        fields.push(format!("\"provider\": {}", json_string(p)));
    }
    if let Some(n) = &e.note {
        fields.push(format!("\"note\": {}", json_string(n)));
    }
    json_object(&fields, indent, step)
}

fn append_item_json(text: &str, e: &NewCe, nl: &str) -> Result<String, String> {
    append_json_item(text, "ce", &|indent, step| json_entry(e, indent, step), nl)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CeEntry;
    use jiff::civil::date;

    fn minimal() -> NewCe {
        NewCe {
            date: date(2026, 2, 10),
            title: "Sepsis bundle update".into(),
            hours: 2.0,
            category: None,
            topics: Vec::new(),
            counts_for: Vec::new(),
            provider: None,
            note: None,
        }
    }

    fn full() -> NewCe {
        NewCe {
            category: Some("A".into()),
            topics: vec![
                ("pharmacology".into(), 0.5),
                ("pain & opioids".into(), 0.25),
            ],
            counts_for: vec!["ccrn".into(), "rn-license".into()],
            provider: Some("AACN".into()),
            note: Some("Certificate in the CE folder".into()),
            hours: 2.5,
            ..minimal()
        }
    }

    const FULL_BLOCK: &str = "[[ce]]\ndate = 2026-02-10\ntitle = \"Sepsis bundle update\"\nhours = 2.5\ncategory = \"A\"\ntopics = { pharmacology = 0.5, \"pain & opioids\" = 0.25 }\ncounts_for = [\"ccrn\", \"rn-license\"]\nprovider = \"AACN\"\nnote = \"Certificate in the CE folder\"\n";

    #[test]
    fn toml_without_a_ce_log_gets_a_block_at_the_end() {
        let text = "format = 1 # the version\n[person]\nname = \"A\" # keep me\n";
        let out = append_ce(text, Format::Toml, &full()).unwrap();
        assert_eq!(out, format!("{text}\n{FULL_BLOCK}"));
        // Only the required fields when nothing else is given.
        let out = append_ce(text, Format::Toml, &minimal()).unwrap();
        assert_eq!(
            out,
            format!(
                "{text}\n[[ce]]\ndate = 2026-02-10\ntitle = \"Sepsis bundle update\"\nhours = 2\n"
            )
        );
    }

    #[test]
    fn toml_block_goes_after_the_last_ce_block_and_the_next_table_stays() {
        let text = "format = 1\n\n[[ce]]\ndate = 2026-01-01\ntitle = \"a\"\nhours = 1 # first\n\n[[ce]]\ndate = 2026-01-02\ntitle = \"b\"\nhours = 1   # second\n\n# The goals come next.\n[[goals]]\nid = \"g\"\n";
        let out = append_ce(text, Format::Toml, &minimal()).unwrap();
        let at = text.find("# second\n").unwrap() + "# second\n".len() - 1;
        assert_eq!(
            out,
            format!(
                "{}\n[[ce]]\ndate = 2026-02-10\ntitle = \"Sepsis bundle update\"\nhours = 2\n{}",
                &text[..at + 1],
                &text[at + 1..]
            )
        );
    }

    #[test]
    fn toml_sub_tables_of_the_last_entry_stay_with_it() {
        // `[ce.topics]` belongs to the last `[[ce]]`; a quoted header key is the same key.
        let text = "[[\"ce\"]]\ndate = 2026-01-01\ntitle = \"a\"\nhours = 1\n[ ce . topics ]\npharmacology = 0.5\n[person]\nname = \"A\"\n";
        let out = append_ce(text, Format::Toml, &minimal()).unwrap();
        let at = text.find("[person]").unwrap();
        assert_eq!(
            out,
            format!(
                "{}\n[[ce]]\ndate = 2026-02-10\ntitle = \"Sepsis bundle update\"\nhours = 2\n{}",
                &text[..at],
                &text[at..]
            )
        );
        // A table whose name only starts with "ce" is another table.
        let text = "[[ce]]\ndate = 2026-01-01\ntitle = \"a\"\nhours = 1\n[cert]\nx = 1\n";
        let out = append_ce(text, Format::Toml, &minimal()).unwrap();
        assert!(out.ends_with("hours = 1\n\n[[ce]]\ndate = 2026-02-10\ntitle = \"Sepsis bundle update\"\nhours = 2\n[cert]\nx = 1\n"), "{out}");
    }

    #[test]
    fn toml_inline_ce_list_grows_in_place() {
        let text =
            "ce = [\n  { date = 2026-01-01, title = \"a\", hours = 1 }, # one\n]\ntitle = \"x\"\n";
        let out = append_ce(text, Format::Toml, &full()).unwrap();
        assert_eq!(
            out,
            "ce = [\n  { date = 2026-01-01, title = \"a\", hours = 1 }, { date = 2026-02-10, title = \"Sepsis bundle update\", hours = 2.5, category = \"A\", topics = { pharmacology = 0.5, \"pain & opioids\" = 0.25 }, counts_for = [\"ccrn\", \"rn-license\"], provider = \"AACN\", note = \"Certificate in the CE folder\" }, # one\n]\ntitle = \"x\"\n"
        );
        let text = "ce = [{ date = 2026-01-01, title = \"a\", hours = 1 }]\n";
        let out = append_ce(text, Format::Toml, &minimal()).unwrap();
        assert_eq!(
            out,
            "ce = [{ date = 2026-01-01, title = \"a\", hours = 1 }, { date = 2026-02-10, title = \"Sepsis bundle update\", hours = 2 }]\n"
        );
        let out = append_ce("ce = []\n", Format::Toml, &minimal()).unwrap();
        assert_eq!(
            out,
            "ce = [{ date = 2026-02-10, title = \"Sepsis bundle update\", hours = 2 }]\n"
        );
    }

    #[test]
    fn bom_crlf_and_no_final_line_break() {
        let text = "\u{feff}format = 1\r\n[[ce]]\r\ndate = 2026-01-01\r\ntitle = \"a\"\r\nhours = 1\r\n[person]\r\nname = \"A\"";
        let out = append_ce(text, Format::Toml, &minimal()).unwrap();
        assert_eq!(
            out,
            "\u{feff}format = 1\r\n[[ce]]\r\ndate = 2026-01-01\r\ntitle = \"a\"\r\nhours = 1\r\n\r\n[[ce]]\r\ndate = 2026-02-10\r\ntitle = \"Sepsis bundle update\"\r\nhours = 2\r\n[person]\r\nname = \"A\""
        );
        // The last block at the end of a file without a final line break.
        let text = "[[ce]]\ndate = 2026-01-01\ntitle = \"a\"\nhours = 1";
        let out = append_ce(text, Format::Toml, &minimal()).unwrap();
        assert_eq!(
            out,
            format!(
                "{text}\n\n[[ce]]\ndate = 2026-02-10\ntitle = \"Sepsis bundle update\"\nhours = 2\n"
            )
        );
        let text = "\u{feff}{\r\n  \"format\": 1\r\n}";
        let out = append_ce(text, Format::Json, &minimal()).unwrap();
        assert_eq!(
            out,
            "\u{feff}{\r\n  \"format\": 1,\r\n  \"ce\": [\r\n    {\r\n      \"date\": \"2026-02-10\",\r\n      \"title\": \"Sepsis bundle update\",\r\n      \"hours\": 2\r\n    }\r\n  ]\r\n}"
        );
    }

    #[test]
    fn json_into_the_list_a_new_member_or_a_null() {
        let text = "{\n\t\"format\": 1,\n\t\"ce\": [\n\t\t{\"date\": \"2026-01-01\", \"title\": \"a\", \"hours\": 1}\n\t],\n\t\"title\": \"x\"\n}\n";
        let out = append_ce(text, Format::Json, &full()).unwrap();
        assert_eq!(
            out,
            "{\n\t\"format\": 1,\n\t\"ce\": [\n\t\t{\"date\": \"2026-01-01\", \"title\": \"a\", \"hours\": 1},\n\t\t{\n\t\t\t\"date\": \"2026-02-10\",\n\t\t\t\"title\": \"Sepsis bundle update\",\n\t\t\t\"hours\": 2.5,\n\t\t\t\"category\": \"A\",\n\t\t\t\"topics\": {\"pharmacology\": 0.5, \"pain & opioids\": 0.25},\n\t\t\t\"counts_for\": [\"ccrn\", \"rn-license\"],\n\t\t\t\"provider\": \"AACN\",\n\t\t\t\"note\": \"Certificate in the CE folder\"\n\t\t}\n\t],\n\t\"title\": \"x\"\n}\n"
        );
        let text = "{\"format\": 1, \"title\": \"x\"}";
        let out = append_ce(text, Format::Json, &minimal()).unwrap();
        assert_eq!(
            out,
            "{\"format\": 1, \"title\": \"x\",\n  \"ce\": [\n    {\n      \"date\": \"2026-02-10\",\n      \"title\": \"Sepsis bundle update\",\n      \"hours\": 2\n    }\n  ]}"
        );
        let text = "{\n  \"ce\": null\n}\n";
        let out = append_ce(text, Format::Json, &minimal()).unwrap();
        assert_eq!(
            out,
            "{\n  \"ce\": [\n    {\n      \"date\": \"2026-02-10\",\n      \"title\": \"Sepsis bundle update\",\n      \"hours\": 2\n    }\n  ]\n}\n"
        );
    }

    #[test]
    fn text_is_escaped_so_it_reads_back_exactly() {
        let tricky = "Quote \" back\\slash\nnew line\ttab \u{7} bell \u{7f} del é 😀 \u{202e}";
        let e = NewCe {
            title: tricky.into(),
            category: Some("\"A\"".into()),
            topics: vec![(tricky.into(), 1.0), ("".into(), 0.5)],
            counts_for: vec![tricky.into()],
            provider: Some(tricky.into()),
            note: Some(tricky.into()),
            ..minimal()
        };
        let out = append_ce("format = 1\n", Format::Toml, &e).unwrap();
        assert!(
            out.contains(
                "title = \"Quote \\\" back\\\\slash\\nnew line\\ttab \\u0007 bell \\u007F del é 😀 \u{202e}\"\n"
            ),
            "{out}"
        );
        for (text, format) in [("format = 1\n", Format::Toml), ("{}", Format::Json)] {
            let out = append_ce(text, format, &e).unwrap();
            let root = match format {
                Format::Toml => parse_toml(&out).unwrap(),
                Format::Json => crate::node::parse_json(&out).unwrap(),
            };
            let NodeKind::Array(items) = &root.get("ce").unwrap().kind else {
                panic!("ce is a list: {out}")
            };
            let entry = &items[0];
            for key in ["title", "provider", "note"] {
                assert_eq!(
                    entry.get(key).unwrap().kind,
                    NodeKind::Str(tricky.into()),
                    "{key} in {out}"
                );
            }
            let NodeKind::Table(topics) = &entry.get("topics").unwrap().kind else {
                panic!("topics is a table: {out}")
            };
            // The reader may give a table's keys in another order than the file's.
            let mut names: Vec<&str> = topics.iter().map(|(k, _)| k.name.as_str()).collect();
            names.sort_unstable();
            assert_eq!(names, ["", tricky], "{out}");
        }
    }

    #[test]
    fn what_the_format_cannot_hold_is_refused() {
        let mut e = minimal();
        e.hours = f64::NAN;
        assert_eq!(
            append_ce("", Format::Toml, &e).unwrap_err(),
            "the hours are not a number"
        );
        e.hours = 1e10;
        assert_eq!(
            append_ce("", Format::Toml, &e).unwrap_err(),
            "the hours (10000000000) are more than carepath accepts: at most 1,000,000,000"
        );
        let mut e = minimal();
        e.topics = vec![("a".into(), 1.0), ("a".into(), 0.5)];
        assert_eq!(
            append_ce("", Format::Json, &e).unwrap_err(),
            "the topic `a` is given twice; give each topic once, with all its hours"
        );
        e.topics = vec![("a".into(), f64::INFINITY)];
        assert!(append_ce("", Format::Toml, &e).is_err());
        assert_eq!(
            append_ce("ce = 3\n", Format::Toml, &minimal()).unwrap_err(),
            "`ce` is not a list, so carepath cannot add to it"
        );
        assert_eq!(
            append_ce("{\"ce\": {}}", Format::Json, &minimal()).unwrap_err(),
            "`ce` is not a list, so carepath cannot add to it"
        );
    }

    const PLAN: &str = "format = 1\ntitle = \"My plan\"\nstart = 2026-01-05\n\n[person]\nname = \"Alex Kim\"\ncredentials = [\"rn-license\", { id = \"ccrn\", earned = 2024-07-01, expires = 2027-06-30 }]\n\n[[ce]]\ndate = 2026-01-20\ntitle = \"Stroke update\"\nhours = 1\n[ce.topics]\nneuro = 1\n\n# milestones after the log\n[[milestones]]\nid = \"ccrn-review\"\ntitle = \"CCRN review\"\nkind = \"training\"\neffort_hours = 10\n\n[capacity]\nhours_per_week = 4\n";

    const PLAN_JSON: &str = "{\n  \"format\": 1,\n  \"title\": \"My plan\",\n  \"start\": \"2026-01-05\",\n  \"person\": {\"name\": \"Alex Kim\", \"credentials\": [\"rn-license\", {\"id\": \"ccrn\"}]},\n  \"milestones\": [{\"id\": \"ccrn-review\", \"title\": \"CCRN review\", \"kind\": \"training\"}]\n}\n";

    /// The edited plan checks, with the new entry last and every other field as it was.
    #[test]
    fn the_edited_plan_reads_back_with_the_entry_and_nothing_else_changed() {
        let e = full();
        for (text, format) in [(PLAN, Format::Toml), (PLAN_JSON, Format::Json)] {
            let before = crate::check(text.as_bytes(), format, None);
            let Some(before) = before.plan else {
                panic!("{:#?}", before.diagnostics)
            };
            let before = before.plan().clone();
            let out = append_ce(text, format, &e).unwrap();
            let after = crate::check(out.as_bytes(), format, None);
            let Some(after) = after.plan else {
                panic!("{:#?}\n{out}", after.diagnostics)
            };
            let mut got = after.plan().clone();
            let mut added = got.ce.pop().expect("a CE entry");
            // The reader may give the topics in another order than the file's.
            added.topics.sort_by(|a, b| a.0.cmp(&b.0));
            let mut topics = e.topics.clone();
            topics.sort_by(|a, b| a.0.cmp(&b.0));
            assert_eq!(
                added,
                CeEntry {
                    date: e.date,
                    title: e.title.clone(),
                    hours: e.hours,
                    category: e.category.clone(),
                    topics,
                    counts_for: e.counts_for.clone(),
                    provider: e.provider.clone(),
                    note: e.note.clone(),
                }
            );
            let mut want = before;
            want.spans = Default::default();
            got.spans = Default::default();
            assert_eq!(format!("{want:?}"), format!("{got:?}"), "{out}");
        }
    }
}
