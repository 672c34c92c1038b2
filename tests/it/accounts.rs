//! Accounts and sessions over real HTTP, with a cookie jar, against the real router and database.

use std::sync::Arc;
use std::time::Duration;

use crate::common::{spawn_app, test_auth_config, TestApp};
use reqwest::cookie::{CookieStore, Jar};
use reqwest::{Client, Response, StatusCode};

const PASSWORD: &str = "correct horse battery";

/// A browser-like client: its own cookie jar, no automatic redirects.
struct Browser {
    client: Client,
    jar: Arc<Jar>,
    base: String,
}

impl Browser {
    fn new(app: &TestApp) -> Self {
        let jar = Arc::new(Jar::default());
        let client = Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Browser {
            client,
            jar,
            base: app.base.clone(),
        }
    }

    async fn post(&self, path: &str, form: &[(&str, &str)]) -> Response {
        self.client
            .post(format!("{}{path}", self.base))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    async fn register(&self, email: &str, password: &str) -> Response {
        self.post(
            "/api/register",
            &[
                ("first_name", "Olga"),
                ("surname", "Organizer"),
                ("email", email),
                ("password", password),
                ("confirm", password),
            ],
        )
        .await
    }

    async fn login(&self, email: &str, password: &str) -> Response {
        self.post("/api/login", &[("email", email), ("password", password)])
            .await
    }

    async fn logout(&self) -> Response {
        self.post("/api/logout", &[]).await
    }

    /// The email of the logged-in user, as the `me` server function tells it.
    async fn me(&self) -> Option<String> {
        let res = self.post("/api/me", &[]).await;
        assert_eq!(res.status(), StatusCode::OK);
        let body: serde_json::Value = res.json().await.unwrap();
        body.get("email").and_then(|e| e.as_str()).map(String::from)
    }

    fn session_cookie(&self) -> Option<String> {
        let url = self.base.parse().unwrap();
        let header = self.jar.cookies(&url)?;
        header
            .to_str()
            .unwrap()
            .split("; ")
            .find(|c| c.starts_with("santa_session="))
            .map(String::from)
    }

    /// `me` asked with exactly this cookie header, from outside the jar.
    async fn me_with_cookie(&self, cookie: &str) -> Option<String> {
        let res = Client::new()
            .post(format!("{}/api/me", self.base))
            .header("cookie", cookie)
            .send()
            .await
            .unwrap();
        let body: serde_json::Value = res.json().await.unwrap();
        body.get("email").and_then(|e| e.as_str()).map(String::from)
    }
}

fn succeeded(res: &Response) -> bool {
    res.status().is_success() || res.status().is_redirection()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_author_registers_is_logged_in_and_logging_out_ends_the_session() {
    let app = spawn_app(test_auth_config()).await;
    let browser = Browser::new(&app);
    assert_eq!(browser.me().await, None);

    let res = browser.register("Ada@Example.org", PASSWORD).await;
    assert!(succeeded(&res), "{}", res.status());
    assert_eq!(browser.me().await.as_deref(), Some("ada@example.org"));

    assert!(succeeded(&browser.logout().await));
    assert_eq!(browser.me().await, None);

    assert!(succeeded(&browser.login("ada@example.org", PASSWORD).await));
    assert_eq!(browser.me().await.as_deref(), Some("ada@example.org"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_and_an_unknown_email_get_the_same_generic_answer() {
    let app = spawn_app(test_auth_config()).await;
    let browser = Browser::new(&app);
    browser.register("ada@example.org", PASSWORD).await;
    browser.logout().await;

    let wrong = browser.login("ada@example.org", "not the password").await;
    let wrong_status = wrong.status();
    let wrong_body = wrong.text().await.unwrap();
    let unknown = browser.login("nobody@example.org", PASSWORD).await;
    let unknown_status = unknown.status();
    let unknown_body = unknown.text().await.unwrap();

    assert_eq!(wrong_status, StatusCode::UNAUTHORIZED);
    assert_eq!((unknown_status, &unknown_body), (wrong_status, &wrong_body));
    assert_eq!(browser.me().await, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_id_changes_at_login_and_the_previous_id_is_useless() {
    let app = spawn_app(test_auth_config()).await;
    let browser = Browser::new(&app);
    browser.register("ada@example.org", PASSWORD).await;
    let first = browser
        .session_cookie()
        .expect("a session cookie after registering");

    browser.login("ada@example.org", PASSWORD).await;
    let second = browser
        .session_cookie()
        .expect("a session cookie after login");

    assert_ne!(first, second);
    assert_eq!(browser.me_with_cookie(&first).await, None);
    assert_eq!(
        browser.me_with_cookie(&second).await.as_deref(),
        Some("ada@example.org")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_logout_the_old_session_id_no_longer_works() {
    let app = spawn_app(test_auth_config()).await;
    let browser = Browser::new(&app);
    browser.register("ada@example.org", PASSWORD).await;
    let cookie = browser.session_cookie().unwrap();
    assert!(browser.me_with_cookie(&cookie).await.is_some());

    browser.logout().await;
    assert_eq!(browser.me_with_cookie(&cookie).await, None);
    let stored: i64 = sqlx::query_scalar("select count(*) from sessions")
        .fetch_one(&app.db.admin)
        .await
        .unwrap();
    assert_eq!(stored, 0, "the server-side session is deleted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_lock_the_account_and_the_lock_lifts_when_the_window_ends() {
    let mut config = test_auth_config();
    config.max_failures_per_account = 3;
    // Long enough for three password checks of a debug build on a busy machine (attempts count
    // from the moment they arrive).
    config.throttle_window = Duration::from_secs(6);
    let app = spawn_app(config).await;
    let browser = Browser::new(&app);
    browser.register("ada@example.org", PASSWORD).await;
    browser.logout().await;

    for _ in 0..3 {
        let res = browser.login("ada@example.org", "wrong password").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    // Locked now: even the right password is refused, with how long to wait.
    let locked = browser.login("ada@example.org", PASSWORD).await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    let body = locked.text().await.unwrap();
    assert!(body.contains("retry_after_secs"), "{body}");
    assert_eq!(browser.me().await, None);

    tokio::time::sleep(Duration::from_millis(6200)).await;
    let res = browser.login("ada@example.org", PASSWORD).await;
    assert!(succeeded(&res), "{}", res.status());
    assert_eq!(browser.me().await.as_deref(), Some("ada@example.org"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_from_one_address_lock_it_whatever_the_account() {
    let mut config = test_auth_config();
    config.max_failures_per_address = 4;
    let app = spawn_app(config).await;
    let browser = Browser::new(&app);
    for i in 0..4 {
        let res = browser
            .login(&format!("guess{i}@example.org"), "wrong password")
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = browser.login("another@example.org", "wrong password").await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_state_changing_request_from_another_site_is_refused() {
    let app = spawn_app(test_auth_config()).await;
    let client = Client::new();
    let login = format!("{}/api/login", app.base);
    let form = [("email", "ada@example.org"), ("password", PASSWORD)];

    let by_origin = client
        .post(&login)
        .header("origin", "https://evil.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(by_origin.status(), StatusCode::FORBIDDEN);

    let by_fetch_metadata = client
        .post(&login)
        .header("sec-fetch-site", "cross-site")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(by_fetch_metadata.status(), StatusCode::FORBIDDEN);

    let same_origin = client
        .post(&login)
        .header("origin", app.base.as_str())
        .header("sec-fetch-site", "same-origin")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(
        same_origin.status(),
        StatusCode::UNAUTHORIZED,
        "reaches the login itself"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_security_headers_and_a_script_policy_with_this_responses_nonce() {
    let app = spawn_app(test_auth_config()).await;
    let res = Client::new().get(&app.base).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let header = |name: &str| {
        res.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let csp = header("content-security-policy");
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("referrer-policy"), "same-origin");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("object-src 'none'"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the page's policy")
        .to_string();
    let html = res.text().await.unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the nonce"
    );

    let api = Client::new()
        .post(format!("{}/api/me", app.base))
        .send()
        .await
        .unwrap();
    assert!(api
        .headers()
        .get("content-security-policy")
        .is_some_and(|v| v.to_str().unwrap().contains("default-src 'none'")));
}

/// The nonce of a page's policy, and whether the page's scripts carry it.
fn policy_fits_page(policy: &str, html: &str) -> bool {
    policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .is_some_and(|nonce| html.contains(&format!("nonce=\"{nonce}\"")))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_answer_under_concurrent_load_carries_the_policy_of_its_own_scripts() {
    // Pages once set their policy through Leptos's response options, and now and then one went
    // out with the strict policy of non-page answers, so the browser blocked its scripts and the
    // page never hydrated (the e2e page table caught it on a drawn draw's page).
    let app = spawn_app(test_auth_config()).await;
    let organizer = Browser::new(&app);
    let res = organizer.register("olga@example.org", PASSWORD).await;
    assert!(succeeded(&res), "{}", res.status());
    let people: Vec<serde_json::Value> = ["ada", "alan", "grace", "mary"]
        .iter()
        .map(|n| {
            serde_json::json!({"name": n, "surname": "Tester", "email": format!("{n}@example.org"),
                               "gift_preferences": ""})
        })
        .collect();
    let draw: String = organizer
        .client
        .post(format!("{}/api/save_draw", organizer.base))
        .json(
            &serde_json::json!({"id": null, "draw": {"name": "Office", "budget": "",
            "currency": "EUR", "exchange_date": "", "message": "", "participants": people,
            "exclusions": []}}),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let run = organizer.post("/api/run_draw", &[("id", &draw)]).await;
    assert!(succeeded(&run), "{}", run.status());
    let drawn = format!("/draws/{draw}");
    let not_mine = format!("/draws/{draw}/match");
    let organizer = Arc::new(organizer);
    let mut tasks = Vec::new();
    for i in 0..150 {
        let organizer = organizer.clone();
        let path = [
            "/",
            "/draws",
            "/no-such-page",
            drawn.as_str(),
            not_mine.as_str(),
        ][i % 5]
            .to_string();
        tasks.push(tokio::spawn(async move {
            let res = organizer
                .client
                .get(format!("{}{path}", organizer.base))
                .send()
                .await
                .unwrap();
            let policy = res
                .headers()
                .get("content-security-policy")
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default();
            let html = res.text().await.unwrap();
            (path, policy_fits_page(&policy, &html), policy)
        }));
    }
    for task in tasks {
        let (path, fits, policy) = task.await.unwrap();
        assert!(fits, "{path}: {policy}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_cookie_is_http_only_and_same_site() {
    let app = spawn_app(test_auth_config()).await;
    let res = Browser::new(&app)
        .register("ada@example.org", PASSWORD)
        .await;
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("santa_session="))
        .expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http in tests: {cookie}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_password_ends_every_other_session_of_that_user() {
    let app = spawn_app(test_auth_config()).await;
    let laptop = Browser::new(&app);
    let phone = Browser::new(&app);
    laptop.register("ada@example.org", PASSWORD).await;
    phone.login("ada@example.org", PASSWORD).await;
    assert!(phone.me().await.is_some());

    let new_password = "a brand new passphrase";
    let res = laptop
        .post(
            "/api/change_password",
            &[
                ("current", PASSWORD),
                ("password", new_password),
                ("confirm", new_password),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    assert_eq!(laptop.me().await.as_deref(), Some("ada@example.org"));
    assert_eq!(phone.me().await, None);
    assert_eq!(
        phone.login("ada@example.org", PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert!(succeeded(
        &phone.login("ada@example.org", new_password).await
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_current_password_changes_nothing() {
    let app = spawn_app(test_auth_config()).await;
    let browser = Browser::new(&app);
    browser.register("ada@example.org", PASSWORD).await;
    let res = browser
        .post(
            "/api/change_password",
            &[
                ("current", "not it at all"),
                ("password", "another passphrase"),
                ("confirm", "another passphrase"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("current"));
    browser.logout().await;
    assert!(succeeded(&browser.login("ada@example.org", PASSWORD).await));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registering_reports_each_bad_field_and_saves_nothing() {
    let app = spawn_app(test_auth_config()).await;
    let browser = Browser::new(&app);
    let res = browser
        .post(
            "/api/register",
            &[
                ("first_name", "Olga"),
                ("surname", "Organizer"),
                ("email", "not-an-email"),
                ("password", "short"),
                ("confirm", "shorter"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    let fields: Vec<&str> = body["Validation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["email", "password", "confirm"]);
    let users: i64 = sqlx::query_scalar("select count(*) from users")
        .fetch_one(&app.db.admin)
        .await
        .unwrap();
    assert_eq!(users, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registering_an_address_that_has_an_account_is_refused_and_the_account_keeps_its_password()
{
    let app = spawn_app(test_auth_config()).await;
    let owner = Browser::new(&app);
    owner.register("pia@example.org", PASSWORD).await;
    let browser = Browser::new(&app);
    let res = browser
        .register("PIA@example.org", "someone else's passphrase")
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("email"));
    assert_eq!(browser.me().await, None);
    assert_eq!(
        browser
            .login("pia@example.org", "someone else's passphrase")
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert!(browser
        .login("pia@example.org", PASSWORD)
        .await
        .status()
        .is_success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_protected_page_sends_visitors_to_log_in_and_shows_itself_to_the_user() {
    let app = spawn_app(test_auth_config()).await;
    let browser = Browser::new(&app);
    // A browser's navigation accepts HTML, which is what asks for a real redirect.
    let res = browser
        .client
        .get(format!("{}/account", app.base))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(
        res.headers().get("location").unwrap(),
        "/login?next=/account"
    );

    browser.register("ada@example.org", PASSWORD).await;
    let page = browser
        .client
        .get(format!("{}/account", app.base))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("ada@example.org"));
    assert!(
        !html.contains("argon2"),
        "no password hash ever reaches the browser"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unused_session_ends_after_the_inactivity_timeout() {
    let mut config = test_auth_config();
    config.session_inactivity = Duration::from_secs(1);
    let app = spawn_app(config).await;
    let browser = Browser::new(&app);
    browser.register("ada@example.org", PASSWORD).await;
    let cookie = browser.session_cookie().unwrap();
    assert!(browser.me_with_cookie(&cookie).await.is_some());

    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(browser.me_with_cookie(&cookie).await, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_ends_at_its_absolute_lifetime_even_while_in_use() {
    let mut config = test_auth_config();
    config.session_lifetime = Duration::from_secs(1);
    let app = spawn_app(config).await;
    let browser = Browser::new(&app);
    browser.register("ada@example.org", PASSWORD).await;
    assert!(browser.me().await.is_some());
    for _ in 0..5 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        browser.me().await; // keeps it active
    }
    assert_eq!(browser.me().await, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_absurdly_long_email_at_login_is_just_a_wrong_login() {
    let app = spawn_app(test_auth_config()).await;
    let browser = Browser::new(&app);
    let long = format!("{}@example.org", "x".repeat(5000));
    let res = browser.login(&long, PASSWORD).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

/// The fields of a validation error answer, in order.
async fn error_fields(res: Response) -> Vec<String> {
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    body["Validation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_asks_for_a_name_that_the_account_page_can_change() {
    let app = spawn_app(test_auth_config()).await;
    let browser = Browser::new(&app);
    let blank = browser
        .post(
            "/api/register",
            &[
                ("first_name", " \u{200b} "),
                ("surname", ""),
                ("email", "ada@example.org"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(error_fields(blank).await, ["first_name", "surname"]);
    let users: i64 = sqlx::query_scalar("select count(*) from users")
        .fetch_one(&app.db.admin)
        .await
        .unwrap();
    assert_eq!(users, 0, "nothing is saved");

    let res = browser
        .post(
            "/api/register",
            &[
                ("first_name", "  Ada "),
                ("surname", "Lovelace"),
                ("email", "ada@example.org"),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ],
        )
        .await;
    assert!(succeeded(&res), "{}", res.status());
    let me: serde_json::Value = browser.post("/api/me", &[]).await.json().await.unwrap();
    assert_eq!(
        (&me["first_name"], &me["surname"]),
        (&"Ada".into(), &"Lovelace".into())
    );

    let long = "x".repeat(101);
    let bad = browser
        .post(
            "/api/update_name",
            &[("first_name", "A\nda"), ("surname", &long)],
        )
        .await;
    assert_eq!(error_fields(bad).await, ["first_name", "surname"]);
    let ok = browser
        .post(
            "/api/update_name",
            &[("first_name", "Augusta Ada"), ("surname", "King")],
        )
        .await;
    assert!(succeeded(&ok), "{}", ok.status());
    let me: serde_json::Value = browser.post("/api/me", &[]).await.json().await.unwrap();
    assert_eq!(
        (&me["first_name"], &me["surname"]),
        (&"Augusta Ada".into(), &"King".into())
    );

    let stranger = Browser::new(&app)
        .post(
            "/api/update_name",
            &[("first_name", "Eve"), ("surname", "Hacker")],
        )
        .await;
    assert_eq!(stranger.status(), StatusCode::UNAUTHORIZED);
}
