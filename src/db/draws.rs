//! Draw queries. Every function takes the author's transaction from `db::as_user`; the row-level
//! security policies decide what it can reach, and the queries also name the author so another
//! user's draw reads as "not found".

use sqlx::postgres::PgArguments;
use sqlx::query::QueryScalar;
use sqlx::{PgConnection, Postgres};
use uuid::Uuid;

use crate::domain::draw::{DrawInput, ExclusionInput, ParticipantInput, ValidDraw};
use crate::domain::limits::{
    MAX_DRAW_MESSAGE_CHARS, MAX_DRAW_NAME_CHARS, MAX_GIFT_PREFERENCES_CHARS, MAX_PARTICIPANTS,
    MIN_PARTICIPANTS,
};
use crate::domain::money::format_amount;
use crate::error::{AppError, FieldError};

/// One line of the dashboard.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DrawSummaryRow {
    pub id: Uuid,
    pub name: String,
    pub created_on: String,
    pub exchange_date: Option<String>,
    pub drawn: bool,
    pub participants: i64,
}

pub async fn list_authored(
    conn: &mut PgConnection,
    author: Uuid,
) -> Result<Vec<DrawSummaryRow>, sqlx::Error> {
    sqlx::query_as(
        "select d.id, d.name, to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD') as created_on,
                d.exchange_date::text as exchange_date, d.drawn_at is not null as drawn,
                (select count(*) from draw_participants p where p.draw_id = d.id) as participants
         from draws d
         where d.author_id = $1
         order by d.created_at desc, d.name",
    )
    .bind(author)
    .fetch_all(conn)
    .await
}

/// A draw as its author sees it, in the form's own shape.
#[derive(Debug, Clone)]
pub struct DrawRow {
    pub id: Uuid,
    pub created_on: String,
    pub drawn: bool,
    pub input: DrawInput,
}

pub async fn get_authored(
    conn: &mut PgConnection,
    author: Uuid,
    id: Uuid,
) -> Result<Option<DrawRow>, sqlx::Error> {
    let details: Option<DetailsRow> = sqlx::query_as(
        "select name, budget_minor, budget_currency, exchange_date::text as exchange_date,
                coalesce(message, '') as message, drawn_at is not null as drawn, language,
                to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as created_on
         from draws where id = $1 and author_id = $2",
    )
    .bind(id)
    .bind(author)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(d) = details else {
        return Ok(None);
    };
    let people = people(conn, id).await?;
    let exclusions = exclusions(conn, id, &people)
        .await?
        .into_iter()
        .map(|(giver, recipient)| ExclusionInput { giver, recipient })
        .collect();
    Ok(Some(DrawRow {
        id,
        created_on: d.created_on,
        drawn: d.drawn,
        input: DrawInput {
            name: d.name,
            budget: d.budget_minor.map(format_amount).unwrap_or_default(),
            currency: d.budget_currency.unwrap_or_default(),
            exchange_date: d.exchange_date.unwrap_or_default(),
            message: d.message,
            language: d.language,
            participants: people
                .into_iter()
                .map(|p| ParticipantInput {
                    name: p.name,
                    surname: p.surname,
                    email: p.email,
                    gift_preferences: p.gift_preferences,
                })
                .collect(),
            exclusions,
        },
    }))
}

#[derive(sqlx::FromRow)]
struct DetailsRow {
    name: String,
    budget_minor: Option<i64>,
    budget_currency: Option<String>,
    exchange_date: Option<String>,
    message: String,
    drawn: bool,
    created_on: String,
    language: String,
}

/// One person of a draw, as its author listed them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PersonRow {
    pub id: Uuid,
    pub name: String,
    pub surname: String,
    pub email: String,
    pub gift_preferences: String,
}

/// The people of a draw in the author's order.
pub async fn people(conn: &mut PgConnection, draw: Uuid) -> Result<Vec<PersonRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, name, surname, email::text as email, gift_preferences
         from draw_participants where draw_id = $1 order by position, created_at, id",
    )
    .bind(draw)
    .fetch_all(conn)
    .await
}

/// A draw's rules as (giver, recipient) positions in `people`.
pub async fn exclusions(
    conn: &mut PgConnection,
    draw: Uuid,
    people: &[PersonRow],
) -> Result<Vec<(usize, usize)>, sqlx::Error> {
    let pairs: Vec<(Uuid, Uuid)> =
        sqlx::query_as("select giver_id, recipient_id from exclusions where draw_id = $1")
            .bind(draw)
            .fetch_all(conn)
            .await?;
    let position = |id: Uuid| people.iter().position(|p| p.id == id);
    let mut pairs: Vec<(usize, usize)> = pairs
        .into_iter()
        .filter_map(|(giver, recipient)| Some((position(giver)?, position(recipient)?)))
        .collect();
    // In the people's order, the same at every read (the editor shows them as they come).
    pairs.sort_unstable();
    Ok(pairs)
}

/// Why a draw the author cannot change is out of reach: it does not exist for them, or it ran.
async fn not_changeable(
    conn: &mut PgConnection,
    author: Uuid,
    id: Uuid,
) -> Result<AppError, sqlx::Error> {
    let drawn: Option<bool> = sqlx::query_scalar(
        "select drawn_at is not null from draws where id = $1 and author_id = $2",
    )
    .bind(id)
    .bind(author)
    .fetch_optional(conn)
    .await?;
    Ok(match drawn {
        Some(true) => AppError::Validation(vec![FieldError::new(
            "draw",
            crate::tr!(crate::i18n::current(), "validation-draw-run-no-changes"),
        )]),
        _ => AppError::NotFound,
    })
}

async fn insert_people(
    conn: &mut PgConnection,
    draw: Uuid,
    valid: &ValidDraw,
) -> Result<(), AppError> {
    let mut ids = Vec::with_capacity(valid.participants.len());
    for (position, p) in valid.participants.iter().enumerate() {
        let id: Uuid = sqlx::query_scalar(
            "insert into draw_participants (draw_id, name, surname, email, gift_preferences, position)
             values ($1, $2, $3, $4, $5, $6) returning id",
        )
        .bind(draw)
        .bind(&p.name)
        .bind(&p.surname)
        .bind(p.email.as_str())
        .bind(p.gift_preferences.as_str())
        .bind(i16::try_from(position).unwrap_or(i16::MAX))
        .fetch_one(&mut *conn)
        .await
        .map_err(constraint_error)?;
        ids.push(id);
    }
    for &(giver, recipient) in &valid.exclusions {
        sqlx::query("insert into exclusions (draw_id, giver_id, recipient_id) values ($1, $2, $3)")
            .bind(draw)
            .bind(ids[giver])
            .bind(ids[recipient])
            .execute(&mut *conn)
            .await
            .map_err(constraint_error)?;
    }
    Ok(())
}

pub async fn create(
    conn: &mut PgConnection,
    author: Uuid,
    valid: &ValidDraw,
) -> Result<Uuid, AppError> {
    let insert = sqlx::query_scalar(
        "insert into draws (author_id, name, budget_minor, budget_currency, exchange_date, message,
                            language)
         values ($1, $2, $3, $4, $5::date, $6, $7) returning id",
    );
    let id: Uuid = with_details(insert.bind(author), valid)
        .fetch_one(&mut *conn)
        .await
        .map_err(constraint_error)?;
    insert_people(conn, id, valid).await?;
    Ok(id)
}

/// Binds a draw's details, in the order both `create` and `update` write them ($2 to $7).
fn with_details<'q>(
    query: QueryScalar<'q, Postgres, Uuid, PgArguments>,
    valid: &'q ValidDraw,
) -> QueryScalar<'q, Postgres, Uuid, PgArguments> {
    let (minor, currency) = valid
        .budget
        .as_ref()
        .map(|(minor, currency)| (*minor, currency.as_str()))
        .unzip();
    query
        .bind(&valid.name)
        .bind(minor)
        .bind(currency)
        .bind(valid.exchange_date.as_deref())
        .bind(valid.message.as_deref())
        .bind(&valid.language)
}

/// Replaces an open draw's details, people and exclusions.
/// Locks the author's draw `id` (if it is theirs) until the transaction ends.
pub async fn lock_authored(
    conn: &mut PgConnection,
    author: Uuid,
    id: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query("select 1 from draws where id = $1 and author_id = $2 for update")
        .bind(id)
        .bind(author)
        .execute(&mut *conn)
        .await
        .map(|_| ())
}

pub async fn update(
    conn: &mut PgConnection,
    author: Uuid,
    id: Uuid,
    valid: &ValidDraw,
) -> Result<(), AppError> {
    let update = sqlx::query_scalar(
        "update draws set name = $2, budget_minor = $3, budget_currency = $4,
                          exchange_date = $5::date, message = $6, language = $7
         where author_id = $1 and id = $8 and drawn_at is null
         returning id",
    );
    let changed: Option<Uuid> = with_details(update.bind(author), valid)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(constraint_error)?;
    if changed.is_none() {
        return Err(not_changeable(conn, author, id).await?);
    }
    sqlx::query("delete from draw_participants where draw_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    insert_people(conn, id, valid).await
}

pub async fn delete(conn: &mut PgConnection, author: Uuid, id: Uuid) -> Result<(), AppError> {
    let deleted =
        sqlx::query("delete from draws where id = $1 and author_id = $2 and drawn_at is null")
            .bind(id)
            .bind(author)
            .execute(&mut *conn)
            .await?;
    if deleted.rows_affected() == 0 {
        return Err(not_changeable(conn, author, id).await?);
    }
    Ok(())
}

/// The database's constraints are the last line; map the ones a form can hit to its fields, by
/// constraint name, never by message text.
pub fn constraint_error(err: sqlx::Error) -> AppError {
    let lang = crate::i18n::current();
    let field = match &err {
        sqlx::Error::Database(db) => match db.constraint() {
            Some("draws_name_length") => Some((
                "name",
                crate::tr!(
                    lang,
                    "validation-draw-name-too-long",
                    max = MAX_DRAW_NAME_CHARS
                ),
            )),
            Some("draws_message_length") => Some((
                "message",
                crate::tr!(
                    lang,
                    "validation-at-most-chars",
                    max = MAX_DRAW_MESSAGE_CHARS
                ),
            )),
            Some("draw_participants_count") => Some((
                "participants",
                crate::tr!(
                    lang,
                    "validation-people-range",
                    min = MIN_PARTICIPANTS,
                    max = MAX_PARTICIPANTS
                ),
            )),
            Some("draw_participants_draw_id_email_key") => Some((
                "participants",
                crate::tr!(lang, "validation-own-email").to_string(),
            )),
            Some("draw_participants_gift_preferences_length") => Some((
                "participants",
                crate::tr!(
                    lang,
                    "validation-wishes-at-most",
                    max = MAX_GIFT_PREFERENCES_CHARS
                ),
            )),
            _ => None,
        },
        _ => None,
    };
    match field {
        Some((field, message)) => AppError::Validation(vec![FieldError::new(field, message)]),
        None => AppError::from(err),
    }
}
