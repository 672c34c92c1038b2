//! Faults: an exhausted connection pool, a black-holed gift-ideas provider, and PostgreSQL
//! restarting under load — the app answers fast, keeps its pages, and recovers by itself.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{
    accept_invitation, create_draw, draw, free_port, fresh_db, navigate, numbered, own_cluster,
    register_at, run_draw, serve_app, spawn_gift_ideas, stop_cluster, stop_cluster_async,
    test_auth_config, test_base_dir, token_of, TestApp, PASSWORD,
};
use reqwest::StatusCode;
use secret_santa::db;
use secret_santa::gifts::{GiftConfig, ProviderConfig};
use serde_json::Value;

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
    let client = register_at(&base, "ada@example.org", PASSWORD).await;

    let held = vec![pool.acquire().await.unwrap(), pool.acquire().await.unwrap()];
    for (what, request) in [
        ("a server function", client.post(format!("{base}/api/me"))),
        ("a page", navigate(&client, &base, "/draws")),
        ("the health check", client.get(format!("{base}/healthz"))),
    ] {
        let (status, took) = status_of(request).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{what}");
        assert!(took < Duration::from_secs(2), "{what} took {took:?}");
    }
    // The busy page speaks the browser's language too.
    let busy = navigate(&client, &base, "/draws")
        .header("accept-language", "pl-PL,pl;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
    let html = busy.text().await.unwrap();
    assert!(html.contains(r#"<html lang="pl">"#), "{html}");
    assert!(html.contains("Spróbuj ponownie"), "{html}");
    drop(held);
    let (status, _) = status_of(client.post(format!("{base}/api/me"))).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = status_of(navigate(&client, &base, "/draws")).await;
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
    let gifts = GiftConfig {
        provider: Some(provider),
        ..GiftConfig::default()
    };
    let base = serve_app(db.app.clone(), test_auth_config(), None, gifts).await;
    let app = TestApp { base, db };
    let base = &app.base;

    let organizer = register_at(base, "org@example.org", PASSWORD).await;
    let draw = create_draw(&organizer, &app, &draw("Office", numbered(3, "Tea"))).await;
    let links = run_draw(&organizer, &app, &draw).await;
    let participant = accept_invitation(&app, &token_of(&links[0])).await;

    let page = || navigate(&participant, base, &format!("/draws/{draw}/match"));
    let (status, took) = status_of(page()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(took < Duration::from_secs(1), "the page took {took:?}");

    // While one request waits on the provider, pages stay fast.
    let ideas = spawn_gift_ideas(&participant, &app, &draw);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (status, took) = status_of(page()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(took < Duration::from_secs(1), "the page took {took:?}");
    let (status, _, took) = ideas.await.unwrap();
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        took < Duration::from_millis(3500),
        "gift ideas failed after {took:?}, bound 2 s"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_postgresql_restarts_under_load_the_app_serves_again_within_five_seconds() {
    let base_dir = test_base_dir().join(format!("faults-{}", uuid::Uuid::new_v4().simple()));
    let port = free_port();
    let cluster = own_cluster(&base_dir, port).await;
    let owner_url = db::bootstrap_embedded(&cluster, "faults").await.unwrap();
    let app_url = db::prepare(&owner_url, None).await.unwrap();
    let pool = db::app_pool(&app_url, 4).await.unwrap();
    let base = serve_app(pool, test_auth_config(), None, GiftConfig::default()).await;
    let client = register_at(&base, "ada@example.org", PASSWORD).await;

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

    stop_cluster_async(&cluster).await;
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
    let restarted = own_cluster(&base_dir, port).await;
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
    stop_cluster(&restarted);
}
