//! Administration, for admins: people (invite with the code shown once,
//! resend, remove, readmit), organisations (create, edit, ticket history,
//! welcome text, their locations), modules and the audit log.

pub mod effects;
pub mod hooks;
pub mod model;
pub mod msg;
pub mod update;
pub mod view;

pub use model::*;
