//! Publishing: a domain operation answers the changes it caused, and this is
//! the one place that turns them into live events. Each event carries the
//! object as staff see it; which subscribers receive it, and how narrowed,
//! is each module's policy, applied per subscriber in `events`.

use portico_shared::{Id, Invoice, Message, Quote, Shift};
use serde::{Deserialize, Serialize};

use crate::access;
use crate::error::Result;
use crate::events::{
    Audience, ConversationChange, OrderChange, Payload, ProjectChange, Published, TaskChange,
    TicketChange,
};
use crate::state::AppState;
use crate::store::owners::Owner;
use crate::store::{conversations, orders, projects, shifts, tasks, tickets, timesheets};

/// One change a domain operation caused, named by its event kind. It is
/// serialisable so another process can hand it to the server (`relay`).
#[derive(Debug, Serialize, Deserialize)]
pub enum Change {
    Ticket {
        #[serde(deserialize_with = "crate::relay::kind")]
        kind: &'static str,
        id: Id,
        message: Option<Message>,
        audience: Audience,
    },
    Order {
        #[serde(deserialize_with = "crate::relay::kind")]
        kind: &'static str,
        id: Id,
        message: Option<Message>,
    },
    Shift {
        #[serde(deserialize_with = "crate::relay::kind")]
        kind: &'static str,
        id: Id,
    },
    /// A shift that is gone: the last sight of it, read before it went.
    ShiftCancelled(Box<Shift>),
    Timesheet {
        #[serde(deserialize_with = "crate::relay::kind")]
        kind: &'static str,
        id: Id,
    },
    Project {
        #[serde(deserialize_with = "crate::relay::kind")]
        kind: &'static str,
        id: Id,
        message: Option<Message>,
    },
    Task {
        #[serde(deserialize_with = "crate::relay::kind")]
        kind: &'static str,
        id: Id,
        message: Option<Message>,
    },
    /// A standalone thread (`id` is the thread's).
    Conversation {
        #[serde(deserialize_with = "crate::relay::kind")]
        kind: &'static str,
        id: Id,
        message: Option<Message>,
    },
    /// An invoice as it stands after the change (read by staff who made it).
    Invoice {
        #[serde(deserialize_with = "crate::relay::kind")]
        kind: &'static str,
        invoice: Box<Invoice>,
    },
    /// A quote as it stands after the change; a client sees all of a sent
    /// quote that staff see, so either may have read it.
    Quote {
        #[serde(deserialize_with = "crate::relay::kind")]
        kind: &'static str,
        quote: Box<Quote>,
    },
}

impl Change {
    /// A change to a ticket everyone who may see the ticket hears of.
    pub fn ticket(kind: &'static str, id: Id) -> Self {
        Change::Ticket {
            kind,
            id,
            message: None,
            audience: Audience::Everyone,
        }
    }

    pub fn order(kind: &'static str, id: Id) -> Self {
        Change::Order {
            kind,
            id,
            message: None,
        }
    }

    /// A message posted to `owner`'s thread: an event of the owner, told
    /// to whoever may see the owner (internal notes only to staff).
    pub fn message(owner: Owner, message: Message) -> Self {
        const KIND: &str = "message.created";
        let message = Some(message);
        match owner {
            Owner::Ticket(id) => Change::Ticket {
                kind: KIND,
                id,
                message,
                audience: Audience::Everyone,
            },
            Owner::Order(id) => Change::Order {
                kind: KIND,
                id,
                message,
            },
            Owner::Project(id) => Change::Project {
                kind: KIND,
                id,
                message,
            },
            Owner::Task(id) => Change::Task {
                kind: KIND,
                id,
                message,
            },
            Owner::Standalone(id) => Change::Conversation {
                kind: KIND,
                id,
                message,
            },
        }
    }

    pub fn shift(kind: &'static str, id: Id) -> Self {
        Change::Shift { kind, id }
    }

    pub fn timesheet(kind: &'static str, id: Id) -> Self {
        Change::Timesheet { kind, id }
    }

    pub fn project(kind: &'static str, id: Id) -> Self {
        Change::Project {
            kind,
            id,
            message: None,
        }
    }

    pub fn task(kind: &'static str, id: Id) -> Self {
        Change::Task {
            kind,
            id,
            message: None,
        }
    }

    pub fn invoice(kind: &'static str, invoice: &Invoice) -> Self {
        Change::Invoice {
            kind,
            invoice: Box::new(invoice.clone()),
        }
    }

    pub fn quote(kind: &'static str, quote: &Quote) -> Self {
        Change::Quote {
            kind,
            quote: Box::new(quote.clone()),
        }
    }
}

/// Publishes what `actor` caused, in order. The actor is not told of it.
pub async fn publish(st: &AppState, actor: Id, changes: Vec<Change>) -> Result<()> {
    if st.relay_events {
        // This process serves no streams (`mail-in`): the server publishes.
        crate::relay::record(st, actor, changes).await;
        return Ok(());
    }
    for change in changes {
        let payload = payload(st, change).await?;
        let (kind, payload) = payload;
        st.hub.publish(|event_id| Published {
            id: event_id,
            kind,
            actor_id: actor,
            payload,
        });
    }
    Ok(())
}

/// The change's object as staff see it: each subscriber's stream narrows it.
async fn payload(st: &AppState, change: Change) -> Result<(&'static str, Payload)> {
    let now = st.clock.now();
    Ok(match change {
        Change::Ticket {
            kind,
            id,
            message,
            audience,
        } => {
            let (ticket, public_message_count) = st
                .db
                .read(move |c| -> crate::store::Result<_> {
                    Ok((
                        tickets::get(c, &access::everything().tickets, id, now)?,
                        tickets::public_count(c, id)?,
                    ))
                })
                .await?;
            let requester_id = ticket.requester.id;
            let change = TicketChange {
                ticket,
                requester_id,
                public_message_count,
                message,
                audience,
            };
            (kind, Payload::Ticket(Box::new(change)))
        }
        Change::Order { kind, id, message } => {
            let order = st
                .db
                .read(move |c| orders::get(c, &access::everything().orders, id))
                .await?;
            (
                kind,
                Payload::Order(Box::new(OrderChange { order, message })),
            )
        }
        Change::Shift { kind, id } => {
            let all = access::everything().timesheets;
            let scope = all.clone();
            let row = st.db.read(move |c| shifts::get(c, &scope, id)).await?;
            let shift = row.view(now, st.config.shifts, &all);
            (kind, Payload::Shift(Box::new(shift)))
        }
        Change::ShiftCancelled(shift) => ("shift.cancelled", Payload::Shift(shift)),
        Change::Timesheet { kind, id } => {
            let entry = st.db.read(move |c| timesheets::get_any(c, id)).await?;
            (kind, Payload::Timesheet(Box::new(entry)))
        }
        Change::Project { kind, id, message } => {
            let project = st
                .db
                .read(move |c| projects::get(c, &access::everything().projects, id))
                .await?;
            let change = ProjectChange { project, message };
            (kind, Payload::Project(Box::new(change)))
        }
        Change::Task { kind, id, message } => {
            let today = orders::utc_date(now);
            let task = st
                .db
                .read(move |c| tasks::get(c, &access::everything().tasks, id, today))
                .await?;
            (kind, Payload::Task(Box::new(TaskChange { task, message })))
        }
        Change::Conversation { kind, id, message } => {
            let thread = st
                .db
                .read(move |c| conversations::get(c, &access::everything().conversations, id))
                .await?;
            let change = ConversationChange { thread, message };
            (kind, Payload::Conversation(Box::new(change)))
        }
        Change::Invoice { kind, invoice } => (kind, Payload::Invoice(invoice)),
        Change::Quote { kind, quote } => (kind, Payload::Quote(quote)),
    })
}
