use super::limits::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
use crate::i18n::Lang;
use crate::tr;

/// A new password as the product accepts it: 8 to 128 characters, kept exactly as typed
/// (spaces and any Unicode allowed, so passphrases work).
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordError {
    TooShort,
    TooLong,
}

impl PasswordError {
    /// The message for people, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            PasswordError::TooShort => {
                tr!(
                    lang,
                    "validation-password-too-short",
                    min = MIN_PASSWORD_CHARS
                )
            }
            PasswordError::TooLong => {
                tr!(
                    lang,
                    "validation-password-too-long",
                    max = MAX_PASSWORD_CHARS
                )
            }
        }
    }
}

/// The message in the language of the request ([`crate::i18n::current`]).
impl std::fmt::Display for PasswordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(crate::i18n::current()))
    }
}

impl std::error::Error for PasswordError {}

impl Password {
    pub fn parse(raw: &str) -> Result<Self, PasswordError> {
        let count = raw.chars().count();
        if count < MIN_PASSWORD_CHARS {
            Err(PasswordError::TooShort)
        } else if count > MAX_PASSWORD_CHARS {
            Err(PasswordError::TooLong)
        } else {
            Ok(Password(raw.to_string()))
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_characters_are_too_few_and_eight_are_enough() {
        assert_eq!(Password::parse("1234567"), Err(PasswordError::TooShort));
        assert!(Password::parse("12345678").is_ok());
    }

    #[test]
    fn a_passphrase_of_sixty_four_characters_and_more_is_accepted_up_to_128() {
        assert!(Password::parse(&"correct horse ".repeat(5)).is_ok());
        assert!(Password::parse(&"x".repeat(MAX_PASSWORD_CHARS)).is_ok());
        assert_eq!(
            Password::parse(&"x".repeat(MAX_PASSWORD_CHARS + 1)),
            Err(PasswordError::TooLong)
        );
    }

    #[test]
    fn characters_not_bytes_are_counted_and_spaces_are_kept() {
        assert!(Password::parse("ünïcødé").is_err());
        assert_eq!(
            Password::parse(" secret  words ").unwrap().expose(),
            " secret  words "
        );
    }

    #[test]
    fn a_password_never_shows_in_debug_output() {
        let shown = format!("{:?}", Password::parse("hunter2hunter2").unwrap());
        assert!(!shown.contains("hunter2"));
    }
}
