//! Reports (staff): the ticket report of a span of weeks — counts, response
//! and resolution times in business hours, breaches, by priority and by
//! assignee — with a bar chart of tickets opened per week.

pub mod effects;
pub mod hooks;
pub mod model;
pub mod msg;
pub mod update;
pub mod view;

pub use model::*;
