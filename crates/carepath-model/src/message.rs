//! What the engine tells people (SMART reasons, why a milestone is late), kept as structure until
//! an output renders it: plain words, references to milestones and catalog entries, words of the
//! plan format, and values (dates, counts, numbers).
//!
//! Each output renders a [`Message`] its own way:
//! - [`Message::terminal`]: the text the terminal, `carepath check` and the JSON document show.
//!   A milestone is named by its id (in backticks where the sentence quotes it), a word of the
//!   plan format is in backticks: "`icu-transfer` would finish after its own due date".
//! - [`Message::document`]: the text of a printed or shared document (the PDF, the calendar).
//!   A milestone is named by its title, in curly quotes; no ids and no backticks:
//!   "“Transfer to the ICU” would finish after its own due date".
//!
//! A message serialises as its terminal text, so the JSON document reads as it always has.

use std::fmt::{self, Write as _};

use jiff::civil::Date;
use serde::{Serialize, Serializer};

use crate::numbers::{Th, exact};
use crate::words::{humanize, plural};

/// A sentence (or a few) for people, as a sequence of [`Part`]s.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Message {
    parts: Vec<Part>,
}

/// One piece of a [`Message`].
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// Words as written, the same in every rendering.
    Text(String),
    /// A milestone of the plan. Terminal: its id, in backticks when `ticked`; document: its
    /// title in curly quotes (its id as words when the title is blank).
    Milestone {
        id: String,
        title: String,
        ticked: bool,
    },
    /// A catalog credential or role. Terminal: its display name, else its id; document: its
    /// display name, else its id as words ([`humanize`]).
    Named { id: String, name: Option<String> },
    /// Words of the plan format (a field, a line to add). Terminal: in backticks; document: in
    /// curly quotes.
    Code(String),
    /// Words quoted from the plan (the words of a title). Terminal: as written; document: in
    /// curly quotes.
    Quoted(String),
    /// A day, YYYY-MM-DD.
    Date(Date),
    /// A number of days: "1 day", "41 days" (digits not grouped).
    Days(i64),
    /// A count and its noun, thousands grouped ([`plural`]): "3 milestones".
    Count {
        n: i64,
        one: &'static str,
        many: &'static str,
    },
    /// A number exactly as given ([`exact`]): a target, hours a week.
    Exact(f64),
    /// A number rounded to cents with thousands grouped ([`Th`]): "1,750".
    Grouped(f64),
    /// The step from one milestone to the next in a chain. Terminal: " -> "; document: " → ".
    Then,
}

/// Which rendering of a [`Message`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Today's terminal text: ids, backticks (the CLI, `check`, the JSON document).
    Terminal,
    /// For a document a person reads away from the plan file: titles, curly quotes, no ids.
    Document,
}

impl Message {
    pub fn new() -> Self {
        Message::default()
    }

    /// A message of plain words.
    pub fn plain(text: impl Into<String>) -> Self {
        let text = text.into();
        let parts = if text.is_empty() {
            Vec::new()
        } else {
            vec![Part::Text(text)]
        };
        Message { parts }
    }

    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Appends a part; plain words join the words before them.
    pub fn push(&mut self, part: Part) {
        match part {
            Part::Text(t) => self.push_str(&t),
            p => self.parts.push(p),
        }
    }

    /// Appends plain words.
    pub fn push_str(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.parts.last_mut() {
            Some(Part::Text(t)) => t.push_str(text),
            _ => self.parts.push(Part::Text(text.to_string())),
        }
    }

    // Builders, for writing a message as one expression.

    pub fn text(mut self, text: &str) -> Self {
        self.push_str(text);
        self
    }

    /// A milestone named in backticks on the terminal (`ccrn-exam`).
    pub fn milestone(mut self, id: &str, title: &str) -> Self {
        self.push(Part::Milestone {
            id: id.to_string(),
            title: title.to_string(),
            ticked: true,
        });
        self
    }

    /// A milestone named by its bare id on the terminal (ccrn-exam).
    pub fn milestone_bare(mut self, id: &str, title: &str) -> Self {
        self.push(Part::Milestone {
            id: id.to_string(),
            title: title.to_string(),
            ticked: false,
        });
        self
    }

    /// The step to the next milestone of a chain.
    pub fn then(mut self) -> Self {
        self.push(Part::Then);
        self
    }

    pub fn named(mut self, id: &str, name: Option<&str>) -> Self {
        self.push(Part::Named {
            id: id.to_string(),
            name: name.map(str::to_string),
        });
        self
    }

    pub fn code(mut self, words: &str) -> Self {
        self.push(Part::Code(words.to_string()));
        self
    }

    pub fn quoted(mut self, words: &str) -> Self {
        self.push(Part::Quoted(words.to_string()));
        self
    }

    pub fn date(mut self, d: Date) -> Self {
        self.push(Part::Date(d));
        self
    }

    pub fn days(mut self, n: i64) -> Self {
        self.push(Part::Days(n));
        self
    }

    pub fn count(mut self, n: i64, one: &'static str, many: &'static str) -> Self {
        self.push(Part::Count { n, one, many });
        self
    }

    pub fn exact(mut self, x: f64) -> Self {
        self.push(Part::Exact(x));
        self
    }

    pub fn grouped(mut self, x: f64) -> Self {
        self.push(Part::Grouped(x));
        self
    }

    /// Each item, joined by `", "`.
    pub fn list<T>(mut self, items: impl IntoIterator<Item = T>, part: impl Fn(T) -> Part) -> Self {
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.push_str(", ");
            }
            self.push(part(item));
        }
        self
    }

    /// The terminal rendering: ids and backticks, exactly as the JSON document has it.
    pub fn terminal(&self) -> String {
        self.render(Form::Terminal)
    }

    /// The document rendering: milestones by title in curly quotes, no ids, no backticks.
    pub fn document(&self) -> String {
        self.render(Form::Document)
    }

    pub fn render(&self, form: Form) -> String {
        let mut out = String::new();
        self.write_to(form, &mut out);
        out
    }

    /// Writes the rendering onto the end of `out`.
    pub fn write_to(&self, form: Form, out: &mut String) {
        for p in &self.parts {
            p.write_to(form, out);
        }
    }
}

/// `write!(message, …)` appends plain words.
impl fmt::Write for Message {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Self {
        Message::plain(text)
    }
}

impl From<String> for Message {
    fn from(text: String) -> Self {
        Message::plain(text)
    }
}

/// The terminal text, as a JSON string.
impl Serialize for Message {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.terminal())
    }
}

fn curly(out: &mut String, words: &str) {
    out.push('“');
    out.push_str(words);
    out.push('”');
}

impl Part {
    fn write_to(&self, form: Form, out: &mut String) {
        let doc = form == Form::Document;
        match self {
            Part::Text(t) => out.push_str(t),
            Part::Milestone { id, title, .. } if doc => match title.trim() {
                "" => out.push_str(&humanize(id)),
                t => curly(out, t),
            },
            Part::Milestone { id, ticked, .. } => {
                if *ticked {
                    out.push('`');
                    out.push_str(id);
                    out.push('`');
                } else {
                    out.push_str(id);
                }
            }
            Part::Named { name: Some(n), .. } => out.push_str(n),
            Part::Named { id, name: None } if doc => out.push_str(&humanize(id)),
            Part::Named { id, name: None } => out.push_str(id),
            Part::Code(w) if doc => curly(out, w),
            Part::Code(w) => {
                out.push('`');
                out.push_str(w);
                out.push('`');
            }
            Part::Quoted(w) if doc => curly(out, w),
            Part::Quoted(w) => out.push_str(w),
            Part::Date(d) => {
                let _ = write!(out, "{d}");
            }
            Part::Days(1) => out.push_str("1 day"),
            Part::Days(n) => {
                let _ = write!(out, "{n} days");
            }
            Part::Count { n, one, many } => out.push_str(&plural(*n, one, many)),
            Part::Exact(x) => out.push_str(&exact(*x)),
            Part::Grouped(x) => {
                let _ = write!(out, "{}", Th(*x));
            }
            Part::Then if doc => out.push_str(" → "),
            Part::Then => out.push_str(" -> "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn late() -> Message {
        Message::new()
            .milestone("ccrn-exam", "Pass the CCRN exam")
            .text(" would finish after its own due date; add ")
            .code("values")
    }

    #[test]
    fn the_terminal_names_ids_in_backticks_and_the_document_names_titles() {
        assert_eq!(
            late().terminal(),
            "`ccrn-exam` would finish after its own due date; add `values`"
        );
        assert_eq!(
            late().document(),
            "“Pass the CCRN exam” would finish after its own due date; add “values”"
        );
    }

    #[test]
    fn a_bare_milestone_has_no_backticks_on_the_terminal() {
        let m = Message::new()
            .milestone_bare("bsn", "RN to BSN")
            .then()
            .milestone_bare("icu-hours", " ");
        assert_eq!(m.terminal(), "bsn -> icu-hours");
        assert_eq!(m.document(), "“RN to BSN” → ICU hours");
    }

    #[test]
    fn catalog_names_and_quoted_words() {
        let m = Message::new()
            .named("ccrn", Some("CCRN (adult)"))
            .text(" for ")
            .named("acute-care-np", None)
            .text(" (")
            .list(["improve", "skills"], |w| Part::Quoted(w.to_string()))
            .text(")");
        assert_eq!(
            m.terminal(),
            "CCRN (adult) for acute-care-np (improve, skills)"
        );
        assert_eq!(
            m.document(),
            "CCRN (adult) for Acute care NP (“improve”, “skills”)"
        );
    }

    #[test]
    fn values_read_the_same_in_both_forms() {
        let m = Message::new()
            .date(date(2027, 9, 30))
            .text(", ")
            .days(1)
            .text(", ")
            .days(41)
            .text(", ")
            .count(1, "milestone", "milestones")
            .text(", ")
            .count(1750, "hour", "hours")
            .text(", ")
            .exact(6.5)
            .text(", ")
            .grouped(1750.0)
            .text(", ")
            .date(date(-5, 1, 2));
        let want =
            "2027-09-30, 1 day, 41 days, 1 milestone, 1,750 hours, 6.5, 1,750, -000005-01-02";
        assert_eq!(m.terminal(), want);
        assert_eq!(m.document(), want);
    }

    #[test]
    fn plain_words_join_and_serialise_as_the_terminal_text() {
        let mut m = Message::plain("a");
        m.push_str("b");
        let _ = write!(m, "{}", 3);
        m.push(Part::Text("d".into()));
        assert_eq!(m.parts(), [Part::Text("ab3d".into())]);
        assert!(Message::plain("").is_empty());
        assert_eq!(
            serde_json::to_string(&late()).unwrap(),
            "\"`ccrn-exam` would finish after its own due date; add `values`\""
        );
    }
}
