//! Inputs a user controls never panic the catalog.

use carepath_catalog::Catalog;
use proptest::prelude::*;

proptest! {
    #[test]
    fn parsing_any_text_never_panics(text in "\\PC{0,200}") {
        if let Err(error) = Catalog::from_toml_str(&text) {
            if let Some(span) = error.span() {
                prop_assert!(span.start <= span.end && span.end <= text.len());
            }
            let _ = error.line_col(&text);
        }
    }

    #[test]
    fn search_is_total_and_deterministic(query in "\\PC{0,40}") {
        let catalog = Catalog::embedded();
        let hits = catalog.search(&query);
        prop_assert_eq!(&hits, &catalog.search(&query));
        for pair in hits.windows(2) {
            prop_assert!(pair[0].score >= pair[1].score);
        }
    }

    #[test]
    fn path_takes_any_ids(from in "[a-z-]{0,30}", to in "[a-z-]{0,30}") {
        let _ = Catalog::embedded().path(&from, &to);
    }
}
