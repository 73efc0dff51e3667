//! Standalone threads (conversations): a subject, an organisation, and
//! optionally the contacts of it who take part. The scope is in the SQL:
//! a contact sees their organisation's threads that list nobody or them.

use portico_shared::{Conversation, ConversationQuery, Id, OrganizationRef, Page, PersonRef};
use rusqlite::{Row, params};

use super::{Conn, OptionalRow, Result, key_cursor, page_of, ts};
use crate::access::ConversationScope;

/// The columns `from_row` reads. Binds ?1 (organisation or NULL), ?2
/// (staff: every thread and every message) and ?3 (the viewer).
const SELECT: &str = "SELECT th.id AS id, cv.subject, th.organization_id, org.name, cv.started_by,
        u.name, th.created_at,
        (SELECT COUNT(*) FROM messages m WHERE m.thread_id = th.id AND (?2 OR m.internal = 0)),
        COALESCE((SELECT CASE WHEN ?2 THEN r.seen_all ELSE r.seen_public END
                  FROM thread_reads r WHERE r.user_id = ?3 AND r.thread_id = th.id), 0),
        COALESCE((SELECT MAX(m.created_at) FROM messages m
                  WHERE m.thread_id = th.id AND (?2 OR m.internal = 0)), th.created_at) AS last_at
    FROM conversations cv
    JOIN threads th ON th.id = cv.thread_id
    JOIN organizations org ON org.id = th.organization_id
    JOIN users u ON u.id = cv.started_by
    WHERE (?1 IS NULL OR th.organization_id = ?1)
      AND (?2 OR NOT EXISTS (SELECT 1 FROM thread_participants tp WHERE tp.thread_id = th.id)
           OR EXISTS (SELECT 1 FROM thread_participants tp
                      WHERE tp.thread_id = th.id AND tp.user_id = ?3))";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Conversation> {
    let count: i64 = r.get(7)?;
    let seen: i64 = r.get(8)?;
    Ok(Conversation {
        id: r.get(0)?,
        subject: r.get(1)?,
        organization: OrganizationRef {
            id: r.get(2)?,
            name: r.get(3)?,
        },
        started_by: PersonRef {
            id: r.get(4)?,
            name: r.get(5)?,
        },
        participants: Vec::new(),
        created_at: ts(r.get(6)?),
        message_count: count,
        unread_count: (count - seen).max(0),
        last_message_at: ts(r.get(9)?),
    })
}

fn scope_params(s: &ConversationScope) -> (Option<Id>, bool, Id) {
    (s.org(), s.staff(), s.me())
}

/// One standalone thread, if the viewer takes part in it.
pub fn get(c: &Conn<'_>, scope: &ConversationScope, id: Id) -> Result<Conversation> {
    let (org, staff, me) = scope_params(scope);
    let mut t =
        c.0.prepare_cached(&format!("{SELECT} AND th.id = ?4"))?
            .query_row(params![org, staff, me, id], from_row)
            .found()?;
    t.participants = participants(c, id)?;
    Ok(t)
}

/// `Ok` when the viewer takes part in thread `id`, not found otherwise.
pub fn check_visible(c: &Conn<'_>, scope: &ConversationScope, id: Id) -> Result<()> {
    get(c, scope, id).map(|_| ())
}

/// The standalone threads the viewer takes part in, the latest message
/// (that the viewer may read) first. The cursor is `last_at.id`.
pub fn list(
    c: &Conn<'_>,
    scope: &ConversationScope,
    q: &ConversationQuery,
    limit: u32,
) -> Result<Page<Conversation>> {
    let (org, staff, me) = scope_params(scope);
    let (last, before) = match q.cursor.as_deref() {
        None => (i64::MAX, Id::MAX),
        Some(raw) => key_cursor(raw)?,
    };
    // The latest message is counted per thread in the scope: a person takes
    // part in few threads, and staff lists are paged.
    let sql = format!(
        "SELECT * FROM ({SELECT} AND (?4 IS NULL OR th.organization_id = ?4)) AS x
         WHERE x.last_at < ?5 OR (x.last_at = ?5 AND x.id < ?6)
         ORDER BY x.last_at DESC, x.id DESC LIMIT ?7"
    );
    let mut rows =
        c.0.prepare_cached(&sql)?
            .query_map(
                params![org, staff, me, q.organization_id, last, before, limit + 1],
                from_row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    for t in &mut rows {
        t.participants = participants(c, t.id)?;
    }
    Ok(page_of(rows, limit, |t| {
        format!("{}.{}", t.last_message_at.as_second(), t.id)
    }))
}

/// The contacts a thread names, by name.
pub fn participants(c: &Conn<'_>, thread_id: Id) -> Result<Vec<PersonRef>> {
    Ok(c.0
        .prepare_cached(
            "SELECT u.id, u.name FROM thread_participants tp JOIN users u ON u.id = tp.user_id
             WHERE tp.thread_id = ?1 ORDER BY u.name, u.id",
        )?
        .query_map([thread_id], |r| {
            Ok(PersonRef {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The ids of `wanted` that are active-or-invited contacts of `org`.
pub fn contacts_of(c: &Conn<'_>, org: Id, wanted: &[Id]) -> Result<Vec<Id>> {
    let mut found = Vec::new();
    let mut stmt = c.0.prepare_cached(
        "SELECT EXISTS(SELECT 1 FROM users WHERE id = ?1 AND role = 'client'
             AND organization_id = ?2 AND status != 'removed')",
    )?;
    for id in wanted {
        if stmt.query_row(params![id, org], |r| r.get::<_, bool>(0))? && !found.contains(id) {
            found.push(*id);
        }
    }
    Ok(found)
}

/// Stores a standalone thread of `org` (0010's trigger makes it its own
/// owner) with the contacts named; answers its id.
/// Whether the organisation has any standalone thread.
pub fn any_in(c: &Conn<'_>, org: Id) -> Result<bool> {
    Ok(c.0
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM threads WHERE organization_id = ?1 AND kind = 'standalone')",
        )?
        .query_row([org], |r| r.get(0))?)
}

pub fn insert(
    c: &Conn<'_>,
    org: Id,
    subject: &str,
    started_by: Id,
    participants: &[Id],
    now: i64,
) -> Result<Id> {
    c.0.prepare_cached(
        "INSERT INTO threads (organization_id, kind, created_at) VALUES (?1, 'standalone', ?2)",
    )?
    .execute(params![org, now])?;
    let thread = c.0.last_insert_rowid();
    c.0.prepare_cached(
        "INSERT INTO conversations (thread_id, subject, started_by) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![thread, subject, started_by])?;
    let mut add = c.0.prepare_cached(
        "INSERT OR IGNORE INTO thread_participants (thread_id, user_id) VALUES (?1, ?2)",
    )?;
    for p in participants {
        add.execute(params![thread, p])?;
    }
    Ok(thread)
}
