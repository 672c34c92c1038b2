//! The load benchmark's baseline: a minimal axum + sqlx server doing the same database work as
//! the app for three requests — the participant page (with its conversation since issue 17), the
//! dashboard and cached gift ideas — with
//! no Leptos, no session layer, no middleware: the session row read by its cookie, the user checked
//! as the app checks it, then the page's own queries through `db::as_user`, rendered as a bare
//! HTML string or JSON. The gap between the two is what the framework and the app's extras cost.
//!
//! Started by `bench/load.sh` against the app's own database:
//!   SANTA_DATA_DIR=… SANTA_PG_PORT=… BASELINE_ADDR=127.0.0.1:3100 cargo run --release --example baseline --features ssr

use std::str::FromStr;

use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use secret_santa::auth::session_store::HashedSessionStore;
use secret_santa::config::Config;
use secret_santa::db::{self, messages, participant};
use secret_santa::domain::gift_ideas::Budget;
use sqlx::PgPool;
use tower_sessions::session::Id;
use tower_sessions::SessionStore;
use uuid::Uuid;

#[derive(Clone)]
struct Baseline {
    pool: PgPool,
    store: HashedSessionStore,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The user of the request's session, checked like the app's middleware does.
async fn user(state: &Baseline, headers: &HeaderMap) -> Result<Uuid, StatusCode> {
    let id = headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix("santa_session="))
        .find_map(|v| Id::from_str(v).ok())
        .ok_or(StatusCode::UNAUTHORIZED)?;
    let record = state
        .store
        .load(&id)
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?
        .ok_or(StatusCode::UNAUTHORIZED)?;
    let auth = record.data.get("auth").ok_or(StatusCode::UNAUTHORIZED)?;
    let user_id: Uuid =
        serde_json::from_value(auth["user_id"].clone()).map_err(|_| StatusCode::UNAUTHORIZED)?;
    let version = auth["version"].as_i64().unwrap_or(-1);
    let mut tx = db::as_user(&state.pool, Some(user_id))
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    let row: Option<(String, String, i32)> =
        sqlx::query_as("select email::text, role::text, session_version from users where id = $1")
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    tx.commit()
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    match row {
        Some((_, _, v)) if i64::from(v) == version => Ok(user_id),
        _ => Err(StatusCode::UNAUTHORIZED),
    }
}

async fn match_page(
    State(state): State<Baseline>,
    Path(draw): Path<Uuid>,
    headers: HeaderMap,
) -> Result<Response, StatusCode> {
    let me = user(&state, &headers).await?;
    let mut tx = db::as_user(&state.pool, Some(me))
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    let row = participant::my_draw(&mut tx, me, draw)
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?
        .ok_or(StatusCode::NOT_FOUND)?;
    // Since issue 17 the page also shows the conversation with one's Secret Santa, read in the
    // same transaction: the unread counts, the conversation, its messages (as `my_page` does;
    // marking them read only when some are unread, which in the benchmark none are).
    let mut conversation = String::new();
    if row.draw.drawn {
        let (_from_santa, _replies) = messages::unread(&mut tx, draw)
            .await
            .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
        if let Some(id) = messages::conversation_id(&mut tx, draw, false)
            .await
            .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?
        {
            for m in messages::messages(&mut tx, id, false)
                .await
                .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?
            {
                conversation.push_str(&format!("<li>{}</li>", escape(&m.body)));
            }
        }
    }
    tx.commit()
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    Ok(Html(format!(
        "<!DOCTYPE html><html><head><title>{}</title></head><body><h1>{}</h1><p>{}</p><p>{}</p>\
         <ol>{conversation}</ol><textarea>{}</textarea></body></html>",
        escape(&row.draw.name),
        escape(&row.draw.name),
        escape(row.draw.organizer.as_deref().unwrap_or_default()),
        escape(
            &row.budget()
                .as_ref()
                .map(Budget::describe)
                .unwrap_or_default()
        ),
        escape(&row.draw.my_wishes)
    ))
    .into_response())
}

async fn dashboard(
    State(state): State<Baseline>,
    headers: HeaderMap,
) -> Result<Response, StatusCode> {
    let me = user(&state, &headers).await?;
    let mut tx = db::as_user(&state.pool, Some(me))
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    let joined = participant::joined_draws(&mut tx, me)
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    let authored = db::draws::list_authored(&mut tx, me)
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    tx.commit()
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    let mut html = String::from("<!DOCTYPE html><html><body><h1>Your draws</h1><ul>");
    for d in &joined {
        html.push_str(&format!(
            "<li><a href=\"/draws/{}/match\">{}</a></li>",
            d.id,
            escape(&d.name)
        ));
    }
    for d in &authored {
        html.push_str(&format!(
            "<li><a href=\"/draws/{}\">{}</a> {} people</li>",
            d.id,
            escape(&d.name),
            d.participants
        ));
    }
    html.push_str("</ul></body></html>");
    Ok(Html(html).into_response())
}

#[derive(serde::Deserialize)]
struct IdeasForm {
    id: Uuid,
}

async fn gift_ideas(
    State(state): State<Baseline>,
    headers: HeaderMap,
    Form(form): Form<IdeasForm>,
) -> Result<Response, StatusCode> {
    let me = user(&state, &headers).await?;
    let mut tx = db::as_user(&state.pool, Some(me))
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    let m = participant::my_match(&mut tx, me, form.id)
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?
        .ok_or(StatusCode::NOT_FOUND)?;
    let cached = participant::cached_ideas(&mut tx, m.match_id)
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?
        .ok_or(StatusCode::NOT_FOUND)?;
    tx.commit()
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    Ok(Json(serde_json::json!({
        "ideas": cached.ideas,
        "offline": cached.source == "offline",
        "made_at": cached.made_at,
    }))
    .into_response())
}

#[tokio::main]
async fn main() {
    let config = Config::from_env().expect("settings");
    let pool = db::connect(&config.database).await.expect("database");
    let state = Baseline {
        store: HashedSessionStore::new(pool.clone()),
        pool,
    };
    let app = Router::new()
        .route("/draws", get(dashboard))
        .route("/draws/{id}/match", get(match_page))
        .route("/api/gift_ideas", post(gift_ideas))
        .with_state(state);
    let addr = std::env::var("BASELINE_ADDR").unwrap_or_else(|_| "127.0.0.1:3100".into());
    let listener = tokio::net::TcpListener::bind(&addr).await.expect("bind");
    println!("baseline listening on http://{addr}");
    secret_santa::server::serve_on(listener, app, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .expect("serve");
}
