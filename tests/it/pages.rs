//! Pages as HTML over HTTP: which pages ship a script (only those with islands), plain form posts
//! that come back to their page, and compressed answers.

use crate::common::{
    accept_invitation, browser, create_draw, draw, navigate, page, post_json, quiet_testers,
    register, run_draw, spawn_app, test_auth_config, testers, token_of, TestApp,
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
async fn no_page_loads_wasm_and_the_editor_draw_and_participant_pages_carry_a_few_lines_of_script()
{
    let app = spawn_app(test_auth_config()).await;
    let (organizer, id, ada) = drawn_draw(&app).await;
    let open = create_draw(
        &organizer,
        &app,
        &draw(
            "Open",
            quiet_testers(&["a@example.org", "b@example.org", "c@example.org"]),
        ),
    )
    .await;
    for (client, path) in [
        (&organizer, "/draws/new".to_string()),
        (&organizer, format!("/draws/{open}/edit")),
        (&organizer, format!("/draws/{id}")),
        (&organizer, format!("/draws/{open}")),
        (&ada, format!("/draws/{id}/match")),
    ] {
        let html = page(client, &app, &path).await.1;
        for code in ["leptos-island", ".wasm", "secret-santa.js", "<script src"] {
            assert!(!html.contains(code), "{path} sends {code}");
        }
        assert_eq!(
            html.matches("<script").count(),
            1,
            "{path}: one inline script"
        );
        assert!(
            html.contains("<script type=\"module\" nonce="),
            "{path}: the script carries the page's nonce"
        );
    }
    let draw_page = page(&organizer, &app, &format!("/draws/{id}")).await.1;
    assert!(
        !draw_page.contains("recipient"),
        "no pair on the organizer's page"
    );
}

/// Without mail, a plain post of "Run the draw" (no script to take the links from its answer)
/// lands on the draw's page with every link; "New link" keeps the others in view; any other visit
/// forgets them; a script's call gets them in its answer and leaves nothing behind.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_mail_the_links_of_a_plain_post_are_shown_on_the_page_it_lands_on_and_then_forgotten(
) {
    let app = spawn_app(test_auth_config()).await;
    let (organizer, id) = open_office(&app).await;
    let from = format!("/draws/{id}?confirm=run");
    let res = plain_post(&organizer, &app, "run_draw", &from, &[("id", &id)]).await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(location(&res), format!("/draws/{id}?run=1"));
    let shown = page(&organizer, &app, &format!("/draws/{id}?run=1"))
        .await
        .1;
    let links = invite_links(&shown);
    assert_eq!(links.len(), 4, "a link for each person");
    // Reloading the page the post landed on shows them again; the script's refresh does not
    // touch them.
    let refresh = page(&organizer, &app, &format!("/draws/{id}?status=1"))
        .await
        .1;
    assert!(
        invite_links(&refresh).is_empty(),
        "the refresh carries no link"
    );
    assert_eq!(
        invite_links(
            &page(&organizer, &app, &format!("/draws/{id}?run=1"))
                .await
                .1
        ),
        links
    );

    // Nobody else's page shows them: not another organizer's, not a participant's.
    let other = register(&app, "oscar@example.org").await;
    assert!(invite_links(&page(&other, &app, &format!("/draws/{id}?run=1")).await.1).is_empty());

    // A new link for one person replaces theirs and keeps the others.
    let status = page(&organizer, &app, &format!("/draws/{id}")).await.1;
    assert!(
        invite_links(&status).is_empty(),
        "a plain visit shows no link"
    );
    let from = format!("/draws/{id}?run=1");
    let res = run_again_for(&organizer, &app, &from, &status, "Person1 Tester").await;
    let landed = location(&res);
    assert!(
        landed.starts_with(&format!("/draws/{id}?renewed=")),
        "{landed}"
    );
    let renewed = page(&organizer, &app, &landed).await.1;
    let fresh = invite_links(&renewed);
    assert_eq!(
        fresh.len(),
        1,
        "the plain visit forgot the run's links: only the new one"
    );
    assert!(!links.contains(&fresh[0]), "a new link");
    assert!(renewed.contains("A new link for Person1 is below"));
    let res = run_again_for(&organizer, &app, &landed, &renewed, "Person2 Tester").await;
    let both = invite_links(&page(&organizer, &app, &location(&res)).await.1);
    assert_eq!(
        both.len(),
        2,
        "Alan's new link stays in view next to Grace's"
    );
    assert!(both.contains(&fresh[0]));

    // A script's call gets the link in its answer and leaves nothing to show.
    page(&organizer, &app, &format!("/draws/{id}")).await;
    let pid = person_id(&renewed, "Person3 Tester");
    let (status, answer) = post_json(
        &organizer,
        &app,
        "new_invitation",
        &[("participant_id", &pid)],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(answer["url"].as_str().unwrap().contains("/invite/"));
    let after = page(&organizer, &app, &format!("/draws/{id}?renewed={pid}"))
        .await
        .1;
    assert!(
        invite_links(&after).is_empty(),
        "a script's call left no link behind"
    );
}

/// What outside testers tried against the kept links: logging in as someone else in the
/// organizer's browser, a newer link made in another session, a refused post in another tab.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kept_links_go_to_nobody_else_never_show_a_replaced_link_and_survive_a_refused_post() {
    let app = spawn_app(test_auth_config()).await;
    let (organizer, id) = open_office(&app).await;
    let from = format!("/draws/{id}?confirm=run");
    plain_post(&organizer, &app, "run_draw", &from, &[("id", &id)]).await;
    let shown = page(&organizer, &app, &format!("/draws/{id}?run=1"))
        .await
        .1;
    let links = invite_links(&shown);
    assert_eq!(links.len(), 4);

    // Another tab, still showing the open draw, runs it again: refused, and the refusal comes
    // back to a page that still shows the links.
    let res = plain_post(&organizer, &app, "run_draw", &from, &[("id", &id)]).await;
    let back = location(&res);
    assert!(back.contains("__err="), "{back}");
    let refused = page(&organizer, &app, &back).await.1;
    assert!(refused.contains("already been run"), "the refusal is shown");
    assert_eq!(
        invite_links(&refused),
        links,
        "a refused post keeps the links"
    );

    // The same organizer, in another browser, makes a new link for one person: this page no
    // longer shows the old one, which stopped working.
    let (elsewhere, _) =
        crate::common::log_in(&app, "olga@example.org", crate::common::PASSWORD).await;
    let pid = person_id(&shown, "Person1 Tester");
    let (status, _) = post_json(
        &elsewhere,
        &app,
        "new_invitation",
        &[("participant_id", &pid)],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let now = invite_links(
        &page(&organizer, &app, &format!("/draws/{id}?run=1"))
            .await
            .1,
    );
    assert_eq!(now.len(), 3, "the replaced link is not shown");
    assert!(!now.contains(&links[1]));

    // Someone joins in the organizer's browser (an invitation accepted there logs them in):
    // they see no link, and there is no endpoint that hands the kept links out.
    let token = links[0].rsplit('/').next().unwrap().to_string();
    let (status, body) = crate::common::post_form(
        &organizer,
        &app,
        "accept_invitation",
        &crate::common::with_token(&token, crate::common::PASSWORD),
    )
    .await;
    assert!(
        status.is_success() || status == StatusCode::FOUND,
        "{status} {body}"
    );
    for path in [format!("/draws/{id}?run=1"), format!("/draws/{id}/match")] {
        let html = page(&organizer, &app, &path).await.1;
        for link in &links {
            assert!(!html.contains(link.as_str()), "{path} shows a kept link");
        }
    }
    let res = organizer
        .post(format!("{}/api/fresh_links", app.base))
        .header("origin", &app.base)
        .form(&[("id", id.as_str()), ("show", "true")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "no such endpoint");
}

/// A link from elsewhere can carry a made-up form error (`__err`): a browser that did not come
/// from this site is sent to the page without it; a refused post from our own page keeps it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_error_in_a_link_from_elsewhere_is_dropped_and_answers_are_never_cached() {
    let app = spawn_app(test_auth_config()).await;
    let client = browser();
    let made_up =
        "eyJWYWxpZGF0aW9uIjpbeyJmaWVsZCI6ImVtYWlsIiwibWVzc2FnZSI6IkNhbGwgKzEtNTU1LTAxMDAifV19";
    let path = format!("/login?next=%2Fdraws&__path=%2Fapi%2Flogin&__err={made_up}");
    for site in ["none", "cross-site", "same-site"] {
        let res = navigate(&client, &app.base, &path)
            .header("sec-fetch-site", site)
            .send()
            .await
            .unwrap();
        assert!(res.status().is_redirection(), "{site}: {}", res.status());
        assert_eq!(location(&res), "/login?next=%2Fdraws", "{site}");
    }
    // A browser that sends no Sec-Fetch-Site (plain HTTP on a host other than localhost): its
    // Referer tells where it came from, and no Referer is no proof.
    for referer in [Some("http://evil.example/page"), None] {
        let mut req = client
            .get(format!("{}{path}", app.base))
            .header("accept", "text/html");
        if let Some(referer) = referer {
            req = req.header("referer", referer);
        }
        let res = req.send().await.unwrap();
        assert!(
            res.status().is_redirection(),
            "{referer:?}: {}",
            res.status()
        );
        assert_eq!(location(&res), "/login?next=%2Fdraws", "{referer:?}");
    }
    // The same with the error's name percent-encoded, which Leptos reads all the same (found
    // from outside: it got through).
    let encoded = format!("/login?next=%2Fdraws&%5F%5Fpath=%2Fapi%2Flogin&%5F%5Ferr={made_up}");
    let res = navigate(&client, &app.base, &encoded)
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(location(&res), "/login?next=%2Fdraws");
    // Nor can a login's `next` carry one onto the page after it.
    let (olga, _) = crate::common::log_in(&app, "nobody@example.org", "x").await;
    drop(olga);
    crate::common::register(&app, "olga@example.org").await;
    let planted = format!("/account?__path=%2Fapi%2Fchange_password&__err={made_up}");
    let res = browser()
        .post(format!("{}/api/login", app.base))
        .header("accept", "text/html")
        .header("referer", format!("{}/login", app.base))
        .form(&[
            ("email", "olga@example.org"),
            ("password", crate::common::PASSWORD),
            ("next", planted.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&res), "/draws", "the planted next is not followed");
    for ours in [
        navigate(&client, &app.base, &path).header("sec-fetch-site", "same-origin"),
        navigate(&client, &app.base, &path),
    ] {
        let res = ours.send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert!(
            res.text().await.unwrap().contains("Call +1-555-0100"),
            "our own refusal is shown"
        );
    }

    // An answer of the API is as private as a page.
    let res = client
        .post(format!("{}/api/login", app.base))
        .header("origin", &app.base)
        .form(&[
            ("email", "nobody@example.org"),
            ("password", "wrong password here"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("private, no-store")
    );
}

/// With mail, "mailed again" is said only after this session's own "Send again": not of
/// anybody whose id is put in the address.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mailed_again_is_said_only_of_an_invitation_this_session_sent_again() {
    let (app, _sink) = crate::common::app_with_sink().await;
    let (organizer, id) = open_office(&app).await;
    run_draw(&organizer, &app, &id).await;
    let html = page(&organizer, &app, &format!("/draws/{id}")).await.1;
    let (alan, grace) = (
        person_id(&html, "Person1 Tester"),
        person_id(&html, "Person2 Tester"),
    );
    let made_up = page(&organizer, &app, &format!("/draws/{id}?renewed={grace}"))
        .await
        .1;
    assert!(
        !made_up.contains("was mailed again"),
        "nobody sent Grace's again"
    );
    let from = format!("/draws/{id}");
    let res = run_again_for(&organizer, &app, &from, &html, "Person1 Tester").await;
    let landed = location(&res);
    assert!(landed.contains(&alan), "{landed}");
    let sent = page(&organizer, &app, &landed).await.1;
    assert!(sent.contains("The invitation to Person1 Tester was mailed again"));
    let other = page(&organizer, &app, &format!("/draws/{id}?renewed={grace}"))
        .await
        .1;
    assert!(!other.contains("was mailed again"), "still not Grace's");
}

/// An organizer with an open draw of four ("Person0 Tester" … "Person3 Tester").
async fn open_office(app: &TestApp) -> (Client, String) {
    let organizer = register(app, "olga@example.org").await;
    let emails = [
        "ada@example.org",
        "alan@example.org",
        "grace@example.org",
        "linus@example.org",
    ];
    let id = create_draw(&organizer, app, &draw("Office", quiet_testers(&emails))).await;
    (organizer, id)
}

/// The invitation links a page shows.
fn invite_links(html: &str) -> Vec<String> {
    html.split("data-testid=\"invitation-link\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('>'))
        .map(|(_, text)| text.split('<').next().unwrap_or_default().to_string())
        .collect()
}

/// The participant id behind the "New link" form of `name` on a draw page.
fn person_id(html: &str, name: &str) -> String {
    let list = &html[html.find("data-status-list").expect("the status list")..];
    let at = list.find(&format!("<strong>{name}")).expect(name);
    let before = &list[..at];
    let start = before.rfind("data-person=\"").expect("a person row") + "data-person=\"".len();
    before[start..start + 36].to_string()
}

async fn run_again_for(
    organizer: &Client,
    app: &TestApp,
    from: &str,
    html: &str,
    name: &str,
) -> reqwest::Response {
    let pid = person_id(html, name);
    let res = plain_post(
        organizer,
        app,
        "new_invitation",
        from,
        &[("participant_id", &pid)],
    )
    .await;
    assert_eq!(res.status(), StatusCode::FOUND);
    res
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_plain_login_comes_back_to_its_form_with_the_address_typed_which_no_address_bar_shows_and_never_the_password(
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
    assert!(
        !back.contains("ada") && !back.contains("horse"),
        "nothing typed goes into the address (the history, logs): {back}"
    );
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("santa_kept="))
        .expect("the address typed waits in a cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("Max-Age=600"),
        "{cookie}"
    );
    assert!(!cookie.contains("horse"), "{cookie}");

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
async fn a_value_in_a_link_never_fills_a_form_and_an_address_typed_into_an_invitation_comes_back_over_the_invited_one(
) {
    // Found from outside: `/register?email=…` filled the form with an address of the link's
    // sender, who could then take over the account by resetting its password.
    let app = spawn_app(test_auth_config()).await;
    for path in [
        "/register?first_name=Planted&email=planted%40evil.test",
        "/login?email=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ] {
        let (_, html) = page(&browser(), &app, path).await;
        for field in ["field-email", "field-first_name"] {
            let Some(at) = html.find(&format!(r#"id="{field}""#)) else {
                continue;
            };
            let start = html[..at].rfind("<input").unwrap();
            let tag = &html[start..start + html[start..].find('>').unwrap()];
            assert!(!tag.contains("value="), "{path}: {tag}");
        }
        assert!(!html.contains("<script>alert"), "{path}");
    }
    // Found from outside: a refused invitation form put the invited address back over the one
    // the person had typed, who could then make their account under the wrong address.
    let organizer = register(&app, "olga@example.org").await;
    let emails = ["ada@example.org", "alan@example.org", "grace@example.org"];
    let id = create_draw(
        &organizer,
        &app,
        &draw("Office", testers(&emails, |_, _| "Tea".into())),
    )
    .await;
    let links = run_draw(&organizer, &app, &id).await;
    let invite = format!("/invite/{}", token_of(&links[0]));
    let client = browser();
    let res = plain_post(
        &client,
        &app,
        "accept_invitation",
        &invite,
        &[
            ("token", token_of(&links[0]).as_str()),
            ("email", "my.own@example.net"),
            ("password", "correct horse battery"),
            ("confirm", "another horse battery"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::FOUND);
    let back = crate::common::location(&res);
    assert!(!back.contains("my.own"), "{back}");
    let (_, html) = page(&client, &app, &back).await;
    assert!(html.contains(r#"value="my.own@example.net""#), "{html}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_value_comes_back_exactly_as_typed_even_when_it_looks_percent_encoded() {
    let app = spawn_app(test_auth_config()).await;
    let client = browser();
    // Typed: "50%41+%2541 x" — the address carries it encoded once, as a form post does.
    let res = plain_post(
        &client,
        &app,
        "login",
        "/login",
        &[
            ("email", "50%41+%2541 x"),
            ("password", "wrong horse battery"),
        ],
    )
    .await;
    let back = location(&res);
    assert!(!back.contains("50%"), "{back}");
    let (_, html) = page(&client, &app, &back).await;
    assert!(
        html.contains(r#"value="50%41+%2541 x""#),
        "decoded once, not twice (which read \"50A+%41 x\")"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_wish_letter_comes_back_as_typed_in_its_focused_box_and_the_saved_one_stays() {
    let app = spawn_app(test_auth_config()).await;
    let (_, id, ada) = drawn_draw(&app).await;
    let page_path = format!("/draws/{id}/match");
    let saved = plain_post(
        &ada,
        &app,
        "save_wishes",
        &page_path,
        &[("id", &id), ("gift_preferences", "Stored wish")],
    )
    .await;
    assert_eq!(saved.status(), StatusCode::FOUND);

    // A pasted right-to-left override is refused.
    let typed = "Books & tea, 50%41 \u{202e}reversed";
    let res = plain_post(
        &ada,
        &app,
        "save_wishes",
        &page_path,
        &[("id", &id), ("gift_preferences", typed)],
    )
    .await;
    let back = location(&res);
    assert!(back.contains("__err="), "{back}");
    let (_, html) = page(&ada, &app, &back).await;
    let letter = html
        .split(r#"id="field-gift_preferences""#)
        .nth(1)
        .and_then(|rest| rest.split("</textarea>").next())
        .expect("the wish letter's box");
    assert!(
        letter.ends_with(">Books &amp; tea, 50%41 \u{202e}reversed"),
        "what was typed, not what is saved: {letter}"
    );
    assert!(letter.contains("autofocus"), "{letter}");
    assert!(letter.contains(r#"aria-invalid="true""#), "{letter}");
    assert!(!html.contains("Stored wish"));
    assert_eq!(
        html.matches("autofocus").count(),
        1,
        "the focus goes to the letter alone"
    );

    // A long letter (9,000 characters, past a message's 2,000) comes back whole too.
    let long = format!("{} \u{202e}", "Books and tea, ".repeat(600));
    let res = plain_post(
        &ada,
        &app,
        "save_wishes",
        &page_path,
        &[("id", &id), ("gift_preferences", &long)],
    )
    .await;
    let (_, html) = page(&ada, &app, &location(&res)).await;
    assert!(
        html.contains(&format!(">{long}</textarea>")),
        "the long letter, whole"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_late_joiner_comes_back_with_the_wishes_typed_for_them() {
    let app = spawn_app(test_auth_config()).await;
    let (organizer, id, _) = drawn_draw(&app).await;
    let draw_page = format!("/draws/{id}");
    // Late Comer, added with a plain form post from the draw page: where the answer goes.
    let add = |email: &'static str, wishes: &'static str| {
        let (organizer, app, draw_page, id) = (&organizer, &app, &draw_page, &id);
        async move {
            let fields = [
                ("id", id.as_str()),
                ("first_name", "Late"),
                ("surname", "Comer"),
                ("email", email),
                ("gift_preferences", wishes),
            ];
            let res = plain_post(organizer, app, "add_participant", draw_page, &fields).await;
            location(&res)
        }
    };
    let back = add("not an address", "Green tea & 50%41 maps").await;
    assert!(back.contains("__err="), "{back}");
    let (_, html) = page(&organizer, &app, &back).await;
    assert!(
        html.contains(">Green tea &amp; 50%41 maps</textarea>"),
        "the wishes typed are back in their box"
    );
    // Refused for the wishes alone (a control character): the page opens on that box, not at
    // its top two screens above (found from outside), with its text and its counter.
    let back = add("late@example.org", "Tea \u{7}").await;
    assert!(back.contains("__err="), "{back}");
    let (_, html) = page(&organizer, &app, &back).await;
    let start = html
        .find("<textarea id=\"field-gift_preferences\"")
        .unwrap();
    let tag = &html[start..start + html[start..].find('>').unwrap()];
    assert!(tag.contains("autofocus"), "{tag}");
    assert!(tag.contains("aria-invalid=\"true\""), "{tag}");
    assert!(html.contains(">Tea \u{7}</textarea>"));
    assert!(html.contains(">5 / 10000<"), "its counter");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_address_with_a_slash_at_its_end_goes_to_the_page_rather_than_an_error() {
    let app = spawn_app(test_auth_config()).await;
    let (organizer, id, ada) = drawn_draw(&app).await;
    let stranger = browser();
    for (client, path, page_path) in [
        (
            &organizer,
            "/draws/?welcome=1".to_string(),
            "/draws?welcome=1".to_string(),
        ),
        (
            &ada,
            format!("/draws/{id}/match/"),
            format!("/draws/{id}/match"),
        ),
        (&stranger, "/login/".to_string(), "/login".to_string()),
    ] {
        let res = navigate(client, &app.base, &path).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::PERMANENT_REDIRECT, "{path}");
        assert_eq!(location(&res), page_path);
        let (status, html) = page(client, &app, &page_path).await;
        assert_eq!(status, StatusCode::OK, "{page_path}");
        assert!(!html.contains("Something went wrong"), "{page_path}");
    }
    // An address that no page has stays not found, slash or not.
    let res = navigate(&ada, &app.base, "/nowhere/").send().await.unwrap();
    assert_eq!(location(&res), "/nowhere");
    let (status, _) = page(&ada, &app, "/nowhere").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
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
async fn a_message_to_my_secret_santa_leaves_the_match_open_when_it_was_and_closed_when_it_was_not()
{
    let app = spawn_app(test_auth_config()).await;
    let (_, id, ada) = drawn_draw(&app).await;
    let page_path = format!("/draws/{id}/match");
    plain_post(&ada, &app, "reveal_match", &page_path, &[("id", &id)]).await;
    for (from, back) in [
        (
            format!("{page_path}?shown=1"),
            format!("{page_path}?shown=1&sent=recipient"),
        ),
        (page_path.clone(), format!("{page_path}?sent=recipient")),
    ] {
        let res = plain_post(
            &ada,
            &app,
            "send_message",
            &from,
            &[
                ("id", &id),
                ("as_giver", "false"),
                ("with", ""),
                ("body", "Thank you, Santa"),
            ],
        )
        .await;
        assert_eq!(res.status(), StatusCode::FOUND, "from {from}");
        assert_eq!(location(&res), back, "from {from}");
        let (_, html) = page(&ada, &app, &back).await;
        assert_eq!(
            html.contains("data-testid=\"match-name\""),
            from.contains("shown=1"),
            "{back}: the match open as it was"
        );
        assert!(html.contains("Thank you, Santa"));
    }
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

/// Found from outside: an invitation link that is not there (made up, or replaced by a newer one)
/// answered 200; it is a page not found, and says so, in words a guest understands.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_link_that_does_not_work_is_answered_as_not_found_and_says_what_to_do() {
    let app = spawn_app(test_auth_config()).await;
    let (status, html) = page(&browser(), &app, &format!("/invite/{}", "0".repeat(64))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("This link no longer works"), "{html}");
    assert!(html.contains("ask the organizer of your draw for a new link"));
    let (status, _) = page(&browser(), &app, "/invite/not-even-a-token").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
