//! Server functions: thin — who is asking, their transaction, the domain rules, an `AppError`.
//! A failed server function answers with its error's HTTP status: the `api_errors` middleware
//! sets it from the error in the body (and a no-JavaScript form post stays a redirect back).

pub mod auth;
pub mod changes;
pub mod draws;
pub mod messages;
pub mod participant;
pub mod run;

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use std::net::{IpAddr, Ipv4Addr, SocketAddr};

    use axum::extract::ConnectInfo;
    use leptos::prelude::*;
    use sqlx::{Postgres, Transaction};
    use tower_sessions::Session;
    use uuid::Uuid;

    use crate::auth::{AuthUser, CurrentUser};
    use crate::context::AppContext;
    use crate::db;
    use crate::error::AppError;

    /// The language chosen with the switcher in this browser (its cookie), if any.
    pub fn chosen_language() -> Option<crate::i18n::Lang> {
        with_context::<axum::http::request::Parts, _>(|parts| {
            crate::i18n::Lang::chosen_in(&parts.headers)
        })
        .flatten()
    }

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
                crate::tr!(crate::i18n::current(), "validation-passwords-differ"),
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
        let mut tx = anonymous(&ctx).await?;
        let done = db::accounts::reset_password(&mut tx, token, &hash).await?;
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

    /// Where the browser goes after a plain form post (no JavaScript) that went through: the page
    /// that shows the result. A script's call gets the result itself and is not redirected.
    pub fn after_form_post(path: &str) {
        if plain_post() {
            leptos_axum::redirect(path);
        }
    }

    /// This request is a browser's plain form post to a server function (it asks for a page
    /// back), not a script's call (which asks for the result) nor a page rendering that calls one.
    pub fn plain_post() -> bool {
        with_context::<axum::http::request::Parts, _>(|parts| {
            parts.uri.path().starts_with("/api/")
                && parts
                    .headers
                    .get(axum::http::header::ACCEPT)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
    }

    pub fn context() -> Result<AppContext, AppError> {
        use_context::<AppContext>().ok_or(AppError::Internal)
    }

    /// The logged-in person calling a server function, with the app's context.
    pub struct Caller {
        pub ctx: AppContext,
        pub user: AuthUser,
    }

    impl Caller {
        pub fn id(&self) -> Uuid {
            self.user.id
        }

        /// A transaction that carries this person: row-level security decides what it reaches.
        pub async fn begin(&self) -> Result<Transaction<'static, Postgres>, AppError> {
            Ok(db::as_user(&self.ctx.pool, Some(self.user.id)).await?)
        }
    }

    /// Who is calling: the logged-in person, or `Unauthorized`.
    pub async fn caller() -> Result<Caller, AppError> {
        Ok(Caller {
            ctx: context()?,
            user: require_user().await?,
        })
    }

    /// A transaction that carries nobody: only the definer functions open to anyone reach data.
    pub async fn anonymous(ctx: &AppContext) -> Result<Transaction<'static, Postgres>, AppError> {
        Ok(db::as_user(&ctx.pool, None).await?)
    }

    /// The user this request's session belongs to, as resolved once by the middleware. (Read in
    /// place: `leptos_axum::extract` would copy the request's headers and extensions first.)
    pub async fn current_user() -> Result<Option<AuthUser>, AppError> {
        with_context::<axum::http::request::Parts, _>(|parts| {
            parts
                .extensions
                .get::<CurrentUser>()
                .map(|CurrentUser(user)| user.clone())
        })
        .flatten()
        .ok_or(AppError::Internal)
    }

    pub async fn require_user() -> Result<AuthUser, AppError> {
        current_user().await?.ok_or(AppError::Unauthorized)
    }

    pub async fn session() -> Result<Session, AppError> {
        leptos_axum::extract::<Session>()
            .await
            .map_err(|_| AppError::Internal)
    }

    /// The client's address, as the throttles count it: the connection's peer, or — only when
    /// that peer is one of `TRUSTED_PROXIES` — the client its `X-Forwarded-For` names.
    pub async fn client_ip() -> IpAddr {
        let peer = leptos_axum::extract::<ConnectInfo<SocketAddr>>()
            .await
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |ConnectInfo(addr)| {
                addr.ip()
            });
        let Some(ctx) = use_context::<AppContext>() else {
            return peer;
        };
        if ctx.auth.trusted_proxies.is_empty() {
            return peer;
        }
        let headers = leptos_axum::extract::<axum::http::HeaderMap>()
            .await
            .unwrap_or_default();
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok());
        ctx.auth.trusted_proxies.client_address(peer, forwarded)
    }
}
