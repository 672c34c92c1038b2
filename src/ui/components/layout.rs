use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::auth::Logout;
use crate::i18n::Lang;
use crate::tr;
use crate::ui::auth::signed_in;
use crate::ui::use_lang;

/// The header: brand and navigation. On narrow screens the navigation folds behind a menu button,
/// a `<details>` disclosure: it opens and closes with no script, and every page load starts with
/// it closed.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let lang = use_lang();
    let links = match signed_in() {
        Some(_) => view! {
            <li><a href="/draws">{tr!(lang, "nav-my-draws")}</a></li>
            <li><a href="/account">{tr!(lang, "nav-account")}</a></li>
            <li>
                // A plain form: nothing here reads how the post went (it comes back logged out).
                <form method="post" action=Logout::url()>
                    <button type="submit" class="nav-button">{tr!(lang, "nav-log-out")}</button>
                </form>
            </li>
        }
        .into_any(),
        None => view! {
            <li><a href="/login">{tr!(lang, "nav-log-in")}</a></li>
            <li><a href="/register" class="nav-cta">{tr!(lang, "nav-register")}</a></li>
        }
        .into_any(),
    };
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a href="/" class="brand">
                    <svg class="brand__mark" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
                        <rect x="8" y="26" width="48" height="32" rx="4" fill="#fdf8f1" />
                        <rect x="4" y="18" width="56" height="12" rx="3" fill="#ffffff" />
                        <rect x="28" y="18" width="8" height="40" fill="#c9972b" />
                        <path d="M32 18c-6-10-18-10-16-2 1 4 10 3 16 2zm0 0c6-10 18-10 16-2-1 4-10 3-16 2z" fill="none" stroke="#c9972b" stroke-width="4" />
                    </svg>
                    <span class="brand__name">{tr!(lang, "brand")}</span>
                </a>
                <details class="site-menu">
                    <summary class="menu-toggle">
                        <span class="menu-toggle__bars" aria-hidden="true"></span>
                        <span class="menu-toggle__open">{tr!(lang, "menu-open")}</span>
                        <span class="menu-toggle__close">{tr!(lang, "menu-close")}</span>
                    </summary>
                </details>
                <nav id="site-nav" class="site-nav" aria-label=tr!(lang, "nav-main")>
                    <ul>
                        <li><a href="/#how-it-works">{tr!(lang, "nav-how")}</a></li>
                        {links}
                        // The other languages, in the menu too (on a phone the footer is far).
                        {Lang::ALL.into_iter().filter(|l| *l != lang).map(|other| view! {
                            <li>
                                <form method="post" action="/language">
                                    <input type="hidden" name="back" value=here() />
                                    <button type="submit" class="nav-button" name="lang" value=other.code() lang=other.code()>
                                        {other.name()}
                                    </button>
                                </form>
                            </li>
                        }).collect_view()}
                    </ul>
                </nav>
            </div>
        </header>
    }
}

/// This page's path and query, for the switcher to come back to (read from the request: the
/// router's location would parse the address again).
fn here() -> String {
    #[cfg(feature = "ssr")]
    {
        with_context::<axum::http::request::Parts, _>(|parts| {
            parts
                .uri
                .path_and_query()
                .map_or_else(|| "/".to_owned(), |here| here.as_str().to_owned())
        })
        .unwrap_or_else(|| "/".to_owned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        let location = leptos_router::hooks::use_location();
        let path = location.pathname.get_untracked();
        let search = location.search.get_untracked();
        match search.trim_start_matches('?') {
            "" => path,
            query => format!("{path}?{query}"),
        }
    }
}

/// The footer, with the language switcher: a plain form (no script), whose choice the server
/// keeps on the account and in a cookie, and which comes back to this very page.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let lang = use_lang();
    let here = here();
    let buttons = Lang::ALL
        .into_iter()
        .map(|choice| {
            view! {
                <button type="submit" name="lang" value=choice.code() lang=choice.code()
                    aria-pressed=if choice == lang { "true" } else { "false" }>
                    {choice.name()}
                </button>
            }
        })
        .collect_view();
    view! {
        <footer class="site-footer">
            <p>{tr!(lang, "footer-tagline")}</p>
            <form class="language-switch" method="post" action="/language"
                aria-labelledby="language-switch-label">
                <span id="language-switch-label">{tr!(lang, "language-switch")}</span>
                <input type="hidden" name="back" value=here />
                {buttons}
            </form>
        </footer>
    }
}
