//! The catalog's data types, as they appear in `data/catalog.toml` and in user catalogs.
//!
//! Every type refuses unknown fields, so a misspelt key in a user catalog is an error with a
//! span rather than a silently ignored line.
//!
//! A [`Renewal`] is the structured rule the planning engine gets (as the model's
//! `RenewalRule`), with overrides per jurisdiction ([`RenewalOverride`]). The engine knows one
//! cycle per credential, so where a body's registration is shorter than its CE period (ARRT: a
//! yearly registration, CE every 2 years), `months` is the CE period: the cycle whose work is
//! counted and scheduled. The yearly registration, which takes no work to plan, is told in the
//! rule's `details` and `note`. The superseded `ce_period_months` is still read, as that cycle.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The pseudo-role a transition starts from when it is open to a newcomer.
pub const ENTRY: &str = "entry";

/// The catalog format this crate reads.
pub const FORMAT: u32 = 1;

/// The whole catalog: roles, credentials, transitions and the sources they cite.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Catalog format version; 1 when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credentials: Vec<Credential>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transitions: Vec<Transition>,
    /// Citations, by the key that entries name in `source`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, Source>,
}

// The lookups live with the data (not in lib.rs) because the build script compiles this file
// and the integrity check, which uses them, to check the embedded catalog.
impl Catalog {
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    pub fn credential(&self, id: &str) -> Option<&Credential> {
        self.credentials.iter().find(|c| c.id == id)
    }

    pub fn transition(&self, id: &str) -> Option<&Transition> {
        self.transitions.iter().find(|t| t.id == id)
    }

    pub fn source(&self, key: &str) -> Option<&Source> {
        self.sources.get(key)
    }

    /// The regions that have any pay or outlook figure, sorted.
    pub fn regions(&self) -> Vec<String> {
        let mut regions: Vec<String> = self
            .roles
            .iter()
            .flat_map(|r| {
                r.pay
                    .iter()
                    .map(|p| p.region.as_str())
                    .chain(r.outlook.iter().map(|o| o.region.as_str()))
            })
            .map(|r| r.trim().to_ascii_uppercase())
            .collect();
        regions.sort();
        regions.dedup();
        regions
    }
}

/// A career track: how roles are grouped in listings and searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Track {
    Nursing,
    AlliedClinical,
    ImagingLaboratory,
    Pharmacy,
    Therapy,
    HealthInformation,
    Management,
}

impl Track {
    pub const ALL: [Track; 7] = [
        Track::Nursing,
        Track::AlliedClinical,
        Track::ImagingLaboratory,
        Track::Pharmacy,
        Track::Therapy,
        Track::HealthInformation,
        Track::Management,
    ];

    /// The id used in the data (`allied-clinical`).
    pub fn id(self) -> &'static str {
        match self {
            Track::Nursing => "nursing",
            Track::AlliedClinical => "allied-clinical",
            Track::ImagingLaboratory => "imaging-laboratory",
            Track::Pharmacy => "pharmacy",
            Track::Therapy => "therapy",
            Track::HealthInformation => "health-information",
            Track::Management => "management",
        }
    }

    /// A heading for people (`Allied clinical`).
    pub fn title(self) -> &'static str {
        match self {
            Track::Nursing => "Nursing",
            Track::AlliedClinical => "Allied clinical",
            Track::ImagingLaboratory => "Imaging and laboratory",
            Track::Pharmacy => "Pharmacy",
            Track::Therapy => "Therapy",
            Track::HealthInformation => "Health information and data",
            Track::Management => "Management",
        }
    }
}

impl fmt::Display for Track {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// Typical entry education, in the categories BLS uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Education {
    None,
    HighSchool,
    PostsecondaryNondegree,
    Associate,
    Bachelors,
    Masters,
    Doctoral,
}

impl Education {
    pub fn title(self) -> &'static str {
        match self {
            Education::None => "no formal credential",
            Education::HighSchool => "high school diploma or equivalent",
            Education::PostsecondaryNondegree => "postsecondary nondegree award",
            Education::Associate => "associate degree",
            Education::Bachelors => "bachelor's degree",
            Education::Masters => "master's degree",
            Education::Doctoral => "doctoral or professional degree",
        }
    }
}

/// A healthcare occupation someone can hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub track: Track,
    /// Abbreviations and other names people search by ("RN", "ICU nurse").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Standard Occupational Classification code whose figures apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soc: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soc_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_education: Option<Education>,
    /// Related work experience BLS lists for entry ("less than 5 years").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_experience: Option<String>,
    /// Median pay, one figure per region (a single table or an array of tables in TOML).
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub pay: Vec<Pay>,
    /// Projected employment change, one figure per region.
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub outlook: Vec<Outlook>,
    /// What the role serves, from [`VALUES`] ("patient-care", "teaching").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// Whether the work is hands-on care of patients (or their samples and images).
    #[serde(default)]
    pub clinical: bool,
    /// Where the work is done, from [`SETTINGS`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<String>,
    /// Whether the role usually works shifts (nights, weekends, on call).
    #[serde(default)]
    pub shift_work: bool,
    /// The skills the role calls on: short names ("patient assessment").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    /// Where the role exists, as ISO 3166 codes (`GB`, `CA-ON`); empty: everywhere the
    /// catalog covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// What holding the role takes (in the US, and wherever `requires_in` names no region).
    #[serde(default)]
    pub requires: Requirement,
    /// What holding the role takes where it differs by region, each with its `region`: an
    /// Ontario nurse practitioner registers with the College of Nurses of Ontario, not with a
    /// state board. [`Role::requires_for`] picks one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires_in: Vec<Requirement>,
    pub source: String,
    pub year: u16,
    pub verified: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub third_party: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The values a role can serve (`values`): a closed list, so `explore` can match a person's
/// values against them. README.md "Tags" says what each means.
pub const VALUES: [&str; 14] = [
    "patient-care",
    "research",
    "innovation",
    "advocacy",
    "leadership",
    "teaching",
    "technology",
    "public-health",
    "autonomy",
    "teamwork",
    "precision",
    "stability",
    "lifelong-learning",
    "flexibility",
];

/// Where a role's work is done (`settings`).
pub const SETTINGS: [&str; 7] = [
    "hospital",
    "clinic",
    "community",
    "home",
    "remote",
    "lab",
    "office",
];

/// Labour-market conditions an outlook can project (Canada's COPS terms).
pub const CONDITIONS: [&str; 3] = ["shortage", "balance", "surplus"];

/// A figure picked for a region: the figure, the region asked for, and whether the figure is
/// another region's (a fall-back the reader must be told about: [`Regional::fallback_note`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Regional<'a, T> {
    pub figure: &'a T,
    /// The region asked for, as given (trimmed); `None` when none was.
    pub asked: Option<String>,
    /// True when the figure's region is not the one asked for.
    pub fallback: bool,
}

/// A figure that belongs to a region.
pub trait RegionalFigure {
    fn region(&self) -> &str;
}

impl RegionalFigure for Pay {
    fn region(&self) -> &str {
        &self.region
    }
}

impl RegionalFigure for Outlook {
    fn region(&self) -> &str {
        &self.region
    }
}

impl<T: RegionalFigure> Regional<'_, T> {
    /// "no figure for CA-ON; the CA figure is shown", when the figure is a fall-back.
    pub fn fallback_note(&self) -> Option<String> {
        if !self.fallback {
            return None;
        }
        let asked = self.asked.as_deref().unwrap_or("the region asked");
        Some(format!(
            "no figure for {asked}; the {} figure is shown",
            self.figure.region()
        ))
    }
}

/// The figure for `region` among `figures`: the region's own (ASCII case-insensitive), else
/// its country's (`CA-ON` falls back to `CA`), else the US one, else the first.
pub fn pick_region<'a, T: RegionalFigure>(
    figures: &'a [T],
    region: Option<&str>,
) -> Option<Regional<'a, T>> {
    let asked = region.map(str::trim).filter(|r| !r.is_empty());
    let find = |code: &str| {
        figures
            .iter()
            .find(|f| f.region().trim().eq_ignore_ascii_case(code))
    };
    let country = asked.and_then(|r| r.split_once('-').map(|(country, _)| country));
    let figure = asked
        .and_then(find)
        .or_else(|| country.and_then(find))
        .or_else(|| find("US"))
        .or_else(|| figures.first())?;
    let fallback = asked.is_some_and(|r| !figure.region().trim().eq_ignore_ascii_case(r));
    Some(Regional {
        figure,
        asked: asked.map(str::to_owned),
        fallback,
    })
}

impl Role {
    /// The pay figure for `region` (see [`pick_region`] for the fall-back order).
    pub fn pay_for(&self, region: Option<&str>) -> Option<Regional<'_, Pay>> {
        pick_region(&self.pay, region)
    }

    /// The outlook figure for `region` (see [`pick_region`]).
    pub fn outlook_for(&self, region: Option<&str>) -> Option<Regional<'_, Outlook>> {
        pick_region(&self.outlook, region)
    }

    /// What holding the role takes in `region`: the `requires_in` entry of the region, else of
    /// its country (`CA-ON` falls back to `CA`), else `requires`. No region asked: `requires`.
    pub fn requires_for(&self, region: Option<&str>) -> &Requirement {
        let Some(asked) = region.map(str::trim).filter(|r| !r.is_empty()) else {
            return &self.requires;
        };
        let find = |code: &str| {
            self.requires_in.iter().find(|r| {
                r.region
                    .as_deref()
                    .is_some_and(|x| x.trim().eq_ignore_ascii_case(code))
            })
        };
        let country = asked.split_once('-').map(|(country, _)| country);
        find(asked)
            .or_else(|| country.and_then(find))
            .unwrap_or(&self.requires)
    }

    /// Whether the role exists in `region`: its `regions` is empty, or names the region, its
    /// country, or (for a country asked) one of the country's subdivisions.
    pub fn exists_in(&self, region: &str) -> bool {
        let region = region.trim();
        let country = region.split_once('-').map_or(region, |(c, _)| c);
        self.regions.is_empty()
            || self.regions.iter().any(|r| {
                let r = r.trim();
                r.eq_ignore_ascii_case(region)
                    || r.eq_ignore_ascii_case(country)
                    || r.split_once('-')
                        .is_some_and(|(c, _)| c.eq_ignore_ascii_case(region))
            })
    }
}

/// Annual pay in one region: a median, or what `basis` says (an NHS band's pay points).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pay {
    pub amount: f64,
    pub currency: String,
    /// Where the figure applies, as an ISO 3166 code (`US`, `CA`, `CA-ON`, `GB`); absent:
    /// `US`, as every figure was before the catalog had regions.
    #[serde(default = "us")]
    pub region: String,
    /// What the amount is, in words shown after the region; absent: "median". NHS figures
    /// say "Agenda for Change band 5, top of band" and the like.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// When the figure was measured, as the source says it ("May 2024").
    pub period: String,
    pub year: u16,
    /// The SOC code the figure belongs to, when it is not the role's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soc: Option<String>,
    /// A figure of a neighbouring occupation standing in for this role's (the RN median for
    /// a critical care nurse); `note` says which.
    #[serde(default, skip_serializing_if = "is_false")]
    pub proxy: bool,
    pub source: String,
    pub verified: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub third_party: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Projected employment change in one region: a percent (BLS), a labour-market condition
/// (Canada's COPS: shortage, balance, surplus), or both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outlook {
    /// Where the figure applies (ISO 3166); absent: `US`.
    #[serde(default = "us")]
    pub region: String,
    /// Percent change in employment over `period`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    /// The projected labour-market condition, from [`CONDITIONS`] ("shortage").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<String>,
    /// The projection period ("2024-34").
    pub period: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub openings_per_year: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soc: Option<String>,
    /// A neighbouring occupation's figure standing in for this role's.
    #[serde(default, skip_serializing_if = "is_false")]
    pub proxy: bool,
    pub source: String,
    pub verified: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub third_party: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A set of requirements: for holding a role, or what a transition takes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// The region these requirements hold in (ISO 3166), in a role's `requires_in`; elsewhere
    /// absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Credential ids, every one needed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub all_of: Vec<String>,
    /// Credential ids, one of them needed (the first is the usual one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<String>,
    /// Credential ids that help but are not required.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub optional: Vec<String>,
    /// Experience, every item needed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experience: Vec<Experience>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervised_hours: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<String>,
    /// Whether these requirements are confirmed; absent: as the entry that holds them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
    /// The source of these requirements (a key of `sources`); absent: the entry's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Requirement {
    pub fn is_empty(&self) -> bool {
        self.all_of.is_empty()
            && self.any_of.is_empty()
            && self.optional.is_empty()
            && self.experience.is_empty()
            && self.supervised_hours.is_none()
            && self.education.is_none()
    }

    /// Every credential id named, in order: all_of, any_of, optional.
    pub fn credential_ids(&self) -> impl Iterator<Item = &str> {
        self.all_of
            .iter()
            .chain(&self.any_of)
            .chain(&self.optional)
            .map(String::as_str)
    }
}

/// Work experience: hours and/or months, optionally within a window.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Experience {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    /// Time in the work, when the rule is stated as time ("2 years full-time").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    /// The hours or months must fall within this many months before applying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_months: Option<u32>,
    /// Of which this many hours in the most recent `recent_months`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recent_hours: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recent_months: Option<u32>,
    /// Where or as what the experience must be gained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setting: Option<String>,
}

/// Kinds of credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CredentialKind {
    License,
    Certification,
    Degree,
    Training,
}

impl CredentialKind {
    pub fn id(self) -> &'static str {
        match self {
            CredentialKind::License => "license",
            CredentialKind::Certification => "certification",
            CredentialKind::Degree => "degree",
            CredentialKind::Training => "training",
        }
    }
}

impl fmt::Display for CredentialKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A license, certification, degree or training.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credential {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbreviation: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub kind: CredentialKind,
    /// The issuing or certifying body.
    pub body: String,
    /// Ways to become eligible; any one suffices. Empty: none recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eligibility: Vec<Pathway>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal: Option<Renewal>,
    /// A typical one-off fee to earn it (exam or registration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Cost>,
    pub source: String,
    pub year: u16,
    pub verified: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub third_party: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Credential {
    /// The short form people write after their name, else the name.
    pub fn short_name(&self) -> &str {
        self.abbreviation.as_deref().unwrap_or(&self.name)
    }
}

/// One route to eligibility for a credential.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pathway {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub all_of: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experience: Vec<Experience>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervised_hours: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<String>,
    pub verified: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub third_party: bool,
    /// When it differs from the credential's source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How a credential is kept current: the cycle, how its expiry falls, and the work a renewal
/// takes (CE with its category and topic minimums, practice hours, or a course).
///
/// Every field but `months`, `source`, `year` and `verified` is optional. `jurisdictions` holds
/// overrides for places whose rules differ (a state's RN license): see [`Renewal::applied`].
///
/// One cycle, one `months`: where a body renews the card more often than it counts CE (ARRT:
/// a yearly registration, CE every 2 years), `months` is the CE period, because that is the
/// cycle whose work carepath plans and counts; the yearly registration (a fee and an ethics
/// statement, no work to schedule) is told in `details` and `note`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Renewal {
    /// Months between renewals: the cycle.
    pub months: u32,
    /// Superseded, still read: the CE period when it differed from a shorter registration
    /// cycle (ARRT once said `months = 12, ce_period_months = 24`). carepath plans the CE
    /// period, so a rule that gives it renews every `ce_period_months` (see
    /// [`Renewal::applied`]); new rules write that as `months`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ce_period_months: Option<u32>,
    /// How the expiry falls, `months` after the cycle begins; absent: anniversary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<Expiry>,
    /// Continuing-education total per cycle, in `ce_unit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ce_hours: Option<f64>,
    /// What the CE amount counts ("contact hours", "CERPs", "CEUs"); absent: contact hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ce_unit: Option<String>,
    /// Hours of work one unit of CE takes; absent: 1 (10 for IACET CEUs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_unit: Option<f64>,
    /// The CE categories the rule knows; absent: the keys of `category_minimums`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<String>>,
    /// At least this much CE of each category in a cycle (CCRN: `A = 60`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub category_minimums: BTreeMap<String, f64>,
    /// At least this much CE on a topic in a cycle, inside the total (AANPCB: pharmacology 25).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub topic_minimums: BTreeMap<String, f64>,
    /// Hours worked in the role during the cycle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practice_hours: Option<f64>,
    /// Of the practice hours, this many in the cycle's last months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practice_recent: Option<PracticeRecent>,
    /// Catalog role ids whose experience counts as practice; empty: any experience.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub practice_roles: Vec<String>,
    /// A renewal that is a course (BLS, ACLS) of this many hours instead of CE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub course_hours: Option<f64>,
    /// Finish the renewal work this many days before the expiry; absent: 30.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submit_before_days: Option<u32>,
    /// The rule in words, for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    pub source: String,
    pub year: u16,
    pub verified: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub third_party: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Overrides for jurisdictions whose rules differ, keyed by ISO 3166 code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub jurisdictions: Vec<RenewalOverride>,
}

/// How a credential's expiry falls, `months` after its cycle begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Expiry {
    /// On the same day of the month (the last day when the month is shorter).
    #[default]
    Anniversary,
    /// On the last day of that month (AHA cards).
    EndOfMonth,
}

/// Recent practice a rule requires: `hours` in the cycle's last `months` months.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PracticeRecent {
    pub hours: f64,
    pub months: u32,
}

/// A jurisdiction's renewal rule, where it differs from the credential's: each field given
/// replaces the base rule's, each one absent is inherited. It cites its own source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenewalOverride {
    /// ISO 3166 code: a country (`GB`) or a subdivision (`US-CA`, `CA-ON`).
    pub jurisdiction: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<Expiry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ce_hours: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ce_unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_unit: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_minimums: Option<BTreeMap<String, f64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic_minimums: Option<BTreeMap<String, f64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practice_hours: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practice_recent: Option<PracticeRecent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practice_roles: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub course_hours: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submit_before_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    pub source: String,
    pub year: u16,
    pub verified: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub third_party: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Renewal {
    /// The override for `jurisdiction` (ASCII case-insensitive), if the rule has one.
    pub fn override_for(&self, jurisdiction: &str) -> Option<&RenewalOverride> {
        let code = jurisdiction.trim();
        self.jurisdictions
            .iter()
            .find(|o| o.jurisdiction.trim().eq_ignore_ascii_case(code))
    }

    /// The rule with `over` applied (none: the base rule as the engine takes it, its
    /// superseded `ce_period_months` read as `months`): each field the override gives replaces
    /// the base's, the rest are inherited; `source`, `year`, `verified`, `third_party` and `note` are the
    /// override's own (it cites what it says). The result has no overrides of its own.
    pub fn applied(&self, over: Option<&RenewalOverride>) -> Renewal {
        let mut rule = Renewal {
            months: self.ce_period_months.unwrap_or(self.months),
            ce_period_months: None,
            jurisdictions: Vec::new(),
            ..self.clone()
        };
        let Some(o) = over else {
            return rule;
        };
        fn set<T: Clone>(field: &mut T, value: &Option<T>) {
            if let Some(value) = value {
                *field = value.clone();
            }
        }
        fn set_opt<T: Clone>(field: &mut Option<T>, value: &Option<T>) {
            if value.is_some() {
                field.clone_from(value);
            }
        }
        set(&mut rule.months, &o.months);
        set_opt(&mut rule.expires, &o.expires);
        set_opt(&mut rule.ce_hours, &o.ce_hours);
        set_opt(&mut rule.ce_unit, &o.ce_unit);
        set_opt(&mut rule.hours_per_unit, &o.hours_per_unit);
        set_opt(&mut rule.categories, &o.categories);
        set(&mut rule.category_minimums, &o.category_minimums);
        set(&mut rule.topic_minimums, &o.topic_minimums);
        set_opt(&mut rule.practice_hours, &o.practice_hours);
        set_opt(&mut rule.practice_recent, &o.practice_recent);
        set(&mut rule.practice_roles, &o.practice_roles);
        set_opt(&mut rule.course_hours, &o.course_hours);
        set_opt(&mut rule.submit_before_days, &o.submit_before_days);
        set_opt(&mut rule.details, &o.details);
        rule.source.clone_from(&o.source);
        rule.year = o.year;
        rule.verified = o.verified;
        rule.third_party = o.third_party;
        rule.note.clone_from(&o.note);
        rule
    }

    /// The categories the rule knows: `categories` when given, else the keys of
    /// `category_minimums`.
    pub fn known_categories(&self) -> Vec<String> {
        match &self.categories {
            Some(categories) => categories.clone(),
            None => self.category_minimums.keys().cloned().collect(),
        }
    }
}

impl RenewalOverride {
    /// Whether the override gives the rule field `name` (as written in TOML).
    pub fn sets(&self, name: &str) -> bool {
        match name {
            "months" => self.months.is_some(),
            "expires" => self.expires.is_some(),
            "ce_hours" => self.ce_hours.is_some(),
            "ce_unit" => self.ce_unit.is_some(),
            "hours_per_unit" => self.hours_per_unit.is_some(),
            "categories" => self.categories.is_some(),
            "category_minimums" => self.category_minimums.is_some(),
            "topic_minimums" => self.topic_minimums.is_some(),
            "practice_hours" => self.practice_hours.is_some(),
            "practice_recent" => self.practice_recent.is_some(),
            "practice_roles" => self.practice_roles.is_some(),
            "course_hours" => self.course_hours.is_some(),
            "submit_before_days" => self.submit_before_days.is_some(),
            _ => false,
        }
    }
}

/// A sum of money, with where the figure comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cost {
    pub amount: f64,
    #[serde(default = "usd")]
    pub currency: String,
    /// What the money pays for ("exam fee").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what: Option<String>,
    pub source: String,
    pub verified: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One step of the career ladder, from one role to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    pub id: String,
    /// A role id, or [`ENTRY`] for a step open to a newcomer.
    pub from: String,
    pub to: String,
    /// How the step is made, in a line.
    pub via: String,
    /// Where the step can be taken (ISO 3166: `CA-ON`, `GB`); empty: everywhere. A route for
    /// no region is a US route: it takes only steps open in the US.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// Credentials held before the step starts, all of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prerequisites: Vec<String>,
    /// Credentials held before the step starts, one of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prerequisites_any: Vec<String>,
    /// What the step itself takes: credentials earned, experience, education.
    #[serde(default)]
    pub needs: Requirement,
    pub months: Months,
    /// The step's cost when known as a whole; else a route adds up credential fees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Cost>,
    pub source: String,
    pub year: u16,
    pub verified: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub third_party: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Transition {
    /// Whether the step can be taken in `region` (none: the US). A step open in a country is
    /// open in its subdivisions (`CA` in `CA-ON`), and one open in a subdivision is open to a
    /// person who gives only the country.
    pub fn open_in(&self, region: Option<&str>) -> bool {
        if self.regions.is_empty() {
            return true;
        }
        let asked = region
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .unwrap_or("US");
        let country = asked.split_once('-').map_or(asked, |(c, _)| c);
        self.regions.iter().any(|r| {
            let r = r.trim();
            r.eq_ignore_ascii_case(asked)
                || r.eq_ignore_ascii_case(country)
                || r.split_once('-')
                    .is_some_and(|(c, _)| c.eq_ignore_ascii_case(asked))
        })
    }
}

/// How long a step takes, in calendar months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Months {
    pub typical: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    pub verified: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub third_party: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A citation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short form shown beside figures ("BLS").
    pub label: String,
    /// The full citation.
    pub citation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Year of the figures; for undated pages, the year they were read.
    pub year: u16,
    /// A summary by someone other than the body that sets the rule.
    #[serde(default, skip_serializing_if = "is_false")]
    pub third_party: bool,
    /// Cannot back a verified figure at all (recalled, estimated).
    #[serde(default, skip_serializing_if = "is_false")]
    pub unverified: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn usd() -> String {
    "USD".to_owned()
}

fn us() -> String {
    "US".to_owned()
}

/// Reads one table or an array of tables as a list: `pay = { .. }` and `[[roles.pay]]` both
/// work. A visitor rather than `#[serde(untagged)]`, so the element's own errors (a missing
/// field, an unknown key) keep their message and place.
fn one_or_many<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct OneOrMany<T>(std::marker::PhantomData<T>);

    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for OneOrMany<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a table or an array of tables")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Vec<T>, A::Error> {
            T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(|one| vec![one])
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element()? {
                items.push(item);
            }
            Ok(items)
        }
    }

    deserializer.deserialize_any(OneOrMany(std::marker::PhantomData))
}

// serde's skip_serializing_if hands over a reference.
fn is_false(value: &bool) -> bool {
    !*value
}
