//! The live-update hub: every change is published once, with what is needed
//! to decide who may see it; each subscriber's stream filters by its own
//! scope. A short history lets a client resume with `Last-Event-ID`.
//!
//! Memory is bounded in bytes, not in events: the history keeps recent
//! events up to `history_bytes`, and the live channel carries only ids, so a
//! burst of large messages cannot pile up in every subscriber's queue. An id
//! that has left the history by the time a slow subscriber reads it becomes
//! a `resync` (refetch) for that subscriber.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use portico_shared::{
    Conversation, ConversationEvent, Event, Id, Message, Order, OrderEvent, Project, ProjectEvent,
    Shift, ShiftEvent, Task, TaskEvent, Ticket, TimesheetEntry, TimesheetEvent,
};
use portico_shared::{Invoice, InvoiceEvent, InvoiceStatus, Quote, QuoteEvent, QuoteStatus};
use serde::Serialize;
use tokio::sync::broadcast;

use crate::access::{Reach, TicketScope};
use crate::{invoices, orders, projects, tasks, threads, tickets, timesheets};

/// How many event ids a subscriber may fall behind before it must resync.
const LIVE_QUEUE: usize = 1024;
/// At most this many events are kept, however small.
const HISTORY_EVENTS: usize = 4096;

/// One change, with its audience attached.
#[derive(Debug)]
pub struct Published {
    pub id: Id,
    pub kind: &'static str,
    /// Who caused it: they are not told of their own actions.
    pub actor_id: Id,
    pub payload: Payload,
}

/// What changed.
#[derive(Debug)]
pub enum Payload {
    Ticket(Box<TicketChange>),
    Order(Box<OrderChange>),
    /// Someone clocked, or a shift was scheduled: the shift as staff see it.
    Shift(Box<Shift>),
    /// A timesheet entry as staff see it.
    Timesheet(Box<TimesheetEntry>),
    Project(Box<ProjectChange>),
    Task(Box<TaskChange>),
    Conversation(Box<ConversationChange>),
    /// An invoice as staff see it.
    Invoice(Box<Invoice>),
    /// A quote as staff see it.
    Quote(Box<Quote>),
}

/// A project change (with an optional message of its thread), as staff see it.
#[derive(Debug)]
pub struct ProjectChange {
    pub project: Project,
    pub message: Option<Message>,
}

/// A task change (with an optional message of its thread), as staff see it.
#[derive(Debug)]
pub struct TaskChange {
    pub task: Task,
    pub message: Option<Message>,
}

/// A standalone thread's change (a new thread, or a message in it), as
/// staff see it.
#[derive(Debug)]
pub struct ConversationChange {
    pub thread: Conversation,
    pub message: Option<Message>,
}

/// An order change (with an optional message of its thread).
#[derive(Debug)]
pub struct OrderChange {
    /// The order as everyone who may see it sees it.
    pub order: Order,
    pub message: Option<Message>,
}

/// A ticket change (with an optional message).
#[derive(Debug)]
pub struct TicketChange {
    /// The ticket as staff see it.
    pub ticket: Ticket,
    pub requester_id: Id,
    /// The ticket's message count without internal notes.
    pub public_message_count: i64,
    pub message: Option<Message>,
    pub audience: Audience,
}

/// Who of those allowed to see a ticket hear of a change to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Audience {
    Everyone,
    /// A change only staff can see (tags): the client is not told.
    Staff,
}

/// The `data:` one subscriber receives.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Visible {
    Ticket(Box<Event>),
    Order(Box<OrderEvent>),
    Shift(Box<ShiftEvent>),
    Timesheet(Box<TimesheetEvent>),
    Project(Box<ProjectEvent>),
    Task(Box<TaskEvent>),
    Conversation(Box<ConversationEvent>),
    Invoice(Box<InvoiceEvent>),
    Quote(Box<QuoteEvent>),
}

impl Published {
    /// About how many bytes the event holds, for the history's bound.
    fn weight(&self) -> usize {
        const FIXED: usize = 1024;
        let text = match &self.payload {
            Payload::Ticket(c) => {
                c.ticket.subject.len() + c.message.as_ref().map_or(0, |m| m.body.len())
            }
            Payload::Order(c) => {
                c.order.title.len() + c.message.as_ref().map_or(0, |m| m.body.len())
            }
            Payload::Shift(_) => 0,
            Payload::Timesheet(e) => e.note.len() + e.reason.as_ref().map_or(0, String::len),
            Payload::Project(c) => {
                c.project.description.len() + c.message.as_ref().map_or(0, |m| m.body.len())
            }
            Payload::Task(c) => {
                c.task.description.len() + c.message.as_ref().map_or(0, |m| m.body.len())
            }
            Payload::Conversation(c) => {
                c.thread.subject.len() + c.message.as_ref().map_or(0, |m| m.body.len())
            }
            Payload::Invoice(_) | Payload::Quote(_) => 0,
        };
        FIXED + text
    }

    /// The event as `reach` may see it, or `None` when it is not theirs.
    pub fn for_viewer(&self, reach: &Reach) -> Option<Visible> {
        if self.actor_id == reach.me() {
            return None;
        }
        match &self.payload {
            Payload::Ticket(change) => change
                .for_viewer(self.id, self.kind, reach.tickets()?)
                .map(|e| Visible::Ticket(Box::new(e))),
            Payload::Order(change) => {
                let scope = reach.orders()?;
                let (order, message) = (&change.order, &change.message);
                orders::policy::sees(scope, order, message.as_ref()).then(|| {
                    Visible::Order(Box::new(OrderEvent {
                        id: self.id,
                        kind: self.kind.to_owned(),
                        order: order.clone(),
                        message: message.clone(),
                    }))
                })
            }
            Payload::Shift(shift) => {
                let scope = reach.timesheets()?;
                timesheets::policy::sees_shift(scope, shift).then_some(())?;
                let shift = scope.narrow((**shift).clone(), Shift::for_worker);
                Some(Visible::Shift(Box::new(ShiftEvent {
                    id: self.id,
                    kind: self.kind.to_owned(),
                    shift,
                })))
            }
            Payload::Timesheet(entry) => {
                let scope = reach.timesheets()?;
                timesheets::policy::sees_entry(scope, entry).then_some(())?;
                let entry = scope.narrow((**entry).clone(), TimesheetEntry::for_worker);
                Some(Visible::Timesheet(Box::new(TimesheetEvent {
                    id: self.id,
                    kind: self.kind.to_owned(),
                    entry,
                })))
            }
            Payload::Project(c) => {
                let scope = reach.projects()?;
                projects::policy::sees(scope, &c.project, c.message.as_ref()).then(|| {
                    Visible::Project(Box::new(ProjectEvent {
                        id: self.id,
                        kind: self.kind.to_owned(),
                        project: c.project.clone(),
                        message: c.message.clone(),
                    }))
                })
            }
            Payload::Task(c) => {
                let scope = reach.tasks()?;
                tasks::policy::sees(scope, &c.task, c.message.as_ref()).then(|| {
                    Visible::Task(Box::new(TaskEvent {
                        id: self.id,
                        kind: self.kind.to_owned(),
                        task: c.task.clone(),
                        message: c.message.clone(),
                    }))
                })
            }
            Payload::Conversation(c) => {
                let scope = reach.conversations()?;
                let mut thread = c.thread.clone();
                threads::policy::sees(scope, &thread, c.message.as_ref()).then_some(())?;
                // Per-person counts are not known here; clients refetch the list.
                (thread.message_count, thread.unread_count) = (0, 0);
                Some(Visible::Conversation(Box::new(ConversationEvent {
                    id: self.id,
                    kind: self.kind.to_owned(),
                    thread,
                    message: c.message.clone(),
                })))
            }
            Payload::Invoice(invoice) => {
                let draft = invoice.status == InvoiceStatus::Draft;
                invoices::policy::sees(reach.invoices()?, invoice.organization.id, draft).then(
                    || {
                        Visible::Invoice(Box::new(InvoiceEvent {
                            id: self.id,
                            kind: self.kind.to_owned(),
                            invoice: (**invoice).clone(),
                        }))
                    },
                )
            }
            Payload::Quote(quote) => {
                let draft = quote.status == QuoteStatus::Draft;
                invoices::policy::sees(reach.quotes()?, quote.organization.id, draft).then(|| {
                    Visible::Quote(Box::new(QuoteEvent {
                        id: self.id,
                        kind: self.kind.to_owned(),
                        quote: (**quote).clone(),
                    }))
                })
            }
        }
    }
}

impl TicketChange {
    fn for_viewer(&self, id: Id, kind: &str, scope: &TicketScope) -> Option<Event> {
        let t = &self.ticket;
        let mut ticket = t.clone();
        let message = self.message.clone();
        if !scope.staff() {
            let hidden =
                self.audience == Audience::Staff || message.as_ref().is_some_and(|m| m.internal);
            if !tickets::policy::sees(scope, t, self.requester_id) || hidden {
                return None;
            }
            ticket.tags.clear();
            ticket.message_count = self.public_message_count;
        }
        // Per-person counts are not known here; clients refetch the row.
        ticket.unread_count = 0;
        Some(Event {
            id,
            kind: kind.to_owned(),
            ticket: Some(ticket),
            message,
        })
    }
}

pub struct Hub {
    next_id: AtomicI64,
    /// Ids only: the events themselves live in `recent`.
    sender: broadcast::Sender<Id>,
    recent: Mutex<History>,
    /// Whose access just changed (`EVERYONE` for all): open streams re-check theirs.
    access: broadcast::Sender<Id>,
}

/// Recent events with consecutive ids, oldest first, bounded in bytes.
struct History {
    events: VecDeque<Arc<Published>>,
    bytes: usize,
    max_bytes: usize,
}

impl History {
    fn push(&mut self, event: Arc<Published>) {
        self.bytes += event.weight();
        self.events.push_back(event);
        while self.events.len() > 1
            && (self.bytes > self.max_bytes || self.events.len() > HISTORY_EVENTS)
        {
            if let Some(old) = self.events.pop_front() {
                self.bytes -= old.weight();
            }
        }
    }

    fn get(&self, id: Id) -> Option<Arc<Published>> {
        let first = self.events.front()?.id;
        let at = usize::try_from(id.checked_sub(first)?).ok()?;
        self.events.get(at).cloned()
    }
}

/// Stands for every person in `Hub::access_changed`.
pub const EVERYONE: Id = 0;

/// What a new subscriber gets: missed events to replay, whether some were
/// lost (the client should refetch), and the live feed of ids.
pub struct Subscription {
    pub replay: Vec<Arc<Published>>,
    pub gap: bool,
    pub live: broadcast::Receiver<Id>,
    /// Whose access changed since subscribing.
    pub access: broadcast::Receiver<Id>,
}

impl Hub {
    /// Ids start from the start time in microseconds, so they keep rising
    /// across restarts and a stale `Last-Event-ID` is recognised as a gap.
    pub fn new(start_micros: i64, history_bytes: usize) -> Hub {
        Hub {
            next_id: AtomicI64::new(start_micros),
            sender: broadcast::channel(LIVE_QUEUE).0,
            recent: Mutex::new(History {
                events: VecDeque::new(),
                bytes: 0,
                max_bytes: history_bytes,
            }),
            access: broadcast::channel(64).0,
        }
    }

    fn history(&self) -> std::sync::MutexGuard<'_, History> {
        self.recent.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn publish(&self, make: impl FnOnce(Id) -> Published) {
        let mut recent = self.history();
        // Under the lock, so ids enter the history in order and without gaps.
        let event = Arc::new(make(self.next_id.fetch_add(1, Ordering::Relaxed) + 1));
        let id = event.id;
        recent.push(event);
        // No subscribers is not an error.
        let _ = self.sender.send(id);
    }

    /// A recent event by id; `None` once it has left the history.
    pub fn get(&self, id: Id) -> Option<Arc<Published>> {
        self.history().get(id)
    }

    /// Tells open streams that `user`'s sessions or rights changed (or
    /// everyone's, with `EVERYONE`), so each re-checks its own and ends if
    /// it no longer stands.
    pub fn access_changed(&self, user: Id) {
        let _ = self.access.send(user);
    }

    pub fn subscribe(&self, last_seen: Option<Id>) -> Subscription {
        let recent = self.history();
        // Subscribing under the lock: nothing published falls between replay and live.
        let live = self.sender.subscribe();
        let access = self.access.subscribe();
        let (replay, gap) = match last_seen {
            None => (Vec::new(), false),
            Some(last) => {
                let oldest = recent.events.front().map(|e| e.id);
                let gap = match oldest {
                    Some(oldest) => last < oldest - 1,
                    None => last < self.next_id.load(Ordering::Relaxed),
                };
                (
                    recent
                        .events
                        .iter()
                        .filter(|e| e.id > last)
                        .cloned()
                        .collect(),
                    gap,
                )
            }
        };
        Subscription {
            replay,
            gap,
            live,
            access,
        }
    }

    /// Bytes the history holds now.
    pub fn history_bytes(&self) -> usize {
        self.history().bytes
    }
}
