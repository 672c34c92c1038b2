//! Changes to a drawn draw: its details, removing a person, adding a late joiner. The matches
//! are repaired inside the database by SECURITY DEFINER functions that take only the draw and
//! the person and answer with a status word: the organizer's transaction never reads a match,
//! nor whose match changed (see `migrations/20261127000001_after_the_draw.sql`).

use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::draw::{ValidDetails, ValidParticipant};
use crate::error::AppError;

/// Replaces a draw's details (open or drawn); false when the caller does not organize it.
pub async fn update_details(
    conn: &mut PgConnection,
    author: Uuid,
    id: Uuid,
    details: &ValidDetails,
    language: Option<&str>,
) -> Result<bool, AppError> {
    let (minor, currency) = details
        .budget
        .as_ref()
        .map(|(minor, currency)| (*minor, currency.as_str()))
        .unzip();
    let done = sqlx::query(
        "update draws set name = $3, budget_minor = $4, budget_currency = $5,
                          exchange_date = $6::date, message = $7,
                          language = coalesce($8, language)
         where id = $1 and author_id = $2",
    )
    .bind(id)
    .bind(author)
    .bind(&details.name)
    .bind(minor)
    .bind(currency)
    .bind(details.exchange_date.as_deref())
    .bind(details.message.as_deref())
    .bind(language)
    .execute(conn)
    .await
    .map_err(super::draws::constraint_error)?;
    Ok(done.rows_affected() > 0)
}

/// What removing a person from a drawn draw did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    Done,
    NotFound,
    NotDrawn,
    /// Three people must remain.
    TooFew,
    /// The rules leave the others no valid assignment; nothing changed.
    NoRepair,
}

/// Removes `person` from the drawn draw `draw` and repairs the matches (their giver draws anew,
/// then the fewest others change); `notify` queues a mail to each giver whose match changed.
pub async fn remove_participant(
    conn: &mut PgConnection,
    draw: Uuid,
    person: Uuid,
    notify: bool,
) -> Result<Removal, sqlx::Error> {
    let status: String = sqlx::query_scalar("select app.remove_participant($1, $2, $3)")
        .bind(draw)
        .bind(person)
        .bind(notify)
        .fetch_one(conn)
        .await?;
    Ok(match status.as_str() {
        "ok" => Removal::Done,
        "not_drawn" => Removal::NotDrawn,
        "too_few" => Removal::TooFew,
        "no_repair" => Removal::NoRepair,
        _ => Removal::NotFound,
    })
}

/// What adding a late joiner did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Addition {
    Done(Uuid),
    NotFound,
    NotDrawn,
    TooMany,
    EmailTaken,
    /// Every match has someone the newcomer is kept apart from at one end.
    NoPosition,
    /// The person was removed from this draw after it ran (by this address or another spelling of
    /// the same mailbox): adding them back would let an organizer try again and again for a
    /// place that shows them a pair.
    CameBack,
    /// The draw has had its 3 late joiners (counting any removed since).
    LateLimit,
}

/// Adds `person` to the drawn draw `draw` between one giver and their recipient (only that
/// giver's match changes); `apart` are people the newcomer must not draw or be drawn by.
pub async fn add_participant(
    conn: &mut PgConnection,
    draw: Uuid,
    person: &ValidParticipant,
    apart: &[Uuid],
    notify: bool,
) -> Result<Addition, sqlx::Error> {
    let answer: Result<(String, Option<Uuid>), sqlx::Error> = sqlx::query_as(
        "select status, participant_id from app.add_participant($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(draw)
    .bind(&person.name)
    .bind(&person.surname)
    .bind(person.email.as_str())
    .bind(person.gift_preferences.as_str())
    .bind(apart)
    .bind(notify)
    .fetch_one(conn)
    .await;
    let (status, id) = match answer {
        Err(sqlx::Error::Database(err))
            if err.constraint() == Some("draw_participants_no_return") =>
        {
            return Ok(Addition::CameBack)
        }
        Err(sqlx::Error::Database(err))
            if err.constraint() == Some("draw_participants_late_limit") =>
        {
            return Ok(Addition::LateLimit)
        }
        other => other?,
    };
    Ok(match (status.as_str(), id) {
        ("ok", Some(id)) => Addition::Done(id),
        ("not_drawn", _) => Addition::NotDrawn,
        ("too_many", _) => Addition::TooMany,
        ("email_taken", _) => Addition::EmailTaken,
        ("no_position", _) => Addition::NoPosition,
        _ => Addition::NotFound,
    })
}

/// A giver to tell that their match changed.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MatchNotice {
    pub email: String,
    pub name: String,
    pub draw_id: Uuid,
    pub draw_name: String,
    pub changed_on: String,
    /// The language of the mail: the giver's account's choice, else the draw's ("en", "pl").
    pub language: String,
}

/// Takes up to `limit` queued notices (each is taken once, on any app instance).
pub async fn claim_match_notices(
    conn: &mut PgConnection,
    limit: i32,
) -> Result<Vec<MatchNotice>, sqlx::Error> {
    sqlx::query_as(
        "select email, name, draw_id, draw_name,
                to_char(changed_at at time zone 'UTC', 'FMDD FMMonth YYYY') as changed_on, language
         from app.claim_match_notices($1)",
    )
    .bind(limit)
    .fetch_all(conn)
    .await
}
