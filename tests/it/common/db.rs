//! Statements with their arguments in one call, on any connection (a pool, or `&mut *tx` of a
//! transaction as a user); what the superuser reads; and digests of every table with user data.

use std::collections::BTreeMap;

use sqlx::postgres::{PgArguments, PgRow};
use sqlx::{Arguments, Encode, Executor, FromRow, Postgres, Type};

use super::TestDb;

/// The arguments of a statement, `$1` first: `()`, `(id,)`, `(draw, giver, recipient)` …
pub trait Binds<'q> {
    fn into_arguments(self) -> PgArguments;
}

macro_rules! binds {
    ($($arg:ident),*) => {
        impl<'q, $($arg),*> Binds<'q> for ($($arg,)*)
        where
            $($arg: 'q + Encode<'q, Postgres> + Type<Postgres>,)*
        {
            #[allow(non_snake_case, unused_mut)]
            fn into_arguments(self) -> PgArguments {
                let mut arguments = PgArguments::default();
                let ($($arg,)*) = self;
                $(arguments.add($arg).expect("an argument that encodes");)*
                arguments
            }
        }
    };
}

binds!();
binds!(A);
binds!(A, B);
binds!(A, B, C);
binds!(A, B, C, D);

/// What a statement reads as one value: `i64`, `Uuid`, `Option<String>` …
pub trait Scalar: Send + Unpin + for<'r> sqlx::Decode<'r, Postgres> + Type<Postgres> {}
impl<T> Scalar for T where T: Send + Unpin + for<'r> sqlx::Decode<'r, Postgres> + Type<Postgres> {}

/// What a statement reads as one row: a tuple of its columns.
pub trait Record: Send + Unpin + for<'r> FromRow<'r, PgRow> {}
impl<T> Record for T where T: Send + Unpin + for<'r> FromRow<'r, PgRow> {}

/// Where a statement runs: a pool, or the connection of a transaction (`&mut *tx`).
pub trait Conn<'c>: Executor<'c, Database = Postgres> {}
impl<'c, E> Conn<'c> for E where E: Executor<'c, Database = Postgres> {}

/// What a statement that must succeed gives, or a panic that names it.
fn must<T>(sql: &str, outcome: Result<T, sqlx::Error>) -> T {
    outcome.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Runs `sql` with `binds` on `conn`: the rows it affected, or the database's refusal (for
/// [`super::sqlstate`]).
pub async fn try_exec<'c, 'q>(
    conn: impl Conn<'c>,
    sql: &'q str,
    binds: impl Binds<'q>,
) -> Result<u64, sqlx::Error> {
    let query = sqlx::query_with(sql, binds.into_arguments());
    Ok(query.execute(conn).await?.rows_affected())
}

/// [`try_exec`] of a statement that must succeed.
pub async fn exec<'c, 'q>(conn: impl Conn<'c>, sql: &'q str, binds: impl Binds<'q>) -> u64 {
    must(sql, try_exec(conn, sql, binds).await)
}

/// Every row `sql` reads, or the database's refusal.
pub async fn try_rows<'c, 'q, T: Record>(
    conn: impl Conn<'c>,
    sql: &'q str,
    binds: impl Binds<'q>,
) -> Result<Vec<T>, sqlx::Error> {
    let query = sqlx::query_as_with(sql, binds.into_arguments());
    query.fetch_all(conn).await
}

/// [`try_rows`] of a statement that must succeed.
pub async fn rows<'c, 'q, T: Record>(
    conn: impl Conn<'c>,
    sql: &'q str,
    binds: impl Binds<'q>,
) -> Vec<T> {
    must(sql, try_rows(conn, sql, binds).await)
}

/// The first row `sql` reads, if any.
pub async fn optional_row<'c, 'q, T: Record>(
    conn: impl Conn<'c>,
    sql: &'q str,
    binds: impl Binds<'q>,
) -> Option<T> {
    rows(conn, sql, binds).await.into_iter().next()
}

/// The first row `sql` reads (there must be one).
pub async fn row<'c, 'q, T: Record>(conn: impl Conn<'c>, sql: &'q str, binds: impl Binds<'q>) -> T {
    let first = optional_row(conn, sql, binds).await;
    first.unwrap_or_else(|| panic!("{sql}: no row"))
}

/// The value of the first row `sql` reads, or the database's refusal.
pub async fn try_scalar<'c, 'q, T: Scalar>(
    conn: impl Conn<'c>,
    sql: &'q str,
    binds: impl Binds<'q>,
) -> Result<T, sqlx::Error> {
    let first = try_rows::<(T,)>(conn, sql, binds).await?.into_iter().next();
    first.map(|(value,)| value).ok_or(sqlx::Error::RowNotFound)
}

/// The value of the first row `sql` reads (there must be one).
pub async fn scalar<'c, 'q, T: Scalar>(
    conn: impl Conn<'c>,
    sql: &'q str,
    binds: impl Binds<'q>,
) -> T {
    let (value,) = row(conn, sql, binds).await;
    value
}

/// The value of every row `sql` reads, in order.
pub async fn scalars<'c, 'q, T: Scalar>(
    conn: impl Conn<'c>,
    sql: &'q str,
    binds: impl Binds<'q>,
) -> Vec<T> {
    let values = rows::<(T,)>(conn, sql, binds).await;
    values.into_iter().map(|(value,)| value).collect()
}

/// The id each run of `sql` returns (an insert … returning id), run once with each of `binds`,
/// in order.
pub async fn insert_each<'q, B: Binds<'q>>(
    conn: &mut sqlx::PgConnection,
    sql: &'q str,
    binds: impl IntoIterator<Item = B>,
) -> Vec<uuid::Uuid> {
    let mut ids = Vec::new();
    for b in binds {
        ids.push(scalar(&mut *conn, sql, b).await);
    }
    ids
}

impl TestDb {
    /// The one value `sql` selects, read by the superuser (past row-level security: never for an
    /// assertion about policies).
    pub async fn admin_scalar<'q, T: Scalar>(&self, sql: &'q str, binds: impl Binds<'q>) -> T {
        scalar(&self.admin, sql, binds).await
    }

    /// `select count(*)` of `from` (a table, and any condition), by the superuser.
    pub async fn admin_count(&self, from: &str) -> i64 {
        self.admin_scalar(&format!("select count(*) from {from}"), ())
            .await
    }

    /// A statement run by the superuser, for fixtures: the rows it affected.
    pub async fn admin_exec<'q>(&self, sql: &'q str, binds: impl Binds<'q>) -> u64 {
        exec(&self.admin, sql, binds).await
    }
}

/// Every table with user data.
pub const USER_TABLES: [&str; 13] = [
    "users",
    "draws",
    "draw_participants",
    "exclusions",
    "matches",
    "ai_suggestions",
    "ai_requests",
    "auth_tokens",
    "match_notices",
    "messages",
    "message_mail",
    "departures",
    "late_joiners",
];

/// A digest of each table: the md5 of its rows.
pub type Digest = BTreeMap<&'static str, String>;

/// A digest of every row of every table with user data, read by the superuser.
pub async fn digest(db: &TestDb) -> Digest {
    digest_except(db, |_| None).await
}

/// [`digest`] but the rows `except` leaves out of a table: a condition on its rows `t` with `$1`,
/// and the value bound to `$1` (e.g. `("t.draw_id::text = $1", id)`).
pub async fn digest_except(
    db: &TestDb,
    except: impl Fn(&str) -> Option<(&'static str, String)>,
) -> Digest {
    let mut digests = BTreeMap::new();
    for table in USER_TABLES {
        // Without a filter the condition is false for every row ($1 is bound to '').
        let (condition, value) = except(table).unwrap_or(("$1::text is null", String::new()));
        let sql = format!(
            "select coalesce(md5(string_agg(t::text, ',' order by t::text)), 'empty') \
             from {table} t where not coalesce({condition}, false)"
        );
        let value: String = try_scalar(&db.admin, &sql, (value,))
            .await
            .unwrap_or_else(|e| panic!("cannot read table {table}: {e}"));
        digests.insert(table, value);
    }
    digests
}

/// The tables whose digests differ.
pub fn changed_tables(before: &Digest, after: &Digest) -> Vec<&'static str> {
    USER_TABLES
        .into_iter()
        .filter(|t| before.get(t) != after.get(t))
        .collect()
}
