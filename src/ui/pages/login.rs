use crate::tr;
use crate::ui::use_lang;
use leptos::prelude::*;

use crate::api::auth::Login;
use crate::domain::limits::MAX_EMAIL_CHARS;
use crate::ui::auth::query;
use crate::ui::components::{Field, FormErrors, FormMessage, FormPanel};

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let login = ServerAction::<Login>::new();
    let errors = FormErrors::of(login);
    let field = move |name| errors.field(name);

    view! {
        <FormPanel page=true id="login-title" title=tr!(lang, "login-title") lead=tr!(lang, "login-lead")>
            <ActionForm action=login>
                <FormMessage message=errors.message() />
                <input type="hidden" name="next" value=query("next").unwrap_or_default() />
                <Field label=tr!(lang, "field-email") name="email" kind="email" autocomplete="username" maxlength=MAX_EMAIL_CHARS error=field("email") />
                <Field label=tr!(lang, "field-password") name="password" kind="password" autocomplete="current-password" error=field("password") />
                <button type="submit" class="button button--wide">{tr!(lang, "login-submit")}</button>
            </ActionForm>
            <p class="auth-panel__switch"><a href="/forgot-password">{tr!(lang, "login-forgot")}</a></p>
            <p class="auth-panel__switch">{tr!(lang, "login-new-here")} " " <a href="/register">{tr!(lang, "login-create-account")}</a></p>
        </FormPanel>
    }
}
