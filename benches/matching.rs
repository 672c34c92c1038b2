//! Matching benchmark (not a test): time to draw n = 32 with exclusions and n = 10,000 without,
//! beside a baseline of one plain Fisher–Yates shuffle of the same size, run side by side.
//!
//! Run: `cargo bench --bench matching`

use std::hint::black_box;
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::SeedableRng;
use secret_santa::domain::matching::{draw_assignment, shuffle};

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

fn report(label: &str, runs: usize, n: usize, allowed: impl Fn(usize, usize) -> bool + Copy) {
    let mut rng = StdRng::seed_from_u64(42);
    let draw = median_time(runs, || {
        black_box(draw_assignment(n, allowed, &mut rng).expect("a valid draw exists"));
    });
    let mut items: Vec<usize> = (0..n).collect();
    let baseline = median_time(runs, || {
        shuffle(&mut items, &mut rng);
        black_box(&items);
    });
    println!(
        "| {label} | {:.1} µs | {:.1} µs | {:.1}× |",
        draw.as_secs_f64() * 1e6,
        baseline.as_secs_f64() * 1e6,
        draw.as_secs_f64() / baseline.as_secs_f64()
    );
}

fn main() {
    println!("| case | draw (median) | one shuffle (median) | ratio |");
    println!("| --- | --- | --- | --- |");
    // 16 couples who may not draw each other, both ways.
    let couples = |g: usize, r: usize| g / 2 != r / 2;
    report("n = 32, 16 couples excluded both ways", 2001, 32, couples);
    report("n = 32, no exclusions", 2001, 32, |_, _| true);
    report("n = 10,000, no exclusions", 201, 10_000, |_, _| true);
}
