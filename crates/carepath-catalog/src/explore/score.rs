//! The parts of an `explore` score, each a pure function of the person and one role.
//!
//! Every part gives points between 0 and its maximum ([`Part::max_points`]); the score is their
//! weighted sum scaled to 0-100 ([`super::explore`]). Word matching is hand-written (a set of
//! lowercase words, less a few stop words): the texts are short names and tags, and a
//! stemming or fuzzy-matching crate would match "care" in every healthcare role.

use std::collections::BTreeSet;

use serde::Serialize;

/// One part of a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Values,
    Interests,
    Skills,
    Pay,
    Outlook,
    Distance,
}

impl Part {
    pub const ALL: [Part; 6] = [
        Part::Values,
        Part::Interests,
        Part::Skills,
        Part::Pay,
        Part::Outlook,
        Part::Distance,
    ];

    /// The points the part gives at most, before weights.
    pub fn max_points(self) -> f64 {
        match self {
            Part::Values => 25.0,
            Part::Interests => 20.0,
            Part::Skills => 15.0,
            Part::Pay => 10.0,
            Part::Outlook => 10.0,
            Part::Distance => 20.0,
        }
    }

    /// The name used in `--weight` and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Part::Values => "values",
            Part::Interests => "interests",
            Part::Skills => "skills",
            Part::Pay => "pay",
            Part::Outlook => "outlook",
            Part::Distance => "distance",
        }
    }

    pub fn from_name(name: &str) -> Option<Part> {
        Part::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// Words too common in healthcare texts to say anything about a fit.
const STOP: [&str; 14] = [
    "and", "the", "for", "with", "care", "of", "in", "to", "a", "an", "on", "new", "my", "health",
];

/// The lowercase words of `text`, split on anything not a letter or digit, stop words left out.
pub fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .map(|w| stem(&w))
        .collect()
}

/// A plural's "s" dropped ("dashboards" matches "dashboard"), nothing more.
fn stem(word: &str) -> String {
    if word.len() > 4 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("ics") {
        word[..word.len() - 1].to_string()
    } else {
        word.to_string()
    }
}

/// Values: the person's values the role serves, as points out of 25. The person's values
/// that are no catalog value ("family") are left out of the count; of the rest, matching
/// three (or all, when fewer) gives every point.
pub fn values(person: &[String], role: &[String]) -> (f64, Vec<String>) {
    let known: Vec<&String> = person
        .iter()
        .filter(|v| crate::model::VALUES.contains(&v.trim().to_ascii_lowercase().as_str()))
        .collect();
    let matched: Vec<String> = known
        .iter()
        .filter(|v| role.iter().any(|r| r.eq_ignore_ascii_case(v.trim())))
        .map(|v| v.trim().to_ascii_lowercase())
        .collect();
    if known.is_empty() {
        return (0.0, matched);
    }
    let wanted = known.len().min(3) as f64;
    let points = Part::Values.max_points() * (matched.len() as f64 / wanted).min(1.0);
    (points, matched)
}

/// Interests: the person's interests that share a word with the role's text (name, aliases,
/// values, settings, skills), as points out of 20; two interests matched give every point. An
/// interest counts by the share of its words the role has.
pub fn interests(person: &[String], role_text: &BTreeSet<String>) -> (f64, Vec<String>) {
    let mut matched = Vec::new();
    let mut sum = 0.0;
    for interest in person {
        let own = words(interest);
        let hits = own.iter().filter(|w| role_text.contains(*w)).count();
        if hits > 0 {
            // "laboratory informatics" half-met by "informatics": half an interest.
            sum += hits as f64 / own.len() as f64;
            matched.push(interest.clone());
        }
    }
    if person.is_empty() {
        return (0.0, matched);
    }
    let wanted = person.len().min(2) as f64;
    let points = Part::Interests.max_points() * (sum / wanted).min(1.0);
    (points, matched)
}

/// Skills: of the role's skills, those the person has or is building (a skill sharing a
/// word), each counted half for having it and half by the level out of 5 (the target level,
/// when higher: a skill the person is working toward), as points out of 15.
pub fn skills(person: &[(String, u8)], role: &[String]) -> (f64, Vec<String>) {
    if role.is_empty() {
        return (0.0, Vec::new());
    }
    let mut sum = 0.0;
    let mut matched = Vec::new();
    for skill in role {
        let wanted = words(skill);
        let best = person
            .iter()
            .filter(|(name, _)| words(name).iter().any(|w| wanted.contains(w)))
            .map(|(_, level)| f64::from((*level).min(5)))
            .reduce(f64::max);
        if let Some(best) = best {
            sum += 0.5 + 0.5 * best / 5.0;
            matched.push(skill.clone());
        }
    }
    (Part::Skills.max_points() * sum / role.len() as f64, matched)
}

/// Pay: the change against the current role's pay in the same region and currency, as points
/// out of 10: half for no change, all of them for +50% or more, none for -50% or less. Not
/// comparable (a figure missing, or from another region): half, and the reason says so.
pub fn pay(change: Option<f64>, current: f64) -> f64 {
    let half = Part::Pay.max_points() / 2.0;
    match change {
        Some(delta) if current > 0.0 => half + half * (delta / current / 0.5).clamp(-1.0, 1.0),
        _ => half,
    }
}

/// Outlook: projected growth as points out of 10: half for no change, all for +10% or more;
/// a labour-market condition: shortage all, balance half, surplus none; unknown: half.
pub fn outlook(percent: Option<f64>, conditions: Option<&str>) -> f64 {
    let half = Part::Outlook.max_points() / 2.0;
    match (conditions, percent) {
        (Some("shortage"), _) => Part::Outlook.max_points(),
        (Some("surplus"), _) => 0.0,
        (_, Some(p)) => half + half * (p / 10.0).clamp(-1.0, 1.0),
        _ => half,
    }
}

/// Distance: the fastest route's typical months (60 or more: none of its 16 points) and its
/// known cost (50,000 or more in the route's currency: none of its 4 points), out of 20. Its
/// weight is the largest after values: a counsellor weighs years of retraining heavily.
pub fn distance(months: u32, cost: f64) -> f64 {
    let time = 16.0 * (1.0 - (f64::from(months) / 60.0).min(1.0));
    let money = 4.0 * (1.0 - (cost / 50_000.0).min(1.0));
    time + money
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn values_count_only_catalog_values_and_three_is_enough() {
        let (p, m) = values(
            &s(&["teaching", "leadership", "family"]),
            &s(&["teaching", "leadership", "lifelong-learning"]),
        );
        assert_eq!(p, 25.0);
        assert_eq!(m, ["teaching", "leadership"]);
        let (p, _) = values(
            &s(&["teaching", "leadership", "patient-care"]),
            &s(&["teaching"]),
        );
        assert!((p - 25.0 / 3.0).abs() < 1e-9);
        assert_eq!(values(&s(&["family"]), &s(&["teaching"])).0, 0.0);
    }

    #[test]
    fn interests_match_words_not_stop_words() {
        let text = words("Healthcare data analyst SQL data visualization");
        let (p, m) = interests(&s(&["data visualization", "primary care"]), &text);
        assert_eq!(m, ["data visualization"]);
        assert_eq!(p, 10.0);
        let (p, _) = interests(&s(&["data governance", "primary care"]), &text);
        assert_eq!(p, 5.0, "one word of two is half an interest");
    }

    #[test]
    fn skills_count_the_persons_level() {
        let (p, m) = skills(
            &[("SQL".into(), 5), ("Pharmacology".into(), 0)],
            &s(&["SQL", "statistics", "data analysis"]),
        );
        assert_eq!(m, ["SQL"]);
        assert!((p - 5.0).abs() < 1e-9);
        let (p, _) = skills(&[("Statistics".into(), 0)], &s(&["statistics"]));
        assert!((p - 7.5).abs() < 1e-9, "having it at all is half");
    }

    #[test]
    fn pay_outlook_and_distance_move_the_right_way() {
        assert_eq!(pay(None, 100.0), 5.0);
        assert!(pay(Some(20.0), 100.0) > pay(Some(0.0), 100.0));
        assert_eq!(pay(Some(-80.0), 100.0), 0.0);
        assert_eq!(outlook(None, Some("shortage")), 10.0);
        assert!(outlook(Some(5.0), None) > outlook(Some(-1.0), None));
        assert_eq!(distance(0, 0.0), 20.0);
        assert!(distance(12, 0.0) > distance(36, 0.0));
        assert_eq!(distance(100, 1e9), 0.0);
    }
}
