//! Orders: the list, an order's detail, its forms.

pub mod detail_view;
pub mod effects;
pub mod forms;
pub mod hooks;
pub mod list_view;
pub mod model;
pub mod msg;
pub mod update;

pub use model::*;
