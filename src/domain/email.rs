use serde::{Deserialize, Serialize};

use super::limits::MAX_EMAIL_CHARS;

/// An email address as the product accepts it: trimmed, lower-cased, one `@`, a dot in the
/// domain, no spaces, at most 254 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("Enter an email address.")]
    Empty,
    #[error("An email address can have at most {MAX_EMAIL_CHARS} characters.")]
    TooLong,
    #[error("Enter an email address like name@example.org.")]
    Invalid,
}

impl Email {
    pub fn parse(raw: &str) -> Result<Self, EmailError> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err(EmailError::Empty);
        }
        if email.chars().count() > MAX_EMAIL_CHARS {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = email.split_once('@').ok_or(EmailError::Invalid)?;
        let well_formed = !local.is_empty()
            && !domain.contains('@')
            && !email.chars().any(char::is_whitespace)
            && domain
                .split_once('.')
                .is_some_and(|(head, _)| !head.is_empty())
            && !domain.ends_with('.');
        if well_formed {
            Ok(Email(email))
        } else {
            Err(EmailError::Invalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_trimmed_and_lower_cased() {
        let email = Email::parse("  Ada.Lovelace@Example.ORG ").unwrap();
        assert_eq!(email.as_str(), "ada.lovelace@example.org");
    }

    #[test]
    fn an_empty_or_blank_address_is_refused_as_empty() {
        assert_eq!(Email::parse(""), Err(EmailError::Empty));
        assert_eq!(Email::parse("   "), Err(EmailError::Empty));
    }

    #[test]
    fn addresses_without_an_at_sign_a_dotted_domain_or_with_spaces_are_refused() {
        for bad in [
            "ada",
            "ada@",
            "@example.org",
            "ada@example",
            "ada@@example.org",
            "ada@.org",
            "ada@example.",
            "ada lovelace@example.org",
        ] {
            assert_eq!(Email::parse(bad), Err(EmailError::Invalid), "{bad}");
        }
    }

    #[test]
    fn an_address_of_254_characters_is_accepted_and_one_of_255_is_refused() {
        let domain = "@example.org";
        let at_limit = format!("{}{domain}", "a".repeat(MAX_EMAIL_CHARS - domain.len()));
        assert!(Email::parse(&at_limit).is_ok());
        let over = format!("a{at_limit}");
        assert_eq!(Email::parse(&over), Err(EmailError::TooLong));
    }
}
