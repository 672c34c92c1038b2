//! The one error type the browser ever sees. Each variant carries a message written for people;
//! the detail (database text, stack traces) stays in the server's log.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("We could not find that page. It may have moved, or the link may be mistyped.")]
    NotFound,
    #[error("Please correct the highlighted fields.")]
    Validation(Vec<FieldError>),
    #[error("Wrong email or password.")]
    InvalidCredentials,
    #[error("Please log in to continue.")]
    Unauthorized,
    #[error("Too many failed attempts. Please wait {} and try again.", wait_text(*retry_after_secs))]
    TooManyAttempts { retry_after_secs: u32 },
    #[error("Too many new accounts from your network just now. Please wait {} and try again.", wait_text(*retry_after_secs))]
    TooManyRegistrations { retry_after_secs: u32 },
    #[error("We are busy right now. Please try again in a moment.")]
    Unavailable,
    #[error("We could not get gift ideas just now. Please try again in a little while.")]
    GiftIdeasUnavailable,
    #[error("These ideas are fresh: you can ask for new ones in {}.", wait_text(*retry_after_secs))]
    RefreshTooSoon { retry_after_secs: u32 },
    #[error("That is all the new ideas for today for this match. Come back tomorrow for more.")]
    DailyLimitReached,
    #[error("We could not reach the server. Check your connection and try again.")]
    Network,
    #[error("We could not read that request. Please reload the page and try again.")]
    BadRequest,
    #[error("That is more than we can take at once. Please shorten it and try again.")]
    TooLarge,
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
}

fn wait_text(secs: u32) -> String {
    match secs {
        0..=1 => "a second".to_string(),
        2..=59 => format!("{secs} seconds"),
        60..=119 => "a minute".to_string(),
        _ => format!("{} minutes", secs.div_ceil(60)),
    }
}

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
    fn a_validation_error_finds_the_message_of_its_field() {
        let err = AppError::Validation(vec![FieldError::new("email", "Enter an email address.")]);
        assert_eq!(
            err.field("email").as_deref(),
            Some("Enter an email address.")
        );
        assert_eq!(err.field("password"), None);
    }
}
