//! Live events recorded by a process beside the server (`crate::relay`),
//! waiting for the server to publish them.

use portico_shared::Id;
use rusqlite::params;

use super::{Conn, Result};

/// One recorded change, as JSON, and who caused it.
#[derive(Debug, Clone)]
pub struct Relayed {
    pub id: Id,
    pub actor_id: Id,
    pub change: String,
    pub created_at: i64,
}

/// Records changes (JSON) `actor` caused, and drops what was recorded
/// before `stale_before` and never published (no server was running).
pub fn record(
    c: &Conn<'_>,
    actor: Id,
    changes: &[String],
    now: i64,
    stale_before: i64,
) -> Result<()> {
    c.0.prepare_cached("DELETE FROM relayed_events WHERE created_at < ?1")?
        .execute([stale_before])?;
    let mut insert = c.0.prepare_cached(
        "INSERT INTO relayed_events (actor_id, change, created_at) VALUES (?1, ?2, ?3)",
    )?;
    for change in changes {
        insert.execute(params![actor, change, now])?;
    }
    Ok(())
}

/// The oldest `limit` recorded changes, oldest first.
pub fn pending(c: &Conn<'_>, limit: u32) -> Result<Vec<Relayed>> {
    let mut stmt = c.0.prepare_cached(
        "SELECT id, actor_id, change, created_at FROM relayed_events ORDER BY id LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        Ok(Relayed {
            id: r.get(0)?,
            actor_id: r.get(1)?,
            change: r.get(2)?,
            created_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Deletes every recorded change up to `last` (published or given up on).
pub fn forget_through(c: &Conn<'_>, last: Id) -> Result<usize> {
    Ok(c.0
        .prepare_cached("DELETE FROM relayed_events WHERE id <= ?1")?
        .execute([last])?)
}
