//! Words as carepath writes them for people, shared by the terminal and every document:
//! the healthcare abbreviations that stay in capitals, catalog ids as words, and counted nouns.

use crate::numbers::Th;

/// Healthcare abbreviations that are written in capitals when a catalog id (`acute-care-np`) is
/// shown as words (`Acute care NP`): roles, degrees, credentials, units and courses. Lowercase,
/// in no particular order.
pub const ABBREVIATIONS: &[&str] = &[
    "rn", "np", "lpn", "lvn", "cna", "bsn", "msn", "dnp", "adn", "bls", "acls", "pals", "ccrn",
    "icu", "micu", "er", "ed", "aprn", "acnp", "agacnp", "fnp", "rdms", "rdcs", "rvt", "mlt",
    "mls", "ascp", "emt", "cpr", "ce", "ceu", "phd", "mba", "mph",
];

/// Whether `word` (in any case) is one of the [`ABBREVIATIONS`].
pub fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// A catalog id (`acute-care-np`) as words (`Acute care NP`): words split at `-` and `_`, the
/// first capitalised, abbreviations in capitals. Anything that is not an id (capitals, spaces,
/// other characters) is free text and stays as written.
pub fn humanize(id: &str) -> String {
    let is_id = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !is_id {
        return id.to_string();
    }
    let mut out = String::with_capacity(id.len());
    for (i, w) in id.split(['-', '_']).filter(|w| !w.is_empty()).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if is_abbreviation(w) {
            out.push_str(&w.to_ascii_uppercase());
        } else if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.push(f.to_ascii_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push_str(w);
        }
    }
    out
}

/// A count and its noun: "1 day", "0 days", "1,750 hours" (thousands grouped, as
/// [`crate::numbers::grouped`]).
pub fn plural(n: i64, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        Th(n as f64),
        if n == 1 || n == -1 { one } else { many }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_ids_become_words_with_abbreviations_in_capitals() {
        assert_eq!(humanize("acute-care-np"), "Acute care NP");
        assert_eq!(humanize("registered-nurse"), "Registered nurse");
        assert_eq!(humanize("patient-care"), "Patient care");
        assert_eq!(humanize("rn-to-bsn"), "RN to BSN");
        assert_eq!(humanize("icu_rn"), "ICU RN");
        assert_eq!(humanize("continuing-education"), "Continuing education");
        assert_eq!(humanize("acls"), "ACLS");
        assert_eq!(humanize("level-2"), "Level 2");
        assert_eq!(humanize("--np--"), "NP");
    }

    #[test]
    fn free_text_stays_as_written() {
        assert_eq!(humanize("Westgard rules"), "Westgard rules");
        assert_eq!(humanize("ICU nursing"), "ICU nursing");
        assert_eq!(humanize("soins-intensifs-é"), "soins-intensifs-é");
        assert_eq!(humanize(""), "");
    }

    #[test]
    fn abbreviations_are_found_in_any_case() {
        assert!(is_abbreviation("ccrn"));
        assert!(is_abbreviation("CCRN"));
        assert!(!is_abbreviation("nurse"));
        assert!(
            ABBREVIATIONS
                .iter()
                .all(|a| a.chars().all(|c| c.is_ascii_lowercase()))
        );
    }

    #[test]
    fn counts_read_like_words() {
        assert_eq!(plural(1, "day", "days"), "1 day");
        assert_eq!(plural(0, "day", "days"), "0 days");
        assert_eq!(plural(2, "month", "months"), "2 months");
        assert_eq!(plural(1750, "hour", "hours"), "1,750 hours");
        assert_eq!(plural(-1, "day", "days"), "-1 day");
    }
}
