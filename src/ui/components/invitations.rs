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
pub fn InvitationLinks(mail: bool) -> impl IntoView {
    view! {
        <section class="panel panel--form" aria-labelledby="links-title">
            {if mail {
                view! {
                    <h2 id="links-title" tabindex="-1" autofocus=true>"The draw is done — the invitations are on their way"</h2>
                    <p>"Each person was mailed their own link to join the draw and see who they give to. Nobody else gets the links, you included. Below you can see who has joined, and send an invitation again."</p>
                }.into_any()
            } else {
                view! {
                    <h2 id="links-title" tabindex="-1" autofocus=true>"The draw is done — pass on the invitations"</h2>
                    <p>"Each person gets their own link to join the draw and see who they give to: you find it below, next to their name. The links are shown only now; you can make a new one for anyone who has not joined yet."</p>
                }.into_any()
            }}
        </section>
    }
}

/// One invitation link, shown whole (it wraps on a phone), with a Copy button that the page's
/// script shows and runs (without a script the link is there to select).
#[component]
fn CopyLink(name: String, url: String) -> impl IntoView {
    view! {
        <div class="link">
            <p class="link__label">{format!("Invitation link for {name}")}</p>
            <code class="link__url" data-testid="invitation-link">{url.clone()}</code>
            <div class="link__actions">
                <button type="button" class="button button--small button--secondary" hidden=true
                    data-copy=url data-copied="Copied" data-not-copied="Could not copy: select the link and copy it."
                    aria-label=format!("Copy the link for {name}")>"Copy"</button>
                <span class="link__copied" role="status"></span>
            </div>
        </div>
    }
}

/// Per person: mailed / failed / joined, match opened — never who gives to whom. With mail the
/// organizer can only send an invitation again (by mail); without, they get a new link to pass on,
/// shown next to the person's name. `error`: the refusal of a post of "New link"; `renewed`: the
/// person whose invitation was just renewed.
#[component]
pub fn ParticipantStatusList(
    status: Vec<ParticipantStatus>,
    links: Vec<InvitationLink>,
    mail: bool,
    error: Option<String>,
    renewed: Option<String>,
    /// The organizer takes part: nobody's "match opened" is shown (the database sends none).
    #[prop(optional)]
    hide_opened: bool,
) -> impl IntoView {
    let renew = ServerAction::<NewInvitation>::new();
    let renewed = renewed.filter(|_| error.is_none()).and_then(|pid| {
        if mail {
            let person = status.iter().find(|p| p.participant_id == pid)?;
            Some(format!(
                "The invitation to {} was mailed again with a new link; the earlier link no longer works.",
                person.name
            ))
        } else {
            let link = links.iter().find(|l| l.participant_id == pid)?;
            Some(format!(
                "A new link for {} is below, next to their name. The earlier link no longer works.",
                link.name
            ))
        }
    });
    // Without mail, back on the page later: where the links went.
    let waiting = status.iter().any(|p| !p.activated);
    let hint = (!mail && links.is_empty() && waiting).then(|| view! {
        <p class="muted">"Invitation links are shown only right after they are made. For anyone who has not joined yet, “New link” makes a fresh one to pass on; their earlier link then stops working."</p>
    });
    view! {
        <section class="panel panel--form" aria-labelledby="status-title">
            <h2 id="status-title" tabindex="-1">"Who has joined"</h2>
            {hint}
            {error.map(|e| view! { <p class="form-message" role="alert">{e}</p> })}
            {renewed.map(|n| view! { <p class="form-success" role="status">{n}</p> })}
            <ul class="status-list" data-status-list>
                {status.into_iter().map(|p| {
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
                    let link = (!p.activated)
                        .then(|| links.iter().find(|l| l.participant_id == p.participant_id))
                        .flatten()
                        .map(|l| view! { <CopyLink name=p.name.clone() url=l.url.clone() /> });
                    let (person, pid) = (p.participant_id.clone(), p.participant_id.clone());
                    view! {
                        <li data-person=person>
                            <div class="status-list__row">
                                <span><strong>{p.name.clone()}</strong> " — " <span data-state>{state}</span></span>
                                {(!p.activated).then(|| view! {
                                    <ActionForm action=renew>
                                        <input type="hidden" name="participant_id" value=pid />
                                        <button type="submit" class="button button--small button--secondary"
                                            aria-label=label>{button}</button>
                                    </ActionForm>
                                })}
                            </div>
                            {link}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
