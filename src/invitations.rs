//! Invitations after the draw's transaction: the link of each person, mailing it (twice at most
//! per send) and recording how that went, a new link for one person, and the job that tries
//! failed mail again. Used by the server functions that run a draw and make links, and by the
//! server's retry job.
//!
//! Mail goes out in its recipient's language, never the request's (the retry job has none): their
//! account's choice when they have joined and made one, else the draw's language
//! (`app.participant_mail_language`). An invitation goes to someone who has not joined yet, so it
//! is in the draw's language.

use uuid::Uuid;

use crate::auth::AuthUser;
use crate::context::AppContext;
use crate::db::{self, run};
use crate::domain::draw::DrawInput;
use crate::error::{AppError, FieldError};
use crate::i18n::Lang;
use crate::tr;

/// An invitation link for one person, to mail or to show the organizer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub participant_id: Uuid,
    pub name: String,
    pub url: String,
}

/// The link of an invitation `token` on this site.
pub fn link(ctx: &AppContext, participant_id: Uuid, name: String, token: &str) -> Link {
    let base = ctx.auth.public_url.as_str().trim_end_matches('/');
    Link {
        participant_id,
        name,
        url: format!("{base}/invite/{token}"),
    }
}

pub fn ttl_seconds(ctx: &AppContext) -> i32 {
    i32::try_from(ctx.auth.invitation_ttl.as_secs()).unwrap_or(i32::MAX)
}

/// An invitation on its way out: the link, and the address it goes to.
pub struct Outgoing {
    pub link: Link,
    pub email: String,
}

/// The invitations of a draw that has just run: mailed when SMTP is configured (then no link is
/// returned: a link opens its person's page, so the organizer must not hold it), or returned for
/// the organizer to pass on by hand.
pub async fn send_or_list(
    ctx: &AppContext,
    organizer: &AuthUser,
    draw: &DrawInput,
    made: Vec<run::Invitation>,
) -> Result<Vec<Link>, AppError> {
    let outgoing: Vec<Outgoing> = made
        .into_iter()
        .map(|i| Outgoing {
            link: link(ctx, i.participant_id, i.name, &i.token),
            email: i.email,
        })
        .collect();
    if ctx.mailer.is_none() {
        return Ok(outgoing.into_iter().map(|o| o.link).collect());
    }
    mail_invitations(
        ctx,
        organizer.id,
        &organizer.display_name(),
        draw,
        &outgoing,
    )
    .await?;
    Ok(Vec::new())
}

/// Mails each invitation when SMTP is configured (two tries each) and records, per person,
/// whether it went out. Runs after the draw's transaction has committed.
pub async fn mail_invitations(
    ctx: &AppContext,
    organizer_id: Uuid,
    organizer: &str,
    draw: &DrawInput,
    sent: &[Outgoing],
) -> Result<(), AppError> {
    let Some(mailer) = &ctx.mailer else {
        return Ok(());
    };
    let mut tx = db::as_user(&ctx.pool, Some(organizer_id)).await?;
    let mut languages = Vec::with_capacity(sent.len());
    for outgoing in sent {
        let code = run::mail_language(&mut tx, outgoing.link.participant_id).await?;
        languages.push(
            code.as_deref()
                .and_then(Lang::from_code)
                .unwrap_or_default(),
        );
    }
    tx.commit().await?;
    let budget = crate::domain::money::parse_amount(&draw.budget)
        .map(|minor| (minor, draw.currency.as_str()));
    let mut outcomes = Vec::new();
    for (Outgoing { link, email }, lang) in sent.iter().zip(languages) {
        let invitation = crate::mail::Invitation {
            lang,
            to: email,
            participant: &link.name,
            draw: &draw.name,
            organizer,
            exchange_date: (!draw.exchange_date.is_empty()).then_some(draw.exchange_date.as_str()),
            budget,
            message: (!draw.message.is_empty()).then_some(draw.message.as_str()),
            link: &link.url,
        };
        let mut result = mailer.send_invitation(&invitation).await;
        if result.is_err() {
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            result = mailer.send_invitation(&invitation).await;
        }
        if let Err(err) = &result {
            tracing::warn!(error = %err, "invitation mail failed");
        }
        outcomes.push((link.participant_id, result.is_ok()));
    }
    let mut tx = db::as_user(&ctx.pool, Some(organizer_id)).await?;
    for (participant_id, ok) in outcomes {
        run::record_invitation_mail(&mut tx, participant_id, ok).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Issues a new invitation link for `pid` as its organizer (revoking the earlier one) and mails
/// it when SMTP is configured (then the link is not returned).
/// Not found unless `organizer_id` organizes the draw of participant `pid`. Checked before an
/// action on the participant is counted against its limits: otherwise anyone logged in could use
/// up the organizer's allowance for one of their people. Answers the participant's draw.
pub async fn check_organizer(
    ctx: &AppContext,
    organizer_id: Uuid,
    pid: Uuid,
) -> Result<Uuid, AppError> {
    let mut tx = db::as_user(&ctx.pool, Some(organizer_id)).await?;
    let (_, _, draw_id) = run::invitee(&mut tx, pid)
        .await?
        .ok_or(AppError::NotFound)?;
    db::draws::get_authored(&mut tx, organizer_id, draw_id)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(draw_id)
}

pub async fn reinvite(
    ctx: &AppContext,
    organizer_id: Uuid,
    pid: Uuid,
) -> Result<Option<Link>, AppError> {
    let mut tx = db::as_user(&ctx.pool, Some(organizer_id)).await?;
    let (name, email, draw_id) = run::invitee(&mut tx, pid)
        .await?
        .ok_or(AppError::NotFound)?;
    let draw = db::draws::get_authored(&mut tx, organizer_id, draw_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(token) = run::issue_invitation(&mut tx, pid, ttl_seconds(ctx)).await? else {
        return Err(AppError::Validation(vec![FieldError::new(
            "participant_id",
            tr!(
                crate::i18n::current(),
                "validation-joined-no-link",
                name = &name
            ),
        )]));
    };
    let organizer = run::display_name(&mut tx, organizer_id).await?;
    tx.commit().await?;
    let link = link(ctx, pid, name, &token);
    if ctx.mailer.is_none() {
        return Ok(Some(link));
    }
    let outgoing = [Outgoing { link, email }];
    mail_invitations(ctx, organizer_id, &organizer, &draw.input, &outgoing).await?;
    Ok(None)
}

/// One pass of the server's retry job: each invitation whose mail failed (fewer than
/// `max_attempts` times in a row, at least `min_age` ago, person not yet joined) gets a new link
/// by mail, sent on behalf of its organizer. Returns how many were tried.
pub async fn retry_failed_invitations(
    ctx: &AppContext,
    max_attempts: i32,
    min_age: std::time::Duration,
) -> Result<usize, AppError> {
    if ctx.mailer.is_none() {
        return Ok(0);
    }
    let mut tx = db::as_user(&ctx.pool, None).await?;
    let due = run::invitations_to_retry(&mut tx, max_attempts, min_age).await?;
    tx.commit().await?;
    for (pid, author) in &due {
        if let Err(err) = reinvite(ctx, *author, *pid).await {
            tracing::warn!(error = %err, "retrying an invitation failed");
        }
    }
    Ok(due.len())
}

/// Mails each queued "your match changed" notice once (when SMTP is configured): taken from the
/// database in batches, so two app instances never send one twice. A notice whose mail fails is
/// not sent again — the giver's page says it anyway. Returns how many went out.
pub async fn send_match_notices(ctx: &AppContext) -> Result<usize, AppError> {
    let Some(mailer) = &ctx.mailer else {
        return Ok(0);
    };
    let base = ctx.auth.public_url.as_str().trim_end_matches('/');
    let mut sent = 0;
    // (Each notice carries its giver's language: their account's choice, else the draw's.)
    loop {
        let mut tx = db::as_user(&ctx.pool, None).await?;
        let notices = db::changes::claim_match_notices(&mut tx, 50).await?;
        tx.commit().await?;
        if notices.is_empty() {
            return Ok(sent);
        }
        for notice in notices {
            let link = format!("{base}/draws/{}/match", notice.draw_id);
            let lang = Lang::from_code(&notice.language).unwrap_or_default();
            match mailer
                .send_match_changed(lang, &notice.email, &notice.name, &notice.draw_name, &link)
                .await
            {
                Ok(()) => sent += 1,
                Err(err) => tracing::warn!(error = %err, "a match-changed mail failed"),
            }
        }
    }
}
