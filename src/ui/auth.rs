//! The logged-in user as the pages know it. Pages render on the server only, where the session
//! middleware has already resolved the user: no extra request, no waiting, nothing shipped to the
//! browser.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use crate::api::auth::UserView;

/// Who is logged in on this request (None: nobody). Only meaningful on the server, which is the
/// only place pages render; an island never calls it.
pub fn signed_in() -> Option<UserView> {
    #[cfg(feature = "ssr")]
    {
        // Read in place: `use_context` would copy the request's headers and extensions.
        with_context::<axum::http::request::Parts, _>(|parts| {
            parts
                .extensions
                .get::<crate::auth::CurrentUser>()?
                .0
                .clone()
                .map(UserView::from)
        })
        .flatten()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// Shows `children` to a logged-in user; sends anybody else to the login page and back here
/// afterwards.
#[component]
pub fn RequireUser<F, IV>(children: F) -> impl IntoView
where
    F: FnOnce(UserView) -> IV + 'static,
    IV: IntoView + 'static,
{
    match signed_in() {
        Some(user) => children(user).into_any(),
        None => {
            let location = use_location();
            // The router's `search` comes without its `?`.
            let search = location.search.get_untracked();
            let here = match search.trim_start_matches('?') {
                "" => location.pathname.get_untracked(),
                query => format!("{}?{query}", location.pathname.get_untracked()),
            };
            let path = format!("/login?next={}", urlencode(&here));
            view! { <Redirect path /> }.into_any()
        }
    }
}

/// Percent-encodes a path for use as a query value.
pub fn urlencode(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A query parameter of this page's address, its last value when it comes twice (server side;
/// read from the request in place: the router's query map is a memo made and parsed again on
/// each call, and it decodes each value twice, so a typed "%41" came back as "A"). A form's
/// value (an address, a name, a letter) comes only from what this browser typed into a refused
/// post ([`KeptTexts`]), never from the address: a link could otherwise fill someone's form
/// with an address of the sender's (found from outside: `/register?email=…`).
pub fn query(name: &str) -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        with_context::<axum::http::request::Parts, _>(|parts| {
            if let Some(KeptTexts(texts)) = parts.extensions.get::<KeptTexts>() {
                if let Some((_, text)) = texts.iter().find(|(key, _)| key == name) {
                    return Some(text.clone());
                }
            }
            if KEPT_FIELDS.contains(&name) {
                return None;
            }
            url::form_urlencoded::parse(parts.uri.query()?.as_bytes())
                .filter(|(key, _)| key == name)
                .last()
                .map(|(_, value)| value.into_owned())
        })
        .flatten()
    }
    #[cfg(not(feature = "ssr"))]
    {
        leptos_router::hooks::use_query_map()
            .read_untracked()
            .get(name)
    }
}

#[cfg(feature = "ssr")]
/// The fields a plain form post (no JavaScript) keeps when it comes back refused: the server sends
/// the browser back to the form, and the person should not type their name and address again.
/// Never a password.
pub const KEPT_FIELDS: [&str; 12] = [
    "apart",
    "as_giver",
    "body",
    "gift_preferences",
    "message",
    "email",
    "first_name",
    "surname",
    "name",
    "budget",
    "currency",
    "exchange_date",
];

/// The texts (a message, a wish letter) of a logged-in person's refused form post, which the
/// server keeps in their session for the page the post came back to (not in its address); that
/// page reads them as if they were in its query.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct KeptTexts(pub Vec<(String, String)>);

/// The error a no-JavaScript post of `S` came back with: the server encodes it in the address it
/// redirects to (`__path`, `__err`), and the router hands it on in the page's context.
pub fn posted_error<S>() -> Option<crate::error::AppError>
where
    S: leptos::server_fn::ServerFn<Error = crate::error::AppError>,
{
    use leptos::server_fn::error::ServerFnUrlError;
    with_context::<leptos::server::ServerActionError, _>(|posted| {
        (posted.path() == S::PATH).then(|| ServerFnUrlError::<S::Error>::decode_err(posted.err()))
    })
    .flatten()
}

/// Puts a refused post's error (`__path`, `__err` in this page's address) in the context, where
/// [`posted_error`] reads it — what the router does for the pages it renders (server side).
pub fn provide_posted_error() {
    if let (Some(path), Some(err)) = (query("__path"), query("__err")) {
        provide_context(leptos::server::ServerActionError::new(&path, &err));
    }
}

/// Whether this server sends mail (server side; read from its settings, no request needed).
pub fn mail_on() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::context::AppContext>().is_some_and(|ctx| ctx.mailer.is_some())
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}
