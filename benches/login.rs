//! Login benchmark (not a test): login throughput, and the latency of an ordinary page with and
//! without logins running, side by side; plus the time of a wrong password against a known email
//! and against an unknown one (they should match: unknown emails verify against a dummy hash).
//!
//! Then login latency under a burst of 30 concurrent registrations, against idle, side by side:
//! registrations hash in their own queue, so logins must stay within 2× of idle at p99.
//!
//! Run: `cargo bench --features ssr --bench login` (PostgreSQL: an embedded cluster in a temp dir).

#[path = "../tests/it/common/mod.rs"]
mod common;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const PASSWORD: &str = "correct horse battery";
const PHASE: Duration = Duration::from_secs(10);
const LOGIN_CLIENTS: usize = 8;
const REGISTRATION_CLIENTS: usize = 30;
const LOGIN_ROUNDS: usize = 60;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[rank]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// GET / in a loop for `PHASE`; sorted latencies.
async fn page_latencies(base: &str) -> Vec<Duration> {
    let client = reqwest::Client::new();
    let mut samples = Vec::new();
    let start = Instant::now();
    while start.elapsed() < PHASE {
        let t = Instant::now();
        let res = client.get(base).send().await.unwrap();
        assert!(res.status().is_success());
        res.bytes().await.unwrap();
        samples.push(t.elapsed());
    }
    samples.sort();
    samples
}

async fn login(
    client: &reqwest::Client,
    base: &str,
    email: &str,
    password: &str,
) -> reqwest::StatusCode {
    client
        .post(format!("{base}/api/login"))
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap()
        .status()
}

/// `LOGIN_ROUNDS` logins one after another; sorted latencies.
async fn login_latencies(base: &str) -> Vec<Duration> {
    let client = reqwest::Client::new();
    let mut samples = Vec::new();
    for _ in 0..LOGIN_ROUNDS {
        let t = Instant::now();
        let status = login(&client, base, "bench@example.org", PASSWORD).await;
        assert!(status.is_success(), "{status}");
        samples.push(t.elapsed());
    }
    samples.sort();
    samples
}

/// Login latencies while `REGISTRATION_CLIENTS` clients register new accounts without pause;
/// also how many registrations went through and how many were refused (429).
async fn login_latencies_under_registrations(base: &str) -> (Vec<Duration>, u64, u64) {
    let stop = Arc::new(AtomicBool::new(false));
    let (made, refused) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let mut workers = Vec::new();
    for worker in 0..REGISTRATION_CLIENTS {
        let (stop, made, refused, base) = (
            stop.clone(),
            made.clone(),
            refused.clone(),
            base.to_string(),
        );
        workers.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                let email = format!(
                    "burst-{worker}-{i}-{}@example.org",
                    Instant::now().elapsed().as_nanos()
                );
                let status = client
                    .post(format!("{base}/api/register"))
                    .form(&[
                        ("first_name", "Olga"),
                        ("surname", "Organizer"),
                        ("email", email.as_str()),
                        ("password", PASSWORD),
                        ("confirm", PASSWORD),
                    ])
                    .send()
                    .await
                    .unwrap()
                    .status();
                match status.as_u16() {
                    200..=399 => made.fetch_add(1, Ordering::Relaxed),
                    429 => refused.fetch_add(1, Ordering::Relaxed),
                    other => panic!("registration answered {other}"),
                };
            }
        }));
    }
    // Let the burst fill the registration queue first.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let samples = login_latencies(base).await;
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.await.unwrap();
    }
    (
        samples,
        made.load(Ordering::Relaxed),
        refused.load(Ordering::Relaxed),
    )
}

async fn median_login_time(base: &str, email: &str, password: &str, rounds: usize) -> Duration {
    let client = reqwest::Client::new();
    let mut samples = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        login(&client, base, email, password).await;
        samples.push(t.elapsed());
    }
    samples.sort();
    percentile(&samples, 0.5)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    secret_santa::install_crypto_provider();
    let mut config = common::test_auth_config();
    // The benchmark logs in far more often than a person could.
    config.max_failures_per_account = i32::MAX;
    config.max_failures_per_address = i32::MAX;
    let hash_concurrency = config.hash_concurrency;
    let app = common::spawn_app(config).await;
    let base = app.base.clone();
    let client = reqwest::Client::new();
    let res = client
        .post(format!("{base}/api/register"))
        .form(&[
            ("first_name", "Olga"),
            ("surname", "Organizer"),
            ("email", "bench@example.org"),
            ("password", PASSWORD),
            ("confirm", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());

    println!(
        "machine: {} cores; password hashes at once: {hash_concurrency}",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("phase length: {} s each\n", PHASE.as_secs());

    let idle = page_latencies(&base).await;

    let stop = Arc::new(AtomicBool::new(false));
    let logins = Arc::new(AtomicU64::new(0));
    let mut workers = Vec::new();
    for _ in 0..LOGIN_CLIENTS {
        let (stop, logins, base) = (stop.clone(), logins.clone(), base.clone());
        workers.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            while !stop.load(Ordering::Relaxed) {
                let status = login(&client, &base, "bench@example.org", PASSWORD).await;
                assert!(status.is_success(), "{status}");
                logins.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    let started = Instant::now();
    let loaded = page_latencies(&base).await;
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.await.unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let done = logins.load(Ordering::Relaxed);

    println!("| measure | idle | {LOGIN_CLIENTS} clients logging in | ratio |");
    println!("| --- | --- | --- | --- |");
    for (name, p) in [("GET / p50", 0.5), ("GET / p99", 0.99)] {
        let (a, b) = (percentile(&idle, p), percentile(&loaded, p));
        println!(
            "| {name} | {:.2} ms | {:.2} ms | {:.2}× |",
            ms(a),
            ms(b),
            ms(b) / ms(a)
        );
    }
    println!(
        "| GET / requests | {} | {} | {:.2}× |",
        idle.len(),
        loaded.len(),
        loaded.len() as f64 / idle.len() as f64
    );
    println!(
        "\nlogin throughput: {done} logins in {elapsed:.1} s = {:.1} logins/s",
        done as f64 / elapsed
    );

    let known = median_login_time(&base, "bench@example.org", "wrong password", 20).await;
    let unknown = median_login_time(&base, "nobody@example.org", "wrong password", 20).await;
    println!(
        "wrong password, median of 20: known email {:.1} ms, unknown email {:.1} ms (ratio {:.2})",
        ms(known),
        ms(unknown),
        ms(unknown) / ms(known)
    );

    // Logins under a registration burst: first with registration unthrottled (the worst case for
    // the hashing queues), then with the default per-address limit.
    for (label, per_address) in [
        ("registrations unthrottled", i32::MAX),
        (
            "default registration limit",
            secret_santa::config::DEFAULT_REGISTRATIONS_PER_ADDRESS,
        ),
    ] {
        let mut config = common::test_auth_config();
        config.max_failures_per_account = i32::MAX;
        config.max_failures_per_address = i32::MAX;
        config.registrations_per_address = per_address;
        let app = common::spawn_app(config).await;
        let res = reqwest::Client::new()
            .post(format!("{}/api/register", app.base))
            .form(&[
                ("first_name", "Olga"),
                ("surname", "Organizer"),
                ("email", "bench@example.org"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success());
        let idle = login_latencies(&app.base).await;
        let (burst, made, refused) = login_latencies_under_registrations(&app.base).await;
        println!("\nlogin latency, {LOGIN_ROUNDS} logins, idle vs {REGISTRATION_CLIENTS} clients registering ({label}: {made} registered, {refused} refused):");
        println!("| measure | idle | under the burst | ratio |");
        println!("| --- | --- | --- | --- |");
        for (name, p) in [("login p50", 0.5), ("login p99", 0.99)] {
            let (a, b) = (percentile(&idle, p), percentile(&burst, p));
            println!(
                "| {name} | {:.1} ms | {:.1} ms | {:.2}× |",
                ms(a),
                ms(b),
                ms(b) / ms(a)
            );
        }
    }
}
