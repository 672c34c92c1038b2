mod draw_editor;
mod error_view;
mod field;
mod invitations;
mod layout;

pub use draw_editor::{DrawEditor, CURRENCIES};
pub use error_view::{respond_with, ErrorPanel, ErrorView};
pub use field::{Field, FormErrors, FormMessage, FormPanel, NewPasswordFields, Saved};
pub use invitations::{InvitationLinks, LinkHolderWarning, ParticipantStatusList};
pub use layout::{SiteFooter, SiteHeader};
