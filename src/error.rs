//! The one error type the browser ever sees. Each variant carries a message written for people;
//! the detail (database text, stack traces) stays in the server's log.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::tr;

/// A message that belongs to one form field (`field` is the input's `name`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl ToString) -> Self {
        FieldError {
            field: field.to_string(),
            message: message.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    NotFound,
    Validation(Vec<FieldError>),
    InvalidCredentials,
    Unauthorized,
    TooManyAttempts { retry_after_secs: u32 },
    TooManyRegistrations { retry_after_secs: u32 },
    Unavailable,
    GiftIdeasUnavailable,
    RefreshTooSoon { retry_after_secs: u32 },
    DailyLimitReached,
    Network,
    BadRequest,
    TooLarge,
    Internal,
}

/// A wait in the words people use ("a minute", "15 minutes"; "minutę", "15 minut").
fn wait_text(lang: Lang, secs: u32) -> String {
    match secs {
        0..=1 => tr!(lang, "wait-a-second").to_string(),
        2..=59 => tr!(lang, "wait-seconds", count = secs),
        60..=119 => tr!(lang, "wait-a-minute").to_string(),
        _ => tr!(lang, "wait-minutes", count = secs.div_ceil(60)),
    }
}

impl AppError {
    /// The message for people, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            AppError::NotFound => tr!(lang, "error-not-found").to_string(),
            AppError::Validation(_) => tr!(lang, "error-validation").to_string(),
            AppError::InvalidCredentials => tr!(lang, "error-invalid-credentials").to_string(),
            AppError::Unauthorized => tr!(lang, "error-unauthorized").to_string(),
            AppError::TooManyAttempts { retry_after_secs } => tr!(
                lang,
                "error-too-many-attempts",
                wait = wait_text(lang, *retry_after_secs)
            ),
            AppError::TooManyRegistrations { retry_after_secs } => tr!(
                lang,
                "error-too-many-registrations",
                wait = wait_text(lang, *retry_after_secs)
            ),
            AppError::Unavailable => tr!(lang, "error-unavailable").to_string(),
            AppError::GiftIdeasUnavailable => tr!(lang, "error-ideas-unavailable").to_string(),
            AppError::RefreshTooSoon { retry_after_secs } => tr!(
                lang,
                "error-refresh-too-soon",
                wait = wait_text(lang, *retry_after_secs)
            ),
            AppError::DailyLimitReached => tr!(lang, "error-daily-limit").to_string(),
            AppError::Network => tr!(lang, "error-network").to_string(),
            AppError::BadRequest => tr!(lang, "error-bad-request").to_string(),
            AppError::TooLarge => tr!(lang, "error-too-large").to_string(),
            AppError::Internal => tr!(lang, "error-internal").to_string(),
        }
    }
}

/// The message in the language of what is being made now ([`crate::i18n::current`]).
impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(crate::i18n::current()))
    }
}

impl std::error::Error for AppError {}

impl AppError {
    /// The HTTP status that goes with the error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Validation(_) => 422,
            AppError::InvalidCredentials | AppError::Unauthorized => 401,
            AppError::TooManyAttempts { .. }
            | AppError::TooManyRegistrations { .. }
            | AppError::RefreshTooSoon { .. }
            | AppError::DailyLimitReached => 429,
            AppError::Unavailable | AppError::GiftIdeasUnavailable => 503,
            AppError::Network => 502,
            AppError::BadRequest => 400,
            AppError::TooLarge => 413,
            AppError::Internal => 500,
        }
    }

    /// The message for one form field, if this error has one.
    pub fn field(&self, name: &str) -> Option<String> {
        match self {
            AppError::Validation(errors) => errors
                .iter()
                .find(|e| e.field == name)
                .map(|e| e.message.clone()),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Network,
            // Arguments that are missing, of the wrong type or malformed. (A body over the limit
            // never gets here: `server::api_errors` answers it first.)
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => AppError::BadRequest,
            // Other variants may hold internal text: never pass it on.
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::PoolTimedOut => {
                tracing::warn!("database pool exhausted");
                AppError::Unavailable
            }
            other => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_is_told_in_words_people_use() {
        let message = |s| {
            AppError::TooManyAttempts {
                retry_after_secs: s,
            }
            .to_string()
        };
        assert!(message(1).contains("wait a second"));
        assert!(message(42).contains("wait 42 seconds"));
        assert!(message(61).contains("wait a minute"));
        assert!(message(900).contains("wait 15 minutes"));
    }

    #[test]
    fn the_wait_is_told_in_polish_with_its_plural_forms() {
        let message = |s| {
            AppError::TooManyAttempts {
                retry_after_secs: s,
            }
            .text(Lang::Pl)
        };
        assert!(message(1).contains("Odczekaj sekundę"));
        assert!(message(42).contains("Odczekaj 42 sekundy"));
        assert!(message(45).contains("Odczekaj 45 sekund"));
        assert!(message(61).contains("Odczekaj minutę"));
        assert!(message(180).contains("Odczekaj 3 minuty"));
        assert!(message(900).contains("Odczekaj 15 minut"));
    }

    #[test]
    fn a_validation_error_finds_the_message_of_its_field() {
        let err = AppError::Validation(vec![FieldError::new("email", "Enter an email address.")]);
        assert_eq!(
            err.field("email").as_deref(),
            Some("Enter an email address.")
        );
        assert_eq!(err.field("password"), None);
    }
}
