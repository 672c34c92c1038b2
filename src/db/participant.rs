//! What a participant reaches: the draws they are in, their match, their wish letter and the gift
//! ideas of their match. Every query runs in the participant's own transaction; the row-level
//! security policies decide, and the queries also name the user so nothing else reads as found.

use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::gift_ideas::{Budget, GiftIdea};
use crate::domain::views::ParticipantDraw;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JoinedDrawRow {
    pub id: Uuid,
    pub name: String,
    pub exchange_date: Option<String>,
    pub drawn: bool,
    /// The giver has opened their current match.
    pub viewed: bool,
    /// Their match changed after the draw and they have not opened the new one yet.
    pub changed: bool,
    /// Messages to them in this draw they have not read (from either side).
    pub unread: i64,
    pub organizing: bool,
}

pub async fn joined_draws(
    conn: &mut PgConnection,
    user: Uuid,
) -> Result<Vec<JoinedDrawRow>, sqlx::Error> {
    sqlx::query_as(
        "select d.id, d.name, d.exchange_date::text as exchange_date, m.id is not null as drawn,
                coalesce((m.viewed_at is not null and (m.changed_at is null or m.seen_at is not null)), false) as viewed,
                coalesce(m.changed_at is not null and m.seen_at is null
                         and m.viewed_at is not null, false) as changed,
                (select count(*) from messages msg
                 where msg.draw_id = d.id and msg.read_at is null
                   and ((msg.from_giver and msg.recipient_id = p.id)
                        or (not msg.from_giver and msg.recipient_id = m.recipient_id)))
                  as unread,
                d.author_id = $1 as organizing
         from draw_participants p
         join draws d on d.id = p.draw_id
         left join matches m on m.giver_id = p.id
         where p.user_id = $1
         order by d.drawn_at desc nulls last, d.created_at desc, d.name",
    )
    .bind(user)
    .fetch_all(conn)
    .await
}

/// A draw's budget columns, read with the row they belong to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BudgetColumns {
    pub budget_minor: Option<i64>,
    pub budget_currency: Option<String>,
}

impl BudgetColumns {
    pub fn budget(&self) -> Option<Budget> {
        Some(Budget {
            minor: self.budget_minor?,
            currency: self.budget_currency.clone().unwrap_or_default(),
        })
    }
}

/// A draw as one of its participants sees it, without the match.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MyDrawRow {
    #[sqlx(flatten)]
    pub draw: ParticipantDraw,
    #[sqlx(flatten)]
    pub budget: BudgetColumns,
}

impl MyDrawRow {
    pub fn budget(&self) -> Option<Budget> {
        self.budget.budget()
    }
}

pub async fn my_draw(
    conn: &mut PgConnection,
    user: Uuid,
    draw: Uuid,
) -> Result<Option<MyDrawRow>, sqlx::Error> {
    sqlx::query_as(
        "select d.name, app.draw_organizer(d.id) as organizer, d.budget_minor, d.budget_currency,
                d.exchange_date::text as exchange_date, d.message, m.id is not null as drawn,
                coalesce((m.viewed_at is not null and (m.changed_at is null or m.seen_at is not null)), false) as viewed,
                case when m.viewed_at is not null
                     then to_char(m.changed_at at time zone 'UTC', 'YYYY-MM-DD') end as changed_on,
                d.author_id = $1 as organizing,
                p.gift_preferences as my_wishes
         from draw_participants p
         join draws d on d.id = p.draw_id
         left join matches m on m.giver_id = p.id
         where p.user_id = $1 and p.draw_id = $2",
    )
    .bind(user)
    .bind(draw)
    .fetch_optional(conn)
    .await
}

/// The giver's match in a draw: what gift ideas are made from.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MatchRow {
    pub match_id: Uuid,
    pub name: String,
    pub surname: String,
    pub email: String,
    pub wishes: String,
    #[sqlx(flatten)]
    pub budget: BudgetColumns,
}

impl MatchRow {
    pub fn budget(&self) -> Option<Budget> {
        self.budget.budget()
    }
}

pub async fn my_match(
    conn: &mut PgConnection,
    user: Uuid,
    draw: Uuid,
) -> Result<Option<MatchRow>, sqlx::Error> {
    sqlx::query_as(
        "select m.id as match_id, r.name, r.surname, r.email::text as email,
                r.gift_preferences as wishes, d.budget_minor, d.budget_currency
         from matches m
         join draw_participants g on g.id = m.giver_id
         join draw_participants r on r.id = m.recipient_id
         join draws d on d.id = m.draw_id
         where m.draw_id = $2 and g.user_id = $1",
    )
    .bind(user)
    .bind(draw)
    .fetch_optional(conn)
    .await
}

/// Marks the giver's match as opened: `viewed_at` the first time they open any match of the
/// draw (what the organizer's status shows, kept across a change), `seen_at` the first time they
/// open this one.
pub async fn mark_viewed(conn: &mut PgConnection, match_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update matches set viewed_at = coalesce(viewed_at, now()), seen_at = coalesce(seen_at, now())
         where id = $1 and (viewed_at is null or seen_at is null)",
    )
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
    /// The language they are written in ("en", "pl"); None for ideas made before it was kept.
    pub language: Option<String>,
    /// Seconds since they were made.
    pub age_secs: f64,
    /// When they were made, in microseconds: tells one set of ideas from the next.
    pub stamp: i64,
}

pub async fn cached_ideas(
    conn: &mut PgConnection,
    match_id: Uuid,
) -> Result<Option<CachedIdeas>, sqlx::Error> {
    let row: Option<CachedRow> = sqlx::query_as(
        "select data, source, model,
                to_char(created_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC' as made_at,
                input_digest, language,
                extract(epoch from now() - created_at)::float8 as age_secs,
                (extract(epoch from created_at) * 1000000)::int8 as stamp
         from ai_suggestions where match_id = $1",
    )
    .bind(match_id)
    .fetch_optional(conn)
    .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    let Ok(ideas) = serde_json::from_value::<Vec<GiftIdea>>(r.data) else {
        tracing::error!(%match_id, "cached gift ideas do not have the expected shape");
        return Ok(None);
    };
    Ok(Some(CachedIdeas {
        ideas,
        source: r.source,
        model: r.model,
        made_at: r.made_at,
        input_digest: r.input_digest,
        language: r.language,
        age_secs: r.age_secs,
        stamp: r.stamp,
    }))
}

/// A cached row as stored: the ideas are checked for their shape before use.
#[derive(sqlx::FromRow)]
struct CachedRow {
    data: serde_json::Value,
    source: String,
    model: String,
    made_at: String,
    input_digest: Option<Vec<u8>>,
    language: Option<String>,
    age_secs: f64,
    stamp: i64,
}

/// Caches a match's ideas: what they are, which model made them and where they came from
/// ("provider" or "offline"), for the wishes whose digest is `digest`, in `language` ("en",
/// "pl"). A match keeps one set: ideas in another language replace it.
pub async fn store_ideas(
    conn: &mut PgConnection,
    match_id: Uuid,
    ideas: &[GiftIdea],
    model: &str,
    source: &str,
    digest: &[u8],
    language: &str,
) -> Result<(), sqlx::Error> {
    let data = serde_json::to_value(ideas).unwrap_or(serde_json::Value::Null);
    sqlx::query(
        "insert into ai_suggestions (match_id, data, model, source, input_digest, language)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (match_id) do update
         set data = excluded.data, model = excluded.model, source = excluded.source,
             input_digest = excluded.input_digest, language = excluded.language,
             created_at = now()",
    )
    .bind(match_id)
    .bind(data)
    .bind(model)
    .bind(source)
    .bind(digest)
    .bind(language)
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
    let (busy, calls): (bool, i32) = sqlx::query_as(
        "select coalesce(lease_until > now(), false),
                case when day = current_date then calls_today else 0 end
         from ai_requests where match_id = $1 for update",
    )
    .bind(match_id)
    .fetch_one(&mut *conn)
    .await?;
    if busy {
        return Ok(Lease::Busy);
    }
    if calls >= daily_cap {
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
