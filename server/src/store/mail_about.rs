//! What notification mail says about orders and about project and
//! standalone threads, and who takes part in such a thread.

use portico_shared::Id;
use rusqlite::params;

use super::owners::Owner;
use super::{Conn, OptionalRow, Result};

/// Most people one thread's message is mailed to.
const MAX_PARTICIPANTS: u32 = 200;

/// An order as its mail names it, and whose it is.
#[derive(Debug, Clone)]
pub struct OrderBrief {
    pub id: Id,
    pub reference: String,
    pub title: String,
    pub organization: String,
    pub submitted_by: Id,
    pub thread_id: Id,
}

pub fn order_brief(c: &Conn<'_>, order_id: Id) -> Result<OrderBrief> {
    c.0.prepare_cached(
        "SELECT o.id, o.reference, o.title, g.name, o.submitted_by, o.thread_id
         FROM orders o JOIN organizations g ON g.id = o.organization_id WHERE o.id = ?1",
    )?
    .query_row([order_id], |r| {
        Ok(OrderBrief {
            id: r.get(0)?,
            reference: r.get(1)?,
            title: r.get(2)?,
            organization: r.get(3)?,
            submitted_by: r.get(4)?,
            thread_id: r.get(5)?,
        })
    })
    .found()
}

/// The names of the files attached to an order by `ids`.
pub fn file_names(c: &Conn<'_>, ids: &[Id]) -> Result<Vec<String>> {
    let mut names = Vec::with_capacity(ids.len());
    let mut stmt =
        c.0.prepare_cached("SELECT file_name FROM attachments WHERE id = ?1")?;
    for id in ids {
        names.push(stmt.query_row([id], |r| r.get(0)).found()?);
    }
    Ok(names)
}

/// A project's, order's or standalone thread's title and organisation, and
/// who takes part in it: a project's owner, an order's submitter, a
/// conversation's starter and the people it lists, and everyone who wrote
/// on it (internal notes aside). None for other threads (a ticket's thread
/// has mail of its own, `notify::message_posted`).
pub fn thread_brief(c: &Conn<'_>, owner: Owner) -> Result<Option<ThreadBrief>> {
    let (sql, id) = match owner {
        Owner::Project(id) => (
            "SELECT p.thread_id, p.name, g.name, p.owner_id FROM projects p
             JOIN organizations g ON g.id = p.organization_id WHERE p.id = ?1",
            id,
        ),
        Owner::Order(id) => (
            "SELECT o.thread_id, o.reference || ' ' || o.title, g.name, o.submitted_by
             FROM orders o JOIN organizations g ON g.id = o.organization_id WHERE o.id = ?1",
            id,
        ),
        Owner::Standalone(id) => (
            "SELECT cv.thread_id, cv.subject, g.name, cv.started_by FROM conversations cv
             JOIN threads th ON th.id = cv.thread_id
             JOIN organizations g ON g.id = th.organization_id WHERE cv.thread_id = ?1",
            id,
        ),
        _ => return Ok(None),
    };
    let (thread_id, title, organization, first): (Id, String, String, Option<Id>) =
        c.0.prepare_cached(sql)?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .found()?;
    let mut people: Vec<Id> =
        c.0.prepare_cached(
            "SELECT user_id FROM thread_participants WHERE thread_id = ?1
             UNION SELECT DISTINCT author_id FROM messages WHERE thread_id = ?1 AND internal = 0
             LIMIT ?2",
        )?
        .query_map(params![thread_id, MAX_PARTICIPANTS], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if let Some(p) = first
        && !people.contains(&p)
    {
        people.insert(0, p);
    }
    Ok(Some(ThreadBrief {
        thread_id,
        title,
        organization,
        people,
    }))
}

#[derive(Debug, Clone)]
pub struct ThreadBrief {
    pub thread_id: Id,
    pub title: String,
    pub organization: String,
    pub people: Vec<Id>,
}
