//! The bad-input catalogue: every form and server function fed empty, blank, too long, oddly
//! encoded, hostile or malformed input, over HTTP against the real router and database. A refused
//! input gets a 4xx, a message at the right field with no internals in it, and leaves every table
//! as it was; a tricky but valid input is stored exactly as sent and changes nothing else.

use std::collections::BTreeMap;

use crate::common::{
    accept_invitation, browser, changed_tables, create_draw, digest_except, draw, id_endpoints,
    link_token, mailer, optional_row, page, person, post_form, register as logged_in,
    register_form, row, rows, run_draw, smtp_sink, spawn_app, spawn_app_with_mail,
    test_auth_config, thirty_euros, token_of, tokens_by_email, with, TestApp, PASSWORD,
};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

const ORGANIZER: &str = "org@example.org";
const CHANGER: &str = "changer@example.org";
/// The participant of the organizer's drawn draw who has set a password.
const PARTICIPANT: &str = "pat@example.org";

/// Rows a digest leaves out: the one thing an accepted case may add or change.
enum Except {
    Nothing,
    /// A draw created by the case, with its people and rules.
    Draw(Uuid),
    /// One participant row whose wishes the case replaced.
    Participant(Uuid),
    /// An account the case registered.
    User(String),
    /// A message the case wrote into a conversation of this draw (and its mail mark).
    Conversation(String),
}

impl Except {
    fn filter(&self, table: &str) -> Option<(&'static str, String)> {
        match (self, table) {
            (Except::Draw(id), "draws") => Some(("t.id::text = $1", id.to_string())),
            (Except::Draw(id), "draw_participants" | "exclusions") => {
                Some(("t.draw_id::text = $1", id.to_string()))
            }
            (Except::Participant(id), "draw_participants") => {
                Some(("t.id::text = $1", id.to_string()))
            }
            (Except::User(email), "users") => Some(("t.email::text = $1", email.to_lowercase())),
            (Except::Conversation(draw), "messages") => {
                Some(("t.draw_id::text = $1", draw.clone()))
            }
            (Except::Conversation(draw), "message_mail") => Some(("$1 is not null", draw.clone())),
            _ => None,
        }
    }
}

/// A digest of every row of every table (but the excepted rows), read by the superuser.
async fn digest(app: &TestApp, except: &Except) -> crate::common::Digest {
    digest_except(&app.db, |table| except.filter(table)).await
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    /// A fresh browser with no session, new for each case.
    Visitor,
    /// The author of the draws.
    Organizer,
    /// A participant of the organizer's drawn draw, logged in.
    Participant,
    /// A logged-in author who tries to change their password.
    Changer,
}

enum Body {
    Form(Vec<(String, String)>),
    /// Sent as it is, with `Content-Type: application/json`.
    Json(String),
}

#[derive(Clone, Copy, Debug)]
enum Status {
    Is(u16),
    /// A body the server cannot read as the function's arguments (missing or mistyped argument,
    /// malformed JSON): 400 `"BadRequest"`. server_fn reports these before the function runs, so
    /// `server::api_errors` gives the answer the status of its `AppError` (it used to be 500).
    Unreadable,
}

impl Status {
    fn matches(self, status: u16) -> bool {
        match self {
            Status::Is(s) => s == status,
            Status::Unreadable => status == 400,
        }
    }

    fn describe(self) -> String {
        match self {
            Status::Is(s) => s.to_string(),
            Status::Unreadable => "400/422".into(),
        }
    }
}

/// How an accepted case proves it stored what it was sent.
enum Stored {
    /// The new draw (its id is the answer) holds exactly the sent name, message and people.
    DrawAsSent,
    /// As `DrawAsSent`, and the author's page of the draw shows `escaped` and never `raw`.
    DrawAsSentEscapedOnItsPage {
        escaped: &'static str,
        raw: &'static [&'static str],
    },
    /// The participant's wish letter is exactly this.
    Wishes(String),
    /// The account exists with exactly this email, and this password logs in.
    Account { email: String, password: String },
    /// The participant's newest message in their conversation as the giver is exactly this.
    Message(String),
}

enum Expect {
    Refused {
        status: Status,
        field: Option<&'static str>,
    },
    Accepted(Stored),
}

struct Case {
    name: String,
    who: Who,
    endpoint: &'static str,
    body: Body,
    expect: Expect,
}

/// What the cases need from the running app: tokens and ids made during set-up.
struct Fixture {
    drawn: String,
    pending_token: String,
    used_token: String,
    reset_token: String,
}

impl Fixture {
    fn placeholder() -> Self {
        Fixture {
            drawn: Uuid::new_v4().to_string(),
            pending_token: "a".repeat(64),
            used_token: "b".repeat(64),
            reset_token: "c".repeat(64),
        }
    }
}

fn form(pairs: &[(&str, &str)]) -> Body {
    Body::Form(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

fn refused(
    name: &str,
    who: Who,
    endpoint: &'static str,
    body: Body,
    status: Status,
    field: Option<&'static str>,
) -> Case {
    Case {
        name: name.to_string(),
        who,
        endpoint,
        body,
        expect: Expect::Refused { status, field },
    }
}

/// A validation error: 422 at `field`.
fn invalid(name: &str, who: Who, endpoint: &'static str, body: Body, field: &'static str) -> Case {
    refused(name, who, endpoint, body, Status::Is(422), Some(field))
}

/// A draw that meets every rule; each case breaks one thing.
fn valid_draw() -> Value {
    json!({
        "name": "Office party",
        "budget": "25",
        "currency": "EUR",
        "exchange_date": "2036-12-18",
        "message": "Bring a smile",
        "participants": [
            person("Ann", "Archer", "ann@example.org", "Books"),
            person("Ben", "Baker", "ben@example.org", ""),
            person("Cat", "Cooper", "cat@example.org", "Tea"),
        ],
        "exclusions": [],
    })
}

fn people(n: usize) -> Value {
    Value::Array(
        (0..n)
            .map(|i| person(&format!("P{i}"), "Tester", &format!("p{i}@example.org"), ""))
            .collect(),
    )
}

fn save_body(draw: &Value) -> Body {
    Body::Json(json!({ "id": null, "draw": draw }).to_string())
}

/// save_draw with one thing of a valid draw changed, refused at `field`.
fn bad_draw(name: &str, change: impl FnOnce(&mut Value), field: &'static str) -> Case {
    let mut draw = valid_draw();
    change(&mut draw);
    invalid(name, Who::Organizer, "save_draw", save_body(&draw), field)
}

/// save_draw whose JSON cannot be read as a draw.
fn unreadable_draw(name: &str, change: impl FnOnce(&mut Value)) -> Case {
    let mut draw = valid_draw();
    change(&mut draw);
    refused(
        name,
        Who::Organizer,
        "save_draw",
        save_body(&draw),
        Status::Unreadable,
        None,
    )
}

fn good_draw(name: &str, draw: Value, stored: Stored) -> Case {
    Case {
        name: name.to_string(),
        who: Who::Organizer,
        endpoint: "save_draw",
        body: save_body(&draw),
        expect: Expect::Accepted(stored),
    }
}

/// update_draw_details of draw `id`, in EUR.
fn details(id: &str, name: &str, budget: &str, date: &str, message: &str) -> Body {
    form(&[
        ("id", id),
        ("name", name),
        ("budget", budget),
        ("currency", "EUR"),
        ("exchange_date", date),
        ("message", message),
    ])
}

/// add_participant of someone kept apart from nobody, into draw `id`.
fn late_joiner(id: &str, first_name: &str, surname: &str, email: &str, wishes: &str) -> Body {
    form(&[
        ("id", id),
        ("first_name", first_name),
        ("surname", surname),
        ("email", email),
        ("gift_preferences", wishes),
        ("apart", ""),
    ])
}

fn not_found(name: &str, who: Who, endpoint: &'static str, body: Body) -> Case {
    refused(name, who, endpoint, body, Status::Is(404), None)
}

fn register(email: &str, password: &str, confirm: &str) -> Body {
    form(&register_form("Nina", "Newcomer", email, password, confirm))
}

fn change(current: &str, password: &str, confirm: &str) -> Body {
    form(&[
        ("current", current),
        ("password", password),
        ("confirm", confirm),
    ])
}

fn with_token(token: &str, password: &str, confirm: &str) -> Body {
    form(&[
        ("token", token),
        ("password", password),
        ("confirm", confirm),
    ])
}

/// The whole catalogue, in the order it runs.
fn catalogue(fx: &Fixture) -> Vec<Case> {
    use Who::{Changer, Organizer, Participant, Visitor};
    let long_email = format!("{}@example.org", "a".repeat(243));
    assert_eq!(long_email.chars().count(), 255);
    let sql = "'; drop table users; --";
    let drawn = fx.drawn.as_str();
    let cases = vec![
        // register
        invalid(
            "register: an empty email is refused at the email field",
            Visitor,
            "register",
            register("", PASSWORD, PASSWORD),
            "email",
        ),
        invalid(
            "register: a whitespace-only email is refused at the email field",
            Visitor,
            "register",
            register(" \t  ", PASSWORD, PASSWORD),
            "email",
        ),
        invalid(
            "register: an email without a dotted domain is refused",
            Visitor,
            "register",
            register("ada@example", PASSWORD, PASSWORD),
            "email",
        ),
        invalid(
            "register: an email with two at signs is refused",
            Visitor,
            "register",
            register("ada@@example.org", PASSWORD, PASSWORD),
            "email",
        ),
        invalid(
            "register: an email of 255 characters is refused",
            Visitor,
            "register",
            register(&long_email, PASSWORD, PASSWORD),
            "email",
        ),
        invalid(
            "register: SQL text as the email is refused as an invalid email",
            Visitor,
            "register",
            register(&format!("{sql}@example.org"), PASSWORD, PASSWORD),
            "email",
        ),
        invalid(
            "register: an email that already has an account, in other letter case, is refused",
            Visitor,
            "register",
            register("ORG@Example.ORG", PASSWORD, PASSWORD),
            "email",
        ),
        invalid(
            "register: a password of 7 characters is refused",
            Visitor,
            "register",
            register("new1@example.org", "1234567", "1234567"),
            "password",
        ),
        invalid(
            "register: seven emoji are too short a password, as characters are counted, not bytes",
            Visitor,
            "register",
            register("new2@example.org", "🎅🎄🎁⭐🔔🦌❄", "🎅🎄🎁⭐🔔🦌❄"),
            "password",
        ),
        invalid(
            "register: a password of 129 characters is refused",
            Visitor,
            "register",
            register("new3@example.org", &"x".repeat(129), &"x".repeat(129)),
            "password",
        ),
        invalid(
            "register: an empty password is refused",
            Visitor,
            "register",
            register("new4@example.org", "", ""),
            "password",
        ),
        invalid(
            "register: a confirmation that differs from the password is refused at confirm",
            Visitor,
            "register",
            register("new5@example.org", PASSWORD, "correct horse battery!"),
            "confirm",
        ),
        invalid(
            "register: a blank first name is refused at the first name field",
            Visitor,
            "register",
            form(&register_form("  ", "Newcomer", "new7@example.org", PASSWORD, PASSWORD)),
            "first_name",
        ),
        invalid(
            "register: a surname with a line break is refused at the surname field",
            Visitor,
            "register",
            form(&register_form("Nina", "New\ncomer", "new8@example.org", PASSWORD, PASSWORD)),
            "surname",
        ),
        invalid(
            "register: a first name of 101 characters is refused",
            Visitor,
            "register",
            form(&register_form(&"n".repeat(101), "Newcomer", "new9@example.org", PASSWORD, PASSWORD)),
            "first_name",
        ),
        invalid(
            "update_name: a name of nothing but invisible characters is refused",
            Organizer,
            "update_name",
            form(&[("first_name", "\u{200b}\u{2060}"), ("surname", "Organizer")]),
            "first_name",
        ),
        invalid(
            "update_name: a right-to-left override in a surname is refused",
            Organizer,
            "update_name",
            form(&[("first_name", "Olga"), ("surname", "Org\u{202e}anizer")]),
            "surname",
        ),
        invalid(
            "update_name: a zero-width space that makes a name differ from its look-alike is refused",
            Organizer,
            "update_name",
            form(&[("first_name", "Al\u{200B}ice"), ("surname", "Organizer")]),
            "first_name",
        ),
        invalid(
            "update_name: a surname of braille blanks shows nothing and is refused as blank",
            Organizer,
            "update_name",
            form(&[("first_name", "Olga"), ("surname", "\u{2800}\u{2800}")]),
            "surname",
        ),
        refused(
            "update_name: a visitor cannot change any name",
            Visitor,
            "update_name",
            form(&[("first_name", "Eve"), ("surname", "Hacker")]),
            Status::Is(401),
            None,
        ),
        refused(
            "register: a form without the confirm field cannot be read",
            Visitor,
            "register",
            form(&[("first_name", "Nina"), ("surname", "Newcomer"), ("email", "new6@example.org"), ("password", PASSWORD)]),
            Status::Unreadable,
            None,
        ),
        Case {
            name: "register: an email with an apostrophe and a plus, with an emoji and Arabic \
                   passphrase, is accepted and logs in"
                .into(),
            who: Visitor,
            endpoint: "register",
            body: register(
                "o'brien+santa@example.org",
                "🎅 كلمة السر 🔑 ok",
                "🎅 كلمة السر 🔑 ok",
            ),
            expect: Expect::Accepted(Stored::Account {
                email: "o'brien+santa@example.org".into(),
                password: "🎅 كلمة السر 🔑 ok".into(),
            }),
        },
        // login
        refused(
            "login: an empty email and password are a wrong login",
            Visitor,
            "login",
            form(&[("email", ""), ("password", "")]),
            Status::Is(401),
            None,
        ),
        refused(
            "login: SQL text as the email is a wrong login",
            Visitor,
            "login",
            form(&[("email", "' or '1'='1"), ("password", "' or '1'='1")]),
            Status::Is(401),
            None,
        ),
        refused(
            "login: the right email with a wrong password is a wrong login",
            Visitor,
            "login",
            form(&[("email", ORGANIZER), ("password", "not the password")]),
            Status::Is(401),
            None,
        ),
        refused(
            "login: a form without the password field cannot be read",
            Visitor,
            "login",
            form(&[("email", ORGANIZER)]),
            Status::Unreadable,
            None,
        ),
        // change_password
        invalid(
            "change_password: a wrong current password is refused at current",
            Changer,
            "change_password",
            change("not my password", "a brand new secret", "a brand new secret"),
            "current",
        ),
        invalid(
            "change_password: an empty current password is refused at current",
            Changer,
            "change_password",
            change("", "a brand new secret", "a brand new secret"),
            "current",
        ),
        invalid(
            "change_password: a new password of 7 characters is refused",
            Changer,
            "change_password",
            change(PASSWORD, "short12", "short12"),
            "password",
        ),
        invalid(
            "change_password: a new password of three spaces is refused",
            Changer,
            "change_password",
            change(PASSWORD, "   ", "   "),
            "password",
        ),
        invalid(
            "change_password: a new password of 129 characters is refused",
            Changer,
            "change_password",
            change(PASSWORD, &"y".repeat(129), &"y".repeat(129)),
            "password",
        ),
        invalid(
            "change_password: a confirmation that differs is refused at confirm",
            Changer,
            "change_password",
            change(PASSWORD, "a brand new secret", "a brand new secreT"),
            "confirm",
        ),
        refused(
            "change_password: a visitor who is not logged in is asked to log in",
            Visitor,
            "change_password",
            change(PASSWORD, "a brand new secret", "a brand new secret"),
            Status::Is(401),
            None,
        ),
        // request_password_reset
        invalid(
            "request_password_reset: an empty email is refused",
            Visitor,
            "request_password_reset",
            form(&[("email", "")]),
            "email",
        ),
        invalid(
            "request_password_reset: a whitespace-only email is refused",
            Visitor,
            "request_password_reset",
            form(&[("email", "   ")]),
            "email",
        ),
        invalid(
            "request_password_reset: text that is not an email is refused",
            Visitor,
            "request_password_reset",
            form(&[("email", "not-an-email")]),
            "email",
        ),
        invalid(
            "request_password_reset: an email with a space inside is refused",
            Visitor,
            "request_password_reset",
            form(&[("email", "ada lovelace@example.org")]),
            "email",
        ),
        invalid(
            "request_password_reset: an email of 255 characters is refused",
            Visitor,
            "request_password_reset",
            form(&[("email", &long_email)]),
            "email",
        ),
        // reset_password
        not_found(
            "reset_password: an unknown token is not found",
            Visitor,
            "reset_password",
            with_token(&"d".repeat(64), PASSWORD, PASSWORD),
        ),
        not_found(
            "reset_password: an empty token is not found",
            Visitor,
            "reset_password",
            with_token("", PASSWORD, PASSWORD),
        ),
        invalid(
            "reset_password: a valid token with a 7-character password is refused and not used up",
            Visitor,
            "reset_password",
            with_token(&fx.reset_token, "1234567", "1234567"),
            "password",
        ),
        invalid(
            "reset_password: a valid token with a differing confirmation is refused",
            Visitor,
            "reset_password",
            with_token(&fx.reset_token, PASSWORD, "something else"),
            "confirm",
        ),
        // accept_invitation
        not_found(
            "accept_invitation: an unknown token is not found",
            Visitor,
            "accept_invitation",
            with_token(&"e".repeat(64), PASSWORD, PASSWORD),
        ),
        not_found(
            "accept_invitation: SQL text as the token is not found",
            Visitor,
            "accept_invitation",
            with_token("'; drop table auth_tokens; --", PASSWORD, PASSWORD),
        ),
        not_found(
            "accept_invitation: an invitation already accepted is not found",
            Visitor,
            "accept_invitation",
            with_token(&fx.used_token, PASSWORD, PASSWORD),
        ),
        invalid(
            "accept_invitation: a pending invitation with a 7-character password is refused",
            Visitor,
            "accept_invitation",
            with_token(&fx.pending_token, "1234567", "1234567"),
            "password",
        ),
        invalid(
            "accept_invitation: a pending invitation with a differing confirmation is refused",
            Visitor,
            "accept_invitation",
            with_token(&fx.pending_token, PASSWORD, "not the same"),
            "confirm",
        ),
        refused(
            "accept_invitation: a form without the token cannot be read",
            Visitor,
            "accept_invitation",
            form(&[("password", PASSWORD), ("confirm", PASSWORD)]),
            Status::Unreadable,
            None,
        ),
        // save_draw: the draw's own fields
        bad_draw(
            "save_draw: an empty draw name is refused",
            |d| d["name"] = json!(""),
            "name",
        ),
        bad_draw(
            "save_draw: a whitespace-only draw name is refused",
            |d| d["name"] = json!(" \n\t "),
            "name",
        ),
        bad_draw(
            "save_draw: a draw name of 121 characters is refused",
            |d| d["name"] = json!("n".repeat(121)),
            "name",
        ),
        bad_draw(
            "save_draw: a message of 2001 characters is refused",
            |d| d["message"] = json!("m".repeat(2001)),
            "message",
        ),
        bad_draw(
            "save_draw: a negative budget is refused",
            |d| d["budget"] = json!("-5"),
            "budget",
        ),
        bad_draw(
            "save_draw: a budget with three decimals is refused",
            |d| d["budget"] = json!("12.345"),
            "budget",
        ),
        bad_draw(
            "save_draw: a budget written in words is refused",
            |d| d["budget"] = json!("twenty"),
            "budget",
        ),
        bad_draw(
            "save_draw: a budget without a currency is refused at currency",
            |d| d["currency"] = json!(""),
            "currency",
        ),
        bad_draw(
            "save_draw: a four-letter currency is refused",
            |d| d["currency"] = json!("EURO"),
            "currency",
        ),
        bad_draw(
            "save_draw: a currency the editor does not offer is refused (it would come back as EUR)",
            |d| d["currency"] = json!("XXX"),
            "currency",
        ),
        bad_draw(
            "save_draw: the 30th of February is refused as an exchange date",
            |d| d["exchange_date"] = json!("2026-02-30"),
            "exchange_date",
        ),
        bad_draw(
            "save_draw: an exchange date in words is refused",
            |d| d["exchange_date"] = json!("next friday"),
            "exchange_date",
        ),
        // save_draw: the people
        bad_draw(
            "save_draw: two people are too few",
            |d| d["participants"] = people(2),
            "participants",
        ),
        bad_draw(
            "save_draw: thirty-three people are too many",
            |d| d["participants"] = people(33),
            "participants",
        ),
        bad_draw(
            "save_draw: the same email twice, in other letter case, is refused at the second",
            |d| d["participants"][2]["email"] = json!("ANN@Example.org"),
            "participants.2.email",
        ),
        bad_draw(
            "save_draw: a participant email without an at sign is refused",
            |d| d["participants"][1]["email"] = json!("ben-at-example.org"),
            "participants.1.email",
        ),
        bad_draw(
            "save_draw: an empty participant email is refused",
            |d| d["participants"][0]["email"] = json!(""),
            "participants.0.email",
        ),
        bad_draw(
            "save_draw: a whitespace-only first name is refused",
            |d| d["participants"][0]["name"] = json!("   "),
            "participants.0.name",
        ),
        bad_draw(
            "save_draw: an empty surname is refused",
            |d| d["participants"][1]["surname"] = json!(""),
            "participants.1.surname",
        ),
        bad_draw(
            "save_draw: a first name of 101 characters is refused",
            |d| d["participants"][0]["name"] = json!("é".repeat(101)),
            "participants.0.name",
        ),
        bad_draw(
            "save_draw: gift preferences of 10001 characters are refused",
            |d| d["participants"][2]["gift_preferences"] = json!("g".repeat(10_001)),
            "participants.2.gift_preferences",
        ),
        // save_draw: the rules
        bad_draw(
            "save_draw: an exclusion naming a person not in the list is refused",
            |d| d["exclusions"] = json!([{ "giver": 0, "recipient": 7 }]),
            "exclusions.0",
        ),
        bad_draw(
            "save_draw: a person excluded from giving to themselves is refused",
            |d| d["exclusions"] = json!([{ "giver": 1, "recipient": 1 }]),
            "exclusions.0",
        ),
        bad_draw(
            "save_draw: rules that leave no valid draw are refused",
            |d| d["exclusions"] = json!([{ "giver": 0, "recipient": 1 }, { "giver": 1, "recipient": 0 }]),
            "exclusions",
        ),
        // save_draw: bodies that are not a draw
        unreadable_draw(
            "save_draw: a negative person index in an exclusion cannot be read",
            |d| d["exclusions"] = json!([{ "giver": -1, "recipient": 0 }]),
        ),
        unreadable_draw(
            "save_draw: a number where the name's text belongs cannot be read",
            |d| d["name"] = json!(42),
        ),
        unreadable_draw(
            "save_draw: a draw without its participants field cannot be read",
            |d| {
                d.as_object_mut().unwrap().remove("participants");
            },
        ),
        refused(
            "save_draw: malformed JSON cannot be read",
            Organizer,
            "save_draw",
            Body::Json(r#"{"id": null, "draw": {"name": "Office", "participants": ["#.into()),
            Status::Unreadable,
            None,
        ),
        // Refused by `server::api_errors` from its Content-Length, before anything reads it.
        refused(
            "save_draw: a body over 2 MiB is too large",
            Organizer,
            "save_draw",
            save_body(&{
                let mut d = valid_draw();
                d["message"] = json!("x".repeat(2 * 1024 * 1024 + 1024));
                d
            }),
            Status::Is(413),
            None,
        ),
        not_found(
            "save_draw: an id that is not a UUID is not found",
            Organizer,
            "save_draw",
            Body::Json(json!({ "id": "not-a-uuid", "draw": valid_draw() }).to_string()),
        ),
        refused(
            "save_draw: a visitor who is not logged in is asked to log in",
            Visitor,
            "save_draw",
            save_body(&valid_draw()),
            Status::Is(401),
            None,
        ),
        // save_draw: tricky but valid
        good_draw(
            "save_draw: names with emoji, right-to-left script and combining marks are stored verbatim",
            json!({
                "name": "Ünïcode party 🎉 حفلة",
                "budget": "", "currency": "", "exchange_date": "",
                "message": "RTL \u{200F}שלום\u{200E} (direction marks), emoji 🎁 and Zoe\u{0308}",
                "participants": [
                    person("🎅 Nicholas", "Claus 🎄", "nick@example.org", "🧦🧦"),
                    person("مريم", "العلي", "maryam@example.org", "كتب"),
                    person("Zoe\u{0308}", "Bjo\u{0308}rk", "zoe@example.org", "A\u{030A}ngstro\u{0308}m"),
                    person("שרה", "כהן 👩‍👩‍👧", "sara@example.org", "ספרים"),
                ],
                "exclusions": [{ "giver": 0, "recipient": 1 }],
            }),
            Stored::DrawAsSent,
        ),
        good_draw(
            "save_draw: SQL metacharacters in names are stored verbatim and every table stays",
            json!({
                "name": sql,
                "budget": "10", "currency": "EUR", "exchange_date": "2036-12-24",
                "message": "%_\\ ; select pg_sleep(10); -- \" or 1=1",
                "participants": [
                    person("Robert'); DROP TABLE draws;--", "O'Brien", "bobby@example.org", sql),
                    person("\" or \"1\"=\"1", "--", "quote@example.org", "%' and 1=1 --"),
                    person("$1", "\\x00", "dollar@example.org", "; delete from users;"),
                ],
                "exclusions": [],
            }),
            Stored::DrawAsSent,
        ),
        good_draw(
            "save_draw: HTML and script text is kept as plain text and shown escaped on the draw's page",
            json!({
                "name": "</title><script>alert(1)</script>",
                "budget": "", "currency": "", "exchange_date": "",
                "message": "<img src=x onerror=alert(2)>",
                "participants": [
                    person("<b>Bold</b>", "<i>It</i>", "html1@example.org", "<script>alert('wish')</script>"),
                    person("Tom & Jerry", "\"Quoted\"", "html2@example.org", "a < b > c"),
                    person("Plain", "Person", "html3@example.org", ""),
                ],
                "exclusions": [],
            }),
            Stored::DrawAsSentEscapedOnItsPage {
                escaped: "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
                raw: &["<script>alert", "</title><script>", "<img src=x", "<b>Bold</b>"],
            },
        ),
        good_draw(
            "save_draw: a first name of exactly 100 emoji is accepted",
            {
                let mut d = valid_draw();
                d["participants"][0]["name"] = json!("🎄".repeat(100));
                d
            },
            Stored::DrawAsSent,
        ),
        good_draw(
            "save_draw: thirty-two people are accepted",
            {
                let mut d = valid_draw();
                d["participants"] = people(32);
                d
            },
            Stored::DrawAsSent,
        ),
        // save_wishes
        invalid(
            "save_wishes: a wish letter of 10001 characters is refused",
            Participant,
            "save_wishes",
            form(&[("id", drawn), ("gift_preferences", &"w".repeat(10_001))]),
            "gift_preferences",
        ),
        invalid(
            "save_wishes: a wish letter of 10001 emoji is refused, as characters are counted",
            Participant,
            "save_wishes",
            form(&[("id", drawn), ("gift_preferences", &"🎁".repeat(10_001))]),
            "gift_preferences",
        ),
        invalid(
            "save_wishes: a right-to-left override, which would make a wish read otherwise, is refused",
            Participant,
            "save_wishes",
            form(&[("id", drawn), ("gift_preferences", "socks \u{202E}skoob")]),
            "gift_preferences",
        ),
        not_found(
            "save_wishes: an id that is not a UUID is not found",
            Participant,
            "save_wishes",
            form(&[("id", "not-a-uuid"), ("gift_preferences", "socks")]),
        ),
        refused(
            "save_wishes: a form without the wishes cannot be read",
            Participant,
            "save_wishes",
            form(&[("id", drawn)]),
            Status::Unreadable,
            None,
        ),
        Case {
            name: "save_wishes: Hebrew, emoji, HTML and quotes are stored verbatim".into(),
            who: Participant,
            endpoint: "save_wishes",
            body: form(&[
                ("id", drawn),
                (
                    "gift_preferences",
                    "שלום 🎁 <b>bold</b> & 'quotes'; -- Zoe\u{0308}",
                ),
            ]),
            expect: Expect::Accepted(Stored::Wishes(
                "שלום 🎁 <b>bold</b> & 'quotes'; -- Zoe\u{0308}".into(),
            )),
        },
        // gift_ideas
        not_found(
            "gift_ideas: an id that is not a UUID is not found",
            Participant,
            "gift_ideas",
            form(&[("id", "not-a-uuid"), ("refresh", "false")]),
        ),
        not_found(
            "gift_ideas: SQL text as the id is not found",
            Participant,
            "gift_ideas",
            form(&[("id", sql), ("refresh", "false")]),
        ),
        refused(
            "gift_ideas: refresh=maybe cannot be read",
            Participant,
            "gift_ideas",
            form(&[("id", drawn), ("refresh", "maybe")]),
            Status::Unreadable,
            None,
        ),
        refused(
            "gift_ideas: a form without refresh cannot be read",
            Participant,
            "gift_ideas",
            form(&[("id", drawn)]),
            Status::Unreadable,
            None,
        ),
        // the other functions that take an id
        not_found(
            "get_draw: a UUID with trailing text is not found",
            Organizer,
            "get_draw",
            form(&[("id", &format!("{drawn}x"))]),
        ),
        not_found(
            "delete_draw: SQL text as the id is not found and every table stays",
            Organizer,
            "delete_draw",
            form(&[("id", sql)]),
        ),
        not_found(
            "run_draw: the nil UUID is not found",
            Organizer,
            "run_draw",
            form(&[("id", "00000000-0000-0000-0000-000000000000")]),
        ),
        not_found(
            "draw_status: an empty id is not found",
            Organizer,
            "draw_status",
            form(&[("id", "")]),
        ),
        not_found(
            "new_invitation: a participant id that is not a UUID is not found",
            Organizer,
            "new_invitation",
            form(&[("participant_id", "🎅")]),
        ),
        not_found(
            "my_draw: an id that is not a UUID is not found",
            Participant,
            "my_draw",
            form(&[("id", "not-a-uuid")]),
        ),
        not_found(
            "my_page: an id that is not a UUID is not found",
            Participant,
            "my_page",
            form(&[("id", "../draws"), ("shown", "true")]),
        ),
        not_found(
            "reveal_match: an empty id is not found",
            Participant,
            "reveal_match",
            form(&[("id", "")]),
        ),
        // Anonymous questions, as a participant of the drawn draw (to the person they give to).
        invalid(
            "send_message: an empty message",
            Participant,
            "send_message",
            form(&[("id", fx.drawn.as_str()), ("as_giver", "true"), ("body", " \n\t ")]),
            "body",
        ),
        invalid(
            "send_message: a message of 2,001 characters",
            Participant,
            "send_message",
            form(&[("id", fx.drawn.as_str()), ("as_giver", "true"), ("body", &"m".repeat(2001))]),
            "body",
        ),
        invalid(
            "send_message: a bell and an escape sequence in a message",
            Participant,
            "send_message",
            form(&[("id", fx.drawn.as_str()), ("as_giver", "true"), ("body", "Hi \u{7}\u{1b}[2J")]),
            "body",
        ),
        not_found(
            "send_message: a draw id that is not a UUID is not found",
            Participant,
            "send_message",
            form(&[("id", "🎅"), ("as_giver", "false"), ("body", "Hello")]),
        ),
        refused(
            "send_message: as_giver=perhaps cannot be read",
            Participant,
            "send_message",
            form(&[("id", fx.drawn.as_str()), ("as_giver", "perhaps"), ("body", "Hello")]),
            Status::Unreadable,
            None,
        ),
        not_found(
            "conversation: the nil UUID is no draw of theirs",
            Participant,
            "conversation",
            form(&[("id", "00000000-0000-0000-0000-000000000000"), ("as_giver", "false")]),
        ),
        Case {
            name: "send_message: HTML, quotes and emoji are kept as text, verbatim".into(),
            who: Participant,
            endpoint: "send_message",
            body: form(&[
                ("id", fx.drawn.as_str()),
                ("as_giver", "true"),
                ("body", "<script>alert(1)</script> & 'size' \"M\"? 🎁"),
            ]),
            expect: Expect::Accepted(Stored::Message(
                "<script>alert(1)</script> & 'size' \"M\"? 🎁".into(),
            )),
        },
        // Changes after the draw, on the organizer's drawn draw.
        invalid(
            "update_draw_details: an empty name",
            Organizer,
            "update_draw_details",
            details(&fx.drawn, "   ", "", "", ""),
            "name",
        ),
        invalid(
            "update_draw_details: a name of 121 characters",
            Organizer,
            "update_draw_details",
            details(&fx.drawn, &"N".repeat(121), "", "", ""),
            "name",
        ),
        invalid(
            "update_draw_details: a budget in words",
            Organizer,
            "update_draw_details",
            details(&fx.drawn, "Office", "twenty", "", ""),
            "budget",
        ),
        invalid(
            "update_draw_details: the 30th of February",
            Organizer,
            "update_draw_details",
            details(&fx.drawn, "Office", "", "2026-02-30", ""),
            "exchange_date",
        ),
        invalid(
            "update_draw_details: a bell character in the message",
            Organizer,
            "update_draw_details",
            details(&fx.drawn, "Office", "", "", "Ring \u{7} ring"),
            "message",
        ),
        invalid(
            "add_participant: a first name of spaces",
            Organizer,
            "add_participant",
            late_joiner(&fx.drawn, "   ", "Late", "late@example.org", ""),
            "first_name",
        ),
        invalid(
            "add_participant: an escape sequence in the surname",
            Organizer,
            "add_participant",
            late_joiner(&fx.drawn, "Lou", "\u{1b}[31mRed", "late@example.org", ""),
            "surname",
        ),
        invalid(
            "add_participant: an address without a domain",
            Organizer,
            "add_participant",
            late_joiner(&fx.drawn, "Lou", "Late", "lou@", ""),
            "email",
        ),
        invalid(
            "add_participant: wishes of 10,001 characters",
            Organizer,
            "add_participant",
            late_joiner(&fx.drawn, "Lou", "Late", "late@example.org", &"w".repeat(10_001)),
            "gift_preferences",
        ),
        not_found(
            "remove_participant: a person id that is not a UUID is not found",
            Organizer,
            "remove_participant",
            form(&[("id", fx.drawn.as_str()), ("participant_id", "🎅")]),
        ),
        invalid(
            "remove_participant: the nil UUID is no person of the draw",
            Organizer,
            "remove_participant",
            form(&[("id", fx.drawn.as_str()), ("participant_id", "00000000-0000-0000-0000-000000000000")]),
            "participant_id",
        ),
    ];
    cases
}

/// The people of the organizer's drawn draw; the first accepts, the others' links stay pending.
const DRAWN_PEOPLE: [(&str, &str); 4] = [
    ("Pat", PARTICIPANT),
    ("Quinn", "quinn@example.org"),
    ("Remy", "remy@example.org"),
    ("Sasha", "sasha@example.org"),
];

struct World {
    app: TestApp,
    organizer: Client,
    participant: Client,
    changer: Client,
    fixture: Fixture,
}

async fn world() -> World {
    let sink = smtp_sink().await;
    let mut config = test_auth_config();
    // The catalogue fails many logins from one address on purpose; throttling is tested elsewhere.
    config.max_failures_per_account = 1000;
    config.max_failures_per_address = 1000;
    config.registrations_per_address = 1000;
    let app = spawn_app_with_mail(config, mailer(sink.port)).await;

    let organizer = logged_in(&app, ORGANIZER).await;
    let changer = logged_in(&app, CHANGER).await;
    let people = DRAWN_PEOPLE
        .iter()
        .map(|(name, email)| person(name, "Drawn", email, "Socks"))
        .collect();
    let party = with(draw("Drawn office party", people), thirty_euros(""));
    let drawn = create_draw(&organizer, &app, &party).await;
    let links = run_draw(&organizer, &app, &drawn).await;
    assert!(links.is_empty(), "with mail the organizer is shown no link");
    // Each person's invitation arrives by mail only.
    let mut tokens = BTreeMap::new();
    for (_, email) in DRAWN_PEOPLE {
        let mail = sink.mail_to(email);
        if let Some(token) = mail.and_then(|m| link_token(&m, "/invite/")) {
            tokens.insert(email.to_string(), token);
        }
    }
    let used_token = tokens[PARTICIPANT].clone();
    let participant = accept_invitation(&app, &used_token).await;

    let (status, body) = post_form(
        &browser(),
        &app,
        "request_password_reset",
        &[("email", ORGANIZER)],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let reset_token = sink.wait_for_link("/reset/").await;
    World {
        app,
        organizer,
        participant,
        changer,
        fixture: Fixture {
            drawn,
            pending_token: tokens["quinn@example.org"].clone(),
            used_token,
            reset_token: reset_token.expect("a reset mail"),
        },
    }
}

/// Sends a case's request as whoever the case is for.
async fn send(world: &World, case: &Case) -> Result<(u16, String), String> {
    let visitor;
    let client = match case.who {
        Who::Visitor => {
            visitor = browser();
            &visitor
        }
        Who::Organizer => &world.organizer,
        Who::Participant => &world.participant,
        Who::Changer => &world.changer,
    };
    let url = format!("{}/api/{}", world.app.base, case.endpoint);
    let request = match &case.body {
        Body::Form(pairs) => client.post(url).form(pairs),
        Body::Json(text) => client
            .post(url)
            .header("content-type", "application/json")
            .body(text.clone()),
    };
    let res = request
        .send()
        .await
        .map_err(|e| format!("the request failed: {e}"))?;
    let status = res.status().as_u16();
    let body = res
        .text()
        .await
        .map_err(|e| format!("the answer could not be read: {e}"))?;
    Ok((status, body))
}

/// Text that must never reach the browser in an error: database, framework or stack details.
const INTERNALS: [&str; 17] = [
    "sqlx",
    "sqlstate",
    "postgres",
    "syntax error",
    "panicked",
    "src/",
    "backtrace",
    "violates",
    "constraint",
    "relation \"",
    "serde",
    "invalid type",
    "missing field",
    "at line",
    "column",
    "error returned from database",
    "deserializ",
];

/// The internals that `body` shows.
fn leaks(body: &str) -> Vec<&'static str> {
    let lower = body.to_lowercase();
    INTERNALS
        .into_iter()
        .filter(|i| lower.contains(i))
        .collect()
}

/// Why a refused case's answer is wrong, if it is.
fn check_refusal(
    status: u16,
    body: &str,
    expected: Status,
    field: Option<&str>,
    problems: &mut Vec<String>,
) {
    if !expected.matches(status) {
        problems.push(format!("expected status {}", expected.describe()));
    }
    if !(400..500).contains(&status) {
        problems.push("not a 4xx".into());
    }
    if body.trim().is_empty() {
        problems.push("empty body: no message".into());
    }
    let leaked = leaks(body);
    if !leaked.is_empty() {
        problems.push(format!("the body shows internals {leaked:?}"));
    }
    if let Some(field) = field {
        let json: Value = serde_json::from_str(body).unwrap_or(Value::Null);
        let message = json["Validation"].as_array().and_then(|errors| {
            errors
                .iter()
                .find(|e| e["field"] == field)
                .and_then(|e| e["message"].as_str())
        });
        match message {
            None => problems.push(format!("no message at field {field:?}")),
            Some(m) if m.trim().is_empty() => problems.push(format!("empty message at {field:?}")),
            Some(_) => {}
        }
    }
}

/// Up to `before` characters before byte `at` of `text` and `after` characters from it.
fn around(text: &str, at: usize, before: usize, after: usize) -> String {
    let head: Vec<char> = text[..at].chars().rev().take(before).collect();
    head.into_iter()
        .rev()
        .chain(text[at..].chars().take(after))
        .collect()
}

/// The draw as stored, in the shape it was sent: name, message and people.
async fn stored_draw(app: &TestApp, id: Uuid) -> Value {
    let (name, message, date): (String, Option<String>, Option<String>) = row(
        &app.db.admin,
        "select name, message, exchange_date::text from draws where id = $1",
        (id,),
    )
    .await;
    let people: Vec<(String, String, String, String)> = rows(
        &app.db.admin,
        "select name, surname, email::text, gift_preferences from draw_participants
         where draw_id = $1 order by position",
        (id,),
    )
    .await;
    json!({
        "name": name,
        "message": message.unwrap_or_default(),
        "exchange_date": date.unwrap_or_default(),
        "participants": people.into_iter().map(|(n, s, e, g)| person(&n, &s, &e, &g)).collect::<Vec<_>>(),
    })
}

fn as_sent(case: &Case) -> Value {
    let Body::Json(text) = &case.body else {
        unreachable!("a draw is sent as JSON")
    };
    let draw = &serde_json::from_str::<Value>(text).unwrap()["draw"];
    json!({
        "name": draw["name"],
        "message": draw["message"],
        "exchange_date": draw["exchange_date"],
        "participants": draw["participants"],
    })
}

/// Runs one accepted case's checks; the rows it may have changed, to leave out of the digest.
async fn check_acceptance(
    world: &World,
    case: &Case,
    stored: &Stored,
    status: u16,
    body: &str,
    problems: &mut Vec<String>,
) -> Except {
    let app = &world.app;
    if !(200..300).contains(&status) {
        problems.push(format!("expected a 2xx, body {body}"));
        return Except::Nothing;
    }
    match stored {
        Stored::DrawAsSent | Stored::DrawAsSentEscapedOnItsPage { .. } => {
            let Some(id) = serde_json::from_str::<Value>(body)
                .ok()
                .and_then(|v| v.as_str().and_then(|s| s.parse::<Uuid>().ok()))
            else {
                problems.push(format!("the answer is not the new draw's id: {body}"));
                return Except::Nothing;
            };
            let stored_draw = stored_draw(app, id).await;
            let sent = as_sent(case);
            if stored_draw != sent {
                problems.push(format!("stored {stored_draw} but sent {sent}"));
            }
            // ... and it comes back the same way through the app.
            let (read, view) = post_form(
                &world.organizer,
                app,
                "get_draw",
                &[("id", &id.to_string())],
            )
            .await;
            let view: Value = serde_json::from_str(&view).unwrap_or(Value::Null);
            let read_back = json!({
                "name": view["draw"]["name"],
                "message": view["draw"]["message"],
                "exchange_date": view["draw"]["exchange_date"],
                "participants": view["draw"]["participants"],
            });
            if read != StatusCode::OK || read_back != sent {
                problems.push(format!("get_draw answered {read} with {read_back}"));
            }
            if let Stored::DrawAsSentEscapedOnItsPage { escaped, raw } = stored {
                let (page_status, html) =
                    page(&world.organizer, app, &format!("/draws/{id}")).await;
                if page_status != StatusCode::OK {
                    problems.push(format!("the draw's page answered {page_status}"));
                }
                if !html.contains(escaped) {
                    problems.push(format!("the page does not show {escaped:?}"));
                }
                for r in raw.iter() {
                    if let Some(at) = html.find(r) {
                        problems.push(format!(
                            "the page holds raw {r:?} in …{}…",
                            around(&html, at, 120, 60)
                        ));
                    }
                }
            }
            Except::Draw(id)
        }
        Stored::Wishes(expected) => {
            let (pid, wishes): (Uuid, String) = row(
                &app.db.admin,
                "select id, gift_preferences from draw_participants
                 where draw_id = $1::uuid and email = $2",
                (&world.fixture.drawn, PARTICIPANT),
            )
            .await;
            if &wishes != expected {
                problems.push(format!("stored wishes {wishes:?}, sent {expected:?}"));
            }
            Except::Participant(pid)
        }
        Stored::Message(expected) => {
            let body: String = app
                .db
                .admin_scalar(
                    "select body from messages where draw_id = $1::uuid order by created_at desc limit 1",
                    (&world.fixture.drawn,),
                )
                .await;
            if &body != expected {
                problems.push(format!("stored message {body:?}, sent {expected:?}"));
            }
            Except::Conversation(world.fixture.drawn.clone())
        }
        Stored::Account { email, password } => {
            let found: Option<String> = optional_row(
                &app.db.admin,
                "select email::text from users where email = $1",
                (email,),
            )
            .await
            .map(|(email,)| email);
            if found.as_deref() != Some(email.as_str()) {
                problems.push(format!("stored email {found:?}, sent {email:?}"));
            }
            let (login, answer) = post_form(
                &browser(),
                app,
                "login",
                &[("email", email), ("password", password)],
            )
            .await;
            if !login.is_success() {
                problems.push(format!("the passphrase does not log in: {login} {answer}"));
            }
            Except::User(email.clone())
        }
    }
}

async fn planned_except(world: &World, case: &Case) -> Except {
    match &case.expect {
        Expect::Accepted(Stored::Wishes(_)) => Except::Participant(
            world
                .app
                .db
                .admin_scalar(
                    "select id from draw_participants where draw_id = $1::uuid and email = $2",
                    (&world.fixture.drawn, PARTICIPANT),
                )
                .await,
        ),
        Expect::Accepted(Stored::Account { email, .. }) => Except::User(email.clone()),
        Expect::Accepted(Stored::Message(_)) => Except::Conversation(world.fixture.drawn.clone()),
        _ => Except::Nothing,
    }
}

#[test]
fn the_catalogue_has_at_least_forty_cases_over_every_form_and_function() {
    let cases = catalogue(&Fixture::placeholder());
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let accounts = [
        "register",
        "login",
        "change_password",
        "request_password_reset",
        "reset_password",
        "accept_invitation",
    ];
    for endpoint in accounts.into_iter().chain(id_endpoints()) {
        assert!(
            cases.iter().any(|c| c.endpoint == endpoint),
            "no case for {endpoint}"
        );
    }
    let mut names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "case names are unique");
    let accepted = cases
        .iter()
        .filter(|c| matches!(c.expect, Expect::Accepted(_)))
        .count();
    assert!(accepted >= 4, "only {accepted} tricky-but-valid cases");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_bad_input_is_refused_clearly_and_every_tricky_valid_one_is_stored_verbatim() {
    let world = world().await;
    let cases = catalogue(&world.fixture);
    let mut failing = Vec::new();
    println!();
    for case in &cases {
        // The rows an accepted case may change, known before it runs (a new draw's rows do not
        // exist yet, so leaving nothing out is the same as leaving them out).
        let planned = planned_except(&world, case).await;
        let before = digest(&world.app, &planned).await;
        let mut problems = Vec::new();
        let (status, body) = match send(&world, case).await {
            Ok(answer) => answer,
            Err(e) => {
                println!("FAIL {} — {e}", case.name);
                failing.push(format!("{}: {e}", case.name));
                continue;
            }
        };
        let except = match &case.expect {
            Expect::Refused {
                status: expected,
                field,
            } => {
                check_refusal(status, &body, *expected, *field, &mut problems);
                Except::Nothing
            }
            Expect::Accepted(stored) => {
                check_acceptance(&world, case, stored, status, &body, &mut problems).await
            }
        };
        let after = digest(&world.app, &except).await;
        let changed = changed_tables(&before, &after);
        if !changed.is_empty() {
            problems.push(format!("changed {changed:?}"));
        }
        let shown: String = body.chars().take(160).collect();
        if problems.is_empty() {
            println!("PASS {} — {status}", case.name);
        } else {
            println!(
                "FAIL {} — {status}: {} (body {shown})",
                case.name,
                problems.join("; ")
            );
            failing.push(format!("{} — {status}: {}", case.name, problems.join("; ")));
        }
    }
    println!("{} cases, {} failing\n", cases.len(), failing.len());
    assert!(
        failing.is_empty(),
        "{} of {} cases fail:\n{}",
        failing.len(),
        cases.len(),
        failing.join("\n")
    );
}

/// The organizer chooses the draw's name; every participant's page shows it. Markup in it must
/// stay text there too, in the page's `<title>` as much as in its heading.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draw_name_with_markup_stays_text_on_the_participants_match_page() {
    let app = spawn_app(test_auth_config()).await;
    let organizer = logged_in(&app, ORGANIZER).await;
    let people = vec![
        person("Pat", "Page", PARTICIPANT, ""),
        person("Quinn", "Page", "quinn@example.org", ""),
        person("Remy", "Page", "remy@example.org", ""),
    ];
    let id = create_draw(
        &organizer,
        &app,
        &draw("</title><script>alert(1)</script>", people),
    )
    .await;
    let links = run_draw(&organizer, &app, &id).await;
    let tokens = tokens_by_email(&app, &links).await;
    let token = tokens.get(PARTICIPANT).expect("a link for the participant");
    let participant = accept_invitation(&app, token).await;

    let (status, html) = page(&participant, &app, &format!("/draws/{id}/match")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the name is shown, escaped"
    );
    // leptos_meta's <Title> writes its text unescaped: the app's title formatter turns angle
    // brackets into look-alikes, so the name cannot close the <title> element.
    assert!(
        !html.contains("</title><script>alert(1)"),
        "the draw's name breaks out of <title>: {}",
        html.find("<title>")
            .map(|at| around(&html, at, 0, 90))
            .unwrap_or_default()
    );
}

/// Markup that would end the element around it wherever it lands: a text node, a `<textarea>`,
/// `<title>`, a `<script>` with the page's data.
fn hostile(field: &str) -> String {
    format!("</textarea></title></script><i id=\"{field}\">{field}</i>")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_that_shows_user_text_shows_each_field_as_text() {
    let app = spawn_app(test_auth_config()).await;
    let organizer = logged_in(&app, ORGANIZER).await;
    // Every field of each person hostile: f-<who>-name, f-<who>-surname, f-<who>-wishes.
    let people = [
        ("pat", PARTICIPANT),
        ("quinn", "quinn@example.org"),
        ("remy", "remy@example.org"),
    ]
    .map(|(who, email)| {
        let field = |f: &str| hostile(&format!("f-{who}-{f}"));
        person(&field("name"), &field("surname"), email, &field("wishes"))
    })
    .to_vec();
    let fields = json!({ "message": hostile("f-message") });
    let id = create_draw(
        &organizer,
        &app,
        &with(draw(&hostile("f-draw-name"), people), fields),
    )
    .await;
    let links = run_draw(&organizer, &app, &id).await;
    let token_of_name = |name: &str| -> String {
        let named = |l: &&Value| l["name"].as_str().unwrap_or_default().contains(name);
        token_of(links.iter().find(named).unwrap())
    };
    let quinn_token = token_of_name("f-quinn-name");
    let participant = accept_invitation(&app, &token_of_name("f-pat-name")).await;

    // page, who looks, and the fields it must show (each only as text)
    let pages: Vec<(String, &Client, Vec<&str>)> = vec![
        (
            format!("/draws/{id}"),
            &organizer,
            vec![
                "f-draw-name",
                "f-message",
                "f-pat-name",
                "f-pat-surname",
                "f-pat-wishes",
                "f-quinn-name",
                "f-quinn-wishes",
                "f-remy-surname",
                "f-remy-wishes",
            ],
        ),
        ("/draws".into(), &organizer, vec!["f-draw-name"]),
        ("/draws".into(), &participant, vec!["f-draw-name"]),
        (
            format!("/draws/{id}/match"),
            &participant,
            vec!["f-draw-name", "f-message", "f-pat-wishes"],
        ),
        (
            format!("/invite/{quinn_token}"),
            &participant,
            vec!["f-draw-name", "f-quinn-name", "f-quinn-surname"],
        ),
    ];
    let mut problems = Vec::new();
    for (path, client, fields) in &pages {
        let (status, html) = page(client, &app, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        for field in fields {
            if !html.contains(field) {
                problems.push(format!("{path}: {field} is not shown"));
            }
            let markup = format!("<i id=\"{field}\">");
            if let Some(at) = html.find(&markup) {
                problems.push(format!(
                    "{path}: {field} came back as markup: …{}…",
                    around(&html, at, 80, 40)
                ));
            }
        }
        // Nothing ended the element around it early.
        for (tag, closing) in [
            ("textarea", "</textarea></title></script>"),
            ("script", "</script><i id="),
        ] {
            if let Some(at) = html.find(closing) {
                problems.push(format!(
                    "{path}: a {tag} was closed by user text: …{}…",
                    around(&html, at, 80, 40)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Sends `body_bytes` of form data in chunks of 64 KiB with no declared length, and returns the
/// answer's status line and body.
async fn post_chunked(base: &str, path: &str, body_bytes: usize) -> (String, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let authority = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(authority).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut sent = 0;
    let chunk = vec![b'a'; 64 * 1024];
    while sent < body_bytes {
        let n = chunk.len().min(body_bytes - sent);
        let frame = [format!("{n:x}\r\n").as_bytes(), &chunk[..n], b"\r\n"].concat();
        if stream.write_all(&frame).await.is_err() {
            break; // the server answered and closed early
        }
        sent += n;
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer).to_string();
    let status = answer.lines().next().unwrap_or_default().to_string();
    let body = answer
        .split("\r\n\r\n")
        .nth(1)
        .unwrap_or_default()
        .to_string();
    (status, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chunked_body_over_the_limit_is_too_large_and_a_small_one_is_read_as_usual() {
    let app = spawn_app(test_auth_config()).await;
    let (status, body) = post_chunked(&app.base, "/api/login", 3 * 1024 * 1024).await;
    assert!(status.contains(" 413 "), "{status}");
    assert!(body.contains("TooLarge"), "{body}");
    // A small chunked body reaches the function: this one is no valid form, so it is unreadable.
    let (status, _) = post_chunked(&app.base, "/api/login", 10).await;
    assert!(status.contains(" 400 "), "{status}");
}
