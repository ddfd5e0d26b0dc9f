//! Shifts the person works, as the scheduler receives them.
//!
//! A plan says where its shifts come from (`capacity.rotation`, a repeating pattern in the plan
//! itself, or `capacity.roster.file`, the iCalendar file a hospital's scheduling system exports).
//! The core never reads a file: the CLI reads the roster file, a reader turns it into a
//! [`Roster`] (shifts in the plan's local time), and the checked plan is given it before it is
//! resolved. See `docs/roster.md` for the meaning of a day's capacity around shifts.

use jiff::civil::{Date, DateTime};

/// One worked shift, in local (civil) time, as a person reads it on the roster.
#[derive(Debug, Clone, PartialEq)]
pub struct Shift {
    /// When it starts.
    pub start: DateTime,
    /// When it ends (after `start`). A shift that ends at midnight does not touch the next day;
    /// one that ends after midnight is a night shift, and the day it ends is a night's end.
    pub end: DateTime,
    /// The hours worked: the real elapsed time, which differs from `end - start` on the night a
    /// clock change falls in.
    pub hours: f64,
    /// What the roster calls it (the event's SUMMARY, or the rotation's shift code).
    pub label: String,
}

/// A warning about the plan's shifts (W021, W022) or its roster file (W030-W032), as every
/// output shows it: `check` gives the same finding located in the plan or the roster file;
/// `show`, `export`, the JSON document and the PDF give its code, text and hint.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ShiftWarning {
    pub code: &'static str,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl ShiftWarning {
    /// The warning of a finding, without its place.
    pub fn of(d: &crate::diag::Diagnostic) -> ShiftWarning {
        ShiftWarning {
            code: d.code,
            text: d.message.clone(),
            hint: d.hint.clone(),
        }
    }
}

/// The shifts of a roster file, sorted by start, and the days the file covers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Roster {
    pub shifts: Vec<Shift>,
    /// The first and last day the roster speaks for (its first shift's day to its last shift's
    /// end day); `None` when it has no shifts. After `covers.1`, days fall back to the rotation
    /// when the plan has one, else "no shifts known" (a warning says from when).
    pub covers: Option<(Date, Date)>,
    /// What the reader warned about (W030-W032), for the outputs; `check` shows the same
    /// findings located in the roster file.
    pub warnings: Vec<ShiftWarning>,
}
