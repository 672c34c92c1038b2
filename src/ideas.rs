//! Gift ideas for a match: the cached ones, or new ones from the provider. One request per match
//! talks to the provider at a time, across app instances (a lease row in PostgreSQL); the others
//! wait for its ideas. Used by the participant's server functions.
//!
//! A match keeps one set of ideas, in the language of the page that asked for them. Ideas in
//! another language are not served: to a page in another language they are as good as none, and
//! asking makes new ones in its language (counted against the daily cap, and held back by the
//! refresh cooldown like any other new ideas for the same wishes).

use uuid::Uuid;

use crate::context::AppContext;
use crate::db::{self, participant};
use crate::domain::gift_ideas::GiftIdeaList;
use crate::error::AppError;
use crate::i18n::Lang;

/// What the ideas were made from: the recipient's wishes and the draw's budget. Cached ideas with
/// another digest are shown as made for older wishes.
pub fn input_digest(m: &participant::MatchRow) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(m.wishes.as_bytes());
    hasher.update([0]);
    if let Some(b) = m.budget() {
        hasher.update(b.minor.to_be_bytes());
        hasher.update(b.currency.as_bytes());
    }
    hasher.finalize().to_vec()
}

/// The cached ideas are written in `lang` (ideas stored before languages were kept are in none).
pub fn in_language(cached: &participant::CachedIdeas, lang: Lang) -> bool {
    cached.language.as_deref() == Some(lang.code())
}

/// Cached ideas as the page shows them, for wishes whose digest is `digest` now.
pub fn view(cached: participant::CachedIdeas, digest: &[u8]) -> GiftIdeaList {
    GiftIdeaList {
        wishes_changed: cached.input_digest.as_deref() != Some(digest),
        offline: cached.source == "offline",
        made_at: cached.made_at,
        ideas: cached.ideas,
    }
}

/// The ideas of `user`'s match in `draw`: cached unless `refresh` (or none yet, or none in
/// `language`), then new ones in `language`, within the provider's cooldown and daily cap.
pub async fn fetch_or_generate(
    ctx: &AppContext,
    user: Uuid,
    draw: Uuid,
    refresh: bool,
    language: Lang,
) -> Result<GiftIdeaList, AppError> {
    let gifts = &ctx.gifts;
    let holder = Uuid::new_v4();
    let mut tx = db::as_user(&ctx.pool, Some(user)).await?;
    let Some(m) = participant::my_match(&mut tx, user, draw).await? else {
        return Err(AppError::NotFound);
    };
    let digest = input_digest(&m);
    let cached = participant::cached_ideas(&mut tx, m.match_id).await?;
    let before = cached.as_ref().map(|c| c.stamp);
    if let Some(c) = cached {
        if !refresh && in_language(&c, language) {
            tx.commit().await?;
            return Ok(view(c, &digest));
        }
        // New ideas for the same wishes wait out the cooldown, whatever language the last ones
        // are in: switching languages back and forth must not make one provider call each.
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
        gifts.bound().as_secs_f64() + 5.0,
        gifts.config().daily_cap,
    )
    .await?;
    tx.commit().await?;
    match lease {
        participant::Lease::CapReached => Err(AppError::DailyLimitReached),
        participant::Lease::Busy => {
            wait_for_ideas(ctx, user, m.match_id, before, &digest, language).await
        }
        participant::Lease::Taken => {
            // Finish (store, release) even if the browser goes away meanwhile.
            let task = tokio::spawn(generate(ctx.clone(), user, m, holder, digest, language));
            task.await.map_err(|_| AppError::Internal)?
        }
    }
}

/// Asks the provider (holding the lease), stores what it made and releases the lease.
async fn generate(
    ctx: AppContext,
    user: Uuid,
    m: participant::MatchRow,
    holder: Uuid,
    digest: Vec<u8>,
    language: Lang,
) -> Result<GiftIdeaList, AppError> {
    let generated = ctx
        .gifts
        .generate(&m.wishes, m.budget().as_ref(), language)
        .await;
    let mut tx = db::as_user(&ctx.pool, Some(user)).await?;
    if let Ok(g) = &generated {
        participant::store_ideas(
            &mut tx,
            m.match_id,
            &g.ideas,
            &g.model,
            g.source,
            &digest,
            language.code(),
        )
        .await?;
    }
    participant::release_lease(&mut tx, m.match_id, holder).await?;
    let stored = participant::cached_ideas(&mut tx, m.match_id).await?;
    tx.commit().await?;
    match generated {
        Ok(_) => stored.map(|c| view(c, &digest)).ok_or(AppError::Internal),
        Err(error) => {
            tracing::warn!(%error, "gift ideas: the provider failed");
            Err(AppError::GiftIdeasUnavailable)
        }
    }
}

/// Another request is asking the provider for this match: wait until it is done and return its
/// ideas (an error if it failed, or if it asked in another language than `language`: a new
/// request then asks in this one).
async fn wait_for_ideas(
    ctx: &AppContext,
    user: Uuid,
    match_id: Uuid,
    before: Option<i64>,
    digest: &[u8],
    language: Lang,
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
            Some(c) if Some(c.stamp) != before && in_language(&c, language) => Ok(view(c, digest)),
            _ => Err(AppError::GiftIdeasUnavailable),
        };
    }
}
