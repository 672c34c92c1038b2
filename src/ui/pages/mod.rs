mod account;
mod draws;
mod home;
mod invite;
mod login;
mod not_found;
mod register;
mod reset;
mod reveal;

pub use account::AccountPage;
pub use draws::{DashboardPage, DrawPage, EditDetailsPage, EditDrawPage, NewDrawPage};
pub use home::HomePage;
pub use invite::InvitePage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use register::RegisterPage;
pub use reset::{ForgotPasswordPage, ResetPasswordPage};
pub use reveal::MatchPage;
