//! The anonymous conversation between a giver and the person they give to, as one of its two
//! sides reaches it. A conversation is named by its recipient's row: the giver's current
//! recipient, or the caller's own row on the recipient's side. Row-level security shows the giver
//! only their current pair's messages and the recipient all of theirs; no query here reads who the
//! giver of a message is (the app's role may not).

use sqlx::PgConnection;
use uuid::Uuid;

/// The recipient row of the caller's conversation in `draw` on one side (`as_giver`), if any.
pub async fn conversation_id(
    conn: &mut PgConnection,
    draw: Uuid,
    as_giver: bool,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar("select app.my_conversation($1, $2)")
        .bind(draw)
        .bind(as_giver)
        .fetch_one(conn)
        .await
}

/// One message as a side of the conversation sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MessageRow {
    pub from_giver: bool,
    pub body: String,
    /// "2026-12-01 18:05 UTC"
    pub at: String,
    /// ISO 8601, for `<time datetime>`.
    pub at_iso: String,
    /// Written by the other side and not read yet.
    pub new: bool,
    /// The day only: "27 November 2026", and "2026-11-27".
    pub day: String,
    pub day_iso: String,
}

/// The conversation as `as_giver`'s side sees it, oldest first.
pub async fn messages(
    conn: &mut PgConnection,
    recipient: Uuid,
    as_giver: bool,
) -> Result<Vec<MessageRow>, sqlx::Error> {
    sqlx::query_as(
        "select from_giver, body, read_at is null and from_giver <> $2 as new,
                to_char(created_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC' as at,
                to_char(created_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') as at_iso,
                to_char(created_at at time zone 'UTC', 'FMDD FMMonth YYYY') as day,
                to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day_iso
         from messages where recipient_id = $1 order by created_at, id",
    )
    .bind(recipient)
    .bind(as_giver)
    .fetch_all(conn)
    .await
}

/// Marks what the other side wrote as read by `as_giver`'s side.
pub async fn mark_read(
    conn: &mut PgConnection,
    recipient: Uuid,
    as_giver: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update messages set read_at = now()
         where recipient_id = $1 and from_giver = $2 and read_at is null",
    )
    .bind(recipient)
    .bind(!as_giver)
    .execute(conn)
    .await?;
    Ok(())
}

/// Unread messages for the caller in `draw`: (from their Secret Santa, from the person they give
/// to).
pub async fn unread(conn: &mut PgConnection, draw: Uuid) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "select count(*) filter (where from_giver and recipient_id in (select app.my_participant_ids())),
                count(*) filter (where not from_giver
                                   and recipient_id in (select recipient_id from app.my_pairs()))
         from messages where draw_id = $1 and read_at is null",
    )
    .bind(draw)
    .fetch_one(conn)
    .await
}

/// Today's messages of one side of a conversation (the daily limit), after waiting for any other
/// message to this recipient being written at the same moment.
pub async fn sent_today(
    conn: &mut PgConnection,
    recipient: Uuid,
    as_giver: bool,
) -> Result<i64, sqlx::Error> {
    sqlx::query("select pg_advisory_xact_lock(hashtextextended('message:' || $1::text, 0))")
        .bind(recipient)
        .execute(&mut *conn)
        .await?;
    sqlx::query_scalar(
        "select count(*) from messages
         where recipient_id = $1 and from_giver = $2 and created_at > now() - interval '1 day'",
    )
    .bind(recipient)
    .bind(as_giver)
    .fetch_one(conn)
    .await
}

/// Writes a message; the database adds the draw and the current giver.
pub async fn insert(
    conn: &mut PgConnection,
    recipient: Uuid,
    as_giver: bool,
    body: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("insert into messages (recipient_id, from_giver, body) values ($1, $2, $3)")
        .bind(recipient)
        .bind(as_giver)
        .bind(body)
        .execute(conn)
        .await?;
    Ok(())
}

/// Whom to mail about the message just written (the other side), unless they were mailed about
/// this pair within the hour or have no account: (address, first name, draw name, the language
/// of their mail — their account's choice, else the draw's).
pub async fn mail_due(
    conn: &mut PgConnection,
    draw: Uuid,
    as_giver: bool,
) -> Result<Option<(String, String, String, String)>, sqlx::Error> {
    sqlx::query_as("select email, name, draw_name, language from app.message_mail_due($1, $2)")
        .bind(draw)
        .bind(as_giver)
        .fetch_optional(conn)
        .await
}
