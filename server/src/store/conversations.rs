//! Standalone threads (conversations): a subject, an organisation, and
//! optionally the contacts of it who take part. The scope is in the SQL:
//! a contact sees their organisation's threads that list nobody or them.

use portico_shared::{Conversation, ConversationQuery, Id, OrganizationRef, Page, PersonRef};
use rusqlite::types::Value;
use rusqlite::{Row, params, params_from_iter};

use super::{Conn, OptionalRow, Result, key_cursor, page_of, ts};
use crate::access::ConversationScope;

/// The columns `from_row` reads. Binds ?2 (staff: every thread and every
/// message) and ?3 (the viewer); the latest time is 0024's, any message for
/// staff and public ones for clients.
const COLUMNS: &str = "SELECT cv.thread_id AS id, cv.subject, cv.organization_id, org.name, cv.started_by,
        u.name, th.created_at,
        (SELECT COUNT(*) FROM messages m WHERE m.thread_id = cv.thread_id AND (?2 OR m.internal = 0)),
        COALESCE((SELECT CASE WHEN ?2 THEN r.seen_all ELSE r.seen_public END
                  FROM thread_reads r WHERE r.user_id = ?3 AND r.thread_id = cv.thread_id), 0),
        CASE WHEN ?2 THEN cv.last_at ELSE cv.last_public_at END
    FROM conversations cv
    JOIN threads th ON th.id = cv.thread_id
    JOIN organizations org ON org.id = cv.organization_id
    JOIN users u ON u.id = cv.started_by";

/// A contact sees the threads that name nobody, or them; staff see all.
const TAKES_PART: &str =
    "(?2 OR NOT EXISTS (SELECT 1 FROM thread_participants tp WHERE tp.thread_id = cv.thread_id)
           OR EXISTS (SELECT 1 FROM thread_participants tp
                      WHERE tp.thread_id = cv.thread_id AND tp.user_id = ?3))";

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
    let sql = format!(
        "{COLUMNS} WHERE (?1 IS NULL OR cv.organization_id = ?1) AND {TAKES_PART} AND cv.thread_id = ?4"
    );
    let mut t =
        c.0.prepare_cached(&sql)?
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
    let after = match q.cursor.as_deref() {
        None => (i64::MAX, Id::MAX),
        Some(raw) => key_cursor(raw)?,
    };
    let org = match (scope.org(), q.organization_id) {
        // A contact asking for another organisation's threads sees none.
        (Some(own), Some(asked)) if own != asked => {
            return Ok(page_of(Vec::new(), limit, |_| String::new()));
        }
        (own, asked) => own.or(asked),
    };
    let (sql, values) = list_sql(scope, org, after, limit);
    let mut rows =
        c.0.prepare_cached(&sql)?
            .query_map(params_from_iter(values), from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    for t in &mut rows {
        t.participants = participants(c, t.id)?;
    }
    Ok(page_of(rows, limit, |t| {
        format!("{}.{}", t.last_message_at.as_second(), t.id)
    }))
}

/// The SQL and values of `list`: one index range of 0024's, by the latest
/// time the viewer may see (any message for staff, public ones for
/// clients), within one organisation when there is one.
pub(in crate::store) fn list_sql(
    scope: &ConversationScope,
    org: Option<Id>,
    (last, before): (i64, Id),
    limit: u32,
) -> (String, Vec<Value>) {
    let key = if scope.staff() {
        "cv.last_at"
    } else {
        "cv.last_public_at"
    };
    let in_org = match org {
        Some(_) => "cv.organization_id = ?1",
        None => "?1 IS NULL",
    };
    // The first term is the index range; the second skips the rows of the
    // cursor's own time already shown.
    let sql = format!(
        "{COLUMNS} WHERE {in_org} AND {TAKES_PART}
           AND {key} <= ?4 AND ({key} < ?4 OR cv.thread_id < ?5)
         ORDER BY {key} DESC, cv.thread_id DESC LIMIT ?6"
    );
    let values = vec![
        org.map_or(Value::Null, Value::Integer),
        Value::Integer(i64::from(scope.staff())),
        Value::Integer(scope.me()),
        Value::Integer(last),
        Value::Integer(before),
        Value::Integer(i64::from(limit) + 1),
    ];
    (sql, values)
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
