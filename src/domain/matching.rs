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
    let may = |g: usize, r: usize| g != r && allowed(g, r);
    // recipient -> giver currently matched to it
    let mut owner: Vec<Option<usize>> = vec![None; n];

    fn augment(
        g: usize,
        n: usize,
        may: &dyn Fn(usize, usize) -> bool,
        owner: &mut [Option<usize>],
        seen: &mut [bool],
    ) -> bool {
        for r in 0..n {
            if may(g, r) && !seen[r] {
                seen[r] = true;
                if owner[r].is_none_or(|other| augment(other, n, may, owner, seen)) {
                    owner[r] = Some(g);
                    return true;
                }
            }
        }
        false
    }

    for g in 0..n {
        let mut seen = vec![false; n];
        if !augment(g, n, &may, &mut owner, &mut seen) {
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
            return Some(Blockers {
                givers: pick(givers),
                recipients: pick(recipients),
            });
        }
    }
    None
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
}
