//! Anonymous questions: a giver and the person they give to write to each other; the recipient
//! never learns who their giver is, and nobody else — the organizer included — reads any of it.

use std::collections::BTreeMap;
use std::time::Duration;

use reqwest::{Client, StatusCode};
use serde_json::Value;
use uuid::Uuid;

use crate::common::{
    accept_invitation, draw, error_fields, exec, numbered, page, post_json, register, run_draw,
    spawn_app, test_auth_config, token_of, TestApp,
};

/// A drawn draw of four (P0…P3, nobody the organizer) whose matches are the ring
/// P0→P1→P2→P3→P0, everyone joined: the organizer's browser, the draw, each person's id and
/// browser.
async fn ring_of_four(app: &TestApp) -> (Client, Uuid, Vec<Uuid>, Vec<Client>) {
    let org = register(app, "olga@example.org").await;
    let id = crate::common::create_draw(&org, app, &draw("Book club", numbered(4, "Books"))).await;
    let links = run_draw(&org, app, &id).await;
    let draw: Uuid = id.parse().unwrap();
    let mut people = Vec::new();
    let mut browsers = Vec::new();
    for i in 0..4 {
        let email = format!("p{i}@example.org");
        let pid: Uuid = app
            .db
            .admin_scalar(
                "select id from draw_participants where email = $1",
                (&email,),
            )
            .await;
        let link = links
            .iter()
            .find(|l| l["participant_id"] == pid.to_string())
            .unwrap();
        browsers.push(accept_invitation(app, &token_of(link)).await);
        people.push(pid);
    }
    exec(
        &app.db.admin,
        "delete from matches where draw_id = $1",
        (draw,),
    )
    .await;
    for i in 0..4 {
        exec(
            &app.db.admin,
            "insert into matches (draw_id, giver_id, recipient_id) values ($1, $2, $3)",
            (draw, people[i], people[(i + 1) % 4]),
        )
        .await;
    }
    (org, draw, people, browsers)
}

async fn send(
    client: &Client,
    app: &TestApp,
    draw: Uuid,
    as_giver: bool,
    body: &str,
) -> (StatusCode, Value) {
    post_json(
        client,
        app,
        "send_message",
        &[
            ("id", &draw.to_string()),
            ("as_giver", &as_giver.to_string()),
            ("body", body),
        ],
    )
    .await
}

async fn read(client: &Client, app: &TestApp, draw: Uuid, as_giver: bool) -> (StatusCode, Value) {
    post_json(
        client,
        app,
        "conversation",
        &[
            ("id", &draw.to_string()),
            ("as_giver", &as_giver.to_string()),
        ],
    )
    .await
}

/// (mine, body) of each message of a conversation answer.
fn lines(v: &Value) -> Vec<(bool, String)> {
    v["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["mine"].as_bool().unwrap(),
                m["body"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_giver_asks_their_recipient_anonymously_and_the_answer_comes_back_in_one_conversation() {
    let app = spawn_app(test_auth_config()).await;
    let (_, draw, _, b) = ring_of_four(&app).await;
    // P0 gives to P1.
    let (status, body) = send(&b[0], &app, draw, true, "What's your size?").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, seen) = read(&b[1], &app, draw, false).await;
    assert_eq!(lines(&seen), vec![(false, "What's your size?".to_string())]);
    assert_eq!(seen["messages"][0]["new"], true);
    let (status, _) = send(&b[1], &app, draw, false, "M, and I have that book already").await;
    assert_eq!(status, StatusCode::OK);
    // P1 can also write first in their other role: as giver to P2.
    let (_, mine) = read(&b[0], &app, draw, true).await;
    assert_eq!(
        lines(&mine),
        vec![
            (true, "What's your size?".to_string()),
            (false, "M, and I have that book already".to_string()),
        ]
    );
    // Read once, no longer new.
    let (_, again) = read(&b[1], &app, draw, false).await;
    assert_eq!(again["messages"][0]["new"], false);
    // P1's conversation as the giver (with P2) is another one, still empty.
    let (_, other) = read(&b[1], &app, draw, true).await;
    assert_eq!(lines(&other), vec![]);
}

#[tokio::test]
async fn nothing_the_recipient_is_sent_names_or_numbers_their_giver() {
    let app = spawn_app(test_auth_config()).await;
    let (_, draw, people, b) = ring_of_four(&app).await;
    send(&b[0], &app, draw, true, "Do you like jazz?").await;
    let giver_user: Uuid = app
        .db
        .admin_scalar(
            "select user_id from draw_participants where id = $1",
            (people[0],),
        )
        .await;
    let match_id: Uuid = app
        .db
        .admin_scalar("select id from matches where giver_id = $1", (people[0],))
        .await;
    let secrets = [
        people[0].to_string(),
        giver_user.to_string(),
        match_id.to_string(),
        "p0@example.org".to_string(),
        "P0 S".to_string(),
    ];
    let (_, answer) = read(&b[1], &app, draw, false).await;
    let (_, my_draw) = post_json(&b[1], &app, "my_draw", &[("id", &draw.to_string())]).await;
    let (_, html) = page(&b[1], &app, &format!("/draws/{draw}/match")).await;
    let (_, dash) = page(&b[1], &app, "/draws").await;
    let (status, sent) = send(&b[1], &app, draw, false, "Yes, a lot").await;
    assert_eq!(status, StatusCode::OK);
    for shown in [
        answer.to_string(),
        my_draw.to_string(),
        html,
        dash,
        sent.to_string(),
    ] {
        for secret in &secrets {
            assert!(
                !shown.contains(secret.as_str()),
                "{secret} reached the recipient"
            );
        }
    }
    // The answer holds only these fields.
    let mut keys: Vec<&str> = answer["messages"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["at", "at_iso", "body", "mine", "new"]);
}

#[tokio::test]
async fn the_organizer_and_the_other_people_of_the_draw_read_nothing_of_a_conversation() {
    let app = spawn_app(test_auth_config()).await;
    let (org, draw, _, b) = ring_of_four(&app).await;
    let secret = "Psst: the blue scarf";
    send(&b[0], &app, draw, true, secret).await;
    send(&b[1], &app, draw, false, "Thank you!").await;
    let id = draw.to_string();
    // The organizer, who takes no part, has no conversation here at all.
    for as_giver in [true, false] {
        let (status, _) = read(&org, &app, draw, as_giver).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = send(&org, &app, draw, as_giver, "Who is who?").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    let (_, html) = page(&org, &app, &format!("/draws/{id}")).await;
    let (_, status) = post_json(&org, &app, "draw_status", &[("id", &id)]).await;
    let (_, view) = post_json(&org, &app, "get_draw", &[("id", &id)]).await;
    // P2 and P3 have conversations of their own, not this one.
    let (_, p2_giving) = read(&b[2], &app, draw, true).await;
    let (_, p2_receiving) = read(&b[2], &app, draw, false).await;
    let (_, p3_page) = page(&b[3], &app, &format!("/draws/{id}/match")).await;
    for shown in [
        html,
        status.to_string(),
        view.to_string(),
        p2_giving.to_string(),
        p2_receiving.to_string(),
        p3_page,
    ] {
        assert!(!shown.contains(secret) && !shown.contains("Thank you!"));
    }
    // An outsider neither.
    let mallory = register(&app, "mallory@example.org").await;
    let (status, _) = read(&mallory, &app, draw, false).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = read(&crate::common::browser(), &app, draw, false).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_side_writes_at_most_thirty_messages_a_day_and_the_thirty_first_is_refused_clearly() {
    let app = spawn_app(test_auth_config()).await;
    let (_, draw, _, b) = ring_of_four(&app).await;
    for i in 0..30 {
        let (status, body) = send(&b[0], &app, draw, true, &format!("Question {i}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, body) = send(&b[0], &app, draw, true, "Question 31").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), vec!["body"]);
    assert!(body.to_string().contains("30 messages"), "{body}");
    assert_eq!(app.db.admin_count("messages").await, 30);
    // The other side still has its own 30.
    let (status, _) = send(&b[1], &app, draw, false, "Stop asking!").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn thirty_one_messages_at_once_store_thirty() {
    let app = spawn_app(test_auth_config()).await;
    let (_, draw, _, b) = ring_of_four(&app).await;
    let sends: Vec<_> = (0..31)
        .map(|i| {
            let (client, base) = (b[0].clone(), app.base.clone());
            tokio::spawn(async move {
                client
                    .post(format!("{base}/api/send_message"))
                    .form(&[
                        ("id", draw.to_string()),
                        ("as_giver", "true".into()),
                        ("body", format!("At once {i}")),
                    ])
                    .send()
                    .await
                    .unwrap()
                    .status()
            })
        })
        .collect();
    let mut statuses = BTreeMap::new();
    for s in sends {
        *statuses.entry(s.await.unwrap().as_u16()).or_insert(0) += 1;
    }
    assert_eq!(statuses, BTreeMap::from([(200, 30), (422, 1)]));
    assert_eq!(app.db.admin_count("messages").await, 30);
}

#[tokio::test]
async fn unread_messages_are_flagged_on_my_draws_and_on_the_page_until_read() {
    let app = spawn_app(test_auth_config()).await;
    let (_, draw, _, b) = ring_of_four(&app).await;
    send(&b[0], &app, draw, true, "Tea or coffee?").await;
    send(&b[0], &app, draw, true, "And which size?").await;
    let (_, dash) = page(&b[1], &app, "/draws").await;
    assert!(dash.contains("2 new messages"), "flagged on My draws");
    let (_, mine) = post_json(&b[1], &app, "my_draw", &[("id", &draw.to_string())]).await;
    assert_eq!(mine["unread_from_santa"], 2);
    let (_, html) = page(&b[1], &app, &format!("/draws/{draw}/match")).await;
    assert!(html.contains("Tea or coffee?") && html.contains(">New<"));
    let (_, dash) = page(&b[1], &app, "/draws").await;
    assert!(!dash.contains("new message"), "read once shown");
    // The giver, whose match is hidden, is told their recipient wrote, without the name.
    send(&b[1], &app, draw, false, "Coffee, size M").await;
    let (_, giver_page) = page(&b[0], &app, &format!("/draws/{draw}/match")).await;
    assert!(giver_page.contains("The person you give to wrote to you"));
    assert!(
        !giver_page.contains("Coffee, size M"),
        "not shown until the match is open"
    );
    let (_, dash) = page(&b[0], &app, "/draws").await;
    assert!(dash.contains("1 new message"));
}

#[tokio::test]
async fn html_in_a_message_is_shown_as_text() {
    let app = spawn_app(test_auth_config()).await;
    let (_, draw, _, b) = ring_of_four(&app).await;
    send(
        &b[0],
        &app,
        draw,
        true,
        "<img src=x onerror=alert(1)> & <b>bold</b>",
    )
    .await;
    let (_, html) = page(&b[1], &app, &format!("/draws/{draw}/match")).await;
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"));
    assert!(!html.contains("<img src=x"));
}

#[tokio::test]
async fn with_mail_the_other_side_is_told_at_most_once_an_hour_and_the_mail_never_hints_at_the_giver(
) {
    // (Mail to a recipient waits a random while, up to MESSAGE_MAIL_DELAY_MAX_MINUTES; here none.)
    let sink = crate::common::smtp_sink().await;
    let mut config = test_auth_config();
    config.message_mail_delay_max = Duration::ZERO;
    let app = crate::common::spawn_app_with_mail(config, crate::common::mailer(sink.port)).await;
    let org = register(&app, "olga@example.org").await;
    let id = crate::common::create_draw(&org, &app, &draw("Book club", numbered(4, ""))).await;
    run_draw(&org, &app, &id).await;
    let draw_id: Uuid = id.parse().unwrap();
    let mut browsers = BTreeMap::new();
    for i in 0..4 {
        let email = format!("p{i}@example.org");
        let mut mail = None;
        for _ in 0..100 {
            mail = sink.mail_to(&email);
            if mail.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let token = crate::common::link_token(&mail.unwrap(), "/invite/").unwrap();
        browsers.insert(email, accept_invitation(&app, &token).await);
    }
    let giver = &browsers["p0@example.org"];
    let recipient_id: Uuid = app
        .db
        .admin_scalar(
            "select m.recipient_id from matches m join draw_participants p on p.id = m.giver_id
             where p.email = 'p0@example.org'",
            (),
        )
        .await;
    let recipient_email: String = app
        .db
        .admin_scalar(
            "select email::text from draw_participants where id = $1",
            (recipient_id,),
        )
        .await;
    let before = sink.mails().len();
    for question in ["One?", "Two?", "Three?"] {
        let (status, _) = send(giver, &app, draw_id, true, question).await;
        assert_eq!(status, StatusCode::OK);
    }
    let mut told = Vec::new();
    for _ in 0..60 {
        told = sink.mails()[before..].to_vec();
        if !told.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let told_now = sink.mails()[before..].to_vec();
    assert_eq!(
        told_now.len(),
        1,
        "one mail for three messages within the hour: {told:?}"
    );
    let mail = &told_now[0];
    assert!(mail.contains(&format!("To: {recipient_email}")));
    assert!(mail.contains("Your Secret Santa wrote to you"));
    for hint in ["p0@example.org", "P0", "One?", "Two?"] {
        assert!(!mail.contains(hint), "the mail carries {hint}: {mail}");
    }
    // An answer tells the giver (their own hour is separate).
    let recipient = &browsers[&recipient_email];
    let (status, _) = send(recipient, &app, draw_id, false, "Answer").await;
    assert_eq!(status, StatusCode::OK);
    let mut answered = None;
    for _ in 0..60 {
        answered = sink
            .mails()
            .into_iter()
            .find(|m| m.contains("To: p0@example.org") && m.contains("wrote to you"));
        if answered.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let answered = answered.expect("the giver is told");
    assert!(answered.contains("The person you give to wrote to you"));
    assert!(!answered.contains("Answer"));
    // The recipient's hour holds whoever their giver is: after a change of giver, the new one's
    // first message mails nobody within the hour (a second mail would tell the change).
    let p = crate::common::scalars::<Uuid>(
        &app.db.admin,
        "select id from draw_participants where draw_id = $1 order by position",
        (draw_id,),
    )
    .await;
    let giver_row = p[0];
    let recipient_row: Uuid = app
        .db
        .admin_scalar(
            "select recipient_id from matches where giver_id = $1",
            (giver_row,),
        )
        .await;
    let new_giver_row = *p
        .iter()
        .find(|x| **x != giver_row && **x != recipient_row)
        .unwrap();
    let new_giver_email: String = app
        .db
        .admin_scalar(
            "select email::text from draw_participants where id = $1",
            (new_giver_row,),
        )
        .await;
    exec(
        &app.db.admin,
        "delete from matches where draw_id = $1",
        (draw_id,),
    )
    .await;
    let others: Vec<Uuid> = p
        .iter()
        .copied()
        .filter(|x| *x != new_giver_row && *x != recipient_row)
        .collect();
    // new giver → recipient → others[0] → others[1] → new giver
    let ring = [new_giver_row, recipient_row, others[0], others[1]];
    for i in 0..4 {
        exec(
            &app.db.admin,
            "insert into matches (draw_id, giver_id, recipient_id) values ($1, $2, $3)",
            (draw_id, ring[i], ring[(i + 1) % 4]),
        )
        .await;
    }
    let count = sink.mails().len();
    let (status, _) = send(
        &browsers[&new_giver_email],
        &app,
        draw_id,
        true,
        "Hello from your new Santa",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(
        sink.mails().len(),
        count,
        "no second mail to the recipient within the hour"
    );
    let _ = giver;
    // An hour later, the next message mails again.
    exec(
        &app.db.admin,
        "update message_mail set mailed_at = now() - interval '61 minutes'",
        (),
    )
    .await;
    let count = sink.mails().len();
    let (status, _) = send(&browsers[&new_giver_email], &app, draw_id, true, "Four?").await;
    assert_eq!(status, StatusCode::OK);
    for _ in 0..60 {
        if sink.mails().len() > count {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(sink.mails().len(), count + 1);
}

#[tokio::test]
async fn after_a_change_the_new_giver_starts_afresh_and_the_recipient_s_conversation_stays_whole() {
    let app = spawn_app(test_auth_config()).await;
    let (org, draw, people, b) = ring_of_four(&app).await;
    // P0→P1→P2→P3→P0. P1 writes to P2 (as P2's Santa), P2 answers; P0 writes to P1.
    send(&b[1], &app, draw, true, "From your first Santa").await;
    send(&b[2], &app, draw, false, "Hello first Santa").await;
    send(&b[0], &app, draw, true, "To P1, before P1 leaves").await;
    // P1 leaves: P0 draws anew between P2 and P3. P2's new Santa is P0 (P0→P2), or P3 (P0→P3,
    // P2→P0, P3→P2).
    let (status, body) = post_json(
        &org,
        &app,
        "remove_participant",
        &[
            ("id", &draw.to_string()),
            ("participant_id", &people[1].to_string()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let new_giver: Uuid = app
        .db
        .admin_scalar(
            "select giver_id from matches where recipient_id = $1",
            (people[2],),
        )
        .await;
    assert!(new_giver == people[0] || new_giver == people[3]);
    let santa = &b[people.iter().position(|p| *p == new_giver).unwrap()];
    // The new giver of P2 reads nothing of what P2 and P1 wrote.
    let (_, fresh) = read(santa, &app, draw, true).await;
    assert_eq!(lines(&fresh), vec![]);
    // P2 still sees their whole conversation with "Your Secret Santa": nothing vanished.
    let (_, p2) = read(&b[2], &app, draw, false).await;
    assert_eq!(
        lines(&p2),
        vec![
            (false, "From your first Santa".to_string()),
            (true, "Hello first Santa".to_string()),
        ]
    );
    // P2 writes again: it reaches the new giver, and only them.
    send(&b[2], &app, draw, false, "Anyone there?").await;
    let (_, fresh) = read(santa, &app, draw, true).await;
    assert_eq!(lines(&fresh), vec![(false, "Anyone there?".to_string())]);
    // A page P0 opened before the change (for P1) is refused, not answered with P2's messages.
    let (status, body) = post_json(
        &b[0],
        &app,
        "conversation",
        &[
            ("id", &draw.to_string()),
            ("as_giver", "true"),
            ("with", &people[1].to_string()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, _) = post_json(
        &b[0],
        &app,
        "send_message",
        &[
            ("id", &draw.to_string()),
            ("as_giver", "true"),
            ("body", "For P1"),
            ("with", &people[1].to_string()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_message_s_line_breaks_count_as_one_character_each_as_the_browser_counts_them() {
    let app = spawn_app(test_auth_config()).await;
    let (_, draw, _, b) = ring_of_four(&app).await;
    // 2,000 characters in the text box; 2,009 as a form sends them (each break as CR LF).
    let lines: Vec<String> = (0..10).map(|_| "m".repeat(199)).collect();
    let typed = format!("{}m", lines.join("\r\n"));
    let (status, answer) = send(&b[0], &app, draw, true, &typed).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (_, seen) = read(&b[1], &app, draw, false).await;
    let body = seen["messages"][0]["body"].as_str().unwrap();
    assert_eq!(body, typed.replace("\r\n", "\n"));
    assert_eq!(body.chars().count(), 2000);
    let (status, answer) = send(&b[0], &app, draw, true, &format!("{typed}m")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(error_fields(&answer), vec!["body"]);
}

#[tokio::test]
async fn a_refused_message_comes_back_in_its_box_without_javascript() {
    let app = spawn_app(test_auth_config()).await;
    let (_, draw, _, b) = ring_of_four(&app).await;
    let page_url = format!("{}/draws/{draw}/match", app.base);
    // Refused for a control character, and for its length: either way it comes back whole (as
    // the form sent it: the browser reads the CR LF in a text box as one line break).
    let too_long = format!("{}\r\nSize M", "m".repeat(2_000));
    // Its counter counts as the server does (a line break is one character) and says when over.
    for (typed, shown, reason, counter) in [
        (
            "Which size? \u{7}",
            "Which size? \u{7}".to_string(),
            "control characters",
            "class=\"counter\">13 / 2000<",
        ),
        (
            too_long.as_str(),
            too_long.clone(),
            "at most 2000 characters (2007 now)",
            "class=\"counter counter--over\">2007 / 2000<",
        ),
    ] {
        let res = b[1]
            .post(format!("{}/api/send_message", app.base))
            .header("accept", "text/html")
            .header("origin", &app.base)
            .header("referer", &page_url)
            .form(&[
                ("id", draw.to_string()),
                ("as_giver", "false".into()),
                ("body", typed.into()),
                ("with", String::new()),
            ])
            .send()
            .await
            .unwrap();
        let back = crate::common::location(&res);
        assert!(back.contains("__err="), "{back}");
        // Kept on the server, not in the address (which ends up in the history and in logs).
        assert!(!back.contains("Which") && !back.contains("mmmm"), "{back}");
        let (_, html) = page(&b[1], &app, &back).await;
        assert!(
            html.contains(&format!("{shown}</textarea>")),
            "the text is kept in its box"
        );
        assert!(html.contains(reason), "the reason is shown: {reason}");
        assert!(html.contains(counter), "{counter}");
    }
}

/// A wish letter saved with a plain form post (no JavaScript) from the page at `referer`: where
/// the answer sends the browser.
async fn save_wishes_from(
    client: &Client,
    app: &TestApp,
    referer: &str,
    draw: Uuid,
    letter: &str,
) -> String {
    let res = client
        .post(format!("{}/api/save_wishes", app.base))
        .header("accept", "text/html")
        .header("origin", &app.base)
        .header("referer", referer)
        .form(&[
            ("id", draw.to_string()),
            ("gift_preferences", letter.to_string()),
        ])
        .send()
        .await
        .unwrap();
    crate::common::location(&res)
}

/// Found from outside: a long wish letter (Cyrillic, emoji) refused without JavaScript came back
/// empty (its address grew past what was kept), and one refused twice landed on the home page
/// (a browser sends at most 4 KB of an address as the next post's Referer). It is now kept in the
/// session, whatever its length, for as many refusals as it takes; the address stays short.
#[tokio::test]
async fn a_refused_wish_letter_of_any_length_comes_back_whole_however_often_it_is_refused() {
    let app = spawn_app(test_auth_config()).await;
    let (_, draw, _, b) = ring_of_four(&app).await;
    let page_path = format!("/draws/{draw}/match");
    let sentence = "Я хотел бы книгу о парусном спорте и тёплые носки. ";
    let mut letter = sentence.repeat(8_800 / sentence.chars().count());
    letter.push_str("Спасибо!\u{7}");
    assert!(letter.chars().count() > 8_000 && letter.chars().count() <= 10_000);
    let mut referer = format!("{}{page_path}", app.base);
    for round in 1..=3 {
        let back = save_wishes_from(&b[1], &app, &referer, draw, &letter).await;
        assert!(
            back.starts_with(&format!("{page_path}?")),
            "round {round}: {back}"
        );
        assert!(back.contains("__err="), "round {round}: {back}");
        assert!(back.len() < 1_000, "round {round}: {} bytes", back.len());
        let (_, html) = page(&b[1], &app, &back).await;
        assert!(
            html.contains(&format!("{letter}</textarea>")),
            "round {round}: the letter is back in its box"
        );
        assert!(html.contains("control characters"), "round {round}");
        // The next post comes from this page, as the browser's address shows it.
        referer = format!("{}{back}", app.base);
    }
    // Once saved, nothing refused earlier comes back, and no other person sees it.
    let fixed = letter.replace('\u{7}', "");
    let saved = save_wishes_from(&b[1], &app, &referer, draw, &fixed).await;
    assert!(!saved.contains("__err="), "{saved}");
    let (_, html) = page(&b[1], &app, &saved).await;
    assert!(html.contains(&format!("{}</textarea>", fixed.trim())));
    assert!(!html.contains("Спасибо!\u{7}"));
    let stale = referer.trim_start_matches(&app.base).to_string();
    let (_, html) = page(&b[1], &app, &stale).await;
    assert!(
        !html.contains("Спасибо!\u{7}"),
        "the refused letter is gone"
    );
    let (_, other) = page(&b[2], &app, &stale).await;
    assert!(!other.contains("Спасибо!\u{7}"), "nobody else gets it");
}
