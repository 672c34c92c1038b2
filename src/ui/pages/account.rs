use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::auth::UserView;
use crate::domain::limits::{MAX_PASSWORD_CHARS, MAX_PERSON_NAME_CHARS, MIN_PASSWORD_CHARS};
use crate::ui::auth::RequireUser;
use crate::ui::components::{Field, FormErrors, FormMessage};
use crate::ui::Auth;

#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <Title text="Your account" />
        <RequireUser children=|user| view! { <AccountDetails user /> } />
    }
}

#[component]
fn AccountDetails(user: UserView) -> impl IntoView {
    let auth = Auth::get();
    let action = auth.change_password;
    let errors = FormErrors::new(move || action.value().get().and_then(Result::err));
    let message = errors.message();
    let done = move || matches!(action.value().get(), Some(Ok(())));
    let field = move |name| errors.field(name);
    let role = if user.role == "author" {
        "Organizer"
    } else {
        "Participant"
    };

    view! {
        <section class="account" aria-labelledby="account-title">
            <h1 id="account-title">"Your account"</h1>
            <dl class="facts">
                <div><dt>"Email"</dt><dd data-testid="account-email">{user.email.clone()}</dd></div>
                <div><dt>"Role"</dt><dd>{role}</dd></div>
            </dl>

            <NameForm user />

            <section class="panel panel--form" aria-labelledby="password-title">
                <h2 id="password-title">"Change password"</h2>
                <p>"Changing it logs you out everywhere else."</p>
                <ActionForm action=action>
                    <FormMessage message />
                    <Show when=done>
                        <p class="form-success" role="status">"Your password has been changed."</p>
                    </Show>
                    <Field label="Current password" name="current" kind="password" autocomplete="current-password" error=field("current") />
                    <Field
                        label="New password"
                        name="password"
                        kind="password"
                        autocomplete="new-password"
                        hint="At least 8 characters."
                        minlength=MIN_PASSWORD_CHARS
                        maxlength=MAX_PASSWORD_CHARS
                        error=field("password")
                    />
                    <Field label="Confirm new password" name="confirm" kind="password" autocomplete="new-password" maxlength=MAX_PASSWORD_CHARS error=field("confirm") />
                    <button type="submit" class="button" disabled=move || action.pending().get()>"Change password"</button>
                </ActionForm>
            </section>
        </section>
    }
}

/// The name people see on invitations and as the organizer of a draw.
#[component]
fn NameForm(user: UserView) -> impl IntoView {
    let action = Auth::get().update_name;
    let errors = FormErrors::new(move || action.value().get().and_then(Result::err));
    let message = errors.message();
    let done = move || matches!(action.value().get(), Some(Ok(())));
    let field = move |name| errors.field(name);
    view! {
        <section class="panel panel--form" aria-labelledby="name-title">
            <h2 id="name-title">"Your name"</h2>
            <p>"People you invite see it, and so do the people of draws you organize."</p>
            <ActionForm action=action>
                <FormMessage message />
                <Show when=done>
                    <p class="form-success" role="status">"Your name has been saved."</p>
                </Show>
                <div class="field-row">
                    <Field label="First name" name="first_name" autocomplete="given-name" maxlength=MAX_PERSON_NAME_CHARS value=user.first_name error=field("first_name") />
                    <Field label="Surname" name="surname" autocomplete="family-name" maxlength=MAX_PERSON_NAME_CHARS value=user.surname error=field("surname") />
                </div>
                <button type="submit" class="button" disabled=move || action.pending().get()>"Save name"</button>
            </ActionForm>
        </section>
    }
}
