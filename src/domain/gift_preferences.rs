use serde::{Deserialize, Serialize};

use super::limits::MAX_GIFT_PREFERENCES_CHARS;
use crate::i18n::Lang;
use crate::tr;

/// What a participant would like to receive: free text of at most 10,000 characters (may be
/// empty). Characters are counted as PostgreSQL's `char_length` counts them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GiftPreferences(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GiftPreferencesError {
    /// How many characters there are now.
    TooLong(usize),
    ControlCharacters,
}

impl GiftPreferencesError {
    /// The message for people, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            GiftPreferencesError::TooLong(count) => tr!(
                lang,
                "validation-wishes-too-long",
                max = MAX_GIFT_PREFERENCES_CHARS,
                count = *count
            ),
            GiftPreferencesError::ControlCharacters => {
                tr!(lang, "validation-control-characters").to_string()
            }
        }
    }
}

/// The message in the language of the request ([`crate::i18n::current`]).
impl std::fmt::Display for GiftPreferencesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(crate::i18n::current()))
    }
}

impl std::error::Error for GiftPreferencesError {}

impl GiftPreferences {
    pub fn parse(raw: &str) -> Result<Self, GiftPreferencesError> {
        let text = super::text::multi_line_text(raw);
        let text = text.as_str();
        let count = text.chars().count();
        if count > MAX_GIFT_PREFERENCES_CHARS {
            return Err(GiftPreferencesError::TooLong(count));
        }
        if !super::text::multi_line_ok(text) {
            return Err(GiftPreferencesError::ControlCharacters);
        }
        Ok(GiftPreferences(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_break_a_form_post_sends_as_cr_lf_counts_and_is_kept_as_one_character() {
        let lines = format!("{}\r\n{}", "a".repeat(5_000), "b".repeat(4_999));
        let parsed = GiftPreferences::parse(&lines).expect("10,000 characters with the break");
        assert_eq!(parsed.as_str().chars().count(), MAX_GIFT_PREFERENCES_CHARS);
        assert!(!parsed.as_str().contains('\r'));
    }

    #[test]
    fn empty_preferences_are_allowed() {
        assert_eq!(GiftPreferences::parse("").unwrap().as_str(), "");
    }

    #[test]
    fn ten_thousand_characters_are_accepted_and_one_more_is_refused() {
        let at_limit = "x".repeat(MAX_GIFT_PREFERENCES_CHARS);
        assert!(GiftPreferences::parse(&at_limit).is_ok());
        let over = format!("{at_limit}y");
        assert_eq!(
            GiftPreferences::parse(&over),
            Err(GiftPreferencesError::TooLong(
                MAX_GIFT_PREFERENCES_CHARS + 1
            ))
        );
    }

    #[test]
    fn a_nul_character_is_refused_but_line_breaks_are_kept() {
        assert_eq!(
            GiftPreferences::parse("books\0"),
            Err(GiftPreferencesError::ControlCharacters)
        );
        assert_eq!(
            GiftPreferences::parse("books\npuzzles").unwrap().as_str(),
            "books\npuzzles"
        );
    }

    #[test]
    fn characters_not_bytes_are_counted() {
        let emoji = "🎁".repeat(MAX_GIFT_PREFERENCES_CHARS);
        assert!(GiftPreferences::parse(&emoji).is_ok());
    }

    #[test]
    fn surrounding_whitespace_is_trimmed() {
        assert_eq!(
            GiftPreferences::parse("  books \n").unwrap().as_str(),
            "books"
        );
    }
}
