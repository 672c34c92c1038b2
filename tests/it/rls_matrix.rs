//! The row-level security matrix: as `santa_app`, through `db::as_user`, every actor tries to
//! select, insert, update and delete on every table, and the outcome (allowed: the statement
//! reached at least one row; denied: no row, or refused with SQLSTATE 42501) is printed beside
//! the expected one. Every cell must match.

use crate::common::{
    exec, fresh_db, insert_each, scalar, scalars, try_exec, try_scalar, PASSWORD_HASH,
};
use uuid::Uuid;

/// The actors, in the matrix's column order.
const ACTORS: [&str; 6] = [
    "anonymous",
    "author A",
    "author B",
    "participant P",
    "organizer O (takes part)",
    "outsider N",
];

/// What one actor's probes refer to. Everyone but O probes A's drawn draw X (P→R→S→P); O probes
/// their own drawn draw Y (O→T→U→O), the one they organize and take part in.
#[derive(Clone, Copy)]
struct Target {
    draw: Uuid,
    author: Uuid,
    /// The participant row of the prober in the draw (P's, O's), or P's for the others.
    mine: Uuid,
    /// The row of the person `mine` gives to.
    recipient: Uuid,
    /// A row that is neither `mine` nor `recipient`.
    third: Uuid,
    /// The match of `recipient` (someone else's pair).
    other_match: Uuid,
}

struct Fixture {
    db: crate::common::TestDb,
    users: [Option<Uuid>; 6],
    x: Target,
    y: Target,
}

async fn fixture() -> Fixture {
    let db = fresh_db().await;
    let mut tx = db.admin.begin().await.unwrap();
    let emails = ["a", "b", "p", "r", "s", "o", "t", "u", "n"].map(|u| format!("{u}@example.org"));
    let users = insert_each(
        &mut tx,
        "insert into users (email, password_hash, password_set_at) values ($1, $2, now()) returning id",
        emails.iter().map(|email| (email, PASSWORD_HASH)),
    )
    .await;
    let [a, b, p, r, s, o, t, u, n] = users[..] else {
        unreachable!()
    };
    let draw =
        "insert into draws (author_id, name, drawn_at) values ($1, 'Draw', now()) returning id";
    let x: Uuid = scalar(&mut *tx, draw, (a,)).await;
    let y: Uuid = scalar(&mut *tx, draw, (o,)).await;
    let z: Uuid = scalar(
        &mut *tx,
        "insert into draws (author_id, name) values ($1, 'Open') returning id",
        (b,),
    )
    .await;
    let person = "insert into draw_participants (draw_id, user_id, name, surname, email)
                  select $1, $2, 'Name', 'Surname', email from users where id = $2 returning id";
    let memberships = [(x, p), (x, r), (x, s), (y, o), (y, t), (y, u)];
    let people = insert_each(&mut tx, person, memberships).await;
    let [xp, xr, xs, yo, yt, yu] = people[..] else {
        unreachable!()
    };
    for i in 0..3 {
        exec(
            &mut *tx,
            "insert into draw_participants (draw_id, name, surname, email) values ($1, 'Z', 'Z', $2)",
            (z, format!("z{i}@example.org")),
        )
        .await;
    }
    // A fourth person in each drawn draw, who has not joined (so someone can leave).
    let newcomer = "insert into draw_participants (draw_id, name, surname, email)
                    values ($1, 'Quinn', 'Q', $2) returning id";
    let [xq, yq] = insert_each(
        &mut tx,
        newcomer,
        [(x, "xq@example.org"), (y, "yq@example.org")],
    )
    .await[..] else {
        unreachable!()
    };
    // The rings P→R→S→Q→P and O→T→U→Q→O; the second pair of each is someone else's match.
    let pair =
        "insert into matches (draw_id, giver_id, recipient_id) values ($1, $2, $3) returning id";
    let ring = |d: Uuid, [g, h, i, j]: [Uuid; 4]| [(d, g, h), (d, h, i), (d, i, j), (d, j, g)];
    let pairs = ring(x, [xp, xr, xs, xq])
        .into_iter()
        .chain(ring(y, [yo, yt, yu, yq]));
    let matches = insert_each(&mut tx, pair, pairs).await;
    let (xr_match, yt_match) = (matches[1], matches[5]);
    for (d, g, rcp) in [(x, xp, xs), (y, yo, yu)] {
        exec(
            &mut *tx,
            "insert into exclusions (draw_id, giver_id, recipient_id) values ($1, $2, $3)",
            (d, g, rcp),
        )
        .await;
    }
    for sql in [
        "insert into ai_suggestions (match_id, data, model)
         select id, '[{\"title\":\"Socks\",\"why\":\"\",\"price\":\"\"}]', 'offline' from matches",
        "insert into ai_requests (match_id, calls_today) select id, 1 from matches",
        "insert into login_throttle (key, failures, window_start) values ('account:a@example.org', 1, now())",
        "insert into match_notices (participant_id) select giver_id from matches",
        // Every conversation has a question from its giver and an answer from its recipient.
        "insert into messages (recipient_id, from_giver, body)
         select recipient_id, g, case when g then 'What size?' else 'M' end
         from matches, (values (true), (false)) v(g)",
        "insert into message_mail (addressee_id, conversation, mailed_at)
         select recipient_id, 'santa', now() from matches",
        "insert into sessions (id_hash, data, expiry_date)
         values (sha256('fixture-session'), '\\x00', now() + interval '1 day')",
    ] {
        exec(&mut *tx, sql, ()).await;
    }
    exec(
        &mut *tx,
        "insert into auth_tokens (participant_id, purpose, token_hash, expires_at)
         values ($1, 'set_password', sha256('token'), now() + interval '1 day')",
        (xr,),
    )
    .await;
    tx.commit().await.unwrap();

    Fixture {
        db,
        users: [None, Some(a), Some(b), Some(p), Some(o), Some(n)],
        x: Target {
            draw: x,
            author: a,
            mine: xp,
            recipient: xr,
            third: xs,
            other_match: xr_match,
        },
        y: Target {
            draw: y,
            author: o,
            mine: yo,
            recipient: yt,
            third: yu,
            other_match: yt_match,
        },
    }
}

/// One probe: a statement and the expected outcome per actor ('+' allowed, '-' denied), in
/// ACTORS order. Placeholders: {draw} {author} {mine} {recipient} {third} {other_match}.
struct Probe {
    table: &'static str,
    op: &'static str,
    what: &'static str,
    sql: &'static str,
    expected: &'static str,
}

const fn probe(
    table: &'static str,
    op: &'static str,
    what: &'static str,
    sql: &'static str,
    expected: &'static str,
) -> Probe {
    Probe {
        table,
        op,
        what,
        sql,
        expected,
    }
}

fn probes() -> Vec<Probe> {
    vec![
        // users
        probe("users", "select", "my own account", "select count(*) from users where id = app.uid()", "-+++++"),
        probe("users", "select", "anyone else's account", "select count(*) from users where id is distinct from app.uid()", "------"),
        probe("users", "select", "a password hash", "select count(password_hash) from users", "------"),
        probe("users", "insert", "an account", "insert into users (email) values ('new@example.org')", "------"),
        probe("users", "update", "anyone else's account", "update users set password_set_at = now() where id is distinct from app.uid()", "------"),
        probe("users", "delete", "any account", "delete from users", "------"),
        // draws
        probe("draws", "select", "the draw", "select count(*) from draws where id = {draw}", "-+-++-"),
        probe("draws", "insert", "a draw in the draw author's name", "insert into draws (author_id, name) values ({author}, 'Forged')", "-+--+-"),
        probe("draws", "update", "the drawn draw's details", "update draws set name = 'Renamed' where id = {draw}", "-+--+-"),
        probe("draws", "update", "the drawn draw back to open", "update draws set drawn_at = null where id = {draw}", "------"),
        probe("draws", "delete", "the drawn draw", "delete from draws where id = {draw}", "------"),
        // draw_participants
        probe("draw_participants", "select", "my own row", "select count(*) from draw_participants where id = {mine} and user_id = app.uid()", "---++-"),
        probe("draw_participants", "select", "my recipient's row", "select count(*) from draw_participants where id = {recipient}", "-+-++-"),
        probe("draw_participants", "select", "a row neither mine nor my recipient's", "select count(*) from draw_participants where id = {third}", "-+--+-"),
        probe("draw_participants", "insert", "a person into the drawn draw", "insert into draw_participants (draw_id, name, surname, email) values ({draw}, 'New', 'Person', 'new@example.org')", "------"),
        probe("draw_participants", "update", "my own wishes", "update draw_participants set gift_preferences = 'Books' where id = {mine} and user_id = app.uid()", "---++-"),
        probe("draw_participants", "update", "my own name", "update draw_participants set name = 'Renamed' where id = {mine} and user_id = app.uid()", "------"),
        probe("draw_participants", "update", "someone else's wishes", "update draw_participants set gift_preferences = 'Forged' where id = {third}", "------"),
        probe("draw_participants", "delete", "a person of the drawn draw", "delete from draw_participants where id = {third}", "------"),
        // exclusions
        probe("exclusions", "select", "the draw's rules", "select count(*) from exclusions where draw_id = {draw}", "-+--+-"),
        probe("exclusions", "insert", "a rule into the drawn draw", "insert into exclusions (draw_id, giver_id, recipient_id) values ({draw}, {recipient}, {mine})", "------"),
        probe("exclusions", "update", "the draw's rules", "update exclusions set recipient_id = recipient_id where draw_id = {draw}", "------"),
        probe("exclusions", "delete", "the drawn draw's rules", "delete from exclusions where draw_id = {draw}", "------"),
        // matches
        probe("matches", "select", "my own match", "select count(*) from matches where draw_id = {draw} and giver_id = {mine} and giver_id in (select id from draw_participants where user_id = app.uid())", "---++-"),
        probe("matches", "select", "anyone else's pair", "select count(*) from matches where draw_id = {draw} and giver_id <> {mine}", "------"),
        probe("matches", "select", "any pair of the draw", "select count(*) from matches where draw_id = {draw} and giver_id not in (select id from draw_participants where user_id = app.uid())", "------"),
        probe("matches", "insert", "a pair into the drawn draw", "insert into matches (draw_id, giver_id, recipient_id) values ({draw}, {recipient}, {mine})", "------"),
        probe("matches", "update", "my own match as opened", "update matches set viewed_at = now() where giver_id = {mine} and giver_id in (select id from draw_participants where user_id = app.uid())", "---++-"),
        probe("matches", "update", "someone else's match as opened", "update matches set viewed_at = now() where id = {other_match}", "------"),
        probe("matches", "update", "my own changed match as seen", "update matches set seen_at = now() where giver_id = {mine} and giver_id in (select id from draw_participants where user_id = app.uid())", "---++-"),
        probe("matches", "update", "someone else's changed match as seen", "update matches set seen_at = now() where id = {other_match}", "------"),
        probe("matches", "update", "my own match's change date", "update matches set changed_at = null where giver_id = {mine}", "------"),
        probe("matches", "update", "my own recipient", "update matches set recipient_id = {third} where giver_id = {mine}", "------"),
        probe("matches", "delete", "any pair", "delete from matches where draw_id = {draw}", "------"),
        // ai_suggestions
        probe("ai_suggestions", "select", "my own match's ideas", "select count(*) from ai_suggestions s where s.match_id in (select id from matches where giver_id = {mine})", "---++-"),
        probe("ai_suggestions", "select", "someone else's ideas", "select count(*) from ai_suggestions where match_id = {other_match}", "------"),
        probe("ai_suggestions", "insert", "ideas for someone else's match", "insert into ai_suggestions (match_id, data, model) values ({other_match}, '[]', 'x') on conflict (match_id) do nothing", "------"),
        probe("ai_suggestions", "update", "my own match's ideas", "update ai_suggestions set model = 'x' where match_id in (select id from matches where giver_id = {mine})", "---++-"),
        probe("ai_suggestions", "update", "someone else's ideas", "update ai_suggestions set model = 'x' where match_id = {other_match}", "------"),
        probe("ai_suggestions", "delete", "someone else's ideas", "delete from ai_suggestions where match_id = {other_match}", "------"),
        // ai_requests
        probe("ai_requests", "select", "my own match's lease", "select count(*) from ai_requests where match_id in (select id from matches where giver_id = {mine})", "---++-"),
        probe("ai_requests", "select", "someone else's lease", "select count(*) from ai_requests where match_id = {other_match}", "------"),
        probe("ai_requests", "insert", "a lease on someone else's match", "insert into ai_requests (match_id) values ({other_match}) on conflict (match_id) do nothing", "------"),
        probe("ai_requests", "update", "someone else's lease", "update ai_requests set lease_until = now() + interval '1 hour' where match_id = {other_match}", "------"),
        probe("ai_requests", "delete", "any lease", "delete from ai_requests", "------"),
        // changes after the draw: only through app.* functions, which answer with a word
        probe("draw_participants", "delete", "a person of the drawn draw (app.remove_participant)", "select count(*) from (select app.remove_participant({draw}, {third}, false) as s) x where s = 'ok'", "-+--+-"),
        probe("draw_participants", "insert", "a late joiner (app.add_participant)", "select count(*) from app.add_participant({draw}, 'Late', 'Joiner', 'late@example.org', '', '{}', false) where status = 'ok'", "-+--+-"),
        probe("matches", "select", "any pair after a removal in the same transaction", "select count(*) from (select app.remove_participant({draw}, {third}, false) as s) r, matches m where m.draw_id = {draw} and m.giver_id not in (select id from draw_participants where user_id = app.uid())", "------"),
        probe("matches", "select", "any pair after an addition in the same transaction", "select count(*) from app.add_participant({draw}, 'Late', 'Joiner', 'late@example.org', '', '{}', false) a, matches m where m.draw_id = {draw} and m.giver_id not in (select id from draw_participants where user_id = app.uid())", "------"),
        // match_notices: whose match changed is a pair after a removal; only the mail job (a
        // transaction with no user) takes them, through app.claim_match_notices
        probe("match_notices", "select", "any notice", "select count(*) from match_notices", "------"),
        probe("match_notices", "insert", "a notice", "insert into match_notices (participant_id) values ({mine})", "------"),
        probe("match_notices", "update", "any notice", "update match_notices set created_at = now()", "------"),
        probe("match_notices", "delete", "any notice", "delete from match_notices", "------"),
        probe("match_notices", "select", "notices through app.claim_match_notices", "select count(*) from app.claim_match_notices(10)", "+-----"),
        // departures: who left a drawn draw (a hash of their mailbox), read only by the trigger
        // that refuses them back
        probe("departures", "select", "who left a draw", "select count(*) from departures", "------"),
        probe("departures", "insert", "a departure", "insert into departures (draw_id, mailbox) values ({draw}, '\\x00')", "------"),
        probe("departures", "update", "any departure", "update departures set mailbox = '\\x00'", "------"),
        probe("departures", "delete", "any departure", "delete from departures", "------"),
        // late_joiners: how many joined a drawn draw (hashes of their mailboxes), read only by
        // the trigger that stops the fourth
        probe("late_joiners", "select", "who joined late", "select count(*) from late_joiners", "------"),
        probe("late_joiners", "insert", "a late joiner", "insert into late_joiners (draw_id, mailbox) values ({draw}, '\\x00')", "------"),
        probe("late_joiners", "update", "any late joiner", "update late_joiners set mailbox = '\\x00'", "------"),
        probe("late_joiners", "delete", "any late joiner", "delete from late_joiners", "------"),
        // messages: the two sides of a pair, and nobody else (not the organizer); the recipient
        // never reads who the giver is
        probe("messages", "select", "my conversation with the person I give to", "select count(*) from messages where recipient_id in (select recipient_id from matches where giver_id = {mine})", "---++-"),
        probe("messages", "select", "my conversation with my Secret Santa", "select count(*) from messages where recipient_id = {mine}", "---++-"),
        probe("messages", "select", "someone else's conversation", "select count(*) from messages where recipient_id = {third}", "------"),
        probe("messages", "select", "who wrote to me as my Secret Santa (giver_id)", "select count(giver_id) from messages where recipient_id = {mine}", "------"),
        probe("messages", "insert", "a question to the person I give to", "insert into messages (recipient_id, from_giver, body) values ({recipient}, true, 'Hi')", "---++-"),
        probe("messages", "insert", "a message to my Secret Santa", "insert into messages (recipient_id, from_giver, body) values ({mine}, false, 'Hi')", "---++-"),
        probe("messages", "insert", "a message in my recipient's name", "insert into messages (recipient_id, from_giver, body) values ({recipient}, false, 'Forged')", "------"),
        probe("messages", "insert", "a message into someone else's conversation", "insert into messages (recipient_id, from_giver, body) values ({third}, true, 'Psst')", "------"),
        probe("messages", "insert", "a message naming its giver", "insert into messages (recipient_id, giver_id, from_giver, body) values ({mine}, {third}, false, 'x')", "------"),
        probe("messages", "update", "my Secret Santa's messages to me as read", "update messages set read_at = now() where recipient_id = {mine} and from_giver", "---++-"),
        probe("messages", "update", "my own message as read", "update messages set read_at = now() where recipient_id = {mine} and not from_giver", "------"),
        probe("messages", "update", "the text of a message", "update messages set body = 'Edited' where draw_id = {draw}", "------"),
        probe("messages", "update", "someone else's conversation as read", "update messages set read_at = now() where recipient_id = {third}", "------"),
        probe("messages", "delete", "any message", "delete from messages where draw_id = {draw}", "------"),
        probe("message_mail", "select", "any mail mark", "select count(*) from message_mail", "------"),
        probe("message_mail", "insert", "a mail mark", "insert into message_mail (addressee_id, conversation, mailed_at) values ({mine}, 'santa', now() - interval '2 hours') on conflict do nothing", "------"),
        probe("message_mail", "update", "any mail mark", "update message_mail set mailed_at = now() - interval '2 hours'", "------"),
        probe("message_mail", "delete", "any mail mark", "delete from message_mail", "------"),
        // auth_tokens
        probe("auth_tokens", "select", "any token", "select count(*) from auth_tokens", "------"),
        probe("auth_tokens", "insert", "a token", "insert into auth_tokens (user_id, purpose, token_hash, expires_at) values ({author}, 'reset_password', sha256('x'), now())", "------"),
        probe("auth_tokens", "update", "any token", "update auth_tokens set used_at = now()", "------"),
        probe("auth_tokens", "delete", "any token", "delete from auth_tokens", "------"),
        // login_throttle
        probe("login_throttle", "select", "any counter", "select count(*) from login_throttle", "------"),
        probe("login_throttle", "insert", "a counter", "insert into login_throttle (key, failures, window_start) values ('account:x', 0, now())", "------"),
        probe("login_throttle", "update", "any counter", "update login_throttle set failures = 0", "------"),
        probe("login_throttle", "delete", "any counter", "delete from login_throttle", "------"),
        // sessions: no direct access at all; one session at a time through app.session_*, by the
        // SHA-256 of its id (the id itself is stored nowhere)
        probe("sessions", "select", "any session", "select count(*) from sessions", "------"),
        probe("sessions", "insert", "a session", "insert into sessions (id_hash, data, expiry_date) values (sha256('x'), '\\x00', now())", "------"),
        probe("sessions", "update", "any session", "update sessions set expiry_date = now()", "------"),
        probe("sessions", "delete", "any session", "delete from sessions", "------"),
        probe("sessions", "select", "a session by the hash of its id (app.session_load)", "select count(*) from app.session_load(sha256('fixture-session'))", "++++++"),
        probe("sessions", "select", "a session by its plain id (app.session_load)", "select count(*) from app.session_load('fixture-session')", "------"),
        // invitations: only through app.* functions
        probe("auth_tokens", "insert", "a new link for a person who has joined (app.issue_invitation)", "select count(*) from (select app.issue_invitation({third}, sha256('n1'), 60) as ok) x where ok", "------"),
        probe("auth_tokens", "select", "who a link belongs to (app.invitation_info)", "select count(*) from app.invitation_info(sha256('token'))", "++++++"),
        probe("draw_participants", "update", "joining a row with an unknown link (app.join_with_invitation)", "select count(*) from app.join_with_invitation(sha256('guess')) where status = 'ok'", "------"),
    ]
}

fn fill(sql: &str, t: &Target) -> String {
    let lit = |id: Uuid| format!("'{id}'::uuid");
    sql.replace("{draw}", &lit(t.draw))
        .replace("{author}", &lit(t.author))
        .replace("{mine}", &lit(t.mine))
        .replace("{recipient}", &lit(t.recipient))
        .replace("{third}", &lit(t.third))
        .replace("{other_match}", &lit(t.other_match))
}

/// Runs one probe as `user` in a transaction that is rolled back: true when it reached a row.
async fn allowed(f: &Fixture, user: Option<Uuid>, sql: &str) -> Result<bool, String> {
    let mut tx = f.db.as_user(user).await;
    let outcome = if sql.trim_start().starts_with("select") {
        try_scalar::<i64>(&mut *tx, sql, ()).await.map(|n| n > 0)
    } else {
        try_exec(&mut *tx, sql, ()).await.map(|n| n > 0)
    };
    tx.rollback().await.unwrap();
    match outcome {
        Ok(reached) => Ok(reached),
        Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("42501") => Ok(false),
        Err(e) => Err(e.to_string()),
    }
}

#[tokio::test]
async fn every_actor_is_allowed_exactly_the_cells_of_the_expected_matrix_and_no_organizer_reads_a_pair(
) {
    let f = fixture().await;
    let probes = probes();
    let mut lines = vec![format!(
        "| table | operation | on | {} |",
        ACTORS.join(" | ")
    )];
    lines.push(format!("|{}", " --- |".repeat(3 + ACTORS.len())));
    let mut mismatches = Vec::new();
    for p in &probes {
        assert_eq!(p.expected.len(), ACTORS.len(), "{}: {}", p.table, p.what);
        let mut cells = Vec::new();
        for (i, actor) in ACTORS.iter().enumerate() {
            let target = if i == 4 { &f.y } else { &f.x };
            let sql = fill(p.sql, target);
            let got = allowed(&f, f.users[i], &sql).await.unwrap_or_else(|e| {
                panic!(
                    "{} {} as {actor}: unexpected error {e}\n{sql}",
                    p.table, p.what
                )
            });
            let want = p.expected.as_bytes()[i] == b'+';
            let mark = if got { "allowed" } else { "denied" };
            if got == want {
                cells.push(mark.to_string());
            } else {
                cells.push(format!(
                    "**{mark} (expected {})**",
                    if want { "allowed" } else { "denied" }
                ));
                mismatches.push(format!("{} {} {} as {actor}", p.table, p.op, p.what));
            }
        }
        lines.push(format!(
            "| {} | {} | {} | {} |",
            p.table,
            p.op,
            p.what,
            cells.join(" | ")
        ));
    }
    println!(
        "Row-level security as santa_app ({} probes × {} actors; O probes the draw they organize and take part in, everyone else A's drawn draw):\n{}",
        probes.len(),
        ACTORS.len(),
        lines.join("\n")
    );
    assert!(
        mismatches.is_empty(),
        "cells that differ from the expected matrix:\n{}",
        mismatches.join("\n")
    );
}

#[tokio::test]
async fn the_matrix_covers_every_table_with_every_operation_it_can_have() {
    let probes = probes();
    let db = fresh_db().await;
    let tables: Vec<String> = scalars(
        &db.admin,
        "select case when n.nspname = 'public' then c.relname::text else n.nspname || '.' || c.relname end
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relkind = 'r' and n.nspname = 'public'
           and c.relname <> '_sqlx_migrations'",
        (),
    )
    .await;
    for table in &tables {
        for op in ["select", "insert", "update", "delete"] {
            assert!(
                probes.iter().any(|p| p.table == table && p.op == op),
                "no {op} probe on {table}"
            );
        }
    }
}
