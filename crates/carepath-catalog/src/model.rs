//! The catalog's data types, as they appear in `data/catalog.toml` and in user catalogs.
//!
//! Every type refuses unknown fields, so a misspelt key in a user catalog is an error with a
//! span rather than a silently ignored line.

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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay: Option<Pay>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlook: Option<Outlook>,
    /// What holding the role takes.
    #[serde(default)]
    pub requires: Requirement,
    pub source: String,
    pub year: u16,
    pub verified: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub third_party: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Median annual pay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pay {
    pub amount: f64,
    pub currency: String,
    /// When the figure was measured, as the source says it ("May 2024").
    pub period: String,
    pub year: u16,
    /// The SOC code the figure belongs to, when it is not the role's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soc: Option<String>,
    pub source: String,
    pub verified: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub third_party: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Projected employment change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outlook {
    /// Percent change in employment over `period`.
    pub percent: f64,
    /// The projection period ("2024-34").
    pub period: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub openings_per_year: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soc: Option<String>,
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

/// How a credential is kept current.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Renewal {
    /// Months between renewals.
    pub months: u32,
    /// Continuing-education amount per CE period, in `ce_unit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ce_hours: Option<f64>,
    /// The CE period when it differs from `months` (ARRT: renew yearly, CE every 2 years).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ce_period_months: Option<u32>,
    /// What the CE amount counts ("contact hours", "CERPs", "CEUs").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ce_unit: Option<String>,
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

// serde's skip_serializing_if hands over a reference.
fn is_false(value: &bool) -> bool {
    !*value
}
