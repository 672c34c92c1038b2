//! Pages as HTML over HTTP: which pages ship a script (only those with islands), plain form posts
//! that come back to their page, and compressed answers.

use crate::common::{
    accept_invitation, browser, create_draw, draw, navigate, page, register, run_draw, spawn_app,
    test_auth_config, testers, token_of, TestApp,
};
use reqwest::{Client, StatusCode};

/// An organizer with a drawn draw of four, and the first person of it, joined.
async fn drawn_draw(app: &TestApp) -> (Client, String, Client) {
    let organizer = register(app, "olga@example.org").await;
    let emails = [
        "ada@example.org",
        "alan@example.org",
        "grace@example.org",
        "linus@example.org",
    ];
    let id = create_draw(
        &organizer,
        app,
        &draw("Office", testers(&emails, |_, _| "Tea".into())),
    )
    .await;
    let links = run_draw(&organizer, app, &id).await;
    let ada = accept_invitation(app, &token_of(&links[0])).await;
    (organizer, id, ada)
}

/// A plain form post, as a browser with no JavaScript sends it from `from`.
async fn plain_post(
    client: &Client,
    app: &TestApp,
    endpoint: &str,
    from: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(format!("{}/api/{endpoint}", app.base))
        .header("accept", "text/html")
        .header("referer", format!("{}{from}", app.base))
        .form(form)
        .send()
        .await
        .unwrap()
}

fn location(res: &reqwest::Response) -> String {
    crate::common::location(res)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_with_nothing_to_react_to_send_no_script_and_no_wasm() {
    let app = spawn_app(test_auth_config()).await;
    let anonymous = browser();
    let organizer = register(&app, "olga@example.org").await;
    let reset = format!("/reset/{}", "0".repeat(64));
    let pages: [(&Client, &str); 8] = [
        (&anonymous, "/"),
        (&anonymous, "/login"),
        (&anonymous, "/register"),
        (&anonymous, "/forgot-password"),
        (&anonymous, &reset),
        (&anonymous, "/no-such-page"),
        (&organizer, "/account"),
        (&organizer, "/draws"),
    ];
    for (client, path) in pages {
        let (_, html) = page(client, &app, path).await;
        assert!(html.contains("</html>"), "{path}: a whole page");
        for code in ["<script", "leptos-island", ".wasm", "secret-santa.js"] {
            assert!(!html.contains(code), "{path} sends {code}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_editor_the_draw_page_and_the_participant_page_load_their_islands() {
    let app = spawn_app(test_auth_config()).await;
    let (organizer, id, ada) = drawn_draw(&app).await;
    let editor = page(&organizer, &app, "/draws/new").await.1;
    let draw_page = page(&organizer, &app, &format!("/draws/{id}")).await.1;
    let match_page = page(&ada, &app, &format!("/draws/{id}/match")).await.1;
    for (html, island) in [
        (&editor, "DrawEditor"),
        (&draw_page, "DrawActions"),
        (&match_page, "WishText"),
    ] {
        assert!(
            html.contains(&format!("data-component=\"{island}")),
            "{island} on its page"
        );
        assert_eq!(
            html.matches("/pkg/secret-santa.js").count(),
            1,
            "one island script, preloaded by module"
        );
    }
    // The organizer's island carries the status list, never a pair.
    assert!(
        !draw_page.contains("recipient"),
        "no pair in the island's props"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_plain_login_comes_back_to_its_form_with_the_address_typed_and_never_the_password(
) {
    let app = spawn_app(test_auth_config()).await;
    let client = browser();
    let res = plain_post(
        &client,
        &app,
        "login",
        "/login?next=/account",
        &[
            ("email", "ada@example.org"),
            ("password", "wrong horse battery"),
            ("next", "/account"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::FOUND);
    let back = location(&res);
    assert!(
        back.starts_with("/login?next=%2Faccount&"),
        "back to its form, on this site: {back}"
    );
    assert!(back.contains("__err="), "{back}");
    assert!(back.contains("email=ada%40example.org"), "{back}");
    assert!(
        !back.contains("horse"),
        "the password never goes into an address: {back}"
    );

    let html = navigate(&client, &app.base, &back)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Wrong email or password."),
        "the refusal on the page"
    );
    assert!(
        html.contains(r#"value="ada@example.org""#),
        "the address typed is back in its field"
    );
    assert!(!html.contains("horse"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_value_in_the_address_is_text_in_its_field_never_markup() {
    let app = spawn_app(test_auth_config()).await;
    let (_, html) = page(
        &browser(),
        &app,
        "/login?email=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    )
    .await;
    assert!(!html.contains("<script>alert(1)"), "{html}");
    assert!(html.contains("alert(1)"), "the value is there, as text");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_reveal_comes_back_with_the_match_open_and_shown_1_alone_opens_nothing() {
    let app = spawn_app(test_auth_config()).await;
    let (_, id, ada) = drawn_draw(&app).await;
    let page_path = format!("/draws/{id}/match");

    let (_, before) = page(&ada, &app, &format!("{page_path}?shown=1")).await;
    assert!(
        !before.contains("data-testid=\"match-name\""),
        "not revealed yet: nothing shown"
    );

    let res = plain_post(&ada, &app, "reveal_match", &page_path, &[("id", &id)]).await;
    assert_eq!(res.status(), StatusCode::FOUND);
    let back = location(&res);
    assert_eq!(back, format!("{page_path}?shown=1#match-title"));
    let (_, after) = page(&ada, &app, &back.replace("#match-title", "")).await;
    assert!(
        after.contains("data-testid=\"match-name\""),
        "the match, open"
    );

    let res = plain_post(
        &ada,
        &app,
        "save_wishes",
        &format!("{page_path}?shown=1"),
        &[("id", &id), ("gift_preferences", "Warm socks")],
    )
    .await;
    assert_eq!(
        location(&res),
        format!("{page_path}?saved=1&shown=1#wishes-title")
    );
    let (_, saved) = page(&ada, &app, &format!("{page_path}?saved=1&shown=1")).await;
    assert!(saved.contains("Saved. Your Secret Santa sees your new wishes."));
    assert!(saved.contains("Warm socks"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_compressed_as_the_browser_accepts() {
    let app = spawn_app(test_auth_config()).await;
    for (accepts, encoding) in [
        ("br, gzip", Some("br")),
        ("gzip", Some("gzip")),
        ("identity", None),
    ] {
        let res = navigate(&browser(), &app.base, "/login")
            .header("accept-encoding", accepts)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let got = res
            .headers()
            .get("content-encoding")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        assert_eq!(got.as_deref(), encoding, "Accept-Encoding: {accepts}");
    }
    // Only the one who asked gets it: an answer that may be compressed varies by the header.
    let res = navigate(&browser(), &app.base, "/login")
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers().get("vary").and_then(|v| v.to_str().ok()),
        Some("accept-encoding")
    );
}
