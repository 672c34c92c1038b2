//! Faults: an exhausted connection pool, a black-holed gift-ideas provider, and PostgreSQL
//! restarting under load — the app answers fast, keeps its pages, and recovers by itself.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{browser, fresh_db, serve_app, test_auth_config};
use reqwest::{Client, StatusCode};
use secret_santa::db::{self, embedded};
use secret_santa::gifts::{GiftConfig, ProviderConfig};
use serde_json::{json, Value};

const PASSWORD: &str = "correct horse battery";

async fn register(client: &Client, base: &str, email: &str) {
    let res = client
        .post(format!("{base}/api/register"))
        .form(&[
            ("first_name", "Olga"),
            ("surname", "Organizer"),
            ("email", email),
            ("password", PASSWORD),
            ("confirm", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
}

async fn status_of(request: reqwest::RequestBuilder) -> (StatusCode, Duration) {
    let started = Instant::now();
    let res = request.send().await.unwrap();
    let status = res.status();
    res.bytes().await.unwrap();
    (status, started.elapsed())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exhausted_pool_gets_a_fast_503_and_the_app_recovers_when_connections_return() {
    let db = fresh_db().await;
    let pool = db::app_pool_with(&db.app_url, 2, Duration::from_millis(500))
        .await
        .unwrap();
    let base = serve_app(
        pool.clone(),
        test_auth_config(),
        None,
        GiftConfig::default(),
    )
    .await;
    let client = browser();
    register(&client, &base, "ada@example.org").await;

    let held = vec![pool.acquire().await.unwrap(), pool.acquire().await.unwrap()];
    for (what, request) in [
        ("a server function", client.post(format!("{base}/api/me"))),
        (
            "a page",
            client
                .get(format!("{base}/draws"))
                .header("accept", "text/html"),
        ),
        ("the health check", client.get(format!("{base}/healthz"))),
    ] {
        let (status, took) = status_of(request).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{what}");
        assert!(took < Duration::from_secs(2), "{what} took {took:?}");
    }
    drop(held);
    let (status, _) = status_of(client.post(format!("{base}/api/me"))).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = status_of(
        client
            .get(format!("{base}/draws"))
            .header("accept", "text/html"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_black_holed_provider_leaves_pages_fast_and_fails_gift_ideas_within_the_bound() {
    // Accepts connections and never answers.
    let hole = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hole_addr = hole.local_addr().unwrap();
    tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((socket, _)) = hole.accept().await {
            open.push(socket);
        }
    });
    let mut provider = ProviderConfig::new(&format!("http://{hole_addr}/v1"), "m", None);
    provider.request_timeout = Duration::from_secs(1);
    provider.total_timeout = Duration::from_secs(2);
    let db = fresh_db().await;
    let base = serve_app(
        db.app.clone(),
        test_auth_config(),
        None,
        GiftConfig {
            provider: Some(provider),
            ..GiftConfig::default()
        },
    )
    .await;

    let organizer = browser();
    register(&organizer, &base, "org@example.org").await;
    let people: Vec<Value> = (0..3)
        .map(|i| json!({ "name": format!("P{i}"), "surname": "S", "email": format!("p{i}@example.org"), "gift_preferences": "Tea" }))
        .collect();
    let draw: String = organizer
        .post(format!("{base}/api/save_draw"))
        .json(&json!({ "id": null, "draw": { "name": "Office", "budget": "", "currency": "", "exchange_date": "", "message": "", "participants": people, "exclusions": [] } }))
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
    let participant = browser();
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

    let page = || {
        participant
            .get(format!("{base}/draws/{draw}/match"))
            .header("accept", "text/html")
    };
    let (status, took) = status_of(page()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(took < Duration::from_secs(1), "the page took {took:?}");

    // While one request waits on the provider, pages stay fast.
    let ideas = {
        let (client, url, draw) = (
            participant.clone(),
            format!("{base}/api/gift_ideas"),
            draw.clone(),
        );
        tokio::spawn(async move {
            let started = Instant::now();
            let res = client
                .post(url)
                .form(&[("id", draw.as_str()), ("refresh", "false")])
                .send()
                .await
                .unwrap();
            (res.status(), started.elapsed())
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (status, took) = status_of(page()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(took < Duration::from_secs(1), "the page took {took:?}");
    let (status, took) = ideas.await.unwrap();
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        took < Duration::from_millis(3500),
        "gift ideas failed after {took:?}, bound 2 s"
    );
}

/// Fast shutdown (SIGINT, like `pg_ctl stop -m fast`), waiting until the server is gone.
fn stop(cluster: &embedded::Cluster) {
    let pid_file = cluster.data_dir.join("postmaster.pid");
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    let pid = pid.lines().next().unwrap().trim().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let started = Instant::now();
    while pid_file.exists() {
        assert!(started.elapsed() < Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_postgresql_restarts_under_load_the_app_serves_again_within_five_seconds() {
    let base_dir =
        crate::common::test_base_dir().join(format!("faults-{}", uuid::Uuid::new_v4().simple()));
    let port = crate::common::free_port();
    let start = {
        let base_dir = base_dir.clone();
        move || embedded::ensure(&base_dir, port, None).unwrap_or_else(|e| panic!("{e}"))
    };
    let cluster = tokio::task::spawn_blocking(start.clone()).await.unwrap();
    let owner_url = db::bootstrap_embedded(&cluster, "faults").await.unwrap();
    let app_url = db::prepare(&owner_url, None).await.unwrap();
    let pool = db::app_pool(&app_url, 4).await.unwrap();
    let base = serve_app(pool, test_auth_config(), None, GiftConfig::default()).await;
    let client = browser();
    register(&client, &base, "ada@example.org").await;

    // Load: four clients asking who they are, as fast as they can, each request bounded.
    let stop_load = Arc::new(AtomicBool::new(false));
    let outcomes: Arc<Mutex<BTreeMap<String, u32>>> = Arc::default();
    let mut workers = Vec::new();
    for _ in 0..4 {
        let (client, base, stop_load, outcomes) = (
            client.clone(),
            base.clone(),
            stop_load.clone(),
            outcomes.clone(),
        );
        workers.push(tokio::spawn(async move {
            while !stop_load.load(Ordering::Relaxed) {
                let res = client
                    .post(format!("{base}/api/me"))
                    .timeout(Duration::from_secs(10))
                    .send()
                    .await;
                let key = match res {
                    Ok(r) => r.status().as_u16().to_string(),
                    Err(e) if e.is_timeout() => "timeout".into(),
                    Err(_) => "connection error".into(),
                };
                *outcomes.lock().unwrap().entry(key).or_default() += 1;
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;

    let stopping = cluster.clone();
    tokio::task::spawn_blocking(move || stop(&stopping))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let during = client
        .post(format!("{base}/api/me"))
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .unwrap()
        .status();
    assert!(
        during.is_server_error(),
        "with PostgreSQL down the app says so ({during})"
    );
    let restarted = tokio::task::spawn_blocking(start).await.unwrap();
    assert_eq!(restarted.port, port);
    let up = Instant::now();
    let recovered = loop {
        let res = client
            .post(format!("{base}/api/me"))
            .timeout(Duration::from_secs(5))
            .send()
            .await
            .unwrap();
        if res.status() == StatusCode::OK {
            let me: Value = res.json().await.unwrap();
            assert_eq!(me["email"], "ada@example.org", "the session survived");
            break up.elapsed();
        }
        assert!(up.elapsed() < Duration::from_secs(10), "no recovery");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop_load.store(true, Ordering::Relaxed);
    for w in workers {
        w.await.unwrap();
    }
    let outcomes = outcomes.lock().unwrap().clone();
    println!(
        "PostgreSQL back up → app serving again after {recovered:?}; load outcomes: {outcomes:?}"
    );
    assert!(
        recovered < Duration::from_secs(5),
        "recovered after {recovered:?}"
    );
    assert!(
        !outcomes.contains_key("timeout"),
        "no request hung: {outcomes:?}"
    );
    assert!(
        outcomes.get("200").copied().unwrap_or(0) > 10,
        "{outcomes:?}"
    );
    stop(&restarted);
}
