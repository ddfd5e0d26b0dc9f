use std::cmp::Reverse;

use serde::{Deserialize, Serialize};

use crate::model::{Catalog, Credential, Role};

/// What a search hit points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HitKind {
    Role,
    Credential,
}

/// One result of [`Catalog::search`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchHit {
    pub kind: HitKind,
    pub id: String,
    pub name: String,
    /// Higher is better; only comparable within one search.
    pub score: u32,
    /// The field that matched best: `id`, `alias`, `name`, `track`, ...
    pub matched: String,
}

// Whole-query matches outrank any sum of word matches.
const EXACT_ID: u32 = 1000;
const EXACT_ALIAS: u32 = 900;
const EXACT_NAME: u32 = 800;

struct Field<'a> {
    label: &'static str,
    weight: u32,
    text: &'a str,
}

impl Catalog {
    /// Roles and credentials whose id, name, abbreviation, aliases, track, SOC code or body
    /// match every word of `query`, case-insensitively; best first.
    ///
    /// A query equal to an id, an alias or a name ranks first ("ccrn" finds the credential and
    /// the critical care nurse). Otherwise each word scores by where it matched (ids and
    /// aliases above names, names above track and body), a whole word above a prefix of at
    /// least three letters. Ties go to roles before credentials, then to the shorter name,
    /// then by id, so the order is deterministic.
    pub fn search(&self, query: &str) -> Vec<SearchHit> {
        let query = normalize(query);
        let words: Vec<&str> = query.split(' ').filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<SearchHit> = Vec::new();
        for role in &self.roles {
            if let Some((score, matched)) = score(&query, &words, &role_fields(self, role)) {
                hits.push(SearchHit {
                    kind: HitKind::Role,
                    id: role.id.clone(),
                    name: role.name.clone(),
                    score,
                    matched: matched.to_owned(),
                });
            }
        }
        for credential in &self.credentials {
            if let Some((score, matched)) = score(&query, &words, &credential_fields(credential)) {
                hits.push(SearchHit {
                    kind: HitKind::Credential,
                    id: credential.id.clone(),
                    name: credential.name.clone(),
                    score,
                    matched: matched.to_owned(),
                });
            }
        }
        // Among equal scores the shorter name is the more specific match.
        hits.sort_by(|a, b| {
            (Reverse(a.score), a.kind, a.name.len(), &a.id).cmp(&(
                Reverse(b.score),
                b.kind,
                b.name.len(),
                &b.id,
            ))
        });
        hits
    }
}

fn role_fields<'a>(catalog: &'a Catalog, role: &'a Role) -> Vec<Field<'a>> {
    let mut fields = vec![
        Field {
            label: "id",
            weight: 30,
            text: &role.id,
        },
        Field {
            label: "name",
            weight: 25,
            text: &role.name,
        },
        Field {
            label: "track",
            weight: 10,
            text: role.track.id(),
        },
        Field {
            label: "track",
            weight: 10,
            text: role.track.title(),
        },
    ];
    fields.extend(role.aliases.iter().map(|alias| Field {
        label: "alias",
        weight: 30,
        text: alias,
    }));
    fields.extend(
        [&role.soc, &role.soc_title, &role.onet]
            .into_iter()
            .flatten()
            .map(|text| Field {
                label: "soc",
                weight: 5,
                text,
            }),
    );
    // A role is also found by the credentials it asks for, well below its own names.
    for id in role.requires.credential_ids() {
        fields.push(Field {
            label: "credential",
            weight: 3,
            text: id,
        });
        if let Some(abbreviation) = catalog
            .credential(id)
            .and_then(|c| c.abbreviation.as_deref())
        {
            fields.push(Field {
                label: "credential",
                weight: 3,
                text: abbreviation,
            });
        }
    }
    fields
}

fn credential_fields(credential: &Credential) -> Vec<Field<'_>> {
    let mut fields = vec![
        Field {
            label: "id",
            weight: 30,
            text: &credential.id,
        },
        Field {
            label: "name",
            weight: 25,
            text: &credential.name,
        },
        Field {
            label: "kind",
            weight: 5,
            text: credential.kind.id(),
        },
        Field {
            label: "body",
            weight: 5,
            text: &credential.body,
        },
    ];
    if let Some(abbreviation) = &credential.abbreviation {
        fields.push(Field {
            label: "alias",
            weight: 30,
            text: abbreviation,
        });
    }
    fields.extend(credential.aliases.iter().map(|alias| Field {
        label: "alias",
        weight: 30,
        text: alias,
    }));
    fields
}

/// The score of one entry, and the label of its best field; `None` unless every word matched.
fn score(query: &str, words: &[&str], fields: &[Field<'_>]) -> Option<(u32, &'static str)> {
    let mut exact: Option<(u32, &'static str)> = None;
    for field in fields {
        if normalize(field.text) != query {
            continue;
        }
        let value = match field.label {
            "id" => EXACT_ID,
            "alias" => EXACT_ALIAS,
            "name" => EXACT_NAME,
            _ => continue,
        };
        if exact.is_none_or(|(best, _)| value > best) {
            exact = Some((value, field.label));
        }
    }
    let normalized: Vec<(&Field<'_>, String)> =
        fields.iter().map(|f| (f, normalize(f.text))).collect();
    let mut total = 0;
    let mut best_field: Option<(u32, &'static str)> = None;
    for word in words {
        let mut best = 0;
        for (field, text) in &normalized {
            let quality = text
                .split(' ')
                .map(|candidate| {
                    if candidate == *word {
                        2
                    } else if word.len() >= 3 && candidate.starts_with(word) {
                        1
                    } else {
                        0
                    }
                })
                .max()
                .unwrap_or(0);
            let value = field.weight * quality;
            if value > best {
                best = value;
            }
            if value > 0 && best_field.is_none_or(|(b, _)| value > b) {
                best_field = Some((value, field.label));
            }
        }
        if best == 0 && exact.is_none() {
            return None;
        }
        total += best;
    }
    match exact {
        Some((value, label)) => Some((value + total, label)),
        None => best_field.map(|(_, label)| (total, label)),
    }
}

/// Lowercase, with every run of non-alphanumeric characters made one space.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn normalize_folds_case_and_punctuation() {
        assert_eq!(normalize("  R.T.(R)  "), "r t r");
        assert_eq!(normalize("PA-C"), "pa c");
        assert_eq!(normalize("Nurse   Practitioner!"), "nurse practitioner");
    }
}
