//! Running a draw and accepting invitations, over HTTP against the real router and database.

use crate::common::{
    app_with_sink, browser, draw, free_port, invitation, link_token, login_status, mailer,
    mailing_app, post_json as post, quiet_testers, register as organizer, row, rows, run_draw,
    scalar, scalars, smtp_sink_on, spawn_app, test_auth_config, token_of, with, with_token,
    TestApp, PASSWORD,
};
use reqwest::{Client, StatusCode};
use serde_json::json;
use uuid::Uuid;

/// A draw of `emails.len()` people; with four or more, person 0 must not give to person 1 (among
/// three that rule would force every pair, and is refused).
async fn create_draw(client: &Client, app: &TestApp, emails: &[impl AsRef<str>]) -> String {
    let emails: Vec<&str> = emails.iter().map(AsRef::as_ref).collect();
    let exclusions = if emails.len() >= 4 {
        json!([{ "giver": 0, "recipient": 1 }])
    } else {
        json!([])
    };
    let office = with(
        draw("Office", quiet_testers(&emails)),
        json!({ "exclusions": exclusions }),
    );
    crate::common::create_draw(client, app, &office).await
}

/// Three people, none of whom has an account.
const ABC: [&str; 3] = ["a@example.org", "b@example.org", "c@example.org"];

/// p0@example.org, p1@example.org … up to `n` people.
fn numbered_emails(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("p{i}@example.org")).collect()
}

/// Ada, registered on `app`, with a new draw of `emails`: her browser and the draw's id.
async fn ada_with_draw(app: &TestApp, emails: &[impl AsRef<str>]) -> (Client, String) {
    let ada = organizer(app, "ada@example.org").await;
    let id = create_draw(&ada, app, emails).await;
    (ada, id)
}

/// Asserts that the organizer (`client`) is shown `expected` as the mail status of every person of
/// draw `id`.
async fn assert_every_mail(client: &Client, app: &TestApp, id: &str, expected: &str) {
    let (_, people) = post(client, app, "draw_status", &[("id", id)]).await;
    let people = people.as_array().unwrap();
    assert!(people.iter().all(|p| p["mail"] == expected), "{people:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn running_a_draw_gives_everyone_one_recipient_and_the_organizer_reads_no_pair() {
    let app = spawn_app(test_auth_config()).await;
    let (ada, id) = ada_with_draw(&app, &numbered_emails(4)).await;

    let (status, links) = post(&ada, &app, "run_draw", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::OK, "{links}");
    assert_eq!(
        links.as_array().unwrap().len(),
        4,
        "everyone is new, so everyone gets a link"
    );

    let pairs: Vec<(Uuid, Uuid)> = rows(
        &app.db.admin,
        "select giver_id, recipient_id from matches",
        (),
    )
    .await;
    assert_eq!(pairs.len(), 4);
    let givers: std::collections::HashSet<_> = pairs.iter().map(|p| p.0).collect();
    let recipients: std::collections::HashSet<_> = pairs.iter().map(|p| p.1).collect();
    assert_eq!((givers.len(), recipients.len()), (4, 4));
    assert!(pairs.iter().all(|(g, r)| g != r));
    let excluded = app
        .db
        .admin_count("matches m join exclusions e on e.giver_id = m.giver_id and e.recipient_id = m.recipient_id")
        .await;
    assert_eq!(excluded, 0);
    let attached = app
        .db
        .admin_count("draw_participants where user_id is not null")
        .await;
    assert_eq!(
        attached, 0,
        "nobody joins an account until they redeem their own link"
    );
    let accounts = app.db.admin_count("users").await;
    assert_eq!(accounts, 1, "running a draw creates no accounts");

    // The organizer, as santa_app, reads zero pairs of their own draw.
    let ada_id: Uuid = app
        .db
        .admin_scalar("select id from users where email = 'ada@example.org'", ())
        .await;
    let mut tx = app.db.as_user(Some(ada_id)).await;
    let visible: i64 = scalar(&mut *tx, "select count(*) from matches", ()).await;
    assert_eq!(visible, 0);

    let (status, body) = post(&ada, &app, "draw_status", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["invited"].is_string() && p["activated"] == false));
    assert!(
        !body.to_string().contains("recipient"),
        "the status never tells pairs"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draw_runs_once_and_a_second_run_is_refused() {
    let app = spawn_app(test_auth_config()).await;
    let (ada, id) = ada_with_draw(&app, &ABC).await;
    assert_eq!(
        post(&ada, &app, "run_draw", &[("id", &id)]).await.0,
        StatusCode::OK
    );
    let (status, body) = post(&ada, &app, "run_draw", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.to_string().contains("already been run"));
    assert_eq!(app.db.admin_count("matches").await, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_simultaneous_runs_produce_exactly_one_set_of_matches() {
    let app = spawn_app(test_auth_config()).await;
    let (ada, id) = ada_with_draw(&app, &numbered_emails(8)).await;

    let mut runs = Vec::new();
    for _ in 0..20 {
        let (client, base, id) = (ada.clone(), app.base.clone(), id.clone());
        runs.push(tokio::spawn(async move {
            client
                .post(format!("{base}/api/run_draw"))
                .form(&[("id", id.as_str())])
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    let mut ok = 0;
    for run in runs {
        let status = run.await.unwrap();
        if status == StatusCode::OK {
            ok += 1;
        } else {
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        }
    }
    assert_eq!(ok, 1);
    assert_eq!(app.db.admin_count("matches").await, 8);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_link_sets_the_first_password_once_and_logs_the_person_in() {
    let app = spawn_app(test_auth_config()).await;
    let emails = ["pia@example.org", "b@example.org", "c@example.org"];
    let (ada, id) = ada_with_draw(&app, &emails).await;
    let links = run_draw(&ada, &app, &id).await;
    let token = token_of(&links[0]);

    let pia = browser();
    let (status, info) = post(&pia, &app, "invitation", &[("token", &token)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(info["invitation"]["draw_name"], "Office");
    assert_eq!(info["invitation"]["participant_name"], "Person0 Tester");

    let new_password = "pia's own passphrase";
    let form = with_token(&token, new_password);
    let (status, _) = post(&pia, &app, "accept_invitation", &form).await;
    assert!(status.is_success(), "{status}");
    let (_, me) = post(&pia, &app, "me", &[]).await;
    assert_eq!(me["email"], "pia@example.org");
    // The account takes the name the organizer wrote on the invitation's row.
    assert_eq!(
        (&me["first_name"], &me["surname"]),
        (&"Person0".into(), &"Tester".into())
    );

    // Single use.
    let form = with_token(&token, "another passphrase");
    let (status, _) = post(&browser(), &app, "accept_invitation", &form).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, info) = invitation(&app, &token).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        info["invitation"]["used_on"].is_string(),
        "a used link says when it was used: {info}"
    );
    let status = login_status(&app, "pia@example.org", new_password).await;
    assert!(status.is_success(), "the new password logs in: {status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_and_replaced_links_no_longer_work() {
    let app = spawn_app(test_auth_config()).await;
    let (ada, id) = ada_with_draw(&app, &ABC).await;
    let links = run_draw(&ada, &app, &id).await;

    // A new link for person 0 revokes the first one.
    let first = token_of(&links[0]);
    let pid = links[0]["participant_id"].as_str().unwrap();
    let (status, renewed) = post(&ada, &app, "new_invitation", &[("participant_id", pid)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(invitation(&app, &first).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        invitation(&app, &token_of(&renewed)).await.0,
        StatusCode::OK
    );

    // Person 1's link expires.
    app.db
        .admin_exec("update auth_tokens set expires_at = now() - interval '1 second' where participant_id = (select id from draw_participants where email = 'b@example.org')", ())
        .await;
    let expired = token_of(&links[1]);
    assert_eq!(invitation(&app, &expired).await.0, StatusCode::NOT_FOUND);
    let form = with_token(&expired, PASSWORD);
    let (status, _) = post(&browser(), &app, "accept_invitation", &form).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let accounts = app
        .db
        .admin_count("users where email = 'b@example.org'")
        .await;
    assert_eq!(accounts, 0, "an expired link makes no account");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn someone_who_already_has_an_account_keeps_their_password_and_gets_a_link_for_this_draw() {
    let app = spawn_app(test_auth_config()).await;
    let _bea = organizer(&app, "bea@example.org").await;
    let emails = ["bea@example.org", "b@example.org", "c@example.org"];
    let (ada, id) = ada_with_draw(&app, &emails).await;
    let links = run_draw(&ada, &app, &id).await;
    let names: Vec<&str> = links.iter().map(|l| l["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["Person0", "Person1", "Person2"],
        "an account is never joined by email alone"
    );
    let status = login_status(&app, "bea@example.org", PASSWORD).await;
    assert!(
        status.is_success(),
        "Bea's own password still logs in: {status}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_author_can_neither_run_a_draw_nor_see_its_status_nor_make_links() {
    let app = spawn_app(test_auth_config()).await;
    let (ada, id) = ada_with_draw(&app, &ABC).await;
    let bob = organizer(&app, "bob@example.org").await;
    assert_eq!(
        post(&bob, &app, "run_draw", &[("id", &id)]).await.0,
        StatusCode::NOT_FOUND
    );
    let links = run_draw(&ada, &app, &id).await;
    assert_eq!(
        post(&bob, &app, "draw_status", &[("id", &id)]).await.0,
        StatusCode::NOT_FOUND
    );
    let pid = links[0]["participant_id"].as_str().unwrap();
    assert_eq!(
        post(&bob, &app, "new_invitation", &[("participant_id", pid)])
            .await
            .0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_smtp_every_new_participant_is_mailed_a_link_that_works() {
    let (app, sink) = app_with_sink().await;
    let emails = ["pia@example.org", "bo@example.org", "cy@example.org"];
    let (ada, id) = ada_with_draw(&app, &emails).await;
    let (status, _) = post(&ada, &app, "run_draw", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::OK);

    assert_eq!(sink.mails().len(), 3, "one mail per participant");
    for email in emails {
        let mail = sink.mail_to(email).expect("a mail to each person");
        assert!(mail.contains("Office"), "the mail names the draw");
        assert!(
            mail.contains("Olga Organizer (ada@example.org) invited you to the Secret Santa draw"),
            "and the organizer, by the name they registered with"
        );
        let token = link_token(&mail, "/invite/").expect("a link in the mail");
        assert_eq!(token.len(), 64);
        let (status, info) = invitation(&app, &token).await;
        assert_eq!(status, StatusCode::OK, "the mailed link works for {email}");
        assert_eq!(info["invitation"]["draw_name"], "Office");
        assert_eq!(
            info["invitation"]["organizer"],
            "Olga Organizer (ada@example.org)"
        );
    }
    assert_every_mail(&ada, &app, &id, "sent").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_mail_server_is_recorded_as_failed_and_the_draw_still_runs() {
    let closed_port = free_port();
    let app = mailing_app(closed_port).await;
    let (ada, id) = ada_with_draw(&app, &ABC).await;
    let (status, links) = post(&ada, &app, "run_draw", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        links,
        json!([]),
        "with mail no link reaches the organizer: the retry job and \"send again\" mail new ones"
    );
    assert_every_mail(&ada, &app, &id, "failed").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_invitation_mail_is_tried_again_later_with_a_new_link_a_bounded_number_of_times() {
    let smtp_port = free_port();
    let app = mailing_app(smtp_port).await;
    let (ada, id) = ada_with_draw(&app, &ABC).await;
    let (_, links) = post(&ada, &app, "run_draw", &[("id", &id)]).await;
    assert_eq!(links, json!([]), "with mail, no link reaches the organizer");
    let ctx = secret_santa::context::AppContext::new(
        app.db.app.clone(),
        test_auth_config(),
        mailer(smtp_port),
    );
    let retry = |max| {
        secret_santa::invitations::retry_failed_invitations(&ctx, max, std::time::Duration::ZERO)
    };

    // The mail server is still down: each person is tried once more, then no more than allowed.
    assert_eq!(retry(2).await.unwrap(), 3);
    assert_eq!(
        retry(2).await.unwrap(),
        0,
        "two failures in a row were the limit"
    );
    let attempts: Vec<i32> = scalars(
        &app.db.admin,
        "select mail_attempts from draw_participants",
        (),
    )
    .await;
    assert_eq!(attempts, vec![2, 2, 2]);

    // Back up: the next pass mails everyone a new link, and the old links stop working.
    let sink = smtp_sink_on(smtp_port).await;
    assert_eq!(retry(5).await.unwrap(), 3);
    assert_eq!(sink.mails().len(), 3);
    for email in ABC {
        let mail = sink.mail_to(email).expect("a mail to each person");
        let token = link_token(&mail, "/invite/").unwrap();
        let (status, _) = invitation(&app, &token).await;
        assert_eq!(status, StatusCode::OK);
    }
    // Each pass made a new link per person and revoked the one before: one still works each.
    let (open, revoked): (i64, i64) = row(
        &app.db.admin,
        "select count(*) filter (where revoked_at is null), count(*) filter (where revoked_at is not null)
         from auth_tokens where purpose = 'set_password'",
        (),
    )
    .await;
    assert_eq!((open, revoked), (3, 6), "the earlier links were revoked");
    assert_every_mail(&ada, &app, &id, "sent").await;
    assert_eq!(retry(5).await.unwrap(), 0, "nothing left to retry");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nobody_but_the_organizer_can_use_up_the_mails_allowed_for_one_of_their_people() {
    let (app, _sink) = app_with_sink().await;
    let (ada, id) = ada_with_draw(&app, &ABC).await;
    let (status, _) = post(&ada, &app, "run_draw", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::OK);
    let (_, people) = post(&ada, &app, "draw_status", &[("id", &id)]).await;
    let pid = people[0]["participant_id"].as_str().unwrap().to_string();

    // Someone else, who somehow has the id, asks again and again: each ask is not found, and
    // none counts against the person's allowance.
    let stranger = organizer(&app, "mallory@example.org").await;
    for _ in 0..5 {
        let (status, _) = post(
            &stranger,
            &app,
            "new_invitation",
            &[("participant_id", &pid)],
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    let (status, body) = post(&ada, &app, "new_invitation", &[("participant_id", &pid)]).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the organizer still sends it again: {body}"
    );
}
