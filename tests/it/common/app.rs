//! The real router, served on a free loopback port on a fresh database; browser-like clients that
//! call its server functions; and accounts: registered, logged in.

use reqwest::{Client, RequestBuilder, StatusCode};
use sqlx::PgPool;

use super::{fresh_db, TestDb};

/// The server functions that take an id from the browser which only the organizer of a draw may
/// reach with it.
pub const ORGANIZER_ID_ENDPOINTS: [&str; 9] = [
    "get_draw",
    "save_draw",
    "delete_draw",
    "run_draw",
    "draw_status",
    "new_invitation",
    "update_draw_details",
    "remove_participant",
    "add_participant",
];

/// The server functions that take an id from the browser which the participants of a draw reach.
pub const PARTICIPANT_ID_ENDPOINTS: [&str; 7] = [
    "my_draw",
    "my_page",
    "reveal_match",
    "save_wishes",
    "gift_ideas",
    "conversation",
    "send_message",
];

/// Every server function that takes an id from the browser.
pub fn id_endpoints() -> impl Iterator<Item = &'static str> {
    ORGANIZER_ID_ENDPOINTS
        .into_iter()
        .chain(PARTICIPANT_ID_ENDPOINTS)
}

/// The password of every account a fixture makes.
pub const PASSWORD: &str = "correct horse battery";
/// A second password, for whoever must not get in with the first.
pub const OTHER_PASSWORD: &str = "another long passphrase";
/// A well-formed argon2id hash (of no password anyone types), for accounts a fixture inserts
/// straight into the database.
pub const PASSWORD_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";
/// Another well-formed hash, for changing one.
pub const OTHER_PASSWORD_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdA$bmV3aGFzaG5ld2hhc2g";

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
    let app = router(AppState::new(
        leptos_options,
        AppContext::new(pool, auth, mailer).with_gifts(gifts),
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(secret_santa::server::serve_on(
        listener,
        app,
        std::future::pending(),
    ));
    format!("http://{addr}")
}

/// A browser-like HTTP client: its own cookie jar, no automatic redirects.
pub fn browser() -> Client {
    secret_santa::install_crypto_provider();
    Client::builder()
        .cookie_provider(std::sync::Arc::new(reqwest::cookie::Jar::default()))
        .redirect(reqwest::redirect::Policy::none())
        // No request of these tests takes long: one that hangs fails its test within a minute
        // instead of holding the whole run until CI's limit.
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .unwrap()
}

/// POSTs a form to the server function `endpoint`; the status and the body's text.
pub async fn post_form(
    client: &Client,
    app: &TestApp,
    endpoint: &str,
    form: &[(&str, &str)],
) -> (StatusCode, String) {
    let res = client
        .post(format!("{}/api/{endpoint}", app.base))
        .form(form)
        .send()
        .await
        .unwrap();
    (res.status(), res.text().await.unwrap())
}

/// [`post_form`], with the body read as JSON (`Null` when it is not JSON).
pub async fn post_json(
    client: &Client,
    app: &TestApp,
    endpoint: &str,
    form: &[(&str, &str)],
) -> (StatusCode, serde_json::Value) {
    let (status, text) = post_form(client, app, endpoint, form).await;
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
    )
}

/// A GET of `path` as a browser navigates to it: asking for HTML.
pub fn navigate(client: &Client, base: &str, path: &str) -> RequestBuilder {
    // As a browser does, coming from one of the site's own pages (which a page back from a
    // refused form post needs to show its error).
    client
        .get(format!("{base}{path}"))
        .header("accept", "text/html")
        .header("referer", format!("{base}/"))
}

/// The page at `path` as `client` is shown it: its status and its HTML.
pub async fn page(client: &Client, app: &TestApp, path: &str) -> (StatusCode, String) {
    let res = navigate(client, &app.base, path).send().await.unwrap();
    (res.status(), res.text().await.unwrap())
}

/// Where an answer sends the browser: its `Location`, or "".
pub fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// The fields of a validation error answer, in order (none when it is no validation error).
pub fn error_fields(body: &serde_json::Value) -> Vec<String> {
    body["Validation"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| e["field"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The `Set-Cookie` header of an answer that sets cookie `name`, attributes and all.
pub fn set_cookie(res: &reqwest::Response, name: &str) -> Option<String> {
    let prefix = format!("{name}=");
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&prefix))
        .map(String::from)
}

/// The register form, field by field.
pub fn register_form<'a>(
    first_name: &'a str,
    surname: &'a str,
    email: &'a str,
    password: &'a str,
    confirm: &'a str,
) -> [(&'static str, &'a str); 5] {
    [
        ("first_name", first_name),
        ("surname", surname),
        ("email", email),
        ("password", password),
        ("confirm", confirm),
    ]
}

/// The register form of Olga Organizer, at `email`, with `password` confirmed.
pub fn registration<'a>(email: &'a str, password: &'a str) -> [(&'static str, &'a str); 5] {
    register_form("Olga", "Organizer", email, password, password)
}

/// A form that sets `password` (confirmed) with a link's `token`: an invitation's or a reset's.
pub fn with_token<'a>(token: &'a str, password: &'a str) -> [(&'static str, &'a str); 3] {
    [
        ("token", token),
        ("password", password),
        ("confirm", password),
    ]
}

/// A new browser, registered at `base` as Olga Organizer with `email` and `password`, and so
/// logged in.
pub async fn register_at(base: &str, email: &str, password: &str) -> Client {
    let client = browser();
    let res = client
        .post(format!("{base}/api/register"))
        .form(&registration(email, password))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let body = res.text().await.unwrap();
    assert!(status.is_success(), "register {email}: {status} {body}");
    client
}

/// A new browser, registered as Olga Organizer with `email` and [`PASSWORD`], and so logged in.
pub async fn register(app: &TestApp, email: &str) -> Client {
    register_at(&app.base, email, PASSWORD).await
}

/// A new browser that logs in with `email` and `password`, and the login's status.
pub async fn log_in(app: &TestApp, email: &str, password: &str) -> (Client, StatusCode) {
    let client = browser();
    let (status, _) = post_form(
        &client,
        app,
        "login",
        &[("email", email), ("password", password)],
    )
    .await;
    (client, status)
}

/// The status of a login with `email` and `password`, from a new browser.
pub async fn login_status(app: &TestApp, email: &str, password: &str) -> StatusCode {
    log_in(app, email, password).await.1
}
