//! Mail status (admins): the outbox's counts, the mail not sent yet or
//! given up on (with the last error), and incoming mail held in
//! quarantine. Opened from Administration (`s`) or the palette (`mail`).

pub mod effects;
pub mod hooks;
pub mod model;
pub mod msg;
pub mod update;
pub mod view;

pub use model::*;
