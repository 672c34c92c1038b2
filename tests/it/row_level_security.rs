//! Who sees what, asserted as the app's own role (santa_app) through `db::as_user`, for every
//! table, for anonymous visitors, two authors, participants and an outsider.

use crate::common::{fresh_db, sqlstate, TestDb};
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

const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";

async fn world() -> World {
    let db = fresh_db().await;
    let mut tx = db.admin.begin().await.unwrap();
    let user = |email: &'static str, with_password: bool| {
        sqlx::query_scalar::<_, Uuid>(
            "insert into users (email, password_hash, password_set_at, role)
             values ($1, $2, case when $2 is null then null else now() end,
                     case when $2 is null then 'participant' else 'author' end::user_role)
             returning id",
        )
        .bind(email)
        .bind(with_password.then_some(HASH))
    };
    let a = user("a@example.org", true)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    let b = user("b@example.org", true)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    let p = user("p@example.org", true)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    let q = user("q@example.org", true)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    let o = user("o@example.org", true)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    let b1 = user("b1@example.org", true)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    let b2 = user("b2@example.org", true)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    let b3 = user("b3@example.org", true)
        .fetch_one(&mut *tx)
        .await
        .unwrap();

    let draw = |author: Uuid, name: &'static str, drawn: bool| {
        sqlx::query_scalar::<_, Uuid>(
            "insert into draws (author_id, name, drawn_at, budget_minor, budget_currency)
             values ($1, $2, case when $3 then now() end, 2500, 'EUR') returning id",
        )
        .bind(author)
        .bind(name)
        .bind(drawn)
    };
    let office = draw(a, "Office", true).fetch_one(&mut *tx).await.unwrap();
    let family = draw(b, "Family", true).fetch_one(&mut *tx).await.unwrap();
    let friends = draw(b, "Friends", false).fetch_one(&mut *tx).await.unwrap();

    let participant = |draw: Uuid, user: Option<Uuid>, name: &'static str, email: &'static str| {
        sqlx::query_scalar::<_, Uuid>(
            "insert into draw_participants (draw_id, user_id, name, surname, email, gift_preferences)
             values ($1, $2, $3, 'Tester', $4, 'Wishes of ' || $3) returning id",
        )
        .bind(draw)
        .bind(user)
        .bind(name)
        .bind(email)
    };
    let office_a = participant(office, Some(a), "Ada", "a@example.org")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    let office_p = participant(office, Some(p), "Pia", "p@example.org")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    let office_q = participant(office, Some(q), "Quinn", "q@example.org")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    let fam1 = participant(family, Some(b1), "Bo", "b1@example.org")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    let fam2 = participant(family, Some(b2), "Bea", "b2@example.org")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    let fam3 = participant(family, Some(b3), "Ben", "b3@example.org")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    let mut friends_rows = [Uuid::nil(); 3];
    for (i, (name, email)) in [
        ("Fay", "f1@example.org"),
        ("Finn", "f2@example.org"),
        ("Flo", "f3@example.org"),
    ]
    .into_iter()
    .enumerate()
    {
        friends_rows[i] = participant(friends, None, name, email)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    }

    let pair = |draw: Uuid, giver: Uuid, recipient: Uuid| {
        sqlx::query_scalar::<_, Uuid>(
            "insert into matches (draw_id, giver_id, recipient_id) values ($1, $2, $3) returning id",
        )
        .bind(draw)
        .bind(giver)
        .bind(recipient)
    };
    let match_a = pair(office, office_a, office_p)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    let match_p = pair(office, office_p, office_q)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    pair(office, office_q, office_a)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    pair(family, fam1, fam2).fetch_one(&mut *tx).await.unwrap();
    pair(family, fam2, fam3).fetch_one(&mut *tx).await.unwrap();
    pair(family, fam3, fam1).fetch_one(&mut *tx).await.unwrap();

    sqlx::query("insert into exclusions (draw_id, giver_id, recipient_id) values ($1, $2, $3)")
        .bind(friends)
        .bind(friends_rows[0])
        .bind(friends_rows[1])
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query("insert into ai_suggestions (match_id, data, model) values ($1, '[]', 'offline')")
        .bind(match_p)
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query(
        "insert into auth_tokens (participant_id, purpose, token_hash, expires_at)
         values ($1, 'set_password', sha256('f-token'), now() + interval '14 days')",
    )
    .bind(friends_rows[0])
    .execute(&mut *tx)
    .await
    .unwrap();
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
        let mut ids: Vec<Uuid> = sqlx::query_scalar(sql).fetch_all(&mut *tx).await.unwrap();
        tx.commit().await.unwrap();
        ids.sort();
        ids
    }

    async fn count(&self, user: Option<Uuid>, table: &str) -> i64 {
        let mut tx = self.db.as_user(user).await;
        let n: i64 = sqlx::query_scalar(&format!("select count(*) from {table}"))
            .fetch_one(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        n
    }

    async fn admin_scalar<T>(&self, sql: &str, id: Uuid) -> T
    where
        T: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres> + Send + Unpin,
    {
        sqlx::query_scalar(sql)
            .bind(id)
            .fetch_one(&self.db.admin)
            .await
            .unwrap()
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
    let (role, sup, bypass): (String, bool, bool) = sqlx::query_as(
        "select rolname::text, rolsuper, rolbypassrls from pg_roles where rolname = current_user",
    )
    .fetch_one(&db.app)
    .await
    .unwrap();
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
    let inside: Option<Uuid> = sqlx::query_scalar("select app.uid()")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(inside, Some(someone));
    // The pool has one connection, so this is the very same session.
    let after: Option<Uuid> = sqlx::query_scalar("select app.uid()")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(after, None);
}

#[tokio::test]
async fn an_anonymous_visitor_reads_no_row_of_any_table() {
    let w = world().await;
    for table in [
        "users",
        "draws",
        "draw_participants",
        "exclusions",
        "matches",
        "ai_suggestions",
        "ai_requests",
    ] {
        assert_eq!(w.count(None, table).await, 0, "{table}");
    }
}

#[tokio::test]
async fn a_user_reads_only_their_own_account_and_never_a_password_hash() {
    let w = world().await;
    assert_eq!(w.ids(Some(w.a), "select id from users").await, vec![w.a]);
    assert_eq!(w.ids(Some(w.o), "select id from users").await, vec![w.o]);

    let mut tx = w.db.as_user(Some(w.a)).await;
    let denied = sqlx::query("select password_hash from users")
        .fetch_all(&mut *tx)
        .await;
    assert_eq!(sqlstate(denied), "42501");
}

#[tokio::test]
async fn a_user_can_update_their_own_password_but_not_anyone_elses() {
    let w = world().await;
    let new_hash = "$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdA$bmV3aGFzaG5ld2hhc2g";
    let mut tx = w.db.as_user(Some(w.a)).await;
    let own =
        sqlx::query("update users set password_hash = $1, password_set_at = now() where id = $2")
            .bind(new_hash)
            .bind(w.a)
            .execute(&mut *tx)
            .await
            .unwrap();
    let other =
        sqlx::query("update users set password_hash = $1, password_set_at = now() where id = $2")
            .bind(new_hash)
            .bind(w.b)
            .execute(&mut *tx)
            .await
            .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(own.rows_affected(), 1);
    assert_eq!(other.rows_affected(), 0);
    let b_hash: String = w
        .admin_scalar("select password_hash from users where id = $1", w.b)
        .await;
    assert_eq!(b_hash, HASH);

    let mut tx = w.db.as_user(Some(w.a)).await;
    let email_change = sqlx::query("update users set email = 'x@example.org' where id = $1")
        .bind(w.a)
        .execute(&mut *tx)
        .await;
    assert_eq!(sqlstate(email_change), "42501");
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

#[tokio::test]
async fn an_author_cannot_change_or_delete_another_authors_draw() {
    let w = world().await;
    let mut tx = w.db.as_user(Some(w.a)).await;
    let renamed = sqlx::query("update draws set name = 'Hijacked' where id = $1")
        .bind(w.friends)
        .execute(&mut *tx)
        .await
        .unwrap();
    let deleted = sqlx::query("delete from draws where id = $1")
        .bind(w.friends)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!((renamed.rows_affected(), deleted.rows_affected()), (0, 0));
    let name: String = w
        .admin_scalar("select name from draws where id = $1", w.friends)
        .await;
    assert_eq!(name, "Friends");
}

#[tokio::test]
async fn a_participant_cannot_change_or_delete_the_draw_they_are_in() {
    let w = world().await;
    let mut tx = w.db.as_user(Some(w.p)).await;
    let renamed = sqlx::query("update draws set name = 'Mine now' where id = $1")
        .bind(w.office)
        .execute(&mut *tx)
        .await
        .unwrap();
    let deleted = sqlx::query("delete from draws where id = $1")
        .bind(w.office)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!((renamed.rows_affected(), deleted.rows_affected()), (0, 0));
}

#[tokio::test]
async fn a_drawn_draw_is_read_only_even_for_its_author() {
    let w = world().await;
    let mut tx = w.db.as_user(Some(w.a)).await;
    let renamed = sqlx::query("update draws set name = 'Renamed' where id = $1")
        .bind(w.office)
        .execute(&mut *tx)
        .await
        .unwrap();
    let deleted = sqlx::query("delete from draws where id = $1")
        .bind(w.office)
        .execute(&mut *tx)
        .await
        .unwrap();
    let removed_person = sqlx::query("delete from draw_participants where id = $1")
        .bind(w.office_q)
        .execute(&mut *tx)
        .await
        .unwrap();
    let added_person = sqlx::query(
        "insert into draw_participants (draw_id, name, surname, email) values ($1, 'Late', 'Comer', 'late@example.org')",
    )
    .bind(w.office)
    .execute(&mut *tx)
    .await;
    assert_eq!(sqlstate(added_person), "42501");
    drop(tx);
    assert_eq!(
        (
            renamed.rows_affected(),
            deleted.rows_affected(),
            removed_person.rows_affected()
        ),
        (0, 0, 0)
    );
}

#[tokio::test]
async fn an_author_creates_edits_and_deletes_an_open_draw_of_three() {
    let w = world().await;
    let mut tx = w.db.as_user(Some(w.o)).await;
    let draw: Uuid = sqlx::query_scalar(
        "insert into draws (author_id, name) values ($1, 'Book club') returning id",
    )
    .bind(w.o)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    for (name, email) in [
        ("Ann", "ann@example.org"),
        ("Bob", "bob@example.org"),
        ("Cy", "cy@example.org"),
    ] {
        sqlx::query(
            "insert into draw_participants (draw_id, name, surname, email) values ($1, $2, 'Reader', $3)",
        )
        .bind(draw)
        .bind(name)
        .bind(email)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();

    assert_eq!(w.ids(Some(w.o), "select id from draws").await, vec![draw]);
    assert_eq!(w.count(Some(w.o), "draw_participants").await, 3);

    let mut tx = w.db.as_user(Some(w.o)).await;
    let renamed = sqlx::query("update draws set name = 'Book club 2026' where id = $1")
        .bind(draw)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(renamed.rows_affected(), 1);

    let mut tx = w.db.as_user(Some(w.o)).await;
    let deleted = sqlx::query("delete from draws where id = $1")
        .bind(draw)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(deleted.rows_affected(), 1);
    assert_eq!(w.count(Some(w.o), "draw_participants").await, 0);
}

#[tokio::test]
async fn nobody_can_create_a_draw_in_another_users_name() {
    let w = world().await;
    let mut tx = w.db.as_user(Some(w.o)).await;
    let forged = sqlx::query("insert into draws (author_id, name) values ($1, 'Forged')")
        .bind(w.a)
        .execute(&mut *tx)
        .await;
    assert_eq!(sqlstate(forged), "42501");

    let mut anon = w.db.as_user(None).await;
    let anonymous = sqlx::query("insert into draws (author_id, name) values ($1, 'Nobody')")
        .bind(w.a)
        .execute(&mut *anon)
        .await;
    assert_eq!(sqlstate(anonymous), "42501");
}

#[tokio::test]
async fn a_draw_with_fewer_than_three_or_more_than_thirty_two_people_is_refused_at_commit() {
    let w = world().await;
    for size in [0usize, 2, 33] {
        let mut tx = w.db.as_user(Some(w.o)).await;
        let draw: Uuid = sqlx::query_scalar(
            "insert into draws (author_id, name) values ($1, 'Sized') returning id",
        )
        .bind(w.o)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        for i in 0..size {
            sqlx::query(
                "insert into draw_participants (draw_id, name, surname, email) values ($1, 'P', 'Q', $2)",
            )
            .bind(draw)
            .bind(format!("p{i}@example.org"))
            .execute(&mut *tx)
            .await
            .unwrap();
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
    let mut everyone = vec![w.office_a, w.office_p, w.office_q];
    everyone.sort();
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
    let mut tx = w.db.as_user(Some(w.p)).await;
    let own =
        sqlx::query("update draw_participants set gift_preferences = 'Books, tea' where id = $1")
            .bind(w.office_p)
            .execute(&mut *tx)
            .await
            .unwrap();
    let recipient =
        sqlx::query("update draw_participants set gift_preferences = 'Coal' where id = $1")
            .bind(w.office_q)
            .execute(&mut *tx)
            .await
            .unwrap();
    tx.commit().await.unwrap();
    assert_eq!((own.rows_affected(), recipient.rows_affected()), (1, 0));
    let prefs: String = w
        .admin_scalar(
            "select gift_preferences from draw_participants where id = $1",
            w.office_q,
        )
        .await;
    assert_eq!(prefs, "Wishes of Quinn");

    let mut tx = w.db.as_user(Some(w.p)).await;
    let rename = sqlx::query("update draw_participants set name = 'Someone else' where id = $1")
        .bind(w.office_p)
        .execute(&mut *tx)
        .await;
    assert_eq!(sqlstate(rename), "42501");
}

#[tokio::test]
async fn the_author_manages_people_of_an_open_draw_and_another_author_cannot() {
    let w = world().await;
    let mut tx = w.db.as_user(Some(w.b)).await;
    let renamed = sqlx::query("update draw_participants set name = 'Faye' where id = $1")
        .bind(w.friends_rows[0])
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(renamed.rows_affected(), 1);

    let mut tx = w.db.as_user(Some(w.a)).await;
    let foreign = sqlx::query("update draw_participants set name = 'Nope' where id = $1")
        .bind(w.friends_rows[1])
        .execute(&mut *tx)
        .await
        .unwrap();
    let foreign_delete = sqlx::query("delete from draw_participants where id = $1")
        .bind(w.friends_rows[1])
        .execute(&mut *tx)
        .await
        .unwrap();
    let foreign_insert = sqlx::query(
        "insert into draw_participants (draw_id, name, surname, email) values ($1, 'Sneaky', 'Add', 'sneaky@example.org')",
    )
    .bind(w.friends)
    .execute(&mut *tx)
    .await;
    assert_eq!(sqlstate(foreign_insert), "42501");
    drop(tx);
    assert_eq!(
        (foreign.rows_affected(), foreign_delete.rows_affected()),
        (0, 0)
    );
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
        sqlx::query("insert into matches (draw_id, giver_id, recipient_id) values ($1, $2, $3)")
            .bind(w.friends)
            .bind(giver)
            .bind(recipient)
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    let returning = sqlx::query(
        "insert into matches (draw_id, giver_id, recipient_id) values ($1, $2, $3) returning id",
    )
    .bind(w.friends)
    .bind(f1)
    .bind(f2)
    .fetch_one(&mut *tx)
    .await;
    assert_eq!(sqlstate(returning), "42501", "RETURNING needs read access");
    drop(tx);

    let mut tx = w.db.as_user(Some(w.b)).await;
    for (giver, recipient) in [(f1, f3), (f3, f2), (f2, f1)] {
        sqlx::query("insert into matches (draw_id, giver_id, recipient_id) values ($1, $2, $3)")
            .bind(w.friends)
            .bind(giver)
            .bind(recipient)
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    let visible: i64 = sqlx::query_scalar("select count(*) from matches")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(visible, 0);
    let stored: i64 = w
        .admin_scalar("select count(*) from matches where draw_id = $1", w.friends)
        .await;
    assert_eq!(stored, 3);
}

#[tokio::test]
async fn nobody_writes_matches_into_a_drawn_draw_or_someone_elses_draw() {
    let w = world().await;
    let [f1, f2, _] = w.friends_rows;
    let mut tx = w.db.as_user(Some(w.a)).await;
    let foreign =
        sqlx::query("insert into matches (draw_id, giver_id, recipient_id) values ($1, $2, $3)")
            .bind(w.friends)
            .bind(f1)
            .bind(f2)
            .execute(&mut *tx)
            .await;
    assert_eq!(sqlstate(foreign), "42501");
    drop(tx);

    let mut tx = w.db.as_user(Some(w.a)).await;
    let changed = sqlx::query("update matches set recipient_id = $1 where giver_id = $2")
        .bind(w.office_q)
        .bind(w.office_a)
        .execute(&mut *tx)
        .await;
    assert_eq!(sqlstate(changed), "42501");
}

#[tokio::test]
async fn a_match_needs_two_different_people_of_the_same_draw() {
    let w = world().await;
    let [f1, _, _] = w.friends_rows;
    let mut tx = w.db.as_user(Some(w.b)).await;
    let itself =
        sqlx::query("insert into matches (draw_id, giver_id, recipient_id) values ($1, $2, $2)")
            .bind(w.friends)
            .bind(f1)
            .execute(&mut *tx)
            .await;
    assert_eq!(sqlstate(itself), "23514");
    drop(tx);

    // Another open draw of B's: its people cannot be matched with Friends' people.
    let mut tx = w.db.as_user(Some(w.b)).await;
    let other: Uuid =
        sqlx::query_scalar("insert into draws (author_id, name) values ($1, 'Other') returning id")
            .bind(w.b)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    let mut stranger = Uuid::nil();
    for email in ["o1@example.org", "o2@example.org", "o3@example.org"] {
        stranger = sqlx::query_scalar(
            "insert into draw_participants (draw_id, name, surname, email) values ($1, 'O', 'P', $2) returning id",
        )
        .bind(other)
        .bind(email)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();

    let mut tx = w.db.as_user(Some(w.b)).await;
    let cross_draw =
        sqlx::query("insert into matches (draw_id, giver_id, recipient_id) values ($1, $2, $3)")
            .bind(w.friends)
            .bind(f1)
            .bind(stranger)
            .execute(&mut *tx)
            .await;
    assert_eq!(sqlstate(cross_draw), "23503");
}

#[tokio::test]
async fn exclusions_are_the_authors_business_only() {
    let w = world().await;
    assert_eq!(w.count(Some(w.b), "exclusions").await, 1);
    assert_eq!(w.count(Some(w.a), "exclusions").await, 0);
    assert_eq!(w.count(Some(w.o), "exclusions").await, 0);

    let [f1, _, f3] = w.friends_rows;
    let mut tx = w.db.as_user(Some(w.a)).await;
    let foreign =
        sqlx::query("insert into exclusions (draw_id, giver_id, recipient_id) values ($1, $2, $3)")
            .bind(w.friends)
            .bind(f1)
            .bind(f3)
            .execute(&mut *tx)
            .await;
    assert_eq!(sqlstate(foreign), "42501");
    drop(tx);

    let mut tx = w.db.as_user(Some(w.b)).await;
    sqlx::query("insert into exclusions (draw_id, giver_id, recipient_id) values ($1, $2, $3)")
        .bind(w.friends)
        .bind(f1)
        .bind(f3)
        .execute(&mut *tx)
        .await
        .unwrap();
    let removed = sqlx::query("delete from exclusions where draw_id = $1")
        .bind(w.friends)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(removed.rows_affected(), 2);
}

#[tokio::test]
async fn gift_ideas_belong_to_the_giver_of_the_match_alone() {
    let w = world().await;
    assert_eq!(w.count(Some(w.p), "ai_suggestions").await, 1);
    for other in [w.a, w.q, w.b, w.o] {
        assert_eq!(w.count(Some(other), "ai_suggestions").await, 0);
    }
    let mut tx = w.db.as_user(Some(w.a)).await;
    let stolen =
        sqlx::query("insert into ai_suggestions (match_id, data, model) values ($1, '[]', 'x')")
            .bind(w.match_p)
            .execute(&mut *tx)
            .await;
    assert_eq!(sqlstate(stolen), "42501");
    drop(tx);

    let mut tx = w.db.as_user(Some(w.a)).await;
    sqlx::query(
        "insert into ai_suggestions (match_id, data, model) values ($1, '[\"socks\"]', 'offline')",
    )
    .bind(w.match_a)
    .execute(&mut *tx)
    .await
    .unwrap();
    let wiped = sqlx::query("delete from ai_suggestions where match_id = $1")
        .bind(w.match_p)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(wiped.rows_affected(), 0);
    assert_eq!(w.count(Some(w.a), "ai_suggestions").await, 1);
}

#[tokio::test]
async fn a_giver_marks_only_their_own_match_as_opened_and_can_change_nothing_else_of_it() {
    let w = world().await;
    let mut tx = w.db.as_user(Some(w.p)).await;
    let marked = sqlx::query("update matches set viewed_at = now()")
        .execute(&mut *tx)
        .await
        .unwrap();
    assert_eq!(marked.rows_affected(), 1, "only p's own match");
    let swapped = sqlx::query("update matches set recipient_id = giver_id where id = $1")
        .bind(w.match_p)
        .execute(&mut *tx)
        .await;
    assert_eq!(sqlstate(swapped), "42501");
    drop(tx);

    // The organizer (and anyone else) marks nothing.
    for other in [w.a, w.b, w.q] {
        let mut tx = w.db.as_user(Some(other)).await;
        let marked = sqlx::query("update matches set viewed_at = now() where id = $1")
            .bind(w.match_p)
            .execute(&mut *tx)
            .await
            .unwrap();
        assert_eq!(marked.rows_affected(), 0);
    }
}

#[tokio::test]
async fn the_gift_idea_lease_of_a_match_is_its_givers_alone() {
    let w = world().await;
    let mut tx = w.db.as_user(Some(w.p)).await;
    sqlx::query("insert into ai_requests (match_id) values ($1)")
        .bind(w.match_p)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(w.count(Some(w.p), "ai_requests").await, 1);
    for other in [w.a, w.q, w.b, w.o] {
        assert_eq!(w.count(Some(other), "ai_requests").await, 0);
        let mut tx = w.db.as_user(Some(other)).await;
        let taken = sqlx::query("update ai_requests set lease_until = now() + interval '1 hour'")
            .execute(&mut *tx)
            .await
            .unwrap();
        assert_eq!(taken.rows_affected(), 0);
    }
    let mut tx = w.db.as_user(Some(w.a)).await;
    let forged = sqlx::query("insert into ai_requests (match_id) values ($1)")
        .bind(w.match_p)
        .execute(&mut *tx)
        .await;
    assert_eq!(sqlstate(forged), "42501");
}

#[tokio::test]
async fn tokens_are_out_of_reach_of_every_user() {
    let w = world().await;
    for user in [None, Some(w.q), Some(w.a)] {
        let mut tx = w.db.as_user(user).await;
        let read = sqlx::query("select * from auth_tokens")
            .fetch_all(&mut *tx)
            .await;
        assert_eq!(sqlstate(read), "42501");
    }
}

#[tokio::test]
async fn sessions_are_reached_only_one_at_a_time_by_the_hash_of_their_id() {
    let w = world().await;
    for user in [None, Some(w.a)] {
        let mut tx = w.db.as_user(user).await;
        let listed = sqlx::query("select * from sessions")
            .fetch_all(&mut *tx)
            .await;
        assert_eq!(sqlstate(listed), "42501", "no one lists sessions");
    }
    let mut tx = w.db.as_user(None).await;
    let created: bool = sqlx::query_scalar(
        "select app.session_create(sha256('s1'), '\\x00', now() + interval '1 day')",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    let again: bool = sqlx::query_scalar(
        "select app.session_create(sha256('s1'), '\\x01', now() + interval '1 day')",
    )
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    let found: i64 = sqlx::query_scalar("select count(*) from app.session_load(sha256('s1'))")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    let by_plain_id: i64 = sqlx::query_scalar("select count(*) from app.session_load('s1')")
        .fetch_one(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!((created, again, found, by_plain_id), (true, false, 1, 0));
}

#[tokio::test]
async fn login_credentials_are_found_by_email_in_any_case_and_unknown_emails_find_nothing() {
    let w = world().await;
    let mut tx = w.db.as_user(None).await;
    let known: Option<(Uuid, Option<String>)> =
        sqlx::query_as("select user_id, password_hash from app.login_credentials($1)")
            .bind("A@Example.ORG")
            .fetch_optional(&mut *tx)
            .await
            .unwrap();
    let unknown: Option<(Uuid, Option<String>)> =
        sqlx::query_as("select user_id, password_hash from app.login_credentials($1)")
            .bind("nobody@example.org")
            .fetch_optional(&mut *tx)
            .await
            .unwrap();
    assert_eq!(known, Some((w.a, Some(HASH.to_string()))));
    assert_eq!(unknown, None);
}

#[tokio::test]
async fn registering_never_takes_over_an_existing_account() {
    let w = world().await;
    let new_hash = "$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdA$bmV3aGFzaG5ld2hhc2g";
    let mut tx = w.db.as_user(None).await;
    let fresh: Option<Uuid> =
        sqlx::query_scalar("select app.register_author($1, $2, 'New', 'Comer')")
            .bind("newcomer@example.org")
            .bind(new_hash)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    let taken: Option<Uuid> =
        sqlx::query_scalar("select app.register_author($1, $2, 'Q', 'Taken')")
            .bind("Q@example.org")
            .bind(new_hash)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    tx.commit().await.unwrap();
    assert!(fresh.is_some());
    assert_eq!(taken, None);
    let q_hash: Option<String> = w
        .admin_scalar("select password_hash from users where id = $1", w.q)
        .await;
    assert_eq!(q_hash.as_deref(), Some(HASH));
}

#[tokio::test]
async fn a_token_is_consumed_once_and_only_before_it_expires() {
    let w = world().await;
    let consume = |hash_of: &'static str| {
        sqlx::query_scalar::<_, Option<Uuid>>(
            "select app.consume_token(sha256($1::bytea), 'reset_password')",
        )
        .bind(hash_of.as_bytes().to_vec())
    };
    sqlx::query(
        "insert into auth_tokens (user_id, purpose, token_hash, expires_at)
         values ($1, 'reset_password', sha256('q-token'), now() + interval '1 hour')",
    )
    .bind(w.q)
    .execute(&w.db.admin)
    .await
    .unwrap();
    let mut tx = w.db.as_user(None).await;
    let first = consume("q-token").fetch_one(&mut *tx).await.unwrap();
    let second = consume("q-token").fetch_one(&mut *tx).await.unwrap();
    let unknown = consume("guess").fetch_one(&mut *tx).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!((first, second, unknown), (Some(w.q), None, None));

    sqlx::query(
        "insert into auth_tokens (user_id, purpose, token_hash, expires_at)
         values ($1, 'reset_password', sha256('old-token'), now() - interval '1 second')",
    )
    .bind(w.q)
    .execute(&w.db.admin)
    .await
    .unwrap();
    let mut tx = w.db.as_user(None).await;
    let expired = consume("old-token").fetch_one(&mut *tx).await.unwrap();
    assert_eq!(expired, None);
}

#[tokio::test]
async fn an_invitation_joins_its_one_membership_and_never_opens_an_existing_account() {
    let w = world().await;
    let row = w.friends_rows[1];
    // Only the organizer of the draw issues a link for one of its people.
    let mut tx = w.db.as_user(Some(w.a)).await;
    let refused =
        sqlx::query_scalar::<_, bool>("select app.issue_invitation($1, sha256('g-token'), 3600)")
            .bind(row)
            .fetch_one(&mut *tx)
            .await;
    assert_eq!(sqlstate(refused), "42501");
    drop(tx);
    let mut tx = w.db.as_user(Some(w.b)).await;
    let issued: bool =
        sqlx::query_scalar("select app.issue_invitation($1, sha256('g-token'), 3600)")
            .bind(row)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    tx.commit().await.unwrap();
    assert!(issued);

    // Redeeming with an address that has an account changes nothing and keeps the link open.
    let mut tx = w.db.as_user(None).await;
    let (status, user): (String, Option<Uuid>) = sqlx::query_as(
        "select status, user_id from app.accept_invitation(sha256('g-token'), 'a@example.org', $1)",
    )
    .bind(HASH.replace("c2FsdHNhbHQ", "b3RoZXJzYWx0"))
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!((status.as_str(), user), ("email_taken", None));
    let a_hash: String = w
        .admin_scalar("select password_hash from users where id = $1", w.a)
        .await;
    assert_eq!(a_hash, HASH, "the account's password is untouched");

    // Nobody logged in cannot join; the outsider, logged in, joins that one row.
    let mut tx = w.db.as_user(None).await;
    let (status,): (String,) =
        sqlx::query_as("select status from app.join_with_invitation(sha256('g-token'))")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    assert_eq!(status, "invalid");
    drop(tx);
    let mut tx = w.db.as_user(Some(w.o)).await;
    let (status, draw): (String, Option<Uuid>) =
        sqlx::query_as("select status, draw_id from app.join_with_invitation(sha256('g-token'))")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    tx.commit().await.unwrap();
    assert_eq!((status.as_str(), draw), ("ok", Some(w.friends)));
    let joined: Option<Uuid> = w
        .admin_scalar("select user_id from draw_participants where id = $1", row)
        .await;
    assert_eq!(joined, Some(w.o));

    // Spent: a second use is refused, and a joined person gets no new link.
    let mut tx = w.db.as_user(Some(w.p)).await;
    let (status,): (String,) =
        sqlx::query_as("select status from app.join_with_invitation(sha256('g-token'))")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    assert_eq!(status, "invalid");
    drop(tx);
    let mut tx = w.db.as_user(Some(w.b)).await;
    let again: bool =
        sqlx::query_scalar("select app.issue_invitation($1, sha256('h-token'), 3600)")
            .bind(row)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    assert!(!again);
}

#[tokio::test]
async fn the_database_holds_gift_preferences_to_the_same_limit_as_the_domain() {
    let w = world().await;
    let update = |text: String| {
        sqlx::query("update draw_participants set gift_preferences = $1 where id = $2")
            .bind(text)
            .bind(w.office_p)
    };
    let mut tx = w.db.as_user(Some(w.p)).await;
    let at_limit = update("é".repeat(MAX_GIFT_PREFERENCES_CHARS))
        .execute(&mut *tx)
        .await
        .unwrap();
    assert_eq!(at_limit.rows_affected(), 1);
    let over = update("é".repeat(MAX_GIFT_PREFERENCES_CHARS + 1))
        .execute(&mut *tx)
        .await;
    assert_eq!(sqlstate(over), "23514");
}

#[tokio::test]
async fn an_email_appears_once_per_draw_whatever_its_case() {
    let w = world().await;
    let mut tx = w.db.as_user(Some(w.b)).await;
    let duplicate = sqlx::query(
        "insert into draw_participants (draw_id, name, surname, email) values ($1, 'Fay', 'Again', 'F1@EXAMPLE.org')",
    )
    .bind(w.friends)
    .execute(&mut *tx)
    .await;
    match duplicate {
        Err(sqlx::Error::Database(e)) => {
            assert_eq!(e.code().as_deref(), Some("23505"));
            assert_eq!(e.constraint(), Some("draw_participants_draw_id_email_key"));
        }
        other => panic!("duplicate email accepted: {other:?}"),
    }
}
