//! Draw queries. Every function takes the author's transaction from `db::as_user`; the row-level
//! security policies decide what it can reach, and the queries also name the author so another
//! user's draw reads as "not found".

use sqlx::{PgConnection, Row};
use uuid::Uuid;

use crate::domain::draw::{DrawInput, ExclusionInput, ParticipantInput, ValidDraw};
use crate::domain::money::format_amount;
use crate::error::{AppError, FieldError};

/// One line of the dashboard.
#[derive(Debug, Clone)]
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
    let rows = sqlx::query(
        "select d.id, d.name, to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD') as created_on,
                d.exchange_date::text as exchange_date, d.drawn_at is not null as drawn,
                (select count(*) from draw_participants p where p.draw_id = d.id) as participants
         from draws d
         where d.author_id = $1
         order by d.created_at desc, d.name",
    )
    .bind(author)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| DrawSummaryRow {
            id: r.get("id"),
            name: r.get("name"),
            created_on: r.get("created_on"),
            exchange_date: r.get("exchange_date"),
            drawn: r.get("drawn"),
            participants: r.get("participants"),
        })
        .collect())
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
    let Some(d) = sqlx::query(
        "select name, budget_minor, budget_currency, exchange_date::text as exchange_date,
                coalesce(message, '') as message, drawn_at is not null as drawn,
                to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as created_on
         from draws where id = $1 and author_id = $2",
    )
    .bind(id)
    .bind(author)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let people = sqlx::query(
        "select id, name, surname, email::text as email, gift_preferences
         from draw_participants where draw_id = $1 order by position, created_at, id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let ids: Vec<Uuid> = people.iter().map(|p| p.get("id")).collect();
    let exclusions =
        sqlx::query("select giver_id, recipient_id from exclusions where draw_id = $1")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .filter_map(|r| {
                let giver = ids
                    .iter()
                    .position(|p| *p == r.get::<Uuid, _>("giver_id"))?;
                let recipient = ids
                    .iter()
                    .position(|p| *p == r.get::<Uuid, _>("recipient_id"))?;
                Some(ExclusionInput { giver, recipient })
            })
            .collect();
    let budget_minor: Option<i64> = d.get("budget_minor");
    Ok(Some(DrawRow {
        id,
        created_on: d.get("created_on"),
        drawn: d.get("drawn"),
        input: DrawInput {
            name: d.get("name"),
            budget: budget_minor.map(format_amount).unwrap_or_default(),
            currency: d
                .get::<Option<String>, _>("budget_currency")
                .unwrap_or_default(),
            exchange_date: d
                .get::<Option<String>, _>("exchange_date")
                .unwrap_or_default(),
            message: d.get("message"),
            participants: people
                .iter()
                .map(|p| ParticipantInput {
                    name: p.get("name"),
                    surname: p.get("surname"),
                    email: p.get("email"),
                    gift_preferences: p.get("gift_preferences"),
                })
                .collect(),
            exclusions,
        },
    }))
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
            "This draw has already been run, so it can no longer be changed.",
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
    let id: Uuid = sqlx::query_scalar(
        "insert into draws (author_id, name, budget_minor, budget_currency, exchange_date, message)
         values ($1, $2, $3, $4, $5::date, $6) returning id",
    )
    .bind(author)
    .bind(&valid.name)
    .bind(valid.budget.as_ref().map(|b| b.0))
    .bind(valid.budget.as_ref().map(|b| b.1.clone()))
    .bind(valid.exchange_date.as_deref())
    .bind(valid.message.as_deref())
    .fetch_one(&mut *conn)
    .await
    .map_err(constraint_error)?;
    insert_people(conn, id, valid).await?;
    Ok(id)
}

/// Replaces an open draw's details, people and exclusions.
pub async fn update(
    conn: &mut PgConnection,
    author: Uuid,
    id: Uuid,
    valid: &ValidDraw,
) -> Result<(), AppError> {
    let changed = sqlx::query(
        "update draws set name = $3, budget_minor = $4, budget_currency = $5, exchange_date = $6::date, message = $7
         where id = $1 and author_id = $2 and drawn_at is null",
    )
    .bind(id)
    .bind(author)
    .bind(&valid.name)
    .bind(valid.budget.as_ref().map(|b| b.0))
    .bind(valid.budget.as_ref().map(|b| b.1.clone()))
    .bind(valid.exchange_date.as_deref())
    .bind(valid.message.as_deref())
    .execute(&mut *conn)
    .await
    .map_err(constraint_error)?;
    if changed.rows_affected() == 0 {
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
    let field = match &err {
        sqlx::Error::Database(db) => match db.constraint() {
            Some("draws_name_length") => Some(("name", "Enter a name of at most 120 characters.")),
            Some("draws_message_length") => Some(("message", "Use at most 2000 characters.")),
            Some("draw_participants_count") => {
                Some(("participants", "A draw needs 3 to 32 people."))
            }
            Some("draw_participants_draw_id_email_key") => Some((
                "participants",
                "Each person in a draw needs their own email.",
            )),
            Some("draw_participants_gift_preferences_length") => Some((
                "participants",
                "Gift preferences can have at most 10000 characters.",
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
