//! Tickets: the list, a ticket's detail, assigning, composing.

pub mod detail_view;
pub mod effects;
pub mod hooks;
pub mod list_view;
pub mod model;
pub mod msg;
pub mod update;

pub use model::*;
