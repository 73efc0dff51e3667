//! Shift scheduling for staff: a week grid per location (days as columns,
//! shifts as blocks with the worker and times on the location's clocks),
//! adding a shift, moving one to another day or time, cancelling one
//! nobody has clocked into; live shift events keep it current.

pub mod draft;
pub mod effects;
pub mod grid_view;
pub mod hooks;
pub mod model;
pub mod msg;
pub mod update;

pub use draft::*;
pub use model::*;
