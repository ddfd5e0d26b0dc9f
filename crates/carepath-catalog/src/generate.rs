//! Generated user catalogs for tests and benchmarks of the route search: valid catalogs whose
//! shape makes the search work hard.

use std::fmt::Write as _;

/// A valid user catalog where credentials `c-0`..`c-{n-1}` can each be earned on its own, by
/// one step within the role `start`, and `goal` takes all of them: every subset of the
/// credentials is a distinct search state, so there are 2^n of them. A route exists (earn
/// them all, then move); it is n + 1 steps long.
pub fn independent_credentials(n: usize) -> String {
    let mut toml = String::from(
        "format = 1\n\n[sources.mine]\nlabel = \"Mine\"\ncitation = \"A generated catalog.\"\nyear = 2025\nunverified = true\n",
    );
    for id in ["start", "goal"] {
        let _ = write!(
            toml,
            "\n[[roles]]\nid = \"{id}\"\nname = \"Role {id}\"\ntrack = \"nursing\"\nsource = \"mine\"\nyear = 2025\nverified = false\n"
        );
    }
    for i in 0..n {
        let _ = write!(
            toml,
            "\n[[credentials]]\nid = \"c-{i}\"\nname = \"Credential {i}\"\nkind = \"certification\"\nbody = \"Board {i}\"\nsource = \"mine\"\nyear = 2025\nverified = false\n\
             \n[[transitions]]\nid = \"earn-c-{i}\"\nfrom = \"start\"\nto = \"start\"\nvia = \"Earn credential {i}\"\nneeds = {{ all_of = [\"c-{i}\"] }}\n\
             months = {{ typical = 1, verified = false }}\nsource = \"mine\"\nyear = 2025\nverified = false\n"
        );
    }
    let all: Vec<String> = (0..n).map(|i| format!("\"c-{i}\"")).collect();
    let _ = write!(
        toml,
        "\n[[transitions]]\nid = \"start-to-goal\"\nfrom = \"start\"\nto = \"goal\"\nvia = \"Apply\"\nprerequisites = [{}]\n\
         months = {{ typical = 1, verified = false }}\nsource = \"mine\"\nyear = 2025\nverified = false\n",
        all.join(", ")
    );
    toml
}
