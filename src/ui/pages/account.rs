use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::auth::{ChangePassword, UpdateName, UserView};
use crate::domain::limits::MAX_PERSON_NAME_CHARS;
use crate::ui::auth::{query, RequireUser};
use crate::ui::components::{Field, FormErrors, FormMessage, FormPanel, NewPasswordFields, Saved};

#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <Title text="Your account" />
        <RequireUser children=|user| view! { <AccountDetails user /> } />
    }
}

#[component]
fn AccountDetails(user: UserView) -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let errors = FormErrors::of(action);
    let changed = query("changed");
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

            <NameForm user saved=changed.as_deref() == Some("name") />

            <FormPanel id="password-title" title="Change password" lead="Changing it logs you out everywhere else.">
                <ActionForm action=action>
                    <FormMessage message=errors.message() />
                    <Saved when=changed.as_deref() == Some("password") text="Your password has been changed." />
                    <Field label="Current password" name="current" kind="password" autocomplete="current-password" error=errors.field("current") />
                    <NewPasswordFields errors new=true />
                    <button type="submit" class="button">"Change password"</button>
                </ActionForm>
            </FormPanel>
        </section>
    }
}

/// The name people see on invitations and as the organizer of a draw.
#[component]
fn NameForm(user: UserView, saved: bool) -> impl IntoView {
    let action = ServerAction::<UpdateName>::new();
    let errors = FormErrors::of(action);
    view! {
        <FormPanel id="name-title" title="Your name" lead="People you invite see it, and so do the people of draws you organize.">
            <ActionForm action=action>
                <FormMessage message=errors.message() />
                <Saved when=saved text="Your name has been saved." />
                <div class="field-row">
                    <Field label="First name" name="first_name" autocomplete="given-name" maxlength=MAX_PERSON_NAME_CHARS value=user.first_name error=errors.field("first_name") />
                    <Field label="Surname" name="surname" autocomplete="family-name" maxlength=MAX_PERSON_NAME_CHARS value=user.surname error=errors.field("surname") />
                </div>
                <button type="submit" class="button">"Save name"</button>
            </ActionForm>
        </FormPanel>
    }
}
