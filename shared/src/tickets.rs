//! Tickets, threads, messages, attachments and live events, plus the ticket
//! lifecycle rules that both the server and the app apply.

use serde::{Deserialize, Serialize};

use crate::{Id, OrganizationRef, Timestamp};

text_enum! {
    /// `new` (unassigned) → `open` → `pending` (waiting on the client) → `resolved` → `closed`.
    TicketStatus {
        New => "new",
        Open => "open",
        Pending => "pending",
        Resolved => "resolved",
        Closed => "closed",
    }
}

text_enum! {
    Priority {
        Low => "low",
        Normal => "normal",
        High => "high",
        Urgent => "urgent",
    }
}

text_enum! {
    /// Where a ticket came from; shown as a symbol in lists.
    TicketSource {
        Portal => "portal",
        Email => "email",
        Staff => "staff",
        Form => "form",
    }
}

text_enum! {
    /// Staff triage views; clients always see their own scope.
    TicketView {
        Unassigned => "unassigned",
        Mine => "mine",
        Team => "team",
        Overdue => "overdue",
        All => "all",
    }
}

text_enum! {
    TicketSort {
        Created => "created",
        Updated => "updated",
        Deadline => "deadline",
        Priority => "priority",
        TimeLeft => "time_left",
    }
}

text_enum! {
    /// The client's tabs: open means anything not resolved or closed.
    TicketTab {
        Open => "open",
        Closed => "closed",
    }
}

impl TicketStatus {
    /// Resolved and closed tickets are on the client's "closed" tab.
    pub fn is_done(self) -> bool {
        matches!(self, TicketStatus::Resolved | TicketStatus::Closed)
    }
}

impl TicketSource {
    /// A one-character symbol for lists.
    pub fn symbol(self) -> char {
        match self {
            TicketSource::Portal => '◆',
            TicketSource::Email => '@',
            TicketSource::Staff => '★',
            TicketSource::Form => '▤',
        }
    }
}

/// Someone named on a ticket or message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonRef {
    pub id: Id,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ticket {
    pub id: Id,
    pub subject: String,
    pub body: String,
    pub status: TicketStatus,
    pub priority: Priority,
    pub source: TicketSource,
    pub organization: OrganizationRef,
    /// Who opened it.
    pub requester: PersonRef,
    pub assignee: Option<PersonRef>,
    pub team: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub deadline: Option<Timestamp>,
    /// Internal tags: always empty for clients.
    pub tags: Vec<String>,
    pub thread_id: Id,
    /// Messages the viewer may see.
    pub message_count: i64,
    /// Of those, the ones the viewer has not read.
    pub unread_count: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: Timestamp,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub resolved_at: Option<Timestamp>,
    /// Seconds open so far, or until it was resolved.
    pub open_seconds: i64,
    /// Files sent with the ticket itself, shown with its body (in the
    /// detail only; lists leave them out).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// Due times, breach flags and time left under the SLA settings.
    #[serde(default)]
    pub sla: crate::TicketSla,
}

/// `POST /tickets`. Staff name the organisation (and may name the requester);
/// for clients both are their own and any values sent are ignored.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewTicket {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub subject: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 65536))]
    pub body: String,
    pub priority: Option<Priority>,
    pub organization_id: Option<Id>,
    pub requester_id: Option<Id>,
    #[serde(default)]
    pub attachment_ids: Vec<Id>,
}

/// `PATCH /tickets/{id}`: absent fields stay; `null` clears the clearable ones.
/// Clients may only set `status` to `resolved`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketPatch {
    pub status: Option<TicketStatus>,
    pub priority: Option<Priority>,
    #[serde(
        default,
        deserialize_with = "crate::serde_util::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub assignee_id: Option<Option<Id>>,
    #[serde(
        default,
        deserialize_with = "crate::serde_util::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub deadline: Option<Option<Timestamp>>,
    #[serde(
        default,
        deserialize_with = "crate::serde_util::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub team: Option<Option<String>>,
    #[cfg_attr(feature = "openapi", schema(max_items = 32))]
    pub tags: Option<Vec<String>>,
}

/// `POST /tickets/bulk-assign`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkAssign {
    pub ticket_ids: Vec<Id>,
    pub assignee_id: Id,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub deadline: Option<Timestamp>,
    pub team: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkResult {
    pub updated: Vec<Ticket>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attachment {
    pub id: Id,
    /// A name the server made safe; never a path.
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    pub id: Id,
    pub thread_id: Id,
    pub author: PersonRef,
    /// True when the author is staff.
    pub from_staff: bool,
    pub body: String,
    /// Staff-only note; never sent to clients.
    pub internal: bool,
    pub attachments: Vec<Attachment>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
}

/// `POST /threads/{id}/messages`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMessage {
    #[cfg_attr(feature = "openapi", schema(max_length = 65536))]
    pub body: String,
    /// Staff only: an internal note.
    #[serde(default)]
    pub internal: bool,
    #[serde(default)]
    pub attachment_ids: Vec<Id>,
}

/// One live event, as the `data:` of a server-sent event whose `event:` is `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Event {
    /// Increasing; send the last one seen as `Last-Event-ID` to resume.
    pub id: Id,
    /// `ticket.created`, `ticket.updated`, `message.created`, …
    pub kind: String,
    pub ticket: Option<Ticket>,
    pub message: Option<Message>,
}

/// Why a status change is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("a ticket cannot go from {from} to {to}")]
    NotAllowed {
        from: TicketStatus,
        to: TicketStatus,
    },
    #[error("clients may only mark their ticket resolved")]
    ClientMayOnlyResolve,
    #[error("a ticket becomes new only by losing its assignee")]
    NewIsImplicit,
}

/// Who asks for a change decides what is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Staff,
    Client,
}

/// The lifecycle: may `actor` move a ticket from `from` to `to`?
pub fn check_transition(
    from: TicketStatus,
    to: TicketStatus,
    actor: Actor,
) -> Result<(), TransitionError> {
    use TicketStatus::*;
    if from == to {
        return Ok(());
    }
    if to == New {
        return Err(TransitionError::NewIsImplicit);
    }
    if actor == Actor::Client {
        return match (from, to) {
            (New | Open | Pending, Resolved) => Ok(()),
            (_, Resolved) => Err(TransitionError::NotAllowed { from, to }),
            _ => Err(TransitionError::ClientMayOnlyResolve),
        };
    }
    let allowed = match from {
        New | Open | Pending => true,
        Resolved => matches!(to, Open | Closed),
        Closed => to == Open,
    };
    if allowed {
        Ok(())
    } else {
        Err(TransitionError::NotAllowed { from, to })
    }
}

/// The status a ticket takes when a client replies: pending and resolved reopen.
pub fn after_client_reply(status: TicketStatus) -> TicketStatus {
    match status {
        TicketStatus::Pending | TicketStatus::Resolved => TicketStatus::Open,
        other => other,
    }
}

/// The status a ticket takes when it is assigned: new becomes open.
pub fn after_assign(status: TicketStatus) -> TicketStatus {
    match status {
        TicketStatus::New => TicketStatus::Open,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TicketStatus::*;

    #[test]
    fn clients_only_resolve_open_work() {
        for from in [New, Open, Pending] {
            assert_eq!(check_transition(from, Resolved, Actor::Client), Ok(()));
        }
        assert!(check_transition(Closed, Resolved, Actor::Client).is_err());
        assert_eq!(
            check_transition(Open, Closed, Actor::Client),
            Err(TransitionError::ClientMayOnlyResolve)
        );
        assert_eq!(
            check_transition(Resolved, Open, Actor::Client),
            Err(TransitionError::ClientMayOnlyResolve)
        );
    }

    #[test]
    fn staff_follow_the_lifecycle() {
        assert!(check_transition(Open, Pending, Actor::Staff).is_ok());
        assert!(check_transition(Resolved, Closed, Actor::Staff).is_ok());
        assert!(check_transition(Closed, Open, Actor::Staff).is_ok());
        assert!(check_transition(Resolved, Pending, Actor::Staff).is_err());
        assert!(check_transition(Closed, Resolved, Actor::Staff).is_err());
        assert_eq!(
            check_transition(Open, New, Actor::Staff),
            Err(TransitionError::NewIsImplicit)
        );
    }

    #[test]
    fn replies_and_assignment_move_status() {
        assert_eq!(after_client_reply(Pending), Open);
        assert_eq!(after_client_reply(Resolved), Open);
        assert_eq!(after_client_reply(Closed), Closed);
        assert_eq!(after_assign(New), Open);
        assert_eq!(after_assign(Pending), Pending);
    }
}

/// `GET /tickets` query. Staff pick a `view`; clients see their own scope
/// and may pick a `tab`. Every filter narrows the list further.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct TicketQuery {
    pub view: Option<TicketView>,
    pub tab: Option<TicketTab>,
    pub status: Option<TicketStatus>,
    pub priority: Option<Priority>,
    pub organization_id: Option<Id>,
    pub assignee_id: Option<Id>,
    /// Full-text search over subject, body and visible messages.
    pub q: Option<String>,
    pub sort: Option<TicketSort>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
    /// Ignored, whatever its value: a client may make a URL unique with it
    /// (to get past a cache, or to measure without one).
    #[serde(rename = "_", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(rename = "_"))]
    pub nonce: Option<String>,
}
