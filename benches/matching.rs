//! Matching benchmark (not a test): time to draw n = 32 under rule sets from none to the hardest
//! found, and n = 10,000 without rules, beside a baseline of one plain Fisher–Yates shuffle of
//! the same size, run side by side; and which stage of the sampler answered.
//!
//! Run: `cargo bench --bench matching`

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use secret_santa::domain::draw::rules_keep_the_secret;
use secret_santa::domain::matching::{
    draw_assignment_by_stage, find_blockers, forced_pairs, insider_forced_givers, shuffle, Refusal,
    Stage,
};

fn median_time(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    samples.sort();
    samples[runs / 2]
}

fn format_time(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1_000.0 {
        format!("{us:.1} µs")
    } else {
        format!("{:.1} ms", us / 1_000.0)
    }
}

/// 1234567 → "1,234,567".
fn grouped(x: f64) -> String {
    let digits = format!("{:.0}", x);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn report(label: &str, runs: usize, n: usize, allowed: impl Fn(usize, usize) -> bool + Copy) {
    let mut rng = StdRng::seed_from_u64(42);
    let mut answers: BTreeMap<&str, usize> = BTreeMap::new();
    let draw = median_time(runs, || {
        let answer = match black_box(draw_assignment_by_stage(n, allowed, &mut rng)) {
            Ok((_, Stage::Shuffle)) => "shuffle",
            Ok((_, Stage::Counting)) => "counting",
            Ok((_, Stage::Proposals)) => "proposals",
            Ok((_, Stage::LargeCounting)) => "large counting",
            Err(Refusal::TooTight { .. }) => "refused: too tight",
            Err(Refusal::NoValidDraw) => panic!("{label}: the rules leave a valid draw"),
        };
        *answers.entry(answer).or_default() += 1;
    });
    let answered_by = match answers.len() {
        1 => answers.keys().next().expect("one answer").to_string(),
        _ => answers
            .iter()
            .map(|(stage, count)| format!("{stage} {:.0} %", 100.0 * *count as f64 / runs as f64))
            .collect::<Vec<_>>()
            .join(", "),
    };
    let mut items: Vec<usize> = (0..n).collect();
    let baseline = median_time(runs.max(2001), || {
        shuffle(&mut items, &mut rng);
        black_box(&items);
    });
    println!(
        "| {label} | {answered_by} | {} | {} | {}× |",
        format_time(draw),
        format_time(baseline),
        grouped(draw.as_secs_f64() / baseline.as_secs_f64())
    );
}

/// Rules as bit masks: `rows[g]` has bit r when g may give to r. Everyone may give to the next
/// person on a random cycle (so a valid draw exists), and to each other person with probability
/// `p`.
fn random_rules(n: usize, seed: u64, p: f64) -> Vec<u32> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut order: Vec<usize> = (0..n).collect();
    shuffle(&mut order, &mut rng);
    let mut rows = vec![0u32; n];
    for (i, &g) in order.iter().enumerate() {
        rows[g] |= 1 << order[(i + 1) % n];
    }
    for (g, row) in rows.iter_mut().enumerate() {
        for r in 0..n {
            if r != g && rng.random_bool(p) {
                *row |= 1 << r;
            }
        }
    }
    rows
}

/// Each giver may give to `each` people: one on a random cycle and `each − 1` others at random.
fn sparse_rules(n: usize, each: u32, seed: u64) -> Vec<u32> {
    let mut rows = random_rules(n, seed, 0.0);
    let mut rng = StdRng::seed_from_u64(seed + 1);
    for (g, row) in rows.iter_mut().enumerate() {
        while row.count_ones() < each {
            let r = rng.random_range(0..n);
            if r != g {
                *row |= 1 << r;
            }
        }
    }
    rows
}

/// Exclusion rules: pairs of different people who may not draw each other (one way).
fn rule_count(rows: &[u32]) -> usize {
    let n = rows.len();
    n * (n - 1)
        - rows
            .iter()
            .map(|row| row.count_ones() as usize)
            .sum::<usize>()
}

fn main() {
    println!("| case | answered by | draw (median) | one shuffle (median) | ratio |");
    println!("| --- | --- | ---: | ---: | ---: |");
    // 16 couples who may not draw each other, both ways.
    let couples = |g: usize, r: usize| g / 2 != r / 2;
    report("n = 32, 16 couples excluded both ways", 2001, 32, couples);
    report("n = 32, no exclusions", 2001, 32, |_, _| true);
    report("n = 10,000, no exclusions", 201, 10_000, |_, _| true);

    // The shape of the bug report: 10 people, 67 exclusion rules, 6 valid draws.
    let issue: [&[usize]; 10] = [
        &[5, 9],
        &[6, 7],
        &[0, 1, 3],
        &[2, 8],
        &[1, 7],
        &[2, 7, 9],
        &[1, 3, 4],
        &[0, 5],
        &[4, 9],
        &[0, 8],
    ];
    report("n = 10, 67 rules, 6 valid draws", 2001, 10, |g, r| {
        issue[g].contains(&r)
    });

    // Worst cases found for 32 people.
    let staircase = |g: usize, r: usize| r <= g + 1;
    report(
        "n = 32, staircase: g may give only to r ≤ g + 1",
        2001,
        32,
        staircase,
    );
    let may = |rows: &[u32]| {
        let rows = rows.to_vec();
        move |g: usize, r: usize| rows[g] >> r & 1 == 1
    };
    let cases = [
        ("3 allowed recipients each", sparse_rules(32, 3, 1), 201),
        ("4 allowed recipients each", sparse_rules(32, 4, 1), 201),
        (
            "each pair allowed with p = 1/2",
            random_rules(32, 7, 0.5),
            201,
        ),
        (
            "each pair allowed with p = 0.18",
            random_rules(32, 7, 0.18),
            101,
        ),
    ];
    for (shape, rows, runs) in cases {
        let label = format!("n = 32, {shape} (random, {} rules)", rule_count(&rows));
        report(&label, runs, 32, &may(&rows));
    }
    // A staircase (g may give to r ≤ g + 1) plus random extra recipients: the proposals' bound
    // is far too loose for it and its counting table far too large.
    let stairs_plus = |extra: usize, seed: u64| -> Vec<u32> {
        let mut rng = StdRng::seed_from_u64(seed);
        (0..32)
            .map(|g| {
                let extra = (0..extra).fold(0u32, |set, _| set | 1 << rng.random_range(0..32));
                ((0..32)
                    .filter(|&r| r <= g + 1)
                    .fold(0u32, |set, r| set | 1 << r)
                    | extra)
                    & !(1 << g)
            })
            .collect()
    };
    for (extra, seed) in [(2, 4), (1, 2), (1, 25)] {
        let rows = stairs_plus(extra, seed);
        let plural = if extra == 1 { "" } else { "s" };
        let label = format!(
            "n = 32, staircase plus {extra} random recipient{plural} each (seed {seed}, {} rules)",
            rule_count(&rows)
        );
        report(&label, 5, 32, &may(&rows));
    }
    rules_check();
}

/// The rules check the editor asks for as the organizer types (`rules_keep_the_secret`), on the
/// densest secret rules of 32 people (each may give only to the next two: 928 exclusions), for
/// an organizer outside the draw and one taking part; beside the same check asking a search of
/// the exclusion list instead of a table, as it did before 2026-11-27.
fn rules_check() {
    let n = 32;
    let names: Vec<String> = (0..n).map(|i| format!("P{i}")).collect();
    let exclusions: Vec<(usize, usize)> = (0..n)
        .flat_map(|g| (0..n).map(move |r| (g, r)))
        .filter(|&(g, r)| g != r && r != (g + 1) % n && r != (g + 2) % n)
        .collect();
    let listed = |g: usize, r: usize| !exclusions.contains(&(g, r));
    println!();
    println!(
        "| rules check, n = 32, 928 exclusions | table (now) | list search (before) | ratio |"
    );
    println!("| --- | ---: | ---: | ---: |");
    for (who, insider) in [
        ("organizer outside the draw", None),
        ("organizer taking part", Some(5)),
    ] {
        let table = median_time(21, || {
            let _ = black_box(rules_keep_the_secret(&names, &exclusions, insider));
        });
        let list = median_time(3, || {
            black_box(find_blockers(n, listed));
            black_box(forced_pairs(n, listed));
            if let Some(insider) = insider {
                black_box(insider_forced_givers(n, insider, listed));
            }
        });
        println!(
            "| {who} | {} | {} | {:.0}× faster |",
            format_time(table),
            format_time(list),
            list.as_secs_f64() / table.as_secs_f64()
        );
    }
}
