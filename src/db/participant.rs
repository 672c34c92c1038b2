//! What a participant reaches: the draws they are in, their match, their wish letter and the gift
//! ideas of their match. Every query runs in the participant's own transaction; the row-level
//! security policies decide, and the queries also name the user so nothing else reads as found.

use sqlx::{PgConnection, Row};
use uuid::Uuid;

use crate::domain::gift_ideas::{Budget, GiftIdea};

#[derive(Debug, Clone)]
pub struct JoinedDrawRow {
    pub id: Uuid,
    pub name: String,
    pub exchange_date: Option<String>,
    pub drawn: bool,
    pub viewed: bool,
    pub organizing: bool,
}

pub async fn joined_draws(
    conn: &mut PgConnection,
    user: Uuid,
) -> Result<Vec<JoinedDrawRow>, sqlx::Error> {
    let rows = sqlx::query(
        "select d.id, d.name, d.exchange_date::text as exchange_date, m.id is not null as drawn,
                m.viewed_at is not null as viewed, d.author_id = $1 as organizing
         from draw_participants p
         join draws d on d.id = p.draw_id
         left join matches m on m.giver_id = p.id
         where p.user_id = $1
         order by d.drawn_at desc nulls last, d.created_at desc, d.name",
    )
    .bind(user)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .iter()
        .map(|r| JoinedDrawRow {
            id: r.get("id"),
            name: r.get("name"),
            exchange_date: r.get("exchange_date"),
            drawn: r.get("drawn"),
            viewed: r.get("viewed"),
            organizing: r.get("organizing"),
        })
        .collect())
}

/// A draw as one of its participants sees it, without the match.
#[derive(Debug, Clone)]
pub struct MyDrawRow {
    pub name: String,
    pub organizer: Option<String>,
    pub budget: Option<Budget>,
    pub exchange_date: Option<String>,
    pub message: Option<String>,
    pub drawn: bool,
    pub viewed: bool,
    pub organizing: bool,
    pub my_wishes: String,
}

pub async fn my_draw(
    conn: &mut PgConnection,
    user: Uuid,
    draw: Uuid,
) -> Result<Option<MyDrawRow>, sqlx::Error> {
    let row = sqlx::query(
        "select d.name, app.draw_organizer(d.id) as organizer, d.budget_minor, d.budget_currency,
                d.exchange_date::text as exchange_date, d.message, m.id is not null as drawn,
                m.viewed_at is not null as viewed, d.author_id = $1 as organizing,
                p.gift_preferences
         from draw_participants p
         join draws d on d.id = p.draw_id
         left join matches m on m.giver_id = p.id
         where p.user_id = $1 and p.draw_id = $2",
    )
    .bind(user)
    .bind(draw)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| MyDrawRow {
        name: r.get("name"),
        organizer: r.get("organizer"),
        budget: budget(&r),
        exchange_date: r.get("exchange_date"),
        message: r.get("message"),
        drawn: r.get("drawn"),
        viewed: r.get("viewed"),
        organizing: r.get("organizing"),
        my_wishes: r.get("gift_preferences"),
    }))
}

fn budget(row: &sqlx::postgres::PgRow) -> Option<Budget> {
    let minor: Option<i64> = row.get("budget_minor");
    let currency: Option<String> = row.get("budget_currency");
    Some(Budget {
        minor: minor?,
        currency: currency.unwrap_or_default(),
    })
}

/// The giver's match in a draw: what gift ideas are made from.
#[derive(Debug, Clone)]
pub struct MatchRow {
    pub match_id: Uuid,
    pub name: String,
    pub surname: String,
    pub email: String,
    pub wishes: String,
    pub budget: Option<Budget>,
}

pub async fn my_match(
    conn: &mut PgConnection,
    user: Uuid,
    draw: Uuid,
) -> Result<Option<MatchRow>, sqlx::Error> {
    let row = sqlx::query(
        "select m.id as match_id, r.name, r.surname, r.email::text as email, r.gift_preferences,
                d.budget_minor, d.budget_currency
         from matches m
         join draw_participants g on g.id = m.giver_id
         join draw_participants r on r.id = m.recipient_id
         join draws d on d.id = m.draw_id
         where m.draw_id = $2 and g.user_id = $1",
    )
    .bind(user)
    .bind(draw)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| MatchRow {
        match_id: r.get("match_id"),
        name: r.get("name"),
        surname: r.get("surname"),
        email: r.get("email"),
        wishes: r.get("gift_preferences"),
        budget: budget(&r),
    }))
}

/// Marks the giver's match as opened (the first time only).
pub async fn mark_viewed(conn: &mut PgConnection, match_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query("update matches set viewed_at = now() where id = $1 and viewed_at is null")
        .bind(match_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Replaces the user's own wish letter in a draw; false when they are not in it.
pub async fn save_wishes(
    conn: &mut PgConnection,
    user: Uuid,
    draw: Uuid,
    wishes: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update draw_participants set gift_preferences = $3 where draw_id = $2 and user_id = $1",
    )
    .bind(user)
    .bind(draw)
    .bind(wishes)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The ideas cached for a match.
#[derive(Debug, Clone)]
pub struct CachedIdeas {
    pub ideas: Vec<GiftIdea>,
    pub source: String,
    pub model: String,
    pub made_at: String,
    pub input_digest: Option<Vec<u8>>,
    /// Seconds since they were made.
    pub age_secs: f64,
    /// When they were made, in microseconds: tells one set of ideas from the next.
    pub stamp: i64,
}

pub async fn cached_ideas(
    conn: &mut PgConnection,
    match_id: Uuid,
) -> Result<Option<CachedIdeas>, sqlx::Error> {
    let row = sqlx::query(
        "select data, source, model,
                to_char(created_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC' as made_at,
                input_digest, extract(epoch from now() - created_at)::float8 as age,
                (extract(epoch from created_at) * 1000000)::int8 as stamp
         from ai_suggestions where match_id = $1",
    )
    .bind(match_id)
    .fetch_optional(conn)
    .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    let data: serde_json::Value = r.get("data");
    let Ok(ideas) = serde_json::from_value::<Vec<GiftIdea>>(data) else {
        tracing::error!(%match_id, "cached gift ideas do not have the expected shape");
        return Ok(None);
    };
    Ok(Some(CachedIdeas {
        ideas,
        source: r.get("source"),
        model: r.get("model"),
        made_at: r.get("made_at"),
        input_digest: r.get("input_digest"),
        age_secs: r.get("age"),
        stamp: r.get("stamp"),
    }))
}

/// Caches a match's ideas: what they are, which model made them and where they came from
/// ("provider" or "offline"), for the wishes whose digest is `digest`.
pub async fn store_ideas(
    conn: &mut PgConnection,
    match_id: Uuid,
    ideas: &[crate::domain::gift_ideas::GiftIdea],
    model: &str,
    source: &str,
    digest: &[u8],
) -> Result<(), sqlx::Error> {
    let data = serde_json::to_value(ideas).unwrap_or(serde_json::Value::Null);
    sqlx::query(
        "insert into ai_suggestions (match_id, data, model, source, input_digest)
         values ($1, $2, $3, $4, $5)
         on conflict (match_id) do update
         set data = excluded.data, model = excluded.model, source = excluded.source,
             input_digest = excluded.input_digest, created_at = now()",
    )
    .bind(match_id)
    .bind(data)
    .bind(model)
    .bind(source)
    .bind(digest)
    .execute(conn)
    .await?;
    Ok(())
}

/// What trying to take a match's lease found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lease {
    /// This request holds it: it makes the upstream call.
    Taken,
    /// Another request holds it: wait for its ideas.
    Busy,
    /// Today's calls for this match are used up.
    CapReached,
}

/// Takes the match's lease for `bound_secs` (counting one upstream call for today) unless another
/// request holds it. Row-locked, so concurrent requests on any app instance agree.
pub async fn take_lease(
    conn: &mut PgConnection,
    match_id: Uuid,
    holder: Uuid,
    bound_secs: f64,
    daily_cap: i32,
) -> Result<Lease, sqlx::Error> {
    sqlx::query("insert into ai_requests (match_id) values ($1) on conflict (match_id) do nothing")
        .bind(match_id)
        .execute(&mut *conn)
        .await?;
    let row = sqlx::query(
        "select coalesce(lease_until > now(), false) as busy,
                case when day = current_date then calls_today else 0 end as calls
         from ai_requests where match_id = $1 for update",
    )
    .bind(match_id)
    .fetch_one(&mut *conn)
    .await?;
    if row.get::<bool, _>("busy") {
        return Ok(Lease::Busy);
    }
    if row.get::<i32, _>("calls") >= daily_cap {
        return Ok(Lease::CapReached);
    }
    sqlx::query(
        "update ai_requests
         set holder = $2, lease_until = now() + make_interval(secs => $3),
             calls_today = case when day = current_date then calls_today + 1 else 1 end,
             day = current_date
         where match_id = $1",
    )
    .bind(match_id)
    .bind(holder)
    .bind(bound_secs)
    .execute(conn)
    .await?;
    Ok(Lease::Taken)
}

pub async fn release_lease(
    conn: &mut PgConnection,
    match_id: Uuid,
    holder: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update ai_requests set holder = null, lease_until = null
         where match_id = $1 and holder = $2",
    )
    .bind(match_id)
    .bind(holder)
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether someone holds the match's lease now.
pub async fn lease_busy(conn: &mut PgConnection, match_id: Uuid) -> Result<bool, sqlx::Error> {
    let busy: Option<bool> = sqlx::query_scalar(
        "select coalesce(lease_until > now(), false) from ai_requests where match_id = $1",
    )
    .bind(match_id)
    .fetch_optional(conn)
    .await?;
    Ok(busy.unwrap_or(false))
}
