//! The one owner model: a thread, a file, a read marker and an event each
//! belong to an `Owner` (see `proofs`). A new module that owns threads or
//! files adds a variant there and its scope check in `visible`, nothing
//! else.

use portico_shared::Id;

pub use super::proofs::{
    Owner, OwnsFiles, VisibleOrder, VisibleTask, VisibleThread, VisibleTicket,
};
use super::{
    Conn, OptionalRow, Result, StoreError, conversations, orders, projects, tasks, tickets,
};
use crate::access::Reach;

/// The thread `thread_id` if `reach` may see its owner; otherwise not found,
/// exactly like a thread that does not exist.
pub fn thread(c: &Conn<'_>, reach: &Reach, thread_id: Id) -> Result<VisibleThread> {
    let owner = owner_of_thread(c, thread_id)?;
    visible(c, reach, owner)?;
    Ok(VisibleThread::trusted(thread_id, owner))
}

/// Whose thread `thread_id` is; a thread of no owner this server knows is
/// not found.
fn owner_of_thread(c: &Conn<'_>, thread_id: Id) -> Result<Owner> {
    let (kind, id): (Option<String>, Option<Id>) =
        c.0.prepare_cached("SELECT owner_kind, owner_id FROM threads WHERE id = ?1")?
            .query_row([thread_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .found()?;
    Owner::from_columns(kind.as_deref(), id).ok_or(StoreError::NotFound)
}

/// `Ok` when `reach` may see `owner`, `NotFound` otherwise.
pub fn visible(c: &Conn<'_>, reach: &Reach, owner: Owner) -> Result<()> {
    match owner {
        Owner::Ticket(id) => {
            let scope = reach.tickets().ok_or(StoreError::NotFound)?;
            tickets::check_visible(c, scope, id).map(|_| ())
        }
        Owner::Order(id) => {
            let scope = reach.orders().ok_or(StoreError::NotFound)?;
            orders::get(c, scope, id).map(|_| ())
        }
        Owner::Project(id) => {
            let scope = reach.projects().ok_or(StoreError::NotFound)?;
            projects::get(c, scope, id).map(|_| ())
        }
        Owner::Task(id) => {
            let scope = reach.tasks().ok_or(StoreError::NotFound)?;
            tasks::check_visible(c, scope, id).map(|_| ())
        }
        Owner::Standalone(id) => {
            let scope = reach.conversations().ok_or(StoreError::NotFound)?;
            conversations::check_visible(c, scope, id)
        }
    }
}
