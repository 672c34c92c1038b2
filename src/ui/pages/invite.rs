use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::run::{invitation, AcceptInvitation, InvitationInfo, JoinInvitation};
use crate::domain::limits::MAX_EMAIL_CHARS;
use crate::error::AppError;
use crate::ui::components::{Field, FormErrors, FormMessage, NewPasswordFields};

/// Where an invitation link lands. The link opens one membership of one draw: the person joins it
/// with a new account, or with the account they are logged in with — it never opens an existing
/// account by itself.
#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let info = Resource::new(token, invitation);

    view! {
        <Title text="Your invitation" />
        <section class="panel auth-panel" aria-labelledby="invite-title">
            <Suspense fallback=|| view! { <p class="loading">"Opening your invitation…"</p> }>
                {move || Suspend::new(async move {
                    match info.await {
                        Ok(info) if info.invitation.used_on.is_some() => view! { <UsedInvitation info /> }.into_any(),
                        Ok(info) if info.signed_in_as.is_some() => view! { <JoinAsMe info token=token() /> }.into_any(),
                        Ok(info) => view! { <NewAccount info token=token() /> }.into_any(),
                        Err(_) => view! {
                            <h1 id="invite-title">"This link no longer works"</h1>
                            <p>"Invitation links expire after a while, and a new link replaces the old one. If you joined already, "
                                <a href="/login">"log in"</a> ". Otherwise, ask the organizer of your draw for a new link."</p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn lead(info: &InvitationInfo) -> String {
    format!(
        "{} invited you to the Secret Santa draw “{}”.",
        info.invitation.organizer, info.invitation.draw_name
    )
}

#[component]
fn UsedInvitation(info: InvitationInfo) -> impl IntoView {
    view! {
        <h1 id="invite-title">"This invitation was already used"</h1>
        <p class="auth-panel__lead">{lead(&info)}</p>
        <p class="warning" role="note">
            {format!("This invitation was already used on {}. If that was not you, tell your organizer.",
                info.invitation.used_on.clone().unwrap_or_default())}
        </p>
        {if info.signed_in_as.is_some() {
            view! { <p>"If it was you, your match is on " <a href="/draws">"your draws"</a> "."</p> }.into_any()
        } else {
            view! { <p>"If it was you, " <a href="/login?next=/draws">"log in"</a> " to see your match."</p> }.into_any()
        }}
    }
}

/// Logged in: join with this account (e.g. a second draw from another organizer).
#[component]
fn JoinAsMe(info: InvitationInfo, token: String) -> impl IntoView {
    let join = ServerAction::<JoinInvitation>::new();
    let errors = FormErrors::of(join);
    let message = Signal::derive(move || match join.value().get() {
        Some(Err(AppError::NotFound)) => Some(
            "This invitation link no longer works. Ask the organizer of your draw for a new one."
                .to_string(),
        ),
        Some(Err(e)) => e.field("token").or_else(|| errors.message().get()),
        _ => None,
    });
    let me = info.signed_in_as.clone().unwrap_or_default();
    view! {
        <h1 id="invite-title">{format!("Welcome, {}", info.invitation.participant_name)}</h1>
        <p class="auth-panel__lead">{lead(&info)}</p>
        <p>{format!("You are logged in as {me}. Join this draw with this account to see who you give to.")}</p>
        <ActionForm action=join>
            <FormMessage message />
            <input type="hidden" name="token" value=token />
            <button type="submit" class="button button--wide">"Join this draw"</button>
        </ActionForm>
        <p class="auth-panel__switch">"Not your account? Log out from the menu, then open this link again."</p>
    }
}

/// Not logged in: create an account (the invited address, unless another is chosen), or log in
/// with an existing one and come back here.
#[component]
fn NewAccount(info: InvitationInfo, token: String) -> impl IntoView {
    let accept = ServerAction::<AcceptInvitation>::new();
    let errors = FormErrors::of(accept);
    let message = errors.message_or_gone(
        "This invitation link no longer works. Ask the organizer of your draw for a new one.",
    );
    let login_href = format!("/login?next=/invite/{token}");
    // An account already uses the invited address: logging in is the way in, and a new account
    // needs another address (the field starts empty then).
    let (lead_text, email, button) = if info.invitation.account_exists {
        (
            format!(
                "An account already uses {}. If it is yours, log in to join this draw with it.",
                info.invitation.invited_email
            ),
            String::new(),
            "Create a new account and join",
        )
    } else {
        (
            "Create your account to see who you give to.".to_string(),
            info.invitation.invited_email.clone(),
            "Create my account and join",
        )
    };
    view! {
        <h1 id="invite-title">{format!("Welcome, {}", info.invitation.participant_name)}</h1>
        <p class="auth-panel__lead">{lead(&info)} " " {lead_text}</p>
        {info.invitation.account_exists.then(|| view! {
            <p><a class="button button--wide" href=login_href.clone()>"Log in to join"</a></p>
            <h2 class="auth-panel__or">"Or create a new account with another address"</h2>
        })}
        <ActionForm action=accept>
            <FormMessage message />
            <input type="hidden" name="token" value=token />
            <Field label="Email" name="email" kind="email" autocomplete="username" maxlength=MAX_EMAIL_CHARS
                value=email error=errors.field("email") />
            <NewPasswordFields errors />
            <button type="submit" class="button button--wide" class:button--secondary=info.invitation.account_exists>
                {button}
            </button>
        </ActionForm>
        {(!info.invitation.account_exists).then(|| view! {
            <p class="auth-panel__switch">"Already have an account? " <a href=login_href>"Log in to join with it"</a></p>
        })}
    }
}
