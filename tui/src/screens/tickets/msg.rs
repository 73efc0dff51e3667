//! The messages and effects of tickets: the list, its counts, one ticket,
//! changes to tickets.

use portico_shared::{
    BulkAssign, BulkResult, Id, NewTicket, OrganizationRef, Page, PersonRef, Ticket, TicketPatch,
    TicketQuery,
};

use crate::failure::Outcome;

/// What background work answers to this screen.
#[derive(Debug, Clone)]
pub enum TicketsMsg {
    Tickets {
        generation: u64,
        append: bool,
        result: Outcome<Page<Ticket>>,
    },
    Count {
        slot: usize,
        result: Outcome<(usize, bool)>,
    },
    /// The dashboard's own tickets (see `Dashboard::mine`).
    Mine(Outcome<Page<Ticket>>),
    Ticket(Outcome<Box<Ticket>>),
    /// A ticket changed by this person (patch, assign, create).
    Saved(Outcome<Box<Ticket>>),
    /// The ticket this person just opened in the compose editor.
    Created(Outcome<Box<Ticket>>),
    Bulk(Outcome<BulkResult>),
    Staff(Outcome<Vec<PersonRef>>),
    /// Organisations whose name holds `query`, for a new ticket.
    OrgChoices {
        query: String,
        result: Outcome<Vec<OrganizationRef>>,
    },
    /// The active contacts of `org`, for a new ticket's requester.
    Contacts {
        org: Id,
        result: Outcome<Vec<PersonRef>>,
    },
}

/// Work this screen asks the runtime for; `update` returns it as data.
#[derive(Debug, Clone)]
pub enum TicketsEffect {
    FetchTickets {
        generation: u64,
        append: bool,
        query: TicketQuery,
    },
    FetchCount {
        slot: usize,
        query: TicketQuery,
    },
    FetchTicket(Id),
    FetchMine(TicketQuery),
    Patch {
        id: Id,
        patch: TicketPatch,
    },
    BulkAssign(BulkAssign),
    FetchStaff,
    Create(NewTicket),
    FetchOrgChoices(String),
    FetchContacts(Id),
}
