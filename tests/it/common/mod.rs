//! Test harness: one embedded PostgreSQL cluster for the test binary, and a fresh database per test,
//! migrated by the owner role exactly as the app does at start-up.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use secret_santa::db::{self, embedded};
use sqlx::{PgPool, Postgres, Transaction};
use uuid::Uuid;

static CLUSTER: OnceLock<embedded::Cluster> = OnceLock::new();
/// Role changes (grants, the santa_app password) are cluster-wide: prepare one database at a time.
static PREPARE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Where the tests' cluster lives: `SANTA_TEST_PG_DIR` (the test command sets it to a fresh
/// temporary directory), else a directory under the system's temp dir, reused between runs.
pub fn test_base_dir() -> PathBuf {
    std::env::var_os("SANTA_TEST_PG_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("secret-santa-tests"))
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free port on 127.0.0.1")
}

pub fn cluster() -> &'static embedded::Cluster {
    CLUSTER.get_or_init(|| {
        let base = test_base_dir().join("cluster");
        embedded::ensure(&base, free_port(), None)
            .unwrap_or_else(|e| panic!("cannot start the test PostgreSQL cluster: {e}"))
    })
}

pub struct TestDb {
    /// The app's own pool: connected as santa_app, bound by row-level security.
    pub app: PgPool,
    /// A superuser pool on the same database, for fixtures and for checking what really is
    /// stored. Superusers bypass row-level security, so no assertion about policies uses it.
    pub admin: PgPool,
    pub owner_url: String,
    pub app_url: String,
    pub name: String,
}

/// A new database with the whole schema, reached as the app reaches it.
pub async fn fresh_db() -> TestDb {
    let cluster = tokio::task::spawn_blocking(cluster)
        .await
        .expect("cluster start-up panicked");
    let name = format!("t_{}", Uuid::new_v4().simple());
    let (owner_url, app_url) = {
        let _guard = PREPARE.lock().await;
        let owner_url = db::bootstrap_embedded(cluster, &name)
            .await
            .expect("bootstrap the test database");
        let app_url = db::prepare(&owner_url, None)
            .await
            .expect("migrate the test database");
        (owner_url, app_url)
    };
    let app = db::app_pool(&app_url, 4)
        .await
        .expect("connect as santa_app");
    let admin = PgPool::connect(&cluster.superuser_url(&name))
        .await
        .expect("connect as superuser");
    TestDb {
        app,
        admin,
        owner_url,
        app_url,
        name,
    }
}

impl TestDb {
    /// A transaction as `user` (None: anonymous), through the app's one way into user data.
    pub async fn as_user(&self, user: Option<Uuid>) -> Transaction<'static, Postgres> {
        db::as_user(&self.app, user).await.expect("begin as user")
    }
}

/// The SQLSTATE of a failed statement, for asserting *why* something was refused.
pub fn sqlstate<T: std::fmt::Debug>(result: Result<T, sqlx::Error>) -> String {
    match result {
        Err(sqlx::Error::Database(e)) => e.code().map(|c| c.to_string()).unwrap_or_default(),
        other => panic!("expected a database error, got {other:?}"),
    }
}

/// The real router, served on a free loopback port, on a fresh database.
pub struct TestApp {
    pub base: String,
    pub db: TestDb,
}

pub fn test_auth_config() -> secret_santa::config::AuthConfig {
    secret_santa::config::AuthConfig::for_site("127.0.0.1:3000")
}

pub async fn spawn_app(auth: secret_santa::config::AuthConfig) -> TestApp {
    spawn_app_with_mail(auth, None).await
}

pub async fn spawn_app_with_mail(
    auth: secret_santa::config::AuthConfig,
    mailer: Option<secret_santa::mail::Mailer>,
) -> TestApp {
    spawn_app_full(auth, mailer, secret_santa::gifts::GiftConfig::default()).await
}

pub async fn spawn_app_full(
    auth: secret_santa::config::AuthConfig,
    mailer: Option<secret_santa::mail::Mailer>,
    gifts: secret_santa::gifts::GiftConfig,
) -> TestApp {
    // Test clients are reqwest clients too, built after the app.
    secret_santa::install_crypto_provider();
    let db = fresh_db().await;
    let base = serve_app(db.app.clone(), auth, mailer, gifts).await;
    TestApp { base, db }
}

/// The real router on `pool`, served on a free loopback port; its base URL.
pub async fn serve_app(
    pool: PgPool,
    auth: secret_santa::config::AuthConfig,
    mailer: Option<secret_santa::mail::Mailer>,
    gifts: secret_santa::gifts::GiftConfig,
) -> String {
    use secret_santa::server::{router, AppContext, AppState};
    secret_santa::install_crypto_provider();
    let leptos_options = leptos::prelude::LeptosOptions::builder()
        .output_name("secret-santa")
        .build();
    let app = router(AppState {
        leptos_options,
        ctx: AppContext::new(pool, auth, mailer).with_gifts(gifts),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(secret_santa::server::serve_on(
        listener,
        app,
        std::future::pending(),
    ));
    format!("http://{addr}")
}

/// A local SMTP server that accepts every message and keeps it (the raw DATA, lines joined by
/// "\n"), for tests that need a real SMTP exchange.
pub struct SmtpSink {
    pub port: u16,
    pub messages: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

pub async fn smtp_sink() -> SmtpSink {
    smtp_sink_on(0).await
}

/// [`smtp_sink`] on a chosen port (0: any free one).
pub async fn smtp_sink_on(port: u16) -> SmtpSink {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap();
    let port = listener.local_addr().unwrap().port();
    let messages = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let store = messages.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 sink ESMTP\r\n").await;
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(buf) = data.as_mut() {
                        if line == "." {
                            store.lock().unwrap().push(std::mem::take(buf));
                            data = None;
                            let _ = write.write_all(b"250 2.0.0 queued\r\n").await;
                        } else {
                            buf.push_str(line.strip_prefix('.').unwrap_or(&line));
                            buf.push('\n');
                        }
                        continue;
                    }
                    let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" => b"250-sink\r\n250 8BITMIME\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 end with .\r\n"
                        }
                        "QUIT" => {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            break;
                        }
                        _ => b"250 OK\r\n",
                    };
                    let _ = write.write_all(reply).await;
                }
            });
        }
    });
    SmtpSink { port, messages }
}

/// The token of the first link in a mail whose path starts with `prefix`, e.g. "/invite/"
/// (quoted-printable soft line breaks undone).
pub fn link_token(mail: &str, prefix: &str) -> Option<String> {
    let text = mail.replace("=\n", "").replace("=3D", "=");
    let start = text.find(prefix)? + prefix.len();
    Some(
        text[start..]
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .collect(),
    )
}

/// A browser-like HTTP client: its own cookie jar, no automatic redirects.
pub fn browser() -> reqwest::Client {
    secret_santa::install_crypto_provider();
    reqwest::Client::builder()
        .cookie_provider(std::sync::Arc::new(reqwest::cookie::Jar::default()))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// POSTs a form to the server function `endpoint`; the status and the body's text.
pub async fn post_form(
    client: &reqwest::Client,
    app: &TestApp,
    endpoint: &str,
    form: &[(&str, &str)],
) -> (reqwest::StatusCode, String) {
    let res = client
        .post(format!("{}/api/{endpoint}", app.base))
        .form(form)
        .send()
        .await
        .unwrap();
    (res.status(), res.text().await.unwrap())
}

/// How the fake provider answers one request.
#[derive(Clone, Debug)]
pub struct LlmReply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    /// The message content (wrapped in a chat-completions body) — or, with `raw`, the whole body.
    pub content: String,
    pub raw: bool,
    pub delay: std::time::Duration,
}

impl LlmReply {
    /// A good answer with `n` ideas.
    pub fn ideas(n: usize) -> Self {
        let ideas: Vec<serde_json::Value> = (0..n)
            .map(|i| serde_json::json!({ "title": format!("Idea {i}"), "why": "Fits the wishes", "price": "About 20 EUR" }))
            .collect();
        LlmReply {
            status: 200,
            headers: Vec::new(),
            content: serde_json::json!({ "ideas": ideas }).to_string(),
            raw: false,
            delay: std::time::Duration::ZERO,
        }
    }

    pub fn status(status: u16) -> Self {
        LlmReply {
            status,
            headers: Vec::new(),
            content: "{\"error\":{\"message\":\"upstream trouble\"}}".into(),
            raw: true,
            delay: std::time::Duration::ZERO,
        }
    }

    pub fn content(content: &str) -> Self {
        LlmReply {
            content: content.into(),
            ..LlmReply::ideas(3)
        }
    }

    pub fn with_header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub fn after(mut self, delay: std::time::Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// A local HTTP server speaking the OpenAI chat-completions protocol: it records every request
/// (headers and JSON body) and answers from a script, then with `fallback`.
pub struct FakeLlm {
    pub base_url: String,
    pub requests: std::sync::Arc<std::sync::Mutex<Vec<(axum::http::HeaderMap, serde_json::Value)>>>,
}

impl FakeLlm {
    pub fn calls(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    /// A provider configuration pointing here, with short waits for tests.
    pub fn provider(&self) -> secret_santa::gifts::ProviderConfig {
        let mut p = secret_santa::gifts::ProviderConfig::new(
            &self.base_url,
            "test-model",
            Some("test-key".into()),
        );
        p.retry_base = std::time::Duration::from_millis(50);
        p
    }
}

pub async fn fake_llm(script: Vec<LlmReply>, fallback: LlmReply) -> FakeLlm {
    use axum::routing::post;
    use std::sync::{Arc, Mutex};
    type Log = Arc<Mutex<Vec<(axum::http::HeaderMap, serde_json::Value)>>>;
    let requests: Log = Arc::new(Mutex::new(Vec::new()));
    let script = Arc::new(Mutex::new(std::collections::VecDeque::from(script)));
    let (log, fallback) = (requests.clone(), Arc::new(fallback));
    let app = axum::Router::new().route(
        "/v1/chat/completions",
        post(
            move |headers: axum::http::HeaderMap,
                  axum::Json(body): axum::Json<serde_json::Value>| {
                let (log, script, fallback) = (log.clone(), script.clone(), fallback.clone());
                async move {
                    log.lock().unwrap().push((headers, body));
                    let reply = script
                        .lock()
                        .unwrap()
                        .pop_front()
                        .unwrap_or_else(|| (*fallback).clone());
                    tokio::time::sleep(reply.delay).await;
                    let body = if reply.raw {
                        reply.content.clone()
                    } else {
                        serde_json::json!({
                            "id": "chatcmpl-test",
                            "object": "chat.completion",
                            "model": "test-model",
                            "choices": [{ "index": 0, "finish_reason": "stop",
                                "message": { "role": "assistant", "content": reply.content } }],
                        })
                        .to_string()
                    };
                    let mut response = axum::response::Response::new(axum::body::Body::from(body));
                    *response.status_mut() =
                        axum::http::StatusCode::from_u16(reply.status).unwrap();
                    response.headers_mut().insert(
                        axum::http::header::CONTENT_TYPE,
                        "application/json".parse().unwrap(),
                    );
                    for (name, value) in &reply.headers {
                        response.headers_mut().insert(*name, value.parse().unwrap());
                    }
                    response
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    FakeLlm {
        base_url: format!("http://{addr}/v1"),
        requests,
    }
}

/// [`post_form`], with the body read as JSON (`Null` when it is not JSON).
pub async fn post_json(
    client: &reqwest::Client,
    app: &TestApp,
    endpoint: &str,
    form: &[(&str, &str)],
) -> (reqwest::StatusCode, serde_json::Value) {
    let (status, text) = post_form(client, app, endpoint, form).await;
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
    )
}
