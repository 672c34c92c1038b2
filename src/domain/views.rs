//! What the server reads from the database and sends to the browser as it is: one type for both,
//! so the row and the view cannot drift apart. The server functions add what only they know.

use serde::{Deserialize, Serialize};

/// What an invitation's page may show (see `app.invitation_info`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct InvitationDetails {
    pub participant_name: String,
    /// The address the organizer listed (offered as the new account's email).
    pub invited_email: String,
    pub draw_name: String,
    /// The organizer's name (their address when they gave none).
    pub organizer: String,
    /// When the link was used, as "26 November 2026 at 14:05 UTC"; None while it still works.
    pub used_on: Option<String>,
    /// An account already uses the invited address (its owner logs in to join).
    pub account_exists: bool,
}

/// A draw as one of its participants sees it, without the match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ParticipantDraw {
    pub name: String,
    pub organizer: Option<String>,
    pub exchange_date: Option<String>,
    pub message: Option<String>,
    /// The draw has run, so there is a match to reveal.
    pub drawn: bool,
    /// The giver has opened their current match.
    pub viewed: bool,
    /// When the match was changed after the draw (someone left or joined), if it was.
    pub changed_on: Option<String>,
    pub organizing: bool,
    pub my_wishes: String,
}
