use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::domain::draw::DrawInput;
use crate::error::{AppError, FieldError};
#[cfg(feature = "ssr")]
use {
    super::ssr::{caller, parse_id},
    crate::db::draws,
};

/// One draw on the organizer's dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawSummary {
    pub id: String,
    pub name: String,
    pub created_on: String,
    pub exchange_date: Option<String>,
    pub drawn: bool,
    pub participants: i64,
}

/// A draw as its organizer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawView {
    pub id: String,
    pub created_on: String,
    pub drawn: bool,
    pub draw: DrawInput,
    /// Invitations go out by mail (then the organizer never sees a link).
    pub mail: bool,
    /// What the draw holds now, in a few characters: the editor sends it back with its save, and
    /// a save over a draw changed since (in another tab, on another device) is refused.
    pub version: String,
}

#[server(prefix = "/api", endpoint = "list_draws")]
pub async fn list_draws() -> Result<Vec<DrawSummary>, AppError> {
    let me = caller().await?;
    let mut tx = me.begin().await?;
    let rows = draws::list_authored(&mut tx, me.id()).await?;
    tx.commit().await?;
    Ok(rows.into_iter().map(DrawSummary::from).collect())
}

#[server(prefix = "/api", endpoint = "get_draw")]
pub async fn get_draw(id: String) -> Result<DrawView, AppError> {
    let me = caller().await?;
    let id = parse_id(&id)?;
    let mut tx = me.begin().await?;
    let row = draws::get_authored(&mut tx, me.id(), id).await?;
    tx.commit().await?;
    let row = row.ok_or(AppError::NotFound)?;
    Ok(DrawView {
        id: row.id.to_string(),
        created_on: row.created_on,
        drawn: row.drawn,
        version: version_of(&row.input),
        draw: row.input,
        mail: me.ctx.mailer.is_some(),
    })
}

/// The version of a draw's content as `draws::get_authored` reads it (the rules come in a fixed
/// order there): a hash of it.
#[cfg(feature = "ssr")]
fn version_of(draw: &DrawInput) -> String {
    use sha2::{Digest, Sha256};
    let json = serde_json::to_vec(draw).unwrap_or_default();
    Sha256::digest(json)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Creates a draw (no id) or replaces an open one; one transaction either way. Returns the id.
/// `version` is the draw's as the editor was given it (`DrawView::version`): when the draw has
/// changed since, nothing is saved and the organizer is told.
#[server(prefix = "/api", endpoint = "save_draw", input = Json)]
pub async fn save_draw(
    id: Option<String>,
    draw: DrawInput,
    version: Option<String>,
) -> Result<String, AppError> {
    let me = caller().await?;
    let id = id.as_deref().map(parse_id).transpose()?;
    let valid = draw
        .validate_for(Some(&me.user.email))
        .map_err(AppError::Validation)?;
    let mut tx = me.begin().await?;
    if let Some(passed) = passed_date(&mut tx, id, &draw.exchange_date).await? {
        return Err(AppError::Validation(vec![passed]));
    }
    let id = match id {
        None => draws::create(&mut tx, me.id(), &valid).await?,
        Some(id) => {
            if let Some(version) = version {
                // Taken before it is read, so that two saves of one version cannot both pass.
                draws::lock_authored(&mut tx, me.id(), id).await?;
                if changed_since(&mut tx, me.id(), id, &version).await? {
                    return Err(AppError::Validation(vec![changed_elsewhere()]));
                }
            }
            draws::update(&mut tx, me.id(), id, &valid)
                .await
                .map(|()| id)?
        }
    };
    // The participant count is checked when the transaction commits.
    tx.commit().await.map_err(draws::constraint_error)?;
    Ok(id.to_string())
}

/// The editor's check before it saves, and live once the organizer has first tried to: the field
/// errors `save_draw` would answer for `draw` (none: it would save), including, for draw `id`
/// opened at `version`, that it has changed since. Nothing is written.
#[server(prefix = "/api", endpoint = "check_draw", input = Json)]
pub async fn check_draw(
    draw: DrawInput,
    id: Option<String>,
    version: Option<String>,
) -> Result<Vec<FieldError>, AppError> {
    let me = caller().await?;
    let mut errors = draw
        .validate_for(Some(&me.user.email))
        .err()
        .unwrap_or_default();
    let id = id.as_deref().map(parse_id).transpose()?;
    let mut tx = me.begin().await?;
    errors.extend(passed_date(&mut tx, id, &draw.exchange_date).await?);
    if let (Some(id), Some(version)) = (id, version) {
        if changed_since(&mut tx, me.id(), id, &version).await? {
            errors.push(changed_elsewhere());
        }
    }
    tx.commit().await?;
    Ok(errors)
}

/// The refusal of an exchange date that has passed everywhere on Earth (before yesterday in UTC),
/// unless draw `id` has that date already (an old draw stays editable). Found by a new user: a
/// date in the past was taken without a word. A date that cannot be read is left to the
/// validation, which says so.
#[cfg(feature = "ssr")]
pub(crate) async fn passed_date(
    conn: &mut sqlx::PgConnection,
    id: Option<uuid::Uuid>,
    raw: &str,
) -> Result<Option<FieldError>, AppError> {
    let Some(date) = crate::domain::date::parse_date(raw)
        .ok()
        .filter(|_| !raw.trim().is_empty())
    else {
        return Ok(None);
    };
    let passed: bool = sqlx::query_scalar(
        "select $1::date < (now() at time zone 'UTC')::date - 1
                and $1::date is distinct from (select exchange_date from draws where id = $2)",
    )
    .bind(&date)
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(passed.then(|| {
        FieldError::new(
            "exchange_date",
            crate::tr!(crate::i18n::current(), "validation-date-passed"),
        )
    }))
}

/// Whether the author's draw `id` (if it is theirs and still open) holds something else than
/// `version` now.
#[cfg(feature = "ssr")]
async fn changed_since(
    conn: &mut sqlx::PgConnection,
    author: uuid::Uuid,
    id: uuid::Uuid,
    version: &str,
) -> Result<bool, AppError> {
    let now = draws::get_authored(conn, author, id).await?;
    Ok(now.is_some_and(|now| !now.drawn && version_of(&now.input) != version))
}

#[cfg(feature = "ssr")]
fn changed_elsewhere() -> FieldError {
    FieldError::new(
        "draw",
        crate::tr!(crate::i18n::current(), "validation-draw-changed-elsewhere"),
    )
}

#[server(prefix = "/api", endpoint = "delete_draw")]
pub async fn delete_draw(id: String) -> Result<(), AppError> {
    let me = caller().await?;
    let id = parse_id(&id)?;
    let mut tx = me.begin().await?;
    draws::delete(&mut tx, me.id(), id).await?;
    tx.commit().await?;
    leptos_axum::redirect("/draws");
    Ok(())
}

#[cfg(feature = "ssr")]
impl From<draws::DrawSummaryRow> for DrawSummary {
    fn from(r: draws::DrawSummaryRow) -> Self {
        DrawSummary {
            id: r.id.to_string(),
            name: r.name,
            created_on: r.created_on,
            exchange_date: r.exchange_date,
            drawn: r.drawn,
            participants: r.participants,
        }
    }
}
