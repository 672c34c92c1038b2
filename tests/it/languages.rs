//! English and Polish (issue 18): which language a request gets (the person's choice on their
//! account or in a cookie, then the browser's `Accept-Language`, then English), the switcher, and
//! pages, errors and mail in Polish.

use crate::common::{
    app_with_sink, browser, create_draw, decoded_mail, draw, navigate, register, run_draw,
    spawn_app, test_auth_config, testers, TestApp, PASSWORD,
};
use reqwest::{Client, StatusCode};

const POLISH: &str = "pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7";
const ENGLISH: &str = "en-US,en;q=0.9";

/// The page at `path` as `client` sees it when its browser asks for `accept_language`.
async fn page_in(client: &Client, app: &TestApp, path: &str, accept_language: &str) -> String {
    let res = navigate(client, &app.base, path)
        .header("accept-language", accept_language)
        .send()
        .await
        .unwrap();
    res.text().await.unwrap()
}

/// Switches the language with the footer's form, from `back`; the answer.
async fn switch(client: &Client, app: &TestApp, lang: &str, back: &str) -> reqwest::Response {
    client
        .post(format!("{}/language", app.base))
        .header("origin", app.base.as_str())
        .form(&[("lang", lang), ("back", back)])
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_that_asks_for_polish_gets_every_public_page_in_polish() {
    let app = spawn_app(test_auth_config()).await;
    let visitor = browser();
    let pages = [
        ("/", "Zorganizuj losowanie"),
        ("/login", "Nie pamiętasz hasła?"),
        ("/register", "Masz już konto?"),
        ("/forgot-password", "Nie pamiętasz hasła?"),
        (
            &*format!("/reset/{}", "0".repeat(64)),
            "Ten link do zmiany hasła już nie działa",
        ),
        (
            &*format!("/invite/{}", "0".repeat(64)),
            "Ten link już nie działa",
        ),
        ("/no-such-page", "Nie ma takiej strony"),
    ];
    for (path, words) in pages {
        let html = page_in(&visitor, &app, path, POLISH).await;
        assert!(html.contains(r#"<html lang="pl""#), "{path}: {html}");
        assert!(html.contains(words), "{path} says {words:?}: {html}");
        assert!(html.contains("Przejdź do treści"), "{path}: the skip link");
        assert!(!html.contains("Skip to content"), "{path}: no English left");
        // The same page for a browser that asks for English (or nothing) is English.
        let html = page_in(&visitor, &app, path, ENGLISH).await;
        assert!(html.contains(r#"<html lang="en""#), "{path}");
        assert!(html.contains("Skip to content"), "{path}");
    }
    let (_, html) = crate::common::page(&visitor, &app, "/login").await;
    assert!(
        html.contains(r#"<html lang="en""#),
        "English without Accept-Language"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_language_the_app_does_not_speak_falls_back_to_the_next_one_the_browser_names() {
    let app = spawn_app(test_auth_config()).await;
    let visitor = browser();
    let html = page_in(&visitor, &app, "/login", "de-DE,de;q=0.9,pl;q=0.5,en;q=0.3").await;
    assert!(html.contains(r#"<html lang="pl""#));
    let html = page_in(&visitor, &app, "/login", "fr-FR,fr;q=0.9").await;
    assert!(html.contains(r#"<html lang="en""#));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitors_choice_is_kept_in_a_cookie_and_wins_over_the_browsers_language() {
    let app = spawn_app(test_auth_config()).await;
    let visitor = browser();
    let res = switch(&visitor, &app, "pl", "/login?next=%2Fdraws").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(crate::common::location(&res), "/login?next=%2Fdraws");
    let cookie = crate::common::set_cookie(&res, "santa_lang").expect("a cookie");
    assert!(cookie.contains("santa_lang=pl"), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let html = page_in(&visitor, &app, "/login", ENGLISH).await;
    assert!(html.contains(r#"<html lang="pl""#), "the cookie wins");
    assert!(html.contains(r#"aria-pressed="true">Polski"#), "{html}");

    switch(&visitor, &app, "en", "/login").await;
    let html = page_in(&visitor, &app, "/login", POLISH).await;
    assert!(html.contains(r#"<html lang="en""#), "and back");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_members_choice_is_kept_on_their_account_and_follows_them_to_another_browser() {
    let app = spawn_app(test_auth_config()).await;
    let olga = register(&app, "olga@example.org").await;
    let res = switch(&olga, &app, "pl", "/draws").await;
    assert_eq!(crate::common::location(&res), "/draws");
    let stored: Option<String> = app
        .db
        .admin_scalar(
            "select language from users where email = 'olga@example.org'",
            (),
        )
        .await;
    assert_eq!(stored.as_deref(), Some("pl"));
    let html = page_in(&olga, &app, "/draws", ENGLISH).await;
    assert!(html.contains("Twoje losowania"), "{html}");

    // Another browser, English by its own settings and with no cookie: the account decides.
    let elsewhere = browser();
    let res = elsewhere
        .post(format!("{}/api/login", app.base))
        .form(&[("email", "olga@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success() || res.status().is_redirection());
    let html = page_in(&elsewhere, &app, "/account", ENGLISH).await;
    assert!(html.contains(r#"<html lang="pl""#), "{html}");
    assert!(html.contains("Twoje konto"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_switcher_goes_back_only_to_a_page_of_this_site_and_knows_only_its_languages() {
    let app = spawn_app(test_auth_config()).await;
    let visitor = browser();
    for back in [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "",
    ] {
        let res = switch(&visitor, &app, "pl", back).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{back}");
        assert_eq!(crate::common::location(&res), "/", "{back}");
    }
    let res = switch(&visitor, &app, "de", "/login").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(crate::common::set_cookie(&res, "santa_lang").is_none());
    // Whatever is posted, the answer is the app's own words, in the visitor's language (found
    // from outside: a missing field or a JSON body got the framework's English text).
    for (content_type, body) in [
        ("application/x-www-form-urlencoded", "back=%2F".to_string()),
        ("application/json", r#"{"lang":"pl"}"#.to_string()),
        (
            "application/x-www-form-urlencoded",
            format!("lang=pl&back=/{}", "a".repeat(20_000)),
        ),
    ] {
        let res = visitor
            .post(format!("{}/language", app.base))
            .header("origin", app.base.as_str())
            .header("accept-language", POLISH)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = res.status();
        let text = res.text().await.unwrap();
        assert!(
            [StatusCode::BAD_REQUEST, StatusCode::PAYLOAD_TOO_LARGE].contains(&status),
            "{status} {text}"
        );
        assert!(
            text == "Nie znamy takiego języka." || text.starts_with("To za dużo"),
            "{text}"
        );
    }
    // A refused form's error, written in the old language, is not carried over.
    let res = switch(
        &visitor,
        &app,
        "en",
        "/register?__err=%7B%7D&__path=%2Fapi%2Fregister&email=a%40b.pl",
    )
    .await;
    assert_eq!(crate::common::location(&res), "/register?email=a%40b.pl");
    // A switch posted from another site is refused like any cross-site post.
    let res = visitor
        .post(format!("{}/language", app.base))
        .header("origin", "https://evil.example")
        .form(&[("lang", "pl"), ("back", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // (A new browser: this one chose English above, which wins over its Accept-Language.)
    let polish = browser()
        .post(format!("{}/language", app.base))
        .header("origin", "https://evil.example")
        .header("accept-language", POLISH)
        .form(&[("lang", "pl"), ("back", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        polish.text().await.unwrap(),
        "Nie przyjmujemy żądań z innych stron."
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organizers_pages_speak_polish_with_polish_dates_money_and_plurals() {
    let app = spawn_app(test_auth_config()).await;
    let olga = register(&app, "olga@example.org").await;
    switch(&olga, &app, "pl", "/draws").await;
    let people = testers(
        &[
            "ada@example.org",
            "alan@example.org",
            "grace@example.org",
            "linus@example.org",
            "edsger@example.org",
        ],
        |_, _| "Herbata".into(),
    );
    let mut office = draw("Biuro", people);
    office["budget"] = "25".into();
    office["currency"] = "PLN".into();
    office["exchange_date"] = "2036-12-18".into();
    let id = create_draw(&olga, &app, &office).await;
    let sql = format!("select language from draws where id = '{id}'");
    let language: String = app.db.admin_scalar(&sql, ()).await;
    assert_eq!(
        language, "pl",
        "a draw speaks its organizer's language unless told otherwise"
    );
    let html = page_in(&olga, &app, "/draws", ENGLISH).await;
    assert!(html.contains("5 osób"), "{html}");
    assert!(html.contains("18 grudnia 2036"), "{html}");
    let html = page_in(&olga, &app, &format!("/draws/{id}"), ENGLISH).await;
    assert!(html.contains("25,00\u{a0}zł"), "{html}");
    assert!(html.contains("18 grudnia 2036"));
    assert!(html.contains("Losuj"));
    let html = page_in(&olga, &app, &format!("/draws/{id}/edit"), ENGLISH).await;
    assert!(html.contains("Osoba 1"), "{html}");
    assert!(
        html.contains("Dodano {n} osoby.") && html.contains("Dodano {n} osób."),
        "the editor's texts: {html}"
    );
    run_draw(&olga, &app, &id).await;
    let html = page_in(&olga, &app, &format!("/draws/{id}"), ENGLISH).await;
    assert!(html.contains("Zmiany po losowaniu"), "{html}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_plain_form_post_shows_its_errors_in_polish() {
    let app = spawn_app(test_auth_config()).await;
    let visitor = browser();
    let res = visitor
        .post(format!("{}/api/register", app.base))
        .header("accept", "text/html")
        .header("accept-language", POLISH)
        .header("referer", format!("{}/register", app.base))
        .form(&crate::common::register_form(
            "Ola",
            "Nowak",
            "ola@example.org",
            "krótkie",
            "krótkie",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FOUND, "back to the form");
    let back = crate::common::location(&res);
    let html = page_in(&visitor, &app, &back, POLISH).await;
    assert!(
        html.contains("Popraw zaznaczone pola") || html.contains("field--invalid"),
        "{html}"
    );
    assert!(
        html.contains("znaków"),
        "the password's error, in Polish: {html}"
    );
    assert!(!html.contains("at least"), "{html}");
    let wrong = visitor
        .post(format!("{}/api/login", app.base))
        .header("accept", "text/html")
        .header("accept-language", POLISH)
        .header("referer", format!("{}/login", app.base))
        .form(&[("email", "nobody@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let back = crate::common::location(&wrong);
    let html = page_in(&visitor, &app, &back, POLISH).await;
    assert!(html.contains("Nieprawidłowy e-mail lub hasło."), "{html}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_goes_out_in_the_draws_language_and_a_reset_in_the_accounts() {
    let (app, sink) = app_with_sink().await;
    let olga = register(&app, "olga@example.org").await;
    switch(&olga, &app, "pl", "/draws").await;
    let emails = ["ada@example.org", "alan@example.org", "grace@example.org"];
    // Alan has an account already, and chose English on it.
    let alan = register(&app, "alan@example.org").await;
    switch(&alan, &app, "en", "/draws").await;
    let mut office = draw("Biuro", testers(&emails, |_, _| "Herbata".into()));
    office["language"] = "pl".into();
    let id = create_draw(&olga, &app, &office).await;
    run_draw(&olga, &app, &id).await;
    let mail = sink.wait_for_mail_to("ada@example.org").await;
    let decoded = decoded_mail(&mail);
    assert!(
        decoded.contains("Subject: Bierzesz udział w losowaniu Secret Santa „Biuro”"),
        "{decoded}"
    );
    assert!(decoded.contains("zaprasza"), "{decoded}");
    assert!(!decoded.contains("invited you"), "{decoded}");
    // Alan's invitation is in the language he chose, not the draw's (found from outside).
    let alans = decoded_mail(&sink.wait_for_mail_to("alan@example.org").await);
    assert!(alans.contains("invited you"), "{alans}");

    // Olga chose Polish on her account: a reset asked for from an English browser is Polish.
    let res = browser()
        .post(format!("{}/api/request_password_reset", app.base))
        .header("accept-language", ENGLISH)
        .form(&[("email", "olga@example.org")])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    let reset = decoded_mail(&sink.wait_for_mail_to("olga@example.org").await);
    assert!(reset.contains("hasł"), "{reset}");
    assert!(!reset.contains("Reset your"), "{reset}");

    // A draw in English mails in English, whatever its organizer reads.
    let mut english = draw(
        "Office",
        testers(
            &[
                "edsger@example.org",
                "barbara@example.org",
                "donald@example.org",
            ],
            |_, _| "Tea".into(),
        ),
    );
    english["language"] = "en".into();
    let id = create_draw(&olga, &app, &english).await;
    run_draw(&olga, &app, &id).await;
    let mail = decoded_mail(&sink.wait_for_mail_to("edsger@example.org").await);
    assert!(mail.contains("invited you"), "{mail}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_language_chosen_before_registering_goes_onto_the_new_account() {
    let app = spawn_app(test_auth_config()).await;
    let visitor = browser();
    switch(&visitor, &app, "pl", "/register").await;
    let res = visitor
        .post(format!("{}/api/register", app.base))
        .form(&crate::common::registration("nela@example.org", PASSWORD))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    page_in(&visitor, &app, "/draws", ENGLISH).await;
    let stored: Option<String> = app
        .db
        .admin_scalar(
            "select language from users where email = 'nela@example.org'",
            (),
        )
        .await;
    assert_eq!(
        stored.as_deref(),
        Some("pl"),
        "mail to her follows her choice"
    );

    // Later, in another browser, she chooses English on the login page before logging in: the
    // latest choice goes onto her account (found from outside: the account's old one won).
    let other = browser();
    switch(&other, &app, "en", "/login").await;
    let res = other
        .post(format!("{}/api/login", app.base))
        .form(&[("email", "nela@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success() || res.status().is_redirection());
    let html = page_in(&other, &app, "/draws", POLISH).await;
    assert!(html.contains(r#"<html lang="en""#), "{html}");
    let stored: Option<String> = app
        .db
        .admin_scalar(
            "select language from users where email = 'nela@example.org'",
            (),
        )
        .await;
    assert_eq!(stored.as_deref(), Some("en"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_drawn_draws_language_can_change_with_its_details() {
    let app = spawn_app(test_auth_config()).await;
    let olga = register(&app, "olga@example.org").await;
    let emails = ["ada@example.org", "alan@example.org", "grace@example.org"];
    let id = create_draw(
        &olga,
        &app,
        &draw("Office", testers(&emails, |_, _| "Tea".into())),
    )
    .await;
    run_draw(&olga, &app, &id).await;
    let details = |language: &'static str| {
        vec![
            ("id", id.clone()),
            ("name", "Office".to_string()),
            ("budget", String::new()),
            ("currency", "EUR".to_string()),
            ("exchange_date", String::new()),
            ("message", String::new()),
            ("language", language.to_string()),
        ]
    };
    let res = olga
        .post(format!("{}/api/update_draw_details", app.base))
        .form(&details("pl"))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    let sql = format!("select language from draws where id = '{id}'");
    let language: String = app.db.admin_scalar(&sql, ()).await;
    assert_eq!(language, "pl");
    let res = olga
        .post(format!("{}/api/update_draw_details", app.base))
        .form(&details("xx"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(
        crate::common::error_fields(&body),
        vec!["language".to_string()]
    );
    let language: String = app.db.admin_scalar(&sql, ()).await;
    assert_eq!(language, "pl", "nothing changed");
    let html = page_in(&olga, &app, &format!("/draws/{id}/details"), ENGLISH).await;
    assert!(
        html.contains(r#"<option value="pl" lang="pl" selected"#),
        "{html}"
    );
}
