//! The session store: sessions live in PostgreSQL (so every app instance shares them), stored by
//! the SHA-256 of their id. The app role reaches them only through `app.session_*` functions,
//! one id at a time, so neither a leaked table nor the app role's password yields a cookie that
//! works. The id itself is never written anywhere on the server.

use async_trait::async_trait;
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

use crate::db::sessions;

#[derive(Debug, Clone)]
pub struct HashedSessionStore {
    pool: PgPool,
}

impl HashedSessionStore {
    pub fn new(pool: PgPool) -> Self {
        HashedSessionStore { pool }
    }
}

/// What the table keys a session by: the SHA-256 of the id as the cookie carries it.
pub fn id_hash(id: &Id) -> Vec<u8> {
    Sha256::digest(id.to_string().as_bytes()).to_vec()
}

fn backend(err: sqlx::Error) -> session_store::Error {
    session_store::Error::Backend(err.to_string())
}

fn encode(record: &Record) -> session_store::Result<Vec<u8>> {
    rmp_serde::to_vec(&record.data).map_err(|e| session_store::Error::Encode(e.to_string()))
}

/// Seconds since the epoch with their fraction (PostgreSQL keeps microseconds): a session's
/// expiry must not move by rounding.
fn unix_seconds(at: OffsetDateTime) -> f64 {
    at.unix_timestamp_nanos() as f64 / 1e9
}

#[async_trait]
impl SessionStore for HashedSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let data = encode(record)?;
        loop {
            let created = sessions::create(
                &self.pool,
                &id_hash(&record.id),
                &data,
                unix_seconds(record.expiry_date),
            )
            .await
            .map_err(backend)?;
            if created {
                return Ok(());
            }
            // A 128-bit collision: practically never, but never share a session either.
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        sessions::save(
            &self.pool,
            &id_hash(&record.id),
            &encode(record)?,
            unix_seconds(record.expiry_date),
        )
        .await
        .map_err(backend)
    }

    async fn load(&self, session_id: &Id) -> session_store::Result<Option<Record>> {
        let row = sessions::load(&self.pool, &id_hash(session_id))
            .await
            .map_err(backend)?;
        let Some((data, expiry)) = row else {
            return Ok(None);
        };
        let data = rmp_serde::from_slice(&data)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = OffsetDateTime::from_unix_timestamp_nanos((expiry * 1e9) as i128)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *session_id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, session_id: &Id) -> session_store::Result<()> {
        sessions::delete(&self.pool, &id_hash(session_id))
            .await
            .map_err(backend)
    }
}

#[async_trait]
impl ExpiredDeletion for HashedSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        sessions::delete_expired(&self.pool).await.map_err(backend)
    }
}
