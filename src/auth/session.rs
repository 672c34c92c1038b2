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
    /// Unix milliseconds when the inactivity timeout was last pushed back (see [`keep_alive`]).
    #[serde(default)]
    seen_ms: u64,
}

/// The logged-in user of this request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthUser {
    pub id: Uuid,
    pub email: String,
    pub role: String,
    /// Empty for accounts made before names were asked.
    pub first_name: String,
    pub surname: String,
    /// The language they chose with the switcher (None until they choose).
    pub language: Option<crate::i18n::Lang>,
}

impl AuthUser {
    /// How other people see this user: their name with their address, or the address alone
    /// when they gave no name (as `app.display_name`).
    pub fn display_name(&self) -> String {
        if self.first_name.is_empty() {
            self.email.clone()
        } else {
            format!("{} {} ({})", self.first_name, self.surname, self.email)
        }
    }
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

fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
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
                seen_ms: now_millis(),
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
    State((pool, config)): State<(PgPool, std::sync::Arc<AuthConfig>)>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let user = if request.uri().path().starts_with("/pkg/") {
        None
    } else {
        match current_user(&pool, &config, &session).await {
            Ok(user) => user,
            // The database cannot say who this is: answer "busy" rather than treat a logged-in
            // person as a visitor (which would send them to the login page).
            Err(()) => return unavailable(&request, &config),
        }
    };
    request.extensions_mut().insert(CurrentUser(user));
    next.run(request).await
}

/// 503 with `AppError::Unavailable`: JSON for server functions, a short page for browsers.
fn unavailable(request: &Request, config: &AuthConfig) -> Response {
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;
    let lang = crate::i18n::Lang::of_headers(request.headers()).unwrap_or(config.default_language);
    let message = AppError::Unavailable.text(lang);
    let wants_html = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let retry = [(header::RETRY_AFTER, "5")];
    if wants_html && !request.uri().path().starts_with("/api/") {
        let (code, title, again) = (
            lang.code(),
            crate::tr!(lang, "error-busy-title"),
            crate::tr!(lang, "error-try-again"),
        );
        let page = format!(
            "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{title} · Secret Santa</title></head><body><main>\
             <h1>{title}</h1><p>{message}</p><p><a href=\"\">{again}</a></p>\
             </main></body></html>"
        );
        (
            StatusCode::SERVICE_UNAVAILABLE,
            retry,
            axum::response::Html(page),
        )
            .into_response()
    } else {
        let body = serde_json::to_string(&AppError::Unavailable).unwrap_or_default();
        (
            StatusCode::SERVICE_UNAVAILABLE,
            retry,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response()
    }
}

/// Pushes the session's inactivity timeout back while it is in use — but writes the session row
/// at most once per twentieth of the timeout, not on every request: the store saves a session
/// (an UPDATE and a commit) only when it changed, and with `Expiry::OnInactivity` a save stores
/// "now + the timeout". So a session in use lives on, and an unused one ends between 95 % and
/// 100 % of the timeout after its last request.
async fn keep_alive(config: &AuthConfig, session: &Session, mut auth: SessionAuth) {
    let now = now_millis();
    let step = config.session_inactivity.as_millis() / 20;
    if u128::from(now.saturating_sub(auth.seen_ms)) < step {
        return;
    }
    auth.seen_ms = now;
    if let Err(err) = session.insert(AUTH_KEY, auth).await {
        tracing::warn!(error = %err, "cannot extend a session");
    }
}

async fn current_user(
    pool: &PgPool,
    config: &AuthConfig,
    session: &Session,
) -> Result<Option<AuthUser>, ()> {
    let auth = match session.get::<SessionAuth>(AUTH_KEY).await {
        Ok(Some(auth)) => auth,
        Ok(None) => return Ok(None),
        Err(err) => {
            tracing::warn!(error = %err, "cannot load session");
            return Err(());
        }
    };
    if now_secs().saturating_sub(auth.since) > config.session_lifetime.as_secs() {
        let _ = session.flush().await;
        return Ok(None);
    }
    let row = async {
        let mut tx = db::as_user(pool, Some(auth.user_id)).await?;
        let row = db::accounts::session_user(&mut tx, auth.user_id).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(row)
    }
    .await;
    match row {
        Ok(Some(row)) if row.session_version == auth.version => {
            let id = auth.user_id;
            keep_alive(config, session, auth).await;
            Ok(Some(AuthUser {
                id,
                email: row.email,
                role: row.role,
                first_name: row.first_name,
                surname: row.surname,
                language: row
                    .language
                    .as_deref()
                    .and_then(crate::i18n::Lang::from_code),
            }))
        }
        Ok(_) => {
            let _ = session.flush().await;
            Ok(None)
        }
        Err(err) => {
            tracing::error!(error = %err, "cannot resolve the current user");
            Err(())
        }
    }
}
