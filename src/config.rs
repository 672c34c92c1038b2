//! Settings, read from the environment (and `.env`). Every setting has a safe default; the README
//! lists them all.

use std::path::PathBuf;
use std::time::Duration;

/// Where the database comes from.
#[derive(Debug, Clone)]
pub enum DatabaseSource {
    /// An existing PostgreSQL: `owner_url` runs the migrations, the app connects as `santa_app`.
    External {
        owner_url: String,
        app_url: Option<String>,
    },
    /// A cluster of our own, started (or reused) from the machine's PostgreSQL binaries.
    Embedded {
        data_dir: PathBuf,
        port: u16,
        bin_dir: Option<PathBuf>,
    },
}

#[derive(Debug, Clone)]
pub struct DatabaseConfig {
    pub source: DatabaseSource,
    pub max_connections: u32,
    /// How long a request waits for a free connection before it is answered "busy" (503).
    pub acquire_timeout: Duration,
}

/// Accounts and sessions.
#[derive(Debug, Clone)]
pub struct AuthConfig {
    /// Where people reach the app; an `https` URL makes the session cookie `Secure`.
    pub public_url: url::Url,
    /// A session unused for this long ends.
    pub session_inactivity: Duration,
    /// A session ends this long after login, used or not.
    pub session_lifetime: Duration,
    /// Failed logins within the window that lock an account until the window ends.
    pub max_failures_per_account: i32,
    /// Failed logins within the window that lock a client address until the window ends.
    pub max_failures_per_address: i32,
    pub throttle_window: Duration,
    /// How many password hashes may be computed at once (each takes 19 MiB and a core).
    pub hash_concurrency: usize,
    /// Registrations allowed per client address within the throttle window (and four times as
    /// many per network: /24 for IPv4, /48 for IPv6).
    pub registrations_per_address: i32,
    /// How long an invitation (set-password) link works.
    pub invitation_ttl: Duration,
    /// How long a password-reset link works.
    pub reset_ttl: Duration,
}

impl AuthConfig {
    pub fn secure_cookies(&self) -> bool {
        self.public_url.scheme() == "https"
    }

    /// Defaults for a server at `site_addr`.
    pub fn for_site(site_addr: &str) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        AuthConfig {
            public_url: url::Url::parse(&format!("http://{site_addr}"))
                .unwrap_or_else(|_| url::Url::parse("http://127.0.0.1:3000").expect("valid URL")),
            session_inactivity: Duration::from_secs(DEFAULT_SESSION_INACTIVITY_MINUTES * 60),
            session_lifetime: Duration::from_secs(DEFAULT_SESSION_LIFETIME_HOURS * 3600),
            max_failures_per_account: DEFAULT_MAX_FAILURES_PER_ACCOUNT,
            max_failures_per_address: DEFAULT_MAX_FAILURES_PER_ADDRESS,
            throttle_window: Duration::from_secs(DEFAULT_THROTTLE_WINDOW_SECONDS),
            hash_concurrency: (cores / 2).max(1),
            registrations_per_address: DEFAULT_REGISTRATIONS_PER_ADDRESS,
            invitation_ttl: Duration::from_secs(DEFAULT_INVITATION_TTL_DAYS * 24 * 3600),
            reset_ttl: Duration::from_secs(DEFAULT_RESET_TTL_MINUTES * 60),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub database: DatabaseConfig,
    pub auth: AuthConfig,
    pub mail: crate::mail::MailConfig,
    pub gifts: crate::gifts::GiftConfig,
}

#[derive(Debug, thiserror::Error)]
#[error("setting {name} is invalid: {reason}")]
pub struct ConfigError {
    name: &'static str,
    reason: String,
}

pub const DEFAULT_DATA_DIR: &str = ".data";
pub const DEFAULT_PG_PORT: u16 = 54329;
pub const DEFAULT_MAX_CONNECTIONS: u32 = 10;
pub const DEFAULT_SESSION_INACTIVITY_MINUTES: u64 = 24 * 60;
pub const DEFAULT_SESSION_LIFETIME_HOURS: u64 = 30 * 24;
pub const DEFAULT_MAX_FAILURES_PER_ACCOUNT: i32 = 5;
pub const DEFAULT_MAX_FAILURES_PER_ADDRESS: i32 = 50;
pub const DEFAULT_THROTTLE_WINDOW_SECONDS: u64 = 15 * 60;
pub const DEFAULT_REGISTRATIONS_PER_ADDRESS: i32 = 10;
pub const DEFAULT_INVITATION_TTL_DAYS: u64 = 14;
pub const DEFAULT_RESET_TTL_MINUTES: u64 = 60;

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parsed<T: std::str::FromStr>(name: &'static str, default: T) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    match var(name) {
        None => Ok(default),
        Some(raw) => raw.trim().parse().map_err(|e: T::Err| ConfigError {
            name,
            reason: format!("{raw:?}: {e}"),
        }),
    }
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        let source = match var("DATABASE_URL") {
            Some(owner_url) => DatabaseSource::External {
                owner_url,
                app_url: var("APP_DATABASE_URL"),
            },
            None => DatabaseSource::Embedded {
                data_dir: PathBuf::from(var("SANTA_DATA_DIR").unwrap_or(DEFAULT_DATA_DIR.into())),
                port: parsed("SANTA_PG_PORT", DEFAULT_PG_PORT)?,
                bin_dir: var("SANTA_PG_BIN").map(PathBuf::from),
            },
        };
        let max_connections = parsed("DATABASE_MAX_CONNECTIONS", DEFAULT_MAX_CONNECTIONS)?;
        if max_connections == 0 {
            return Err(ConfigError {
                name: "DATABASE_MAX_CONNECTIONS",
                reason: "must be at least 1".into(),
            });
        }
        let site_addr = var("LEPTOS_SITE_ADDR").unwrap_or("127.0.0.1:3000".into());
        let defaults = AuthConfig::for_site(&site_addr);
        let public_url = match var("PUBLIC_URL") {
            None => defaults.public_url.clone(),
            Some(raw) => url::Url::parse(&raw).map_err(|e| ConfigError {
                name: "PUBLIC_URL",
                reason: format!("{raw:?}: {e}"),
            })?,
        };
        let minutes = parsed(
            "SESSION_INACTIVITY_MINUTES",
            DEFAULT_SESSION_INACTIVITY_MINUTES,
        )?;
        let hours = parsed("SESSION_LIFETIME_HOURS", DEFAULT_SESSION_LIFETIME_HOURS)?;
        let window = parsed(
            "LOGIN_THROTTLE_WINDOW_SECONDS",
            DEFAULT_THROTTLE_WINDOW_SECONDS,
        )?;
        let auth = AuthConfig {
            public_url,
            session_inactivity: Duration::from_secs(minutes.max(1) * 60),
            session_lifetime: Duration::from_secs(hours.max(1) * 3600),
            max_failures_per_account: parsed(
                "LOGIN_MAX_FAILURES_PER_ACCOUNT",
                DEFAULT_MAX_FAILURES_PER_ACCOUNT,
            )?
            .max(1),
            max_failures_per_address: parsed(
                "LOGIN_MAX_FAILURES_PER_ADDRESS",
                DEFAULT_MAX_FAILURES_PER_ADDRESS,
            )?
            .max(1),
            throttle_window: Duration::from_secs(window.max(1)),
            hash_concurrency: parsed("PASSWORD_HASH_CONCURRENCY", defaults.hash_concurrency)?
                .max(1),
            registrations_per_address: parsed(
                "REGISTRATIONS_PER_ADDRESS",
                DEFAULT_REGISTRATIONS_PER_ADDRESS,
            )?
            .max(1),
            invitation_ttl: Duration::from_secs(
                parsed("INVITATION_TTL_DAYS", DEFAULT_INVITATION_TTL_DAYS)?.max(1) * 24 * 3600,
            ),
            reset_ttl: Duration::from_secs(
                parsed("PASSWORD_RESET_TTL_MINUTES", DEFAULT_RESET_TTL_MINUTES)?.max(1) * 60,
            ),
        };
        let mail = crate::mail::MailConfig {
            smtp_url: var("SMTP_URL"),
            from: var("MAIL_FROM").unwrap_or("Secret Santa <santa@localhost>".into()),
            retry_interval: Duration::from_secs(
                parsed(
                    "MAIL_RETRY_INTERVAL_SECONDS",
                    crate::mail::DEFAULT_RETRY_INTERVAL_SECONDS,
                )?
                .max(10),
            ),
            retry_max_attempts: parsed(
                "MAIL_RETRY_MAX_ATTEMPTS",
                crate::mail::DEFAULT_RETRY_MAX_ATTEMPTS,
            )?
            .max(0),
        };
        Ok(Config {
            database: DatabaseConfig {
                source,
                max_connections,
                acquire_timeout: Duration::from_millis(
                    parsed(
                        "DATABASE_ACQUIRE_TIMEOUT_MS",
                        crate::db::DEFAULT_ACQUIRE_TIMEOUT.as_millis() as u64,
                    )?
                    .max(50),
                ),
            },
            auth,
            mail,
            gifts: gift_config()?,
        })
    }
}

/// The gift-ideas provider: `AI_BASE_URL` and `AI_MODEL` together choose an OpenAI-compatible
/// endpoint; without them the offline provider makes the ideas.
fn gift_config() -> Result<crate::gifts::GiftConfig, ConfigError> {
    use crate::gifts::*;
    let provider = match (var("AI_BASE_URL"), var("AI_MODEL")) {
        (None, None) => None,
        (Some(base), Some(model)) => {
            url::Url::parse(&base).map_err(|e| ConfigError {
                name: "AI_BASE_URL",
                reason: format!("{base:?}: {e}"),
            })?;
            let mut p = ProviderConfig::new(&base, &model, var("AI_API_KEY"));
            p.connect_timeout = Duration::from_secs(
                parsed(
                    "AI_CONNECT_TIMEOUT_SECONDS",
                    DEFAULT_CONNECT_TIMEOUT_SECONDS,
                )?
                .max(1),
            );
            p.request_timeout = Duration::from_secs(
                parsed(
                    "AI_REQUEST_TIMEOUT_SECONDS",
                    DEFAULT_REQUEST_TIMEOUT_SECONDS,
                )?
                .max(1),
            );
            p.total_timeout = Duration::from_secs(
                parsed("AI_TOTAL_TIMEOUT_SECONDS", DEFAULT_TOTAL_TIMEOUT_SECONDS)?.max(1),
            );
            p.max_retries = parsed("AI_MAX_RETRIES", DEFAULT_MAX_RETRIES)?.min(10);
            Some(p)
        }
        (None, Some(_)) => {
            return Err(ConfigError {
                name: "AI_BASE_URL",
                reason: "AI_MODEL is set but AI_BASE_URL is not".into(),
            })
        }
        (Some(_), None) => {
            return Err(ConfigError {
                name: "AI_MODEL",
                reason: "AI_BASE_URL is set but AI_MODEL is not".into(),
            })
        }
    };
    Ok(GiftConfig {
        provider,
        refresh_cooldown: Duration::from_secs(parsed(
            "GIFT_IDEAS_COOLDOWN_SECONDS",
            DEFAULT_REFRESH_COOLDOWN_SECONDS,
        )?),
        daily_cap: parsed("GIFT_IDEAS_DAILY_CAP", DEFAULT_DAILY_CAP)?.max(1),
    })
}
