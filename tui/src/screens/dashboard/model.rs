//! The dashboard's model: the ticket counts and the person's own tickets.

use portico_shared::{Ticket, TicketQuery};

use crate::load::Load;

/// One number on the dashboard: `(count, more exist)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    pub label: &'static str,
    pub query: TicketQuery,
    pub value: Load<(usize, bool)>,
}

#[derive(Debug, Clone, Default)]
pub struct Dashboard {
    pub counts: Vec<Count>,
    /// Staff: assigned to me, by deadline. Clients: their open tickets.
    pub mine: Load<Vec<Ticket>>,
}
