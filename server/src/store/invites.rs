//! Single-use invite codes. Only a SHA-256 of each code is stored.

use portico_shared::Id;
use rusqlite::{OptionalExtension, params};

use super::{Conn, Result};

pub fn insert(
    c: &Conn<'_>,
    user_id: Id,
    code_hash: &[u8],
    now: i64,
    expires_at: i64,
) -> Result<()> {
    c.0.prepare_cached(
        "INSERT INTO invites (user_id, code_hash, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![user_id, code_hash, now, expires_at])?;
    Ok(())
}

/// A valid code's invite and person: unused, unexpired, its person still invited.
pub fn live(c: &Conn<'_>, code_hash: &[u8], now: i64) -> Result<Option<(Id, Id)>> {
    Ok(c.0.prepare_cached(
        "SELECT i.id, i.user_id FROM invites i JOIN users u ON u.id = i.user_id
         WHERE i.code_hash = ?1 AND i.used_at IS NULL AND i.expires_at > ?2 AND u.status = 'invited'",
    )?
    .query_row(params![code_hash, now], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()?)
}

/// Uses up a valid code and returns whose it was.
pub fn redeem(c: &Conn<'_>, code_hash: &[u8], now: i64) -> Result<Option<Id>> {
    let found = live(c, code_hash, now)?;
    let Some((invite_id, user_id)) = found else {
        return Ok(None);
    };
    c.0.prepare_cached("UPDATE invites SET used_at = ?2 WHERE id = ?1")?
        .execute(params![invite_id, now])?;
    Ok(Some(user_id))
}

/// Makes every outstanding code of a person useless (resend, removal).
pub fn void_all(c: &Conn<'_>, user_id: Id, now: i64) -> Result<()> {
    c.0.prepare_cached("UPDATE invites SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL")?
        .execute(params![user_id, now])?;
    Ok(())
}
