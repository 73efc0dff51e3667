//! Tickets: the client's requests and the staff's triage inbox.

pub mod ops;
pub mod policy;
pub mod routes;

pub use routes::router;
