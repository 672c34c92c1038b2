//! Sessions (tower-sessions, stored in PostgreSQL) and the current user, resolved once per request.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use tower_sessions::Session;
use uuid::Uuid;

use crate::config::AuthConfig;
use crate::db;
use crate::error::AppError;

const AUTH_KEY: &str = "auth";

/// What a session remembers about its user.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SessionAuth {
    user_id: Uuid,
    /// `users.session_version` at login; a password change bumps it and ends older sessions.
    version: i32,
    /// Unix seconds of the login, for the absolute lifetime.
    since: u64,
}

/// The logged-in user of this request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthUser {
    pub id: Uuid,
    pub email: String,
    pub role: String,
}

/// Put in every request's extensions by [`resolve_user`]; server functions read it, never an id
/// sent by the browser.
#[derive(Debug, Clone, Default)]
pub struct CurrentUser(pub Option<AuthUser>);

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn session_error(err: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %err, "session store error");
    AppError::Internal
}

/// Logs `user_id` in: a new session id (no fixation), remembering the user's session version.
pub async fn log_in(session: &Session, user_id: Uuid, version: i32) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(
            AUTH_KEY,
            SessionAuth {
                user_id,
                version,
                since: now_secs(),
            },
        )
        .await
        .map_err(session_error)
}

/// Keeps this session valid after its user's session version changed (password change), with a
/// new id; the user's other sessions stop working.
pub async fn renew(session: &Session, version: i32) -> Result<(), AppError> {
    let Some(mut auth) = session
        .get::<SessionAuth>(AUTH_KEY)
        .await
        .map_err(session_error)?
    else {
        return Err(AppError::Unauthorized);
    };
    auth.version = version;
    session.cycle_id().await.map_err(session_error)?;
    session.insert(AUTH_KEY, auth).await.map_err(session_error)
}

/// Logs out: the session is deleted on the server and its cookie cleared.
pub async fn log_out(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(session_error)
}

/// Middleware: resolves the session's user once, checking the account still exists, that its
/// session version is current and that the session is within its absolute lifetime.
pub async fn resolve_user(
    State((pool, config)): State<(PgPool, AuthConfig)>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let user = if request.uri().path().starts_with("/pkg/") {
        None
    } else {
        current_user(&pool, &config, &session).await
    };
    request.extensions_mut().insert(CurrentUser(user));
    next.run(request).await
}

async fn current_user(pool: &PgPool, config: &AuthConfig, session: &Session) -> Option<AuthUser> {
    let auth = match session.get::<SessionAuth>(AUTH_KEY).await {
        Ok(Some(auth)) => auth,
        Ok(None) => return None,
        Err(err) => {
            tracing::warn!(error = %err, "cannot load session");
            return None;
        }
    };
    if now_secs().saturating_sub(auth.since) > config.session_lifetime.as_secs() {
        let _ = session.flush().await;
        return None;
    }
    let row = async {
        let mut tx = db::as_user(pool, Some(auth.user_id)).await?;
        let row: Option<(String, String, i32)> = sqlx::query_as(
            "select email::text, role::text, session_version from users where id = $1",
        )
        .bind(auth.user_id)
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(row)
    }
    .await;
    match row {
        Ok(Some((email, role, version))) if version == auth.version => Some(AuthUser {
            id: auth.user_id,
            email,
            role,
        }),
        Ok(_) => {
            let _ = session.flush().await;
            None
        }
        Err(err) => {
            tracing::error!(error = %err, "cannot resolve the current user");
            None
        }
    }
}
