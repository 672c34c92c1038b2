use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::run::invitation;
use crate::domain::limits::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
use crate::error::AppError;
use crate::ui::components::{Field, FormErrors, FormMessage};
use crate::ui::Auth;

/// Where an invitation link lands: set a first password, then in.
#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let info = Resource::new(token, invitation);
    let accept = Auth::get().accept_invitation;
    let errors = FormErrors::new(move || accept.value().get().and_then(Result::err));
    let field = move |name| errors.field(name);
    let message = Signal::derive(move || match accept.value().get() {
        Some(Err(AppError::NotFound)) => Some(
            "This invitation link no longer works. Ask the organizer of your draw for a new one."
                .to_string(),
        ),
        _ => errors.message().get(),
    });

    view! {
        <Title text="Your invitation" />
        <section class="panel auth-panel" aria-labelledby="invite-title">
            <Suspense fallback=|| view! { <p class="loading">"Opening your invitation…"</p> }>
                {move || Suspend::new(async move {
                    match info.await {
                        Ok(info) => view! {
                            <h1 id="invite-title">{format!("Welcome, {}", info.participant_name)}</h1>
                            <p class="auth-panel__lead">
                                {format!("{} invited you to the Secret Santa draw “{}”. Choose a password to see who you give to.",
                                    info.organizer_email, info.draw_name)}
                            </p>
                            <ActionForm action=accept>
                                <FormMessage message />
                                <input type="hidden" name="token" value=token() />
                                <Field label="Password" name="password" kind="password" autocomplete="new-password"
                                    hint="At least 8 characters. A few words make a good one."
                                    minlength=MIN_PASSWORD_CHARS maxlength=MAX_PASSWORD_CHARS error=field("password") />
                                <Field label="Confirm password" name="confirm" kind="password" autocomplete="new-password"
                                    maxlength=MAX_PASSWORD_CHARS error=field("confirm") />
                                <button type="submit" class="button button--wide" disabled=move || accept.pending().get()>
                                    "Set my password"
                                </button>
                            </ActionForm>
                        }.into_any(),
                        Err(_) => view! {
                            <h1 id="invite-title">"This link no longer works"</h1>
                            <p>"Invitation links work once and expire after a while. If you already set your password, "
                                <a href="/login">"log in"</a> ". Otherwise, ask the organizer of your draw for a new link."</p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
