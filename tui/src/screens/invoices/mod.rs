//! Invoices & quotes: a list of each, one invoice or quote with its lines;
//! a client accepts or declines a quote and saves an invoice's PDF; staff
//! write, send and void them.

pub mod detail_view;
pub mod effects;
pub mod hooks;
pub mod list_view;
pub mod model;
pub mod msg;
pub mod update;

pub use model::*;
