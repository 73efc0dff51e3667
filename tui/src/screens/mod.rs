//! One folder per screen: its model, update and views.

pub mod account;
pub mod admin;
pub mod conversations;
pub mod dashboard;
pub mod forms;
pub mod invoices;
pub mod knowledge;
pub mod login;
pub mod mail;
pub mod orders;
pub mod projects;
pub mod reports;
pub mod shifts;
pub mod thread;
pub mod tickets;
pub mod timesheets;
