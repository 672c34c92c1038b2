//! The anonymous conversation between a giver and the person they give to: one per match, read
//! and written by its two sides only (row-level security), by draw.
//!
//! What keeps the giver anonymous: the recipient addresses their side as "my conversation as the
//! recipient in draw D" — never by a match, participant or user id — and every answer here holds
//! only the messages' text, whether each is the caller's own, and when it was written. The
//! notification mail goes out after the answer, on a task of its own, so an answer's timing does
//! not depend on whether (or to whom) a mail is sent.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::ssr::{after_form_post, caller, parse_id},
    crate::db::messages,
    crate::domain::limits::{MAX_MESSAGE_CHARS, MESSAGES_PER_DAY},
    crate::error::FieldError,
    crate::tr,
};

/// One message, as one side of the conversation sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    /// Written by the caller.
    pub mine: bool,
    pub body: String,
    /// "2026-12-01 18:05 UTC"
    pub at: String,
    /// The same, ISO 8601.
    pub at_iso: String,
    /// Written by the other side, and this is the first time the caller is shown it.
    pub new: bool,
}

/// A conversation from one side: its messages, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationView {
    pub messages: Vec<MessageView>,
    /// On the giver's side, the row of the person they give to now: the page sends it back, so a
    /// page left open across a change of match neither shows the new recipient's messages under
    /// the old name nor sends to them. None on the recipient's side (it would be theirs).
    pub with: Option<String>,
}

/// The conversation of draw `id` on the caller's side (`as_giver`: with the person they give to;
/// otherwise with their Secret Santa). Reading it marks the other side's messages read.
#[server(prefix = "/api", endpoint = "conversation")]
pub async fn conversation(
    id: String,
    as_giver: bool,
    with: Option<String>,
) -> Result<ConversationView, AppError> {
    let me = caller().await?;
    let draw = parse_id(&id)?;
    let mut tx = me.begin().await?;
    let view = conversation_in(&mut tx, draw, as_giver, with.as_deref(), true).await?;
    tx.commit().await?;
    Ok(view)
}

/// [`conversation`] inside the caller's transaction; `mark`: mark the other side's messages read
/// (a page that knows none are unread skips the write).
#[cfg(feature = "ssr")]
pub(crate) async fn conversation_in(
    tx: &mut sqlx::PgConnection,
    draw: uuid::Uuid,
    as_giver: bool,
    with: Option<&str>,
    mark: bool,
) -> Result<ConversationView, AppError> {
    let conversation = messages::conversation_id(tx, draw, as_giver)
        .await?
        .ok_or(AppError::NotFound)?;
    still_the_same(as_giver, with, conversation)?;
    let rows = messages::messages(tx, conversation, as_giver).await?;
    if mark {
        messages::mark_read(tx, conversation, as_giver).await?;
    }
    Ok(ConversationView {
        with: as_giver.then(|| conversation.to_string()),
        messages: rows
            .into_iter()
            .map(|r| {
                let mine = r.from_giver == as_giver;
                // The recipient sees only the day their giver wrote: the minute, next to who was
                // at their desk then, could point at the giver.
                let (at, at_iso) = if !mine && !as_giver {
                    (r.day, r.day_iso)
                } else {
                    (r.at, r.at_iso)
                };
                MessageView {
                    mine,
                    body: r.body,
                    at,
                    at_iso,
                    new: r.new,
                }
            })
            .collect(),
    })
}

/// Writes a message into the caller's conversation of draw `id` (`as_giver`: to the person they
/// give to; otherwise to their Secret Santa). 1–2,000 characters, at most 30 a day per side.
#[server(prefix = "/api", endpoint = "send_message")]
pub async fn send_message(
    id: String,
    as_giver: bool,
    body: String,
    with: Option<String>,
) -> Result<(), AppError> {
    let me = caller().await?;
    let lang = crate::i18n::current();
    let draw = parse_id(&id)?;
    let body = crate::domain::text::multi_line_text(&body);
    let refuse = |message: String| AppError::Validation(vec![FieldError::new("body", message)]);
    if crate::domain::text::looks_blank(&body) {
        return Err(refuse(tr!(lang, "validation-message-empty").to_string()));
    }
    if !crate::domain::text::multi_line_ok(&body) {
        return Err(refuse(
            crate::domain::text::control_character_message().to_string(),
        ));
    }
    let count = body.chars().count();
    if count > MAX_MESSAGE_CHARS {
        return Err(refuse(tr!(
            lang,
            "validation-message-too-long",
            max = MAX_MESSAGE_CHARS,
            count = count
        )));
    }
    let mut tx = me.begin().await?;
    let conversation = messages::conversation_id(&mut tx, draw, as_giver)
        .await?
        .ok_or(AppError::NotFound)?;
    still_the_same(as_giver, with.as_deref(), conversation)?;
    if messages::sent_today(&mut tx, conversation, as_giver).await? >= MESSAGES_PER_DAY {
        return Err(refuse(tr!(
            lang,
            "validation-message-daily-limit",
            max = MESSAGES_PER_DAY
        )));
    }
    messages::insert(&mut tx, conversation, as_giver, &body).await?;
    let mail = if me.ctx.mailer.is_some() {
        messages::mail_due(&mut tx, draw, as_giver).await?
    } else {
        None
    };
    tx.commit().await?;
    if let (Some((to, name, draw_name, language)), Some(mailer)) = (mail, me.ctx.mailer.clone()) {
        // In the addressee's language (their account's choice, else the draw's), not the
        // writer's.
        let language = crate::i18n::Lang::from_code(&language).unwrap_or_default();
        let link = format!(
            "{}/draws/{draw}/match",
            me.ctx.auth.public_url.as_str().trim_end_matches('/')
        );
        // To the recipient, after a random delay: the mail's time must not say when the giver
        // wrote (the page shows the recipient only the day).
        let delay = if as_giver {
            use rand::{Rng, SeedableRng};
            let max = me.ctx.auth.message_mail_delay_max.as_millis();
            let max = u64::try_from(max).unwrap_or(u64::MAX);
            let mut rng = rand::rngs::StdRng::from_os_rng();
            std::time::Duration::from_millis(rng.random_range(0..=max))
        } else {
            std::time::Duration::ZERO
        };
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            if let Err(err) = mailer
                .send_new_message(language, &to, &name, &draw_name, &link, !as_giver)
                .await
            {
                tracing::warn!(error = %err, "a new-message mail failed");
            }
        });
    }
    // A message to the person I give to is written with the match open; one to my Secret Santa
    // keeps the match open if it was.
    let (open, side) = match (
        as_giver,
        crate::api::participant::came_from_open_match(draw),
    ) {
        (true, _) => ("shown=1&", "giver"),
        (false, true) => ("shown=1&", "recipient"),
        (false, false) => ("", "recipient"),
    };
    // (No #fragment: it would stop the browser from focusing the message box again.)
    after_form_post(&format!("/draws/{draw}/match?{open}sent={side}"));
    Ok(())
}

/// Refuses a giver's page that was opened for another recipient than the one they give to now
/// (the organizer changed the draw meanwhile).
#[cfg(feature = "ssr")]
fn still_the_same(as_giver: bool, with: Option<&str>, now: uuid::Uuid) -> Result<(), AppError> {
    match with.filter(|w| as_giver && !w.is_empty()) {
        Some(with) if with != now.to_string() => Err(AppError::Validation(vec![FieldError::new(
            "body",
            tr!(crate::i18n::current(), "validation-message-match-changed"),
        )])),
        _ => Ok(()),
    }
}
