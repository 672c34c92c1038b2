//! Forgotten passwords: a reset link by mail (a real SMTP exchange with a local sink).

use crate::common::{browser, spawn_app, test_auth_config, TestApp};
use reqwest::{Client, StatusCode};
use serde_json::Value;

const PASSWORD: &str = "correct horse battery";

async fn post(
    client: &Client,
    app: &TestApp,
    endpoint: &str,
    form: &[(&str, &str)],
) -> (StatusCode, String) {
    crate::common::post_form(client, app, endpoint, form).await
}

async fn app_with_sink() -> (TestApp, crate::common::SmtpSink) {
    let sink = crate::common::smtp_sink().await;
    let mailer = secret_santa::mail::Mailer::from_config(&secret_santa::mail::MailConfig::new(
        Some(format!("smtp://127.0.0.1:{}", sink.port)),
        "Secret Santa <santa@example.org>",
    ))
    .unwrap();
    (
        crate::common::spawn_app_with_mail(test_auth_config(), mailer).await,
        sink,
    )
}

fn reset_token(mail: &str) -> String {
    crate::common::link_token(mail, "/reset/").expect("a reset link")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asking_for_a_reset_gets_the_same_answer_whether_or_not_the_address_has_an_account() {
    let (app, sink) = app_with_sink().await;
    let ada = browser();
    post(
        &ada,
        &app,
        "register",
        &[
            ("first_name", "Olga"),
            ("surname", "Organizer"),
            ("email", "ada@example.org"),
            ("password", PASSWORD),
            ("confirm", PASSWORD),
        ],
    )
    .await;

    let known = post(
        &browser(),
        &app,
        "request_password_reset",
        &[("email", "ada@example.org")],
    )
    .await;
    let unknown = post(
        &browser(),
        &app,
        "request_password_reset",
        &[("email", "nobody@example.org")],
    )
    .await;
    assert_eq!(known.0, StatusCode::OK);
    assert_eq!(known, unknown);
    let mails = sink.messages.lock().unwrap().clone();
    assert_eq!(mails.len(), 1, "only the real account gets mail");
    assert!(mails[0].contains("To: ada@example.org"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_link_sets_a_new_password_once_and_ends_every_other_session() {
    let (app, sink) = app_with_sink().await;
    let laptop = browser();
    post(
        &laptop,
        &app,
        "register",
        &[
            ("first_name", "Olga"),
            ("surname", "Organizer"),
            ("email", "ada@example.org"),
            ("password", PASSWORD),
            ("confirm", PASSWORD),
        ],
    )
    .await;
    post(
        &browser(),
        &app,
        "request_password_reset",
        &[("email", "ADA@example.org")],
    )
    .await;
    let token = reset_token(&sink.messages.lock().unwrap()[0]);
    assert_eq!(token.len(), 64);

    let phone = browser();
    let new_password = "a brand new passphrase";
    let (status, _) = post(
        &phone,
        &app,
        "reset_password",
        &[
            ("token", &token),
            ("password", new_password),
            ("confirm", new_password),
        ],
    )
    .await;
    assert!(status.is_success(), "{status}");
    let (_, me) = post(&phone, &app, "me", &[]).await;
    assert!(
        me.contains("ada@example.org"),
        "the reset logs the person in"
    );
    let (_, me) = post(&laptop, &app, "me", &[]).await;
    assert_eq!(me, "null", "the other session ended");

    let (status, _) = post(
        &browser(),
        &app,
        "reset_password",
        &[
            ("token", &token),
            ("password", "yet another one"),
            ("confirm", "yet another one"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "single use");
    assert_eq!(
        post(
            &browser(),
            &app,
            "login",
            &[("email", "ada@example.org"), ("password", PASSWORD)]
        )
        .await
        .0,
        StatusCode::UNAUTHORIZED
    );
    assert!(post(
        &browser(),
        &app,
        "login",
        &[("email", "ada@example.org"), ("password", new_password)]
    )
    .await
    .0
    .is_success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_reset_link_changes_nothing() {
    let (app, sink) = app_with_sink().await;
    post(
        &browser(),
        &app,
        "register",
        &[
            ("first_name", "Olga"),
            ("surname", "Organizer"),
            ("email", "ada@example.org"),
            ("password", PASSWORD),
            ("confirm", PASSWORD),
        ],
    )
    .await;
    post(
        &browser(),
        &app,
        "request_password_reset",
        &[("email", "ada@example.org")],
    )
    .await;
    let token = reset_token(&sink.messages.lock().unwrap()[0]);
    sqlx::query("update auth_tokens set expires_at = now() - interval '1 second' where purpose = 'reset_password'")
        .execute(&app.db.admin)
        .await
        .unwrap();
    let (status, _) = post(
        &browser(),
        &app,
        "reset_password",
        &[
            ("token", &token),
            ("password", "a brand new passphrase"),
            ("confirm", "a brand new passphrase"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(post(
        &browser(),
        &app,
        "login",
        &[("email", "ada@example.org"), ("password", PASSWORD)]
    )
    .await
    .0
    .is_success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_mail_configured_a_reset_cannot_be_asked_for() {
    let app = spawn_app(test_auth_config()).await;
    let (status, enabled) = post(&browser(), &app, "mail_enabled", &[]).await;
    assert_eq!((status, enabled.as_str()), (StatusCode::OK, "false"));
    let (status, body) = post(
        &browser(),
        &app,
        "request_password_reset",
        &[("email", "ada@example.org")],
    )
    .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let _: Value = serde_json::from_str(&body).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_requests_for_one_address_stop_after_three_in_the_window_so_no_inbox_is_bombed() {
    let (app, sink) = app_with_sink().await;
    post(
        &browser(),
        &app,
        "register",
        &[
            ("first_name", "Olga"),
            ("surname", "Organizer"),
            ("email", "ada@example.org"),
            ("password", PASSWORD),
            ("confirm", PASSWORD),
        ],
    )
    .await;
    for _ in 0..3 {
        let (status, _) = post(
            &browser(),
            &app,
            "request_password_reset",
            &[("email", "ada@example.org")],
        )
        .await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, body) = post(
        &browser(),
        &app,
        "request_password_reset",
        &[("email", "Ada@Example.org")],
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(body.contains("TooManyAttempts"), "{body}");
    assert_eq!(sink.messages.lock().unwrap().len(), 3);

    // An unknown address is limited the same way: the answer still tells nothing.
    for expected in [200, 200, 200, 429] {
        let (status, _) = post(
            &browser(),
            &app,
            "request_password_reset",
            &[("email", "nobody@example.org")],
        )
        .await;
        assert_eq!(status.as_u16(), expected);
    }
    // Another person is not affected.
    let (status, _) = post(
        &browser(),
        &app,
        "request_password_reset",
        &[("email", "grace@example.org")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}
