use crate::tr;
use crate::ui::use_lang;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::auth::{reset_link, RequestPasswordReset, ResetPassword};
use crate::domain::limits::MAX_EMAIL_CHARS;
use crate::ui::auth::{mail_on, query};
use crate::ui::components::{
    respond_with, Field, FormErrors, FormMessage, FormPanel, NewPasswordFields,
};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let request = ServerAction::<RequestPasswordReset>::new();
    let errors = FormErrors::of(request);
    let body = if !mail_on() {
        view! {
            <p>{tr!(lang, "forgot-no-mail")}</p>
        }
        .into_any()
    } else if query("sent").is_some() {
        view! {
            <p class="form-success" role="status">
                {tr!(lang, "forgot-sent")}
            </p>
        }
        .into_any()
    } else {
        view! {
            <p class="auth-panel__lead">{tr!(lang, "forgot-lead")}</p>
            <ActionForm action=request>
                <FormMessage message=errors.message() />
                <Field label=tr!(lang, "field-email") name="email" kind="email" autocomplete="username"
                    maxlength=MAX_EMAIL_CHARS error=errors.field("email") />
                <button type="submit" class="button button--wide">{tr!(lang, "forgot-submit")}</button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <Title text=tr!(lang, "forgot-title") />
        <section class="panel auth-panel" aria-labelledby="forgot-title">
            <h1 id="forgot-title">{tr!(lang, "forgot-title")}</h1>
            {body}
            <p class="auth-panel__switch"><a href="/login">{tr!(lang, "forgot-back")}</a></p>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let works = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        reset_link,
    );
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    match works.await {
                        // (A failed check shows the form: its post reports what is wrong.)
                        Ok(true) | Err(_) => view! { <ResetForm token /> }.into_any(),
                        Ok(false) => view! { <ResetGone /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn ResetForm(token: String) -> impl IntoView {
    let lang = use_lang();
    let reset = ServerAction::<ResetPassword>::new();
    let errors = FormErrors::of(reset);
    let message = errors.message_or_gone(tr!(lang, "reset-gone"));
    view! {
        <FormPanel page=true id="reset-title" title=tr!(lang, "reset-title") lead=tr!(lang, "reset-lead")>
            <ActionForm action=reset>
                <FormMessage message />
                <input type="hidden" name="token" value=token />
                <NewPasswordFields errors new=true />
                <button type="submit" class="button button--wide">{tr!(lang, "reset-submit")}</button>
            </ActionForm>
            <p class="auth-panel__switch"><a href="/forgot-password">{tr!(lang, "reset-ask-again")}</a></p>
        </FormPanel>
    }
}

/// An unknown, used or expired link: a page not found, which says what to do.
#[component]
fn ResetGone() -> impl IntoView {
    let lang = use_lang();
    respond_with(404);
    view! {
        <Title text=tr!(lang, "reset-gone-title") />
        <section class="panel auth-panel" aria-labelledby="reset-title">
            <h1 id="reset-title">{tr!(lang, "reset-gone-title")}</h1>
            <p class="auth-panel__lead">{tr!(lang, "reset-gone-lead")}</p>
            <p><a class="button button--wide" href="/forgot-password">{tr!(lang, "reset-ask-again")}</a></p>
            <p class="auth-panel__switch"><a href="/login">{tr!(lang, "forgot-back")}</a></p>
        </section>
    }
}
