//! Portico's API contract: the request and response types, enums and pure
//! validation that the server and the terminal app both use. Only data here:
//! no I/O, no HTTP framework, no terminal code.

#[macro_use]
pub mod enums;
pub mod auth;
pub mod conversations;
pub mod error;
pub mod invoices;
pub mod knowledge;
pub mod mail;
pub mod money;
pub mod orders;
pub mod org;
pub mod page;
pub mod projects;
pub mod serde_util;
pub mod sla;
pub mod support;
pub mod tickets;
pub mod timesheets;
pub mod validate;

pub use auth::*;
pub use conversations::*;
pub use enums::*;
pub use error::*;
pub use invoices::*;
pub use knowledge::*;
pub use mail::*;
pub use orders::*;
pub use org::*;
pub use page::*;
pub use projects::*;
pub use sla::*;
pub use support::*;
pub use tickets::*;
pub use timesheets::*;

/// Every id in the API is a positive integer.
pub type Id = i64;

/// Timestamps travel as RFC 3339 strings in UTC.
pub type Timestamp = jiff::Timestamp;
