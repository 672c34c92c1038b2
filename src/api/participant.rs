//! What participants call: the draws they are in, revealing their match, their wish letter, and
//! gift ideas for the person they give to.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::domain::gift_ideas::GiftIdeaList;
use crate::domain::views::ParticipantDraw;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::ssr::{after_form_post, caller, parse_id},
    crate::db::participant,
    crate::domain::GiftPreferences,
    crate::error::FieldError,
    crate::ideas,
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
    /// Their match changed after the draw and they have not opened the new one yet.
    pub changed: bool,
    /// Messages to them in this draw they have not read (from either side).
    pub unread: i64,
    pub organizing: bool,
}

/// A draw as one of its participants sees it before revealing the match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyDrawView {
    pub id: String,
    /// The budget as the page's language writes money ("€25.00", "25,00 €").
    pub budget: Option<String>,
    pub draw: ParticipantDraw,
    /// Unread messages from my Secret Santa, and from the person I give to.
    pub unread_from_santa: i64,
    pub unread_replies: i64,
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

#[server(prefix = "/api", endpoint = "my_draws")]
pub async fn my_draws() -> Result<Vec<JoinedDraw>, AppError> {
    let me = caller().await?;
    let mut tx = me.begin().await?;
    let rows = participant::joined_draws(&mut tx, me.id()).await?;
    tx.commit().await?;
    Ok(rows.into_iter().map(JoinedDraw::from).collect())
}

/// Everything "My draws" shows: the draws the caller takes part in and the draws they organize,
/// read in one transaction (one snapshot, one round of BEGIN/COMMIT for the page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardLists {
    pub joined: Vec<JoinedDraw>,
    pub authored: Vec<crate::api::draws::DrawSummary>,
}

/// The dashboard's lists for `user`. Its page's handler reads them before the page renders
/// (`server::pages`), so the page renders in one pass.
#[cfg(feature = "ssr")]
pub async fn dashboard_lists(
    ctx: &crate::context::AppContext,
    user: uuid::Uuid,
) -> Result<DashboardLists, AppError> {
    let mut tx = crate::db::as_user(&ctx.pool, Some(user)).await?;
    let joined = participant::joined_draws(&mut tx, user).await?;
    let authored = crate::db::draws::list_authored(&mut tx, user).await?;
    tx.commit().await?;
    Ok(DashboardLists {
        joined: joined.into_iter().map(JoinedDraw::from).collect(),
        authored: authored
            .into_iter()
            .map(crate::api::draws::DrawSummary::from)
            .collect(),
    })
}

/// The dashboard's lists as the page's handler read them, for the page to show (server side).
#[derive(Debug, Clone)]
pub struct LoadedDashboard(pub Result<DashboardLists, AppError>);

#[server(prefix = "/api", endpoint = "my_draw")]
pub async fn my_draw(id: String) -> Result<MyDrawView, AppError> {
    let me = caller().await?;
    let id = parse_id(&id)?;
    let mut tx = me.begin().await?;
    let view = my_draw_in(&mut tx, me.id(), id).await?;
    tx.commit().await?;
    Ok(view)
}

#[cfg(feature = "ssr")]
async fn my_draw_in(
    tx: &mut sqlx::PgConnection,
    me: uuid::Uuid,
    id: uuid::Uuid,
) -> Result<MyDrawView, AppError> {
    let row = participant::my_draw(tx, me, id).await?;
    let (unread_from_santa, unread_replies) = if row.as_ref().is_some_and(|r| r.draw.drawn) {
        crate::db::messages::unread(tx, id).await?
    } else {
        (0, 0)
    };
    let row = row.ok_or(AppError::NotFound)?;
    let budget = row
        .budget()
        .map(|b| crate::i18n::format_money(crate::i18n::current(), b.minor, &b.currency));
    let mut draw = row.draw;
    draw.message = draw.message.filter(|m| !m.is_empty());
    Ok(MyDrawView {
        id: id.to_string(),
        budget,
        draw,
        unread_from_santa,
        unread_replies,
    })
}

/// Everything a participant's page shows, read in one transaction: the draw, the match when it is
/// open (`shown`, after a reveal), and the conversations — with my Secret Santa once drawn, with
/// the person I give to only while my match is open (it names them). Showing them marks them read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantPage {
    pub view: MyDrawView,
    pub open: Option<Reveal>,
    pub from_santa: Option<crate::api::messages::ConversationView>,
    pub with_recipient: Option<crate::api::messages::ConversationView>,
}

#[server(prefix = "/api", endpoint = "my_page")]
pub async fn my_page(id: String, shown: bool) -> Result<ParticipantPage, AppError> {
    let me = caller().await?;
    participant_page(&me.ctx, me.id(), &id, shown).await
}

/// What `user`'s page for draw `id` shows ([`my_page`]). The page's handler reads it before the
/// page renders (`server::pages`), so the page renders in one pass.
#[cfg(feature = "ssr")]
pub async fn participant_page(
    ctx: &crate::context::AppContext,
    user: uuid::Uuid,
    id: &str,
    shown: bool,
) -> Result<ParticipantPage, AppError> {
    use crate::api::messages::conversation_in;
    let draw = parse_id(id)?;
    let mut tx = crate::db::as_user(&ctx.pool, Some(user)).await?;
    let view = my_draw_in(&mut tx, user, draw).await?;
    // Only once it is marked seen, so a link to `?shown=1` alone opens nothing.
    let open = if shown && view.draw.viewed {
        reveal_in(&mut tx, user, draw).await?
    } else {
        None
    };
    let from_santa = if view.draw.drawn {
        let unread = view.unread_from_santa > 0;
        conversation_in(&mut tx, draw, false, None, unread)
            .await
            .ok()
    } else {
        None
    };
    let with_recipient = if open.is_some() {
        let unread = view.unread_replies > 0;
        conversation_in(&mut tx, draw, true, None, unread)
            .await
            .ok()
    } else {
        None
    };
    tx.commit().await?;
    Ok(ParticipantPage {
        view,
        open,
        from_santa,
        with_recipient,
    })
}

/// A participant's page as its handler read it, for the page to show (server side).
#[derive(Debug, Clone)]
pub struct LoadedParticipantPage(pub Result<ParticipantPage, AppError>);

/// Shows the giver their match and marks it viewed, in one transaction.
#[server(prefix = "/api", endpoint = "reveal_match")]
pub async fn reveal_match(id: String) -> Result<Reveal, AppError> {
    let me = caller().await?;
    let draw = parse_id(&id)?;
    let mut tx = me.begin().await?;
    let reveal = reveal_in(&mut tx, me.id(), draw)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    after_form_post(&format!("/draws/{draw}/match?shown=1#match-title"));
    Ok(reveal)
}

/// The caller's match in `draw`, marked viewed (None: they have none).
#[cfg(feature = "ssr")]
async fn reveal_in(
    tx: &mut sqlx::PgConnection,
    me: uuid::Uuid,
    draw: uuid::Uuid,
) -> Result<Option<Reveal>, AppError> {
    let Some(m) = participant::my_match(tx, me, draw).await? else {
        return Ok(None);
    };
    participant::mark_viewed(tx, m.match_id).await?;
    let digest = ideas::input_digest(&m);
    // Ideas cached in another language than the page's are not shown: asking for ideas makes
    // them anew in this one.
    let cached = participant::cached_ideas(tx, m.match_id)
        .await?
        .filter(|c| ideas::in_language(c, crate::i18n::current()));
    Ok(Some(Reveal {
        name: m.name,
        surname: m.surname,
        email: m.email,
        wishes: m.wishes,
        ideas: cached.map(|c| ideas::view(c, &digest)),
    }))
}

/// Replaces my own wish letter in a draw I take part in.
#[server(prefix = "/api", endpoint = "save_wishes")]
pub async fn save_wishes(id: String, gift_preferences: String) -> Result<(), AppError> {
    let me = caller().await?;
    let draw = parse_id(&id)?;
    let wishes = GiftPreferences::parse(&gift_preferences)
        .map_err(|e| AppError::Validation(vec![FieldError::new("gift_preferences", e)]))?;
    let mut tx = me.begin().await?;
    if !participant::save_wishes(&mut tx, me.id(), draw, wishes.as_str()).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    // The match stays open if it was.
    let shown = if came_from_open_match(draw) {
        "&shown=1"
    } else {
        ""
    };
    after_form_post(&format!("/draws/{draw}/match?saved=1{shown}#wishes-title"));
    Ok(())
}

/// Gift ideas for the person I give to: the cached ones, or new ones (`refresh`, or none yet, or
/// none in this language), in the language of the page (the request's).
#[server(prefix = "/api", endpoint = "gift_ideas")]
pub async fn gift_ideas(id: String, refresh: bool) -> Result<GiftIdeaList, AppError> {
    let me = caller().await?;
    let draw = parse_id(&id)?;
    let language = crate::i18n::current();
    let list = ideas::fetch_or_generate(&me.ctx, me.id(), draw, refresh, language).await?;
    after_form_post(&format!(
        "/draws/{draw}/match?shown=1&focus=ideas#ideas-title"
    ));
    Ok(list)
}

/// The post came from this draw's participant page with the match open (`?shown=1`). (Whether
/// the match opens is still decided by the page, from what the caller has revealed.)
#[cfg(feature = "ssr")]
pub(crate) fn came_from_open_match(draw: uuid::Uuid) -> bool {
    with_context::<axum::http::request::Parts, _>(|parts| {
        parts
            .headers
            .get(axum::http::header::REFERER)
            .and_then(|v| v.to_str().ok())
            .and_then(|r| url::Url::parse(r).ok())
            .is_some_and(|r| {
                r.path() == format!("/draws/{draw}/match")
                    && r.query_pairs().any(|(k, v)| k == "shown" && v == "1")
            })
    })
    .unwrap_or(false)
}

#[cfg(feature = "ssr")]
impl From<participant::JoinedDrawRow> for JoinedDraw {
    fn from(r: participant::JoinedDrawRow) -> Self {
        JoinedDraw {
            id: r.id.to_string(),
            name: r.name,
            exchange_date: r.exchange_date,
            drawn: r.drawn,
            viewed: r.viewed,
            changed: r.changed,
            unread: r.unread,
            organizing: r.organizing,
        }
    }
}
