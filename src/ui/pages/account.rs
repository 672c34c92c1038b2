use crate::tr;
use crate::ui::use_lang;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::auth::{ChangePassword, UpdateName, UserView};
use crate::domain::limits::MAX_PERSON_NAME_CHARS;
use crate::ui::auth::{query, RequireUser};
use crate::ui::components::{Field, FormErrors, FormMessage, FormPanel, NewPasswordFields, Saved};

#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <Title text=tr!(use_lang(), "account-title") />
        <RequireUser children=|user| view! { <AccountDetails user /> } />
    }
}

#[component]
fn AccountDetails(user: UserView) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<ChangePassword>::new();
    let errors = FormErrors::of(action);
    let changed = query("changed");
    let role = if user.role == "author" {
        tr!(lang, "role-organizer")
    } else {
        tr!(lang, "role-participant")
    };

    view! {
        <section class="account" aria-labelledby="account-title">
            <h1 id="account-title">{tr!(lang, "account-title")}</h1>
            <dl class="facts">
                <div><dt>{tr!(lang, "field-email")}</dt><dd data-testid="account-email">{user.email.clone()}</dd></div>
                <div><dt>{tr!(lang, "account-role")}</dt><dd>{role}</dd></div>
            </dl>

            <NameForm user saved=changed.as_deref() == Some("name") />

            <FormPanel id="password-title" title=tr!(lang, "account-password-title") lead=tr!(lang, "account-password-lead")>
                <ActionForm action=action>
                    <FormMessage message=errors.message() />
                    <Saved when=changed.as_deref() == Some("password") text=tr!(lang, "account-password-changed") />
                    <Field label=tr!(lang, "account-current-password") name="current" kind="password" autocomplete="current-password" error=errors.field("current") />
                    <NewPasswordFields errors new=true />
                    <button type="submit" class="button">{tr!(lang, "account-password-submit")}</button>
                </ActionForm>
            </FormPanel>
        </section>
    }
}

/// The name people see on invitations and as the organizer of a draw.
#[component]
fn NameForm(user: UserView, saved: bool) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<UpdateName>::new();
    let errors = FormErrors::of(action);
    view! {
        <FormPanel id="name-title" title=tr!(lang, "account-name-title") lead=tr!(lang, "account-name-lead")>
            <ActionForm action=action>
                <FormMessage message=errors.message() />
                <Saved when=saved text=tr!(lang, "account-name-saved") />
                <div class="field-row">
                    <Field label=tr!(lang, "field-first-name") name="first_name" autocomplete="given-name" maxlength=MAX_PERSON_NAME_CHARS value=user.first_name error=errors.field("first_name") />
                    <Field label=tr!(lang, "field-surname") name="surname" autocomplete="family-name" maxlength=MAX_PERSON_NAME_CHARS value=user.surname error=errors.field("surname") />
                </div>
                <button type="submit" class="button">{tr!(lang, "account-name-submit")}</button>
            </ActionForm>
        </FormPanel>
    }
}
