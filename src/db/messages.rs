//! The anonymous conversation of a match, as one of its two sides reaches it: the giver (their
//! own match) or the recipient (the match that gives to them), by draw. Row-level security lets
//! only those two read and write it; the queries never name a giver to the recipient.

use sqlx::PgConnection;
use uuid::Uuid;

/// The caller's conversation in `draw` on one side (`as_giver`), if they have one.
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
}

/// The whole conversation as `as_giver`'s side sees it, oldest first.
pub async fn messages(
    conn: &mut PgConnection,
    conversation: Uuid,
    as_giver: bool,
) -> Result<Vec<MessageRow>, sqlx::Error> {
    sqlx::query_as(
        "select from_giver, body, read_at is null and from_giver <> $2 as new,
                to_char(created_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC' as at,
                to_char(created_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') as at_iso
         from messages where match_id = $1 order by created_at, id",
    )
    .bind(conversation)
    .bind(as_giver)
    .fetch_all(conn)
    .await
}

/// Marks what the other side wrote as read by `as_giver`'s side.
pub async fn mark_read(
    conn: &mut PgConnection,
    conversation: Uuid,
    as_giver: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update messages set read_at = now()
         where match_id = $1 and from_giver = $2 and read_at is null",
    )
    .bind(conversation)
    .bind(!as_giver)
    .execute(conn)
    .await?;
    Ok(())
}

/// Unread messages for the caller in `draw`: (from their giver, from their recipient).
pub async fn unread(conn: &mut PgConnection, draw: Uuid) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "select count(*) filter (where from_giver and match_id in (select app.my_received_match_ids())),
                count(*) filter (where not from_giver and match_id in (select app.my_match_ids()))
         from messages where draw_id = $1 and read_at is null",
    )
    .bind(draw)
    .fetch_one(conn)
    .await
}

/// Today's messages of one side of a conversation (the daily limit), after waiting for any other
/// message of this conversation being written at the same moment.
pub async fn sent_today(
    conn: &mut PgConnection,
    conversation: Uuid,
    as_giver: bool,
) -> Result<i64, sqlx::Error> {
    sqlx::query("select pg_advisory_xact_lock(hashtextextended('message:' || $1::text, 0))")
        .bind(conversation)
        .execute(&mut *conn)
        .await?;
    sqlx::query_scalar(
        "select count(*) from messages
         where match_id = $1 and from_giver = $2 and created_at > now() - interval '1 day'",
    )
    .bind(conversation)
    .bind(as_giver)
    .fetch_one(conn)
    .await
}

pub async fn insert(
    conn: &mut PgConnection,
    draw: Uuid,
    conversation: Uuid,
    as_giver: bool,
    body: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into messages (match_id, draw_id, from_giver, body) values ($1, $2, $3, $4)",
    )
    .bind(conversation)
    .bind(draw)
    .bind(as_giver)
    .bind(body)
    .execute(conn)
    .await?;
    Ok(())
}

/// Whom to mail about the message just written (the other side), unless they were mailed about
/// this conversation within the hour or have no account: (address, first name, draw name).
pub async fn mail_due(
    conn: &mut PgConnection,
    conversation: Uuid,
    as_giver: bool,
) -> Result<Option<(String, String, String)>, sqlx::Error> {
    sqlx::query_as("select email, name, draw_name from app.message_mail_due($1, $2)")
        .bind(conversation)
        .bind(as_giver)
        .fetch_optional(conn)
        .await
}
