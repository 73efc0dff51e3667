//! One folder per screen: its model, update and views.

pub mod dashboard;
pub mod invoices;
pub mod login;
pub mod orders;
pub mod thread;
pub mod tickets;
pub mod timesheets;
