//! Gift-idea providers: an OpenAI-compatible chat-completions client (OpenRouter, OpenAI, Ollama,
//! vLLM, llama.cpp …) with bounded time and retries, or the built-in offline provider.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::domain::gift_ideas::{Budget, GiftIdea};
use crate::i18n::Lang;

mod language;
mod offline;
mod reply;

pub use language::prompt_language;
pub use offline::offline_ideas;
pub use reply::{parse_reply, prompt, reply_schema, ReplyError};

// The settings live in `config`, with every other setting; they are re-exported here for the
// code that builds a provider.
pub use crate::config::{
    GiftConfig, ProviderConfig, DEFAULT_CONNECT_TIMEOUT_SECONDS, DEFAULT_DAILY_CAP,
    DEFAULT_MAX_RETRIES, DEFAULT_REFRESH_COOLDOWN_SECONDS, DEFAULT_REQUEST_TIMEOUT_SECONDS,
    DEFAULT_TOTAL_TIMEOUT_SECONDS,
};

/// Ideas and where they came from.
#[derive(Debug, Clone)]
pub struct Generated {
    pub ideas: Vec<GiftIdea>,
    /// "provider" or "offline".
    pub source: &'static str,
    pub model: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    #[error("the provider did not answer within {0:?}")]
    Timeout(Duration),
    #[error("the provider answered HTTP {0}")]
    Status(u16),
    #[error("the provider could not be reached: {0}")]
    Transport(String),
    #[error("the provider's reply was unusable: {0}")]
    Malformed(String),
}

/// What one attempt ended with.
enum Attempt {
    Done(Vec<GiftIdea>),
    /// Worth another try, after the provider's `Retry-After` when it gave one.
    Retry(ProviderError, Option<Duration>),
    Fail(ProviderError),
}

#[derive(Clone)]
pub struct GiftService {
    config: Arc<GiftConfig>,
    http: Option<reqwest::Client>,
}

impl GiftService {
    pub fn new(config: GiftConfig) -> Self {
        let http = config.provider.as_ref().map(|p| {
            crate::runtime::install_crypto_provider();
            reqwest::Client::builder()
                .connect_timeout(p.connect_timeout)
                .user_agent(concat!("secret-santa/", env!("CARGO_PKG_VERSION")))
                .build()
                .expect("the HTTP client for the gift-ideas provider cannot be built")
        });
        GiftService {
            config: Arc::new(config),
            http,
        }
    }

    pub fn config(&self) -> &GiftConfig {
        &self.config
    }

    /// How long one request for ideas may take at most: other requests for the same match wait
    /// this long for it.
    pub fn bound(&self) -> Duration {
        self.config
            .provider
            .as_ref()
            .map_or(Duration::from_secs(5), |p| p.total_timeout)
    }

    /// Ideas for `wishes` within `budget`, written in `language` (the page's).
    pub async fn generate(
        &self,
        wishes: &str,
        budget: Option<&Budget>,
        language: Lang,
    ) -> Result<Generated, ProviderError> {
        let (Some(provider), Some(http)) = (&self.config.provider, &self.http) else {
            return Ok(Generated {
                ideas: offline_ideas(wishes, budget, language),
                source: "offline",
                model: "offline".into(),
            });
        };
        let (system, user) = prompt(wishes, budget, language);
        let body = serde_json::json!({
            "model": provider.model,
            "messages": [
                { "role": "system", "content": system },
                { "role": "user", "content": user },
            ],
            "temperature": 0.8,
            "max_tokens": 1200,
            "response_format": {
                "type": "json_schema",
                "json_schema": { "name": "gift_ideas", "strict": true, "schema": reply_schema() },
            },
        });
        let started = Instant::now();
        let deadline = started + provider.total_timeout;
        let mut retries = 0;
        loop {
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                return Err(ProviderError::Timeout(provider.total_timeout));
            }
            let limit = remaining.min(provider.request_timeout);
            let attempt =
                match tokio::time::timeout(limit, attempt(http, provider, &body, limit)).await {
                    Ok(outcome) => outcome,
                    Err(_) => Attempt::Retry(ProviderError::Timeout(limit), None),
                };
            let (error, retry_after) = match attempt {
                Attempt::Done(ideas) => {
                    return Ok(Generated {
                        ideas,
                        source: "provider",
                        model: provider.model.clone(),
                    })
                }
                Attempt::Fail(error) => return Err(error),
                Attempt::Retry(error, retry_after) => (error, retry_after),
            };
            if retries >= provider.max_retries {
                return Err(error);
            }
            let wait = retry_after.unwrap_or_else(|| backoff(provider.retry_base, retries));
            if Instant::now() + wait >= deadline {
                tracing::warn!(%error, ?wait, "gift ideas: no time left for another try");
                return Err(match error {
                    ProviderError::Timeout(_) => ProviderError::Timeout(provider.total_timeout),
                    other => other,
                });
            }
            tracing::info!(%error, ?wait, retry = retries + 1, "gift ideas: retrying");
            tokio::time::sleep(wait).await;
            retries += 1;
        }
    }
}

/// `base · 2^n`, plus up to half of that again at random so clients do not retry in step.
fn backoff(base: Duration, n: u32) -> Duration {
    let wait = base.saturating_mul(1 << n.min(6));
    let jitter_ms = u64::try_from(wait.as_millis() / 2).unwrap_or(0);
    let jitter = if jitter_ms == 0 {
        0
    } else {
        getrandom::u64().unwrap_or(0) % jitter_ms
    };
    wait + Duration::from_millis(jitter)
}

/// `Retry-After` in seconds (the HTTP-date form is rare for APIs and is ignored).
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let secs: f64 = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(3600.0)))
}

async fn attempt(
    http: &reqwest::Client,
    provider: &ProviderConfig,
    body: &serde_json::Value,
    limit: Duration,
) -> Attempt {
    let mut request = http
        .post(format!("{}/chat/completions", provider.base_url))
        .timeout(limit)
        .json(body);
    if let Some(key) = &provider.api_key {
        request = request.bearer_auth(key.expose());
    }
    let response = match request.send().await {
        Ok(response) => response,
        Err(e) if e.is_timeout() => return Attempt::Retry(ProviderError::Timeout(limit), None),
        Err(e) => return Attempt::Retry(ProviderError::Transport(e.to_string()), None),
    };
    let status = response.status();
    if status == reqwest::StatusCode::TOO_MANY_REQUESTS
        || status == reqwest::StatusCode::REQUEST_TIMEOUT
        || status.is_server_error()
    {
        let wait = retry_after(response.headers());
        return Attempt::Retry(ProviderError::Status(status.as_u16()), wait);
    }
    if !status.is_success() {
        return Attempt::Fail(ProviderError::Status(status.as_u16()));
    }
    // Replies are small; a huge one is refused rather than read into memory.
    const MAX_REPLY_BYTES: usize = 256 * 1024;
    if response
        .content_length()
        .is_some_and(|n| n > MAX_REPLY_BYTES as u64)
    {
        return Attempt::Fail(ProviderError::Malformed("reply too large".into()));
    }
    let bytes = match response.bytes().await {
        Ok(bytes) if bytes.len() <= MAX_REPLY_BYTES => bytes,
        Ok(_) => return Attempt::Fail(ProviderError::Malformed("reply too large".into())),
        Err(e) if e.is_timeout() => return Attempt::Retry(ProviderError::Timeout(limit), None),
        Err(e) => return Attempt::Retry(ProviderError::Transport(e.to_string()), None),
    };
    let content = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| {
            v.pointer("/choices/0/message/content")
                .and_then(|c| c.as_str())
                .map(str::to_string)
        });
    let Some(content) = content else {
        return Attempt::Fail(ProviderError::Malformed(
            "no choices[0].message.content".into(),
        ));
    };
    match parse_reply(&content) {
        Ok(ideas) => Attempt::Done(ideas),
        Err(e) => Attempt::Fail(ProviderError::Malformed(e.to_string())),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A budget of `whole` euros.
    pub fn eur(whole: i64) -> Budget {
        Budget {
            minor: whole * 100,
            currency: "EUR".into(),
        }
    }

    #[test]
    fn backoff_doubles_and_adds_at_most_half_again_of_jitter() {
        let base = Duration::from_millis(100);
        for n in 0..4 {
            let wait = backoff(base, n);
            let floor = base * (1 << n);
            assert!(
                wait >= floor && wait < floor + floor / 2,
                "{wait:?} for try {n}"
            );
        }
    }

    #[test]
    fn retry_after_in_seconds_is_honoured_and_nonsense_ignored() {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(reqwest::header::RETRY_AFTER, "2".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(2)));
        headers.insert(reqwest::header::RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&headers), None);
    }
}
