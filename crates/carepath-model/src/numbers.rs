//! Numbers as people read them. One place, so that the terminal, the catalog, CSV and the
//! documents agree on rounding: two decimals at most, no trailing zeros, no `-0`.

/// 12 -> "12", 12.5 -> "12.5", 1/3 -> "0.33": rounded to two decimals, dot decimal, no
/// thousands separator; from 1e15 on with an exponent, as [`exact`] writes it (`1e308`, not 309
/// digits). Not-a-number and infinities give an empty string.
pub fn plain(x: f64) -> String {
    if x.is_finite() && x.abs() >= HUGE {
        return exact(x);
    }
    digits(x)
}

/// [`plain`] without an exponent at any size (`1e20` -> "100000000000000000000"): for a CSV
/// number cell, which carepath-csv documents as digits only. Not-a-number and infinities give
/// an empty string.
pub fn digits(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    // The common case without float formatting: when `x` is the double nearest to n/100 (hours
    // such as 12.5, percentages such as 37.25), rounding its exact value to two decimals gives n,
    // so `{:.2}` would print n's digits. Anything else takes the formatter.
    if x.abs() < 1e12 {
        let n = (x * 100.0).round();
        if n / 100.0 == x {
            let n = n as i64;
            let (int, cents) = (n.abs() / 100, n.abs() % 100);
            let sign = if n < 0 { "-" } else { "" };
            return match cents {
                0 => format!("{sign}{int}"),
                c if c % 10 == 0 => format!("{sign}{int}.{}", c / 10),
                c => format!("{sign}{int}.{c:02}"),
            };
        }
    }
    let mut s = format!("{x:.2}");
    let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
    s.truncate(trimmed);
    if s == "-0" {
        s.remove(0);
    }
    s
}

/// From here on a number is written with an exponent (`1e308`, not 309 digits).
const HUGE: f64 = 1e15;
/// Below this (and not 0), [`exact`] writes an exponent too (`1e-300`, not 300 zeros).
const TINY: f64 = 1e-5;

/// The number exactly as it was given, as short as possible: 12 -> "12", 0.0001 -> "0.0001",
/// 1e308 -> "1e308", 1e-300 -> "1e-300"; never "-0". For messages that quote a value, and for
/// numbers written back into a plan (TOML and JSON both read every form it writes). Not-a-number
/// and infinities give an empty string.
pub fn exact(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    if x == 0.0 {
        return "0".into();
    }
    if x.abs() >= HUGE || x.abs() < TINY {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// A number with thousands separators, to two decimals at most: 1750 -> "1,750",
/// 12.5 -> "12.5".
pub fn grouped(x: f64) -> String {
    Th(x).to_string()
}

/// [`grouped`], written in place (`write!(out, "{}", Th(x))`).
pub struct Th(pub f64);

impl std::fmt::Display for Th {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.0.is_finite() {
            return Ok(());
        }
        if self.0.abs() >= HUGE {
            return f.write_str(&exact(self.0));
        }
        let x = (self.0 * 100.0).round() / 100.0;
        let a = x.abs();
        let mut int = a.trunc() as u64;
        let mut cents = ((a - a.trunc()) * 100.0).round() as u64;
        if cents >= 100 {
            int += 1;
            cents = 0;
        }
        if x < 0.0 && (int > 0 || cents > 0) {
            f.write_str("-")?;
        }
        let mut buf = [0u8; 32];
        let mut k = buf.len();
        let mut digits = 0;
        loop {
            if digits > 0 && digits % 3 == 0 {
                k -= 1;
                buf[k] = b',';
            }
            k -= 1;
            buf[k] = b'0' + (int % 10) as u8;
            int /= 10;
            digits += 1;
            if int == 0 {
                break;
            }
        }
        f.write_str(std::str::from_utf8(&buf[k..]).unwrap_or_default())?;
        match cents {
            0 => Ok(()),
            c if c % 10 == 0 => write!(f, ".{}", c / 10),
            c => write!(f, ".{c:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `digits` wrote before its fast path: the formatter, trimmed.
    fn by_formatter(x: f64) -> String {
        let mut s = format!("{x:.2}");
        let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(trimmed);
        if s == "-0" {
            s.remove(0);
        }
        s
    }

    proptest::proptest! {
        #[test]
        fn digits_fast_path_writes_what_the_formatter_writes(
            cents in -100_000_000i64..100_000_000,
            x in -1e13f64..1e13,
        ) {
            let hundredths = cents as f64 / 100.0;
            proptest::prop_assert_eq!(digits(hundredths), by_formatter(hundredths));
            proptest::prop_assert_eq!(digits(x), by_formatter(x));
            proptest::prop_assert_eq!(digits(x / 1e9), by_formatter(x / 1e9));
        }
    }

    #[test]
    fn plain_and_grouped_agree_on_rounding() {
        for (x, p, g) in [
            (1750.0, "1750", "1,750"),
            (12.5, "12.5", "12.5"),
            (1.0 / 3.0, "0.33", "0.33"),
            (1234567.891, "1234567.89", "1,234,567.89"),
            (-0.001, "0", "0"),
            (-38.0, "-38", "-38"),
            (0.999, "1", "1"),
        ] {
            assert_eq!(plain(x), p, "plain {x}");
            assert_eq!(grouped(x), g, "grouped {x}");
        }
        assert_eq!(plain(f64::NAN), "");
    }

    #[test]
    fn huge_numbers_print_with_an_exponent_not_309_digits() {
        assert_eq!(plain(1e308), "1e308");
        assert_eq!(grouped(1e308), "1e308");
        assert_eq!(exact(1e308), "1e308");
        assert_eq!(plain(-2.5e20), "-2.5e20");
        assert_eq!(grouped(999_999_999_999.0), "999,999,999,999");
        assert_eq!(exact(1e-300), "1e-300");
        assert_eq!(exact(0.0001), "0.0001");
        assert_eq!(exact(1750.0), "1750");
        assert_eq!(exact(f64::INFINITY), "");
    }

    #[test]
    fn digits_is_plain_without_an_exponent() {
        for x in [
            1750.0,
            12.5,
            1.0 / 3.0,
            -0.001,
            999_999_999_999_999.0,
            f64::NAN,
        ] {
            assert_eq!(digits(x), plain(x), "{x}");
        }
        assert_eq!(digits(1e20), "100000000000000000000");
        assert_eq!(digits(-2.5e20), "-250000000000000000000");
        assert_eq!(digits(1e308).len(), 309);
        assert_eq!(digits(1e308).parse::<f64>(), Ok(1e308));
    }

    #[test]
    fn negative_zero_never_prints_as_minus_zero() {
        for x in [-0.0, -0.001, -1e-300] {
            assert_eq!(digits(x), "0", "digits {x}");
            assert_eq!(plain(x), "0", "plain {x}");
            assert_eq!(grouped(x), "0", "grouped {x}");
        }
        assert_eq!(exact(-0.0), "0");
    }
}
