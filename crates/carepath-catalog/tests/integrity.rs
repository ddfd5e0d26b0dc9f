//! Integrity problems are structured, and in a user catalog they point at the offending text.

use carepath_catalog::{Catalog, EntryKind, IntegrityProblem, check_integrity, locate_problems};

const BROKEN: &str = r#"
[[roles]]
id = "Bad_Id"
name = "Bad"
track = "nursing"
source = "nowhere"
year = 2024
verified = true
[roles.requires]
all_of = ["ghost"]

[[credentials]]
id = "a"
name = "A"
kind = "certification"
body = "X"
source = "blog"
year = 2024
verified = false
[[credentials.eligibility]]
name = "needs b"
all_of = ["b"]
verified = false

[[credentials]]
id = "b"
name = "B"
kind = "certification"
body = "X"
source = "blog"
year = 2024
verified = false
[[credentials.eligibility]]
name = "needs a or a phantom"
any_of = ["phantom", "a"]
verified = false

[[transitions]]
id = "t"
from = "Bad_Id"
to = "missing-role"
via = "?"
prerequisites = ["a", 'lost']
months = { typical = 30, min = 36, verified = false }
source = "blog"
year = 2024
verified = false

[sources.blog]
label = "blog"
citation = "Someone's blog."
year = 2024
third_party = true
"#;

fn located(text: &str) -> Vec<IntegrityProblem> {
    let catalog = Catalog::from_toml_str(text).expect("it parses");
    let mut problems = check_integrity(&catalog);
    locate_problems(&mut problems, text);
    problems
}

fn find<'p>(problems: &'p [IntegrityProblem], message: &str) -> &'p IntegrityProblem {
    problems
        .iter()
        .find(|p| p.message == message)
        .unwrap_or_else(|| panic!("no {message:?} in {problems:#?}"))
}

fn text_at<'t>(text: &'t str, problem: &IntegrityProblem) -> &'t str {
    let span = problem
        .span
        .clone()
        .unwrap_or_else(|| panic!("no span: {problem:#?}"));
    &text[span]
}

/// The C002 bug (once E101): every user-catalog integrity finding was shown at 1:1.
#[test]
fn user_catalog_problems_point_at_the_dangling_id_not_at_1_1() {
    let problems = located(BROKEN);

    let ghost = find(
        &problems,
        "role `Bad_Id` requires: unknown credential `ghost`",
    );
    assert_eq!(
        (
            ghost.kind,
            ghost.id.as_str(),
            ghost.field.as_str(),
            ghost.value.as_deref()
        ),
        (EntryKind::Role, "Bad_Id", "requires.all_of", Some("ghost"))
    );
    assert_eq!(text_at(BROKEN, ghost), "ghost");
    assert_eq!(
        ghost.line_col(BROKEN),
        Some((10, 12)),
        "all_of = [\"ghost\"]"
    );

    let to = find(
        &problems,
        "transition `t`: `to` names unknown role `missing-role`",
    );
    assert_eq!(text_at(BROKEN, to), "missing-role");
    assert_eq!(to.line_col(BROKEN), Some((41, 7)));

    let lost = find(&problems, "transition `t`: unknown credential `lost`");
    assert_eq!(
        (lost.field.as_str(), text_at(BROKEN, lost)),
        ("prerequisites", "lost")
    );

    let phantom = find(
        &problems,
        "credential `b` eligibility[0] (needs a or a phantom): unknown credential `phantom`",
    );
    assert_eq!(phantom.field, "eligibility[0].any_of");
    assert_eq!(text_at(BROKEN, phantom), "phantom");
    assert_eq!(phantom.line_col(BROKEN).map(|(line, _)| line), Some(35));

    let source = find(&problems, "role `Bad_Id`: unknown source `nowhere`");
    assert_eq!(text_at(BROKEN, source), "nowhere");

    let id = find(
        &problems,
        "role id `Bad_Id` must be non-empty and use only a-z, 0-9 and -",
    );
    assert_eq!(id.line_col(BROKEN), Some((3, 7)));

    let months = find(
        &problems,
        "transition `t` months: typical 30 lies outside min 36 / max -",
    );
    assert_eq!(
        (months.field.as_str(), text_at(BROKEN, months)),
        ("months.typical", "30")
    );

    let cycle = find(
        &problems,
        "credential prerequisites form a cycle: a -> b -> a",
    );
    assert_eq!(text_at(BROKEN, cycle), "a", "{cycle:#?}");
    assert_eq!(cycle.line_col(BROKEN).map(|(line, _)| line), Some(35));

    assert!(problems.iter().all(|p| p.span.is_some()), "{problems:#?}");
}

/// The CLI's case: a user catalog merged into the embedded one, one entry of it broken.
#[test]
fn a_merged_user_catalog_locates_its_own_entries() {
    let user = r#"
[[transitions]]
id = "rn-to-wound-care"
from = "registered-nurse"
to = "wound-care-nurse"
via = "Wound care course on the job"
prerequisites = ["rn-license", "wcc-cert"]
months = { typical = 6, verified = false }
source = "ep"
year = 2025
verified = false
"#;
    let mut catalog = Catalog::embedded().clone();
    catalog.merge(Catalog::from_toml_str(user).expect("it parses"));
    let mut problems = catalog.check_integrity();
    locate_problems(&mut problems, user);
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "transition `rn-to-wound-care`: `to` names unknown role `wound-care-nurse`",
            "transition `rn-to-wound-care`: unknown credential `wcc-cert`",
        ]
    );
    assert_eq!(text_at(user, &problems[0]), "wound-care-nurse");
    assert_eq!(problems[0].line_col(user), Some((5, 7)));
    assert_eq!(text_at(user, &problems[1]), "wcc-cert");
    assert_eq!(problems[1].line_col(user), Some((7, 33)));
}

#[test]
fn problems_about_entries_not_in_the_text_have_no_span() {
    let text = "[[roles]]\nid = \"x\"\nname = \"X\"\ntrack = \"nursing\"\nsource = \"nowhere\"\nyear = 2024\nverified = false\n";
    let catalog = Catalog::from_toml_str(text).expect("it parses");
    let mut problems = check_integrity(&catalog);
    locate_problems(&mut problems, "# another file\n");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].span, None);
    locate_problems(&mut problems, text);
    assert_eq!(text_at(text, &problems[0]), "nowhere");
}
