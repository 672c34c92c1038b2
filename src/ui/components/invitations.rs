//! What the organizer of a drawn draw sees of the invitations: the warning about holding links
//! (without mail), the message right after the run, each fresh link with Copy, and who has joined
//! — never who gives to whom.

use leptos::prelude::*;

use crate::api::run::{InvitationLink, NewInvitation, ParticipantStatus};

/// Without mail the organizer passes the links on by hand, so the page says plainly what holding
/// a link means.
#[component]
pub fn LinkHolderWarning() -> impl IntoView {
    view! {
        <p class="warning" role="note">
            "Mail is not set up on this server, so you pass each invitation link on yourself. "
            "Whoever holds a person's link can open that person's page and see whom they give to: "
            "give each link only to its person. If a link was used by someone else, its person "
            "will see when it was used."
        </p>
    }
}

/// Right after the run: with mail, that the invitations went out; without, that the links below
/// are to pass on.
#[component]
pub fn InvitationLinks(just_run: Signal<bool>, mail: bool) -> impl IntoView {
    view! {
        <Show when=move || just_run.get()>
            <section class="panel panel--form" aria-labelledby="links-title">
                {if mail {
                    view! {
                        <h2 id="links-title">"The draw is done — the invitations are on their way"</h2>
                        <p>"Each person was mailed their own link to join the draw and see who they give to. Nobody else gets the links, you included. Below you can see who has joined, and send an invitation again."</p>
                    }.into_any()
                } else {
                    view! {
                        <h2 id="links-title">"The draw is done — pass on the invitations"</h2>
                        <p>"Each person gets their own link to join the draw and see who they give to: you find it below, next to their name. The links are shown only now; you can make a new one for anyone who has not joined yet."</p>
                    }.into_any()
                }}
            </section>
        </Show>
    }
}

/// One invitation link, shown whole (it wraps on a phone), with a Copy button.
#[component]
fn CopyLink(name: String, url: String) -> impl IntoView {
    // None: not copied yet; Some(true): copied; Some(false): the browser refused.
    let copied = RwSignal::new(None::<bool>);
    let text = url.clone();
    let copy = move |_| copy_to_clipboard(text.clone(), copied);
    view! {
        <div class="link">
            <p class="link__label">{format!("Invitation link for {name}")}</p>
            <code class="link__url" data-testid="invitation-link">{url}</code>
            <div class="link__actions">
                <button type="button" class="button button--small button--secondary" on:click=copy
                    aria-label=format!("Copy the link for {name}")>"Copy"</button>
                <span class="link__copied" role="status">
                    {move || match copied.get() {
                        Some(true) => "Copied",
                        Some(false) => "Could not copy: select the link and copy it.",
                        None => "",
                    }}
                </span>
            </div>
        </div>
    }
}

fn copy_to_clipboard(text: String, copied: RwSignal<Option<bool>>) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        let promise = window().navigator().clipboard().write_text(&text);
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        copied.set(Some(ok));
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (text, copied);
}

/// Per person: mailed / failed / joined, match opened — never who gives to whom. With mail the
/// organizer can only send an invitation again (by mail); without, they get a new link to pass on,
/// shown next to the person's name. `error`: the refusal of a plain post of "New link".
#[component]
pub fn ParticipantStatusList(
    renew: ServerAction<NewInvitation>,
    status: RwSignal<Vec<ParticipantStatus>>,
    links: RwSignal<Vec<InvitationLink>>,
    mail: bool,
    error: Option<String>,
    /// The buttons are off (until the page's script runs).
    waits: Signal<bool>,
    /// The organizer takes part: nobody's "match opened" is shown (the database sends none).
    #[prop(optional)]
    hide_opened: bool,
) -> impl IntoView {
    let posted = StoredValue::new(error);
    let renew_error = move || match renew.value().get() {
        Some(Err(e)) => Some(e.field("participant_id").unwrap_or_else(|| e.to_string())),
        Some(Ok(_)) => None,
        None => posted.get_value(),
    };
    view! {
        <section class="panel panel--form" aria-labelledby="status-title">
            <h2 id="status-title">"Who has joined"</h2>
            <p class="form-message" role="alert" hidden=move || renew_error().is_none()>{renew_error}</p>
            <p class="form-success" role="status" hidden=move || !matches!(renew.value().get(), Some(Ok(None)))>
                "The invitation was mailed again with a new link; the earlier link no longer works."
            </p>
            <p class="form-success" role="status" hidden=move || !matches!(renew.value().get(), Some(Ok(Some(_))))>
                {move || match renew.value().get() {
                    Some(Ok(Some(link))) => format!("A new link for {} is below, next to their name. The earlier link no longer works.", link.name),
                    _ => String::new(),
                }}
            </p>
            {move || {
                    let people = status.get();
                    view! {
                            <ul class="status-list">
                                {people.into_iter().map(|p| {
                                    let pid = p.participant_id.clone();
                                    let state = if p.activated && hide_opened {
                                        "Joined".to_string()
                                    } else if p.activated && p.viewed {
                                        "Joined, match opened".to_string()
                                    } else if p.activated {
                                        "Joined, match not opened yet".to_string()
                                    } else {
                                        match (p.mail.as_deref(), p.invited.clone()) {
                                            (Some("sent"), Some(when)) => format!("Invitation mailed {when} — not joined yet"),
                                            (Some("failed"), _) => "Mail failed — send it again".to_string(),
                                            (_, Some(when)) => format!("Link made {when} — not joined yet"),
                                            _ => "Not invited yet".to_string(),
                                        }
                                    };
                                    let (button, label) = if mail {
                                        ("Send again", format!("Send again to {}", p.name))
                                    } else {
                                        ("New link", format!("New link for {}", p.name))
                                    };
                                    let name = p.name.clone();
                                    let mine = pid.clone();
                                    let activated = p.activated;
                                    view! {
                                        <li>
                                            <div class="status-list__row">
                                                <span><strong>{p.name.clone()}</strong> " — " {state}</span>
                                                {(!activated).then(|| view! {
                                                    <ActionForm action=renew>
                                                        <input type="hidden" name="participant_id" value=pid.clone() />
                                                        <button type="submit" class="button button--small button--secondary"
                                                            aria-label=label disabled=waits>{button}</button>
                                                    </ActionForm>
                                                })}
                                            </div>
                                            {move || (!activated).then(|| links.get().into_iter().find(|l| l.participant_id == mine))
                                                .flatten()
                                                .map(|l| view! { <CopyLink name=name.clone() url=l.url /> })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                    }
            }}
        </section>
    }
}
