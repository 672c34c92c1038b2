use leptos::prelude::*;

use crate::api::auth::Logout;
use crate::ui::auth::signed_in;

/// The header: brand and navigation. On narrow screens the navigation folds behind a menu button,
/// a `<details>` disclosure: it opens and closes with no script, and every page load starts with
/// it closed.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    let links = match signed_in() {
        Some(_) => view! {
            <li><a href="/draws">"My draws"</a></li>
            <li><a href="/account">"Account"</a></li>
            <li>
                <ActionForm action=logout>
                    <button type="submit" class="nav-button">"Log out"</button>
                </ActionForm>
            </li>
        }
        .into_any(),
        None => view! {
            <li><a href="/login">"Log in"</a></li>
            <li><a href="/register" class="nav-cta">"Register"</a></li>
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
                    <span class="brand__name">"Secret Santa"</span>
                </a>
                <details class="site-menu">
                    <summary class="menu-toggle">
                        <span class="menu-toggle__bars" aria-hidden="true"></span>
                        <span class="menu-toggle__open">"Menu"</span>
                        <span class="menu-toggle__close">"Close"</span>
                    </summary>
                </details>
                <nav id="site-nav" class="site-nav" aria-label="Main">
                    <ul>
                        <li><a href="/#how-it-works">"How it works"</a></li>
                        {links}
                    </ul>
                </nav>
            </div>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>"Secret Santa — draws that stay secret, even from the organizer."</p>
        </footer>
    }
}
