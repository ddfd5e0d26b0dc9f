//! Every diagnostic code carepath emits, with a one-line summary: the one table that the emit
//! sites, `docs/plan-format.md` ("Errors and warnings") and `fixtures/bad/README.md` agree with (a
//! test checks the two documents against [`TABLE`]).
//!
//! The codes are part of the contract: E001–E041 and E050–E056 (the network, docs/network.md) are errors in a plan (E038 unused: a
//! roster file that is not iCalendar is R001), W001–W022 warnings about
//! it, C001–C002 errors in a user catalog, R001–R003 errors in a roster file
//! (`capacity.roster.file`; its warnings are W030–W032), K001 an error in a cohort roster
//! (`carepath cohort`, docs/cohort.md; its warning is W033). A code is never reused for a different
//! finding.

use crate::diag::Severity;

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    pub code: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

macro_rules! codes {
    ($($name:ident = $code:literal, $sev:ident, $summary:literal;)*) => {
        $(
            #[doc = concat!("`", $code, "`: ", $summary)]
            pub const $name: &str = $code;
        )*
        /// Every code, in order, with its severity and summary.
        pub const TABLE: &[Code] = &[
            $(Code { code: $name, severity: Severity::$sev, summary: $summary },)*
        ];
    };
}

codes! {
    NOT_UTF8 = "E001", Error, "the file is not UTF-8 text";
    EMPTY_FILE = "E002", Error, "the file is empty";
    SYNTAX = "E003", Error, "the TOML or JSON itself is broken";
    UNKNOWN_FIELD = "E004", Error, "a field the plan format does not have";
    WRONG_TYPE = "E005", Error, "a value of the wrong type";
    MISSING_FIELD = "E006", Error, "a required field is missing";
    BAD_DATE = "E007", Error, "a date that is not an existing day written as YYYY-MM-DD";
    UNSUPPORTED_FORMAT = "E008", Error, "a `format` other than 1";
    UNKNOWN_KIND = "E009", Error, "an unknown milestone kind or goal horizon";
    BAD_ID = "E010", Error, "an id with characters other than a-z, 0-9 and -";
    BAD_DURATION = "E011", Error, "a duration carepath cannot read";
    OUT_OF_RANGE = "E012", Error, "a number out of range";
    SKILL_LEVEL = "E013", Error, "a skill level outside 1 to 5";
    DUPLICATE_ID = "E020", Error, "two milestones or two goals with the same id";
    UNKNOWN_AFTER = "E021", Error, "`after` names a milestone that does not exist";
    UNKNOWN_GOAL = "E022", Error, "`goal` names a goal that does not exist";
    CYCLE = "E023", Error, "milestones that wait for each other in a circle";
    DONE_BEFORE_START = "E024", Error, "a `done` date before the plan's start";
    BREAK_REVERSED = "E025", Error, "a break that ends before it begins";
    UNKNOWN_PROGRESS_MILESTONE = "E026", Error, "a progress entry for a milestone that does not exist";
    NO_CAPACITY = "E027", Error, "milestones need effort but there are no hours a week";
    EXPIRES_BEFORE_EARNED = "E028", Error, "a credential that expires before it was earned";
    CE_HOURS = "E029", Error, "a CE activity with hours of 0 or less";
    CE_TOPIC_HOURS = "E030", Error, "a CE topic's hours, or the topics' sum, over the activity's hours";
    UNKNOWN_COUNTS_FOR = "E031", Error, "`counts_for` names a credential that is neither held nor earned by a milestone";
    BAD_JURISDICTION = "E032", Error, "a jurisdiction that is not an ISO 3166 code";
    UNKNOWN_CE_CATEGORY = "E033", Error, "a CE activity's category that the renewal rule of a credential it counts for does not list";
    ROTATION_UNKNOWN_SHIFT = "E034", Error, "a rotation day that is neither a shift of its `shifts` nor `-`";
    BAD_SHIFT_START = "E035", Error, "a rotation shift's `start` that is not a time written as HH:MM";
    SHIFT_HOURS = "E036", Error, "a rotation shift's `hours` of 0 or less, or over 24";
    ROSTER_UNREADABLE = "E037", Error, "the roster file is missing or cannot be read";
    WEEK_LIMIT_BELOW_HOURS = "E039", Error, "`max_week_hours` lower than `hours_per_week`";
    ROSTER_ACCRUAL_WITHOUT_SHIFTS = "E040", Error, "`per_week = \"roster\"` on a plan with no roster and no rotation";
    UNKNOWN_ALTERNATIVE = "E041", Error, "`target.alternatives` names a role the catalog does not have";
    BAD_EVERY = "E050", Error, "a milestone's `every` that is not a duration";
    EVERY_WITH_ONE_OFF = "E051", Error, "a recurring milestone (`every`) with `duration`, `measure` or `done`";
    UNTIL_BEFORE_FIRST = "E052", Error, "a recurring milestone's `until` before its first occurrence";
    UNKNOWN_PERSON = "E053", Error, "`with` names a person that `[[people]]` does not have";
    DUPLICATE_PERSON = "E054", Error, "two people of `[[people]]` with the same id";
    BAD_KEEP_IN_TOUCH = "E055", Error, "a person's `keep_in_touch` that is not a duration";
    UNKNOWN_RELATION = "E056", Error, "a person's `relation` that is not one of the list";
    ROLE_NOT_IN_CATALOG = "W001", Warning, "a role that is not in the catalog";
    GOAL_WITHOUT_MILESTONES = "W002", Warning, "a goal that no milestone serves";
    CREDENTIAL_NOT_IN_CATALOG = "W003", Warning, "a credential that is not in the catalog";
    VALUE_NOT_IN_PERSON = "W004", Warning, "a goal's value that is not in `person.values`";
    PROGRESS_BEFORE_START = "W005", Warning, "a progress entry dated before the plan's start";
    TARGET_NOT_AFTER_START = "W006", Warning, "`target.by` is not after `start`";
    LATE = "W010", Warning, "a milestone finishes after its due date, or a recurring one misses occurrences";
    NOT_SMART = "W011", Warning, "a goal fails a SMART criterion";
    TAKEN_AS_FINISHED = "W012", Warning, "a milestone is taken as finished because later work is logged, but it is not marked done";
    CANNOT_SCHEDULE = "W013", Warning, "a milestone cannot be scheduled within 150 years";
    EARNED_TWICE = "W014", Warning, "two milestones earn the same credential";
    CE_IN_FUTURE = "W015", Warning, "a CE activity dated after the as-of date";
    CREDENTIAL_EXPIRY_UNKNOWN = "W016", Warning, "a held credential whose expiry is neither written nor known from the catalog";
    CREDENTIAL_LAPSED = "W017", Warning, "a credential that expired before the as-of date (an error under `check --strict`)";
    RENEWAL_AT_RISK = "W018", Warning, "a credential's renewal work is forecast to finish after its submission date";
    CREDENTIAL_DUE_SOON = "W019", Warning, "a credential that expires within 90 days";
    PRACTICE_SHORT = "W020", Warning, "a credential's practice hours fall short of its renewal rule by the expiry";
    SHIFTS_OVER_LIMIT = "W021", Warning, "weeks whose shifts alone pass `max_week_hours`";
    NO_SHIFTS_KNOWN = "W022", Warning, "the plan goes on past the last day of its roster file, with no rotation to fall back to";
    CATALOG_UNREADABLE = "C001", Error, "a user catalog cannot be read";
    CATALOG_UNKNOWN_ID = "C002", Error, "a catalog entry names an id that does not exist";
    ROSTER_NOT_ICALENDAR = "R001", Error, "a roster file that is not iCalendar";
    ROSTER_BAD_TIME = "R002", Error, "a roster event's date, time, time zone or duration that cannot be read";
    ROSTER_BAD_RECURRENCE = "R003", Error, "a roster event's recurrence rule that cannot be expanded, or a roster of too many shifts";
    ROSTER_RECURRENCE_CUT = "W030", Warning, "a recurring roster event read only in part (it repeats without end, or too often)";
    ROSTER_NO_ZONE = "W031", Warning, "a roster that gives its times in UTC and names no time zone";
    ROSTER_NO_SHIFTS = "W032", Warning, "a roster file with no shifts (no timed event, or none matching `match`)";
    COHORT_PLAN_UNREADABLE = "K001", Error, "a plan that a cohort roster names is missing, cannot be read, or is not a .toml or .json file";
    COHORT_PLAN_TWICE = "W033", Warning, "a cohort roster names the same plan twice";
}

/// The row of a code, if it is one of ours.
pub fn lookup(code: &str) -> Option<&'static Code> {
    TABLE.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The codes a document names: every `E…`, `W…`, `C…` or `R…` followed by three digits.
    fn codes_in(text: &str) -> BTreeSet<String> {
        let b = text.as_bytes();
        let mut out = BTreeSet::new();
        for i in 0..b.len().saturating_sub(3) {
            let word_start = i == 0 || !b[i - 1].is_ascii_alphanumeric();
            let word_end = b.get(i + 4).is_none_or(|c| !c.is_ascii_alphanumeric());
            if word_start
                && word_end
                && matches!(b[i], b'E' | b'W' | b'C' | b'R' | b'K')
                && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
            {
                out.insert(text[i..i + 4].to_string());
            }
        }
        out
    }

    fn table_codes() -> BTreeSet<String> {
        TABLE.iter().map(|c| c.code.to_string()).collect()
    }

    #[test]
    fn codes_are_unique_and_sorted_by_kind() {
        assert_eq!(table_codes().len(), TABLE.len());
        for c in TABLE {
            let expected = if c.code.starts_with('W') {
                Severity::Warning
            } else {
                Severity::Error
            };
            assert_eq!(c.severity, expected, "{}", c.code);
            assert_eq!(lookup(c.code), Some(c));
        }
    }

    /// docs/plan-format.md documents exactly the codes of the table, in its "Errors and
    /// warnings" section.
    #[test]
    fn plan_format_doc_lists_exactly_the_codes() {
        let doc = include_str!("../../../docs/plan-format.md");
        let section = doc
            .split_once("\n## Errors and warnings")
            .expect("docs/plan-format.md has an Errors and warnings section")
            .1;
        let section = section.split("\n## ").next().unwrap_or(section);
        assert_eq!(codes_in(section), table_codes());
    }

    /// fixtures/bad/README.md names exactly the codes of the table.
    #[test]
    fn bad_fixtures_readme_lists_exactly_the_codes() {
        let readme = include_str!("../../../fixtures/bad/README.md");
        assert_eq!(codes_in(readme), table_codes());
    }
}
