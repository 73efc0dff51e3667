//! Timesheets: who's working, the week of entries, the worker's clock.

pub mod clock_view;
pub mod effects;
pub mod hooks;
pub mod model;
pub mod msg;
pub mod update;
pub mod week_view;
pub mod working_view;

pub use model::*;
