use crate::i18n::Lang;
use crate::tr;
use crate::ui::use_lang;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::run::{invitation, AcceptInvitation, InvitationInfo, JoinInvitation};
use crate::domain::limits::MAX_EMAIL_CHARS;
use crate::error::AppError;
use crate::ui::components::{respond_with, Field, FormErrors, FormMessage, NewPasswordFields};

/// Where an invitation link lands. The link opens one membership of one draw: the person joins it
/// with a new account, or with the account they are logged in with — it never opens an existing
/// account by itself.
#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let info = Resource::new(token, invitation);
    let lang = use_lang();

    view! {
        <Title text=tr!(lang, "invite-title") />
        <section class="panel auth-panel" aria-labelledby="invite-title">
            <Suspense fallback=move || view! { <p class="loading">{tr!(lang, "invite-opening")}</p> }>
                {move || Suspend::new(async move {
                    match info.await {
                        Ok(info) if info.invitation.used_on.is_some() => view! { <UsedInvitation info /> }.into_any(),
                        Ok(info) if info.signed_in_as.is_some() => view! { <JoinAsMe info token=token() /> }.into_any(),
                        Ok(info) => view! { <NewAccount info token=token() /> }.into_any(),
                        Err(e) => {
                            // An unknown or withdrawn link is a page not found, for whoever asks.
                            respond_with(e.status());
                            view! {
                            <h1 id="invite-title">{tr!(lang, "invite-gone-title")}</h1>
                            <p>{tr!(lang, "invite-gone-before")} " "
                                <a href="/login">{tr!(lang, "invite-gone-log-in")}</a> {tr!(lang, "invite-gone-after")}</p>
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

fn lead(lang: Lang, info: &InvitationInfo) -> String {
    tr!(
        lang,
        "invite-lead",
        organizer = &info.invitation.organizer,
        draw = &info.invitation.draw_name
    )
}

#[component]
fn UsedInvitation(info: InvitationInfo) -> impl IntoView {
    let lang = use_lang();
    let used_on =
        crate::i18n::format_datetime(lang, &info.invitation.used_on.clone().unwrap_or_default());
    view! {
        <h1 id="invite-title">{tr!(lang, "invite-used-title")}</h1>
        <p class="auth-panel__lead">{lead(lang, &info)}</p>
        <p class="warning" role="note">{tr!(lang, "invite-used-on", date = used_on)}</p>
        {if info.signed_in_as.is_some() {
            view! { <p>{tr!(lang, "invite-used-yours-before")} " " <a href="/draws">{tr!(lang, "invite-used-yours-link")}</a> {tr!(lang, "invite-used-yours-after")}</p> }.into_any()
        } else {
            view! { <p>{tr!(lang, "invite-used-login-before")} " " <a href="/login?next=/draws">{tr!(lang, "invite-used-login-link")}</a> " " {tr!(lang, "invite-used-login-after")}</p> }.into_any()
        }}
    }
}

/// Logged in: join with this account (e.g. a second draw from another organizer).
#[component]
fn JoinAsMe(info: InvitationInfo, token: String) -> impl IntoView {
    let lang = use_lang();
    let join = ServerAction::<JoinInvitation>::new();
    let errors = FormErrors::of(join);
    let message = Signal::derive(move || match join.value().get() {
        Some(Err(AppError::NotFound)) => Some(tr!(lang, "invite-link-gone").to_string()),
        Some(Err(e)) => e.field("token").or_else(|| errors.message().get()),
        _ => None,
    });
    let me = info.signed_in_as.clone().unwrap_or_default();
    view! {
        <h1 id="invite-title">{tr!(lang, "invite-welcome", name = &info.invitation.participant_name)}</h1>
        <p class="auth-panel__lead">{lead(lang, &info)}</p>
        <p>{tr!(lang, "invite-logged-in-as", me = me)}</p>
        <ActionForm action=join>
            <FormMessage message />
            <input type="hidden" name="token" value=token />
            <button type="submit" class="button button--wide">{tr!(lang, "invite-join")}</button>
        </ActionForm>
        <p class="auth-panel__switch">{tr!(lang, "invite-not-you")}</p>
    }
}

/// Not logged in: create an account (the invited address, unless another is chosen), or log in
/// with an existing one and come back here.
#[component]
fn NewAccount(info: InvitationInfo, token: String) -> impl IntoView {
    let lang = use_lang();
    let accept = ServerAction::<AcceptInvitation>::new();
    let errors = FormErrors::of(accept);
    let message = errors.message_or_gone(tr!(lang, "invite-link-gone"));
    let login_href = format!("/login?next=/invite/{token}");
    // An account already uses the invited address: logging in is the way in, and a new account
    // needs another address (the field starts empty then).
    let (lead_text, email, button) = if info.invitation.account_exists {
        (
            tr!(
                lang,
                "invite-account-exists",
                email = &info.invitation.invited_email
            ),
            String::new(),
            tr!(lang, "invite-new-account-and-join"),
        )
    } else {
        (
            tr!(lang, "invite-create-lead").to_string(),
            info.invitation.invited_email.clone(),
            tr!(lang, "invite-create-and-join"),
        )
    };
    view! {
        <h1 id="invite-title">{tr!(lang, "invite-welcome", name = &info.invitation.participant_name)}</h1>
        <p class="auth-panel__lead">{lead(lang, &info)} " " {lead_text}</p>
        {info.invitation.account_exists.then(|| view! {
            <p><a class="button button--wide" href=login_href.clone()>{tr!(lang, "invite-log-in-to-join")}</a></p>
            <h2 class="auth-panel__or">{tr!(lang, "invite-or-new")}</h2>
        })}
        <ActionForm action=accept>
            <FormMessage message />
            <input type="hidden" name="token" value=token />
            <Field label=tr!(lang, "field-email") name="email" kind="email" autocomplete="username" maxlength=MAX_EMAIL_CHARS
                value=email error=errors.field("email") />
            <NewPasswordFields errors />
            <button type="submit" class="button button--wide" class:button--secondary=info.invitation.account_exists>
                {button}
            </button>
        </ActionForm>
        {(!info.invitation.account_exists).then(|| view! {
            <p class="auth-panel__switch">{tr!(lang, "invite-have-account")} " " <a href=login_href>{tr!(lang, "invite-log-in-with-it")}</a></p>
        })}
    }
}
