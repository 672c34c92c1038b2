use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::domain::limits::MAX_EMAIL_CHARS;
use crate::ui::components::{Field, FormErrors, FormMessage, FormPanel};
use crate::ui::Auth;

#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = Auth::get();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let errors = FormErrors::of(auth.login);
    let field = move |name| errors.field(name);

    view! {
        <FormPanel page=true id="login-title" title="Log in" lead="Organizers and participants log in here.">
            <ActionForm action=auth.login>
                <FormMessage message=errors.message() />
                <input type="hidden" name="next" prop:value=next />
                <Field label="Email" name="email" kind="email" autocomplete="username" maxlength=MAX_EMAIL_CHARS error=field("email") />
                <Field label="Password" name="password" kind="password" autocomplete="current-password" error=field("password") />
                <button type="submit" class="button button--wide" disabled=move || auth.login.pending().get()>
                    {move || if auth.login.pending().get() { "Logging in…" } else { "Log in" }}
                </button>
            </ActionForm>
            <p class="auth-panel__switch"><a href="/forgot-password">"Forgot your password?"</a></p>
            <p class="auth-panel__switch">"New here? " <a href="/register">"Create an account"</a></p>
        </FormPanel>
    }
}
