mod error_view;
mod layout;

pub use error_view::{ErrorPanel, ErrorView};
pub use layout::{SiteFooter, SiteHeader};
