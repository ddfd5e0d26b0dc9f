//! What of a plan is private, and the plan without it.
//!
//! [`PRIVATE_FIELDS`] is the one list (docs/privacy.md prints the same list, and a test keeps the
//! two in step). Redaction happens here, once, on the model's side: [`redact`] turns a checked
//! plan into the same plan with every private field left out and the person's name replaced by a
//! pseudonym, and that is what gets resolved. So every exporter (PDF text and metadata, calendar
//! UIDs and descriptions, CSV, JSON, a plugin's document) receives redacted data without knowing
//! that it is: none of them has another road to the private values.
//!
//! Besides the listed fields, two things carry the name without being a private field:
//! - the plan's id, when none is written, is made from the name (`zoe-nguyen-…`); when one is
//!   written it often starts with a first name (`zoe-rn-to-acnp`). The calendar's UIDs and the
//!   PDF's `/ID` come from it, so the redacted plan's id has every hyphen-separated word that is
//!   a word of the name replaced by the pseudonym ([`redacted_id`]).
//! - a title may hold the full name ("Zoë Nguyễn's plan"); the plan's, the goals', the
//!   milestones' and the CE activities' titles have it replaced by the pseudonym.
//!
//! [`redact_file`] does the same to a plan's text for `carepath redact`, with the byte-keeping
//! approach of [`crate::edit`]: only the private keys and values (and the comments, unless they
//! are kept) are cut out; everything else stays byte for byte.

use crate::node::{Key, Node, NodeKind, Span, parse_json, parse_toml};
use crate::plan::{Plan, slug};
use crate::{CheckedPlan, Format};

/// What redaction does to a private field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Treatment {
    /// The value is replaced by the pseudonym (a field the plan format requires).
    Pseudonym,
    /// The key and its value are left out.
    Removed,
}

/// One private field of the plan format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrivateField {
    /// The field path, `[]` standing for every item of a list: `person.credentials[].number`.
    pub path: &'static str,
    pub treatment: Treatment,
    /// Reserved for a later version of the format (not read yet): redaction handles it already,
    /// so a plan written for that version is redacted without a change here.
    pub reserved: bool,
}

const fn field(path: &'static str, treatment: Treatment, reserved: bool) -> PrivateField {
    PrivateField {
        path,
        treatment,
        reserved,
    }
}

/// Every private field, in the order of the plan format. The one list: docs/privacy.md has the
/// same.
pub const PRIVATE_FIELDS: &[PrivateField] = &[
    field("person.name", Treatment::Pseudonym, false),
    field("person.credentials[].number", Treatment::Removed, false),
    field("person.experience[].setting", Treatment::Removed, false),
    field("capacity.breaks[].reason", Treatment::Removed, false),
    field("milestones[].notes", Treatment::Removed, false),
    field("progress[].note", Treatment::Removed, false),
    field("ce[].note", Treatment::Removed, false),
    field("people[].name", Treatment::Pseudonym, false),
    field("people[].note", Treatment::Removed, false),
];

/// The default pseudonym: the initials of the name ("Zoë Nguyễn" -> "ZN", "Jean-Luc Picard" ->
/// "JLP"), or "P" for a name without letters.
pub fn initials(name: &str) -> String {
    let out: String = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .flat_map(char::to_uppercase)
        .collect();
    if out.is_empty() { "P".into() } else { out }
}

/// The words of a name as they appear in an id (slugged): "Zoë Nguyễn" -> ["zoe", "nguyen"].
fn name_words(name: &str) -> Vec<String> {
    slug(name)
        .split('-')
        .filter(|w| w.len() >= 2 && *w != "plan")
        .map(str::to_string)
        .collect()
}

/// A plan id with each hyphen-separated word that is a word of `name` replaced by the
/// pseudonym's slug (several in a row by one): `zoe-rn-to-acnp` -> `zn-rn-to-acnp`,
/// `zoe-nguyen-bedside-rn` -> `zn-bedside-rn`.
pub fn redacted_id(id: &str, name: &str, pseudonym: &str) -> String {
    let words = name_words(name);
    let pseudo = slug(pseudonym);
    let mut out: Vec<&str> = Vec::new();
    let mut replaced = false;
    for part in id.split('-') {
        if words.iter().any(|w| w.eq_ignore_ascii_case(part)) {
            if !replaced {
                out.push(&pseudo);
            }
            replaced = true;
        } else {
            out.push(part);
            replaced = false;
        }
    }
    out.join("-")
}

/// `text` with every occurrence of the full `name` replaced by `pseudonym`.
fn without_name(text: &mut String, name: &str, pseudonym: &str) {
    if !name.is_empty() && text.contains(name) {
        *text = text.replace(name, pseudonym);
    }
}

/// The plan with every private field left out and the name replaced by `pseudonym`; the
/// schedule does not depend on any of them, so it schedules exactly as the plan does.
pub fn redact_plan(plan: &Plan, pseudonym: &str) -> Plan {
    let mut p = plan.clone();
    let name = plan.person.name.trim().to_string();
    p.id = Some(redacted_id(&plan.effective_id(), &name, pseudonym));
    p.person.name = pseudonym.to_string();
    for c in &mut p.person.credentials {
        c.number = None;
    }
    for e in &mut p.person.experience {
        e.setting = None;
    }
    for b in &mut p.capacity.breaks {
        b.reason = None;
    }
    for m in &mut p.milestones {
        m.notes = None;
        without_name(&mut m.title, &name, pseudonym);
    }
    for e in &mut p.progress {
        e.note = None;
    }
    for e in &mut p.ce {
        e.note = None;
        without_name(&mut e.title, &name, pseudonym);
    }
    // As `redact_file` does: "contact 1", "contact 2", … in file order, in the titles too.
    let mut contacts = Vec::new();
    for (i, c) in p.people.iter_mut().enumerate() {
        let pseudo = format!("contact {}", i + 1);
        contacts.push((c.name.trim().to_string(), pseudo.clone()));
        c.name = pseudo;
        c.note = None;
    }
    for (n, pseudo) in contacts.iter().filter(|(n, _)| !n.is_empty()) {
        for m in &mut p.milestones {
            without_name(&mut m.title, n, pseudo);
        }
        for e in &mut p.ce {
            without_name(&mut e.title, n, pseudo);
        }
        for g in &mut p.goals {
            without_name(&mut g.title, n, pseudo);
        }
        without_name(&mut p.title, n, pseudo);
    }
    for g in &mut p.goals {
        without_name(&mut g.title, &name, pseudonym);
    }
    without_name(&mut p.title, &name, pseudonym);
    p
}

/// The checked plan, redacted ([`redact_plan`]); its indexes and links are shared, as nothing
/// they hold is private.
///
/// The roster's warnings quote its events' titles, which may name the person: the name is
/// replaced there too, as in titles.
pub fn redact(checked: &CheckedPlan, pseudonym: &str) -> CheckedPlan {
    let out = checked.extended(redact_plan(checked.plan(), pseudonym), Vec::new());
    let name = checked.plan().person.name.trim();
    match checked.roster() {
        Some(r)
            if r.warnings
                .iter()
                .any(|w| !name.is_empty() && w.text.contains(name)) =>
        {
            let mut r = r.clone();
            for w in &mut r.warnings {
                without_name(&mut w.text, name, pseudonym);
            }
            out.with_roster(r)
        }
        _ => out,
    }
}

/// A plan's text without its private fields.
#[derive(Debug, Clone, PartialEq)]
pub struct RedactedFile {
    pub text: String,
    /// The private fields that were found and cut out or replaced, as field paths
    /// (`person.credentials[0].number`), in file order.
    pub fields: Vec<String>,
    /// How many comments were removed.
    pub comments: usize,
}

/// One change to the text: `range` becomes `with`.
#[derive(Debug, Clone)]
struct Change {
    range: Span,
    with: String,
}

/// The plan's text without the private fields: removed ones are cut out with their key (and the
/// separator before them in an inline table or a JSON object, or their whole line), the name (and
/// a people entry's name) becomes `pseudonym`, and the id loses the name's words
/// ([`redacted_id`]). Comments are free text that may hold anything (a mentor's name, a unit):
/// they are removed unless `keep_comments`. Every other byte stays as it was. A byte-order mark
/// is kept.
pub fn redact_file(
    text: &str,
    format: Format,
    pseudonym: &str,
    keep_comments: bool,
) -> Result<RedactedFile, String> {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let root = match format {
        Format::Toml => parse_toml(body),
        Format::Json => parse_json(body),
    }
    .map_err(|e| e.message)?;
    let quote = |s: &str| match format {
        Format::Toml => crate::edit::toml_string(s),
        Format::Json => serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()),
    };
    let mut changes: Vec<Change> = Vec::new();
    let mut fields: Vec<(usize, String)> = Vec::new();
    let name = root
        .get("person")
        .and_then(|p| p.get("name"))
        .and_then(|n| match &n.kind {
            NodeKind::Str(s) => Some(s.trim().to_string()),
            _ => None,
        })
        .unwrap_or_default();

    for f in PRIVATE_FIELDS {
        for (path, key, value) in find(&root, f.path) {
            fields.push((key.span.start, path));
            let range = match f.treatment {
                Treatment::Pseudonym => {
                    let with = if f.path == "person.name" {
                        pseudonym.to_string()
                    } else {
                        // A contact of the network: "contact 1", "contact 2", … in file order.
                        let n = changes
                            .iter()
                            .filter(|c| c.with.starts_with("\"contact "))
                            .count();
                        format!("contact {}", n + 1)
                    };
                    changes.push(Change {
                        range: value.span.clone(),
                        with: quote(&with),
                    });
                    continue;
                }
                Treatment::Removed => removal(body, format, &key.span, &value.span),
            };
            changes.push(Change {
                range,
                with: String::new(),
            });
        }
    }
    // A title may hold the full name, or a name of the network: they are replaced there as in
    // [`redact_plan`].
    let mut names: Vec<(String, String)> = Vec::new();
    if !name.is_empty() {
        names.push((name.clone(), pseudonym.to_string()));
    }
    for (i, (_, _, value)) in find(&root, "people[].name").into_iter().enumerate() {
        if let NodeKind::Str(s) = &value.kind
            && !s.trim().is_empty()
        {
            names.push((s.trim().to_string(), format!("contact {}", i + 1)));
        }
    }
    if !names.is_empty() {
        for pattern in ["title", "goals[].title", "milestones[].title", "ce[].title"] {
            for (path, _, value) in find(&root, pattern) {
                if let NodeKind::Str(s) = &value.kind
                    && names.iter().any(|(n, _)| s.contains(n.as_str()))
                {
                    let mut t = s.clone();
                    for (n, with) in &names {
                        without_name(&mut t, n, with);
                    }
                    fields.push((value.span.start, path));
                    changes.push(Change {
                        range: value.span.clone(),
                        with: quote(&t),
                    });
                }
            }
        }
    }
    // The id, written or not, must not carry the name.
    if let Some(id) = root.get("id")
        && let NodeKind::Str(s) = &id.kind
    {
        let new = redacted_id(s, &name, pseudonym);
        if new != *s {
            fields.push((id.span.start, "id".into()));
            changes.push(Change {
                range: id.span.clone(),
                with: quote(&new),
            });
        }
    }
    let mut comments = 0;
    if format == Format::Toml && !keep_comments {
        for range in toml_comments(body) {
            comments += 1;
            changes.push(Change {
                range,
                with: String::new(),
            });
        }
    }
    fields.sort_by_key(|(at, _)| *at);
    Ok(RedactedFile {
        text: format!("{bom}{}", apply(body, changes)),
        fields: fields.into_iter().map(|(_, p)| p).collect(),
        comments,
    })
}

/// Every `(path, key, value)` the pattern names (`a.b[].c`).
fn find<'a>(root: &'a Node, pattern: &str) -> Vec<(String, &'a Key, &'a Node)> {
    let mut out = Vec::new();
    walk(root, pattern, String::new(), None, &mut out);
    out
}

fn walk<'a>(
    node: &'a Node,
    pattern: &str,
    path: String,
    key: Option<&'a Key>,
    out: &mut Vec<(String, &'a Key, &'a Node)>,
) {
    if pattern.is_empty() {
        if let Some(k) = key {
            out.push((path, k, node));
        }
        return;
    }
    let (step, rest) = match pattern.find('.') {
        Some(i) => (&pattern[..i], &pattern[i + 1..]),
        None => (pattern, ""),
    };
    let (name, every) = match step.strip_suffix("[]") {
        Some(n) => (n, true),
        None => (step, false),
    };
    let NodeKind::Table(entries) = &node.kind else {
        return;
    };
    for (k, v) in entries.iter().filter(|(k, _)| k.name == name) {
        let here = if path.is_empty() {
            name.to_string()
        } else {
            format!("{path}.{name}")
        };
        if every {
            if let NodeKind::Array(items) = &v.kind {
                for (i, item) in items.iter().enumerate() {
                    walk(item, rest, format!("{here}[{i}]"), Some(k), out);
                }
            }
        } else {
            walk(v, rest, here, Some(k), out);
        }
    }
}

/// The bytes to cut for a key and its value: in an inline table or a JSON object, the key, the
/// value and the separator before it (after it, for the first field); on a line of its own, the
/// whole line with its comment and line break.
fn removal(text: &str, format: Format, key: &Span, value: &Span) -> Span {
    let bytes = text.as_bytes();
    let mut start = key.start;
    // JSON keys are quoted; a TOML key may be quoted too. The span may or may not include the
    // quotes: step back over one.
    if start > 0
        && matches!(bytes[start - 1], b'"' | b'\'')
        && !matches!(bytes[start], b'"' | b'\'')
    {
        start -= 1;
    }
    // A dotted TOML key (`x.notes = …`): start at the first part.
    if format == Format::Toml {
        loop {
            let before = text[..start].trim_end_matches([' ', '\t']);
            if let Some(stripped) = before.strip_suffix('.') {
                let head = stripped.trim_end_matches([' ', '\t']);
                let part = head
                    .trim_end_matches(|c: char| c.is_alphanumeric() || c == '_' || c == '-')
                    .len();
                if part < head.len() {
                    start = part;
                    continue;
                }
            }
            break;
        }
    }
    let before = text[..start].trim_end_matches([' ', '\t', '\r', '\n']);
    let after_value = &text[value.end..];
    let after_trim = after_value.trim_start_matches([' ', '\t', '\r', '\n']);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let own_line = text[line_start..start].trim().is_empty();
    match before.chars().last() {
        Some(',') => {
            let comma = before.len() - 1;
            // `a, note = "x"` -> `a`; in JSON, `a,\n  "note": "x"\n}` -> `a\n}`.
            comma..value.end
        }
        Some('{') if after_trim.starts_with(',') => {
            let comma = value.end + (after_value.len() - after_trim.len());
            let next = text[comma + 1..]
                .trim_start_matches([' ', '\t', '\r', '\n'])
                .len();
            start..text.len() - next
        }
        Some('{') => start..value.end,
        _ if format == Format::Toml && own_line => {
            // The whole line: through its comment and its line break.
            let end = text[value.end..]
                .find('\n')
                .map_or(text.len(), |i| value.end + i + 1);
            line_start..end
        }
        _ => start..value.end,
    }
}

/// The comments of a TOML text, each with the spaces before it; a comment alone on its line
/// takes the whole line.
fn toml_comments(text: &str) -> Vec<Span> {
    use toml_parser::Source;
    use toml_parser::lexer::TokenKind;
    let mut out = Vec::new();
    for token in Source::new(text).lex() {
        if token.kind() != TokenKind::Comment {
            continue;
        }
        let span = token.span();
        let (start, end) = (span.start(), span.end());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        if text[line_start..start].trim().is_empty() {
            let end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
            out.push(line_start..end);
        } else {
            let lead = text[..start].trim_end_matches([' ', '\t']).len();
            out.push(lead..end);
        }
    }
    out
}

/// The text with the changes made; a change inside a removed range goes with it.
fn apply(text: &str, mut changes: Vec<Change>) -> String {
    changes.sort_by_key(|c| (c.range.start, std::cmp::Reverse(c.range.end)));
    let mut merged: Vec<Change> = Vec::new();
    for c in changes {
        if let Some(last) = merged.last_mut()
            && c.range.start < last.range.end
        {
            if last.with.is_empty() && c.with.is_empty() {
                last.range.end = last.range.end.max(c.range.end);
            } else if last.with.is_empty() && c.range.end <= last.range.end {
                // A replacement inside a removed line is removed with it.
            } else if c.with.is_empty() && last.range.end <= c.range.end {
                last.range = last.range.start.min(c.range.start)..c.range.end;
                last.with = String::new();
            }
            continue;
        }
        merged.push(c);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for c in merged {
        out.push_str(&text[at..c.range.start]);
        out.push_str(&c.with);
        at = c.range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/privacy.md lists exactly the fields of [`PRIVATE_FIELDS`], in the same order.
    #[test]
    fn the_documented_list_is_the_list() {
        let doc = include_str!("../../../docs/privacy.md");
        let listed: Vec<&str> = doc
            .lines()
            .filter_map(|l| l.strip_prefix("| `"))
            .filter_map(|l| l.split('`').next())
            .collect();
        let ours: Vec<&str> = PRIVATE_FIELDS.iter().map(|f| f.path).collect();
        assert_eq!(listed, ours);
    }

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("Zoë Nguyễn"), "ZN");
        assert_eq!(initials("Jean-Luc  Picard"), "JLP");
        assert_eq!(initials("Ирина Петрова"), "ИП");
        assert_eq!(initials("  "), "P");
    }

    #[test]
    fn ids_lose_the_words_of_the_name() {
        assert_eq!(
            redacted_id("zoe-rn-to-acnp", "Zoë Nguyễn", "ZN"),
            "zn-rn-to-acnp"
        );
        assert_eq!(
            redacted_id("zoe-nguyen-bedside-rn", "Zoë Nguyễn", "P001"),
            "p001-bedside-rn"
        );
        assert_eq!(redacted_id("icu-plan", "Zoë Nguyễn", "ZN"), "icu-plan");
    }

    const TOML: &str = "# Zoë's plan, reviewed with Dana\nformat = 1\nid = \"zoe-icu\"\ntitle = \"ICU\" # mine\nstart = 2026-01-05\n\n[person]\nname = \"Zoë Nguyễn\"   # legal name\ncredentials = [\n  { id = \"rn-license\", number = \"RN 123\", earned = 2021-06-15 },\n  { number = \"B-9\", id = \"bls\" },\n  \"bsn\",\n]\n\n[[person.experience]]\nrole = \"registered-nurse\"\nsetting = \"5 West\"\nfrom = 2021-07-12\n\n[[milestones]]\nid = \"a\"\ntitle = \"A\"\nkind = \"exam\"\nnotes = \"\"\"\nmulti\nline\"\"\"\neffort_hours = 3\n\n[[progress]]\ndate = 2026-02-01\nmilestone = \"a\"\namount = 1\nnote = \"tired\"\n\n[capacity]\nhours_per_week = 4\n";

    #[test]
    fn toml_private_fields_are_cut_and_the_rest_stays() {
        let r = redact_file(TOML, Format::Toml, "ZN", false).unwrap();
        let want = "format = 1\nid = \"zn-icu\"\ntitle = \"ICU\"\nstart = 2026-01-05\n\n[person]\nname = \"ZN\"\ncredentials = [\n  { id = \"rn-license\", earned = 2021-06-15 },\n  { id = \"bls\" },\n  \"bsn\",\n]\n\n[[person.experience]]\nrole = \"registered-nurse\"\nfrom = 2021-07-12\n\n[[milestones]]\nid = \"a\"\ntitle = \"A\"\nkind = \"exam\"\neffort_hours = 3\n\n[[progress]]\ndate = 2026-02-01\nmilestone = \"a\"\namount = 1\n\n[capacity]\nhours_per_week = 4\n";
        assert_eq!(r.text, want);
        assert_eq!(r.comments, 3);
        assert_eq!(
            r.fields,
            [
                "id",
                "person.name",
                "person.credentials[0].number",
                "person.credentials[1].number",
                "person.experience[0].setting",
                "milestones[0].notes",
                "progress[0].note"
            ]
        );
        let kept = redact_file(TOML, Format::Toml, "ZN", true).unwrap();
        assert!(kept.text.starts_with("# Zoë's plan"));
        assert!(kept.text.contains("name = \"ZN\"   # legal name\n"));
    }

    #[test]
    fn json_private_fields_are_cut() {
        let json = "{\n  \"format\": 1,\n  \"title\": \"T\",\n  \"start\": \"2026-01-05\",\n  \"person\": {\"name\": \"Ann Lee\", \"credentials\": [{\"number\": \"X1\", \"id\": \"bls\"}]},\n  \"capacity\": {\"hours_per_week\": 4, \"breaks\": [{\"from\": \"2026-03-01\", \"to\": \"2026-03-09\", \"reason\": \"surgery\"}]}\n}\n";
        let r = redact_file(json, Format::Json, "AL", false).unwrap();
        assert_eq!(
            r.text,
            "{\n  \"format\": 1,\n  \"title\": \"T\",\n  \"start\": \"2026-01-05\",\n  \"person\": {\"name\": \"AL\", \"credentials\": [{\"id\": \"bls\"}]},\n  \"capacity\": {\"hours_per_week\": 4, \"breaks\": [{\"from\": \"2026-03-01\", \"to\": \"2026-03-09\"}]}\n}\n"
        );
        assert!(serde_json::from_str::<serde_json::Value>(&r.text).is_ok());
    }

    #[test]
    fn the_redacted_plan_keeps_nothing_private() {
        let checked = crate::check(TOML.as_bytes(), Format::Toml, None);
        let plan = checked
            .plan
            .unwrap_or_else(|| panic!("{:?}", checked.diagnostics));
        let r = redact(&plan, "ZN");
        let json = serde_json::to_string(r.plan()).unwrap();
        for private in ["Zoë", "RN 123", "5 West", "multi", "tired", "zoe"] {
            assert!(!json.contains(private), "{private} in {json}");
        }
        assert_eq!(r.plan().id.as_deref(), Some("zn-icu"));
    }

    /// A roster warning quotes an event's title, which may hold the person's name: redacted,
    /// every output that shows the warning gets the pseudonym instead.
    #[test]
    fn roster_warnings_lose_the_name() {
        let checked = crate::check(TOML.as_bytes(), Format::Toml, None);
        let plan = checked.plan.unwrap().with_roster(crate::roster::Roster {
            warnings: vec![crate::roster::ShiftWarning {
                code: crate::codes::ROSTER_RECURRENCE_CUT,
                text: "a recurring event (\"Zoë Nguyễn nights\") is read only in part".into(),
                hint: None,
            }],
            ..Default::default()
        });
        let as_of = jiff::civil::date(2026, 11, 22);
        let shown = |p: &CheckedPlan| {
            serde_json::to_string(&crate::resolve(p, as_of, None).schedule.shift_warnings).unwrap()
        };
        assert!(shown(&plan).contains("Zoë Nguyễn nights"));
        let redacted = shown(&redact(&plan, "ZN"));
        assert!(
            redacted.contains("(\\\"ZN nights\\\")") && !redacted.contains("Zoë"),
            "{redacted}"
        );
    }
}
