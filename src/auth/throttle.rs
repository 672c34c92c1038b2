//! Failed-login throttling per account and per client address, kept in PostgreSQL so the limit
//! holds across app instances. An account locks per network (found from outside: a lock for
//! everyone let a stranger who knew an address lock its owner out with five guesses), and for
//! everyone only at ten times that, so guesses spread over many networks stay bounded.

use std::net::IpAddr;

use sqlx::PgPool;

use crate::config::AuthConfig;
use crate::db;
use crate::domain::limits::MAX_EMAIL_CHARS;
use crate::error::AppError;

pub struct LoginKeys {
    account: String,
    address: String,
    /// Attempts within the window that lock the account key and the address key.
    limits: [i32; 2],
    /// A third key and its limit: for logins, the account's count from every network.
    everywhere: Option<(String, i32)>,
}

/// How many times an account's limit per network locks it from every network.
pub const ACCOUNT_LIMIT_EVERYWHERE_FACTOR: i32 = 10;

/// An email in its canonical form (`domain::Email`), or text that is no email as typed; bounded
/// like an email address. It is not lower-cased here: the one canonical form is the Email type's.
/// Control characters (a NUL above all, which PostgreSQL refuses in text) become U+FFFD.
fn bounded(email: &str) -> String {
    email
        .trim()
        .chars()
        .take(MAX_EMAIL_CHARS)
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

/// The network a client address belongs to: /24 for IPv4, /48 for IPv6.
fn network(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.0/24")
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
        }
    }
}

/// Password-reset requests allowed per email address and per client address in one window:
/// enough for a person who lost a mail, too few to bomb an inbox.
pub const RESET_REQUESTS_PER_ACCOUNT: i32 = 3;
pub const RESET_REQUESTS_PER_ADDRESS: i32 = 20;

/// Invitations an organizer may mail again in one window, per person and in all.
pub const INVITATION_MAILS_PER_PERSON: i32 = 3;
pub const INVITATION_MAILS_PER_ORGANIZER: i32 = 100;

/// Draws one organizer may run in one window when mail is configured.
pub const DRAW_RUNS_PER_ORGANIZER: i32 = 20;

impl LoginKeys {
    /// Failed logins (and password changes) of `email` from `address`: the account from the
    /// address's network, the address, and the account from everywhere.
    pub fn new(config: &AuthConfig, email: &str, address: IpAddr) -> Self {
        let email = bounded(email);
        LoginKeys {
            account: format!("account-from:{}:{email}", network(address)),
            address: format!("address:{address}"),
            limits: [
                config.max_failures_per_account,
                config.max_failures_per_address,
            ],
            everywhere: Some((
                format!("account:{email}"),
                config
                    .max_failures_per_account
                    .saturating_mul(ACCOUNT_LIMIT_EVERYWHERE_FACTOR),
            )),
        }
    }

    /// Registrations from `address` (each one counts, whatever its outcome): per address, and
    /// four times as many per network, so a burst costs a bounded amount of hashing.
    pub fn registration(config: &AuthConfig, address: IpAddr) -> Self {
        LoginKeys {
            account: format!("register-address:{address}"),
            address: format!("register-network:{}", network(address)),
            limits: [
                config.registrations_per_address,
                config.registrations_per_address.saturating_mul(4),
            ],
            everywhere: None,
        }
    }

    /// Draws run by one organizer (each run mails everyone in it): per account and per client
    /// address, so new draws cannot be used to flood a mailbox either.
    pub fn draw_runs(organizer: &str, address: IpAddr) -> Self {
        LoginKeys {
            account: format!("draw-runs:{organizer}"),
            address: format!("draw-runs-address:{address}"),
            limits: [DRAW_RUNS_PER_ORGANIZER, DRAW_RUNS_PER_ORGANIZER * 3],
            everywhere: None,
        }
    }

    /// Invitation mail sent again by an organizer: per person and per organizer, so "Send again"
    /// cannot be used to flood someone's mailbox.
    pub fn invitation_mail(participant: &str, organizer: &str) -> Self {
        LoginKeys {
            account: format!("invite-mail:{participant}"),
            address: format!("invite-mail-organizer:{organizer}"),
            limits: [INVITATION_MAILS_PER_PERSON, INVITATION_MAILS_PER_ORGANIZER],
            everywhere: None,
        }
    }

    /// Password-reset requests for `email` from `address` (every request counts, whether or not
    /// the address has an account, so the answer still tells nothing).
    pub fn password_reset(email: &str, address: IpAddr) -> Self {
        LoginKeys {
            account: format!("reset:{}", bounded(email)),
            address: format!("reset-address:{address}"),
            limits: [RESET_REQUESTS_PER_ACCOUNT, RESET_REQUESTS_PER_ADDRESS],
            everywhere: None,
        }
    }
}

fn window_secs(config: &AuthConfig) -> i32 {
    i32::try_from(config.throttle_window.as_secs()).unwrap_or(i32::MAX)
}

/// Counts one attempt on both keys — atomically, before any password is checked — and refuses
/// it with `TooManyAttempts` when that makes either key go over its limit. Counting first is what
/// makes the limit hold when many attempts arrive at once.
pub async fn attempt(pool: &PgPool, config: &AuthConfig, keys: &LoginKeys) -> Result<(), AppError> {
    let mut names = vec![keys.account.as_str(), keys.address.as_str()];
    let mut limits = keys.limits.to_vec();
    if let Some((key, limit)) = &keys.everywhere {
        names.push(key);
        limits.push(*limit);
    }
    let wait = db::sessions::throttle_attempt(pool, &names, &limits, window_secs(config)).await?;
    if wait > 0 {
        Err(AppError::TooManyAttempts {
            retry_after_secs: u32::try_from(wait).unwrap_or(1),
        })
    } else {
        Ok(())
    }
}

/// A successful login: the account's count from this network is forgotten, and the address and
/// the account's count from everywhere get their attempt back.
pub async fn succeeded(pool: &PgPool, keys: &LoginKeys) -> Result<(), AppError> {
    let mut give_back = vec![keys.address.as_str()];
    if let Some((key, _)) = &keys.everywhere {
        give_back.push(key);
    }
    Ok(db::sessions::throttle_succeeded(pool, &keys.account, &give_back).await?)
}
