use leptos::prelude::*;

use crate::ui::Auth;

/// The header: brand and navigation. On narrow screens the navigation folds behind a menu button.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let auth = Auth::get();
    // The phone menu belongs to the page it was opened on: it is open only while the path, the
    // query and the logout count are what they were when the person opened it. Any change of page
    // — a link in the menu or in the page, a redirect, the back button, logging out — closes it at
    // once, with no effect to run late (an effect that closed it on navigation now and then left
    // it open).
    let location = leptos_router::hooks::use_location();
    let here = move || {
        (
            location.pathname.get(),
            location.search.get(),
            // (Not the hash: the server never sees it, and Leptos warns when it is read there.)
            auth.logout.version().get(),
        )
    };
    let opened_at = RwSignal::new(None);
    let open = Signal::derive(move || opened_at.with(|at| at.as_ref() == Some(&here())));
    let set_open = move |value: bool| opened_at.set(value.then(|| untrack(here)));
    let close = move |_| set_open(false);
    // Escape closes it too, and gives focus back to the button that opened it.
    let toggle = NodeRef::<leptos::html::Button>::new();
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked() {
            set_open(false);
            if let Some(button) = toggle.get_untracked() {
                let _ = button.focus();
            }
        }
    });

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
                <button
                    type="button"
                    class="menu-toggle"
                    node_ref=toggle
                    aria-controls="site-nav"
                    aria-expanded=move || open.get().to_string()
                    on:click=move |_| set_open(!open.get_untracked())
                >
                    <span class="menu-toggle__bars" aria-hidden="true"></span>
                    {move || if open.get() { "Close" } else { "Menu" }}
                </button>
                <nav id="site-nav" class="site-nav" aria-label="Main" data-open=move || open.get().to_string()>
                    <ul>
                        // A full load, so the browser scrolls to the section from any page.
                        <li><a href="/#how-it-works" rel="external" on:click=close>"How it works"</a></li>
                        <Transition fallback=|| ()>
                            {move || Suspend::new(async move {
                                match auth.user.await {
                                    Ok(Some(_)) => view! {
                                        <li><a href="/draws" on:click=close>"My draws"</a></li>
                                        <li><a href="/account" on:click=close>"Account"</a></li>
                                        <li>
                                            <ActionForm action=auth.logout>
                                                <button type="submit" class="nav-button">"Log out"</button>
                                            </ActionForm>
                                        </li>
                                    }.into_any(),
                                    _ => view! {
                                        <li><a href="/login" on:click=close>"Log in"</a></li>
                                        <li><a href="/register" class="nav-cta" on:click=close>"Register"</a></li>
                                    }.into_any(),
                                }
                            })}
                        </Transition>
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
