use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::domain::draw::DrawInput;
use crate::error::AppError;
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
        draw: row.input,
        mail: me.ctx.mailer.is_some(),
    })
}

/// Creates a draw (no id) or replaces an open one; one transaction either way. Returns the id.
#[server(prefix = "/api", endpoint = "save_draw", input = Json)]
pub async fn save_draw(id: Option<String>, draw: DrawInput) -> Result<String, AppError> {
    let me = caller().await?;
    let id = id.as_deref().map(parse_id).transpose()?;
    let valid = draw
        .validate_for(Some(&me.user.email))
        .map_err(AppError::Validation)?;
    let mut tx = me.begin().await?;
    let id = match id {
        None => draws::create(&mut tx, me.id(), &valid).await?,
        Some(id) => draws::update(&mut tx, me.id(), id, &valid)
            .await
            .map(|()| id)?,
    };
    // The participant count is checked when the transaction commits.
    tx.commit().await.map_err(draws::constraint_error)?;
    Ok(id.to_string())
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
