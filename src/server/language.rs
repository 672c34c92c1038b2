//! The language of each request (`crate::i18n`), and the switcher's endpoint.

use axum::extract::{Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Form;
use leptos::prelude::*;

use crate::auth::CurrentUser;
use crate::i18n::{self, Lang};

use super::AppState;

/// The language a visitor chose (the switcher's cookie), else their browser's, else None.
pub fn from_headers(headers: &HeaderMap) -> Option<Lang> {
    let cookies: Vec<&str> = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    Lang::from_request(
        Some(cookies.join(";")).as_deref(),
        headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()),
    )
}

/// Middleware (inside the session's): the request's language — the account's choice, the
/// cookie's, the browser's, English — for the page (request extension → Leptos context) and for
/// whatever the request runs (the task's [`i18n::current`]).
pub(super) async fn choose_language(
    State(config): State<crate::config::AuthConfig>,
    mut request: Request,
    next: Next,
) -> Response {
    let account = request
        .extensions()
        .get::<CurrentUser>()
        .and_then(|user| user.0.as_ref())
        .and_then(|user| user.language);
    let lang = account
        .or_else(|| from_headers(request.headers()))
        .unwrap_or(config.default_language);
    request.extensions_mut().insert(lang);
    i18n::scope(lang, next.run(request)).await
}

/// Hands the request's language to the page (Leptos context).
pub(super) fn provide_lang() {
    let lang = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Lang>().copied())
        .unwrap_or_default();
    provide_context(lang);
}

#[derive(serde::Deserialize)]
pub(super) struct Switch {
    lang: String,
    #[serde(default)]
    back: String,
}

/// `POST /language`: keeps the choice (on the account when logged in, and in a cookie for a
/// year) and goes back to the page the switcher was on (a path of this site; the home page
/// otherwise).
pub(super) async fn switch_language(
    State(state): State<AppState>,
    request_user: axum::Extension<CurrentUser>,
    headers: HeaderMap,
    Form(form): Form<Switch>,
) -> Response {
    let Some(lang) = Lang::from_code(&form.lang) else {
        let lang = from_headers(&headers).unwrap_or(state.ctx.auth.default_language);
        return (
            StatusCode::BAD_REQUEST,
            crate::tr!(lang, "language-unknown"),
        )
            .into_response();
    };
    if let Some(user) = &request_user.0 .0 {
        let stored = async {
            let mut tx = crate::db::as_user(&state.ctx.pool, Some(user.id)).await?;
            crate::db::accounts::set_language(&mut tx, user.id, lang.code()).await?;
            tx.commit().await
        }
        .await;
        if let Err(err) = stored {
            tracing::error!(error = %err, "could not keep the language");
        }
    }
    let back = if form.back.starts_with('/')
        && !form.back.starts_with("//")
        && !form.back.contains('\\')
    {
        form.back
    } else {
        "/".to_string()
    };
    let secure = if state.ctx.auth.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}",
        i18n::COOKIE,
        lang.code()
    );
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let Ok(location) = HeaderValue::from_str(&back) {
        headers.insert(LOCATION, location);
    } else {
        headers.insert(LOCATION, HeaderValue::from_static("/"));
    }
    if let Ok(cookie) = HeaderValue::from_str(&cookie) {
        headers.insert(SET_COOKIE, cookie);
    }
    response
}
