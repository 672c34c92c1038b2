//! Who sees what, asserted as the app's own role (santa_app) through `db::as_user`, for every
//! table, for anonymous visitors, two authors, participants and an outsider.

use crate::common::{
    exec, fresh_db, insert_each, optional_row, row, scalar, scalars, sqlstate, try_exec,
    try_scalar, Binds, TestDb, OTHER_PASSWORD_HASH, PASSWORD_HASH, USER_TABLES,
};
use secret_santa::domain::limits::MAX_GIFT_PREFERENCES_CHARS;
use sqlx::Row;
use uuid::Uuid;

/// The cast of every test:
/// - author A organizes "Office" (drawn) and takes part in it, with participants P and Q;
///   the pairs are A→P, P→Q, Q→A, and P has cached gift ideas for their match;
/// - author B organizes "Family" (drawn, B does not take part: B1→B2→B3→B1) and "Friends"
///   (open, no accounts yet, with an exclusion);
/// - O is an outsider with an account and no draws.
struct World {
    db: TestDb,
    a: Uuid,
    b: Uuid,
    p: Uuid,
    q: Uuid,
    o: Uuid,
    b1: Uuid,
    office: Uuid,
    family: Uuid,
    friends: Uuid,
    /// participant rows of Office: A, P, Q
    office_a: Uuid,
    office_p: Uuid,
    office_q: Uuid,
    /// match ids of Office
    match_a: Uuid,
    match_p: Uuid,
    /// participant rows of Friends
    friends_rows: [Uuid; 3],
}

/// A pair of a draw: ($1 draw, $2 giver, $3 recipient).
const PAIR: &str = "insert into matches (draw_id, giver_id, recipient_id) values ($1, $2, $3)";
/// A person of a draw, with no account: ($1 draw, $2 name, $3 surname, $4 email).
const PERSON: &str =
    "insert into draw_participants (draw_id, name, surname, email) values ($1, $2, $3, $4)";
/// A new open draw: ($1 author, $2 name), returning its id.
const DRAW: &str = "insert into draws (author_id, name) values ($1, $2) returning id";
/// A rule of a draw: ($1 draw, $2 giver, $3 recipient).
const EXCLUSION: &str =
    "insert into exclusions (draw_id, giver_id, recipient_id) values ($1, $2, $3)";

async fn world() -> World {
    let db = fresh_db().await;
    let mut tx = db.admin.begin().await.unwrap();
    let emails = ["a", "b", "p", "q", "o", "b1", "b2", "b3"].map(|u| format!("{u}@example.org"));
    let users = insert_each(
        &mut tx,
        "insert into users (email, password_hash, password_set_at, role)
         values ($1, $2, now(), 'author') returning id",
        emails.iter().map(|email| (email.as_str(), PASSWORD_HASH)),
    )
    .await;
    let [a, b, p, q, o, b1, b2, b3] = users[..] else {
        unreachable!()
    };

    let draws = insert_each(
        &mut tx,
        "insert into draws (author_id, name, drawn_at, budget_minor, budget_currency)
         values ($1, $2, case when $3 then now() end, 2500, 'EUR') returning id",
        [
            (a, "Office", true),
            (b, "Family", true),
            (b, "Friends", false),
        ],
    )
    .await;
    let [office, family, friends] = draws[..] else {
        unreachable!()
    };

    // Everyone of Office and Family with their account and its address; Friends' people without.
    let members = insert_each(
        &mut tx,
        "insert into draw_participants (draw_id, user_id, name, surname, email, gift_preferences)
         select $1, $2, $3, 'Tester', email, 'Wishes of ' || $3 from users where id = $2
         returning id",
        [
            (office, a, "Ada"),
            (office, p, "Pia"),
            (office, q, "Quinn"),
            (family, b1, "Bo"),
            (family, b2, "Bea"),
            (family, b3, "Ben"),
        ],
    )
    .await;
    let [office_a, office_p, office_q, fam1, fam2, fam3] = members[..] else {
        unreachable!()
    };
    let strangers = insert_each(
        &mut tx,
        "insert into draw_participants (draw_id, name, surname, email, gift_preferences)
         values ($1, $2, 'Tester', $3, 'Wishes of ' || $2) returning id",
        [
            (friends, "Fay", "f1@example.org"),
            (friends, "Finn", "f2@example.org"),
            (friends, "Flo", "f3@example.org"),
        ],
    )
    .await;
    let friends_rows: [Uuid; 3] = strangers.try_into().unwrap();

    let pairs = insert_each(
        &mut tx,
        "insert into matches (draw_id, giver_id, recipient_id) values ($1, $2, $3) returning id",
        [
            (office, office_a, office_p),
            (office, office_p, office_q),
            (office, office_q, office_a),
            (family, fam1, fam2),
            (family, fam2, fam3),
            (family, fam3, fam1),
        ],
    )
    .await;
    let [match_a, match_p, ..] = pairs[..] else {
        unreachable!()
    };

    exec(
        &mut *tx,
        EXCLUSION,
        (friends, friends_rows[0], friends_rows[1]),
    )
    .await;
    exec(
        &mut *tx,
        "insert into ai_suggestions (match_id, data, model) values ($1, '[]', 'offline')",
        (match_p,),
    )
    .await;
    exec(
        &mut *tx,
        "insert into auth_tokens (participant_id, purpose, token_hash, expires_at)
         values ($1, 'set_password', sha256('f-token'), now() + interval '14 days')",
        (friends_rows[0],),
    )
    .await;
    tx.commit().await.unwrap();

    World {
        db,
        a,
        b,
        p,
        q,
        o,
        b1,
        office,
        family,
        friends,
        office_a,
        office_p,
        office_q,
        match_a,
        match_p,
        friends_rows,
    }
}

impl World {
    async fn ids(&self, user: Option<Uuid>, sql: &str) -> Vec<Uuid> {
        let mut tx = self.db.as_user(user).await;
        let ids = scalars(&mut *tx, sql, ()).await;
        tx.commit().await.unwrap();
        sorted(ids)
    }

    async fn count(&self, user: Option<Uuid>, table: &str) -> i64 {
        let mut tx = self.db.as_user(user).await;
        let n = scalar(&mut *tx, &format!("select count(*) from {table}"), ()).await;
        tx.commit().await.unwrap();
        n
    }

    /// The SQLSTATE with which `sql` is refused to `user`, run in a transaction of its own.
    async fn refusal<'q>(&self, user: Option<Uuid>, sql: &'q str, binds: impl Binds<'q>) -> String {
        let mut tx = self.db.as_user(user).await;
        sqlstate(try_exec(&mut *tx, sql, binds).await)
    }

    /// `sql` run as `user` in a transaction of its own, committed: the rows it reached.
    async fn exec_as<'q>(&self, user: Uuid, sql: &'q str, binds: impl Binds<'q>) -> u64 {
        let mut tx = self.db.as_user(Some(user)).await;
        let reached = exec(&mut *tx, sql, binds).await;
        tx.commit().await.unwrap();
        reached
    }

    /// One column of row `id`, read by the superuser.
    async fn stored<T: crate::common::Scalar>(&self, sql: &str, id: Uuid) -> T {
        self.db.admin_scalar(sql, (id,)).await
    }
}

fn sorted(mut ids: Vec<Uuid>) -> Vec<Uuid> {
    ids.sort();
    ids
}

#[tokio::test]
async fn every_table_has_row_level_security_enabled_and_forced() {
    let db = fresh_db().await;
    let rows = sqlx::query(
        "select n.nspname || '.' || c.relname as name, c.relrowsecurity, c.relforcerowsecurity
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relkind = 'r' and n.nspname = 'public'
           and c.relname <> '_sqlx_migrations'",
    )
    .fetch_all(&db.admin)
    .await
    .unwrap();
    let names: Vec<String> = rows.iter().map(|r| r.get("name")).collect();
    for table in [
        "public.users",
        "public.draws",
        "public.draw_participants",
        "public.exclusions",
        "public.matches",
        "public.ai_suggestions",
        "public.ai_requests",
        "public.auth_tokens",
        "public.sessions",
    ] {
        assert!(names.contains(&table.to_string()), "{table} is missing");
    }
    for row in rows {
        let name: String = row.get("name");
        assert!(
            row.get::<bool, _>("relrowsecurity"),
            "{name}: RLS not enabled"
        );
        assert!(
            row.get::<bool, _>("relforcerowsecurity"),
            "{name}: RLS not forced"
        );
    }
}

#[tokio::test]
async fn the_app_connects_as_santa_app_which_is_neither_superuser_nor_bypasses_rls() {
    let db = fresh_db().await;
    let (role, sup, bypass): (String, bool, bool) = row(
        &db.app,
        "select rolname::text, rolsuper, rolbypassrls from pg_roles where rolname = current_user",
        (),
    )
    .await;
    assert_eq!(role, "santa_app");
    assert!(!sup && !bypass);
}

#[tokio::test]
async fn the_app_refuses_to_start_with_a_role_that_bypasses_row_level_security() {
    let db = fresh_db().await;
    let superuser_url = crate::common::cluster().superuser_url(&db.name);
    let err = secret_santa::db::app_pool(&superuser_url, 1)
        .await
        .expect_err("a superuser pool must be refused");
    assert!(
        err.to_string().contains("bypasses row-level security"),
        "{err}"
    );
}

#[tokio::test]
async fn the_user_setting_ends_with_its_transaction_and_never_reaches_the_next_one() {
    let db = fresh_db().await;
    let pool = secret_santa::db::app_pool(&db.app_url, 1).await.unwrap();
    let someone = Uuid::new_v4();
    let mut tx = secret_santa::db::as_user(&pool, Some(someone))
        .await
        .unwrap();
    let inside: Option<Uuid> = scalar(&mut *tx, "select app.uid()", ()).await;
    tx.commit().await.unwrap();
    assert_eq!(inside, Some(someone));
    // The pool has one connection, so this is the very same session.
    let after: Option<Uuid> = scalar(&pool, "select app.uid()", ()).await;
    assert_eq!(after, None);
}

#[tokio::test]
async fn an_anonymous_visitor_reads_no_row_of_any_table() {
    let w = world().await;
    // auth_tokens, match_notices, message_mail, departures and late_joiners are out of reach
    // altogether (no grant): see tokens_are_out_of_reach_of_every_user and the matrix.
    for table in USER_TABLES.into_iter().filter(|t| {
        ![
            "auth_tokens",
            "match_notices",
            "message_mail",
            "departures",
            "late_joiners",
        ]
        .contains(t)
    }) {
        assert_eq!(w.count(None, table).await, 0, "{table}");
    }
}

#[tokio::test]
async fn a_user_reads_only_their_own_account_and_never_a_password_hash() {
    let w = world().await;
    assert_eq!(w.ids(Some(w.a), "select id from users").await, vec![w.a]);
    assert_eq!(w.ids(Some(w.o), "select id from users").await, vec![w.o]);

    let denied = w
        .refusal(Some(w.a), "select password_hash from users", ())
        .await;
    assert_eq!(denied, "42501");
}

#[tokio::test]
async fn a_user_can_update_their_own_password_but_not_anyone_elses() {
    let w = world().await;
    let set_password = "update users set password_hash = $1, password_set_at = now() where id = $2";
    let mut tx = w.db.as_user(Some(w.a)).await;
    let own = exec(&mut *tx, set_password, (OTHER_PASSWORD_HASH, w.a)).await;
    let other = exec(&mut *tx, set_password, (OTHER_PASSWORD_HASH, w.b)).await;
    tx.commit().await.unwrap();
    assert_eq!(own, 1);
    assert_eq!(other, 0);
    let b_hash: String = w
        .stored("select password_hash from users where id = $1", w.b)
        .await;
    assert_eq!(b_hash, PASSWORD_HASH);

    let set_email = "update users set email = 'x@example.org' where id = $1";
    let email_change = w.refusal(Some(w.a), set_email, (w.a,)).await;
    assert_eq!(email_change, "42501");
}

#[tokio::test]
async fn an_author_sees_their_own_draws_and_a_participant_the_draws_they_are_in() {
    let w = world().await;
    let q = "select id from draws";
    assert_eq!(w.ids(Some(w.a), q).await, vec![w.office]);
    assert_eq!(w.ids(Some(w.b), q).await, sorted(vec![w.family, w.friends]));
    assert_eq!(w.ids(Some(w.p), q).await, vec![w.office]);
    assert_eq!(w.ids(Some(w.b1), q).await, vec![w.family]);
    assert_eq!(w.ids(Some(w.o), q).await, Vec::<Uuid>::new());
}

/// Renames draw `draw` to `name` and then deletes it, as `user`, in one transaction that is
/// committed: the rows each statement reached.
async fn rename_and_delete(w: &World, user: Uuid, draw: Uuid, name: &str) -> (u64, u64) {
    let mut tx = w.db.as_user(Some(user)).await;
    let renamed = exec(
        &mut *tx,
        "update draws set name = $2 where id = $1",
        (draw, name),
    )
    .await;
    let deleted = exec(&mut *tx, "delete from draws where id = $1", (draw,)).await;
    tx.commit().await.unwrap();
    (renamed, deleted)
}

#[tokio::test]
async fn an_author_cannot_change_or_delete_another_authors_draw() {
    let w = world().await;
    let reached = rename_and_delete(&w, w.a, w.friends, "Hijacked").await;
    assert_eq!(reached, (0, 0));
    let name: String = w
        .stored("select name from draws where id = $1", w.friends)
        .await;
    assert_eq!(name, "Friends");
}

#[tokio::test]
async fn a_participant_cannot_change_or_delete_the_draw_they_are_in() {
    let w = world().await;
    let reached = rename_and_delete(&w, w.p, w.office, "Mine now").await;
    assert_eq!(reached, (0, 0));
}

#[tokio::test]
async fn a_drawn_draw_s_people_and_matches_are_out_of_its_author_s_reach_and_only_its_details_change(
) {
    let w = world().await;
    let mut tx = w.db.as_user(Some(w.a)).await;
    // The details stay editable after the run (they carry no pair); the run cannot be undone.
    let renamed = exec(
        &mut *tx,
        "update draws set name = 'Renamed' where id = $1",
        (w.office,),
    )
    .await;
    assert_eq!(renamed, 1);
    let reopened = try_exec(
        &mut *tx,
        "update draws set drawn_at = null where id = $1",
        (w.office,),
    )
    .await;
    assert_eq!(sqlstate(reopened), "42501");
    drop(tx);
    let mut tx = w.db.as_user(Some(w.a)).await;
    let deleted = exec(&mut *tx, "delete from draws where id = $1", (w.office,)).await;
    let removed_person = exec(
        &mut *tx,
        "delete from draw_participants where id = $1",
        (w.office_q,),
    )
    .await;
    let late = (w.office, "Late", "Comer", "late@example.org");
    let added_person = try_exec(&mut *tx, PERSON, late).await;
    assert_eq!(sqlstate(added_person), "42501");
    drop(tx);
    assert_eq!((deleted, removed_person), (0, 0));
}

#[tokio::test]
async fn an_author_creates_edits_and_deletes_an_open_draw_of_three() {
    let w = world().await;
    let mut tx = w.db.as_user(Some(w.o)).await;
    let draw: Uuid = scalar(&mut *tx, DRAW, (w.o, "Book club")).await;
    for (name, email) in [
        ("Ann", "ann@example.org"),
        ("Bob", "bob@example.org"),
        ("Cy", "cy@example.org"),
    ] {
        exec(&mut *tx, PERSON, (draw, name, "Reader", email)).await;
    }
    tx.commit().await.unwrap();

    assert_eq!(w.ids(Some(w.o), "select id from draws").await, vec![draw]);
    assert_eq!(w.count(Some(w.o), "draw_participants").await, 3);

    let rename = "update draws set name = 'Book club 2026' where id = $1";
    let renamed = w.exec_as(w.o, rename, (draw,)).await;
    assert_eq!(renamed, 1);

    let deleted = w
        .exec_as(w.o, "delete from draws where id = $1", (draw,))
        .await;
    assert_eq!(deleted, 1);
    assert_eq!(w.count(Some(w.o), "draw_participants").await, 0);
}

#[tokio::test]
async fn nobody_can_create_a_draw_in_another_users_name() {
    let w = world().await;
    let forged = w.refusal(Some(w.o), DRAW, (w.a, "Forged")).await;
    assert_eq!(forged, "42501");

    let anonymous = w.refusal(None, DRAW, (w.a, "Nobody")).await;
    assert_eq!(anonymous, "42501");
}

#[tokio::test]
async fn a_draw_with_fewer_than_three_or_more_than_thirty_two_people_is_refused_at_commit() {
    let w = world().await;
    for size in [0usize, 2, 33] {
        let mut tx = w.db.as_user(Some(w.o)).await;
        let draw: Uuid = scalar(&mut *tx, DRAW, (w.o, "Sized")).await;
        for i in 0..size {
            exec(
                &mut *tx,
                PERSON,
                (draw, "P", "Q", format!("p{i}@example.org")),
            )
            .await;
        }
        let refused = tx.commit().await;
        match refused {
            Err(sqlx::Error::Database(e)) => {
                assert_eq!(e.code().as_deref(), Some("23514"), "size {size}");
                assert_eq!(
                    e.constraint(),
                    Some("draw_participants_count"),
                    "size {size}"
                );
            }
            other => panic!("a draw of {size} was accepted: {other:?}"),
        }
    }
    assert_eq!(w.count(Some(w.o), "draws").await, 0);
}

#[tokio::test]
async fn participant_rows_are_visible_to_the_author_to_the_person_and_to_their_giver_only() {
    let w = world().await;
    let q = "select id from draw_participants";
    // The organizer sees every row of their draw, whether or not it has been drawn.
    let everyone = sorted(vec![w.office_a, w.office_p, w.office_q]);
    assert_eq!(w.ids(Some(w.a), q).await, everyone);
    // P gives to Q: P sees their own row and Q's, not A's.
    assert_eq!(
        w.ids(Some(w.p), q).await,
        sorted(vec![w.office_p, w.office_q])
    );
    // Q gives to A.
    assert_eq!(
        w.ids(Some(w.q), q).await,
        sorted(vec![w.office_q, w.office_a])
    );
    // B organizes other draws and sees none of Office's people; O sees nobody.
    let b_rows = w.ids(Some(w.b), q).await;
    assert_eq!(b_rows.len(), 6);
    assert!(!b_rows.contains(&w.office_a));
    assert_eq!(w.ids(Some(w.o), q).await, Vec::<Uuid>::new());
}

#[tokio::test]
async fn a_participant_edits_only_their_own_gift_preferences() {
    let w = world().await;
    let wish = "update draw_participants set gift_preferences = $2 where id = $1";
    let mut tx = w.db.as_user(Some(w.p)).await;
    let own = exec(&mut *tx, wish, (w.office_p, "Books, tea")).await;
    let recipient = exec(&mut *tx, wish, (w.office_q, "Coal")).await;
    tx.commit().await.unwrap();
    assert_eq!((own, recipient), (1, 0));
    let prefs: String = w
        .stored(
            "select gift_preferences from draw_participants where id = $1",
            w.office_q,
        )
        .await;
    assert_eq!(prefs, "Wishes of Quinn");

    let rename = "update draw_participants set name = 'Someone else' where id = $1";
    assert_eq!(w.refusal(Some(w.p), rename, (w.office_p,)).await, "42501");
}

#[tokio::test]
async fn the_author_manages_people_of_an_open_draw_and_another_author_cannot() {
    let w = world().await;
    let rename = "update draw_participants set name = $2 where id = $1";
    let renamed = w.exec_as(w.b, rename, (w.friends_rows[0], "Faye")).await;
    assert_eq!(renamed, 1);

    let mut tx = w.db.as_user(Some(w.a)).await;
    let foreign = exec(&mut *tx, rename, (w.friends_rows[1], "Nope")).await;
    let foreign_delete = exec(
        &mut *tx,
        "delete from draw_participants where id = $1",
        (w.friends_rows[1],),
    )
    .await;
    let sneaky = (w.friends, "Sneaky", "Add", "sneaky@example.org");
    let foreign_insert = try_exec(&mut *tx, PERSON, sneaky).await;
    assert_eq!(sqlstate(foreign_insert), "42501");
    drop(tx);
    assert_eq!((foreign, foreign_delete), (0, 0));
}

#[tokio::test]
async fn nobody_can_read_who_gives_to_whom_not_even_the_organizer() {
    let w = world().await;
    let q = "select id from matches";
    // B organized Family, which has been drawn, and takes no part in it: B reads zero pairs.
    assert_eq!(w.ids(Some(w.b), q).await, Vec::<Uuid>::new());
    // A organizes Office *and* takes part: A reads exactly their own match, as any giver would.
    assert_eq!(w.ids(Some(w.a), q).await, vec![w.match_a]);
    assert_eq!(w.ids(Some(w.p), q).await, vec![w.match_p]);
    assert_eq!(w.ids(Some(w.o), q).await, Vec::<Uuid>::new());
    assert_eq!(w.ids(None, q).await, Vec::<Uuid>::new());
}

#[tokio::test]
async fn an_author_writes_the_matches_of_an_open_draw_without_being_able_to_read_them_back() {
    let w = world().await;
    let [f1, f2, f3] = w.friends_rows;
    let mut tx = w.db.as_user(Some(w.b)).await;
    for (giver, recipient) in [(f1, f3), (f3, f2), (f2, f1)] {
        exec(&mut *tx, PAIR, (w.friends, giver, recipient)).await;
    }
    let returning = try_scalar::<Uuid>(
        &mut *tx,
        "insert into matches (draw_id, giver_id, recipient_id) values ($1, $2, $3) returning id",
        (w.friends, f1, f2),
    )
    .await;
    assert_eq!(sqlstate(returning), "42501", "RETURNING needs read access");
    drop(tx);

    let mut tx = w.db.as_user(Some(w.b)).await;
    for (giver, recipient) in [(f1, f3), (f3, f2), (f2, f1)] {
        exec(&mut *tx, PAIR, (w.friends, giver, recipient)).await;
    }
    let visible: i64 = scalar(&mut *tx, "select count(*) from matches", ()).await;
    tx.commit().await.unwrap();
    assert_eq!(visible, 0);
    let stored: i64 = w
        .stored("select count(*) from matches where draw_id = $1", w.friends)
        .await;
    assert_eq!(stored, 3);
}

#[tokio::test]
async fn nobody_writes_matches_into_a_drawn_draw_or_someone_elses_draw() {
    let w = world().await;
    let [f1, f2, _] = w.friends_rows;
    let foreign = w.refusal(Some(w.a), PAIR, (w.friends, f1, f2)).await;
    assert_eq!(foreign, "42501");

    let change = "update matches set recipient_id = $1 where giver_id = $2";
    let changed = w.refusal(Some(w.a), change, (w.office_q, w.office_a)).await;
    assert_eq!(changed, "42501");
}

#[tokio::test]
async fn a_match_needs_two_different_people_of_the_same_draw() {
    let w = world().await;
    let [f1, _, _] = w.friends_rows;
    let itself = w.refusal(Some(w.b), PAIR, (w.friends, f1, f1)).await;
    assert_eq!(itself, "23514");

    // Another open draw of B's: its people cannot be matched with Friends' people.
    let mut tx = w.db.as_user(Some(w.b)).await;
    let other: Uuid = scalar(&mut *tx, DRAW, (w.b, "Other")).await;
    let strangers = insert_each(
        &mut tx,
        "insert into draw_participants (draw_id, name, surname, email) values ($1, 'O', 'P', $2) returning id",
        ["o1@example.org", "o2@example.org", "o3@example.org"].map(|email| (other, email)),
    )
    .await;
    tx.commit().await.unwrap();

    let cross_draw = w
        .refusal(Some(w.b), PAIR, (w.friends, f1, strangers[2]))
        .await;
    assert_eq!(cross_draw, "23503");
}

#[tokio::test]
async fn exclusions_are_the_authors_business_only() {
    let w = world().await;
    assert_eq!(w.count(Some(w.b), "exclusions").await, 1);
    assert_eq!(w.count(Some(w.a), "exclusions").await, 0);
    assert_eq!(w.count(Some(w.o), "exclusions").await, 0);

    let [f1, _, f3] = w.friends_rows;
    let foreign = w.refusal(Some(w.a), EXCLUSION, (w.friends, f1, f3)).await;
    assert_eq!(foreign, "42501");

    let mut tx = w.db.as_user(Some(w.b)).await;
    exec(&mut *tx, EXCLUSION, (w.friends, f1, f3)).await;
    let removed = exec(
        &mut *tx,
        "delete from exclusions where draw_id = $1",
        (w.friends,),
    )
    .await;
    tx.commit().await.unwrap();
    assert_eq!(removed, 2);
}

#[tokio::test]
async fn gift_ideas_belong_to_the_giver_of_the_match_alone() {
    let w = world().await;
    assert_eq!(w.count(Some(w.p), "ai_suggestions").await, 1);
    for other in [w.a, w.q, w.b, w.o] {
        assert_eq!(w.count(Some(other), "ai_suggestions").await, 0);
    }
    let steal = "insert into ai_suggestions (match_id, data, model) values ($1, '[]', 'x')";
    let stolen = w.refusal(Some(w.a), steal, (w.match_p,)).await;
    assert_eq!(stolen, "42501");

    let mut tx = w.db.as_user(Some(w.a)).await;
    exec(
        &mut *tx,
        "insert into ai_suggestions (match_id, data, model) values ($1, '[\"socks\"]', 'offline')",
        (w.match_a,),
    )
    .await;
    let wiped = exec(
        &mut *tx,
        "delete from ai_suggestions where match_id = $1",
        (w.match_p,),
    )
    .await;
    tx.commit().await.unwrap();
    assert_eq!(wiped, 0);
    assert_eq!(w.count(Some(w.a), "ai_suggestions").await, 1);
}

#[tokio::test]
async fn a_giver_marks_only_their_own_match_as_opened_and_can_change_nothing_else_of_it() {
    let w = world().await;
    let mut tx = w.db.as_user(Some(w.p)).await;
    let marked = exec(&mut *tx, "update matches set viewed_at = now()", ()).await;
    assert_eq!(marked, 1, "only p's own match");
    let swapped = try_exec(
        &mut *tx,
        "update matches set recipient_id = giver_id where id = $1",
        (w.match_p,),
    )
    .await;
    assert_eq!(sqlstate(swapped), "42501");
    drop(tx);

    // The organizer (and anyone else) marks nothing.
    for other in [w.a, w.b, w.q] {
        let mut tx = w.db.as_user(Some(other)).await;
        let marked = exec(
            &mut *tx,
            "update matches set viewed_at = now() where id = $1",
            (w.match_p,),
        )
        .await;
        assert_eq!(marked, 0);
    }
}

#[tokio::test]
async fn the_gift_idea_lease_of_a_match_is_its_givers_alone() {
    let w = world().await;
    let lease = "insert into ai_requests (match_id) values ($1)";
    w.exec_as(w.p, lease, (w.match_p,)).await;
    assert_eq!(w.count(Some(w.p), "ai_requests").await, 1);
    for other in [w.a, w.q, w.b, w.o] {
        assert_eq!(w.count(Some(other), "ai_requests").await, 0);
        let mut tx = w.db.as_user(Some(other)).await;
        let taken = exec(
            &mut *tx,
            "update ai_requests set lease_until = now() + interval '1 hour'",
            (),
        )
        .await;
        assert_eq!(taken, 0);
    }
    let forged = w.refusal(Some(w.a), lease, (w.match_p,)).await;
    assert_eq!(forged, "42501");
}

#[tokio::test]
async fn tokens_are_out_of_reach_of_every_user() {
    let w = world().await;
    for user in [None, Some(w.q), Some(w.a)] {
        let read = w.refusal(user, "select * from auth_tokens", ()).await;
        assert_eq!(read, "42501");
    }
}

#[tokio::test]
async fn sessions_are_reached_only_one_at_a_time_by_the_hash_of_their_id() {
    let w = world().await;
    for user in [None, Some(w.a)] {
        let listed = w.refusal(user, "select * from sessions", ()).await;
        assert_eq!(listed, "42501", "no one lists sessions");
    }
    let mut tx = w.db.as_user(None).await;
    let create = "select app.session_create(sha256('s1'), $1, now() + interval '1 day')";
    let created: bool = scalar(&mut *tx, create, (vec![0u8],)).await;
    let again: bool = scalar(&mut *tx, create, (vec![1u8],)).await;
    let found: i64 = scalar(
        &mut *tx,
        "select count(*) from app.session_load(sha256('s1'))",
        (),
    )
    .await;
    let by_plain_id: i64 =
        scalar(&mut *tx, "select count(*) from app.session_load('s1')", ()).await;
    tx.commit().await.unwrap();
    assert_eq!((created, again, found, by_plain_id), (true, false, 1, 0));
}

#[tokio::test]
async fn login_credentials_are_found_by_email_in_any_case_and_unknown_emails_find_nothing() {
    let w = world().await;
    let mut tx = w.db.as_user(None).await;
    let credentials = "select user_id, password_hash from app.login_credentials($1)";
    let known: Option<(Uuid, Option<String>)> =
        optional_row(&mut *tx, credentials, ("A@Example.ORG",)).await;
    let unknown: Option<(Uuid, Option<String>)> =
        optional_row(&mut *tx, credentials, ("nobody@example.org",)).await;
    assert_eq!(known, Some((w.a, Some(PASSWORD_HASH.to_string()))));
    assert_eq!(unknown, None);
}

#[tokio::test]
async fn registering_never_takes_over_an_existing_account() {
    let w = world().await;
    let mut tx = w.db.as_user(None).await;
    let register = "select app.register_author($1, $2, $3, $4)";
    let fresh: Option<Uuid> = scalar(
        &mut *tx,
        register,
        ("newcomer@example.org", OTHER_PASSWORD_HASH, "New", "Comer"),
    )
    .await;
    let taken: Option<Uuid> = scalar(
        &mut *tx,
        register,
        ("Q@example.org", OTHER_PASSWORD_HASH, "Q", "Taken"),
    )
    .await;
    tx.commit().await.unwrap();
    assert!(fresh.is_some());
    assert_eq!(taken, None);
    let q_hash: Option<String> = w
        .stored("select password_hash from users where id = $1", w.q)
        .await;
    assert_eq!(q_hash.as_deref(), Some(PASSWORD_HASH));
}

#[tokio::test]
async fn a_token_is_consumed_once_and_only_before_it_expires() {
    let w = world().await;
    let consume = async |tx: &mut sqlx::PgConnection, hash_of: &str| -> Option<Uuid> {
        let sql = "select app.consume_token(sha256($1::bytea), 'reset_password')";
        scalar(tx, sql, (hash_of.as_bytes().to_vec(),)).await
    };
    let issue = "insert into auth_tokens (user_id, purpose, token_hash, expires_at)
                 values ($1, 'reset_password', sha256($2::bytea), now() + $3::interval)";
    w.db.admin_exec(issue, (w.q, b"q-token".to_vec(), "1 hour"))
        .await;
    let mut tx = w.db.as_user(None).await;
    let first = consume(&mut tx, "q-token").await;
    let second = consume(&mut tx, "q-token").await;
    let unknown = consume(&mut tx, "guess").await;
    tx.commit().await.unwrap();
    assert_eq!((first, second, unknown), (Some(w.q), None, None));

    w.db.admin_exec(issue, (w.q, b"old-token".to_vec(), "-1 second"))
        .await;
    let mut tx = w.db.as_user(None).await;
    let expired = consume(&mut tx, "old-token").await;
    assert_eq!(expired, None);
}

/// app.join_with_invitation of the link 'g-token' as `user`: its status and the draw joined (a
/// join that worked is committed; any other attempt rolled back).
async fn join_g(w: &World, user: Option<Uuid>) -> (String, Option<Uuid>) {
    let mut tx = w.db.as_user(user).await;
    let (status, draw): (String, Option<Uuid>) = row(
        &mut *tx,
        "select status, draw_id from app.join_with_invitation(sha256('g-token'))",
        (),
    )
    .await;
    if status == "ok" {
        tx.commit().await.unwrap();
    }
    (status, draw)
}

#[tokio::test]
async fn an_invitation_joins_its_one_membership_and_never_opens_an_existing_account() {
    let w = world().await;
    let row_id = w.friends_rows[1];
    let issue = "select app.issue_invitation($1, sha256($2::bytea), 3600)";
    // Only the organizer of the draw issues a link for one of its people.
    let refused = w
        .refusal(Some(w.a), issue, (row_id, b"g-token".to_vec()))
        .await;
    assert_eq!(refused, "42501");
    let mut tx = w.db.as_user(Some(w.b)).await;
    let issued: bool = scalar(&mut *tx, issue, (row_id, b"g-token".to_vec())).await;
    tx.commit().await.unwrap();
    assert!(issued);

    // Redeeming with an address that has an account changes nothing and keeps the link open.
    let mut tx = w.db.as_user(None).await;
    let (status, user): (String, Option<Uuid>) = row(
        &mut *tx,
        "select status, user_id from app.accept_invitation(sha256('g-token'), 'a@example.org', $1)",
        (PASSWORD_HASH.replace("c2FsdHNhbHQ", "b3RoZXJzYWx0"),),
    )
    .await;
    tx.commit().await.unwrap();
    assert_eq!((status.as_str(), user), ("email_taken", None));
    let a_hash: String = w
        .stored("select password_hash from users where id = $1", w.a)
        .await;
    assert_eq!(a_hash, PASSWORD_HASH, "the account's password is untouched");

    // Nobody logged in cannot join; the outsider, logged in, joins that one row.
    let (status, _) = join_g(&w, None).await;
    assert_eq!(status, "invalid");
    let (status, draw) = join_g(&w, Some(w.o)).await;
    assert_eq!((status.as_str(), draw), ("ok", Some(w.friends)));
    let joined: Option<Uuid> = w
        .stored(
            "select user_id from draw_participants where id = $1",
            row_id,
        )
        .await;
    assert_eq!(joined, Some(w.o));

    // Spent: a second use is refused, and a joined person gets no new link.
    let (status, _) = join_g(&w, Some(w.p)).await;
    assert_eq!(status, "invalid");
    let mut tx = w.db.as_user(Some(w.b)).await;
    let again: bool = scalar(&mut *tx, issue, (row_id, b"h-token".to_vec())).await;
    assert!(!again);
}

#[tokio::test]
async fn the_database_holds_gift_preferences_to_the_same_limit_as_the_domain() {
    let w = world().await;
    let update = "update draw_participants set gift_preferences = $1 where id = $2";
    let mut tx = w.db.as_user(Some(w.p)).await;
    let at_limit = exec(
        &mut *tx,
        update,
        ("é".repeat(MAX_GIFT_PREFERENCES_CHARS), w.office_p),
    )
    .await;
    assert_eq!(at_limit, 1);
    let over = try_exec(
        &mut *tx,
        update,
        ("é".repeat(MAX_GIFT_PREFERENCES_CHARS + 1), w.office_p),
    )
    .await;
    assert_eq!(sqlstate(over), "23514");
}

#[tokio::test]
async fn an_email_appears_once_per_draw_whatever_its_case() {
    let w = world().await;
    let mut tx = w.db.as_user(Some(w.b)).await;
    let again = (w.friends, "Fay", "Again", "F1@EXAMPLE.org");
    let duplicate = try_exec(&mut *tx, PERSON, again).await;
    match duplicate {
        Err(sqlx::Error::Database(e)) => {
            assert_eq!(e.code().as_deref(), Some("23505"));
            assert_eq!(e.constraint(), Some("draw_participants_draw_id_email_key"));
        }
        other => panic!("duplicate email accepted: {other:?}"),
    }
}
