//! What server functions and jobs reach: the pool, the password queues, the settings and the
//! services. Built once at start-up and handed to Leptos's context.

use sqlx::PgPool;

use crate::auth::PasswordService;
use crate::config::{AuthConfig, GiftConfig};
use crate::gifts::GiftService;
use crate::mail::Mailer;

/// What server functions reach through Leptos's context.
#[derive(Clone)]
pub struct AppContext {
    pub pool: PgPool,
    pub passwords: PasswordService,
    pub auth: AuthConfig,
    /// None when no SMTP is configured: invitation links are then passed on by the organizer.
    pub mailer: Option<Mailer>,
    /// Where gift ideas come from (the offline provider unless configured otherwise).
    pub gifts: GiftService,
}

impl AppContext {
    pub fn new(pool: PgPool, auth: AuthConfig, mailer: Option<Mailer>) -> Self {
        AppContext {
            pool,
            passwords: PasswordService::new(auth.hash_concurrency),
            auth,
            mailer,
            gifts: GiftService::new(GiftConfig::default()),
        }
    }

    pub fn with_gifts(mut self, config: GiftConfig) -> Self {
        self.gifts = GiftService::new(config);
        self
    }
}
