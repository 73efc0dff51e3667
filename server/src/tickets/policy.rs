//! Who may see and do what with tickets. The SQL side of the same rule is
//! `store::tickets` (it puts the scope into every query); the live-event
//! side is `sees`, used for each subscriber.

use portico_shared::{Actor, Id, Ticket, TicketPatch};

use crate::access::TicketScope;
use crate::events::Audience;

/// Fields only staff may change.
pub fn staff_only(req: &TicketPatch) -> bool {
    req.priority.is_some()
        || req.assignee_id.is_some()
        || req.deadline.is_some()
        || req.team.is_some()
        || req.tags.is_some()
}

/// Whether a change is news to the client: tags are staff's own.
pub fn client_visible(req: &TicketPatch) -> bool {
    req.status.is_some()
        || req.priority.is_some()
        || req.assignee_id.is_some()
        || req.deadline.is_some()
        || req.team.is_some()
}

/// Who hears of a change.
pub fn audience(client_visible: bool) -> Audience {
    if client_visible {
        Audience::Everyone
    } else {
        Audience::Staff
    }
}

/// Whose rules of status change apply.
pub fn actor(scope: &TicketScope) -> Actor {
    if scope.staff() {
        Actor::Staff
    } else {
        Actor::Client
    }
}

/// Whether a non-staff `scope` sees `ticket` (opened by `requester`): its
/// organisation, its own tickets when limited to them, none before the floor.
pub fn sees(scope: &TicketScope, ticket: &Ticket, requester: Id) -> bool {
    scope.staff()
        || (scope.org() == Some(ticket.organization.id)
            && scope.requester().is_none_or(|r| r == requester)
            && ticket.created_at.as_second() >= scope.floor())
}
