//! Two-factor sign-in: each person's authenticator secret, their recovery
//! codes (hashed), and the challenges between password and code.

use portico_shared::Id;
use rusqlite::{OptionalExtension, params};

use super::{Conn, Result};

/// A person's authenticator secret.
pub struct Secret {
    pub bytes: Vec<u8>,
    pub confirmed: bool,
}

pub fn secret(c: &Conn<'_>, user: Id) -> Result<Option<Secret>> {
    Ok(c.0
        .prepare_cached(
            "SELECT secret, confirmed_at IS NOT NULL FROM totp_secrets WHERE user_id = ?1",
        )?
        .query_row([user], |r| {
            Ok(Secret {
                bytes: r.get(0)?,
                confirmed: r.get(1)?,
            })
        })
        .optional()?)
}

/// Whether the person signs in with a second factor.
pub fn enabled(c: &Conn<'_>, user: Id) -> Result<bool> {
    Ok(secret(c, user)?.is_some_and(|s| s.confirmed))
}

/// Starts (or starts again) an enrolment with a new, unconfirmed secret.
pub fn start(c: &Conn<'_>, user: Id, secret: &[u8]) -> Result<()> {
    c.0.prepare_cached(
        "INSERT INTO totp_secrets (user_id, secret) VALUES (?1, ?2)
         ON CONFLICT (user_id) DO UPDATE SET secret = ?2, confirmed_at = NULL, last_step = 0",
    )?
    .execute(params![user, secret])?;
    Ok(())
}

/// Takes time step `step` as used, if no later or equal one was: answers
/// whether it was still unused (a code works once).
pub fn spend_step(c: &Conn<'_>, user: Id, step: i64) -> Result<bool> {
    let n =
        c.0.prepare_cached(
            "UPDATE totp_secrets SET last_step = ?2 WHERE user_id = ?1 AND last_step < ?2",
        )?
        .execute(params![user, step])?;
    Ok(n == 1)
}

pub fn confirm(c: &Conn<'_>, user: Id, now: i64) -> Result<()> {
    c.0.prepare_cached("UPDATE totp_secrets SET confirmed_at = ?2 WHERE user_id = ?1")?
        .execute(params![user, now])?;
    Ok(())
}

/// Turns two-factor sign-in off: the secret and the recovery codes go.
pub fn remove(c: &Conn<'_>, user: Id) -> Result<()> {
    c.0.prepare_cached("DELETE FROM totp_secrets WHERE user_id = ?1")?
        .execute([user])?;
    c.0.prepare_cached("DELETE FROM recovery_codes WHERE user_id = ?1")?
        .execute([user])?;
    Ok(())
}

/// Replaces the person's recovery codes with these (hashed) ones.
pub fn replace_recovery(c: &Conn<'_>, user: Id, hashes: &[Vec<u8>]) -> Result<()> {
    c.0.prepare_cached("DELETE FROM recovery_codes WHERE user_id = ?1")?
        .execute([user])?;
    let mut insert =
        c.0.prepare_cached("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?1, ?2)")?;
    for h in hashes {
        insert.execute(params![user, h])?;
    }
    Ok(())
}

/// Uses an unused recovery code: answers whether there was one.
pub fn spend_recovery(c: &Conn<'_>, user: Id, hash: &[u8], now: i64) -> Result<bool> {
    let n =
        c.0.prepare_cached(
            "UPDATE recovery_codes SET used_at = ?3
         WHERE user_id = ?1 AND code_hash = ?2 AND used_at IS NULL",
        )?
        .execute(params![user, hash, now])?;
    Ok(n == 1)
}

/// A new challenge; expired ones go at the same time, so they never pile up.
pub fn insert_challenge(
    c: &Conn<'_>,
    hash: &[u8],
    user: Id,
    now: i64,
    expires_at: i64,
) -> Result<()> {
    c.0.prepare_cached("DELETE FROM login_challenges WHERE expires_at <= ?1")?
        .execute([now])?;
    c.0.prepare_cached(
        "INSERT INTO login_challenges (token_hash, user_id, expires_at) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![hash, user, expires_at])?;
    Ok(())
}

/// The person a live challenge is for, counting this try; `None` when
/// unknown, expired or out of tries.
pub fn try_challenge(c: &Conn<'_>, hash: &[u8], now: i64, max_tries: i64) -> Result<Option<Id>> {
    Ok(c.0
        .prepare_cached(
            "UPDATE login_challenges SET attempts = attempts + 1
             WHERE token_hash = ?1 AND expires_at > ?2 AND attempts < ?3
             RETURNING user_id",
        )?
        .query_row(params![hash, now, max_tries], |r| r.get(0))
        .optional()?)
}

pub fn end_challenge(c: &Conn<'_>, hash: &[u8]) -> Result<()> {
    c.0.prepare_cached("DELETE FROM login_challenges WHERE token_hash = ?1")?
        .execute([hash])?;
    Ok(())
}
