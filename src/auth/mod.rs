//! Who is asking: password hashing, sessions, the current user, login throttling.

pub mod password;
pub mod session;
pub mod session_store;
pub mod throttle;

pub use password::PasswordService;
pub use session::{AuthUser, CurrentUser};
