use chrono::Local;

/// A wrapper around `chrono_tz::Tz` that is able to represent `Local` timezone also.
///
/// # Usage
///
/// ```
/// use rrule::Tz;
///
/// let utc = Tz::UTC;
/// let local = Tz::LOCAL;
/// // From `chrono_tz::Tz`
/// let berlin: Tz = chrono_tz::Tz::Europe__Berlin.into();
/// ```
#[derive(Clone, Copy)]
pub enum Tz {
    /// Local timezone
    Local(Local),
    /// Timezone represented by `chrono_tz::Tz`
    Tz(chrono_tz::Tz),
}

impl Tz {
    /// Name of timezone
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Self::Local(_) => "Local",
            Self::Tz(tz) => tz.name(),
        }
    }

    /// Check if timezone is the Local timezone
    #[must_use]
    pub fn is_local(&self) -> bool {
        match self {
            Self::Local(_) => true,
            Self::Tz(_) => false,
        }
    }

    /// Local timezone
    #[allow(non_upper_case_globals)]
    pub const LOCAL: Self = Self::Local(Local);

    // Duplicating all chrono_tz variants with the following program:
    //    for tz in chrono_tz::TZ_VARIANTS {
    //        let tz_name = tz.name();
    //        let tz_name = if let Some(idx) = tz_name.find("-") {
    //            let next_char = &tz_name[idx + 1..idx + 2];
    //            if "0123456789".contains(next_char) {
    //                tz_name.replace("-", "Minus")
    //            } else {
    //                tz_name.replace("-", "")
    //            }
    //        } else {
    //            tz_name.to_string()
    //        };
    //        let tz_name = tz_name.replace("+", "Plus");
    //        println!("#[allow(non_upper_case_globals)]");
    //        println!("#[allow(missing_docs)]");
    //        println!(
    //            "pub const {}: Self = Self::Tz(chrono_tz::{});",
    //            tz_name.replace("/", "__"),
    //            tz_name.replace("/", "::")
    //        );
    //    }
    #[allow(non_upper_case_globals)]
    #[allow(missing_docs)]
    pub const UTC: Self = Self::Tz(chrono_tz::UTC);
}
