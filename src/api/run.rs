use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::ssr::{
        context, current_user, new_account_attempt, new_password_errors, parse_id, require_user,
        respond, session,
    },
    crate::db::{self, run},
    crate::domain::Email,
    crate::error::FieldError,
    uuid::Uuid,
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
    pub participant_name: String,
    /// The address the organizer listed (offered as the new account's email).
    pub invited_email: String,
    pub draw_name: String,
    /// The organizer's name (their address when they gave none).
    pub organizer: String,
    /// When the link was used, as "26 November 2026 at 14:05 UTC"; None while it still works.
    pub used_on: Option<String>,
    /// An account already uses the invited address (its owner logs in to join).
    pub account_exists: bool,
    /// The email of whoever is logged in on this browser, who can join with their account.
    pub signed_in_as: Option<String>,
}

#[cfg(feature = "ssr")]
fn link(
    ctx: &crate::server::AppContext,
    participant_id: Uuid,
    name: String,
    token: &str,
) -> InvitationLink {
    let base = ctx.auth.public_url.as_str().trim_end_matches('/');
    InvitationLink {
        participant_id: participant_id.to_string(),
        name,
        url: format!("{base}/invite/{token}"),
    }
}

#[cfg(feature = "ssr")]
fn ttl_seconds(ctx: &crate::server::AppContext) -> i32 {
    i32::try_from(ctx.auth.invitation_ttl.as_secs()).unwrap_or(i32::MAX)
}

/// Mails each invitation when SMTP is configured (two tries each) and records, per person,
/// whether it went out. Runs after the draw's transaction has committed.
#[cfg(feature = "ssr")]
async fn mail_invitations(
    ctx: &crate::server::AppContext,
    organizer_id: Uuid,
    organizer: &str,
    draw: &crate::domain::draw::DrawInput,
    sent: &[(Uuid, String, String, String)],
) -> Result<(), AppError> {
    let Some(mailer) = &ctx.mailer else {
        return Ok(());
    };
    let budget = (!draw.budget.is_empty()).then(|| format!("{} {}", draw.budget, draw.currency));
    let mut outcomes = Vec::new();
    for (participant_id, name, email, url) in sent {
        let invitation = crate::mail::Invitation {
            to: email,
            participant: name,
            draw: &draw.name,
            organizer,
            exchange_date: (!draw.exchange_date.is_empty()).then_some(draw.exchange_date.as_str()),
            budget: budget.as_deref(),
            message: (!draw.message.is_empty()).then_some(draw.message.as_str()),
            link: url,
        };
        let mut result = mailer.send_invitation(&invitation).await;
        if result.is_err() {
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            result = mailer.send_invitation(&invitation).await;
        }
        if let Err(err) = &result {
            tracing::warn!(error = %err, "invitation mail failed");
        }
        outcomes.push((*participant_id, result.is_ok()));
    }
    let mut tx = db::as_user(&ctx.pool, Some(organizer_id)).await?;
    for (participant_id, ok) in outcomes {
        sqlx::query("select app.record_invitation_mail($1, $2)")
            .bind(participant_id)
            .bind(ok)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Runs the draw, once. With mail configured every invitation goes out by mail and the organizer
/// is shown no link (a link opens its person's page, so whoever holds it could). Without mail,
/// returns the links for the organizer to pass on by hand.
#[server(prefix = "/api", endpoint = "run_draw")]
pub async fn run_draw(id: String) -> Result<Vec<InvitationLink>, AppError> {
    respond(
        async move {
            let ctx = context()?;
            let user = require_user().await?;
            let id = parse_id(&id)?;
            if ctx.mailer.is_some() {
                let keys = crate::auth::throttle::LoginKeys::draw_runs(
                    &user.id.to_string(),
                    super::ssr::client_ip().await,
                );
                crate::auth::throttle::attempt(&ctx.pool, &ctx.auth, &keys)
                    .await
                    .map_err(|e| match e {
                        AppError::TooManyAttempts { retry_after_secs } => {
                            AppError::Validation(vec![FieldError::new(
                                "draw",
                                format!(
                                    "You have run many draws just now, and each one mails \
                                     everyone in it. You can run this one in {} minutes.",
                                    retry_after_secs.div_ceil(60)
                                ),
                            )])
                        }
                        other => other,
                    })?;
            }
            let mut tx = db::as_user(&ctx.pool, Some(user.id)).await?;
            let invitations = run::run(&mut tx, user.id, id, ttl_seconds(&ctx)).await?;
            let draw = db::draws::get_authored(&mut tx, user.id, id)
                .await?
                .ok_or(AppError::NotFound)?;
            tx.commit().await?;
            let links: Vec<InvitationLink> = invitations
                .iter()
                .map(|i| link(&ctx, i.participant_id, i.name.clone(), &i.token))
                .collect();
            let to_mail: Vec<_> = invitations
                .iter()
                .zip(&links)
                .map(|(i, l)| {
                    (
                        i.participant_id,
                        i.name.clone(),
                        i.email.clone(),
                        l.url.clone(),
                    )
                })
                .collect();
            if ctx.mailer.is_some() {
                mail_invitations(&ctx, user.id, &user.display_name(), &draw.input, &to_mail)
                    .await?;
                return Ok(Vec::new());
            }
            Ok(links)
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "draw_status")]
pub async fn draw_status(id: String) -> Result<Vec<ParticipantStatus>, AppError> {
    respond(
        async move {
            let ctx = context()?;
            let user = require_user().await?;
            let id = parse_id(&id)?;
            let mut tx = db::as_user(&ctx.pool, Some(user.id)).await?;
            let draw = db::draws::get_authored(&mut tx, user.id, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let status = run::participant_status(&mut tx, id).await?;
            tx.commit().await?;
            Ok(status
                .into_iter()
                .zip(draw.input.participants)
                .map(|(s, p)| ParticipantStatus {
                    participant_id: s.participant_id.to_string(),
                    name: format!("{} {}", p.name, p.surname),
                    invited: s.invited,
                    activated: s.activated,
                    mail: s.mail_status,
                    viewed: s.viewed,
                })
                .collect())
        }
        .await,
    )
}

/// A fresh invitation for one person who has not joined (their previous link stops working).
/// With mail configured it is mailed and nothing is returned; without, the link is returned for
/// the organizer to pass on. A person who has joined gets no new link: they log in, or reset
/// their password by mail.
#[server(prefix = "/api", endpoint = "new_invitation")]
pub async fn new_invitation(participant_id: String) -> Result<Option<InvitationLink>, AppError> {
    respond(
        async move {
            let ctx = context()?;
            let user = require_user().await?;
            let pid = parse_id(&participant_id)?;
            if ctx.mailer.is_some() {
                let keys = crate::auth::throttle::LoginKeys::invitation_mail(
                    &pid.to_string(),
                    &user.id.to_string(),
                );
                crate::auth::throttle::attempt(&ctx.pool, &ctx.auth, &keys)
                    .await
                    .map_err(|e| match e {
                        AppError::TooManyAttempts { retry_after_secs } => {
                            AppError::Validation(vec![FieldError::new(
                                "participant_id",
                                format!(
                                    "This invitation was sent several times just now. You can send \
                                     it again in {} minutes.",
                                    retry_after_secs.div_ceil(60)
                                ),
                            )])
                        }
                        other => other,
                    })?;
            }
            reinvite(&ctx, user.id, pid).await
        }
        .await,
    )
}

/// Issues a new invitation link for `pid` as its organizer (revoking the earlier one) and mails
/// it when SMTP is configured (then the link is not returned).
#[cfg(feature = "ssr")]
async fn reinvite(
    ctx: &crate::server::AppContext,
    organizer_id: Uuid,
    pid: Uuid,
) -> Result<Option<InvitationLink>, AppError> {
    let mut tx = db::as_user(&ctx.pool, Some(organizer_id)).await?;
    let person: Option<(String, String, Uuid)> =
        sqlx::query_as("select name, email::text, draw_id from draw_participants where id = $1")
            .bind(pid)
            .fetch_optional(&mut *tx)
            .await?;
    let (name, email, draw_id) = person.ok_or(AppError::NotFound)?;
    let draw = db::draws::get_authored(&mut tx, organizer_id, draw_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(token) = run::issue_invitation(&mut tx, pid, ttl_seconds(ctx)).await? else {
        return Err(AppError::Validation(vec![FieldError::new(
            "participant_id",
            format!(
                "{name} has joined already, so no new link can be made: they log in with their \
                 password, or reset it by mail."
            ),
        )]));
    };
    let organizer: String = sqlx::query_scalar(
        "select app.display_name(first_name, surname, email::text) from users where id = $1",
    )
    .bind(organizer_id)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    let link = link(ctx, pid, name.clone(), &token);
    if ctx.mailer.is_none() {
        return Ok(Some(link));
    }
    mail_invitations(
        ctx,
        organizer_id,
        &organizer,
        &draw.input,
        &[(pid, name, email, link.url)],
    )
    .await?;
    Ok(None)
}

/// One pass of the server's retry job: each invitation whose mail failed (fewer than
/// `max_attempts` times in a row, at least `min_age` ago, person not yet joined) gets a new link
/// by mail, sent on behalf of its organizer. Returns how many were tried.
#[cfg(feature = "ssr")]
pub async fn retry_failed_invitations(
    ctx: &crate::server::AppContext,
    max_attempts: i32,
    min_age: std::time::Duration,
) -> Result<usize, AppError> {
    if ctx.mailer.is_none() {
        return Ok(0);
    }
    let mut tx = db::as_user(&ctx.pool, None).await?;
    let due: Vec<(Uuid, Uuid, String)> = sqlx::query_as(
        "select participant_id, author_id, author_email from app.invitations_to_retry($1, $2)",
    )
    .bind(max_attempts)
    .bind(i32::try_from(min_age.as_secs()).unwrap_or(i32::MAX))
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    for (pid, author, _) in &due {
        if let Err(err) = reinvite(ctx, *author, *pid).await {
            tracing::warn!(error = %err, "retrying an invitation failed");
        }
    }
    Ok(due.len())
}

#[server(prefix = "/api", endpoint = "invitation")]
pub async fn invitation(token: String) -> Result<InvitationInfo, AppError> {
    respond(
        async move {
            let ctx = context()?;
            let mut tx = db::as_user(&ctx.pool, None).await?;
            let info = run::invitation_info(&mut tx, &token).await?;
            tx.commit().await?;
            let info = info.ok_or(AppError::NotFound)?;
            Ok(InvitationInfo {
                participant_name: info.participant_name,
                invited_email: info.invited_email,
                draw_name: info.draw_name,
                organizer: info.organizer,
                used_on: info.used_on,
                account_exists: info.account_exists,
                signed_in_as: current_user().await?.map(|u| u.email),
            })
        }
        .await,
    )
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
    let done = async move {
        let ctx = context()?;
        let mut errors = new_password_errors(&password, &confirm);
        let email = match email.filter(|e| !e.trim().is_empty()) {
            Some(raw) => Email::parse(&raw)
                .map_err(|e| errors.push(FieldError::new("email", e)))
                .ok(),
            None => {
                let mut tx = db::as_user(&ctx.pool, None).await?;
                let info = run::invitation_info(&mut tx, &token).await?;
                tx.commit().await?;
                let info = info
                    .filter(|i| i.used_on.is_none())
                    .ok_or(AppError::NotFound)?;
                Email::parse(&info.invited_email).ok()
            }
        };
        let Some(email) = email.filter(|_| errors.is_empty()) else {
            return Err(AppError::Validation(errors));
        };
        // A new account, like a registration: limited per client address.
        new_account_attempt(&ctx).await?;
        let hash = ctx.passwords.hash_new(&password).await?;
        let mut tx = db::as_user(&ctx.pool, None).await?;
        let outcome = run::accept_invitation(&mut tx, &token, email.as_str(), &hash).await?;
        tx.commit().await?;
        match outcome {
            run::Accepted::Account { user_id, version } => {
                crate::auth::session::log_in(&session().await?, user_id, version).await
            }
            run::Accepted::EmailTaken => Err(AppError::Validation(vec![FieldError::new(
                "email",
                "An account already uses this address. Log in to join this draw with it, or use \
                 another address.",
            )])),
            run::Accepted::Invalid => Err(AppError::NotFound),
        }
    }
    .await;
    if done.is_ok() {
        leptos_axum::redirect("/draws?welcome=1");
    }
    respond(done)
}

/// Redeems an invitation for the logged-in person: the membership joins their account.
#[server(prefix = "/api", endpoint = "join_invitation")]
pub async fn join_invitation(token: String) -> Result<(), AppError> {
    let done = async move {
        let ctx = context()?;
        let user = require_user().await?;
        let mut tx = db::as_user(&ctx.pool, Some(user.id)).await?;
        let joined = run::join_with_invitation(&mut tx, &token).await?;
        tx.commit().await?;
        match joined {
            run::Joined::Draw(draw) => Ok(draw),
            run::Joined::AlreadyMember => Err(AppError::Validation(vec![FieldError::new(
                "token",
                "You are in this draw already, under another name on its list, so this \
                 invitation is someone else's: it still works for them.",
            )])),
            run::Joined::Invalid => Err(AppError::NotFound),
        }
    }
    .await;
    if let Ok(draw) = &done {
        leptos_axum::redirect(&format!("/draws/{draw}/match"));
    }
    respond(done.map(|_| ()))
}
