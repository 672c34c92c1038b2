use leptos::prelude::*;

use crate::api::auth::Register;
use crate::domain::limits::{MAX_EMAIL_CHARS, MAX_PERSON_NAME_CHARS};
use crate::ui::components::{Field, FormErrors, FormMessage, FormPanel, NewPasswordFields};

#[component]
pub fn RegisterPage() -> impl IntoView {
    let register = ServerAction::<Register>::new();
    let errors = FormErrors::of(register);
    let field = move |name| errors.field(name);

    view! {
        <FormPanel page=true id="register-title" title="Create an account" lead="Organize draws for your family, friends or office.">
            <ActionForm action=register>
                <FormMessage message=errors.message() />
                <div class="field-row">
                    <Field label="First name" name="first_name" autocomplete="given-name" maxlength=MAX_PERSON_NAME_CHARS error=field("first_name") />
                    <Field label="Surname" name="surname" autocomplete="family-name" maxlength=MAX_PERSON_NAME_CHARS error=field("surname") />
                </div>
                <Field label="Email" name="email" kind="email" autocomplete="email" maxlength=MAX_EMAIL_CHARS error=field("email") />
                <NewPasswordFields errors />
                <button type="submit" class="button button--wide">"Create account"</button>
            </ActionForm>
            <p class="auth-panel__switch">"Already have an account? " <a href="/login">"Log in"</a></p>
        </FormPanel>
    }
}
