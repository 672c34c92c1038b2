use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::auth::{RequestPasswordReset, ResetPassword};
use crate::domain::limits::MAX_EMAIL_CHARS;
use crate::ui::auth::{mail_on, query};
use crate::ui::components::{Field, FormErrors, FormMessage, FormPanel, NewPasswordFields};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let request = ServerAction::<RequestPasswordReset>::new();
    let errors = FormErrors::of(request);
    let body = if !mail_on() {
        view! {
            <p>"Resetting a password needs mail, and this server has not been set up to send any. "
                "If you have not joined your draw yet, ask its organizer for a new invitation link. "
                "If you have joined, the password cannot be reset here: ask whoever runs this server to set up mail."</p>
        }
        .into_any()
    } else if query("sent").is_some() {
        view! {
            <p class="form-success" role="status">
                "If an account exists for that address, a link to choose a new password is on its way. It works once, for an hour."
            </p>
        }
        .into_any()
    } else {
        view! {
            <p class="auth-panel__lead">"Enter your email and we will mail you a link to choose a new one."</p>
            <ActionForm action=request>
                <FormMessage message=errors.message() />
                <Field label="Email" name="email" kind="email" autocomplete="username"
                    maxlength=MAX_EMAIL_CHARS error=errors.field("email") />
                <button type="submit" class="button button--wide">"Mail me a link"</button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <Title text="Forgot your password?" />
        <section class="panel auth-panel" aria-labelledby="forgot-title">
            <h1 id="forgot-title">"Forgot your password?"</h1>
            {body}
            <p class="auth-panel__switch"><a href="/login">"Back to log in"</a></p>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let reset = ServerAction::<ResetPassword>::new();
    let errors = FormErrors::of(reset);
    let message = errors.message_or_gone(
        "This reset link no longer works: links work once, for an hour. Ask for a new one.",
    );
    view! {
        <FormPanel page=true id="reset-title" title="Choose a new password" lead="This logs you out everywhere else.">
            <ActionForm action=reset>
                <FormMessage message />
                <input type="hidden" name="token" value=token />
                <NewPasswordFields errors new=true />
                <button type="submit" class="button button--wide">"Set new password"</button>
            </ActionForm>
            <p class="auth-panel__switch"><a href="/forgot-password">"Ask for a new link"</a></p>
        </FormPanel>
    }
}
