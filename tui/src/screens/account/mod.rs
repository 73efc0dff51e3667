//! The signed-in person's account: where they are signed in (ending any
//! of those sessions) and whether they sign in with a second factor.

pub mod effects;
pub mod hooks;
pub mod model;
pub mod msg;
pub mod update;
pub mod view;

pub use model::*;
