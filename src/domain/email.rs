use serde::{Deserialize, Serialize};

use super::limits::MAX_EMAIL_CHARS;
use crate::i18n::Lang;
use crate::tr;

/// An email address as the product accepts it, in its one canonical form: trimmed, in Unicode
/// NFC, lower-cased by Rust's rules (then NFC again, as lower-casing can decompose: `İ` → `i̇`),
/// one `@`, a dot in the domain, no spaces, no invisible or control characters, at most 254
/// characters. Register, login, the login throttle, invitations and draws all compare this form,
/// and the database stores it as it is (it never lower-cases by its own rules).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailError {
    Empty,
    TooLong,
    Invalid,
    Invisible,
}

impl EmailError {
    /// The message for people, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            EmailError::Empty => tr!(lang, "validation-email-empty").to_string(),
            EmailError::TooLong => tr!(lang, "validation-email-too-long", max = MAX_EMAIL_CHARS),
            EmailError::Invalid => tr!(lang, "validation-email-invalid").to_string(),
            EmailError::Invisible => tr!(lang, "validation-email-invisible").to_string(),
        }
    }
}

/// The message in the language of the request ([`crate::i18n::current`]).
impl std::fmt::Display for EmailError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(crate::i18n::current()))
    }
}

impl std::error::Error for EmailError {}

/// Unicode NFC. Only the server normalizes (the browser's copy would carry the tables in the
/// wasm); the server's answer is the one that counts.
#[cfg(feature = "ssr")]
fn nfc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().collect()
}

#[cfg(not(feature = "ssr"))]
fn nfc(text: &str) -> String {
    text.to_string()
}

impl Email {
    pub fn parse(raw: &str) -> Result<Self, EmailError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(EmailError::Empty);
        }
        if trimmed
            .chars()
            .any(|c| c.is_control() || super::text::is_invisible(c))
        {
            return Err(EmailError::Invisible);
        }
        let email = nfc(&nfc(trimmed).to_lowercase());
        if email.chars().count() > MAX_EMAIL_CHARS {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = email.split_once('@').ok_or(EmailError::Invalid)?;
        let well_formed =
            !email.chars().any(char::is_whitespace) && plain_local_part(local) && host_name(domain);
        if well_formed {
            Ok(Email(email))
        } else {
            Err(EmailError::Invalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The mailbox the address reaches: without a `+tag` in the part before the `@`, which most
    /// providers deliver to the same person, and for Gmail without dots (googlemail.com is
    /// gmail.com). Limits on mail to a person count per mailbox, so a spelling does not reset
    /// them (the database's `app.mailbox_of` follows the same rule).
    pub fn mailbox(&self) -> String {
        let (local, domain) = self.0.rsplit_once('@').unwrap_or((&self.0, ""));
        let local = local.split_once('+').map_or(local, |(base, _)| base);
        if domain == "gmail.com" || domain == "googlemail.com" {
            format!("{}@gmail.com", local.replace('.', ""))
        } else {
            format!("{local}@{domain}")
        }
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The part before the `@` as mail servers take it without quoting (RFC 5322's dot-atom, with
/// any non-ASCII character as RFC 6531 allows — invisible and control characters were refused
/// before): no leading, trailing or doubled dot, none of `"(),:;<>[\]`.
/// Quoted local parts are refused: mail software treats them inconsistently, and nobody gives one.
fn plain_local_part(local: &str) -> bool {
    !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| {
            !c.is_ascii() || c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-.".contains(c)
        })
}

/// A domain that mail can be sent to: dotted labels of ASCII letters, digits and inner hyphens,
/// or non-ASCII characters (an internationalized name). An address literal such as `[127.0.0.1]` is refused: the mailer cannot send to it.
fn host_name(domain: &str) -> bool {
    domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.chars().count() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .chars()
                    .all(|c| !c.is_ascii() || c.is_ascii_alphanumeric() || c == '-')
        })
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
    fn invisible_and_control_characters_are_refused_rather_than_kept_or_dropped() {
        for bad in [
            "ada\u{200B}@example.org",
            "ada@exam\u{200D}ple.org",
            "\u{FEFF}ada@example.org",
            "ada@example.org\u{0}",
            "ada\n@example.org",
        ] {
            assert_eq!(Email::parse(bad), Err(EmailError::Invisible), "{bad:?}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn composed_and_decomposed_spellings_of_one_address_are_the_same_address() {
        let composed = Email::parse("zoë@example.org").unwrap();
        let decomposed = Email::parse("zoe\u{308}@example.org").unwrap();
        assert_eq!(composed, decomposed);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_dotted_capital_i_has_one_lower_case_form_whatever_the_case_typed() {
        let upper = Email::parse("\u{130}NCI@example.org").unwrap();
        let lower = Email::parse("i\u{307}nci@example.org").unwrap();
        assert_eq!(upper, lower);
        assert_eq!(
            Email::parse(upper.as_str()).unwrap(),
            upper,
            "canonical is a fixed point"
        );
    }

    #[test]
    fn a_tagged_address_or_a_dotted_gmail_one_reaches_the_mailbox_of_the_plain_one() {
        let tagged = Email::parse("Ada+Santa+2026@Example.org").unwrap();
        assert_eq!(tagged.mailbox(), "ada@example.org");
        let plain = Email::parse("ada@example.org").unwrap();
        assert_eq!(plain.mailbox(), "ada@example.org");
        let other = Email::parse("adam@example.org").unwrap();
        assert_ne!(other.mailbox(), tagged.mailbox());
        let dotted = Email::parse("A.da.L+x@GoogleMail.com").unwrap();
        assert_eq!(dotted.mailbox(), "adal@gmail.com");
        let elsewhere = Email::parse("a.da@example.org").unwrap();
        assert_eq!(
            elsewhere.mailbox(),
            "a.da@example.org",
            "dots count elsewhere"
        );
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
            "ada@[127.0.0.1]",
            "ada@exa_mple.org",
            "ada@example..org",
            "ada@-example.org",
            ".ada@example.org",
            "ada.@example.org",
            "a..da@example.org",
            "\"ada\"@example.org",
            "a<da>@example.org",
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

    #[test]
    fn ordinary_addresses_of_any_script_with_tags_and_subdomains_are_accepted() {
        for good in [
            "o'brien+santa@mail.example.org",
            "first.last@example.co.uk",
            "x_y-z@sub-domain.example.org",
            "ünsal@exämple.de",
        ] {
            assert_eq!(Email::parse(good).unwrap().as_str(), good);
        }
    }
}
