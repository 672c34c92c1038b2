use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::views::InvitationDetails;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::ssr::{
        after_form_post, anonymous, caller, client_ip, context, current_user, new_account_attempt,
        new_password_errors, parse_id, plain_post, session,
    },
    crate::auth::throttle::{self, LoginKeys},
    crate::db::{self, run},
    crate::domain::Email,
    crate::error::FieldError,
    crate::i18n::current,
    crate::invitations,
    crate::tr,
};

/// A link that lets one person set their password; shown to the organizer to pass on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationLink {
    pub participant_id: String,
    pub name: String,
    pub url: String,
}

/// Where one person of a drawn draw stands. Never who they give to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantStatus {
    pub participant_id: String,
    pub name: String,
    pub invited: Option<String>,
    pub activated: bool,
    /// "sent" or "failed" for the latest invitation mail; None when none was sent.
    pub mail: Option<String>,
    /// They have opened their match (whom they give to stays unknown).
    pub viewed: bool,
}

/// What an invitation page shows. An invitation opens one membership of one draw; it never
/// opens an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationInfo {
    pub invitation: InvitationDetails,
    /// The email of whoever is logged in on this browser, who can join with their account.
    pub signed_in_as: Option<String>,
}

/// Runs the draw, once. With mail configured every invitation goes out by mail and the organizer
/// is shown no link (a link opens its person's page, so whoever holds it could). Without mail,
/// returns the links for the organizer to pass on by hand.
#[server(prefix = "/api", endpoint = "run_draw")]
pub async fn run_draw(id: String) -> Result<Vec<InvitationLink>, AppError> {
    let me = caller().await?;
    let id = parse_id(&id)?;
    if me.ctx.mailer.is_some() {
        let keys = LoginKeys::draw_runs(&me.id().to_string(), client_ip().await);
        mail_allowance(&me.ctx, &keys, "draw", |minutes| {
            tr!(current(), "validation-run-throttled", minutes = minutes)
        })
        .await?;
    }
    let mut tx = me.begin().await?;
    let made = run::run(&mut tx, me.id(), id, invitations::ttl_seconds(&me.ctx)).await?;
    let draw = db::draws::get_authored(&mut tx, me.id(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    let links: Vec<InvitationLink> =
        invitations::send_or_list(&me.ctx, &me.user, &draw.input, made)
            .await?
            .into_iter()
            .map(InvitationLink::from)
            .collect();
    if plain_post() {
        keep_fresh_links(me.id(), id, &links, None).await?;
    }
    after_form_post(&format!("/draws/{id}?run=1"));
    Ok(links)
}

/// Where a browser's plain post of "Run the draw" or "New link" keeps the links it made (a
/// script's call gets them in its answer): in the organizer's session, for the page the post
/// lands on. One draw's at a time, and only for the organizer who made them (a session that logs
/// in as someone else keeps its data).
#[cfg(feature = "ssr")]
const FRESH_LINKS: &str = "fresh_links";

#[cfg(feature = "ssr")]
#[derive(Serialize, Deserialize)]
struct KeptLinks {
    organizer: uuid::Uuid,
    draw: uuid::Uuid,
    links: Vec<InvitationLink>,
    /// The people whose invitation a post renewed here: "mailed again" is said only of them.
    #[serde(default)]
    renewed: Vec<String>,
}

/// Adds `made` to the links kept for `draw`'s page (a person's newer link replaces their older),
/// and `renewed` to the people whose invitation was renewed.
#[cfg(feature = "ssr")]
async fn keep_fresh_links(
    organizer: uuid::Uuid,
    draw: uuid::Uuid,
    made: &[InvitationLink],
    renewed: Option<uuid::Uuid>,
) -> Result<(), AppError> {
    if made.is_empty() && renewed.is_none() {
        return Ok(());
    }
    let session = session().await?;
    let kept: Option<KeptLinks> = session
        .get(FRESH_LINKS)
        .await
        .map_err(|_| AppError::Internal)?;
    let mut fresh = kept
        .filter(|k| k.organizer == organizer && k.draw == draw)
        .unwrap_or(KeptLinks {
            organizer,
            draw,
            links: Vec::new(),
            renewed: Vec::new(),
        });
    if let Some(pid) = renewed {
        fresh.renewed.push(pid.to_string());
    }
    for link in made {
        fresh
            .links
            .retain(|l| l.participant_id != link.participant_id);
        fresh.links.push(link.clone());
    }
    session
        .insert(FRESH_LINKS, fresh)
        .await
        .map_err(|_| AppError::Internal)
}

/// The links that plain posts of "Run the draw" and "New link" made for draw `id`, for the page
/// those posts land on (`show`). Any other visit of a draw's page (`show` false) forgets them, as
/// a page that got them from a script's call forgets them when it is left: they are shown only
/// then, and a new link can be made for anyone who has not joined. A link that stopped working
/// meanwhile (a newer one made in another tab, or used) is not shown.
/// Also answers the people whose invitation those posts renewed.
/// (Not a server function: only the draw page's render reads them, for its own session.)
#[cfg(feature = "ssr")]
pub async fn fresh_links(
    id: String,
    show: bool,
) -> Result<(Vec<InvitationLink>, Vec<String>), AppError> {
    let me = caller().await?;
    let session = session().await?;
    let kept: Option<KeptLinks> = session
        .get(FRESH_LINKS)
        .await
        .map_err(|_| AppError::Internal)?;
    let Some(kept) = kept else {
        return Ok(Default::default());
    };
    if !show {
        session
            .remove::<KeptLinks>(FRESH_LINKS)
            .await
            .map_err(|_| AppError::Internal)?;
        return Ok(Default::default());
    }
    if kept.organizer != me.id() || uuid::Uuid::parse_str(id.trim()).ok() != Some(kept.draw) {
        return Ok(Default::default());
    }
    let mut tx = anonymous(&me.ctx).await?;
    let mut working = Vec::with_capacity(kept.links.len());
    for link in kept.links {
        let token = link.url.rsplit('/').next().unwrap_or_default();
        let info = run::invitation_info(&mut tx, token).await?;
        if info.is_some_and(|i| i.used_on.is_none()) {
            working.push(link);
        }
    }
    tx.commit().await?;
    Ok((working, kept.renewed))
}

#[server(prefix = "/api", endpoint = "draw_status")]
pub async fn draw_status(id: String) -> Result<Vec<ParticipantStatus>, AppError> {
    let me = caller().await?;
    let id = parse_id(&id)?;
    let mut tx = me.begin().await?;
    let draw = db::draws::get_authored(&mut tx, me.id(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = run::participant_status(&mut tx, id).await?;
    tx.commit().await?;
    let people = draw.input.participants;
    Ok(status.into_iter().zip(people).map(Into::into).collect())
}

/// A status line, with the name of its person (both in the draw's order).
#[cfg(feature = "ssr")]
impl From<(run::StatusRow, crate::domain::draw::ParticipantInput)> for ParticipantStatus {
    fn from((s, p): (run::StatusRow, crate::domain::draw::ParticipantInput)) -> Self {
        ParticipantStatus {
            participant_id: s.participant_id.to_string(),
            name: format!("{} {}", p.name, p.surname),
            invited: s.invited,
            activated: s.activated,
            mail: s.mail_status,
            viewed: s.viewed,
        }
    }
}

/// A fresh invitation for one person who has not joined (their previous link stops working).
/// With mail configured it is mailed and nothing is returned; without, the link is returned for
/// the organizer to pass on. A person who has joined gets no new link: they log in, or reset
/// their password by mail.
#[server(prefix = "/api", endpoint = "new_invitation")]
pub async fn new_invitation(participant_id: String) -> Result<Option<InvitationLink>, AppError> {
    let me = caller().await?;
    let pid = parse_id(&participant_id)?;
    let draw = invitations::check_organizer(&me.ctx, me.id(), pid).await?;
    if me.ctx.mailer.is_some() {
        let keys = LoginKeys::invitation_mail(&pid.to_string(), &me.id().to_string());
        mail_allowance(&me.ctx, &keys, "participant_id", |minutes| {
            tr!(
                current(),
                "validation-invitation-throttled",
                minutes = minutes
            )
        })
        .await?;
    }
    let link = invitations::reinvite(&me.ctx, me.id(), pid)
        .await?
        .map(InvitationLink::from);
    if plain_post() {
        keep_fresh_links(me.id(), draw, link.as_slice(), Some(pid)).await?;
    }
    after_form_post(&format!("/draws/{draw}?renewed={pid}#status-title"));
    Ok(link)
}

/// Counts one action that sends mail; past the limit, the refusal is a message at `field`
/// saying in how many minutes it can be done again.
#[cfg(feature = "ssr")]
async fn mail_allowance(
    ctx: &crate::context::AppContext,
    keys: &LoginKeys,
    field: &str,
    message: impl Fn(u32) -> String,
) -> Result<(), AppError> {
    throttle::attempt(&ctx.pool, &ctx.auth, keys)
        .await
        .map_err(|e| match e {
            AppError::TooManyAttempts { retry_after_secs } => {
                AppError::Validation(vec![FieldError::new(
                    field,
                    message(retry_after_secs.div_ceil(60)),
                )])
            }
            other => other,
        })
}

#[cfg(feature = "ssr")]
impl From<crate::invitations::Link> for InvitationLink {
    fn from(link: crate::invitations::Link) -> Self {
        InvitationLink {
            participant_id: link.participant_id.to_string(),
            name: link.name,
            url: link.url,
        }
    }
}

#[server(prefix = "/api", endpoint = "invitation")]
pub async fn invitation(token: String) -> Result<InvitationInfo, AppError> {
    let ctx = context()?;
    let mut tx = anonymous(&ctx).await?;
    let info = run::invitation_info(&mut tx, &token).await?;
    tx.commit().await?;
    Ok(InvitationInfo {
        invitation: info.ok_or(AppError::NotFound)?,
        signed_in_as: current_user().await?.map(|u| u.email),
    })
}

/// Redeems an invitation with a new account (the invited address unless another is given) and
/// logs the person in. An address that already has an account is refused at the email field:
/// its owner logs in and joins with that account instead.
#[server(prefix = "/api", endpoint = "accept_invitation")]
pub async fn accept_invitation(
    token: String,
    password: String,
    confirm: String,
    email: Option<String>,
) -> Result<(), AppError> {
    let ctx = context()?;
    let mut errors = new_password_errors(&password, &confirm);
    let email = match email.filter(|e| !e.trim().is_empty()) {
        Some(raw) => Email::parse(&raw)
            .map_err(|e| errors.push(FieldError::new("email", e)))
            .ok(),
        None => invited_email(&ctx, &token).await?,
    };
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    // A new account, like a registration: limited per client address.
    new_account_attempt(&ctx).await?;
    let hash = ctx.passwords.hash_new(&password).await?;
    let mut tx = anonymous(&ctx).await?;
    let outcome = run::accept_invitation(&mut tx, &token, email.as_str(), &hash).await?;
    tx.commit().await?;
    match outcome {
        run::Accepted::Account { user_id, version } => {
            crate::auth::session::log_in(&session().await?, user_id, version).await?;
            leptos_axum::redirect("/draws?welcome=1");
            Ok(())
        }
        run::Accepted::EmailTaken => Err(AppError::Validation(vec![FieldError::new(
            "email",
            tr!(current(), "validation-invited-email-taken"),
        )])),
        run::Accepted::Invalid => Err(AppError::NotFound),
    }
}

/// The address an unused invitation was sent to (NotFound for a link that no longer works).
#[cfg(feature = "ssr")]
async fn invited_email(
    ctx: &crate::context::AppContext,
    token: &str,
) -> Result<Option<Email>, AppError> {
    let mut tx = anonymous(ctx).await?;
    let info = run::invitation_info(&mut tx, token).await?;
    tx.commit().await?;
    let info = info
        .filter(|i| i.used_on.is_none())
        .ok_or(AppError::NotFound)?;
    Ok(Email::parse(&info.invited_email).ok())
}

/// Redeems an invitation for the logged-in person: the membership joins their account.
#[server(prefix = "/api", endpoint = "join_invitation")]
pub async fn join_invitation(token: String) -> Result<(), AppError> {
    let me = caller().await?;
    let mut tx = me.begin().await?;
    let joined = run::join_with_invitation(&mut tx, &token).await?;
    tx.commit().await?;
    match joined {
        run::Joined::Draw(draw) => {
            leptos_axum::redirect(&format!("/draws/{draw}/match"));
            Ok(())
        }
        run::Joined::AlreadyMember => Err(AppError::Validation(vec![FieldError::new(
            "token",
            tr!(current(), "validation-already-in-draw"),
        )])),
        run::Joined::Invalid => Err(AppError::NotFound),
    }
}
