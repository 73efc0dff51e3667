//! Standalone threads: the list with unread counts, and one thread's
//! messages with replies (the thread itself is the shared `thread` screen
//! part that tickets and orders use).

pub mod effects;
pub mod hooks;
pub mod model;
pub mod msg;
pub mod update;
pub mod view;

pub use model::*;
