//! The product's limits, in one place. The migrations repeat them as CHECK constraints and the
//! integration tests prove both agree.

/// Fewest people a draw can have.
pub const MIN_PARTICIPANTS: usize = 3;
/// Most people a draw can have.
pub const MAX_PARTICIPANTS: usize = 32;
/// Longest gift-preferences text, in characters (Unicode scalar values, like PostgreSQL's
/// `char_length`).
pub const MAX_GIFT_PREFERENCES_CHARS: usize = 10_000;
/// Longest email address (RFC 5321 path limit).
pub const MAX_EMAIL_CHARS: usize = 254;
/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// Longest password accepted (passphrases welcome; bounds the hashing work).
pub const MAX_PASSWORD_CHARS: usize = 128;
/// Longest draw name.
pub const MAX_DRAW_NAME_CHARS: usize = 120;
/// Longest first name or surname.
pub const MAX_PERSON_NAME_CHARS: usize = 100;
/// Longest message to participants.
pub const MAX_DRAW_MESSAGE_CHARS: usize = 2000;
/// A message of an anonymous conversation, in characters.
pub const MAX_MESSAGE_CHARS: usize = 2000;
/// Messages one side of a conversation may write in 24 hours.
pub const MESSAGES_PER_DAY: i64 = 30;
