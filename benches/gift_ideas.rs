//! Gift-ideas benchmark (not a test): the server time of a cached gift-ideas request, side by side
//! with two baselines on the same server and session — `me` (the session lookup and one row) and
//! `my_draw` (the participant page's data) — in interleaved rounds.
//!
//! Run: `cargo bench --features ssr --bench gift_ideas` (PostgreSQL: an embedded cluster in a temp
//! dir; ideas from the offline provider, generated once before measuring).

#[path = "../tests/it/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use serde_json::{json, Value};

const PASSWORD: &str = "correct horse battery";
const ROUNDS: usize = 10;
const PER_ROUND: Duration = Duration::from_millis(500);

/// A request kind: its name, URL and form.
type Case<'a> = (&'a str, String, Vec<(&'a str, &'a str)>);

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[rank]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn call(client: &reqwest::Client, url: &str, form: &[(&str, &str)]) -> Duration {
    let t = Instant::now();
    let res = client.post(url).form(form).send().await.unwrap();
    assert!(res.status().is_success(), "{url}: {}", res.status());
    res.bytes().await.unwrap();
    t.elapsed()
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let app = common::spawn_app(common::test_auth_config()).await;
    let base = app.base.clone();
    let organizer = common::browser();
    let res = organizer
        .post(format!("{base}/api/register"))
        .form(&[
            ("first_name", "Olga"),
            ("surname", "Organizer"),
            ("email", "org@example.org"),
            ("password", PASSWORD),
            ("confirm", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    let people: Vec<Value> = (0..4)
        .map(|i| json!({ "name": format!("P{i}"), "surname": "Bench", "email": format!("p{i}@example.org"),
            "gift_preferences": "Jazz records, green tea, hiking maps and board games" }))
        .collect();
    let draw: String = organizer
        .post(format!("{base}/api/save_draw"))
        .json(
            &json!({ "id": null, "draw": { "name": "Bench", "budget": "30", "currency": "EUR",
            "exchange_date": "", "message": "", "participants": people, "exclusions": [] } }),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let links: Value = organizer
        .post(format!("{base}/api/run_draw"))
        .form(&[("id", draw.as_str())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = links[0]["url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap();
    let participant = common::browser();
    let res = participant
        .post(format!("{base}/api/accept_invitation"))
        .form(&[
            ("token", token),
            ("password", PASSWORD),
            ("confirm", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    // Made once; every measured request is served from the cache.
    call(
        &participant,
        &format!("{base}/api/gift_ideas"),
        &[("id", &draw), ("refresh", "false")],
    )
    .await;

    let cases: [Case; 3] = [
        ("me (baseline)", format!("{base}/api/me"), vec![]),
        (
            "my_draw",
            format!("{base}/api/my_draw"),
            vec![("id", &draw)],
        ),
        (
            "gift_ideas, cached",
            format!("{base}/api/gift_ideas"),
            vec![("id", &draw), ("refresh", "false")],
        ),
    ];
    let mut samples: Vec<Vec<Duration>> = vec![Vec::new(); cases.len()];
    for _ in 0..ROUNDS {
        for (i, (_, url, form)) in cases.iter().enumerate() {
            let start = Instant::now();
            while start.elapsed() < PER_ROUND {
                samples[i].push(call(&participant, url, form).await);
            }
        }
    }
    println!(
        "machine: {} cores; {ROUNDS} interleaved rounds of {} ms per request kind, one client, loopback\n",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        PER_ROUND.as_millis()
    );
    println!("| request | n | p50 | p99 | p50 vs baseline |");
    println!("| --- | --- | --- | --- | --- |");
    for s in samples.iter_mut() {
        s.sort();
    }
    let base_p50 = ms(percentile(&samples[0], 0.5));
    for ((name, _, _), s) in cases.iter().zip(&samples) {
        let (p50, p99) = (ms(percentile(s, 0.5)), ms(percentile(s, 0.99)));
        println!(
            "| {name} | {} | {p50:.2} ms | {p99:.2} ms | {:.2}× |",
            s.len(),
            p50 / base_p50
        );
    }
}
