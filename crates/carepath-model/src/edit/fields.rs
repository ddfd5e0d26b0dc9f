//! Changing any field of a plan's text (what `carepath serve`'s forms do): set a value at a path
//! such as `milestones[3].due`, remove a key, add an item to a list, delete one.
//!
//! TOML goes through `toml_edit`, a well-kept format-preserving editor, so every comment and
//! every byte of the parts not changed stay as they were; a replaced value keeps the spaces and
//! the comment around it. JSON goes through `serde_json` with its key order kept, written back
//! with the file's own indentation, line ending and final line break (the spec asks JSON to keep
//! its key order and indentation, not its every byte).
//!
//! Whether the result is a valid plan is not decided here: the caller checks the new text with
//! [`crate::check`], as `carepath check` would, and keeps the old file when it fails.

use jiff::civil::Date;
use toml_edit::{DocumentMut, InlineTable, Item, Table};

use crate::Format;

/// A value a form gives.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    Date(Date),
    Bool(bool),
    /// A list of text (`values`, `after`).
    List(Vec<String>),
}

/// One change to a plan's text.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Sets the value at a path, adding the key (and the tables on the way) when it is missing.
    /// Inside a list item that is plain text (a credential written `"bsn"`), setting a key makes
    /// the item a table: `{ id = "bsn", earned = … }`.
    Set(String, Value),
    /// Removes the key at a path; nothing happens when it is not there.
    Remove(String),
    /// Appends a table with these fields to the list at a path (made when missing).
    Push(String, Vec<(String, Value)>),
    /// Deletes item `index` of the list at a path.
    Delete(String, usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Key(String),
    Index(usize),
}

/// `milestones[3].measure.target` as its steps.
fn parse_path(path: &str) -> Result<Vec<Seg>, String> {
    let mut segs = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if key.is_empty() && segs.is_empty() && !path.is_empty() {
            return Err(format!("`{path}` is not a field of a plan"));
        }
        if !key.is_empty() {
            segs.push(Seg::Key(key.to_string()));
        }
        while let Some(r) = rest.strip_prefix('[') {
            let end = r
                .find(']')
                .ok_or_else(|| format!("`{path}` is not a field of a plan"))?;
            let i = r[..end]
                .parse()
                .map_err(|_| format!("`{path}` is not a field of a plan"))?;
            segs.push(Seg::Index(i));
            rest = &r[end + 1..];
        }
        if !rest.is_empty() {
            return Err(format!("`{path}` is not a field of a plan"));
        }
    }
    Ok(segs)
}

/// Returns the text with the changes made, in order. A path that leads through something that
/// is not a table or a list (or to an item that is not there) is refused with a message, and
/// nothing is changed.
pub fn apply(text: &str, format: Format, changes: &[Change]) -> Result<String, String> {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let edited = match format {
        Format::Toml => apply_toml(body, changes)?,
        Format::Json => apply_json(body, changes)?,
    };
    Ok(format!("{bom}{edited}"))
}

// ---------------------------------------------------------------------------------------------
// TOML

fn toml_value(v: &Value) -> toml_edit::Value {
    match v {
        Value::Str(s) => s.as_str().into(),
        Value::Int(i) => (*i).into(),
        Value::Float(f) => (*f).into(),
        Value::Bool(b) => (*b).into(),
        Value::Date(d) => toml_edit::Datetime {
            date: Some(toml_edit::Date {
                year: d.year() as u16,
                month: d.month() as u8,
                day: d.day() as u8,
            }),
            time: None,
            offset: None,
        }
        .into(),
        Value::List(items) => {
            let mut a = toml_edit::Array::new();
            for i in items {
                a.push(i.as_str());
            }
            a.into()
        }
    }
}

/// A place in a TOML document one can step into.
enum Place<'a> {
    Table(&'a mut Table),
    Inline(&'a mut InlineTable),
    Tables(&'a mut toml_edit::ArrayOfTables),
    Array(&'a mut toml_edit::Array),
    /// A list item that is plain text (a credential's id).
    Text(&'a mut toml_edit::Value),
}

fn place_of_item(item: &mut Item) -> Option<Place<'_>> {
    match item {
        Item::Table(t) => Some(Place::Table(t)),
        Item::ArrayOfTables(a) => Some(Place::Tables(a)),
        Item::Value(v) => place_of_value(v, false),
        Item::None => None,
    }
}

/// `in_list`: the value is an item of a list, where plain text may stand for a table.
fn place_of_value(v: &mut toml_edit::Value, in_list: bool) -> Option<Place<'_>> {
    match v {
        toml_edit::Value::InlineTable(t) => Some(Place::Inline(t)),
        toml_edit::Value::Array(a) => Some(Place::Array(a)),
        toml_edit::Value::String(_) if in_list => Some(Place::Text(v)),
        _ => None,
    }
}

fn not_a_place(path: &str) -> String {
    format!("`{path}` cannot be changed: the plan holds something else there")
}

/// Steps from `place` into `seg`; a missing key is made when `make` says what it should hold
/// (`Some(true)`: a list of tables, `Some(false)`: a table), at the top level as a `[table]`,
/// deeper as an inline table.
fn step<'a>(
    place: Place<'a>,
    seg: &Seg,
    make: Option<bool>,
    top: bool,
    path: &str,
) -> Result<Place<'a>, String> {
    match (place, seg) {
        (Place::Table(t), Seg::Key(k)) => {
            if !t.contains_key(k) {
                match make {
                    Some(true) => {
                        t.insert(k, Item::ArrayOfTables(toml_edit::ArrayOfTables::new()));
                    }
                    Some(false) if top => {
                        t.insert(k, Item::Table(Table::new()));
                    }
                    Some(false) => {
                        t.insert(k, Item::Value(InlineTable::new().into()));
                    }
                    None => return Err(not_a_place(path)),
                }
            }
            t.get_mut(k)
                .and_then(place_of_item)
                .ok_or_else(|| not_a_place(path))
        }
        (Place::Inline(t), Seg::Key(k)) => {
            if !t.contains_key(k) {
                match make {
                    Some(true) => {
                        t.insert(k, toml_edit::Array::new().into());
                    }
                    Some(false) => {
                        t.insert(k, InlineTable::new().into());
                    }
                    None => return Err(not_a_place(path)),
                }
            }
            t.get_mut(k)
                .and_then(|v| place_of_value(v, false))
                .ok_or_else(|| not_a_place(path))
        }
        (Place::Tables(a), Seg::Index(i)) => a
            .get_mut(*i)
            .map(Place::Table)
            .ok_or_else(|| format!("`{path}` is not there: the list is shorter")),
        (Place::Array(a), Seg::Index(i)) => a
            .get_mut(*i)
            .and_then(|v| place_of_value(v, true))
            .ok_or_else(|| format!("`{path}` is not there: the list is shorter")),
        _ => Err(not_a_place(path)),
    }
}

/// Walks to the parent of the last step, making what is missing when `make` allows.
fn walk<'a>(
    doc: &'a mut DocumentMut,
    segs: &[Seg],
    path: &str,
    make: bool,
) -> Result<Place<'a>, String> {
    let mut place = Place::Table(doc.as_table_mut());
    for (n, seg) in segs.iter().enumerate() {
        let next_is_index = matches!(segs.get(n + 1), Some(Seg::Index(_)));
        let want = make.then_some(next_is_index);
        place = step(place, seg, want, n == 0, path)?;
    }
    Ok(place)
}

/// Replaces a value, keeping the spaces and comment around the old one.
fn replace_value(slot: &mut toml_edit::Value, new: toml_edit::Value) {
    let decor = slot.decor().clone();
    *slot = new;
    *slot.decor_mut() = decor;
}

fn set_in(place: Place<'_>, key: &str, v: &Value, path: &str) -> Result<(), String> {
    match place {
        Place::Table(t) => {
            match t.get_mut(key) {
                Some(Item::Value(slot)) => replace_value(slot, toml_value(v)),
                Some(_) => return Err(not_a_place(path)),
                None => {
                    t.insert(key, Item::Value(toml_value(v)));
                }
            }
            Ok(())
        }
        Place::Inline(t) => {
            match t.get_mut(key) {
                Some(slot) => replace_value(slot, toml_value(v)),
                None => {
                    t.insert(key, toml_value(v));
                }
            }
            Ok(())
        }
        Place::Text(slot) => {
            if key == "id" {
                replace_value(slot, toml_value(v));
                return Ok(());
            }
            let id = slot.as_str().unwrap_or_default().to_string();
            let mut t = InlineTable::new();
            t.insert("id", id.as_str().into());
            t.insert(key, toml_value(v));
            replace_value(slot, t.into());
            Ok(())
        }
        _ => Err(not_a_place(path)),
    }
}

fn remove_in(place: Place<'_>, key: &str) {
    match place {
        Place::Table(t) => {
            t.remove(key);
        }
        Place::Inline(t) => {
            t.remove(key);
        }
        _ => {}
    }
}

fn apply_toml(text: &str, changes: &[Change]) -> Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| format!("this is not valid TOML: {}", e.message()))?;
    let crlf = text.find('\n').is_some_and(|i| text[..i].ends_with('\r'));
    for change in changes {
        match change {
            Change::Set(path, v) => {
                let segs = parse_path(path)?;
                let Some((Seg::Key(last), parent)) = segs.split_last() else {
                    return Err(not_a_place(path));
                };
                let place = walk(&mut doc, parent, path, true)?;
                set_in(place, last, v, path)?;
            }
            Change::Remove(path) => {
                let segs = parse_path(path)?;
                let Some((Seg::Key(last), parent)) = segs.split_last() else {
                    return Err(not_a_place(path));
                };
                // A key whose table is not there is already gone.
                if let Ok(place) = walk(&mut doc, parent, path, false) {
                    remove_in(place, last);
                }
            }
            Change::Push(path, fields) => {
                let segs = parse_path(path)?;
                let Some((Seg::Key(last), parent)) = segs.split_last() else {
                    return Err(not_a_place(path));
                };
                let place = walk(&mut doc, parent, path, true)?;
                push_toml(place, last, fields, path)?;
            }
            Change::Delete(path, index) => {
                let segs = parse_path(path)?;
                let place = walk(&mut doc, &segs, path, false)?;
                match place {
                    Place::Tables(a) if *index < a.len() => {
                        a.remove(*index);
                    }
                    Place::Array(a) if *index < a.len() => {
                        a.remove(*index);
                    }
                    _ => return Err(format!("`{path}[{index}]` is not there")),
                }
            }
        }
    }
    let out = doc.to_string();
    Ok(if crlf { to_crlf(&out) } else { out })
}

/// Line breaks as CRLF, for a file written so (`toml_edit` writes new lines with LF).
fn to_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    let mut prev = '\0';
    for c in text.chars() {
        if c == '\n' && prev != '\r' {
            out.push('\r');
        }
        out.push(c);
        prev = c;
    }
    out
}

fn push_toml(
    place: Place<'_>,
    key: &str,
    fields: &[(String, Value)],
    path: &str,
) -> Result<(), String> {
    match place {
        Place::Table(t) => {
            if !t.contains_key(key) {
                t.insert(key, Item::ArrayOfTables(toml_edit::ArrayOfTables::new()));
            }
            match t.get_mut(key) {
                Some(Item::ArrayOfTables(a)) => {
                    let mut table = Table::new();
                    for (k, v) in fields {
                        table.insert(k, Item::Value(toml_value(v)));
                    }
                    // Placed right after the list's last table, not at the end of the file
                    // (where another list, like the progress log, may be).
                    let last = a.iter().filter_map(Table::position).max();
                    a.push(table);
                    if let (Some(pos), Some(new)) = (last, a.iter_mut().last()) {
                        new.set_position(Some(pos));
                    }
                    Ok(())
                }
                Some(Item::Value(toml_edit::Value::Array(a))) => {
                    push_inline(a, fields);
                    Ok(())
                }
                _ => Err(not_a_place(path)),
            }
        }
        Place::Inline(t) => {
            if !t.contains_key(key) {
                t.insert(key, toml_edit::Array::new().into());
            }
            match t.get_mut(key) {
                Some(toml_edit::Value::Array(a)) => {
                    push_inline(a, fields);
                    Ok(())
                }
                _ => Err(not_a_place(path)),
            }
        }
        _ => Err(not_a_place(path)),
    }
}

/// One more inline table in an inline list, laid out like the item before it.
fn push_inline(a: &mut toml_edit::Array, fields: &[(String, Value)]) {
    let mut t = InlineTable::new();
    for (k, v) in fields {
        t.insert(k, toml_value(v));
    }
    let mut v: toml_edit::Value = t.into();
    let prefix = a.iter().last().and_then(|last| {
        last.decor()
            .prefix()
            .and_then(|p| p.as_str())
            .map(str::to_string)
    });
    if let Some(p) = prefix {
        v.decor_mut().set_prefix(p);
    }
    a.push_formatted(v);
}

// ---------------------------------------------------------------------------------------------
// JSON

fn json_value(v: &Value) -> serde_json::Value {
    match v {
        Value::Str(s) => s.clone().into(),
        Value::Int(i) => (*i).into(),
        Value::Float(f) => serde_json::Number::from_f64(*f)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null),
        Value::Bool(b) => (*b).into(),
        Value::Date(d) => d.to_string().into(),
        Value::List(items) => items.clone().into(),
    }
}

fn json_step<'a>(
    v: &'a mut serde_json::Value,
    seg: &Seg,
    make: Option<bool>,
    in_list: bool,
    path: &str,
) -> Result<&'a mut serde_json::Value, String> {
    use serde_json::Value as J;
    if let (J::String(s), Seg::Key(_), true) = (&*v, seg, in_list) {
        // A credential written as its id alone becomes a table.
        let mut m = serde_json::Map::new();
        m.insert("id".into(), J::String(s.clone()));
        *v = J::Object(m);
    }
    match (v, seg) {
        (J::Object(m), Seg::Key(k)) => {
            if !m.contains_key(k) {
                match make {
                    Some(true) => {
                        m.insert(k.clone(), J::Array(Vec::new()));
                    }
                    Some(false) => {
                        m.insert(k.clone(), J::Object(serde_json::Map::new()));
                    }
                    None => return Err(not_a_place(path)),
                }
            }
            m.get_mut(k).ok_or_else(|| not_a_place(path))
        }
        (J::Array(a), Seg::Index(i)) => a
            .get_mut(*i)
            .ok_or_else(|| format!("`{path}` is not there: the list is shorter")),
        _ => Err(not_a_place(path)),
    }
}

fn json_walk<'a>(
    root: &'a mut serde_json::Value,
    segs: &[Seg],
    path: &str,
    make: bool,
) -> Result<&'a mut serde_json::Value, String> {
    let mut v = root;
    for (n, seg) in segs.iter().enumerate() {
        let next_is_index = matches!(segs.get(n + 1), Some(Seg::Index(_)));
        let in_list = n > 0 && matches!(segs[n - 1], Seg::Index(_));
        v = json_step(v, seg, make.then_some(next_is_index), in_list, path)?;
    }
    Ok(v)
}

fn apply_json(text: &str, changes: &[Change]) -> Result<String, String> {
    use serde_json::Value as J;
    let mut root: J =
        serde_json::from_str(text).map_err(|e| format!("this is not valid JSON: {e}"))?;
    for change in changes {
        match change {
            Change::Set(path, v) => {
                let segs = parse_path(path)?;
                let Some((Seg::Key(last), parent)) = segs.split_last() else {
                    return Err(not_a_place(path));
                };
                let in_list = matches!(parent.last(), Some(Seg::Index(_)));
                let mut place = json_walk(&mut root, parent, path, true)?;
                if let (J::String(s), true) = (&*place, in_list) {
                    if last == "id" {
                        *place = json_value(v);
                        continue;
                    }
                    let mut m = serde_json::Map::new();
                    m.insert("id".into(), J::String(s.clone()));
                    *place = J::Object(m);
                    place = json_walk(&mut root, parent, path, true)?;
                }
                match place {
                    J::Object(m) => {
                        m.insert(last.clone(), json_value(v));
                    }
                    _ => return Err(not_a_place(path)),
                }
            }
            Change::Remove(path) => {
                let segs = parse_path(path)?;
                let Some((Seg::Key(last), parent)) = segs.split_last() else {
                    return Err(not_a_place(path));
                };
                if let Ok(J::Object(m)) = json_walk(&mut root, parent, path, false) {
                    m.shift_remove(last);
                }
            }
            Change::Push(path, fields) => {
                let segs = parse_path(path)?;
                let Some((Seg::Key(last), parent)) = segs.split_last() else {
                    return Err(not_a_place(path));
                };
                let place = json_walk(&mut root, parent, path, true)?;
                let J::Object(m) = place else {
                    return Err(not_a_place(path));
                };
                let list = m
                    .entry(last.clone())
                    .or_insert_with(|| J::Array(Vec::new()));
                if list.is_null() {
                    *list = J::Array(Vec::new());
                }
                let J::Array(a) = list else {
                    return Err(not_a_place(path));
                };
                let mut item = serde_json::Map::new();
                for (k, v) in fields {
                    item.insert(k.clone(), json_value(v));
                }
                a.push(J::Object(item));
            }
            Change::Delete(path, index) => {
                let segs = parse_path(path)?;
                match json_walk(&mut root, &segs, path, false)? {
                    J::Array(a) if *index < a.len() => {
                        a.remove(*index);
                    }
                    _ => return Err(format!("`{path}[{index}]` is not there")),
                }
            }
        }
    }
    Ok(write_json(text, &root))
}

/// The value written as the file was: its indentation (the first indented line's), its line
/// ending and its final line break; a file written on one line stays on one line.
fn write_json(original: &str, root: &serde_json::Value) -> String {
    use serde::Serialize;
    let crlf = original
        .find('\n')
        .is_some_and(|i| original[..i].ends_with('\r'));
    let indent: String = original
        .lines()
        .skip(1)
        .find(|l| l.starts_with([' ', '\t']))
        .map(|l| l.chars().take_while(|c| *c == ' ' || *c == '\t').collect())
        .unwrap_or_else(|| "  ".into());
    let mut out = Vec::new();
    if original.trim_end().contains('\n') {
        let fmt = serde_json::ser::PrettyFormatter::with_indent(indent.as_bytes());
        let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
        // A `Value` always serializes.
        let _ = root.serialize(&mut ser);
    } else {
        let _ = serde_json::to_writer(&mut out, root);
    }
    let mut text = String::from_utf8(out).unwrap_or_default();
    if original.ends_with('\n') {
        text.push('\n');
    }
    if crlf { to_crlf(&text) } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "# my plan\nformat = 1\ntitle = \"T\"   # the title\nstart = 2026-01-05\n\n[person]\nname = \"Ann\"\ncredentials = [\"bsn\", { id = \"bls\", earned = 2025-03-14 }]\n\n[capacity]\nhours_per_week = 6\n\n# the first one\n[[milestones]]\nid = \"a\"\ntitle = \"A\"\neffort_hours = 4   # four\n\n[[milestones]]\nid = \"b\"\ntitle = \"B\"\nafter = [\"a\"]\n\n# the log\n[[progress]]\ndate = 2026-02-01\nmilestone = \"a\"\namount = 1\n";

    #[test]
    fn a_changed_value_keeps_its_comment_and_every_other_byte() {
        let out = apply(
            PLAN,
            Format::Toml,
            &[Change::Set(
                "milestones[0].effort_hours".into(),
                Value::Int(9),
            )],
        )
        .expect("applies");
        assert_eq!(
            out,
            PLAN.replace("effort_hours = 4   # four", "effort_hours = 9   # four")
        );
    }

    #[test]
    fn a_new_milestone_goes_after_the_last_milestone_not_after_the_log() {
        let out = apply(
            PLAN,
            Format::Toml,
            &[Change::Push(
                "milestones".into(),
                vec![
                    ("id".into(), Value::Str("c".into())),
                    ("due".into(), Value::Date(jiff::civil::date(2027, 1, 2))),
                ],
            )],
        )
        .expect("applies");
        let new = "\n[[milestones]]\nid = \"c\"\ndue = 2027-01-02\n";
        let at = PLAN.find("\n# the log").expect("the log");
        let want = format!("{}{new}{}", &PLAN[..at], &PLAN[at..]);
        assert_eq!(out, want);
    }

    #[test]
    fn deleting_a_milestone_removes_its_block_only() {
        let out = apply(
            PLAN,
            Format::Toml,
            &[Change::Delete("milestones".into(), 1)],
        )
        .expect("applies");
        let from = PLAN.find("[[milestones]]\nid = \"b\"").expect("b");
        let to = PLAN.find("# the log").expect("log");
        assert_eq!(out, format!("{}{}", &PLAN[..from], &PLAN[to..]));
    }

    #[test]
    fn a_plain_credential_becomes_a_table_when_it_gets_a_date() {
        let out = apply(
            PLAN,
            Format::Toml,
            &[Change::Set(
                "person.credentials[0].earned".into(),
                Value::Date(jiff::civil::date(2020, 5, 1)),
            )],
        )
        .expect("applies");
        assert!(
            out.contains("credentials = [{ id = \"bsn\", earned = 2020-05-01 }, { id = \"bls\""),
            "{out}"
        );
    }

    #[test]
    fn missing_tables_are_made_and_keys_removed() {
        let out = apply(
            PLAN,
            Format::Toml,
            &[
                Change::Set("target.role".into(), Value::Str("acute-care-np".into())),
                Change::Set("milestones[1].measure.target".into(), Value::Int(3)),
                Change::Remove("milestones[1].after".into()),
            ],
        )
        .expect("applies");
        assert!(
            out.contains("[target]\nrole = \"acute-care-np\"\n"),
            "{out}"
        );
        assert!(
            out.contains("title = \"B\"\nmeasure = { target = 3 }\n"),
            "{out}"
        );
        assert!(!out.contains("after"), "{out}");
        assert!(out.starts_with("# my plan\nformat = 1\ntitle = \"T\"   # the title\n"));
    }

    #[test]
    fn json_keeps_its_key_order_and_indentation() {
        let json = "{\n    \"title\": \"T\",\n    \"format\": 1,\n    \"milestones\": [\n        {\n            \"id\": \"a\",\n            \"title\": \"A\"\n        }\n    ]\n}\n";
        let out = apply(
            json,
            Format::Json,
            &[
                Change::Set(
                    "milestones[0].due".into(),
                    Value::Date(jiff::civil::date(2027, 1, 2)),
                ),
                Change::Set("title".into(), Value::Str("U".into())),
            ],
        )
        .expect("applies");
        assert_eq!(
            out,
            "{\n    \"title\": \"U\",\n    \"format\": 1,\n    \"milestones\": [\n        {\n            \"id\": \"a\",\n            \"title\": \"A\",\n            \"due\": \"2027-01-02\"\n        }\n    ]\n}\n"
        );
    }

    #[test]
    fn a_path_through_a_value_is_refused() {
        let err = apply(
            PLAN,
            Format::Toml,
            &[Change::Set("title.x".into(), Value::Int(1))],
        )
        .expect_err("refused");
        assert!(err.contains("`title.x`"), "{err}");
        assert!(
            apply(
                PLAN,
                Format::Toml,
                &[Change::Delete("milestones".into(), 5)]
            )
            .is_err()
        );
    }
}
