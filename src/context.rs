//! What server functions and jobs reach: the pool, the password queues, the settings and the
//! services. Built once at start-up and handed to Leptos's context.

use std::sync::Arc;

use sqlx::PgPool;

use crate::auth::PasswordService;
use crate::config::{AuthConfig, GiftConfig};
use crate::gifts::GiftService;
use crate::mail::Mailer;

/// What server functions reach through Leptos's context. Cloned for every request (into the
/// page's context, into handlers and middleware), so it is one shared pointer: a clone costs a
/// reference count, not a copy of the settings (bench/RESULTS.md, issue 15's profile).
#[derive(Clone)]
pub struct AppContext(Arc<Services>);

/// The parts of [`AppContext`], reached through it (`ctx.pool`, `ctx.auth` …).
#[derive(Clone)]
pub struct Services {
    pub pool: PgPool,
    pub passwords: PasswordService,
    pub auth: AuthConfig,
    /// None when no SMTP is configured: invitation links are then passed on by the organizer.
    pub mailer: Option<Mailer>,
    /// Where gift ideas come from (the offline provider unless configured otherwise).
    pub gifts: GiftService,
}

impl std::ops::Deref for AppContext {
    type Target = Services;

    fn deref(&self) -> &Services {
        &self.0
    }
}

impl AppContext {
    pub fn new(pool: PgPool, auth: AuthConfig, mailer: Option<Mailer>) -> Self {
        AppContext(Arc::new(Services {
            pool,
            passwords: PasswordService::new(auth.hash_concurrency),
            auth,
            mailer,
            gifts: GiftService::new(GiftConfig::default()),
        }))
    }

    pub fn with_gifts(self, config: GiftConfig) -> Self {
        let mut services = Arc::unwrap_or_clone(self.0);
        services.gifts = GiftService::new(config);
        AppContext(Arc::new(services))
    }
}
