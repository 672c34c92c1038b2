//! Server functions: thin — who is asking, their transaction, the domain rules, an `AppError`.

pub mod auth;
pub mod draws;
pub mod participant;
pub mod run;

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use std::net::{IpAddr, Ipv4Addr, SocketAddr};

    use axum::extract::ConnectInfo;
    use axum::Extension;
    use leptos::prelude::*;
    use tower_sessions::Session;

    use crate::auth::{AuthUser, CurrentUser};
    use crate::context::AppContext;
    use crate::error::AppError;

    /// An id from the browser: anything that is not a UUID is simply not found.
    pub fn parse_id(id: &str) -> Result<uuid::Uuid, AppError> {
        uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)
    }

    /// The rules for a new password and its confirmation, as field errors.
    pub fn new_password_errors(password: &str, confirm: &str) -> Vec<crate::error::FieldError> {
        use crate::error::FieldError;
        let mut errors = Vec::new();
        if let Err(e) = crate::domain::Password::parse(password) {
            errors.push(FieldError::new("password", e));
        }
        if password != confirm {
            errors.push(FieldError::new(
                "confirm",
                "The two passwords do not match.",
            ));
        }
        errors
    }

    /// Sets a new password through a single-use reset link (consumed by its definer function, in
    /// one transaction) and logs the person in with a new session id.
    pub async fn reset_with_link(
        token: &str,
        password: &str,
        confirm: &str,
    ) -> Result<(), AppError> {
        let ctx = context()?;
        let errors = new_password_errors(password, confirm);
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        let hash = ctx.passwords.hash_new(password).await?;
        let mut tx = crate::db::as_user(&ctx.pool, None).await?;
        let done: Option<(uuid::Uuid, i32)> =
            sqlx::query_as("select user_id, session_version from app.reset_password($1, $2)")
                .bind(crate::db::run::token_hash(token))
                .bind(&hash)
                .fetch_optional(&mut *tx)
                .await?;
        tx.commit().await?;
        let (user_id, version) = done.ok_or(AppError::NotFound)?;
        crate::auth::session::log_in(&session().await?, user_id, version).await
    }

    /// Counts a new account from this client (registration, or redeeming an invitation with a
    /// new account) against its address and network, refusing it past the limit.
    pub async fn new_account_attempt(ctx: &AppContext) -> Result<(), AppError> {
        let keys = crate::auth::throttle::LoginKeys::registration(&ctx.auth, client_ip().await);
        crate::auth::throttle::attempt(&ctx.pool, &ctx.auth, &keys)
            .await
            .map_err(|e| match e {
                AppError::TooManyAttempts { retry_after_secs } => {
                    AppError::TooManyRegistrations { retry_after_secs }
                }
                other => other,
            })
    }

    pub fn context() -> Result<AppContext, AppError> {
        use_context::<AppContext>().ok_or(AppError::Internal)
    }

    /// The user this request's session belongs to, as resolved once by the middleware.
    pub async fn current_user() -> Result<Option<AuthUser>, AppError> {
        let Extension(CurrentUser(user)) = leptos_axum::extract::<Extension<CurrentUser>>()
            .await
            .map_err(|_| AppError::Internal)?;
        Ok(user)
    }

    pub async fn require_user() -> Result<AuthUser, AppError> {
        current_user().await?.ok_or(AppError::Unauthorized)
    }

    pub async fn session() -> Result<Session, AppError> {
        leptos_axum::extract::<Session>()
            .await
            .map_err(|_| AppError::Internal)
    }

    /// The peer address of the connection (the app does not trust forwarding headers).
    pub async fn client_ip() -> IpAddr {
        leptos_axum::extract::<ConnectInfo<SocketAddr>>()
            .await
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |ConnectInfo(addr)| {
                addr.ip()
            })
    }

    /// Gives a failed server function the HTTP status of its error. A plain HTML form post
    /// (no JavaScript) is left alone: it must stay a redirect back to the form.
    pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
        let from_html_form = use_context::<axum::http::request::Parts>().is_some_and(|parts| {
            parts
                .headers
                .get(axum::http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
        });
        if from_html_form {
            return result;
        }
        if let Err(err) = &result {
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                if let Ok(status) = axum::http::StatusCode::from_u16(err.status()) {
                    response.set_status(status);
                }
            }
        }
        result
    }
}
