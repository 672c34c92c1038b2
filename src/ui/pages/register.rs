use leptos::prelude::*;
use leptos_meta::Title;

use crate::domain::limits::{
    MAX_EMAIL_CHARS, MAX_PASSWORD_CHARS, MAX_PERSON_NAME_CHARS, MIN_PASSWORD_CHARS,
};
use crate::ui::components::{Field, FormErrors, FormMessage};
use crate::ui::Auth;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let auth = Auth::get();
    let errors = FormErrors::new(move || auth.register.value().get().and_then(Result::err));
    let message = errors.message();
    let field = move |name| errors.field(name);

    view! {
        <Title text="Create an account" />
        <section class="panel auth-panel" aria-labelledby="register-title">
            <h1 id="register-title">"Create an account"</h1>
            <p class="auth-panel__lead">"Organize draws for your family, friends or office."</p>
            <ActionForm action=auth.register>
                <FormMessage message />
                <div class="field-row">
                    <Field label="First name" name="first_name" autocomplete="given-name" maxlength=MAX_PERSON_NAME_CHARS error=field("first_name") />
                    <Field label="Surname" name="surname" autocomplete="family-name" maxlength=MAX_PERSON_NAME_CHARS error=field("surname") />
                </div>
                <Field label="Email" name="email" kind="email" autocomplete="email" maxlength=MAX_EMAIL_CHARS error=field("email") />
                <Field
                    label="Password"
                    name="password"
                    kind="password"
                    autocomplete="new-password"
                    hint="At least 8 characters. A few words make a good one."
                    minlength=MIN_PASSWORD_CHARS
                    maxlength=MAX_PASSWORD_CHARS
                    error=field("password")
                />
                <Field label="Confirm password" name="confirm" kind="password" autocomplete="new-password" maxlength=MAX_PASSWORD_CHARS error=field("confirm") />
                <button type="submit" class="button button--wide" disabled=move || auth.register.pending().get()>
                    {move || if auth.register.pending().get() { "Creating your account…" } else { "Create account" }}
                </button>
            </ActionForm>
            <p class="auth-panel__switch">"Already have an account? " <a href="/login">"Log in"</a></p>
        </section>
    }
}
