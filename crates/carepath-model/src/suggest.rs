//! "Did you mean": the nearest candidate by edit distance, when it is near enough to be useful.

pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The closest candidate within a third of the word's length (at least 2 edits), ties going to
/// the earliest candidate.
pub fn did_you_mean<'a, I: IntoIterator<Item = &'a str>>(
    word: &str,
    candidates: I,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        // Cheap length filter first: big plans have thousands of ids.
        if c.len().abs_diff(word.len()) > limit {
            continue;
        }
        let d = levenshtein(word, c);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        let fields = ["effort_hours", "after", "due"];
        assert_eq!(did_you_mean("efort_hours", fields), Some("effort_hours"));
        assert_eq!(did_you_mean("deadline", fields), None);
        assert_eq!(
            did_you_mean("icu-hour", ["icu-hours", "icu-transfer"]),
            Some("icu-hours")
        );
    }
}
