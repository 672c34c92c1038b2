//! What an organizer changes on a draw after it has run: its details, a person who drops out, a
//! late joiner. Each is one transaction; the matches are repaired inside the database, and no
//! answer here carries a pair or whose match changed (a removed person's affected giver *is* a
//! pair: the one who gave to them).

use leptos::prelude::*;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::ssr::{after_form_post, caller, parse_id, Caller},
    crate::auth::throttle::{self, LoginKeys},
    crate::db::{self, changes},
    crate::domain::draw::{rules_keep_the_secret, valid_person, DrawInput, ParticipantInput},
    crate::error::FieldError,
    crate::i18n::{current, Lang},
    crate::tr,
    uuid::Uuid,
};

/// Replaces a draw's name, budget, exchange date and message; works on open and drawn draws.
#[server(prefix = "/api", endpoint = "update_draw_details")]
pub async fn update_draw_details(
    id: String,
    name: String,
    budget: String,
    currency: String,
    exchange_date: String,
    message: String,
    // The language of the draw's mail from now on (late joiners, invitations sent again); an
    // answer without it keeps the draw's.
    #[server(default)] language: String,
) -> Result<(), AppError> {
    let me = caller().await?;
    let id = parse_id(&id)?;
    let input = DrawInput {
        name,
        budget,
        currency,
        exchange_date,
        message,
        ..DrawInput::default()
    };
    let details = input.validate_details().map_err(AppError::Validation)?;
    let language = match language.trim() {
        "" => None,
        code => match Lang::from_code(code).filter(|l| l.code() == code) {
            Some(lang) => Some(lang.code()),
            None => {
                return Err(AppError::Validation(vec![FieldError::new(
                    "language",
                    tr!(current(), "validation-language"),
                )]))
            }
        },
    };
    let mut tx = me.begin().await?;
    if let Some(passed) = super::draws::passed_date(&mut tx, Some(id), &input.exchange_date).await?
    {
        return Err(AppError::Validation(vec![passed]));
    }
    if !changes::update_details(&mut tx, me.id(), id, &details, language).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    after_form_post(&format!("/draws/{id}?changed=details"));
    Ok(())
}

/// Takes a person out of a drawn draw. Their giver draws a new recipient at random (theirs
/// included), and the fewest other matches change after that (see
/// `migrations/20261128000001_removal_says_nothing_of_the_pair.sql`). The person's account stays.
#[server(prefix = "/api", endpoint = "remove_participant")]
pub async fn remove_participant(id: String, participant_id: String) -> Result<(), AppError> {
    let me = caller().await?;
    let id = parse_id(&id)?;
    let person = parse_id(&participant_id)?;
    let mut tx = me.begin().await?;
    let (people, rules, insider) = rules_of(&me, &mut tx, id).await?;
    let Some(gone) = people.iter().position(|p| p.0 == person) else {
        return Err(no_longer_here("participant_id"));
    };
    // The rules must still keep every pair secret without this person: the organizer reads
    // the rules, and rules that force a pair would tell it.
    let keep = |i: usize| (i != gone).then(|| if i > gone { i - 1 } else { i });
    let names: Vec<String> = people
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != gone)
        .map(|(_, p)| p.1.clone())
        .collect();
    let remaining: Vec<(usize, usize)> = rules
        .iter()
        .filter_map(|&(g, r)| Some((keep(g)?, keep(r)?)))
        .collect();
    let name = people[gone].1.clone();
    if people.len() > 3 {
        if let Err(why) = rules_keep_the_secret(&names, &remaining, insider.and_then(keep)) {
            // (`why` advises changing the rules, which cannot change after the draw.)
            tracing::debug!(%why, "a removal would leave rules that give a pair away");
            return Err(refusal(tr!(
                current(),
                "validation-remove-not-secret",
                name = &name
            )));
        }
    }
    let notify = me.ctx.mailer.is_some();
    // (With the language of their mail: their account's choice, else the draw's.)
    let leaving: Option<(String, String, String, Option<String>)> = sqlx::query_as(
        "select p.name, p.email::text, d.name, app.participant_mail_language(p.id)
         from draw_participants p
         join draws d on d.id = p.draw_id
         where p.id = $1 and p.user_id is not null",
    )
    .bind(person)
    .fetch_optional(&mut *tx)
    .await?;
    let outcome = changes::remove_participant(&mut tx, id, person, notify).await?;
    match outcome {
        changes::Removal::Done => {}
        // Removed meanwhile (by another tab or instance).
        changes::Removal::NotFound => return Err(no_longer_here("participant_id")),
        changes::Removal::NotDrawn => {
            return Err(refusal(
                tr!(current(), "validation-remove-not-drawn").to_string(),
            ))
        }
        changes::Removal::TooFew => {
            return Err(refusal(tr!(
                current(),
                "validation-remove-too-few",
                name = &name
            )))
        }
        // The rules allow a draw of the others (checked above), so what blocks the repair is
        // that it would have to change the organizer's own match, which is kept out of repairs.
        changes::Removal::NoRepair if insider.is_some() => {
            return Err(refusal(tr!(
                current(),
                "validation-remove-own-match",
                name = &name
            )))
        }
        changes::Removal::NoRepair => {
            return Err(refusal(tr!(
                current(),
                "validation-remove-no-repair",
                name = &name
            )))
        }
    }
    tx.commit().await?;
    notify_changed(&me);
    // Someone who had joined is told by mail that they are out (the organizer chose it; it says
    // nothing of any pair).
    if let (Some(mailer), Some((first, email, draw_name, language))) =
        (me.ctx.mailer.clone(), leaving)
    {
        let language = language
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_default();
        tokio::spawn(async move {
            if let Err(err) = mailer
                .send_removed(language, &email, &first, &draw_name)
                .await
            {
                tracing::warn!(error = %err, "a removed-from-the-draw mail failed");
            }
        });
    }
    after_form_post(&format!("/draws/{id}?changed=removed"));
    Ok(())
}

/// Adds a late joiner to a drawn draw between one giver and that giver's recipient, so only one
/// match changes; `apart` is someone the newcomer must not draw nor be drawn by (a partner).
/// They are invited like everyone else.
#[server(prefix = "/api", endpoint = "add_participant")]
pub async fn add_participant(
    id: String,
    first_name: String,
    surname: String,
    email: String,
    gift_preferences: String,
    apart: Option<String>,
) -> Result<(), AppError> {
    let me = caller().await?;
    let id = parse_id(&id)?;
    let mut errors = Vec::new();
    let input = ParticipantInput {
        name: first_name,
        surname,
        email,
        gift_preferences,
    };
    let field = |f: &str| {
        if f == "name" {
            "first_name".to_string()
        } else {
            f.to_string()
        }
    };
    let person = valid_person(&input, field, &mut errors);
    let apart = apart
        .filter(|a| !a.trim().is_empty())
        .map(|a| parse_id(&a))
        .transpose()?;
    let Some(person) = person.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let mut tx = me.begin().await?;
    let (people, mut rules, mut insider) = rules_of(&me, &mut tx, id).await?;
    let newcomer = people.len();
    let mut names: Vec<String> = people.iter().map(|p| p.1.clone()).collect();
    names.push(person.name.clone());
    if let Some(apart) = apart {
        let other = people
            .iter()
            .position(|p| p.0 == apart)
            .ok_or_else(|| no_longer_here("apart"))?;
        rules.extend([(newcomer, other), (other, newcomer)]);
    }
    if me.user.email == person.email.as_str() {
        insider = Some(newcomer);
    }
    if let Err(why) = rules_keep_the_secret(&names, &rules, insider) {
        return Err(AppError::Validation(vec![FieldError::new("apart", why)]));
    }
    let notify = me.ctx.mailer.is_some();
    let apart: Vec<Uuid> = apart.into_iter().collect();
    let added = changes::add_participant(&mut tx, id, &person, &apart, notify).await?;
    let new_id = match added {
        changes::Addition::Done(new_id) => new_id,
        // The person to keep apart from was removed meanwhile.
        changes::Addition::NotFound => return Err(no_longer_here("apart")),
        changes::Addition::NotDrawn => {
            return Err(refusal(
                tr!(current(), "validation-add-not-drawn").to_string(),
            ))
        }
        changes::Addition::TooMany => {
            return Err(AppError::Validation(vec![FieldError::new(
                "first_name",
                tr!(current(), "validation-add-full"),
            )]))
        }
        changes::Addition::EmailTaken => {
            return Err(AppError::Validation(vec![FieldError::new(
                "email",
                tr!(current(), "validation-email-in-draw-twice"),
            )]))
        }
        changes::Addition::LateLimit => {
            return Err(AppError::Validation(vec![FieldError::new(
                "first_name",
                tr!(current(), "validation-add-late-limit"),
            )]))
        }
        changes::Addition::CameBack => {
            return Err(AppError::Validation(vec![FieldError::new(
                "email",
                tr!(current(), "validation-add-came-back"),
            )]))
        }
        changes::Addition::NoPosition => {
            return Err(AppError::Validation(vec![FieldError::new(
                "apart",
                tr!(current(), "validation-add-no-position", name = &person.name),
            )]))
        }
    };
    // Counted only for an addition that goes through: a refused one mails nobody.
    if me.ctx.mailer.is_some() {
        let keys = LoginKeys::invitation_mail(&person.email.mailbox(), &me.id().to_string());
        throttle::attempt(&me.ctx.pool, &me.ctx.auth, &keys)
            .await
            .map_err(|e| match e {
                AppError::TooManyAttempts { retry_after_secs } => {
                    AppError::Validation(vec![FieldError::new(
                        "email",
                        tr!(
                            current(),
                            "validation-add-throttled",
                            minutes = retry_after_secs.div_ceil(60)
                        ),
                    )])
                }
                other => other,
            })?;
    }
    tx.commit().await.map_err(db::draws::constraint_error)?;
    notify_changed(&me);
    // The invitation goes out by mail like the others'; without mail the organizer makes the
    // link with "New link" on the status list (a plain post cannot show one).
    if me.ctx.mailer.is_some() {
        match crate::invitations::reinvite(&me.ctx, me.id(), new_id).await {
            // The organizer added themselves: joined at once, nothing to send.
            Ok(_) | Err(AppError::Validation(_)) => {}
            Err(err) => return Err(err),
        }
    }
    after_form_post(&format!("/draws/{id}?changed=added"));
    Ok(())
}

/// The people of a drawn draw the caller organizes (id, first name, in the draw's order), its
/// rules by position, and the organizer's own position when they take part.
#[cfg(feature = "ssr")]
async fn rules_of(
    me: &Caller,
    tx: &mut sqlx::PgConnection,
    draw: Uuid,
) -> Result<(Vec<(Uuid, String)>, Vec<(usize, usize)>, Option<usize>), AppError> {
    let organizes: bool =
        sqlx::query_scalar("select exists (select 1 from draws where id = $1 and author_id = $2)")
            .bind(draw)
            .bind(me.id())
            .fetch_one(&mut *tx)
            .await?;
    if !organizes {
        return Err(AppError::NotFound);
    }
    let people = db::draws::people(&mut *tx, draw).await?;
    let rules = db::draws::exclusions(&mut *tx, draw, &people).await?;
    let insider = people.iter().position(|p| p.email == me.user.email);
    Ok((
        people.into_iter().map(|p| (p.id, p.name)).collect(),
        rules,
        insider,
    ))
}

/// A person the form named is not (or no longer) in the draw: removed in another tab, say. Only
/// the draw's organizer gets this far, so it tells nothing.
#[cfg(feature = "ssr")]
fn no_longer_here(field: &str) -> AppError {
    AppError::Validation(vec![FieldError::new(
        field,
        tr!(current(), "validation-person-gone"),
    )])
}

#[cfg(feature = "ssr")]
fn refusal(message: String) -> AppError {
    AppError::Validation(vec![FieldError::new("participant_id", message)])
}

/// Mails the queued "your match changed" notices, after the change has committed and without
/// holding up the organizer's answer (which must not depend on who was told).
#[cfg(feature = "ssr")]
fn notify_changed(me: &Caller) {
    if me.ctx.mailer.is_none() {
        return;
    }
    let ctx = me.ctx.clone();
    tokio::spawn(async move {
        if let Err(err) = crate::invitations::send_match_notices(&ctx).await {
            tracing::warn!(error = %err, "sending match-changed notices failed");
        }
    });
}
