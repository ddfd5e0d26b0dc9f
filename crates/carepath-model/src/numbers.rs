//! Numbers as people read them. One place, so that the terminal, the catalog, CSV and the
//! documents agree on rounding: two decimals at most, no trailing zeros, no `-0`.

/// 12 -> "12", 12.5 -> "12.5", 1/3 -> "0.33": rounded to two decimals, dot decimal, no
/// thousands separator, no exponent. Not-a-number and infinities give an empty string.
pub fn plain(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let mut s = format!("{x:.2}");
    let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
    s.truncate(trimmed);
    if s == "-0" {
        s.remove(0);
    }
    s
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
        let x = (self.0 * 100.0).round() / 100.0;
        if !x.is_finite() || x.abs() >= 1e15 {
            return write!(f, "{x}");
        }
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
}
