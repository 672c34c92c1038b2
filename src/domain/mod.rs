//! Pure rules shared by the server and the browser: the same checks run live in a form and again
//! on the server, and the database's constraints mirror them as the last line.

pub mod date;
pub mod draw;
mod email;
pub mod gift_ideas;
mod gift_preferences;
pub mod limits;
pub mod matching;
pub mod money;
mod password;
pub mod text;
pub mod views;

pub use email::{Email, EmailError};
pub use gift_preferences::{GiftPreferences, GiftPreferencesError};
pub use password::{Password, PasswordError};
