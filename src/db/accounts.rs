//! Accounts: registration, credentials, names, password changes and resets. What an anonymous
//! transaction may not read (hashes, other people's rows) goes through the migrations' definer
//! functions; the rest runs in the user's own transaction under row-level security.

use sqlx::PgConnection;
use uuid::Uuid;

/// The logged-in user as the session middleware needs them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionUserRow {
    pub email: String,
    pub role: String,
    pub session_version: i32,
    pub first_name: String,
    pub surname: String,
    pub language: Option<String>,
}

/// The user behind a session (in their own transaction), or None when the account is gone.
pub async fn session_user(
    conn: &mut PgConnection,
    user: Uuid,
) -> Result<Option<SessionUserRow>, sqlx::Error> {
    sqlx::query_as(
        "select email::text as email, role::text as role, session_version,
                coalesce(first_name, '') as first_name, coalesce(surname, '') as surname, language
         from users where id = $1",
    )
    .bind(user)
    .fetch_optional(conn)
    .await
}

/// A new author account; None when the email is taken.
pub async fn register_author(
    conn: &mut PgConnection,
    email: &str,
    password_hash: &str,
    first_name: &str,
    surname: &str,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar("select app.register_author($1, $2, $3, $4)")
        .bind(email)
        .bind(password_hash)
        .bind(first_name)
        .bind(surname)
        .fetch_one(conn)
        .await
}

/// The account of `email` and its password hash (None while the password is not set yet).
pub async fn login_credentials(
    conn: &mut PgConnection,
    email: &str,
) -> Result<Option<(Uuid, Option<String>)>, sqlx::Error> {
    sqlx::query_as("select user_id, password_hash from app.login_credentials($1)")
        .bind(email)
        .fetch_optional(conn)
        .await
}

/// The session version of the transaction's own account.
pub async fn session_version(conn: &mut PgConnection, user: Uuid) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar("select session_version from users where id = $1")
        .bind(user)
        .fetch_one(conn)
        .await
}

/// Replaces the user's password and ends their other sessions; returns the new session version.
pub async fn change_password(
    conn: &mut PgConnection,
    user: Uuid,
    password_hash: &str,
) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar(
        "update users
         set password_hash = $1, password_set_at = now(), session_version = session_version + 1
         where id = $2
         returning session_version",
    )
    .bind(password_hash)
    .bind(user)
    .fetch_one(conn)
    .await
}

/// Sets the name other people see (empty strings: no name).
pub async fn update_name(
    conn: &mut PgConnection,
    user: Uuid,
    first_name: &str,
    surname: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("update users set first_name = $1, surname = $2 where id = $3")
        .bind(first_name)
        .bind(surname)
        .bind(user)
        .execute(conn)
        .await?;
    Ok(())
}

/// Keeps the language the user chose (in their own transaction).
pub async fn set_language(
    conn: &mut PgConnection,
    user: Uuid,
    language: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("update users set language = $1 where id = $2")
        .bind(language)
        .bind(user)
        .execute(conn)
        .await?;
    Ok(())
}

/// Stores a reset token's hash for the account of `email`; returns the address to mail it to and
/// the language the account's owner chose (None until they choose one), or None when no account
/// has that email.
pub async fn issue_password_reset(
    conn: &mut PgConnection,
    email: &str,
    token_hash: &[u8],
    ttl: std::time::Duration,
) -> Result<Option<(String, Option<String>)>, sqlx::Error> {
    sqlx::query_as("select email, language from app.issue_password_reset($1, $2, $3)")
        .bind(email)
        .bind(token_hash)
        .bind(i32::try_from(ttl.as_secs()).unwrap_or(i32::MAX))
        .fetch_optional(conn)
        .await
}

/// Whether a reset link still works: known, unused and unexpired.
pub async fn reset_link_works(conn: &mut PgConnection, token: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("select app.reset_link_works($1)")
        .bind(super::run::token_hash(token))
        .fetch_one(conn)
        .await
}

/// Consumes a reset link and sets the password: the account and its new session version, or
/// None when the link is unknown, used or expired.
pub async fn reset_password(
    conn: &mut PgConnection,
    token: &str,
    password_hash: &str,
) -> Result<Option<(Uuid, i32)>, sqlx::Error> {
    sqlx::query_as("select user_id, session_version from app.reset_password($1, $2)")
        .bind(super::run::token_hash(token))
        .bind(password_hash)
        .fetch_optional(conn)
        .await
}
