//! The bounded route search behind [`Catalog::path`](crate::Catalog::path): Dijkstra over
//! (role, credentials held), within a budget of routes and memory.
//!
//! A state is a role and a set of credentials, so a catalog where many credentials can each be
//! earned on their own has as many states as it has subsets of them: 120 such credentials are
//! 2^120 states. The search therefore counts every partial route it queues and the bytes it
//! holds (queued routes and known states, estimated from their sizes), and gives up when
//! either passes [`SearchBudget`]. Giving up is its own answer, [`RouteSearch::GaveUp`], never
//! "no route": a route may well exist.
//!
//! States are interned (a role index and a bit set of credentials, each stored once) and a
//! queued route is its months, cost and the transitions taken, so the order routes come out
//! in is exactly that of the plain search: months, then cost in cents, then transition ids.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap, HashMap};
use std::fmt;
use std::mem::size_of;

use crate::model::{Catalog, Cost, Transition};
use crate::path::{Route, cents_of, credential_fees};

/// Limits of one route search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchBudget {
    /// Partial routes the search may queue, in all.
    pub max_routes: usize,
    /// Bytes the search may hold at once (queued routes and known states), as estimated from
    /// their sizes.
    pub max_bytes: usize,
}

impl SearchBudget {
    /// The budget of [`Catalog::path`](crate::Catalog::path): 100,000 routes and 32 MiB. The
    /// embedded catalog's largest search (every pair of roles, with and without credentials
    /// held) queues a few hundred routes and holds well under 1 MiB; the budget is there for
    /// hostile user catalogs.
    pub const DEFAULT: SearchBudget = SearchBudget {
        max_routes: 100_000,
        max_bytes: 32 << 20,
    };
}

impl Default for SearchBudget {
    fn default() -> Self {
        SearchBudget::DEFAULT
    }
}

/// What one route search did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchStats {
    /// Partial routes queued: each is one step taken from a state reached.
    pub routes: usize,
    /// Distinct (role, credentials held) states known, reached or queued.
    pub states: usize,
    /// States settled (their fastest route known).
    pub settled: usize,
    /// The most bytes the search held at once, estimated from the sizes of its queued routes
    /// and known states.
    pub peak_bytes: usize,
    /// The budget the search ran within.
    pub budget: SearchBudget,
}

impl SearchStats {
    pub(crate) fn new(budget: SearchBudget) -> Self {
        SearchStats {
            routes: 0,
            states: 0,
            settled: 0,
            peak_bytes: 0,
            budget,
        }
    }
}

/// The answer of a route search.
// Returned once per search, never stored in bulk: a boxed route would only cost an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum RouteSearch {
    /// The fastest route.
    Found { route: Route, stats: SearchStats },
    /// Every reachable state was searched and none is the target; also when either role is
    /// unknown.
    NoRoute { stats: SearchStats },
    /// The search stopped at its budget before finding a route: one may still exist.
    GaveUp { stats: SearchStats },
}

impl RouteSearch {
    pub fn stats(&self) -> &SearchStats {
        match self {
            RouteSearch::Found { stats, .. }
            | RouteSearch::NoRoute { stats }
            | RouteSearch::GaveUp { stats } => stats,
        }
    }

    pub fn route(&self) -> Option<&Route> {
        match self {
            RouteSearch::Found { route, .. } => Some(route),
            _ => None,
        }
    }

    pub fn into_route(self) -> Option<Route> {
        match self {
            RouteSearch::Found { route, .. } => Some(route),
            _ => None,
        }
    }
}

/// "gave up after 100,000 routes": what a search that stopped at its budget says, with the
/// limit it reached.
impl fmt::Display for SearchStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = |n: usize| carepath_model::numbers::grouped(n as f64);
        write!(
            f,
            "gave up after {} routes ({} states; the limit is {} routes or {} MiB)",
            count(self.routes),
            count(self.states),
            count(self.budget.max_routes),
            count(self.budget.max_bytes >> 20),
        )
    }
}

pub(crate) enum Outcome<'a> {
    Found(Vec<&'a Transition>, SearchStats),
    NoRoute(SearchStats),
    GaveUp(SearchStats),
}

/// A transition, with its ids resolved to indices.
struct Step<'a> {
    transition: &'a Transition,
    /// Position of the transition's id among the sorted distinct ids: routes compare by it.
    rank: u32,
    /// The role reached; `None` when the catalog has no such role (the step is never taken).
    to: Option<u32>,
    prerequisites: Vec<u32>,
    prerequisites_any: Vec<u32>,
    all_of: Vec<u32>,
    any_of: Vec<u32>,
    self_loop: bool,
}

/// A set of credentials, one bit per interned credential id.
type Held = Box<[u64]>;

fn holds(held: &[u64], id: u32) -> bool {
    held[(id / 64) as usize] & (1 << (id % 64)) != 0
}

fn add(held: &mut [u64], id: u32) {
    held[(id / 64) as usize] |= 1 << (id % 64);
}

/// Months, cost in cents, transitions taken (rank << 32 | index), state.
type Entry = Reverse<(u64, u64, Vec<u64>, u32)>;

/// What a queued route costs in memory beyond its entry: 8 bytes a step.
const STEP_BYTES: usize = size_of::<u64>();

struct Interner<'a> {
    ids: HashMap<&'a str, u32>,
}

impl<'a> Interner<'a> {
    fn id(&mut self, id: &'a str) -> u32 {
        let next = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        *self.ids.entry(id).or_insert(next)
    }

    fn all(&mut self, ids: &'a [String]) -> Vec<u32> {
        ids.iter().map(|id| self.id(id)).collect()
    }
}

/// Every state met, each stored once.
struct States {
    ids: HashMap<(u32, Held), u32>,
    by_id: Vec<(u32, Held)>,
    settled: Vec<bool>,
    /// What one state costs: its key in the map and in `by_id`, its id, its flag.
    state_bytes: usize,
}

impl States {
    /// The state's id, and whether it is new.
    fn intern(&mut self, key: (u32, Held), bytes: &mut usize) -> (u32, bool) {
        if let Some(&id) = self.ids.get(&key) {
            return (id, false);
        }
        let id = u32::try_from(self.by_id.len()).unwrap_or(u32::MAX);
        self.ids.insert(key.clone(), id);
        self.by_id.push(key);
        self.settled.push(false);
        *bytes += self.state_bytes;
        (id, true)
    }
}

pub(crate) fn search<'a>(
    catalog: &'a Catalog,
    from: &'a str,
    to: &str,
    start: &BTreeSet<&'a str>,
    region: Option<&str>,
    budget: SearchBudget,
) -> Outcome<'a> {
    let mut stats = SearchStats::new(budget);

    // Roles by id (the first of a duplicated id, as `Catalog::role` finds it); `from` is
    // interned too, as it may be ENTRY.
    let mut roles = Interner {
        ids: HashMap::new(),
    };
    for role in &catalog.roles {
        roles.id(&role.id);
    }
    let known_roles = roles.ids.len();
    let start_role = roles.id(from);
    let Some(&target) = roles.ids.get(to) else {
        return Outcome::NoRoute(stats);
    };

    let mut credentials = Interner {
        ids: HashMap::new(),
    };
    for id in start {
        credentials.id(id);
    }
    let mut ranks: Vec<&str> = catalog.transitions.iter().map(|t| t.id.as_str()).collect();
    ranks.sort_unstable();
    ranks.dedup();
    let mut steps = Vec::with_capacity(catalog.transitions.len());
    let mut from_role: Vec<Vec<u32>> = vec![Vec::new(); roles.ids.len()];
    for (index, transition) in catalog.transitions.iter().enumerate() {
        let rank = ranks
            .binary_search(&transition.id.as_str())
            .map_or(u32::MAX, |r| u32::try_from(r).unwrap_or(u32::MAX));
        let to = roles
            .ids
            .get(transition.to.as_str())
            .copied()
            .filter(|&r| (r as usize) < known_roles);
        steps.push(Step {
            transition,
            rank,
            to,
            prerequisites: credentials.all(&transition.prerequisites),
            prerequisites_any: credentials.all(&transition.prerequisites_any),
            all_of: credentials.all(&transition.needs.all_of),
            any_of: credentials.all(&transition.needs.any_of),
            self_loop: transition.from == transition.to,
        });
        // A step closed in the region is never taken: it stays in `steps` (indices are
        // positions in the catalog) but no role lists it.
        if !transition.open_in(region) {
            continue;
        }
        if let Some(&role) = roles.ids.get(transition.from.as_str()) {
            from_role[role as usize].push(u32::try_from(index).unwrap_or(u32::MAX));
        }
    }
    // The fee of each interned credential, as `Catalog::credential` finds it.
    let mut fees: Vec<Option<&Cost>> = vec![None; credentials.ids.len()];
    for (id, &index) in &credentials.ids {
        fees[index as usize] = catalog.credential(id).and_then(|c| c.cost.as_ref());
    }
    let words = credentials.ids.len().div_ceil(64).max(1);

    let mut held: Held = vec![0; words].into_boxed_slice();
    for id in start {
        if let Some(&index) = credentials.ids.get(id) {
            add(&mut held, index);
        }
    }

    let mut states = States {
        ids: HashMap::new(),
        by_id: Vec::new(),
        settled: Vec::new(),
        state_bytes: size_of::<(u32, Held)>() * 2 + size_of::<u32>() + words * 8 + 1,
    };
    let entry_bytes = |path: &[u64]| size_of::<Entry>() + path.len() * STEP_BYTES;
    let mut bytes = 0usize;

    let (first, _) = states.intern((start_role, held), &mut bytes);
    let mut queue: BinaryHeap<Entry> = BinaryHeap::new();
    bytes += entry_bytes(&[]);
    queue.push(Reverse((0, 0, Vec::new(), first)));
    stats.routes = 1;
    stats.peak_bytes = bytes;

    while let Some(Reverse((months, cents, taken, state))) = queue.pop() {
        bytes -= entry_bytes(&taken);
        let (role, held) = states.by_id[state as usize].clone();
        if role == target {
            stats.states = states.by_id.len();
            let route = taken
                .iter()
                .map(|&step| steps[(step & u64::from(u32::MAX)) as usize].transition)
                .collect();
            return Outcome::Found(route, stats);
        }
        if std::mem::replace(&mut states.settled[state as usize], true) {
            continue;
        }
        stats.settled += 1;
        let Some(outgoing) = from_role.get(role as usize) else {
            continue;
        };
        for &index in outgoing {
            let step = &steps[index as usize];
            let Some(next_role) = step.to else { continue };
            if !step.prerequisites.iter().all(|&id| holds(&held, id))
                || !(step.prerequisites_any.is_empty()
                    || step.prerequisites_any.iter().any(|&id| holds(&held, id)))
            {
                continue;
            }
            let earned = earned(step, &held);
            if step.self_loop && earned.is_empty() {
                continue;
            }
            let mut next_held = held.clone();
            for &id in &earned {
                add(&mut next_held, id);
            }
            let (next, new) = states.intern((next_role, next_held), &mut bytes);
            if !new && states.settled[next as usize] {
                continue;
            }
            if stats.routes >= budget.max_routes {
                stats.states = states.by_id.len();
                return Outcome::GaveUp(stats);
            }
            let step_cents = match &step.transition.cost {
                Some(cost) => cents_of(cost.amount),
                None => credential_fees(earned.iter().map(|&id| fees[id as usize]))
                    .map_or(0, |c| cents_of(c.amount)),
            };
            let mut path = Vec::with_capacity(taken.len() + 1);
            path.extend_from_slice(&taken);
            path.push(u64::from(step.rank) << 32 | u64::from(index));
            bytes += entry_bytes(&path);
            if bytes > budget.max_bytes {
                stats.states = states.by_id.len();
                return Outcome::GaveUp(stats);
            }
            stats.routes += 1;
            stats.peak_bytes = stats.peak_bytes.max(bytes);
            queue.push(Reverse((
                months + u64::from(step.transition.months.typical),
                cents + step_cents,
                path,
                next,
            )));
        }
    }
    stats.states = states.by_id.len();
    Outcome::NoRoute(stats)
}

/// What a step adds, as `path::earned_credentials` has it: its `all_of` credentials not yet
/// held (repeats kept), and the first of its `any_of` unless one is held already.
fn earned(step: &Step<'_>, held: &[u64]) -> Vec<u32> {
    let mut earned: Vec<u32> = step
        .all_of
        .iter()
        .copied()
        .filter(|&id| !holds(held, id))
        .collect();
    if !step.any_of.iter().any(|&id| holds(held, id))
        && let Some(&first) = step.any_of.first()
        && !earned.contains(&first)
    {
        earned.push(first);
    }
    earned
}
