//! Pages whose data is read before they render: the dashboard and the participant's page, the two
//! pages people open most. Their handlers read what the page shows (in one transaction that
//! carries the user, as the server functions do) and hand it to the page in its context, so the
//! page renders in one pass. A `Resource` and a `Suspense` waiting for the same data cost about a
//! fifth of these pages' instructions, and the participant's page rendered its body a second time
//! on a third of requests (bench/RESULTS.md, issue 15). For a logged-in visitor the page is
//! rendered in the app's frame without the router (which would only find it again); otherwise as
//! Leptos does for its own routes. Either way: the same context, the same document, the page
//! rendered whole before it is sent.

use std::future::Future;
use std::pin::Pin;

use axum::extract::{Path, Request, State};
use axum::http::{Method, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use leptos::prelude::*;
use uuid::Uuid;

use super::AppState;
use crate::api::participant::{
    dashboard_lists, participant_page, LoadedDashboard, LoadedParticipantPage,
};
use crate::auth::CurrentUser;
use crate::ui::{dashboard_page, match_page, shell, shell_for};

const DASHBOARD: &str = "/draws";
const PARTICIPANT_PAGE: &str = "/draws/{id}/match";

/// The routes served here rather than by Leptos's own handlers (as Leptos lists them).
pub(super) const LOADED_FIRST: [&str; 2] = [DASHBOARD, PARTICIPANT_PAGE];

/// Renders the app's pages as Leptos's own route handlers do, with something more in the context.
#[derive(Clone)]
pub(super) struct Renderer<C> {
    state: AppState,
    /// What every page has in its context (the app's services, the nonce, the language).
    context: C,
    options: LeptosOptions,
}

impl<C> Renderer<C>
where
    C: Fn() + Clone + Send + Sync + 'static,
{
    pub(super) fn new(state: AppState, context: C, options: LeptosOptions) -> Self {
        Self {
            state,
            context,
            options,
        }
    }

    pub(super) fn routes(self) -> Router<AppState> {
        let dashboard = self.clone();
        let participant = self;
        Router::new()
            .route(
                DASHBOARD,
                get(move |request: Request| dashboard.dashboard(request)),
            )
            .route(
                PARTICIPANT_PAGE,
                get(move |Path(id): Path<String>, request: Request| {
                    participant.participant_page(id, request)
                }),
            )
    }

    /// "My draws": the draws the user takes part in and those they organize.
    async fn dashboard(self, request: Request) -> Response {
        let lists = match user_of(&request) {
            Some(user) => Some(LoadedDashboard(
                dashboard_lists(&self.state.ctx, user).await,
            )),
            None => None,
        };
        self.render(request, lists, dashboard_page).await
    }

    /// A participant's page for one draw (`?shown` after a reveal: with the match open).
    async fn participant_page(self, id: String, request: Request) -> Response {
        let shown = request.uri().query().is_some_and(|query| {
            url::form_urlencoded::parse(query.as_bytes()).any(|(key, _)| key == "shown")
        });
        let page = match user_of(&request) {
            Some(user) => Some(LoadedParticipantPage(
                participant_page(&self.state.ctx, user, &id, shown).await,
            )),
            None => None,
        };
        self.render(request, page, match_page).await
    }

    /// The page for `request`, with `loaded` in its context: `page` alone in the app's frame (the
    /// router would only find it again). Nobody logged in: nothing was read, and the app's own
    /// routing renders the page, which sends them to the login page.
    async fn render<T>(self, request: Request, loaded: Option<T>, page: fn() -> AnyView) -> Response
    where
        T: Clone + Send + Sync + 'static,
    {
        let Self {
            state,
            context,
            options,
        } = self;
        // Data was read only for someone logged in.
        let logged_in = loaded.is_some();
        let context = move || {
            provide_context(state.clone());
            provide_context(leptos_router::Method::Get);
            context();
            if let Some(loaded) = loaded.clone() {
                provide_context(loaded);
            }
        };
        if logged_in {
            let render = leptos_axum::render_app_async_with_context(context, move || {
                shell_for(options.clone(), page)
            });
            render(request).await
        } else {
            let render =
                leptos_axum::render_app_async_with_context(context, move || shell(options.clone()));
            render(request).await
        }
    }
}

/// Who is logged in on this request, as the session middleware resolved it.
fn user_of(request: &Request) -> Option<Uuid> {
    request
        .extensions()
        .get::<CurrentUser>()
        .and_then(|CurrentUser(user)| user.as_ref().map(|user| user.id))
}

/// Leptos's answer to an address no route has (`not_found`: a file of the site, or the app's
/// not-found page), except for a page's address with a slash at its end, which goes to the page
/// (a permanent redirect, query kept): Leptos's router would match it and render the page here,
/// without what the page's handler reads for it — so `/draws/` would be an error, and
/// `/login/` a login page with the status of a missing one.
pub(super) fn not_found<F>(
    not_found: F,
) -> impl Fn(Uri, State<AppState>, Request) -> Pin<Box<dyn Future<Output = Response> + Send>>
       + Clone
       + Send
       + Sync
       + 'static
where
    F: Fn(Uri, State<AppState>, Request) -> Pin<Box<dyn Future<Output = Response> + Send>>
        + Clone
        + Send
        + Sync
        + 'static,
{
    move |uri, state, request| match without_trailing_slash(request.method(), &uri) {
        Some(page) => Box::pin(async move { Redirect::permanent(&page).into_response() }),
        None => not_found(uri, state, request),
    }
}

/// `/draws/?x=1` → `/draws?x=1`, for a GET or HEAD of a path with a slash (or several) at its end
/// (never the site's root, never an address that would leave the site).
fn without_trailing_slash(method: &Method, uri: &Uri) -> Option<String> {
    if !matches!(*method, Method::GET | Method::HEAD) {
        return None;
    }
    let path = uri.path();
    let page = path.trim_end_matches('/');
    // `//host` and `/\host` would be another site to a browser.
    if page.len() == path.len()
        || page.is_empty()
        || page.starts_with("//")
        || page.starts_with("/\\")
    {
        return None;
    }
    Some(match uri.query() {
        Some(query) => format!("{page}?{query}"),
        None => page.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redirect(method: Method, uri: &str) -> Option<String> {
        without_trailing_slash(&method, &uri.parse().unwrap())
    }

    #[test]
    fn a_page_address_with_a_slash_at_its_end_goes_to_the_page_with_its_query() {
        assert_eq!(redirect(Method::GET, "/draws/"), Some("/draws".into()));
        assert_eq!(
            redirect(Method::GET, "/draws/?welcome=1"),
            Some("/draws?welcome=1".into())
        );
        assert_eq!(
            redirect(Method::HEAD, "/draws/x/match//"),
            Some("/draws/x/match".into())
        );
    }

    #[test]
    fn the_root_other_methods_and_addresses_off_the_site_are_left_alone() {
        assert_eq!(redirect(Method::GET, "/"), None);
        assert_eq!(redirect(Method::GET, "//"), None);
        assert_eq!(redirect(Method::GET, "/draws"), None);
        assert_eq!(redirect(Method::POST, "/draws/"), None);
        assert_eq!(redirect(Method::GET, "//evil.example/"), None);
        if let Ok(uri) = "/\\evil.example/".parse::<Uri>() {
            assert_eq!(without_trailing_slash(&Method::GET, &uri), None);
        }
    }
}
