//! The messages and effects of the reports.

use portico_shared::{ReportQuery, TicketReport};

use crate::failure::Outcome;

#[derive(Debug, Clone)]
pub enum ReportsMsg {
    Report(Outcome<Box<TicketReport>>),
}

#[derive(Debug, Clone)]
pub enum ReportsEffect {
    Fetch(ReportQuery),
}
