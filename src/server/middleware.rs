//! The middleware every request passes: a tracing span, the body limit and the API's error
//! statuses, refusal of cross-site writes, and the security headers with each page's CSP nonce.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header::{
    CONTENT_SECURITY_POLICY, HOST, LOCATION, ORIGIN, REFERRER_POLICY, SET_COOKIE,
    STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;
use tracing::Instrument;

use crate::config::AuthConfig;
use crate::error::AppError;

/// Largest request body accepted (a draw of 32 people with long wish lists fits).
pub(super) const BODY_LIMIT: usize = 2 * 1024 * 1024;
/// Bodies up to this size are read to the end before a 413 (see `api_errors`).
const BODY_DRAIN_LIMIT: usize = 8 * 1024 * 1024;

/// The policy of every response that is not a page; pages send their own, with a nonce.
const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// The Content-Security-Policy of a rendered page: scripts only from this site or with this
/// response's nonce (the pages' inline scripts), no wasm (no page has an island; one that does
/// would add `'wasm-unsafe-eval'` for its pages), nothing framed, no plugins.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Runs the request in a span that names it, so whatever is logged on its way (a database error
/// above all) says which page or server function it happened in.
pub(super) async fn in_span(request: Request, next: Next) -> Response {
    let span = tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path()
    );
    next.run(request).instrument(span).await
}

use crate::ui::KEPT_FIELDS;

/// A plain form post to a server function that was refused comes back to its form with the error
/// in the address (Leptos's `__err`), and the fields as typed start with their values again
/// (`ui::components::Field`, through [`crate::ui::KeptTexts`]). The values never go into the
/// address, where they would stay in the history and in logs, and a long letter would not fit:
/// a logged-in person's wait in their session, a visitor's (an address typed into the login,
/// register or reset form, a name) in a short-lived cookie of their own.
pub(super) async fn keep_typed_values(
    State(config): State<Arc<AuthConfig>>,
    mut request: Request,
    next: Next,
) -> Response {
    let session = request
        .extensions()
        .get::<tower_sessions::Session>()
        .cloned()
        .filter(|_| {
            request
                .extensions()
                .get::<crate::auth::CurrentUser>()
                .is_some_and(|user| user.0.is_some())
        });
    let cookie = kept_cookie_of(request.headers());
    if request.method() == Method::GET {
        let kept = match (&session, cookie) {
            (Some(session), _) => texts_kept_for(session, request.uri()).await,
            (None, Some(cookie)) => kept_for(cookie, request.uri()),
            (None, None) => None,
        };
        if let Some(kept) = kept {
            request.extensions_mut().insert(kept);
        }
        return next.run(request).await;
    }
    let form_post = request.method() == Method::POST
        && request.uri().path().starts_with("/api/")
        && request
            .headers()
            .get(axum::http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
        && request
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !form_post {
        return next.run(request).await;
    }
    let had_cookie = cookie.is_some();
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return app_error_response(&AppError::TooLarge);
    };
    let kept: Vec<(String, String)> = url::form_urlencoded::parse(&bytes)
        .filter(|(name, value)| KEPT_FIELDS.contains(&name.as_ref()) && !value.is_empty())
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    let mut response = next
        .run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await;
    let back = response
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(tidy_location);
    match session {
        Some(session) => keep_texts(&session, back.as_deref(), kept).await,
        None => {
            let set = kept_cookie(back.as_deref(), kept, config.secure_cookies());
            if let Some(value) = set
                .or_else(|| had_cookie.then(|| forget_kept_cookie(config.secure_cookies())))
                .and_then(|c| HeaderValue::from_str(&c).ok())
            {
                response.headers_mut().append(SET_COOKIE, value);
            }
        }
    }
    if let Some(value) = back.and_then(|l| HeaderValue::from_str(&l).ok()) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

/// The cookie that holds a visitor's refused form values for the page it went back to.
const KEPT_COOKIE: &str = "santa_kept";

/// The most a kept-values cookie may hold (encoded): browsers keep 4 KB a cookie. Longer values
/// (nobody types a 3 KB address) are not kept; the error still shows.
const KEPT_COOKIE_BYTES: usize = 3000;

/// The raw value of the kept-values cookie the browser sent, if any.
fn kept_cookie_of(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == KEPT_COOKIE)
        .map(|(_, value)| value)
}

/// A `Set-Cookie` keeping `fields` for the page and error `back` goes to, for ten minutes, when
/// the post was refused and anything was typed.
fn kept_cookie(back: Option<&str>, fields: Vec<(String, String)>, secure: bool) -> Option<String> {
    let (path, error) = back.and_then(page_and_error)?;
    if fields.is_empty() {
        return None;
    }
    let json = serde_json::to_string(&KeptTexts {
        path,
        error,
        fields,
    })
    .ok()?;
    let value: String = url::form_urlencoded::byte_serialize(json.as_bytes()).collect();
    let secure = if secure { "; Secure" } else { "" };
    (value.len() <= KEPT_COOKIE_BYTES).then(|| {
        format!("{KEPT_COOKIE}={value}; Path=/; Max-Age=600; SameSite=Lax; HttpOnly{secure}")
    })
}

/// A `Set-Cookie` that removes the kept values (the post went through, or kept nothing).
fn forget_kept_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{KEPT_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly{secure}")
}

/// The values a visitor's cookie keeps for this page: when its address carries the very error
/// they were refused with.
fn kept_for(cookie: &str, uri: &axum::http::Uri) -> Option<crate::ui::KeptTexts> {
    let json: String = url::form_urlencoded::parse(format!("v={cookie}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())?;
    let kept: KeptTexts = serde_json::from_str(&json).ok()?;
    (kept.path == uri.path() && Some(kept.error) == error_in(uri))
        .then_some(crate::ui::KeptTexts(kept.fields))
}

/// The error (`__err`) a page's address carries.
fn error_in(uri: &axum::http::Uri) -> Option<String> {
    uri.query().filter(|q| q.contains("__err=")).and_then(|q| {
        url::form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "__err")
            .map(|(_, v)| v.into_owned())
    })
}

/// Where a session keeps the texts of its last refused form post.
const KEPT_TEXTS_KEY: &str = "kept_texts";

/// The texts of a refused form post, for the page it was sent back to with that error.
#[derive(serde::Serialize, serde::Deserialize)]
struct KeptTexts {
    path: String,
    error: String,
    fields: Vec<(String, String)>,
}

/// The page and the error (`__err`) an address sends the browser to.
fn page_and_error(location: &str) -> Option<(String, String)> {
    let url = url::Url::parse("http://site.invalid/")
        .ok()?
        .join(location)
        .ok()?;
    let error = url
        .query_pairs()
        .find(|(k, _)| k == "__err")
        .map(|(_, v)| v.into_owned())?;
    Some((url.path().to_string(), error))
}

/// After a form post: a refusal's texts wait in the session for the page it goes back to; a post
/// that went through leaves none behind. (Session trouble only costs the texts, as before.)
async fn keep_texts(
    session: &tower_sessions::Session,
    back: Option<&str>,
    fields: Vec<(String, String)>,
) {
    match back.and_then(page_and_error) {
        Some((path, error)) if !fields.is_empty() => {
            let texts = KeptTexts {
                path,
                error,
                fields,
            };
            if let Err(e) = session.insert(KEPT_TEXTS_KEY, texts).await {
                tracing::warn!(error = %e, "a refused post's texts were not kept");
            }
        }
        // (Removed only when there: a removal always writes the session.)
        _ => {
            if let Ok(Some(_)) = session.get_value(KEPT_TEXTS_KEY).await {
                let _ = session.remove_value(KEPT_TEXTS_KEY).await;
            }
        }
    }
}

/// The texts kept for this page: when its address carries the very error they were refused with.
async fn texts_kept_for(
    session: &tower_sessions::Session,
    uri: &axum::http::Uri,
) -> Option<crate::ui::KeptTexts> {
    let error = error_in(uri)?;
    let kept = session
        .get::<KeptTexts>(KEPT_TEXTS_KEY)
        .await
        .ok()
        .flatten()?;
    (kept.path == uri.path() && kept.error == error).then_some(crate::ui::KeptTexts(kept.fields))
}

/// Where a plain form post sends the browser back, tidied: a path on this site only (Leptos sends
/// it back to the `Referer`, as given); after a refusal, one `__path`/`__err` pair (a form
/// refused again does not pile them up), no success flag of an earlier post (`saved`, `changed`
/// …), and no value typed into the form (an address that carried one, as an older page may
/// have, loses it); no empty `?`.
fn tidy_location(location: &str) -> String {
    const STALE: [&str; 6] = ["saved", "changed", "sent", "run", "created", "remove"];
    let Ok(url) = url::Url::parse("http://site.invalid/").and_then(|base| base.join(location))
    else {
        return "/".to_string();
    };
    if !matches!(url.scheme(), "http" | "https") {
        return "/".to_string();
    }
    // A path starting `//` or `/\` would be read as another site's address.
    if url.path().starts_with("//") || url.path().starts_with("/\\") {
        return "/".to_string();
    }
    let refused = url.query_pairs().any(|(k, _)| k == "__err");
    let mut out = url.path().to_string();
    if !refused {
        if let Some(query) = url.query().filter(|q| !q.is_empty()) {
            out.push('?');
            out.push_str(query);
        }
        if let Some(fragment) = url.fragment() {
            out.push('#');
            out.push_str(fragment);
        }
        return out;
    }
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (k, v) in url.query_pairs() {
        let k = k.into_owned();
        if STALE.contains(&k.as_str()) || KEPT_FIELDS.contains(&k.as_str()) {
            continue;
        }
        if k == "__path" || k == "__err" {
            pairs.retain(|(old, _)| *old != k);
        }
        pairs.push((k, v.into_owned()));
    }
    if !pairs.is_empty() {
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&pairs)
            .finish();
        out.push('?');
        out.push_str(&query);
    }
    if let Some(fragment) = url.fragment() {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// Server functions answer every error with status 500 when the error happens before their own
/// code runs (arguments missing, of the wrong type, malformed, too large). This gives such an
/// answer the status of the `AppError` in its body, and refuses a declared body over the limit
/// before anything reads it.
pub(super) async fn api_errors(request: Request, next: Next) -> Response {
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
        return app_error_response(&AppError::TooLarge);
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
                    AppError::TooLarge
                } else {
                    AppError::BadRequest
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
        return app_error_response(&AppError::Internal);
    };
    if let Ok(error) = serde_json::from_slice::<crate::error::AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(error.status()) {
            parts.status = status;
        }
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

fn app_error_response(error: &AppError) -> Response {
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
    is_foreign_authority(origin, headers, config)
}

/// `url` (an Origin or a Referer) is not this site: neither the request's Host nor `PUBLIC_URL`.
fn is_foreign_authority(url: &HeaderValue, headers: &HeaderMap, config: &AuthConfig) -> bool {
    let Some(authority) = origin_authority(url) else {
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
pub(super) async fn refuse_cross_origin(
    State(config): State<Arc<AuthConfig>>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && is_cross_origin(request.headers(), &config) {
        tracing::warn!(path = %request.uri().path(), "refused a cross-origin request");
        let lang =
            crate::i18n::Lang::of_headers(request.headers()).unwrap_or(config.default_language);
        return (
            StatusCode::FORBIDDEN,
            crate::tr!(lang, "error-cross-origin"),
        )
            .into_response();
    }
    next.run(request).await
}

/// What Leptos appends to every page for the browser to pick up when it hydrates: the data of the
/// page's resources, errors and streamed chunks. Nothing outside an island hydrates, and no island
/// has a resource, so on our pages it is always empty — and a page with no island then sends no
/// script at all. Only the empty forms are taken out; anything with data stays.
const EMPTY_HYDRATION_DATA: [&str; 2] = [
    "__RESOLVED_RESOURCES=[];__SERIALIZED_ERRORS=[];__PENDING_RESOURCES=[];__RESOURCE_RESOLVERS=[];",
    "__INCOMPLETE_CHUNKS=[];",
];

fn without_empty_hydration_data(response: Response) -> Response {
    use http_body_util::BodyExt;
    response.map(|body| {
        axum::body::Body::new(
            body.map_frame(|frame| frame.map_data(without_empty_scripts_after_page)),
        )
    })
}

/// `bytes` (a frame of a page) without the empty hydration scripts. Leptos sends them after the
/// document (its data follows the app's HTML), so only what follows the last `</html>` — or, in a
/// frame without one, the whole frame — is searched: the page itself is never scanned.
fn without_empty_scripts_after_page(bytes: axum::body::Bytes) -> axum::body::Bytes {
    const END: &[u8] = b"</html>";
    let start = bytes
        .windows(END.len())
        .rposition(|w| w == END)
        .map_or(0, |at| at + END.len());
    let Ok(tail) = std::str::from_utf8(&bytes[start..]) else {
        return bytes;
    };
    if !tail.contains("<script") {
        return bytes;
    }
    let stripped = strip_empty_scripts(tail);
    if stripped.len() == tail.len() {
        return bytes;
    }
    // Usually nothing is left after the page: then the page is sent as it is, not copied.
    if stripped.is_empty() {
        return bytes.slice(..start);
    }
    let mut out = Vec::with_capacity(start + stripped.len());
    out.extend_from_slice(&bytes[..start]);
    out.extend_from_slice(stripped.as_bytes());
    axum::body::Bytes::from(out)
}

/// `text` without the `<script …>` elements whose whole content is one of
/// [`EMPTY_HYDRATION_DATA`].
fn strip_empty_scripts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for piece in text.split_inclusive("</script>") {
        let script = piece.strip_suffix("</script>").and_then(|before| {
            let open = before.rfind("<script")?;
            let content = &before[open + before[open..].find('>')? + 1..];
            Some((open, content))
        });
        match script {
            Some((open, content)) if EMPTY_HYDRATION_DATA.contains(&content) => {
                out.push_str(&piece[..open]);
            }
            _ => out.push_str(piece),
        }
    }
    out
}

/// This request's CSP nonce, made by [`security_headers`] before anything renders.
#[derive(Clone)]
struct PageNonce(String);

/// Hands the request's nonce to Leptos, which puts it on the page's scripts. (Leptos would make
/// its own otherwise, and the page would have to send it through `ResponseOptions`: under load a
/// drawn draw's page now and then went out without it, with the strict policy below, and never
/// hydrated. The middleware now sends the policy of every page itself.)
pub(super) fn provide_page_nonce() {
    let nonce = with_context::<axum::http::request::Parts, _>(|parts| {
        parts.extensions.get::<PageNonce>().cloned()
    })
    .flatten();
    if let Some(PageNonce(nonce)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}

/// A page address carrying a form's error (`__err`, which Leptos adds when a plain form post is
/// refused) that the browser did not reach from this site: a link from elsewhere could make any
/// page show a sentence of its own as if it were ours ("Your account was locked: call …"). Such a
/// request goes to the same address without the error (the Location this returns). A refused post
/// comes back from our own page: its browser says `Sec-Fetch-Site: same-origin`, or — where it
/// sends no such header (plain HTTP on a host other than localhost) — names our page as its
/// `Referer` (our pages ask for it: `Referrer-Policy: same-origin`).
fn foreign_error(request: &Request, config: &AuthConfig) -> Option<String> {
    let query = request.uri().query()?;
    let carries_error = query
        .split('&')
        .any(crate::domain::text::is_form_error_pair);
    if request.method() != Method::GET || !carries_error {
        return None;
    }
    let headers = request.headers();
    let from_here = match headers.get("sec-fetch-site") {
        Some(site) => site == "same-origin",
        None => headers
            .get(axum::http::header::REFERER)
            .is_some_and(|referer| !is_foreign_authority(referer, headers, config)),
    };
    if from_here {
        return None;
    }
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !crate::domain::text::is_form_error_pair(pair))
        .collect();
    let path = request.uri().path();
    Some(if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    })
}

/// A page that sends its visitor elsewhere (to log in, say) answers with a real redirect, whoever
/// asks. Leptos makes one only for a request that accepts HTML; any other client (curl, a link
/// checker, a script's `fetch`) got 200, an empty page and a `Location` it was left to notice.
fn page_redirect(mut response: Response) -> Response {
    let status = response.status();
    if !(status == StatusCode::OK || status.is_redirection())
        || !response.headers().contains_key(LOCATION)
    {
        return response;
    }
    // (For a browser Leptos does redirect, but sends the page's empty frame along.)
    if status == StatusCode::OK {
        *response.status_mut() = StatusCode::FOUND;
    }
    response.headers_mut().remove("serverfnredirect");
    response
        .headers_mut()
        .remove(axum::http::header::CONTENT_TYPE);
    *response.body_mut() = axum::body::Body::empty();
    response
}

pub(super) async fn security_headers(
    State(config): State<Arc<AuthConfig>>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(clean) = foreign_error(&request, &config) {
        return axum::response::Redirect::to(&clean).into_response();
    }
    let api = request.uri().path().starts_with("/api/");
    let page_request = !api && matches!(*request.method(), Method::GET | Method::HEAD);
    let nonce = crate::runtime::random_hex(16);
    request.extensions_mut().insert(PageNonce(nonce.clone()));
    let mut response = next.run(request).await;
    if page_request {
        response = page_redirect(response);
    }
    let page = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let policy = if page {
        HeaderValue::from_str(&page_csp(&nonce)).ok()
    } else {
        None
    };
    if page {
        response = without_empty_hydration_data(response);
    }
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_SECURITY_POLICY,
        policy.unwrap_or(HeaderValue::from_static(DEFAULT_CSP)),
    );
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if page || api {
        // A page is made for the person who asked (their match, once revealed), and so is an
        // answer (links, a match): nothing keeps them, so they do not outlive the session in a
        // shared browser's cache.
        headers.insert(
            axum::http::header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
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

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use axum::body::Body;
    use axum::routing::post;
    use axum::Router;
    use tower::ServiceExt;

    use axum::http::{HeaderMap, HeaderValue};

    use super::{
        in_span, kept_cookie, kept_cookie_of, kept_for, strip_empty_scripts, tidy_location,
        without_empty_scripts_after_page,
    };

    #[test]
    fn a_refused_post_goes_back_to_this_site_with_one_error_and_nothing_typed_in_the_address() {
        let back = tidy_location(
            "http://evil.example/account?changed=name&__path=a&__err=old&email=x%40y&__path=b&__err=new",
        );
        assert_eq!(back, "/account?__path=b&__err=new");
        assert_eq!(tidy_location("javascript:alert(1)"), "/");
        assert_eq!(
            tidy_location("http://site.example//evil.example/x?__err=e"),
            "/"
        );
        assert_eq!(tidy_location("http://site.example/\\evil.example/x"), "/");
    }

    #[test]
    fn a_visitor_s_kept_values_come_back_only_to_the_page_and_error_they_were_refused_with() {
        let fields = vec![("email".to_string(), "ada+x@example.org; a=b".to_string())];
        let set = kept_cookie(
            Some("/login?__path=%2Fapi%2Flogin&__err=E1"),
            fields.clone(),
            true,
        )
        .expect("a cookie");
        assert!(
            set.ends_with("; Path=/; Max-Age=600; SameSite=Lax; HttpOnly; Secure"),
            "{set}"
        );
        assert!(!set.contains("ada+x@"), "encoded: {set}");
        let mut headers = HeaderMap::new();
        let sent = set.split("; ").next().unwrap();
        headers.insert(
            axum::http::header::COOKIE,
            HeaderValue::from_str(&format!("lang=en; {sent}; id=abc")).unwrap(),
        );
        let value = kept_cookie_of(&headers).expect("found among others");
        let uri = |u: &str| u.parse::<axum::http::Uri>().unwrap();
        let back = kept_for(value, &uri("/login?__path=%2Fapi%2Flogin&__err=E1")).unwrap();
        assert_eq!(back.0, fields);
        assert!(
            kept_for(value, &uri("/login?__err=E2")).is_none(),
            "another error"
        );
        assert!(
            kept_for(value, &uri("/register?__err=E1")).is_none(),
            "another page"
        );
        assert!(kept_for(value, &uri("/login")).is_none(), "no error");
        assert!(kept_for("%7Bnot json", &uri("/login?__err=E1")).is_none());
        assert!(
            kept_cookie(Some("/login"), fields.clone(), false).is_none(),
            "not refused"
        );
        assert!(
            kept_cookie(Some("/login?__err=E1"), vec![], false).is_none(),
            "nothing typed"
        );
        let long = vec![("email".to_string(), "a".repeat(5000))];
        assert!(
            kept_cookie(Some("/login?__err=E1"), long, false).is_none(),
            "too long to keep"
        );
    }

    #[test]
    fn a_post_that_went_through_keeps_its_flags_and_loses_an_empty_question_mark() {
        assert_eq!(tidy_location("/draws/1?"), "/draws/1");
        assert_eq!(
            tidy_location("/draws/1/match?saved=1&shown=1#wishes-title"),
            "/draws/1/match?saved=1&shown=1#wishes-title"
        );
    }

    #[test]
    fn empty_hydration_scripts_are_taken_out_and_scripts_with_data_stay() {
        let page = concat!(
            "<p>hi</p><script nonce=\"ab\">__RESOLVED_RESOURCES=[];__SERIALIZED_ERRORS=[];",
            "__PENDING_RESOURCES=[];__RESOURCE_RESOLVERS=[];</script>",
            "<script nonce=\"ab\">__INCOMPLETE_CHUNKS=[];</script>"
        );
        assert_eq!(strip_empty_scripts(page), "<p>hi</p>");
        let with_data = "<script>__RESOLVED_RESOURCES=[1];__INCOMPLETE_CHUNKS=[2];</script>";
        assert_eq!(strip_empty_scripts(with_data), with_data);
    }

    #[test]
    fn only_what_follows_the_document_is_searched_for_empty_hydration_scripts() {
        let empty = "<script nonce=\"ab\">__INCOMPLETE_CHUNKS=[];</script>";
        let page = format!("<!DOCTYPE html><html><body><p>{empty}</p></body></html>");
        let sent = without_empty_scripts_after_page(format!("{page}{empty}").into());
        assert_eq!(
            sent,
            page.as_bytes(),
            "the page stays as written, the script after it goes"
        );
        let alone = without_empty_scripts_after_page(empty.to_string().into());
        assert!(alone.is_empty(), "a frame of scripts only loses them");
        let other = without_empty_scripts_after_page("<p>no scripts</p>".into());
        assert_eq!(other, "<p>no scripts</p>".as_bytes());
    }

    /// Log output, kept for the test to read.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test(flavor = "current_thread")]
    async fn an_error_logged_while_serving_a_request_names_the_request() {
        let log = Captured::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let app = Router::new()
            .route(
                "/api/save_draw",
                post(|| async {
                    tracing::error!("database error");
                }),
            )
            .layer(axum::middleware::from_fn(in_span));
        let request = axum::http::Request::post("/api/save_draw")
            .body(Body::empty())
            .unwrap();
        app.oneshot(request).await.unwrap();
        let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
        assert!(
            text.contains("request{method=POST path=/api/save_draw}")
                && text.contains("database error"),
            "{text}"
        );
    }
}
