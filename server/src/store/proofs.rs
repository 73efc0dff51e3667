//! What a thread, a file or an event belongs to (`Owner`), and the proofs
//! that a viewer may see one, which the writes that need a visible row
//! demand. Only scoped reads make proofs (`owners::thread`, each module's
//! `check_visible`); this file imports no module, so every module can name
//! its proof without an import circle.

use portico_shared::Id;

/// What a thread, a file or an event belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Ticket(Id),
    Order(Id),
    Project(Id),
    Task(Id),
    /// A standalone thread: its owner is itself (the thread's id).
    Standalone(Id),
}

impl Owner {
    /// The owner as 0009's `owner_kind` and `owner_id` columns write it.
    pub(in crate::store) fn columns(self) -> (&'static str, Id) {
        match self {
            Owner::Ticket(id) => ("ticket", id),
            Owner::Order(id) => ("order", id),
            Owner::Project(id) => ("project", id),
            Owner::Task(id) => ("task", id),
            Owner::Standalone(id) => ("standalone", id),
        }
    }

    /// The owner as 0009's `owner_kind` and `owner_id` columns hold it.
    pub(in crate::store) fn from_columns(kind: Option<&str>, id: Option<Id>) -> Option<Owner> {
        match (kind?, id?) {
            ("ticket", id) => Some(Owner::Ticket(id)),
            ("order", id) => Some(Owner::Order(id)),
            ("project", id) => Some(Owner::Project(id)),
            ("task", id) => Some(Owner::Task(id)),
            ("standalone", id) => Some(Owner::Standalone(id)),
            _ => None,
        }
    }
}

/// Proof that the viewer may see a thread: only `thread` (a scoped read)
/// makes one, and the writes that need a visible thread (a message, a read
/// marker) take it instead of a bare id.
#[derive(Debug, Clone, Copy)]
pub struct VisibleThread {
    id: Id,
    owner: Owner,
}

impl VisibleThread {
    pub fn id(&self) -> Id {
        self.id
    }

    pub fn owner(&self) -> Owner {
        self.owner
    }

    /// For the store's own loaders (seeds), which write as the system.
    pub(in crate::store) fn trusted(id: Id, owner: Owner) -> Self {
        VisibleThread { id, owner }
    }
}

/// Proof that the viewer may see a ticket: made by `tickets::check_visible`
/// (a scoped read) or `tickets::insert` (its opener), and demanded by the
/// writes that change a ticket or attach files to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisibleTicket(Id);

impl VisibleTicket {
    pub fn id(&self) -> Id {
        self.0
    }

    pub(in crate::store) fn trusted(id: Id) -> Self {
        VisibleTicket(id)
    }
}

/// Proof that the viewer may see an order: made by `orders::check_visible`
/// (a scoped read) or `orders::insert` (its submitter), and demanded by the
/// writes that change an order, its items, or attach files to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisibleOrder(Id);

impl VisibleOrder {
    pub fn id(&self) -> Id {
        self.0
    }

    pub(in crate::store) fn trusted(id: Id) -> Self {
        VisibleOrder(id)
    }
}

/// Proof that the viewer may see a task: made by `tasks::check_visible` (a
/// scoped read) and demanded by the write that attaches files to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisibleTask(Id);

impl VisibleTask {
    pub fn id(&self) -> Id {
        self.0
    }

    pub(in crate::store) fn trusted(id: Id) -> Self {
        VisibleTask(id)
    }
}

/// A visibility proof of an owner that keeps files of its own, beside its
/// thread's (a task's documents): `attachments::link_to_owner` takes one,
/// so a new module that owns files implements this for its proof.
pub trait OwnsFiles {
    fn owner(&self) -> Owner;
}

impl OwnsFiles for VisibleTask {
    fn owner(&self) -> Owner {
        Owner::Task(self.0)
    }
}

impl VisibleThread {
    /// The thread's ticket, visible because its thread is.
    pub fn ticket(&self) -> Option<VisibleTicket> {
        match self.owner {
            Owner::Ticket(id) => Some(VisibleTicket(id)),
            _ => None,
        }
    }
}
