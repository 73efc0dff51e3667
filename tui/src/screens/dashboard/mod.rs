//! The dashboard: ticket counts and what needs the person.

pub mod model;
pub mod view;

pub use model::*;
