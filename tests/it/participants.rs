//! Participants after the draw: revealing the match, the wish letter, and gift ideas from a real
//! local HTTP server speaking the chat-completions protocol (or the offline provider), over HTTP
//! against the real router and database.

use std::time::{Duration, Instant};

use crate::common::{
    accept_invitation, browser, create_draw, draw, exec, fake_llm, person, post_json as post,
    register, rows, run_draw, scalar, scalars, spawn_app_full, spawn_gift_ideas, sqlstate,
    test_auth_config, testers, thirty_euros, tokens_by_email, try_exec, with, FakeLlm, LlmReply,
    TestApp,
};
use reqwest::{Client, StatusCode};
use secret_santa::gifts::GiftConfig;
use serde_json::{json, Value};
use uuid::Uuid;

/// Names and emails that must never reach the provider.
const PEOPLE: [(&str, &str, &str, &str); 4] = [
    (
        "Zebulon",
        "Quixote",
        "zebulon@example.org",
        "Jazz records, green tea",
    ),
    (
        "Ottilie",
        "Farquhar",
        "ottilie@example.org",
        "Hiking boots and maps",
    ),
    (
        "Barnaby",
        "Wolstencroft",
        "barnaby@example.org",
        "Board games",
    ),
    (
        "Henrietta",
        "Pocklington",
        "henrietta@example.org",
        "Poetry books",
    ),
];

struct Person {
    email: &'static str,
    client: Client,
}

/// A drawn draw of the four PEOPLE (budget 30 EUR), everyone logged in in their own browser.
struct Drawn {
    app: TestApp,
    organizer: Client,
    draw: String,
    people: Vec<Person>,
}

impl Drawn {
    fn person(&self, email: &str) -> &Person {
        self.people.iter().find(|p| p.email == email).unwrap()
    }

    /// Who `giver` gives to.
    async fn recipient_of(&self, giver: &str) -> &'static str {
        let email = recipient_of(&self.app, giver).await;
        PEOPLE.iter().find(|p| p.2 == email).unwrap().2
    }

    async fn giver_of(&self, recipient: &str) -> &'static str {
        for p in PEOPLE {
            if self.recipient_of(p.2).await == recipient {
                return p.2;
            }
        }
        unreachable!()
    }

    async fn user_id(&self, email: &str) -> Uuid {
        user_id(&self.app, email).await
    }

    async fn cached_rows(&self) -> i64 {
        self.app.db.admin_count("ai_suggestions").await
    }

    /// `endpoint` with the draw's id and the fields `more`, called by `client`.
    async fn call_as(
        &self,
        client: &Client,
        endpoint: &str,
        more: &[(&str, &str)],
    ) -> (StatusCode, Value) {
        let form: Vec<(&str, &str)> = [("id", self.draw.as_str())]
            .into_iter()
            .chain(more.iter().copied())
            .collect();
        post(client, &self.app, endpoint, &form).await
    }

    /// The browser of participant `email`.
    fn client(&self, email: &str) -> &Client {
        &self.person(email).client
    }

    async fn reveal(&self, email: &str) -> (StatusCode, Value) {
        self.call_as(self.client(email), "reveal_match", &[]).await
    }

    async fn save_wishes(&self, email: &str, wishes: &str) -> (StatusCode, Value) {
        let wishes = [("gift_preferences", wishes)];
        self.call_as(self.client(email), "save_wishes", &wishes)
            .await
    }

    async fn ideas(&self, email: &str, refresh: bool) -> (StatusCode, Value) {
        let refresh = refresh.to_string();
        let refresh = [("refresh", refresh.as_str())];
        self.call_as(self.client(email), "gift_ideas", &refresh)
            .await
    }

    /// `select count(*)` of `from`, by the superuser.
    async fn count(&self, from: &str) -> i64 {
        self.app.db.admin_count(from).await
    }
}

/// Who `giver` gives to (read by the superuser: no santa_app query can do this).
async fn recipient_of(app: &TestApp, giver: &str) -> String {
    app.db
        .admin_scalar(
            "select r.email::text from matches m
             join draw_participants g on g.id = m.giver_id
             join draw_participants r on r.id = m.recipient_id
             where g.email = $1",
            (giver,),
        )
        .await
}

async fn user_id(app: &TestApp, email: &str) -> Uuid {
    app.db
        .admin_scalar("select id from users where email = $1", (email,))
        .await
}

async fn drawn(gifts: GiftConfig) -> Drawn {
    let app = spawn_app_full(test_auth_config(), None, gifts).await;
    let organizer = register(&app, "org@example.org").await;
    let people = PEOPLE
        .iter()
        .map(|(name, surname, email, wishes)| person(name, surname, email, wishes))
        .collect();
    let office = with(draw("Office", people), thirty_euros("Wrap it nicely"));
    let draw = create_draw(&organizer, &app, &office).await;
    let links = run_draw(&organizer, &app, &draw).await;
    let mut joined = Vec::new();
    for (email, token) in tokens_by_email(&app, &links).await {
        let client = accept_invitation(&app, &token).await;
        let email = PEOPLE.iter().find(|p| p.2 == email).unwrap().2;
        joined.push(Person { email, client });
    }
    assert_eq!(joined.len(), 4);
    Drawn {
        app,
        organizer,
        draw,
        people: joined,
    }
}

fn with_provider(llm: &FakeLlm) -> GiftConfig {
    GiftConfig {
        provider: Some(llm.provider()),
        ..GiftConfig::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_reveals_their_match_and_the_organizer_sees_only_that_it_was_opened() {
    let d = drawn(GiftConfig::default()).await;
    let zeb = "zebulon@example.org";

    let (status, mine) = post(d.client(zeb), &d.app, "my_draws", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(mine[0]["name"], "Office");
    assert_eq!(mine[0]["drawn"], true);
    assert_eq!(mine[0]["viewed"], false);

    let (status, page) = d.call_as(d.client(zeb), "my_draw", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["budget"], "€30.00");
    assert_eq!(
        page["draw"]["organizer"], "Olga Organizer (org@example.org)",
        "the organizer by name, with the address the account is known by"
    );
    assert_eq!(page["draw"]["my_wishes"], "Jazz records, green tea");
    assert!(
        !page.to_string().contains("recipient"),
        "the page data holds no match before the reveal"
    );

    let (status, reveal) = d.reveal(zeb).await;
    assert_eq!(status, StatusCode::OK);
    let recipient = d.recipient_of(zeb).await;
    let expected = PEOPLE.iter().find(|p| p.2 == recipient).unwrap();
    assert_eq!(reveal["name"], expected.0);
    assert_eq!(reveal["surname"], expected.1);
    assert_eq!(reveal["email"], expected.2);
    assert_eq!(reveal["wishes"], expected.3);

    let (_, mine) = post(d.client(zeb), &d.app, "my_draws", &[]).await;
    assert_eq!(mine[0]["viewed"], true);
    let (status, list) = d.call_as(&d.organizer, "draw_status", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let viewed: Vec<(&str, bool)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p["viewed"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        viewed,
        vec![
            ("Zebulon Quixote", true),
            ("Ottilie Farquhar", false),
            ("Barnaby Wolstencroft", false),
            ("Henrietta Pocklington", false)
        ]
    );
    assert!(!list.to_string().contains(recipient));

    // The organizer, who does not take part, has no match to reveal.
    let (status, _) = d.call_as(&d.organizer, "reveal_match", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nobody_reaches_a_draw_they_are_not_in_and_visitors_must_log_in() {
    let d = drawn(GiftConfig::default()).await;
    let outsider = register(&d.app, "outsider@example.org").await;
    for endpoint in ["my_draw", "reveal_match"] {
        let (status, body) = d.call_as(&outsider, endpoint, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{endpoint}");
        assert!(!body.to_string().contains("Office"));
        let (status, _) = d.call_as(&browser(), endpoint, &[]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{endpoint}");
        let (status, _) = post(&outsider, &d.app, endpoint, &[("id", "not-a-uuid")]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{endpoint}");
    }
    let refresh = [("refresh", "false")];
    let (status, _) = d.call_as(&outsider, "gift_ideas", &refresh).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let hijack = [("gift_preferences", "hijacked")];
    let (status, _) = d.call_as(&outsider, "save_wishes", &hijack).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, mine) = post(&outsider, &d.app, "my_draws", &[]).await;
    assert_eq!(mine, json!([]));
    let untouched = d
        .count("draw_participants where gift_preferences = 'hijacked'")
        .await;
    assert_eq!(untouched, 0);
    let viewed = d.count("matches where viewed_at is not null").await;
    assert_eq!(viewed, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn my_wish_letter_is_saved_and_my_giver_reads_the_new_wishes() {
    let d = drawn(GiftConfig::default()).await;
    let ottilie = "ottilie@example.org";
    let giver = d.giver_of(ottilie).await;

    let (status, _) = d
        .save_wishes(ottilie, "  A warm scarf <b>please</b>  ")
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, reveal) = d.reveal(giver).await;
    assert_eq!(reveal["wishes"], "A warm scarf <b>please</b>");

    let too_long = "x".repeat(10_001);
    let (status, body) = d.save_wishes(ottilie, &too_long).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.to_string().contains("gift_preferences"));
    assert!(body.to_string().contains("at most 10000 characters"));
    let stored: String = d
        .app
        .db
        .admin_scalar(
            "select gift_preferences from draw_participants where email = 'ottilie@example.org'",
            (),
        )
        .await;
    assert_eq!(stored, "A warm scarf <b>please</b>", "nothing half-saved");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_provider_offline_ideas_are_made_once_and_then_served_from_the_cache() {
    let d = drawn(GiftConfig::default()).await;
    let zeb = "zebulon@example.org";
    let (status, first) = d.ideas(zeb, false).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(first["offline"], true);
    let ideas = first["ideas"].as_array().unwrap();
    assert!((3..=6).contains(&ideas.len()));
    assert!(ideas
        .iter()
        .all(|i| i["price"].as_str().unwrap().contains('€')));

    let (status, again) = d.ideas(zeb, false).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again, first, "the cached ideas, unchanged");
    let (_, reveal) = d.reveal(zeb).await;
    assert_eq!(reveal["ideas"], first, "shown at once with the match");
    let calls: i32 = d
        .app
        .db
        .admin_scalar("select calls_today from ai_requests", ())
        .await;
    assert_eq!(calls, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_provider_gets_the_wishes_budget_and_schema_but_no_names_or_emails() {
    let llm = fake_llm(vec![], LlmReply::ideas(4)).await;
    let d = drawn(with_provider(&llm)).await;
    let zeb = "zebulon@example.org";
    let (status, ideas) = d.ideas(zeb, false).await;
    assert_eq!(status, StatusCode::OK, "{ideas}");
    assert_eq!(ideas["offline"], false);
    assert_eq!(ideas["ideas"].as_array().unwrap().len(), 4);
    assert_eq!(ideas["ideas"][0]["title"], "Idea 0");

    assert_eq!(llm.calls(), 1);
    let (headers, body) = llm.requests.lock().unwrap()[0].clone();
    assert_eq!(headers["authorization"], "Bearer test-key");
    assert_eq!(body["model"], "test-model");
    assert_eq!(body["response_format"]["type"], "json_schema");
    assert_eq!(
        body["response_format"]["json_schema"]["schema"]["required"],
        json!(["ideas"])
    );
    let text = body["messages"].to_string();
    let recipient = d.recipient_of(zeb).await;
    let wishes = PEOPLE.iter().find(|p| p.2 == recipient).unwrap().3;
    assert!(text.contains(wishes), "the wishes are in the prompt");
    assert!(text.contains("30 EUR"), "the budget is in the prompt");
    for (name, surname, email, _) in PEOPLE {
        assert!(!text.contains(name), "{name} leaked");
        assert!(!text.contains(surname), "{surname} leaked");
        assert!(!text.contains(email), "{email} leaked");
    }
    assert!(!text.contains("org@example.org"));
    assert!(!text.contains("Office"), "not even the draw's name");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_500_and_429_are_retried_until_the_provider_answers() {
    let llm = fake_llm(
        vec![
            LlmReply::status(500),
            LlmReply::status(429).with_header("retry-after", "1"),
        ],
        LlmReply::ideas(3),
    )
    .await;
    let d = drawn(with_provider(&llm)).await;
    let started = Instant::now();
    let (status, ideas) = d.ideas("zebulon@example.org", false).await;
    assert_eq!(status, StatusCode::OK, "{ideas}");
    assert_eq!(ideas["ideas"].as_array().unwrap().len(), 3);
    assert_eq!(llm.calls(), 3);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 was honoured"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_that_never_answers_fails_within_the_bound_and_nothing_is_cached() {
    let llm = fake_llm(vec![], LlmReply::ideas(3).after(Duration::from_secs(30))).await;
    let mut provider = llm.provider();
    provider.request_timeout = Duration::from_millis(700);
    provider.total_timeout = Duration::from_secs(2);
    let d = drawn(GiftConfig {
        provider: Some(provider),
        ..GiftConfig::default()
    })
    .await;
    let started = Instant::now();
    let (status, body) = d.ideas("zebulon@example.org", false).await;
    let took = started.elapsed();
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body, json!("GiftIdeasUnavailable"));
    assert!(took < Duration::from_secs(4), "took {took:?}");
    assert!(llm.calls() >= 2, "timeouts are retried within the bound");
    assert_eq!(d.cached_rows().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_reply_is_an_error_that_keeps_the_earlier_ideas() {
    let llm = fake_llm(
        vec![
            LlmReply::content("Sure! Here are ideas: socks, a mug."),
            LlmReply::ideas(5),
            LlmReply::content("{\"ideas\": [{\"title\": \"Only one\"}]}"),
        ],
        LlmReply::ideas(3),
    )
    .await;
    let mut config = with_provider(&llm);
    config.refresh_cooldown = Duration::ZERO;
    let d = drawn(config).await;
    let zeb = "zebulon@example.org";

    let (status, body) = d.ideas(zeb, false).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(
        d.cached_rows().await,
        0,
        "a malformed reply is never cached"
    );

    let (status, good) = d.ideas(zeb, false).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(good["ideas"].as_array().unwrap().len(), 5);

    let (status, _) = d.ideas(zeb, true).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let (status, kept) = d.ideas(zeb, false).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kept, good, "the earlier ideas are kept");
    assert_eq!(llm.calls(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_simultaneous_requests_for_one_match_make_one_upstream_call() {
    let llm = fake_llm(vec![], LlmReply::ideas(4).after(Duration::from_millis(800))).await;
    let d = drawn(with_provider(&llm)).await;
    let client = d.client("zebulon@example.org");
    let requests: Vec<_> = (0..50)
        .map(|_| spawn_gift_ideas(client, &d.app, &d.draw))
        .collect();
    let mut answers = Vec::new();
    for r in requests {
        let (status, body, _) = r.await.unwrap();
        assert_eq!(status, StatusCode::OK, "{body}");
        answers.push(body);
    }
    assert_eq!(llm.calls(), 1);
    assert!(
        answers.iter().all(|a| *a == answers[0]),
        "everyone got the same ideas"
    );
    assert_eq!(d.cached_rows().await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_cannot_read_another_matchs_ideas_through_the_app_or_as_santa_app() {
    let d = drawn(GiftConfig::default()).await;
    let (zeb, ott) = ("zebulon@example.org", "ottilie@example.org");
    assert_eq!(d.ideas(zeb, false).await.0, StatusCode::OK);
    assert_eq!(d.ideas(ott, false).await.0, StatusCode::OK);

    // Through the server function a participant only ever gets their own match's ideas.
    let (_, zeb_ideas) = d.ideas(zeb, false).await;
    let (_, ott_ideas) = d.ideas(ott, false).await;
    assert_ne!(zeb_ideas, ott_ideas);

    // As santa_app, carrying Ottilie: Zebulon's row does not exist for her, and cannot be
    // changed or removed.
    let zeb_match: Uuid = d
        .app
        .db
        .admin_scalar(
            "select m.id from matches m join draw_participants g on g.id = m.giver_id where g.email = $1",
            (zeb,),
        )
        .await;
    let ott_id = d.user_id(ott).await;
    let mut tx = d.app.db.as_user(Some(ott_id)).await;
    let visible: Vec<Uuid> = scalars(&mut *tx, "select match_id from ai_suggestions", ()).await;
    assert_eq!(visible.len(), 1);
    assert!(!visible.contains(&zeb_match));
    let changed = exec(
        &mut *tx,
        "update ai_suggestions set model = 'x' where match_id = $1",
        (zeb_match,),
    )
    .await;
    assert_eq!(changed, 0);
    let requests: i64 = scalar(&mut *tx, "select count(*) from ai_requests", ()).await;
    assert_eq!(requests, 1);
    let refused = try_exec(
        &mut *tx,
        "insert into ai_suggestions (match_id, data, model) values ($1, '[{\"title\":\"x\"}]', 'm')",
        (zeb_match,),
    )
    .await;
    assert_eq!(sqlstate(refused), "42501");
    tx.rollback().await.unwrap();

    // And the organizer reads no ideas at all.
    let org_id = d.user_id("org@example.org").await;
    let mut tx = d.app.db.as_user(Some(org_id)).await;
    let visible: i64 = scalar(&mut *tx, "select count(*) from ai_suggestions", ()).await;
    assert_eq!(visible, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refreshing_waits_for_the_cooldown_and_stops_at_the_daily_cap() {
    let llm = fake_llm(vec![], LlmReply::ideas(3)).await;
    let d = drawn(GiftConfig {
        provider: Some(llm.provider()),
        refresh_cooldown: Duration::from_secs(600),
        daily_cap: 2,
    })
    .await;
    let zeb = "zebulon@example.org";
    assert_eq!(d.ideas(zeb, false).await.0, StatusCode::OK);
    let (status, body) = d.ideas(zeb, true).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        body,
        json!({ "RefreshTooSoon": { "retry_after_secs": 600 } })
    );
    assert_eq!(llm.calls(), 1);

    // The recipient changes their wishes: the ideas say so and may be refreshed at once.
    let recipient = d.recipient_of(zeb).await;
    let (status, _) = d.save_wishes(recipient, "Something new entirely").await;
    assert_eq!(status, StatusCode::OK);
    let (_, stale) = d.ideas(zeb, false).await;
    assert_eq!(stale["wishes_changed"], true);
    let (status, fresh) = d.ideas(zeb, true).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(fresh["wishes_changed"], false);
    assert_eq!(llm.calls(), 2);

    // Two calls today were the cap.
    d.save_wishes(recipient, "Changed once more").await;
    let (status, body) = d.ideas(zeb, true).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body, json!("DailyLimitReached"));
    assert_eq!(llm.calls(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ideas_come_in_the_pages_language_and_switching_it_does_not_skip_the_cooldown() {
    let llm = fake_llm(vec![], LlmReply::ideas(3)).await;
    let d = drawn(GiftConfig {
        provider: Some(llm.provider()),
        refresh_cooldown: Duration::from_secs(600),
        daily_cap: 10,
    })
    .await;
    let zeb = "zebulon@example.org";
    assert_eq!(d.ideas(zeb, false).await.0, StatusCode::OK);
    assert_eq!(llm.calls(), 1);
    // The same match from a Polish page, at once and then as a refresh: the English ideas are
    // not served to it, and no new call is made within the cooldown (found from outside:
    // switching back and forth made one provider call each time).
    for refresh in ["false", "true"] {
        let res = d
            .client(zeb)
            .post(format!("{}/api/gift_ideas", d.app.base))
            .header("accept-language", "pl-PL,pl;q=0.9")
            .form(&[("id", d.draw.as_str()), ("refresh", refresh)])
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "refresh={refresh}"
        );
        let body: Value = res.json().await.unwrap();
        assert!(body.get("RefreshTooSoon").is_some(), "{body}");
    }
    assert_eq!(llm.calls(), 1);
    // The prompt of the first call asked for English.
    let prompt = llm.requests.lock().unwrap()[0].1.to_string();
    assert!(
        prompt.contains("English"),
        "the prompt names its language: {prompt}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organizer_who_takes_part_sees_their_own_match_like_anyone_else_and_no_other_pair() {
    let app = spawn_app_full(test_auth_config(), None, GiftConfig::default()).await;
    let org = register(&app, "org@example.org").await;
    let emails = [
        "org@example.org",
        "a@example.org",
        "b@example.org",
        "c@example.org",
    ];
    let family = draw("Family", testers(&emails, |i, _| format!("Wish {i}")));
    let draw = create_draw(&org, &app, &family).await;
    let links = run_draw(&org, &app, &draw).await;
    assert_eq!(
        links.len(),
        3,
        "the organizer already has a password and needs no link"
    );

    let (_, mine) = post(&org, &app, "my_draws", &[]).await;
    assert_eq!(mine[0]["name"], "Family");
    assert_eq!(mine[0]["organizing"], true);
    let (status, reveal) = post(&org, &app, "reveal_match", &[("id", &draw)]).await;
    assert_eq!(status, StatusCode::OK);
    let recipient = recipient_of(&app, "org@example.org").await;
    assert_eq!(reveal["email"], recipient.as_str());

    // As santa_app the organizer reads exactly one pair of their own draw: their own.
    let org_id = user_id(&app, "org@example.org").await;
    let mut tx = app.db.as_user(Some(org_id)).await;
    let pairs: Vec<(Uuid, Uuid)> =
        rows(&mut *tx, "select giver_id, recipient_id from matches", ()).await;
    assert_eq!(pairs.len(), 1);
    let own_row: Uuid = scalar(
        &mut *tx,
        "select id from draw_participants where draw_id = $1::uuid and user_id = $2",
        (&draw, org_id),
    )
    .await;
    assert_eq!(pairs[0].0, own_row);
    tx.rollback().await.unwrap();

    let (_, status_list) = post(&org, &app, "draw_status", &[("id", &draw)]).await;
    let opened: Vec<bool> = status_list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["viewed"].as_bool().unwrap())
        .collect();
    // An organizer who takes part sees nobody's "opened" mark, not even their own: a message from
    // their Secret Santa (who must have opened theirs to write) would point at whoever opened last.
    assert_eq!(opened, vec![false, false, false, false]);
}
