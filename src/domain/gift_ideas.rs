//! Gift ideas: their shape and limits, and the budget they are priced for. What only the server
//! needs (the prompt, the reply's schema and checks, the offline ideas) lives in `gifts`.

use serde::{Deserialize, Serialize};

/// Fewest ideas a reply must carry.
pub const MIN_IDEAS: usize = 3;
/// Most ideas kept from a reply.
pub const MAX_IDEAS: usize = 6;
pub const MAX_TITLE_CHARS: usize = 120;
pub const MAX_WHY_CHARS: usize = 400;
pub const MAX_PRICE_CHARS: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GiftIdea {
    pub title: String,
    /// Why it fits the wishes.
    pub why: String,
    /// A rough price, in words ("about 20–30 EUR").
    pub price: String,
}

/// Gift ideas for a match, as the giver's page shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GiftIdeaList {
    pub ideas: Vec<GiftIdea>,
    /// Made by the built-in offline provider, not by an AI model.
    pub offline: bool,
    pub made_at: String,
    /// The recipient's wishes or the budget changed since these were made.
    pub wishes_changed: bool,
}

/// The draw's budget as the prompt and the offline provider see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    /// In minor units (cents).
    pub minor: i64,
    pub currency: String,
}

impl Budget {
    pub fn describe(&self) -> String {
        format!(
            "{} {}",
            super::money::format_amount(self.minor),
            self.currency
        )
    }
}
