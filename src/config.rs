//! Settings, read from the environment (and `.env`). Every setting has a safe default; the README
//! lists them all.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Where the database comes from.
/// A setting that holds a password or key (`DATABASE_URL`, `SMTP_URL`, `AI_API_KEY`): `Debug`
/// prints `Secret(..)`, so logging a config or an error that holds one shows nothing of it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself, for the one place that must use it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

#[derive(Debug, Clone)]
pub enum DatabaseSource {
    /// An existing PostgreSQL: `owner_url` runs the migrations, the app connects as `santa_app`.
    External {
        owner_url: Secret,
        app_url: Option<Secret>,
    },
    /// A cluster of our own, started (or reused) from the machine's PostgreSQL binaries.
    Embedded {
        data_dir: PathBuf,
        port: u16,
        bin_dir: Option<PathBuf>,
    },
}

/// How long a request waits for a free connection before it is answered "busy" (503).
pub const DEFAULT_ACQUIRE_TIMEOUT: Duration = Duration::from_secs(2);

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
    /// The reverse proxies whose `X-Forwarded-For` names the client (`TRUSTED_PROXIES`); none
    /// by default.
    pub trusted_proxies: TrustedProxies,
    /// A mail telling a recipient that their Secret Santa wrote goes out after a random delay of
    /// up to this long (`MESSAGE_MAIL_DELAY_MAX_MINUTES`): the mail's time must not say when the
    /// giver wrote.
    pub message_mail_delay_max: Duration,
    /// The language of a visitor who has not chosen one and whose browser asks for none the app
    /// speaks (`DEFAULT_LANGUAGE`).
    pub default_language: crate::i18n::Lang,
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
            trusted_proxies: TrustedProxies::default(),
            message_mail_delay_max: Duration::from_secs(
                DEFAULT_MESSAGE_MAIL_DELAY_MAX_MINUTES * 60,
            ),
            default_language: crate::i18n::Lang::En,
        }
    }
}

/// `TRUSTED_PROXIES`: the reverse proxies (addresses, or networks as `10.0.0.0/8`) whose
/// `X-Forwarded-For` header the app believes. The throttles count attempts per client address;
/// behind a proxy every connection comes from the proxy, so without this setting all clients
/// would share one count. Empty — the default — means the app uses each connection's own peer
/// address and ignores the header, which anyone can write.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

impl TrustedProxies {
    /// A comma-separated list of addresses and networks.
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut networks = Vec::new();
        for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (address, bits) = match item.split_once('/') {
                Some((address, bits)) => (address, Some(bits)),
                None => (item, None),
            };
            let address: IpAddr = address
                .parse()
                .map_err(|_| format!("{item:?} is no IP address or network"))?;
            let max = if address.is_ipv4() { 32 } else { 128 };
            let bits = match bits {
                None => max,
                Some(bits) => bits
                    .parse::<u8>()
                    .ok()
                    .filter(|b| *b <= max)
                    .ok_or_else(|| format!("{item:?}: the prefix length must be 0 to {max}"))?,
            };
            // An IPv4 network written as IPv6 (`::ffff:10.0.0.0/104`) is kept as the IPv4 one.
            let network = match canonical(address) {
                IpAddr::V4(v4) if address.is_ipv6() => (IpAddr::V4(v4), bits.saturating_sub(96)),
                _ => (address, bits),
            };
            networks.push(network);
        }
        Ok(TrustedProxies(networks))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, address: IpAddr) -> bool {
        let address = canonical(address);
        self.0
            .iter()
            .any(|&(network, bits)| match (network, address) {
                (IpAddr::V4(n), IpAddr::V4(a)) => same_prefix(&n.octets(), &a.octets(), bits),
                (IpAddr::V6(n), IpAddr::V6(a)) => same_prefix(&n.octets(), &a.octets(), bits),
                _ => false,
            })
    }

    /// The client of a request that came from `peer` with these `X-Forwarded-For` headers.
    /// Only a trusted peer's header counts, read from its end: each trusted proxy appends the
    /// address it got the request from, so the first address from the right that is no trusted
    /// proxy is the client. Whatever the client wrote into the header itself stands further
    /// left and is never reached. A hop that is no address stops the walk at the last trusted
    /// one.
    pub fn client_address<'a>(
        &self,
        peer: IpAddr,
        forwarded_for: impl IntoIterator<Item = &'a str>,
    ) -> IpAddr {
        if !self.contains(peer) {
            return peer;
        }
        let hops: Vec<&str> = forwarded_for
            .into_iter()
            .flat_map(|header| header.split(','))
            .map(str::trim)
            .collect();
        let mut client = peer;
        for hop in hops.iter().rev() {
            match hop.parse::<IpAddr>() {
                Ok(address) if self.contains(address) => client = address,
                Ok(address) => return canonical(address),
                Err(_) => return client,
            }
        }
        client
    }
}

/// An IPv4 address written as IPv6 (`::ffff:a.b.c.d`) as the IPv4 address it is.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        IpAddr::V4(_) => address,
    }
}

/// Whether `a` and `b` agree in their first `bits` bits.
fn same_prefix(a: &[u8], b: &[u8], bits: u8) -> bool {
    let whole = usize::from(bits / 8);
    let rest = bits % 8;
    a[..whole] == b[..whole] && (rest == 0 || (a[whole] ^ b[whole]) >> (8 - rest) == 0)
}

#[derive(Debug, Clone)]
pub struct Config {
    pub database: DatabaseConfig,
    pub auth: AuthConfig,
    pub mail: MailConfig,
    pub gifts: GiftConfig,
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
pub const DEFAULT_MESSAGE_MAIL_DELAY_MAX_MINUTES: u64 = 30;
pub const DEFAULT_RESET_TTL_MINUTES: u64 = 60;

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// `name` as a number of at least `min` (or `default` when unset); a smaller value is refused at
/// start-up with the variable's name, never silently raised.
fn at_least<T>(name: &'static str, default: T, min: T) -> Result<T, ConfigError>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
    T::Err: std::fmt::Display,
{
    let value = parsed(name, default)?;
    if value < min {
        return Err(ConfigError {
            name,
            reason: format!("{value} is too small: use at least {min}"),
        });
    }
    Ok(value)
}

/// `name` as a number from `min` to `max` (or `default` when unset); anything else is refused.
fn in_range<T>(name: &'static str, default: T, min: T, max: T) -> Result<T, ConfigError>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
    T::Err: std::fmt::Display,
{
    let value = at_least(name, default, min)?;
    if value > max {
        return Err(ConfigError {
            name,
            reason: format!("{value} is too large: use at most {max}"),
        });
    }
    Ok(value)
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
                owner_url: Secret::new(owner_url),
                app_url: var("APP_DATABASE_URL").map(Secret::new),
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
        let minutes = at_least(
            "SESSION_INACTIVITY_MINUTES",
            DEFAULT_SESSION_INACTIVITY_MINUTES,
            1,
        )?;
        let hours = at_least("SESSION_LIFETIME_HOURS", DEFAULT_SESSION_LIFETIME_HOURS, 1)?;
        let window = at_least(
            "LOGIN_THROTTLE_WINDOW_SECONDS",
            DEFAULT_THROTTLE_WINDOW_SECONDS,
            1,
        )?;
        let auth = AuthConfig {
            public_url,
            session_inactivity: Duration::from_secs(minutes * 60),
            session_lifetime: Duration::from_secs(hours * 3600),
            max_failures_per_account: at_least(
                "LOGIN_MAX_FAILURES_PER_ACCOUNT",
                DEFAULT_MAX_FAILURES_PER_ACCOUNT,
                1,
            )?,
            max_failures_per_address: at_least(
                "LOGIN_MAX_FAILURES_PER_ADDRESS",
                DEFAULT_MAX_FAILURES_PER_ADDRESS,
                1,
            )?,
            throttle_window: Duration::from_secs(window),
            hash_concurrency: at_least("PASSWORD_HASH_CONCURRENCY", defaults.hash_concurrency, 1)?,
            registrations_per_address: at_least(
                "REGISTRATIONS_PER_ADDRESS",
                DEFAULT_REGISTRATIONS_PER_ADDRESS,
                1,
            )?,
            invitation_ttl: Duration::from_secs(
                at_least("INVITATION_TTL_DAYS", DEFAULT_INVITATION_TTL_DAYS, 1)? * 24 * 3600,
            ),
            reset_ttl: Duration::from_secs(
                at_least("PASSWORD_RESET_TTL_MINUTES", DEFAULT_RESET_TTL_MINUTES, 1)? * 60,
            ),
            default_language: match var("DEFAULT_LANGUAGE") {
                None => crate::i18n::Lang::En,
                Some(code) => crate::i18n::Lang::from_code(&code).ok_or_else(|| ConfigError {
                    name: "DEFAULT_LANGUAGE",
                    reason: format!("{code:?}: the app speaks en and pl"),
                })?,
            },
            trusted_proxies: match var("TRUSTED_PROXIES") {
                None => TrustedProxies::default(),
                Some(list) => TrustedProxies::parse(&list).map_err(|reason| ConfigError {
                    name: "TRUSTED_PROXIES",
                    reason,
                })?,
            },
            message_mail_delay_max: Duration::from_secs(
                at_least(
                    "MESSAGE_MAIL_DELAY_MAX_MINUTES",
                    DEFAULT_MESSAGE_MAIL_DELAY_MAX_MINUTES,
                    0,
                )? * 60,
            ),
        };
        let mail = MailConfig {
            smtp_url: var("SMTP_URL").map(Secret::new),
            from: var("MAIL_FROM").unwrap_or("Secret Santa <santa@localhost>".into()),
            retry_interval: Duration::from_secs(at_least(
                "MAIL_RETRY_INTERVAL_SECONDS",
                DEFAULT_RETRY_INTERVAL_SECONDS,
                10,
            )?),
            retry_max_attempts: at_least("MAIL_RETRY_MAX_ATTEMPTS", DEFAULT_RETRY_MAX_ATTEMPTS, 0)?,
        };
        Ok(Config {
            database: DatabaseConfig {
                source,
                max_connections,
                acquire_timeout: Duration::from_millis(at_least(
                    "DATABASE_ACQUIRE_TIMEOUT_MS",
                    DEFAULT_ACQUIRE_TIMEOUT.as_millis() as u64,
                    50,
                )?),
            },
            auth,
            mail,
            gifts: gift_config()?,
        })
    }
}

/// The gift-ideas provider: `AI_BASE_URL` and `AI_MODEL` together choose an OpenAI-compatible
/// endpoint; without them the offline provider makes the ideas.
fn gift_config() -> Result<GiftConfig, ConfigError> {
    let provider = match (var("AI_BASE_URL"), var("AI_MODEL")) {
        (None, None) => None,
        (Some(base), Some(model)) => {
            url::Url::parse(&base).map_err(|e| ConfigError {
                name: "AI_BASE_URL",
                reason: format!("{base:?}: {e}"),
            })?;
            let mut p = ProviderConfig::new(&base, &model, var("AI_API_KEY"));
            p.connect_timeout = Duration::from_secs(at_least(
                "AI_CONNECT_TIMEOUT_SECONDS",
                DEFAULT_CONNECT_TIMEOUT_SECONDS,
                1,
            )?);
            p.request_timeout = Duration::from_secs(at_least(
                "AI_REQUEST_TIMEOUT_SECONDS",
                DEFAULT_REQUEST_TIMEOUT_SECONDS,
                1,
            )?);
            p.total_timeout = Duration::from_secs(at_least(
                "AI_TOTAL_TIMEOUT_SECONDS",
                DEFAULT_TOTAL_TIMEOUT_SECONDS,
                1,
            )?);
            p.max_retries = in_range("AI_MAX_RETRIES", DEFAULT_MAX_RETRIES, 0, 10)?;
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
        daily_cap: at_least("GIFT_IDEAS_DAILY_CAP", DEFAULT_DAILY_CAP, 1)?,
    })
}

// ---------------------------------------------------------------------------------------------
// The settings of the mail and gift-idea services (read above, used by `mail` and `gifts`).
// ---------------------------------------------------------------------------------------------

/// Where and as whom to send.
#[derive(Debug, Clone, Default)]
pub struct MailConfig {
    /// e.g. `smtp://user:pass@mail.example.org:587?tls=required`, `smtps://…`, or
    /// `smtp://127.0.0.1:2525` for a local relay.
    pub smtp_url: Option<Secret>,
    pub from: String,
    /// How often failed invitation mail is tried again, and how many times in a row at most.
    pub retry_interval: std::time::Duration,
    pub retry_max_attempts: i32,
}

pub const DEFAULT_RETRY_INTERVAL_SECONDS: u64 = 300;
pub const DEFAULT_RETRY_MAX_ATTEMPTS: i32 = 5;

impl MailConfig {
    /// Sending through `smtp_url`, with the default retries.
    pub fn new(smtp_url: Option<String>, from: &str) -> Self {
        MailConfig {
            smtp_url: smtp_url.map(Secret::new),
            from: from.to_string(),
            retry_interval: std::time::Duration::from_secs(DEFAULT_RETRY_INTERVAL_SECONDS),
            retry_max_attempts: DEFAULT_RETRY_MAX_ATTEMPTS,
        }
    }
}

/// An OpenAI-compatible endpoint.
#[derive(Debug, Clone)]
pub struct ProviderConfig {
    /// Up to and including the API version, e.g. `https://openrouter.ai/api/v1`;
    /// `/chat/completions` is appended.
    pub base_url: String,
    pub api_key: Option<Secret>,
    pub model: String,
    pub connect_timeout: Duration,
    /// One attempt's bound.
    pub request_timeout: Duration,
    /// The bound of a whole request, retries and waits included.
    pub total_timeout: Duration,
    /// Retries after the first attempt (on 429, 5xx, timeouts and connection errors).
    pub max_retries: u32,
    /// The first retry's wait; it doubles each time, plus up to half again of jitter.
    pub retry_base: Duration,
}

#[derive(Debug, Clone)]
pub struct GiftConfig {
    /// None: the offline provider.
    pub provider: Option<ProviderConfig>,
    /// How soon after the last ideas "Refresh ideas" may ask again (unless the wishes changed).
    pub refresh_cooldown: Duration,
    /// Upstream calls per match per day.
    pub daily_cap: i32,
}

pub const DEFAULT_CONNECT_TIMEOUT_SECONDS: u64 = 5;
pub const DEFAULT_REQUEST_TIMEOUT_SECONDS: u64 = 20;
pub const DEFAULT_TOTAL_TIMEOUT_SECONDS: u64 = 45;
pub const DEFAULT_MAX_RETRIES: u32 = 3;
pub const DEFAULT_REFRESH_COOLDOWN_SECONDS: u64 = 30;
pub const DEFAULT_DAILY_CAP: i32 = 10;

impl Default for GiftConfig {
    fn default() -> Self {
        GiftConfig {
            provider: None,
            refresh_cooldown: Duration::from_secs(DEFAULT_REFRESH_COOLDOWN_SECONDS),
            daily_cap: DEFAULT_DAILY_CAP,
        }
    }
}

impl ProviderConfig {
    /// A provider at `base_url` with the default timeouts and retries.
    pub fn new(base_url: &str, model: &str, api_key: Option<String>) -> Self {
        ProviderConfig {
            base_url: base_url.trim_end_matches('/').to_string(),
            api_key: api_key.map(Secret::new),
            model: model.to_string(),
            connect_timeout: Duration::from_secs(DEFAULT_CONNECT_TIMEOUT_SECONDS),
            request_timeout: Duration::from_secs(DEFAULT_REQUEST_TIMEOUT_SECONDS),
            total_timeout: Duration::from_secs(DEFAULT_TOTAL_TIMEOUT_SECONDS),
            max_retries: DEFAULT_MAX_RETRIES,
            retry_base: Duration::from_millis(500),
        }
    }
}

#[cfg(test)]
mod secret_tests {
    use super::*;

    #[test]
    fn a_number_below_its_minimum_is_refused_with_the_variables_name() {
        std::env::set_var("SANTA_TEST_TOO_SMALL", "0");
        let error = at_least("SANTA_TEST_TOO_SMALL", 5u64, 1).unwrap_err();
        assert_eq!(error.name, "SANTA_TEST_TOO_SMALL");
        assert!(error.reason.contains("at least 1"), "{}", error.reason);
        std::env::set_var("SANTA_TEST_TOO_LARGE", "11");
        let error = in_range("SANTA_TEST_TOO_LARGE", 3u32, 0, 10).unwrap_err();
        assert!(error.reason.contains("at most 10"), "{}", error.reason);
        assert_eq!(at_least("SANTA_TEST_UNSET_NUMBER", 5u64, 1).unwrap(), 5);
    }

    #[test]
    fn no_password_or_key_shows_in_a_printed_config() {
        let mail = MailConfig::new(
            Some("smtp://santa:hunter2@mail.example.org".into()),
            "a@b.c",
        );
        let provider =
            ProviderConfig::new("https://ai.example.org/v1", "m", Some("sk-secret".into()));
        let db = DatabaseSource::External {
            owner_url: Secret::new("postgres://owner:pa55@db/santa"),
            app_url: None,
        };
        let printed = format!("{mail:?} {provider:?} {db:?}");
        for secret in ["hunter2", "sk-secret", "pa55"] {
            assert!(!printed.contains(secret), "{printed}");
        }
        assert_eq!(
            mail.smtp_url.unwrap().expose(),
            "smtp://santa:hunter2@mail.example.org"
        );
    }
}

#[cfg(test)]
mod trusted_proxy_tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_forwarded_header_is_ignored() {
        let none = TrustedProxies::default();
        assert_eq!(
            none.client_address(ip("127.0.0.1"), ["203.0.113.9"]),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn a_trusted_proxys_header_names_the_client_and_what_the_client_wrote_is_skipped() {
        let proxies = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        assert_eq!(
            proxies.client_address(ip("127.0.0.1"), ["203.0.113.9"]),
            ip("203.0.113.9")
        );
        // The client sent "X-Forwarded-For: 198.51.100.1" itself; the proxy appended the real one.
        assert_eq!(
            proxies.client_address(ip("127.0.0.1"), ["198.51.100.1, 203.0.113.9"]),
            ip("203.0.113.9")
        );
        // Two trusted hops (10.1.2.3 forwarded to 127.0.0.1), over two header lines.
        assert_eq!(
            proxies.client_address(ip("127.0.0.1"), ["203.0.113.9", "10.1.2.3"]),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn an_untrusted_peer_or_an_unreadable_hop_leaves_the_nearest_known_address() {
        let proxies = TrustedProxies::parse("10.0.0.0/8").unwrap();
        assert_eq!(
            proxies.client_address(ip("203.0.113.9"), ["198.51.100.1"]),
            ip("203.0.113.9"),
            "a client that is no proxy cannot name another client"
        );
        assert_eq!(
            proxies.client_address(ip("10.0.0.1"), ["not-an-address"]),
            ip("10.0.0.1")
        );
        assert_eq!(proxies.client_address(ip("10.0.0.1"), []), ip("10.0.0.1"));
        assert_eq!(
            proxies.client_address(ip("::ffff:10.0.0.1"), ["2001:db8::1"]),
            ip("2001:db8::1")
        );
    }

    #[test]
    fn trusted_proxies_are_addresses_or_networks_and_anything_else_is_refused() {
        let proxies = TrustedProxies::parse("192.168.1.0/25,2001:db8::/32").unwrap();
        assert!(proxies.contains(ip("192.168.1.127")));
        assert!(!proxies.contains(ip("192.168.1.128")));
        assert!(proxies.contains(ip("2001:db8:ffff::1")));
        assert!(!proxies.contains(ip("2001:db9::1")));
        assert!(TrustedProxies::parse("").unwrap().is_empty());
        let mapped = TrustedProxies::parse("::ffff:10.0.0.0/104").unwrap();
        assert!(mapped.contains(ip("10.1.2.3")));
        assert!(!mapped.contains(ip("11.0.0.1")));
        for bad in ["localhost", "10.0.0.0/33", "10.0.0.0/x", "::/129"] {
            assert!(TrustedProxies::parse(bad).is_err(), "{bad}");
        }
    }
}
