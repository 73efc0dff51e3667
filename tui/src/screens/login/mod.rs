//! Signing in, and the demo's accounts.

pub mod model;
pub mod view;

pub use model::*;
