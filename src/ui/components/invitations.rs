//! What the organizer of a drawn draw sees of the invitations: the warning about holding links
//! (without mail), the message right after the run, each fresh link with Copy, and who has joined
//! — never who gives to whom.

use leptos::prelude::*;

use crate::api::run::{InvitationLink, NewInvitation, ParticipantStatus};
use crate::i18n::format_datetime;
use crate::tr;
use crate::ui::use_lang;

/// Without mail the organizer passes the links on by hand, so the page says plainly what holding
/// a link means.
#[component]
pub fn LinkHolderWarning() -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="warning" role="note">{tr!(lang, "invitations-link-holder-warning")}</p>
    }
}

/// Right after the run: with mail, that the invitations went out; without, that the links below
/// are to pass on.
#[component]
pub fn InvitationLinks(mail: bool) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="panel panel--form" aria-labelledby="links-title">
            {if mail {
                view! {
                    <h2 id="links-title" tabindex="-1" autofocus=true>{tr!(lang, "invitations-mailed-title")}</h2>
                    <p>{tr!(lang, "invitations-mailed-lead")}</p>
                }.into_any()
            } else {
                view! {
                    <h2 id="links-title" tabindex="-1" autofocus=true>{tr!(lang, "invitations-links-title")}</h2>
                    <p>{tr!(lang, "invitations-links-lead")}</p>
                }.into_any()
            }}
        </section>
    }
}

/// One invitation link, shown whole (it wraps on a phone), with a Copy button that the page's
/// script shows and runs (without a script the link is there to select).
#[component]
fn CopyLink(name: String, url: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="link">
            <p class="link__label">{tr!(lang, "invitations-link-for", name = &name)}</p>
            <code class="link__url" data-testid="invitation-link">{url.clone()}</code>
            <div class="link__actions">
                <button type="button" class="button button--small button--secondary" hidden=true
                    data-copy=url data-copied=tr!(lang, "invitations-copied") data-not-copied=tr!(lang, "invitations-not-copied")
                    aria-label=tr!(lang, "invitations-copy-label", name = &name)>{tr!(lang, "invitations-copy")}</button>
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
    let lang = use_lang();
    let renew = ServerAction::<NewInvitation>::new();
    let renewed = renewed.filter(|_| error.is_none()).and_then(|pid| {
        if mail {
            let person = status.iter().find(|p| p.participant_id == pid)?;
            Some(tr!(lang, "invitations-mailed-again", name = &person.name))
        } else {
            let link = links.iter().find(|l| l.participant_id == pid)?;
            Some(tr!(lang, "invitations-new-link-below", name = &link.name))
        }
    });
    // Without mail, back on the page later: where the links went.
    let waiting = status.iter().any(|p| !p.activated);
    let hint = (!mail && links.is_empty() && waiting).then(|| {
        view! {
            <p class="muted">{tr!(lang, "invitations-shown-once")}</p>
        }
    });
    view! {
        <section class="panel panel--form" aria-labelledby="status-title">
            <h2 id="status-title" tabindex="-1">{tr!(lang, "invitations-status-title")}</h2>
            {hint}
            {error.map(|e| view! { <p class="form-message" role="alert">{e}</p> })}
            {renewed.map(|n| view! { <p class="form-success" role="status">{n}</p> })}
            <ul class="status-list" data-status-list>
                {status.into_iter().map(|p| {
                    let state = if p.activated && hide_opened {
                        tr!(lang, "invitations-joined").to_string()
                    } else if p.activated && p.viewed {
                        tr!(lang, "invitations-joined-opened").to_string()
                    } else if p.activated {
                        tr!(lang, "invitations-joined-not-opened").to_string()
                    } else {
                        match (p.mail.as_deref(), p.invited.as_deref()) {
                            (Some("sent"), Some(when)) => tr!(lang, "invitations-state-mailed", when = format_datetime(lang, when)),
                            (Some("failed"), _) => tr!(lang, "invitations-state-mail-failed").to_string(),
                            (_, Some(when)) => tr!(lang, "invitations-state-link-made", when = format_datetime(lang, when)),
                            _ => tr!(lang, "invitations-state-not-invited").to_string(),
                        }
                    };
                    let (button, label) = if mail {
                        (tr!(lang, "invitations-send-again"), tr!(lang, "invitations-send-again-label", name = &p.name))
                    } else {
                        (tr!(lang, "invitations-new-link"), tr!(lang, "invitations-new-link-label", name = &p.name))
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
