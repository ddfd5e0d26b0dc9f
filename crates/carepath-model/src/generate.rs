//! Large valid plans for benchmarks and tests, with the same shape as `gen-big-plan.py` in the
//! project's shared tools: N milestones in a random DAG (each after up to two of the 50 before
//! it), 1 to 39 effort hours, 30% with a duration of 1 to 11 weeks, 20% with a due date; 40 hours
//! a week on at most 8 at once; a goal per 25 milestones. The seed is fixed, so the same N always
//! gives the same plan.

/// SplitMix64: small, fast and the same on every machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// In `lo..hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

const KINDS: [&str; 11] = [
    "education",
    "certification",
    "exam",
    "training",
    "continuing-education",
    "networking",
    "mentorship",
    "shadowing",
    "volunteering",
    "leadership",
    "research",
];

/// A valid plan of `n` milestones, as TOML.
pub fn big_plan(n: usize) -> String {
    use std::fmt::Write;
    let mut rnd = Rng(20_261_122);
    let mut s = String::with_capacity(n * 160);
    let _ = writeln!(
        s,
        "format = 1\ntitle = \"Generated plan with {n} milestones\"\nstart = 2026-01-05\n\n[person]\nname = \"Generated Person\"\nvalues = [\"patient-care\", \"research\"]\n\n[capacity]\nhours_per_week = 40\nmax_parallel = 8\n"
    );
    let goals = (n / 25).max(1);
    for g in 0..goals {
        let _ = writeln!(
            s,
            "[[goals]]\nid = \"g{g}\"\ntitle = \"Goal number {g} with a concrete outcome\"\ndue = {}-12-31\nvalues = [\"patient-care\"]\n",
            2030 + g % 10
        );
    }
    for i in 0..n {
        let kind = KINDS[rnd.range(0, KINDS.len() as u64) as usize];
        let goal = rnd.range(0, goals as u64);
        let _ = writeln!(
            s,
            "[[milestones]]\nid = \"m{i}\"\ntitle = \"Milestone {i}\"\nkind = \"{kind}\"\ngoal = \"g{goal}\""
        );
        if i > 0 {
            let lo = i.saturating_sub(50) as u64;
            let mut deps: Vec<u64> = (0..rnd.range(0, 3))
                .map(|_| rnd.range(lo, i as u64))
                .collect();
            deps.sort_unstable();
            deps.dedup();
            if !deps.is_empty() {
                let list: Vec<String> = deps.iter().map(|d| format!("\"m{d}\"")).collect();
                let _ = writeln!(s, "after = [{}]", list.join(", "));
            }
        }
        let _ = writeln!(s, "effort_hours = {}", rnd.range(1, 40));
        if rnd.chance(0.3) {
            let _ = writeln!(s, "duration = \"{} weeks\"", rnd.range(1, 12));
        }
        if rnd.chance(0.2) {
            let _ = writeln!(
                s,
                "due = {}-0{}-15",
                rnd.range(2027, 2040),
                rnd.range(1, 10)
            );
        }
        s.push('\n');
    }
    s
}

/// `plan` (from [`big_plan`]) with `credentials` held credentials `cred-0`, `cred-1`, … (earned
/// on spread-out days in 2020–2025, every third with an `expires` too) and a CE log of `ce`
/// activities in 2022–2026, a third with a category, a quarter with a topic, a fifth counting
/// for one named credential. [`CredentialRules`] knows their renewal rules.
pub fn with_credentials(plan: &str, credentials: usize, ce: usize) -> String {
    use std::fmt::Write;
    let mut rnd = Rng(20_261_201);
    let mut list = String::from("credentials = [");
    for k in 0..credentials {
        let earned = format!(
            "{}-{:02}-{:02}",
            2020 + rnd.range(0, 6),
            1 + rnd.range(0, 12),
            1 + rnd.range(0, 28)
        );
        if k.is_multiple_of(3) {
            let _ = write!(
                list,
                "{{ id = \"cred-{k}\", earned = {earned}, expires = {}-{:02}-28 }}, ",
                2027 + rnd.range(0, 3),
                1 + rnd.range(0, 12)
            );
        } else {
            let _ = write!(list, "{{ id = \"cred-{k}\", earned = {earned} }}, ");
        }
    }
    list.push_str("]\n");
    let mut s = plan.replacen(
        "name = \"Generated Person\"\n",
        &format!("name = \"Generated Person\"\n{list}"),
        1,
    );
    for i in 0..ce {
        let hours = 1 + rnd.range(0, 8);
        let _ = write!(
            s,
            "[[ce]]\ndate = {}-{:02}-{:02}\ntitle = \"CE activity {i}\"\nhours = {hours}\n",
            2022 + rnd.range(0, 5),
            1 + rnd.range(0, 12),
            1 + rnd.range(0, 28)
        );
        if rnd.chance(0.33) {
            let _ = writeln!(
                s,
                "category = \"{}\"",
                ["A", "B", "C"][rnd.range(0, 3) as usize]
            );
        }
        if rnd.chance(0.25) {
            let _ = writeln!(
                s,
                "topics = {{ pharmacology = {} }}",
                rnd.range(0, hours + 1)
            );
        }
        if credentials > 0 && rnd.chance(0.2) {
            let _ = writeln!(
                s,
                "counts_for = [\"cred-{}\"]",
                rnd.range(0, credentials as u64)
            );
        }
        s.push('\n');
    }
    s
}

/// The renewal rules of [`with_credentials`]'s credentials: `cred-K` renews every 12, 24, 36 or
/// 48 months (by `K % 4`) with 10 to 40 hours of CE; every second one has category minimums
/// (A, B, C), every third a pharmacology minimum, every fifth a renewal course instead, every
/// seventh practice hours.
pub struct CredentialRules;

impl crate::Knowledge for CredentialRules {
    fn has_role(&self, _id: &str) -> bool {
        true
    }
    fn has_credential(&self, _id: &str) -> bool {
        true
    }
    fn renewal(&self, credential: &str, _jurisdiction: Option<&str>) -> Option<crate::RenewalRule> {
        let k: u32 = credential.strip_prefix("cred-")?.parse().ok()?;
        let mut r = crate::RenewalRule::every(12 * (1 + k % 4), "generated", false);
        if k.is_multiple_of(5) {
            r.course_hours = Some(4.0);
            return Some(r);
        }
        r.ce_hours = Some(f64::from(10 * (1 + k % 4)));
        if k.is_multiple_of(2) {
            r.categories = vec!["A".into(), "B".into(), "C".into()];
            r.category_minimums = vec![("A".into(), 5.0)];
        }
        if k.is_multiple_of(3) {
            r.topic_minimums = vec![("pharmacology".into(), 2.0)];
        }
        if k.is_multiple_of(7) {
            r.practice_hours = Some(400.0);
        }
        Some(r)
    }
}
