use leptos::prelude::*;

use crate::ui::Auth;

/// The header: brand and navigation. On narrow screens the navigation folds behind a menu button.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let (open, set_open) = signal(false);
    let close = move |_| set_open.set(false);
    let auth = Auth::get();

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
                    aria-controls="site-nav"
                    aria-expanded=move || open.get().to_string()
                    on:click=move |_| set_open.update(|o| *o = !*o)
                >
                    <span class="menu-toggle__bars" aria-hidden="true"></span>
                    {move || if open.get() { "Close" } else { "Menu" }}
                </button>
                <nav id="site-nav" class="site-nav" aria-label="Main" data-open=move || open.get().to_string()>
                    <ul>
                        <li><a href="/#how-it-works" on:click=close>"How it works"</a></li>
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
