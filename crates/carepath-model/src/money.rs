//! Money as people read it: whole units, thousands grouped ([`crate::numbers::grouped`]), and
//! the sign of the well-known currencies.

use crate::numbers::Th;

/// `39950, Some("USD")` -> "$39,950"; EUR "€", GBP "£", CAD "CA$", AUD "A$" (the code in any
/// case); another code follows the amount ("300 CHF"); no currency gives the amount alone.
/// Rounded to whole units; not-a-number and infinities give an empty amount.
pub fn money(amount: f64, currency: Option<&str>) -> String {
    let n = Th(amount.round());
    match currency.map(str::to_ascii_uppercase).as_deref() {
        Some("USD") => format!("${n}"),
        Some("EUR") => format!("€{n}"),
        Some("GBP") => format!("£{n}"),
        Some("CAD") => format!("CA${n}"),
        Some("AUD") => format!("A${n}"),
        Some(code) => format!("{n} {code}"),
        None => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_whole_units_with_the_currency_sign() {
        assert_eq!(money(39950.0, Some("USD")), "$39,950");
        assert_eq!(money(1234.5, Some("eur")), "€1,235");
        assert_eq!(money(99.49, Some("GBP")), "£99");
        assert_eq!(money(101_000.0, Some("CAD")), "CA$101,000");
        assert_eq!(money(5.0, Some("aud")), "A$5");
        assert_eq!(money(300.0, Some("CHF")), "300 CHF");
        assert_eq!(money(300.0, None), "300");
        assert_eq!(money(0.0, Some("USD")), "$0");
    }

    #[test]
    fn odd_amounts_never_print_minus_zero_or_hundreds_of_digits() {
        assert_eq!(money(-0.4, Some("USD")), "$0");
        assert_eq!(money(-1200.0, None), "-1,200");
        assert_eq!(money(1e20, Some("USD")), "$1e20");
        assert_eq!(money(f64::NAN, None), "");
    }
}
