//! Messages in threads and per-person read markers. Internal notes are
//! filtered in the SQL for anyone who is not staff.

use portico_shared::{Id, Message, Page, PersonRef};
use rusqlite::{OptionalExtension, params};

use super::proofs::VisibleThread;
use super::{Conn, OptionalRow, Result, attachments, page_of, ts};

const SELECT: &str =
    "SELECT m.id, m.thread_id, m.author_id, u.name, u.role IN ('admin', 'agent'), m.body,
        m.internal, m.created_at
    FROM messages m JOIN users u ON u.id = m.author_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Message> {
    Ok(Message {
        id: r.get(0)?,
        thread_id: r.get(1)?,
        author: PersonRef {
            id: r.get(2)?,
            name: r.get(3)?,
        },
        from_staff: r.get(4)?,
        body: r.get(5)?,
        internal: r.get(6)?,
        attachments: Vec::new(),
        created_at: ts(r.get(7)?),
    })
}

/// Messages after `after`, oldest first; internal notes only for staff.
pub fn list(
    c: &Conn<'_>,
    thread: &VisibleThread,
    staff: bool,
    after: Id,
    limit: u32,
) -> Result<Page<Message>> {
    let sql = format!(
        "{SELECT} WHERE m.thread_id = ?1 AND m.id > ?2 AND (?3 OR m.internal = 0) ORDER BY m.id LIMIT ?4"
    );
    let mut rows =
        c.0.prepare_cached(&sql)?
            .query_map(params![thread.id(), after, staff, limit + 1], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    for m in &mut rows {
        m.attachments = attachments::of_message(c, m.id)?;
    }
    Ok(page_of(rows, limit, |m| m.id.to_string()))
}

/// One message with its attachments.
pub fn get(c: &Conn<'_>, id: Id) -> Result<Message> {
    let mut m =
        c.0.prepare_cached(&format!("{SELECT} WHERE m.id = ?1"))?
            .query_row([id], from_row)
            .found()?;
    m.attachments = attachments::of_message(c, id)?;
    Ok(m)
}

pub struct NewMessageRow<'a> {
    pub thread: VisibleThread,
    pub author_id: Id,
    pub body: &'a str,
    pub internal: bool,
    pub now: i64,
}

/// Stores a message (indexed for search by a trigger) and bumps the ticket's counters.
pub fn insert(c: &Conn<'_>, m: &NewMessageRow<'_>) -> Result<Id> {
    c.0.prepare_cached(
        "INSERT INTO messages (thread_id, author_id, body, internal, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![m.thread.id(), m.author_id, m.body, m.internal, m.now])?;
    // 0007's trigger indexes it for search.
    let id = c.0.last_insert_rowid();
    c.0.prepare_cached(
        "UPDATE tickets SET message_count = message_count + 1,
                            public_message_count = public_message_count + (NOT ?2),
                            -- An internal note is not news to the client.
                            updated_at = CASE WHEN ?2 THEN updated_at ELSE ?3 END
         WHERE thread_id = ?1",
    )?
    .execute(params![m.thread.id(), m.internal, m.now])?;
    mark_read_up_to(c, m.author_id, m.thread.id(), id)?;
    Ok(id)
}

/// Marks every message of the thread read for `user_id`.
pub fn mark_read(c: &Conn<'_>, user_id: Id, thread: &VisibleThread) -> Result<()> {
    let last = last_id(c, thread.id())?;
    mark_read_up_to(c, user_id, thread.id(), last)
}

/// Moves a person's read marker forward (never back), remembering how many
/// messages (all, and public) the thread had up to it. Only the messages since
/// the previous marker are counted, so a busy thread costs no more per post.
fn mark_read_up_to(c: &Conn<'_>, user_id: Id, thread_id: Id, up_to: Id) -> Result<()> {
    let (from, seen_all, seen_public): (Id, i64, i64) = c.0
        .prepare_cached(
            "SELECT last_read_id, seen_all, seen_public FROM thread_reads WHERE user_id = ?1 AND thread_id = ?2",
        )?
        .query_row(params![user_id, thread_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .unwrap_or((0, 0, 0));
    if up_to <= from {
        return Ok(());
    }
    let (new_all, new_public): (i64, i64) =
        c.0.prepare_cached(
            "SELECT COUNT(*), COALESCE(SUM(internal = 0), 0) FROM messages
             WHERE thread_id = ?1 AND id > ?2 AND id <= ?3",
        )?
        .query_row(params![thread_id, from, up_to], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    c.0.prepare_cached(
        "INSERT INTO thread_reads (user_id, thread_id, last_read_id, seen_all, seen_public)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (user_id, thread_id) DO UPDATE SET
             last_read_id = excluded.last_read_id,
             seen_all = excluded.seen_all,
             seen_public = excluded.seen_public",
    )?
    .execute(params![
        user_id,
        thread_id,
        up_to,
        seen_all + new_all,
        seen_public + new_public
    ])?;
    Ok(())
}

/// The newest message id of a thread (0 when empty).
fn last_id(c: &Conn<'_>, thread_id: Id) -> Result<Id> {
    Ok(c.0
        .prepare_cached("SELECT COALESCE(MAX(id), 0) FROM messages WHERE thread_id = ?1")?
        .query_row([thread_id], |r| r.get(0))?)
}
