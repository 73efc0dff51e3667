//! Keeping what strangers and the sender leave behind bounded: mail that
//! came in and landed nowhere, public submissions held for staff, and
//! outbox mail that is finished (sent or given up on). Each is dropped
//! when older than its keeping time (the background job) and, oldest
//! first, beyond a row cap (after every insert too, so a burst between two
//! runs of the job stays bounded). Queued mail is never dropped: it is
//! what a change promised to send.

use super::{Conn, Result};

/// The tables kept bounded, and which rows of them may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    Quarantine,
    Holds,
    FinishedMail,
}

impl Kept {
    pub const ALL: [Kept; 3] = [Kept::Quarantine, Kept::Holds, Kept::FinishedMail];

    /// (table, the rows that may be dropped, their age column)
    fn sql(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Kept::Quarantine => ("mail_quarantine", "1", "received_at"),
            Kept::Holds => ("support_form_holds", "1", "created_at"),
            Kept::FinishedMail => (
                "outbox",
                "(sent_at IS NOT NULL OR failed_at IS NOT NULL)",
                "COALESCE(sent_at, failed_at)",
            ),
        }
    }
}

/// Drops `kept`'s rows older than `cutoff`; answers how many.
pub fn drop_before(c: &Conn<'_>, kept: Kept, cutoff: i64) -> Result<usize> {
    let (table, which, age) = kept.sql();
    Ok(c.0
        .prepare_cached(&format!("DELETE FROM {table} WHERE {which} AND {age} < ?1"))?
        .execute([cutoff])?)
}

/// Drops `kept`'s oldest rows (by id, which is insertion order) beyond
/// the newest `max`; answers how many.
pub fn cap(c: &Conn<'_>, kept: Kept, max: u32) -> Result<usize> {
    let (table, which, _) = kept.sql();
    Ok(c.0
        .prepare_cached(&format!(
            "DELETE FROM {table} WHERE {which} AND id <= (
                 SELECT id FROM {table} WHERE {which} ORDER BY id DESC LIMIT 1 OFFSET ?1)"
        ))?
        .execute([max])?)
}
