//! Authoring draws through the server functions, over HTTP, as two different authors.

use crate::common::{
    draw, error_fields, post_json, quiet_testers, register, save_draw, spawn_app, test_auth_config,
    with, TestApp,
};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

/// An author, registered and logged in, on an app of their own.
struct Author<'a> {
    client: Client,
    app: &'a TestApp,
}

impl<'a> Author<'a> {
    async fn register(app: &'a TestApp, email: &str) -> Author<'a> {
        let client = register(app, email).await;
        Author { client, app }
    }

    async fn save(&self, id: Option<&str>, draw: &Value) -> (StatusCode, Value) {
        save_draw(&self.client, self.app, id, draw).await
    }

    /// Saves `draw` (as draw `id`, or a new one), which must be refused at `field` alone: the
    /// answer.
    async fn refused(&self, id: Option<&str>, draw: &Value, field: &str) -> Value {
        let (status, body) = self.save(id, draw).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error_fields(&body), [field]);
        body
    }

    async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> (StatusCode, Value) {
        post_json(&self.client, self.app, endpoint, form).await
    }

    /// Calls a JSON server function with `body`.
    async fn send(&self, endpoint: &str, body: Value) -> (StatusCode, Value) {
        let res = self
            .client
            .post(format!("{}/api/{endpoint}", self.app.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        (
            res.status(),
            res.json::<Value>().await.unwrap_or(Value::Null),
        )
    }

    async fn list(&self) -> Vec<Value> {
        let (status, body) = self.call("list_draws", &[]).await;
        assert_eq!(status, StatusCode::OK);
        body.as_array().unwrap().clone()
    }
}

/// The office party of `n` testers at p<i>@example.org: 25 EUR, on 2036-12-18, with a message.
fn draw_of(n: usize) -> Value {
    let emails: Vec<String> = (0..n).map(|i| format!("p{i}@example.org")).collect();
    let emails: Vec<&str> = emails.iter().map(String::as_str).collect();
    // One rule among three would force every pair (refused); among four it forces none.
    let rules = if n >= 4 {
        json!([{ "giver": 0, "recipient": 1 }])
    } else {
        json!([])
    };
    with(
        draw("Office party", quiet_testers(&emails)),
        json!({ "budget": "25", "currency": "EUR", "exchange_date": "2036-12-18",
                "message": "Bring a smile", "exclusions": rules }),
    )
}

async fn count(app: &TestApp, from: &str) -> i64 {
    app.db.admin_count(from).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_author_creates_lists_edits_and_deletes_a_draw() {
    let app = spawn_app(test_auth_config()).await;
    let ada = Author::register(&app, "ada@example.org").await;
    assert!(ada.list().await.is_empty());

    let (status, id) = ada.save(None, &draw_of(4)).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let id = id.as_str().unwrap().to_string();

    let list = ada.list().await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["name"], "Office party");
    assert_eq!(list[0]["participants"], 4);
    assert_eq!(list[0]["drawn"], false);
    assert_eq!(list[0]["exchange_date"], "2036-12-18");

    let (status, view) = ada.call("get_draw", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["draw"]["budget"], "25");
    assert_eq!(view["draw"]["participants"][2]["email"], "p2@example.org");
    assert_eq!(
        view["draw"]["exclusions"],
        json!([{ "giver": 0, "recipient": 1 }])
    );

    let mut edited = draw_of(5);
    edited["name"] = json!("Office party 2026");
    edited["exclusions"] = json!([]);
    let (status, _) = ada.save(Some(&id), &edited).await;
    assert_eq!(status, StatusCode::OK);
    let (_, view) = ada.call("get_draw", &[("id", &id)]).await;
    assert_eq!(view["draw"]["name"], "Office party 2026");
    assert_eq!(view["draw"]["participants"].as_array().unwrap().len(), 5);
    assert_eq!(view["draw"]["exclusions"], json!([]));

    let (status, _) = ada.call("delete_draw", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(ada.list().await.is_empty());
    assert_eq!(count(&app, "draw_participants").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_or_thirty_three_people_are_refused_and_nothing_is_saved() {
    let app = spawn_app(test_auth_config()).await;
    let ada = Author::register(&app, "ada@example.org").await;
    for n in [2, 33] {
        let (status, body) = ada.save(None, &draw_of(n)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{n}");
        assert_eq!(error_fields(&body), ["participants"], "{n}");
    }
    let (status, _) = ada.save(None, &draw_of(32)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(count(&app, "draws").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn preferences_longer_than_ten_thousand_characters_are_refused_at_their_field() {
    let app = spawn_app(test_auth_config()).await;
    let ada = Author::register(&app, "ada@example.org").await;
    let mut draw = draw_of(3);
    draw["participants"][1]["gift_preferences"] = json!("🎁".repeat(10_001));
    ada.refused(None, &draw, "participants.1.gift_preferences")
        .await;
    draw["participants"][1]["gift_preferences"] = json!("🎁".repeat(10_000));
    assert_eq!(ada.save(None, &draw).await.0, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_email_twice_in_a_draw_is_refused() {
    let app = spawn_app(test_auth_config()).await;
    let ada = Author::register(&app, "ada@example.org").await;
    let mut draw = draw_of(3);
    draw["participants"][2]["email"] = json!("P0@EXAMPLE.org");
    ada.refused(None, &draw, "participants.2.email").await;
    assert_eq!(count(&app, "draws").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rules_that_leave_no_valid_draw_are_refused_naming_who_blocks_it() {
    let app = spawn_app(test_auth_config()).await;
    let ada = Author::register(&app, "ada@example.org").await;
    let mut draw = draw_of(3);
    draw["exclusions"] = json!([{ "giver": 0, "recipient": 1 }, { "giver": 1, "recipient": 0 }]);
    let body = ada.refused(None, &draw, "exclusions").await;
    let message = body["Validation"][0]["message"].as_str().unwrap();
    assert!(message.contains("Person"), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_drawn_draw_can_no_longer_be_edited_or_deleted() {
    let app = spawn_app(test_auth_config()).await;
    let ada = Author::register(&app, "ada@example.org").await;
    let (_, id) = ada.save(None, &draw_of(3)).await;
    let id = id.as_str().unwrap().to_string();
    app.db
        .admin_exec("update draws set drawn_at = now()", ())
        .await;

    ada.refused(Some(&id), &draw_of(4), "draw").await;
    let (status, _) = ada.call("delete_draw", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&app, "draw_participants").await, 3);
    assert_eq!(count(&app, "draws").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_author_cannot_read_edit_or_delete_a_draw_it_is_simply_not_found() {
    let app = spawn_app(test_auth_config()).await;
    let ada = Author::register(&app, "ada@example.org").await;
    let bob = Author::register(&app, "bob@example.org").await;
    let (_, id) = ada.save(None, &draw_of(3)).await;
    let id = id.as_str().unwrap().to_string();

    assert!(bob.list().await.is_empty());
    let (status, body) = bob.call("get_draw", &[("id", &id)]).await;
    assert_eq!((status, body), (StatusCode::NOT_FOUND, json!("NotFound")));
    let (status, _) = bob.save(Some(&id), &draw_of(4)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = bob.call("delete_draw", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = bob.call("get_draw", &[("id", "not-a-uuid")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (_, view) = ada.call("get_draw", &[("id", &id)]).await;
    assert_eq!(view["draw"]["participants"].as_array().unwrap().len(), 3);
    assert_eq!(view["draw"]["name"], "Office party");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visitors_who_are_not_logged_in_are_asked_to_log_in() {
    let app = spawn_app(test_auth_config()).await;
    let res = Client::new()
        .post(format!("{}/api/list_draws", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

/// The editor's live check (`check_draw`) answers with exactly the mistakes `save_draw` would
/// refuse, at the same fields (the organizer's own address counts: their match must not give
/// the rules away), answers nothing for a draw it would save, saves nothing either way, and is
/// for logged-in people only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_editors_check_names_the_mistakes_a_save_would_refuse_and_saves_nothing() {
    let app = spawn_app(test_auth_config()).await;
    let ada = Author::register(&app, "ada@example.org").await;
    let check = |draw: &Value| ada.send("check_draw", json!({ "draw": draw }));
    let mut wrong = draw_of(4);
    wrong["participants"][1]["email"] = json!("not-an-address");
    wrong["name"] = json!("  ");
    wrong["exclusions"] = json!([{ "giver": 2, "recipient": 2 }, { "giver": 0, "recipient": 9 }]);
    let (status, mistakes) = check(&wrong).await;
    assert_eq!(status, StatusCode::OK);
    let (refused, answer) = ada.save(None, &wrong).await;
    assert_eq!(refused, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        mistakes, answer["Validation"],
        "the same fields and words as a save"
    );
    let fields: Vec<&str> = mistakes
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "name",
            "participants.1.email",
            "exclusions.0",
            "exclusions.1"
        ]
    );

    // Taking part, Ada would learn a pair from one rule among four: the check says so too.
    let mut telling = draw_of(3);
    telling["participants"][2]["email"] = json!("ADA@example.org");
    telling["exclusions"] = json!([]);
    let mut four = telling["participants"].as_array().unwrap().clone();
    four.push(json!({ "name": "Dee", "surname": "Tester", "email": "dee@example.org", "gift_preferences": "" }));
    telling["participants"] = json!(four);
    telling["exclusions"] = json!([{ "giver": 0, "recipient": 2 }]);
    let (_, mistakes) = check(&telling).await;
    let (_, answer) = ada.save(None, &telling).await;
    assert_eq!(mistakes, answer["Validation"]);

    let (status, none) = check(&draw_of(4)).await;
    assert_eq!((status, none), (StatusCode::OK, json!([])));
    assert_eq!(count(&app, "draws").await, 0, "a check saves nothing");
    assert_eq!(count(&app, "draw_participants").await, 0);

    let res = Client::new()
        .post(format!("{}/api/check_draw", app.base))
        .json(&json!({ "draw": draw_of(4) }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "a visitor");
    let res = ada
        .client
        .post(format!("{}/api/check_draw", app.base))
        .header("Content-Type", "application/json")
        .body(r#"{"draw": {"name": 3}}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "an unreadable draw");
}

/// Two tabs on one draw: the editor sends back the version it was given, and a save over a draw
/// changed since is refused at the whole draw with nothing saved, instead of silently undoing
/// the other tab's work. A save without a version (an API caller) replaces as before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_over_a_draw_changed_since_it_was_opened_is_refused_and_changes_nothing() {
    let app = spawn_app(test_auth_config()).await;
    let ada = Author::register(&app, "ada@example.org").await;
    let (_, id) = ada.save(None, &draw_of(4)).await;
    let id = id.as_str().unwrap().to_string();
    let version = |view: &Value| view["version"].as_str().unwrap().to_string();
    let (_, opened) = ada.call("get_draw", &[("id", &id)]).await;
    let (_, again) = ada.call("get_draw", &[("id", &id)]).await;
    assert_eq!(
        version(&opened),
        version(&again),
        "reading changes no version"
    );
    let save = |draw: Value, version: Option<String>| {
        ada.send(
            "save_draw",
            json!({ "id": id, "draw": draw, "version": version }),
        )
    };

    // Tab A adds a fifth person.
    let (status, _) = save(draw_of(5), Some(version(&opened))).await;
    assert_eq!(status, StatusCode::OK);
    // Tab B, opened before, renames the draw of four.
    let mut renamed = draw_of(4);
    renamed["name"] = json!("Renamed in tab B");
    let (status, body) = save(renamed.clone(), Some(version(&opened))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), ["draw"]);
    assert!(body["Validation"][0]["message"]
        .as_str()
        .unwrap()
        .contains("changed somewhere else"));
    // The editor's check, asked before a save, says so first (and saves nothing either).
    let body = json!({ "draw": renamed, "id": id, "version": version(&opened) });
    let (status, mistakes) = ada.send("check_draw", body).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(error_fields(&json!({ "Validation": mistakes })), ["draw"]);
    let (_, now) = ada.call("get_draw", &[("id", &id)]).await;
    assert_eq!(now["draw"]["participants"].as_array().unwrap().len(), 5);
    assert_eq!(now["draw"]["name"], "Office party");
    assert_ne!(version(&now), version(&opened));

    // Reloaded, tab B saves over what is there now.
    let (status, _) = save(renamed.clone(), Some(version(&now))).await;
    assert_eq!(status, StatusCode::OK);
    let (_, saved) = ada.call("get_draw", &[("id", &id)]).await;
    assert_eq!(saved["draw"]["name"], "Renamed in tab B");
    let (status, _) = save(draw_of(3), None).await;
    assert_eq!(status, StatusCode::OK, "no version: replaced as before");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exchange_date_that_has_passed_is_refused_at_its_field_unless_the_draw_already_had_it() {
    // Found by a new user: a date in the past was taken without a word.
    let app = spawn_app(test_auth_config()).await;
    let ada = Author::register(&app, "ada@example.org").await;
    let utc_days_ago = |days: i32| {
        let db = &app.db;
        async move {
            db.admin_scalar::<String>(
                "select to_char((now() at time zone 'UTC')::date - $1, 'YYYY-MM-DD')",
                (days,),
            )
            .await
        }
    };
    let mut d = draw_of(3);
    d["exchange_date"] = json!(utc_days_ago(3).await);
    let body = ada.refused(None, &d, "exchange_date").await;
    assert!(body.to_string().contains("This date has passed"), "{body}");
    let (status, mistakes) = ada.send("check_draw", json!({ "draw": d })).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        mistakes, body["Validation"],
        "the editor's check says it too"
    );

    // Yesterday in UTC is still today somewhere on Earth: taken.
    d["exchange_date"] = json!(utc_days_ago(1).await);
    let (status, id) = ada.save(None, &d).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let id = id.as_str().unwrap().to_string();

    // A draw whose date has since passed stays editable with it, not with another past one.
    let past = utc_days_ago(10).await;
    app.db
        .admin_exec(
            "update draws set exchange_date = $1::date where id = $2::uuid",
            (past.clone(), id.clone()),
        )
        .await;
    d["name"] = json!("Renamed");
    d["exchange_date"] = json!(past);
    let (status, body) = ada.save(Some(&id), &d).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    d["exchange_date"] = json!(utc_days_ago(20).await);
    ada.refused(Some(&id), &d, "exchange_date").await;
    let details = |date: String| {
        vec![
            ("id", id.clone()),
            ("name", "Renamed".to_string()),
            ("budget", String::new()),
            ("currency", "EUR".to_string()),
            ("exchange_date", date),
            ("message", String::new()),
        ]
    };
    let form = details(utc_days_ago(20).await);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body) = ada.call("update_draw_details", &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(error_fields(&body), ["exchange_date"]);
    let form = details(past);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body) = ada.call("update_draw_details", &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}
