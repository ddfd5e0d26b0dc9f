//! `carepath log`'s edit (`edit::append_progress`): the exact bytes it writes for the layouts the
//! `edit_log` fuzz target found it getting wrong (their inputs are in fuzz/seeds/edit_log/ under
//! the same names), and that it accepts every plan `check` accepts.

use carepath_model::edit::{NewEntry, append_progress};
use carepath_model::{Format, check};
use jiff::civil::date;

/// The entry the fuzz target adds when its input is a plain plan file.
fn entry() -> NewEntry {
    NewEntry {
        date: date(2026, 6, 30),
        milestone: "a".into(),
        amount: 0.25,
        note: None,
        with: Vec::new(),
    }
}

/// The output checks as a plan whose log is the original's plus the entry, last.
fn assert_reads_back(before: &str, after: &str, format: Format) {
    let count = |text: &str| {
        let c = check(text.as_bytes(), format, None);
        let plan = c
            .plan
            .unwrap_or_else(|| panic!("{text:?} does not check: {:#?}", c.diagnostics));
        let p = plan.plan();
        let last = p
            .progress
            .last()
            .map(|e| (e.date, e.milestone.clone(), e.amount));
        (p.progress.len(), last)
    };
    let (n, _) = count(before);
    let (m, last) = count(after);
    assert_eq!(m, n + 1, "one entry more: {after:?}");
    assert_eq!(last, Some((date(2026, 6, 30), "a".to_string(), 0.25)));
}

const TOML_TAIL: &str =
    "[person]\nname = \"A\"\n[[milestones]]\nid = \"a\"\ntitle = \"A\"\nkind = \"other\"\n";
const TOML_HEAD: &str = "format = 1\ntitle = \"T\"\nstart = 2026-01-05\n";

/// fuzz/seeds/edit_log/inline-progress-comment-comma.toml: the comma in the comment after the
/// last entry of an inline list was taken for a trailing comma, so the new entry went into the
/// comment and was lost.
#[test]
fn inline_progress_comment_comma() {
    let text = format!(
        "{TOML_HEAD}progress = [{{ date = 2026-05-31, milestone = \"a\", amount = 1 }} # a, b\n]\n{TOML_TAIL}"
    );
    let out = append_progress(&text, Format::Toml, &entry()).unwrap();
    assert_eq!(
        out,
        format!(
            "{TOML_HEAD}progress = [{{ date = 2026-05-31, milestone = \"a\", amount = 1 }}, \
             {{ date = 2026-06-30, milestone = \"a\", amount = 0.25 }} # a, b\n]\n{TOML_TAIL}"
        )
    );
    assert_reads_back(&text, &out, Format::Toml);
}

/// The same scan with a real trailing comma after a comment that holds a comma and a bracket,
/// and with a comment on the line of the trailing comma.
#[test]
fn inline_progress_comment_comma_before_a_real_one() {
    let text = format!(
        "{TOML_HEAD}progress = [\n  {{ date = 2026-05-31, milestone = \"a\", amount = 1, note = \"x, # ]\" }} # one, [two]\n  , # three, ]\n]\n{TOML_TAIL}"
    );
    let out = append_progress(&text, Format::Toml, &entry()).unwrap();
    assert_eq!(
        out,
        format!(
            "{TOML_HEAD}progress = [\n  {{ date = 2026-05-31, milestone = \"a\", amount = 1, note = \"x, # ]\" }} # one, [two]\n  , \
             {{ date = 2026-06-30, milestone = \"a\", amount = 0.25 }}, # three, ]\n]\n{TOML_TAIL}"
        )
    );
    assert_reads_back(&text, &out, Format::Toml);

    // An empty inline list whose comment holds a closing bracket.
    let text = format!("{TOML_HEAD}progress = [ # none yet ]\n]\n{TOML_TAIL}");
    let out = append_progress(&text, Format::Toml, &entry()).unwrap();
    assert_eq!(
        out,
        format!(
            "{TOML_HEAD}progress = [ # none yet ]\n{{ date = 2026-06-30, milestone = \"a\", amount = 0.25 }}]\n{TOML_TAIL}"
        )
    );
    assert_reads_back(&text, &out, Format::Toml);
}

const JSON_HEAD: &str = "{\"format\": 1, \"title\": \"T\", \"start\": \"2026-01-05\", \"person\": {\"name\": \"A\"}, \"milestones\": [{\"id\": \"a\", \"title\": \"A\", \"kind\": \"other\"}], ";
const JSON_ENTRY: &str =
    "{\n    \"date\": \"2026-06-30\",\n    \"milestone\": \"a\",\n    \"amount\": 0.25\n  }";

/// fuzz/seeds/edit_log/json-empty-progress-with-space.json: `"progress": [ ]` lost its space.
#[test]
fn json_empty_progress_with_space() {
    let text = format!("{JSON_HEAD}\"progress\": [ ]}}");
    let out = append_progress(&text, Format::Json, &entry()).unwrap();
    assert_eq!(
        out,
        format!("{JSON_HEAD}\"progress\": [ \n  {JSON_ENTRY}\n]}}")
    );
    assert_reads_back(&text, &out, Format::Json);

    // An empty list over two lines keeps both, and the entry goes on a line between them.
    let text = "{\n  \"format\": 1,\n  \"title\": \"T\",\n  \"start\": \"2026-01-05\",\n  \"person\": {\"name\": \"A\"},\n  \"milestones\": [{\"id\": \"a\", \"title\": \"A\", \"kind\": \"other\"}],\n  \"progress\": [\n  ]\n}\n";
    let out = append_progress(text, Format::Json, &entry()).unwrap();
    assert_eq!(
        out,
        text.replace(
            "\"progress\": [\n  ]",
            "\"progress\": [\n    {\n      \"date\": \"2026-06-30\",\n      \"milestone\": \"a\",\n      \"amount\": 0.25\n    }\n  ]"
        )
    );
    assert_reads_back(text, &out, Format::Json);
}

/// A JSON plan with a byte-order mark: `check` accepted it, `log` said "this is not valid JSON".
/// The mark is kept, and so is every other byte.
#[test]
fn json_bom_log() {
    let plain = format!("{JSON_HEAD}\"progress\": []}}");
    let text = format!("\u{feff}{plain}");
    assert!(check(text.as_bytes(), Format::Json, None).plan.is_some());
    let out = append_progress(&text, Format::Json, &entry()).unwrap();
    assert_eq!(
        out,
        format!("\u{feff}{JSON_HEAD}\"progress\": [\n  {JSON_ENTRY}\n]}}")
    );
    assert_reads_back(&text, &out, Format::Json);

    // TOML with a mark, too.
    let text = format!("\u{feff}{TOML_HEAD}{TOML_TAIL}");
    let out = append_progress(&text, Format::Toml, &entry()).unwrap();
    assert_eq!(
        out,
        format!("{text}\n[[progress]]\ndate = 2026-06-30\nmilestone = \"a\"\namount = 0.25\n")
    );
    assert_reads_back(&text, &out, Format::Toml);
}

/// `"progress": null` counts as left out (docs/plan-format.md), so `check` accepted it; `log`
/// said "`progress` is not a list". The `null` becomes the list; every other byte stays.
#[test]
fn json_null_progress_log() {
    let text = format!("{JSON_HEAD}\"progress\": null}}");
    let out = append_progress(&text, Format::Json, &entry()).unwrap();
    assert_eq!(
        out,
        format!("{JSON_HEAD}\"progress\": [\n  {JSON_ENTRY}\n]}}")
    );
    assert_reads_back(&text, &out, Format::Json);

    // Indented, with CRLF line ends and a byte-order mark.
    let text = "\u{feff}{\r\n  \"format\": 1,\r\n  \"title\": \"T\",\r\n  \"start\": \"2026-01-05\",\r\n  \"person\": {\"name\": \"A\"},\r\n  \"milestones\": [{\"id\": \"a\", \"title\": \"A\", \"kind\": \"other\"}],\r\n  \"progress\": null\r\n}\r\n";
    let out = append_progress(text, Format::Json, &entry()).unwrap();
    assert_eq!(
        out,
        text.replace(
            "\"progress\": null",
            "\"progress\": [\r\n    {\r\n      \"date\": \"2026-06-30\",\r\n      \"milestone\": \"a\",\r\n      \"amount\": 0.25\r\n    }\r\n  ]"
        )
    );
    assert_reads_back(text, &out, Format::Json);
}
