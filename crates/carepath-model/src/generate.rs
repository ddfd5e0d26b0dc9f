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

/// The units, groups and target roles of [`cohort_plan`]'s rosters.
const UNITS: [(&str, &str, &str); 4] = [
    ("4 West Med-Surg", "med-surg-nurse", "cmsrn"),
    ("MICU", "critical-care-nurse", "ccrn"),
    ("Emergency", "emergency-nurse", "cen"),
    ("Progressive care", "progressive-care-nurse", "pccn"),
];
const GROUPS: [&str; 3] = ["Residency A", "Residency B", "Clinical ladder"];

/// One realistic plan of a nurse on a cohort roster (the shape of `fixtures/cohort/plans/`): a
/// new graduate or a ladder nurse with an RN license, a BLS card (and ACLS on the critical units)
/// that expire at dates spread over two years, a CE log, two goals and four milestones towards a
/// specialty certification. The same `i` always gives the same plan; returns the unit and group
/// for the roster with it.
pub fn cohort_plan(i: usize) -> (String, &'static str, &'static str) {
    let mut rng = Rng(0x5eed_c0ff_ee00 + i as u64);
    let (unit, target, cert) = UNITS[i % UNITS.len()];
    let group = GROUPS[(i / UNITS.len()) % GROUPS.len()];
    let start_month = [3u64, 9][(i / 7) % 2];
    let start_year = 2026 - rng.range(0, 2);
    let by_year = start_year + 1 + rng.range(0, 2);
    let bls = (2024 + rng.range(0, 3), rng.range(1, 13), rng.range(1, 28));
    let mut creds = format!(
        "  \"bsn\",\n  {{ id = \"rn-license\", earned = {start_year}-01-20, expires = {}-01-31, jurisdiction = \"US-CA\", number = \"RN {}\" }},\n  {{ id = \"bls\", earned = {}-{:02}-{:02} }},\n",
        start_year + 2,
        900_000 + i,
        bls.0,
        bls.1,
        bls.2
    );
    if unit != "4 West Med-Surg" {
        creds.push_str(&format!(
            "  {{ id = \"acls\", earned = {}-{:02}-{:02} }},\n",
            2024 + rng.range(0, 3),
            rng.range(1, 13),
            rng.range(1, 28)
        ));
    }
    let hours = rng.range(2, 7);
    let oriented = rng.chance(0.7);
    let mut ce = String::new();
    for k in 0..rng.range(1, 5) {
        ce.push_str(&format!(
            "\n[[ce]]\ndate = {start_year}-{:02}-{:02}\ntitle = \"Unit education day {}\"\nhours = {}\nprovider = \"Hospital education\"\n",
            rng.range(1, 13),
            rng.range(1, 28),
            k + 1,
            rng.range(1, 9)
        ));
    }
    let text = format!(
        "format = 1\nid = \"nurse-{i:05}\"\ntitle = \"{group}: from new RN to {} on {unit}\"\nstart = {start_year}-{start_month:02}-02\n\n[person]\nname = \"Nurse {i:05}\"\nrole = \"registered-nurse\"\nregion = \"US-CA\"\ncredentials = [\n{creds}]\n\n[capacity]\nhours_per_week = {hours}\n\n[target]\nrole = \"{target}\"\nby = {by_year}-06-30\n\n[[goals]]\nid = \"practice\"\ntitle = \"Practise independently on {unit} within 6 months of the start\"\ndue = {}-{:02}-28\n\n[[goals]]\nid = \"certify\"\ntitle = \"Pass the {} exam by {by_year}-06-30\"\ndue = {by_year}-06-30\n\n[[milestones]]\nid = \"orientation\"\ntitle = \"Unit orientation with a preceptor (12 weeks)\"\nkind = \"training\"\ngoal = \"practice\"\nduration = \"12 weeks\"\neffort_hours = 24\n{}\n[[milestones]]\nid = \"residency-seminars\"\ntitle = \"Nurse residency seminars, one a month\"\nkind = \"education\"\ngoal = \"practice\"\nafter = [\"orientation\"]\neffort_hours = 36\ndue = {by_year}-06-30\n\n[[milestones]]\nid = \"review-course\"\ntitle = \"Certification review course\"\nkind = \"training\"\ngoal = \"certify\"\nafter = [\"orientation\"]\neffort_hours = {}\n\n[[milestones]]\nid = \"exam\"\ntitle = \"Sit the {} exam\"\nkind = \"exam\"\ngoal = \"certify\"\nearns = \"{cert}\"\nafter = [\"review-course\"]\neffort_hours = 40\ndue = {by_year}-06-30\n{ce}",
        cert.to_uppercase(),
        if start_month < 7 {
            start_year
        } else {
            start_year + 1
        },
        (start_month + 5) % 12 + 1,
        cert.to_uppercase(),
        if oriented {
            format!("done = {start_year}-{:02}-20\n", start_month + 2)
        } else {
            String::new()
        },
        rng.range(16, 41),
        cert.to_uppercase(),
    );
    (text, unit, group)
}

#[cfg(test)]
mod cohort_tests {
    use super::*;

    #[test]
    fn cohort_plans_check_and_differ() {
        let mut seen = std::collections::HashSet::new();
        for i in 0..40 {
            let (text, unit, _) = cohort_plan(i);
            let c = crate::check(text.as_bytes(), crate::Format::Toml, None);
            let errors: Vec<_> = c.diagnostics.iter().filter(|d| d.is_error()).collect();
            assert!(errors.is_empty(), "plan {i}: {errors:?}\n{text}");
            assert!(text.contains(unit));
            seen.insert(text);
        }
        assert_eq!(seen.len(), 40);
        assert_eq!(
            cohort_plan(7).0,
            cohort_plan(7).0,
            "the same i, the same plan"
        );
    }
}
