//! A message thread under a ticket or an order: loading, replying, attachments.

pub mod effects;
pub mod hooks;
pub mod model;
pub mod msg;
pub mod update;
pub mod view;

pub use model::*;
