//! The HTTP server: the router, the health check, telemetry and graceful shutdown. The middleware
//! and the background jobs have modules of their own.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, FromRef, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sqlx::PgPool;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::auth::session::resolve_user;
use crate::auth::session_store::HashedSessionStore;
use crate::ui::{shell, App};

mod jobs;
mod language;
mod middleware;
mod pages;

pub use jobs::spawn_invitation_retries;
pub use middleware::page_csp;
use middleware::{
    api_errors, in_span, keep_typed_values, provide_page_nonce, refuse_cross_origin,
    security_headers, BODY_LIMIT,
};

pub use crate::context::AppContext;

/// What every handler can reach. Cloned for every request (by each route's handler and by
/// Leptos, into the page's context), so it is one shared pointer: a clone costs a reference count.
#[derive(Clone)]
pub struct AppState(Arc<StateParts>);

/// The parts of [`AppState`], reached through it (`state.ctx`, `state.leptos_options`).
pub struct StateParts {
    pub leptos_options: LeptosOptions,
    pub ctx: AppContext,
}

impl AppState {
    pub fn new(leptos_options: LeptosOptions, ctx: AppContext) -> Self {
        AppState(Arc::new(StateParts {
            leptos_options,
            ctx,
        }))
    }
}

impl std::ops::Deref for AppState {
    type Target = StateParts;

    fn deref(&self) -> &StateParts {
        &self.0
    }
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

/// Logs to stderr; `RUST_LOG` overrides the default level.
pub fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,leptos_axum=warn"));
    tracing_subscriber::fmt().with_env_filter(filter).init();
}

/// The app: its routes inside one stack of middleware. The stack wraps the whole router rather
/// than each route (`Router::layer`): a layer's service is cloned on every request, and around
/// each route that meant cloning every layer below it and the route's handler, several times per
/// request — over a tenth of a page's instructions (bench/RESULTS.md, issue 15).
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let ctx = state.ctx.clone();
    let options = state.leptos_options.clone();
    let auth = Arc::new(state.ctx.auth.clone());
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
        language::provide_lang();
    };
    // Two pages read their data before rendering, in handlers of their own (`pages`); Leptos
    // renders the others itself.
    let routes = routes
        .into_iter()
        .filter(|route| !pages::LOADED_FIRST.contains(&route.path()))
        .collect();
    let loaded_first = pages::Renderer::new(state.clone(), context.clone(), options.clone());
    let app = Router::new()
        .route("/healthz", get(healthz))
        .route("/language", post(language::switch_language))
        .nest(&format!("/{}", options.site_pkg_dir), assets(&options))
        .merge(loaded_first.routes())
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(pages::not_found(
            leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell),
        ))
        .with_state(state.clone());
    // Outermost first: each request meets them in this order.
    let stack = tower::ServiceBuilder::new()
        .layer(axum::middleware::from_fn(in_span))
        .layer(compression())
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn(api_errors))
        .layer(axum::middleware::from_fn_with_state(
            auth.clone(),
            security_headers,
        ))
        .layer(axum::middleware::from_fn_with_state(
            auth.clone(),
            refuse_cross_origin,
        ))
        .layer(sessions)
        .layer(axum::middleware::from_fn_with_state(
            (state.ctx.pool.clone(), auth.clone()),
            resolve_user,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state,
            language::choose_language,
        ))
        .layer(axum::middleware::from_fn_with_state(
            auth,
            keep_typed_values,
        ));
    Router::new().fallback_service(stack.service(app))
}

/// The build's wasm, JS and CSS, each sent as its precompressed `.br` or `.gz` twin when the
/// browser accepts it. Served here rather than by Leptos's fallback, which answers any failure
/// with the app's 404 page and so hid why a wasm request once failed: a miss is logged.
fn assets(options: &LeptosOptions) -> Router<AppState> {
    use tower_http::services::ServeDir;
    let dir = std::path::Path::new(&*options.site_root).join(&*options.site_pkg_dir);
    Router::new()
        .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
        .layer(axum::middleware::map_response(
            |mut res: axum::response::Response| async move {
                if res.status().is_client_error() || res.status().is_server_error() {
                    tracing::warn!(status = %res.status(), "a static file was not served");
                }
                // The names carry no hash: a browser asks each time whether its copy is still
                // the current one (a 304 when it is), so new pages never meet an old wasm.
                res.headers_mut().insert(
                    axum::http::header::CACHE_CONTROL,
                    axum::http::HeaderValue::from_static("no-cache"),
                );
                res
            },
        ))
}

/// Pages and API answers go out compressed (brotli or gzip, as the browser accepts); static files
/// already carry their encoding and pass through. Brotli at quality 5: a page is compressed on
/// every request, and the highest qualities cost far more time than the bytes they save.
///
/// Never the wasm on the fly: a release build serves its precompressed twin, and compressing a
/// debug build's 6 MB wasm per request cost about 2.5 s of CPU each time.
fn compression() -> tower_http::compression::CompressionLayer<
    tower_http::compression::predicate::And<
        tower_http::compression::DefaultPredicate,
        tower_http::compression::predicate::NotForContentType,
    >,
> {
    use tower_http::compression::predicate::{NotForContentType, Predicate};
    tower_http::compression::CompressionLayer::new()
        .br(true)
        .gzip(true)
        .quality(tower_http::CompressionLevel::Precise(5))
        .compress_when(
            tower_http::compression::DefaultPredicate::new()
                .and(NotForContentType::const_new("application/wasm")),
        )
}

/// 200 when the database answers within two seconds, 503 otherwise. Reveals nothing else.
async fn healthz(State(pool): State<PgPool>) -> impl IntoResponse {
    let check = tokio::time::timeout(Duration::from_secs(2), crate::db::ping(&pool)).await;
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

pub async fn serve(ctx: AppContext) -> std::io::Result<()> {
    let conf = get_configuration(None).map_err(std::io::Error::other)?;
    let leptos_options = conf.leptos_options;
    let addr = leptos_options.site_addr;
    jobs::spawn_session_cleanup(ctx.pool.clone());
    let app = router(AppState::new(leptos_options, ctx));
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
