//! The plan as the person wrote it (format 1), after reading but before any planning.

use jiff::civil::Date;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

use crate::node::Span;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Plan {
    pub format: u32,
    pub id: Option<String>,
    pub title: String,
    pub start: Date,
    pub currency: Option<String>,
    pub person: Person,
    pub capacity: Capacity,
    pub target: Option<Target>,
    pub goals: Vec<Goal>,
    pub milestones: Vec<Milestone>,
    pub progress: Vec<ProgressEntry>,
    /// Where each value was read from, by field path (`milestones[3].after[0]`).
    #[serde(skip)]
    pub spans: SpanMap,
}

/// Where each value was read from, by field path (`milestones[3].after[0]`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpanMap(pub HashMap<String, Span>);

impl SpanMap {
    pub fn get(&self, path: &str) -> Option<Span> {
        self.0.get(path).cloned()
    }

    pub fn insert(&mut self, path: String, span: Span) {
        self.0.insert(path, span);
    }

    /// Moves every span `by` bytes later (past a byte-order mark).
    pub fn shift(&mut self, by: usize) {
        for s in self.0.values_mut() {
            *s = s.start + by..s.end + by;
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
    pub region: Option<String>,
    pub credentials: Vec<String>,
    pub values: Vec<String>,
    pub interests: Vec<String>,
    pub skills: Vec<Skill>,
    pub experience: Vec<Experience>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Skill {
    pub name: String,
    pub level: u8,
    pub target: Option<u8>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Experience {
    pub role: String,
    pub setting: Option<String>,
    pub from: Date,
    pub to: Option<Date>,
    pub hours_per_week: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Capacity {
    pub hours_per_week: f64,
    pub max_parallel: u32,
    pub breaks: Vec<Break>,
}

impl Default for Capacity {
    fn default() -> Self {
        Capacity {
            hours_per_week: 0.0,
            max_parallel: 2,
            breaks: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Break {
    pub from: Date,
    pub to: Date,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Target {
    pub role: String,
    pub by: Date,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Horizon {
    Short,
    Long,
}

impl Horizon {
    pub fn as_str(self) -> &'static str {
        match self {
            Horizon::Short => "short",
            Horizon::Long => "long",
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Goal {
    pub id: String,
    pub title: String,
    pub due: Option<Date>,
    pub horizon: Option<Horizon>,
    pub values: Vec<String>,
    pub measure: Option<Measure>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Measure {
    pub metric: Option<String>,
    pub target: Option<f64>,
    pub unit: Option<String>,
    pub per_week: Option<f64>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Education,
    Certification,
    Exam,
    License,
    Experience,
    Training,
    ContinuingEducation,
    Networking,
    Mentorship,
    Shadowing,
    Volunteering,
    Leadership,
    Research,
    Application,
    Wellbeing,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 16] = [
        Kind::Education,
        Kind::Certification,
        Kind::Exam,
        Kind::License,
        Kind::Experience,
        Kind::Training,
        Kind::ContinuingEducation,
        Kind::Networking,
        Kind::Mentorship,
        Kind::Shadowing,
        Kind::Volunteering,
        Kind::Leadership,
        Kind::Research,
        Kind::Application,
        Kind::Wellbeing,
        Kind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Education => "education",
            Kind::Certification => "certification",
            Kind::Exam => "exam",
            Kind::License => "license",
            Kind::Experience => "experience",
            Kind::Training => "training",
            Kind::ContinuingEducation => "continuing-education",
            Kind::Networking => "networking",
            Kind::Mentorship => "mentorship",
            Kind::Shadowing => "shadowing",
            Kind::Volunteering => "volunteering",
            Kind::Leadership => "leadership",
            Kind::Research => "research",
            Kind::Application => "application",
            Kind::Wellbeing => "wellbeing",
            Kind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Kinds whose completion is a clear, checkable event (for SMART's Measurable).
    pub fn has_clear_completion(self) -> bool {
        matches!(
            self,
            Kind::Exam | Kind::Certification | Kind::License | Kind::Education
        )
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DurationUnit {
    Days,
    Weeks,
    Months,
    Years,
}

/// A minimum elapsed time: "10 days", "6 weeks", "18 months", "2 years".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duration {
    pub amount: u32,
    pub unit: DurationUnit,
}

impl Duration {
    pub fn parse(text: &str) -> Option<Duration> {
        let mut parts = text.split_whitespace();
        let amount: u32 = parts.next()?.parse().ok()?;
        let unit = match parts.next()?.to_ascii_lowercase().as_str() {
            "day" | "days" => DurationUnit::Days,
            "week" | "weeks" => DurationUnit::Weeks,
            "month" | "months" => DurationUnit::Months,
            "year" | "years" => DurationUnit::Years,
            _ => return None,
        };
        if parts.next().is_some() || amount > 1200 {
            return None;
        }
        Some(Duration { amount, unit })
    }

    /// The day `self` after `start`, with calendar months and years (Jan 31 + 1 month = Feb 28).
    pub fn after(self, start: Date) -> Date {
        let n = i64::from(self.amount);
        let span = match self.unit {
            DurationUnit::Days => jiff::Span::new().days(n),
            DurationUnit::Weeks => jiff::Span::new().weeks(n),
            DurationUnit::Months => jiff::Span::new().months(n),
            DurationUnit::Years => jiff::Span::new().years(n),
        };
        start.saturating_add(span)
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            DurationUnit::Days => "day",
            DurationUnit::Weeks => "week",
            DurationUnit::Months => "month",
            DurationUnit::Years => "year",
        };
        let s = if self.amount == 1 { "" } else { "s" };
        write!(f, "{} {unit}{s}", self.amount)
    }
}

impl Serialize for Duration {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Milestone {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    pub goal: Option<String>,
    pub after: Vec<String>,
    pub not_before: Option<Date>,
    pub duration: Option<Duration>,
    pub effort_hours: f64,
    pub due: Option<Date>,
    pub cost: Option<f64>,
    pub measure: Option<Measure>,
    pub done: Option<Date>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ProgressEntry {
    pub date: Date,
    pub milestone: String,
    pub amount: f64,
    pub note: Option<String>,
}

impl Plan {
    /// The plan's stable id: as written, else a slug of the person's name and the title.
    pub fn effective_id(&self) -> String {
        match &self.id {
            Some(id) => id.clone(),
            None => slug(&format!("{} {}", self.person.name, self.title)),
        }
    }
}

/// Lowercase ASCII letters and digits joined by single hyphens; other letters are folded to their
/// base letter where that is obvious (é -> e), else dropped.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = fold_latin(c);
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    if out.is_empty() { "plan".into() } else { out }
}

fn fold_latin(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è'..='ë' | 'ē' | 'ę' | 'ě' | 'ế' | 'ề' | 'ễ' | 'ể' | 'ệ' => 'e',
        'ì'..='ï' | 'ī' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ố' | 'ồ' | 'ộ' | 'ơ' | 'ớ' | 'ờ' | 'ợ' => 'o',
        'ù'..='ü' | 'ū' | 'ů' | 'ư' | 'ứ' | 'ừ' | 'ự' => 'u',
        'ý' | 'ÿ' | 'ỳ' => 'y',
        'ł' => 'l',
        'ś' | 'š' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'đ' => 'd',
        'ắ'..='ặ' | 'ấ'..='ậ' => 'a',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn calendar_months_clamp_to_month_end() {
        let d = Duration::parse("1 month").unwrap();
        assert_eq!(d.after(date(2026, 1, 31)), date(2026, 2, 28));
        assert_eq!(
            Duration::parse("2 years").unwrap().after(date(2028, 2, 29)),
            date(2030, 2, 28)
        );
    }

    #[test]
    fn durations_refuse_words() {
        assert!(Duration::parse("six months").is_none());
        assert!(Duration::parse("6 fortnights").is_none());
        assert_eq!(
            Duration::parse("18 Months").unwrap().to_string(),
            "18 months"
        );
    }

    #[test]
    fn slugs_fold_accents() {
        assert_eq!(slug("Zoë Nguyễn Bedside RN"), "zoe-nguyen-bedside-rn");
        assert_eq!(slug("Łukasz Żółć"), "lukasz-zolc");
        assert_eq!(slug("Ирина"), "plan");
    }
}
