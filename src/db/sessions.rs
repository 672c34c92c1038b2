//! Session rows and throttle counters: both live in PostgreSQL so that every app instance agrees.
//! Sessions are keyed by the SHA-256 of their id; the definer functions are the only way in.

use sqlx::PgPool;

/// Stores a new session; false when the id hash is taken (the caller picks another id).
pub async fn create(
    pool: &PgPool,
    id_hash: &[u8],
    data: &[u8],
    expiry_unix: f64,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("select app.session_create($1, $2, to_timestamp($3))")
        .bind(id_hash)
        .bind(data)
        .bind(expiry_unix)
        .fetch_one(pool)
        .await
}

pub async fn save(
    pool: &PgPool,
    id_hash: &[u8],
    data: &[u8],
    expiry_unix: f64,
) -> Result<(), sqlx::Error> {
    sqlx::query("select app.session_save($1, $2, to_timestamp($3))")
        .bind(id_hash)
        .bind(data)
        .bind(expiry_unix)
        .execute(pool)
        .await?;
    Ok(())
}

/// A live session's data and its expiry in seconds since the epoch.
pub async fn load(pool: &PgPool, id_hash: &[u8]) -> Result<Option<(Vec<u8>, f64)>, sqlx::Error> {
    sqlx::query_as("select data, extract(epoch from expiry_date)::float8 from app.session_load($1)")
        .bind(id_hash)
        .fetch_optional(pool)
        .await
}

pub async fn delete(pool: &PgPool, id_hash: &[u8]) -> Result<(), sqlx::Error> {
    sqlx::query("select app.session_delete($1)")
        .bind(id_hash)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn delete_expired(pool: &PgPool) -> Result<(), sqlx::Error> {
    sqlx::query("select app.session_delete_expired()")
        .execute(pool)
        .await?;
    Ok(())
}

/// Counts one attempt on each key (within `window_secs`) and returns how many seconds the caller
/// must wait when that puts a key over its limit (0: go ahead).
pub async fn throttle_attempt(
    pool: &PgPool,
    keys: &[&str],
    limits: &[i32],
    window_secs: i32,
) -> Result<i32, sqlx::Error> {
    let mut tx = super::as_user(pool, None).await?;
    let wait = sqlx::query_scalar("select app.throttle_attempt($1, $2, $3)")
        .bind(keys)
        .bind(limits)
        .bind(window_secs)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(wait)
}

/// Forgets the count of `forget` and gives each of `give_back` its attempt back.
pub async fn throttle_succeeded(
    pool: &PgPool,
    forget: &str,
    give_back: &[&str],
) -> Result<(), sqlx::Error> {
    let mut tx = super::as_user(pool, None).await?;
    sqlx::query("select app.throttle_login_succeeded($1, $2)")
        .bind(forget)
        .bind(give_back)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
