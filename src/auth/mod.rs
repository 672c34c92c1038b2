//! Who is asking: password hashing, sessions, the current user, login throttling.

pub mod password;
pub mod session;
pub mod throttle;

pub use password::PasswordService;
pub use session::{AuthUser, CurrentUser};
