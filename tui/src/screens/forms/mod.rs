//! Order forms, for admins: the default form and each organisation's own,
//! and an editor of a form's field list (add, remove, reorder, change a
//! field's label, key, type, whether it is required and a choice's
//! options). A save names the version it was based on, so an edit made
//! over someone else's is refused, not lost.

pub mod editor_view;
pub mod effects;
pub mod hooks;
pub mod list_view;
pub mod model;
pub mod msg;
pub mod update;

pub use model::*;
