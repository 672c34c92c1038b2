//! Forgotten passwords: a reset link by mail (a real SMTP exchange with a local sink).

use crate::common::{
    app_with_sink, browser, link_token, login_status as login, page, post_form as post, register,
    spawn_app, test_auth_config, with_token, TestApp, PASSWORD,
};
use reqwest::StatusCode;
use serde_json::Value;

fn reset_token(mail: &str) -> String {
    link_token(mail, "/reset/").expect("a reset link")
}

/// request_password_reset for `email`, from a browser of its own: the status and the answer.
async fn ask_reset(app: &TestApp, email: &str) -> (StatusCode, String) {
    post(
        &browser(),
        app,
        "request_password_reset",
        &[("email", email)],
    )
    .await
}

/// reset_password with `token`, setting `password`, from a new browser: the status.
async fn reset(app: &TestApp, token: &str, password: &str) -> StatusCode {
    let form = with_token(token, password);
    post(&browser(), app, "reset_password", &form).await.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asking_for_a_reset_gets_the_same_answer_whether_or_not_the_address_has_an_account() {
    let (app, sink) = app_with_sink().await;
    register(&app, "ada@example.org").await;

    let known = ask_reset(&app, "ada@example.org").await;
    let unknown = ask_reset(&app, "nobody@example.org").await;
    assert_eq!(known.0, StatusCode::OK);
    assert_eq!(known, unknown);
    let mails = sink.mails();
    assert_eq!(mails.len(), 1, "only the real account gets mail");
    assert!(mails[0].contains("To: ada@example.org"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_link_sets_a_new_password_once_and_ends_every_other_session() {
    let (app, sink) = app_with_sink().await;
    let laptop = register(&app, "ada@example.org").await;
    ask_reset(&app, "ADA@example.org").await;
    let token = reset_token(&sink.mails()[0]);
    assert_eq!(token.len(), 64);

    let phone = browser();
    let new_password = "a brand new passphrase";
    let form = with_token(&token, new_password);
    let (status, _) = post(&phone, &app, "reset_password", &form).await;
    assert!(status.is_success(), "{status}");
    let (_, me) = post(&phone, &app, "me", &[]).await;
    assert!(
        me.contains("ada@example.org"),
        "the reset logs the person in"
    );
    let (_, me) = post(&laptop, &app, "me", &[]).await;
    assert_eq!(me, "null", "the other session ended");

    let status = reset(&app, &token, "yet another one").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "single use");
    assert_eq!(
        login(&app, "ada@example.org", PASSWORD).await,
        StatusCode::UNAUTHORIZED
    );
    assert!(login(&app, "ada@example.org", new_password)
        .await
        .is_success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_reset_link_changes_nothing() {
    let (app, sink) = app_with_sink().await;
    register(&app, "ada@example.org").await;
    ask_reset(&app, "ada@example.org").await;
    let token = reset_token(&sink.mails()[0]);
    app.db
        .admin_exec("update auth_tokens set expires_at = now() - interval '1 second' where purpose = 'reset_password'", ())
        .await;
    let status = reset(&app, &token, "a brand new passphrase").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(login(&app, "ada@example.org", PASSWORD).await.is_success());
}

/// The reset page of `token`: its status, and whether it shows the form or says the link is gone.
async fn reset_page(app: &TestApp, token: &str) -> (StatusCode, bool, bool) {
    let (status, html) = page(&browser(), app, &format!("/reset/{token}")).await;
    (
        status,
        html.contains("name=\"confirm\""),
        html.contains("This reset link no longer works"),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_link_s_page_shows_the_form_while_it_works_and_otherwise_says_at_once_that_it_does_not(
) {
    // Found from outside: any link, made up or used, showed the form with a 200, and said that it
    // no longer works only once a new password had been typed twice.
    let (app, sink) = app_with_sink().await;
    register(&app, "ada@example.org").await;
    let gone = (StatusCode::NOT_FOUND, false, true);
    assert_eq!(reset_page(&app, &"0".repeat(64)).await, gone, "made up");
    assert_eq!(reset_page(&app, "not-even-a-token").await, gone);

    ask_reset(&app, "ada@example.org").await;
    let first = reset_token(&sink.mails()[0]);
    assert_eq!(
        reset_page(&app, &first).await,
        (StatusCode::OK, true, false)
    );
    // A newer link replaces it.
    ask_reset(&app, "ada@example.org").await;
    let second = reset_token(&sink.mails()[1]);
    assert_eq!(reset_page(&app, &first).await, gone, "replaced");
    assert_eq!(
        reset_page(&app, &second).await,
        (StatusCode::OK, true, false)
    );
    // Used.
    assert!(reset(&app, &second, "a brand new passphrase")
        .await
        .is_success());
    assert_eq!(reset_page(&app, &second).await, gone, "used");
    // Expired.
    ask_reset(&app, "ada@example.org").await;
    let third = reset_token(&sink.mails()[2]);
    app.db
        .admin_exec("update auth_tokens set expires_at = now() - interval '1 second' where purpose = 'reset_password'", ())
        .await;
    assert_eq!(reset_page(&app, &third).await, gone, "expired");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_mail_configured_a_reset_cannot_be_asked_for() {
    let app = spawn_app(test_auth_config()).await;
    let (status, enabled) = post(&browser(), &app, "mail_enabled", &[]).await;
    assert_eq!((status, enabled.as_str()), (StatusCode::OK, "false"));
    let (status, body) = ask_reset(&app, "ada@example.org").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let _: Value = serde_json::from_str(&body).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_requests_for_one_address_stop_after_three_in_the_window_so_no_inbox_is_bombed() {
    let (app, sink) = app_with_sink().await;
    register(&app, "ada@example.org").await;
    for _ in 0..3 {
        let (status, _) = ask_reset(&app, "ada@example.org").await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, body) = ask_reset(&app, "Ada@Example.org").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(body.contains("TooManyAttempts"), "{body}");
    assert_eq!(sink.mails().len(), 3);

    // An unknown address is limited the same way: the answer still tells nothing.
    for expected in [200, 200, 200, 429] {
        let (status, _) = ask_reset(&app, "nobody@example.org").await;
        assert_eq!(status.as_u16(), expected);
    }
    // Another person is not affected.
    let (status, _) = ask_reset(&app, "grace@example.org").await;
    assert_eq!(status, StatusCode::OK);
}
