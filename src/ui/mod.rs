//! Pages and components. Pages render on the server only (Leptos islands): plain HTML with forms
//! that post to the server functions. No page has an `#[island]` today, so none loads wasm: the
//! draw editor, the draw page and the participant page add a few lines of inline script of their
//! own (each measured against the island it replaced, `bench/RESULTS.md`).

mod auth;
mod components;
mod pages;

#[cfg(feature = "ssr")]
pub use auth::{KeptTexts, KEPT_FIELDS};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode, StaticSegment};

use crate::i18n::Lang;
use crate::tr;
use components::{ErrorView, SiteFooter, SiteHeader};
use pages::{
    AccountPage, DashboardPage, DrawPage, EditDetailsPage, EditDrawPage, ForgotPasswordPage,
    HomePage, InvitePage, LoginPage, MatchPage, NewDrawPage, NotFoundPage, RegisterPage,
    ResetPasswordPage,
};

/// The language of the page being rendered (chosen by the server for this request).
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The HTML document around the app (server side only). The server's middleware sends the page's
/// Content-Security-Policy with the nonce that the pages put on their inline scripts.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    document(options, || view! { <App /> })
}

/// The document of one page that needs no routing: a page whose handler read its data and knows
/// its visitor is logged in (`server::pages`). The same document as [`shell`]'s, the page in
/// the same frame, without the router finding it again — matching the routes and parsing the
/// address cost a page more than its own markup.
pub fn shell_for(options: LeptosOptions, page: fn() -> AnyView) -> impl IntoView {
    document(options, move || {
        provide_meta_context();
        auth::provide_posted_error();
        view! {
            <Head />
            <Frame>{page()}</Frame>
        }
    })
}

/// The dashboard, for [`shell_for`].
pub fn dashboard_page() -> AnyView {
    view! { <DashboardPage /> }.into_any()
}

/// A participant's page, for [`shell_for`].
pub fn match_page() -> AnyView {
    view! { <MatchPage /> }.into_any()
}

fn document<B, IV>(options: LeptosOptions, body: B) -> impl IntoView
where
    B: FnOnce() -> IV,
    IV: IntoView,
{
    // Nothing outside an island hydrates, so nothing outside one is serialized for the browser
    // (`HydrationScripts` would say so too, but no page renders it now: none has an island).
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    provide_context(options.clone());
    let lang = use_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options />
                <MetaTags />
            </head>
            <body>
                {body()}
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Head />
        <Router>
            <Frame>
                <Routes fallback=NotFoundPage>
                    <Route path=StaticSegment("") view=HomePage />
                    <Route path=StaticSegment("login") view=LoginPage />
                    <Route path=StaticSegment("register") view=RegisterPage />
                    <Route path=StaticSegment("account") view=AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/draws") view=DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/draws/new") view=NewDrawPage ssr=SsrMode::Async />
                    <Route path=path!("/draws/:id") view=DrawPage ssr=SsrMode::Async />
                    <Route path=path!("/draws/:id/edit") view=EditDrawPage ssr=SsrMode::Async />
                    <Route path=path!("/draws/:id/details") view=EditDetailsPage ssr=SsrMode::Async />
                    <Route path=path!("/draws/:id/match") view=MatchPage ssr=SsrMode::Async />
                    <Route path=path!("/invite/:token") view=InvitePage ssr=SsrMode::Async />
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage />
                    <Route path=path!("/reset/:token") view=ResetPasswordPage ssr=SsrMode::Async />
                </Routes>
            </Frame>
        </Router>
    }
}

/// What every page has in its head: the stylesheet, the icon, the title and the description.
#[component]
fn Head() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Stylesheet id="leptos" href="/pkg/secret-santa.css" />
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg" />
        <Title formatter=move |page: String| {
            // leptos_meta writes the title unescaped on the server: a draw named
            // "</title><script>…" must not end the element, so angle brackets become look-alikes.
            let page = page.replace('<', "‹").replace('>', "›");
            if page.is_empty() { tr!(lang, "brand").to_string() } else { tr!(lang, "title-suffix", page = page) }
        } />
        <Meta name="description" content=tr!(lang, "meta-description") />
        <Meta name="theme-color" content="#8c1c13" />
    }
}

/// What is around every page's content: the skip link, the header, the footer.
#[component]
fn Frame(children: Children) -> impl IntoView {
    let lang = use_lang();
    view! {
        <a class="skip-link" href="#main">{tr!(lang, "skip-to-content")}</a>
        <SiteHeader />
        <main id="main" class="site-main" tabindex="-1">
            <ErrorBoundary fallback=|errors| view! { <ErrorView errors /> }>
                {children()}
            </ErrorBoundary>
        </main>
        <SiteFooter />
    }
}
