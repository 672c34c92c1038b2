//! IDOR probes: every server function that takes an id, called by a logged-in user with ids that
//! belong to somebody else, answers 404 with nothing of theirs in the body and changes nothing in
//! the database. Over HTTP against the real router and database.

use std::collections::BTreeMap;

use crate::common::{
    accept_invitation as accept, changed_tables, create_draw, digest, draw, id_endpoints, person,
    post_json as post, register, run_draw, spawn_app, test_auth_config, thirty_euros,
    tokens_by_email, with, TestApp, ORGANIZER_ID_ENDPOINTS,
};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

/// The people of the author's drawn draw: (name, surname, email, wishes). All but the last accept
/// their invitation; the last one's invitation is still pending.
const ALPHA_PEOPLE: [(&str, &str, &str, &str); 4] = [
    (
        "Ignatius",
        "Alphaworth",
        "ignatius@alpha.example.org",
        "Alpha wish: a brass telescope",
    ),
    (
        "Philippa",
        "Alphacombe",
        "philippa@alpha.example.org",
        "Alpha wish: orchid seeds",
    ),
    (
        "Leopold",
        "Alphabridge",
        "leopold@alpha.example.org",
        "Alpha wish: a fountain pen",
    ),
    (
        "Winifred",
        "Alphastone",
        "winifred@alpha.example.org",
        "Alpha wish: a wool blanket",
    ),
];

const ALPHA_DRAWN_NAME: &str = "Alpha secret drawn party";
const ALPHA_OPEN_NAME: &str = "Alpha open draft";
const ALPHA_OPEN_EMAILS: [&str; 3] = [
    "draft.one@alpha.example.org",
    "draft.two@alpha.example.org",
    "draft.three@alpha.example.org",
];

/// A draw named `name` of `people`: 30 EUR, on 2036-12-20, with a message that names it.
fn draw_json(name: &str, people: Vec<Value>) -> Value {
    with(
        draw(name, people),
        thirty_euros(&format!("{name}: wrap it nicely")),
    )
}

/// The people (name, surname, email, wishes) of a list.
fn people(list: &[(&str, &str, &str, &str)]) -> Vec<Value> {
    list.iter()
        .map(|(name, surname, email, wishes)| person(name, surname, email, wishes))
        .collect()
}

/// The `names` of a family `surname`, each at <name>@<surname>.example.org, wishing `wishes(name)`.
fn family(surname: &str, names: &[&str], wishes: impl Fn(&str) -> String) -> Vec<Value> {
    let domain = surname.to_lowercase();
    let email = |name: &str| format!("{}@{domain}.example.org", name.to_lowercase());
    names
        .iter()
        .map(|name| person(name, surname, &email(name), &wishes(name)))
        .collect()
}

async fn save_draw(client: &Client, app: &TestApp, draw: Value) -> String {
    create_draw(client, app, &draw).await
}

/// Runs the draw; the invitation links by participant email.
async fn run(client: &Client, app: &TestApp, draw: &str) -> BTreeMap<String, String> {
    tokens_by_email(app, &run_draw(client, app, draw).await).await
}

async fn participant_id(app: &TestApp, draw: &str, email: &str) -> String {
    let id: Uuid = app
        .db
        .admin_scalar(
            "select id from draw_participants where draw_id = $1::uuid and email = $2",
            (draw, email),
        )
        .await;
    id.to_string()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Caller {
    /// B: an author with a draw of their own and a match in somebody else's draw, in none of A's.
    Outsider,
    /// P: a participant of A's drawn draw, who organizes none of A's draws.
    Participant,
}

impl Caller {
    fn label(self) -> &'static str {
        match self {
            Caller::Outsider => "B (outsider)",
            Caller::Participant => "P (A's participant)",
        }
    }
}

/// The ids of A's that the callers aim at.
struct Targets {
    /// A's draw that has not run.
    open: String,
    /// A's draw that has run.
    drawn: String,
    /// A participant of A's drawn draw who has set a password (not P).
    accepted_participant: String,
    /// A participant of A's drawn draw whose invitation is still pending.
    pending_participant: String,
    /// P's own participant row in A's drawn draw.
    own_participant: String,
}

impl Targets {
    fn id(&self, kind: &str) -> &str {
        match kind {
            "A's open draw" => &self.open,
            "A's drawn draw" => &self.drawn,
            "A's accepted participant" => &self.accepted_participant,
            "A's pending participant" => &self.pending_participant,
            "P's own participant row" => &self.own_participant,
            other => panic!("unknown id kind {other}"),
        }
    }
}

enum Call {
    Form(Vec<(&'static str, String)>),
    Json(Value),
}

struct Probe {
    caller: Caller,
    endpoint: &'static str,
    id_kind: &'static str,
    call: Call,
}

/// A valid draw, so that only the id can be the reason for a refusal.
fn hijacked_draw() -> Value {
    let evil = ["One", "Two", "Three"]
        .iter()
        .zip(1..)
        .map(|(surname, i)| person("Evil", surname, &format!("evil{i}@example.net"), "loot"))
        .collect();
    draw_json("Hijacked", evil)
}

fn probe(caller: Caller, endpoint: &'static str, id_kind: &'static str, t: &Targets) -> Probe {
    let id = t.id(id_kind).to_string();
    let call = match endpoint {
        "save_draw" => Call::Json(json!({ "id": id, "draw": hijacked_draw() })),
        "new_invitation" => Call::Form(vec![("participant_id", id)]),
        // An id of A's where a token belongs: a membership is reached by its link, never its id.
        "join_invitation" | "invitation" => Call::Form(vec![("token", id)]),
        "save_wishes" => Call::Form(vec![("id", id), ("gift_preferences", "hijacked".into())]),
        "gift_ideas" => Call::Form(vec![("id", id), ("refresh", "false".into())]),
        "gift_ideas!" => Call::Form(vec![("id", id), ("refresh", "true".into())]),
        "conversation" => Call::Form(vec![("id", id), ("as_giver", "false".into())]),
        "my_page" => Call::Form(vec![("id", id), ("shown", "false".into())]),
        "my_page!" => Call::Form(vec![("id", id), ("shown", "true".into())]),
        "conversation!" => Call::Form(vec![("id", id), ("as_giver", "true".into())]),
        "send_message" => Call::Form(vec![
            ("id", id),
            ("as_giver", "false".into()),
            ("body", "Who are you?".into()),
        ]),
        "send_message!" => Call::Form(vec![
            ("id", id),
            ("as_giver", "true".into()),
            ("body", "Hello".into()),
        ]),
        // The person aimed at, in A's drawn draw.
        "remove_participant" => Call::Form(vec![("id", t.drawn.clone()), ("participant_id", id)]),
        "add_participant" => Call::Form(vec![
            ("id", id),
            ("first_name", "Evil".into()),
            ("surname", "Late".into()),
            ("email", "evil-late@example.net".into()),
            ("gift_preferences", "loot".into()),
            ("apart", String::new()),
        ]),
        "update_draw_details" => Call::Form(vec![
            ("id", id),
            ("name", "Hijacked".into()),
            ("budget", String::new()),
            ("currency", "EUR".into()),
            ("exchange_date", String::new()),
            ("message", String::new()),
        ]),
        _ => Call::Form(vec![("id", id)]),
    };
    Probe {
        caller,
        endpoint: endpoint.trim_end_matches('!'),
        id_kind,
        call,
    }
}

/// The whole table of probes. `gift_ideas!` is gift_ideas with refresh=true.
fn probes(t: &Targets) -> Vec<Probe> {
    use Caller::{Outsider as B, Participant as P};
    let (open, drawn) = ("A's open draw", "A's drawn draw");
    let (accepted, pending, own) = (
        "A's accepted participant",
        "A's pending participant",
        "P's own participant row",
    );
    let table: Vec<(Caller, &'static str, &'static str)> = vec![
        // The outsider, with every id of A's.
        (B, "get_draw", open),
        (B, "get_draw", drawn),
        (B, "get_draw", accepted),
        (B, "save_draw", open),
        (B, "save_draw", drawn),
        (B, "delete_draw", open),
        (B, "delete_draw", drawn),
        (B, "run_draw", open),
        (B, "run_draw", drawn),
        (B, "draw_status", open),
        (B, "draw_status", drawn),
        (B, "new_invitation", pending),
        (B, "new_invitation", accepted),
        (B, "new_invitation", drawn),
        (B, "my_draw", drawn),
        (B, "my_draw", open),
        (B, "my_page", drawn),
        (B, "my_page!", drawn),
        (B, "my_page", open),
        (B, "reveal_match", drawn),
        (B, "reveal_match", open),
        (B, "reveal_match", accepted),
        (B, "save_wishes", drawn),
        (B, "save_wishes", open),
        (B, "gift_ideas", drawn),
        (B, "gift_ideas!", drawn),
        (B, "gift_ideas", open),
        (B, "join_invitation", pending),
        (B, "join_invitation", drawn),
        (B, "invitation", pending),
        (B, "conversation", drawn),
        (B, "conversation!", drawn),
        (B, "conversation", open),
        (B, "send_message", drawn),
        (B, "send_message!", drawn),
        (B, "remove_participant", pending),
        (B, "remove_participant", accepted),
        (B, "add_participant", drawn),
        (B, "add_participant", open),
        (B, "update_draw_details", drawn),
        (B, "update_draw_details", open),
        // A participant of A's drawn draw, at what only the organizer may reach.
        (P, "get_draw", drawn),
        (P, "get_draw", open),
        (P, "save_draw", drawn),
        (P, "save_draw", open),
        (P, "delete_draw", drawn),
        (P, "delete_draw", open),
        (P, "run_draw", drawn),
        (P, "run_draw", open),
        (P, "draw_status", drawn),
        (P, "draw_status", open),
        (P, "new_invitation", pending),
        (P, "new_invitation", accepted),
        (P, "new_invitation", own),
        (P, "join_invitation", pending),
        (P, "join_invitation", accepted),
        (P, "conversation", open),
        (P, "send_message", open),
        (P, "send_message!", open),
        (P, "remove_participant", own),
        (P, "remove_participant", accepted),
        (P, "add_participant", drawn),
        (P, "update_draw_details", drawn),
        (P, "update_draw_details", open),
        // ... and at A's other draw, which P is not in.
        (P, "my_draw", open),
        (P, "my_page", open),
        (P, "my_page!", open),
        (P, "reveal_match", open),
        (P, "save_wishes", open),
        (P, "gift_ideas", open),
    ];
    table
        .into_iter()
        .map(|(caller, endpoint, kind)| probe(caller, endpoint, kind, t))
        .collect()
}

async fn send(client: &Client, app: &TestApp, probe: &Probe) -> (StatusCode, String) {
    let url = format!("{}/api/{}", app.base, probe.endpoint);
    let request = match &probe.call {
        Call::Form(form) => client.post(url).form(form),
        Call::Json(body) => client.post(url).json(body),
    };
    let res = request.send().await.unwrap();
    (res.status(), res.text().await.unwrap())
}

#[test]
fn every_server_function_that_takes_an_id_is_probed_by_both_callers() {
    let t = Targets {
        open: Uuid::new_v4().to_string(),
        drawn: Uuid::new_v4().to_string(),
        accepted_participant: Uuid::new_v4().to_string(),
        pending_participant: Uuid::new_v4().to_string(),
        own_participant: Uuid::new_v4().to_string(),
    };
    let table = probes(&t);
    for endpoint in id_endpoints() {
        for (caller, who) in [
            (Caller::Outsider, "the outsider"),
            (Caller::Participant, "the participant"),
        ] {
            assert!(
                table
                    .iter()
                    .any(|p| p.caller == caller && p.endpoint == endpoint),
                "{who} does not probe {endpoint}"
            );
        }
    }
    for organizer_only in ORGANIZER_ID_ENDPOINTS {
        assert!(
            table.iter().any(|p| p.caller == Caller::Participant
                && p.endpoint == organizer_only
                && p.id_kind != "A's open draw"),
            "the participant does not probe {organizer_only} of the draw they are in"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_users_ids_are_not_found_and_change_nothing() {
    let app = spawn_app(test_auth_config()).await;

    // A: a drawn draw of four (three accepted, one pending) and an open draw of three.
    let alice = register(&app, "alice@alpha.example.org").await;
    let party = draw_json(ALPHA_DRAWN_NAME, people(&ALPHA_PEOPLE));
    let drawn = save_draw(&alice, &app, party).await;
    let tokens = run(&alice, &app, &drawn).await;
    assert_eq!(tokens.len(), 4, "everyone in A's draw is new");
    let mut joined = BTreeMap::new();
    for (_, _, email, _) in &ALPHA_PEOPLE[..3] {
        joined.insert(*email, accept(&app, &tokens[*email]).await);
    }
    let open_people = ALPHA_OPEN_EMAILS
        .map(|e| person("Draftling", "Alphaopen", e, "Alpha draft wishes"))
        .to_vec();
    let open = save_draw(&alice, &app, draw_json(ALPHA_OPEN_NAME, open_people)).await;

    // B: an author with an open draw of their own, and a participant of C's drawn draw.
    let bravo = register(&app, "bravo@bravo.example.org").await;
    let bravos = family("Bravo", &["Bea", "Bo", "Bud"], |_| String::new());
    let bravo_draw = save_draw(&bravo, &app, draw_json("Bravo own draw", bravos)).await;
    let charlie = register(&app, "charlie@charlie.example.org").await;
    let mut charlies = vec![person(
        "Bravo",
        "Himself",
        "bravo@bravo.example.org",
        "Bravo's own wish",
    )];
    charlies.extend(family("Charlie", &["Cy", "Cal", "Cam"], |n| {
        format!("{n}'s wish")
    }));
    let charlie_draw = save_draw(&charlie, &app, draw_json("Charlie draw", charlies)).await;
    let charlie_links = run(&charlie, &app, &charlie_draw).await;
    // B has an account already; the membership joins it only through its own link.
    let (status, body) = post(
        &bravo,
        &app,
        "join_invitation",
        &[("token", &charlie_links["bravo@bravo.example.org"])],
    )
    .await;
    assert!(
        status.is_success(),
        "B joins Charlie's draw: {status} {body}"
    );

    // Positive controls: each caller's session works and reaches what is theirs.
    let (status, _) = post(&bravo, &app, "get_draw", &[("id", &bravo_draw)]).await;
    assert_eq!(status, StatusCode::OK, "B reads B's own draw");
    let (status, own_match) = post(&bravo, &app, "reveal_match", &[("id", &charlie_draw)]).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "B has a match of their own: {own_match}"
    );
    let p_email = ALPHA_PEOPLE[0].2;
    let p = &joined[p_email];
    let (status, _) = post(p, &app, "my_draw", &[("id", &drawn)]).await;
    assert_eq!(status, StatusCode::OK, "P reaches the draw P is in");
    let (status, _) = post(&alice, &app, "draw_status", &[("id", &drawn)]).await;
    assert_eq!(status, StatusCode::OK, "A reaches A's own draw");

    let targets = Targets {
        open: open.clone(),
        drawn: drawn.clone(),
        accepted_participant: participant_id(&app, &drawn, ALPHA_PEOPLE[1].2).await,
        pending_participant: participant_id(&app, &drawn, ALPHA_PEOPLE[3].2).await,
        own_participant: participant_id(&app, &drawn, p_email).await,
    };

    // Nothing of A's may show in an answer to B or P: names, emails, wishes, draw names, ids.
    let mut secrets: Vec<String> = vec![
        ALPHA_DRAWN_NAME.into(),
        ALPHA_OPEN_NAME.into(),
        "alice@alpha.example.org".into(),
        "Draftling".into(),
        "Alpha draft wishes".into(),
        open.clone(),
        drawn.clone(),
        targets.accepted_participant.clone(),
        targets.pending_participant.clone(),
        "invite/".into(),
    ];
    for (name, surname, email, wishes) in ALPHA_PEOPLE {
        secrets.extend([name, surname, email, wishes].map(String::from));
    }
    secrets.extend(ALPHA_OPEN_EMAILS.map(String::from));

    let start = digest(&app.db).await;
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    for probe in probes(&targets) {
        let client = match probe.caller {
            Caller::Outsider => &bravo,
            Caller::Participant => p,
        };
        let before = digest(&app.db).await;
        let (status, body) = send(client, &app, &probe).await;
        let after = digest(&app.db).await;
        let label = format!(
            "{} {} with {}",
            probe.caller.label(),
            probe.endpoint,
            probe.id_kind
        );
        if status != StatusCode::NOT_FOUND {
            failures.push(format!("{label}: status {status}, body {body}"));
        }
        if serde_json::from_str::<Value>(&body).ok() != Some(json!("NotFound")) {
            failures.push(format!("{label}: body is not \"NotFound\": {body}"));
        }
        // The body must not echo anything of A's.
        for secret in secrets.iter().filter(|s| !s.is_empty()) {
            if body.contains(secret.as_str()) {
                failures.push(format!("{label}: the body holds {secret:?}"));
            }
        }
        let changed = changed_tables(&before, &after);
        if !changed.is_empty() {
            failures.push(format!("{label}: changed {changed:?}"));
        }
        rows.push((
            probe.caller.label(),
            probe.endpoint,
            probe.id_kind,
            status.as_u16(),
            changed.is_empty(),
        ));
    }
    let end = digest(&app.db).await;

    println!(
        "\n{:<22} {:<15} {:<26} {:>6}  db",
        "caller", "endpoint", "id kind", "status"
    );
    println!("{}", "-".repeat(80));
    for (caller, endpoint, kind, status, unchanged) in &rows {
        println!(
            "{caller:<22} {endpoint:<15} {kind:<26} {status:>6}  {}",
            if *unchanged { "unchanged" } else { "CHANGED" }
        );
    }
    println!("{} probes\n", rows.len());

    assert!(rows.len() >= 40, "only {} probes ran", rows.len());
    let changed = changed_tables(&start, &end);
    if !changed.is_empty() {
        failures.push(format!("the probes as a whole changed {changed:?}"));
    }

    // A's draws are still A's and intact, seen through the app.
    let (status, view) = post(&alice, &app, "get_draw", &[("id", &open)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["draw"]["name"], ALPHA_OPEN_NAME);
    let (status, list) = post(&alice, &app, "draw_status", &[("id", &drawn)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 4);

    assert!(
        failures.is_empty(),
        "{} failing probes:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
