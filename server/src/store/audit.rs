//! The audit log: who did what, when, from where.

use portico_shared::{AuditEntry, Id, Page};
use rusqlite::params;

use super::{Conn, Result, page_of, ts};

pub struct Entry<'a> {
    pub at: i64,
    pub actor_id: Option<Id>,
    pub action: &'a str,
    pub target: String,
    pub ip: &'a str,
    pub detail: String,
}

pub fn record(c: &Conn<'_>, e: &Entry<'_>) -> Result<()> {
    c.0.prepare_cached(
        "INSERT INTO audit_log (at, actor_id, action, target, ip, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![e.at, e.actor_id, e.action, e.target, e.ip, e.detail])?;
    Ok(())
}

/// What the audit viewer narrows to; `None` leaves a part open.
#[derive(Default)]
pub struct Filter<'a> {
    /// Only entries older than this id (the cursor).
    pub before: Option<Id>,
    pub since: Option<i64>,
    /// Lower case, as addresses are stored.
    pub actor_email: Option<&'a str>,
    pub action_prefix: Option<&'a str>,
}

/// Newest first; the cursor is the last id seen. Time and person reach the
/// rows through their indexes (ids grow with time, so `since` becomes the
/// first id at or after it).
pub fn list(c: &Conn<'_>, f: &Filter<'_>, limit: u32) -> Result<Page<AuditEntry>> {
    let rows =
        c.0.prepare_cached(
            "SELECT a.id, a.at, a.actor_id, u.email, a.action, a.target, a.ip, a.detail
             FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
             WHERE (?1 IS NULL OR a.id < ?1)
               AND (?2 IS NULL OR a.id >= (SELECT id FROM audit_log WHERE at >= ?2 ORDER BY at LIMIT 1))
               AND (?3 IS NULL OR a.actor_id = (SELECT id FROM users WHERE email = ?3))
               AND (?4 IS NULL OR substr(a.action, 1, length(?4)) = ?4)
             ORDER BY a.id DESC LIMIT ?5",
        )?
        .query_map(
            params![f.before, f.since, f.actor_email, f.action_prefix, limit + 1],
            |r| {
                Ok(AuditEntry {
                    id: r.get(0)?,
                    at: ts(r.get(1)?),
                    actor_id: r.get(2)?,
                    actor_email: r.get(3)?,
                    action: r.get(4)?,
                    target: r.get(5)?,
                    ip: r.get(6)?,
                    detail: r.get(7)?,
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(page_of(rows, limit, |e| e.id.to_string()))
}

/// Deletes the entries written before `cutoff`; answers how many.
pub fn delete_before(c: &Conn<'_>, cutoff: i64) -> Result<usize> {
    Ok(c.0
        .prepare_cached("DELETE FROM audit_log WHERE at < ?1")?
        .execute([cutoff])?)
}
