use leptos::prelude::*;

use crate::api::auth::Login;
use crate::domain::limits::MAX_EMAIL_CHARS;
use crate::ui::auth::query;
use crate::ui::components::{Field, FormErrors, FormMessage, FormPanel};

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let errors = FormErrors::of(login);
    let field = move |name| errors.field(name);

    view! {
        <FormPanel page=true id="login-title" title="Log in" lead="Organizers and participants log in here.">
            <ActionForm action=login>
                <FormMessage message=errors.message() />
                <input type="hidden" name="next" value=query("next").unwrap_or_default() />
                <Field label="Email" name="email" kind="email" autocomplete="username" maxlength=MAX_EMAIL_CHARS error=field("email") />
                <Field label="Password" name="password" kind="password" autocomplete="current-password" error=field("password") />
                <button type="submit" class="button button--wide">"Log in"</button>
            </ActionForm>
            <p class="auth-panel__switch"><a href="/forgot-password">"Forgot your password?"</a></p>
            <p class="auth-panel__switch">"New here? " <a href="/register">"Create an account"</a></p>
        </FormPanel>
    }
}
