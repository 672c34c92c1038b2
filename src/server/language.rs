//! The language of each request (`crate::i18n`), and the switcher's endpoint.

use axum::extract::{Request, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;

use crate::auth::CurrentUser;
use crate::i18n::{self, Lang};

use super::AppState;

/// Middleware (inside the session's): the request's language — the account's choice, the
/// cookie's, the browser's, English — for the page (request extension → Leptos context) and for
/// whatever the request runs (the task's [`i18n::current`]).
///
/// A choice made with the switcher before logging in (the cookie) goes onto the account at the
/// first request after it, when the account has none yet: the person chose, and their mail
/// should follow.
pub(super) async fn choose_language(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let user = request
        .extensions()
        .get::<CurrentUser>()
        .and_then(|user| user.0.as_ref())
        .map(|user| (user.id, user.language));
    let chosen = Lang::chosen_in(request.headers());
    if let (Some((id, None)), Some(lang)) = (user, chosen) {
        let stored = async {
            let mut tx = crate::db::as_user(&state.ctx.pool, Some(id)).await?;
            crate::db::accounts::set_language(&mut tx, id, lang.code()).await?;
            tx.commit().await
        }
        .await;
        if let Err(err) = stored {
            tracing::warn!(error = %err, "could not keep the language chosen before logging in");
        }
    }
    let lang = user
        .and_then(|(_, account)| account)
        .or_else(|| Lang::of_headers(request.headers()))
        .unwrap_or(state.ctx.auth.default_language);
    request.extensions_mut().insert(lang);
    i18n::scope(lang, next.run(request)).await
}

/// Hands the request's language to the page (Leptos context).
pub(super) fn provide_lang() {
    let lang = with_context::<axum::http::request::Parts, _>(|parts| {
        parts.extensions.get::<Lang>().copied()
    })
    .flatten()
    .unwrap_or_default();
    provide_context(lang);
}

/// Where the switcher goes back to: `back` when it is a plain path of this site (the rule the
/// login's `next` follows), without a refused form's error (`__err`, `__path`: written in the old
/// language, it would stay so); the home page otherwise.
fn back_to(back: &str) -> String {
    let back = match back.split_once('?') {
        Some((path, query)) => {
            let kept: Vec<&str> = query
                .split('&')
                .filter(|pair| !crate::domain::text::is_form_error_pair(pair))
                .collect();
            if kept.is_empty() {
                path.to_string()
            } else {
                format!("{path}?{}", kept.join("&"))
            }
        }
        None => back.to_string(),
    };
    if back.len() > 2048 || crate::api::auth::safe_next(Some(&back)) != back {
        return "/".to_string();
    }
    back
}

/// `POST /language` (a form: `lang`, `back`): keeps the choice (on the account when logged in,
/// and in a cookie for a year) and goes back to the page the switcher was on. Every refusal is
/// the app's own, in the visitor's language.
pub(super) async fn switch_language(
    State(state): State<AppState>,
    request_user: axum::Extension<CurrentUser>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    let speaks = Lang::of_headers(&headers).unwrap_or(state.ctx.auth.default_language);
    let Ok(bytes) = axum::body::to_bytes(body, 8 * 1024).await else {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            crate::error::AppError::TooLarge.text(speaks),
        )
            .into_response();
    };
    let field = |name: &str| {
        url::form_urlencoded::parse(&bytes)
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    };
    let Some(lang) = field("lang").as_deref().and_then(Lang::from_code) else {
        return (
            StatusCode::BAD_REQUEST,
            crate::tr!(speaks, "language-unknown"),
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
    let back = back_to(&field("back").unwrap_or_default());
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    headers.insert(
        LOCATION,
        HeaderValue::from_str(&back).unwrap_or(HeaderValue::from_static("/")),
    );
    if let Ok(cookie) = HeaderValue::from_str(&cookie(lang, state.ctx.auth.secure_cookies())) {
        headers.insert(SET_COOKIE, cookie);
    }
    response
}

/// The switcher's cookie: the choice, for a year.
fn cookie(lang: Lang, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}",
        i18n::COOKIE,
        lang.code()
    )
}

#[cfg(test)]
mod tests {
    use super::back_to;

    #[test]
    fn the_switcher_goes_back_only_to_a_plain_path_of_this_site_without_an_old_error() {
        assert_eq!(back_to("/draws/1?saved=1"), "/draws/1?saved=1");
        assert_eq!(
            back_to("/register?__err=x&__path=%2Fapi&email=a%40b"),
            "/register?email=a%40b"
        );
        assert_eq!(back_to("/login?__err=x"), "/login");
        assert_eq!(back_to("/draws?%5F%5Ferr=x&saved=1"), "/draws?saved=1");
        for foreign in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil",
            "/\t/evil.com",
            "/%2fevil",
            "",
            "javascript:alert(1)",
        ] {
            assert_eq!(back_to(foreign), "/", "{foreign:?}");
        }
        assert_eq!(back_to(&format!("/{}", "a".repeat(5000))), "/");
    }
}
