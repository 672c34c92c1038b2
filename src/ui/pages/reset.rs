use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::auth::{mail_enabled, RequestPasswordReset};
use crate::domain::limits::MAX_EMAIL_CHARS;
use crate::ui::components::{Field, FormErrors, FormMessage, FormPanel, NewPasswordFields};
use crate::ui::Auth;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let enabled = Resource::new(|| (), |_| mail_enabled());
    let request = ServerAction::<RequestPasswordReset>::new();
    let errors = FormErrors::new(move || request.value().get().and_then(Result::err));
    let message = errors.message();
    let done = move || matches!(request.value().get(), Some(Ok(())));
    view! {
        <Title text="Forgot your password?" />
        <section class="panel auth-panel" aria-labelledby="forgot-title">
            <h1 id="forgot-title">"Forgot your password?"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match enabled.await {
                        Ok(true) => view! {
                            <Show when=done fallback=move || view! {
                                <p class="auth-panel__lead">"Enter your email and we will mail you a link to choose a new one."</p>
                                <ActionForm action=request>
                                    <FormMessage message />
                                    <Field label="Email" name="email" kind="email" autocomplete="username"
                                        maxlength=MAX_EMAIL_CHARS error=errors.field("email") />
                                    <button type="submit" class="button button--wide" disabled=move || request.pending().get()>
                                        "Mail me a link"
                                    </button>
                                </ActionForm>
                            }>
                                <p class="form-success" role="status">
                                    "If an account exists for that address, a link to choose a new password is on its way. It works once, for an hour."
                                </p>
                            </Show>
                        }.into_any(),
                        _ => view! {
                            <p>"Resetting a password needs mail, and this server has not been set up to send any. "
                                "If you have not joined your draw yet, ask its organizer for a new invitation link. "
                                "If you have joined, the password cannot be reset here: ask whoever runs this server to set up mail."</p>
                        }.into_any(),
                    }
                })}
            </Suspense>
            <p class="auth-panel__switch"><a href="/login">"Back to log in"</a></p>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let reset = Auth::get().reset_password;
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
                <button type="submit" class="button button--wide" disabled=move || reset.pending().get()>"Set new password"</button>
            </ActionForm>
            <p class="auth-panel__switch"><a href="/forgot-password">"Ask for a new link"</a></p>
        </FormPanel>
    }
}
