use crate::tr;
use crate::ui::use_lang;
use leptos::prelude::*;

use crate::api::auth::Register;
use crate::domain::limits::{MAX_EMAIL_CHARS, MAX_PERSON_NAME_CHARS};
use crate::ui::components::{Field, FormErrors, FormMessage, FormPanel, NewPasswordFields};

#[component]
pub fn RegisterPage() -> impl IntoView {
    let lang = use_lang();
    let register = ServerAction::<Register>::new();
    let errors = FormErrors::of(register);
    let field = move |name| errors.field(name);

    view! {
        <FormPanel page=true id="register-title" title=tr!(lang, "register-title") lead=tr!(lang, "register-lead")>
            <ActionForm action=register>
                <FormMessage message=errors.message() />
                <div class="field-row">
                    <Field label=tr!(lang, "field-first-name") name="first_name" autocomplete="given-name" maxlength=MAX_PERSON_NAME_CHARS error=field("first_name") />
                    <Field label=tr!(lang, "field-surname") name="surname" autocomplete="family-name" maxlength=MAX_PERSON_NAME_CHARS error=field("surname") />
                </div>
                <Field label=tr!(lang, "field-email") name="email" kind="email" autocomplete="email" maxlength=MAX_EMAIL_CHARS error=field("email") />
                <NewPasswordFields errors />
                <button type="submit" class="button button--wide">{tr!(lang, "register-submit")}</button>
            </ActionForm>
            <p class="auth-panel__switch">{tr!(lang, "register-have-account")} " " <a href="/login">{tr!(lang, "register-log-in")}</a></p>
        </FormPanel>
    }
}
