//! Background jobs: deleting expired sessions, mailing failed invitations again, and the
//! match-changed notices left over. Each runs in
//! a span that names it, so its log lines (and database errors) say which job they come from.

use std::time::Duration;

use sqlx::PgPool;
use tower_sessions::session_store::ExpiredDeletion;
use tracing::Instrument;

use crate::auth::session_store::HashedSessionStore;
use crate::context::AppContext;

/// Deletes expired sessions every hour.
pub(super) fn spawn_session_cleanup(pool: PgPool) {
    tokio::spawn(
        async move {
            let store = HashedSessionStore::new(pool);
            let mut every = tokio::time::interval(Duration::from_secs(3600));
            loop {
                every.tick().await;
                if let Err(err) = store.delete_expired().await {
                    tracing::warn!(error = %err, "cannot delete expired sessions");
                }
            }
        }
        .instrument(tracing::info_span!("job", name = "session_cleanup")),
    );
}

/// Tries failed invitation mail again every `interval` (when mail is configured).
pub fn spawn_invitation_retries(ctx: AppContext, interval: Duration, max_attempts: i32) {
    if ctx.mailer.is_none() || max_attempts == 0 {
        return;
    }
    tokio::spawn(
        async move {
            let mut every = tokio::time::interval(interval);
            every.tick().await;
            loop {
                every.tick().await;
                match crate::invitations::retry_failed_invitations(&ctx, max_attempts, interval)
                    .await
                {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(count = n, "tried failed invitation mail again"),
                    Err(err) => tracing::warn!(error = %err, "the invitation retry pass failed"),
                }
                // Notices a change queued but whose instance did not send them (it stopped).
                if let Err(err) = crate::invitations::send_match_notices(&ctx).await {
                    tracing::warn!(error = %err, "sending match-changed notices failed");
                }
            }
        }
        .instrument(tracing::info_span!("job", name = "invitation_retries")),
    );
}
