//! Failed-login throttling per account and per client address, kept in PostgreSQL so the limit
//! holds across app instances.

use std::net::IpAddr;

use sqlx::PgPool;

use crate::config::AuthConfig;
use crate::db;
use crate::domain::limits::MAX_EMAIL_CHARS;
use crate::error::AppError;

pub struct LoginKeys {
    account: String,
    address: String,
}

impl LoginKeys {
    pub fn new(email: &str, address: IpAddr) -> Self {
        // Bounded like an email address, whatever was typed.
        let email: String = email
            .trim()
            .to_lowercase()
            .chars()
            .take(MAX_EMAIL_CHARS)
            .collect();
        LoginKeys {
            account: format!("account:{email}"),
            address: format!("address:{address}"),
        }
    }
}

fn window_secs(config: &AuthConfig) -> i32 {
    i32::try_from(config.throttle_window.as_secs()).unwrap_or(i32::MAX)
}

/// Err(TooManyAttempts) while either key is locked.
pub async fn check(pool: &PgPool, config: &AuthConfig, keys: &LoginKeys) -> Result<(), AppError> {
    let mut tx = db::as_user(pool, None).await?;
    let wait: i32 = sqlx::query_scalar("select app.login_wait_seconds($1, $2, $3)")
        .bind([keys.account.as_str(), keys.address.as_str()])
        .bind([
            config.max_failures_per_account,
            config.max_failures_per_address,
        ])
        .bind(window_secs(config))
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    if wait > 0 {
        Err(AppError::TooManyAttempts {
            retry_after_secs: u32::try_from(wait).unwrap_or(1),
        })
    } else {
        Ok(())
    }
}

pub async fn record_failure(
    pool: &PgPool,
    config: &AuthConfig,
    keys: &LoginKeys,
) -> Result<(), AppError> {
    let mut tx = db::as_user(pool, None).await?;
    sqlx::query("select app.record_login_failure($1, $2)")
        .bind([keys.account.as_str(), keys.address.as_str()])
        .bind(window_secs(config))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A successful login forgets the account's failures (the address keeps its count).
pub async fn clear(pool: &PgPool, keys: &LoginKeys) -> Result<(), AppError> {
    let mut tx = db::as_user(pool, None).await?;
    sqlx::query("select app.clear_login_failures($1)")
        .bind(&keys.account)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
