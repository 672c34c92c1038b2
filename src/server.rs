//! The HTTP server: router, security middleware, health check, telemetry and graceful shutdown.

use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, FromRef, Request, State};
use axum::http::header::{
    CONTENT_SECURITY_POLICY, HOST, ORIGIN, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sqlx::PgPool;
use tower_sessions::cookie::SameSite;
use tower_sessions::session_store::ExpiredDeletion;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::auth::session::resolve_user;
use crate::auth::session_store::HashedSessionStore;
use crate::config::AuthConfig;
use crate::ui::{shell, App};

pub use crate::context::AppContext;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub ctx: AppContext,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl FromRef<AppState> for PgPool {
    fn from_ref(state: &AppState) -> Self {
        state.ctx.pool.clone()
    }
}

/// Largest request body accepted (a draw of 32 people with long wish lists fits).
const BODY_LIMIT: usize = 2 * 1024 * 1024;
/// Bodies up to this size are read to the end before a 413 (see `api_errors`).
const BODY_DRAIN_LIMIT: usize = 8 * 1024 * 1024;

/// The policy of every response that is not a page; pages send their own, with a nonce.
const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// The Content-Security-Policy of a rendered page: scripts only from this site or with this
/// response's nonce (the hydration script), wasm allowed, nothing framed, no plugins.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Logs to stderr; `RUST_LOG` overrides the default level.
pub fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,leptos_axum=warn"));
    tracing_subscriber::fmt().with_env_filter(filter).init();
}

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let ctx = state.ctx.clone();
    let options = state.leptos_options.clone();
    let auth = state.ctx.auth.clone();
    let sessions = SessionManagerLayer::new(HashedSessionStore::new(state.ctx.pool.clone()))
        .with_name("santa_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(auth.secure_cookies())
        .with_expiry(Expiry::OnInactivity(time::Duration::seconds(
            i64::try_from(auth.session_inactivity.as_secs()).unwrap_or(i64::MAX),
        )));
    let context = move || {
        provide_context(ctx.clone());
        provide_page_nonce();
    };
    Router::new()
        .route("/healthz", get(healthz))
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(middleware::from_fn_with_state(
            (state.ctx.pool.clone(), auth.clone()),
            resolve_user,
        ))
        .layer(sessions)
        .layer(middleware::from_fn_with_state(
            auth.clone(),
            refuse_cross_origin,
        ))
        .layer(middleware::from_fn_with_state(auth, security_headers))
        .layer(middleware::from_fn(api_errors))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}

/// Server functions answer every error with status 500 when the error happens before their own
/// code runs (arguments missing, of the wrong type, malformed, too large). This gives such an
/// answer the status of the `AppError` in its body, and refuses a declared body over the limit
/// before anything reads it.
async fn api_errors(request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let declared = request
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if let Some(declared) = declared.filter(|&n| n > BODY_LIMIT) {
        // Read (and drop) a body that is only somewhat too large before answering: closing the
        // socket with unread data makes the kernel reset the connection, and the client loses
        // the 413 and its message. Larger bodies are refused at once and the connection closed.
        if declared <= BODY_DRAIN_LIMIT {
            let body = request.into_body();
            let _ = tokio::time::timeout(
                Duration::from_secs(5),
                axum::body::to_bytes(body, BODY_DRAIN_LIMIT),
            )
            .await;
        }
        return app_error_response(&crate::error::AppError::TooLarge);
    }
    // A body of no declared length (chunked) is read here, up to the limit, so "too large" is
    // known by the error's type rather than found in a message's text further on.
    let request = if declared.is_none() {
        let (parts, body) = request.into_parts();
        match axum::body::to_bytes(body, BODY_LIMIT).await {
            Ok(bytes) => Request::from_parts(parts, axum::body::Body::from(bytes)),
            Err(err) => {
                let too_large = err
                    .into_inner()
                    .downcast_ref::<http_body_util::LengthLimitError>()
                    .is_some();
                return app_error_response(&if too_large {
                    crate::error::AppError::TooLarge
                } else {
                    crate::error::AppError::BadRequest
                });
            }
        }
    } else {
        request
    };
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return app_error_response(&crate::error::AppError::Internal);
    };
    if let Ok(error) = serde_json::from_slice::<crate::error::AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(error.status()) {
            parts.status = status;
        }
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

fn app_error_response(error: &crate::error::AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_string(error).unwrap_or_default();
    (
        status,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// host[:port] of an Origin header value, lower-cased.
fn origin_authority(origin: &HeaderValue) -> Option<String> {
    let url = url::Url::parse(origin.to_str().ok()?).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    Some(match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host,
    })
}

fn is_cross_origin(headers: &HeaderMap, config: &AuthConfig) -> bool {
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some("same-origin" | "none") => return false,
        Some(_) => return true,
        None => {}
    }
    let Some(origin) = headers.get(ORIGIN) else {
        // Not sent by a browser (which always sends Origin on a POST): no cross-site risk.
        return false;
    };
    let Some(authority) = origin_authority(origin) else {
        return true; // "null" and malformed origins
    };
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_ascii_lowercase);
    let public = config
        .public_url
        .host_str()
        .map(|h| match config.public_url.port() {
            Some(port) => format!("{h}:{port}"),
            None => h.to_string(),
        });
    host.as_deref() != Some(authority.as_str()) && public.as_deref() != Some(authority.as_str())
}

/// Refuses state-changing requests sent from another site (cross-site request forgery).
async fn refuse_cross_origin(
    State(config): State<AuthConfig>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && is_cross_origin(request.headers(), &config) {
        tracing::warn!(path = %request.uri().path(), "refused a cross-origin request");
        return (
            StatusCode::FORBIDDEN,
            "Requests from other sites are not allowed.",
        )
            .into_response();
    }
    next.run(request).await
}

/// This request's CSP nonce, made by [`security_headers`] before anything renders.
#[derive(Clone)]
struct PageNonce(String);

/// Hands the request's nonce to Leptos, which puts it on the page's scripts. (Leptos would make
/// its own otherwise, and the page would have to send it through `ResponseOptions`: under load a
/// drawn draw's page now and then went out without it, with the strict policy below, and never
/// hydrated. The middleware now sends the policy of every page itself.)
fn provide_page_nonce() {
    let nonce = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<PageNonce>().cloned());
    if let Some(PageNonce(nonce)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}

async fn security_headers(
    State(config): State<AuthConfig>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = crate::runtime::random_hex(16);
    request.extensions_mut().insert(PageNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let page = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let policy = if page {
        HeaderValue::from_str(&page_csp(&nonce)).ok()
    } else {
        None
    };
    headers.insert(
        CONTENT_SECURITY_POLICY,
        policy.unwrap_or(HeaderValue::from_static(DEFAULT_CSP)),
    );
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if config.secure_cookies() {
        headers.insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

/// 200 when the database answers within two seconds, 503 otherwise. Reveals nothing else.
async fn healthz(State(pool): State<PgPool>) -> impl IntoResponse {
    let check = tokio::time::timeout(
        Duration::from_secs(2),
        sqlx::query_scalar::<_, i32>("select 1").fetch_one(&pool),
    )
    .await;
    match check {
        Ok(Ok(_)) => (
            StatusCode::OK,
            Json(serde_json::json!({ "status": "ok", "database": "ok" })),
        ),
        _ => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({ "status": "unavailable", "database": "unreachable" })),
        ),
    }
}

/// Deletes expired sessions every hour.
fn spawn_session_cleanup(pool: PgPool) {
    tokio::spawn(async move {
        let store = HashedSessionStore::new(pool);
        let mut every = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every.tick().await;
            if let Err(err) = store.delete_expired().await {
                tracing::warn!(error = %err, "cannot delete expired sessions");
            }
        }
    });
}

/// Tries failed invitation mail again every `interval` (when mail is configured).
pub fn spawn_invitation_retries(ctx: AppContext, interval: Duration, max_attempts: i32) {
    if ctx.mailer.is_none() || max_attempts == 0 {
        return;
    }
    tokio::spawn(async move {
        let mut every = tokio::time::interval(interval);
        every.tick().await;
        loop {
            every.tick().await;
            match crate::invitations::retry_failed_invitations(&ctx, max_attempts, interval).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(count = n, "tried failed invitation mail again"),
                Err(err) => tracing::warn!(error = %err, "the invitation retry pass failed"),
            }
        }
    });
}

pub async fn serve(ctx: AppContext) -> std::io::Result<()> {
    let conf = get_configuration(None).map_err(std::io::Error::other)?;
    let leptos_options = conf.leptos_options;
    let addr = leptos_options.site_addr;
    spawn_session_cleanup(ctx.pool.clone());
    let app = router(AppState {
        leptos_options,
        ctx,
    });
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    tracing::info!("Secret Santa is listening on http://{addr}");
    serve_on(listener, app, shutdown_signal()).await
}

/// Serves `app` with TCP_NODELAY — Leptos streams a page in several chunks, and without it
/// Nagle's algorithm meeting delayed ACKs adds about 40 ms to every page — and with each
/// connection's peer address (used by login throttling).
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    let listener = listener.tap_io(|tcp| {
        if let Err(err) = tcp.set_nodelay(true) {
            tracing::debug!(error = %err, "cannot set TCP_NODELAY");
        }
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
