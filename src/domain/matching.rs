//! Whether a set of rules leaves any valid draw: everyone gives to exactly one other person and
//! receives from exactly one, nobody draws themself, no exclusion is broken. That is a perfect
//! matching between givers and recipients; when there is none, Hall's condition fails for some
//! group of givers, and that group is who blocks the draw.

/// A group of givers who, between them, may give to fewer people than they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blockers {
    /// Indices of the givers.
    pub givers: Vec<usize>,
    /// Indices of everyone they may give to.
    pub recipients: Vec<usize>,
}

/// `allowed(g, r)`: may giver `g` give to recipient `r`? (Self-gifts are never allowed.)
/// Returns None when a valid draw exists, else the blocking group.
pub fn find_blockers(n: usize, allowed: impl Fn(usize, usize) -> bool) -> Option<Blockers> {
    let order: Vec<usize> = (0..n).collect();
    perfect_matching(n, &|g, r| g != r && allowed(g, r), &order).err()
}

/// A perfect matching (`result[giver] = recipient`) by augmenting paths, trying recipients in
/// `order`; or the Hall violator that proves there is none.
fn perfect_matching(
    n: usize,
    may: &dyn Fn(usize, usize) -> bool,
    order: &[usize],
) -> Result<Vec<usize>, Blockers> {
    // recipient -> giver currently matched to it
    let mut owner: Vec<Option<usize>> = vec![None; n];

    fn augment(
        g: usize,
        may: &dyn Fn(usize, usize) -> bool,
        order: &[usize],
        owner: &mut [Option<usize>],
        seen: &mut [bool],
    ) -> bool {
        for &r in order {
            if may(g, r) && !seen[r] {
                seen[r] = true;
                if owner[r].is_none_or(|other| augment(other, may, order, owner, seen)) {
                    owner[r] = Some(g);
                    return true;
                }
            }
        }
        false
    }

    for g in 0..n {
        let mut seen = vec![false; n];
        if !augment(g, may, order, &mut owner, &mut seen) {
            // Everyone reachable from `g` by alternating paths forms a Hall violator.
            let mut givers = vec![false; n];
            let mut recipients = vec![false; n];
            let mut stack = vec![g];
            givers[g] = true;
            while let Some(x) = stack.pop() {
                for r in 0..n {
                    if may(x, r) && !recipients[r] {
                        recipients[r] = true;
                        if let Some(next) = owner[r] {
                            if !givers[next] {
                                givers[next] = true;
                                stack.push(next);
                            }
                        }
                    }
                }
            }
            let pick = |v: Vec<bool>| {
                v.iter()
                    .enumerate()
                    .filter(|(_, b)| **b)
                    .map(|(i, _)| i)
                    .collect()
            };
            return Err(Blockers {
                givers: pick(givers),
                recipients: pick(recipients),
            });
        }
    }
    let mut assignment = vec![0; n];
    for (r, g) in owner.into_iter().enumerate() {
        assignment[g.expect("every recipient is matched in a perfect matching")] = r;
    }
    Ok(assignment)
}

/// Shuffles tried before falling back to a randomized matching.
pub const MAX_SHUFFLES: usize = 100_000;

/// Draws who gives to whom: `result[giver] = recipient`, nobody draws themself and every
/// `allowed` rule holds. Shuffles the recipients uniformly (Fisher–Yates) and keeps the first
/// shuffle that breaks no rule — rejection sampling, so **every valid assignment is equally
/// likely**. Only if `MAX_SHUFFLES` shuffles all fail (rules so tight that valid draws are rarer
/// than 1 in 100,000) does it fall back to a randomized perfect matching, which is valid but not
/// exactly uniform. None when the rules leave no valid draw at all.
pub fn draw_assignment<R: rand::Rng + ?Sized>(
    n: usize,
    allowed: impl Fn(usize, usize) -> bool,
    rng: &mut R,
) -> Option<Vec<usize>> {
    let may = |g: usize, r: usize| g != r && allowed(g, r);
    let mut recipients: Vec<usize> = (0..n).collect();
    for _ in 0..MAX_SHUFFLES {
        shuffle(&mut recipients, rng);
        if recipients.iter().enumerate().all(|(g, &r)| may(g, r)) {
            return Some(recipients);
        }
    }
    shuffle(&mut recipients, rng);
    perfect_matching(n, &may, &recipients).ok()
}

/// Fisher–Yates: every permutation equally likely.
pub fn shuffle<T, R: rand::Rng + ?Sized>(items: &mut [T], rng: &mut R) {
    for i in (1..items.len()).rev() {
        let j = rng.random_range(0..=i);
        items.swap(i, j);
    }
}

/// Plain words about a blocking group, with the participants' display names.
pub fn explain(blockers: &Blockers, names: &[String]) -> String {
    let list = |ids: &[usize]| -> String {
        let names: Vec<&str> = ids.iter().map(|&i| names[i].as_str()).collect();
        match names.as_slice() {
            [] => "nobody".to_string(),
            [one] => (*one).to_string(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        }
    };
    let givers = list(&blockers.givers);
    if blockers.recipients.is_empty() {
        format!("{givers} may not give to anyone, so no draw is possible. Remove some exclusions.")
    } else if blockers.givers.len() == 1 {
        format!(
            "{givers} can only give to {}, and that is not enough for a valid draw. Remove some exclusions.",
            list(&blockers.recipients)
        )
    } else {
        format!(
            "{givers} can only give to {} between them — someone would be left without a person to \
             give to. Remove some exclusions.",
            list(&blockers.recipients)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    fn names(n: usize) -> Vec<String> {
        ["Ada", "Bob", "Cy", "Dee", "Eve", "Fay"][..n]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn three_people_without_exclusions_can_always_be_drawn() {
        assert_eq!(find_blockers(3, |_, _| true), None);
    }

    #[test]
    fn a_couple_excluded_both_ways_among_four_still_leaves_a_draw() {
        let excluded = |g, r| (g, r) == (0, 1) || (g, r) == (1, 0);
        assert_eq!(find_blockers(4, |g, r| !excluded(g, r)), None);
    }

    #[test]
    fn someone_excluded_from_everyone_else_is_named_as_the_blocker() {
        let blockers = find_blockers(3, |g, _| g != 0).unwrap();
        assert_eq!(blockers.givers, vec![0]);
        assert!(blockers.recipients.is_empty());
        let text = explain(&blockers, &names(3));
        assert!(text.starts_with("Ada may not give to anyone"), "{text}");
    }

    #[test]
    fn two_people_who_may_only_give_to_the_same_person_block_the_draw() {
        // Ada and Bob may both give only to Cy.
        let allowed = |g: usize, r: usize| g >= 2 || r == 2;
        let blockers = find_blockers(4, allowed).unwrap();
        assert_eq!(blockers.givers, vec![0, 1]);
        assert_eq!(blockers.recipients, vec![2]);
        let text = explain(&blockers, &names(4));
        assert!(
            text.starts_with("Ada and Bob can only give to Cy between them"),
            "{text}"
        );
    }

    #[test]
    fn three_people_where_one_pair_is_excluded_both_ways_cannot_be_drawn() {
        // With 3 people the only draws are the two cycles; A↛B and B↛A kills both.
        let excluded = |g, r| (g, r) == (0, 1) || (g, r) == (1, 0);
        assert!(find_blockers(3, |g, r| !excluded(g, r)).is_some());
    }

    #[test]
    fn a_one_way_exclusion_among_three_leaves_exactly_the_other_cycle() {
        let excluded = |g, r| (g, r) == (0, 1);
        assert_eq!(find_blockers(3, |g, r| !excluded(g, r)), None);
    }

    /// Every permutation of 0..n that the rules allow.
    fn all_valid(n: usize, allowed: &dyn Fn(usize, usize) -> bool) -> Vec<Vec<usize>> {
        fn extend(
            n: usize,
            allowed: &dyn Fn(usize, usize) -> bool,
            current: &mut Vec<usize>,
            out: &mut Vec<Vec<usize>>,
        ) {
            let g = current.len();
            if g == n {
                out.push(current.clone());
                return;
            }
            for r in 0..n {
                if r != g && allowed(g, r) && !current.contains(&r) {
                    current.push(r);
                    extend(n, allowed, current, out);
                    current.pop();
                }
            }
        }
        let mut out = Vec::new();
        extend(n, allowed, &mut Vec::new(), &mut out);
        out
    }

    /// Pearson's chi-square of `sampler`'s draws against the uniform distribution over every
    /// valid assignment, and the critical value at p = 0.001 (Wilson–Hilferty).
    fn chi_square(
        n: usize,
        allowed: &dyn Fn(usize, usize) -> bool,
        sampler: &mut dyn FnMut(&mut StdRng) -> Vec<usize>,
    ) -> (f64, f64, usize) {
        let valid = all_valid(n, allowed);
        let per_cell = 200;
        let draws = valid.len() * per_cell;
        let mut counts = vec![0usize; valid.len()];
        let mut rng = StdRng::seed_from_u64(0x5EC2E7 + n as u64);
        for _ in 0..draws {
            let a = sampler(&mut rng);
            let i = valid
                .iter()
                .position(|v| *v == a)
                .expect("the sampler produced an invalid draw");
            counts[i] += 1;
        }
        let expected = per_cell as f64;
        let stat: f64 = counts
            .iter()
            .map(|&c| (c as f64 - expected).powi(2) / expected)
            .sum();
        let df = (valid.len() - 1) as f64;
        let z = 3.09;
        let critical = df * (1.0 - 2.0 / (9.0 * df) + z * (2.0 / (9.0 * df)).sqrt()).powi(3);
        (stat, critical, valid.len())
    }

    fn couples(g: usize, r: usize) -> bool {
        // 0↔1 and 2↔3 may not draw each other
        !matches!((g, r), (0, 1) | (1, 0) | (2, 3) | (3, 2))
    }

    #[test]
    fn every_valid_assignment_is_equally_likely_for_four_five_and_six_people() {
        for n in [4, 5, 6] {
            for (label, rule) in [
                (
                    "no exclusions",
                    &(|_: usize, _: usize| true) as &dyn Fn(usize, usize) -> bool,
                ),
                ("two couples", &couples),
            ] {
                let (stat, critical, cells) =
                    chi_square(n, rule, &mut |rng| draw_assignment(n, rule, rng).unwrap());
                assert!(
                    stat < critical,
                    "n = {n}, {label}: chi-square {stat:.1} over {cells} assignments ≥ {critical:.1}"
                );
            }
        }
    }

    #[test]
    fn the_uniformity_check_catches_a_biased_sampler() {
        // Sattolo's algorithm yields only single cycles: valid derangements, but not all of them.
        let n = 5;
        let (stat, critical, _) = chi_square(n, &|_, _| true, &mut |rng| loop {
            let mut a: Vec<usize> = (0..n).collect();
            for i in (1..n).rev() {
                let j = rand::Rng::random_range(rng, 0..i);
                a.swap(i, j);
            }
            if a.iter().enumerate().all(|(g, &r)| g != r) {
                break a;
            }
        });
        assert!(
            stat > critical,
            "a biased sampler passed: {stat:.1} < {critical:.1}"
        );
    }

    #[test]
    fn no_draw_is_made_when_the_rules_leave_none() {
        let mut rng = StdRng::seed_from_u64(1);
        let excluded = |g, r| (g, r) == (0, 1) || (g, r) == (1, 0);
        assert_eq!(draw_assignment(3, |g, r| !excluded(g, r), &mut rng), None);
    }

    #[test]
    fn rules_too_tight_for_shuffling_still_get_a_valid_draw_from_the_fallback() {
        // Everyone may give only to the next person: exactly one valid draw among 12! orders.
        let n = 12;
        let mut rng = StdRng::seed_from_u64(7);
        let a = draw_assignment(n, |g, r| r == (g + 1) % n, &mut rng).unwrap();
        assert!(a.iter().enumerate().all(|(g, &r)| r == (g + 1) % n));
    }

    proptest::proptest! {
        #[test]
        fn every_draw_gives_each_person_one_recipient_never_themself_and_breaks_no_exclusion(
            n in 3usize..=32,
            seed in proptest::prelude::any::<u64>(),
            exclusion_seeds in proptest::collection::vec((0usize..32, 0usize..32), 0..40),
        ) {
            let excluded: Vec<(usize, usize)> =
                exclusion_seeds.into_iter().map(|(g, r)| (g % n, r % n)).collect();
            let allowed = |g: usize, r: usize| !excluded.contains(&(g, r));
            let mut rng = StdRng::seed_from_u64(seed);
            match draw_assignment(n, allowed, &mut rng) {
                Some(a) => {
                    let mut seen = vec![false; n];
                    for (g, &r) in a.iter().enumerate() {
                        proptest::prop_assert!(r < n && r != g && allowed(g, r));
                        proptest::prop_assert!(!seen[r], "recipient {} drawn twice", r);
                        seen[r] = true;
                    }
                }
                None => proptest::prop_assert!(find_blockers(n, allowed).is_some()),
            }
        }
    }
}
