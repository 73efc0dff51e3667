//! Service levels: the SLA settings (targets per priority in business
//! hours) and the ticket report measured against them, as JSON and CSV.

pub mod report;
pub mod routes;

pub use routes::router;
