//! The carepath catalog: healthcare roles, the credentials they take, the transitions between
//! them, and the source of every figure.
//!
//! The catalog ships embedded ([`Catalog::embedded`]); a user catalog in the same TOML format
//! ([`Catalog::from_toml_str`]) can extend or override it ([`Catalog::merge`]). On top of the
//! data: lookups, [`Catalog::search`], the fastest route between two roles ([`Catalog::path`])
//! and its rendering as plan milestones ([`Route::to_milestones_toml`]), and an integrity check
//! ([`check_integrity`]). Pure: no files, no clock, no printing.

mod embedded;
mod error;
pub mod explore;
mod gap;
pub mod generate;
mod integrity;
mod model;
mod path;
mod remembered;
pub mod render;
mod route_search;
mod search;

use std::sync::OnceLock;

pub use error::CatalogError;
pub use gap::gap;
pub use integrity::{
    EntryKind, IntegrityProblem, check_integrity, locate_problems, untagged_roles,
};
pub use model::{
    CONDITIONS, Catalog, Cost, Credential, CredentialKind, ENTRY, Education, Experience, Expiry,
    FORMAT, Months, Outlook, Pathway, Pay, PracticeRecent, Regional, RegionalFigure, Renewal,
    RenewalOverride, Requirement, Role, SETTINGS, Source, Track, Transition, VALUES, pick_region,
};
pub use path::{
    CredentialRef, Money, Route, RouteSearch, RouteStep, SearchBudget, SearchStats, StepCost,
    number_text,
};
pub use remembered::Remembered;
pub use render::{currency_symbol, money_text, outlook_text, pay_basis_text, pay_text};
pub use search::{HitKind, SearchHit};

/// The catalog's TOML text, as embedded in the binary.
pub const EMBEDDED_TOML: &str = include_str!("../data/catalog.toml");

impl Catalog {
    /// The catalog that ships with carepath, built once from static data (parsed and
    /// integrity-checked at build time).
    pub fn embedded() -> &'static Catalog {
        static EMBEDDED: OnceLock<Catalog> = OnceLock::new();
        EMBEDDED.get_or_init(|| {
            // build.rs parsed and checked the data, and the tests compare this with a parse
            // of the TOML text, so it cannot fail in a released build.
            embedded::catalog().expect("the build script wrote a valid catalog")
        })
    }

    /// A fresh copy of the embedded catalog, for a caller that will own (and change) it:
    /// built from the same static data, without building the shared one first, so it costs
    /// what a clone of [`Catalog::embedded`] costs, not that and a build.
    pub fn embedded_owned() -> Catalog {
        embedded::catalog().expect("the build script wrote a valid catalog")
    }

    /// Parses a catalog (the embedded one or a user's) from TOML.
    ///
    /// Errors carry the parser's message and the byte span of the offending text. The result
    /// is not checked for integrity: call [`check_integrity`] for that (after merging, for a
    /// user catalog that refers to embedded entries).
    pub fn from_toml_str(text: &str) -> Result<Catalog, CatalogError> {
        let catalog: Catalog = toml::from_str(text).map_err(CatalogError::from_toml)?;
        if let Some(format) = catalog.format
            && format != model::FORMAT
        {
            let span = format_span(text);
            return Err(CatalogError::new(
                format!(
                    "catalog format {format} is not supported; this version reads format {}",
                    model::FORMAT
                ),
                span,
            ));
        }
        Ok(catalog)
    }

    /// Adds `other` on top of this catalog: an entry whose id (or source key) already exists
    /// replaces the existing one in place, as a whole; new entries are appended in `other`'s
    /// order.
    pub fn merge(&mut self, other: Catalog) {
        if other.format.is_some() {
            self.format = other.format;
        }
        merge_by_id(&mut self.roles, other.roles, |r| &r.id);
        merge_by_id(&mut self.credentials, other.credentials, |c| &c.id);
        merge_by_id(&mut self.transitions, other.transitions, |t| &t.id);
        self.sources.extend(other.sources);
    }

    /// Transitions that start at `id` (a role id, or [`ENTRY`]), in catalog order.
    pub fn transitions_from<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Transition> {
        self.transitions.iter().filter(move |t| t.from == id)
    }

    /// Transitions that lead to role `id`, in catalog order.
    pub fn transitions_to<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Transition> {
        self.transitions.iter().filter(move |t| t.to == id)
    }

    /// Roles of one track, in catalog order.
    pub fn roles_in(&self, track: Track) -> impl Iterator<Item = &Role> {
        self.roles.iter().filter(move |r| r.track == track)
    }

    /// How a credential is renewed, when the catalog knows: the base rule, with its
    /// jurisdiction overrides.
    pub fn renewal_of(&self, credential_id: &str) -> Option<&Renewal> {
        self.credential(credential_id)?.renewal.as_ref()
    }

    /// The renewal rule that applies in `jurisdiction` (an ISO 3166 code, ASCII
    /// case-insensitive): the credential's rule with that jurisdiction's override applied, and
    /// the override's code; no override for it (or none given): the base rule and `None`.
    pub fn renewal_in(
        &self,
        credential_id: &str,
        jurisdiction: Option<&str>,
    ) -> Option<(Renewal, Option<String>)> {
        let base = self.renewal_of(credential_id)?;
        let over = jurisdiction.and_then(|code| base.override_for(code));
        Some((base.applied(over), over.map(|o| o.jurisdiction.clone())))
    }

    /// Integrity problems of this catalog; see [`check_integrity`].
    pub fn check_integrity(&self) -> Vec<IntegrityProblem> {
        check_integrity(self)
    }
}

fn merge_by_id<T>(base: &mut Vec<T>, extra: Vec<T>, id: impl Fn(&T) -> &String) {
    for item in extra {
        match base.iter().position(|existing| id(existing) == id(&item)) {
            Some(index) => base[index] = item,
            None => base.push(item),
        }
    }
}

/// The span of the top-level `format = N` value, for the unsupported-format error.
fn format_span(text: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("format")
            && rest.trim_start().starts_with('=')
        {
            let start = offset + (line.len() - trimmed.len());
            return Some(start..offset + line.trim_end().len());
        }
        if trimmed.starts_with('[') {
            break;
        }
        offset += line.len();
    }
    None
}
