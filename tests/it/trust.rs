//! The promise, tried as an attacker would: an invitation opens one membership and never an
//! account; the organizer is never shown a link when mail is set up; sessions are stored only as
//! hashes; emails have one meaning; no input crashes a request. Over HTTP against the real router
//! and database.

use crate::common::{
    app_with_sink, browser, draw, error_fields, invitation, location, log_in, login_status,
    navigate, numbered, page, person, post_json as post, register, register_form, registration,
    run_draw, save_draw, set_cookie, spawn_app, sqlstate, test_auth_config, testers, token_of,
    try_exec, with, with_token, TestApp, OTHER_PASSWORD, PASSWORD,
};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

/// A new draw named `name`, of a tester at each of `emails` who wishes for "wishes of <email>".
async fn create_draw(client: &Client, app: &TestApp, name: &str, emails: &[&str]) -> String {
    let people = testers(emails, |_, e| format!("wishes of {e}"));
    crate::common::create_draw(client, app, &draw(name, people)).await
}

/// V, who is invited everywhere, and two more.
const VWY: [&str; 3] = ["v@example.org", "w@example.org", "y@example.org"];

/// `organizer`, registered, with a draw named `name` of testers at `emails` that has run: the
/// organizer's browser, the draw's id and its links by person name.
async fn run_by(
    app: &TestApp,
    organizer: &str,
    name: &str,
    emails: &[&str],
) -> (Client, String, Vec<(String, String)>) {
    let client = register(app, organizer).await;
    let draw = create_draw(&client, app, name, emails).await;
    let links = run(&client, app, &draw).await;
    (client, draw, links)
}

/// Runs the draw and returns its links by person name ("Person<i>").
async fn run(client: &Client, app: &TestApp, id: &str) -> Vec<(String, String)> {
    run_draw(client, app, id)
        .await
        .iter()
        .map(|l| (l["name"].as_str().unwrap().to_string(), token_of(l)))
        .collect()
}

/// The rules among `n` people that leave each giver only the recipients `may_give` allows.
fn only(n: usize, may_give: impl Fn(usize, usize) -> bool) -> Value {
    let rules: Vec<Value> = (0..n)
        .flat_map(|g| (0..n).map(move |r| (g, r)))
        .filter(|&(g, r)| r != g && !may_give(g, r))
        .map(|(g, r)| json!({ "giver": g, "recipient": r }))
        .collect();
    Value::Array(rules)
}

/// save_draw of a new draw that must be refused as invalid: the answer.
async fn refused_draw(client: &Client, app: &TestApp, draw: &Value) -> Value {
    let (status, body) = save_draw(client, app, None, draw).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    body
}

fn link_of(links: &[(String, String)], name: &str) -> String {
    links.iter().find(|(n, _)| n == name).unwrap().1.clone()
}

async fn accept(
    client: &Client,
    app: &TestApp,
    token: &str,
    email: Option<&str>,
) -> (StatusCode, Value) {
    let mut form = with_token(token, PASSWORD).to_vec();
    if let Some(email) = email {
        form.push(("email", email));
    }
    post(client, app, "accept_invitation", &form).await
}

async fn my_draw_names(client: &Client, app: &TestApp) -> Vec<String> {
    let (status, body) = post(client, app, "my_draws", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body.as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stranger_who_lists_the_same_email_in_their_own_draw_learns_nothing_of_another_draw() {
    let app = spawn_app(test_auth_config()).await;
    // 1. Organizer A lists v@example.org and runs; V has not opened the invitation yet.
    let vxyz = [
        "v@example.org",
        "x@example.org",
        "y@example.org",
        "z@example.org",
    ];
    let (_a, a_draw, a_links) = run_by(&app, "a@example.org", "A's office", &vxyz).await;
    let v_link_from_a = link_of(&a_links, "Person0");

    // 2. B, any registered user, lists the same address in a draw of their own and runs it.
    let trap = ["v@example.org", "b1@example.org", "b2@example.org"];
    let (_b, _, b_links) = run_by(&app, "b@example.org", "B's trap", &trap).await;
    let v_link_from_b = link_of(&b_links, "Person0");

    // 3. B redeems the link B was shown. It makes a new account for B's own membership only.
    let stolen = browser();
    let (status, body) = accept(&stolen, &app, &v_link_from_b, None).await;
    assert!(
        status.is_success(),
        "B may join B's own draw: {status} {body}"
    );
    assert_eq!(
        my_draw_names(&stolen, &app).await,
        ["B's trap"],
        "A's draw is not listed"
    );
    for endpoint in ["my_draw", "reveal_match"] {
        let (status, body) = post(&stolen, &app, endpoint, &[("id", &a_draw)]).await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "{endpoint} on A's draw: {body}"
        );
        assert!(!body.to_string().contains("wishes of"), "{body}");
    }
    let (status, _) = post(
        &stolen,
        &app,
        "save_wishes",
        &[("id", &a_draw), ("gift_preferences", "hijacked")],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let wishes: String = app
        .db
        .admin_scalar(
            "select gift_preferences from draw_participants where draw_id = $1::uuid and email = 'v@example.org'",
            (&a_draw,),
        )
        .await;
    assert_eq!(wishes, "wishes of v@example.org");

    // A's link for V keeps working until V uses it.
    let (status, info) = invitation(&app, &v_link_from_a).await;
    assert_eq!(status, StatusCode::OK, "{info}");
    assert!(info["invitation"]["used_on"].is_null());
    assert_eq!(info["invitation"]["draw_name"], "A's office");
    assert_eq!(
        info["invitation"]["account_exists"], true,
        "B's squat on the address shows"
    );

    // V opens it: the squatted address is refused at its field, nothing is used up, and V joins
    // with an address of their own.
    let v = browser();
    let (status, body) = accept(&v, &app, &v_link_from_a, None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.to_string().contains("email"), "{body}");
    let (status, body) = accept(&v, &app, &v_link_from_a, Some("v.real@example.org")).await;
    assert!(status.is_success(), "{status} {body}");
    assert_eq!(my_draw_names(&v, &app).await, ["A's office"]);
    let (status, revealed) = post(&v, &app, "reveal_match", &[("id", &a_draw)]).await;
    assert_eq!(status, StatusCode::OK, "{revealed}");

    // The link is spent: B (or anyone) cannot use it again, and its page says when it was used.
    let (status, _) = accept(&stolen, &app, &v_link_from_a, Some("other@example.org")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, info) = invitation(&app, &v_link_from_a).await;
    assert_eq!(status, StatusCode::OK);
    assert!(info["invitation"]["used_on"].is_string(), "{info}");
    // B's account never learned V's match in A's draw.
    assert_eq!(my_draw_names(&stolen, &app).await, ["B's trap"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_never_opens_or_changes_an_existing_account() {
    let app = spawn_app(test_auth_config()).await;
    let _v = register(&app, "v@example.org").await;
    let vxy = ["v@example.org", "x@example.org", "y@example.org"];
    let (_a, _, links) = run_by(&app, "a@example.org", "Office", &vxy).await;
    let v_link = link_of(&links, "Person0");

    // Whoever holds the link cannot set the account's password with it.
    let holder = browser();
    let form = with_token(&v_link, OTHER_PASSWORD);
    let (status, body) = post(&holder, &app, "accept_invitation", &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let status = login_status(&app, "v@example.org", OTHER_PASSWORD).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the holder's password does not open V's account"
    );
    let (v, status) = log_in(&app, "v@example.org", PASSWORD).await;
    assert!(status.is_success());
    assert!(
        my_draw_names(&v, &app).await.is_empty(),
        "nothing joined by email alone"
    );

    // V, logged in, joins with the link.
    let (status, body) = post(&v, &app, "join_invitation", &[("token", &v_link)]).await;
    assert!(status.is_success(), "{status} {body}");
    assert_eq!(my_draw_names(&v, &app).await, ["Office"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_invited_by_two_organizers_reaches_both_draws_with_one_account() {
    let app = spawn_app(test_auth_config()).await;
    let family = ["v@example.org", "x@example.org", "y@example.org"];
    let office = ["v@example.org", "p@example.org", "q@example.org"];
    let (_a, _, first) = run_by(&app, "a@example.org", "Family", &family).await;
    let (_b, _, second) = run_by(&app, "b@example.org", "Office", &office).await;
    let first_link = link_of(&first, "Person0");
    let second_link = link_of(&second, "Person0");

    let v = browser();
    let (status, _) = accept(&v, &app, &first_link, None).await;
    assert!(status.is_success());
    // The second link, opened while logged in, offers to join with this account.
    let (_, info) = post(&v, &app, "invitation", &[("token", &second_link)]).await;
    assert_eq!(info["signed_in_as"], "v@example.org");
    let (status, body) = post(&v, &app, "join_invitation", &[("token", &second_link)]).await;
    assert!(status.is_success(), "{status} {body}");
    let mut names = my_draw_names(&v, &app).await;
    names.sort();
    assert_eq!(names, ["Family", "Office"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_joined_person_gets_no_new_link_and_a_second_row_of_one_draw_cannot_be_joined() {
    let app = spawn_app(test_auth_config()).await;
    let vwyz = [
        "v@example.org",
        "w@example.org",
        "y@example.org",
        "z@example.org",
    ];
    let (a, draw, links) = run_by(&app, "a@example.org", "Office", &vwyz).await;
    let v = browser();
    let (status, _) = accept(&v, &app, &link_of(&links, "Person0"), None).await;
    assert!(status.is_success());

    let (_, people) = post(&a, &app, "draw_status", &[("id", &draw)]).await;
    let v_row = people
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Person0 Tester")
        .unwrap()
        .clone();
    assert_eq!(v_row["activated"], true, "the organizer sees V as joined");
    let pid = v_row["participant_id"].as_str().unwrap();
    let (status, body) = post(&a, &app, "new_invitation", &[("participant_id", pid)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.to_string().contains("joined already"), "{body}");

    // V holding W's link too (passed on by mistake) cannot join one draw twice.
    let (status, body) = post(
        &v,
        &app,
        "join_invitation",
        &[("token", &link_of(&links, "Person1"))],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, info) = invitation(&app, &link_of(&links, "Person1")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        info["invitation"]["used_on"].is_null(),
        "W's link still works for W"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_mail_the_organizer_is_never_shown_a_link_and_send_again_mails_a_fresh_one() {
    let (app, sink) = app_with_sink().await;
    let a = register(&app, "a@example.org").await;
    let draw = create_draw(&a, &app, "Office", &VWY).await;
    let (status, links) = post(&a, &app, "run_draw", &[("id", &draw)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(links, json!([]), "no link reaches the organizer");
    let first = {
        assert_eq!(sink.mails().len(), 3);
        let mail = sink.mail_to("v@example.org").unwrap();
        crate::common::link_token(&mail, "/invite/").unwrap()
    };

    let (_, people) = post(&a, &app, "draw_status", &[("id", &draw)]).await;
    let pid = people[0]["participant_id"].as_str().unwrap().to_string();
    assert_eq!(people[0]["mail"], "sent");
    let (status, body) = post(&a, &app, "new_invitation", &[("participant_id", &pid)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, Value::Null, "send again shows no link either: {body}");
    let second = {
        let mails = sink.mails();
        assert_eq!(mails.len(), 4, "sent again by mail");
        crate::common::link_token(mails.last().unwrap(), "/invite/").unwrap()
    };
    assert_ne!(first, second);
    let (status, _) = invitation(&app, &first).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "the earlier link was replaced"
    );
    let (status, _) = invitation(&app, &second).await;
    assert_eq!(status, StatusCode::OK);

    // Nothing the organizer can fetch carries a link.
    for (endpoint, field) in [("get_draw", "id"), ("draw_status", "id")] {
        let (_, body) = post(&a, &app, endpoint, &[(field, &draw)]).await;
        assert!(!body.to_string().contains("/invite/"), "{endpoint}: {body}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_home_page_promise_matches_whether_mail_is_set_up() {
    let plain = spawn_app(test_auth_config()).await;
    let home = async |app: &TestApp| {
        let res = browser().get(format!("{}/", app.base)).send().await;
        res.unwrap().text().await.unwrap()
    };
    let page = home(&plain).await;
    assert!(
        page.contains("whoever holds a link can open that person"),
        "without mail"
    );
    assert!(!page.contains("Not even the organizer"), "without mail");

    let (mailing, _sink) = app_with_sink().await;
    let page = home(&mailing).await;
    assert!(
        page.contains("Not even the organizer can see the pairs"),
        "with mail"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_are_stored_only_as_hashes_the_app_role_cannot_list() {
    let app = spawn_app(test_auth_config()).await;
    let res = browser()
        .post(format!("{}/api/register", app.base))
        .form(&registration("a@example.org", PASSWORD))
        .send()
        .await
        .unwrap();
    let cookie = set_cookie(&res, "santa_session")
        .and_then(|c| {
            Some(
                c.strip_prefix("santa_session=")?
                    .split(';')
                    .next()?
                    .to_string(),
            )
        })
        .expect("a session cookie");
    let rows: Vec<(Vec<u8>, Vec<u8>)> =
        crate::common::rows(&app.db.admin, "select id_hash, data from sessions", ()).await;
    assert_eq!(rows.len(), 1);
    let expected = {
        use sha2::{Digest, Sha256};
        Sha256::digest(cookie.as_bytes()).to_vec()
    };
    assert_eq!(
        rows[0].0, expected,
        "keyed by the SHA-256 of the cookie's id"
    );
    assert!(
        !String::from_utf8_lossy(&rows[0].1).contains(&cookie),
        "the id is not in the data"
    );
    let mut tx = app.db.as_user(None).await;
    let err = try_exec(&mut *tx, "select id_hash from sessions", ()).await;
    assert_eq!(sqlstate(err), "42501", "the app role cannot read the table");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_email_with_a_dotted_capital_i_has_one_meaning_for_login_and_the_throttle() {
    let app = spawn_app(test_auth_config()).await;
    let typed = "\u{130}nci@example.org";
    register(&app, typed).await;
    let status = login_status(&app, typed, PASSWORD).await;
    assert!(status.is_success(), "logs in as typed at registration");
    let status = login_status(&app, "i\u{307}nci@example.org", PASSWORD).await;
    assert!(status.is_success(), "and with the lower-case spelling");
    // Five failures under any spelling lock the one account.
    for spelling in [
        typed,
        "i\u{307}nci@example.org",
        "I\u{307}NCI@EXAMPLE.ORG",
        typed,
        typed,
    ] {
        let status = login_status(&app, spelling, "wrong password!").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let status = login_status(&app, typed, PASSWORD).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "locked under every spelling"
    );
    let status = login_status(&app, "i\u{307}nci@example.org", PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_is_limited_per_client_address() {
    let mut auth = test_auth_config();
    auth.registrations_per_address = 3;
    let app = spawn_app(auth).await;
    for i in 0..3 {
        register(&app, &format!("u{i}@example.org")).await;
    }
    let form = registration("u9@example.org", PASSWORD);
    let (status, body) = post(&browser(), &app, "register", &form).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    let status = login_status(&app, "u0@example.org", PASSWORD).await;
    assert!(
        status.is_success(),
        "logging in is not limited by registrations"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_login_only_a_plain_path_on_this_site_is_followed_and_no_next_breaks_the_response() {
    let app = spawn_app(test_auth_config()).await;
    register(&app, "a@example.org").await;
    for (next, expected) in [
        ("/account", "/account"),
        ("/\t/evil.example", "/draws"),
        ("/\n/evil.example", "/draws"),
        ("/x\r\nSet-Cookie: a=b", "/draws"),
        ("//evil.example", "/draws"),
        ("https://evil.example", "/draws"),
        ("/.//evil.org", "/draws"),
        ("/..//evil.org", "/draws"),
        ("/draws/..%2f..%2f%2f%2fevil.org", "/draws"),
    ] {
        let res = browser()
            .post(format!("{}/api/login", app.base))
            .header("accept", "text/html")
            .form(&[
                ("email", "a@example.org"),
                ("password", PASSWORD),
                ("next", next),
            ])
            .send()
            .await
            .unwrap_or_else(|e| panic!("no response for next = {next:?}: {e}"));
        assert_eq!(location(&res), expected, "next = {next:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nul_character_in_any_text_field_is_refused_at_its_field_and_never_reaches_the_database()
{
    let app = spawn_app(test_auth_config()).await;
    let form = registration("a\0@example.org", PASSWORD);
    let (status, body) = post(&browser(), &app, "register", &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["Validation"][0]["field"], "email", "{body}");
    let status = login_status(&app, "a\0@example.org", PASSWORD).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "a NUL in a login is a wrong login, not a 500"
    );

    let a = register(&app, "a@example.org").await;
    let people = (0..3)
        .map(|i| person("P\u{0}", "S", &format!("p{i}@example.org"), "books\u{0}"))
        .collect();
    let office = with(draw("Office\u{0}", people), json!({ "message": "Hi\u{0}" }));
    let fields = error_fields(&refused_draw(&a, &app, &office).await);
    for field in [
        "name",
        "message",
        "participants.0.name",
        "participants.0.gift_preferences",
    ] {
        assert!(fields.iter().any(|f| f == field), "{field} in {fields:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wishes_that_close_the_textarea_come_back_as_text_on_the_participant_page() {
    let app = spawn_app(test_auth_config()).await;
    let (_a, draw, links) = run_by(&app, "a@example.org", "Office", &VWY).await;
    let v = browser();
    accept(&v, &app, &link_of(&links, "Person0"), None).await;
    let evil = "</textarea><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">";
    let (status, _) = post(
        &v,
        &app,
        "save_wishes",
        &[("id", &draw), ("gift_preferences", evil)],
    )
    .await;
    assert!(status.is_success());
    let (_, page) = page(&v, &app, &format!("/draws/{draw}/match")).await;
    assert!(
        !page.contains("<meta http-equiv=\"refresh\""),
        "no markup out of the textarea"
    );
    assert!(
        page.contains("&lt;/textarea&gt;&lt;meta http-equiv"),
        "the wishes come back as text"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_guesses_sent_at_once_get_no_more_tries_than_the_account_limit() {
    let app = spawn_app(test_auth_config()).await;
    register(&app, "a@example.org").await;
    let guesses = (0..20).map(|i| {
        let app_base = app.base.clone();
        tokio::spawn(async move {
            browser()
                .post(format!("{app_base}/api/login"))
                .form(&[
                    ("email", "a@example.org"),
                    ("password", format!("wrong guess {i}").as_str()),
                ])
                .send()
                .await
                .unwrap()
                .status()
        })
    });
    let mut checked = 0;
    for guess in guesses {
        match guess.await.unwrap() {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => {}
            other => panic!("a guess answered {other}"),
        }
    }
    assert!(
        checked <= 5,
        "{checked} guesses were checked against a limit of 5"
    );
    let status = login_status(&app, "a@example.org", PASSWORD).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "the account is locked"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_made_through_an_invitation_counts_as_a_registration() {
    let mut auth = test_auth_config();
    auth.registrations_per_address = 2;
    let app = spawn_app(auth).await;
    let (_a, _, links) = run_by(&app, "a@example.org", "Office", &VWY).await;
    let (status, _) = accept(&browser(), &app, &link_of(&links, "Person0"), None).await;
    assert!(
        status.is_success(),
        "the second new account from this address"
    );
    let (status, body) = accept(&browser(), &app, &link_of(&links, "Person1"), None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    let (status, info) = invitation(&app, &link_of(&links, "Person1")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        info["invitation"]["used_on"].is_null(),
        "a refused attempt uses nothing up"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_again_mails_a_person_at_most_three_times_in_a_window_and_subjects_carry_no_encoded_words(
) {
    let (app, sink) = app_with_sink().await;
    let a = register(&app, "a@example.org").await;
    let draw = create_draw(&a, &app, "=?utf-8?q?Hi=0D=0ABcc:_x@evil.example?=", &VWY).await;
    let (status, _) = post(&a, &app, "run_draw", &[("id", &draw)]).await;
    assert_eq!(status, StatusCode::OK);
    let (_, people) = post(&a, &app, "draw_status", &[("id", &draw)]).await;
    let pid = people[0]["participant_id"].as_str().unwrap().to_string();
    for _ in 0..3 {
        let (status, body) = post(&a, &app, "new_invitation", &[("participant_id", &pid)]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, body) = post(&a, &app, "new_invitation", &[("participant_id", &pid)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["Validation"][0]["field"], "participant_id");
    let mails = sink.mails();
    assert_eq!(
        mails.len(),
        3 + 3,
        "three at the run, three sent again, no more"
    );
    for mail in &mails {
        let subject = mail
            .lines()
            .find(|l| l.starts_with("Subject:"))
            .unwrap_or_default();
        assert!(!subject.contains("=?utf-8?q?Hi"), "{subject}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rules_that_leave_one_possible_draw_are_refused_so_the_organizer_cannot_fix_the_pairs() {
    let app = spawn_app(test_auth_config()).await;
    let a = register(&app, "a@example.org").await;
    // Six people, each allowed to give only to the next: one possible draw.
    let rules = only(6, |g, r| r == (g + 1) % 6);
    let rigged = with(
        draw("Rigged", numbered(6, "")),
        json!({ "exclusions": rules }),
    );
    let body = refused_draw(&a, &app, &rigged).await;
    assert_eq!(body["Validation"][0]["field"], "exclusions", "{body}");
    assert!(
        body.to_string().contains("whoever knows the rules"),
        "{body}"
    );
    assert_eq!(app.db.admin_count("draws").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_login_page_keeps_the_whole_address_to_come_back_to() {
    let app = spawn_app(test_auth_config()).await;
    let res = navigate(&browser(), &app.base, "/draws?welcome=1")
        .send()
        .await
        .unwrap();
    assert_eq!(location(&res), "/login?next=/draws%3Fwelcome%3D1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organizer_who_takes_part_cannot_write_rules_their_own_match_would_decode() {
    let app = spawn_app(test_auth_config()).await;
    let a = register(&app, "a@example.org").await;
    // Five people who may each give only to a neighbour: two possible draws (the ring one way or
    // the other), no pair forced by the rules alone — but the organizer, as person 0, would learn
    // the direction from their own match, and with it every pair.
    let ring = |people: Vec<Value>| {
        let rules = only(5, |g, r| r == (g + 1) % 5 || (r + 1) % 5 == g);
        with(draw("Ring", people), json!({ "exclusions": rules }))
    };
    // P0 to P4 at p0@ … p4@example.org; with the organizer's own address as person 0's.
    let mut with_me = numbered(5, "");
    with_me[0]["email"] = json!("a@example.org");
    let body = refused_draw(&a, &app, &ring(with_me)).await;
    assert_eq!(body["Validation"][0]["field"], "exclusions", "{body}");
    assert!(
        body.to_string().contains("your own match would tell you"),
        "{body}"
    );

    let (status, _) = save_draw(&a, &app, None, &ring(numbered(5, ""))).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the same rules are fine when the organizer only organizes"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_mail_an_organizer_runs_at_most_twenty_draws_in_a_window() {
    let (app, sink) = app_with_sink().await;
    let a = register(&app, "a@example.org").await;
    for i in 0..20 {
        let draw = create_draw(&a, &app, &format!("Draw {i}"), &VWY).await;
        let (status, body) = post(&a, &app, "run_draw", &[("id", &draw)]).await;
        assert_eq!(status, StatusCode::OK, "run {i}: {body}");
    }
    let draw = create_draw(&a, &app, "One too many", &VWY).await;
    let (status, body) = post(&a, &app, "run_draw", &[("id", &draw)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["Validation"][0]["field"], "draw");
    let mails_to_v = sink
        .mails()
        .iter()
        .filter(|m| m.contains("To: v@example.org"))
        .count();
    assert_eq!(mails_to_v, 20);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_registration_does_not_count_against_the_limit_of_its_network() {
    let mut auth = test_auth_config();
    auth.registrations_per_address = 2;
    let app = spawn_app(auth).await;
    for i in 0..5 {
        let email = format!("t{i}@example.org");
        let form = register_form("Typo", "Tester", &email, PASSWORD, "not the same");
        let (status, _) = post(&browser(), &app, "register", &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    for i in 0..2 {
        register(&app, &format!("u{i}@example.org")).await;
    }
}

/// How many invitation links of the person at `email` are still open (neither used nor revoked),
/// read by the superuser.
async fn open_links(app: &TestApp, email: &str) -> i64 {
    app.db
        .admin_scalar(
            "select count(*) from auth_tokens t join draw_participants p on p.id = t.participant_id
             where p.email = $1 and t.used_at is null and t.revoked_at is null",
            (email,),
        )
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sending_an_invitation_again_several_times_at_once_leaves_exactly_one_working_link() {
    let app = spawn_app(test_auth_config()).await;
    let (organizer, draw, _) = run_by(&app, "o@example.org", "Office", &VWY).await;
    let (_, people) = post(&organizer, &app, "draw_status", &[("id", &draw)]).await;
    let pid = people[0]["participant_id"].as_str().unwrap().to_string();
    let email = crate::common::participant_email(&app, &pid).await;
    for _ in 0..4 {
        let sends: Vec<_> = (0..4)
            .map(|_| {
                let request = organizer
                    .post(format!("{}/api/new_invitation", app.base))
                    .form(&[("participant_id", pid.as_str())]);
                tokio::spawn(async move { request.send().await.unwrap().json::<Value>().await })
            })
            .collect();
        let mut tokens = Vec::new();
        for send in sends {
            tokens.push(token_of(&send.await.unwrap().unwrap()));
        }
        assert_eq!(open_links(&app, &email).await, 1);
        let mut working = 0;
        for token in &tokens {
            if invitation(&app, token).await.0 == StatusCode::OK {
                working += 1;
            }
        }
        assert_eq!(working, 1, "only the link made last works");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_left_open_for_someone_who_has_joined_opens_nothing() {
    let app = spawn_app(test_auth_config()).await;
    let (_, _, links) = run_by(&app, "o@example.org", "Office", &VWY).await;
    let v = browser();
    let (status, _) = accept(&v, &app, &link_of(&links, "Person0"), None).await;
    assert!(status.is_success());
    // A second link for V still open, as two simultaneous "send again" could once leave one.
    app.db
        .admin_exec(
            "insert into auth_tokens (participant_id, purpose, token_hash, expires_at)
             select id, 'set_password', sha256('stale-link'), now() + interval '1 day'
             from draw_participants where email = 'v@example.org'",
            (),
        )
        .await;

    let thief = browser();
    let (status, _) = accept(&thief, &app, "stale-link", Some("thief@example.org")).await;
    assert!(!status.is_success(), "no new account takes V's place");
    let (thief, _) = log_in(&app, "o@example.org", PASSWORD).await;
    let (status, _) = post(&thief, &app, "join_invitation", &[("token", "stale-link")]).await;
    assert!(!status.is_success(), "no other account takes V's place");
    assert_eq!(
        my_draw_names(&v, &app).await,
        ["Office"],
        "V is still in the draw"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_account_redeeming_two_links_of_one_draw_at_once_joins_it_once() {
    let app = spawn_app(test_auth_config()).await;
    let joiner = register(&app, "j@example.org").await;
    for round in 0..4 {
        let name = format!("Office {round}");
        let (_, draw, links) = run_by(&app, &format!("o{round}@example.org"), &name, &VWY).await;
        let joins: Vec<_> = ["Person0", "Person1"]
            .into_iter()
            .map(|person| {
                let request = joiner
                    .post(format!("{}/api/join_invitation", app.base))
                    .form(&[("token", link_of(&links, person))]);
                tokio::spawn(async move { request.send().await.unwrap().status() })
            })
            .collect();
        let mut joined = 0;
        for join in joins {
            if join.await.unwrap().is_success() {
                joined += 1;
            }
        }
        assert_eq!(
            joined, 1,
            "one of the two links joins, the other is refused"
        );
        let rows: i64 = app
            .db
            .admin_scalar(
                "select count(*) from draw_participants p join users u on u.id = p.user_id
                 where p.draw_id = $1::uuid and u.email = 'j@example.org'",
                (draw.as_str(),),
            )
            .await;
        assert_eq!(rows, 1);
    }
}
