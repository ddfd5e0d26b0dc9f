//! Credentials that expire and the CE log (docs/plan-format.md, `person.credentials` and `ce`):
//! how they are read, what the document shows of them, and the findings about them.

use carepath_model::*;
use jiff::civil::date;
use serde_json::json;

fn checked(toml: &str) -> CheckedPlan {
    let c = check(toml.as_bytes(), Format::Toml, None);
    match c.plan {
        Some(p) => p,
        None => panic!("plan did not check: {:#?}\n{toml}", c.diagnostics),
    }
}

fn plan_json(toml: &str) -> serde_json::Value {
    let r = resolve(&checked(toml), date(2026, 3, 1), None);
    serde_json::to_value(&r).unwrap()["plan"].clone()
}

const HEAD: &str = "format = 1\ntitle = \"T\"\nstart = 2026-01-05\n";

/// A format-1 plan that uses none of the new fields serialises exactly as before: credentials
/// as plain strings, no `ce`, no `earns`.
#[test]
fn list_form_serialises_as_before() {
    let p = plan_json(&format!(
        "{HEAD}[person]\nname = \"Sam\"\ncredentials = [\"bsn\", \"bls\"]\n\n\
         [[milestones]]\nid = \"a\"\ntitle = \"A\"\nkind = \"exam\"\n"
    ));
    assert_eq!(p["person"]["credentials"], json!(["bsn", "bls"]));
    let keys: Vec<&str> = p.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert!(!keys.contains(&"ce"), "{keys:?}");
    assert!(
        p["milestones"][0].get("earns").is_none(),
        "{}",
        p["milestones"][0]
    );
}

/// Strings, inline tables and `[[person.credentials]]` blocks are one list, in file order; a
/// table shows its dates and jurisdiction, never its number.
#[test]
fn tables_and_blocks_mix_with_strings() {
    let inline = plan_json(&format!(
        "{HEAD}[person]\nname = \"Sam\"\ncredentials = [\n  \"bsn\",\n  \
         {{ id = \"rn-license\", earned = 2021-06-15, expires = 2027-06-30, jurisdiction = \"US-CA\", number = \"RN 95123456\" }},\n  \
         {{ id = \"bls\", number = \"card 77\" }},\n]\n"
    ));
    assert_eq!(
        inline["person"]["credentials"],
        json!([
            "bsn",
            {"id": "rn-license", "earned": "2021-06-15", "expires": "2027-06-30", "jurisdiction": "US-CA"},
            "bls"
        ])
    );
    let text = inline.to_string();
    assert!(
        !text.contains("95123456") && !text.contains("card 77"),
        "{text}"
    );

    let blocks = plan_json(&format!(
        "{HEAD}[person]\nname = \"Sam\"\n\n[[person.credentials]]\nid = \"ccrn\"\nearned = 2024-07-01\n\n\
         [[person.credentials]]\nid = \"bls\"\n"
    ));
    assert_eq!(
        blocks["person"]["credentials"],
        json!([{"id": "ccrn", "earned": "2024-07-01", "expires": null, "jurisdiction": null}, "bls"])
    );
}

/// The CE log and `earns` appear in the document as written.
#[test]
fn ce_log_and_earns_in_the_document() {
    let toml = format!(
        "{HEAD}[person]\nname = \"Sam\"\ncredentials = [\"rn-license\"]\n\n\
         [[milestones]]\nid = \"ccrn-exam\"\ntitle = \"Sit the CCRN exam\"\nkind = \"exam\"\nearns = \"ccrn\"\n\n\
         [[ce]]\ndate = 2026-02-10\ntitle = \"Sepsis bundle update\"\nhours = 2.0\ncategory = \"A\"\n\
         topics = {{ sepsis = 1, pharmacology = 0.5 }}\ncounts_for = [\"ccrn\", \"rn-license\"]\nprovider = \"AACN\"\n"
    );
    let p = plan_json(&toml);
    assert_eq!(p["milestones"][0]["earns"], json!("ccrn"));
    assert_eq!(
        p["ce"],
        json!([{
            "date": "2026-02-10",
            "title": "Sepsis bundle update",
            "hours": 2.0,
            "category": "A",
            "topics": {"sepsis": 1.0, "pharmacology": 0.5},
            "counts_for": ["ccrn", "rn-license"],
            "provider": "AACN",
            "note": null
        }])
    );
    // In the document's bytes, the topics are in the order the reader gives them (by name).
    let r = resolve(&checked(&toml), date(2026, 3, 1), None);
    let text = serde_json::to_string(&r).unwrap();
    assert!(
        text.contains(r#""topics":{"pharmacology":0.5,"sepsis":1.0}"#),
        "{text}"
    );
}

/// A CE activity dated after the as-of date is a warning at its date; one on the as-of date is not.
#[test]
fn ce_after_the_as_of_date_is_a_warning() {
    let toml = format!(
        "{HEAD}[person]\nname = \"Sam\"\n\n\
         [[ce]]\ndate = 2026-03-01\ntitle = \"Today\"\nhours = 1\n\n\
         [[ce]]\ndate = 2026-03-02\ntitle = \"Tomorrow\"\nhours = 1\n"
    );
    let c = checked(&toml);
    let r = resolve(&c, date(2026, 3, 1), None);
    let found: Vec<(String, String, String)> = findings(&c, &r)
        .into_iter()
        .filter(|d| d.code == codes::CE_IN_FUTURE)
        .map(|d| (d.code.to_string(), d.path.clone(), d.message.clone()))
        .collect();
    assert_eq!(
        found,
        [(
            "W015".to_string(),
            "ce[1].date".to_string(),
            "the CE activity \"Tomorrow\" is dated 2026-03-02, after the as-of date 2026-03-01"
                .to_string()
        )]
    );
}

/// A CE entry that cannot be read keeps the entries after it at their own index, so their
/// findings point at the right lines.
#[test]
fn a_broken_ce_entry_keeps_the_next_ones_located() {
    let toml = format!(
        "{HEAD}[person]\nname = \"Sam\"\ncredentials = [\"bls\"]\n\n\
         [[ce]]\ndate = \"2026-02-30\"\ntitle = \"Bad date\"\nhours = 1\n\n\
         [[ce]]\ndate = 2026-02-10\ntitle = \"Typo\"\nhours = 1\ncounts_for = [\"blss\"]\n"
    );
    let c = check(toml.as_bytes(), Format::Toml, None);
    let paths: Vec<(&str, &str)> = c
        .diagnostics
        .iter()
        .map(|d| (d.code, d.path.as_str()))
        .collect();
    assert!(
        paths.contains(&("E031", "ce[1].counts_for[0]")),
        "{paths:?}"
    );
}

#[test]
fn jurisdictions_are_iso_3166_shaped() {
    for ok in ["GB", "US-CA", "CA-ON", "FR-75", "GB-ENG"] {
        assert!(read::is_iso3166(ok), "{ok}");
    }
    for bad in [
        "",
        "California",
        "us-ca",
        "USA",
        "US-",
        "US-CALI",
        "U",
        "US CA",
        "1A",
    ] {
        assert!(!read::is_iso3166(bad), "{bad}");
    }
}

/// A catalog that knows two renewal cycles.
struct Cards;

impl Knowledge for Cards {
    fn has_role(&self, _id: &str) -> bool {
        true
    }
    fn has_credential(&self, _id: &str) -> bool {
        true
    }
    fn name_of(&self, id: &str) -> Option<String> {
        match id {
            "bls" => Some("Basic Life Support".into()),
            "acls" => Some("Advanced Cardiovascular Life Support".into()),
            _ => None,
        }
    }
    fn renewal(&self, id: &str, _jurisdiction: Option<&str>) -> Option<RenewalRule> {
        matches!(id, "bls" | "acls").then(|| RenewalRule::every(24, "AHA", true))
    }
}

const CARDS: &str = "format = 1\ntitle = \"T\"\nstart = 2026-01-05\n\n[person]\nname = \"Sam\"\n\
    credentials = [\n  \"bsn\",\n  \
    { id = \"rn-license\", expires = 2026-05-30, jurisdiction = \"US-CA\", number = \"RN 1\" },\n  \
    { id = \"bls\", earned = 2024-03-14 },\n  \
    { id = \"acls\", earned = 2023-01-10 },\n  \
    { id = \"ccrn\", earned = 2024-07-01, expires = 2027-06-30 },\n  \
    { id = \"wound-care\", earned = 2025-01-01 },\n]\n";

/// Each credential written with dates, or with a renewal rule in the catalog, gets its expiry
/// (written, else earned plus the catalog's cycle) and its status on the as-of date; one without
/// either (a degree) is not listed.
#[test]
fn credential_expiry_and_status() {
    let c = check(CARDS.as_bytes(), Format::Toml, Some(&Cards));
    let cp = c.plan.expect("checks");
    let r = resolve(&cp, date(2026, 3, 1), Some(&Cards));
    type Row<'a> = (&'a str, &'a str, Option<String>, Option<String>, &'a str);
    let got: Vec<Row> = r
        .schedule
        .credentials
        .iter()
        .map(|c| {
            (
                c.id.as_str(),
                c.name.as_str(),
                c.earned.map(|d| d.to_string()),
                c.expires.map(|d| d.to_string()),
                c.status.as_str(),
            )
        })
        .collect();
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        got,
        [
            (
                "rn-license",
                "rn-license",
                None,
                s("2026-05-30"),
                "due-soon"
            ),
            (
                "bls",
                "Basic Life Support",
                s("2024-03-14"),
                s("2026-03-14"),
                "at-risk"
            ),
            (
                "acls",
                "Advanced Cardiovascular Life Support",
                s("2023-01-10"),
                s("2025-01-10"),
                "lapsed"
            ),
            ("ccrn", "ccrn", s("2024-07-01"), s("2027-06-30"), "current"),
            ("wound-care", "wound-care", s("2025-01-01"), None, "unknown"),
        ]
    );
    assert_eq!(
        r.schedule.credentials[0].jurisdiction.as_deref(),
        Some("US-CA")
    );
    // rn-license expires 2026-05-30, exactly 90 days after 2026-03-01 (due-soon above); a day
    // earlier it is 91 days away and current.
    let r = resolve(&cp, date(2026, 2, 28), Some(&Cards));
    assert_eq!(r.schedule.credentials[0].status, CredentialState::Current);
}

/// The one credential whose expiry cannot be known gets a warning at its id, asking for
/// `expires`.
#[test]
fn unknown_expiry_asks_for_expires() {
    let cp = check(CARDS.as_bytes(), Format::Toml, Some(&Cards))
        .plan
        .unwrap();
    let r = resolve(&cp, date(2026, 3, 1), Some(&Cards));
    let found: Vec<(String, String, String)> = findings(&cp, &r)
        .into_iter()
        .filter(|d| d.code == codes::CREDENTIAL_EXPIRY_UNKNOWN)
        .map(|d| {
            (
                d.path.clone(),
                d.message.clone(),
                d.hint.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [(
            "person.credentials[5]".to_string(),
            "the expiry of `wound-care` is unknown: no `expires` is written and the catalog has no renewal cycle for it".to_string(),
            "add `expires = YYYY-MM-DD` from the card or certificate, so carepath can warn before it lapses".to_string()
        )]
    );
}

/// A credential listed only by id that the catalog has a renewal rule for is followed, with
/// status `unknown` and a warning asking for its dates (no renewal is counted from the plan's
/// start any more); one the catalog knows no rule for (a degree) is not listed at all.
#[test]
fn id_only_credentials_are_unknown_when_they_renew() {
    let toml = format!(
        "{HEAD}[person]\nname = \"Sam\"\ncredentials = [\"bsn\", \"bls\", {{ id = \"acls\" }}]\n"
    );
    let cp = check(toml.as_bytes(), Format::Toml, Some(&Cards))
        .plan
        .unwrap();
    let r = resolve(&cp, date(2026, 3, 1), Some(&Cards));
    let listed: Vec<(&str, CredentialState)> = r
        .schedule
        .credentials
        .iter()
        .map(|c| (c.id.as_str(), c.status))
        .collect();
    assert_eq!(
        listed,
        [
            ("bls", CredentialState::Unknown),
            ("acls", CredentialState::Unknown)
        ]
    );
    assert!(r.schedule.renewals.is_empty(), "{:?}", r.schedule.renewals);
    let paths: Vec<String> = findings(&cp, &r)
        .iter()
        .filter(|d| d.code == codes::CREDENTIAL_EXPIRY_UNKNOWN)
        .map(|d| d.path.clone())
        .collect();
    assert_eq!(paths, ["person.credentials[1]", "person.credentials[2]"]);
}

/// A credential table without its id, or with a misspelt field, gets a located message with
/// the fix.
#[test]
fn credential_tables_are_checked_like_every_table() {
    let toml = format!(
        "{HEAD}[person]\nname = \"Sam\"\n\n[[person.credentials]]\nearned = 2024-07-01\n\n\
         [[person.credentials]]\nid = \"ccrn\"\nexpiers = 2027-06-30\n"
    );
    let c = check(toml.as_bytes(), Format::Toml, None);
    let found: Vec<(&str, &str, &str, Option<&str>)> = c
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code,
                d.path.as_str(),
                d.message.as_str(),
                d.hint.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "E006",
                "person.credentials[0].id",
                "`person.credentials[0]` is missing the required field `id` (which credential it is)",
                Some("add it, for example: id = \"rn-license\"")
            ),
            (
                "E004",
                "person.credentials[1].expiers",
                "unknown field `expiers` in a credential",
                Some("did you mean `expires`?")
            ),
        ]
    );
}
