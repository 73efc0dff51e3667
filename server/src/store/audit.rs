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

/// Newest first; the cursor is the last id seen.
pub fn list(c: &Conn<'_>, before: Option<Id>, limit: u32) -> Result<Page<AuditEntry>> {
    let rows =
        c.0.prepare_cached(
            "SELECT a.id, a.at, a.actor_id, u.email, a.action, a.target, a.ip, a.detail
             FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
             WHERE ?1 IS NULL OR a.id < ?1
             ORDER BY a.id DESC LIMIT ?2",
        )?
        .query_map(params![before, limit + 1], |r| {
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
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(page_of(rows, limit, |e| e.id.to_string()))
}
