//! Tickets: the list, a ticket's detail, assigning, composing.

pub mod detail_view;
pub mod list_view;
pub mod model;
pub mod update;

pub use model::*;
