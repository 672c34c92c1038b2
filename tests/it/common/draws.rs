//! Draws: as save_draw takes them, and saved, run and joined through the app.

use std::collections::BTreeMap;

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

use super::{browser, post_form, post_json, with_token, TestApp, PASSWORD};

/// One person of a draw.
pub fn person(name: &str, surname: &str, email: &str, wishes: &str) -> Value {
    json!({ "name": name, "surname": surname, "email": email, "gift_preferences": wishes })
}

/// "Person<i> Tester" at each of `emails`, person i at `e` wishing `wishes(i, e)`.
pub fn testers(emails: &[&str], wishes: impl Fn(usize, &str) -> String) -> Vec<Value> {
    emails
        .iter()
        .enumerate()
        .map(|(i, e)| person(&format!("Person{i}"), "Tester", e, &wishes(i, e)))
        .collect()
}

/// [`testers`] who wish for nothing.
pub fn quiet_testers(emails: &[&str]) -> Vec<Value> {
    testers(emails, |_, _| String::new())
}

/// `n` people "P<i> S" at p<i>@example.org, each wishing `wishes`.
pub fn numbered(n: usize, wishes: &str) -> Vec<Value> {
    (0..n)
        .map(|i| person(&format!("P{i}"), "S", &format!("p{i}@example.org"), wishes))
        .collect()
}

/// A draw named `name` of `people`, with no budget, exchange date, message or rules: [`with`]
/// sets those.
pub fn draw(name: &str, people: Vec<Value>) -> Value {
    json!({
        "name": name, "budget": "", "currency": "", "exchange_date": "", "message": "",
        "participants": people, "exclusions": [],
    })
}

/// `draw` with each field of `fields` (an object) set.
pub fn with(mut draw: Value, fields: Value) -> Value {
    for (field, value) in fields.as_object().expect("fields are an object") {
        draw[field] = value.clone();
    }
    draw
}

/// Budget 30 EUR, exchanged on 2036-12-20, with `message`.
pub fn thirty_euros(message: &str) -> Value {
    json!({ "budget": "30", "currency": "EUR", "exchange_date": "2036-12-20", "message": message })
}

/// save_draw as `client`: the new draw (`id` None) or draw `id` saved as `draw`; the status and
/// the answer.
pub async fn save_draw(
    client: &Client,
    app: &TestApp,
    id: Option<&str>,
    draw: &Value,
) -> (StatusCode, Value) {
    let res = client
        .post(format!("{}/api/save_draw", app.base))
        .json(&json!({ "id": id, "draw": draw }))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// A new draw saved by `client`: its id.
pub async fn create_draw(client: &Client, app: &TestApp, draw: &Value) -> String {
    let (status, body) = save_draw(client, app, None, draw).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body.as_str().unwrap().to_string()
}

/// Runs draw `id` as `client`: the invitation links it shows the organizer.
pub async fn run_draw(client: &Client, app: &TestApp, id: &str) -> Vec<Value> {
    let (status, links) = post_json(client, app, "run_draw", &[("id", id)]).await;
    assert_eq!(status, StatusCode::OK, "{links}");
    links.as_array().unwrap().clone()
}

/// The token of an invitation link: the end of its URL.
pub fn token_of(link: &Value) -> String {
    link["url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string()
}

/// The email of participant row `id`, read by the superuser.
pub async fn participant_email(app: &TestApp, id: &str) -> String {
    let id: Uuid = id.parse().unwrap();
    app.db
        .admin_scalar(
            "select email::text from draw_participants where id = $1",
            (id,),
        )
        .await
}

/// The token of each link, by the email of the person it is for.
pub async fn tokens_by_email(app: &TestApp, links: &[Value]) -> BTreeMap<String, String> {
    let mut tokens = BTreeMap::new();
    for link in links {
        let email = participant_email(app, link["participant_id"].as_str().unwrap()).await;
        tokens.insert(email, token_of(link));
    }
    tokens
}

/// gift_ideas for draw `draw` (without a refresh) as `client`, on a task of its own: the status,
/// the answer, and how long the status took to come.
pub fn spawn_gift_ideas(
    client: &Client,
    app: &TestApp,
    draw: &str,
) -> tokio::task::JoinHandle<(StatusCode, Value, std::time::Duration)> {
    let request = client
        .post(format!("{}/api/gift_ideas", app.base))
        .form(&[("id", draw), ("refresh", "false")]);
    tokio::spawn(async move {
        let started = std::time::Instant::now();
        let res = request.send().await.unwrap();
        let took = started.elapsed();
        let status = res.status();
        (status, res.json().await.expect("a JSON answer"), took)
    })
}

/// What the page of invitation `token` tells a visitor: the status and the invitation.
pub async fn invitation(app: &TestApp, token: &str) -> (StatusCode, Value) {
    post_json(&browser(), app, "invitation", &[("token", token)]).await
}

/// A new browser that accepts the invitation `token` with [`PASSWORD`], and so is logged in.
pub async fn accept_invitation(app: &TestApp, token: &str) -> Client {
    let client = browser();
    let (status, body) = post_form(
        &client,
        app,
        "accept_invitation",
        &with_token(token, PASSWORD),
    )
    .await;
    assert!(status.is_success(), "accept_invitation: {status} {body}");
    client
}
