//! What participants call: the draws they are in, revealing their match, their wish letter, and
//! gift ideas for the person they give to.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::domain::gift_ideas::Budget;
use crate::domain::gift_ideas::GiftIdea;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::ssr::{context, parse_id, require_user, respond},
    crate::db::{self, participant},
    uuid::Uuid,
};

/// A draw on the participant's side of the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinedDraw {
    pub id: String,
    pub name: String,
    pub exchange_date: Option<String>,
    /// The draw has run, so there is a match to reveal.
    pub drawn: bool,
    pub viewed: bool,
    pub organizing: bool,
}

/// A draw as one of its participants sees it before revealing the match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyDrawView {
    pub id: String,
    pub name: String,
    pub organizer: Option<String>,
    pub budget: Option<String>,
    pub exchange_date: Option<String>,
    pub message: Option<String>,
    pub drawn: bool,
    pub viewed: bool,
    pub organizing: bool,
    pub my_wishes: String,
}

/// Gift ideas for a match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GiftIdeaList {
    pub ideas: Vec<GiftIdea>,
    /// Made by the built-in offline provider, not by an AI model.
    pub offline: bool,
    pub made_at: String,
    /// The recipient's wishes or the budget changed since these were made.
    pub wishes_changed: bool,
}

/// The person I give to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reveal {
    pub name: String,
    pub surname: String,
    pub email: String,
    pub wishes: String,
    /// Ideas made earlier, shown at once.
    pub ideas: Option<GiftIdeaList>,
}

#[cfg(feature = "ssr")]
fn input_digest(m: &participant::MatchRow) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(m.wishes.as_bytes());
    hasher.update([0]);
    if let Some(b) = &m.budget {
        hasher.update(b.minor.to_be_bytes());
        hasher.update(b.currency.as_bytes());
    }
    hasher.finalize().to_vec()
}

#[cfg(feature = "ssr")]
fn to_view(cached: participant::CachedIdeas, digest: &[u8]) -> GiftIdeaList {
    GiftIdeaList {
        wishes_changed: cached.input_digest.as_deref() != Some(digest),
        offline: cached.source == "offline",
        made_at: cached.made_at,
        ideas: cached.ideas,
    }
}

#[server(prefix = "/api", endpoint = "my_draws")]
pub async fn my_draws() -> Result<Vec<JoinedDraw>, AppError> {
    respond(
        async move {
            let ctx = context()?;
            let user = require_user().await?;
            let mut tx = db::as_user(&ctx.pool, Some(user.id)).await?;
            let rows = participant::joined_draws(&mut tx, user.id).await?;
            tx.commit().await?;
            Ok(rows
                .into_iter()
                .map(|r| JoinedDraw {
                    id: r.id.to_string(),
                    name: r.name,
                    exchange_date: r.exchange_date,
                    drawn: r.drawn,
                    viewed: r.viewed,
                    organizing: r.organizing,
                })
                .collect())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "my_draw")]
pub async fn my_draw(id: String) -> Result<MyDrawView, AppError> {
    respond(
        async move {
            let ctx = context()?;
            let user = require_user().await?;
            let draw = parse_id(&id)?;
            let mut tx = db::as_user(&ctx.pool, Some(user.id)).await?;
            let row = participant::my_draw(&mut tx, user.id, draw).await?;
            tx.commit().await?;
            let row = row.ok_or(AppError::NotFound)?;
            Ok(MyDrawView {
                id: draw.to_string(),
                name: row.name,
                organizer: row.organizer,
                budget: row.budget.as_ref().map(Budget::describe),
                exchange_date: row.exchange_date,
                message: row.message.filter(|m| !m.is_empty()),
                drawn: row.drawn,
                viewed: row.viewed,
                organizing: row.organizing,
                my_wishes: row.my_wishes,
            })
        }
        .await,
    )
}

/// Shows the giver their match and marks it viewed, in one transaction.
#[server(prefix = "/api", endpoint = "reveal_match")]
pub async fn reveal_match(id: String) -> Result<Reveal, AppError> {
    respond(
        async move {
            let ctx = context()?;
            let user = require_user().await?;
            let draw = parse_id(&id)?;
            let mut tx = db::as_user(&ctx.pool, Some(user.id)).await?;
            let Some(m) = participant::my_match(&mut tx, user.id, draw).await? else {
                return Err(AppError::NotFound);
            };
            participant::mark_viewed(&mut tx, m.match_id).await?;
            let digest = input_digest(&m);
            let ideas = participant::cached_ideas(&mut tx, m.match_id)
                .await?
                .map(|c| to_view(c, &digest));
            tx.commit().await?;
            Ok(Reveal {
                name: m.name,
                surname: m.surname,
                email: m.email,
                wishes: m.wishes,
                ideas,
            })
        }
        .await,
    )
}

/// Replaces my own wish letter in a draw I take part in.
#[server(prefix = "/api", endpoint = "save_wishes")]
pub async fn save_wishes(id: String, gift_preferences: String) -> Result<(), AppError> {
    respond(
        async move {
            use crate::error::FieldError;
            let ctx = context()?;
            let user = require_user().await?;
            let draw = parse_id(&id)?;
            let wishes = crate::domain::GiftPreferences::parse(&gift_preferences)
                .map_err(|e| AppError::Validation(vec![FieldError::new("gift_preferences", e)]))?;
            let mut tx = db::as_user(&ctx.pool, Some(user.id)).await?;
            let found = participant::save_wishes(&mut tx, user.id, draw, wishes.as_str()).await?;
            if !found {
                return Err(AppError::NotFound);
            }
            tx.commit().await?;
            Ok(())
        }
        .await,
    )
}

/// Gift ideas for the person I give to: the cached ones, or new ones (`refresh`, or none yet).
/// One request per match talks to the provider at a time, across app instances; the others wait
/// for its ideas.
#[server(prefix = "/api", endpoint = "gift_ideas")]
pub async fn gift_ideas(id: String, refresh: bool) -> Result<GiftIdeaList, AppError> {
    respond(
        async move {
            let ctx = context()?;
            let user = require_user().await?;
            let draw = parse_id(&id)?;
            let language = crate::domain::gift_ideas::language_from_header(
                use_context::<axum::http::request::Parts>()
                    .and_then(|p| {
                        p.headers
                            .get(axum::http::header::ACCEPT_LANGUAGE)
                            .and_then(|v| v.to_str().ok().map(str::to_string))
                    })
                    .as_deref(),
            );
            fetch_or_generate(&ctx, user.id, draw, refresh, language).await
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
async fn fetch_or_generate(
    ctx: &crate::context::AppContext,
    user: Uuid,
    draw: Uuid,
    refresh: bool,
    language: &'static str,
) -> Result<GiftIdeaList, AppError> {
    let gifts = &ctx.gifts;
    let holder = Uuid::new_v4();
    let bound = gifts.bound();
    let mut tx = db::as_user(&ctx.pool, Some(user)).await?;
    let Some(m) = participant::my_match(&mut tx, user, draw).await? else {
        return Err(AppError::NotFound);
    };
    let digest = input_digest(&m);
    let cached = participant::cached_ideas(&mut tx, m.match_id).await?;
    let before = cached.as_ref().map(|c| c.stamp);
    if let Some(c) = cached {
        if !refresh {
            tx.commit().await?;
            return Ok(to_view(c, &digest));
        }
        let current = c.input_digest.as_deref() == Some(digest.as_slice());
        let cooldown = gifts.config().refresh_cooldown.as_secs_f64();
        if current && c.age_secs < cooldown {
            return Err(AppError::RefreshTooSoon {
                retry_after_secs: (cooldown - c.age_secs).ceil().max(1.0) as u32,
            });
        }
    }
    let lease = participant::take_lease(
        &mut tx,
        m.match_id,
        holder,
        // The lease outlives the bound a little: the holder stores before it lapses.
        bound.as_secs_f64() + 5.0,
        gifts.config().daily_cap,
    )
    .await?;
    tx.commit().await?;
    match lease {
        participant::Lease::CapReached => Err(AppError::DailyLimitReached),
        participant::Lease::Busy => wait_for_ideas(ctx, user, m.match_id, before, &digest).await,
        participant::Lease::Taken => {
            // Finish (store, release) even if the browser goes away meanwhile.
            let task_ctx = ctx.clone();
            let task_digest = digest.clone();
            let task = tokio::spawn(async move {
                let ctx = task_ctx;
                let generated = ctx
                    .gifts
                    .generate(&m.wishes, m.budget.as_ref(), language)
                    .await;
                let mut tx = db::as_user(&ctx.pool, Some(user)).await?;
                if let Ok(g) = &generated {
                    participant::store_ideas(
                        &mut tx,
                        m.match_id,
                        &g.ideas,
                        &g.model,
                        g.source,
                        &task_digest,
                    )
                    .await?;
                }
                participant::release_lease(&mut tx, m.match_id, holder).await?;
                let stored = participant::cached_ideas(&mut tx, m.match_id).await?;
                tx.commit().await?;
                match generated {
                    Ok(_) => stored
                        .map(|c| to_view(c, &task_digest))
                        .ok_or(AppError::Internal),
                    Err(error) => {
                        tracing::warn!(%error, "gift ideas: the provider failed");
                        Err(AppError::GiftIdeasUnavailable)
                    }
                }
            });
            task.await.map_err(|_| AppError::Internal)?
        }
    }
}

/// Another request is asking the provider for this match: wait until it is done and return its
/// ideas (an error if it failed).
#[cfg(feature = "ssr")]
async fn wait_for_ideas(
    ctx: &crate::context::AppContext,
    user: Uuid,
    match_id: Uuid,
    before: Option<i64>,
    digest: &[u8],
) -> Result<GiftIdeaList, AppError> {
    let deadline =
        tokio::time::Instant::now() + ctx.gifts.bound() + std::time::Duration::from_secs(6);
    loop {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let mut tx = db::as_user(&ctx.pool, Some(user)).await?;
        let busy = participant::lease_busy(&mut tx, match_id).await?;
        if busy && tokio::time::Instant::now() < deadline {
            tx.commit().await?;
            continue;
        }
        let cached = participant::cached_ideas(&mut tx, match_id).await?;
        tx.commit().await?;
        return match cached {
            Some(c) if Some(c.stamp) != before => Ok(to_view(c, digest)),
            _ => Err(AppError::GiftIdeasUnavailable),
        };
    }
}
