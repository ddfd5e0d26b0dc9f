//! The route search's budget: hostile user catalogs make it give up, and say so; real
//! catalogs never come near the budget.

use carepath_catalog::{Catalog, ENTRY, RouteSearch, SearchBudget, check_integrity};

fn independent_credentials(n: usize) -> Catalog {
    let catalog = Catalog::from_toml_str(&carepath_catalog::generate::independent_credentials(n))
        .expect("it parses");
    assert!(
        check_integrity(&catalog).is_empty(),
        "the hostile catalog is a valid one"
    );
    catalog
}

/// Case 11: a 37 KB catalog of 120 credentials gained one at a time sent the search past
/// 4 GB, and when it stopped at its state cap it said the catalog knew no route.
#[test]
fn hostile_catalog_gives_up_within_its_budget_instead_of_claiming_no_route() {
    let text = carepath_catalog::generate::independent_credentials(120);
    assert!(
        text.len() > 30_000,
        "as big as the reported catalog: {}",
        text.len()
    );
    let catalog = independent_credentials(120);
    let budget = SearchBudget::DEFAULT;

    let search = catalog.find_route("start", "goal", &[]);
    let RouteSearch::GaveUp { stats } = search else {
        panic!("expected the search to give up, got {search:?}");
    };
    assert_eq!(stats.routes, budget.max_routes, "{stats:?}");
    assert!(stats.states <= stats.routes, "{stats:?}");
    assert!(stats.settled <= stats.states, "{stats:?}");
    assert!(stats.peak_bytes <= budget.max_bytes, "{stats:?}");
    let message = stats.to_string();
    assert!(
        message.starts_with("gave up after 100,000 routes (")
            && message.ends_with("states; the limit is 100,000 routes or 32 MiB)"),
        "{message}"
    );
    assert!(!message.contains("no route"), "{message}");
    assert!(catalog.path("start", "goal").is_none());
}

#[test]
fn the_memory_budget_stops_a_search_before_it_holds_more() {
    let catalog = independent_credentials(120);
    let budget = SearchBudget {
        max_routes: usize::MAX,
        max_bytes: 1 << 20,
    };
    let search = catalog.find_route_within("start", "goal", &[], budget);
    let RouteSearch::GaveUp { stats } = search else {
        panic!("expected the search to give up, got {search:?}");
    };
    assert!(stats.peak_bytes <= 1 << 20, "{stats:?}");
    assert!(stats.peak_bytes > 1 << 19, "{stats:?}");
    assert!(stats.to_string().starts_with("gave up after "), "{stats}");
}

#[test]
fn the_same_shape_small_enough_to_search_finds_its_route() {
    let catalog = independent_credentials(8);
    let search = catalog.find_route("start", "goal", &[]);
    let route = search.route().expect("a route within budget");
    assert_eq!(route.steps.len(), 9);
    assert_eq!(
        route.steps.last().map(|s| s.transition.as_str()),
        Some("start-to-goal")
    );
    // 2^8 credential sets in `start`, plus the goal.
    assert_eq!(search.stats().states, 257);
}

#[test]
fn an_exhausted_search_is_certain_there_is_no_route() {
    let search = Catalog::embedded().find_route("pharmacist", "certified-nursing-assistant", &[]);
    assert!(matches!(search, RouteSearch::NoRoute { .. }), "{search:?}");
    let search = Catalog::embedded().find_route("no-such-role", "pharmacist", &[]);
    assert!(matches!(search, RouteSearch::NoRoute { .. }), "{search:?}");
}

#[test]
fn a_tiny_budget_gives_up_even_where_a_route_exists() {
    let budget = SearchBudget {
        max_routes: 3,
        max_bytes: SearchBudget::DEFAULT.max_bytes,
    };
    let search = Catalog::embedded().find_route_within(
        "certified-nursing-assistant",
        "nurse-practitioner",
        &[],
        budget,
    );
    assert!(matches!(search, RouteSearch::GaveUp { .. }), "{search:?}");
    assert!(
        Catalog::embedded()
            .path("certified-nursing-assistant", "nurse-practitioner")
            .is_some()
    );
}

/// The budget is for hostile catalogs: every search of the embedded one (each pair of roles,
/// with nothing or a few credentials held) stays under 1/100 of it.
#[test]
fn embedded_catalog_searches_stay_far_inside_the_budget() {
    let catalog = Catalog::embedded();
    let budget = SearchBudget::DEFAULT;
    let starts = std::iter::once(ENTRY).chain(catalog.roles.iter().map(|r| r.id.as_str()));
    let helds: [&[&str]; 3] = [&[], &["bsn"], &["msn", "ccrn", "rn-license"]];
    let (mut routes, mut bytes) = (0, 0);
    for from in starts {
        for to in &catalog.roles {
            for held in helds {
                let search = catalog.find_route(from, &to.id, held);
                assert!(
                    !matches!(search, RouteSearch::GaveUp { .. }),
                    "{from} -> {}",
                    to.id
                );
                routes = routes.max(search.stats().routes);
                bytes = bytes.max(search.stats().peak_bytes);
            }
        }
    }
    eprintln!("largest search: {routes} routes, {bytes} bytes");
    assert!(routes * 100 < budget.max_routes, "{routes} routes");
    assert!(bytes * 100 < budget.max_bytes, "{bytes} bytes");
}
